/*
 * Unit tests for analytics/stats against values from outside the project,
 * never retyped where a file holds them:
 *
 * - tests/conformance/reference-stats/expected.csv (its SOURCE.md says where
 *   each row comes from): T01/T02 paired and one-sample t, T05/T06/T10 the
 *   Wilson interval with and without continuity correction, T08
 *   prop.trend.test, T11a-c the Wilcoxon signed-rank test (exact, and the
 *   normal approximation), T14 Fisher's exact test, T15 Newcombe's method
 *   10 with Newcombe's own Table II examples.  Each is compared with the
 *   r_4_2_2 column to 1e-9 relative and, where a published figure exists,
 *   with it at its printed precision (half a unit of its last digit).
 * - tests/conformance/nist-strd/univariate: the NIST StRD certified mean
 *   and standard deviation of all nine sets, to 1e-12 relative.
 * - Values computed here with R 4.2.2 (Debian r-base-core 4.2.2), each
 *   with the R call beside it, for what the folder lacks: the Wilcoxon
 *   approximation with ties and zeros, n >= 50, d_z, more trend tests and
 *   Fisher tables whose probabilities tie.
 *
 * Run directly, the program prints the largest relative error seen for
 * each statistic as "# " lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "analytics/analytics.h"

#define REF "tests/conformance/reference-stats/"
#define NIST "tests/conformance/nist-strd/univariate/"
#define TOL 1e-9		/* relative, against R 4.2.2 */
#define NIST_TOL 1e-12		/* relative, against NIST's certified values */

/* ---- the reference file ------------------------------------------------------ */

struct ref {
	char id[64];
	char quantity[16];
	char published[32];	/* as printed; empty when none */
	double r;		/* R 4.2.2 */
};

static struct ref refs[256];
static size_t nrefs;

/* The largest relative error seen, per statistic, for the closing lines. */
enum { E_T, E_WILSON, E_WILCOXON, E_TREND, E_FISHER, E_NEWCOMBE, E_DZ, E_MEAN, E_SD, E_N };
static const char *const e_name[E_N] = {
	"t test (T01, T02)", "Wilson (T05, T06, T10)", "Wilcoxon signed rank (T11, R)",
	"prop.trend.test (T08, R)", "Fisher exact (T14, R)", "Newcombe method 10 (T15)",
	"d_z (R)", "NIST mean", "NIST sd"
};
static double e_max[E_N];

static int
load_refs(void **state)
{
	FILE *fp = fopen(REF "expected.csv", "r");
	char line[1024];

	(void)state;
	if (fp == NULL || fgets(line, sizeof line, fp) == NULL || strstr(line, "r_4_2_2") == NULL)
		return -1;
	nrefs = 0;
	while (fgets(line, sizeof line, fp) != NULL && nrefs < sizeof refs / sizeof refs[0]) {
		char *field[9] = { 0 }, *p = line;
		int nf = 0;

		line[strcspn(line, "\r\n")] = '\0';
		/* No field holds a comma or a quote (SOURCE.md). */
		while (nf < 9 && p != NULL) {
			field[nf++] = p;
			if ((p = strchr(p, ',')) != NULL)
				*p++ = '\0';
		}
		if (nf < 9)
			return -1;
		snprintf(refs[nrefs].id, sizeof refs[nrefs].id, "%s", field[0]);
		snprintf(refs[nrefs].quantity, sizeof refs[nrefs].quantity, "%s", field[3]);
		snprintf(refs[nrefs].published, sizeof refs[nrefs].published, "%s", field[4]);
		refs[nrefs].r = strtod(field[6], NULL);
		nrefs++;
	}
	fclose(fp);
	return nrefs > 90 ? 0 : -1;
}

static const struct ref *
ref_of(const char *id, const char *quantity)
{
	size_t i;

	for (i = 0; i < nrefs; i++)
		if (strcmp(refs[i].id, id) == 0 && strcmp(refs[i].quantity, quantity) == 0)
			return &refs[i];
	fail_msg("no row %s %s in expected.csv", id, quantity);
	return NULL;
}

static double
rel_err(double got, double want)
{
	if (want == 0.0)
		return fabs(got);
	return fabs(got - want) / fabs(want);
}

/* got against a value to 1e-9 relative (an exact 0 to 1e-15 absolute). */
static void
check_value(int family, const char *what, double got, double want)
{
	double e = rel_err(got, want);

	if (!(e <= (want == 0.0 ? 1e-15 : TOL)))
		fail_msg("%s: got %.17g, expected %.17g (relative error %.3g)", what, got, want, e);
	if (e > e_max[family])
		e_max[family] = e;
}

/*
 * got against the published figure at its printed precision: within half a
 * unit of its last digit ("0.002833": 5e-7; "1.855e-05": 5e-9), with 1e-12
 * of slack for the half-way case.
 */
static void
check_published(const char *what, double got, const char *published)
{
	const char *dot = strchr(published, '.'), *e = strpbrk(published, "eE");
	int decimals = 0, exponent = e ? atoi(e + 1) : 0;
	double want = strtod(published, NULL), half;

	if (dot != NULL)
		decimals = (int)((e ? e : published + strlen(published)) - dot - 1);
	half = 0.5 * pow(10.0, exponent - decimals);
	if (!(fabs(got - want) <= half * (1.0 + 1e-12)))
		fail_msg("%s: got %.17g, published %s (+- %g)", what, got, published, half);
}

/* Checks one row of expected.csv: R to 1e-9, and the published digits. */
static void
check_ref(int family, const char *id, const char *quantity, double got)
{
	const struct ref *r = ref_of(id, quantity);
	char what[96];

	snprintf(what, sizeof what, "%s %s", id, quantity);
	check_value(family, what, got, r->r);
	if (r->published[0] != '\0')
		check_published(what, got, r->published);
}

/* Reads columns of a small numeric CSV of the reference folder. */
static size_t
read_columns(const char *path, int ncols, const int *cols, double *out, size_t max)
{
	FILE *fp = fopen(path, "r");
	char line[256];
	size_t n = 0;

	assert_non_null(fp);
	assert_non_null(fgets(line, sizeof line, fp));	/* header */
	while (fgets(line, sizeof line, fp) != NULL && n < max) {
		char *field[8], *p = line;
		int nf = 0, c;

		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0')
			continue;
		while (nf < 8 && p != NULL) {
			field[nf++] = p;
			if ((p = strchr(p, ',')) != NULL)
				*p++ = '\0';
		}
		for (c = 0; c < ncols; c++) {
			assert_true(cols[c] < nf);
			out[c * max + n] = strtod(field[cols[c]], NULL);
		}
		n++;
	}
	fclose(fp);
	return n;
}

/* ---- Wilson ------------------------------------------------------------------- */

/*
 * The case an id names: T05/T06 are prop.test(52, 100), as SOURCE.md
 * explains; T10_wilson_kK_nN_{cc,nocc}_{95,99} say their own.
 */
static int
wilson_case(const char *id, int64_t *x, int64_t *n, int *cc, double *level)
{
	int k, nn, lv;
	char kind[8];

	if (strcmp(id, "T06_prop_test_1sample_nocc_wilson") == 0 ||
	    strcmp(id, "T05_prop_test_1sample_cc") == 0) {
		*x = 52;
		*n = 100;
		*cc = id[2] == '5';
		*level = 0.95;
		return 0;
	}
	if (sscanf(id, "T10_wilson_k%d_n%d_%4[a-z]_%d", &k, &nn, kind, &lv) != 4)
		return -1;
	*x = k;
	*n = nn;
	*cc = strcmp(kind, "cc") == 0;
	*level = lv / 100.0;
	return 0;
}

static void
test_wilson_reference(void **state)
{
	int checked = 0;
	size_t i;

	(void)state;
	for (i = 0; i < nrefs; i++) {
		const struct ref *r = &refs[i];
		int64_t x = 0, n = 0;
		int cc = 0;
		double level = 0, low, high;

		if (strncmp(r->id, "T05_", 4) != 0 && strncmp(r->id, "T06_", 4) != 0 &&
		    strncmp(r->id, "T10_", 4) != 0)
			continue;
		if (strcmp(r->quantity, "ci_low") != 0 && strcmp(r->quantity, "ci_high") != 0)
			continue;
		if (wilson_case(r->id, &x, &n, &cc, &level) != 0)
			fail_msg("cannot read the case of %s", r->id);
		if (cc)
			assert_int_equal(an_wilson_cc(x, n, level, &low, &high), 0);
		else
			assert_int_equal(an_wilson(x, n, level, &low, &high), 0);
		check_ref(E_WILSON, r->id, r->quantity, r->quantity[3] == 'l' ? low : high);
		checked++;
	}
	/* T05, T06: one interval each; T10: x in {0, 3, 10} at 95% and x = 3 at
	 * 99%, each with and without correction. */
	assert_int_equal(checked, 20);
}

static void
test_wilson_bad_input(void **state)
{
	double low, high;

	(void)state;
	assert_int_equal(an_wilson(1, 0, 0.95, &low, &high), -1);
	assert_true(isnan(low) && isnan(high));
	assert_int_equal(an_wilson(-1, 10, 0.95, &low, &high), -1);
	assert_int_equal(an_wilson(11, 10, 0.95, &low, &high), -1);
	assert_int_equal(an_wilson(3, 10, 1.0, &low, &high), -1);
	assert_int_equal(an_wilson(3, 10, 0.0, &low, &high), -1);
	assert_int_equal(an_wilson(3, 10, NAN, &low, &high), -1);
	assert_int_equal(an_wilson_cc(3, 0, 0.95, &low, &high), -1);
}

static void
test_wilson_properties(void **state)
{
	double l95, h95, l99, h99, l, h;
	int64_t x;

	(void)state;
	/* The interval holds the estimate and widens with the level. */
	for (x = 0; x <= 40; x++) {
		assert_int_equal(an_wilson(x, 40, 0.95, &l95, &h95), 0);
		assert_int_equal(an_wilson(x, 40, 0.99, &l99, &h99), 0);
		assert_true(l95 <= x / 40.0 + 1e-15 && h95 >= x / 40.0 - 1e-15);
		assert_true(l99 <= l95 && h99 >= h95);
		assert_true(l95 >= 0.0 && h95 <= 1.0);
		/* symmetric: x of n against n - x of n */
		assert_int_equal(an_wilson(40 - x, 40, 0.95, &l, &h), 0);
		assert_true(fabs(l - (1.0 - h95)) < 1e-12 && fabs(h - (1.0 - l95)) < 1e-12);
		/* the correction only widens */
		assert_int_equal(an_wilson_cc(x, 40, 0.95, &l, &h), 0);
		assert_true(l <= l95 + 1e-15 && h >= h95 - 1e-15);
	}
	/* Large counts: the 5-million-row scale stays finite. */
	assert_int_equal(an_wilson(120000, 125000, 0.95, &l, &h), 0);
	assert_true(l > 0.95 && h < 0.97);
}

/* ---- t tests and d_z ----------------------------------------------------------- */

static void
check_ttest(const char *id, const struct an_ttest *t)
{
	check_ref(E_T, id, "statistic", t->t);
	check_ref(E_T, id, "df", t->df);
	check_ref(E_T, id, "p_value", t->p);
	check_ref(E_T, id, "ci_low", t->ci_low);
	check_ref(E_T, id, "ci_high", t->ci_high);
	check_ref(E_T, id, "estimate", t->estimate);
}

static void
test_ttest_reference(void **state)
{
	static double sleep[2 * 20], wide[2 * 10];
	const int extra[1] = { 0 }, pair[2] = { 1, 2 };
	struct an_ttest t;
	size_t n;

	(void)state;
	/* T02: t.test(sleep$extra), mu = 0. */
	n = read_columns(REF "data/sleep.csv", 1, extra, sleep, 20);
	assert_int_equal(n, 20);
	assert_int_equal(an_ttest_one(sleep, n, 0.0, 0.95, &t), 0);
	assert_int_equal(t.n, 20);
	check_ttest("T02_one_sample_t_sleep", &t);

	/* T01: t.test(extra_1, extra_2, paired = TRUE): after = extra_1, before = extra_2. */
	n = read_columns(REF "data/sleep-wide.csv", 2, pair, wide, 10);
	assert_int_equal(n, 10);
	assert_int_equal(an_ttest_paired(wide + 10, wide, n, 0.95, &t), 0);
	check_ttest("T01_paired_t_sleep", &t);
	/* d_z of the same changes: R mean(d) / sd(d) with d <- extra_1 - extra_2. */
	{
		double d[10];
		size_t i;

		for (i = 0; i < 10; i++)
			d[i] = wide[i] - wide[10 + i];
		check_value(E_DZ, "d_z sleep", an_cohen_dz(d, 10), -1.2845575625910546);
	}
}

/*
 * A retrospective before/after confidence rating of twelve people (a
 * Likert 1-5 pair, as a feedback form gives): R 4.2.2
 *   before <- c(2,3,3,2,4,1,3,2,3,4,2,3); after <- c(4,4,3,3,5,3,4,4,3,5,4,4)
 *   t.test(after, before, paired = TRUE): t 5.6307976657789061, df 11,
 *     p 0.00015312326203862411, CI 0.71063606984505157 1.6226972634882817,
 *     mean 1.1666666666666667
 *   d <- after - before; mean(d) / sd(d): 1.625471274044884
 */
static const double likert_before[12] = { 2, 3, 3, 2, 4, 1, 3, 2, 3, 4, 2, 3 };
static const double likert_after[12] = { 4, 4, 3, 3, 5, 3, 4, 4, 3, 5, 4, 4 };

static void
test_ttest_likert(void **state)
{
	struct an_ttest t;
	double d[12];
	size_t i;

	(void)state;
	assert_int_equal(an_ttest_paired(likert_before, likert_after, 12, 0.95, &t), 0);
	check_value(E_T, "likert t", t.t, 5.6307976657789061);
	check_value(E_T, "likert df", t.df, 11);
	check_value(E_T, "likert p", t.p, 0.00015312326203862411);
	check_value(E_T, "likert ci_low", t.ci_low, 0.71063606984505157);
	check_value(E_T, "likert ci_high", t.ci_high, 1.6226972634882817);
	check_value(E_T, "likert mean change", t.estimate, 1.1666666666666667);
	for (i = 0; i < 12; i++)
		d[i] = likert_after[i] - likert_before[i];
	check_value(E_DZ, "likert d_z", an_cohen_dz(d, 12), 1.625471274044884);
}

static void
test_ttest_bad_input(void **state)
{
	const double one[1] = { 3 }, same[4] = { 2, 2, 2, 2 }, bad[3] = { 1, NAN, 2 };
	const double ok[3] = { 1, 2, 4 };
	struct an_ttest t;

	(void)state;
	/* One value: no sd, no interval. */
	assert_int_equal(an_ttest_one(one, 1, 0.0, 0.95, &t), -1);
	assert_true(t.estimate == 3.0 && isnan(t.sd) && isnan(t.ci_low) && isnan(t.p));
	assert_int_equal(an_ttest_one(one, 0, 0.0, 0.95, &t), -1);
	assert_true(isnan(t.estimate));
	/* Constant data: the mean and sd, but no test (R: "essentially constant"). */
	assert_int_equal(an_ttest_one(same, 4, 0.0, 0.95, &t), -1);
	assert_true(t.estimate == 2.0 && t.sd == 0.0 && isnan(t.t) && isnan(t.ci_high));
	assert_int_equal(an_ttest_paired(same, same, 4, 0.95, &t), -1);
	assert_true(t.estimate == 0.0 && isnan(t.p));
	assert_int_equal(an_ttest_one(bad, 3, 0.0, 0.95, &t), -1);
	assert_int_equal(an_ttest_one(ok, 3, 0.0, 1.0, &t), -1);
	assert_int_equal(an_ttest_one(ok, 3, NAN, 0.95, &t), -1);
	assert_int_equal(an_ttest_one(ok, 3, 0.0, 0.95, &t), 0);
	assert_true(isnan(an_cohen_dz(same, 4)) && isnan(an_cohen_dz(one, 1)));
}

/* ---- Wilcoxon ------------------------------------------------------------------ */

static void
test_wilcoxon_reference(void **state)
{
	static double dep[2 * 9];
	const int cols[2] = { 0, 1 };
	double d[9];
	struct an_wilcoxon w;
	size_t i, n;

	(void)state;
	n = read_columns(REF "data/depression-paired.csv", 2, cols, dep, 9);
	assert_int_equal(n, 9);
	/* wilcox.test(x, y, paired = TRUE, ...) ranks x - y: first - second. */
	for (i = 0; i < n; i++)
		d[i] = dep[i] - dep[9 + i];
	assert_int_equal(an_wilcoxon_signed(d, n, AN_GREATER, 1, 1, &w), 0);
	assert_true(w.exact && !w.ties && w.zeros == 0 && w.n == 9);
	check_ref(E_WILCOXON, "T11a_wilcox_paired_greater_exact", "statistic", w.v);
	check_ref(E_WILCOXON, "T11a_wilcox_paired_greater_exact", "p_value", w.p);
	assert_int_equal(an_wilcoxon_signed(d, n, AN_TWO_SIDED, 1, 1, &w), 0);
	assert_true(w.exact);
	check_ref(E_WILCOXON, "T11b_wilcox_paired_two_sided_exact", "statistic", w.v);
	check_ref(E_WILCOXON, "T11b_wilcox_paired_two_sided_exact", "p_value", w.p);
	/* T11c: wilcox.test(y - x, alternative = "less", exact = FALSE, correct = FALSE). */
	for (i = 0; i < n; i++)
		d[i] = dep[9 + i] - dep[i];
	assert_int_equal(an_wilcoxon_signed(d, n, AN_LESS, 0, 0, &w), 0);
	assert_true(!w.exact && isfinite(w.z));
	check_ref(E_WILCOXON, "T11c_wilcox_onesample_less_normal_nocc", "statistic", w.v);
	check_ref(E_WILCOXON, "T11c_wilcox_onesample_less_normal_nocc", "p_value", w.p);
}

static void
test_wilcoxon_r(void **state)
{
	double d[60];
	struct an_wilcoxon w;
	size_t i;

	(void)state;
	/* Ties and zeros: the normal approximation with tie and continuity
	 * correction.  R 4.2.2: wilcox.test(after, before, paired = TRUE) on the
	 * Likert pair above: V = 55, p = 0.0045651137887866636 (warnings:
	 * cannot compute exact p-value with ties / with zeroes). */
	for (i = 0; i < 12; i++)
		d[i] = likert_after[i] - likert_before[i];
	assert_int_equal(an_wilcoxon_signed(d, 12, AN_TWO_SIDED, 1, 1, &w), 0);
	assert_true(!w.exact && w.ties && w.zeros == 2 && w.n == 10);
	check_value(E_WILCOXON, "likert V", w.v, 55);
	check_value(E_WILCOXON, "likert p", w.p, 0.0045651137887866636);

	/* Ties, no zeros, one-sided, no continuity correction.  R 4.2.2:
	 * wilcox.test(c(1, 2, 2, -1, 3, 3, 3, 1, 2), alternative = "greater",
	 * correct = FALSE): V = 43, p = 0.0070519578472521939. */
	{
		const double t2[9] = { 1, 2, 2, -1, 3, 3, 3, 1, 2 };

		assert_int_equal(an_wilcoxon_signed(t2, 9, AN_GREATER, 1, 0, &w), 0);
		assert_true(!w.exact && w.ties && w.zeros == 0);
		check_value(E_WILCOXON, "ties V", w.v, 43);
		check_value(E_WILCOXON, "ties p", w.p, 0.0070519578472521939);
	}

	/* Exact, two-sided, V above its mean.  R 4.2.2:
	 * wilcox.test(c(0.5, 1.25, -0.75, 2, 3.5, 4.25, -0.1)): V = 24,
	 * p = 0.10937500000000003. */
	{
		const double t4[7] = { 0.5, 1.25, -0.75, 2, 3.5, 4.25, -0.1 };

		assert_int_equal(an_wilcoxon_signed(t4, 7, AN_TWO_SIDED, 1, 1, &w), 0);
		assert_true(w.exact);
		check_value(E_WILCOXON, "exact V", w.v, 24);
		check_value(E_WILCOXON, "exact p", w.p, 0.10937500000000003);
	}

	/* No ties: exact below 50 differences, normal from 50.  R 4.2.2:
	 * i <- 1:60; d3 <- ifelse(i %% 3 == 0, -1, 1) * i / 4
	 * wilcox.test(d3): V = 1200, p = 0.036226494178786643 (with continuity
	 * correction); wilcox.test(d3[1:49]): V = 817, p = 0.041703854232423516
	 * (exact). */
	for (i = 0; i < 60; i++)
		d[i] = ((i + 1) % 3 == 0 ? -1.0 : 1.0) * (double)(i + 1) / 4.0;
	assert_int_equal(an_wilcoxon_signed(d, 60, AN_TWO_SIDED, 1, 1, &w), 0);
	assert_true(!w.exact && !w.ties);
	check_value(E_WILCOXON, "n 60 V", w.v, 1200);
	check_value(E_WILCOXON, "n 60 p", w.p, 0.036226494178786643);
	assert_int_equal(an_wilcoxon_signed(d, 49, AN_TWO_SIDED, 1, 1, &w), 0);
	assert_true(w.exact);
	check_value(E_WILCOXON, "n 49 V", w.v, 817);
	check_value(E_WILCOXON, "n 49 p", w.p, 0.041703854232423516);
}

static void
test_wilcoxon_bad_input(void **state)
{
	const double zeros[3] = { 0, 0, 0 }, bad[2] = { 1, INFINITY }, one[1] = { -2 };
	struct an_wilcoxon w;

	(void)state;
	assert_int_equal(an_wilcoxon_signed(zeros, 0, AN_TWO_SIDED, 1, 1, &w), -1);
	assert_int_equal(an_wilcoxon_signed(zeros, 3, AN_TWO_SIDED, 1, 1, &w), -1);
	assert_true(w.zeros == 3 && w.n == 0 && isnan(w.p));
	assert_int_equal(an_wilcoxon_signed(bad, 2, AN_TWO_SIDED, 1, 1, &w), -1);
	/* One difference: exact, p = min(2 * 1/2, 1) = 1 (R: wilcox.test(-2)). */
	assert_int_equal(an_wilcoxon_signed(one, 1, AN_TWO_SIDED, 1, 1, &w), 0);
	assert_true(w.exact && w.v == 0.0 && w.p == 1.0);
}

/* ---- trend, Fisher, Newcombe ------------------------------------------------------- */

static void
test_trend_reference(void **state)
{
	static double smokers[2 * 4];
	const int cols[2] = { 1, 2 };
	int64_t x[4], n[4];
	double chisq, p;
	size_t i, k;

	(void)state;
	/* T08: prop.trend.test(smokers, patients) on Fleiss's four groups. */
	k = read_columns(REF "data/smokers-fleiss.csv", 2, cols, smokers, 4);
	assert_int_equal(k, 4);
	for (i = 0; i < k; i++) {
		x[i] = (int64_t)smokers[i];
		n[i] = (int64_t)smokers[4 + i];
	}
	assert_int_equal(an_prop_trend(x, n, NULL, k, &chisq, &p), 0);
	check_ref(E_TREND, "T08_prop_trend_test", "statistic", chisq);
	check_ref(E_TREND, "T08_prop_trend_test", "df", 1);
	check_ref(E_TREND, "T08_prop_trend_test", "p_value", p);
}

static void
test_trend_r(void **state)
{
	const int64_t x1[3] = { 2, 4, 7 }, n1[3] = { 8, 9, 10 };
	const int64_t x2[4] = { 5, 3, 1, 0 }, n2[4] = { 5, 5, 5, 4 };
	const int64_t x3[3] = { 1, 3, 2 }, n3[3] = { 4, 6, 5 };
	const double s3[3] = { 0, 2, 7 };
	double chisq, p;

	(void)state;
	/* R 4.2.2: prop.trend.test(c(2, 4, 7), c(8, 9, 10)):
	 * X-squared = 3.65677579681729, p = 0.055841597010222573 */
	assert_int_equal(an_prop_trend(x1, n1, NULL, 3, &chisq, &p), 0);
	check_value(E_TREND, "trend 1 chisq", chisq, 3.65677579681729);
	check_value(E_TREND, "trend 1 p", p, 0.055841597010222573);
	/* prop.trend.test(c(5, 3, 1, 0), c(5, 5, 5, 4)): 10.753901808785521,
	 * p = 0.0010405969699938461 (five-case audits: all met, then none) */
	assert_int_equal(an_prop_trend(x2, n2, NULL, 4, &chisq, &p), 0);
	check_value(E_TREND, "trend 2 chisq", chisq, 10.753901808785521);
	check_value(E_TREND, "trend 2 p", p, 0.0010405969699938461);
	/* prop.trend.test(c(1, 3, 2), c(4, 6, 5), score = c(0, 2, 7)):
	 * 0.049288061336254185, p = 0.82430676276124815 */
	assert_int_equal(an_prop_trend(x3, n3, s3, 3, &chisq, &p), 0);
	check_value(E_TREND, "trend 3 chisq", chisq, 0.049288061336254185);
	check_value(E_TREND, "trend 3 p", p, 0.82430676276124815);
}

static void
test_trend_bad_input(void **state)
{
	const int64_t all[3] = { 5, 5, 5 }, none[3] = { 0, 0, 0 }, n[3] = { 5, 5, 5 };
	const int64_t zero_n[3] = { 5, 0, 5 }, over[3] = { 6, 1, 1 };
	const double flat[3] = { 2, 2, 2 };
	double chisq, p;

	(void)state;
	assert_int_equal(an_prop_trend(all, n, NULL, 3, &chisq, &p), -1);	/* R: NaN */
	assert_true(isnan(chisq) && isnan(p));
	assert_int_equal(an_prop_trend(none, n, NULL, 3, &chisq, &p), -1);
	assert_int_equal(an_prop_trend(n, zero_n, NULL, 3, &chisq, &p), -1);
	assert_int_equal(an_prop_trend(over, n, NULL, 3, &chisq, &p), -1);
	assert_int_equal(an_prop_trend(over, n, NULL, 1, &chisq, &p), -1);
	assert_int_equal(an_prop_trend(none + 1, n, flat, 2, &chisq, &p), -1);
}

/* T14_fisher_A_B_vs_C_D: the table [[A, B - A], [C, D - C]]. */
static void
test_fisher_reference(void **state)
{
	int checked = 0;
	size_t i;
	double p;

	(void)state;
	for (i = 0; i < nrefs; i++) {
		int a, b, c, d;

		if (strncmp(refs[i].id, "T14_", 4) != 0)
			continue;
		if (strcmp(refs[i].id, "T14_fisher_tea_tasting") == 0) {
			/* matrix(c(3, 1, 1, 3), 2): [[3, 1], [1, 3]] */
			assert_int_equal(an_fisher_2x2(3, 1, 1, 3, &p), 0);
		} else {
			if (sscanf(refs[i].id, "T14_fisher_%d_%d_vs_%d_%d", &a, &b, &c, &d) != 4)
				fail_msg("cannot read the case of %s", refs[i].id);
			assert_int_equal(an_fisher_2x2(a, b - a, c, d - c, &p), 0);
		}
		check_ref(E_FISHER, refs[i].id, "p_value", p);
		checked++;
	}
	assert_int_equal(checked, 11);
}

static void
test_fisher_r(void **state)
{
	double p;

	(void)state;
	/* R 4.2.2: fisher.test(matrix(c(3, 2, 2, 3), 2))$p.value:
	 * 0.99999999999999989 (every table ties with another) */
	assert_int_equal(an_fisher_2x2(3, 2, 2, 3, &p), 0);
	check_value(E_FISHER, "fisher 3 2 2 3", p, 0.99999999999999989);
	/* fisher.test(matrix(c(0, 5, 5, 0), 2)): 0.0079365079365079395 */
	assert_int_equal(an_fisher_2x2(0, 5, 5, 0, &p), 0);
	check_value(E_FISHER, "fisher 0 5 5 0", p, 0.0079365079365079395);
	/* fisher.test(matrix(c(12, 3, 8, 9), 2)): 0.075867711305637534 */
	assert_int_equal(an_fisher_2x2(12, 8, 3, 9, &p), 0);
	check_value(E_FISHER, "fisher 12 8 3 9", p, 0.075867711305637534);
	/* Tables whose ties hold only to rounding: without R's 1 + 1e-7 these
	 * give half the p.  fisher.test(matrix(c(0, 6, 7, 4), 2)):
	 * 0.034502262443438923; fisher.test(matrix(c(0, 4, 4, 7), 2)):
	 * 0.51648351648351665 */
	assert_int_equal(an_fisher_2x2(0, 7, 6, 4, &p), 0);
	check_value(E_FISHER, "fisher 0 7 6 4", p, 0.034502262443438923);
	assert_int_equal(an_fisher_2x2(0, 4, 4, 7, &p), 0);
	check_value(E_FISHER, "fisher 0 4 4 7", p, 0.51648351648351665);
	assert_int_equal(an_fisher_2x2(12, 8, 3, 9, &p), 0);
	/* The test is symmetric in rows and columns. */
	{
		double q;

		assert_int_equal(an_fisher_2x2(3, 9, 12, 8, &q), 0);
		assert_true(fabs(p - q) <= 1e-15);
	}
	assert_int_equal(an_fisher_2x2(0, 0, 0, 0, &p), 0);
	assert_true(p == 1.0);
	assert_int_equal(an_fisher_2x2(-1, 2, 3, 4, &p), -1);
	assert_true(isnan(p));
	assert_int_equal(an_fisher_2x2(INT64_C(5000000000), 2, 3, 4, &p), -1);
}

/* T15_newcombe10_A_B_vs_C_D: A/B - C/D. */
static void
test_newcombe_reference(void **state)
{
	int checked = 0;
	size_t i;

	(void)state;
	for (i = 0; i < nrefs; i++) {
		int a, b, c, d;
		double diff, low, high;
		const char *q = refs[i].quantity;

		if (strncmp(refs[i].id, "T15_", 4) != 0)
			continue;
		if (sscanf(refs[i].id, "T15_newcombe10_%d_%d_vs_%d_%d", &a, &b, &c, &d) != 4)
			fail_msg("cannot read the case of %s", refs[i].id);
		assert_int_equal(an_newcombe(a, b, c, d, 0.95, &diff, &low, &high), 0);
		check_ref(E_NEWCOMBE, refs[i].id, q, strcmp(q, "estimate") == 0 ? diff :
		    strcmp(q, "ci_low") == 0 ? low : high);
		checked++;
	}
	/* Newcombe's eight Table II examples and two more, three values each. */
	assert_int_equal(checked, 30);
}

static void
test_newcombe_bad_input(void **state)
{
	double diff, low, high;

	(void)state;
	assert_int_equal(an_newcombe(1, 0, 1, 2, 0.95, &diff, &low, &high), -1);
	assert_true(isnan(diff) && isnan(low) && isnan(high));
	assert_int_equal(an_newcombe(1, 2, 3, 2, 0.95, &diff, &low, &high), -1);
	/* The interval stays inside [-1, 1] and holds the difference. */
	assert_int_equal(an_newcombe(5, 5, 0, 5, 0.95, &diff, &low, &high), 0);
	assert_true(diff == 1.0 && high == 1.0 && low > 0.0 && low < 1.0);
}

/* ---- NIST StRD univariate ---------------------------------------------------------- */

/*
 * Reads a NIST column both ways: as doubles (strtod) and as exact integers
 * scaled by 10^decimals (every value of these sets has at most 5 decimals
 * and 9 digits, so it is exact in a double).  Returns the count, sets
 * *decimals.
 */
static size_t
read_nist(const char *name, double *raw, double *scaled, size_t max, int *decimals)
{
	char path[256], line[128];
	FILE *fp;
	size_t n = 0, i;
	int dec = 0;
	static char text[6000][32];

	snprintf(path, sizeof path, NIST "csv/%s.csv", name);
	assert_non_null(fp = fopen(path, "r"));
	assert_non_null(fgets(line, sizeof line, fp));	/* header */
	while (fgets(line, sizeof line, fp) != NULL && n < max && n < 6000) {
		const char *dot;

		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0')
			continue;
		assert_true(strlen(line) < sizeof text[n]);
		memcpy(text[n], line, strlen(line) + 1);
		raw[n] = strtod(line, NULL);
		if ((dot = strchr(line, '.')) != NULL && (int)strlen(dot + 1) > dec)
			dec = (int)strlen(dot + 1);
		n++;
	}
	fclose(fp);
	for (i = 0; i < n; i++) {
		char digits[40], *o = digits;
		const char *p = text[i], *dot = strchr(p, '.');
		int have = dot ? (int)strlen(dot + 1) : 0, k;

		for (; *p; p++)
			if (*p != '.')
				*o++ = *p;
		for (k = have; k < dec; k++)
			*o++ = '0';
		*o = '\0';
		scaled[i] = (double)strtoll(digits, NULL, 10);
	}
	*decimals = dec;
	return n;
}

/* The textbook one-pass variance: what NumAcc4 is there to catch. */
static double
naive_sd(const double *x, size_t n)
{
	double s = 0.0, ss = 0.0;
	size_t i;

	for (i = 0; i < n; i++) {
		s += x[i];
		ss += x[i] * x[i];
	}
	return sqrt(fmax((ss - s * s / (double)n) / (double)(n - 1), 0.0));
}

/*
 * Every set's certified mean and sd to 1e-12 relative.  The data are read as
 * exact decimals (scaled to integers): NIST certifies the decimal data, and
 * the nearest doubles to 1000000.2 or 10000000.1 are themselves off by up to
 * 6e-11 and 9e-10, which moves the sd of NumAcc3 by 3.5e-10 and of NumAcc4
 * by 5.6e-9 however exactly it is computed (exact rational arithmetic on
 * those doubles says so).  Scaling by a power of ten keeps each set's
 * difficulty (mean / sd is unchanged: 1e8 for NumAcc4) and the one-pass
 * formula still fails on it, as checked below.  The doubles read as they
 * are must then agree to that representation error: 1e-12 for the seven
 * other sets, 1e-9 and 1e-8 for NumAcc3 and NumAcc4.
 */
static void
test_nist_univariate(void **state)
{
	FILE *fp = fopen(NIST "certified.csv", "r");
	char line[512];
	static double raw[6000], scaled[6000];
	int sets = 0;

	(void)state;
	assert_non_null(fp);
	assert_non_null(fgets(line, sizeof line, fp));
	while (fgets(line, sizeof line, fp) != NULL) {
		char name[32];
		long n_cert;
		double mean_cert, sd_cert, mean, sd, scale, raw_tol;
		int decimals;
		size_t n;

		if (sscanf(line, "%31[^,],%*[^,],%ld,%lf,%lf", name, &n_cert, &mean_cert,
		    &sd_cert) != 4)
			fail_msg("cannot read %s", line);
		n = read_nist(name, raw, scaled, 6000, &decimals);
		assert_int_equal(n, n_cert);
		scale = pow(10.0, decimals);
		assert_int_equal(an_mean_sd(scaled, n, &mean, &sd), 0);
		mean /= scale;
		sd /= scale;
		if (rel_err(mean, mean_cert) > NIST_TOL || rel_err(sd, sd_cert) > NIST_TOL)
			fail_msg("%s: mean %.17g sd %.17g, certified %.15g %.15g", name, mean, sd,
			    mean_cert, sd_cert);
		e_max[E_MEAN] = fmax(e_max[E_MEAN], rel_err(mean, mean_cert));
		e_max[E_SD] = fmax(e_max[E_SD], rel_err(sd, sd_cert));
		print_message("# NIST %-8s mean %.3g sd %.3g relative error (exact decimals)\n",
		    name, rel_err(mean, mean_cert), rel_err(sd, sd_cert));

		raw_tol = strcmp(name, "NumAcc3") == 0 ? 1e-9 :
		    strcmp(name, "NumAcc4") == 0 ? 1e-8 : NIST_TOL;
		assert_int_equal(an_mean_sd(raw, n, &mean, &sd), 0);
		if (rel_err(mean, mean_cert) > NIST_TOL || rel_err(sd, sd_cert) > raw_tol)
			fail_msg("%s as doubles: mean %.17g sd %.17g, certified %.15g %.15g", name,
			    mean, sd, mean_cert, sd_cert);
		print_message("# NIST %-8s mean %.3g sd %.3g relative error (doubles as read)\n",
		    name, rel_err(mean, mean_cert), rel_err(sd, sd_cert));
		if (strcmp(name, "NumAcc4") == 0)	/* the test can fail */
			assert_true(rel_err(naive_sd(scaled, n) / scale, sd_cert) > 1e-6);
		sets++;
	}
	fclose(fp);
	assert_int_equal(sets, 9);
}

static void
test_mean_sd_bad_input(void **state)
{
	const double one[1] = { 4 }, bad[2] = { 1, NAN };
	double mean, sd;

	(void)state;
	assert_int_equal(an_mean_sd(one, 0, &mean, &sd), -1);
	assert_true(isnan(mean) && isnan(sd));
	assert_int_equal(an_mean_sd(one, 1, &mean, &sd), 0);
	assert_true(mean == 4.0 && isnan(sd));
	assert_int_equal(an_mean_sd(bad, 2, &mean, NULL), -1);
	assert_true(isnan(mean));
}

static int
report(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < E_N; i++)
		print_message("# largest relative error, %s: %.3g\n", e_name[i], e_max[i]);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wilson_reference),
		cmocka_unit_test(test_wilson_bad_input),
		cmocka_unit_test(test_wilson_properties),
		cmocka_unit_test(test_ttest_reference),
		cmocka_unit_test(test_ttest_likert),
		cmocka_unit_test(test_ttest_bad_input),
		cmocka_unit_test(test_wilcoxon_reference),
		cmocka_unit_test(test_wilcoxon_r),
		cmocka_unit_test(test_wilcoxon_bad_input),
		cmocka_unit_test(test_trend_reference),
		cmocka_unit_test(test_trend_r),
		cmocka_unit_test(test_trend_bad_input),
		cmocka_unit_test(test_fisher_reference),
		cmocka_unit_test(test_fisher_r),
		cmocka_unit_test(test_newcombe_reference),
		cmocka_unit_test(test_newcombe_bad_input),
		cmocka_unit_test(test_nist_univariate),
		cmocka_unit_test(test_mean_sd_bad_input),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, load_refs, report);
}
