/*
 * feedback and audits: the PQA sub-group's commands.  As reach does: parse
 * the options (options.c), take the result from reports/ (the analysis as
 * tables, small numbers hidden when --suppress asks) and write it.
 */
#include <string.h>

#include "cli/cli.h"
#include "reports/reports.h"

static int
parse_feedback_by(const struct ctx *ctx, const char *arg, void *value)
{
	enum an_dim d;

	if (an_dim_parse(arg, &d) != 0 ||
	    (d != AN_DIM_COURSE && d != AN_DIM_THEME && d != AN_DIM_SESSION))
		return cli_usage(ctx, "--by must be course, theme or session, not '%s'", arg);
	*(enum an_dim *)value = d;
	return 0;
}

int
cmd_feedback(struct ctx *ctx, int argc, char **argv)
{
	struct an_feedback_opts o;
	struct cli_common co;
	struct lia_err err;
	int rc;

	an_feedback_opts_defaults(&o);
	{
		const struct cli_opt opts[] = {
			{ CLI_STRING, "course", 0, &o.course, 0, 0, 0, NULL, NULL },
			{ CLI_STRING, "theme", 0, &o.theme, 0, 0, 0, NULL, NULL },
			{ CLI_CALL, "stage", 0, &o.stage, 0, 0, 0, NULL, cli_stage },
			{ CLI_CALL, "by", 0, &o.by, 0, 0, 0, NULL, parse_feedback_by },
			CLI_OPT_END
		};

		cli_common_init(&co, CLI_ANALYSIS);
		if ((rc = cli_parse(ctx, argc, argv, opts, &co, NULL, 0, 0, NULL)) != 0)
			return rc;
	}
	o.period = co.period;
	lia_err_clear(&err);
	return cli_finish(rpt_feedback(ctx->db, &o, &co.sdc, &err), &co, &err);
}

int
cmd_audits(struct ctx *ctx, int argc, char **argv)
{
	struct an_audits_opts o;
	struct cli_common co;
	struct lia_err err;
	int rc;

	an_audits_opts_defaults(&o);
	{
		const struct cli_opt opts[] = {
			{ CLI_CALL, "kind", 0, &o.kind, 0, 0, 0, NULL, cli_audit_kind },
			{ CLI_STRING, "standard", 0, &o.standard, 0, 0, 0, NULL, NULL },
			{ CLI_STRING, "agency", 0, &o.agency, 0, 0, 0, NULL, NULL },
			{ CLI_STRING, "theme", 0, &o.theme, 0, 0, 0, NULL, NULL },
			CLI_OPT_END
		};

		cli_common_init(&co, CLI_FORMAT | CLI_OUTPUT | CLI_SUPPRESS);
		if ((rc = cli_parse(ctx, argc, argv, opts, &co, NULL, 0, 0, NULL)) != 0)
			return rc;
	}
	lia_err_clear(&err);
	return cli_finish(rpt_audits(ctx->db, &o, &co.sdc, &err), &co, &err);
}
