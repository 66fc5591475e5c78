/*
 * Unit tests for charts/: the layout maths exactly (nice tick steps, tick
 * ranges, number and percent formats, bands, scale mapping, label lines
 * and columns, civil dates), pango label fitting, and every chart kind
 * rendered to PNG, PDF and SVG with its status, PNG size and a few pixels
 * checked (plot area not blank, whiskers drawn, "No data" panel drawn),
 * the same PNG bytes from the same input, and the error paths.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "charts/charts.h"
#include "charts/internal.h"

#define W 432.0
#define H 269.0

/* ---- layout maths ----------------------------------------------------- */

static void
test_nice_step(void **state)
{
	(void)state;
	assert_true(chart_nice_step(0.7) == 1);
	assert_true(chart_nice_step(1) == 1);
	assert_true(chart_nice_step(1.3) == 2);
	assert_true(chart_nice_step(2) == 2);
	assert_true(chart_nice_step(2.1) == 5);
	assert_true(chart_nice_step(7) == 10);
	assert_true(fabs(chart_nice_step(0.013) - 0.02) < 1e-15);
	assert_true(chart_nice_step(450) == 500);
	assert_true(chart_nice_step(82.4) == 100);
	assert_true(chart_nice_step(0) == 1);
	assert_true(chart_nice_step(NAN) == 1);
}

static void
test_ticks(void **state)
{
	struct chart_ticks t;

	(void)state;
	chart_ticks_for(0, 412, 5, &t);		/* 82.4 -> 100 */
	assert_true(t.lo == 0 && t.hi == 500 && t.step == 100);
	assert_int_equal(t.n, 6);
	chart_ticks_for(0, 412, 4, &t);		/* 103 -> 200 */
	assert_true(t.lo == 0 && t.hi == 600 && t.step == 200);
	assert_int_equal(t.n, 4);
	chart_ticks_for(-3.2, 7.9, 5, &t);	/* 2.22 -> 5 */
	assert_true(t.lo == -5 && t.hi == 10 && t.step == 5);
	assert_int_equal(t.n, 4);
	chart_ticks_for(0, 0.88, 5, &t);	/* shares: 0% to 100% by 20% */
	assert_true(t.lo == 0 && fabs(t.hi - 1) < 1e-12 && fabs(t.step - 0.2) < 1e-12);
	assert_int_equal(t.n, 6);
	chart_ticks_for(5, 5, 5, &t);		/* one value: from zero */
	assert_true(t.lo == 0 && t.hi == 5 && t.step == 1);
	chart_ticks_for(0, 0, 5, &t);		/* nothing: 0 to 1 */
	assert_true(t.lo == 0 && fabs(t.hi - 1) < 1e-12);
	chart_ticks_for(-4, -4, 4, &t);
	assert_true(t.lo == -4 && t.hi == 0);
	chart_ticks_for(10, 0, 5, &t);		/* reversed input */
	assert_true(t.lo == 0 && t.hi == 10 && t.step == 2);
	chart_ticks_for(0, 1234567, 0, &t);	/* at least one interval */
	assert_int_equal(t.n, 2);
	assert_true(t.hi == 2000000);
}

static void
test_format(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(chart_format_value(12345.6, CHART_NUMBER, 1, buf, sizeof buf), "12,345.6");
	assert_string_equal(chart_format_value(1234567, CHART_NUMBER, 0, buf, sizeof buf), "1,234,567");
	assert_string_equal(chart_format_value(999, CHART_NUMBER, 0, buf, sizeof buf), "999");
	assert_string_equal(chart_format_value(1000, CHART_NUMBER, 0, buf, sizeof buf), "1,000");
	assert_string_equal(chart_format_value(-1234, CHART_NUMBER, 0, buf, sizeof buf),
	    "\xe2\x88\x92" "1,234");
	assert_string_equal(chart_format_value(-0.0001, CHART_NUMBER, 2, buf, sizeof buf), "0.00");
	assert_string_equal(chart_format_value(0.456, CHART_PERCENT, 0, buf, sizeof buf), "46%");
	assert_string_equal(chart_format_value(0.4567, CHART_PERCENT, 1, buf, sizeof buf), "45.7%");
	assert_string_equal(chart_format_value(12.5, CHART_PERCENT, 0, buf, sizeof buf), "1,250%");
	assert_string_equal(chart_format_value(NAN, CHART_NUMBER, 0, buf, sizeof buf), "\xe2\x80\x93");
	assert_string_equal(chart_format_value(1234.5, CHART_NUMBER, 0, buf, 4), "1,2");
}

static void
test_step_decimals(void **state)
{
	(void)state;
	assert_int_equal(chart_step_decimals(100, CHART_NUMBER), 0);
	assert_int_equal(chart_step_decimals(1, CHART_NUMBER), 0);
	assert_int_equal(chart_step_decimals(0.5, CHART_NUMBER), 1);
	assert_int_equal(chart_step_decimals(0.25, CHART_NUMBER), 2);
	assert_int_equal(chart_step_decimals(2.5, CHART_NUMBER), 1);
	assert_int_equal(chart_step_decimals(0.02, CHART_NUMBER), 2);
	assert_int_equal(chart_step_decimals(0.05, CHART_PERCENT), 0);	/* 5% */
	assert_int_equal(chart_step_decimals(0.025, CHART_PERCENT), 1);	/* 2.5% */
	assert_int_equal(chart_step_decimals(0.2, CHART_PERCENT), 0);
}

static void
test_scale_and_bands(void **state)
{
	double start, width;

	(void)state;
	assert_true(chart_map(5, 0, 10, 100, 200) == 150);
	assert_true(chart_map(0, 0, 10, 300, 100) == 300);	/* y grows down */
	assert_true(chart_map(10, 0, 10, 300, 100) == 100);
	assert_true(chart_map(-5, -10, 10, 0, 400) == 100);
	assert_true(chart_map(3, 3, 3, 7, 9) == 7);		/* empty range */
	chart_band(4, 0, 100, 0.2, 1, &start, &width);
	assert_true(fabs(start - 27.5) < 1e-12 && fabs(width - 20) < 1e-12);
	chart_band(4, 0, 100, 0, 3, &start, &width);
	assert_true(start == 75 && width == 25);
	chart_band(0, 0, 100, 0, 0, &start, &width);		/* no bands: one */
	assert_true(start == 0 && width == 100);
}

static void
test_label_fitting_maths(void **state)
{
	(void)state;
	assert_int_equal(chart_label_lines(21, 10.5, 2), 2);
	assert_int_equal(chart_label_lines(20.9, 10.5, 2), 1);
	assert_int_equal(chart_label_lines(100, 10, 2), 2);
	assert_int_equal(chart_label_lines(5, 10, 3), 1);
	assert_int_equal(chart_label_lines(5, 0, 3), 1);
	assert_true(fabs(chart_label_column(300, 432, 0.38) - 164.16) < 1e-9);
	assert_true(chart_label_column(100, 432, 0.38) == 100);
}

static void
test_dates(void **state)
{
	int y, m, d;

	(void)state;
	assert_true(date_from_ymd(1970, 1, 1) == 0);
	assert_true(date_from_ymd(2019, 6, 12) == 18059);
	assert_true(date_from_ymd(2000, 2, 29) == 11016);
	date_to_ymd(18059, &y, &m, &d);
	assert_true(y == 2019 && m == 6 && d == 12);
	date_to_ymd(-1, &y, &m, &d);
	assert_true(y == 1969 && m == 12 && d == 31);
	assert_int_equal(chart_month_step(date_from_ymd(2019, 1, 1), date_from_ymd(2019, 12, 31), 12), 1);
	assert_int_equal(chart_month_step(date_from_ymd(2018, 1, 1), date_from_ymd(2020, 12, 31), 8), 6);
	assert_int_equal(chart_month_step(date_from_ymd(2015, 1, 1), date_from_ymd(2020, 12, 31), 8), 12);
}

static void
test_colours(void **state)
{
	double a[3], b[3];

	(void)state;
	chart_palette(0, a);
	assert_true(fabs(a[0]) < 1e-9 && fabs(a[1] - 0x72 / 255.0) < 1e-9);
	chart_palette(8, b);		/* wraps */
	assert_memory_equal(a, b, sizeof a);
	assert_string_equal(chart_rag_name(CHART_RAG_AMBER), "AMBER");
	chart_heat_rgb(1, 0, a);
	assert_true(chart_dark(a));
	chart_heat_rgb(0, 0, a);
	assert_false(chart_dark(a));
}

/* ---- label fitting with pango ------------------------------------------ */

static void
test_text_fitting(void **state)
{
	const char *label = "Liverpool University Hospitals NHS Foundation Trust";
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
	cairo_t *cr = cairo_create(sf);
	struct chart *c = chart_new(CHART_BAR_H, NULL);
	struct chart_dc dc;
	double w1, h1, w2, h2, w0, h0;

	(void)state;
	assert_non_null(c);
	assert_int_equal(chart_dc_init(&dc, c, cr, 100, 100), 0);
	chart_text_size(&dc, label, 9, 0, 0, 0, &w0, &h0);
	assert_true(w0 > 150);			/* one long line unwrapped */
	chart_text_size(&dc, label, 9, 0, 120, 1, &w1, &h1);
	assert_true(w1 <= 120 + 1e-6);		/* ellipsised into the width */
	assert_true(fabs(h1 - h0) < 0.5);	/* still one line */
	chart_text_size(&dc, label, 9, 0, 120, 2, &w2, &h2);
	assert_true(w2 <= 120 + 1e-6);
	assert_true(h2 > h1 * 1.8 && h2 < h1 * 2.2);	/* two lines */
	chart_text_size(&dc, "", 9, 0, 0, 0, &w0, &h0);
	assert_true(w0 == 0 && h0 == 0);
	chart_dc_fini(&dc);
	chart_free(c);
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
}

/* ---- fixtures: one chart of every kind --------------------------------- */

static const char *const agencies[] = { "Merseyside Police",
	"Alder Hey Children's NHS Foundation Trust", "Sefton Council Children's Social Care",
	"Schools and colleges", "GP practices", "CAFCASS" };

#include "tests/reach_bars.h"

static struct chart *
make_reach(int whiskers)
{
	static const double cov[] = { 0.62, 0.81, 0.88, 0.39, 0.28, 0 };
	struct reach_row rows[6];
	int i;

	for (i = 0; i < 6; i++) {
		rows[i].agency = agencies[i];
		rows[i].coverage = cov[i];
		rows[i].ci_low = whiskers ? cov[i] - 0.08 : NAN;
		rows[i].ci_high = whiskers ? cov[i] + 0.07 : NAN;
		rows[i].hidden = i == 5;
	}
	return reach_bars(rows, 6, "Reach by agency", "2019/20", "Source: fixtures");
}

static struct chart *
make_series_chart(enum chart_kind kind, enum chart_bar_mode mode)
{
	static const double a[] = { 120, 340, 55, 1210, 80, 3 };
	static const double b[] = { 150, 300, 75, 1400, 60, 2 };
	static const unsigned char hid[] = { 0, 0, 0, 0, 0, 1 };
	struct chart_opts o;
	struct chart_series s;
	struct chart *c;

	chart_opts_defaults(&o);
	o.title = "Attendances by agency";
	o.bar_mode = mode;
	o.value_labels = 1;
	o.markers = 1;
	o.has_target = kind == CHART_LINE;
	o.target = 500;
	o.target_label = "Target";
	c = chart_new(kind, &o);
	assert_non_null(c);
	assert_int_equal(chart_set_categories(c, agencies, 6), 0);
	memset(&s, 0, sizeof s);
	s.colour = -1;
	s.name = "2018/19";
	s.n = 6;
	s.values = a;
	s.hidden = hid;
	assert_int_equal(chart_add_series(c, &s), 0);
	s.name = "2019/20";
	s.values = b;
	assert_int_equal(chart_add_series(c, &s), 0);
	return c;
}

static struct chart *
mk_likert(void)
{
	static const double sd[] = { 4, 6, 9 }, d[] = { 9, 21, 24 }, n[] = { 31, 58, 77 };
	static const double a[] = { 188, 201, 170 }, sa[] = { 161, 107, 113 };
	const double *cols[] = { sd, d, n, a, sa };
	const char *names[] = { "Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree" };
	struct chart_opts o;
	struct chart *c;
	int i;

	chart_opts_defaults(&o);
	o.title = "Feedback";
	c = chart_new(CHART_LIKERT, &o);
	chart_set_categories(c, agencies, 3);
	for (i = 0; i < 5; i++) {
		struct chart_series s = { names[i], 3, cols[i], NULL, NULL, NULL, -1 };

		assert_int_equal(chart_add_series(c, &s), 0);
	}
	return c;
}

static struct chart *
mk_heatmap(void)
{
	static const double r1[] = { 0.42, 0.55, 0.71 }, r2[] = { 0.35, NAN, 0.52 };
	static const unsigned char h2[] = { 0, 0, 1 };
	const char *cycles[] = { "2017/18", "2018/19", "2019/20" };
	struct chart_opts o;
	struct chart *c;
	struct chart_series s1 = { "Voice of the child", 3, r1, NULL, NULL, NULL, -1 };
	struct chart_series s2 = { "Chronology", 3, r2, NULL, NULL, h2, -1 };

	chart_opts_defaults(&o);
	o.format = CHART_PERCENT;
	c = chart_new(CHART_HEATMAP, &o);
	chart_set_categories(c, cycles, 3);
	assert_int_equal(chart_add_series(c, &s1), 0);
	assert_int_equal(chart_add_series(c, &s2), 0);
	return c;
}

static struct chart *
mk_forest(void)
{
	static const double m[] = { 0.82, 1.31, -0.2, 0.1 }, lo[] = { 0.61, 1.02, -0.5, -0.2 };
	static const double hi[] = { 1.03, 1.6, 0.1, 0.4 };
	struct chart_series s = { "Change", 4, m, lo, hi, NULL, 0 };
	struct chart *c = chart_new(CHART_FOREST, NULL);

	chart_set_categories(c, agencies, 4);
	assert_int_equal(chart_add_series(c, &s), 0);
	return c;
}

static struct chart *
mk_dumbbell(void)
{
	static const double b[] = { 0.42, 0.55, 0.71, 0.2 }, a[] = { 0.8, 0.52, 0.83, 0.68 };
	struct chart_series s1 = { "Before", 4, b, NULL, NULL, NULL, 0 };
	struct chart_series s2 = { "After", 4, a, NULL, NULL, NULL, 1 };
	struct chart_opts o;
	struct chart *c;

	chart_opts_defaults(&o);
	o.format = CHART_PERCENT;
	o.value_labels = 1;
	c = chart_new(CHART_DUMBBELL, &o);
	chart_set_categories(c, agencies, 4);
	assert_int_equal(chart_add_series(c, &s1), 0);
	assert_int_equal(chart_add_series(c, &s2), 0);
	return c;
}

static struct chart *
mk_gantt(void)
{
	const char *rows[] = { "SCR Child A", "SCR Child B", "CSPR Child C" };
	struct chart *c = chart_new(CHART_GANTT, NULL);
	double d0 = date_from_ymd(2018, 3, 5);

	chart_set_categories(c, rows, 3);
	assert_int_equal(chart_add_segment(c, 0, d0, d0 + 183, CHART_SEG_WINDOW, NULL), 0);
	assert_int_equal(chart_add_segment(c, 0, d0, d0 + 170, CHART_SEG_DONE, "Review"), 0);
	assert_int_equal(chart_add_segment(c, 1, d0 + 90, d0 + 273, CHART_SEG_DONE, "Review"), 0);
	assert_int_equal(chart_add_segment(c, 1, d0 + 273, d0 + 400, CHART_SEG_LATE, "late"), 0);
	assert_int_equal(chart_add_segment(c, 2, d0 + 300, d0 + 420, CHART_SEG_OPEN, "open"), 0);
	assert_int_equal(chart_add_milestone(c, 0, d0 + 4, "Notified", 0), 0);
	assert_int_equal(chart_add_milestone(c, 1, d0 + 101, "Notified", 1), 0);
	return c;
}

static struct chart *
mk_cycle(void)
{
	const char *groups[] = { "L&D", "PQA", "PRP" };
	const char *labels[] = { "Learning from reviews", "Training", "Section 11 audits",
	    "Section 175/157 audits", "Single and multi-agency audits", "Partnership dataset" };
	struct chart *c = chart_new(CHART_CYCLE, NULL);
	int i;

	chart_set_groups(c, groups, 3);
	chart_set_centre(c, "Learning Improvement Cycle");
	for (i = 0; i < 6; i++) {
		struct chart_node n = { labels[i], i % 3, i * 17.0, i == 4 };

		assert_int_equal(chart_add_node(c, &n), 0);
	}
	return c;
}

static struct chart *
mk_tiles(void)
{
	const struct chart_tile t[] = {
		{ "Practitioners trained", 1020, 842, "since 2018/19", CHART_RAG_GREEN, CHART_NUMBER, 0 },
		{ "Coverage", 0.64, 0.58, NULL, CHART_RAG_AMBER, CHART_PERCENT, 0 },
		{ "On time", 0.4, 0.6, NULL, CHART_RAG_RED, CHART_PERCENT, 0 },
		{ "Trainers", 3, NAN, NULL, CHART_RAG_NONE, CHART_NUMBER, 1 } };
	struct chart *c = chart_new(CHART_TILES, NULL);
	int i;

	for (i = 0; i < 4; i++)
		assert_int_equal(chart_add_tile(c, &t[i]), 0);
	return c;
}

typedef struct chart *(*maker)(void);

static struct chart *mk_bar_h(void) { return make_reach(1); }
static struct chart *mk_bar_v(void) { return make_series_chart(CHART_BAR_V, CHART_GROUPED); }
static struct chart *mk_bar_stacked(void) { return make_series_chart(CHART_BAR_H, CHART_STACKED); }
static struct chart *mk_line(void) { return make_series_chart(CHART_LINE, CHART_GROUPED); }

static const struct {
	const char *name;
	maker make;
} kinds[] = {
	{ "bar-h", mk_bar_h },
	{ "bar-v", mk_bar_v },
	{ "bar-stacked", mk_bar_stacked },
	{ "line", mk_line },
	{ "likert", mk_likert },
	{ "heatmap", mk_heatmap },
	{ "forest", mk_forest },
	{ "dumbbell", mk_dumbbell },
	{ "gantt", mk_gantt },
	{ "cycle", mk_cycle },
	{ "tiles", mk_tiles },
};
#define NKINDS (int)(sizeof kinds / sizeof kinds[0])

/* Draws onto an image surface of w x h points at 1 px per point. */
static cairo_surface_t *
render(const struct chart *c, int w, int h)
{
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cairo_t *cr = cairo_create(sf);

	assert_int_equal(chart_draw(c, cr, w, h), 0);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	return sf;
}

/* Pixels in a box that are not (near) white; the pale panel counts. */
static int
inked(cairo_surface_t *sf, int x0, int y0, int x1, int y1)
{
	unsigned char *data = cairo_image_surface_get_data(sf);
	int stride = cairo_image_surface_get_stride(sf), x, y, n = 0;

	for (y = y0; y < y1; y++)
		for (x = x0; x < x1; x++) {
			uint32_t p = *(uint32_t *)(data + y * stride + x * 4);

			if ((p & 0xff) < 0xfa || ((p >> 8) & 0xff) < 0xfa || ((p >> 16) & 0xff) < 0xfa)
				n++;
		}
	return n;
}

static char *
tmpdir(void)
{
	GError *e = NULL;
	char *d = g_dir_make_tmp("lia-charts-XXXXXX", &e);

	assert_non_null(d);
	return d;
}

static void
rmdir_all(char *d)
{
	GDir *dir = g_dir_open(d, 0, NULL);
	const char *f;

	while (dir && (f = g_dir_read_name(dir)) != NULL) {
		char *p = g_build_filename(d, f, NULL);

		g_unlink(p);
		g_free(p);
	}
	if (dir)
		g_dir_close(dir);
	g_rmdir(d);
	g_free(d);
}

static void
check_file_starts(const char *path, const char *magic)
{
	char buf[16] = { 0 };
	FILE *fp = fopen(path, "rb");

	assert_non_null(fp);
	assert_true(fread(buf, 1, strlen(magic), fp) == strlen(magic));
	fclose(fp);
	assert_memory_equal(buf, magic, strlen(magic));
}

static void
test_every_kind_every_format(void **state)
{
	char *d = tmpdir();
	int k;

	(void)state;
	for (k = 0; k < NKINDS; k++) {
		struct chart *c = kinds[k].make();
		char *png = g_strdup_printf("%s/%s.png", d, kinds[k].name);
		char *pdf = g_strdup_printf("%s/%s.pdf", d, kinds[k].name);
		char *svg = g_strdup_printf("%s/%s.svg", d, kinds[k].name);
		cairo_surface_t *img, *sf;

		assert_non_null(c);
		if (chart_write(c, png, W, H) != 0)
			fail_msg("%s: %s", kinds[k].name, chart_error(c));
		assert_int_equal(chart_write(c, pdf, W, H), 0);
		assert_int_equal(chart_write(c, svg, W, H), 0);
		check_file_starts(pdf, "%PDF-");
		check_file_starts(svg, "<?xml");
		img = cairo_image_surface_create_from_png(png);
		assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
		assert_int_equal(cairo_image_surface_get_width(img), 900);	/* 432 x 150/72 */
		assert_int_equal(cairo_image_surface_get_height(img), 560);	/* 268.8 rounded */
		cairo_surface_destroy(img);
		/* The middle of the chart has marks, not just background. */
		sf = render(c, (int)W, (int)H);
		if (inked(sf, (int)(W * 0.3), (int)(H * 0.3), (int)(W * 0.9), (int)(H * 0.8)) < 500)
			fail_msg("%s: plot area is blank", kinds[k].name);
		cairo_surface_destroy(sf);
		chart_free(c);
		g_free(png);
		g_free(pdf);
		g_free(svg);
	}
	rmdir_all(d);
}

static void
test_png_dpi(void **state)
{
	char *d = tmpdir(), *png = g_strdup_printf("%s/a.png", d);
	struct chart *c = make_reach(1);
	cairo_surface_t *img;
	struct chart_opts o;

	(void)state;
	chart_free(c);
	chart_opts_defaults(&o);
	o.dpi = 72;
	c = chart_new(CHART_BAR_H, &o);
	assert_int_equal(chart_write(c, png, 300, 200), 0);
	img = cairo_image_surface_create_from_png(png);
	assert_int_equal(cairo_image_surface_get_width(img), 300);
	assert_int_equal(cairo_image_surface_get_height(img), 200);
	cairo_surface_destroy(img);
	chart_free(c);
	g_free(png);
	rmdir_all(d);
}

static void
test_whiskers_drawn(void **state)
{
	struct chart *with = make_reach(1), *without = make_reach(0);
	cairo_surface_t *a = render(with, 432, 269), *b = render(without, 432, 269);
	unsigned char *pa = cairo_image_surface_get_data(a), *pb = cairo_image_surface_get_data(b);
	int stride = cairo_image_surface_get_stride(a), x, y, dark = 0;

	(void)state;
	/* Whiskers are dark ink where the plain chart has none. */
	for (y = 0; y < 269; y++)
		for (x = 0; x < 432; x++) {
			uint32_t p = *(uint32_t *)(pa + y * stride + x * 4);
			uint32_t q = *(uint32_t *)(pb + y * stride + x * 4);

			if ((p & 0xff) < 0x50 && ((p >> 8) & 0xff) < 0x50 && p != q)
				dark++;
		}
	assert_true(dark > 50);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	chart_free(with);
	chart_free(without);
}

static void
test_no_data(void **state)
{
	struct chart_opts o;
	struct chart *c;
	cairo_surface_t *sf;
	enum chart_kind k;

	(void)state;
	chart_opts_defaults(&o);
	o.title = "Nothing here";
	for (k = CHART_BAR_H; k <= CHART_TILES; k++) {
		c = chart_new(k, &o);
		assert_non_null(c);
		sf = render(c, 432, 269);
		/* The grey panel and its words fill the middle. */
		assert_true(inked(sf, 100, 100, 330, 200) > 5000);
		cairo_surface_destroy(sf);
		chart_free(c);
	}
	/* Categories with only NaN values are no data too. */
	c = chart_new(CHART_BAR_V, &o);
	{
		const double v[] = { NAN, NAN };
		const char *cats[] = { "a", "b" };
		struct chart_series s = { "s", 2, v, NULL, NULL, NULL, -1 };

		chart_set_categories(c, cats, 2);
		chart_add_series(c, &s);
	}
	assert_false(chart_has_data(c));
	chart_free(c);
}

static void
test_same_bytes(void **state)
{
	char *d = tmpdir(), *p1 = g_strdup_printf("%s/1.png", d), *p2 = g_strdup_printf("%s/2.png", d);
	struct chart *c1 = make_series_chart(CHART_BAR_V, CHART_GROUPED);
	struct chart *c2 = make_series_chart(CHART_BAR_V, CHART_GROUPED);
	gchar *b1, *b2;
	gsize n1, n2;

	(void)state;
	assert_int_equal(chart_write(c1, p1, W, H), 0);
	assert_int_equal(chart_write(c2, p2, W, H), 0);
	assert_true(g_file_get_contents(p1, &b1, &n1, NULL));
	assert_true(g_file_get_contents(p2, &b2, &n2, NULL));
	assert_true(n1 == n2);
	assert_memory_equal(b1, b2, n1);
	g_free(b1);
	g_free(b2);
	chart_free(c1);
	chart_free(c2);
	g_free(p1);
	g_free(p2);
	rmdir_all(d);
}

static void
test_draw_keeps_state(void **state)
{
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 500, 400);
	cairo_t *cr = cairo_create(sf);
	struct chart *c = make_reach(1);
	cairo_matrix_t before, after;
	double r, g, b, a;

	(void)state;
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_translate(cr, 30, 40);
	cairo_set_source_rgba(cr, 0.1, 0.2, 0.3, 0.4);
	cairo_set_line_width(cr, 7);
	cairo_get_matrix(cr, &before);
	assert_int_equal(chart_draw(c, cr, 400, 300), 0);
	cairo_get_matrix(cr, &after);
	assert_memory_equal(&before, &after, sizeof before);
	assert_true(cairo_get_line_width(cr) == 7);
	assert_int_equal(cairo_pattern_get_rgba(cairo_get_source(cr), &r, &g, &b, &a),
	    CAIRO_STATUS_SUCCESS);
	assert_true(fabs(r - 0.1) < 1e-9 && fabs(a - 0.4) < 1e-9);
	cairo_surface_flush(sf);
	/* Nothing drawn outside the translated box. */
	assert_int_equal(inked(sf, 0, 0, 500, 40), 0);
	assert_int_equal(inked(sf, 0, 0, 30, 400), 0);
	chart_free(c);
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
}

static void
test_errors(void **state)
{
	struct chart *c = make_reach(1);
	const double v[] = { 1 };
	struct chart_series s = { "x", 1, v, NULL, NULL, NULL, -1 };
	int i;

	(void)state;
	assert_int_equal(chart_write(c, "chart.gif", W, H), -1);
	assert_non_null(strstr(chart_error(c), "unknown chart format"));
	assert_int_equal(chart_write(c, "/nonexistent-dir/x.png", W, H), -1);
	assert_true(strlen(chart_error(c)) > 0);
	assert_int_equal(chart_write(c, "x.png", -1, H), -1);
	assert_int_equal(chart_add_segment(c, 99, 0, 1, CHART_SEG_DONE, NULL), -1);
	assert_non_null(strstr(chart_error(c), "row 99"));
	assert_int_equal(chart_add_segment(c, 0, 5, 1, CHART_SEG_DONE, NULL), -1);
	assert_int_equal(chart_add_milestone(c, -1, 0, NULL, 0), -1);
	for (i = 1; i < CHART_MAX_SERIES; i++)
		assert_int_equal(chart_add_series(c, &s), 0);
	assert_int_equal(chart_add_series(c, &s), -1);
	assert_null(chart_new((enum chart_kind)99, NULL));
	chart_free(c);
	chart_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nice_step),
		cmocka_unit_test(test_ticks),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_step_decimals),
		cmocka_unit_test(test_scale_and_bands),
		cmocka_unit_test(test_label_fitting_maths),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_colours),
		cmocka_unit_test(test_text_fitting),
		cmocka_unit_test(test_every_kind_every_format),
		cmocka_unit_test(test_png_dpi),
		cmocka_unit_test(test_whiskers_drawn),
		cmocka_unit_test(test_no_data),
		cmocka_unit_test(test_same_bytes),
		cmocka_unit_test(test_draw_keeps_state),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
