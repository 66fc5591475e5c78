/*
 * reach, currency and trainers: the L&D sub-group's commands.  Each parses
 * its options, runs its analysis from analytics/ and writes the result in
 * the form asked for (out_result_write), to standard output or -o FILE.
 * The column lists below are the keys of the JSON rows and the CSV header:
 * other consumers read them by these names.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/analytics.h"
#include "cli/cli.h"

int cmd_reach(struct ctx *, int, char **);
int cmd_currency(struct ctx *, int, char **);
int cmd_trainers(struct ctx *, int, char **);

/* Options every analysis shares. */
struct common {
	enum out_format fmt;
	const char *output;
};

static void
put_real(struct tab *t, double v)
{
	tab_real(t, v);
}

static void
put_count(struct tab *t, int64_t v)
{
	if (v < 0)
		tab_null(t);
	else
		tab_int(t, v);
}

static int
write_result(const struct out_result *res, const struct common *co)
{
	FILE *fp = out_open(co->output);
	int bad;

	if (fp == NULL)
		return LIA_EXIT_DATA;
	bad = out_result_write(res, co->fmt, fp);
	if (out_close(fp, co->output ? co->output : "standard output") != 0 || bad)
		return LIA_EXIT_DATA;
	return LIA_EXIT_OK;
}

/* ---- reach ----------------------------------------------------------------- */

static const struct col reach_cols[] = {
	{ "key", COL_TEXT },	/* renamed to the dimension */
	{ "sessions", COL_INT }, { "courses", COL_INT }, { "attendances", COL_INT },
	{ "unique_practitioners", COL_INT }, { "headcount_attendances", COL_INT },
	{ "dna", COL_INT }, { "cancelled", COL_INT }, { "dna_rate", COL_PCT },
	{ "fill_rate", COL_PCT }, { "workforce", COL_INT }, { "coverage", COL_PCT },
	{ "coverage_ci_low", COL_PCT }, { "coverage_ci_high", COL_PCT },
	/* --cumulative */
	{ "new_practitioners", COL_INT }, { "cumulative_practitioners", COL_INT },
	{ "cumulative_coverage", COL_PCT }, { "cumulative_ci_low", COL_PCT },
	{ "cumulative_ci_high", COL_PCT },
};
#define REACH_NCOLS 14
#define REACH_NCOLS_CUMULATIVE 19

static void
reach_row(struct tab *t, const struct an_reach_row *r, int cumulative)
{
	tab_row(t);
	tab_text(t, r->key);
	tab_int(t, r->sessions);
	tab_int(t, r->courses);
	tab_int(t, r->attendances);
	tab_int(t, r->unique_practitioners);
	tab_int(t, r->headcount_attendances);
	tab_int(t, r->dna);
	tab_int(t, r->cancelled);
	put_real(t, r->dna_rate);
	put_real(t, r->fill_rate);
	put_count(t, r->workforce);
	put_real(t, r->coverage);
	put_real(t, r->coverage_ci_low);
	put_real(t, r->coverage_ci_high);
	if (cumulative) {
		tab_int(t, r->new_practitioners);
		tab_int(t, r->cumulative_practitioners);
		put_real(t, r->cumulative_coverage);
		put_real(t, r->cumulative_ci_low);
		put_real(t, r->cumulative_ci_high);
	}
}

static const struct col reach_param_cols[] = {
	{ "by", COL_TEXT }, { "period", COL_TEXT }, { "from", COL_TEXT }, { "to", COL_TEXT },
	{ "agency", COL_TEXT }, { "course", COL_TEXT }, { "theme", COL_TEXT },
	{ "cumulative", COL_BOOL }, { "confidence", COL_REAL },
};

static void
period_params(struct tab *t, const struct period *p)
{
	char buf[DATE_ISO_LEN];

	tab_text(t, p->label);
	tab_text(t, p->from == INT32_MIN ? NULL : date_format(p->from, buf));
	tab_text(t, p->to == INT32_MAX ? NULL : date_format(p->to, buf));
}

int
cmd_reach(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "period", required_argument, NULL, 'p' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "agency", required_argument, NULL, 'a' },
		{ "course", required_argument, NULL, 'c' },
		{ "theme", required_argument, NULL, 't' },
		{ "cumulative", no_argument, NULL, 'C' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct common co = { OUT_TABLE, NULL };
	struct an_reach_opts o;
	struct an_reach *r = NULL;
	struct tab *rows = NULL, *total = NULL, *params = NULL;
	const char *period = NULL, *from = NULL, *to = NULL;
	struct lia_err err;
	char *title = NULL;
	int c, rc, by_given = 0;
	size_t i, ncols;

	an_reach_opts_defaults(&o);
	lia_err_clear(&err);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			if (an_dim_parse(optarg, &o.by) != 0)
				return cli_usage(ctx, "--by must be agency, sector, role, course, theme, level,"
				    " month, year, fy or quarter, not '%s'", optarg);
			by_given = 1;
			break;
		case 'p':
			period = optarg;
			break;
		case 'F':
			from = optarg;
			break;
		case 'T':
			to = optarg;
			break;
		case 'a':
			o.agency = optarg;
			break;
		case 'c':
			o.course = optarg;
			break;
		case 't':
			o.theme = optarg;
			break;
		case 'C':
			o.cumulative = 1;
			break;
		case 'f':
			if (out_format_parse(optarg, &co.fmt) != 0)
				return cli_usage(ctx, "--format must be table, csv or json, not '%s'", optarg);
			break;
		case 'o':
			co.output = optarg;
			break;
		default:
			return cli_bad_option(ctx, argv, optind, optopt);
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_period(ctx, period, from, to, &o.period)) != 0)
		return rc;
	if (o.cumulative && !by_given)
		o.by = AN_DIM_MONTH;
	if (o.cumulative && o.by != AN_DIM_MONTH)
		return cli_usage(ctx, "--cumulative goes with --by month");

	if ((r = an_reach_run(ctx->db, &o, &err)) == NULL)
		return cli_fail(&err);

	ncols = o.cumulative ? REACH_NCOLS_CUMULATIVE : REACH_NCOLS;
	{
		struct col cols[REACH_NCOLS_CUMULATIVE];

		memcpy(cols, reach_cols, sizeof cols);
		cols[0].name = an_dim_name(o.by);
		rows = tab_new(cols, (int)ncols);
		total = tab_new(cols, (int)ncols);
	}
	for (i = 0; i < r->nrows; i++)
		reach_row(rows, &r->rows[i], o.cumulative);
	reach_row(total, &r->total, o.cumulative);

	params = tab_new(reach_param_cols, 9);
	tab_row(params);
	tab_text(params, o.by == AN_DIM_NONE ? NULL : an_dim_name(o.by));
	period_params(params, &o.period);
	tab_text(params, o.agency);
	tab_text(params, o.course);
	tab_text(params, o.theme);
	tab_int(params, o.cumulative);
	tab_real(params, o.level);

	title = g_strdup_printf("%sreach%s%s, %s%s%s%s%s%s%s", o.cumulative ? "cumulative " : "",
	    o.by == AN_DIM_NONE ? "" : " by ", o.by == AN_DIM_NONE ? "" : an_dim_name(o.by),
	    o.period.kind == PERIOD_ALL ? "all dates" : o.period.label,
	    o.agency ? ", agency " : "", o.agency ? o.agency : "",
	    o.course ? ", course " : "", o.course ? o.course : "",
	    o.theme ? ", theme " : "", o.theme ? o.theme : "");
	{
		struct out_result res = { "reach", title, params, rows, total,
		    r->notes.text, r->notes.n };
		rc = write_result(&res, &co);
	}
	g_free(title);
	tab_free(rows);
	tab_free(total);
	tab_free(params);
	an_reach_free(r);
	return rc;
}

/* ---- currency ---------------------------------------------------------------- */

static const struct col currency_cols[] = {
	{ "key", COL_TEXT }, { "workforce", COL_INT }, { "practitioners", COL_INT },
	{ "in_date", COL_INT }, { "in_date_share", COL_PCT }, { "in_date_ci_low", COL_PCT },
	{ "in_date_ci_high", COL_PCT },
};

static void
currency_row(struct tab *t, const struct an_currency_row *r)
{
	tab_row(t);
	tab_text(t, r->key);
	put_count(t, r->workforce);
	tab_int(t, r->practitioners);
	tab_int(t, r->in_date);
	put_real(t, r->in_date_share);
	put_real(t, r->ci_low);
	put_real(t, r->ci_high);
}

static const struct col currency_param_cols[] = {
	{ "as_at", COL_TEXT }, { "level", COL_INT }, { "by", COL_TEXT },
	{ "rule", COL_TEXT }, { "hours_required", COL_REAL }, { "window_months", COL_INT },
	{ "confidence", COL_REAL },
};

int
cmd_currency(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as-at", required_argument, NULL, 'd' },
		{ "level", required_argument, NULL, 'l' },
		{ "by", required_argument, NULL, 'b' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct common co = { OUT_TABLE, NULL };
	struct an_currency_opts o;
	struct an_currency *r = NULL;
	struct tab *rows = NULL, *total = NULL, *params = NULL;
	struct lia_err err;
	char buf[DATE_ISO_LEN], *title = NULL;
	int c, rc, have_date = 0;
	size_t i;

	an_currency_opts_defaults(&o);
	lia_err_clear(&err);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if ((rc = cli_date(ctx, optarg, &o.as_at)) != 0)
				return rc;
			have_date = 1;
			break;
		case 'l':
			if ((rc = cli_level(ctx, optarg, &o.level)) != 0)
				return rc;
			break;
		case 'b':
			if ((rc = cli_agency_group(ctx, optarg, &o.by)) != 0)
				return rc;
			break;
		case 'f':
			if (out_format_parse(optarg, &co.fmt) != 0)
				return cli_usage(ctx, "--format must be table, csv or json, not '%s'", optarg);
			break;
		case 'o':
			co.output = optarg;
			break;
		default:
			return cli_bad_option(ctx, argv, optind, optopt);
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	if (!have_date)
		return cli_usage(ctx, "--as-at DATE is required");

	if ((r = an_currency_run(ctx->db, &o, &err)) == NULL)
		return cli_fail(&err);
	{
		struct col cols[7];

		memcpy(cols, currency_cols, sizeof cols);
		cols[0].name = an_dim_name(o.by);
		rows = tab_new(cols, 7);
		total = tab_new(cols, 7);
	}
	for (i = 0; i < r->nrows; i++)
		currency_row(rows, &r->rows[i]);
	currency_row(total, &r->total);

	params = tab_new(currency_param_cols, 7);
	tab_row(params);
	tab_text(params, date_format(o.as_at, buf));
	if (o.level > 0)
		tab_int(params, o.level);
	else
		tab_null(params);
	tab_text(params, o.by == AN_DIM_NONE ? NULL : an_dim_name(o.by));
	tab_text(params, r->by_hours ? "hours" : "refresh");
	if (r->by_hours) {
		tab_real(params, r->hours_required);
		tab_int(params, r->window_months);
	} else {
		tab_null(params);
		tab_null(params);
	}
	tab_real(params, o.conf);

	if (o.level > 0)
		title = g_strdup_printf("training currency, level %d, as at %s%s%s", o.level, buf,
		    o.by == AN_DIM_NONE ? "" : ", by ", o.by == AN_DIM_NONE ? "" : an_dim_name(o.by));
	else
		title = g_strdup_printf("training currency, any level, as at %s%s%s", buf,
		    o.by == AN_DIM_NONE ? "" : ", by ", o.by == AN_DIM_NONE ? "" : an_dim_name(o.by));
	{
		struct out_result res = { "currency", title, params, rows, total,
		    r->notes.text, r->notes.n };
		rc = write_result(&res, &co);
	}
	g_free(title);
	tab_free(rows);
	tab_free(total);
	tab_free(params);
	an_currency_free(r);
	return rc;
}

/* ---- trainers ------------------------------------------------------------------ */

static const struct col trainer_cols[] = {
	{ "sector", COL_TEXT }, { "trainers", COL_INT }, { "agencies", COL_INT },
	{ "represented", COL_BOOL },
};

static const struct col trainer_total_cols[] = {
	{ "sector", COL_TEXT }, { "trainers", COL_INT }, { "agencies", COL_INT },
	{ "represented", COL_BOOL }, { "target", COL_INT }, { "shortfall", COL_INT },
	{ "sectors", COL_INT }, { "sectors_represented", COL_INT }, { "sectors_missing", COL_INT },
};

static const struct col trainer_param_cols[] = {
	{ "course", COL_TEXT }, { "target", COL_INT },
};

int
cmd_trainers(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "course", required_argument, NULL, 'c' },
		{ "target", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct common co = { OUT_TABLE, NULL };
	struct an_trainers_opts o;
	struct an_trainers *r = NULL;
	struct tab *rows = NULL, *total = NULL, *params = NULL;
	struct lia_err err;
	char *title = NULL, *end;
	long v;
	int c, rc;
	size_t i;
	int64_t agencies = 0;

	an_trainers_opts_defaults(&o);
	lia_err_clear(&err);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			o.course = optarg;
			break;
		case 't':
			v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || v < 0 || v > 1000000)
				return cli_usage(ctx, "--target must be a number of trainers, not '%s'", optarg);
			o.target = (int)v;
			break;
		case 'f':
			if (out_format_parse(optarg, &co.fmt) != 0)
				return cli_usage(ctx, "--format must be table, csv or json, not '%s'", optarg);
			break;
		case 'o':
			co.output = optarg;
			break;
		default:
			return cli_bad_option(ctx, argv, optind, optopt);
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	if ((r = an_trainers_run(ctx->db, &o, &err)) == NULL)
		return cli_fail(&err);

	rows = tab_new(trainer_cols, 4);
	for (i = 0; i < r->nrows; i++) {
		tab_row(rows);
		tab_text(rows, r->rows[i].sector);
		tab_int(rows, r->rows[i].trainers);
		tab_int(rows, r->rows[i].agencies);
		tab_int(rows, r->rows[i].trainers > 0);
		agencies += r->rows[i].agencies;
	}
	total = tab_new(trainer_total_cols, 9);
	tab_row(total);
	tab_null(total);
	tab_int(total, r->trainers);
	tab_int(total, agencies);
	tab_int(total, r->sectors_represented == r->sectors);
	tab_int(total, r->target);
	tab_int(total, r->shortfall);
	tab_int(total, r->sectors);
	tab_int(total, r->sectors_represented);
	tab_int(total, r->sectors - r->sectors_represented);
	params = tab_new(trainer_param_cols, 2);
	tab_row(params);
	tab_text(params, r->course);
	tab_int(params, r->target);

	title = g_strdup_printf("trainer pool%s%s: %lld of a target of %d", r->course ? ", course " : "",
	    r->course ? r->course : "", (long long)r->trainers, r->target);
	{
		/* The total's extra columns are for JSON; CSV and tables show the rows' columns. */
		struct tab *short_total = tab_new(trainer_cols, 4);
		struct out_result res = { "trainers", title, params, rows, total,
		    r->notes.text, r->notes.n };

		tab_row(short_total);
		tab_null(short_total);
		tab_int(short_total, r->trainers);
		tab_int(short_total, agencies);
		tab_int(short_total, r->sectors_represented == r->sectors);
		if (co.fmt != OUT_JSON)
			res.total = short_total;
		rc = write_result(&res, &co);
		tab_free(short_total);
	}
	g_free(title);
	tab_free(rows);
	tab_free(total);
	tab_free(params);
	an_trainers_free(r);
	return rc;
}
