/*
 * report: `lia report board|ld|pqa -o FILE.pdf|FILE.html`.  Parses the
 * options (the shared period and --suppress, the pack's own), reads the
 * targets file when one is given, and asks reports/ to build the pack and
 * write it; the format follows the file's extension.  The moment of
 * production is now, or SOURCE_DATE_EPOCH when set (reproducible packs).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "reports/reports.h"

static int
known_format(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot && (strcasecmp(dot, ".pdf") == 0 || strcasecmp(dot, ".html") == 0 ||
	    strcasecmp(dot, ".htm") == 0);
}

/* SOURCE_DATE_EPOCH, else now; -1 when it is set but not a time. */
static int
produced(time_t *t)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	*t = time(NULL);
	if (e == NULL || *e == '\0')
		return 0;
	errno = 0;
	v = strtoll(e, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || v > 253402300799LL)
		return -1;
	*t = (time_t)v;
	return 0;
}

int
cmd_report(struct ctx *ctx, int argc, char **argv)
{
	struct rpt_pack_opts o;
	struct cli_common co;
	struct lia_err err;
	const char *targets = NULL;
	char *pack = NULL;
	int rc;

	rpt_pack_opts_defaults(&o);
	{
		const struct cli_opt opts[] = {
			{ CLI_STRING, "partnership", 0, &o.partnership, 0, 0, 0, NULL, NULL },
			{ CLI_STRING, "title", 0, &o.title, 0, 0, 0, NULL, NULL },
			{ CLI_STRING, "targets", 0, &targets, 0, 0, 0, NULL, NULL },
			CLI_OPT_END
		};

		cli_common_init(&co, CLI_OUTPUT | CLI_PERIOD | CLI_SUPPRESS);
		an_sdc_default(&co.sdc);	/* the packs hide small numbers unless told */
		if ((rc = cli_parse(ctx, argc, argv, opts, &co, NULL, 1, 1, &pack)) != 0)
			return rc;
	}
	if (rpt_pack_parse(pack, &o.pack) != 0)
		return cli_usage(ctx, "the pack must be board, ld or pqa, not '%s'", pack);
	if (co.output == NULL)
		return cli_usage(ctx, "-o FILE is required");
	if (!known_format(co.output))
		return cli_usage(ctx, "'%s': the file must end in .pdf or .html", co.output);
	if (o.partnership && *o.partnership == '\0')
		return cli_usage(ctx, "--partnership needs a name");
	if (o.title && *o.title == '\0')
		return cli_usage(ctx, "--title needs a text");
	if (produced(&o.produced) != 0)
		return cli_usage(ctx, "SOURCE_DATE_EPOCH must be seconds since 1970, not '%s'",
		    getenv("SOURCE_DATE_EPOCH"));
	o.period = co.period;
	o.sdc = co.sdc;
	lia_err_clear(&err);
	if (targets && rpt_targets_load(&o.targets, targets, &err) != 0)
		return cli_fail(&err);
	if (rpt_pack_write(ctx->db, &o, co.output, &err) != 0)
		return cli_fail(&err);
	return LIA_EXIT_OK;
}
