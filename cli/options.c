/*
 * options: the one option parser of every lia command.  A command declares
 * its own options as data (struct cli_opt) and asks for the shared ones
 * (--format, -o, the reporting period, --suppress) by bits; cli_parse
 * builds getopt_long's table from both, stores and checks each value, and
 * says what is wrong the same way for every command.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/audits.h"
#include "analytics/feedback.h"
#include "cli/cli.h"

/* Keys of the shared options in getopt_long's table: above any opts index. */
enum {
	KEY_FORMAT = 1000,
	KEY_PERIOD,
	KEY_FROM,
	KEY_TO,
	KEY_SUPPRESS
};

int
out_format_parse(const char *s, enum out_format *f)
{
	if (strcmp(s, "table") == 0)
		*f = OUT_TABLE;
	else if (strcmp(s, "csv") == 0)
		*f = OUT_CSV;
	else if (strcmp(s, "json") == 0)
		*f = OUT_JSON;
	else
		return -1;
	return 0;
}

void
cli_common_init(struct cli_common *co, unsigned accepts)
{
	memset(co, 0, sizeof *co);
	co->accepts = accepts;
	co->formats = CLI_FORMATS_ALL;
	co->fmt = OUT_TABLE;
	period_all(&co->period);
	an_sdc_off(&co->sdc);
}

int
cli_agency_group(const struct ctx *ctx, const char *arg, void *value)
{
	enum an_dim d;

	if (an_dim_parse(arg, &d) != 0 || (d != AN_DIM_AGENCY && d != AN_DIM_SECTOR))
		return cli_usage(ctx, "--by must be agency or sector, not '%s'", arg);
	*(enum an_dim *)value = d;
	return 0;
}

int
cli_level(const struct ctx *ctx, const char *arg, void *value)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v < 1 || v > 99)
		return cli_usage(ctx, "--level must be a level number, not '%s'", arg);
	*(int *)value = (int)v;
	return 0;
}

int
cli_stage(const struct ctx *ctx, const char *arg, void *value)
{
	enum an_stage s;

	if (an_stage_parse(arg, &s) != 0)
		return cli_usage(ctx, "--stage must be baseline, post or follow-up, not '%s'", arg);
	*(int *)value = (int)s;
	return 0;
}

int
cli_audit_kind(const struct ctx *ctx, const char *arg, void *value)
{
	if (!an_audit_kind_valid(arg))
		return cli_usage(ctx, "--kind must be section11, s175, single_agency or"
		    " multi_agency, not '%s'", arg);
	*(const char **)value = arg;
	return 0;
}

/* "table, csv or json" of the forms allowed. */
static char *
format_words(unsigned formats)
{
	static const char *const names[] = { "table", "csv", "json" };
	GString *g = g_string_new(NULL);
	int i, n = 0, k = 0;

	for (i = 0; i < 3; i++)
		n += (formats >> i) & 1;
	for (i = 0; i < 3; i++) {
		if (!((formats >> i) & 1))
			continue;
		if (k > 0)
			g_string_append(g, k == n - 1 ? " or " : ", ");
		g_string_append(g, names[i]);
		k++;
	}
	return g_string_free(g, FALSE);
}

/* Stores one of the command's own options.  0 or a usage exit code. */
static int
own_option(const struct ctx *ctx, const struct cli_opt *o, const char *arg)
{
	char *end;
	long v;
	struct lia_err err;

	switch (o->type) {
	case CLI_STRING:
		*(const char **)o->value = arg;
		return 0;
	case CLI_FLAG:
		*(int *)o->value = 1;
		return 0;
	case CLI_INT:
		v = strtol(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || v < o->min || v > o->max)
			return cli_usage(ctx, "--%s must be %s, not '%s'", o->name,
			    o->what ? o->what : "a whole number", arg);
		*(int *)o->value = (int)v;
		return 0;
	case CLI_DATE:
		lia_err_clear(&err);
		if (date_parse(arg, (lia_date *)o->value, &err) != 0)
			return cli_usage(ctx, "--%s: %s", o->name, err.msg);
		return 0;
	case CLI_CALL:
		return o->parse(ctx, arg, o->value);
	case CLI_END:
	default:
		return 0;
	}
}

/* Adds one getopt_long entry and, for a short name, its letter. */
static void
add_long(GArray *longs, GString *shorts, const char *name, int has_arg, int key, int short_name)
{
	struct option lo = { name, has_arg, NULL, key };

	g_array_append_val(longs, lo);
	if (short_name) {
		g_string_append_c(shorts, (char)short_name);
		if (has_arg)
			g_string_append_c(shorts, ':');
	}
}

int
cli_parse(const struct ctx *ctx, int argc, char **argv, const struct cli_opt *opts,
    struct cli_common *co, unsigned *given, int min_pos, int npos, char **pos)
{
	GArray *longs = g_array_new(TRUE, TRUE, sizeof(struct option));
	GString *shorts = g_string_new(NULL);	/* no "+": options and operands mix */
	const char *period = NULL, *from = NULL, *to = NULL;
	unsigned accepts = co ? co->accepts : 0;
	struct lia_err err;
	int nopts = 0, opt, rc = 0, i, k;

	for (; opts && opts[nopts].type != CLI_END; nopts++) {
		int key = opts[nopts].short_name ? opts[nopts].short_name : 256 + nopts;

		add_long(longs, shorts, opts[nopts].name, opts[nopts].type != CLI_FLAG, key,
		    opts[nopts].short_name);
	}
	if (accepts & CLI_FORMAT)
		add_long(longs, shorts, "format", 1, KEY_FORMAT, 0);
	if (accepts & CLI_OUTPUT)
		add_long(longs, shorts, "output", 1, 'o', 'o');
	if (accepts & CLI_PERIOD) {
		add_long(longs, shorts, "period", 1, KEY_PERIOD, 0);
		add_long(longs, shorts, "from", 1, KEY_FROM, 0);
		add_long(longs, shorts, "to", 1, KEY_TO, 0);
	}
	if (accepts & CLI_SUPPRESS)
		add_long(longs, shorts, "suppress", 1, KEY_SUPPRESS, 0);

	lia_err_clear(&err);
	opterr = 0;
	optind = 1;
	while (rc == 0 && (opt = getopt_long(argc, argv, shorts->str,
	    (const struct option *)(void *)longs->data, NULL)) != -1) {
		switch (opt) {
		case KEY_FORMAT: {
			enum out_format f;

			if (out_format_parse(optarg, &f) != 0 || !((co->formats >> f) & 1)) {
				char *w = format_words(co->formats);

				rc = cli_usage(ctx, "--format must be %s, not '%s'", w, optarg);
				g_free(w);
				break;
			}
			co->fmt = f;
			co->given |= CLI_FORMAT;
			break;
		}
		case 'o':
			if (!(accepts & CLI_OUTPUT))
				goto own;
			co->output = optarg;
			co->given |= CLI_OUTPUT;
			break;
		case KEY_PERIOD:
			period = optarg;
			co->given |= CLI_PERIOD;
			break;
		case KEY_FROM:
			from = optarg;
			co->given |= CLI_PERIOD;
			break;
		case KEY_TO:
			to = optarg;
			co->given |= CLI_PERIOD;
			break;
		case KEY_SUPPRESS:
			if (an_sdc_parse(optarg, &co->sdc, &err) != 0)
				rc = cli_usage(ctx, "%s", err.msg);
			co->given |= CLI_SUPPRESS;
			break;
		case '?':
		case ':':
			rc = cli_bad_option(ctx, argv, optind, optopt);
			break;
		default:
		own:
			for (k = 0; k < nopts; k++)
				if ((opts[k].short_name ? opts[k].short_name : 256 + k) == opt)
					break;
			if (k == nopts) {
				rc = cli_bad_option(ctx, argv, optind, optopt);
				break;
			}
			if ((rc = own_option(ctx, &opts[k], optarg)) == 0 && given)
				*given |= opts[k].bit;
			break;
		}
	}
	g_array_free(longs, TRUE);
	g_string_free(shorts, TRUE);
	if (rc != 0)
		return rc;

	if (co && (accepts & CLI_PERIOD)) {
		if (period && (from || to))
			return cli_usage(ctx, "--period and --from/--to do not go together");
		if (period) {
			if (period_parse(period, &co->period, &err) != 0)
				return cli_usage(ctx, "%s", err.msg);
		} else if (from || to) {
			if (period_range(from, to, &co->period, &err) != 0)
				return cli_usage(ctx, "%s", err.msg);
		}
	}
	for (i = 0; i < npos; i++)
		pos[i] = NULL;
	for (i = 0; optind + i < argc; i++) {
		if (i >= npos)
			return cli_usage(ctx, "unexpected argument '%s'", argv[optind + i]);
		pos[i] = argv[optind + i];
	}
	if (i < min_pos || (min_pos >= npos && i < npos))
		return cli_usage(ctx, "%s", i == 0 ? "an argument is missing" :
		    "too few arguments");
	return 0;
}
