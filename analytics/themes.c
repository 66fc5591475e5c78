/*
 * themes: one theme, however each file spells it.  Reviews, action plans,
 * courses, audit standards and the evidence log each name their themes; the
 * theme table keys them by lia_theme_key (letters and digits only, since
 * schema 6), so "Voice of the Child" from a review and "voice-of-the-child"
 * from a course list are one row.  The reviews' analyses still group the
 * rows by that key, which makes one group a row.
 */
#include <string.h>

#include "analytics/internal.h"
#include "analytics/reviews.h"

char *
an_theme_key(const char *name)
{
	return lia_theme_key(name);
}

static const char sql_themes[] = "SELECT id, name FROM theme ORDER BY id";

static int
cmp_group(const void *a, const void *b)
{
	const struct an_theme_group *x = a, *y = b;

	return an_key_cmp(x->name, y->name);
}

/* A row of the theme table: its id and its group's key (owned by the group). */
struct theme_row {
	int64_t id;
	const char *key;
};

int
an_themes_load(sqlite3 *db, struct an_themes *t, struct lia_err *err)
{
	GHashTable *by_key = g_hash_table_new(g_str_hash, g_str_equal);
	GArray *groups = g_array_new(FALSE, TRUE, sizeof(struct an_theme_group));
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct theme_row));
	sqlite3_stmt *st;
	size_t i;
	guint k;
	int rc;

	memset(t, 0, sizeof *t);
	if ((st = db_prepare(db, sql_themes, err)) == NULL)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		char *key = an_theme_key(name ? name : "");
		struct theme_row row = { sqlite3_column_int64(st, 0), NULL };
		gpointer hit;
		char *tmp;

		if (g_hash_table_lookup_extended(by_key, key, NULL, &hit)) {
			struct an_theme_group *g = &g_array_index(groups, struct an_theme_group,
			    GPOINTER_TO_SIZE(hit) - 1);

			g->names++;
			tmp = g->spellings;
			g->spellings = g_strdup_printf("%s, '%s'", tmp, name ? name : "");
			g_free(tmp);
			g_free(key);
			row.key = g->key;
		} else {
			struct an_theme_group g = { key, g_strdup(name ? name : ""), 1,
			    g_strdup_printf("'%s'", name ? name : "") };

			g_array_append_val(groups, g);
			g_hash_table_insert(by_key, key, GSIZE_TO_POINTER((gsize)groups->len));
			row.key = key;
		}
		if (row.id > t->max_id)
			t->max_id = row.id;
		g_array_append_val(rows, row);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		lia_err_set(err, "database: %s", db_errmsg(db));
		goto fail;
	}

	/* Groups in name order; then each theme id to its group's place. */
	if (groups->len > 1)
		qsort(groups->data, groups->len, sizeof(struct an_theme_group), cmp_group);
	t->ngroups = groups->len;
	t->groups = (struct an_theme_group *)(void *)g_array_free(groups, FALSE);
	groups = NULL;
	g_hash_table_remove_all(by_key);
	for (i = 0; i < t->ngroups; i++)
		g_hash_table_insert(by_key, t->groups[i].key, GSIZE_TO_POINTER(i + 1));
	t->group_of = g_new(int, t->max_id + 1);
	for (i = 0; i <= (size_t)t->max_id; i++)
		t->group_of[i] = -1;
	for (k = 0; k < rows->len; k++) {
		const struct theme_row *row = &g_array_index(rows, struct theme_row, k);

		if (row->id >= 0)
			t->group_of[row->id] =
			    (int)GPOINTER_TO_SIZE(g_hash_table_lookup(by_key, row->key)) - 1;
	}
	g_array_free(rows, TRUE);
	g_hash_table_destroy(by_key);
	return 0;
fail:
	if (groups != NULL) {
		for (k = 0; k < groups->len; k++) {
			g_free(g_array_index(groups, struct an_theme_group, k).key);
			g_free(g_array_index(groups, struct an_theme_group, k).name);
			g_free(g_array_index(groups, struct an_theme_group, k).spellings);
		}
		g_array_free(groups, TRUE);
	}
	g_array_free(rows, TRUE);
	g_hash_table_destroy(by_key);
	an_themes_fini(t);
	return -1;
}

void
an_themes_fini(struct an_themes *t)
{
	size_t i;

	for (i = 0; i < t->ngroups; i++) {
		g_free(t->groups[i].key);
		g_free(t->groups[i].name);
		g_free(t->groups[i].spellings);
	}
	g_free(t->groups);
	g_free(t->group_of);
	memset(t, 0, sizeof *t);
}

int
an_themes_group(const struct an_themes *t, int64_t theme_id)
{
	if (theme_id < 0 || theme_id > t->max_id || t->group_of == NULL)
		return -1;
	return t->group_of[theme_id];
}

int
an_themes_find(const struct an_themes *t, const char *name)
{
	char *key = an_theme_key(name);
	size_t i;
	int found = -1;

	for (i = 0; i < t->ngroups && found < 0; i++)
		if (strcmp(t->groups[i].key, key) == 0)
			found = (int)i;
	g_free(key);
	return found;
}
