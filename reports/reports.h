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

#include <time.h>

#include "analytics/analytics.h"
#include "analytics/audits.h"
#include "analytics/disclosure.h"
#include "analytics/evidence.h"
#include "analytics/feedback.h"
#include "analytics/reviews.h"
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
/*
 * The learning improvement cycle: the records held at each stage (all
 * dates), those about people (feedback, service users, the dataset) in
 * records_about_people, a count for disclosure, the rest in records.
 */
struct an_result *rpt_cycle(sqlite3 *, const struct an_sdc *, struct lia_err *);
/* The evidence log: items and reach per unit by kind, theme, month or review. */
struct an_result *rpt_evidence(sqlite3 *, const struct an_evidence_opts *,
    const struct an_sdc *, struct lia_err *);
/*
 * The PQA analyses.  Feedback: parts "questions" (a column n_P per point
 * of the questions' scales), "pairs", "stages" and "overall" (every rated
 * answer after the training as one, a row when there is any).  Audits: parts "rows",
 * "changes", "trend", "section11", "rag" and "overall" (each kind's cycles
 * pooled over their standards, the totals of the rows' groups); a trend
 * test, and a kind's change, is hidden too where any of its cycles'
 * counts is.
 */
struct an_result *rpt_feedback(sqlite3 *, const struct an_feedback_opts *,
    const struct an_sdc *, struct lia_err *);
struct an_result *rpt_audits(sqlite3 *, const struct an_audits_opts *,
    const struct an_sdc *, struct lia_err *);

/*
 * The reviews' analyses.  Timeliness: parts "rows" (the clocks), "milestones"
 * and "clocks" (how many reviews met each); with seed, the seed report's
 * table instead: a column per review, a row per milestone, cells "Feb 2018".
 * Actions: parts "rows" (by review, theme or both, with a total) and
 * "overdue".  Impact: parts "rows" (the chain by theme, its gaps a list) and
 * "gaps" (a row per theme and gap).
 */
struct an_result *rpt_timeliness(sqlite3 *, const struct an_timeliness_opts *, int seed,
    const struct an_sdc *, struct lia_err *);
struct an_result *rpt_actions(sqlite3 *, const struct an_actions_opts *,
    const struct an_sdc *, struct lia_err *);
struct an_result *rpt_impact(sqlite3 *, const struct an_impact_opts *,
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
	RPT_STANDARD = 1 << 10,	/* audits: a standard's code */
	RPT_REVIEW_KIND = 1 << 11	/* reviews: scr | cspr | rapid_review | sar (--kind) */
};
#define RPT_LAST RPT_REVIEW_KIND	/* the highest bit, for loops over them */
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
	const char *review_kind;	/* the schema's word of a review kind ("scr"); NULL for all */
};

void rpt_args_defaults(struct rpt_args *);

struct rpt_figure {
	const char *name;	/* "reach-by-agency" */
	const char *help;	/* its lines of `lia chart --help` */
	unsigned accepts;	/* enum rpt_arg bits */
	unsigned needs;		/* of them, the required ones */
	double width, height;	/* default size in points */
	/*
	 * The disclosed result the chart is drawn from, by its table function
	 * with these options.  Returns a result to free with an_result_free,
	 * or NULL with err.
	 */
	struct an_result *(*result)(sqlite3 *, const struct rpt_args *, struct lia_err *);
	/*
	 * Draws the chart from that result, or from the same result a caller
	 * holds already (a pack printing it as a table too), reading nothing
	 * else; may raise *height to fit its rows.  Returns a chart to free
	 * with chart_free, or NULL with err.
	 */
	struct chart *(*draw)(const struct an_result *, const struct rpt_args *, double *height,
	    struct lia_err *);
};

/* Every named figure, ending with a NULL name. */
extern const struct rpt_figure rpt_figures[];

/* The figure of a name, or NULL. */
const struct rpt_figure *rpt_figure_find(const char *name);

/*
 * A figure from the database: its result, then its drawing.  Returns a
 * chart to free with chart_free, or NULL with err.
 */
struct chart *rpt_figure_build(const struct rpt_figure *, sqlite3 *, const struct rpt_args *,
    double *height, struct lia_err *);

/* The option of an rpt_arg bit in words ("--as-at"), for messages. */
const char *rpt_arg_name(unsigned bit);

/* "2019/20 (1 April 2019 to 31 March 2020)", "all dates": g_free it. */
char *rpt_period_words(const struct period *);

/* ---- report packs (packs.c, targets.c) ------------------------------------------- */

/*
 * The board's key indicators, each rated Red, Amber or Green against a
 * target (docs/methods.md gives the defaults; --targets FILE overrides).
 */
enum rpt_kpi {
	RPT_KPI_COVERAGE,	/* workforce trained in the period */
	RPT_KPI_IN_DATE,	/* workforce whose training is in date */
	RPT_KPI_DNA,		/* did-not-attend rate (lower is better) */
	RPT_KPI_TRAINERS,	/* trainer pool against its size */
	RPT_KPI_NOTIFICATION,	/* notifications within 5 working days */
	RPT_KPI_RAPID_REVIEW,	/* rapid reviews within 15 working days */
	RPT_KPI_REVIEWS_6M,	/* reviews completed within 6 months */
	RPT_KPI_ACTIONS_OVERDUE,	/* review actions overdue (lower is better) */
	RPT_KPI_AUDIT,		/* audit compliance, latest cycle */
	RPT_KPI_FEEDBACK,	/* top-two-box share of feedback answers */
	RPT_KPI_COUNT
};

struct rpt_target {
	const char *key;	/* the targets file's key: "coverage" */
	const char *label;	/* "Workforce trained" */
	int share;		/* a share 0..1, written as a percentage */
	int lower_better;	/* green at or below the target */
	double target;		/* green at or beyond it */
	double amber;		/* amber at or beyond it, red past it */
};

struct rpt_targets {
	struct rpt_target t[RPT_KPI_COUNT];
};

/* The defaults of docs/methods.md. */
void rpt_targets_defaults(struct rpt_targets *);

/*
 * Reads "key = value" lines over the targets (the defaults, say): keys
 * as rpt_target.key, "KEY.amber" for the amber threshold, shares as "80%"
 * or 0.8, counts as whole numbers; '#' starts a comment; blank lines are
 * ignored.  text need not end in a NUL.  name is the file's name for
 * messages.  Returns 0, or -1 with err (its line and what is wrong); the
 * targets are then unchanged.
 */
int rpt_targets_parse(struct rpt_targets *, const char *text, size_t len, const char *name,
    struct lia_err *);
/* The same from a file (at most 64 KB).  0, or -1 with err. */
int rpt_targets_load(struct rpt_targets *, const char *path, struct lia_err *);

enum rpt_pack {
	RPT_PACK_BOARD,		/* the board assurance pack */
	RPT_PACK_LD,		/* the L&D reach report */
	RPT_PACK_PQA		/* the PQA impact report */
};

/* "board", "ld", "pqa"; 0, or -1 when not one. */
int rpt_pack_parse(const char *, enum rpt_pack *);

struct rpt_pack_opts {
	enum rpt_pack pack;
	struct period period;	/* period_all by default */
	const char *partnership;	/* the author; NULL: "Safeguarding children partnership" */
	const char *title;	/* NULL: the pack's own */
	struct an_sdc sdc;	/* the packs' default: threshold 5 */
	struct rpt_targets targets;
	time_t produced;	/* the moment it is made (the cover, the metadata) */
};

void rpt_pack_opts_defaults(struct rpt_pack_opts *);

/*
 * Builds a pack from the database and writes it to path, as PDF or as
 * accessible HTML by the extension (.pdf, .html or .htm), atomically and
 * mode 0600.  Returns 0, or -1 with err (an analysis's error, a file that
 * cannot be written, an unknown extension).
 */
int rpt_pack_write(sqlite3 *, const struct rpt_pack_opts *, const char *path,
    struct lia_err *);

#endif
