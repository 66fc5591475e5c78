/*
 * timeliness, actions and impact: the commands of the reviews' side of the
 * learning cycle.  As reach does: parse the options (options.c), take the
 * result from reports/ (the analysis as tables, small numbers hidden when
 * --suppress asks) and write it.
 */
#include <string.h>

#include "cli/cli.h"
#include "reports/reports.h"

static int
parse_layout(const struct ctx *ctx, const char *arg, void *value)
{
	if (strcmp(arg, "rows") != 0 && strcmp(arg, "seed") != 0)
		return cli_usage(ctx, "--layout must be rows or seed, not '%s'", arg);
	*(int *)value = strcmp(arg, "seed") == 0;
	return 0;
}

static int
parse_review_kind(const struct ctx *ctx, const char *arg, void *value)
{
	const char *word;

	if (an_review_kind_parse(arg, &word) != 0)
		return cli_usage(ctx, "--kind must be SCR, CSPR, rapid review or SAR, not '%s'", arg);
	*(const char **)value = word;
	return 0;
}

static int
parse_actions_by(const struct ctx *ctx, const char *arg, void *value)
{
	if (an_actions_by_parse(arg, value) != 0)
		return cli_usage(ctx, "--by must be review, theme or review-theme, not '%s'", arg);
	return 0;
}

int
cmd_timeliness(struct ctx *ctx, int argc, char **argv)
{
	struct an_timeliness_opts o;
	struct cli_common co;
	struct lia_err err;
	int seed = 0, rc;

	an_timeliness_opts_defaults(&o);
	{
		const struct cli_opt opts[] = {
			{ CLI_CALL, "kind", 0, &o.kind, 0, 0, 0, NULL, parse_review_kind },
			{ CLI_CALL, "layout", 0, &seed, 0, 0, 0, NULL, parse_layout },
			CLI_OPT_END
		};

		cli_common_init(&co, CLI_ANALYSIS);
		if ((rc = cli_parse(ctx, argc, argv, opts, &co, NULL, 0, 0, NULL)) != 0)
			return rc;
	}
	o.period = co.period;
	lia_err_clear(&err);
	return cli_finish(rpt_timeliness(ctx->db, &o, seed, &co.sdc, &err), &co, &err);
}

int
cmd_actions(struct ctx *ctx, int argc, char **argv)
{
	struct an_actions_opts o;
	struct cli_common co;
	struct lia_err err;
	int rc;

	an_actions_opts_defaults(&o);
	{
		const struct cli_opt opts[] = {
			{ CLI_STRING, "review", 0, &o.review, 0, 0, 0, NULL, NULL },
			{ CLI_STRING, "theme", 0, &o.theme, 0, 0, 0, NULL, NULL },
			{ CLI_STRING, "agency", 0, &o.agency, 0, 0, 0, NULL, NULL },
			{ CLI_DATE, "as-at", 0, &o.as_at, 0, 0, 0, NULL, NULL },
			{ CLI_CALL, "by", 0, &o.by, 0, 0, 0, NULL, parse_actions_by },
			CLI_OPT_END
		};

		cli_common_init(&co, CLI_FORMAT | CLI_OUTPUT | CLI_SUPPRESS);
		if ((rc = cli_parse(ctx, argc, argv, opts, &co, NULL, 0, 0, NULL)) != 0)
			return rc;
	}
	lia_err_clear(&err);
	return cli_finish(rpt_actions(ctx->db, &o, &co.sdc, &err), &co, &err);
}

#define AS_AT_GIVEN 1u

int
cmd_impact(struct ctx *ctx, int argc, char **argv)
{
	struct an_impact_opts o;
	struct cli_common co;
	struct lia_err err;
	unsigned given = 0;
	int rc;

	an_impact_opts_defaults(&o);
	{
		const struct cli_opt opts[] = {
			{ CLI_STRING, "theme", 0, &o.theme, 0, 0, 0, NULL, NULL },
			{ CLI_DATE, "as-at", 0, &o.as_at, AS_AT_GIVEN, 0, 0, NULL, NULL },
			CLI_OPT_END
		};

		cli_common_init(&co, CLI_ANALYSIS);
		if ((rc = cli_parse(ctx, argc, argv, opts, &co, &given, 0, 0, NULL)) != 0)
			return rc;
	}
	o.period = co.period;
	if (!(given & AS_AT_GIVEN))
		o.as_at = an_impact_as_at(&o.period);
	lia_err_clear(&err);
	return cli_finish(rpt_impact(ctx->db, &o, &co.sdc, &err), &co, &err);
}
