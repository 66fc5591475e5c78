/*
 * chart: `lia chart NAME -o FILE.png|pdf|svg`.  Owns the table of named
 * charts: each fetches its analysis's result from the database and builds
 * a chart from it; charts/ draws and writes it.  Only names that work are
 * in the table (and so in the help); the data-backed charts join as their
 * analyses land.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analytics/evidence.h"
#include "charts/charts.h"
#include "cli/cli.h"

int cmd_chart(struct ctx *, int, char **);

struct named_chart {
	const char *name;
	const char *summary;
	double width, height;	/* default size in points */
	struct chart *(*build)(struct ctx *, struct lia_err *);
};

static struct chart *
build_cycle(struct ctx *ctx, struct lia_err *err)
{
	struct an_evidence ev[AN_EV_COUNT];
	struct chart_opts o;
	struct chart *c;
	int i;

	if (an_evidence_counts(ctx->db, ev, err) != 0)
		return NULL;
	chart_opts_defaults(&o);
	o.title = "Learning improvement cycle";
	o.subtitle = "Evidence held at each stage";
	o.note = "L&D: Learning & Development sub-group; PQA: Performance & Quality "
	    "Assurance sub-group; PRP: Practice Review Panel.  Counts of records in "
	    "the lia database; \xe2\x80\x93 not held in lia.";
	if ((c = chart_new(CHART_CYCLE, &o)) == NULL) {
		lia_err_set(err, "out of memory");
		return NULL;
	}
	chart_set_groups(c, an_evidence_groups, 3);
	chart_set_centre(c, "Learning Improvement Cycle");
	for (i = 0; i < AN_EV_COUNT; i++) {
		struct chart_node n;

		n.label = ev[i].label;
		n.group = (int)ev[i].group;
		n.count = ev[i].held ? (double)ev[i].count : NAN;
		n.hidden = 0;
		chart_add_node(c, &n);
	}
	return c;
}

static const struct named_chart charts[] = {
	{ "improvement-cycle", "the learning improvement cycle with the evidence at each stage",
	  480, 400, build_cycle },
	{ NULL, NULL, 0, 0, NULL }
};

static int
known_format(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot && (strcasecmp(dot, ".png") == 0 || strcasecmp(dot, ".pdf") == 0 ||
	    strcasecmp(dot, ".svg") == 0);
}

static int
parse_number(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end != '\0' || !(v >= lo && v <= hi))
		return -1;
	*out = v;
	return 0;
}

int
cmd_chart(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "width", required_argument, NULL, 'w' },
		{ "height", required_argument, NULL, 'h' },
		{ "dpi", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	const struct named_chart *nc;
	const char *out = NULL, *name;
	double width = 0, height = 0, dpi = 150;
	struct lia_err err;
	struct chart *c;
	int opt, rc;

	lia_err_clear(&err);
	if (argc < 2 || argv[1][0] == '-')
		return cli_usage(ctx, "which chart? see 'lia chart --help'");
	name = argv[1];
	for (nc = charts; nc->name; nc++)
		if (strcmp(nc->name, name) == 0)
			break;
	if (nc->name == NULL)
		return cli_usage(ctx, "unknown chart '%s'; see 'lia chart --help'", name);
	opterr = 0;
	optind = 2;
	while ((opt = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'o':
			out = optarg;
			break;
		case 'w':
			if (parse_number(optarg, 36, 5000, &width) != 0)
				return cli_usage(ctx, "--width must be 36 to 5000 points, not '%s'", optarg);
			break;
		case 'h':
			if (parse_number(optarg, 36, 5000, &height) != 0)
				return cli_usage(ctx, "--height must be 36 to 5000 points, not '%s'", optarg);
			break;
		case 'd':
			if (parse_number(optarg, 36, 1200, &dpi) != 0)
				return cli_usage(ctx, "--dpi must be 36 to 1200, not '%s'", optarg);
			break;
		default:
			return cli_bad_option(ctx, argv, optind, optopt);
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	if (out == NULL)
		return cli_usage(ctx, "-o FILE is required");
	if (!known_format(out))
		return cli_usage(ctx, "'%s': the file must end in .png, .pdf or .svg", out);
	if ((c = nc->build(ctx, &err)) == NULL)
		return cli_fail(&err);
	chart_set_dpi(c, dpi);
	rc = chart_write(c, out, width > 0 ? width : nc->width,
	    height > 0 ? height : nc->height);
	if (rc != 0) {
		lia_err_set(&err, "%s", chart_error(c));
		chart_free(c);
		return cli_fail(&err);
	}
	chart_free(c);
	return LIA_EXIT_OK;
}
