/*
 * stats: the statistics of lia's analyses, on plain numbers, backed by GSL.
 * It owns the interval and test formulas and nothing else: no database, no
 * output.  GSL's error handler is off (main turns it off), so every GSL
 * result is checked here.  Each function names the reference its values
 * are tested against in tests/test_stats.c.
 */
#include <math.h>

#include <gsl/gsl_cdf.h>

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
