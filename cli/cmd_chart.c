/*
 * chart: `lia chart NAME -o FILE.png|pdf|svg`.  Owns the table of named
 * charts: each runs its analysis on the database with the options given
 * (the analyses' filters, parsed by options.c as `lia reach` and `lia
 * currency` parse them) and builds a chart from the result; charts/ draws
 * and writes it.  Only names that work are in the table (and so in the
 * help); the data-backed charts join as their analyses land.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analytics/analytics.h"
#include "analytics/evidence.h"
#include "charts/charts.h"
#include "cli/cli.h"

int cmd_chart(struct ctx *, int, char **);

/* The options a chart may take besides -o and the sizes: bits of chart_args.given. */
enum chart_arg {
	ARG_PERIOD = 1 << 0,	/* --period, --from, --to */
	ARG_AGENCY = 1 << 1,
	ARG_COURSE = 1 << 2,
	ARG_THEME = 1 << 3,
	ARG_BY = 1 << 4,	/* agency | sector */
	ARG_AS_AT = 1 << 5,
	ARG_LEVEL = 1 << 6
};
#define ARG_REACH (ARG_PERIOD | ARG_AGENCY | ARG_COURSE | ARG_THEME)

/* The options as given, parsed; absent ones keep their defaults. */
struct chart_args {
	unsigned given;		/* enum chart_arg bits */
	struct period period;	/* period_all when not given */
	const char *agency, *course, *theme;
	enum an_dim by;		/* AN_DIM_AGENCY unless --by sector */
	lia_date as_at;
	int level;		/* 0: any level */
};

struct named_chart {
	const char *name;
	unsigned accepts;	/* enum chart_arg bits */
	unsigned needs;		/* of them, the required ones */
	double width, height;	/* default size in points */
	/* Builds the chart; may raise *height to fit its rows.  NULL with err. */
	struct chart *(*build)(struct ctx *, const struct chart_args *, double *height,
	    struct lia_err *);
};

/* Height that gives each of n bars a readable band: about 15 pt a row. */
static double
bars_height(double min, size_t n)
{
	return fmax(min, 120 + 15.0 * (double)n);
}

/* "16,537": a count as a chart's note writes it.  Returns buf (32 bytes). */
static char *
thousands(int64_t v, char *buf)
{
	char digits[24];
	int n, i, j = 0;

	n = snprintf(digits, sizeof digits, "%lld", (long long)(v < 0 ? -v : v));
	if (v < 0)
		buf[j++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = digits[i];
	}
	buf[j] = '\0';
	return buf;
}

/* "1 April 2019": the long form a reader of a board paper expects. */
static char *
long_date(lia_date d, char *buf, size_t len)
{
	static const char *const months[] = { "January", "February", "March", "April", "May",
	    "June", "July", "August", "September", "October", "November", "December" };
	int y, m, day;

	date_to_ymd(d, &y, &m, &day);
	snprintf(buf, len, "%d %s %d", day, months[m - 1], y);
	return buf;
}

/* The period in words: "2019/20 (1 April 2019 to 31 March 2020)", "all dates". */
static char *
period_words(const struct period *p)
{
	char a[32], b[32];

	if (p->kind == PERIOD_ALL)
		return g_strdup("all dates");
	if (p->kind == PERIOD_RANGE) {
		if (p->from == INT32_MIN)
			return g_strdup_printf("up to %s", long_date(p->to, b, sizeof b));
		if (p->to == INT32_MAX)
			return g_strdup_printf("from %s", long_date(p->from, a, sizeof a));
		return g_strdup_printf("%s to %s", long_date(p->from, a, sizeof a),
		    long_date(p->to, b, sizeof b));
	}
	return g_strdup_printf("%s (%s to %s)", p->label, long_date(p->from, a, sizeof a),
	    long_date(p->to, b, sizeof b));
}

/* ", course NEG1, theme Neglect, agency Police": the filters, for a subtitle. */
static void
filter_words(GString *g, const struct chart_args *a)
{
	if (a->agency)
		g_string_append_printf(g, ", agency %s", a->agency);
	if (a->course)
		g_string_append_printf(g, ", course %s", a->course);
	if (a->theme)
		g_string_append_printf(g, ", theme %s", a->theme);
}

static const char *
group_word(enum an_dim by)
{
	return by == AN_DIM_SECTOR ? "sector" : "agency";
}

/* ---- reach-by-agency ---------------------------------------------------------- */

static struct chart *
build_reach_bars(struct ctx *ctx, const struct chart_args *a, double *height,
    struct lia_err *err)
{
	struct an_reach_opts o;
	struct an_reach *r;
	struct chart_reach_row *rows = NULL;
	struct chart *c = NULL;
	GString *sub = g_string_new(NULL), *note = g_string_new(NULL);
	char *title = NULL, *when = NULL, n1[32], n2[32];
	size_t i;

	an_reach_opts_defaults(&o);
	o.by = a->by;
	o.period = a->period;
	o.agency = a->agency;
	o.course = a->course;
	o.theme = a->theme;
	if ((r = an_reach_run(ctx->db, &o, err)) == NULL)
		goto out;
	rows = g_new0(struct chart_reach_row, r->nrows + 1);
	for (i = 0; i < r->nrows; i++) {
		const struct an_reach_row *x = &r->rows[i];

		rows[i].agency = x->key ? x->key : "(not recorded)";
		/* No workforce figure: missing (NaN), never a zero bar. */
		rows[i].coverage = x->coverage;
		rows[i].ci_low = x->coverage_ci_low;
		rows[i].ci_high = x->coverage_ci_high;
		rows[i].hidden = 0;	/* no small-number suppression yet */
	}
	when = period_words(&a->period);
	title = g_strdup_printf("Safeguarding training reach by %s, %s", group_word(a->by),
	    a->period.kind == PERIOD_ALL ? "all dates" : a->period.label);
	g_string_append_printf(sub, "Unique practitioners trained as a share of each %s's workforce",
	    group_word(a->by));
	filter_words(sub, a);
	g_string_append_printf(note, "Period: %s.  n = %s %s (%s %s) in %zu %s; "
	    "workforce: the latest headcount return.", when,
	    thousands(r->total.unique_practitioners, n1),
	    r->total.unique_practitioners == 1 ? "practitioner" : "practitioners",
	    thousands(r->total.attendances, n2),
	    r->total.attendances == 1 ? "attendance" : "attendances", r->nrows, r->nrows == 1 ? group_word(a->by) : a->by == AN_DIM_SECTOR ? "sectors" :
	    "agencies");
	c = chart_reach_bars(rows, (int)r->nrows, title, sub->str, note->str);
	if (c == NULL)
		lia_err_set(err, "out of memory");
	*height = bars_height(*height, r->nrows);
out:
	g_free(title);
	g_free(when);
	g_free(rows);
	g_string_free(sub, TRUE);
	g_string_free(note, TRUE);
	an_reach_free(r);
	return c;
}

/* ---- reach-over-time ------------------------------------------------------------ */

/* "Apr 2019" for a month key "2019-04"; the year only on the first and on January. */
static char *
month_label(const char *key, int first)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y, m;

	if (key == NULL || sscanf(key, "%d-%d", &y, &m) != 2 || m < 1 || m > 12)
		return g_strdup(key ? key : "?");
	if (first || m == 1)
		return g_strdup_printf("%s %d", months[m - 1], y);
	return g_strdup(months[m - 1]);
}

static struct chart *
build_reach_time(struct ctx *ctx, const struct chart_args *a, double *height,
    struct lia_err *err)
{
	struct an_reach_opts o;
	struct an_reach *r;
	struct chart_opts co;
	struct chart_series s;
	struct chart *c = NULL;
	char **months = NULL, *title = NULL, *when = NULL, n1[32], n2[32];
	double *people = NULL, *attended = NULL, sum = 0;
	GString *sub = g_string_new(NULL), *note = g_string_new(NULL);
	size_t i, n = 0;
	int rc = 0;

	(void)height;
	an_reach_opts_defaults(&o);
	o.by = AN_DIM_MONTH;
	o.cumulative = 1;
	o.period = a->period;
	o.agency = a->agency;
	o.course = a->course;
	o.theme = a->theme;
	if ((r = an_reach_run(ctx->db, &o, err)) == NULL)
		goto out;
	/* A selection without sessions has only empty months: draw "No data". */
	if (r->total.sessions > 0)
		n = r->nrows;
	months = g_new0(char *, n + 1);
	people = g_new0(double, n + 1);
	attended = g_new0(double, n + 1);
	for (i = 0; i < n; i++) {
		months[i] = month_label(r->rows[i].key, i == 0);
		people[i] = (double)r->rows[i].cumulative_practitioners;
		sum += (double)r->rows[i].attendances;
		attended[i] = sum;
	}
	when = period_words(&a->period);
	title = g_strdup_printf("Cumulative training reach, %s",
	    a->period.kind == PERIOD_ALL ? "all dates" : a->period.label);
	g_string_append_printf(sub, "Attendances and unique practitioners since the %s, "
	    "counted apart", a->period.kind == PERIOD_ALL ? "first session" : "period began");
	filter_words(sub, a);
	g_string_append_printf(note, "Period: %s.  n = %s %s, %s %s; "
	    "a practitioner counts once, in the month first reached.", when,
	    thousands(r->total.unique_practitioners, n1),
	    r->total.unique_practitioners == 1 ? "practitioner" : "practitioners",
	    thousands(r->total.attendances, n2),
	    r->total.attendances == 1 ? "attendance" : "attendances");

	chart_opts_defaults(&co);
	co.title = title;
	co.subtitle = sub->str;
	co.note = note->str;
	co.markers = n <= 24;
	co.value_label = "Cumulative count";
	co.fixed_min = 1;
	co.value_min = 0;
	co.decimals = 0;
	if ((c = chart_new(CHART_LINE, &co)) == NULL) {
		lia_err_set(err, "out of memory");
		goto out;
	}
	memset(&s, 0, sizeof s);
	s.n = (int)n;
	s.colour = 0;
	s.name = "Unique practitioners";
	s.values = people;
	rc |= chart_set_categories(c, (const char *const *)months, (int)n);
	rc |= chart_add_series(c, &s);
	s.colour = 1;
	s.name = "Attendances";
	s.values = attended;
	rc |= chart_add_series(c, &s);
	if (rc != 0) {
		lia_err_set(err, "%s", chart_error(c));
		chart_free(c);
		c = NULL;
	}
out:
	if (months)
		for (i = 0; i < n; i++)
			g_free(months[i]);
	g_free(months);
	g_free(people);
	g_free(attended);
	g_free(title);
	g_free(when);
	g_string_free(sub, TRUE);
	g_string_free(note, TRUE);
	an_reach_free(r);
	return c;
}

/* ---- currency ------------------------------------------------------------------- */

static struct chart *
build_currency(struct ctx *ctx, const struct chart_args *a, double *height,
    struct lia_err *err)
{
	struct an_currency_opts o;
	struct an_currency *r;
	struct chart_opts co;
	struct chart_series s;
	struct chart *c = NULL;
	const char **names = NULL;
	double *v = NULL, *lo = NULL, *hi = NULL;
	char *title = NULL, day[32], n1[32], n2[32];
	GString *sub = g_string_new(NULL), *note = g_string_new(NULL);
	size_t i, n = 0;
	int rc = 0;

	an_currency_opts_defaults(&o);
	o.as_at = a->as_at;
	o.level = a->level;
	o.by = a->by;
	if ((r = an_currency_run(ctx->db, &o, err)) == NULL)
		goto out;
	/* Nobody trained by the date: nothing to show but "No data". */
	if (r->total.practitioners > 0)
		n = r->nrows;
	names = g_new0(const char *, n + 1);
	v = g_new0(double, n + 1);
	lo = g_new0(double, n + 1);
	hi = g_new0(double, n + 1);
	for (i = 0; i < n; i++) {
		const struct an_currency_row *x = &r->rows[i];

		names[i] = x->key ? x->key : "(not recorded)";
		v[i] = x->in_date_share;
		lo[i] = x->ci_low;
		hi[i] = x->ci_high;
	}
	long_date(a->as_at, day, sizeof day);
	if (a->level > 0)
		title = g_strdup_printf("Level %d safeguarding training in date by %s", a->level,
		    group_word(a->by));
	else
		title = g_strdup_printf("Safeguarding training in date by %s", group_word(a->by));
	g_string_append_printf(sub, "Practitioners whose training is in date as a share of "
	    "each %s's workforce, as at %s", group_word(a->by), day);
	if (r->by_hours)
		g_string_append_printf(note, "In date: %g hours or more in the %d months to %s.  ",
		    r->hours_required, r->window_months, day);
	else
		g_string_append(note, "In date: the latest course of the level is within its "
		    "refresh period.  ");
	g_string_append_printf(note, "n = %s %s trained, %s in date; workforce: "
	    "the latest headcount return.", thousands(r->total.practitioners, n1),
	    r->total.practitioners == 1 ? "practitioner" : "practitioners",
	    thousands(r->total.in_date, n2));
	chart_opts_defaults(&co);
	co.title = title;
	co.subtitle = sub->str;
	co.note = note->str;
	co.format = CHART_PERCENT;
	co.value_labels = 1;
	co.value_label = "Share of the workforce in date (95% Wilson interval)";
	co.fixed_min = 1;
	co.value_min = 0;
	co.missing_text = "no workforce figure";
	if ((c = chart_new(CHART_BAR_H, &co)) == NULL) {
		lia_err_set(err, "out of memory");
		goto out;
	}
	memset(&s, 0, sizeof s);
	s.name = "In date";
	s.n = (int)n;
	s.values = v;
	s.low = lo;
	s.high = hi;
	s.colour = 2;
	rc |= chart_set_categories(c, names, (int)n);
	rc |= chart_add_series(c, &s);
	if (rc != 0) {
		lia_err_set(err, "%s", chart_error(c));
		chart_free(c);
		c = NULL;
	}
	*height = bars_height(*height, n);
out:
	g_free(names);
	g_free(v);
	g_free(lo);
	g_free(hi);
	g_free(title);
	g_string_free(sub, TRUE);
	g_string_free(note, TRUE);
	an_currency_free(r);
	return c;
}

/* ---- improvement-cycle ------------------------------------------------------------ */

static struct chart *
build_cycle(struct ctx *ctx, const struct chart_args *a, double *height, struct lia_err *err)
{
	struct an_evidence ev[AN_EV_COUNT];
	struct chart_opts o;
	struct chart *c;
	int i;

	(void)a;
	(void)height;
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
	{ "reach-by-agency", ARG_REACH | ARG_BY, 0, 480, 320, build_reach_bars },
	{ "reach-over-time", ARG_REACH, 0, 480, 300, build_reach_time },
	{ "currency", ARG_AS_AT | ARG_LEVEL | ARG_BY, ARG_AS_AT, 480, 320, build_currency },
	{ "improvement-cycle", 0, 0, 480, 400, build_cycle },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* The option named by an ARG_ bit, for messages. */
static const char *
arg_name(unsigned bit)
{
	switch (bit) {
	case ARG_PERIOD:
		return "--period/--from/--to";
	case ARG_AGENCY:
		return "--agency";
	case ARG_COURSE:
		return "--course";
	case ARG_THEME:
		return "--theme";
	case ARG_BY:
		return "--by";
	case ARG_AS_AT:
		return "--as-at";
	default:
		return "--level";
	}
}

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
		{ "period", required_argument, NULL, 'p' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "agency", required_argument, NULL, 'a' },
		{ "course", required_argument, NULL, 'c' },
		{ "theme", required_argument, NULL, 't' },
		{ "by", required_argument, NULL, 'b' },
		{ "as-at", required_argument, NULL, 'A' },
		{ "level", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	const struct named_chart *nc;
	const char *out = NULL, *name, *period = NULL, *from = NULL, *to = NULL;
	double width = 0, height = 0, dpi = 150, h;
	struct chart_args args;
	struct lia_err err;
	struct chart *c;
	unsigned bit;
	int opt, rc;

	lia_err_clear(&err);
	memset(&args, 0, sizeof args);
	args.by = AN_DIM_AGENCY;
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
		case 'p':
			period = optarg;
			args.given |= ARG_PERIOD;
			break;
		case 'F':
			from = optarg;
			args.given |= ARG_PERIOD;
			break;
		case 'T':
			to = optarg;
			args.given |= ARG_PERIOD;
			break;
		case 'a':
			args.agency = optarg;
			args.given |= ARG_AGENCY;
			break;
		case 'c':
			args.course = optarg;
			args.given |= ARG_COURSE;
			break;
		case 't':
			args.theme = optarg;
			args.given |= ARG_THEME;
			break;
		case 'b':
			if ((rc = cli_agency_group(ctx, optarg, &args.by)) != 0)
				return rc;
			args.given |= ARG_BY;
			break;
		case 'A':
			if ((rc = cli_date(ctx, optarg, &args.as_at)) != 0)
				return rc;
			args.given |= ARG_AS_AT;
			break;
		case 'l':
			if ((rc = cli_level(ctx, optarg, &args.level)) != 0)
				return rc;
			args.given |= ARG_LEVEL;
			break;
		default:
			return cli_bad_option(ctx, argv, optind, optopt);
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);
	for (bit = 1; bit <= ARG_LEVEL; bit <<= 1) {
		if ((args.given & bit) && !(nc->accepts & bit))
			return cli_usage(ctx, "%s does not apply to the %s chart", arg_name(bit), nc->name);
		if ((nc->needs & bit) && !(args.given & bit))
			return cli_usage(ctx, "the %s chart needs %s", nc->name, arg_name(bit));
	}
	if ((rc = cli_period(ctx, period, from, to, &args.period)) != 0)
		return rc;
	if (out == NULL)
		return cli_usage(ctx, "-o FILE is required");
	if (!known_format(out))
		return cli_usage(ctx, "'%s': the file must end in .png, .pdf or .svg", out);
	h = nc->height;
	if ((c = nc->build(ctx, &args, &h, &err)) == NULL)
		return cli_fail(&err);
	chart_set_dpi(c, dpi);
	rc = chart_write(c, out, width > 0 ? width : nc->width, height > 0 ? height : h);
	if (rc != 0) {
		lia_err_set(&err, "%s", chart_error(c));
		chart_free(c);
		return cli_fail(&err);
	}
	chart_free(c);
	return LIA_EXIT_OK;
}
