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
};
#define REACH_NCOLS 14
#define REACH_NCOLS_CUMULATIVE 19

static void
reach_row(struct an_table *t, const struct an_reach_row *r, int cumulative)
{
	an_table_row(t);
	an_table_text(t, r->key);
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
	struct an_col cols[REACH_NCOLS_CUMULATIVE];
	int ncols = o->cumulative ? REACH_NCOLS_CUMULATIVE : REACH_NCOLS;
	struct an_table *rows, *total, *params;
	struct an_result *res;
	char *title;
	size_t i;

	memcpy(cols, reach_cols, sizeof cols);
	cols[0].name = an_dim_name(o->by);
	rows = an_table_new(cols, ncols);
	total = an_table_new(cols, ncols);
	for (i = 0; i < r->nrows; i++)
		reach_row(rows, &r->rows[i], o->cumulative);
	reach_row(total, &r->total, o->cumulative);

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
	{ "items_without_reach", AN_INT, AN_PLAIN, NULL, NULL, "Items without a reach" },
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
