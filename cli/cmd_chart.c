/*
 * chart: `lia chart NAME -o FILE.png|pdf|svg`.  Parses the options, finds
 * the named figure in reports/ (the same function every report pack draws
 * it with) and writes the chart; charts/ chooses the format by the file's
 * extension and writes it atomically.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "reports/reports.h"

struct size_args {
	double width, height, dpi;
};

static int
parse_points(const struct ctx *ctx, const char *arg, double lo, double hi, const char *name,
    double *out)
{
	char *end;
	double v = strtod(arg, &end);

	if (end == arg || *end != '\0' || !(v >= lo && v <= hi))
		return cli_usage(ctx, "--%s must be %g to %g%s, not '%s'", name, lo, hi,
		    strcmp(name, "dpi") == 0 ? "" : " points", arg);
	*out = v;
	return 0;
}

static int
parse_width(const struct ctx *ctx, const char *arg, void *v)
{
	return parse_points(ctx, arg, 36, 5000, "width", v);
}

static int
parse_height(const struct ctx *ctx, const char *arg, void *v)
{
	return parse_points(ctx, arg, 36, 5000, "height", v);
}

static int
parse_dpi(const struct ctx *ctx, const char *arg, void *v)
{
	return parse_points(ctx, arg, 36, 1200, "dpi", v);
}

/* --kind: a kind of review for the review timeline, else a kind of audit. */
struct kind_arg {
	const struct rpt_figure *fig;
	struct rpt_args *a;
	int review;
};

static int
parse_kind(const struct ctx *ctx, const char *arg, void *v)
{
	struct kind_arg *k = v;
	const char *word;

	if (k->fig == NULL || !(k->fig->accepts & RPT_REVIEW_KIND))
		return cli_audit_kind(ctx, arg, &k->a->kind);
	if (an_review_kind_parse(arg, &word) != 0)
		return cli_usage(ctx, "--kind must be SCR, CSPR, rapid review or SAR, not '%s'", arg);
	k->a->review_kind = word;
	k->review = 1;
	return 0;
}

static int
known_format(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot && (strcasecmp(dot, ".png") == 0 || strcasecmp(dot, ".pdf") == 0 ||
	    strcasecmp(dot, ".svg") == 0);
}

/* The list of charts and the options each takes, after the static help. */
void
cmd_chart_help(FILE *fp)
{
	const struct rpt_figure *f;
	unsigned bit;

	fputs("\nCharts:\n", fp);
	for (f = rpt_figures; f->name; f++) {
		const char *p = f->help;
		int first = 1, any = 0, col;

		while (*p) {
			size_t n = strcspn(p, "\n");

			fprintf(fp, "  %-18s %.*s\n", first ? f->name : "", (int)n, p);
			first = 0;
			p += n + (p[n] == '\n');
		}
		fprintf(fp, "  %-18s options:", "");
		for (bit = 1, col = 29; bit <= RPT_LAST; bit <<= 1) {
			char word[64];

			if (!(f->accepts & bit))
				continue;
			snprintf(word, sizeof word, "%s%s%s", any ? ", " : " ", rpt_arg_name(bit),
			    (f->needs & bit) ? " (required)" : "");
			/* Wrapped under the description at 78 columns. */
			if (col + (int)strlen(word) > 78) {
				fprintf(fp, ",\n  %-18s %s", "", word + 2);
				col = 21 + (int)strlen(word + 2);
			} else {
				fputs(word, fp);
				col += (int)strlen(word);
			}
			any = 1;
		}
		fputs(any ? "\n" : " none\n", fp);
	}
}

int
cmd_chart(struct ctx *ctx, int argc, char **argv)
{
	const struct rpt_figure *fig;
	struct size_args size = { 0, 0, 150 };
	struct rpt_args a;
	struct kind_arg karg = { NULL, &a, 0 };
	struct cli_common co;
	struct lia_err err;
	struct chart *c;
	unsigned given = 0, bit;
	char *name = NULL;
	double h;
	int rc;

	rpt_args_defaults(&a);
	{
		const struct cli_opt opts[] = {
			{ CLI_CALL, "width", 0, &size.width, 0, 0, 0, NULL, parse_width },
			{ CLI_CALL, "height", 0, &size.height, 0, 0, 0, NULL, parse_height },
			{ CLI_CALL, "dpi", 0, &size.dpi, 0, 0, 0, NULL, parse_dpi },
			{ CLI_STRING, "agency", 0, &a.agency, RPT_AGENCY, 0, 0, NULL, NULL },
			{ CLI_STRING, "course", 0, &a.course, RPT_COURSE, 0, 0, NULL, NULL },
			{ CLI_STRING, "theme", 0, &a.theme, RPT_THEME, 0, 0, NULL, NULL },
			{ CLI_CALL, "by", 0, &a.by, RPT_BY, 0, 0, NULL, cli_agency_group },
			{ CLI_DATE, "as-at", 0, &a.as_at, RPT_AS_AT, 0, 0, NULL, NULL },
			{ CLI_CALL, "level", 0, &a.level, RPT_LEVEL, 0, 0, NULL, cli_level },
			{ CLI_CALL, "stage", 0, &a.stage, RPT_STAGE, 0, 0, NULL, cli_stage },
			{ CLI_CALL, "kind", 0, &karg, RPT_KIND, 0, 0, NULL, parse_kind },
			{ CLI_STRING, "standard", 0, &a.standard, RPT_STANDARD, 0, 0, NULL, NULL },
			CLI_OPT_END
		};

		if (argc < 2 || argv[1][0] == '-')
			return cli_usage(ctx, "which chart? see 'lia chart --help'");
		if ((fig = rpt_figure_find(argv[1])) == NULL)
			return cli_usage(ctx, "unknown chart '%s'; see 'lia chart --help'", argv[1]);
		karg.fig = fig;
		cli_common_init(&co, CLI_OUTPUT | CLI_PERIOD | CLI_SUPPRESS);
		if ((rc = cli_parse(ctx, argc, argv, opts, &co, &given, 1, 1, &name)) != 0)
			return rc;
	}
	if (co.given & CLI_PERIOD)
		given |= RPT_PERIOD;
	if (co.given & CLI_SUPPRESS)
		given |= RPT_SUPPRESS;
	if (karg.review)
		given = (given & ~(unsigned)RPT_KIND) | RPT_REVIEW_KIND;
	for (bit = 1; bit <= RPT_LAST; bit <<= 1) {
		if ((given & bit) && !(fig->accepts & bit))
			return cli_usage(ctx, "%s does not apply to the %s chart", rpt_arg_name(bit),
			    fig->name);
		if ((fig->needs & bit) && !(given & bit))
			return cli_usage(ctx, "the %s chart needs %s", fig->name, rpt_arg_name(bit));
	}
	if (co.output == NULL)
		return cli_usage(ctx, "-o FILE is required");
	if (!known_format(co.output))
		return cli_usage(ctx, "'%s': the file must end in .png, .pdf or .svg", co.output);
	a.given = given;
	a.period = co.period;
	a.sdc = co.sdc;
	h = fig->height;
	lia_err_clear(&err);
	if ((c = rpt_figure_build(fig, ctx->db, &a, &h, &err)) == NULL)
		return cli_fail(&err);
	if (chart_set_dpi(c, size.dpi) != 0 ||
	    chart_write(c, co.output, size.width > 0 ? size.width : fig->width,
	    size.height > 0 ? size.height : h) != 0) {
		lia_err_set(&err, "%s", chart_error(c));
		chart_free(c);
		return cli_fail(&err);
	}
	chart_free(c);
	return LIA_EXIT_OK;
}
