/*
 * workdays: the working-day count behind the statutory review clocks.
 */
#include <stdio.h>

#include "cli/cli.h"


int
cmd_workdays(struct ctx *ctx, int argc, char **argv)
{
	struct calendar *cal;
	struct lia_err err;
	lia_date from, to;

	lia_err_clear(&err);
	if (argc != 3)
		return cli_usage(ctx, "expected two dates, FROM and TO");
	if (date_parse(argv[1], &from, &err) != 0 || date_parse(argv[2], &to, &err) != 0)
		return cli_usage(ctx, "%s", err.msg);
	if ((cal = calendar_new()) == NULL)
		return cli_fail(&(struct lia_err){ .msg = "out of memory" });
	if (calendar_load_db(cal, ctx->db, &err) != 0) {
		calendar_free(cal);
		return cli_fail(&err);
	}
	printf("%ld\n", calendar_workdays(cal, from, to));
	calendar_free(cal);
	return LIA_EXIT_OK;
}
