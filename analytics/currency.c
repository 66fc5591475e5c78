/*
 * currency: whether each practitioner's training is in date on a given day,
 * and what share of each agency's (or sector's) workforce that is.  It
 * fetches the attended sessions up to the date into an array, then decides
 * person by person: by the latest session's refresh period, or, for a
 * level defined by hours, by the hours in the rolling window.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/internal.h"

static const char sql_level[] =
    "SELECT hours_required, window_months FROM training_level WHERE level = ?1";
/* Refresh: the course's, else its level's; hours: the attendance's, else the course's. */
static const char sql_attended[] =
    "SELECT a.practitioner_id, ifnull(a.agency_id, 0), s.date,"
    " coalesce(c.refresh_months, tl.refresh_months), coalesce(a.hours, c.hours)"
    " FROM attendance a JOIN session s ON s.id = a.session_id JOIN course c ON c.id = s.course_id"
    " LEFT JOIN training_level tl ON tl.level = c.level"
    " WHERE a.status = 'attended' AND s.date <= ?1 AND (?2 = 0 OR c.level = ?2)"
    " ORDER BY a.practitioner_id, s.date";
static const char sql_agencies[] = "SELECT id, name, sector FROM agency ORDER BY id";

struct record {
	int64_t person, agency;
	lia_date date;
	int refresh;		/* months; 0 none */
	double hours;		/* NaN none */
};

struct agency {
	int64_t id;
	char *name, *sector;
	int64_t practitioners, in_date, workforce;
};

int
an_in_date(lia_date attended, int refresh_months, lia_date as_at)
{
	if (attended > as_at)
		return 0;
	if (refresh_months <= 0)
		return 1;
	/* In date up to the day before the anniversary of the refresh. */
	return as_at < date_add_months(attended, refresh_months);
}

void
an_currency_opts_defaults(struct an_currency_opts *o)
{
	memset(o, 0, sizeof *o);
	o->by = AN_DIM_NONE;
	o->conf = AN_CONF;
}

static int
load_records(sqlite3 *db, const struct an_currency_opts *o, GArray *recs, struct lia_err *err)
{
	sqlite3_stmt *st;
	char asat[DATE_ISO_LEN];
	int s;

	if ((st = db_prepare(db, sql_attended, err)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, date_format(o->as_at, asat), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, o->level);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct record r;
		struct lia_err e;

		r.person = sqlite3_column_int64(st, 0);
		r.agency = sqlite3_column_int64(st, 1);
		if (date_parse((const char *)sqlite3_column_text(st, 2), &r.date, &e) != 0)
			continue;
		r.refresh = sqlite3_column_type(st, 3) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 3);
		r.hours = sqlite3_column_type(st, 4) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 4);
		g_array_append_val(recs, r);
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return lia_err_set(err, "database: %s", db_errmsg(db));
	return 0;
}

static int
load_agencies(sqlite3 *db, GArray *ags, struct lia_err *err)
{
	sqlite3_stmt *st;
	int s;

	if ((st = db_prepare(db, sql_agencies, err)) == NULL)
		return -1;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct agency a = { 0 };

		a.id = sqlite3_column_int64(st, 0);
		a.name = g_strdup((const char *)sqlite3_column_text(st, 1));
		a.sector = g_strdup((const char *)sqlite3_column_text(st, 2));
		g_array_append_val(ags, a);
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE)
		return lia_err_set(err, "database: %s", db_errmsg(db));
	return 0;
}

static struct agency *
agency_of(GArray *ags, int64_t id)
{
	guint lo = 0, hi = ags->len;

	while (lo < hi) {
		guint mid = (lo + hi) / 2;
		struct agency *a = &g_array_index(ags, struct agency, mid);

		if (a->id == id)
			return a;
		if (a->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void
finish_row(struct an_currency_row *r, double conf, struct an_notes *notes)
{
	r->in_date_share = r->ci_low = r->ci_high = NAN;
	if (r->workforce <= 0)
		return;
	if (an_wilson(r->in_date, r->workforce, conf, &r->ci_low, &r->ci_high) == 0)
		r->in_date_share = (double)r->in_date / (double)r->workforce;
	else
		an_note(notes, "%s: %lld in date but a workforce of %lld: share not computed",
		    r->key ? r->key : "total", (long long)r->in_date, (long long)r->workforce);
}

static int
row_cmp(const void *a, const void *b)
{
	return an_key_cmp(((const struct an_currency_row *)a)->key,
	    ((const struct an_currency_row *)b)->key);
}

struct an_currency *
an_currency_run(sqlite3 *db, const struct an_currency_opts *o, struct lia_err *err)
{
	struct an_currency *r = NULL;
	GArray *recs = g_array_new(FALSE, FALSE, sizeof(struct record));
	GArray *ags = g_array_new(FALSE, TRUE, sizeof(struct agency));
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct an_currency_row));
	struct an_workforce_row *wf = NULL;
	size_t nwf = 0;
	sqlite3_stmt *st = NULL;
	int64_t never = 0, no_hours = 0, unplaced = 0;
	lia_date window_start = 0;
	guint i, j;
	int s;

	if (o->by != AN_DIM_NONE && o->by != AN_DIM_AGENCY && o->by != AN_DIM_SECTOR) {
		lia_err_set(err, "currency is grouped by agency or sector only");
		goto fail;
	}
	r = g_new0(struct an_currency, 1);
	r->opts = *o;
	if (o->level > 0) {
		if ((st = db_prepare(db, sql_level, err)) == NULL)
			goto fail;
		sqlite3_bind_int(st, 1, o->level);
		if ((s = sqlite3_step(st)) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
		    sqlite3_column_type(st, 1) != SQLITE_NULL) {
			r->by_hours = 1;
			r->hours_required = sqlite3_column_double(st, 0);
			r->window_months = sqlite3_column_int(st, 1);
		} else if (s != SQLITE_ROW && s != SQLITE_DONE) {
			lia_err_set(err, "database: %s", db_errmsg(db));
			goto fail;
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	if (load_records(db, o, recs, err) != 0 || load_agencies(db, ags, err) != 0 ||
	    an_workforce_load(db, &wf, &nwf, err) != 0)
		goto fail;
	if (r->by_hours)
		window_start = date_add_months(o->as_at, -r->window_months);

	/* Person by person: the records of one are together, oldest first. */
	for (i = 0; i < recs->len; i = j) {
		const struct record *first = &g_array_index(recs, struct record, i), *last;
		struct agency *a;
		double hours = 0;
		int in = 0;

		for (j = i; j < recs->len && g_array_index(recs, struct record, j).person == first->person; j++) {
			const struct record *rec = &g_array_index(recs, struct record, j);

			if (r->by_hours && rec->date > window_start) {
				if (isnan(rec->hours))
					no_hours++;
				else
					hours += rec->hours;
			}
		}
		last = &g_array_index(recs, struct record, j - 1);
		if (r->by_hours) {
			in = hours >= r->hours_required - 1e-9;
		} else {
			in = an_in_date(last->date, last->refresh, o->as_at);
			if (last->refresh <= 0)
				never++;
		}
		if ((a = agency_of(ags, last->agency)) == NULL) {
			unplaced++;
			r->total.practitioners++;
			r->total.in_date += in;
			continue;
		}
		a->practitioners++;
		a->in_date += in;
	}

	/* Rows: agencies (or sectors) with a workforce figure or someone trained. */
	r->total.workforce = 0;
	for (i = 0; i < ags->len; i++) {
		struct agency *a = &g_array_index(ags, struct agency, i);
		struct an_currency_row *row = NULL;
		guint k;

		/* The latest figure for a period begun by the date: figures come late. */
		a->workforce = an_workforce_of(wf, nwf, a->id, INT32_MIN, o->as_at);
		if (a->workforce < 0 && a->practitioners > 0)
			an_note(&r->notes, "no workforce figure for %s by %s: its share is not computed",
			    a->name, date_format(o->as_at, (char[DATE_ISO_LEN]){ 0 }));
		r->total.practitioners += a->practitioners;
		r->total.in_date += a->in_date;
		if (r->total.workforce >= 0)
			r->total.workforce = a->workforce >= 0 ? r->total.workforce + a->workforce :
			    a->practitioners > 0 ? -1 : r->total.workforce;
		if (a->workforce < 0 && a->practitioners == 0)
			continue;
		if (o->by == AN_DIM_AGENCY) {
			struct an_currency_row nr = { 0 };

			nr.key = g_strdup(a->name);
			nr.workforce = a->workforce;
			g_array_append_val(rows, nr);
			row = &g_array_index(rows, struct an_currency_row, rows->len - 1);
		} else if (o->by == AN_DIM_SECTOR) {
			for (k = 0; k < rows->len; k++)
				if (g_strcmp0(g_array_index(rows, struct an_currency_row, k).key, a->sector) == 0)
					row = &g_array_index(rows, struct an_currency_row, k);
			if (row == NULL) {
				struct an_currency_row nr = { 0 };

				nr.key = g_strdup(a->sector);
				g_array_append_val(rows, nr);
				row = &g_array_index(rows, struct an_currency_row, rows->len - 1);
			}
			if (row->workforce >= 0)
				row->workforce = a->workforce >= 0 ? row->workforce + a->workforce : -1;
		} else {
			continue;
		}
		row->practitioners += a->practitioners;
		row->in_date += a->in_date;
	}
	for (i = 0; i < rows->len; i++)
		finish_row(&g_array_index(rows, struct an_currency_row, i), o->conf, &r->notes);
	finish_row(&r->total, o->conf, &r->notes);
	if (unplaced > 0)
		an_note(&r->notes, "%lld practitioners have no agency on their latest attendance: in the total only",
		    (long long)unplaced);
	if (never > 0)
		an_note(&r->notes, "%lld practitioners' latest course has no refresh period: counted in date",
		    (long long)never);
	if (no_hours > 0)
		an_note(&r->notes, "%lld attendances in the window have no hours (neither the attendance's nor the course's): counted as 0",
		    (long long)no_hours);
	r->nrows = rows->len;
	r->rows = (struct an_currency_row *)(void *)g_array_free(rows, FALSE);
	rows = NULL;
	if (r->nrows > 1)
		qsort(r->rows, r->nrows, sizeof *r->rows, row_cmp);
	goto out;
fail:
	an_currency_free(r);
	r = NULL;
out:
	sqlite3_finalize(st);
	if (rows) {
		for (i = 0; i < rows->len; i++)
			g_free(g_array_index(rows, struct an_currency_row, i).key);
		g_array_free(rows, TRUE);
	}
	for (i = 0; i < ags->len; i++) {
		g_free(g_array_index(ags, struct agency, i).name);
		g_free(g_array_index(ags, struct agency, i).sector);
	}
	g_array_free(ags, TRUE);
	g_array_free(recs, TRUE);
	g_free(wf);
	return r;
}

void
an_currency_free(struct an_currency *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrows; i++)
		g_free(r->rows[i].key);
	g_free(r->rows);
	g_free(r->total.key);
	an_notes_free(&r->notes);
	g_free(r);
}
