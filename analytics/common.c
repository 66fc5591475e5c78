/*
 * common: what the analyses share — their notes, id bitmaps, the name keys
 * filter values are matched by, and the workforce denominators.  The
 * lookups name their table from a fixed list, never from user text.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/internal.h"

void
an_note(struct an_notes *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	n->text = g_renew(char *, n->text, n->n + 1);
	n->text[n->n++] = g_strdup_vprintf(fmt, ap);
	va_end(ap);
}

void
an_notes_free(struct an_notes *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++)
		g_free(n->text[i]);
	g_free(n->text);
	n->text = NULL;
	n->n = 0;
}

static const char sql_find_agency[] =
    "SELECT id FROM agency WHERE name_key = ?1 OR lower(name) = lower(?2) ORDER BY name_key = ?1 DESC LIMIT 1";
static const char sql_find_course[] =
    "SELECT id FROM course WHERE code_key = ?1 OR lower(code) = lower(?2) ORDER BY code_key = ?1 DESC LIMIT 1";
static const char sql_find_theme[] =
    "SELECT id FROM theme WHERE name_key = ?1 OR lower(name) = lower(?2) ORDER BY name_key = ?1 DESC LIMIT 1";

int
an_lookup(sqlite3 *db, const char *kind, const char *name, int64_t *id, struct lia_err *err)
{
	const char *sql;
	sqlite3_stmt *st = NULL;
	char *key = NULL;
	int rc, ret = -1;

	if (strcmp(kind, "agency") == 0)
		sql = sql_find_agency;
	else if (strcmp(kind, "course") == 0)
		sql = sql_find_course;
	else if (strcmp(kind, "theme") == 0)
		sql = sql_find_theme;
	else
		return lia_err_set(err, "no lookup of %s", kind);
	if ((st = db_prepare(db, sql, err)) == NULL)
		return -1;
	key = strcmp(kind, "theme") == 0 ? lia_theme_key(name) : lia_name_key(name);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		ret = 0;
	} else if (rc == SQLITE_DONE) {
		lia_err_set(err, "no %s named '%s'", kind, name);
	} else {
		lia_err_set(err, "database: %s", db_errmsg(db));
	}
	sqlite3_finalize(st);
	g_free(key);
	return ret;
}

void
an_bits_init(struct an_bits *b, size_t n)
{
	b->nwords = (n + 63) / 64;
	b->w = g_new0(uint64_t, b->nwords ? b->nwords : 1);
}

void
an_bits_fini(struct an_bits *b)
{
	g_free(b->w);
	b->w = NULL;
	b->nwords = 0;
}

int64_t
an_bits_count(const struct an_bits *b)
{
	int64_t n = 0;
	size_t i;

	for (i = 0; i < b->nwords; i++)
		n += __builtin_popcountll(b->w[i]);
	return n;
}

static const char sql_workforce[] =
    "SELECT agency_id, period_from, period_to, headcount FROM workforce";

int
an_workforce_load(sqlite3 *db, struct an_workforce_row **rows, size_t *n, struct lia_err *err)
{
	sqlite3_stmt *st;
	GArray *a = g_array_new(FALSE, TRUE, sizeof(struct an_workforce_row));
	int rc;

	*rows = NULL;
	*n = 0;
	if ((st = db_prepare(db, sql_workforce, err)) == NULL) {
		g_array_free(a, TRUE);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct an_workforce_row w;
		struct lia_err e;

		w.agency_id = sqlite3_column_int64(st, 0);
		w.headcount = sqlite3_column_int64(st, 3);
		if (date_parse((const char *)sqlite3_column_text(st, 1), &w.from, &e) != 0 ||
		    date_parse((const char *)sqlite3_column_text(st, 2), &w.to, &e) != 0)
			continue;	/* the schema's importer writes ISO dates; skip anything else */
		g_array_append_val(a, w);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		g_array_free(a, TRUE);
		return lia_err_set(err, "database: %s", db_errmsg(db));
	}
	*n = a->len;
	*rows = (struct an_workforce_row *)(void *)g_array_free(a, FALSE);
	return 0;
}

int64_t
an_workforce_of(const struct an_workforce_row *w, size_t n, int64_t agency_id,
    lia_date from, lia_date to)
{
	const struct an_workforce_row *best = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (w[i].agency_id != agency_id || w[i].from > to || w[i].to < from)
			continue;
		if (best == NULL || w[i].to > best->to ||
		    (w[i].to == best->to && w[i].from > best->from))
			best = &w[i];
	}
	return best ? best->headcount : -1;
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

int
an_key_cmp(const char *a, const char *b)
{
	int c;

	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);
	if (all_digits(a) && all_digits(b) && strlen(a) < 18 && strlen(b) < 18) {
		long long x = atoll(a), y = atoll(b);
		return (x > y) - (x < y);
	}
	if ((c = g_ascii_strcasecmp(a, b)) != 0)
		return c;
	return strcmp(a, b);
}
