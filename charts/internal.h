/*
 * charts/internal.h: private to charts/ (and its unit tests).  It owns the
 * chart's stored form, the drawing context shared by the kinds, and the
 * layout maths (ticks, number formats, bands, scale mapping, label
 * fitting, dates) declared here so tests can check them exactly.
 */
#ifndef LIA_CHARTS_INTERNAL_H
#define LIA_CHARTS_INTERNAL_H

#include <stddef.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "charts/charts.h"
#include "core/date.h"
#include "core/file.h"

#define CHART_ERR_LEN 256

struct chart_sdata {
	char *name;
	int n;
	double *values, *low, *high;	/* low/high NULL when absent */
	unsigned char *hidden;		/* NULL when none hidden */
	int colour;
};

struct chart_seg {
	int row;
	double from, to;
	enum chart_segment kind;
	char *label;
};

struct chart_mile {
	int row;
	double at;
	char *label;
	int late;
};

struct chart_ndata {
	char *label;
	int group;
	double count;
	int hidden;
	char *text;		/* in place of the count, or NULL */
};

struct chart_tdata {
	char *label, *previous_label;
	double value, previous;
	enum chart_rag rag;
	enum chart_format format;
	int hidden;
};

struct chart {
	enum chart_kind kind;
	struct chart_opts opts;		/* its strings point into strs */
	char *strs[12];
	char **categories;
	int ncategories;
	struct chart_sdata series[CHART_MAX_SERIES];
	int nseries;
	struct chart_seg *segs;
	int nsegs, asegs;
	struct chart_mile *miles;
	int nmiles, amiles;
	struct chart_ndata *nodes;
	int nnodes, anodes;
	struct chart_tdata *tiles;
	int ntiles, atiles;
	char **groups;
	int ngroups;
	char *centre;
	double *totals;			/* Likert: each row's n as the caller knows it */
	unsigned char *totals_hidden;	/* and whether it is hidden */
	int ntotals;
	char *err;			/* CHART_ERR_LEN bytes, written by const draws */
};

/* Sets the chart's error message; always returns -1. */
int chart_fail(const struct chart *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- layout maths (layout.c) ------------------------------------------ */

struct chart_ticks {
	double lo, hi, step;	/* lo and hi are multiples of step */
	int n;			/* ticks from lo to hi inclusive */
};

/* The smallest 1, 2 or 5 x 10^k that is >= raw (raw > 0). */
double chart_nice_step(double raw);
/*
 * Ticks covering [lo, hi] with at most max_intervals steps of a nice size;
 * lo == hi is widened.  Never fails (max_intervals < 1 counts as 1).
 */
void chart_ticks_for(double lo, double hi, int max_intervals, struct chart_ticks *);
/* Linear map of v from [dlo, dhi] onto [plo, phi] (either may be reversed). */
double chart_map(double v, double dlo, double dhi, double plo, double phi);
/* Decimals a tick step needs in a format (0.25 needs 2; 0.05 as % needs 0). */
int chart_step_decimals(double step, enum chart_format);
/*
 * Writes v with thousands separators ("12,345.6"), a true minus sign
 * (U+2212) and decimals places; in CHART_PERCENT v is a share written as
 * a percentage ("45%").  Returns buf.  NaN writes "–".
 */
char *chart_format_value(double v, enum chart_format, int decimals, char *buf, size_t len);
/* Start and width of band i of n dividing [from, to], pad a fraction of a band. */
void chart_band(int n, double from, double to, double pad, int i, double *start, double *width);
/* Lines of a label that fit a band: floor(band / line), clamped to 1..max. */
int chart_label_lines(double band, double line, int max);
/* Width of the category label column: the widest label, at most frac of w. */
double chart_label_column(double widest, double w, double frac);
/* Date ticks: the month step (1, 3, 6, 12, 24...) giving at most max ticks. */
int chart_month_step(double from, double to, int max);

/* Colours: Okabe-Ito by index (wraps), and the shared greys. */
void chart_palette(int i, double rgb[3]);
extern const double chart_ink[3], chart_grey[3], chart_grid[3], chart_pale[3];
void chart_rag_rgb(enum chart_rag, double rgb[3]);
const char *chart_rag_name(enum chart_rag);
/* Interpolated sequential (t in 0..1) and diverging (-1..1) heat colours. */
void chart_heat_rgb(double t, int diverging, double rgb[3]);
/* Whether text on a fill should be white (dark fill). */
int chart_dark(const double rgb[3]);

/* ---- drawing context (text.c) ------------------------------------------ */

enum { TA_LEFT, TA_CENTRE, TA_RIGHT };
enum { TV_TOP, TV_MIDDLE, TV_BOTTOM };

struct chart_dc {
	const struct chart *c;
	cairo_t *cr;
	PangoLayout *layout;
	double w, h;
	double fs;			/* base font size */
	double x0, y0, x1, y1;		/* the box left for the plot */
};

struct chart_legend_item {
	const char *name;
	double rgb[3];
	int style;			/* 0 swatch, 1 line with marker, 2 hatched,
					 * 3 outlined (work still open) */
};

/* Sets up the layout with deterministic font options.  0 or -1. */
int chart_dc_init(struct chart_dc *, const struct chart *, cairo_t *, double w, double h);
void chart_dc_fini(struct chart_dc *);

/*
 * Measures text at size (bold or not) wrapped into maxw (<= 0: no
 * wrapping) and at most maxlines lines (<= 0: any), ellipsised after.
 */
void chart_text_size(struct chart_dc *, const char *, double size, int bold,
    double maxw, int maxlines, double *tw, double *th);
/* Draws it anchored at (x, y) by halign / valign; returns its height. */
double chart_text(struct chart_dc *, const char *, double x, double y, double size,
    int bold, double maxw, int maxlines, int halign, int valign, const double rgb[3]);

/*
 * Draws the background, title, subtitle, legend (items) and note, and sets
 * dc's box to what remains for the plot.
 */
void chart_frame(struct chart_dc *, const struct chart_legend_item *, int nitems);
/* The "No data for this selection" panel in dc's box. */
void chart_no_data(struct chart_dc *);
/* A rectangle hatched with diagonal lines of rgb over a pale fill. */
void chart_hatch(cairo_t *, double x, double y, double w, double h, const double rgb[3]);
void chart_set_rgb(cairo_t *, const double rgb[3]);
/* Legend items for the chart's series (names, palette colours). */
int chart_series_legend(const struct chart *, struct chart_legend_item *, int max);
int chart_series_colour(const struct chart *, int s);
/* Whether the legend is shown for n items. */
int chart_wants_legend(const struct chart *, int n);
/* Decimals for value labels: opts.decimals, else by format and data. */
int chart_value_decimals(const struct chart *);

/*
 * The column of category labels down the left: its width (at most frac of
 * the box), the label size (smaller when some need two lines) and the
 * height of one line at that size.
 */
double chart_category_column(struct chart_dc *, char *const *names, int n, double frac,
    double *lf, double *lineh);

/* Value extents of all series (with intervals); 0 when there are none. */
int chart_extents(const struct chart *, int stacked, double *lo, double *hi);
/* Whether there is anything to draw. */
int chart_has_data(const struct chart *);

/* ---- the kinds ------------------------------------------------------------ */

void chart_draw_bars(struct chart_dc *);
void chart_draw_lines(struct chart_dc *);
void chart_draw_likert(struct chart_dc *);
void chart_draw_heatmap(struct chart_dc *);
void chart_draw_forest(struct chart_dc *);
void chart_draw_dumbbell(struct chart_dc *);
void chart_draw_gantt(struct chart_dc *);
void chart_draw_cycle(struct chart_dc *);
void chart_draw_tiles(struct chart_dc *);

/*
 * A value axis along one side of the box: computes ticks for [lo, hi]
 * given the axis length, draws grid lines and tick labels, and returns the
 * ticks.  horizontal: values run left to right along the bottom (labels
 * under y1); otherwise bottom to top on the left (labels left of x0).
 */
void chart_value_axis(struct chart_dc *, double lo, double hi, int horizontal,
    double x0, double y0, double x1, double y1, struct chart_ticks *);
/* Space the value axis's labels need: height under (horizontal) or width left. */
double chart_value_axis_room(struct chart_dc *, double lo, double hi, int horizontal,
    double length);

#endif
