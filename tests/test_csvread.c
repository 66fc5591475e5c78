/*
 * Unit tests for the CSV reader: every csv-spectrum case parses to its JSON
 * (tests/conformance/csv-spectrum; location_coordinates excepted, as its
 * SOURCE.md explains), the csvkit hostile inputs behave (BOM, Latin-1,
 * UTF-16, CR-only, NUL, ragged, empty), physical line numbers, blocks
 * boundaries, a crude fuzz loop that must never crash, and the numbers
 * the reading thread gives values, tuples and people.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "import/internal.h"

#define SPECTRUM "tests/conformance/csv-spectrum/"
#define CSVKIT "tests/conformance/csvkit-examples/"

/* ---- a minimal reader of the spectrum's JSON: an array of objects of
 * strings ---------------------------------------------------------------- */

static const char *
skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	return p;
}

static char *
json_string(const char **pp)
{
	const char *p = *pp;
	GString *g = g_string_new(NULL);

	assert_int_equal(*p, '"');
	p++;
	while (*p != '"') {
		if (*p == '\\') {
			p++;
			switch (*p) {
			case 'n': g_string_append_c(g, '\n'); break;
			case 'r': g_string_append_c(g, '\r'); break;
			case 't': g_string_append_c(g, '\t'); break;
			case 'u': {
				char hex[5] = { p[1], p[2], p[3], p[4], 0 };
				g_string_append_unichar(g, (gunichar)strtoul(hex, NULL, 16));
				p += 4;
				break;
			}
			default: g_string_append_c(g, *p); break;
			}
			p++;
		} else {
			g_string_append_c(g, *p++);
		}
	}
	*pp = p + 1;
	return g_string_free(g, FALSE);
}

/* Returns rows as GPtrArray of GPtrArray of (key, value) pairs flattened. */
static GPtrArray *
json_rows(const char *text)
{
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
	const char *p = skip_ws(text);

	assert_int_equal(*p, '[');
	p = skip_ws(p + 1);
	while (*p == '{') {
		GPtrArray *kv = g_ptr_array_new_with_free_func(g_free);
		p = skip_ws(p + 1);
		while (*p == '"') {
			g_ptr_array_add(kv, json_string(&p));
			p = skip_ws(p);
			assert_int_equal(*p, ':');
			p = skip_ws(p + 1);
			g_ptr_array_add(kv, json_string(&p));
			p = skip_ws(p);
			if (*p == ',')
				p = skip_ws(p + 1);
		}
		assert_int_equal(*p, '}');
		p = skip_ws(p + 1);
		if (*p == ',')
			p = skip_ws(p + 1);
		g_ptr_array_add(rows, kv);
	}
	assert_int_equal(*p, ']');
	return rows;
}

static void
check_spectrum(const char *name, const char *csv_dir, const char *json_dir)
{
	char *csv = g_strdup_printf("%s%s.csv", csv_dir, name);
	char *json = g_strdup_printf("%s%s.json", json_dir, name), *text;
	struct csvr_opts o = { 0, IMP_ENC_AUTO };
	struct lia_err err;
	struct csv_reader *r = csvr_open(csv, &o, &err);
	struct csv_record *rec;
	GPtrArray *rows, *header = g_ptr_array_new_with_free_func(g_free);
	guint n = 0;
	int i;

	if (r == NULL)
		fail_msg("%s: %s", csv, err.msg);
	assert_true(g_file_get_contents(json, &text, NULL, NULL));
	rows = json_rows(text);
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(rec->line, 1);
	for (i = 0; i < rec->nfields; i++)
		g_ptr_array_add(header, g_strdup(rec->fields[i]));
	while (csvr_next(r, &rec, &err) == 1) {
		GPtrArray *kv;

		assert_null(rec->bad);
		if (n >= rows->len)
			fail_msg("%s: more records than the JSON has", name);
		kv = g_ptr_array_index(rows, n);
		assert_int_equal(rec->nfields * 2, (int)kv->len);
		for (i = 0; i < rec->nfields; i++) {
			assert_string_equal(g_ptr_array_index(header, i), g_ptr_array_index(kv, 2 * i));
			if (strcmp(rec->fields[i], g_ptr_array_index(kv, 2 * i + 1)) != 0)
				fail_msg("%s row %u field %d: '%s' != '%s'", name, n, i,
				    rec->fields[i], (char *)g_ptr_array_index(kv, 2 * i + 1));
		}
		n++;
	}
	assert_int_equal(n, rows->len);
	csvr_close(r);
	g_ptr_array_unref(rows);
	g_ptr_array_unref(header);
	g_free(text);
	g_free(csv);
	g_free(json);
}

static void
test_spectrum(void **state)
{
	static const char *const names[] = {
		"comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json",
		"newlines", "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf",
		"utf8",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		check_spectrum(names[i], SPECTRUM "csvs/", SPECTRUM "json/");
	check_spectrum("newlines_cr", SPECTRUM "unmerged-pr10/csvs/", SPECTRUM "unmerged-pr10/json/");
}

/* Reads a whole file into records: returns the count, fills first/last. */
static int
read_all(const char *path, enum imp_encoding enc, GPtrArray *out)
{
	struct csvr_opts o = { 0, enc };
	struct lia_err err;
	struct csv_reader *r = csvr_open(path, &o, &err);
	struct csv_record *rec;
	int n = 0, got;

	if (r == NULL)
		fail_msg("%s: %s", path, err.msg);
	while ((got = csvr_next(r, &rec, &err)) == 1) {
		GString *g = g_string_new(NULL);
		int i;

		g_string_append_printf(g, "%ld:", rec->line);
		for (i = 0; i < rec->nfields; i++)
			g_string_append_printf(g, "%s[%s]", i ? "," : "", rec->fields[i]);
		if (rec->bad)
			g_string_append_printf(g, " BAD %s", rec->bad);
		g_ptr_array_add(out, g_string_free(g, FALSE));
		n++;
	}
	if (got < 0)
		fail_msg("%s: fatal: %s", path, err.msg);
	csvr_close(r);
	return n;
}

#define ASSERT_RECORD(arr, i, text) \
	assert_string_equal((char *)g_ptr_array_index((arr), (i)), (text))

static void
test_csvkit(void **state)
{
	GPtrArray *a;

	(void)state;
	a = g_ptr_array_new_with_free_func(g_free);
	assert_int_equal(read_all(CSVKIT "test_utf8_bom.csv", IMP_ENC_AUTO, a), 3);
	ASSERT_RECORD(a, 0, "1:[foo],[bar],[baz]");
	ASSERT_RECORD(a, 2, "3:[4],[5],[\xCA\xA4]");
	g_ptr_array_set_size(a, 0);

	assert_int_equal(read_all(CSVKIT "test_latin1.csv", IMP_ENC_AUTO, a), 3);
	ASSERT_RECORD(a, 2, "3:[4],[5],[\xEF\xBF\xBD] BAD invalid UTF-8 at byte offset 16 "
	    "(try --encoding latin1)");
	g_ptr_array_set_size(a, 0);
	assert_int_equal(read_all(CSVKIT "test_latin1.csv", IMP_ENC_LATIN1, a), 3);
	ASSERT_RECORD(a, 2, "3:[4],[5],[\xC2\xA9]");
	g_ptr_array_set_size(a, 0);

	assert_int_equal(read_all(CSVKIT "test_utf16_little.csv", IMP_ENC_AUTO, a), 3);
	ASSERT_RECORD(a, 0, "1:[a],[b],[c]");
	ASSERT_RECORD(a, 2, "3:[4],[5],[\xCA\xA4]");
	g_ptr_array_set_size(a, 0);
	assert_int_equal(read_all(CSVKIT "test_utf16_big.csv", IMP_ENC_AUTO, a), 3);
	ASSERT_RECORD(a, 2, "3:[4],[5],[\xCA\xA4]");
	g_ptr_array_set_size(a, 0);

	assert_int_equal(read_all(CSVKIT "mac_newlines.csv", IMP_ENC_AUTO, a), 3);
	ASSERT_RECORD(a, 2, "3:[Once upon\ra time],[5],[6]");
	g_ptr_array_set_size(a, 0);

	assert_int_equal(read_all(CSVKIT "null_byte.csv", IMP_ENC_AUTO, a), 2);
	ASSERT_RECORD(a, 1, "2:[],[2],[3] BAD NUL byte at byte offset 6");
	g_ptr_array_set_size(a, 0);

	assert_int_equal(read_all(CSVKIT "bad.csv", IMP_ENC_AUTO, a), 4);
	ASSERT_RECORD(a, 1, "2:[1],[27],[],[I'm too long!]");
	ASSERT_RECORD(a, 2, "3:[],[I'm too short!]");
	g_ptr_array_set_size(a, 0);

	assert_int_equal(read_all(CSVKIT "empty.csv", IMP_ENC_AUTO, a), 0);
	/* Records whose fields are all empty are blank lines. */
	assert_int_equal(read_all(CSVKIT "test_empty_columns.csv", IMP_ENC_AUTO, a), 3);
	ASSERT_RECORD(a, 2, "3:[],[],[c],[]");
	g_ptr_array_set_size(a, 0);

	assert_int_equal(read_all(CSVKIT "test_locale.csv", IMP_ENC_AUTO, a), 2);
	ASSERT_RECORD(a, 1, "2:[1,7],[200.000.000],[]");
	g_ptr_array_set_size(a, 0);

	assert_int_equal(read_all(CSVKIT "test_header_newline.csv", IMP_ENC_AUTO, a), 2);
	/* The quoted header holds three LFs and three lone CRs: six line ends. */
	ASSERT_RECORD(a, 1, "8:[d],[e],[f]");
	g_ptr_array_unref(a);
}

static int
mem_records(const char *data, size_t len, GPtrArray *out, char delimiter)
{
	struct csvr_opts o = { delimiter, IMP_ENC_AUTO };
	struct lia_err err;
	struct csv_reader *r = csvr_open_mem(data, len, &o, &err);
	struct csv_record *rec;
	int n = 0, got;

	assert_non_null(r);
	while ((got = csvr_next(r, &rec, &err)) == 1) {
		GString *g = g_string_new(NULL);
		int i;

		g_string_append_printf(g, "%ld:", rec->line);
		for (i = 0; i < rec->nfields; i++)
			g_string_append_printf(g, "%s[%s]", i ? "," : "", rec->fields[i]);
		g_ptr_array_add(out, g_string_free(g, FALSE));
		n++;
	}
	csvr_close(r);
	return got < 0 ? -1 : n;
}

static void
test_lines_and_delimiters(void **state)
{
	static const char mixed[] =
	    "a,b\r\n\r\n1,\"two\nlines\"\n\n  \n3 , four  \r5,6";
	static const char tabbed[] = "a\tb\tc\n1\t2,5\t3\n";
	static const char semi[] = "a;b;c\n1;2,5;3\n";
	/* formula cells guarded as lia writes them, and apostrophes that are
	 * not a guard */
	static const char guarded[] = "a,b,c,d,e,f\n'=1+1,'+44,\"'-5\",'@,'x,'\n";
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);

	(void)state;
	assert_int_equal(mem_records(mixed, sizeof mixed - 1, a, 0), 4);
	ASSERT_RECORD(a, 0, "1:[a],[b]");
	ASSERT_RECORD(a, 1, "3:[1],[two\nlines]");
	ASSERT_RECORD(a, 2, "7:[3],[four]");
	ASSERT_RECORD(a, 3, "8:[5],[6]");
	g_ptr_array_set_size(a, 0);
	assert_int_equal(mem_records(tabbed, sizeof tabbed - 1, a, 0), 2);
	ASSERT_RECORD(a, 1, "2:[1],[2,5],[3]");
	g_ptr_array_set_size(a, 0);
	assert_int_equal(mem_records(semi, sizeof semi - 1, a, 0), 2);
	ASSERT_RECORD(a, 1, "2:[1],[2,5],[3]");
	g_ptr_array_set_size(a, 0);
	assert_int_equal(mem_records(guarded, sizeof guarded - 1, a, 0), 2);
	ASSERT_RECORD(a, 1, "2:[=1+1],[+44],[-5],[@],['x],[']");
	g_ptr_array_set_size(a, 0);
	assert_int_equal(mem_records(semi, sizeof semi - 1, a, ','), 2);
	ASSERT_RECORD(a, 1, "2:[1;2],[5;3]");
	g_ptr_array_unref(a);
}

/* Records that cross the 64 KiB block boundary, CRLF split across it. */
static void
test_block_boundaries(void **state)
{
	GString *g = g_string_new("id,text\r\n");
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
	int i, n;

	(void)state;
	for (i = 0; i < 5000; i++)
		g_string_append_printf(g, "%d,\"row %d, with\r\na break\"\r\n", i, i);
	n = mem_records(g->str, g->len, a, 0);
	assert_int_equal(n, 5001);
	for (i = 0; i < 5000; i++) {
		char *want = g_strdup_printf("%d:[%d],[row %d, with\r\na break]", 2 + 2 * i, i, i);
		ASSERT_RECORD(a, i + 1, want);
		g_free(want);
	}
	g_ptr_array_unref(a);
	g_string_free(g, TRUE);
}

/* Each record as "LINE:[f],[f]", with " bad: REASON" for a record whose
 * bytes or quotes are bad; -1 on a fatal error (err). */
static int
mem_records_bad(const char *data, size_t len, GPtrArray *out, struct lia_err *err)
{
	struct csvr_opts o = { 0, IMP_ENC_AUTO };
	struct csv_reader *r = csvr_open_mem(data, len, &o, err);
	struct csv_record *rec;
	int n = 0, got;

	assert_non_null(r);
	while ((got = csvr_next(r, &rec, err)) == 1) {
		GString *g = g_string_new(NULL);
		int i;

		g_string_append_printf(g, "%ld:", rec->line);
		for (i = 0; i < rec->nfields; i++)
			g_string_append_printf(g, "%s[%s]", i ? "," : "", rec->fields[i]);
		if (rec->bad != NULL)
			g_string_append_printf(g, " bad: %s", rec->bad);
		g_ptr_array_add(out, g_string_free(g, FALSE));
		n++;
	}
	csvr_close(r);
	return got < 0 ? -1 : n;
}

#define UNTERMINATED(n) "unterminated quote: the quote opened on line " #n " is never" \
	" closed (the lines after it are read as records)"

/* A quote never closed: the record it is in ends at the end of the line
 * the quote opened on, marked bad with that line, and every line after it
 * is read again as records of its own (not swallowed into the field). */
static void
test_unterminated_quote(void **state)
{
	static const char simple[] = "a,b,c\nx,\"y,z\nd,e,f\ng,h,i\n";
	static const char later[] = "h\n1,\"two\nlines\",\"open\n5,6\n";
	static const char last[] = "a,b\n1,\"2";
	static const char crlf[] = "a,b\r\n1,\"2\r\n3,4\r\n";
	static const char twice[] = "a,b\n1,\"2\n3,\"4\n\n5,6\n";
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
	struct lia_err err;
	GString *g;
	int i;

	(void)state;
	assert_int_equal(mem_records_bad(simple, sizeof simple - 1, a, &err), 4);
	ASSERT_RECORD(a, 0, "1:[a],[b],[c]");
	ASSERT_RECORD(a, 1, "2:[x],[y,z] bad: " UNTERMINATED(2));
	ASSERT_RECORD(a, 2, "3:[d],[e],[f]");
	ASSERT_RECORD(a, 3, "4:[g],[h],[i]");
	g_ptr_array_set_size(a, 0);
	/* a record of two lines whose second opens the quote: the line named
	 * is the quote's, the record's is its first */
	assert_int_equal(mem_records_bad(later, sizeof later - 1, a, &err), 3);
	ASSERT_RECORD(a, 1, "2:[1],[two\nlines],[open] bad: " UNTERMINATED(3));
	ASSERT_RECORD(a, 2, "4:[5],[6]");
	g_ptr_array_set_size(a, 0);
	assert_int_equal(mem_records_bad(last, sizeof last - 1, a, &err), 2);
	ASSERT_RECORD(a, 1, "2:[1],[2] bad: " UNTERMINATED(2));
	g_ptr_array_set_size(a, 0);
	assert_int_equal(mem_records_bad(crlf, sizeof crlf - 1, a, &err), 3);
	ASSERT_RECORD(a, 1, "2:[1],[2] bad: " UNTERMINATED(2));
	ASSERT_RECORD(a, 2, "3:[3],[4]");
	g_ptr_array_set_size(a, 0);
	/* the lines read again have a quote never closed of their own */
	assert_int_equal(mem_records_bad(twice, sizeof twice - 1, a, &err), 4);
	ASSERT_RECORD(a, 1, "2:[1],[2] bad: " UNTERMINATED(2));
	ASSERT_RECORD(a, 2, "3:[3],[4] bad: " UNTERMINATED(3));
	ASSERT_RECORD(a, 3, "5:[5],[6]");
	g_ptr_array_set_size(a, 0);

	/* 70,000 lines after the quote (more than a block): all of them */
	g = g_string_new("a,b\n1,\"2\n");
	for (i = 0; i < 70000; i++)
		g_string_append_printf(g, "%d,y\n", i);
	assert_int_equal(mem_records_bad(g->str, g->len, a, &err), 70002);
	ASSERT_RECORD(a, 1, "2:[1],[2] bad: " UNTERMINATED(2));
	ASSERT_RECORD(a, 2, "3:[0],[y]");
	ASSERT_RECORD(a, 70001, "70002:[69999],[y]");
	g_ptr_array_set_size(a, 0);
	/* past the record's limit: a fatal error naming the quote's line */
	for (; g->len <= CSVR_MAX_RECORD; i++)
		g_string_append_printf(g, "%d,y\n", i);
	assert_int_equal(mem_records_bad(g->str, g->len, a, &err), -1);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.msg, "unterminated quote: the quote opened on this line is not"
	    " closed within 1048576 bytes");
	g_string_free(g, TRUE);
	g_ptr_array_unref(a);
}

/* Random bytes and mutated CSV: the reader returns records or a clean
 * error, never crashes (ASan and UBSan watch this in check-asan). */
static void
test_fuzz(void **state)
{
	static const char seed[] = "agency,date,\"e\"\"mail\"\r\nA,12/06/2019,\"x\ny\"\n\xEF\xBB\xBF,\xFF\xFE\r\r";
	GRand *rand = g_rand_new_with_seed(20261126);
	int iter;

	(void)state;
	for (iter = 0; iter < 3000; iter++) {
		char buf[256];
		size_t len = (size_t)g_rand_int_range(rand, 0, sizeof buf), i;
		struct csvr_opts o = { 0, (enum imp_encoding)g_rand_int_range(rand, 0, 3) };
		struct lia_err err;
		struct csv_reader *r;
		struct csv_record *rec;
		int got, guard = 0;

		for (i = 0; i < len; i++)
			buf[i] = g_rand_boolean(rand) ? seed[g_rand_int_range(rand, 0, sizeof seed - 1)]
			    : (char)g_rand_int_range(rand, 0, 256);
		r = csvr_open_mem(buf, len, &o, &err);
		if (r == NULL)
			continue;
		while ((got = csvr_next(r, &rec, &err)) == 1 && guard++ < 1000)
			assert_true(rec->line >= 1);
		csvr_close(r);
	}
	g_rand_free(rand);
}

/*
 * The reading thread's numbers (csvr_set_keys): each numbered column's
 * values in the order first seen, empty as -1; a column numbered only
 * where another is empty; tuples of numbers; people by pseudonym, the same
 * person whatever the case and spaces of the e-mail, else by id; nothing
 * for a record with bad bytes; and a column's values past CSVR_KEY_VALUES
 * unnumbered (-1), with no tuple.
 */
static void
test_numbers(void **state)
{
	static const char csv[] =
	    "email,id,code,title,date\n"
	    "a@x.example,,C1,Alpha,01/02/2019\n"	/* 2 */
	    "b@x.example,,C2,Beta,01/02/2019\n"		/* 3 */
	    " A@X.example ,,C1,Gamma,02/02/2019\n"	/* 4: a, title not numbered */
	    ",P7,,Alpha,01/02/2019\n"			/* 5: no code: title numbered */
	    ",,C2,,\n"					/* 6: nobody, no date */
	    "b@x.example,,C2,Beta,01/02/2019\n"		/* 7: as line 3 */
	    "c@x.example,,C\xff,Beta,01/02/2019\n";	/* 8: bad bytes */
	static const int32_t want[][7] = {
		/* person, code, title, date, tuple, line */
		{ 0, 0, -1, 0, 0, 2 },
		{ 1, 1, -1, 0, 1, 3 },
		{ 0, 0, -1, 1, 2, 4 },
		{ 2, -1, 0, 0, 3, 5 },
		{ -1, 1, -1, -1, 4, 6 },
		{ 1, 1, -1, 0, 1, 7 },
		{ -1, -1, -1, -1, -1, 8 },
	};
	unsigned char key[DB_KEY_LEN] = { 1, 2, 3 };
	struct imp_hmac *hmac = imp_hmac_new(key);
	struct csvr_opts o = { 0, IMP_ENC_AUTO };
	struct csvr_keys keys = { 0, 1, hmac, 3, { 2, 3, 4 }, 3, { 0, 1, 2 }, { 0, 1, 0 } };
	struct lia_err err;
	struct csv_reader *r = csvr_open_mem(csv, sizeof csv - 1, &o, &err);
	struct csv_record *rec;
	GString *big;
	size_t i;
	int n;

	(void)state;
	assert_non_null(r);
	assert_int_equal(csvr_next(r, &rec, &err), 1);	/* the header */
	csvr_set_keys(r, &keys);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_int_equal(csvr_next(r, &rec, &err), 1);
		assert_int_equal(rec->line, want[i][5]);
		assert_int_equal(rec->person, want[i][0]);
		assert_int_equal(rec->key[0], want[i][1]);
		assert_int_equal(rec->key[1], want[i][2]);
		assert_int_equal(rec->key[2], want[i][3]);
		assert_int_equal(rec->tuple, want[i][4]);
		assert_true((rec->digest != NULL) == (want[i][0] >= 0));
	}
	assert_int_equal(csvr_next(r, &rec, &err), 0);
	csvr_close(r);

	/* past CSVR_KEY_VALUES distinct values, a column's values are -1 */
	big = g_string_new("code,date\n");
	for (n = 0; n < CSVR_KEY_VALUES + 10; n++)
		g_string_append_printf(big, "C%d,01/02/2019\n", n);
	g_string_append(big, "C7,01/02/2019\n");
	keys = (struct csvr_keys){ -1, -1, NULL, 2, { 0, 1 }, 2, { 0, 1 }, { 0 } };
	r = csvr_open_mem(big->str, big->len, &o, &err);
	assert_non_null(r);
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	csvr_set_keys(r, &keys);
	for (n = 0; n < CSVR_KEY_VALUES + 10; n++) {
		assert_int_equal(csvr_next(r, &rec, &err), 1);
		assert_int_equal(rec->person, -1);
		assert_null(rec->digest);
		if (n < CSVR_KEY_VALUES) {
			assert_int_equal(rec->key[0], n);
			assert_int_equal(rec->tuple, n);
		} else {
			assert_int_equal(rec->key[0], -1);
			assert_int_equal(rec->tuple, -1);
		}
		assert_int_equal(rec->key[1], 0);
	}
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(rec->key[0], 7);
	assert_int_equal(rec->tuple, 7);
	assert_int_equal(csvr_next(r, &rec, &err), 0);
	csvr_close(r);
	g_string_free(big, TRUE);
	g_free(hmac);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spectrum),
		cmocka_unit_test(test_csvkit),
		cmocka_unit_test(test_lines_and_delimiters),
		cmocka_unit_test(test_block_boundaries),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_fuzz),
		cmocka_unit_test(test_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
