/*
 * gallery: writes every chart kind, on realistic fixture data of a
 * partnership (agencies, schools, audits, reviews), as PNG into the folder
 * given (make gallery: out/gallery/) for people to look at.  The README's
 * images in docs/images/ are copies of these.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "charts/charts.h"

#define W 432		/* points: 900 px at 150 dpi */
#define H 269

static const char *dir = "out/gallery";
static int failures;

static void
save(struct chart *c, const char *name, double w, double h)
{
	char path[512];

	if (c == NULL) {
		fprintf(stderr, "gallery: %s: out of memory\n", name);
		failures++;
		return;
	}
	snprintf(path, sizeof path, "%s/%s.png", dir, name);
	if (chart_write(c, path, w, h) != 0) {
		fprintf(stderr, "gallery: %s\n", chart_error(c));
		failures++;
	} else {
		printf("%s\n", path);
	}
	chart_free(c);
}

static const char *const agencies[] = {
	"Merseyside Police",
	"Alder Hey Children's NHS Foundation Trust",
	"Sefton Council Children's Social Care",
	"Mersey Care NHS Foundation Trust",
	"Liverpool University Hospitals NHS Foundation Trust",
	"Sefton Council Early Help",
	"Schools and colleges",
	"GP practices (Southport and Formby)",
	"National Probation Service",
	"Merseyside Fire and Rescue Service",
	"Sefton CVS (voluntary sector)",
	"CAFCASS"
};
#define NAGENCIES (int)(sizeof agencies / sizeof agencies[0])

static void
reach_by_agency(void)
{
	static const double cov[] = { 0.62, 0.81, 0.88, 0.54, 0.47, 0.73, 0.39, 0.28,
	    0.66, 0.0, 0.35, 0.0 };
	static const int n[] = { 412, 296, 241, 188, 356, 97, 520, 143, 61, 3, 88, 2 };
	struct chart_reach_row rows[NAGENCIES];
	int i;

	for (i = 0; i < NAGENCIES; i++) {
		double p = cov[i], z = 1.959964, d = 1 + z * z / n[i];
		double centre = (p + z * z / (2 * n[i])) / d;
		double half = z * sqrt(p * (1 - p) / n[i] + z * z / (4.0 * n[i] * n[i])) / d;

		rows[i].agency = agencies[i];
		rows[i].coverage = p;
		rows[i].ci_low = centre - half;
		rows[i].ci_high = centre + half;
		rows[i].hidden = n[i] < 5;
	}
	save(chart_reach_bars(rows, NAGENCIES, "Safeguarding training reach by agency, 2019/20",
	    "Unique practitioners trained as a share of each agency's workforce",
	    "Source: Sefton LSCB training records and workforce returns. "
	    "<5: fewer than 5 practitioners, suppressed."), "reach-by-agency", W, 330);
}

static void
bars_grouped(void)
{
	static const char *const courses[] = { "Level 3 Safeguarding Children",
	    "Neglect and Graded Care Profile 2", "Domestic Abuse (MARAC)",
	    "Child Sexual Exploitation", "Hear My Voice learning event" };
	static const double y1819[] = { 96, 41, 58, 37, 0 };
	static const double y1920[] = { 131, 74, 66, 45, 412 };
	struct chart_opts o;
	struct chart_series s;
	struct chart *c;

	chart_opts_defaults(&o);
	o.title = "Practitioners trained by course";
	o.subtitle = "Attendances, 2018/19 and 2019/20";
	o.note = "Source: LSCB training records (n = 960 attendances).";
	o.value_labels = 1;
	o.value_label = "Attendances";
	c = chart_new(CHART_BAR_V, &o);
	chart_set_categories(c, courses, 5);
	memset(&s, 0, sizeof s);
	s.colour = -1;
	s.name = "2018/19";
	s.n = 5;
	s.values = y1819;
	chart_add_series(c, &s);
	s.name = "2019/20";
	s.values = y1920;
	chart_add_series(c, &s);
	save(c, "bars-grouped", W, H);
}

static void
bars_stacked(void)
{
	static const char *const sectors[] = { "Police", "Health", "Children's social care",
	    "Education", "Voluntary sector", "Probation" };
	static const double attended[] = { 212, 388, 241, 520, 88, 61 };
	static const double dna[] = { 31, 52, 18, 47, 12, 0 };
	static const unsigned char dna_hidden[] = { 0, 0, 0, 0, 0, 1 };
	static const double cancelled[] = { 12, 22, 9, 30, 6, 4 };
	struct chart_opts o;
	struct chart_series s;
	struct chart *c;

	chart_opts_defaults(&o);
	o.title = "Bookings by outcome and sector";
	o.subtitle = "Places booked on LSCB courses, 2019/20";
	o.note = "Source: booking system export. <5: suppressed small count.";
	o.bar_mode = CHART_STACKED;
	o.value_labels = 1;
	o.value_label = "Places booked";
	c = chart_new(CHART_BAR_H, &o);
	chart_set_categories(c, sectors, 6);
	memset(&s, 0, sizeof s);
	s.n = 6;
	s.colour = 0;
	s.name = "Attended";
	s.values = attended;
	chart_add_series(c, &s);
	s.colour = 1;
	s.name = "Did not attend";
	s.values = dna;
	s.hidden = dna_hidden;
	chart_add_series(c, &s);
	s.colour = 4;
	s.hidden = NULL;
	s.name = "Cancelled";
	s.values = cancelled;
	chart_add_series(c, &s);
	save(c, "bars-stacked", W, H);
}

static void
reach_over_time(void)
{
	static const char *const months[] = { "Apr 2019", "May", "Jun", "Jul", "Aug", "Sep",
	    "Oct", "Nov", "Dec", "Jan 2020", "Feb", "Mar" };
	static const double unique[] = { 38, 91, 402, 455, 470, 512, 561, 870, 902, 944, 991, 1020 };
	static const double attend[] = { 41, 102, 441, 506, 523, 580, 641, 981, 1026, 1090, 1152, 1198 };
	struct chart_opts o;
	struct chart_series s;
	struct chart *c;

	chart_opts_defaults(&o);
	o.title = "Cumulative reach, 2019/20";
	o.subtitle = "Attendances and unique practitioners, counted apart";
	o.note = "Source: LSCB training records and Hear My Voice registers.";
	o.markers = 1;
	o.has_target = 1;
	o.target = 1000;
	o.target_label = "Target: 1,000 practitioners";
	o.value_label = "Practitioners (cumulative)";
	c = chart_new(CHART_LINE, &o);
	chart_set_categories(c, months, 12);
	memset(&s, 0, sizeof s);
	s.n = 12;
	s.colour = 0;
	s.name = "Unique practitioners";
	s.values = unique;
	chart_add_series(c, &s);
	s.colour = 1;
	s.name = "Attendances";
	s.values = attend;
	chart_add_series(c, &s);
	save(c, "reach-over-time", W, H);
}

static void
empty(void)
{
	struct chart_opts o;

	chart_opts_defaults(&o);
	o.title = "Training reach by agency";
	o.subtitle = "Period: 2030/31";
	save(chart_new(CHART_BAR_H, &o), "no-data", W, H);
}

int
main(int argc, char **argv)
{
	if (argc > 1)
		dir = argv[1];
	if (mkdir(dir, 0777) != 0) {
		char cmd[600];

		/* The parent may be missing too (out/gallery). */
		snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
		if (system(cmd) != 0) {
			perror(dir);
			return 1;
		}
	}
	reach_by_agency();
	bars_grouped();
	bars_stacked();
	reach_over_time();
	empty();
	return failures ? 1 : 0;
}
