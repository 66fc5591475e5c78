/*
 * Tests of the report packs' pieces below the writers' output: the
 * targets file and its ratings (reports/targets.c), the document model's
 * cells and column lists (reports/doc.c), the import batches read for
 * provenance (core/batch.c) and the PDF writer's page breaking, counted
 * from the pages it writes.  The packs themselves are checked end to end
 * by tests/e2e/report.sh.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <glib.h>

#include "core/batch.h"
#include "reports/internal.h"

/* ---- targets ------------------------------------------------------------------ */

static void
test_targets_defaults(void **state)
{
	struct rpt_targets t;

	(void)state;
	rpt_targets_defaults(&t);
	/* docs/methods.md, "Targets and RAG ratings". */
	assert_string_equal(t.t[RPT_KPI_COVERAGE].key, "coverage");
	assert_true(fabs(t.t[RPT_KPI_COVERAGE].target - 0.80) < 1e-12);
	assert_true(fabs(t.t[RPT_KPI_COVERAGE].amber - 0.60) < 1e-12);
	assert_true(fabs(t.t[RPT_KPI_TRAINERS].target - 14) < 1e-12);
	assert_true(t.t[RPT_KPI_DNA].lower_better);
	assert_true(fabs(t.t[RPT_KPI_REVIEWS_6M].target - 1.0) < 1e-12);
}

static void
test_targets_rating(void **state)
{
	struct rpt_targets t;
	const struct rpt_target *cov, *dna;

	(void)state;
	rpt_targets_defaults(&t);
	cov = &t.t[RPT_KPI_COVERAGE];
	dna = &t.t[RPT_KPI_DNA];
	assert_int_equal(rpt_target_rate(cov, 0.80), CHART_RAG_GREEN);
	/* 79.96% is written 80.0%: rated as written. */
	assert_int_equal(rpt_target_rate(cov, 0.7996), CHART_RAG_GREEN);
	assert_int_equal(rpt_target_rate(cov, 0.799), CHART_RAG_AMBER);
	assert_int_equal(rpt_target_rate(cov, 0.60), CHART_RAG_AMBER);
	assert_int_equal(rpt_target_rate(cov, 0.59), CHART_RAG_RED);
	assert_int_equal(rpt_target_rate(cov, NAN), CHART_RAG_NONE);
	assert_int_equal(rpt_target_rate(dna, 0.10), CHART_RAG_GREEN);
	assert_int_equal(rpt_target_rate(dna, 0.154), CHART_RAG_RED);
	assert_int_equal(rpt_target_rate(dna, 0.12), CHART_RAG_AMBER);
	assert_int_equal(rpt_target_rate(&t.t[RPT_KPI_TRAINERS], 13), CHART_RAG_AMBER);
	assert_int_equal(rpt_target_rate(&t.t[RPT_KPI_TRAINERS], 9), CHART_RAG_RED);
}

static void
test_targets_parse(void **state)
{
	struct rpt_targets t;
	struct lia_err err;
	static const char text[] =
	    "\xef\xbb\xbf# our targets for 2020/21\r\n"
	    "coverage = 75%   # agreed by the board\r\n"
	    "\n"
	    "dna_rate=0.2\n"
	    "dna_rate.amber = 25 %\n"
	    "trainer_pool = 12";
	char *w;

	(void)state;
	rpt_targets_defaults(&t);
	lia_err_clear(&err);
	assert_int_equal(rpt_targets_parse(&t, text, strlen(text), "t.conf", &err), 0);
	assert_true(fabs(t.t[RPT_KPI_COVERAGE].target - 0.75) < 1e-12);
	/* No amber of its own: the default's gap of 20 points kept. */
	assert_true(fabs(t.t[RPT_KPI_COVERAGE].amber - 0.55) < 1e-12);
	assert_true(fabs(t.t[RPT_KPI_DNA].target - 0.20) < 1e-12);
	assert_true(fabs(t.t[RPT_KPI_DNA].amber - 0.25) < 1e-12);
	assert_true(fabs(t.t[RPT_KPI_TRAINERS].target - 12) < 1e-12);
	assert_true(fabs(t.t[RPT_KPI_TRAINERS].amber - 8) < 1e-12);
	w = rpt_target_words(&t.t[RPT_KPI_DNA]);
	assert_string_equal(w, "at most 20%");
	g_free(w);
	w = rpt_target_words(&t.t[RPT_KPI_COVERAGE]);
	assert_string_equal(w, "75%");
	g_free(w);
}

/* A text that must fail at a line with a message containing want; targets unchanged. */
static void
parse_fails_n(const char *text, size_t len, long line, const char *want)
{
	struct rpt_targets t, before;
	struct lia_err err;

	rpt_targets_defaults(&t);
	before = t;
	lia_err_clear(&err);
	assert_int_equal(rpt_targets_parse(&t, text, len, "t.conf", &err), -1);
	if (strstr(err.msg, want) == NULL)
		fail_msg("'%s': message '%s' lacks '%s'", text, err.msg, want);
	assert_int_equal(err.line, line);
	assert_string_equal(err.file, "t.conf");
	assert_memory_equal(&t, &before, sizeof t);
}

static void
parse_fails(const char *text, long line, const char *want)
{
	parse_fails_n(text, strlen(text), line, want);
}

static void
test_targets_errors(void **state)
{
	(void)state;
	parse_fails("coverage = 80%\ncoverag = 80%\n", 2, "unknown key 'coverag'; the keys are "
	    "coverage, in_date");
	parse_fails("coverage 80%\n", 1, "expected 'key = value'");
	parse_fails("coverage = 80\n", 1, "write it as a percentage (80%) or a fraction (0.8)");
	parse_fails("coverage = 120%\n", 1, "must be 0% to 100%");
	parse_fails("coverage = -5%\n", 1, "is not a number");
	parse_fails("coverage = lots\n", 1, "is not a number");
	parse_fails("coverage = 80%%\n", 1, "is not a number");
	parse_fails("coverage =\n", 1, "has no value");
	parse_fails("trainer_pool = 12.5\n", 1, "whole number");
	parse_fails("trainer_pool = 50%\n", 1, "not a percentage");
	parse_fails("coverage = 80%\ncoverage = 70%\n", 2, "given twice");
	parse_fails("coverage.red = 10%\n", 1, "KEY or KEY.amber");
	parse_fails("coverage = 80%\ncoverage.amber = 90%\n", 0, "coverage.amber (90%) must be "
	    "at or below the target (80%)");
	parse_fails_n("coverage = 80%\nx\0y = 1\n", 21, 2, "NUL");
	parse_fails("coverage = nan\n", 1, "is not a number");
	parse_fails("coverage = \xff\n", 1, "UTF-8");
}

/* ---- the document model ----------------------------------------------------------- */

static const struct an_col cols[] = {
	{ "agency", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "people", AN_INT, AN_COUNT, NULL, NULL, "People trained" },
	{ "coverage", AN_PCT, AN_DERIVED, "people", NULL, NULL },
	{ "low", AN_PCT, AN_DERIVED, "people", NULL, NULL },
	{ "high", AN_PCT, AN_DERIVED, "people", NULL, NULL },
	{ "mean", AN_REAL, AN_PLAIN, NULL, NULL, NULL },
};

static struct an_result *
small_result(void)
{
	struct an_result *res = an_result_new("test", NULL);
	struct an_table *t = an_table_new(cols, 6), *tot = an_table_new(cols, 6);
	struct an_sdc s;

	an_table_row(t);
	an_table_text(t, "Police");
	an_table_int(t, 3);
	an_table_real(t, 0.075);
	an_table_real(t, 0.026);
	an_table_real(t, 0.199);
	an_table_real(t, 4.25);
	an_table_row(t);
	an_table_text(t, "Health Trust");
	an_table_int(t, 1234);
	an_table_real(t, 0.5);
	an_table_real(t, 0.48);
	an_table_real(t, 0.52);
	an_table_null(t);
	an_table_row(tot);
	an_table_null(tot);
	an_table_count(tot, -1);	/* unknown: nothing to protect by a second cell */
	an_table_null(tot);
	an_table_null(tot);
	an_table_null(tot);
	an_table_null(tot);
	an_result_add(res, "rows", NULL, t, tot);
	an_sdc_default(&s);
	an_disclose(res, &s);
	return res;
}

static void
test_doc_cells(void **state)
{
	struct an_result *res = small_result();
	struct rpt_doc *d = doc_new("T", "P", "S", "2019/20", 0, "lia test");
	const struct doc_block *b;
	const struct doc_table *t;
	char *s;
	int hidden;

	(void)state;
	doc_hold(d, res);
	b = doc_table(d, "Caption", res, &res->parts[0],
	    "agency people coverage.0 low:high=95%_interval mean.1 !agency");
	t = b->table;
	assert_int_equal(t->ncols, 6);
	assert_string_equal(t->cols[1].label, "People trained");
	assert_string_equal(t->cols[3].label, "95% interval");
	assert_string_equal(t->cols[2].label, "Coverage");
	assert_true(t->cols[5].rag);
	assert_string_equal(t->marker_words, "fewer than 5");
	/* Police's 3 is hidden, and so are the rates computed from it. */
	s = doc_cell(t, 0, 1, &hidden);
	assert_string_equal(s, "<5");
	assert_true(hidden);
	g_free(s);
	s = doc_cell(t, 0, 3, &hidden);
	assert_string_equal(s, "<5");
	assert_true(hidden);
	g_free(s);
	/* Shown: separators, decimals as asked, an interval. */
	s = doc_cell(t, 1, 1, &hidden);
	assert_string_equal(s, "1,234");
	assert_false(hidden);
	g_free(s);
	s = doc_cell(t, 1, 2, NULL);
	assert_string_equal(s, "50%");
	g_free(s);
	s = doc_cell(t, 1, 3, NULL);
	assert_string_equal(s, "48.0% to 52.0%");
	g_free(s);
	s = doc_cell(t, 0, 4, NULL);
	assert_string_equal(s, "4.2");	/* 4.25 to one place, as printf rounds it */
	g_free(s);
	s = doc_cell(t, 1, 4, NULL);
	assert_string_equal(s, "\xe2\x80\x93");
	g_free(s);
	/* The total: its label; a null cell is a dash. */
	s = doc_cell(t, -1, 0, NULL);
	assert_string_equal(s, "Total");
	g_free(s);
	s = doc_cell(t, -1, 1, &hidden);
	assert_string_equal(s, "\xe2\x80\x93");
	assert_false(hidden);
	g_free(s);
	assert_true(doc_col_numeric(t, 1));
	assert_false(doc_col_numeric(t, 0));
	doc_free(d);
}

static void
test_doc_scale(void **state)
{
	(void)state;
	assert_true(fabs(doc_size(DOC_STEP_BODY) - 10.0) < 1e-12);
	assert_true(fabs(doc_size(DOC_STEP_H1) - 17.28) < 1e-9);
	assert_true(fabs(doc_size(DOC_STEP_SMALL) - 10.0 / 1.2) < 1e-9);
	assert_string_equal(doc_rag_word(CHART_RAG_AMBER), "Amber");
	assert_string_equal(doc_rag_word(CHART_RAG_NONE), "Not rated");
}

/* ---- provenance ----------------------------------------------------------------- */

static void
test_batches(void **state)
{
	struct lia_err err;
	sqlite3 *db;
	struct db_batch *b;
	struct an_result *res;
	size_t n;

	(void)state;
	lia_err_clear(&err);
	db = db_open(":memory:", &err);
	assert_non_null(db);
	assert_int_equal(db_exec(db, "INSERT INTO import_batch(kind, source, sha256, started,"
	    " finished, rows_read, rows_loaded, rows_duplicate, rows_skipped, rows_rejected)"
	    " VALUES ('attendance', 'exports/2019/Moodle completion.csv', printf('%064d', 7),"
	    " '2020-04-02 09:00:00', '2020-04-02 09:00:03', 10, 6, 1, 2, 1),"
	    " ('workforce', 'C:\\returns\\wf.csv', printf('%064d', 8), '2020-04-03 10:00:00',"
	    " NULL, 0, 0, 0, 0, 0)", &err), 0);
	assert_int_equal(db_batches(db, &b, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(b[0].file, "Moodle completion.csv");	/* never the folder */
	assert_string_equal(b[1].file, "wf.csv");
	assert_int_equal(b[0].read, 10);
	assert_int_equal(b[0].skipped, 2);
	assert_int_equal(b[0].rejected, 1);
	assert_null(b[1].finished);
	db_batches_free(b, n);
	res = rpt_batches(db, &err);
	assert_non_null(res);
	assert_string_equal(an_table_cell(res->parts[0].rows, 0, 3)->s, "2020-04-02");
	assert_true(an_table_cell(res->parts[0].rows, 1, 3)->null);
	an_result_free(res);
	db_close(db);
}

/* ---- the PDF writer ---------------------------------------------------------------- */

/* The pages of a PDF cairo wrote: its page objects. */
static int
count_pages(const char *path)
{
	gchar *text;
	gsize len, i;
	int n = 0;

	assert_true(g_file_get_contents(path, &text, &len, NULL));
	for (i = 0; i + 11 <= len; i++)
		if (memcmp(text + i, "/Type /Page", 11) == 0 && text[i + 11] != 's')
			n++;
	g_free(text);
	return n;
}

static const struct an_col long_cols[] = {
	{ "agency", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "sessions", AN_INT, AN_PLAIN, NULL, NULL, NULL },
};

/* A document of one table of n rows. */
static struct rpt_doc *
long_doc(int n, int not_for_publication)
{
	struct rpt_doc *d = doc_new("A long table", "Westmere", "rows", "all dates", 0, "lia");
	struct an_result *res = an_result_new("long", NULL);
	struct an_table *t = an_table_new(long_cols, 2);
	int i;

	for (i = 0; i < n; i++) {
		char name[160];

		snprintf(name, sizeof name, "Agency %d with a long name that must wrap inside "
		    "its cell rather than run across the page, and then some more words", i);
		an_table_row(t);
		an_table_text(t, name);
		an_table_int(t, i);
	}
	an_result_add(res, "rows", NULL, t, NULL);
	doc_hold(d, res);
	d->not_for_publication = not_for_publication;
	doc_heading(d, 1, "long", DOC_BREAK_BEFORE, "The table");
	doc_table(d, "Sessions by agency", res, &res->parts[0], NULL);
	return d;
}

static void
test_pdf_pages(void **state)
{
	char dir[] = "/tmp/lia-test-report-XXXXXX", *path;
	struct lia_err err;
	struct rpt_doc *d;
	int one, many;

	(void)state;
	assert_non_null(g_mkdtemp(dir));
	path = g_build_filename(dir, "t.pdf", NULL);
	lia_err_clear(&err);
	d = long_doc(3, 0);
	assert_int_equal(doc_write_pdf(d, path, &err), 0);
	doc_free(d);
	/* The cover, the contents, one page of body. */
	one = count_pages(path);
	assert_int_equal(one, 3);
	/* 150 two-line rows do not fit on one page: the table splits. */
	d = long_doc(150, 1);
	assert_int_equal(doc_write_pdf(d, path, &err), 0);
	doc_free(d);
	many = count_pages(path);
	assert_true(many > 5);
	/* A folder that does not exist: an error naming the file, nothing written. */
	d = long_doc(1, 0);
	assert_int_equal(doc_write_pdf(d, "/nonexistent-lia/x.pdf", &err), -1);
	assert_non_null(strstr(err.msg, "/nonexistent-lia/x.pdf"));
	doc_free(d);
	unlink(path);
	rmdir(dir);
	g_free(path);
}

/* ---- the HTML writer ---------------------------------------------------------------- */

static void
test_html(void **state)
{
	char dir[] = "/tmp/lia-test-html-XXXXXX", *path, *text;
	struct lia_err err;
	struct rpt_doc *d;
	struct chart_opts co;
	struct chart *c;
	struct chart_tile tile = { "A <b> & c", 0.5, NAN, NULL, CHART_RAG_GREEN, CHART_PERCENT, 0 };
	struct doc_tile words = { (char *)"A <b> & c", (char *)"50%", NULL, NULL, CHART_RAG_GREEN };
	gsize len;
	int i;

	(void)state;
	assert_non_null(g_mkdtemp(dir));
	path = g_build_filename(dir, "t.html", NULL);
	d = long_doc(2, 0);
	doc_para(d, "Fish & <chips> \"quoted\"");
	for (i = 0; i < 2; i++) {
		chart_opts_defaults(&co);
		c = chart_new(CHART_TILES, &co);
		assert_int_equal(chart_add_tile(c, &tile), 0);
		doc_figure(d, c, 300, 100, "Tiles <one>", "It shows 50% & more");
	}
	c = chart_new(CHART_TILES, &co);
	assert_int_equal(chart_add_tile(c, &tile), 0);
	doc_tiles(d, c, &words, 1);
	lia_err_clear(&err);
	assert_int_equal(doc_write_html(d, path, &err), 0);
	doc_free(d);
	assert_true(g_file_get_contents(path, &text, &len, NULL));
	assert_non_null(strstr(text, "<p>Fish &amp; &lt;chips&gt; &quot;quoted&quot;</p>"));
	assert_non_null(strstr(text, "<title>Tiles &lt;one&gt;</title>"));
	assert_non_null(strstr(text, "<desc>It shows 50% &amp; more</desc>"));
	assert_non_null(strstr(text, "<p class=\"label\">A &lt;b&gt; &amp; c</p>"));
	assert_non_null(strstr(text, "<p class=\"rag\">Green</p>"));
	/* Two charts' ids never meet: each is prefixed by its figure. */
	assert_non_null(strstr(text, "id=\"f1-"));
	assert_non_null(strstr(text, "id=\"f2-"));
	assert_null(strstr(text, "<?xml"));
	assert_null(strstr(text, "<script"));
	g_free(text);
	unlink(path);
	rmdir(dir);
	g_free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_targets_defaults),
		cmocka_unit_test(test_targets_rating),
		cmocka_unit_test(test_targets_parse),
		cmocka_unit_test(test_targets_errors),
		cmocka_unit_test(test_doc_cells),
		cmocka_unit_test(test_doc_scale),
		cmocka_unit_test(test_batches),
		cmocka_unit_test(test_pdf_pages),
		cmocka_unit_test(test_html),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
