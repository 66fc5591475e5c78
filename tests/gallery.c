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

#include <glib.h>

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
#include "tests/reach_bars.h"

static void
reach_by_agency(void)
{
	static const double cov[] = { 0.62, 0.81, 0.88, 0.54, 0.47, 0.73, 0.39, 0.28,
	    0.66, 0.0, 0.35, 0.0 };
	static const int n[] = { 412, 296, 241, 188, 356, 97, 520, 143, 61, 3, 88, 2 };
	struct reach_row rows[NAGENCIES];
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
	save(reach_bars(rows, NAGENCIES, "Safeguarding training reach by agency, 2019/20",
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
likert(void)
{
	static const char *const questions[] = {
	    "I understand the learning from the Sefton SCRs",
	    "I know how to escalate concerns about neglect",
	    "I am confident using the Graded Care Profile 2",
	    "The event will change how I work with families",
	    "I know where to find LSCB practice resources" };
	static const char *const answers[] = { "Strongly disagree", "Disagree", "Neutral",
	    "Agree", "Strongly agree" };
	static const double counts[5][5] = {
		{ 4, 9, 31, 188, 161 },
		{ 6, 21, 58, 201, 107 },
		{ 2, 1, 1, 1, 0 },
		{ 9, 24, 77, 170, 113 },
		{ 12, 40, 96, 151, 94 } };
	static const unsigned char hid[] = { 0, 0, 1, 0, 0 };
	struct chart_opts o;
	struct chart_series s;
	struct chart *c;
	double col[5];
	int a, q;

	chart_opts_defaults(&o);
	o.title = "Hear My Voice learning events: what practitioners said";
	o.subtitle = "Share of answers, centred on the neutral answer";
	o.note = "Source: post-event feedback, June and November 2019. "
	    "n <5: fewer than 5 answers, suppressed.";
	o.neutral = 2;
	c = chart_new(CHART_LIKERT, &o);
	chart_set_categories(c, questions, 5);
	for (a = 0; a < 5; a++) {
		for (q = 0; q < 5; q++)
			col[q] = counts[q][a];
		memset(&s, 0, sizeof s);
		s.name = answers[a];
		s.n = 5;
		s.values = col;
		s.hidden = hid;
		s.colour = -1;
		chart_add_series(c, &s);
	}
	save(c, "likert", W, H);
}

static void
heatmap(void)
{
	static const char *const cycles[] = { "2017/18", "2018/19", "2019/20", "2020/21" };
	static const char *const standards[] = { "Voice of the child recorded",
	    "Chronology up to date", "Information shared with partners",
	    "Neglect assessed with GCP2", "Plan has clear outcomes",
	    "Management oversight evident" };
	static const double v[6][4] = {
		{ 0.42, 0.55, 0.71, 0.80 }, { 0.35, 0.40, 0.52, 0.66 },
		{ 0.61, 0.58, 0.74, 0.83 }, { NAN, 0.20, 0.45, 0.68 },
		{ 0.50, 0.62, 0.60, 0.77 }, { 0.38, 0.47, 0.0, 0.59 } };
	static const unsigned char hid[6][4] = { { 0 }, { 0 }, { 0 }, { 0 }, { 0 },
		{ 0, 0, 1, 0 } };
	struct chart_opts o;
	struct chart_series s;
	struct chart *c;
	int i;

	chart_opts_defaults(&o);
	o.title = "Multi-agency case audits: compliance by standard";
	o.subtitle = "Share of audited cases rated met, n/a excluded";
	o.note = "Source: PQA multi-agency audit programme. \xe2\x80\x93 not audited; "
	    "<5 fewer than 5 cases rated.";
	o.format = CHART_PERCENT;
	o.fixed_min = 1;
	o.value_min = 0;
	o.fixed_max = 1;
	o.value_max = 1;
	o.value_label = "Compliance";
	c = chart_new(CHART_HEATMAP, &o);
	chart_set_categories(c, cycles, 4);
	for (i = 0; i < 6; i++) {
		memset(&s, 0, sizeof s);
		s.name = standards[i];
		s.n = 4;
		s.values = v[i];
		s.hidden = hid[i];
		s.colour = -1;
		chart_add_series(c, &s);
	}
	save(c, "audit-heatmap", W, H);
}

static void
forest(void)
{
	static const char *const qs[] = { "Recognising neglect", "Using the GCP2 tool",
	    "Escalating concerns", "Hearing the voice of the child",
	    "Working with fathers and male carers", "Information sharing" };
	static const double mean[] = { 0.82, 1.31, 0.44, 0.67, 0.12, 0.0 };
	static const double lo[] = { 0.61, 1.02, 0.21, 0.40, -0.18, 0.0 };
	static const double hi[] = { 1.03, 1.60, 0.67, 0.94, 0.42, 0.0 };
	static const unsigned char hid[] = { 0, 0, 0, 0, 0, 1 };
	struct chart_opts o;
	struct chart_series s;
	struct chart *c;

	chart_opts_defaults(&o);
	o.title = "Confidence before and after training";
	o.subtitle = "Mean change on a 1\xe2\x80\x93" "5 scale with 95% confidence interval, paired";
	o.note = "Source: baseline and post-course feedback matched by respondent (n = 214 pairs).";
	o.decimals = 2;
	o.value_label = "Mean change (points)";
	c = chart_new(CHART_FOREST, &o);
	chart_set_categories(c, qs, 6);
	memset(&s, 0, sizeof s);
	s.name = "Change";
	s.n = 6;
	s.values = mean;
	s.low = lo;
	s.high = hi;
	s.hidden = hid;
	s.colour = 0;
	chart_add_series(c, &s);
	save(c, "confidence-change", W, H);
}

static void
dumbbell(void)
{
	static const char *const stds[] = { "Voice of the child recorded",
	    "Chronology up to date", "Information shared with partners",
	    "Neglect assessed with GCP2", "Management oversight evident" };
	static const double before[] = { 0.42, 0.55, 0.71, 0.20, 0.47 };
	static const double after[] = { 0.80, 0.52, 0.83, 0.68, 0.59 };
	struct chart_opts o;
	struct chart_series s;
	struct chart *c;

	chart_opts_defaults(&o);
	o.title = "Audit compliance before and after the learning";
	o.subtitle = "Share of cases meeting each standard, 2017/18 and 2020/21";
	o.note = "Source: PQA multi-agency audits (n = 40 and 36 cases).";
	o.format = CHART_PERCENT;
	o.value_labels = 1;
	o.fixed_min = 1;
	o.value_min = 0;
	o.fixed_max = 1;
	o.value_max = 1;
	c = chart_new(CHART_DUMBBELL, &o);
	chart_set_categories(c, stds, 5);
	memset(&s, 0, sizeof s);
	s.n = 5;
	s.colour = 0;
	s.name = "2017/18";
	s.values = before;
	chart_add_series(c, &s);
	s.colour = 1;
	s.name = "2020/21";
	s.values = after;
	chart_add_series(c, &s);
	save(c, "audit-change", W, H);
}

static double
day(int y, int m, int d)
{
	/* Days since 1970-01-01 (civil from days, inverse of Hinnant's). */
	long yy = y - (m <= 2), era = (yy >= 0 ? yy : yy - 399) / 400, yoe = yy - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;

	return (double)(era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468);
}

static void
gantt(void)
{
	static const char *const reviews[] = { "SCR Child A", "SCR Child B", "SCR Child C",
	    "SCR Child D", "CSPR Child E" };
	struct chart_opts o;
	struct chart *c;

	chart_opts_defaults(&o);
	o.title = "Practice reviews against the statutory clocks";
	o.subtitle = "From notification to publication; target window: 6 months";
	o.note = "Diamonds: milestones (hollow red: late). Source: LSCB review tracker.";
	c = chart_new(CHART_GANTT, &o);
	chart_set_categories(c, reviews, 5);
	chart_add_segment(c, 0, day(2018, 3, 5), day(2018, 9, 5), CHART_SEG_WINDOW, "6 months");
	chart_add_segment(c, 0, day(2018, 3, 5), day(2018, 8, 20), CHART_SEG_DONE, "Review");
	chart_add_milestone(c, 0, day(2018, 3, 9), "Notified", 0);
	chart_add_milestone(c, 0, day(2018, 10, 1), "Published", 0);
	chart_add_segment(c, 1, day(2018, 6, 11), day(2018, 12, 11), CHART_SEG_WINDOW, NULL);
	chart_add_segment(c, 1, day(2018, 6, 11), day(2018, 12, 11), CHART_SEG_DONE, "Review");
	chart_add_segment(c, 1, day(2018, 12, 11), day(2019, 5, 2), CHART_SEG_LATE, "late: criminal trial");
	chart_add_milestone(c, 1, day(2018, 6, 25), "Notified", 1);
	chart_add_segment(c, 2, day(2019, 1, 14), day(2019, 7, 14), CHART_SEG_WINDOW, NULL);
	chart_add_segment(c, 2, day(2019, 1, 14), day(2019, 7, 1), CHART_SEG_DONE, "Review");
	chart_add_milestone(c, 2, day(2019, 1, 18), "Notified", 0);
	chart_add_milestone(c, 2, day(2019, 9, 16), "Published", 0);
	chart_add_segment(c, 3, day(2019, 4, 1), day(2019, 10, 1), CHART_SEG_WINDOW, NULL);
	chart_add_segment(c, 3, day(2019, 4, 1), day(2019, 10, 1), CHART_SEG_DONE, "Review");
	chart_add_segment(c, 3, day(2019, 10, 1), day(2020, 1, 20), CHART_SEG_LATE, "late");
	chart_add_segment(c, 4, day(2019, 11, 4), day(2020, 5, 4), CHART_SEG_WINDOW, NULL);
	chart_add_segment(c, 4, day(2019, 11, 4), day(2020, 3, 31), CHART_SEG_OPEN, "in progress");
	chart_add_milestone(c, 4, day(2019, 11, 6), "Notified", 0);
	save(c, "review-timeline", W, H);
}

static void
cycle(void)
{
	static const char *const groups[] = { "L&D", "PQA", "PRP" };
	static const struct chart_node nodes[] = {
		{ "Learning from reviews", 2, 5, 0 },
		{ "Training and learning events", 0, 31, 0 },
		{ "Evaluation of training", 0, 1412, 0 },
		{ "Section 11 audits", 1, 38, 0 },
		{ "Section 175/157 audits", 1, 94, 0 },
		{ "Single and multi-agency audits", 1, 12, 0 },
		{ "Service user feedback, complaints and compliments", 1, 0, 1 },
		{ "Frontline intelligence", 1, 27, 0 },
		{ "Partnership dataset", 1, 48, 0 },
		{ "National research and practice", 2, 6, 0 },
		{ "Actions from reviews", 2, 44, 0 } };
	struct chart_opts o;
	struct chart *c;
	size_t i;

	chart_opts_defaults(&o);
	o.title = "Learning improvement cycle";
	o.subtitle = "Evidence held at each stage, 2019/20";
	o.note = "L&D: Learning & Development sub-group; PQA: Performance & Quality Assurance "
	    "sub-group; PRP: Practice Review Panel. Counts of records held. <5: suppressed.";
	c = chart_new(CHART_CYCLE, &o);
	chart_set_groups(c, groups, 3);
	for (i = 0; i < sizeof nodes / sizeof nodes[0]; i++)
		chart_add_node(c, &nodes[i]);
	save(c, "improvement-cycle", W, 380);
}

static void
tiles(void)
{
	static const struct chart_tile t[] = {
		{ "Practitioners trained (unique)", 1020, 842, "since 2018/19", CHART_RAG_GREEN, CHART_NUMBER, 0 },
		{ "Workforce coverage, Level 3", 0.64, 0.58, "since 2018/19", CHART_RAG_AMBER, CHART_PERCENT, 0 },
		{ "Reviews published on time", 0.4, 0.6, "since 2018/19", CHART_RAG_RED, CHART_PERCENT, 0 },
		{ "Review actions completed", 38, 21, "since 2018/19", CHART_RAG_GREEN, CHART_NUMBER, 0 },
		{ "Section 11 returns moderated", 0.92, 0.92, "since 2018/19", CHART_RAG_GREEN, CHART_PERCENT, 0 },
		{ "GCP2 licensed trainers", 3, NAN, NULL, CHART_RAG_RED, CHART_NUMBER, 1 } };
	struct chart_opts o;
	struct chart *c;
	size_t i;

	chart_opts_defaults(&o);
	o.title = "Board assurance summary, 2019/20";
	o.note = "RAG against the board's targets. <5: fewer than 5, suppressed.";
	c = chart_new(CHART_TILES, &o);
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		chart_add_tile(c, &t[i]);
	save(c, "kpi-tiles", W, H);
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
	likert();
	heatmap();
	forest();
	dumbbell();
	gantt();
	cycle();
	tiles();
	empty();
	return failures ? 1 : 0;
}
