/*
 * table: the one form every analysis result takes on its way out.  A
 * result is a name, its parameters, one or more parts (named tables of
 * typed columns, each with an optional total row) and notes.  reports/
 * turns each analysis's result structs into a result (one table function
 * per table), disclosure.c hides small numbers in it, and then every
 * consumer reads the same cells: cli/ writes them as a table, CSV or JSON,
 * the figures draw them, the packs lay them out as PDF and HTML.  So a
 * number hidden once is hidden everywhere, and no writer can leak it: a
 * hidden cell's value is wiped.
 *
 * Columns say what disclosure control needs to know: whether a column
 * counts people (or records about people: attendances, responses, case
 * audits), and which count columns a rate, mean or interval is computed
 * from.  Counts of things that are not people (sessions, courses,
 * workforce headcounts, reviews, actions) are plain numbers.
 */
#ifndef LIA_ANALYTICS_TABLE_H
#define LIA_ANALYTICS_TABLE_H

#include <stddef.h>
#include <stdint.h>

enum an_type {
	AN_TEXT,
	AN_INT,
	AN_REAL,		/* written with up to 3 decimals for people */
	AN_PCT,			/* a share 0..1, written "45.2%" for people */
	AN_BOOL,		/* set with an_table_int: 0 false, else true */
	AN_PVAL,		/* a p value: "0.042", or "<0.001" for people;
				 * full precision for programs */
	AN_LIST			/* a list of words, set with an_table_list: a JSON
				 * array; "a; b" for people and in CSV */
};

enum an_role {
	AN_PLAIN,		/* not about people: never hidden for itself */
	AN_COUNT,		/* a count of people or of records about them */
	AN_DERIVED		/* computed from the count columns named in `from` */
};

/*
 * A column.  name is the snake_case key (the JSON key and the CSV header);
 * label the words a report prints over it (NULL: made from the name).
 * from, for AN_DERIVED, names the count columns the value is computed
 * from, separated by spaces ("attendances dna").  parts, for an AN_COUNT
 * column that is the sum of others in its row ("met partially_met
 * not_met" for rated), names them: secondary suppression then protects
 * the row as it protects a column with a total.
 */
struct an_col {
	const char *name;
	enum an_type type;
	enum an_role role;
	const char *from;
	const char *parts;
	const char *label;
	/*
	 * AN_TEXT: the words people read for a key the column holds
	 * ("multi_agency" -> "Multi-agency case audits"), given by the
	 * analysis that owns the keys; NULL (or a NULL return) prints the
	 * text as it is.  JSON, CSV and the terminal's table keep the key.
	 */
	const char *(*words)(const char *key);
};

/* One cell as a consumer reads it. */
struct an_cell {
	int null;		/* no value (not computed, not recorded) */
	int hidden;		/* suppressed: the value is wiped, show the marker */
	int64_t i;		/* AN_INT, AN_BOOL */
	double d;		/* AN_REAL, AN_PCT (and AN_INT as a double) */
	const char *s;		/* AN_TEXT; AN_LIST: the items joined by "; " ("" when
				 * empty); owned by the table */
	char *const *v;		/* AN_LIST: the items, NULL-terminated; owned */
};

struct an_table;

/*
 * A table with ncols columns, copied (strings included).  Every column
 * named by a from or parts list must be in the table.  Never returns NULL
 * (GLib aborts when out of memory).
 */
struct an_table *an_table_new(const struct an_col *cols, int ncols);
/* NULL does nothing. */
void an_table_free(struct an_table *);

/* Starts a row; its cells are then set left to right, one call a cell. */
void an_table_row(struct an_table *);
void an_table_text(struct an_table *, const char *);	/* NULL is null */
void an_table_int(struct an_table *, int64_t);
void an_table_count(struct an_table *, int64_t);	/* negative is null (unknown) */
void an_table_real(struct an_table *, double);		/* NaN or infinite is null */
/* A list of n words (copied); n 0 is an empty list, not null. */
void an_table_list(struct an_table *, const char *const *items, size_t n);
void an_table_null(struct an_table *);

int an_table_ncols(const struct an_table *);
int an_table_nrows(const struct an_table *);
const struct an_col *an_table_col(const struct an_table *, int col);
/* The index of the column named name, or -1. */
int an_table_find(const struct an_table *, const char *name);
/* The cell at row, col (both in range). */
const struct an_cell *an_table_cell(const struct an_table *, int row, int col);
/* Its value as a double: NaN when null or hidden. */
double an_table_value(const struct an_table *, int row, int col);
/* Hides a cell (disclosure.c): marks it and wipes its value. */
void an_table_hide(struct an_table *, int row, int col);
/* Replaces a count (the ONS rule's rounding). */
void an_table_set_int(struct an_table *, int row, int col, int64_t);

/* The words a report prints over a column: its label, else its name with
 * spaces for underscores and a capital first letter.  g_free it. */
char *an_col_label(const struct an_col *);

/*
 * A cell as people read it: text as its column's words for it, counts
 * with thousands separators ("1,234"),
 * reals to 3 decimals, shares as "45.2%", p values to 3 decimals or
 * "<0.001" (never "0.000"), booleans "yes"/"no", lists as "a; b", null
 * and an empty list as "–" (or null_text), a hidden cell as its marker
 * ("<5").  The one text of a cell for people: the packs, the figures'
 * notes and the terminal tables use it.  Returns a string to g_free.
 */
char *an_cell_text(const struct an_table *, int row, int col, const char *hidden_marker,
    const char *null_text);

/* ---- results ----------------------------------------------------------- */

/* A named table of a result ("rows", "pairs", "stages", "changes"). */
struct an_part {
	char *name;
	char *title;		/* a heading for people; NULL: none */
	struct an_table *rows;
	struct an_table *total;	/* one row, or NULL; its first column is the key */
	/*
	 * NULL, or "PART KEY ...": each row of this part totals, count column
	 * by count column of the same name, the rows of part PART that hold
	 * its values of the KEY columns ("rows kind cycle": a kind's cycle
	 * pooled over its standards).  Disclosure then protects each such
	 * group as it protects a column with a total.  Set it with
	 * an_part_sums.
	 */
	char *sums;
	/*
	 * NULL, or "OF;KEYS;COLUMNS" entries (an_part_copies): count columns
	 * of this part that repeat cells of part OF, so that disclosure hides
	 * a copy and its original together.
	 */
	char **copies;
};

struct an_result {
	char *analysis;		/* "reach" */
	char *title;		/* the line above a table for people */
	struct an_table *params;	/* one row: the parameters as run; may be NULL */
	struct an_part *parts;
	size_t nparts;
	char **notes;
	size_t nnotes;
	char *hidden_marker;	/* "<5" once suppression ran; NULL when it did not */
	char *suppression;	/* the rule in force in words, NULL when off */
};

/* A new result; title may be NULL.  Free with an_result_free. */
struct an_result *an_result_new(const char *analysis, const char *title);
/* NULL does nothing; frees every table it holds. */
void an_result_free(struct an_result *);
/*
 * Adds a part; the result takes ownership of rows and total (total may be
 * NULL).  Returns the part.
 */
struct an_part *an_result_add(struct an_result *, const char *name, const char *title,
    struct an_table *rows, struct an_table *total);
/* The part named name, or NULL. */
struct an_part *an_result_part(const struct an_result *, const char *name);
/*
 * Declares that each row of the part named part totals the rows of the
 * part named of with the same values of the key columns (space-separated),
 * which both parts must hold.
 */
void an_part_sums(struct an_result *, const char *part, const char *of, const char *keys);
/*
 * Declares that count columns of the part named part repeat cells of the
 * part named of: the row of `of` whose key columns hold the values of
 * this row's (keys "kind standard from_cycle=cycle": a name here, "=" its
 * name there when they differ), column by column as cols names them
 * ("from_rated=rated from_met=met").  A part may repeat several.
 */
void an_part_copies(struct an_result *, const char *part, const char *of, const char *keys,
    const char *cols);
/* Appends a note (printf format). */
void an_result_note(struct an_result *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends copies of n notes. */
void an_result_notes(struct an_result *, char *const *notes, size_t n);

#endif
