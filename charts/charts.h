/*
 * charts: the public chart API of lia.  A chart is a kind, open options and
 * data (series over categories, or Gantt rows, cycle nodes, KPI tiles),
 * drawn with cairo onto any cairo_t inside (0,0,w,h), text by pango in
 * DejaVu Sans.  chart_write alone makes surfaces: PNG, PDF or SVG by the
 * file's extension.  Charts know nothing of SQL and never print; what went
 * wrong is told by chart_error.  Every string and array handed in is
 * copied: callers keep ownership of what they pass.
 */
#ifndef LIA_CHARTS_H
#define LIA_CHARTS_H

#include <stddef.h>

#include <cairo.h>

enum chart_kind {
	CHART_BAR_H,		/* horizontal bars: categories down the side */
	CHART_BAR_V,		/* vertical bars: categories along the bottom */
	CHART_LINE,		/* one line per series over the categories */
	CHART_LIKERT,		/* diverging stacked bars, one series per answer */
	CHART_HEATMAP,		/* one series per row, categories are columns */
	CHART_FOREST,		/* point and interval per category row */
	CHART_DUMBBELL,		/* two series: before and after per row */
	CHART_GANTT,		/* rows of dated segments and milestones */
	CHART_CYCLE,		/* the improvement-cycle diagram */
	CHART_TILES		/* KPI tiles */
};

/* How several bar series share a category. */
enum chart_bar_mode {
	CHART_GROUPED,
	CHART_STACKED
};

/* How values are written on axes and labels. */
enum chart_format {
	CHART_NUMBER,		/* 1,234 or 12.5 */
	CHART_PERCENT		/* values are shares 0..1, written 45% */
};

enum chart_rag {
	CHART_RAG_NONE,
	CHART_RAG_RED,
	CHART_RAG_AMBER,
	CHART_RAG_GREEN
};

/* Gantt segment kinds. */
enum chart_segment {
	CHART_SEG_DONE,		/* work within its target */
	CHART_SEG_LATE,		/* the part past its target: hatched, red */
	CHART_SEG_OPEN,		/* not finished yet: outlined */
	CHART_SEG_WINDOW	/* a target window: pale band behind the row */
};

#define CHART_MAX_SERIES 16

/*
 * Options: open, filled with defaults by chart_opts_defaults and then set
 * by the caller.  Strings may be NULL (not shown); chart_new copies them.
 */
struct chart_opts {
	const char *title;
	const char *subtitle;
	const char *note;		/* source / n note under the chart */
	const char *value_label;	/* the value axis title */
	const char *category_label;	/* the category axis title */
	const char *font;		/* family, default "DejaVu Sans" */
	double font_size;		/* base size in points, default 9 */
	enum chart_bar_mode bar_mode;
	enum chart_format format;
	int decimals;			/* on value labels; -1 chooses */
	int value_labels;		/* write each value by its mark */
	int markers;			/* lines: a marker at each point */
	int legend;			/* 1 always, 0 never, -1 when >1 series */
	int fixed_min, fixed_max;	/* use value_min / value_max */
	double value_min, value_max;
	int has_target;			/* lines and bars: a target line */
	double target;
	const char *target_label;
	double reference;		/* forest: the reference line (0) */
	int neutral;			/* Likert: index of the neutral answer, -1 none */
	int heat_series;		/* heatmap colour: 0 sequential blue, 1 diverging */
	const char *hidden_text;	/* marker of a suppressed value, "<5" */
	const char *empty_text;		/* "No data for this selection" */
	const char *missing_text;	/* labelled bars: by a missing (NaN) value; "–" */
	double dpi;			/* chart_write PNG resolution, default 150 */
};

/*
 * One series: n values over the chart's categories (value i belongs to
 * category i).  low/high are an interval per value (whiskers), hidden
 * marks values suppressed for disclosure control (drawn as hidden_text,
 * never as zero); each may be NULL.  NaN values are missing: not drawn.
 * colour is an index into the Okabe-Ito palette, -1 for the next one.
 */
struct chart_series {
	const char *name;
	int n;
	const double *values;
	const double *low;
	const double *high;
	const unsigned char *hidden;
	int colour;
};

/* A node of the improvement cycle: a group (0 L&D, 1 PQA, 2 Practice
 * Review or any caller's grouping), a label and its evidence count. */
struct chart_node {
	const char *label;
	int group;
	double count;			/* NaN: no count shown */
	int hidden;
	const char *text;		/* shown in grey in place of the count
					 * ("none recorded"); NULL: the count */
};

/* A KPI tile.  previous is the last period's value (NaN: none). */
struct chart_tile {
	const char *label;
	double value;
	double previous;
	const char *previous_label;	/* "since 2018/19" */
	enum chart_rag rag;
	enum chart_format format;
	int hidden;
};

struct chart;

/* Fills defaults: no titles, DejaVu Sans 9 pt, grouped bars, 150 dpi. */
void chart_opts_defaults(struct chart_opts *);

/*
 * A new empty chart of a kind; opts NULL means the defaults.  Returns NULL
 * when out of memory or the kind is unknown.  Free with chart_free.
 */
struct chart *chart_new(enum chart_kind, const struct chart_opts *);
void chart_free(struct chart *);

/* The message of the last failure; "" when none.  Owned by the chart. */
const char *chart_error(const struct chart *);

/* Category names (bars, lines, Likert questions, heatmap columns, forest
 * and dumbbell rows, Gantt rows); copied.  0, or -1 with chart_error. */
int chart_set_categories(struct chart *, const char *const *names, int n);
/* Adds a series (copied).  Heatmap rows are its series, named by their
 * names.  0, or -1 with chart_error (too many series, n < 0). */
int chart_add_series(struct chart *, const struct chart_series *);
/*
 * Likert: the n of each category row as the caller counts it (copied),
 * written at the row's end; hidden (may be NULL) marks an n suppressed,
 * written as the marker.  Without it, a row's n is the sum of its answers,
 * and the marker when any of them is hidden.  0, or -1 with chart_error.
 */
int chart_set_totals(struct chart *, const double *n, const unsigned char *hidden, int count);

/*
 * Gantt: dates are day numbers since 1970-01-01 (core's lia_date).  row is
 * a category index.  0, or -1 with chart_error (bad row, from > to).
 */
int chart_add_segment(struct chart *, int row, double from, double to,
    enum chart_segment, const char *label);
/* A milestone diamond; late draws it hollow and red with "late" beside. */
int chart_add_milestone(struct chart *, int row, double at, const char *label,
    int late);

/* The cycle's nodes in clockwise order from the top, and group names. */
int chart_add_node(struct chart *, const struct chart_node *);
int chart_set_groups(struct chart *, const char *const *names, int n);
/* The text in the middle of the cycle. */
int chart_set_centre(struct chart *, const char *text);

int chart_add_tile(struct chart *, const struct chart_tile *);

/* Sets the PNG resolution of chart_write (dots per inch, > 0).  0 or -1. */
int chart_set_dpi(struct chart *, double dpi);

/*
 * Draws into (0,0,w,h) of cr's current transform, w and h in points, with
 * balanced cairo_save/cairo_restore; never makes a surface nor ends a page.
 * Returns 0, or -1 with chart_error (a cairo status).
 */
int chart_draw(const struct chart *, cairo_t *, double w, double h);

/*
 * Writes the chart to path, w x h points, as PNG (at opts.dpi, so the
 * image is w * dpi / 72 pixels wide), PDF or SVG by the extension.
 * Returns 0, or -1 with chart_error (unknown extension, cairo status).
 */
int chart_write(const struct chart *, const char *path, double w, double h);

#endif
