/*
 * reports: the floor that turns analyses into what people read.  It owns
 * the results of the analyses as tables (one table function per analysis:
 * run it, lay its result out as an an_result, apply disclosure control),
 * and the named figures (one function per chart name, drawn from those
 * disclosed tables), so that `lia reach`, `lia chart` and every report
 * pack show the same numbers with the same numbers hidden.  Nothing here
 * prints.
 */
#ifndef LIA_REPORTS_H
#define LIA_REPORTS_H

#include "analytics/analytics.h"
#include "analytics/audits.h"
#include "analytics/disclosure.h"
#include "analytics/evidence.h"
#include "analytics/feedback.h"
#include "analytics/table.h"
#include "charts/charts.h"
#include "core/core.h"

/* ---- results (tables.c) ------------------------------------------------------- */

/*
 * Each runs its analysis, lays the result out as a table (rows keyed by
 * the grouping's own name, a total, notes) and applies the disclosure
 * rule sdc (NULL or off: nothing hidden).  Returns a result to free with
 * an_result_free, or NULL with err (the analysis's errors).
 */
struct an_result *rpt_reach(sqlite3 *, const struct an_reach_opts *, const struct an_sdc *,
    struct lia_err *);
struct an_result *rpt_currency(sqlite3 *, const struct an_currency_opts *,
    const struct an_sdc *, struct lia_err *);
struct an_result *rpt_trainers(sqlite3 *, const struct an_trainers_opts *,
    const struct an_sdc *, struct lia_err *);
/* The evidence log: items and reach per unit by kind, theme, month or review. */
struct an_result *rpt_evidence(sqlite3 *, const struct an_evidence_opts *,
    const struct an_sdc *, struct lia_err *);
/*
 * The PQA analyses.  Feedback: parts "questions" (a column n_P per point
 * of the questions' scales), "pairs" and "stages".  Audits: parts "rows",
 * "changes", "trend", "section11" and "rag"; a trend test is hidden too
 * where any of its cycles' counts is.
 */
struct an_result *rpt_feedback(sqlite3 *, const struct an_feedback_opts *,
    const struct an_sdc *, struct lia_err *);
struct an_result *rpt_audits(sqlite3 *, const struct an_audits_opts *,
    const struct an_sdc *, struct lia_err *);

/* ---- figures (figures.c) ------------------------------------------------------- */

/* The options a figure may take: bits of rpt_args.given and rpt_figure.accepts. */
enum rpt_arg {
	RPT_PERIOD = 1 << 0,	/* --period, --from, --to */
	RPT_AGENCY = 1 << 1,
	RPT_COURSE = 1 << 2,
	RPT_THEME = 1 << 3,
	RPT_BY = 1 << 4,	/* agency | sector */
	RPT_AS_AT = 1 << 5,
	RPT_LEVEL = 1 << 6,
	RPT_SUPPRESS = 1 << 7,
	RPT_STAGE = 1 << 8,	/* feedback: baseline | post | follow-up */
	RPT_KIND = 1 << 9,	/* audits: section11 | s175 | single_agency | multi_agency */
	RPT_STANDARD = 1 << 10	/* audits: a standard's code */
};
#define RPT_LAST RPT_STANDARD	/* the highest bit, for loops over them */
#define RPT_REACH (RPT_PERIOD | RPT_AGENCY | RPT_COURSE | RPT_THEME)

/* A figure's options, as given; absent ones keep rpt_args_defaults's values. */
struct rpt_args {
	unsigned given;		/* enum rpt_arg bits */
	struct period period;	/* period_all by default */
	const char *agency, *course, *theme;
	enum an_dim by;		/* AN_DIM_AGENCY by default */
	lia_date as_at;
	int level;		/* training level; 0 for any */
	struct an_sdc sdc;	/* off by default */
	int stage;		/* an enum an_stage; -1 (default) for every stage */
	const char *kind, *standard;	/* audits; NULL for all */
};

void rpt_args_defaults(struct rpt_args *);

struct rpt_figure {
	const char *name;	/* "reach-by-agency" */
	const char *help;	/* its lines of `lia chart --help` */
	unsigned accepts;	/* enum rpt_arg bits */
	unsigned needs;		/* of them, the required ones */
	double width, height;	/* default size in points */
	/*
	 * Builds the chart from the database; may raise *height to fit its
	 * rows.  Returns a chart to free with chart_free, or NULL with err.
	 */
	struct chart *(*build)(sqlite3 *, const struct rpt_args *, double *height,
	    struct lia_err *);
};

/* Every named figure, ending with a NULL name. */
extern const struct rpt_figure rpt_figures[];

/* The figure of a name, or NULL. */
const struct rpt_figure *rpt_figure_find(const char *name);

/* The option of an rpt_arg bit in words ("--as-at"), for messages. */
const char *rpt_arg_name(unsigned bit);

/* "2019/20 (1 April 2019 to 31 March 2020)", "all dates": g_free it. */
char *rpt_period_words(const struct period *);

#endif
