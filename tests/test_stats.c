/*
 * Unit tests for analytics/stats: the Wilson score interval, plain and with
 * continuity correction, against the reference values of
 * tests/conformance/reference-stats/expected.csv (rows T06_* from R's
 * ?prop.test example output, T10_* from SciPy's test suite, which quotes R
 * 3.6.2), compared with the r_4_2_2 column to 1e-9 relative.  The values are
 * read from the file, never retyped here.
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

#define EXPECTED "tests/conformance/reference-stats/expected.csv"
#define TOL 1e-9

static int
close_enough(double got, double want)
{
	return fabs(got - want) <= TOL * fmax(1.0, fabs(want));
}

/*
 * The case an id names: T06 is prop.test(52, 100, correct = FALSE), as
 * SOURCE.md explains; T10_wilson_kK_nN_{cc,nocc}_{95,99} say their own.
 */
static int
case_of(const char *id, int64_t *x, int64_t *n, int *cc, double *level)
{
	int k, nn, lv;
	char kind[8];

	if (strcmp(id, "T06_prop_test_1sample_nocc_wilson") == 0) {
		*x = 52;
		*n = 100;
		*cc = 0;
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
test_reference_values(void **state)
{
	FILE *fp = fopen(EXPECTED, "r");
	char line[1024];
	int checked = 0, cases_t06 = 0, cases_t10 = 0;

	(void)state;
	assert_non_null(fp);
	assert_non_null(fgets(line, sizeof line, fp));	/* header */
	assert_non_null(strstr(line, "r_4_2_2"));
	while (fgets(line, sizeof line, fp) != NULL) {
		char *field[9] = { 0 }, *p = line, *id, *quantity;
		int nf = 0, cc = 0;
		int64_t x = 0, n = 0;
		double level = 0, low, high, want;

		line[strcspn(line, "\r\n")] = '\0';
		/* No field holds a comma or a quote (SOURCE.md). */
		while (nf < 9 && p != NULL) {
			field[nf++] = p;
			if ((p = strchr(p, ',')) != NULL)
				*p++ = '\0';
		}
		if (nf < 9)
			continue;
		id = field[0];
		quantity = field[3];
		if (strncmp(id, "T06_", 4) != 0 && strncmp(id, "T10_", 4) != 0)
			continue;
		if (strcmp(quantity, "ci_low") != 0 && strcmp(quantity, "ci_high") != 0)
			continue;
		if (case_of(id, &x, &n, &cc, &level) != 0)
			fail_msg("cannot read the case of %s", id);
		want = strtod(field[6], NULL);
		if (cc)
			assert_int_equal(an_wilson_cc(x, n, level, &low, &high), 0);
		else
			assert_int_equal(an_wilson(x, n, level, &low, &high), 0);
		if (!close_enough(quantity[3] == 'l' ? low : high, want))
			fail_msg("%s %s: got %.17g, R 4.2.2 gives %.17g", id, quantity,
			    quantity[3] == 'l' ? low : high, want);
		checked++;
		if (id[2] == '6')
			cases_t06++;
		else
			cases_t10++;
	}
	fclose(fp);
	/* T06: one interval; T10: x in {0, 3, 10} at 95% and x = 3 at 99%, each with and without correction. */
	assert_int_equal(cases_t06, 2);
	assert_int_equal(cases_t10, 16);
	assert_int_equal(checked, 18);
}

static void
test_bad_input(void **state)
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
test_properties(void **state)
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_values),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_properties),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
