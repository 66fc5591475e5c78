/*
 * Unit tests for demo/: the CSV writer quotes as each producer does (PHP's
 * fputcsv for Moodle, Excel and Python's csv module, Google Forms' quote-
 * everything), the model keeps the seed's figures for any seed, the
 * generator is deterministic, and the Moodle download, written only when
 * asked for until issue 15 lands, has Moodle's exact header and date form.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "demo/internal.h"

static void
csv_php_quotes_spaces(void **state)
{
	struct csvw w;

	(void)state;
	csvw_init(&w, CSVW_PHP, "\n", 0);
	csvw_row(&w, 5, (const char *const[]){ "ID", "Jo Bloggs", "a,b", "say \"hi\"",
	    "17/06/19, 16:34" });
	assert_string_equal(w.buf->str, "ID,\"Jo Bloggs\",\"a,b\",\"say \"\"hi\"\"\",\"17/06/19, 16:34\"\n");
	csvw_fini(&w);
}

static void
csv_minimal_and_all(void **state)
{
	struct csvw w;

	(void)state;
	csvw_init(&w, CSVW_MINIMAL, "\r\n", 1);
	csvw_row(&w, 3, (const char *const[]){ "Start time", "two\nlines", "" });
	assert_string_equal(w.buf->str, "\xEF\xBB\xBFStart time,\"two\nlines\",\r\n");
	csvw_fini(&w);
	csvw_init(&w, CSVW_ALL, "\n", 0);
	csvw_field(&w, "Timestamp");
	csvw_int(&w, 42);
	csvw_end(&w);
	assert_string_equal(w.buf->str, "\"Timestamp\",\"42\"\n");
	csvw_fini(&w);
}

/* The Working Together course's seats: 539 people attended, once each. */
static void
model_keeps_seed_figures(void **state)
{
	uint32_t seeds[] = { 1, 2021, 4000000000u };
	size_t k;

	(void)state;
	for (k = 0; k < G_N_ELEMENTS(seeds); k++) {
		struct demo_opts o;
		struct model m;
		GHashTable *people = g_hash_table_new(g_direct_hash, g_direct_equal);
		int wt = 0, attended = 0, hmv = 0, ttt = 0;
		guint i, j;

		demo_opts_defaults(&o);
		o.seed = seeds[k];
		model_init(&m, &o);
		for (i = 0; i < m.sessions->len; i++) {
			const struct session *s = g_ptr_array_index(m.sessions, i);

			if (strcmp(s->course->code, "HMV") == 0)
				hmv++;
			for (j = 0; j < s->seats->len; j++) {
				const struct seat *x = &g_array_index(s->seats, struct seat, j);

				if (strcmp(s->course->code, "GCP2-TTT") == 0)
					ttt += x->status == ATT_ATTENDED;
				if (strcmp(s->course->code, "WT") != 0 || x->status != ATT_ATTENDED)
					continue;
				attended++;
				g_hash_table_add(people, GINT_TO_POINTER(x->person + 1));
			}
			wt += strcmp(s->course->code, "WT") == 0;
		}
		assert_int_equal(wt, DEMO_WT_SESSIONS);
		assert_int_equal(attended, DEMO_WT_PRACTITIONERS);
		assert_int_equal(g_hash_table_size(people), DEMO_WT_PRACTITIONERS);
		assert_int_equal(hmv, DEMO_HMV_SESSIONS);
		assert_int_equal(ttt, DEMO_TTT_TRAINED);
		g_hash_table_destroy(people);
		model_fini(&m);
	}
}

/* (not inlined: gcc 12 then takes text for a dangling pointer) */
static G_GNUC_NO_INLINE char *
slurp(const char *dir, const char *name)
{
	char *path = g_build_filename(dir, "data", name, NULL), *text = NULL;

	g_file_get_contents(path, &text, NULL, NULL);
	g_free(path);
	return text;
}

static void
remove_tree(const char *dir)
{
	char *cmd = g_strdup_printf("rm -rf '%s'", dir);

	assert_int_equal(system(cmd), 0);
	g_free(cmd);
}

static void
same_seed_same_bytes_moodle_shape(void **state)
{
	char *a = g_dir_make_tmp("lia-demo-XXXXXX", NULL), *b = g_dir_make_tmp("lia-demo-XXXXXX", NULL);
	struct demo_opts o;
	struct demo_manifest *ma, *mb;
	struct lia_err err;
	char *moodle, *line2;
	size_t i;

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	demo_opts_defaults(&o);
	o.shapes = DEMO_SHAPES_ALL;
	ma = demo_generate(a, &o, &err);
	mb = demo_generate(b, &o, &err);
	assert_non_null(ma);
	assert_non_null(mb);
	assert_int_equal(ma->n, mb->n);
	for (i = 0; i < ma->n; i++) {
		char *base = g_path_get_basename(ma->imports[i].file);
		char *x = slurp(a, base), *y = slurp(b, base);

		assert_non_null(x);
		assert_string_equal(x, y);
		g_free(x);
		g_free(y);
		g_free(base);
	}
	/* Moodle's report: its header as fputcsv writes it, completers with
	 * "dd/mm/yy, hh:mm", non-completers with empty dates. */
	moodle = slurp(a, "09-moodle-information-sharing.csv");
	assert_non_null(moodle);
	assert_true(g_str_has_prefix(moodle, "ID,Name,\"Email address\",Institution,Department,"
	    "\"Information sharing quiz\",\"Information sharing quiz - Completion date\","
	    "\"Course complete\"\n"));
	assert_null(strchr(moodle, '\r'));
	line2 = strchr(moodle, '\n') + 1;
	assert_true(g_regex_match_simple("^[0-9]+,\"[A-Z][a-z]+ [A-Z][a-z]+\",[a-z0-9.]+@[a-z0-9.-]+\\.example\\.org,",
	    line2, 0, 0));
	assert_true(g_regex_match_simple(",Completed,\"[0-3][0-9]/[01][0-9]/[0-9][0-9], [0-2][0-9]:[0-5][0-9]\",\"[0-3][0-9]/[01][0-9]/[0-9][0-9], [0-2][0-9]:[0-5][0-9]\"\n",
	    moodle, 0, 0));
	assert_non_null(strstr(moodle, ",\"Not completed\",,\n"));
	for (i = 0; i < ma->n; i++)
		if (strstr(ma->imports[i].file, "moodle") != NULL)
			assert_string_equal(ma->imports[i].profile, "moodle");
	g_free(moodle);
	demo_manifest_free(ma);
	demo_manifest_free(mb);
	remove_tree(a);
	remove_tree(b);
	g_free(a);
	g_free(b);
}

/*
 * By default the e-learning completions come as Moodle's course completion
 * report writes them (report/completion/index.php, csvlib's fputcsv: LF,
 * quoted only where needed): the header, a completer's "Course complete" in
 * Moodle's short date and time ("17/06/19, 16:34"), a non-completer's empty.
 */
static void
default_shapes_write_moodle(void **state)
{
	char *a = g_dir_make_tmp("lia-demo-XXXXXX", NULL), *text, *manifest, **lines;
	struct demo_opts o;
	struct demo_manifest *mf;
	struct lia_err err;
	int i, done = 0, not_done = 0;

	(void)state;
	demo_opts_defaults(&o);
	assert_int_not_equal(o.shapes & DEMO_SHAPE_MOODLE, 0);
	mf = demo_generate(a, &o, &err);
	assert_non_null(mf);
	text = slurp(a, "09-moodle-information-sharing.csv");
	assert_true(g_str_has_prefix(text, "ID,Name,\"Email address\",Institution,Department,"
	    "\"Information sharing quiz\",\"Information sharing quiz - Completion date\","
	    "\"Course complete\"\n"));
	assert_null(strchr(text, '\r'));
	lines = g_strsplit(text, "\n", -1);
	for (i = 1; lines[i] && *lines[i]; i++) {
		if (g_regex_match_simple(",Completed,\"(\\d\\d/\\d\\d/\\d\\d, \\d\\d:\\d\\d)\","
		    "\"\\1\"$", lines[i], 0, 0))
			done++;
		else if (g_str_has_suffix(lines[i], ",\"Not completed\",,"))
			not_done++;
	}
	assert_int_equal(i - 1, 540);
	assert_int_equal(done, 450);
	assert_int_equal(not_done, 90);
	g_strfreev(lines);
	manifest = slurp(a, "manifest.csv");
	assert_true(g_str_has_prefix(manifest, "step,kind,file,profile,map,course,date,stage,"
	    "checkin,rows,planted_rejects,planted_duplicates,source\n1,agencies,01-agencies.csv,"));
	assert_non_null(strstr(manifest, ",attendance,09-moodle-information-sharing.csv,moodle,"));
	g_free(text);
	g_free(manifest);
	demo_manifest_free(mf);
	remove_tree(a);
	g_free(a);
}

static void
bad_scale_is_refused(void **state)
{
	struct demo_opts o;
	struct lia_err err;

	(void)state;
	demo_opts_defaults(&o);
	o.scale = 0;
	lia_err_clear(&err);
	assert_null(demo_generate("unused", &o, &err));
	assert_non_null(strstr(err.msg, "scale"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_php_quotes_spaces),
		cmocka_unit_test(csv_minimal_and_all),
		cmocka_unit_test(model_keeps_seed_figures),
		cmocka_unit_test(same_seed_same_bytes_moodle_shape),
		cmocka_unit_test(default_shapes_write_moodle),
		cmocka_unit_test(bad_scale_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
