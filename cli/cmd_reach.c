/*
 * reach, currency, trainers and the evidence log: the L&D sub-group's
 * commands.  Each parses its options (options.c), takes its result from
 * reports/ (the analysis laid out as a table, small numbers hidden when
 * --suppress asks) and writes it in the form asked for, to standard
 * output or -o FILE.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "reports/reports.h"

int
cli_finish(struct an_result *res, const struct cli_common *co, const struct lia_err *err)
{
	int rc;

	if (res == NULL)
		return cli_fail(err);
	rc = out_result(res, co->fmt, co->output);
	an_result_free(res);
	return rc;
}

static int
parse_dim(const struct ctx *ctx, const char *arg, void *value)
{
	if (an_dim_parse(arg, value) != 0)
		return cli_usage(ctx, "--by must be agency, sector, role, course, theme, level,"
		    " month, year, fy or quarter, not '%s'", arg);
	return 0;
}

#define BY_GIVEN 1u

int
cmd_reach(struct ctx *ctx, int argc, char **argv)
{
	struct an_reach_opts o;
	struct cli_common co;
	struct lia_err err;
	unsigned given = 0;
	int rc;

	an_reach_opts_defaults(&o);
	{
		const struct cli_opt opts[] = {
			{ CLI_CALL, "by", 0, &o.by, BY_GIVEN, 0, 0, NULL, parse_dim },
			{ CLI_STRING, "agency", 0, &o.agency, 0, 0, 0, NULL, NULL },
			{ CLI_STRING, "course", 0, &o.course, 0, 0, 0, NULL, NULL },
			{ CLI_STRING, "theme", 0, &o.theme, 0, 0, 0, NULL, NULL },
			{ CLI_FLAG, "cumulative", 0, &o.cumulative, 0, 0, 0, NULL, NULL },
			CLI_OPT_END
		};

		cli_common_init(&co, CLI_ANALYSIS);
		if ((rc = cli_parse(ctx, argc, argv, opts, &co, &given, 0, 0, NULL)) != 0)
			return rc;
	}
	o.period = co.period;
	if (o.cumulative && !(given & BY_GIVEN))
		o.by = AN_DIM_MONTH;
	if (o.cumulative && o.by != AN_DIM_MONTH)
		return cli_usage(ctx, "--cumulative goes with --by month");
	lia_err_clear(&err);
	return cli_finish(rpt_reach(ctx->db, &o, &co.sdc, &err), &co, &err);
}

int
cmd_currency(struct ctx *ctx, int argc, char **argv)
{
	struct an_currency_opts o;
	struct cli_common co;
	struct lia_err err;
	unsigned given = 0;
	int rc;

	an_currency_opts_defaults(&o);
	{
		const struct cli_opt opts[] = {
			{ CLI_DATE, "as-at", 0, &o.as_at, 1, 0, 0, NULL, NULL },
			{ CLI_CALL, "level", 0, &o.level, 0, 0, 0, NULL, cli_level },
			{ CLI_CALL, "by", 0, &o.by, 0, 0, 0, NULL, cli_agency_group },
			CLI_OPT_END
		};

		cli_common_init(&co, CLI_FORMAT | CLI_OUTPUT | CLI_SUPPRESS);
		if ((rc = cli_parse(ctx, argc, argv, opts, &co, &given, 0, 0, NULL)) != 0)
			return rc;
	}
	if (!(given & 1))
		return cli_usage(ctx, "--as-at DATE is required");
	lia_err_clear(&err);
	return cli_finish(rpt_currency(ctx->db, &o, &co.sdc, &err), &co, &err);
}

int
cmd_trainers(struct ctx *ctx, int argc, char **argv)
{
	struct an_trainers_opts o;
	struct cli_common co;
	struct lia_err err;
	int rc;

	an_trainers_opts_defaults(&o);
	{
		const struct cli_opt opts[] = {
			{ CLI_STRING, "course", 0, &o.course, 0, 0, 0, NULL, NULL },
			{ CLI_INT, "target", 0, &o.target, 0, 0, 1000000, "a number of trainers", NULL },
			CLI_OPT_END
		};

		cli_common_init(&co, CLI_FORMAT | CLI_OUTPUT | CLI_SUPPRESS);
		if ((rc = cli_parse(ctx, argc, argv, opts, &co, NULL, 0, 0, NULL)) != 0)
			return rc;
	}
	lia_err_clear(&err);
	return cli_finish(rpt_trainers(ctx->db, &o, &co.sdc, &err), &co, &err);
}

static int
parse_evidence_by(const struct ctx *ctx, const char *arg, void *value)
{
	if (an_evidence_by_parse(arg, value) != 0)
		return cli_usage(ctx, "--by must be kind, theme, month or review, not '%s'", arg);
	return 0;
}

static int
parse_evidence_kind(const struct ctx *ctx, const char *arg, void *value)
{
	enum an_evidence_kind k;

	if (an_evidence_kind_parse(arg, &k) != 0)
		return cli_usage(ctx, "--kind must be briefing, resource, learning_event,"
		    " service_user_feedback, complaint, compliment, frontline_intelligence,"
		    " national_research, dataset_report or other, not '%s'", arg);
	*(const char **)value = an_evidence_kinds[k];
	return 0;
}

int
cmd_evidence(struct ctx *ctx, int argc, char **argv)
{
	struct an_evidence_opts o;
	struct cli_common co;
	struct lia_err err;
	int rc;

	an_evidence_opts_defaults(&o);
	{
		const struct cli_opt opts[] = {
			{ CLI_CALL, "by", 0, &o.by, 0, 0, 0, NULL, parse_evidence_by },
			{ CLI_CALL, "kind", 0, &o.kind, 0, 0, 0, NULL, parse_evidence_kind },
			{ CLI_STRING, "theme", 0, &o.theme, 0, 0, 0, NULL, NULL },
			CLI_OPT_END
		};

		cli_common_init(&co, CLI_ANALYSIS);
		if ((rc = cli_parse(ctx, argc, argv, opts, &co, NULL, 0, 0, NULL)) != 0)
			return rc;
	}
	o.period = co.period;
	lia_err_clear(&err);
	return cli_finish(rpt_evidence(ctx->db, &o, &co.sdc, &err), &co, &err);
}
