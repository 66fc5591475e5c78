/*
 * trainers: the trainer pool — practitioners who attended a
 * train-the-trainer course (the seed report's Graded Care Profile 2
 * licences) — its size against a target and the sectors it represents.
 * Each trainer counts once, in the sector of the agency on their latest
 * train-the-trainer attendance.
 */
#include <stdlib.h>
#include <string.h>

#include "analytics/internal.h"

static const char sql_course_ttt[] = "SELECT train_the_trainer FROM course WHERE id = ?1";
static const char sql_sectors[] =
    "SELECT DISTINCT sector FROM agency WHERE sector IS NOT NULL AND sector <> '' ORDER BY sector";
/* Latest first per person, so the first row of each is the one that places them. */
static const char sql_trainers[] =
    "SELECT a.practitioner_id, a.agency_id, g.sector"
    " FROM attendance a JOIN session s ON s.id = a.session_id JOIN course c ON c.id = s.course_id"
    " LEFT JOIN agency g ON g.id = a.agency_id"
    " WHERE c.train_the_trainer = 1 AND a.status = 'attended' AND (?1 = 0 OR c.id = ?1)"
    " ORDER BY a.practitioner_id, s.date DESC, a.session_id DESC";

void
an_trainers_opts_defaults(struct an_trainers_opts *o)
{
	memset(o, 0, sizeof *o);
	o->target = AN_TRAINER_TARGET;
}

static struct an_trainers_row *
row_of(GArray *rows, const char *sector)
{
	struct an_trainers_row nr = { 0 };
	guint i;

	for (i = 0; i < rows->len; i++)
		if (g_strcmp0(g_array_index(rows, struct an_trainers_row, i).sector, sector) == 0)
			return &g_array_index(rows, struct an_trainers_row, i);
	nr.sector = g_strdup(sector);
	g_array_append_val(rows, nr);
	return &g_array_index(rows, struct an_trainers_row, rows->len - 1);
}

struct an_trainers *
an_trainers_run(sqlite3 *db, const struct an_trainers_opts *o, struct lia_err *err)
{
	struct an_trainers *r = g_new0(struct an_trainers, 1);
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct an_trainers_row));
	GHashTable *agencies = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GString *missing = g_string_new(NULL);
	sqlite3_stmt *st = NULL;
	int64_t course = 0, last_person = 0;
	guint i;
	int s;

	r->course = g_strdup(o->course);
	r->target = o->target;
	if (o->course) {
		if (an_lookup(db, "course", o->course, &course, err) != 0)
			goto fail;
		if ((st = db_prepare(db, sql_course_ttt, err)) == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, course);
		if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 1) {
			lia_err_set(err, "course '%s' is not a train-the-trainer course", o->course);
			goto fail;
		}
		sqlite3_finalize(st);
	}
	if ((st = db_prepare(db, sql_sectors, err)) == NULL)
		goto fail;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		row_of(rows, (const char *)sqlite3_column_text(st, 0));
		r->sectors++;
	}
	if (s != SQLITE_DONE) {
		lia_err_set(err, "database: %s", db_errmsg(db));
		goto fail;
	}
	sqlite3_finalize(st);

	if ((st = db_prepare(db, sql_trainers, err)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, course);
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t person = sqlite3_column_int64(st, 0);
		const char *sector = (const char *)sqlite3_column_text(st, 2);
		struct an_trainers_row *row;
		char *key;

		if (person == last_person)
			continue;
		last_person = person;
		if (sector && *sector == '\0')
			sector = NULL;
		row = row_of(rows, sector);
		row->trainers++;
		r->trainers++;
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			key = g_strdup_printf("%s\n%lld", sector ? sector : "",
			    (long long)sqlite3_column_int64(st, 1));
			if (g_hash_table_add(agencies, key))
				row->agencies++;
		}
	}
	if (s != SQLITE_DONE) {
		lia_err_set(err, "database: %s", db_errmsg(db));
		goto fail;
	}
	r->shortfall = r->target > r->trainers ? r->target - r->trainers : 0;
	for (i = 0; i < rows->len; i++) {
		struct an_trainers_row *row = &g_array_index(rows, struct an_trainers_row, i);

		if (row->sector == NULL)
			continue;
		if (row->trainers > 0)
			r->sectors_represented++;
		else
			g_string_append_printf(missing, "%s%s", missing->len ? ", " : "", row->sector);
	}
	if (missing->len > 0)
		an_note(&r->notes, "sectors with no trainer: %s", missing->str);
	if (r->shortfall > 0)
		an_note(&r->notes, "the pool is %lld short of its target of %d",
		    (long long)r->shortfall, r->target);
	r->nrows = rows->len;
	r->rows = (struct an_trainers_row *)(void *)g_array_free(rows, FALSE);
	rows = NULL;
	goto out;
fail:
	an_trainers_free(r);
	r = NULL;
out:
	sqlite3_finalize(st);
	if (rows) {
		for (i = 0; i < rows->len; i++)
			g_free(g_array_index(rows, struct an_trainers_row, i).sector);
		g_array_free(rows, TRUE);
	}
	g_hash_table_destroy(agencies);
	g_string_free(missing, TRUE);
	return r;
}

void
an_trainers_free(struct an_trainers *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrows; i++)
		g_free(r->rows[i].sector);
	g_free(r->rows);
	g_free(r->course);
	an_notes_free(&r->notes);
	g_free(r);
}
