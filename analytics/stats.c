/*
 * stats: the statistics of lia's analyses, on plain numbers, backed by GSL.
 * It owns the interval and test formulas and nothing else: no database, no
 * output.  GSL's error handler is off (main turns it off), so every GSL
 * result is checked here.  Each function names the reference its values
 * are tested against in tests/test_stats.c.
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>

#include <glib.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_statistics_double.h>

#include "analytics/analytics.h"

/* The two-sided normal quantile z for a confidence level, or NaN. */
static double
z_of_level(double level)
{
	double z;

	if (!(level > 0.0 && level < 1.0))
		return NAN;
	z = gsl_cdf_ugaussian_Pinv((1.0 + level) / 2.0);
	return isfinite(z) && z > 0.0 ? z : NAN;
}

/*
 * Wilson's score interval with a continuity correction c (0 or 1/2), written
 * as R's prop.test writes it so the two agree to rounding: the bounds of
 * p -+ c/n are (p' + z^2/2n -+ z sqrt(p'(1-p')/n + z^2/4n^2)) / (1 + z^2/n),
 * a bound at or beyond 0 or 1 being 0 or 1.
 */
static int
wilson(int64_t x, int64_t n, double level, double c, double *low, double *high)
{
	double z, z22n, p, pc, nn;

	*low = *high = NAN;
	if (n <= 0 || x < 0 || x > n)
		return -1;
	if (isnan(z = z_of_level(level)))
		return -1;
	nn = (double)n;
	p = (double)x / nn;
	z22n = z * z / (2.0 * nn);

	pc = p + c / nn;
	if (pc >= 1.0)
		*high = 1.0;
	else
		*high = (pc + z22n + z * sqrt(pc * (1.0 - pc) / nn + z22n / (2.0 * nn))) /
		    (1.0 + 2.0 * z22n);
	pc = p - c / nn;
	if (pc <= 0.0)
		*low = 0.0;
	else
		*low = (pc + z22n - z * sqrt(pc * (1.0 - pc) / nn + z22n / (2.0 * nn))) /
		    (1.0 + 2.0 * z22n);
	*low = fmax(*low, 0.0);
	*high = fmin(*high, 1.0);
	return 0;
}

int
an_wilson(int64_t x, int64_t n, double level, double *low, double *high)
{
	return wilson(x, n, level, 0.0, low, high);
}

int
an_wilson_cc(int64_t x, int64_t n, double level, double *low, double *high)
{
	return wilson(x, n, level, 0.5, low, high);
}

int
an_mean_sd(const double *x, size_t n, double *mean, double *sd)
{
	double m;
	size_t i;

	if (mean)
		*mean = NAN;
	if (sd)
		*sd = NAN;
	if (n == 0)
		return -1;
	for (i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return -1;
	m = gsl_stats_mean(x, 1, n);
	if (mean)
		*mean = m;
	if (sd && n > 1)
		*sd = gsl_stats_sd_m(x, 1, n, m);
	return 0;
}

/* A two-sided t quantile t(df, (1 + level) / 2), or NaN. */
static double
t_of_level(double level, double df)
{
	double t;

	if (!(level > 0.0 && level < 1.0) || !(df > 0.0))
		return NAN;
	t = gsl_cdf_tdist_Pinv((1.0 + level) / 2.0, df);
	return isfinite(t) && t > 0.0 ? t : NAN;
}

int
an_ttest_one(const double *x, size_t n, double mu, double level, struct an_ttest *out)
{
	double se, q, tail;

	out->n = n;
	out->estimate = out->sd = out->t = out->p = out->ci_low = out->ci_high = NAN;
	out->df = n > 0 ? (double)n - 1.0 : NAN;
	if (an_mean_sd(x, n, &out->estimate, &out->sd) != 0 || n < 2 || !isfinite(mu))
		return -1;
	se = out->sd / sqrt((double)n);
	if (!(se > 10.0 * DBL_EPSILON * fabs(out->estimate)))
		return -1;	/* constant data: R's t.test stops here */
	if (isnan(q = t_of_level(level, out->df)))
		return -1;
	out->t = (out->estimate - mu) / se;
	/* Two-sided: 2 P(T > |t|), as R's 2 * pt(-abs(t), df). */
	tail = gsl_cdf_tdist_Q(fabs(out->t), out->df);
	if (!(tail >= 0.0 && tail <= 0.5)) {
		out->t = NAN;
		return -1;
	}
	out->p = 2.0 * tail;
	out->ci_low = out->estimate - q * se;
	out->ci_high = out->estimate + q * se;
	return 0;
}

int
an_ttest_paired(const double *before, const double *after, size_t n, double level,
    struct an_ttest *out)
{
	double *d = g_new(double, n ? n : 1);
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		d[i] = after[i] - before[i];
	rc = an_ttest_one(d, n, 0.0, level, out);
	g_free(d);
	return rc;
}

double
an_cohen_dz(const double *d, size_t n)
{
	double m, sd;

	if (an_mean_sd(d, n, &m, &sd) != 0 || n < 2 || !(sd > 0.0))
		return NAN;
	return m / sd;
}

/* A difference by its size, remembering its sign. */
struct signed_abs {
	double size;
	int positive;
};

static int
cmp_size(const void *a, const void *b)
{
	double x = ((const struct signed_abs *)a)->size, y = ((const struct signed_abs *)b)->size;

	return (x > y) - (x < y);
}

/*
 * The exact null distribution of V for n ranks: counts[k] of the 2^n sign
 * patterns whose positive ranks sum to k, k = 0 .. n(n+1)/2, adding one
 * rank at a time.  For n < 50 every count, and every sum of them, is below
 * 2^49 and so held exactly in a double.
 */
static double *
signrank_counts(size_t n)
{
	size_t top = n * (n + 1) / 2, i, k;
	double *c = g_new0(double, top + 1);

	c[0] = 1.0;
	for (i = 1; i <= n; i++)
		for (k = i * (i + 1) / 2; k >= i; k--)
			c[k] += c[k - i];
	return c;
}

/* P(V <= q) (lower) or P(V >= q) (upper) under the exact null, as R's psignrank. */
static double
signrank_tail(const double *c, size_t n, double q, int upper)
{
	long top = (long)(n * (n + 1) / 2), k;
	double sum = 0.0;

	if (upper) {
		for (k = (long)ceil(q - 1e-7); k <= top; k++)
			if (k >= 0)
				sum += c[k];
	} else {
		for (k = 0; k <= top && k <= (long)floor(q + 1e-7); k++)
			sum += c[k];
	}
	return ldexp(sum, -(int)n);
}

int
an_wilcoxon_signed(const double *d, size_t n, enum an_alternative alternative,
    int exact, int correct, struct an_wilcoxon *out)
{
	struct signed_abs *a = NULL;
	double mean, sigma, ties3 = 0.0, z, correction = 0.0, lower, upper;
	size_t m = 0, i, j;
	int rc = -1;

	out->n = out->zeros = 0;
	out->ties = out->exact = 0;
	out->v = out->z = out->p = NAN;
	if (n == 0)
		return -1;
	for (i = 0; i < n; i++)
		if (!isfinite(d[i]))
			return -1;
	a = g_new(struct signed_abs, n);
	for (i = 0; i < n; i++)
		if (d[i] != 0.0) {
			a[m].size = fabs(d[i]);
			a[m++].positive = d[i] > 0.0;
		}
	out->n = m;
	out->zeros = n - m;
	if (m == 0)
		goto out;
	qsort(a, m, sizeof a[0], cmp_size);
	/* Each run of equal sizes shares its mean rank; V adds it for the positive ones. */
	out->v = 0.0;
	for (i = 0; i < m; i = j) {
		double rank, t;
		size_t k, positive = 0;

		for (j = i + 1; j < m && a[j].size == a[i].size; j++)
			;
		rank = ((double)(i + 1) + (double)j) / 2.0;
		for (k = i; k < j; k++)
			positive += (size_t)a[k].positive;
		out->v += rank * (double)positive;
		t = (double)(j - i);
		if (j - i > 1) {
			out->ties = 1;
			ties3 += t * t * t - t;
		}
	}
	mean = (double)m * ((double)m + 1.0) / 4.0;
	if (exact && m < 50 && !out->ties && out->zeros == 0) {
		double *c = signrank_counts(m);

		out->exact = 1;
		switch (alternative) {
		case AN_TWO_SIDED:
			out->p = out->v > mean ? signrank_tail(c, m, out->v, 1) :
			    signrank_tail(c, m, out->v, 0);
			out->p = fmin(2.0 * out->p, 1.0);
			break;
		case AN_GREATER:
			out->p = signrank_tail(c, m, out->v, 1);
			break;
		case AN_LESS:
			out->p = signrank_tail(c, m, out->v, 0);
			break;
		}
		g_free(c);
		rc = 0;
		goto out;
	}
	sigma = sqrt((double)m * ((double)m + 1.0) * (2.0 * (double)m + 1.0) / 24.0 -
	    ties3 / 48.0);
	z = out->v - mean;
	if (correct)
		correction = alternative == AN_TWO_SIDED ? (z > 0) - (z < 0) :
		    alternative == AN_GREATER ? 1.0 : -1.0;
	z = (z - correction * 0.5) / sigma;
	if (!isfinite(z))
		goto out;
	out->z = z;
	lower = gsl_cdf_ugaussian_P(z);
	upper = gsl_cdf_ugaussian_Q(z);
	if (!(lower >= 0.0 && lower <= 1.0 && upper >= 0.0 && upper <= 1.0))
		goto out;
	out->p = alternative == AN_LESS ? lower : alternative == AN_GREATER ? upper :
	    2.0 * fmin(lower, upper);
	rc = 0;
out:
	g_free(a);
	return rc;
}

/* log C(n, k) through GSL; 0, or -1 when GSL reports an error. */
static int
lnchoose(uint64_t n, uint64_t k, double *out)
{
	gsl_sf_result r;

	if (n > UINT_MAX || k > n || gsl_sf_lnchoose_e((unsigned)n, (unsigned)k, &r) != GSL_SUCCESS ||
	    !isfinite(r.val))
		return -1;
	*out = r.val;
	return 0;
}

int
an_fisher_2x2(int64_t a, int64_t b, int64_t c, int64_t d, double *p)
{
	int64_t m = a + c, nn = b + d, k = a + b, lo, hi, i;
	double *logd = NULL, top = -INFINITY, total = 0.0, observed, sum = 0.0, lc;
	int rc = -1;

	*p = NAN;
	if (a < 0 || b < 0 || c < 0 || d < 0 || a > UINT_MAX || b > UINT_MAX ||
	    c > UINT_MAX || d > UINT_MAX || m + nn > UINT_MAX)
		return -1;
	lo = k - nn > 0 ? k - nn : 0;
	hi = k < m ? k : m;
	logd = g_new(double, (size_t)(hi - lo + 1));
	if (lnchoose((uint64_t)(m + nn), (uint64_t)k, &lc) != 0)
		goto out;
	/* log dhyper(i; m, n, k) over the support, as R's fisher.test. */
	for (i = lo; i <= hi; i++) {
		double l1, l2;

		if (lnchoose((uint64_t)m, (uint64_t)i, &l1) != 0 ||
		    lnchoose((uint64_t)nn, (uint64_t)(k - i), &l2) != 0)
			goto out;
		logd[i - lo] = l1 + l2 - lc;
		top = fmax(top, logd[i - lo]);
	}
	for (i = lo; i <= hi; i++) {
		logd[i - lo] = exp(logd[i - lo] - top);
		total += logd[i - lo];
	}
	observed = logd[a - lo] / total;
	for (i = lo; i <= hi; i++)
		if (logd[i - lo] / total <= observed * (1.0 + 1e-7))
			sum += logd[i - lo] / total;
	*p = fmin(sum, 1.0);
	rc = 0;
out:
	g_free(logd);
	return rc;
}

int
an_newcombe(int64_t x1, int64_t n1, int64_t x2, int64_t n2, double level,
    double *diff, double *low, double *high)
{
	double l1, u1, l2, u2, p1, p2;

	*diff = *low = *high = NAN;
	if (an_wilson(x1, n1, level, &l1, &u1) != 0 || an_wilson(x2, n2, level, &l2, &u2) != 0)
		return -1;
	p1 = (double)x1 / (double)n1;
	p2 = (double)x2 / (double)n2;
	*diff = p1 - p2;
	*low = *diff - sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
	*high = *diff + sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
	return 0;
}

int
an_prop_trend(const int64_t *x, const int64_t *n, const double *score, size_t k,
    double *chisq, double *p)
{
	double sx = 0.0, sn = 0.0, pooled, ms = 0.0, mf = 0.0, sxy = 0.0, sxx = 0.0, q;
	size_t i;

	*chisq = *p = NAN;
	if (k < 2)
		return -1;
	for (i = 0; i < k; i++) {
		if (n[i] <= 0 || x[i] < 0 || x[i] > n[i] || (score && !isfinite(score[i])))
			return -1;
		sx += (double)x[i];
		sn += (double)n[i];
	}
	pooled = sx / sn;
	if (!(pooled > 0.0 && pooled < 1.0))
		return -1;
	/* Weighted least squares of x/n on the score, weights n / (p(1 - p)). */
	for (i = 0; i < k; i++) {
		double s = score ? score[i] : (double)(i + 1);

		ms += (double)n[i] * s;
		mf += (double)x[i];
	}
	ms /= sn;
	mf /= sn;
	for (i = 0; i < k; i++) {
		double s = (score ? score[i] : (double)(i + 1)) - ms;
		double f = (double)x[i] / (double)n[i] - mf;

		sxy += (double)n[i] * s * f;
		sxx += (double)n[i] * s * s;
	}
	if (!(sxx > 0.0))
		return -1;
	*chisq = sxy * sxy / sxx / (pooled * (1.0 - pooled));
	q = gsl_cdf_chisq_Q(*chisq, 1.0);
	if (!(q >= 0.0 && q <= 1.0)) {
		*chisq = NAN;
		return -1;
	}
	*p = q;
	return 0;
}
