/*
 * options: the option values the analysis commands share, parsed in one
 * place so `lia reach`, `lia currency` and `lia chart` read them alike and
 * say the same thing when they are wrong: the reporting period (--period
 * or --from/--to), a grouping of agencies (--by agency|sector), a training
 * level (--level) and a date (--as-at).  Each returns 0, or prints the
 * usage message and returns LIA_EXIT_USAGE for the command to return.
 */
#include <stdlib.h>

#include "analytics/analytics.h"
#include "cli/cli.h"

int
cli_period(const struct ctx *ctx, const char *period, const char *from, const char *to,
    struct period *p)
{
	struct lia_err err;

	lia_err_clear(&err);
	if (period && (from || to))
		return cli_usage(ctx, "--period and --from/--to do not go together");
	if (period) {
		if (period_parse(period, p, &err) != 0)
			return cli_usage(ctx, "%s", err.msg);
	} else if (from || to) {
		if (period_range(from, to, p, &err) != 0)
			return cli_usage(ctx, "%s", err.msg);
	} else {
		period_all(p);
	}
	return 0;
}

int
cli_agency_group(const struct ctx *ctx, const char *arg, enum an_dim *by)
{
	enum an_dim d;

	if (an_dim_parse(arg, &d) != 0 || (d != AN_DIM_AGENCY && d != AN_DIM_SECTOR))
		return cli_usage(ctx, "--by must be agency or sector, not '%s'", arg);
	*by = d;
	return 0;
}

int
cli_level(const struct ctx *ctx, const char *arg, int *level)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v < 1 || v > 99)
		return cli_usage(ctx, "--level must be a level number, not '%s'", arg);
	*level = (int)v;
	return 0;
}

int
cli_date(const struct ctx *ctx, const char *arg, lia_date *day)
{
	struct lia_err err;

	lia_err_clear(&err);
	if (date_parse(arg, day, &err) != 0)
		return cli_usage(ctx, "%s", err.msg);
	return 0;
}
