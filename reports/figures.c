/*
 * figures: one function per named chart, drawn from the disclosed result
 * tables of tables.c, so that `lia chart NAME` and every report pack draw
 * the same chart from the same numbers, with the same numbers hidden.  A
 * hidden value is drawn as the chart library's hatched marker, never as
 * its number.  The table rpt_figures at the end is the list of names: a
 * new chart is a builder and one row there.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "reports/reports.h"

void
rpt_args_defaults(struct rpt_args *a)
{
	memset(a, 0, sizeof *a);
	period_all(&a->period);
	a->by = AN_DIM_AGENCY;
	an_sdc_off(&a->sdc);
}

char *
rpt_period_words(const struct period *p)
{
	char a[DATE_LONG_LEN], b[DATE_LONG_LEN];

	if (p->kind == PERIOD_ALL)
		return g_strdup("all dates");
	if (p->kind == PERIOD_RANGE) {
		if (p->from == INT32_MIN)
			return g_strdup_printf("up to %s", date_long(p->to, b));
		if (p->to == INT32_MAX)
			return g_strdup_printf("from %s", date_long(p->from, a));
		return g_strdup_printf("%s to %s", date_long(p->from, a), date_long(p->to, b));
	}
	return g_strdup_printf("%s (%s to %s)", p->label, date_long(p->from, a), date_long(p->to, b));
}

/* Height that gives each of n bars a readable band: about 15 pt a row. */
static double
bars_height(double min, size_t n)
{
	return fmax(min, 120 + 15.0 * (double)n);
}

/* The index of a column the table function always makes. */
static int
col(const struct an_table *t, const char *name)
{
	int c = an_table_find(t, name);

	g_assert(c >= 0);
	return c;
}

/*
 * "16,537 practitioners": a count and its noun for a chart's note; the
 * marker ("<5 practitioners") when hidden.  g_free it.
 */
static char *
count_words(const struct an_result *res, const struct an_table *t, int r, const char *name,
    const char *one, const char *many)
{
	int c = col(t, name);
	const struct an_cell *cell = an_table_cell(t, r, c);
	char *n = an_cell_text(t, r, c, res->hidden_marker, "0");
	char *s = g_strdup_printf("%s %s", n, !cell->hidden && cell->i == 1 ? one : many);

	g_free(n);
	return s;
}

/* ", course NEG1, theme Neglect, agency Police": the filters, for a subtitle. */
static void
filter_words(GString *g, const struct rpt_args *a)
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

static const char *
groups_word(enum an_dim by, size_t n)
{
	if (n == 1)
		return group_word(by);
	return by == AN_DIM_SECTOR ? "sectors" : "agencies";
}

/* The chart options every figure sets alike: titles and the hidden marker. */
static void
figure_opts(struct chart_opts *co, const struct an_result *res, const char *title,
    const char *subtitle, const char *note)
{
	chart_opts_defaults(co);
	co->title = title;
	co->subtitle = subtitle;
	co->note = note;
	if (res && res->hidden_marker)
		co->hidden_text = res->hidden_marker;
}

/* The chart, or NULL with its message in err (and the chart freed). */
static struct chart *
checked(struct chart *c, int rc, struct lia_err *err)
{
	if (c == NULL) {
		lia_err_set(err, "out of memory");
		return NULL;
	}
	if (rc != 0) {
		lia_err_set(err, "%s", chart_error(c));
		chart_free(c);
		return NULL;
	}
	return c;
}

/* ---- reach-by-agency and currency ------------------------------------------------ */

/*
 * Horizontal bars of a share per group with its Wilson whiskers, from the
 * columns share, low and high of a result's rows: hidden shares drawn as
 * the marker, missing ones (no workforce figure) labelled so, never as a
 * zero bar.  n is how many rows to draw (0: "No data").  Returns the chart
 * or NULL with err.
 */
static struct chart *
share_bars(const struct an_result *res, int n, const char *share, const char *low,
    const char *high, struct chart_opts *co, const char *series, int colour,
    struct lia_err *err)
{
	const struct an_table *t = res->parts[0].rows;
	const char **names = g_new0(const char *, n + 1);
	double *v = g_new0(double, n + 1), *lo = g_new0(double, n + 1), *hi = g_new0(double, n + 1);
	unsigned char *hid = g_new0(unsigned char, n + 1);
	int i, rc = 0, cs = col(t, share), cl = col(t, low), ch = col(t, high);
	struct chart_series s;
	struct chart *c;

	for (i = 0; i < n; i++) {
		const char *key = an_table_cell(t, i, 0)->s;

		names[i] = key ? key : "(not recorded)";
		v[i] = an_table_value(t, i, cs);
		lo[i] = an_table_value(t, i, cl);
		hi[i] = an_table_value(t, i, ch);
		hid[i] = (unsigned char)an_table_cell(t, i, cs)->hidden;
	}
	co->format = CHART_PERCENT;
	co->value_labels = 1;
	co->fixed_min = 1;
	co->value_min = 0;
	co->missing_text = "no workforce figure";
	if ((c = chart_new(CHART_BAR_H, co)) != NULL) {
		memset(&s, 0, sizeof s);
		s.name = series;
		s.n = n;
		s.values = v;
		s.low = lo;
		s.high = hi;
		s.hidden = hid;
		s.colour = colour;
		rc |= chart_set_categories(c, names, n);
		rc |= chart_add_series(c, &s);
	}
	g_free(names);
	g_free(v);
	g_free(lo);
	g_free(hi);
	g_free(hid);
	return checked(c, rc, err);
}

static void
reach_opts(struct an_reach_opts *o, const struct rpt_args *a)
{
	an_reach_opts_defaults(o);
	o->period = a->period;
	o->agency = a->agency;
	o->course = a->course;
	o->theme = a->theme;
}

static struct chart *
build_reach_bars(sqlite3 *db, const struct rpt_args *a, double *height, struct lia_err *err)
{
	struct an_reach_opts o;
	struct an_result *res;
	const struct an_table *tot;
	struct chart_opts co;
	struct chart *c = NULL;
	GString *sub = g_string_new(NULL), *note = g_string_new(NULL);
	char *title = NULL, *when = NULL, *people = NULL, *attended = NULL;
	int n;

	reach_opts(&o, a);
	o.by = a->by;
	if ((res = rpt_reach(db, &o, &a->sdc, err)) == NULL)
		goto out;
	tot = res->parts[0].total;
	n = an_table_nrows(res->parts[0].rows);
	when = rpt_period_words(&a->period);
	title = g_strdup_printf("Safeguarding training reach by %s, %s", group_word(a->by),
	    a->period.kind == PERIOD_ALL ? "all dates" : a->period.label);
	g_string_append_printf(sub, "Unique practitioners trained as a share of each %s's workforce",
	    group_word(a->by));
	filter_words(sub, a);
	people = count_words(res, tot, 0, "unique_practitioners", "practitioner", "practitioners");
	attended = count_words(res, tot, 0, "attendances", "attendance", "attendances");
	g_string_append_printf(note, "Period: %s.  n = %s (%s) in %d %s; "
	    "workforce: the latest headcount return.", when, people, attended, n,
	    groups_word(a->by, (size_t)n));
	figure_opts(&co, res, title, sub->str, note->str);
	co.value_label = "Share of the workforce trained (95% Wilson interval)";
	c = share_bars(res, n, "coverage", "coverage_ci_low", "coverage_ci_high", &co, "Coverage",
	    0, err);
	*height = bars_height(*height, (size_t)n);
out:
	g_free(title);
	g_free(when);
	g_free(people);
	g_free(attended);
	g_string_free(sub, TRUE);
	g_string_free(note, TRUE);
	an_result_free(res);
	return c;
}

/* ---- reach-over-time ------------------------------------------------------------ */

/* "Apr 2019" for a month key "2019-04"; the year only on the first and on January. */
static char *
month_label(const char *key, int first)
{
	int y, m;

	if (key == NULL || sscanf(key, "%d-%d", &y, &m) != 2 || m < 1 || m > 12)
		return g_strdup(key ? key : "?");
	if (first || m == 1)
		return g_strdup_printf("%s %d", date_month_name(m, 1), y);
	return g_strdup(date_month_name(m, 1));
}

static struct chart *
build_reach_time(sqlite3 *db, const struct rpt_args *a, double *height, struct lia_err *err)
{
	struct an_reach_opts o;
	struct an_result *res;
	const struct an_table *t = NULL, *tot;
	struct chart_opts co;
	struct chart_series s;
	struct chart *c = NULL;
	char **months = NULL, *title = NULL, *when = NULL, *people = NULL, *attended = NULL;
	double *cum = NULL, *att = NULL, sum = 0;
	unsigned char *hid_cum = NULL, *hid_att = NULL;
	GString *sub = g_string_new(NULL), *note = g_string_new(NULL);
	int i, n = 0, rc = 0, ccum, catt, csess;

	(void)height;
	reach_opts(&o, a);
	o.by = AN_DIM_MONTH;
	o.cumulative = 1;
	if ((res = rpt_reach(db, &o, &a->sdc, err)) == NULL)
		goto out;
	t = res->parts[0].rows;
	tot = res->parts[0].total;
	ccum = col(t, "cumulative_practitioners");
	catt = col(t, "attendances");
	csess = col(tot, "sessions");
	/* A selection without sessions has only empty months: draw "No data". */
	if (an_table_cell(tot, 0, csess)->i > 0)
		n = an_table_nrows(t);
	months = g_new0(char *, n + 1);
	cum = g_new0(double, n + 1);
	att = g_new0(double, n + 1);
	hid_cum = g_new0(unsigned char, n + 1);
	hid_att = g_new0(unsigned char, n + 1);
	for (i = 0; i < n; i++) {
		months[i] = month_label(an_table_cell(t, i, 0)->s, i == 0);
		cum[i] = an_table_value(t, i, ccum);
		hid_cum[i] = (unsigned char)an_table_cell(t, i, ccum)->hidden;
		/* A running sum is hidden from the first hidden month on. */
		if (an_table_cell(t, i, catt)->hidden || (i > 0 && hid_att[i - 1])) {
			hid_att[i] = 1;
			att[i] = NAN;
		} else {
			sum += an_table_value(t, i, catt);
			att[i] = sum;
		}
	}
	when = rpt_period_words(&a->period);
	title = g_strdup_printf("Cumulative training reach, %s",
	    a->period.kind == PERIOD_ALL ? "all dates" : a->period.label);
	g_string_append_printf(sub, "Attendances and unique practitioners since the %s, "
	    "counted apart", a->period.kind == PERIOD_ALL ? "first session" : "period began");
	filter_words(sub, a);
	people = count_words(res, tot, 0, "unique_practitioners", "practitioner", "practitioners");
	attended = count_words(res, tot, 0, "attendances", "attendance", "attendances");
	g_string_append_printf(note, "Period: %s.  n = %s, %s; "
	    "a practitioner counts once, in the month first reached.", when, people, attended);

	figure_opts(&co, res, title, sub->str, note->str);
	co.markers = n <= 24;
	co.value_label = "Cumulative count";
	co.fixed_min = 1;
	co.value_min = 0;
	co.decimals = 0;
	c = chart_new(CHART_LINE, &co);
	if (c == NULL)
		goto done;
	memset(&s, 0, sizeof s);
	s.n = n;
	s.colour = 0;
	s.name = "Unique practitioners";
	s.values = cum;
	s.hidden = hid_cum;
	rc |= chart_set_categories(c, (const char *const *)months, n);
	rc |= chart_add_series(c, &s);
	s.colour = 1;
	s.name = "Attendances";
	s.values = att;
	s.hidden = hid_att;
	rc |= chart_add_series(c, &s);
done:
	c = checked(c, rc, err);
out:
	if (months)
		for (i = 0; i < n; i++)
			g_free(months[i]);
	g_free(months);
	g_free(cum);
	g_free(att);
	g_free(hid_cum);
	g_free(hid_att);
	g_free(title);
	g_free(when);
	g_free(people);
	g_free(attended);
	g_string_free(sub, TRUE);
	g_string_free(note, TRUE);
	an_result_free(res);
	return c;
}

/* ---- currency ------------------------------------------------------------------- */

static struct chart *
build_currency(sqlite3 *db, const struct rpt_args *a, double *height, struct lia_err *err)
{
	struct an_currency_opts o;
	struct an_result *res;
	const struct an_table *tot, *p;
	const struct an_cell *trained_cell;
	struct chart_opts co;
	struct chart *c = NULL;
	char *title = NULL, day[DATE_LONG_LEN], *trained = NULL, *in_date = NULL;
	GString *sub = g_string_new(NULL), *note = g_string_new(NULL);
	int n = 0;

	an_currency_opts_defaults(&o);
	o.as_at = a->as_at;
	o.level = a->level;
	o.by = a->by;
	if ((res = rpt_currency(db, &o, &a->sdc, err)) == NULL)
		goto out;
	tot = res->parts[0].total;
	p = res->params;
	/* Nobody trained by the date: nothing to show but "No data". */
	trained_cell = an_table_cell(tot, 0, col(tot, "practitioners"));
	if (trained_cell->hidden || trained_cell->i > 0)
		n = an_table_nrows(res->parts[0].rows);
	date_long(a->as_at, day);
	if (a->level > 0)
		title = g_strdup_printf("Level %d safeguarding training in date by %s", a->level,
		    group_word(a->by));
	else
		title = g_strdup_printf("Safeguarding training in date by %s", group_word(a->by));
	g_string_append_printf(sub, "Practitioners whose training is in date as a share of "
	    "each %s's workforce, as at %s", group_word(a->by), day);
	if (strcmp(an_table_cell(p, 0, col(p, "rule"))->s, "hours") == 0)
		g_string_append_printf(note, "In date: %g hours or more in the %lld months to %s.  ",
		    an_table_value(p, 0, col(p, "hours_required")),
		    (long long)an_table_cell(p, 0, col(p, "window_months"))->i, day);
	else
		g_string_append(note, "In date: the latest course of the level is within its "
		    "refresh period.  ");
	trained = count_words(res, tot, 0, "practitioners", "practitioner", "practitioners");
	in_date = an_cell_text(tot, 0, col(tot, "in_date"), res->hidden_marker, "0");
	g_string_append_printf(note, "n = %s trained, %s in date; workforce: "
	    "the latest headcount return.", trained, in_date);
	figure_opts(&co, res, title, sub->str, note->str);
	co.value_label = "Share of the workforce in date (95% Wilson interval)";
	c = share_bars(res, n, "in_date_share", "in_date_ci_low", "in_date_ci_high", &co,
	    "In date", 2, err);
	*height = bars_height(*height, (size_t)n);
out:
	g_free(title);
	g_free(trained);
	g_free(in_date);
	g_string_free(sub, TRUE);
	g_string_free(note, TRUE);
	an_result_free(res);
	return c;
}

/* ---- improvement-cycle ------------------------------------------------------------ */

static struct chart *
build_cycle(sqlite3 *db, const struct rpt_args *a, double *height, struct lia_err *err)
{
	struct an_evidence ev[AN_EV_COUNT];
	struct chart_opts o;
	struct chart *c;
	int i, rc = 0;

	(void)a;
	(void)height;
	if (an_evidence_counts(db, ev, err) != 0)
		return NULL;
	figure_opts(&o, NULL, "Learning improvement cycle", "Evidence held at each stage",
	    "L&D: Learning & Development sub-group; PQA: Performance & Quality "
	    "Assurance sub-group; PRP: Practice Review Panel.  Records held in lia; "
	    "service users, frontline and research from the evidence log.");
	if ((c = chart_new(CHART_CYCLE, &o)) == NULL)
		return checked(NULL, 0, err);
	rc |= chart_set_groups(c, an_evidence_groups, 3);
	rc |= chart_set_centre(c, "Learning Improvement Cycle");
	for (i = 0; i < AN_EV_COUNT; i++) {
		struct chart_node n;

		n.label = ev[i].label;
		n.group = (int)ev[i].group;
		n.count = ev[i].held ? (double)ev[i].count : NAN;
		n.hidden = 0;
		n.text = ev[i].held ? NULL : "none recorded";
		rc |= chart_add_node(c, &n);
	}
	return checked(c, rc, err);
}

/* ---- the table of names ------------------------------------------------------------ */

const struct rpt_figure rpt_figures[] = {
	{ "reach-by-agency",
	  "unique practitioners as a share of each agency's\n"
	  "workforce, with Wilson 95% intervals; agencies\n"
	  "without a workforce figure say so (480 x 320 pt,\n"
	  "taller for many agencies)",
	  RPT_REACH | RPT_BY | RPT_SUPPRESS, 0, 480, 320, build_reach_bars },
	{ "reach-over-time",
	  "cumulative unique practitioners and attendances by\n"
	  "month (480 x 300 pt)",
	  RPT_REACH | RPT_SUPPRESS, 0, 480, 300, build_reach_time },
	{ "currency",
	  "the share of each agency's workforce in date as at\n"
	  "--as-at, with Wilson 95% intervals (480 x 320 pt,\n"
	  "taller for many agencies)",
	  RPT_AS_AT | RPT_LEVEL | RPT_BY | RPT_SUPPRESS, RPT_AS_AT, 480, 320, build_currency },
	{ "improvement-cycle",
	  "the learning improvement cycle with the evidence\n"
	  "held at each stage (480 x 400 pt)",
	  0, 0, 480, 400, build_cycle },
	{ NULL, NULL, 0, 0, 0, 0, NULL }
};

const struct rpt_figure *
rpt_figure_find(const char *name)
{
	const struct rpt_figure *f;

	for (f = rpt_figures; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

const char *
rpt_arg_name(unsigned bit)
{
	switch (bit) {
	case RPT_PERIOD:
		return "--period/--from/--to";
	case RPT_AGENCY:
		return "--agency";
	case RPT_COURSE:
		return "--course";
	case RPT_THEME:
		return "--theme";
	case RPT_BY:
		return "--by";
	case RPT_AS_AT:
		return "--as-at";
	case RPT_LEVEL:
		return "--level";
	case RPT_SUPPRESS:
		return "--suppress";
	default:
		return "an option";
	}
}
