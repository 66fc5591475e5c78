/*
 * reports/internal.h: private to reports/ (and its unit tests).  It owns
 * the document model of the report packs: a pack is built once, by one
 * function per pack (packs.c), as a list of blocks (headings, paragraphs,
 * notes, tables, figures, KPI tiles, definitions) with page-break hints,
 * and then written by two writers that know nothing of the analyses: PDF
 * (pdf.c: cairo's PDF surface, text by pango) and accessible HTML
 * (html.c).  So the HTML edition is a second writer of the same document,
 * never a second set of numbers.
 *
 * Every table of a document is an an_table of a disclosed an_result (or a
 * table of plain words, such as the provenance list), so each number a
 * pack prints has been through disclosure control.
 */
#ifndef LIA_REPORTS_INTERNAL_H
#define LIA_REPORTS_INTERNAL_H

#include <stdint.h>
#include <time.h>

#include <glib.h>

#include "reports/reports.h"

/* ---- the typographic scale ------------------------------------------------ */

/*
 * One scale for both writers: sizes are DOC_BODY_PT * 1.2^step (a minor
 * third), step -1 for tables, notes, running header and footer, 0 for the
 * body, 1 to 3 for headings, 5 for the cover's title.
 */
#define DOC_BODY_PT 10.0
double doc_size(int step);

enum {
	DOC_STEP_SMALL = -1,
	DOC_STEP_BODY = 0,
	DOC_STEP_H3 = 1,
	DOC_STEP_H2 = 2,
	DOC_STEP_H1 = 3,
	DOC_STEP_TITLE = 5
};

/* ---- blocks ----------------------------------------------------------------- */

enum doc_kind {
	DOC_HEADING,		/* level 1 (a section), 2 or 3 */
	DOC_PARA,		/* body text */
	DOC_NOTE,		/* smaller text: a source, a caveat, what is missing */
	DOC_TABLE,
	DOC_FIGURE,
	DOC_TILES,		/* KPI tiles with their RAG words */
	DOC_DEFS		/* terms and their definitions */
};

/* Page-break hints (bits of doc_block.flags). */
enum doc_flags {
	DOC_BREAK_BEFORE = 1 << 0,	/* start on a new page (print: a page break) */
	DOC_KEEP_NEXT = 1 << 1		/* never alone at a page's foot (headings always) */
};

/*
 * A column of a document table: a column of the source table, or an
 * interval of two ("40.1% to 52.3%" from col and col2).  decimals, for
 * AN_REAL columns, the places written (-1: the table's default of 3).
 */
struct doc_col {
	int col;
	int col2;		/* -1: one column */
	int decimals;
	char *label;		/* the heading over the column */
	int rag;		/* its words are RAG ratings (Red, Amber, Green): "!name" */
	int right;		/* words aligned as numbers: ">name" */
};

struct doc_table {
	char *caption;		/* says what the table shows; required */
	const struct an_table *rows;	/* owned by a result the document holds */
	const struct an_table *total;	/* one row, or NULL */
	char *total_label;	/* the total row's first cell ("Total") */
	char *marker;		/* the hidden marker ("<5"), NULL when none */
	char *marker_words;	/* the marker in words ("fewer than 5") */
	struct doc_col *cols;
	int ncols;
	int *rows_of;		/* NULL: every row; else the source rows shown, nrows of them */
	int nrows;
};

/* A KPI tile as words: the HTML writer's cards and the PDF's table agree. */
struct doc_tile {
	char *label;		/* "Workforce trained" */
	char *value;		/* "64.2%", the marker, or "–" */
	char *target;		/* "target 80%"; NULL when none */
	char *change;		/* "▲ +3 pts since 2018/19"; NULL when none */
	enum chart_rag rag;
};

/* A term and its definition, as a pack hands them in (copied). */
struct doc_def {
	const char *term, *text;
};

struct doc_block {
	enum doc_kind kind;
	unsigned flags;		/* enum doc_flags */
	int level;		/* DOC_HEADING: 1 to 3 */
	char *id;		/* DOC_HEADING: an anchor ("reach"); unique in the document */
	char *text;		/* heading, paragraph or note text (plain, UTF-8) */
	struct doc_table *table;	/* DOC_TABLE; a DOC_FIGURE's data */
	/* DOC_FIGURE and DOC_TILES */
	struct chart *chart;	/* owned */
	double width, height;	/* the chart's own size in points (its aspect) */
	char *title;		/* DOC_FIGURE: what the chart is, in words (the SVG's title) */
	char *desc;		/* DOC_FIGURE: what it shows, with its key numbers */
	struct doc_tile *tiles;	/* DOC_TILES */
	int ntiles;
	char **terms, **texts;	/* DOC_DEFS */
	int ndefs;
};

/* A report pack as a document. */
struct rpt_doc {
	char *title;		/* "Board assurance pack" */
	char *partnership;	/* the author */
	char *subject;		/* one sentence: what the pack is */
	char *period;		/* the period in words */
	char *produced;		/* the day it was made, "12 March 2021" */
	char *created_iso;	/* the same as ISO 8601, for the PDF metadata */
	char *creator;		/* "lia 0.1.0" */
	char *sdc_words;	/* the suppression rule in force, NULL when off */
	int not_for_publication;	/* suppression off: every page says so */
	GPtrArray *blocks;	/* struct doc_block * */
	GPtrArray *results;	/* struct an_result *: the tables' owners */
};

#define DOC_NOT_FOR_PUBLICATION "Not for publication: small numbers shown"

/* A new empty document; strings copied (any may be NULL). */
struct rpt_doc *doc_new(const char *title, const char *partnership, const char *subject,
    const char *period, time_t produced, const char *creator);
/* NULL does nothing. */
void doc_free(struct rpt_doc *);

/* Keeps a result alive as long as the document (its tables are shown). */
void doc_hold(struct rpt_doc *, struct an_result *);

/* Appends blocks.  Text is copied; printf formats. */
struct doc_block *doc_heading(struct rpt_doc *, int level, const char *id, unsigned flags,
    const char *text);
struct doc_block *doc_para(struct rpt_doc *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
struct doc_block *doc_note(struct rpt_doc *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * A column list for doc_table: space-separated column names of the
 * source table, "name:name2" for an interval, each optionally followed by
 * "=Label" (spaces in a label written as '_'), and ".N" after a name for N
 * decimals, "!name" for a column of RAG words, ">name" for words aligned as
 * numbers: "agency attendances coverage.0 coverage_ci_low:coverage_ci_high=95%_CI".
 */
struct doc_block *doc_table(struct rpt_doc *, const char *caption, const struct an_result *,
    const struct an_part *, const char *columns);
/*
 * Shows only the rows of a table block (or of a figure's data) whose text
 * column col holds value, and no total (a total of every row).  The rows
 * stay in their order.
 */
void doc_table_where(struct doc_block *, const char *col, const char *value);
/* A table of one part with every column (a list of batches, the targets). */
struct doc_block *doc_table_all(struct rpt_doc *, const char *caption,
    const struct an_result *, const struct an_part *);

/*
 * A figure: the chart (the document takes it), its own size, what it
 * shows in a sentence with its key numbers, and optionally its data as a
 * table (doc_table's column list over res's part; NULL for none).
 */
struct doc_block *doc_figure(struct rpt_doc *, struct chart *, double width, double height,
    const char *title, const char *desc);
/* Gives a figure its data table (the HTML writer's "data" details). */
void doc_figure_data(struct doc_block *, const struct an_result *, const struct an_part *,
    const char *columns, const char *caption);

/* KPI tiles: the chart the PDF draws and the tiles in words; takes the chart. */
struct doc_block *doc_tiles(struct rpt_doc *, struct chart *, struct doc_tile *tiles, int n);
struct doc_block *doc_defs(struct rpt_doc *, const struct doc_def *defs, int n);

/* The n-th block, and how many. */
int doc_nblocks(const struct rpt_doc *);
const struct doc_block *doc_block_at(const struct rpt_doc *, int i);

/*
 * A cell of a document table as people read it: counts with separators,
 * shares as "45.2%", an interval "40.1% to 52.3%", the marker when hidden
 * (either end of an interval hidden hides it), "–" when null.  *hidden
 * (may be NULL) says whether it is hidden.  g_free it.  row -1 is the
 * total row.
 */
char *doc_cell(const struct doc_table *, int row, int col, int *hidden);
/* Whether a column holds numbers (right-aligned). */
int doc_col_numeric(const struct doc_table *, int col);
/* The number of body rows. */
int doc_table_nrows(const struct doc_table *);

/* "Red", "Amber", "Green" or "Not rated". */
const char *doc_rag_word(enum chart_rag);

/* ---- writers ---------------------------------------------------------------- */

/* Writes the document as A4 PDF to path (atomically).  0, or -1 with err. */
int doc_write_pdf(const struct rpt_doc *, const char *path, struct lia_err *);
/* Writes the document as one self-contained HTML file.  0, or -1 with err. */
int doc_write_html(const struct rpt_doc *, const char *path, struct lia_err *);

/* ---- targets (targets.c) ------------------------------------------------------- */

/* Applies a target to a value: the rating, or CHART_RAG_NONE for NaN. */
enum chart_rag rpt_target_rate(const struct rpt_target *, double value);
/* "80%" or "at most 10%" or "14": a target in words.  g_free it. */
char *rpt_target_words(const struct rpt_target *);

/* ---- provenance (tables_packs.c) ------------------------------------------------ */

/* The import batches as a result (plain numbers, nothing to hide). */
struct an_result *rpt_batches(sqlite3 *, struct lia_err *);

#endif
