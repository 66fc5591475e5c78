/*
 * timeliness: the statutory clocks of each review.  The local authority
 * notifies the national panel within 5 working days of becoming aware of
 * the incident; the rapid review is done within 15 working days of the
 * notification (the seed partnership's process; Working Together 2023
 * counts them from becoming aware, so that count is given beside it); the
 * review reports to the board within 6 calendar months of the decision;
 * the panel has the report at least 7 working days before publication.
 * Working days are `lia workdays`'s: after the first date, up to and
 * including the second, on the calendar of bank holidays and the holiday
 * table.
 *
 * Board reports write milestones as months ("February 2018"); the importer
 * stores such a date as the 1st and leaves a warning saying so, which is
 * the only record of it, so the warnings are read back here.  A clock with
 * such a date is judged over every day of the month: when all give the
 * same answer it stands, otherwise it cannot be judged, and either way the
 * count itself is not given.  The clocks are computed by
 * an_review_clocks_compute on plain dates, which the tests use directly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/internal.h"
#include "analytics/reviews.h"

const char *const an_milestone_names[AN_MS_COUNT] = {
	[AN_MS_INCIDENT] = "incident_date",
	[AN_MS_NOTIFIED] = "notified_date",
	[AN_MS_DECISION] = "decision_date",
	[AN_MS_AUTHOR] = "author_appointed",
	[AN_MS_BOARD] = "report_to_board",
	[AN_MS_PANEL] = "report_to_panel",
	[AN_MS_PUBLISHED] = "published",
};

/* ---- the clocks, on plain dates ------------------------------------------------ */

/* The first and last day a milestone may have been. */
static void
day_range(const struct an_day *d, lia_date *lo, lia_date *hi)
{
	int y, m, dd;

	*lo = *hi = d->date;
	if (d->month_only) {
		date_to_ymd(d->date, &y, &m, &dd);
		*lo = date_from_ymd(y, m, 1);
		*hi = date_from_ymd(y, m, date_days_in_month(y, m));
	}
}

/*
 * A clock of working days from milestone a to milestone b, met when the
 * count is at most (at_most) or at least the limit.  Working days after a
 * up to b grow with b and shrink with a, so the extremes of a month-only
 * date bound the count.
 */
static void
workday_clock(struct an_clock *c, const struct an_day *a, const struct an_day *b,
    const struct calendar *cal, long limit, int at_most)
{
	lia_date alo, ahi, blo, bhi;

	memset(c, 0, sizeof *c);
	c->met = -1;
	if (!a->held || !b->held)
		return;
	day_range(a, &alo, &ahi);
	day_range(b, &blo, &bhi);
	c->min_days = calendar_workdays(cal, ahi, blo);
	c->max_days = calendar_workdays(cal, alo, bhi);
	c->known = !a->month_only && !b->month_only;
	if (c->known)
		c->days = c->min_days;
	if (at_most)
		c->met = c->max_days <= limit ? 1 : c->min_days > limit ? 0 : -1;
	else
		c->met = c->min_days >= limit ? 1 : c->max_days < limit ? 0 : -1;
}

/* The latest day a report can reach the panel and still have n working days
 * before publication: the (n+1)th working day counting back from it. */
static lia_date
latest_notice(const struct calendar *cal, lia_date published, int n)
{
	lia_date d = published;
	int seen = 0;

	for (;; d--)
		if (calendar_is_workday(cal, d) && ++seen == n + 1)
			return d;
}

/* The clocks' names in notes, in the order of the struct. */
enum { CK_NOTIFY, CK_RAPID, CK_AWARE, CK_COMPLETE, CK_PANEL, CK_MONTHS, CK_COUNT };

static const struct {
	const char *name;
	enum an_milestone from, to;
} clocks[CK_COUNT] = {
	[CK_NOTIFY] = { "notification", AN_MS_INCIDENT, AN_MS_NOTIFIED },
	[CK_RAPID] = { "rapid review", AN_MS_NOTIFIED, AN_MS_DECISION },
	[CK_AWARE] = { "rapid review from awareness", AN_MS_INCIDENT, AN_MS_DECISION },
	[CK_COMPLETE] = { "completion within 6 months", AN_MS_DECISION, AN_MS_BOARD },
	[CK_PANEL] = { "panel notice", AN_MS_PANEL, AN_MS_PUBLISHED },
	[CK_MONTHS] = { "months to publication", AN_MS_DECISION, AN_MS_PUBLISHED },
};

/* Appends "a, b or c" style lists. */
static void
list_add(GString *g, const char *item, int i, int n, const char *last_sep)
{
	if (i > 0)
		g_string_append(g, i == n - 1 ? last_sep : ", ");
	g_string_append(g, item);
}

/* One note naming the missing dates and the clocks they leave uncomputed. */
static void
note_missing(const struct an_review_clocks *r, struct an_notes *notes)
{
	int missing[AN_MS_COUNT] = { 0 }, nmissing = 0, nclocks = 0, i, k;
	GString *g;

	for (k = 0; k < CK_COUNT; k++)
		if (!r->ms[clocks[k].from].held || !r->ms[clocks[k].to].held) {
			nclocks++;
			missing[clocks[k].from] |= !r->ms[clocks[k].from].held;
			missing[clocks[k].to] |= !r->ms[clocks[k].to].held;
		}
	if (nclocks == 0)
		return;
	for (i = 0; i < AN_MS_COUNT; i++)
		nmissing += missing[i];
	g = g_string_new(NULL);
	g_string_printf(g, "%s: no ", r->review);
	for (i = 0, k = 0; i < AN_MS_COUNT; i++)
		if (missing[i])
			list_add(g, an_milestone_names[i], k++, nmissing, " or ");
	g_string_append(g, "; not computed: ");
	for (i = 0, k = 0; i < CK_COUNT; i++)
		if (!r->ms[clocks[i].from].held || !r->ms[clocks[i].to].held)
			list_add(g, clocks[i].name, k++, nclocks, " and ");
	an_note(notes, "%s", g->str);
	g_string_free(g, TRUE);
}

/* A note for a clock judged (or not) over a month-only date. */
static void
note_month_only(const struct an_review_clocks *r, int k, const struct an_clock *c,
    struct an_notes *notes)
{
	const struct an_day *a = &r->ms[clocks[k].from], *b = &r->ms[clocks[k].to];
	char range[64] = "";

	if (!a->held || !b->held || c->known)
		return;
	if (k != CK_COMPLETE)
		snprintf(range, sizeof range, " (%ld to %ld working days)", c->min_days, c->max_days);
	an_note(notes, "%s: %s%s%s held to the month only; %s %s%s", r->review,
	    a->month_only ? an_milestone_names[clocks[k].from] : "",
	    a->month_only && b->month_only ? " and " : "",
	    b->month_only ? an_milestone_names[clocks[k].to] : "", clocks[k].name,
	    c->met < 0 ? "cannot be judged" : c->met ? "met on any day of the month" :
	    "not met on any day of the month", range);
}

void
an_review_clocks_compute(struct an_review_clocks *r, const struct calendar *cal,
    struct an_notes *notes)
{
	const struct an_day *ms = r->ms;
	struct an_clock *c;
	lia_date lo, hi, dlo, dhi;
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	int y1, m1, y2, m2, dd;

	workday_clock(&r->notification, &ms[AN_MS_INCIDENT], &ms[AN_MS_NOTIFIED], cal,
	    AN_NOTIFY_WORKDAYS, 1);
	workday_clock(&r->rapid_review, &ms[AN_MS_NOTIFIED], &ms[AN_MS_DECISION], cal,
	    AN_RAPID_REVIEW_WORKDAYS, 1);
	workday_clock(&r->rapid_review_from_aware, &ms[AN_MS_INCIDENT], &ms[AN_MS_DECISION], cal,
	    AN_RAPID_REVIEW_WORKDAYS, 1);
	workday_clock(&r->panel_notice, &ms[AN_MS_PANEL], &ms[AN_MS_PUBLISHED], cal,
	    AN_PANEL_NOTICE_WORKDAYS, 0);

	/* Targets: the day each falls on, when its first date is exact. */
	if (ms[AN_MS_INCIDENT].held && !ms[AN_MS_INCIDENT].month_only) {
		r->notification.has_target = r->rapid_review_from_aware.has_target = 1;
		r->notification.target = calendar_add_workdays(cal, ms[AN_MS_INCIDENT].date,
		    AN_NOTIFY_WORKDAYS);
		r->rapid_review_from_aware.target = calendar_add_workdays(cal,
		    ms[AN_MS_INCIDENT].date, AN_RAPID_REVIEW_WORKDAYS);
	}
	if (ms[AN_MS_NOTIFIED].held && !ms[AN_MS_NOTIFIED].month_only) {
		r->rapid_review.has_target = 1;
		r->rapid_review.target = calendar_add_workdays(cal, ms[AN_MS_NOTIFIED].date,
		    AN_RAPID_REVIEW_WORKDAYS);
	}
	if (ms[AN_MS_PUBLISHED].held && !ms[AN_MS_PUBLISHED].month_only) {
		r->panel_notice.has_target = 1;
		r->panel_notice.target = latest_notice(cal, ms[AN_MS_PUBLISHED].date,
		    AN_PANEL_NOTICE_WORKDAYS);
	}

	/* Completion: the board's date on or before decision + 6 months, the
	 * day clamped to the end of a shorter month (date_add_months). */
	c = &r->completion;
	memset(c, 0, sizeof *c);
	c->met = -1;
	if (ms[AN_MS_DECISION].held && !ms[AN_MS_DECISION].month_only) {
		c->has_target = 1;
		c->target = date_add_months(ms[AN_MS_DECISION].date, AN_COMPLETE_MONTHS);
	}
	if (ms[AN_MS_DECISION].held && ms[AN_MS_BOARD].held) {
		day_range(&ms[AN_MS_DECISION], &dlo, &dhi);
		day_range(&ms[AN_MS_BOARD], &lo, &hi);
		c->known = !ms[AN_MS_DECISION].month_only && !ms[AN_MS_BOARD].month_only;
		c->met = hi <= date_add_months(dlo, AN_COMPLETE_MONTHS) ? 1 :
		    lo > date_add_months(dhi, AN_COMPLETE_MONTHS) ? 0 : -1;
	}

	r->has_months = ms[AN_MS_DECISION].held && ms[AN_MS_PUBLISHED].held;
	r->months_to_publication = 0;
	if (r->has_months) {
		date_to_ymd(ms[AN_MS_DECISION].date, &y1, &m1, &dd);
		date_to_ymd(ms[AN_MS_PUBLISHED].date, &y2, &m2, &dd);
		r->months_to_publication = (y2 - y1) * 12 + (m2 - m1);
	}

	if (notes == NULL)
		return;
	note_missing(r, notes);
	note_month_only(r, CK_NOTIFY, &r->notification, notes);
	note_month_only(r, CK_RAPID, &r->rapid_review, notes);
	note_month_only(r, CK_AWARE, &r->rapid_review_from_aware, notes);
	note_month_only(r, CK_COMPLETE, &r->completion, notes);
	note_month_only(r, CK_PANEL, &r->panel_notice, notes);

	/* Milestones out of order: an impossible count is not judged, and a
	 * report the panel had after publication did not give it notice. */
	if (r->notification.known && r->notification.days < 0) {
		r->notification.met = -1;
		an_note(notes, "%s: notified_date %s is before incident_date %s; notification"
		    " not judged", r->review, date_format(ms[AN_MS_NOTIFIED].date, b),
		    date_format(ms[AN_MS_INCIDENT].date, a));
	}
	if (r->rapid_review.known && r->rapid_review.days < 0) {
		r->rapid_review.met = -1;
		an_note(notes, "%s: decision_date %s is before notified_date %s; rapid review"
		    " not judged", r->review, date_format(ms[AN_MS_DECISION].date, b),
		    date_format(ms[AN_MS_NOTIFIED].date, a));
	}
	if (r->rapid_review_from_aware.known && r->rapid_review_from_aware.days < 0) {
		r->rapid_review_from_aware.met = -1;
		an_note(notes, "%s: decision_date %s is before incident_date %s; rapid review"
		    " from awareness not judged", r->review,
		    date_format(ms[AN_MS_DECISION].date, b), date_format(ms[AN_MS_INCIDENT].date, a));
	}
	if (r->panel_notice.known && r->panel_notice.days < 0)
		an_note(notes, "%s: published %s is before report_to_panel %s; panel notice not met",
		    r->review, date_format(ms[AN_MS_PUBLISHED].date, b),
		    date_format(ms[AN_MS_PANEL].date, a));
}

/* ---- from the database ---------------------------------------------------------- */

static const char sql_reviews[] =
    "SELECT code, kind, title, incident_date, notified_date, decision_date, author_appointed,"
    " report_to_board, report_to_panel, published, delay_reason FROM review";
/* The importer's warning for milestones given as a month: "review CODE:
 * NAME, NAME given as a month only; the 1st of the month assumed". */
static const char sql_month_only[] =
    "SELECT w.message FROM import_warning w JOIN import_batch b ON b.id = w.batch_id"
    " WHERE b.kind = 'reviews' AND b.status = 'committed'"
    " AND w.message LIKE 'review %: % given as a month only;%'";

#define MONTH_ONLY_TAIL " given as a month only;"

/* Marks the month-only milestones the warnings name.  0, or -1 with err. */
static int
load_month_only(sqlite3 *db, GHashTable *by_code, struct lia_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql_month_only, err);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(st, 0);
		const char *tail = msg ? strstr(msg, MONTH_ONLY_TAIL) : NULL;
		const char *colon = NULL, *p;
		struct an_review_clocks *r;
		char *code, *names, **parts, **q;
		int m;

		if (tail == NULL)
			continue;
		for (p = msg; (p = strstr(p, ": ")) != NULL && p < tail; p++)
			colon = p;
		if (colon == NULL || colon < msg + 7)
			continue;
		code = g_strndup(msg + 7, (gsize)(colon - msg - 7));
		r = g_hash_table_lookup(by_code, code);
		g_free(code);
		if (r == NULL)
			continue;
		names = g_strndup(colon + 2, (gsize)(tail - colon - 2));
		parts = g_strsplit(names, ", ", -1);
		for (q = parts; *q != NULL; q++)
			for (m = 0; m < AN_MS_COUNT; m++)
				if (strcmp(*q, an_milestone_names[m]) == 0 && r->ms[m].held)
					r->ms[m].month_only = 1;
		g_strfreev(parts);
		g_free(names);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return lia_err_set(err, "database: %s", db_errmsg(db));
	return 0;
}

static const struct {
	const char *key, *word;
} kinds[] = {
	{ "scr", "scr" }, { "seriouscasereview", "scr" },
	{ "cspr", "cspr" }, { "childsafeguardingpracticereview", "cspr" },
	{ "rapidreview", "rapid_review" }, { "rr", "rapid_review" },
	{ "sar", "sar" }, { "safeguardingadultsreview", "sar" },
};

int
an_review_kind_parse(const char *text, const char **word)
{
	char *key = an_theme_key(text);	/* the same fold: letters and digits */
	size_t k;
	int rc = -1;

	for (k = 0; k < sizeof kinds / sizeof kinds[0] && rc != 0; k++)
		if (strcmp(key, kinds[k].key) == 0) {
			*word = kinds[k].word;
			rc = 0;
		}
	g_free(key);
	return rc;
}

const char *
an_review_kind_words(const char *word)
{
	static const char *const words[][2] = { { "scr", "SCR" }, { "cspr", "CSPR" },
	    { "rapid_review", "Rapid review" }, { "sar", "SAR" } };
	size_t k;

	for (k = 0; word != NULL && k < sizeof words / sizeof words[0]; k++)
		if (strcmp(word, words[k][0]) == 0)
			return words[k][1];
	return NULL;
}

void
an_timeliness_opts_defaults(struct an_timeliness_opts *o)
{
	memset(o, 0, sizeof *o);
	period_all(&o->period);
}

static void
clocks_fini(struct an_review_clocks *r)
{
	g_free(r->review);
	g_free(r->kind);
	g_free(r->title);
	g_free(r->delay_reason);
}

void
an_timeliness_free(struct an_timeliness *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows; i++)
		clocks_fini(&t->rows[i]);
	g_free(t->rows);
	g_free(t->kind);
	an_notes_free(&t->notes);
	g_free(t);
}

static lia_date
first_milestone(const struct an_review_clocks *r)
{
	lia_date first = INT32_MAX;
	int m;

	for (m = 0; m < AN_MS_COUNT; m++)
		if (r->ms[m].held && r->ms[m].date < first)
			first = r->ms[m].date;
	return first;
}

static int
cmp_clocks(const void *a, const void *b)
{
	const struct an_review_clocks *x = a, *y = b;
	lia_date fx = first_milestone(x), fy = first_milestone(y);

	if (fx != fy)
		return fx < fy ? -1 : 1;
	return an_key_cmp(x->review, y->review);
}

static int
in_period(const struct an_review_clocks *r, const struct period *p)
{
	lia_date lo, hi;
	int m;

	if (p->kind == PERIOD_ALL)
		return 1;
	for (m = 0; m < AN_MS_COUNT; m++) {
		if (!r->ms[m].held)
			continue;
		day_range(&r->ms[m], &lo, &hi);
		if (lo <= p->to && hi >= p->from)
			return 1;
	}
	return 0;
}

static char *
column_dup(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);

	return t != NULL && *t != '\0' ? g_strdup(t) : NULL;
}

struct an_timeliness *
an_timeliness_run(sqlite3 *db, const struct an_timeliness_opts *o, struct lia_err *err)
{
	struct an_timeliness *t = g_new0(struct an_timeliness, 1);
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct an_review_clocks));
	GHashTable *by_code = g_hash_table_new(g_str_hash, g_str_equal);
	struct calendar *cal = NULL;
	sqlite3_stmt *st = NULL;
	guint i, kept;
	int rc, m;

	t->period = o->period;
	if (o->kind != NULL) {
		const char *word;

		if (an_review_kind_parse(o->kind, &word) != 0) {
			lia_err_set(err, "unknown review kind '%s' (expected SCR, CSPR, rapid review"
			    " or SAR)", o->kind);
			goto fail;
		}
		t->kind = g_strdup(word);
	}
	if ((cal = calendar_new()) == NULL) {
		lia_err_set(err, "out of memory");
		goto fail;
	}
	if (calendar_load_db(cal, db, err) != 0)
		goto fail;

	if ((st = db_prepare(db, sql_reviews, err)) == NULL)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct an_review_clocks r = { 0 };

		r.review = column_dup(st, 0);
		r.kind = column_dup(st, 1);
		r.title = column_dup(st, 2);
		r.delay_reason = column_dup(st, 10);
		for (m = 0; m < AN_MS_COUNT; m++) {
			const char *text = (const char *)sqlite3_column_text(st, 3 + m);
			struct lia_err e;

			if (text != NULL && *text != '\0' && date_parse(text, &r.ms[m].date, &e) == 0)
				r.ms[m].held = 1;
			else if (text != NULL && *text != '\0')
				an_note(&t->notes, "%s: %s '%s' is not a date; taken as missing",
				    r.review, an_milestone_names[m], text);
		}
		g_array_append_val(rows, r);
	}
	if (rc != SQLITE_DONE) {
		lia_err_set(err, "database: %s", db_errmsg(db));
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	for (i = 0; i < rows->len; i++) {
		struct an_review_clocks *r = &g_array_index(rows, struct an_review_clocks, i);

		g_hash_table_insert(by_code, r->review, r);
	}
	if (load_month_only(db, by_code, err) != 0)
		goto fail;

	/* Filter, order, then compute: notes come in the rows' order. */
	for (i = 0, kept = 0; i < rows->len; i++) {
		struct an_review_clocks *r = &g_array_index(rows, struct an_review_clocks, i);

		if ((t->kind != NULL && (r->kind == NULL || strcmp(r->kind, t->kind) != 0)) ||
		    !in_period(r, &o->period)) {
			clocks_fini(r);
			continue;
		}
		g_array_index(rows, struct an_review_clocks, kept++) = *r;
	}
	g_array_set_size(rows, kept);
	if (rows->len > 1)
		qsort(rows->data, rows->len, sizeof(struct an_review_clocks), cmp_clocks);
	for (i = 0; i < rows->len; i++)
		an_review_clocks_compute(&g_array_index(rows, struct an_review_clocks, i), cal,
		    &t->notes);
	t->nrows = rows->len;
	t->rows = (struct an_review_clocks *)(void *)g_array_free(rows, FALSE);
	g_hash_table_destroy(by_code);
	calendar_free(cal);
	return t;
fail:
	sqlite3_finalize(st);
	for (i = 0; i < rows->len; i++)
		clocks_fini(&g_array_index(rows, struct an_review_clocks, i));
	g_array_free(rows, TRUE);
	g_hash_table_destroy(by_code);
	calendar_free(cal);
	an_timeliness_free(t);
	return NULL;
}
