/*
 * tests/reach_bars.h: the reach-by-agency bars built from plain rows with
 * the chart library's own API, for the chart unit tests and the gallery
 * (reports/figures.c builds the real one from a result table).
 */
#ifndef LIA_TESTS_REACH_BARS_H
#define LIA_TESTS_REACH_BARS_H

#include <math.h>
#include <string.h>

#include <glib.h>

#include "charts/charts.h"

/* The reach-by-agency bars from plain rows: coverage with Wilson whiskers,
 * hidden rows marked, missing coverage labelled. */
struct reach_row {
	const char *agency;
	double coverage, ci_low, ci_high;
	int hidden;
};

static struct chart *
reach_bars(const struct reach_row *rows, int n, const char *title,
    const char *subtitle, const char *note)
{
	struct chart_opts o;
	struct chart_series s;
	struct chart *c;
	const char **names;
	double *v, *lo, *hi;
	unsigned char *hidden;
	int i, rc;

	chart_opts_defaults(&o);
	o.title = title;
	o.subtitle = subtitle;
	o.note = note;
	o.format = CHART_PERCENT;
	o.value_labels = 1;
	o.value_label = "Share of the workforce trained (95% Wilson interval)";
	o.fixed_min = 1;
	o.value_min = 0;
	o.missing_text = "no workforce figure";
	if ((c = chart_new(CHART_BAR_H, &o)) == NULL)
		return NULL;
	if (n <= 0)
		return c;
	names = g_new0(const char *, n);
	v = g_new0(double, n);
	lo = g_new0(double, n);
	hi = g_new0(double, n);
	hidden = g_new0(unsigned char, n);
	for (i = 0; i < n; i++) {
		names[i] = rows[i].agency;
		v[i] = rows[i].hidden ? NAN : rows[i].coverage;
		lo[i] = rows[i].hidden ? NAN : rows[i].ci_low;
		hi[i] = rows[i].hidden ? NAN : rows[i].ci_high;
		hidden[i] = rows[i].hidden != 0;
	}
	memset(&s, 0, sizeof s);
	s.name = "Coverage";
	s.n = n;
	s.values = v;
	s.low = lo;
	s.high = hi;
	s.hidden = hidden;
	s.colour = 0;
	rc = chart_set_categories(c, names, n) || chart_add_series(c, &s);
	g_free(names);
	g_free(v);
	g_free(lo);
	g_free(hi);
	g_free(hidden);
	if (rc != 0) {
		chart_free(c);
		return NULL;
	}
	return c;
}

#endif
