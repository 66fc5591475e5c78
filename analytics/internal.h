/*
 * Private to analytics/: notes, bitmaps of ids, name keys and the lookups
 * of filter values that every analysis shares.  No other folder includes
 * this file.
 */
#ifndef LIA_ANALYTICS_INTERNAL_H
#define LIA_ANALYTICS_INTERNAL_H

#include <stdint.h>

#include <glib.h>

#include "analytics/analytics.h"

/* Appends a note (printf format) to a list. */
void an_note(struct an_notes *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Frees the notes and empties the list; NULL does nothing. */
void an_notes_free(struct an_notes *);

/*
 * The id of the row of table kind ("agency", "course", "theme") whose key
 * matches name.  0 and *id, or -1 with err ("no agency named ...").
 */
int an_lookup(sqlite3 *, const char *kind, const char *name, int64_t *id, struct lia_err *);

/* A set of ids 0..n-1 as bits. */
struct an_bits {
	uint64_t *w;
	size_t nwords;
};

void an_bits_init(struct an_bits *, size_t n);
void an_bits_fini(struct an_bits *);
static inline void
an_bits_set(struct an_bits *b, size_t i)
{
	b->w[i >> 6] |= UINT64_C(1) << (i & 63);
}
static inline int
an_bits_get(const struct an_bits *b, size_t i)
{
	return (int)(b->w[i >> 6] >> (i & 63) & 1);
}
int64_t an_bits_count(const struct an_bits *);

/* Workforce headcounts of the agencies, for any period. */
struct an_workforce_row {
	int64_t agency_id;
	lia_date from, to;
	int64_t headcount;
};

/* Loads every workforce row.  0, or -1 with err; free rows with g_free. */
int an_workforce_load(sqlite3 *, struct an_workforce_row **, size_t *, struct lia_err *);
/*
 * The headcount of an agency for the days [from, to]: of the figures whose
 * period overlaps it, the latest (for a range of several years, the last).
 * -1 when there is none.
 */
int64_t an_workforce_of(const struct an_workforce_row *, size_t, int64_t agency_id,
    lia_date from, lia_date to);

/* Compares two group keys: NULL last, integers by value, else by case-folded text. */
int an_key_cmp(const char *, const char *);

/* Today's date on this machine's clock (actions.c). */
lia_date an_today(void);

/* ---- theme groups (themes.c) --------------------------------------------- */

/* The rows of the theme table that an_theme_key makes one theme. */
struct an_theme_group {
	char *key;		/* an_theme_key */
	char *name;		/* the name of the group's first theme row */
	int names;		/* theme rows in the group */
	char *spellings;	/* their names, "a", "b" (quoted, in id order) */
};

struct an_themes {
	struct an_theme_group *groups;	/* in name order */
	size_t ngroups;
	int64_t max_id;
	int *group_of;		/* theme id -> group index, -1 none */
};

/* Loads and groups the theme table.  0, or -1 with err; fini either way. */
int an_themes_load(sqlite3 *, struct an_themes *, struct lia_err *);
/* NULL members do nothing. */
void an_themes_fini(struct an_themes *);
/* The group of a theme id; -1 when none. */
int an_themes_group(const struct an_themes *, int64_t theme_id);
/* The group whose key matches the name's; -1 when none. */
int an_themes_find(const struct an_themes *, const char *name);

#endif
