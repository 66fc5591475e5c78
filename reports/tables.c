/*
 * tables: the L&D analyses as result tables.  Each public function runs its
 * analysis, lays the result out with one table function (the column lists
 * below are the JSON keys and CSV headers other consumers read by name,
 * and say which columns count people and which are computed from those
 * counts) and applies disclosure control.  `lia reach`, the figures and the
 * packs all take their numbers from here.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "reports/reports.h"

/* Disclosure control, when a rule is given. */
static void
disclose(struct an_result *res, const struct an_sdc *sdc)
{
	if (sdc)
		an_disclose(res, sdc);
}

/* The period's label and ISO bounds, three params cells. */
static void
period_params(struct an_table *t, const struct period *p)
{
	char buf[DATE_ISO_LEN];

	an_table_text(t, p->label);
	an_table_text(t, p->from == INT32_MIN ? NULL : date_format(p->from, buf));
	an_table_text(t, p->to == INT32_MAX ? NULL : date_format(p->to, buf));
}

/* ---- reach ----------------------------------------------------------------- */

#define CNT(name, label) { name, AN_INT, AN_COUNT, NULL, NULL, label }
#define PCT(name, from, label) { name, AN_PCT, AN_DERIVED, from, NULL, label }

static const struct an_col reach_cols[] = {
	{ "key", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },	/* renamed to the dimension */
	{ "sessions", AN_INT, AN_PLAIN, NULL, NULL, NULL },
	{ "courses", AN_INT, AN_PLAIN, NULL, NULL, NULL },
	CNT("attendances", NULL),
	CNT("unique_practitioners", NULL),
	CNT("headcount_attendances", "Headcount-only attendances"),
	CNT("dna", "Did not attend"),
	CNT("cancelled", NULL),
	PCT("dna_rate", "attendances dna", "DNA rate"),
	PCT("fill_rate", "attendances headcount_attendances", NULL),
	{ "workforce", AN_INT, AN_PLAIN, NULL, NULL, NULL },
	PCT("coverage", "unique_practitioners", NULL),
	PCT("coverage_ci_low", "unique_practitioners", "Coverage 95% CI low"),
	PCT("coverage_ci_high", "unique_practitioners", "Coverage 95% CI high"),
	/* --cumulative */
	CNT("new_practitioners", NULL),
	CNT("cumulative_practitioners", NULL),
	PCT("cumulative_coverage", "cumulative_practitioners", NULL),
	PCT("cumulative_ci_low", "cumulative_practitioners", "Cumulative 95% CI low"),
	PCT("cumulative_ci_high", "cumulative_practitioners", "Cumulative 95% CI high"),
	CNT("cumulative_attendances", NULL),
};
#define REACH_NCOLS 14
#define REACH_NCOLS_CUMULATIVE 20

static void
reach_row(struct an_table *t, const struct an_reach_row *r, int cumulative, int titled)
{
	an_table_row(t);
	an_table_text(t, r->key);
	if (titled)
		an_table_text(t, r->title);
	an_table_int(t, r->sessions);
	an_table_int(t, r->courses);
	an_table_int(t, r->attendances);
	an_table_int(t, r->unique_practitioners);
	an_table_int(t, r->headcount_attendances);
	an_table_int(t, r->dna);
	an_table_int(t, r->cancelled);
	an_table_real(t, r->dna_rate);
	an_table_real(t, r->fill_rate);
	an_table_count(t, r->workforce);
	an_table_real(t, r->coverage);
	an_table_real(t, r->coverage_ci_low);
	an_table_real(t, r->coverage_ci_high);
	if (cumulative) {
		an_table_int(t, r->new_practitioners);
		an_table_int(t, r->cumulative_practitioners);
		an_table_real(t, r->cumulative_coverage);
		an_table_real(t, r->cumulative_ci_low);
		an_table_real(t, r->cumulative_ci_high);
		an_table_int(t, r->cumulative_attendances);
	}
}

static const struct an_col reach_param_cols[] = {
	{ "by", AN_TEXT }, { "period", AN_TEXT }, { "from", AN_TEXT }, { "to", AN_TEXT },
	{ "agency", AN_TEXT }, { "course", AN_TEXT }, { "theme", AN_TEXT },
	{ "cumulative", AN_BOOL }, { "confidence", AN_REAL },
};

static struct an_result *
reach_table(const struct an_reach *r, const struct an_reach_opts *o)
{
	/* By course, the course's title after its code. */
	struct an_col cols[REACH_NCOLS_CUMULATIVE + 1];
	int titled = o->by == AN_DIM_COURSE;
	int ncols = (o->cumulative ? REACH_NCOLS_CUMULATIVE : REACH_NCOLS) + titled;
	struct an_table *rows, *total, *params;
	struct an_result *res;
	char *title;
	size_t i;

	cols[0] = reach_cols[0];
	cols[0].name = an_dim_name(o->by);
	if (titled)
		cols[1] = (struct an_col){ "title", AN_TEXT, AN_PLAIN, NULL, NULL, "Course" };
	memcpy(cols + 1 + titled, reach_cols + 1, sizeof reach_cols - sizeof reach_cols[0]);
	rows = an_table_new(cols, ncols);
	total = an_table_new(cols, ncols);
	for (i = 0; i < r->nrows; i++)
		reach_row(rows, &r->rows[i], o->cumulative, titled);
	reach_row(total, &r->total, o->cumulative, titled);

	params = an_table_new(reach_param_cols, 9);
	an_table_row(params);
	an_table_text(params, o->by == AN_DIM_NONE ? NULL : an_dim_name(o->by));
	period_params(params, &o->period);
	an_table_text(params, o->agency);
	an_table_text(params, o->course);
	an_table_text(params, o->theme);
	an_table_int(params, o->cumulative);
	an_table_real(params, o->conf);

	title = g_strdup_printf("%sreach%s%s, %s%s%s%s%s%s%s", o->cumulative ? "cumulative " : "",
	    o->by == AN_DIM_NONE ? "" : " by ", o->by == AN_DIM_NONE ? "" : an_dim_name(o->by),
	    o->period.kind == PERIOD_ALL ? "all dates" : o->period.label,
	    o->agency ? ", agency " : "", o->agency ? o->agency : "",
	    o->course ? ", course " : "", o->course ? o->course : "",
	    o->theme ? ", theme " : "", o->theme ? o->theme : "");
	res = an_result_new("reach", title);
	g_free(title);
	res->params = params;
	an_result_add(res, "rows", NULL, rows, total);
	an_result_notes(res, r->notes.text, r->notes.n);
	return res;
}

struct an_result *
rpt_reach(sqlite3 *db, const struct an_reach_opts *o, const struct an_sdc *sdc,
    struct lia_err *err)
{
	struct an_reach *r = an_reach_run(db, o, err);
	struct an_result *res;

	if (r == NULL)
		return NULL;
	res = reach_table(r, o);
	an_reach_free(r);
	disclose(res, sdc);
	return res;
}

/* ---- currency ---------------------------------------------------------------- */

static const struct an_col currency_cols[] = {
	{ "key", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "workforce", AN_INT, AN_PLAIN, NULL, NULL, NULL },
	CNT("practitioners", "Practitioners trained"),
	CNT("in_date", "In date"),
	PCT("in_date_share", "in_date", "In-date share"),
	PCT("in_date_ci_low", "in_date", "95% CI low"),
	PCT("in_date_ci_high", "in_date", "95% CI high"),
};

static void
currency_row(struct an_table *t, const struct an_currency_row *r)
{
	an_table_row(t);
	an_table_text(t, r->key);
	an_table_count(t, r->workforce);
	an_table_int(t, r->practitioners);
	an_table_int(t, r->in_date);
	an_table_real(t, r->in_date_share);
	an_table_real(t, r->ci_low);
	an_table_real(t, r->ci_high);
}

static const struct an_col currency_param_cols[] = {
	{ "as_at", AN_TEXT }, { "level", AN_INT }, { "by", AN_TEXT },
	{ "rule", AN_TEXT }, { "hours_required", AN_REAL }, { "window_months", AN_INT },
	{ "confidence", AN_REAL },
};

static struct an_result *
currency_table(const struct an_currency *r)
{
	const struct an_currency_opts *o = &r->opts;
	struct an_col cols[7];
	struct an_table *rows, *total, *params;
	struct an_result *res;
	char buf[DATE_ISO_LEN], *title;
	size_t i;

	memcpy(cols, currency_cols, sizeof cols);
	cols[0].name = an_dim_name(o->by);
	rows = an_table_new(cols, 7);
	total = an_table_new(cols, 7);
	for (i = 0; i < r->nrows; i++)
		currency_row(rows, &r->rows[i]);
	currency_row(total, &r->total);

	params = an_table_new(currency_param_cols, 7);
	an_table_row(params);
	an_table_text(params, date_format(o->as_at, buf));
	if (o->level > 0)
		an_table_int(params, o->level);
	else
		an_table_null(params);
	an_table_text(params, o->by == AN_DIM_NONE ? NULL : an_dim_name(o->by));
	an_table_text(params, r->by_hours ? "hours" : "refresh");
	if (r->by_hours) {
		an_table_real(params, r->hours_required);
		an_table_int(params, r->window_months);
	} else {
		an_table_null(params);
		an_table_null(params);
	}
	an_table_real(params, o->conf);

	if (o->level > 0)
		title = g_strdup_printf("training currency, level %d, as at %s%s%s", o->level, buf,
		    o->by == AN_DIM_NONE ? "" : ", by ", o->by == AN_DIM_NONE ? "" : an_dim_name(o->by));
	else
		title = g_strdup_printf("training currency, any level, as at %s%s%s", buf,
		    o->by == AN_DIM_NONE ? "" : ", by ", o->by == AN_DIM_NONE ? "" : an_dim_name(o->by));
	res = an_result_new("currency", title);
	g_free(title);
	res->params = params;
	an_result_add(res, "rows", NULL, rows, total);
	an_result_notes(res, r->notes.text, r->notes.n);
	return res;
}

struct an_result *
rpt_currency(sqlite3 *db, const struct an_currency_opts *o, const struct an_sdc *sdc,
    struct lia_err *err)
{
	struct an_currency *r = an_currency_run(db, o, err);
	struct an_result *res;

	if (r == NULL)
		return NULL;
	res = currency_table(r);
	an_currency_free(r);
	disclose(res, sdc);
	return res;
}

/* ---- trainers ------------------------------------------------------------------ */

static const struct an_col trainer_cols[] = {
	{ "sector", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	CNT("trainers", NULL),
	{ "agencies", AN_INT, AN_PLAIN, NULL, NULL, "Agencies with a trainer" },
	{ "represented", AN_BOOL, AN_PLAIN, NULL, NULL, NULL },
};

/* The total says more: the pool against its target. */
static const struct an_col trainer_total_cols[] = {
	{ "sector", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	CNT("trainers", NULL),
	{ "agencies", AN_INT, AN_PLAIN, NULL, NULL, NULL },
	{ "represented", AN_BOOL, AN_PLAIN, NULL, NULL, NULL },
	{ "target", AN_INT, AN_PLAIN, NULL, NULL, NULL },
	{ "shortfall", AN_INT, AN_DERIVED, "trainers", NULL, NULL },
	{ "sectors", AN_INT, AN_PLAIN, NULL, NULL, NULL },
	{ "sectors_represented", AN_INT, AN_PLAIN, NULL, NULL, NULL },
	{ "sectors_missing", AN_INT, AN_PLAIN, NULL, NULL, NULL },
};

static const struct an_col trainer_param_cols[] = {
	{ "course", AN_TEXT }, { "target", AN_INT },
};

static struct an_result *
trainers_table(const struct an_trainers *r)
{
	struct an_table *rows = an_table_new(trainer_cols, 4);
	struct an_table *total = an_table_new(trainer_total_cols, 9);
	struct an_table *params = an_table_new(trainer_param_cols, 2);
	struct an_result *res;
	int64_t agencies = 0;
	char *title;
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		an_table_row(rows);
		an_table_text(rows, r->rows[i].sector);
		an_table_int(rows, r->rows[i].trainers);
		an_table_int(rows, r->rows[i].agencies);
		an_table_int(rows, r->rows[i].trainers > 0);
		agencies += r->rows[i].agencies;
	}
	an_table_row(total);
	an_table_null(total);
	an_table_int(total, r->trainers);
	an_table_int(total, agencies);
	an_table_int(total, r->sectors_represented == r->sectors);
	an_table_int(total, r->target);
	an_table_int(total, r->shortfall);
	an_table_int(total, r->sectors);
	an_table_int(total, r->sectors_represented);
	an_table_int(total, r->sectors - r->sectors_represented);
	an_table_row(params);
	an_table_text(params, r->course);
	an_table_int(params, r->target);

	title = g_strdup_printf("trainer pool%s%s: %lld of a target of %d", r->course ? ", course " : "",
	    r->course ? r->course : "", (long long)r->trainers, r->target);
	res = an_result_new("trainers", title);
	g_free(title);
	res->params = params;
	an_result_add(res, "rows", NULL, rows, total);
	an_result_notes(res, r->notes.text, r->notes.n);
	return res;
}

struct an_result *
rpt_trainers(sqlite3 *db, const struct an_trainers_opts *o, const struct an_sdc *sdc,
    struct lia_err *err)
{
	struct an_trainers *r = an_trainers_run(db, o, err);
	struct an_result *res;

	if (r == NULL)
		return NULL;
	res = trainers_table(r);
	an_trainers_free(r);
	disclose(res, sdc);
	return res;
}

/* ---- the evidence log ------------------------------------------------------------ */

/* Reach in each unit apart, null where no item is counted in it: a
 * download is not a person.  Reach in people counts people; the other
 * units count things. */
static const struct an_col evidence_cols[] = {
	{ "key", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },	/* renamed to the grouping */
	CNT("items", NULL),
	CNT("reach_people", "Reach (people)"),
	{ "reach_downloads", AN_INT, AN_PLAIN, NULL, NULL, "Reach (downloads)" },
	{ "reach_views", AN_INT, AN_PLAIN, NULL, NULL, "Reach (views)" },
	{ "reach_copies", AN_INT, AN_PLAIN, NULL, NULL, "Reach (copies)" },
	/* A count of items too: with a kind's items hidden it would give them away. */
	CNT("items_without_reach", "Items without a reach"),
};
#define EVIDENCE_NCOLS 7

static void
evidence_row(struct an_table *t, const struct an_evidence_row *r)
{
	int u;

	an_table_row(t);
	an_table_text(t, r->key);
	an_table_int(t, r->items);
	for (u = 0; u < AN_UNIT_COUNT; u++)
		an_table_count(t, r->reach.items[u] > 0 ? r->reach.reach[u] : -1);
	an_table_int(t, r->no_reach);
}

static const struct an_col evidence_param_cols[] = {
	{ "by", AN_TEXT }, { "period", AN_TEXT }, { "from", AN_TEXT }, { "to", AN_TEXT },
	{ "kind", AN_TEXT }, { "theme", AN_TEXT },
};

static struct an_result *
evidence_table(const struct an_evidence_log *log)
{
	struct an_col cols[EVIDENCE_NCOLS];
	struct an_table *rows, *total, *params;
	struct an_result *res;
	char *title;
	size_t i;

	memcpy(cols, evidence_cols, sizeof cols);
	cols[0].name = an_evidence_by_name(log->by);
	if (log->by == AN_EVBY_KIND)
		cols[0].words = an_evidence_kind_words;
	rows = an_table_new(cols, EVIDENCE_NCOLS);
	total = an_table_new(cols, EVIDENCE_NCOLS);
	for (i = 0; i < log->nrows; i++)
		evidence_row(rows, &log->rows[i]);
	evidence_row(total, &log->total);

	params = an_table_new(evidence_param_cols, 6);
	an_table_row(params);
	an_table_text(params, log->by == AN_EVBY_NONE ? NULL : an_evidence_by_name(log->by));
	period_params(params, &log->period);
	an_table_text(params, log->kind);
	an_table_text(params, log->theme);

	title = g_strdup_printf("evidence log%s%s, %s%s%s%s%s",
	    log->by == AN_EVBY_NONE ? "" : " by ",
	    log->by == AN_EVBY_NONE ? "" : an_evidence_by_name(log->by),
	    log->period.kind == PERIOD_ALL ? "all dates" : log->period.label,
	    log->kind ? ", kind " : "", log->kind ? log->kind : "",
	    log->theme ? ", theme " : "", log->theme ? log->theme : "");
	res = an_result_new("evidence", title);
	g_free(title);
	res->params = params;
	an_result_add(res, "rows", NULL, rows, total);
	an_result_notes(res, log->notes.text, log->notes.n);
	return res;
}

struct an_result *
rpt_evidence(sqlite3 *db, const struct an_evidence_opts *o, const struct an_sdc *sdc,
    struct lia_err *err)
{
	struct an_evidence_log *log = an_evidence_run(db, o, err);
	struct an_result *res;

	if (log == NULL)
		return NULL;
	res = evidence_table(log);
	an_evidence_log_free(log);
	disclose(res, sdc);
	return res;
}

/* ---- the improvement cycle ------------------------------------------------------- */

/*
 * A stage's records are counted in one of two columns: about people
 * (feedback responses, service users' feedback and complaints, attendance
 * records), a count for disclosure, or not (reviews, actions, sessions,
 * audits, reports), a plain number.
 */
static const struct an_col cycle_cols[] = {
	{ "stage", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "label", AN_TEXT, AN_PLAIN, NULL, NULL, "Stage" },
	{ "group", AN_TEXT, AN_PLAIN, NULL, NULL, "Owned by" },
	{ "held", AN_BOOL, AN_PLAIN, NULL, NULL, "Any record held" },
	{ "records", AN_INT, AN_PLAIN, NULL, NULL, "Records" },
	CNT("records_about_people", "Records about people"),
};

struct an_result *
rpt_cycle(sqlite3 *db, const struct an_sdc *sdc, struct lia_err *err)
{
	struct an_evidence ev[AN_EV_COUNT];
	struct an_table *t;
	struct an_result *res;
	int i;

	if (an_evidence_counts(db, ev, err) != 0)
		return NULL;
	t = an_table_new(cycle_cols, 6);
	for (i = 0; i < AN_EV_COUNT; i++) {
		an_table_row(t);
		an_table_text(t, ev[i].name);
		an_table_text(t, ev[i].label);
		an_table_text(t, an_evidence_groups[ev[i].group]);
		an_table_int(t, ev[i].held);
		if (ev[i].about_people) {
			an_table_null(t);
			an_table_int(t, ev[i].count);
		} else {
			an_table_int(t, ev[i].count);
			an_table_null(t);
		}
	}
	res = an_result_new("cycle", "the learning improvement cycle: records held at each stage");
	an_result_add(res, "rows", NULL, t, NULL);
	disclose(res, sdc);
	return res;
}

/* ---- feedback ------------------------------------------------------------------- */

/*
 * The column name of a scale point: "n_1", "n_0"; "n_minus1" below zero.
 * g_free it.
 */
static char *
point_name(long p)
{
	return p < 0 ? g_strdup_printf("n_minus%ld", -p) : g_strdup_printf("n_%ld", p);
}

/* The points of every question's scale together: lo..hi, or none (*lo > *hi). */
static void
point_range(const struct an_feedback *r, long *lo, long *hi)
{
	size_t i;

	*lo = 1;
	*hi = 0;
	for (i = 0; i < r->nquestions; i++) {
		const struct an_fb_question *q = &r->questions[i];
		long a, b;

		if (q->npoints == 0)
			continue;
		a = (long)q->scale_min;
		b = a + (long)q->npoints - 1;
		if (*lo > *hi) {
			*lo = a;
			*hi = b;
		} else {
			*lo = a < *lo ? a : *lo;
			*hi = b > *hi ? b : *hi;
		}
	}
}

/*
 * The questions table.  n is the sum of the points' counts in its row, so
 * disclosure protects the row; the mean, the top-two share and their
 * intervals are computed from the points, so any hidden point hides them
 * (with n and two points shown, a mean would give a hidden point away).
 */
static struct an_table *
feedback_questions(const struct an_feedback *r)
{
	const struct an_feedback_opts *o = &r->opts;
	long lo, hi, p;
	int npts, nc = 0, c, keyed = o->by != AN_DIM_NONE;
	struct an_col *cols;
	struct an_table *t;
	GString *points = g_string_new(NULL), *from = g_string_new("n");
	char **names;
	size_t i;

	point_range(r, &lo, &hi);
	npts = lo <= hi ? (int)(hi - lo + 1) : 0;
	names = g_new0(char *, npts + 1);
	for (c = 0; c < npts; c++) {
		names[c] = point_name(lo + c);
		g_string_append_printf(points, "%s%s", c ? " " : "", names[c]);
		g_string_append_printf(from, " %s", names[c]);
	}
	cols = g_new0(struct an_col, 12 + npts);	/* key, 4, points, 6 figures, small_n */
	if (keyed)
		cols[nc++] = (struct an_col){ an_dim_name(o->by), AN_TEXT, AN_PLAIN, NULL, NULL, NULL };
	cols[nc++] = (struct an_col){ "question", AN_TEXT, AN_PLAIN, NULL, NULL, NULL };
	cols[nc++] = (struct an_col){ "scale", AN_TEXT, AN_PLAIN, NULL, NULL, NULL };
	cols[nc++] = (struct an_col){ "n", AN_INT, AN_COUNT, NULL, npts ? points->str : NULL, NULL };
	for (c = 0; c < npts; c++)
		cols[nc++] = (struct an_col){ names[c], AN_INT, AN_COUNT, NULL, NULL, NULL };
	cols[nc++] = (struct an_col){ "mean", AN_REAL, AN_DERIVED, from->str, NULL, NULL };
	cols[nc++] = (struct an_col){ "mean_ci_low", AN_REAL, AN_DERIVED, from->str, NULL,
	    "Mean 95% CI low" };
	cols[nc++] = (struct an_col){ "mean_ci_high", AN_REAL, AN_DERIVED, from->str, NULL,
	    "Mean 95% CI high" };
	cols[nc++] = (struct an_col){ "top2", AN_PCT, AN_DERIVED, from->str, NULL, "Top two" };
	cols[nc++] = (struct an_col){ "top2_ci_low", AN_PCT, AN_DERIVED, from->str, NULL,
	    "Top two 95% CI low" };
	cols[nc++] = (struct an_col){ "top2_ci_high", AN_PCT, AN_DERIVED, from->str, NULL,
	    "Top two 95% CI high" };
	cols[nc++] = (struct an_col){ "small_n", AN_BOOL, AN_PLAIN, NULL, NULL, "n below 10" };
	/* The words of the question as asked, last: long, for people and programs. */
	cols[nc++] = (struct an_col){ "text", AN_TEXT, AN_PLAIN, NULL, NULL, "Question asked" };
	t = an_table_new(cols, nc);
	for (i = 0; i < r->nquestions; i++) {
		const struct an_fb_question *q = &r->questions[i];

		an_table_row(t);
		if (keyed)
			an_table_text(t, q->group);
		an_table_text(t, q->question);
		an_table_text(t, q->scale);
		an_table_int(t, q->n);
		for (p = lo; p <= hi; p++) {
			/* An open scale (min NaN) has no points to count. */
			long k = q->npoints > 0 ? p - (long)q->scale_min : -1;

			if (k >= 0 && k < (long)q->npoints)
				an_table_int(t, q->counts[k]);
			else
				an_table_null(t);
		}
		an_table_real(t, q->mean);
		an_table_real(t, q->mean_ci_low);
		an_table_real(t, q->mean_ci_high);
		an_table_real(t, q->top2);
		an_table_real(t, q->top2_ci_low);
		an_table_real(t, q->top2_ci_high);
		an_table_int(t, q->small_n);
		an_table_text(t, q->text);
	}
	for (c = 0; c < npts; c++)
		g_free(names[c]);
	g_free(names);
	g_free(cols);
	g_string_free(points, TRUE);
	g_string_free(from, TRUE);
	return t;
}

#define PAIR(name, label) { name, AN_REAL, AN_DERIVED, "n_pairs", NULL, label }
#define PAIR_P(name, label) { name, AN_PVAL, AN_DERIVED, "n_pairs", NULL, label }

static const struct an_col pair_cols[] = {
	{ "key", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "question", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "before", AN_TEXT, AN_PLAIN, NULL, NULL, "Before question" },
	{ "after", AN_TEXT, AN_PLAIN, NULL, NULL, "After question" },
	CNT("n_pairs", "Pairs"),
	PAIR("mean_before", NULL),
	PAIR("mean_after", NULL),
	PAIR("mean_change", NULL),
	PAIR("ci_low", "95% CI low"),
	PAIR("ci_high", "95% CI high"),
	PAIR("t", NULL),
	PAIR("df", NULL),
	PAIR_P("p_t", "p (paired t)"),
	PAIR_P("p_wilcoxon", "p (Wilcoxon)"),
	PAIR("d_z", NULL),
	{ "small_n", AN_BOOL, AN_PLAIN, NULL, NULL, "n below 10" },
	{ "text", AN_TEXT, AN_PLAIN, NULL, NULL, "Question asked (after)" },
};

static struct an_table *
feedback_pairs(const struct an_feedback *r)
{
	enum an_dim by = r->opts.by;
	struct an_col cols[17];
	int keyed = by != AN_DIM_NONE;
	struct an_table *t;
	size_t i;

	memcpy(cols, pair_cols, sizeof cols);
	cols[0].name = an_dim_name(by);
	t = an_table_new(cols + !keyed, 17 - !keyed);
	for (i = 0; i < r->npairs; i++) {
		const struct an_fb_pair *p = &r->pairs[i];

		an_table_row(t);
		if (keyed)
			an_table_text(t, p->group);
		an_table_text(t, p->question);
		an_table_text(t, p->before);
		an_table_text(t, p->after);
		an_table_int(t, p->n_pairs);
		an_table_real(t, p->mean_before);
		an_table_real(t, p->mean_after);
		an_table_real(t, p->mean_change);
		an_table_real(t, p->ci_low);
		an_table_real(t, p->ci_high);
		an_table_real(t, p->t);
		an_table_real(t, p->df);
		an_table_real(t, p->p_t);
		an_table_real(t, p->p_wilcoxon);
		an_table_real(t, p->d_z);
		an_table_int(t, p->small_n);
		an_table_text(t, p->text);
	}
	return t;
}

static const struct an_col stage_cols[] = {
	{ "key", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "stage", AN_TEXT, AN_PLAIN, NULL, NULL, NULL, an_stage_words },
	CNT("responses", NULL),
	CNT("respondents", "Respondents with a key"),
	CNT("matched", "Matched to the stage before"),
	{ "attrition", AN_PCT, AN_DERIVED, "matched", NULL, NULL },
	CNT("attended", "Attendances"),
	PCT("response_rate", "responses attended", NULL),
	{ "small_n", AN_BOOL, AN_PLAIN, NULL, NULL, "n below 10" },
};

static struct an_table *
feedback_stages(const struct an_feedback *r)
{
	enum an_dim by = r->opts.by;
	struct an_col cols[9];
	int keyed = by != AN_DIM_NONE;
	struct an_table *t;
	size_t i;

	memcpy(cols, stage_cols, sizeof cols);
	cols[0].name = an_dim_name(by);
	t = an_table_new(cols + !keyed, 9 - !keyed);
	for (i = 0; i < r->nstages; i++) {
		const struct an_fb_stage *s = &r->stages[i];

		an_table_row(t);
		if (keyed)
			an_table_text(t, s->group);
		an_table_text(t, an_stage_name(s->stage));
		an_table_int(t, s->responses);
		an_table_int(t, s->respondents);
		an_table_count(t, s->matched);
		an_table_real(t, s->attrition);
		if (s->attended > 0)
			an_table_int(t, s->attended);
		else
			an_table_null(t);
		an_table_real(t, s->response_rate);
		an_table_int(t, s->small_n);
	}
	return t;
}

/* The post stage's answers as one: the reaction to the partnership's training. */
static const struct an_col fb_overall_cols[] = {
	{ "stage", AN_TEXT, AN_PLAIN, NULL, NULL, NULL, an_stage_words },
	{ "questions", AN_INT, AN_PLAIN, NULL, NULL, NULL },
	CNT("answers", "Rated answers"),
	CNT("top2_count", "In the top two"),
	PCT("top2", "answers top2_count", "Top two"),
	PCT("top2_ci_low", "answers top2_count", "Top two 95% CI low"),
	PCT("top2_ci_high", "answers top2_count", "Top two 95% CI high"),
	{ "small_n", AN_BOOL, AN_PLAIN, NULL, NULL, "n below 10" },
};

static struct an_table *
feedback_overall(const struct an_feedback *r)
{
	const struct an_fb_overall *o = &r->overall;
	struct an_table *t = an_table_new(fb_overall_cols, 8);

	if (o->answers == 0)
		return t;	/* no row for no answer */
	an_table_row(t);
	an_table_text(t, an_stage_name(AN_STAGE_POST));
	an_table_int(t, o->questions);
	an_table_int(t, o->answers);
	an_table_int(t, o->top2_count);
	an_table_real(t, o->top2);
	an_table_real(t, o->top2_ci_low);
	an_table_real(t, o->top2_ci_high);
	an_table_int(t, o->small_n);
	return t;
}

static const struct an_col feedback_param_cols[] = {
	{ "by", AN_TEXT }, { "period", AN_TEXT }, { "from", AN_TEXT }, { "to", AN_TEXT },
	{ "course", AN_TEXT }, { "theme", AN_TEXT }, { "stage", AN_TEXT },
	{ "confidence", AN_REAL },
};

static struct an_result *
feedback_table(const struct an_feedback *r)
{
	const struct an_feedback_opts *o = &r->opts;
	struct an_table *params = an_table_new(feedback_param_cols, 8);
	struct an_result *res;
	GString *title = g_string_new("feedback");

	an_table_row(params);
	an_table_text(params, o->by == AN_DIM_NONE ? NULL : an_dim_name(o->by));
	period_params(params, &o->period);
	an_table_text(params, o->course);
	an_table_text(params, o->theme);
	an_table_text(params, o->stage >= 0 ? an_stage_name((enum an_stage)o->stage) : NULL);
	an_table_real(params, o->conf);

	if (o->by != AN_DIM_NONE)
		g_string_append_printf(title, " by %s", an_dim_name(o->by));
	g_string_append_printf(title, ", %s", o->period.kind == PERIOD_ALL ? "all dates" :
	    o->period.label);
	if (o->course)
		g_string_append_printf(title, ", course %s", o->course);
	if (o->theme)
		g_string_append_printf(title, ", theme %s", o->theme);
	if (o->stage >= 0)
		g_string_append_printf(title, ", %s responses", an_stage_name((enum an_stage)o->stage));
	res = an_result_new("feedback", title->str);
	g_string_free(title, TRUE);
	res->params = params;
	an_result_add(res, "questions", "Questions", feedback_questions(r), NULL);
	an_result_add(res, "pairs", "Before and after", feedback_pairs(r), NULL);
	an_result_add(res, "stages", "Stages", feedback_stages(r), NULL);
	an_result_add(res, "overall", "Every rated answer after the training", feedback_overall(r),
	    NULL);
	an_result_notes(res, r->notes.text, r->notes.n);
	return res;
}

struct an_result *
rpt_feedback(sqlite3 *db, const struct an_feedback_opts *o, const struct an_sdc *sdc,
    struct lia_err *err)
{
	struct an_feedback *r = an_feedback_run(db, o, err);
	struct an_result *res;

	if (r == NULL)
		return NULL;
	res = feedback_table(r);
	an_feedback_free(r);
	disclose(res, sdc);
	return res;
}

/* ---- audits ---------------------------------------------------------------------- */

/*
 * Rows show rated and met (and n/a) but not partially met and not met:
 * with those, rated would be a total of its row and every small cell would
 * take another down with it; the change table shows the same two counts of
 * each cycle, hidden by the same rule.
 */
static const struct an_col audit_cols[] = {
	{ "kind", AN_TEXT, AN_PLAIN, NULL, NULL, NULL, an_audit_kind_words },
	{ "standard", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "title", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "theme", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "cycle", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	CNT("rated", NULL),
	CNT("met", NULL),
	CNT("not_applicable", "Not applicable"),
	PCT("compliance", "met rated", NULL),
	PCT("ci_low", "met rated", "95% CI low"),
	PCT("ci_high", "met rated", "95% CI high"),
	{ "small_n", AN_BOOL, AN_PLAIN, NULL, NULL, "n below 10" },
};

#define CHANGE(name, type, label) \
	{ name, type, AN_DERIVED, "from_rated from_met to_rated to_met", NULL, label }

static const struct an_col change_cols[] = {
	{ "kind", AN_TEXT, AN_PLAIN, NULL, NULL, NULL, an_audit_kind_words },
	{ "standard", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "from_cycle", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "to_cycle", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	CNT("from_rated", NULL),
	CNT("from_met", NULL),
	CNT("to_rated", NULL),
	CNT("to_met", NULL),
	CHANGE("difference", AN_PCT, NULL),
	CHANGE("ci_low", AN_PCT, "95% CI low (Newcombe)"),
	CHANGE("ci_high", AN_PCT, "95% CI high (Newcombe)"),
	CHANGE("p_fisher", AN_PVAL, "p (Fisher)"),
	{ "small_n", AN_BOOL, AN_PLAIN, NULL, NULL, "n below 10" },
};

static const struct an_col trend_cols[] = {
	{ "kind", AN_TEXT, AN_PLAIN, NULL, NULL, NULL, an_audit_kind_words },
	{ "standard", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "cycles", AN_INT, AN_PLAIN, NULL, NULL, NULL },
	{ "first_cycle", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "last_cycle", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "statistic", AN_REAL, AN_PLAIN, NULL, NULL, "Chi-squared for trend" },
	{ "df", AN_INT, AN_PLAIN, NULL, NULL, NULL },
	{ "p", AN_PVAL, AN_PLAIN, NULL, NULL, NULL },
};

static const struct an_col s11_cols[] = {
	{ "agency", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "standard", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "cycle", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "self_score", AN_INT, AN_PLAIN, NULL, NULL, "Self-assessed" },
	{ "moderated_score", AN_INT, AN_PLAIN, NULL, NULL, "Moderated" },
	{ "difference", AN_INT, AN_PLAIN, NULL, NULL, "Moderated - self" },
};

static const struct an_col rag_cols[] = {
	{ "kind", AN_TEXT, AN_PLAIN, NULL, NULL, NULL, an_audit_kind_words },
	{ "standard", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "from_cycle", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "to_cycle", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "matched", AN_INT, AN_COUNT, NULL, "improved same worse", "Rated in both" },
	CNT("improved", NULL),
	CNT("same", NULL),
	CNT("worse", NULL),
};

/*
 * Each kind as a whole in each cycle: rated and met are the totals of the
 * rows of that kind and cycle (an_part_sums), so a hidden row takes one
 * more down with it; a change goes with the counts of either cycle.
 */
static const struct an_col overall_cols[] = {
	{ "kind", AN_TEXT, AN_PLAIN, NULL, NULL, NULL, an_audit_kind_words },
	{ "cycle", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "standards", AN_INT, AN_PLAIN, NULL, NULL, "Standards rated" },
	CNT("rated", NULL),
	CNT("met", NULL),
	PCT("compliance", "met rated", NULL),
	PCT("ci_low", "met rated", "95% CI low"),
	PCT("ci_high", "met rated", "95% CI high"),
	{ "previous_cycle", AN_TEXT, AN_PLAIN, NULL, NULL, "Cycle before" },
	PCT("change", "met rated", "Change"),
	PCT("change_ci_low", "met rated", "95% CI low (Newcombe)"),
	PCT("change_ci_high", "met rated", "95% CI high (Newcombe)"),
	{ "latest", AN_BOOL, AN_PLAIN, NULL, NULL, "The kind's latest cycle" },
	{ "small_n", AN_BOOL, AN_PLAIN, NULL, NULL, "n below 10" },
};

static const struct an_col audit_param_cols[] = {
	{ "kind", AN_TEXT }, { "standard", AN_TEXT }, { "agency", AN_TEXT }, { "theme", AN_TEXT },
	{ "confidence", AN_REAL },
};

static struct an_result *
audits_table(const struct an_audits *r)
{
	const struct an_audits_opts *o = &r->opts;
	struct an_table *rows = an_table_new(audit_cols, 12);
	struct an_table *changes = an_table_new(change_cols, 13);
	struct an_table *trend = an_table_new(trend_cols, 8);
	struct an_table *s11 = an_table_new(s11_cols, 6);
	struct an_table *rag = an_table_new(rag_cols, 8);
	struct an_table *all = an_table_new(overall_cols, 14);
	struct an_table *params = an_table_new(audit_param_cols, 5);
	struct an_result *res;
	GString *title = g_string_new("audits");
	size_t i;

	for (i = 0; i < r->nrows; i++) {
		const struct an_audit_row *x = &r->rows[i];

		an_table_row(rows);
		an_table_text(rows, x->kind);
		an_table_text(rows, x->standard);
		an_table_text(rows, x->title);
		an_table_text(rows, x->theme);
		an_table_text(rows, x->cycle);
		an_table_int(rows, x->rated);
		an_table_int(rows, x->met);
		an_table_int(rows, x->not_applicable);
		an_table_real(rows, x->compliance);
		an_table_real(rows, x->ci_low);
		an_table_real(rows, x->ci_high);
		an_table_int(rows, x->small_n);
	}
	for (i = 0; i < r->nchanges; i++) {
		const struct an_audit_change *x = &r->changes[i];

		an_table_row(changes);
		an_table_text(changes, x->kind);
		an_table_text(changes, x->standard);
		an_table_text(changes, x->from_cycle);
		an_table_text(changes, x->to_cycle);
		an_table_int(changes, x->from_rated);
		an_table_int(changes, x->from_met);
		an_table_int(changes, x->to_rated);
		an_table_int(changes, x->to_met);
		an_table_real(changes, x->difference);
		an_table_real(changes, x->ci_low);
		an_table_real(changes, x->ci_high);
		an_table_real(changes, x->p_fisher);
		an_table_int(changes, x->small_n);
	}
	for (i = 0; i < r->ntrends; i++) {
		const struct an_audit_trend *x = &r->trends[i];

		an_table_row(trend);
		an_table_text(trend, x->kind);
		an_table_text(trend, x->standard);
		an_table_int(trend, (int64_t)x->cycles);
		an_table_text(trend, x->first_cycle);
		an_table_text(trend, x->last_cycle);
		an_table_real(trend, x->statistic);
		an_table_int(trend, 1);
		an_table_real(trend, x->p);
	}
	for (i = 0; i < r->nsection11; i++) {
		const struct an_s11_row *x = &r->section11[i];

		an_table_row(s11);
		an_table_text(s11, x->agency);
		an_table_text(s11, x->standard);
		an_table_text(s11, x->cycle);
		an_table_count(s11, x->self_score);
		an_table_count(s11, x->moderated_score);
		if (x->both)
			an_table_int(s11, x->difference);
		else
			an_table_null(s11);
	}
	for (i = 0; i < r->nrag; i++) {
		const struct an_rag_move *x = &r->rag[i];

		an_table_row(rag);
		an_table_text(rag, x->kind);
		an_table_text(rag, x->standard);
		an_table_text(rag, x->from_cycle);
		an_table_text(rag, x->to_cycle);
		an_table_int(rag, x->matched);
		an_table_int(rag, x->improved);
		an_table_int(rag, x->same);
		an_table_int(rag, x->worse);
	}
	for (i = 0; i < r->noverall; i++) {
		const struct an_audit_overall *x = &r->overall[i];

		an_table_row(all);
		an_table_text(all, x->kind);
		an_table_text(all, x->cycle);
		an_table_int(all, x->standards);
		an_table_int(all, x->rated);
		an_table_int(all, x->met);
		an_table_real(all, x->compliance);
		an_table_real(all, x->ci_low);
		an_table_real(all, x->ci_high);
		an_table_text(all, x->previous_cycle);
		an_table_real(all, x->change);
		an_table_real(all, x->change_ci_low);
		an_table_real(all, x->change_ci_high);
		an_table_int(all, x->latest);
		an_table_int(all, x->small_n);
	}
	an_table_row(params);
	an_table_text(params, o->kind);
	an_table_text(params, o->standard);
	an_table_text(params, o->agency);
	an_table_text(params, o->theme);
	an_table_real(params, o->conf);

	if (o->kind)
		g_string_append_printf(title, ", %s", o->kind);
	if (o->standard)
		g_string_append_printf(title, ", standard %s", o->standard);
	if (o->agency)
		g_string_append_printf(title, ", agency %s", o->agency);
	if (o->theme)
		g_string_append_printf(title, ", theme %s", o->theme);
	res = an_result_new("audits", title->str);
	g_string_free(title, TRUE);
	res->params = params;
	an_result_add(res, "rows", "Compliance by standard and cycle", rows, NULL);
	an_result_add(res, "changes", "Change between cycles", changes, NULL);
	an_result_add(res, "trend", "Trend over three or more cycles", trend, NULL);
	an_result_add(res, "section11", "Section 11: self-assessed and moderated scores", s11, NULL);
	an_result_add(res, "rag", "RAG movement between cycles", rag, NULL);
	an_result_add(res, "overall", "Each kind of audit as a whole, by cycle", all, NULL);
	an_part_sums(res, "overall", "rows", "kind cycle");
	/* The changes repeat the rows' counts of both cycles. */
	an_part_copies(res, "changes", "rows", "kind standard from_cycle=cycle",
	    "from_rated=rated from_met=met");
	an_part_copies(res, "changes", "rows", "kind standard to_cycle=cycle",
	    "to_rated=rated to_met=met");
	an_result_notes(res, r->notes.text, r->notes.n);
	return res;
}

/*
 * A trend is a statistic of several cycles' counts: with the others shown,
 * it could give a hidden one away, so it goes where any of its cycles'
 * counts is hidden.  Returns how many trends were hidden.
 */
static int
hide_trends(struct an_result *res)
{
	const struct an_table *rows = an_result_part(res, "rows")->rows;
	struct an_table *trend = an_result_part(res, "trend")->rows;
	int nr = an_table_nrows(rows), ck = an_table_find(rows, "kind");
	int cs = an_table_find(rows, "standard"), crated = an_table_find(rows, "rated");
	int cmet = an_table_find(rows, "met"), n = 0, t, r;

	for (t = 0; t < an_table_nrows(trend); t++) {
		const char *kind = an_table_cell(trend, t, 0)->s, *std = an_table_cell(trend, t, 1)->s;
		int hidden = 0;

		for (r = 0; r < nr; r++)
			if (g_strcmp0(an_table_cell(rows, r, ck)->s, kind) == 0 &&
			    g_strcmp0(an_table_cell(rows, r, cs)->s, std) == 0 &&
			    (an_table_cell(rows, r, crated)->hidden || an_table_cell(rows, r, cmet)->hidden))
				hidden = 1;
		if (hidden && !an_table_cell(trend, t, 5)->hidden) {
			an_table_hide(trend, t, 5);
			an_table_hide(trend, t, 7);
			n++;
		}
	}
	return n;
}

/*
 * A kind's change from the cycle before is a statistic of both cycles'
 * pooled counts: it goes where the earlier cycle's are hidden too (its own
 * cycle's are its `from`).  Returns how many were hidden.
 */
static int
hide_overall_changes(struct an_result *res)
{
	struct an_table *t = an_result_part(res, "overall")->rows;
	int cr = an_table_find(t, "rated"), cm = an_table_find(t, "met");
	int cc = an_table_find(t, "change"), r, k, n = 0;

	for (r = 1; r < an_table_nrows(t); r++) {
		if (an_table_cell(t, r, an_table_find(t, "previous_cycle"))->null ||
		    an_table_cell(t, r, cc)->hidden)
			continue;
		/* The row before is the kind's cycle before (rows by kind, then time). */
		if (!an_table_cell(t, r - 1, cr)->hidden && !an_table_cell(t, r - 1, cm)->hidden)
			continue;
		for (k = cc; k <= cc + 2; k++)
			an_table_hide(t, r, k);
		n++;
	}
	return n;
}

struct an_result *
rpt_audits(sqlite3 *db, const struct an_audits_opts *o, const struct an_sdc *sdc,
    struct lia_err *err)
{
	struct an_audits *r = an_audits_run(db, o, err);
	struct an_result *res;
	int n;

	if (r == NULL)
		return NULL;
	res = audits_table(r);
	an_audits_free(r);
	disclose(res, sdc);
	if (sdc && sdc->rule != AN_SDC_OFF && (n = hide_trends(res)) > 0)
		an_result_note(res, "%d %s hidden: a cycle's count is hidden", n,
		    n == 1 ? "trend test" : "trend tests");
	if (sdc && sdc->rule != AN_SDC_OFF && (n = hide_overall_changes(res)) > 0)
		an_result_note(res, "%d %s hidden: the cycle before's count is hidden", n,
		    n == 1 ? "change of a kind as a whole" : "changes of a kind as a whole");
	return res;
}

/* ---- timeliness ------------------------------------------------------------------- */

/* A review's reports and clocks count no people: every column is plain. */
#define PLAIN(name, type, label) { name, type, AN_PLAIN, NULL, NULL, label }

static const struct an_col timeliness_cols[] = {
	PLAIN("review", AN_TEXT, NULL),
	{ "kind", AN_TEXT, AN_PLAIN, NULL, NULL, NULL, an_review_kind_words },
	PLAIN("notification_working_days", AN_INT, "Incident to notification (working days)"),
	PLAIN("notification_on_time", AN_BOOL, "Notified within 5"),
	PLAIN("rapid_review_working_days", AN_INT, "Notification to decision (working days)"),
	PLAIN("rapid_review_on_time", AN_BOOL, "Rapid review within 15"),
	PLAIN("rapid_review_from_aware_working_days", AN_INT,
	    "Incident to decision (working days)"),
	PLAIN("rapid_review_from_aware_on_time", AN_BOOL, "Within 15 of awareness"),
	PLAIN("completed_within_6_months", AN_BOOL, "Report to board within 6 months"),
	PLAIN("panel_notice_working_days", AN_INT, "Report to panel before publication (working days)"),
	PLAIN("panel_notice_met", AN_BOOL, "Panel had 7 working days"),
	PLAIN("months_to_publication", AN_INT, "Decision to publication (months)"),
	PLAIN("delay_reason", AN_TEXT, NULL),
};

static const struct an_col milestone_cols[] = {
	PLAIN("review", AN_TEXT, NULL),
	PLAIN("title", AN_TEXT, NULL),
	PLAIN("incident_date", AN_TEXT, "Incident"),
	PLAIN("notified_date", AN_TEXT, "Notified"),
	PLAIN("decision_date", AN_TEXT, "Rapid review decision"),
	PLAIN("author_appointed", AN_TEXT, NULL),
	PLAIN("report_to_board", AN_TEXT, NULL),
	PLAIN("report_to_panel", AN_TEXT, NULL),
	PLAIN("published", AN_TEXT, NULL),
	PLAIN("six_month_deadline", AN_TEXT, "Report due to the board by"),
	/* The last day within each working-day clock (the timeline draws them). */
	PLAIN("notification_due", AN_TEXT, "Panel to be notified by"),
	PLAIN("rapid_review_due", AN_TEXT, "Rapid review due by (from notification)"),
	PLAIN("rapid_review_from_aware_due", AN_TEXT, "Rapid review due by (from awareness)"),
};

/* A clock's key in words, for people. */
static const char *
clock_words(const char *key)
{
	static const char *const words[][2] = {
		{ "notification", "Notification of the national panel" },
		{ "rapid_review", "Rapid review, from notification" },
		{ "rapid_review_from_aware", "Rapid review, from awareness" },
		{ "completion", "Review completed within 6 months" },
		{ "panel_notice", "Report with the panel before publication" },
	};
	size_t k;

	for (k = 0; key != NULL && k < sizeof words / sizeof words[0]; k++)
		if (strcmp(key, words[k][0]) == 0)
			return words[k][1];
	return NULL;
}

static const struct an_col clock_cols[] = {
	{ "clock", AN_TEXT, AN_PLAIN, NULL, NULL, NULL, clock_words },
	PLAIN("target", AN_TEXT, NULL),
	PLAIN("reviews", AN_INT, NULL),
	PLAIN("judged", AN_INT, NULL),
	PLAIN("met", AN_INT, NULL),
	PLAIN("not_met", AN_INT, NULL),
	PLAIN("not_judged", AN_INT, "Not judged (a date missing)"),
};

static const struct an_col timeliness_param_cols[] = {
	{ "period", AN_TEXT }, { "from", AN_TEXT }, { "to", AN_TEXT }, { "kind", AN_TEXT },
	{ "layout", AN_TEXT },
};

/* A clock's count: null unless both its dates are held to the day. */
static void
clock_days(struct an_table *t, const struct an_clock *c)
{
	if (c->known)
		an_table_int(t, c->days);
	else
		an_table_null(t);
}

/* A clock's flag: null when it cannot be judged. */
static void
clock_met(struct an_table *t, int met)
{
	if (met < 0)
		an_table_null(t);
	else
		an_table_int(t, met);
}

/* A milestone as ISO text, "2019-02" when held to the month only. */
static void
milestone_cell(struct an_table *t, const struct an_day *d)
{
	char buf[DATE_ISO_LEN];

	if (!d->held) {
		an_table_null(t);
		return;
	}
	date_format(d->date, buf);
	if (d->month_only)
		buf[7] = '\0';
	an_table_text(t, buf);
}

static void
timeliness_params(struct an_table *t, const struct an_timeliness *r, const char *layout)
{
	an_table_row(t);
	period_params(t, &r->period);
	an_table_text(t, r->kind);
	an_table_text(t, layout);
}

static char *
timeliness_title(const struct an_timeliness *r, const char *what)
{
	return g_strdup_printf("%s%s%s, %s", what, r->kind ? ", " : "", r->kind ? r->kind : "",
	    r->period.kind == PERIOD_ALL ? "all dates" : r->period.label);
}

static struct an_result *
timeliness_table(const struct an_timeliness *r)
{
	static const struct {
		const char *clock, *target;
	} clocks[] = {
		{ "notification", "the national panel notified within 5 working days of the incident" },
		{ "rapid_review", "the rapid review decided within 15 working days of notification" },
		{ "rapid_review_from_aware",
		  "the rapid review decided within 15 working days of the incident" },
		{ "completion", "the report to the board within 6 months of the decision" },
		{ "panel_notice", "the report with the panel 7 working days before publication" },
	};
	struct an_table *rows = an_table_new(timeliness_cols, 13);
	struct an_table *ms = an_table_new(milestone_cols, 13);
	struct an_table *ck = an_table_new(clock_cols, 7);
	struct an_table *params = an_table_new(timeliness_param_cols, 5);
	int64_t met[5] = { 0 }, not_met[5] = { 0 };
	struct an_result *res;
	char buf[DATE_ISO_LEN], *title;
	size_t i;
	int k, m;

	for (i = 0; i < r->nrows; i++) {
		const struct an_review_clocks *x = &r->rows[i];
		const struct an_clock *c[5] = { &x->notification, &x->rapid_review,
		    &x->rapid_review_from_aware, &x->completion, &x->panel_notice };

		an_table_row(rows);
		an_table_text(rows, x->review);
		an_table_text(rows, x->kind);
		clock_days(rows, &x->notification);
		clock_met(rows, x->notification.met);
		clock_days(rows, &x->rapid_review);
		clock_met(rows, x->rapid_review.met);
		clock_days(rows, &x->rapid_review_from_aware);
		clock_met(rows, x->rapid_review_from_aware.met);
		clock_met(rows, x->completion.met);
		clock_days(rows, &x->panel_notice);
		clock_met(rows, x->panel_notice.met);
		if (x->has_months)
			an_table_int(rows, x->months_to_publication);
		else
			an_table_null(rows);
		an_table_text(rows, x->delay_reason);

		an_table_row(ms);
		an_table_text(ms, x->review);
		an_table_text(ms, x->title);
		for (m = 0; m < AN_MS_COUNT; m++)
			milestone_cell(ms, &x->ms[m]);
		an_table_text(ms, x->completion.has_target ? date_format(x->completion.target, buf) :
		    NULL);
		an_table_text(ms, x->notification.has_target ?
		    date_format(x->notification.target, buf) : NULL);
		an_table_text(ms, x->rapid_review.has_target ?
		    date_format(x->rapid_review.target, buf) : NULL);
		an_table_text(ms, x->rapid_review_from_aware.has_target ?
		    date_format(x->rapid_review_from_aware.target, buf) : NULL);
		for (k = 0; k < 5; k++) {
			met[k] += c[k]->met == 1;
			not_met[k] += c[k]->met == 0;
		}
	}
	for (k = 0; k < 5; k++) {
		an_table_row(ck);
		an_table_text(ck, clocks[k].clock);
		an_table_text(ck, clocks[k].target);
		an_table_int(ck, (int64_t)r->nrows);
		an_table_int(ck, met[k] + not_met[k]);
		an_table_int(ck, met[k]);
		an_table_int(ck, not_met[k]);
		an_table_int(ck, (int64_t)r->nrows - met[k] - not_met[k]);
	}
	timeliness_params(params, r, "rows");
	title = timeliness_title(r, "review timeliness");
	res = an_result_new("timeliness", title);
	g_free(title);
	res->params = params;
	an_result_add(res, "rows", "Statutory clocks", rows, NULL);
	an_result_add(res, "milestones", "Milestones", ms, NULL);
	an_result_add(res, "clocks", "Clocks met", ck, NULL);
	an_result_notes(res, r->notes.text, r->notes.n);
	return res;
}

/*
 * The seed report's table: a column per review (its code), a row per
 * milestone from the author's appointment to publication, each cell the
 * month ("Feb 2018"), publication followed by the reason for any delay.
 */
static struct an_result *
seed_table(const struct an_timeliness *r)
{
	static const struct {
		enum an_milestone ms;
		const char *label;
	} lines[] = {
		{ AN_MS_AUTHOR, "Independent author appointed" },
		{ AN_MS_BOARD, "Report to the board" },
		{ AN_MS_PANEL, "Report to the national panel" },
		{ AN_MS_PUBLISHED, "Publication" },
	};
	struct an_col *cols = g_new0(struct an_col, r->nrows + 1);
	char **labels = g_new0(char *, r->nrows + 1);
	struct an_table *rows, *params = an_table_new(timeliness_param_cols, 5);
	struct an_result *res;
	char month[DATE_LONG_LEN], *title;
	size_t i, l;

	cols[0] = (struct an_col){ "milestone", AN_TEXT, AN_PLAIN, NULL, NULL, NULL };
	for (i = 0; i < r->nrows; i++) {
		const struct an_review_clocks *x = &r->rows[i];

		labels[i] = x->title ? g_strdup_printf("%s %s", x->review, x->title) :
		    g_strdup(x->review);
		cols[i + 1] = (struct an_col){ x->review, AN_TEXT, AN_PLAIN, NULL, NULL, labels[i] };
	}
	rows = an_table_new(cols, (int)r->nrows + 1);
	for (l = 0; l < sizeof lines / sizeof lines[0]; l++) {
		an_table_row(rows);
		an_table_text(rows, lines[l].label);
		for (i = 0; i < r->nrows; i++) {
			const struct an_review_clocks *x = &r->rows[i];
			const struct an_day *d = &x->ms[lines[l].ms];
			char *cell;

			if (!d->held) {
				an_table_null(rows);
				continue;
			}
			date_month_year(d->date, month);
			if (lines[l].ms == AN_MS_PUBLISHED && x->delay_reason != NULL)
				cell = g_strdup_printf("%s (%s)", month, x->delay_reason);
			else
				cell = g_strdup(month);
			an_table_text(rows, cell);
			g_free(cell);
		}
	}
	timeliness_params(params, r, "seed");
	title = timeliness_title(r, "reviews by milestone");
	res = an_result_new("timeliness", title);
	g_free(title);
	res->params = params;
	/* The clocks' notes are not about this table: they stay with the rows layout. */
	an_result_add(res, "rows", NULL, rows, NULL);
	for (i = 0; i < r->nrows; i++)
		g_free(labels[i]);
	g_free(labels);
	g_free(cols);
	return res;
}

struct an_result *
rpt_timeliness(sqlite3 *db, const struct an_timeliness_opts *o, int seed,
    const struct an_sdc *sdc, struct lia_err *err)
{
	struct an_timeliness *r = an_timeliness_run(db, o, err);
	struct an_result *res;

	if (r == NULL)
		return NULL;
	res = seed ? seed_table(r) : timeliness_table(r);
	an_timeliness_free(r);
	disclose(res, sdc);
	return res;
}

/* ---- action plans ------------------------------------------------------------------ */

static const struct an_col action_count_cols[] = {
	PLAIN("actions", AN_INT, NULL),
	PLAIN("done", AN_INT, NULL),
	PLAIN("outstanding", AN_INT, NULL),
	PLAIN("overdue", AN_INT, NULL),
	PLAIN("cancelled", AN_INT, NULL),
	PLAIN("no_due_date", AN_INT, "Outstanding without a due date"),
	PLAIN("max_days_overdue", AN_INT, "Most days overdue"),
};

static const struct an_col overdue_cols[] = {
	PLAIN("action", AN_TEXT, NULL),
	PLAIN("review", AN_TEXT, NULL),
	PLAIN("theme", AN_TEXT, NULL),
	PLAIN("text", AN_TEXT, "Action"),
	PLAIN("owner_agency", AN_TEXT, NULL),
	PLAIN("due", AN_TEXT, NULL),
	PLAIN("days_overdue", AN_INT, NULL),
};

static const struct an_col actions_param_cols[] = {
	{ "as_at", AN_TEXT }, { "by", AN_TEXT }, { "review", AN_TEXT }, { "theme", AN_TEXT },
	{ "agency", AN_TEXT },
};

/* The key columns of a grouping: review, theme or both. */
static int
action_keys(enum an_actions_by by, struct an_col *cols)
{
	int n = 0;

	if (by != AN_ACTIONS_BY_THEME)
		cols[n++] = (struct an_col)PLAIN("review", AN_TEXT, NULL);
	if (by != AN_ACTIONS_BY_REVIEW)
		cols[n++] = (struct an_col)PLAIN("theme", AN_TEXT, NULL);
	return n;
}

static void
action_row(struct an_table *t, const struct an_actions_row *x, enum an_actions_by by)
{
	an_table_row(t);
	if (by != AN_ACTIONS_BY_THEME)
		an_table_text(t, x->review);
	if (by != AN_ACTIONS_BY_REVIEW)
		an_table_text(t, x->theme);
	an_table_int(t, x->actions);
	an_table_int(t, x->done);
	an_table_int(t, x->outstanding);
	an_table_int(t, x->overdue);
	an_table_int(t, x->cancelled);
	an_table_int(t, x->no_due_date);
	an_table_int(t, x->max_days_overdue);
}

static struct an_result *
actions_table(const struct an_actions *a)
{
	static const char *const by_words[] = { "review-theme", "review", "theme" };
	const struct an_actions_opts *o = &a->opts;
	struct an_col cols[9];
	int nk = action_keys(o->by, cols);
	struct an_table *rows, *total, *late = an_table_new(overdue_cols, 7);
	struct an_table *params = an_table_new(actions_param_cols, 5);
	struct an_result *res;
	char day[DATE_ISO_LEN], due[DATE_ISO_LEN];
	GString *title = g_string_new(NULL);
	size_t i;

	memcpy(cols + nk, action_count_cols, sizeof action_count_cols);
	rows = an_table_new(cols, nk + 7);
	total = an_table_new(cols, nk + 7);
	for (i = 0; i < a->nrows; i++)
		action_row(rows, &a->rows[i], o->by);
	action_row(total, &a->total, o->by);
	for (i = 0; i < a->noverdue; i++) {
		const struct an_overdue *x = &a->overdue[i];

		an_table_row(late);
		an_table_text(late, x->ref);
		an_table_text(late, x->review);
		an_table_text(late, x->theme);
		an_table_text(late, x->text);
		an_table_text(late, x->owner);
		an_table_text(late, date_format(x->due, due));
		an_table_int(late, x->days_overdue);
	}
	date_format(o->as_at, day);
	an_table_row(params);
	an_table_text(params, day);
	an_table_text(params, by_words[o->by]);
	an_table_text(params, o->review);
	an_table_text(params, o->theme);
	an_table_text(params, o->agency);

	g_string_printf(title, "action plans as at %s", day);
	if (o->review)
		g_string_append_printf(title, ", review %s", o->review);
	if (o->theme)
		g_string_append_printf(title, ", theme %s", o->theme);
	if (o->agency)
		g_string_append_printf(title, ", agency %s", o->agency);
	res = an_result_new("actions", title->str);
	g_string_free(title, TRUE);
	res->params = params;
	an_result_add(res, "rows", "Actions by review and theme", rows, total);
	an_result_add(res, "overdue", "Overdue actions", late, NULL);
	an_result_notes(res, a->notes.text, a->notes.n);
	return res;
}

struct an_result *
rpt_actions(sqlite3 *db, const struct an_actions_opts *o, const struct an_sdc *sdc,
    struct lia_err *err)
{
	struct an_actions *a = an_actions_run(db, o, err);
	struct an_result *res;

	if (a == NULL)
		return NULL;
	res = actions_table(a);
	an_actions_free(a);
	disclose(res, sdc);
	return res;
}

/* ---- the impact chain -------------------------------------------------------------- */

#define FROM(name, type, from, label) { name, type, AN_DERIVED, from, NULL, label }
#define AUDIT_COUNTS "first_rated first_met latest_rated latest_met"

static const struct an_col impact_cols[] = {
	PLAIN("theme", AN_TEXT, NULL),
	PLAIN("reviews", AN_INT, "Reviews that raised it"),
	PLAIN("actions_done", AN_INT, NULL),
	PLAIN("actions_outstanding", AN_INT, NULL),
	PLAIN("actions_overdue", AN_INT, NULL),
	PLAIN("courses", AN_INT, NULL),
	PLAIN("sessions", AN_INT, NULL),
	CNT("attendances", NULL),
	CNT("headcount_attendances", "Headcount-only attendances"),
	CNT("unique_practitioners", NULL),
	PLAIN("workforce", AN_INT, NULL),
	PCT("coverage", "unique_practitioners", NULL),
	PCT("coverage_ci_low", "unique_practitioners", "Coverage 95% CI low"),
	PCT("coverage_ci_high", "unique_practitioners", "Coverage 95% CI high"),
	PLAIN("briefings", AN_INT, "7-minute briefings"),
	PLAIN("resources", AN_INT, "Practice resources"),
	PLAIN("other_evidence", AN_INT, "Other evidence log items"),
	CNT("feedback_answers", "Rated answers after training"),
	CNT("top2_count", "Answers in the top two"),
	PCT("top2", "feedback_answers top2_count", "Top-two share"),
	PLAIN("confidence_question", AN_TEXT, NULL),
	CNT("confidence_pairs", "People rating before and after"),
	FROM("confidence_change", AN_REAL, "confidence_pairs", "Mean confidence change"),
	FROM("confidence_ci_low", AN_REAL, "confidence_pairs", "95% CI low"),
	FROM("confidence_ci_high", AN_REAL, "confidence_pairs", "95% CI high"),
	{ "audit_kind", AN_TEXT, AN_PLAIN, NULL, NULL, NULL, an_audit_kind_words },
	PLAIN("audit_cycles", AN_INT, NULL),
	PLAIN("first_cycle", AN_TEXT, NULL),
	PLAIN("latest_cycle", AN_TEXT, NULL),
	CNT("first_rated", NULL),
	CNT("first_met", NULL),
	CNT("latest_rated", NULL),
	CNT("latest_met", NULL),
	PCT("compliance_first", "first_rated first_met", NULL),
	PCT("compliance_latest", "latest_rated latest_met", NULL),
	FROM("compliance_change", AN_PCT, AUDIT_COUNTS, NULL),
	FROM("change_ci_low", AN_PCT, AUDIT_COUNTS, "95% CI low (Newcombe)"),
	FROM("change_ci_high", AN_PCT, AUDIT_COUNTS, "95% CI high (Newcombe)"),
	PLAIN("kirkpatrick_level", AN_INT, NULL),
	PLAIN("grade", AN_TEXT, "Evidence grade"),
	PLAIN("gaps", AN_LIST, NULL),
};
#define IMPACT_NCOLS ((int)(sizeof impact_cols / sizeof impact_cols[0]))

static const struct an_col gap_cols[] = {
	PLAIN("theme", AN_TEXT, NULL),
	PLAIN("gap", AN_TEXT, NULL),
};

static const struct an_col impact_param_cols[] = {
	{ "period", AN_TEXT }, { "from", AN_TEXT }, { "to", AN_TEXT }, { "theme", AN_TEXT },
	{ "as_at", AN_TEXT }, { "confidence", AN_REAL },
};

/* A count that may be unknown (-1): null then. */
static void
count_or_null(struct an_table *t, int64_t v)
{
	if (v < 0)
		an_table_null(t);
	else
		an_table_int(t, v);
}

static void
impact_row(struct an_table *t, const struct an_impact_row *x)
{
	int audited = x->audit_cycles > 0;

	an_table_row(t);
	an_table_text(t, x->theme);
	an_table_int(t, x->reviews);
	an_table_int(t, x->actions_done);
	an_table_int(t, x->actions_outstanding);
	an_table_int(t, x->actions_overdue);
	count_or_null(t, x->courses);
	count_or_null(t, x->sessions);
	count_or_null(t, x->attendances);
	count_or_null(t, x->headcount_attendances);
	count_or_null(t, x->unique_practitioners);
	count_or_null(t, x->workforce);
	an_table_real(t, x->coverage);
	an_table_real(t, x->coverage_ci_low);
	an_table_real(t, x->coverage_ci_high);
	an_table_int(t, x->briefings);
	an_table_int(t, x->resources);
	an_table_int(t, x->other_evidence);
	an_table_int(t, x->feedback_answers);
	an_table_int(t, x->top2_count);
	an_table_real(t, x->top2);
	an_table_text(t, x->confidence_question);
	count_or_null(t, x->confidence_pairs);
	an_table_real(t, x->confidence_change);
	an_table_real(t, x->confidence_ci_low);
	an_table_real(t, x->confidence_ci_high);
	an_table_text(t, x->audit_kind);
	an_table_int(t, x->audit_cycles);
	an_table_text(t, x->first_cycle);
	an_table_text(t, x->latest_cycle);
	count_or_null(t, audited ? x->first_rated : -1);
	count_or_null(t, audited ? x->first_met : -1);
	count_or_null(t, audited ? x->latest_rated : -1);
	count_or_null(t, audited ? x->latest_met : -1);
	an_table_real(t, x->compliance_first);
	an_table_real(t, x->compliance_latest);
	an_table_real(t, x->compliance_change);
	an_table_real(t, x->change_ci_low);
	an_table_real(t, x->change_ci_high);
	an_table_int(t, x->kirkpatrick_level);
	an_table_text(t, an_grade_name(x->grade));
	an_table_list(t, (const char *const *)x->gaps, x->ngaps);
}

static struct an_result *
impact_table(const struct an_impact *im)
{
	const struct an_impact_opts *o = &im->opts;
	struct an_table *rows = an_table_new(impact_cols, IMPACT_NCOLS);
	struct an_table *gaps = an_table_new(gap_cols, 2);
	struct an_table *params = an_table_new(impact_param_cols, 6);
	struct an_result *res;
	char day[DATE_ISO_LEN], *title;
	size_t i, k;

	for (i = 0; i < im->nrows; i++) {
		impact_row(rows, &im->rows[i]);
		for (k = 0; k < im->rows[i].ngaps; k++) {
			an_table_row(gaps);
			an_table_text(gaps, im->rows[i].theme);
			an_table_text(gaps, im->rows[i].gaps[k]);
		}
	}
	date_format(o->as_at, day);
	an_table_row(params);
	period_params(params, &o->period);
	an_table_text(params, o->theme);
	an_table_text(params, day);
	an_table_real(params, o->conf);
	title = g_strdup_printf("impact chain%s%s, %s, actions as at %s", o->theme ? ", theme " : "",
	    o->theme ? o->theme : "", o->period.kind == PERIOD_ALL ? "all dates" : o->period.label,
	    day);
	res = an_result_new("impact", title);
	g_free(title);
	res->params = params;
	an_result_add(res, "rows", "The chain by theme", rows, NULL);
	an_result_add(res, "gaps", "Gaps", gaps, NULL);
	an_result_notes(res, im->notes.text, im->notes.n);
	return res;
}

struct an_result *
rpt_impact(sqlite3 *db, const struct an_impact_opts *o, const struct an_sdc *sdc,
    struct lia_err *err)
{
	struct an_impact *im = an_impact_run(db, o, err);
	struct an_result *res;

	if (im == NULL)
		return NULL;
	res = impact_table(im);
	an_impact_free(im);
	disclose(res, sdc);
	return res;
}
