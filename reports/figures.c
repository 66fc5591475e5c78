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
	a->stage = -1;
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

/* The reach bars from a reach result by agency or sector (rpt_reach, o.by = a->by). */
static struct chart *
draw_reach_bars(const struct an_result *res, const struct rpt_args *a, double *height,
    struct lia_err *err)
{
	const struct an_table *tot = res->parts[0].total;
	struct chart_opts co;
	struct chart *c;
	GString *sub = g_string_new(NULL), *note = g_string_new(NULL);
	char *title, *when, *people, *attended;
	int n = an_table_nrows(res->parts[0].rows);

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
	g_free(title);
	g_free(when);
	g_free(people);
	g_free(attended);
	g_string_free(sub, TRUE);
	g_string_free(note, TRUE);
	return c;
}

static struct an_result *
result_reach_bars(sqlite3 *db, const struct rpt_args *a, struct lia_err *err)
{
	struct an_reach_opts o;

	reach_opts(&o, a);
	o.by = a->by;
	return rpt_reach(db, &o, &a->sdc, err);
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

/* The cumulative reach lines from a reach result by month, cumulative. */
static struct chart *
draw_reach_time(const struct an_result *res, const struct rpt_args *a, double *height,
    struct lia_err *err)
{
	const struct an_table *t = NULL, *tot;
	struct chart_opts co;
	struct chart_series s;
	struct chart *c = NULL;
	char **months = NULL, *title = NULL, *when = NULL, *people = NULL, *attended = NULL;
	double *cum = NULL, *att = NULL;
	unsigned char *hid_cum = NULL, *hid_att = NULL;
	GString *sub = g_string_new(NULL), *note = g_string_new(NULL);
	int i, n = 0, rc = 0, ccum, catt, csess;

	(void)height;
	t = res->parts[0].rows;
	tot = res->parts[0].total;
	ccum = col(t, "cumulative_practitioners");
	catt = col(t, "cumulative_attendances");
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
		att[i] = an_table_value(t, i, catt);
		hid_att[i] = (unsigned char)an_table_cell(t, i, catt)->hidden;
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
	return c;
}

static struct an_result *
result_reach_time(sqlite3 *db, const struct rpt_args *a, struct lia_err *err)
{
	struct an_reach_opts o;

	reach_opts(&o, a);
	o.by = AN_DIM_MONTH;
	o.cumulative = 1;
	return rpt_reach(db, &o, &a->sdc, err);
}

/* ---- currency ------------------------------------------------------------------- */

/* The in-date bars from a currency result by agency or sector. */
static struct chart *
draw_currency(const struct an_result *res, const struct rpt_args *a, double *height,
    struct lia_err *err)
{
	const struct an_table *tot, *p;
	const struct an_cell *trained_cell;
	struct chart_opts co;
	struct chart *c = NULL;
	char *title = NULL, day[DATE_LONG_LEN], *trained = NULL, *in_date = NULL;
	GString *sub = g_string_new(NULL), *note = g_string_new(NULL);
	int n = 0;

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
	g_free(title);
	g_free(trained);
	g_free(in_date);
	g_string_free(sub, TRUE);
	g_string_free(note, TRUE);
	return c;
}

static struct an_result *
result_currency(sqlite3 *db, const struct rpt_args *a, struct lia_err *err)
{
	struct an_currency_opts o;

	an_currency_opts_defaults(&o);
	o.as_at = a->as_at;
	o.level = a->level;
	o.by = a->by;
	return rpt_currency(db, &o, &a->sdc, err);
}

/* ---- improvement-cycle ------------------------------------------------------------ */

/*
 * The cycle from its result (rpt_cycle): each stage's records, hidden ones
 * as the marker; a stage with nothing held says "none recorded".
 */
static struct chart *
draw_cycle(const struct an_result *res, const struct rpt_args *a, double *height,
    struct lia_err *err)
{
	const struct an_table *t = res->parts[0].rows;
	struct chart_opts o;
	struct chart *c;
	int r, rc = 0, cl = col(t, "label"), cg = col(t, "group"), ch = col(t, "held");
	int cr = col(t, "records"), cp = col(t, "records_about_people");

	(void)a;
	(void)height;
	figure_opts(&o, res, "Learning improvement cycle", "Evidence held at each stage",
	    "L&D: Learning & Development sub-group; PQA: Performance & Quality "
	    "Assurance sub-group; PRP: Practice Review Panel.  Records held in lia; "
	    "service users, frontline and research from the evidence log.");
	if ((c = chart_new(CHART_CYCLE, &o)) == NULL)
		return checked(NULL, 0, err);
	rc |= chart_set_groups(c, an_evidence_groups, 3);
	rc |= chart_set_centre(c, "Learning Improvement Cycle");
	for (r = 0; r < an_table_nrows(t); r++) {
		const struct an_cell *cell = an_table_cell(t, r, cr);
		struct chart_node n;
		int g;

		if (cell->null && !cell->hidden)
			cell = an_table_cell(t, r, cp);
		for (g = 0; g < 3; g++)
			if (g_strcmp0(an_evidence_groups[g], an_table_cell(t, r, cg)->s) == 0)
				break;
		memset(&n, 0, sizeof n);
		n.label = an_table_cell(t, r, cl)->s;
		n.group = g < 3 ? g : 0;
		n.hidden = cell->hidden;
		n.count = cell->hidden || cell->null ? NAN : (double)cell->i;
		n.text = an_table_cell(t, r, ch)->i ? NULL : "none recorded";
		rc |= chart_add_node(c, &n);
	}
	return checked(c, rc, err);
}

static struct an_result *
result_cycle(sqlite3 *db, const struct rpt_args *a, struct lia_err *err)
{
	return rpt_cycle(db, &a->sdc, err);
}

/* ---- feedback: likert and confidence-change --------------------------------------- */

static void
feedback_opts_of(struct an_feedback_opts *o, const struct rpt_args *a)
{
	an_feedback_opts_defaults(o);
	o->period = a->period;
	o->course = a->course;
	o->theme = a->theme;
	o->stage = a->stage;
}

/* ", course NEG1, post responses": the feedback filters, for a subtitle. */
static void
feedback_words(GString *g, const struct rpt_args *a)
{
	filter_words(g, a);
	if (a->stage >= 0)
		g_string_append_printf(g, ", %s responses", a->stage == AN_STAGE_FOLLOW_UP ?
		    "follow-up" : an_stage_name((enum an_stage)a->stage));
}

/* The answer words of a five-point scale, lowest first; NULL: numbers. */
static const char *const *
scale_words(const char *scale)
{
	static const char *const agreement[] = { "Strongly disagree", "Disagree",
	    "Neither agree nor disagree", "Agree", "Strongly agree" };
	static const char *const confidence[] = { "Not at all confident", "Slightly confident",
	    "Somewhat confident", "Fairly confident", "Very confident" };

	if (scale && strcmp(scale, "agreement") == 0)
		return agreement;
	if (scale && strcmp(scale, "confidence") == 0)
		return confidence;
	return NULL;
}

/* "WT useful": a feedback row's name, its group's key first when the result is grouped. */
static char *
feedback_row_name(const struct an_table *t, int r)
{
	int cq = col(t, "question");
	const char *q = an_table_cell(t, r, cq)->s, *g = cq > 0 ? an_table_cell(t, r, 0)->s : NULL;

	return g ? g_strdup_printf("%s %s", g, q) : g_strdup(q);
}

/*
 * Diverging bars of every question on a five-point scale (agreement,
 * confidence, 1-5), one bar a question (a course's question when the
 * result is by course), from the questions table: a question with any
 * hidden point is drawn as the marker, its n written as the table shows
 * it.
 */
static struct chart *
draw_likert(const struct an_result *res, const struct rpt_args *a, double *height,
    struct lia_err *err)
{
	const struct an_table *t = an_result_part(res, "questions")->rows;
	struct chart_opts co;
	struct chart *c = NULL;
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GArray *rows = g_array_new(FALSE, FALSE, sizeof(int)), *first = g_array_new(FALSE, FALSE, sizeof(int));
	GString *sub = g_string_new("Share of answers, centred on the middle answer"), *note = g_string_new(NULL);
	const char *scale = NULL;
	const char *const *words;
	char *title = NULL, *when = NULL, *nums[5];
	double *ns;
	unsigned char *nhid;
	int r, k, cs = col(t, "scale"), cn = col(t, "n"), rc = 0, mixed = 0;
	guint i;

	/* Five-point questions: exactly five point cells in a row, n_1 .. n_5 or so. */
	for (r = 0; r < an_table_nrows(t); r++) {
		int start = -1, count = 0, cc;

		for (cc = cn + 1; cc < an_table_ncols(t) && strncmp(an_table_col(t, cc)->name, "n_", 2) == 0;
		    cc++) {
			const struct an_cell *cell = an_table_cell(t, r, cc);

			if (cell->null && !cell->hidden)
				continue;
			if (start < 0)
				start = cc;
			count++;
		}
		if (count != 5)
			continue;
		g_array_append_val(rows, r);
		g_array_append_val(first, start);
		g_ptr_array_add(names, feedback_row_name(t, r));
		if (scale == NULL)
			scale = an_table_cell(t, r, cs)->s;
		else if (g_strcmp0(scale, an_table_cell(t, r, cs)->s) != 0)
			mixed = 1;
	}
	words = mixed ? NULL : scale_words(scale);
	for (k = 0; k < 5; k++)
		nums[k] = g_strdup_printf(k == 0 ? "%d (lowest)" : k == 4 ? "%d (highest)" : "%d", k + 1);
	when = rpt_period_words(&a->period);
	title = g_strdup("What practitioners said about the training");
	feedback_words(sub, a);
	g_string_append_printf(note, "Period: %s.  Questions answered on a five-point scale; "
	    "n is written at the end of each bar.", when);
	if (res->hidden_marker)
		g_string_append_printf(note, "  Hatched: a question with an answer count hidden "
		    "(%s).", res->hidden_marker);
	figure_opts(&co, res, title, sub->str, note->str);
	co.neutral = 2;
	co.format = CHART_PERCENT;
	ns = g_new0(double, rows->len + 1);
	nhid = g_new0(unsigned char, rows->len + 1);
	for (i = 0; i < rows->len; i++) {
		ns[i] = an_table_value(t, g_array_index(rows, int, i), cn);
		nhid[i] = (unsigned char)an_table_cell(t, g_array_index(rows, int, i), cn)->hidden;
	}
	if ((c = chart_new(CHART_LIKERT, &co)) == NULL)
		goto done;
	rc |= chart_set_categories(c, (const char *const *)names->pdata, (int)names->len);
	rc |= chart_set_totals(c, ns, nhid, (int)rows->len);
	for (k = 0; k < 5; k++) {
		struct chart_series sr;
		double *v = g_new0(double, rows->len + 1);
		unsigned char *hid = g_new0(unsigned char, rows->len + 1);

		for (i = 0; i < rows->len; i++) {
			int row = g_array_index(rows, int, i), cc = g_array_index(first, int, i) + k;

			v[i] = an_table_value(t, row, cc);
			hid[i] = (unsigned char)an_table_cell(t, row, cc)->hidden;
		}
		memset(&sr, 0, sizeof sr);
		sr.name = words ? words[k] : nums[k];
		sr.n = (int)rows->len;
		sr.values = v;
		sr.hidden = hid;
		sr.colour = -1;
		rc |= chart_add_series(c, &sr);
		g_free(v);
		g_free(hid);
	}
	*height = bars_height(*height, names->len);
done:
	c = checked(c, rc, err);
	for (k = 0; k < 5; k++)
		g_free(nums[k]);
	g_free(ns);
	g_free(nhid);
	g_ptr_array_free(names, TRUE);
	g_array_free(rows, TRUE);
	g_array_free(first, TRUE);
	g_string_free(sub, TRUE);
	g_string_free(note, TRUE);
	g_free(title);
	g_free(when);
	return c;
}

/* The feedback result of the likert and confidence-change figures. */
static struct an_result *
result_feedback(sqlite3 *db, const struct rpt_args *a, struct lia_err *err)
{
	struct an_feedback_opts o;

	feedback_opts_of(&o, a);
	return rpt_feedback(db, &o, &a->sdc, err);
}

/* The mean change of each before/after pair with its paired t interval. */
static struct chart *
draw_confidence(const struct an_result *res, const struct rpt_args *a, double *height,
    struct lia_err *err)
{
	const struct an_table *t = an_result_part(res, "pairs")->rows;
	struct chart_opts co;
	struct chart_series sr;
	struct chart *c = NULL;
	GString *sub = g_string_new("Mean change after minus before, with its 95% interval (paired t)");
	GString *note = g_string_new(NULL);
	char **names;
	double *v, *lo, *hi;
	unsigned char *hid;
	char *when;
	int n = an_table_nrows(t), i, rc = 0, cm = col(t, "mean_change"), cl = col(t, "ci_low");
	int ch = col(t, "ci_high"), cn = col(t, "n_pairs");

	names = g_new0(char *, n + 1);
	v = g_new0(double, n + 1);
	lo = g_new0(double, n + 1);
	hi = g_new0(double, n + 1);
	hid = g_new0(unsigned char, n + 1);
	g_string_append(note, "n pairs:");
	for (i = 0; i < n; i++) {
		char *pairs = an_cell_text(t, i, cn, res->hidden_marker, "0");

		names[i] = feedback_row_name(t, i);
		v[i] = an_table_value(t, i, cm);
		lo[i] = an_table_value(t, i, cl);
		hi[i] = an_table_value(t, i, ch);
		hid[i] = (unsigned char)an_table_cell(t, i, cm)->hidden;
		g_string_append_printf(note, "%s %s %s", i ? "," : "", names[i], pairs);
		g_free(pairs);
	}
	when = rpt_period_words(&a->period);
	g_string_append_printf(note, ".  Period: %s.  Pairs: the same person's before and after "
	    "answers; 0 is no change.", when);
	feedback_words(sub, a);
	figure_opts(&co, res, "Confidence before and after the training", sub->str, note->str);
	co.decimals = 2;
	co.value_label = "Mean change (points of the scale)";
	co.reference = 0;
	if ((c = chart_new(CHART_FOREST, &co)) != NULL) {
		memset(&sr, 0, sizeof sr);
		sr.name = "Mean change";
		sr.n = n;
		sr.values = v;
		sr.low = lo;
		sr.high = hi;
		sr.hidden = hid;
		sr.colour = 0;
		rc |= chart_set_categories(c, (const char *const *)names, n);
		rc |= chart_add_series(c, &sr);
	}
	c = checked(c, rc, err);
	*height = bars_height(*height, (size_t)n);
	for (i = 0; i < n; i++)
		g_free(names[i]);
	g_free(names);
	g_free(v);
	g_free(lo);
	g_free(hi);
	g_free(hid);
	g_free(when);
	g_string_free(sub, TRUE);
	g_string_free(note, TRUE);
	return c;
}


/* ---- audits: audit-heatmap and audit-change ------------------------------------------- */

static void
audit_opts_of(struct an_audits_opts *o, const struct rpt_args *a)
{
	an_audits_opts_defaults(o);
	o->kind = a->kind;
	o->standard = a->standard;
	o->agency = a->agency;
	o->theme = a->theme;
}

static void
audit_words(GString *g, const struct rpt_args *a)
{
	if (a->kind)
		g_string_append_printf(g, ", %s", an_audit_kind_words(a->kind) ?
		    an_audit_kind_words(a->kind) : a->kind);
	if (a->standard)
		g_string_append_printf(g, ", standard %s", a->standard);
	filter_words(g, a);
}

/* "N1 Neglect recognised at first contact": a standard's row name.  g_free it. */
static char *
standard_name(const struct an_table *t, int r)
{
	const char *code = an_table_cell(t, r, col(t, "standard"))->s;
	const char *title = an_table_cell(t, r, col(t, "title"))->s;

	return title ? g_strdup_printf("%s %s", code, title) : g_strdup(code);
}

/* Whether rows r and q are the same kind and standard. */
static int
same_standard(const struct an_table *t, int r, int q)
{
	int ck = col(t, "kind"), cs = col(t, "standard");

	return g_strcmp0(an_table_cell(t, r, ck)->s, an_table_cell(t, q, ck)->s) == 0 &&
	    g_strcmp0(an_table_cell(t, r, cs)->s, an_table_cell(t, q, cs)->s) == 0;
}

/*
 * Whether a row of an audit table passes the figure's --kind and
 * --standard (a pack draws one kind of a result that holds them all).
 */
static int
audit_row_kept(const struct an_table *t, int r, const struct rpt_args *a)
{
	if (a->kind && g_strcmp0(an_table_cell(t, r, col(t, "kind"))->s, a->kind) != 0)
		return 0;
	if (a->standard &&
	    g_ascii_strcasecmp(an_table_cell(t, r, col(t, "standard"))->s, a->standard) != 0)
		return 0;
	return 1;
}

/*
 * Compliance of every standard (a row) in every cycle (a column): the
 * cycles in the time order of the rows (each standard's are in order; a
 * cycle new to a later standard goes after the cycle before it there).
 */
static struct chart *
draw_audit_heatmap(const struct an_result *res, const struct rpt_args *a, double *height,
    struct lia_err *err)
{
	const struct an_table *t;
	struct chart_opts co;
	struct chart *c = NULL;
	GPtrArray *cycles = g_ptr_array_new();	/* borrowed from the table */
	GString *sub = g_string_new("Share of audited cases rated met (not applicable left out)");
	GString *note = g_string_new(NULL);
	char *marker_note = NULL;
	int nr = 0, r, q, rc = 0, ccy, ccomp, nstd = 0;

	t = an_result_part(res, "rows")->rows;
	nr = an_table_nrows(t);
	ccy = col(t, "cycle");
	ccomp = col(t, "compliance");
	for (r = 0; r < nr; r++) {
		const char *cy = an_table_cell(t, r, ccy)->s;
		guint i, at = 0;
		int found = 0;

		if (!audit_row_kept(t, r, a))
			continue;
		for (i = 0; i < cycles->len; i++)
			if (strcmp(g_ptr_array_index(cycles, i), cy) == 0)
				found = 1;
		if (found)
			continue;
		/* after this standard's previous cycle, else at the end */
		at = cycles->len;
		if (r > 0 && same_standard(t, r, r - 1))
			for (i = 0; i < cycles->len; i++)
				if (strcmp(g_ptr_array_index(cycles, i), an_table_cell(t, r - 1, ccy)->s) == 0)
					at = i + 1;
		g_ptr_array_insert(cycles, (gint)at, (gpointer)cy);
	}
	audit_words(sub, a);
	for (r = 0, nstd = 0; r < nr; r++)
		nstd += audit_row_kept(t, r, a) && (r == 0 || !same_standard(t, r, r - 1));
	g_string_append(note, "Each cell: met / rated in that cycle; \xe2\x80\x93 not audited.");
	/* A heatmap has at most CHART_MAX_SERIES rows: the first ones, and say so. */
	if (nstd > CHART_MAX_SERIES)
		g_string_append_printf(note, "  The first %d of %d standards: choose others with"
		    " --kind, --standard or --theme.", CHART_MAX_SERIES, nstd);
	nstd = 0;
	if (res->hidden_marker) {
		marker_note = g_strdup_printf("  %s: fewer than %s cases, hidden.", res->hidden_marker,
		    res->hidden_marker + 1);
		g_string_append(note, marker_note);
	}
	figure_opts(&co, res, "Audit compliance by standard and cycle", sub->str, note->str);
	co.format = CHART_PERCENT;
	co.fixed_min = 1;
	co.value_min = 0;
	co.fixed_max = 1;
	co.value_max = 1;
	co.value_label = "Compliance";
	if ((c = chart_new(CHART_HEATMAP, &co)) == NULL)
		goto done;
	rc |= chart_set_categories(c, (const char *const *)cycles->pdata, (int)cycles->len);
	for (r = 0; r < nr && nstd < CHART_MAX_SERIES; r = q) {
		struct chart_series sr;
		double *v;
		unsigned char *hid;
		char *name;
		guint i;

		if (!audit_row_kept(t, r, a)) {
			q = r + 1;
			continue;
		}
		v = g_new(double, cycles->len + 1);
		hid = g_new0(unsigned char, cycles->len + 1);
		name = standard_name(t, r);
		for (i = 0; i < cycles->len; i++)
			v[i] = NAN;
		for (q = r; q < nr && same_standard(t, r, q); q++)
			for (i = 0; i < cycles->len; i++)
				if (strcmp(g_ptr_array_index(cycles, i), an_table_cell(t, q, ccy)->s) == 0) {
					v[i] = an_table_value(t, q, ccomp);
					hid[i] = (unsigned char)an_table_cell(t, q, ccomp)->hidden;
				}
		memset(&sr, 0, sizeof sr);
		sr.name = name;
		sr.n = (int)cycles->len;
		sr.values = v;
		sr.hidden = hid;
		sr.colour = -1;
		rc |= chart_add_series(c, &sr);
		g_free(v);
		g_free(hid);
		g_free(name);
		nstd++;
	}
	*height = fmax(*height, 130 + 24.0 * nstd);
done:
	c = checked(c, rc, err);
	g_ptr_array_free(cycles, TRUE);
	g_string_free(sub, TRUE);
	g_string_free(note, TRUE);
	g_free(marker_note);
	return c;
}

/* The audits result of the audit-heatmap and audit-change figures. */
static struct an_result *
result_audits(sqlite3 *db, const struct rpt_args *a, struct lia_err *err)
{
	struct an_audits_opts o;

	audit_opts_of(&o, a);
	return rpt_audits(db, &o, &a->sdc, err);
}

/* The row of the rows table for a standard (as changes row ch names it) in a cycle; -1 if none. */
static int
row_of_cycle(const struct an_table *rows, const struct an_table *ch, int r, const char *cycle)
{
	int q, ck = col(rows, "kind"), cs = col(rows, "standard"), cc = col(rows, "cycle");

	for (q = 0; q < an_table_nrows(rows); q++)
		if (g_strcmp0(an_table_cell(rows, q, ck)->s, an_table_cell(ch, r, col(ch, "kind"))->s) == 0 &&
		    g_strcmp0(an_table_cell(rows, q, cs)->s,
		    an_table_cell(ch, r, col(ch, "standard"))->s) == 0 &&
		    g_strcmp0(an_table_cell(rows, q, cc)->s, cycle) == 0)
			return q;
	return -1;
}

/*
 * Each standard's compliance in the last two cycles it was rated in, as a
 * dumbbell: the latest change of each standard of the changes table.
 */
static struct chart *
draw_audit_change(const struct an_result *res, const struct rpt_args *a, double *height,
    struct lia_err *err)
{
	const struct an_table *rows, *ch;
	struct chart_opts co;
	struct chart *c = NULL;
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GArray *before = g_array_new(FALSE, FALSE, sizeof(double)), *after = g_array_new(FALSE, FALSE, sizeof(double));
	GByteArray *hb = g_byte_array_new(), *ha = g_byte_array_new();
	GString *sub = g_string_new("Share of audited cases rated met"), *note = g_string_new(NULL);
	const char *from = NULL, *to = NULL;
	int r, n, rc = 0, same = 1, cf, ct, ccomp;

	rows = an_result_part(res, "rows")->rows;
	ch = an_result_part(res, "changes")->rows;
	n = an_table_nrows(ch);
	cf = col(ch, "from_cycle");
	ct = col(ch, "to_cycle");
	ccomp = col(rows, "compliance");
	g_string_append(note, "Difference (later \xe2\x88\x92 earlier) with Newcombe's 95% interval"
	    " and Fisher's exact p:");
	for (r = 0; r < n; r++) {
		int pr, nx, last = r + 1 >= n || !same_standard(ch, r, r + 1);
		double x;
		guint8 h;
		char *d, *l, *u, *p;

		if (!last || !audit_row_kept(ch, r, a))
			continue;	/* the latest change of each standard kept */
		pr = row_of_cycle(rows, ch, r, an_table_cell(ch, r, cf)->s);
		nx = row_of_cycle(rows, ch, r, an_table_cell(ch, r, ct)->s);
		if (pr < 0 || nx < 0)
			continue;
		g_ptr_array_add(names, g_strdup(an_table_cell(ch, r, col(ch, "standard"))->s));
		x = an_table_value(rows, pr, ccomp);
		g_array_append_val(before, x);
		x = an_table_value(rows, nx, ccomp);
		g_array_append_val(after, x);
		h = (guint8)an_table_cell(rows, pr, ccomp)->hidden;
		g_byte_array_append(hb, &h, 1);
		h = (guint8)an_table_cell(rows, nx, ccomp)->hidden;
		g_byte_array_append(ha, &h, 1);
		if (from == NULL) {
			from = an_table_cell(ch, r, cf)->s;
			to = an_table_cell(ch, r, ct)->s;
		} else if (g_strcmp0(from, an_table_cell(ch, r, cf)->s) != 0 ||
		    g_strcmp0(to, an_table_cell(ch, r, ct)->s) != 0) {
			same = 0;
		}
		d = an_cell_text(ch, r, col(ch, "difference"), res->hidden_marker, "\xe2\x80\x93");
		l = an_cell_text(ch, r, col(ch, "ci_low"), res->hidden_marker, "\xe2\x80\x93");
		u = an_cell_text(ch, r, col(ch, "ci_high"), res->hidden_marker, "\xe2\x80\x93");
		p = an_cell_text(ch, r, col(ch, "p_fisher"), res->hidden_marker, "\xe2\x80\x93");
		if (an_table_cell(ch, r, col(ch, "difference"))->hidden)
			g_string_append_printf(note, "%s %s hidden", names->len > 1 ? ";" : "",
			    (const char *)g_ptr_array_index(names, names->len - 1));
		else
			g_string_append_printf(note, "%s %s %s (%s to %s), p %s",
			    names->len > 1 ? ";" : "",
			    (const char *)g_ptr_array_index(names, names->len - 1), d, l, u, p);
		g_free(d);
		g_free(l);
		g_free(u);
		g_free(p);
	}
	g_string_append(note, ".");
	if (same && from)
		g_string_append_printf(sub, ", %s and %s", from, to);
	else if (from)
		g_string_append(sub, ", each standard's last two cycles");
	audit_words(sub, a);
	figure_opts(&co, res, "Audit compliance: change between cycles", sub->str, note->str);
	co.format = CHART_PERCENT;
	co.value_labels = 1;
	co.fixed_min = 1;
	co.value_min = 0;
	co.fixed_max = 1;
	co.value_max = 1;
	if ((c = chart_new(CHART_DUMBBELL, &co)) != NULL) {
		struct chart_series sr;

		rc |= chart_set_categories(c, (const char *const *)names->pdata, (int)names->len);
		memset(&sr, 0, sizeof sr);
		sr.n = (int)names->len;
		sr.colour = 0;
		sr.name = same && from ? from : "Earlier cycle";
		sr.values = (const double *)(void *)before->data;
		sr.hidden = hb->data;
		rc |= chart_add_series(c, &sr);
		sr.colour = 1;
		sr.name = same && to ? to : "Later cycle";
		sr.values = (const double *)(void *)after->data;
		sr.hidden = ha->data;
		rc |= chart_add_series(c, &sr);
	}
	c = checked(c, rc, err);
	*height = bars_height(*height, names->len);
	g_ptr_array_free(names, TRUE);
	g_array_free(before, TRUE);
	g_array_free(after, TRUE);
	g_byte_array_free(hb, TRUE);
	g_byte_array_free(ha, TRUE);
	g_string_free(sub, TRUE);
	g_string_free(note, TRUE);
	return c;
}


/* ---- review-timeline --------------------------------------------------------------- */

/* Today, as the analyses count it (the actions' default as-at day). */
static lia_date
today(void)
{
	struct an_actions_opts o;

	an_actions_opts_defaults(&o);
	return o.as_at;
}

/* A milestone of the timeliness result: ISO "2019-02-14", or "2019-02" held to the month. */
struct tl_day {
	int held, month_only;
	lia_date date;
};

static struct tl_day
tl_day_of(const struct an_table *t, int r, const char *name)
{
	const char *s = an_table_cell(t, r, col(t, name))->s;
	struct tl_day d = { 0, 0, 0 };
	int y, m, dd;

	if (s != NULL && sscanf(s, "%4d-%2d-%2d", &y, &m, &dd) == 3 && date_valid_ymd(y, m, dd)) {
		d.held = 1;
		d.date = date_from_ymd(y, m, dd);
	} else if (s != NULL && strlen(s) == 7 && sscanf(s, "%4d-%2d", &y, &m) == 2 &&
	    date_valid_ymd(y, m, 1)) {
		d.held = d.month_only = 1;
		d.date = date_from_ymd(y, m, 1);
	}
	return d;
}

/* A clock of a row: its flag (-1 not judged) and the last day within target. */
struct tl_clock {
	int met, has_target;
	lia_date target;
};

static struct tl_clock
tl_clock_of(const struct an_table *rows, int r, const char *flag, const struct an_table *ms,
    const char *due)
{
	const struct an_cell *f = an_table_cell(rows, r, col(rows, flag));
	struct tl_day d = due ? tl_day_of(ms, r, due) : (struct tl_day){ 0, 0, 0 };
	struct tl_clock k;

	k.met = f->null || f->hidden ? -1 : (int)f->i;
	k.has_target = d.held;
	k.target = d.date;
	return k;
}

/*
 * A clock as a bar from its start to its end: within target as one bar;
 * past target as the bar up to the target and a hatched late segment
 * after it; the time allowed as a pale band behind.  Judged over a month
 * (a month-only date) or not at all, it is one bar.  A clock still
 * running (its start held, its end not, and no later milestone: open) is
 * an open bar to the as-at day.  Sets *running when so.
 */
static int
clock_bar(struct chart *c, int row, const struct tl_day *from, const struct tl_day *to,
    const struct tl_clock *k, int open, lia_date as_at, int *running)
{
	int rc = 0, known = from->held && to->held && !from->month_only && !to->month_only;

	if (from->held && !to->held && open && as_at > from->date) {
		*running = 1;
		if (c == NULL)
			return 0;
		if (k->has_target && k->target >= from->date)
			rc |= chart_add_segment(c, row, from->date, k->target, CHART_SEG_WINDOW, NULL);
		return rc | chart_add_segment(c, row, from->date, as_at, CHART_SEG_OPEN, NULL);
	}
	if (c == NULL || !from->held || !to->held || to->date < from->date)
		return 0;
	if (k->has_target && k->target >= from->date)
		rc |= chart_add_segment(c, row, from->date, k->target, CHART_SEG_WINDOW, NULL);
	if (k->met == 0 && known && k->has_target && k->target >= from->date &&
	    k->target < to->date) {
		rc |= chart_add_segment(c, row, from->date, k->target, CHART_SEG_DONE, NULL);
		rc |= chart_add_segment(c, row, k->target, to->date, CHART_SEG_LATE, NULL);
	} else {
		rc |= chart_add_segment(c, row, from->date, to->date, CHART_SEG_DONE, NULL);
	}
	return rc;
}

/* The milestones drawn as diamonds, with their letters. */
static const struct {
	const char *name;
	const char *letter;
} review_marks[] = {
	{ "author_appointed", "A" }, { "report_to_board", "B" }, { "report_to_panel", "N" },
	{ "published", "P" },
};

/* Diamonds for the milestones, one per day with the letters of that day;
 * red and hollow when the report to the board or to the panel was late. */
static int
review_marks_add(struct chart *c, int row, const struct an_table *ms, int r, int board_late,
    int panel_late)
{
	struct tl_day d[4];
	size_t m, k;
	int rc = 0, done[4] = { 0 };

	for (m = 0; m < 4; m++)
		d[m] = tl_day_of(ms, r, review_marks[m].name);
	for (m = 0; m < 4; m++) {
		GString *letters;
		int late = 0;

		if (!d[m].held || done[m])
			continue;
		letters = g_string_new(NULL);
		for (k = m; k < 4; k++) {
			if (!d[k].held || d[k].date != d[m].date)
				continue;
			done[k] = 1;
			g_string_append(letters, review_marks[k].letter);
			late |= (k == 1 && board_late) || (k == 2 && panel_late);
		}
		rc |= chart_add_milestone(c, row, d[m].date, letters->str, late);
		g_string_free(letters, TRUE);
	}
	return rc;
}

/*
 * The bars and diamonds of the rows kept (c NULL: a dry run that only
 * says whether any clock is still running).  Returns 0, or -1 (a chart
 * error).
 */
static int
review_rows(struct chart *c, const struct an_table *rows, const struct an_table *ms,
    const GArray *keep, lia_date as_at, int *running)
{
	guint i;
	int rc = 0;

	for (i = 0; i < keep->len; i++) {
		int row = g_array_index(keep, int, i);
		struct tl_day inc = tl_day_of(ms, row, "incident_date");
		struct tl_day notified = tl_day_of(ms, row, "notified_date");
		struct tl_day decision = tl_day_of(ms, row, "decision_date");
		struct tl_day board = tl_day_of(ms, row, "report_to_board");
		struct tl_day panel = tl_day_of(ms, row, "report_to_panel");
		struct tl_day pub = tl_day_of(ms, row, "published");
		int later = board.held || panel.held || pub.held;
		/* A rapid review ends at its decision: no review report runs on. */
		int rapid = g_strcmp0(an_table_cell(rows, row, col(rows, "kind"))->s,
		    "rapid_review") == 0;
		struct tl_clock k;

		/* A clock runs on only while nothing after it is held. */
		k = tl_clock_of(rows, row, "notification_on_time", ms, "notification_due");
		rc |= clock_bar(c, (int)i, &inc, &notified, &k, !decision.held && !later, as_at,
		    running);
		if (notified.held) {
			k = tl_clock_of(rows, row, "rapid_review_on_time", ms, "rapid_review_due");
			rc |= clock_bar(c, (int)i, &notified, &decision, &k, !later, as_at, running);
		} else {
			k = tl_clock_of(rows, row, "rapid_review_from_aware_on_time", ms,
			    "rapid_review_from_aware_due");
			rc |= clock_bar(c, (int)i, &inc, &decision, &k, 0, as_at, running);
		}
		k = tl_clock_of(rows, row, "completed_within_6_months", ms, "six_month_deadline");
		rc |= clock_bar(c, (int)i, &decision, &board, &k, !rapid && !panel.held && !pub.held,
		    as_at, running);
		if (c != NULL)
			rc |= review_marks_add(c, (int)i, ms, row,
			    tl_clock_of(rows, row, "completed_within_6_months", ms, NULL).met == 0,
			    tl_clock_of(rows, row, "panel_notice_met", ms, NULL).met == 0);
	}
	return rc;
}

/*
 * The Gantt of the reviews from the timeliness result (rpt_timeliness,
 * rows layout): its "milestones" part gives the dates and the clocks' last
 * days, its "rows" part whether each clock was met.  --kind keeps one kind
 * of review; a clock still running is an open bar to the as-at day.
 */
static struct chart *
draw_review_timeline(const struct an_result *res, const struct rpt_args *a, double *height,
    struct lia_err *err)
{
	const struct an_table *rows = an_result_part(res, "rows")->rows;
	const struct an_table *ms = an_result_part(res, "milestones")->rows;
	struct chart_opts co;
	struct chart *c = NULL;
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GArray *keep = g_array_new(FALSE, FALSE, sizeof(int));
	char *title = NULL, *when = NULL, day[DATE_LONG_LEN];
	GString *note = g_string_new(NULL), *sub = g_string_new(NULL);
	lia_date as_at = (a->given & RPT_AS_AT) ? a->as_at : today();
	int r, rc = 0, late = 0, month_only = 0, running = 0, ck = col(rows, "kind");

	/* The rows kept and their names: "CSPR3 Child J; late: rapid review, report". */
	for (r = 0; r < an_table_nrows(rows); r++) {
		const char *t = an_table_cell(ms, r, col(ms, "title"))->s;
		struct tl_day notified = tl_day_of(ms, r, "notified_date");
		const char *miss[4];
		GString *g;
		int n = 0, k;

		if ((a->given & RPT_REVIEW_KIND) &&
		    g_strcmp0(an_table_cell(rows, r, ck)->s, a->review_kind) != 0)
			continue;
		g_assert(g_strcmp0(an_table_cell(rows, r, 0)->s, an_table_cell(ms, r, 0)->s) == 0);
		g = g_string_new(an_table_cell(rows, r, 0)->s);
		if (t)
			g_string_append_printf(g, " %s", t);
		if (tl_clock_of(rows, r, "notification_on_time", ms, NULL).met == 0)
			miss[n++] = "notification";
		if (tl_clock_of(rows, r, "rapid_review_on_time", ms, NULL).met == 0 ||
		    (!notified.held &&
		    tl_clock_of(rows, r, "rapid_review_from_aware_on_time", ms, NULL).met == 0))
			miss[n++] = "rapid review";
		if (tl_clock_of(rows, r, "completed_within_6_months", ms, NULL).met == 0)
			miss[n++] = "report";
		if (tl_clock_of(rows, r, "panel_notice_met", ms, NULL).met == 0)
			miss[n++] = "panel notice";
		for (k = 0; k < n; k++)
			g_string_append_printf(g, "%s%s", k ? ", " : "; late: ", miss[k]);
		{
			/* Its report not yet made and past the 6 months. */
			struct tl_day dec = tl_day_of(ms, r, "decision_date");
			struct tl_day due = tl_day_of(ms, r, "six_month_deadline");

			if (dec.held && due.held && as_at > due.date &&
			    !tl_day_of(ms, r, "report_to_board").held &&
			    !tl_day_of(ms, r, "report_to_panel").held &&
			    !tl_day_of(ms, r, "published").held &&
			    g_strcmp0(an_table_cell(rows, r, ck)->s, "rapid_review") != 0) {
				g_string_append(g, "; report overdue");
				n++;
			}
		}
		late += n > 0;
		for (k = 0; k < AN_MS_COUNT; k++)
			month_only |= tl_day_of(ms, r, an_milestone_names[k]).month_only;
		g_ptr_array_add(names, g_string_free(g, FALSE));
		g_array_append_val(keep, r);
	}
	review_rows(NULL, rows, ms, keep, as_at, &running);
	when = rpt_period_words(&a->period);
	date_long(as_at, day);
	title = g_strdup_printf("Reviews against their statutory clocks, %s",
	    a->period.kind == PERIOD_ALL ? "all dates" : a->period.label);
	g_string_append(sub, "A author appointed, B report to the board, N report to the national "
	    "panel, P publication; red: late");
	if (a->given & RPT_REVIEW_KIND)
		g_string_append_printf(sub, "; %s only", an_review_kind_words(a->review_kind) ?
		    an_review_kind_words(a->review_kind) : a->review_kind);
	g_string_append_printf(note, "Period: %s.  %u %s, %d with a clock missed.  Bars from "
	    "the incident: notification (5 working days), rapid review (15), report to the board "
	    "(6 months); hatched past the target.%s", when, keep->len,
	    keep->len == 1 ? "review" : "reviews", late,
	    month_only ? "  A month-only date is drawn on its 1st." : "");
	if (running)
		g_string_append_printf(note, "  Open bars: still running on %s.", day);
	figure_opts(&co, res, title, sub->str, note->str);
	if ((c = chart_new(CHART_GANTT, &co)) != NULL) {
		rc |= chart_set_categories(c, (const char *const *)names->pdata, (int)names->len);
		rc |= review_rows(c, rows, ms, keep, as_at, &running);
	}
	c = checked(c, rc, err);
	*height = fmax(*height, 120 + 30.0 * (double)keep->len);
	g_ptr_array_free(names, TRUE);
	g_array_free(keep, TRUE);
	g_free(title);
	g_free(when);
	g_string_free(note, TRUE);
	g_string_free(sub, TRUE);
	return c;
}

static struct an_result *
result_review_timeline(sqlite3 *db, const struct rpt_args *a, struct lia_err *err)
{
	struct an_timeliness_opts o;

	an_timeliness_opts_defaults(&o);
	o.period = a->period;
	if (a->given & RPT_REVIEW_KIND)
		o.kind = a->review_kind;
	return rpt_timeliness(db, &o, 0, &a->sdc, err);
}

/* ---- actions ------------------------------------------------------------------------ */

/* The as-at day of a result's parameters ("as_at", ISO); today when absent. */
static lia_date
params_as_at(const struct an_result *res)
{
	const struct an_cell *cell = an_table_cell(res->params, 0, col(res->params, "as_at"));
	struct an_actions_opts today;
	struct lia_err e;
	lia_date d;

	if (cell->s != NULL && date_parse(cell->s, &d, &e) == 0)
		return d;
	an_actions_opts_defaults(&today);
	return today.as_at;
}

/* Stacked bars of done, outstanding and overdue per review (rpt_actions by review). */
static struct chart *
draw_actions(const struct an_result *res, const struct rpt_args *a, double *height,
    struct lia_err *err)
{
	const struct an_table *t = res->parts[0].rows, *tot = res->parts[0].total;
	struct chart_opts co;
	struct chart_series s;
	struct chart *c;
	const char **names;
	double *done, *open, *late;
	char day[DATE_LONG_LEN], *title;
	GString *sub = g_string_new(NULL), *note = g_string_new(NULL);
	int i, n = an_table_nrows(t), rc = 0, cd = col(t, "done"), co_ = col(t, "outstanding");
	int cl = col(t, "overdue");

	names = g_new0(const char *, n + 1);
	done = g_new0(double, n + 1);
	open = g_new0(double, n + 1);
	late = g_new0(double, n + 1);
	for (i = 0; i < n; i++) {
		const char *key = an_table_cell(t, i, 0)->s;

		names[i] = key ? key : "(no review)";
		done[i] = an_table_value(t, i, cd);
		late[i] = an_table_value(t, i, cl);
		open[i] = an_table_value(t, i, co_) - late[i];
	}
	date_long(params_as_at(res), day);
	title = g_strdup_printf("Review actions as at %s", day);
	g_string_append(sub, "Done, outstanding and overdue actions of each review's plan");
	filter_words(sub, a);
	g_string_append_printf(note, "Overdue: outstanding and due before %s.  n = %lld "
	    "actions, %lld done, %lld outstanding (%lld overdue); %lld cancelled not shown.",
	    day, (long long)an_table_cell(tot, 0, col(tot, "actions"))->i,
	    (long long)an_table_cell(tot, 0, cd)->i, (long long)an_table_cell(tot, 0, co_)->i,
	    (long long)an_table_cell(tot, 0, cl)->i,
	    (long long)an_table_cell(tot, 0, col(tot, "cancelled"))->i);
	figure_opts(&co, res, title, sub->str, note->str);
	co.bar_mode = CHART_STACKED;
	co.value_label = "Actions";
	co.value_labels = 1;
	co.decimals = 0;
	co.fixed_min = 1;
	co.value_min = 0;
	co.legend = 1;
	if ((c = chart_new(CHART_BAR_H, &co)) != NULL) {
		rc |= chart_set_categories(c, names, n);
		memset(&s, 0, sizeof s);
		s.n = n;
		/* Blue, yellow and vermillion: apart in greyscale too. */
		s.name = "Done";
		s.values = done;
		s.colour = 0;
		rc |= chart_add_series(c, &s);
		s.name = "Outstanding, not yet due";
		s.values = open;
		s.colour = 6;
		rc |= chart_add_series(c, &s);
		s.name = "Overdue";
		s.values = late;
		s.colour = 3;
		rc |= chart_add_series(c, &s);
	}
	*height = bars_height(*height, (size_t)n);
	g_free(names);
	g_free(done);
	g_free(open);
	g_free(late);
	g_free(title);
	g_string_free(sub, TRUE);
	g_string_free(note, TRUE);
	return checked(c, rc, err);
}

static struct an_result *
result_actions(sqlite3 *db, const struct rpt_args *a, struct lia_err *err)
{
	struct an_actions_opts o;

	an_actions_opts_defaults(&o);
	o.by = AN_ACTIONS_BY_REVIEW;
	if (a->given & RPT_AS_AT)
		o.as_at = a->as_at;
	o.theme = a->theme;
	o.agency = a->agency;
	return rpt_actions(db, &o, &a->sdc, err);
}

/* ---- impact-chain ---------------------------------------------------------------------- */

/*
 * A cell of the chain: 1 evidence held, 2 done or measured, 3 improvement
 * shown; NaN (a dash) nothing held.  The last column is the Kirkpatrick
 * level, 0 to 4.
 */
enum { IC_REVIEWS, IC_ACTIONS, IC_TRAINING, IC_BRIEFINGS, IC_FEEDBACK, IC_CONFIDENCE,
	IC_AUDITS, IC_LEVEL, IC_STAGES };

static const char *const ic_stages[IC_STAGES] = {
	"Reviews", "Actions", "Training", "Briefings", "Feedback", "Confidence", "Audits",
	"Level"
};

/* The value of a count cell; -1 when null, hidden (*hid set) or not computed. */
static double
ic_count(const struct an_table *t, int r, const char *name, int *hid)
{
	const struct an_cell *cell = an_table_cell(t, r, col(t, name));

	if (cell->hidden)
		*hid = 1;
	return cell->null || cell->hidden ? -1 : (double)cell->i;
}

/* The chain as a grid (rpt_impact): a row per theme (the first 16). */
static struct chart *
draw_impact_chain(const struct an_result *res, const struct rpt_args *a, double *height,
    struct lia_err *err)
{
	const struct an_table *t = res->parts[0].rows;
	struct chart_opts co;
	struct chart *c;
	char *title, *when, **names, day[DATE_LONG_LEN];
	double v[IC_STAGES];
	unsigned char hid[IC_STAGES];
	GString *note = g_string_new(NULL);
	int i, k, rc = 0, nt = an_table_nrows(t), n = nt < CHART_MAX_SERIES ? nt : CHART_MAX_SERIES;

	when = rpt_period_words(&a->period);
	title = g_strdup_printf("From review to practice, theme by theme, %s",
	    a->period.kind == PERIOD_ALL ? "all dates" : a->period.label);
	date_long(params_as_at(res), day);
	g_string_append_printf(note, "Period: %s; actions as at %s.  Briefings: 7-minute "
	    "briefings and practice resources.  1 held; 2 actions all done, confidence up (95%% "
	    "interval above 0), re-audited; 3 audit compliance up (Newcombe 95%% interval above "
	    "0).", when, day);
	if (nt > n)
		g_string_append_printf(note, "  The first %d of %d themes.", n, nt);
	figure_opts(&co, res, title, "The evidence held at each stage of the learning chain, "
	    "the Kirkpatrick level it reaches and (in brackets) the evidence grade", note->str);
	co.decimals = 0;
	co.fixed_min = co.fixed_max = 1;
	co.value_min = 0;
	co.value_max = 4;
	co.value_label = "Evidence (stages 1-3), level (1-4)";
	names = g_new0(char *, n + 1);
	if ((c = chart_new(CHART_HEATMAP, &co)) != NULL)
		rc |= chart_set_categories(c, ic_stages, IC_STAGES);
	for (i = 0; c != NULL && i < n; i++) {
		struct chart_series s;
		double x, lo;
		int h = 0;

		memset(hid, 0, sizeof hid);
		for (k = 0; k < IC_STAGES; k++)
			v[k] = NAN;
		if (ic_count(t, i, "reviews", &h) > 0)
			v[IC_REVIEWS] = 1;
		x = ic_count(t, i, "actions_outstanding", &h);
		if (x + ic_count(t, i, "actions_done", &h) > 0)
			v[IC_ACTIONS] = x == 0 ? 2 : 1;
		if (ic_count(t, i, "sessions", &h) > 0)
			v[IC_TRAINING] = 1;
		if (ic_count(t, i, "briefings", &h) + ic_count(t, i, "resources", &h) > 0)
			v[IC_BRIEFINGS] = 1;
		h = 0;
		if (ic_count(t, i, "feedback_answers", &h) > 0)
			v[IC_FEEDBACK] = 1;
		hid[IC_FEEDBACK] = (unsigned char)h;
		h = 0;
		if (ic_count(t, i, "confidence_pairs", &h) > 0) {
			lo = an_table_value(t, i, col(t, "confidence_ci_low"));
			v[IC_CONFIDENCE] = lo > 0 ? 2 : 1;
		}
		hid[IC_CONFIDENCE] = (unsigned char)(h ||
		    an_table_cell(t, i, col(t, "confidence_change"))->hidden);
		x = ic_count(t, i, "audit_cycles", &h);
		if (x > 0) {
			lo = an_table_value(t, i, col(t, "change_ci_low"));
			v[IC_AUDITS] = x == 1 ? 1 : lo > 0 ? 3 : 2;
		}
		hid[IC_AUDITS] = (unsigned char)an_table_cell(t, i, col(t, "compliance_latest"))->hidden;
		v[IC_LEVEL] = (double)an_table_cell(t, i, col(t, "kirkpatrick_level"))->i;
		names[i] = g_strdup_printf("%s (%s)", an_table_cell(t, i, 0)->s,
		    an_table_cell(t, i, col(t, "grade"))->s);
		memset(&s, 0, sizeof s);
		s.name = names[i];
		s.n = IC_STAGES;
		s.values = v;
		s.hidden = hid;
		s.colour = -1;
		rc |= chart_add_series(c, &s);
	}
	*height = fmax(*height, 150 + 26.0 * n);
	for (i = 0; i < n; i++)
		g_free(names[i]);
	g_free(names);
	g_free(title);
	g_free(when);
	g_string_free(note, TRUE);
	return checked(c, rc, err);
}

static struct an_result *
result_impact_chain(sqlite3 *db, const struct rpt_args *a, struct lia_err *err)
{
	struct an_impact_opts o;

	an_impact_opts_defaults(&o);
	o.period = a->period;
	o.theme = a->theme;
	o.as_at = (a->given & RPT_AS_AT) ? a->as_at : an_impact_as_at(&a->period);
	return rpt_impact(db, &o, &a->sdc, err);
}

/* ---- the table of names ------------------------------------------------------------ */

const struct rpt_figure rpt_figures[] = {
	{ "reach-by-agency",
	  "unique practitioners as a share of each agency's\n"
	  "workforce, with Wilson 95% intervals; agencies\n"
	  "without a workforce figure say so (480 x 320 pt,\n"
	  "taller for many agencies)",
	  RPT_REACH | RPT_BY | RPT_SUPPRESS, 0, 480, 320, result_reach_bars, draw_reach_bars },
	{ "reach-over-time",
	  "cumulative unique practitioners and attendances by\n"
	  "month (480 x 300 pt)",
	  RPT_REACH | RPT_SUPPRESS, 0, 480, 300, result_reach_time, draw_reach_time },
	{ "currency",
	  "the share of each agency's workforce in date as at\n"
	  "--as-at, with Wilson 95% intervals (480 x 320 pt,\n"
	  "taller for many agencies)",
	  RPT_AS_AT | RPT_LEVEL | RPT_BY | RPT_SUPPRESS, RPT_AS_AT, 480, 320, result_currency,
	  draw_currency },
	{ "improvement-cycle",
	  "the learning improvement cycle with the evidence\n"
	  "held at each stage; records about people (feedback,\n"
	  "service users, the dataset) hidden when few\n"
	  "(480 x 400 pt)",
	  RPT_SUPPRESS, 0, 480, 400, result_cycle, draw_cycle },
	{ "likert",
	  "the answers to every five-point question (agreement,\n"
	  "confidence) as diverging bars (480 x 320 pt, taller\n"
	  "for many questions)",
	  RPT_PERIOD | RPT_COURSE | RPT_THEME | RPT_STAGE | RPT_SUPPRESS, 0, 480, 320,
	  result_feedback, draw_likert },
	{ "confidence-change",
	  "the mean change of each before/after pair with its\n"
	  "paired t 95% interval (480 x 260 pt)",
	  RPT_PERIOD | RPT_COURSE | RPT_THEME | RPT_STAGE | RPT_SUPPRESS, 0, 480, 260,
	  result_feedback, draw_confidence },
	{ "audit-heatmap",
	  "audit compliance, standards by cycles (480 x 300 pt,\n"
	  "taller for many standards)",
	  RPT_KIND | RPT_STANDARD | RPT_AGENCY | RPT_THEME | RPT_SUPPRESS, 0, 480, 300,
	  result_audits, draw_audit_heatmap },
	{ "audit-change",
	  "each standard's compliance in its last two cycles,\n"
	  "with Newcombe's interval and Fisher's p in the note\n"
	  "(480 x 300 pt)",
	  RPT_KIND | RPT_STANDARD | RPT_AGENCY | RPT_THEME | RPT_SUPPRESS, 0, 480, 300,
	  result_audits, draw_audit_change },
	{ "review-timeline",
	  "each review's milestones on a time line with its\n"
	  "statutory clocks: the time allowed as pale bands,\n"
	  "late work hatched red (560 x 120 pt + 30 a review)",
	  RPT_PERIOD | RPT_REVIEW_KIND | RPT_AS_AT | RPT_SUPPRESS, 0, 560, 160,
	  result_review_timeline, draw_review_timeline },
	{ "impact-chain",
	  "one row per theme across the chain's stages,\n"
	  "each cell by the evidence held, with the\n"
	  "Kirkpatrick level and the evidence grade\n"
	  "(600 x 150 pt + 26 a theme)",
	  RPT_PERIOD | RPT_THEME | RPT_AS_AT | RPT_SUPPRESS, 0, 600, 200, result_impact_chain,
	  draw_impact_chain },
	{ "actions",
	  "done, outstanding and overdue actions per review,\n"
	  "stacked, as at --as-at (default today)\n"
	  "(480 x 320 pt, taller for many reviews)",
	  RPT_AS_AT | RPT_THEME | RPT_AGENCY, 0, 480, 320, result_actions, draw_actions },
	{ NULL, NULL, 0, 0, 0, 0, NULL, NULL }
};

struct chart *
rpt_figure_build(const struct rpt_figure *f, sqlite3 *db, const struct rpt_args *a,
    double *height, struct lia_err *err)
{
	struct an_result *res = f->result(db, a, err);
	struct chart *c;

	if (res == NULL)
		return NULL;
	c = f->draw(res, a, height, err);
	an_result_free(res);
	return c;
}

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
	case RPT_STAGE:
		return "--stage";
	case RPT_KIND:
		return "--kind";
	case RPT_STANDARD:
		return "--standard";
	case RPT_REVIEW_KIND:
		return "--kind";
	default:
		return "an option";
	}
}
