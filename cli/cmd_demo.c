/*
 * demo: `lia demo [--out DIR] [--seed N] [--scale N]`.  Writes the Westmere
 * partnership's files (demo/) into DIR/data, imports each into a new
 * database DIR/lia.db through the importers `lia import` uses (imp_file, in
 * the manifest's order, with its options), then writes the analyses (by
 * running `lia reach`, `lia currency` and `lia trainers`), every named
 * figure (reports/figures.c, as `lia chart` draws them) and, when this
 * build has `lia report`, the three packs into DIR: nothing here computes
 * or draws.
 * A progress line per stage goes to standard error; standard output gets a
 * short account of what was written where.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cli/cli.h"
#include "demo/demo.h"
#include "import/import.h"
#include "reports/reports.h"

static const struct cmd *
command(const char *name)
{
	const struct cmd *c;

	for (c = lia_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* Runs another command's function on the demo's database, as `lia NAME
 * ARGS` would.  Its own messages go where that command writes them. */
static int
run_command(sqlite3 *db, const char *db_path, const char *name, int argc, char **argv)
{
	const struct cmd *c = command(name);
	struct ctx sub = { db_path, db, name, c ? c->help : NULL };

	if (c == NULL)
		return LIA_EXIT_DATA;
	return c->fn(&sub, argc, argv);
}

/* Runs a command that writes path (argv's -o), notes it, and keeps the
 * path in written; path is taken over. */
static int
run_writing(sqlite3 *db, const char *db_path, const char *what, int argc, char **argv,
    char *path, GPtrArray *written)
{
	int rc = run_command(db, db_path, argv[0], argc, argv);

	if (rc == LIA_EXIT_OK) {
		fprintf(stderr, "lia demo: %s %s\n", what, path);
		g_ptr_array_add(written, path);
	} else {
		g_free(path);
	}
	return rc;
}

static int
parse_uint(const char *s, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Removes the demo's own database from an earlier run (never anything else). */
static void
remove_database(const char *path)
{
	static const char *const tails[] = { "", "-wal", "-shm", "-journal" };
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(tails); i++) {
		char *p = g_strconcat(path, tails[i], NULL);
		g_unlink(p);
		g_free(p);
	}
}

static int
import_all(sqlite3 *db, const struct demo_manifest *mf, int64_t *rejected)
{
	size_t i;

	*rejected = 0;
	for (i = 0; i < mf->n; i++) {
		const struct demo_import *x = &mf->imports[i];
		char *base = g_path_get_basename(x->file);
		struct imp_opts o;
		struct imp_summary sum;
		struct lia_err err;
		int kind = imp_kind_parse(x->kind);

		if (kind < 0 || !imp_kind_available((enum imp_kind)kind)) {
			fprintf(stderr, "lia demo: import %zu/%zu %s %s: skipped (this build cannot"
			    " import %s yet)\n", i + 1, mf->n, x->kind, base, x->kind);
			g_free(base);
			continue;
		}
		imp_opts_defaults(&o);
		if (x->profile != NULL)
			o.profile = x->profile;
		o.map_path = x->map;
		o.course = x->course;
		o.date = x->date;
		o.stage = x->stage;
		o.checkin = x->checkin;
		lia_err_clear(&err);
		if (imp_file(db, (enum imp_kind)kind, x->file, &o, &sum, &err) != 0) {
			g_free(base);
			return cli_fail(&err);
		}
		fprintf(stderr, "lia demo: import %zu/%zu %s %s%s%s: %lld read, %lld loaded,"
		    " %lld duplicates, %lld skipped, %lld rejected\n", i + 1, mf->n, x->kind, base,
		    x->profile ? " --profile " : "", x->profile ? x->profile : "",
		    (long long)sum.read, (long long)sum.loaded, (long long)sum.duplicates,
		    (long long)sum.skipped, (long long)sum.rejected);
		*rejected += sum.rejected;
		g_free(base);
	}
	return LIA_EXIT_OK;
}

/* The analyses as JSON in DIR/analyses, by the analysis commands
 * themselves; one this build lacks is left out. */
static int
write_analyses(sqlite3 *db, const char *db_path, const char *out, GPtrArray *written)
{
	static const char *const runs[][6] = {
		{ "reach", "reach-by-course.json", "--by", "course", NULL, NULL },
		{ "reach", "reach-by-agency.json", "--by", "agency", NULL, NULL },
		{ "reach", "reach-by-sector.json", "--by", "sector", NULL, NULL },
		{ "reach", "reach-by-fy.json", "--by", "fy", NULL, NULL },
		{ "currency", "currency-by-sector.json", "--as-at", DEMO_AS_AT, "--by", "sector" },
		{ "trainers", "trainers.json", "--course", DEMO_TTT_CODE, NULL, NULL },
		{ "feedback", "feedback-working-together.json", "--course", DEMO_WT_CODE, NULL, NULL },
		{ "feedback", "feedback-neglect.json", "--course", "NEG", NULL, NULL },
		{ "feedback", "feedback-hear-my-voice.json", "--course", DEMO_HMV_CODE, NULL, NULL },
		{ "audits", "audits-section11.json", "--kind", "section11", NULL, NULL },
		{ "audits", "audits-section175.json", "--kind", "s175", NULL, NULL },
		{ "audits", "audits-case-audits.json", "--kind", "multi_agency", NULL, NULL },
		{ "evidence", "evidence-by-kind.json", "--by", "kind", NULL, NULL },
		{ "timeliness", "timeliness.json", NULL, NULL, NULL, NULL },
		{ "actions", "actions.json", "--as-at", DEMO_AS_AT, NULL, NULL },
		{ "impact", "impact.json", "--as-at", DEMO_AS_AT, NULL, NULL },
	};
	char *dir = g_build_filename(out, "analyses", NULL);
	size_t i;
	int rc = LIA_EXIT_OK;

	g_mkdir_with_parents(dir, 0755);
	for (i = 0; i < G_N_ELEMENTS(runs) && rc == LIA_EXIT_OK; i++) {
		char *path = g_build_filename(dir, runs[i][1], NULL);
		char *argv[12];
		int argc = 0, k;

		argv[argc++] = (char *)runs[i][0];
		for (k = 2; k < 6 && runs[i][k] != NULL; k++)
			argv[argc++] = (char *)runs[i][k];
		argv[argc++] = (char *)"--format";
		argv[argc++] = (char *)"json";
		argv[argc++] = (char *)"-o";
		argv[argc++] = path;
		argv[argc] = NULL;
		if (command(runs[i][0]) == NULL) {
			g_free(path);
			continue;
		}
		rc = run_writing(db, db_path, "analysis", argc, argv, path, written);
	}
	g_free(dir);
	return rc;
}

/*
 * Every named figure (reports/figures.c, the ones `lia chart` draws), as
 * PNG in DIR/charts at its default size, built by its own function; every
 * figure that takes a date is drawn as at the seed report's day, as the
 * packs are.
 */
static int
write_charts(sqlite3 *db, const char *out, GPtrArray *written)
{
	const struct rpt_figure *f;
	char *dir = g_build_filename(out, "charts", NULL);
	int rc = LIA_EXIT_OK;

	g_mkdir_with_parents(dir, 0755);
	for (f = rpt_figures; f->name != NULL && rc == LIA_EXIT_OK; f++) {
		char *name = g_strconcat(f->name, ".png", NULL);
		char *path = g_build_filename(dir, name, NULL);
		struct rpt_args a;
		struct lia_err err;
		struct chart *c;
		double h = f->height;

		g_free(name);
		rpt_args_defaults(&a);
		lia_err_clear(&err);
		if (f->accepts & RPT_AS_AT) {
			date_parse(DEMO_AS_AT, &a.as_at, &err);
			a.given |= RPT_AS_AT;
		}
		if (f->needs & ~(unsigned)RPT_AS_AT) {
			fprintf(stderr, "lia demo: chart %s: skipped (it needs options the demo"
			    " does not give)\n", f->name);
			g_free(path);
			continue;
		}
		if ((c = rpt_figure_build(f, db, &a, &h, &err)) == NULL) {
			rc = cli_fail(&err);
		} else if (chart_write(c, path, f->width, h) != 0) {
			lia_err_at(&err, path, 0, "%s", chart_error(c));
			rc = cli_fail(&err);
		}
		chart_free(c);
		if (rc == LIA_EXIT_OK) {
			fprintf(stderr, "lia demo: chart %s%s%s\n", path,
			    (a.given & RPT_AS_AT) ? " as at " : "",
			    (a.given & RPT_AS_AT) ? DEMO_AS_AT : "");
			g_ptr_array_add(written, path);
		} else {
			g_free(path);
		}
	}
	g_free(dir);
	return rc;
}

/* The three packs as PDF and as HTML, when this build has `lia report`. */
static int
write_packs(sqlite3 *db, const char *db_path, const char *out, GPtrArray *written)
{
	static const char *const packs[] = { "board", "ld", "pqa" };
	static const char *const forms[] = { ".pdf", ".html" };
	size_t i, k;
	int rc = LIA_EXIT_OK;

	if (command("report") == NULL) {
		fprintf(stderr, "lia demo: packs: skipped (this build has no `lia report` yet)\n");
		return LIA_EXIT_OK;
	}
	for (i = 0; i < G_N_ELEMENTS(packs) && rc == LIA_EXIT_OK; i++)
		for (k = 0; k < G_N_ELEMENTS(forms) && rc == LIA_EXIT_OK; k++) {
			char *name = g_strconcat(packs[i], "-pack", forms[k], NULL);
			char *path = g_build_filename(out, name, NULL);
			/* as at the day the seed report went to scrutiny */
			char *argv[] = { (char *)"report", (char *)packs[i], (char *)"-o", path,
			    (char *)"--partnership", (char *)DEMO_PARTNERSHIP, (char *)"--to",
			    (char *)DEMO_AS_AT, NULL };

			g_free(name);
			rc = run_writing(db, db_path, "pack", 8, argv, path, written);
		}
	return rc;
}

/* The seed's figures as the database now has them, for the summary. */
static void
print_figures(sqlite3 *db)
{
	struct an_reach_opts ro;
	struct an_reach *r;
	struct an_trainers_opts to;
	struct an_trainers *t;
	struct lia_err err;

	an_reach_opts_defaults(&ro);
	ro.course = DEMO_WT_CODE;
	lia_err_clear(&err);
	if ((r = an_reach_run(db, &ro, &err)) != NULL)
		printf("  Working Together to Safeguard Children: %lld sessions, %lld practitioners\n",
		    (long long)r->total.sessions, (long long)r->total.unique_practitioners);
	an_reach_free(r);
	ro.course = DEMO_HMV_CODE;
	if ((r = an_reach_run(db, &ro, &err)) != NULL)
		printf("  Hear My Voice: %lld sessions, %lld attendances (headcounts)\n",
		    (long long)r->total.sessions, (long long)r->total.headcount_attendances);
	an_reach_free(r);
	an_trainers_opts_defaults(&to);
	to.course = DEMO_TTT_CODE;
	to.target = DEMO_TTT_TARGET;
	if ((t = an_trainers_run(db, &to, &err)) != NULL)
		printf("  Graded Care Profile 2 trainers: %lld of %d\n", (long long)t->trainers,
		    t->target);
	an_trainers_free(t);
}

/* --seed: a whole number 0 to 4294967295 (uint32_t *). */
static int
parse_seed(const struct ctx *ctx, const char *arg, void *value)
{
	long v;

	if (parse_uint(arg, 4294967295L, &v) != 0)
		return cli_usage(ctx, "--seed must be a whole number 0 to 4294967295, not '%s'", arg);
	*(uint32_t *)value = (uint32_t)v;
	return 0;
}

/* --out: a folder, not empty (const char **). */
static int
parse_out(const struct ctx *ctx, const char *arg, void *value)
{
	if (*arg == '\0')
		return cli_usage(ctx, "--out needs a folder");
	*(const char **)value = arg;
	return 0;
}

int
cmd_demo(struct ctx *ctx, int argc, char **argv)
{
	struct demo_opts dopts;
	const char *out = "out";
	const struct cli_opt opts[] = {
		{ CLI_CALL, "out", 0, &out, 0, 0, 0, NULL, parse_out },
		{ CLI_CALL, "seed", 0, &dopts.seed, 0, 0, 0, NULL, parse_seed },
		{ CLI_INT, "scale", 0, &dopts.scale, 0, 1, 1000, "a whole number 1 to 1000", NULL },
		CLI_OPT_END
	};
	struct demo_manifest *mf = NULL;
	struct lia_err err;
	char *db_path = NULL;
	sqlite3 *db = NULL;
	GPtrArray *written;
	int64_t rejected = 0;
	int rc;

	demo_opts_defaults(&dopts);
	if ((rc = cli_parse(ctx, argc, argv, opts, NULL, NULL, 0, 0, NULL)) != 0)
		return rc;
	written = g_ptr_array_new_with_free_func(g_free);

	lia_err_clear(&err);
	if ((mf = demo_generate(out, &dopts, &err)) == NULL) {
		rc = cli_fail(&err);
		goto out;
	}
	fprintf(stderr, "lia demo: generate: %zu files in %s (seed %lu, scale %d)\n", mf->n,
	    mf->data_dir, (unsigned long)dopts.seed, dopts.scale);

	db_path = g_build_filename(out, "lia.db", NULL);
	remove_database(db_path);
	if ((db = db_open(db_path, &err)) == NULL) {
		rc = cli_fail(&err);
		goto out;
	}
	if ((rc = import_all(db, mf, &rejected)) != LIA_EXIT_OK)
		goto out;
	if ((rc = write_analyses(db, db_path, out, written)) != LIA_EXIT_OK ||
	    (rc = write_charts(db, out, written)) != LIA_EXIT_OK ||
	    (rc = write_packs(db, db_path, out, written)) != LIA_EXIT_OK)
		goto out;

	printf("The Westmere demo partnership is in %s:\n", out);
	printf("  %s/  %zu source files and manifest.csv (what to import, in order)\n",
	    mf->data_dir, mf->n);
	printf("  %s  the database (try: lia --db %s reach --by agency)\n", db_path, db_path);
	{
		guint i;

		for (i = 0; i < written->len; i++)
			printf("  %s\n", (const char *)g_ptr_array_index(written, i));
	}
	if (command("report") == NULL)
		printf("  (the board, L&D and PQA packs come with `lia report`, not in this build)\n");
	printf("Figures kept from the seed report:\n");
	print_figures(db);
	printf("Rows rejected on purpose, to show `lia --db %s rejects`: %lld\n", db_path,
	    (long long)rejected);
	rc = LIA_EXIT_OK;
out:
	db_close(db);
	g_free(db_path);
	demo_manifest_free(mf);
	g_ptr_array_free(written, TRUE);
	return rc;
}
