/*
 * analytics: the questions the sub-groups ask, answered from the database
 * as result structs.  Nothing here prints or formats: cli/ writes the
 * results as a table, CSV or JSON, and charts/ and reports/ draw them.
 * Each analysis fetches what it needs into arrays with prepared statements
 * (grouping columns chosen from a whitelist, never from user text) and then
 * computes; the statistics (stats.c, GSL) work on plain numbers and are
 * tested without a database.
 */
#ifndef LIA_ANALYTICS_H
#define LIA_ANALYTICS_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

/* ---- statistics (stats.c) ------------------------------------------------ */

/* The confidence level every interval uses unless told otherwise.  (In
 * lia, "level" alone is a training level; a confidence level is "conf".) */
#define AN_CONF 0.95

/* Below this many (answers, pairs, rated cases) a row is flagged small_n and noted. */
#define AN_SMALL_N 10
/* How every such note ends ("...: read its figures with care"), so that a
 * report that shows the small_n flag in its table can say it once. */
#define AN_SMALL_N_NOTE_END "with care"

/*
 * Wilson score interval for a proportion x / n at a two-sided confidence
 * level in (0, 1), without continuity correction (R's prop.test(x, n,
 * correct = FALSE)$conf.int).  Returns 0 and sets *low and *high, clamped
 * to [0, 1]; -1 (both set to NaN) when n <= 0, x < 0, x > n, the level is
 * outside (0, 1) or GSL gives no quantile.  Cannot fail otherwise.
 */
int an_wilson(int64_t x, int64_t n, double conf, double *low, double *high);

/*
 * The same with Yates' continuity correction of 1/2 (Newcombe's method 4;
 * R's prop.test(correct = TRUE) and SciPy's "wilsoncc").  R shrinks the
 * correction to |x - n/2| when that is below 1/2; this does not.  Returns
 * as an_wilson.
 */
int an_wilson_cc(int64_t x, int64_t n, double conf, double *low, double *high);

/*
 * Mean and standard deviation (n - 1 denominator) of x[0..n-1], by GSL's
 * gsl_stats_mean and gsl_stats_sd_m: two passes, the mean first, then the
 * squared deviations from it, each accumulated as a running mean in long
 * double, so no sum of squares of large values is ever formed (the
 * textbook one-pass formula loses every digit on NIST StRD NumAcc4).
 * Tested against the NIST StRD univariate certified values.  Returns 0
 * with *mean and *sd (*sd NaN when n = 1); -1 with both NaN when n = 0 or
 * a value is not finite.  Either pointer may be NULL.
 */
int an_mean_sd(const double *x, size_t n, double *mean, double *sd);

/* Which way a test looks: R's alternative = "two.sided", "less", "greater". */
enum an_alternative {
	AN_TWO_SIDED,
	AN_LESS,
	AN_GREATER
};

/* A t test and its interval: one sample, or the changes of paired data. */
struct an_ttest {
	size_t n;		/* values (pairs) */
	double estimate;	/* their mean: the mean change for pairs */
	double sd;		/* their standard deviation (n - 1) */
	double t;		/* (estimate - mu) / (sd / sqrt(n)) */
	double df;		/* n - 1 */
	double p;		/* two-sided */
	double ci_low, ci_high;	/* estimate -+ t(df, (1 + level) / 2) sd / sqrt(n) */
};

/*
 * One-sample t test of mean mu and the t interval of the mean at a
 * two-sided level in (0, 1), as R's t.test(x, mu = mu, conf.level =
 * level).  Returns 0 with every field set.  Returns -1 when n < 2, a value
 * is not finite or the level is outside (0, 1) (out->n, estimate and sd
 * set where they can be, the rest NaN); and -1 when the data are constant
 * (sd / sqrt(n) <= 10 DBL_EPSILON |mean|, R's "data are essentially
 * constant"), with n, estimate and sd set and t, p and the interval NaN;
 * or when GSL gives no t quantile or tail probability.
 */
int an_ttest_one(const double *x, size_t n, double mu, double conf, struct an_ttest *out);

/*
 * Paired t test of after - before over n pairs, as R's t.test(after,
 * before, paired = TRUE): the one-sample test of the changes against 0.
 * Returns as an_ttest_one.
 */
int an_ttest_paired(const double *before, const double *after, size_t n, double conf,
    struct an_ttest *out);

/* Wilcoxon's signed-rank test of differences against 0. */
struct an_wilcoxon {
	size_t n;		/* differences other than zero: the ones ranked */
	size_t zeros;		/* zero differences, dropped */
	int ties;		/* 1 when two absolute differences are equal */
	int exact;		/* 1: p from the exact null distribution; 0: normal */
	double v;		/* R's V: the sum of the ranks of the positive differences */
	double z;		/* the normal score (continuity corrected); NaN when exact */
	double p;
};

/*
 * Wilcoxon's signed-rank test of d[0..n-1] (the changes after - before of
 * paired data) as R's wilcox.test(d, alternative =, exact =, correct =)
 * (equivalently wilcox.test(after, before, paired = TRUE)): zero
 * differences dropped; the absolute differences ranked with ties given
 * their mean rank; V the sum of the ranks of the positive ones.  With
 * exact 1 (R's default, exact = NULL) the p is exact when fewer than 50
 * differences remain and there are no ties and no zeros; otherwise, and
 * always with exact 0 (R's exact = FALSE), it is the normal approximation
 * with the tie correction of the variance and, when correct is 1, the
 * continuity correction of 1/2 towards the mean.  Returns 0 with every field set; -1 when n = 0, a
 * value is not finite or no difference is left (p NaN, counts set), or
 * when GSL gives no normal tail.
 */
int an_wilcoxon_signed(const double *d, size_t n, enum an_alternative alternative,
    int exact, int correct, struct an_wilcoxon *out);

/*
 * Effect size d_z of paired data: the mean change over the standard
 * deviation of the changes (Cohen's d for repeated measures as Lakens
 * 2013 names it), from the changes d[0..n-1].  Returns it, or NaN when n
 * < 2, a value is not finite or the changes do not vary.
 */
double an_cohen_dz(const double *d, size_t n);

/*
 * Fisher's exact test of the 2 x 2 table [[a, b], [c, d]], two-sided, as
 * R's fisher.test(matrix(c(a, c, b, d), 2))$p.value: the sum of the
 * hypergeometric probabilities (given the margins) of the tables no more
 * likely than the one observed, "no more" with R's relative tolerance
 * 1 + 1e-7, each probability from log binomial coefficients (GSL's
 * gsl_sf_lnchoose_e) scaled by the largest as R does.  Returns 0 with *p
 * in [0, 1]; -1 with *p NaN when a count is negative or above UINT_MAX, or
 * GSL fails.  A table of zeros has p 1.
 */
int an_fisher_2x2(int64_t a, int64_t b, int64_t c, int64_t d, double *p);

/*
 * The difference of two proportions x1/n1 - x2/n2 with Newcombe's hybrid
 * score interval (Newcombe 1998, Statistics in Medicine 17:873-890,
 * method 10), built from the two Wilson score intervals (l1, u1), (l2, u2)
 * of an_wilson: diff - sqrt((p1 - l1)^2 + (u2 - p2)^2) to
 * diff + sqrt((u1 - p1)^2 + (p2 - l2)^2).  Returns 0 with the three set;
 * -1 with all NaN when either proportion fails an_wilson.
 */
int an_newcombe(int64_t x1, int64_t n1, int64_t x2, int64_t n2, double conf,
    double *diff, double *low, double *high);

/*
 * The chi-squared test for trend in the proportions x[i]/n[i], i = 0..k-1,
 * against scores (NULL: 1, 2, ..., k), as R's prop.trend.test(x, n,
 * score): the regression sum of squares of x/n on the score weighted by
 * n / (p(1 - p)), p the pooled proportion; one degree of freedom.  Returns
 * 0 with *chisq and *p; -1 with both NaN when k < 2, an n is not positive,
 * an x is outside 0..n, the pooled proportion is 0 or 1 (R gives NaN), the
 * scores do not vary, or GSL gives no tail probability.
 */
int an_prop_trend(const int64_t *x, const int64_t *n, const double *score, size_t k,
    double *chisq, double *p);

/* ---- grouping dimensions --------------------------------------------------- */

/* The whitelist of --by dimensions.  Each maps to fixed code, never to SQL text. */
enum an_dim {
	AN_DIM_NONE,		/* no grouping: the total only */
	AN_DIM_AGENCY,		/* agency recorded on the attendance */
	AN_DIM_SECTOR,		/* that agency's sector */
	AN_DIM_ROLE,		/* role recorded on the attendance */
	AN_DIM_COURSE,		/* course code */
	AN_DIM_THEME,		/* the course's themes: one attendance may count in several */
	AN_DIM_LEVEL,		/* course level */
	AN_DIM_MONTH,		/* session month "2019-06" */
	AN_DIM_YEAR,		/* calendar year "2019" */
	AN_DIM_FY,		/* financial year "2019/20" */
	AN_DIM_QUARTER,		/* financial quarter "2019/20 Q1" */
	AN_DIM_SESSION		/* one session "NEG1 2019-06-12": feedback only */
};

/* Parses a --by word ("agency" ... "quarter"). 0, or -1 when not one. */
int an_dim_parse(const char *, enum an_dim *);
/* The word of a dimension, the key its rows carry; "total" for AN_DIM_NONE. */
const char *an_dim_name(enum an_dim);

/*
 * Notes an analysis leaves for its reader: what it could not compute and
 * why.  Owned by the result that holds them.
 */
struct an_notes {
	char **text;
	size_t n;
};

/* ---- reach (reach.c) -------------------------------------------------------- */

/* The longest month-by-month run (--cumulative) an analysis makes: a century. */
#define AN_MAX_MONTHS 1200

struct an_reach_opts {
	enum an_dim by;
	struct period period;	/* sessions dated inside it; period_all for all */
	const char *agency;	/* filters by name (case and spaces ignored); NULL for all */
	const char *course;	/* course code */
	const char *theme;	/* theme name */
	int cumulative;		/* with AN_DIM_MONTH: unique reach since the period began */
	double conf;		/* confidence level of the intervals */
};

/* Every field to its default: no grouping, all the data, 95%. */
void an_reach_opts_defaults(struct an_reach_opts *);

/*
 * One group of a reach result, or the total.  Counts are over the sessions
 * of the period that pass the filters.  A rate is NaN when it cannot be
 * computed (no denominator); workforce is -1 when unknown.
 */
struct an_reach_row {
	char *key;			/* the group's value ("Police", "2019/20"); NULL: not recorded */
	char *title;			/* by course: the course's title; else NULL */
	int64_t sessions;		/* sessions with any record in the group */
	int64_t courses;		/* distinct courses of those sessions */
	int64_t attendances;		/* named attendances with status attended */
	int64_t unique_practitioners;	/* distinct people among them */
	int64_t headcount_attendances;	/* headcount-only records: never in the unique count */
	int64_t dna;			/* did not attend */
	int64_t cancelled;
	int64_t seats_filled;		/* attended + headcount in sessions whose capacity is known */
	int64_t capacity;		/* capacity of those sessions */
	int64_t workforce;		/* headcount for the period (the latest figure
					 * of each agency); for course, theme and level
					 * the total's; -1 unknown, as when an agency
					 * with records has no figure */
	double dna_rate;		/* dna / (attendances + dna) */
	double fill_rate;		/* seats_filled / capacity; NaN by agency, sector, role */
	double coverage;		/* unique_practitioners / workforce */
	double coverage_ci_low, coverage_ci_high;	/* Wilson score */
	/* --cumulative only (zero / NaN otherwise) */
	int64_t new_practitioners;	/* first reached in this month */
	int64_t cumulative_practitioners;	/* reached since the period began */
	int64_t cumulative_attendances;	/* attended since the period began */
	double cumulative_coverage;	/* cumulative_practitioners / total workforce */
	double cumulative_ci_low, cumulative_ci_high;
};

struct an_reach {
	enum an_dim by;
	int cumulative;
	struct period period;
	char *agency, *course, *theme;	/* the filters, copied; NULL when absent */
	struct an_reach_row *rows;	/* ordered by key (time order for time dimensions) */
	size_t nrows;
	struct an_reach_row total;	/* computed over all rows, not summed: one person is one */
	struct an_notes notes;
};

/*
 * Runs the reach analysis.  Returns a result to free with an_reach_free, or
 * NULL with err (database error, an unknown --agency / --course / --theme,
 * --cumulative without AN_DIM_MONTH).
 */
struct an_reach *an_reach_run(sqlite3 *, const struct an_reach_opts *, struct lia_err *);
/* NULL does nothing. */
void an_reach_free(struct an_reach *);

/*
 * Fills dna_rate, fill_rate and coverage with its interval (and the
 * cumulative coverage) of a row from its counts and workforce.  Rates
 * without a denominator are NaN.  Returns 0, or -1 when the coverage
 * interval cannot be computed (more people than the workforce): the
 * coverage is then NaN too.
 */
int an_reach_rates(struct an_reach_row *, double conf);

/* ---- currency (currency.c) ----------------------------------------------------- */

struct an_currency_opts {
	lia_date as_at;
	int level;		/* course level; 0 for any level */
	enum an_dim by;		/* AN_DIM_NONE, AN_DIM_AGENCY or AN_DIM_SECTOR */
	double conf;		/* confidence level of the intervals */
};

void an_currency_opts_defaults(struct an_currency_opts *);

struct an_currency_row {
	char *key;		/* agency or sector; NULL: not recorded */
	int64_t workforce;	/* latest figure for a period begun by as_at; -1 unknown */
	int64_t practitioners;	/* people with attended training of the level up to as_at */
	int64_t in_date;	/* of them, in date as at the date */
	double in_date_share;	/* in_date / workforce; NaN when unknown */
	double ci_low, ci_high;	/* Wilson score */
};

struct an_currency {
	struct an_currency_opts opts;
	int by_hours;		/* the level is defined by hours in a rolling window */
	double hours_required;
	int window_months;
	struct an_currency_row *rows;
	size_t nrows;
	struct an_currency_row total;
	struct an_notes notes;
};

/*
 * Training currency as at a date.  A practitioner is in date when the
 * latest attended session of a course of the level, on or before as_at,
 * is less than its course's refresh_months old (the level's refresh_months
 * when the course has none; never expiring when neither is set), or, for a
 * level defined by hours (training_level.hours_required in window_months),
 * when the hours attended in the window ending at as_at reach it.  Hours of
 * an attendance: attendance.hours, else the course's hours.  People count
 * in the agency of their latest attendance on or before as_at.  Returns a
 * result for an_currency_free, or NULL with err.
 */
struct an_currency *an_currency_run(sqlite3 *, const struct an_currency_opts *, struct lia_err *);
/* NULL does nothing. */
void an_currency_free(struct an_currency *);

/* Whether a session dated `attended` is in date at as_at given a refresh in months (<= 0: never expires). */
int an_in_date(lia_date attended, int refresh_months, lia_date as_at);

/* ---- trainer pool (trainers.c) --------------------------------------------------- */

#define AN_TRAINER_TARGET 14	/* the seed report's aim for its trainer pool */

struct an_trainers_opts {
	const char *course;	/* one train-the-trainer course; NULL for all */
	int target;
};

void an_trainers_opts_defaults(struct an_trainers_opts *);

struct an_trainers_row {
	char *sector;		/* NULL: agency without a sector */
	int64_t agencies;	/* agencies of the sector with a trainer */
	int64_t trainers;	/* 0: the sector is missing from the pool */
};

struct an_trainers {
	char *course;		/* copied filter or NULL */
	int target;
	int64_t trainers;	/* the pool: distinct people */
	int64_t shortfall;	/* target - trainers, at least 0 */
	int64_t sectors;	/* sectors in the agency table */
	int64_t sectors_represented;
	struct an_trainers_row *rows;	/* every sector, then trainers without one */
	size_t nrows;
	struct an_notes notes;	/* names the missing sectors */
};

/*
 * The trainer pool: practitioners who attended a course with
 * train_the_trainer = 1, counted in the sector of the agency on their
 * latest such attendance.  Returns a result for an_trainers_free, or NULL
 * with err (database error, unknown or non-trainer --course).
 */
struct an_trainers *an_trainers_run(sqlite3 *, const struct an_trainers_opts *, struct lia_err *);
/* NULL does nothing. */
void an_trainers_free(struct an_trainers *);

#endif
