/*
 * Unit tests for import/: header and name keys, status words and the other
 * normalisers, pseudonyms (known answers computed with Python's hmac
 * module), header matching with profiles and map files, and the batch
 * accounting of imp_file on small files: read = loaded + duplicates +
 * rejected, dry run, strict, already imported, fatal errors leave nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "import/internal.h"

static void
test_keys(void **state)
{
	char *k;

	(void)state;
	k = imp_header_key("Session Date");
	assert_string_equal(k, "sessiondate");
	g_free(k);
	k = imp_header_key(" session_date ");
	assert_string_equal(k, "sessiondate");
	g_free(k);
	k = imp_header_key("E-mail");
	assert_string_equal(k, "email");
	g_free(k);
	k = imp_header_key("Order #");
	assert_string_equal(k, "order");
	g_free(k);
	k = imp_name_key("  Sefton   Council\tChildren's ");
	assert_string_equal(k, "sefton council children's");
	g_free(k);
	k = imp_name_key("MERSEYSIDE Police");
	assert_string_equal(k, "merseyside police");
	g_free(k);
}

static void
test_status_words(void **state)
{
	static const struct {
		const char *word;
		int status;
	} cases[] = {
		{ "attended", ATT_ATTENDED }, { "Completed", ATT_ATTENDED },
		{ "Checked In", ATT_ATTENDED }, { "present", ATT_ATTENDED }, { "YES", ATT_ATTENDED },
		{ "did not attend", ATT_DNA }, { "DNA", ATT_DNA }, { "No show", ATT_DNA },
		{ "no-show", ATT_DNA }, { "absent", ATT_DNA }, { "Not completed", ATT_DNA },
		{ "cancelled", ATT_CANCELLED }, { "Withdrawn", ATT_CANCELLED },
		{ "Not Attending", ATT_CANCELLED }, { "canceled", ATT_CANCELLED },
	};
	enum att_status st;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (imp_status_word(cases[i].word, &st) != 0)
			fail_msg("'%s' not known", cases[i].word);
		assert_int_equal(st, cases[i].status);
	}
	assert_int_equal(imp_status_word("maybe", &st), -1);
	assert_int_equal(imp_status_word("", &st), -1);
	assert_string_equal(imp_status_name(ATT_DNA), "did_not_attend");
}

static void
test_numbers(void **state)
{
	int64_t v;
	double d;
	int yn;

	(void)state;
	assert_int_equal(imp_int("1200", &v), 0);
	assert_int_equal(v, 1200);
	assert_int_equal(imp_int("1,200", &v), 0);
	assert_int_equal(v, 1200);
	assert_int_equal(imp_int("12,345,678", &v), 0);
	assert_int_equal(v, 12345678);
	assert_int_equal(imp_int("12.0", &v), 0);
	assert_int_equal(v, 12);
	assert_int_equal(imp_int("1,20", &v), -1);
	assert_int_equal(imp_int("12.5", &v), -1);
	assert_int_equal(imp_int("many", &v), -1);
	assert_int_equal(imp_int("", &v), -1);
	assert_int_equal(imp_int("99999999999999999999", &v), -1);
	assert_int_equal(imp_real("1.5", &d), 0);
	assert_true(d == 1.5);
	assert_int_equal(imp_real("inf", &d), -1);
	assert_int_equal(imp_real("0x10", &d), -1);
	assert_int_equal(imp_real("3 hours", &d), -1);
	assert_int_equal(imp_real(".", &d), -1);
	assert_int_equal(imp_real("1.2.3", &d), -1);
	assert_int_equal(imp_real("-", &d), -1);
	/* Plain decimals are read without strtod: the same double, bit for bit,
	 * for every length of mantissa and scale up to 15 digits. */
	{
		GRand *rnd = g_rand_new_with_seed(20261126);
		int i;

		for (i = 0; i < 200000; i++) {
			char text[40];
			int digits = g_rand_int_range(rnd, 1, 16);
			int scale = g_rand_int_range(rnd, 0, digits + 1);
			int64_t m = 0;
			int k;
			double want;

			for (k = 0; k < digits; k++)
				m = m * 10 + g_rand_int_range(rnd, 0, 10);
			if (scale == 0)
				snprintf(text, sizeof text, "%s%lld", i % 7 ? "" : "-", (long long)m);
			else
				snprintf(text, sizeof text, "%s%0*lld", i % 7 ? "" : "-", digits + 1,
				    (long long)m);
			if (scale > 0) {
				/* put the point scale digits from the end */
				size_t len = strlen(text);
				memmove(text + len - scale + 1, text + len - scale, (size_t)scale + 1);
				text[len - scale] = '.';
			}
			want = strtod(text, NULL);
			assert_int_equal(imp_real(text, &d), 0);
			if (memcmp(&d, &want, sizeof d) != 0)
				fail_msg("imp_real(\"%s\") = %.17g, strtod says %.17g", text, d, want);
		}
		g_rand_free(rnd);
	}
	assert_int_equal(imp_level("Level 3", &v), 0);
	assert_int_equal(v, 3);
	assert_int_equal(imp_level("L2", &v), 0);
	assert_int_equal(v, 2);
	assert_int_equal(imp_level("4", &v), 0);
	assert_int_equal(imp_level("Level X", &v), -1);
	assert_int_equal(imp_yes_no("Yes", &yn), 0);
	assert_int_equal(yn, 1);
	assert_int_equal(imp_yes_no("n", &yn), 0);
	assert_int_equal(yn, 0);
	assert_int_equal(imp_yes_no("maybe", &yn), -1);
	assert_string_equal(imp_mode("Face to face"), "face_to_face");
	assert_string_equal(imp_mode("MS Teams"), "virtual");
	assert_string_equal(imp_mode("e-Learning"), "e_learning");
	assert_null(imp_mode("carrier pigeon"));
}

/* Known answers: Python 3.11 hmac.new(bytes(range(1, 33)), data,
 * hashlib.sha256).hexdigest(). */
static void
test_pseudonyms(void **state)
{
	unsigned char key[DB_KEY_LEN];
	char out[IMP_PKEY_LEN + 1];
	int i;

	(void)state;
	for (i = 0; i < DB_KEY_LEN; i++)
		key[i] = (unsigned char)(i + 1);
	assert_int_equal(imp_pseudonym(key, "jane.doe@police.example", NULL, out), 0);
	assert_string_equal(out, "66f98d24586de5f9b1604a5629547f5ab56b02f252e4b2a6140a3c84c6e38301");
	/* trimmed and lower-cased: the same person */
	assert_int_equal(imp_pseudonym(key, "  Jane.Doe@POLICE.example ", NULL, out), 0);
	assert_string_equal(out, "66f98d24586de5f9b1604a5629547f5ab56b02f252e4b2a6140a3c84c6e38301");
	/* beyond ASCII, lower-cased by Unicode (Python: hmac.new(bytes(range(1, 33)),
	 * "jöhn.smith@x.example".encode(), hashlib.sha256).hexdigest()) */
	assert_int_equal(imp_pseudonym(key, "J\xc3\x96HN.Smith@X.example", NULL, out), 0);
	assert_string_equal(out, "33bceb07d681c10b2f344991f820822d5f46bb6f3dd45eccd22aefc83519c110");
	/* the e-mail wins over the id */
	assert_int_equal(imp_pseudonym(key, "jane.doe@police.example", "EMP001", out), 0);
	assert_string_equal(out, "66f98d24586de5f9b1604a5629547f5ab56b02f252e4b2a6140a3c84c6e38301");
	/* ids are trimmed, not lower-cased */
	assert_int_equal(imp_pseudonym(key, "", " EMP001 ", out), 0);
	assert_string_equal(out, "e0ccd907c09390431a9ac0deb5035c22e751ca717265a1b3af8a411fcaee38bc");
	assert_int_equal(imp_pseudonym(key, NULL, "emp001", out), 0);
	assert_string_equal(out, "8923eaf8f284b180bb8dafc0322c953fa04c939beb52868a7934f27072192bb2");
	/* a pseudonym written back by `lia rejects` is taken as it is */
	assert_int_equal(imp_pseudonym(key,
	    "lia:8923eaf8f284b180bb8dafc0322c953fa04c939beb52868a7934f27072192bb2", NULL, out), 0);
	assert_string_equal(out, "8923eaf8f284b180bb8dafc0322c953fa04c939beb52868a7934f27072192bb2");
	assert_int_equal(imp_pseudonym(key, "", "", out), -1);
	assert_int_equal(imp_pseudonym(key, NULL, "   ", out), -1);
}

static const struct imp_field fields[] = {
	{ "agency", F_REQUIRED }, { "session_date", F_REQUIRED }, { "email", F_PSEUDONYM },
	{ "practitioner_id", F_PSEUDONYM }, { "status", 0 }, { "first_name", F_PERSONAL },
	{ "course_title", 0 }, { NULL, 0 }
};

static void
test_header_matching(void **state)
{
	/* The course completion report's header (report/completion/index.php). */
	char **moodle = g_strsplit("ID|Name|Email address|Institution|Department|Quiz|"
	    "Quiz - Completion date|Course complete", "|", -1);
	char **mapped = g_strsplit("Organisation Name|When|Work E-mail|Result", "|", -1);
	struct imp_columns c;
	struct imp_map *map;
	struct lia_err err;
	char path[] = "/tmp/lia-test-map-XXXXXX";
	int fd;

	(void)state;
	assert_int_equal(imp_match_header(fields, "attendance", "moodle", NULL, moodle, 8, &c,
	    &err), 0);
	assert_int_equal(c.col[0], 3);	/* agency = Institution, never Department */
	assert_int_equal(c.col[1], 7);	/* session_date = Course complete (its date) */
	assert_int_equal(c.col[2], 2);	/* email */
	assert_int_equal(c.col[3], 0);	/* practitioner_id = ID */
	assert_int_equal(c.col[4], -1);	/* no status column: the date says it */
	assert_int_equal(c.col[5], -1);	/* no first name */
	assert_int_equal(c.personal[1], 1);	/* Name: unclaimed, but a name */
	assert_int_equal(c.personal[2], 2);	/* e-mail: pseudonymised */
	imp_columns_fini(&c);

	assert_int_equal(imp_match_header(fields, "attendance", "nosuch", NULL, moodle, 8, &c,
	    &err), -1);
	assert_non_null(strstr(err.msg, "unknown profile 'nosuch'"));

	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_true(g_file_set_contents(path, "# my export\nagency = Organisation Name\n"
	    "session_date=When\nemail = Work E-mail\nstatus = Result\n", -1, NULL));
	map = imp_map_read(path, &err);
	assert_non_null(map);
	assert_int_equal(imp_match_header(fields, "attendance", "generic", map, mapped, 4, &c,
	    &err), 0);
	assert_int_equal(c.col[0], 0);
	assert_int_equal(c.col[1], 1);
	assert_int_equal(c.col[2], 2);
	assert_int_equal(c.col[4], 3);
	imp_columns_fini(&c);
	imp_map_free(map);

	/* A map naming a column the file lacks is an error. */
	assert_true(g_file_set_contents(path, "agency = Employer\n", -1, NULL));
	map = imp_map_read(path, &err);
	assert_non_null(map);
	assert_int_equal(imp_match_header(fields, "attendance", "generic", map, mapped, 4, &c,
	    &err), -1);
	assert_non_null(strstr(err.msg, "no column 'Employer'"));
	imp_map_free(map);
	/* A malformed map line names its line. */
	assert_true(g_file_set_contents(path, "agency = A\nthis line has no equals\n", -1, NULL));
	assert_null(imp_map_read(path, &err));
	assert_int_equal(err.line, 2);
	unlink(path);
	g_strfreev(moodle);
	g_strfreev(mapped);
}

/* ---- imp_file on small files ------------------------------------------------ */

static char *
write_tmp(const char *text)
{
	char *path = g_strdup("/tmp/lia-test-import-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static int64_t
count(sqlite3 *db, const char *table)
{
	char sql[128];
	int64_t n;
	struct lia_err err;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	assert_int_equal(db_query_int(db, sql, &n, &err), 0);
	return n;
}

static const char good[] =
    "agency,course_code,session_date,email,status\n"
    "Police,WT01,12/06/2019,a@x.example,attended\n"
    "Police,WT01,12/06/2019,A@X.example,did not attend\n"	/* duplicate */
    "Health,WT01,12/06/2019,b@x.example,maybe\n"		/* reject */
    "Health,WT01,12/06/2019,c@x.example,cancelled\n";

static void
test_accounting(void **state)
{
	struct imp_opts o;
	struct imp_summary s;
	struct lia_err err;
	sqlite3 *db = db_open(":memory:", &err);
	char *path = write_tmp(good);

	(void)state;
	assert_non_null(db);
	imp_opts_defaults(&o);

	/* dry run: the counts, nothing written */
	o.dry_run = 1;
	assert_int_equal(imp_file(db, IMP_ATTENDANCE, path, &o, &s, &err), 0);
	assert_string_equal(s.status, "dry_run");
	assert_int_equal(s.read, 4);
	assert_int_equal(s.loaded, 2);
	assert_int_equal(s.duplicates, 1);
	assert_int_equal(s.rejected, 1);
	assert_int_equal(count(db, "attendance"), 0);
	assert_int_equal(count(db, "import_batch"), 0);
	assert_int_equal(count(db, "agency"), 0);
	assert_int_equal(count(db, "sqlite_master WHERE name = 'practitioner_pkey'"), 1);

	/* strict: one reject rolls the file back */
	o.dry_run = 0;
	o.strict = 1;
	assert_int_equal(imp_file(db, IMP_ATTENDANCE, path, &o, &s, &err), -1);
	assert_string_equal(s.status, "rolled_back");
	assert_non_null(strstr(err.msg, "--strict"));
	assert_int_equal(count(db, "attendance"), 0);
	assert_int_equal(count(db, "reject"), 0);

	o.strict = 0;
	assert_int_equal(imp_file(db, IMP_ATTENDANCE, path, &o, &s, &err), 0);
	assert_string_equal(s.status, "committed");
	assert_int_equal(s.read, s.loaded + s.duplicates + s.rejected);
	assert_int_equal(s.batch, 1);
	assert_int_equal(count(db, "attendance"), 2);
	assert_int_equal(count(db, "practitioner"), 2);
	assert_int_equal(count(db, "reject"), 1);
	assert_int_equal(strlen(s.sha256), 64);

	/* the same bytes again: nothing */
	assert_int_equal(imp_file(db, IMP_ATTENDANCE, path, &o, &s, &err), 0);
	assert_string_equal(s.status, "already_imported");
	assert_int_equal(s.batch, 1);
	assert_int_equal(s.loaded, 0);
	assert_int_equal(count(db, "import_batch"), 1);
	unlink(path);
	g_free(path);

	/* a fatal error (a missing column) changes nothing */
	path = write_tmp("agency,session_date,email\nPolice,12/06/2019,d@x.example\n");
	assert_int_equal(imp_file(db, IMP_ATTENDANCE, path, &o, &s, &err), -1);
	assert_non_null(strstr(err.msg, "missing required column 'course_code'"));
	assert_non_null(strstr(err.msg, "'agency', 'session_date', 'email'"));
	assert_int_equal(count(db, "import_batch"), 1);
	unlink(path);
	g_free(path);

	/* an empty file and a missing file are fatal too */
	path = write_tmp("\n\n");
	assert_int_equal(imp_file(db, IMP_ATTENDANCE, path, &o, &s, &err), -1);
	assert_non_null(strstr(err.msg, "empty"));
	unlink(path);
	g_free(path);
	assert_int_equal(imp_file(db, IMP_ATTENDANCE, "/nonexistent/x.csv", &o, &s, &err), -1);
	assert_non_null(strstr(err.msg, "cannot open"));
	assert_string_equal(err.file, "/nonexistent/x.csv");
	assert_int_equal(count(db, "import_batch"), 1);
	db_close(db);
}

/* A duplicate that says more than the stored row strengthens it. */
static void
test_stronger_duplicate(void **state)
{
	struct imp_opts o;
	struct imp_summary s;
	struct lia_err err;
	sqlite3 *db = db_open(":memory:", &err);
	char *a = write_tmp("agency,course_code,session_date,practitioner_id,status,hours\n"
	    "Police,WT01,12/06/2019,P1,cancelled,\n"
	    "Police,WT01,12/06/2019,P2,did not attend,\n");
	char *b = write_tmp("agency,course_code,session_date,practitioner_id,status,hours\n"
	    "Police,WT01,12/06/2019,P1,did not attend,\n"
	    "Police,WT01,12/06/2019,P2,attended,3\n"
	    "Police,WT01,12/06/2019,P2,cancelled,\n");
	sqlite3_stmt *st;

	(void)state;
	imp_opts_defaults(&o);
	assert_int_equal(imp_file(db, IMP_ATTENDANCE, a, &o, &s, &err), 0);
	assert_int_equal(imp_file(db, IMP_ATTENDANCE, b, &o, &s, &err), 0);
	assert_int_equal(s.duplicates, 3);
	st = db_prepare(db, "SELECT status, hours FROM attendance ORDER BY practitioner_id", &err);
	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "did_not_attend");
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "attended");
	assert_true(sqlite3_column_double(st, 1) == 3.0);
	sqlite3_finalize(st);
	unlink(a);
	unlink(b);
	g_free(a);
	g_free(b);
	db_close(db);
}

/* A full disk mid-file is fatal and leaves the database as it was (the
 * page limit makes SQLite answer SQLITE_FULL as a full disk would). */
static void
test_disk_full(void **state)
{
	struct imp_opts o;
	struct imp_summary s;
	struct lia_err err;
	sqlite3 *db = db_open(":memory:", &err);
	GString *g = g_string_new("agency,course_code,session_date,email,role,status,hours,"
	    "completed_date\n");
	char *path;
	int64_t pages;
	int i;

	(void)state;
	for (i = 0; i < 20000; i++)
		g_string_append_printf(g, "Agency %d,C%d,12/06/2019,person%d@x.example,"
		    "a role long enough to fill pages quickly %d\n", i % 40, i % 60, i, i);
	path = write_tmp(g->str);
	g_string_free(g, TRUE);
	assert_int_equal(db_query_int(db, "PRAGMA page_count", &pages, &err), 0);
	assert_int_equal(db_query_int(db, "PRAGMA max_page_count = 150", &pages, &err), 0);
	imp_opts_defaults(&o);
	assert_int_equal(imp_file(db, IMP_ATTENDANCE, path, &o, &s, &err), -1);
	assert_non_null(strstr(err.msg, "full"));
	assert_string_equal(s.status, "rolled_back");
	assert_int_equal(count(db, "import_batch"), 0);
	assert_int_equal(count(db, "attendance"), 0);
	assert_int_equal(count(db, "practitioner"), 0);
	assert_int_equal(count(db, "agency"), 0);
	/* the index of pseudonyms, dropped for the load, is back */
	assert_int_equal(count(db, "sqlite_master WHERE name = 'practitioner_pkey'"), 1);
	unlink(path);
	g_free(path);
	db_close(db);
}

/*
 * Many people: more new people than one pseudonym-ordered insert takes, so
 * several happen; then a second file with half of them again (now held:
 * looked up, moved to their new agency), written in another case and, for
 * some, as the "lia:" pseudonym a reject would show.  Each person is one
 * practitioner, each attendance points at one, and ids are never reused.
 */
static void
test_many_people(void **state)
{
	struct imp_opts o;
	struct imp_summary s;
	struct lia_err err;
	sqlite3 *db = db_open(":memory:", &err);
	unsigned char key[DB_KEY_LEN];
	GString *g = g_string_new("agency,course_code,session_date,email,role,status,hours,"
	    "completed_date\n");
	char *a, *b, pk[IMP_PKEY_LEN + 1];
	int64_t n;
	int i;

	(void)state;
	assert_non_null(db);
	assert_int_equal(db_key(db, key, &err), 0);
	/* values that change from row to row at different rates, so rows bound
	 * into the many-row INSERT's slots differ from the slot's last row in
	 * every way: hours 0.5 to 3 or none, every 7th completed, every 5th
	 * did not attend */
	for (i = 0; i < 80000; i++) {
		g_string_append_printf(g, "Agency %d,C%d,12/06/2019,p%d@x.example,%s,%s,", i % 7, i % 3,
		    i, i % 2 ? "Nurse" : i % 3 ? "" : "Social worker", i % 5 ? "attended" : "DNA");
		if (i % 6)
			g_string_append_printf(g, "%g", 0.5 * (i % 6));
		g_string_append_printf(g, ",%s\n", i % 7 ? "" : "13/06/2019");
	}
	/* the first 500 again, in capitals: duplicates of the same person */
	for (i = 0; i < 500; i++)
		g_string_append_printf(g, "Agency %d,C%d,12/06/2019,P%d@X.EXAMPLE,,,,\n", i % 7, i % 3, i);
	a = write_tmp(g->str);
	g_string_assign(g, "agency,course_code,session_date,email\n");
	for (i = 40000; i < 120000; i++) {
		if (i % 5 == 0) {
			char email[64];

			snprintf(email, sizeof email, "p%d@x.example", i);
			assert_int_equal(imp_pseudonym(key, email, NULL, pk), 0);
			g_string_append_printf(g, "Moved,C9,13/06/2019,lia:%s\n", pk);
		} else {
			g_string_append_printf(g, "Moved,C9,13/06/2019,P%d@x.example\n", i);
		}
	}
	b = write_tmp(g->str);
	g_string_free(g, TRUE);
	imp_opts_defaults(&o);

	assert_int_equal(imp_file(db, IMP_ATTENDANCE, a, &o, &s, &err), 0);
	assert_int_equal(count(db, "sqlite_master WHERE name = 'practitioner_pkey'"), 1);
	assert_int_equal(s.read, 80500);
	assert_int_equal(s.loaded, 80000);
	assert_int_equal(s.duplicates, 500);
	assert_int_equal(count(db, "practitioner"), 80000);
	assert_int_equal(db_query_int(db, "SELECT max(id) FROM practitioner", &n, &err), 0);
	assert_int_equal(n, 80000);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM practitioner WHERE role = 'Nurse'",
	    &n, &err), 0);
	assert_int_equal(n, 40000);
	/* each attendance has its own row's values (sums computed here in C) */
	{
		int64_t hours2 = 0, completed = 0, dna = 0, nurse = 0, social = 0, nohours = 0;

		for (i = 0; i < 80000; i++) {
			hours2 += i % 6;
			nohours += i % 6 == 0;
			completed += i % 7 == 0;
			/* (the 500 repeats below say attended, which beats DNA) */
			dna += i % 5 == 0 && i >= 500;
			nurse += i % 2 == 1;
			social += i % 2 == 0 && i % 3 == 0;
		}
		assert_int_equal(db_query_int(db, "SELECT CAST(sum(hours) * 2 AS INTEGER)"
		    " FROM attendance", &n, &err), 0);
		assert_int_equal(n, hours2);
		assert_int_equal(db_query_int(db, "SELECT count(*) FROM attendance WHERE hours IS NULL",
		    &n, &err), 0);
		assert_int_equal(n, nohours);
		assert_int_equal(db_query_int(db, "SELECT count(*) FROM attendance"
		    " WHERE completed = '2019-06-13'", &n, &err), 0);
		assert_int_equal(n, completed);
		assert_int_equal(db_query_int(db, "SELECT count(*) FROM attendance"
		    " WHERE status = 'did_not_attend'", &n, &err), 0);
		assert_int_equal(n, dna);
		assert_int_equal(db_query_int(db, "SELECT count(*) FROM attendance WHERE role = 'Nurse'",
		    &n, &err), 0);
		assert_int_equal(n, nurse);
		assert_int_equal(db_query_int(db, "SELECT count(*) FROM attendance"
		    " WHERE role = 'Social worker'", &n, &err), 0);
		assert_int_equal(n, social);
		/* and the row of one person, found by their pseudonym: row 4242
		 * has no hours, a completion, attended, Social worker */
		{
			char *sql;

			assert_int_equal(imp_pseudonym(key, "p4242@x.example", NULL, pk), 0);
			sql = g_strdup_printf("SELECT hours IS NULL AND completed = '2019-06-13'"
			    " AND status = 'attended' AND a.role = 'Social worker' FROM attendance a"
			    " JOIN practitioner p ON p.id = practitioner_id WHERE p.pkey = '%s'", pk);
			assert_int_equal(db_query_int(db, sql, &n, &err), 0);
			assert_int_equal(n, 1);
			g_free(sql);
		}
	}

	assert_int_equal(imp_file(db, IMP_ATTENDANCE, b, &o, &s, &err), 0);
	assert_int_equal(s.loaded, 80000);
	assert_int_equal(count(db, "practitioner"), 120000);
	assert_int_equal(count(db, "attendance"), 160000);
	/* every attendance has its practitioner, and each person is one id */
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM attendance"
	    " LEFT JOIN practitioner p ON p.id = practitioner_id WHERE p.id IS NULL", &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM (SELECT practitioner_id"
	    " FROM attendance GROUP BY practitioner_id HAVING count(*) = 2)", &n, &err), 0);
	assert_int_equal(n, 40000);
	/* the held ones moved to their latest agency; new ones start there */
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM practitioner p JOIN agency a"
	    " ON a.id = p.agency_id WHERE a.name = 'Moved'", &n, &err), 0);
	assert_int_equal(n, 80000);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM pragma_foreign_key_check",
	    &n, &err), 0);
	assert_int_equal(n, 0);
	unlink(a);
	unlink(b);
	g_free(a);
	g_free(b);
	db_close(db);
}

/*
 * Readers are never blocked by an import (issue 14, and the first finding
 * of issue 16): while it loads (from its progress callback), as it commits
 * (SQLite's commit hook, before the commit is written) and after (the WAL
 * hook), a new connection opens the database as every lia command does and
 * reads the last committed state; a reader holding an older snapshot
 * through the whole import keeps it, and the import commits without
 * waiting for it.  A second writer is told that another one writes.
 */
struct readers {
	const char *path;
	int64_t before, after;
	int during, at_commit, after_commit, writer_refused, waited;
	char refusal[sizeof ((struct lia_err *)0)->msg];
};

static int64_t
open_and_count(const char *path)
{
	struct lia_err err;
	sqlite3 *db = db_open(path, &err);
	int64_t n = -1;

	if (db == NULL)
		fail_msg("a reader could not open the database: %s", err.msg);
	if (db_query_int(db, "SELECT count(*) FROM attendance", &n, &err) != 0)
		fail_msg("a reader could not read: %s", err.msg);
	db_close(db);
	return n;
}

static void
note_wait(void *data)
{
	((struct readers *)data)->waited++;
}

static void
read_during(int64_t rows, int64_t bytes, int64_t size, void *data)
{
	struct readers *r = data;
	struct lia_err err;
	sqlite3 *other;

	(void)bytes;
	(void)size;
	if (rows == 0)
		return;
	assert_int_equal(open_and_count(r->path), r->before);
	r->during++;
	/* another writer: refused at once (it would wait up to 0 s) */
	other = db_open(r->path, &err);
	assert_non_null(other);
	if (db_begin_wait(other, 0, note_wait, r, &err) == 0)
		fail_msg("a second writer began while the import wrote");
	snprintf(r->refusal, sizeof r->refusal, "%s", err.msg);
	r->writer_refused++;
	db_close(other);
}

static int
read_at_commit(void *data)
{
	struct readers *r = data;

	assert_int_equal(open_and_count(r->path), r->before);
	r->at_commit++;
	return 0;
}

static int
read_after_commit(void *data, sqlite3 *db, const char *name, int pages)
{
	struct readers *r = data;

	(void)db;
	(void)name;
	(void)pages;
	assert_int_equal(open_and_count(r->path), r->after);
	r->after_commit++;
	return SQLITE_OK;
}

static void
test_readers_not_blocked(void **state)
{
	struct imp_opts o;
	struct imp_summary s;
	struct lia_err err;
	struct readers r = { 0 };
	char *dbpath = g_strdup("/tmp/lia-test-readers-XXXXXX"), *a, *b, *c;
	GString *big = g_string_new("agency,course_code,session_date,email,status\n");
	int fd = mkstemp(dbpath), i;
	sqlite3 *db, *old;
	int64_t n;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	unlink(dbpath);
	for (i = 0; i < 20000; i++)
		g_string_append_printf(big, "Agency %d,WT%02d,%02d/06/2019,p%d@x.example,attended\n",
		    i % 7, i % 13, 1 + i % 28, i);
	a = write_tmp(good);
	b = write_tmp(big->str);
	c = write_tmp("agency,course_code,session_date,email\nPolice,WT02,13/06/2019,e@x.example\n");
	g_string_free(big, TRUE);
	db = db_open(dbpath, &err);
	assert_non_null(db);
	imp_opts_defaults(&o);
	assert_int_equal(imp_file(db, IMP_ATTENDANCE, a, &o, &s, &err), 0);
	r.path = dbpath;
	r.before = count(db, "attendance");
	r.after = r.before + 20000;
	assert_int_equal(r.before, 2);

	o.progress = read_during;
	o.progress_data = &r;
	o.waiting = note_wait;
	sqlite3_commit_hook(db, read_at_commit, &r);
	sqlite3_wal_hook(db, read_after_commit, &r);
	assert_int_equal(imp_file(db, IMP_ATTENDANCE, b, &o, &s, &err), 0);
	assert_string_equal(s.status, "committed");
	assert_int_equal(s.loaded, 20000);
	/* progress comes every 8,192 rows: twice in the middle, once at the end */
	assert_int_equal(r.during, 3);
	assert_int_equal(r.writer_refused, 3);
	assert_int_equal(r.waited, 3);
	assert_non_null(strstr(r.refusal, "another lia command is writing to this database"));
	assert_int_equal(r.at_commit, 1);
	assert_int_equal(r.after_commit, 1);

	/* a reader in the middle of a read transaction all through the next
	 * import keeps its snapshot; the import does not wait for it */
	old = db_open(dbpath, &err);
	assert_non_null(old);
	assert_int_equal(db_exec(old, "BEGIN", &err), 0);
	assert_int_equal(db_query_int(old, "SELECT count(*) FROM attendance", &n, &err), 0);
	assert_int_equal(n, r.after);
	r.before = r.after;
	r.after = r.before + 1;
	r.during = r.at_commit = r.after_commit = 0;
	assert_int_equal(imp_file(db, IMP_ATTENDANCE, c, &o, &s, &err), 0);
	assert_int_equal(s.loaded, 1);
	assert_int_equal(r.at_commit, 1);
	assert_int_equal(r.after_commit, 1);
	assert_int_equal(db_query_int(old, "SELECT count(*) FROM attendance", &n, &err), 0);
	assert_int_equal(n, r.before);
	assert_int_equal(db_exec(old, "COMMIT", &err), 0);
	assert_int_equal(db_query_int(old, "SELECT count(*) FROM attendance", &n, &err), 0);
	assert_int_equal(n, r.after);
	sqlite3_commit_hook(db, NULL, NULL);
	sqlite3_wal_hook(db, NULL, NULL);
	db_close(old);
	db_close(db);

	/* a fresh connection sees everything, in WAL mode */
	db = db_open(dbpath, &err);
	assert_non_null(db);
	assert_int_equal(count(db, "attendance"), r.after);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM pragma_journal_mode"
	    " WHERE journal_mode = 'wal'", &n, &err), 0);
	assert_int_equal(n, 1);
	db_close(db);
	for (i = 0; i < 3; i++) {
		char *f = g_strconcat(dbpath, i == 0 ? "" : i == 1 ? "-wal" : "-shm", NULL);
		unlink(f);
		g_free(f);
	}
	unlink(a);
	unlink(b);
	unlink(c);
	g_free(dbpath);
	g_free(a);
	g_free(b);
	g_free(c);
}

/*
 * Rows in any order reach the table as if one by one in file order:
 * 300,000 rows of 30,000 sessions in scattered order (all waiting to the
 * end, then again with the import's memory limit at 1 byte, so that they
 * go in ATT_LATER_MIN at a time), and 100,000 grouped by session; each
 * session's rows name 10 of 400 people, so that every third row is a
 * duplicate of an earlier one.  Each stored attendance must be what the
 * rules give in file order: the first row's agency and role, the strongest
 * status (attended > did not attend > cancelled), the first hours and the
 * first completion date given.  Then the same rows again as other bytes
 * (a re-export): every row a duplicate, nothing changed.
 */
struct expect {
	int status, rows;	/* 0 cancelled, 1 did not attend, 2 attended */
	int hours, completed;	/* 0: none yet */
	int agency;
};

static void
check_order(int ROWS, int scattered, int64_t memory)
{
	static const char *const words[] = { "cancelled", "did not attend", "attended" };
	static const char *const names[] = { "cancelled", "did_not_attend", "attended" };
	const int SESSIONS = ROWS / 10, PEOPLE = 400;
	struct imp_opts o;
	struct imp_summary s;
	struct lia_err err;
	sqlite3 *db = db_open(":memory:", &err);
	GHashTable *want = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	GString *csv = g_string_new("agency,course_code,session_date,practitioner_id,status,hours,"
	    "completed_date\n");
	GString *again = g_string_new("agency,course_code,session_date,practitioner_id,status,hours,"
	    "completed_date\r\n");
	GRand *rand = g_rand_new_with_seed(14);
	GHashTable *who = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	unsigned char dbkey[DB_KEY_LEN];
	sqlite3_stmt *st;
	char *a, *b;
	int i, checked = 0, dup = 0;

	assert_non_null(db);
	for (i = 0; i < ROWS; i++) {
		int j = scattered ? (int)(((int64_t)i * 7919) % ROWS) : i;
		int session = scattered ? j % SESSIONS : j / 10;
		int person = (session + g_rand_int_range(rand, 0, 10)) % PEOPLE;
		int st3 = g_rand_int_range(rand, 0, 3);
		int hours = g_rand_int_range(rand, 0, 2) ? g_rand_int_range(rand, 1, 6) : 0;
		int completed = g_rand_int_range(rand, 0, 4) == 0 ? g_rand_int_range(rand, 1, 28) : 0;
		int agency = g_rand_int_range(rand, 0, 5);
		char *k = g_strdup_printf("C%d|%d|P%d", session % 60, session / 60, person);
		struct expect *e = g_hash_table_lookup(want, k);
		int day = 1 + (session / 60) % 28, month = 1 + (session / 60 / 28) % 12;
		int year = 2000 + session / 60 / 28 / 12;

		g_string_append_printf(csv, "Agency %d,C%d,%02d/%02d/%d,P%d,%s,", agency, session % 60,
		    day, month, year, person, words[st3]);
		g_string_append_printf(again, "Agency %d,C%d,%d-%02d-%02d,P%d,%s,", agency,
		    session % 60, year, month, day, person, words[st3]);
		if (hours) {
			g_string_append_printf(csv, "%d", hours);
			g_string_append_printf(again, "%d.0", hours);
		}
		if (completed) {
			g_string_append_printf(csv, ",%02d/07/2020\n", completed);
			g_string_append_printf(again, ",2020-07-%02d\r\n", completed);
		} else {
			g_string_append(csv, ",\n");
			g_string_append(again, ",\r\n");
		}
		if (e == NULL) {
			e = g_new0(struct expect, 1);
			e->status = st3;
			e->hours = hours;
			e->completed = completed;
			e->agency = agency;
			g_hash_table_insert(want, k, e);
		} else {
			g_free(k);
			dup++;
			if (st3 > e->status)
				e->status = st3;
			if (e->hours == 0)
				e->hours = hours;
			if (e->completed == 0)
				e->completed = completed;
		}
		e->rows++;
	}
	assert_true(dup > ROWS / 4);
	a = write_tmp(csv->str);
	b = write_tmp(again->str);
	imp_opts_defaults(&o);
	o.memory = memory;
	assert_int_equal(imp_file(db, IMP_ATTENDANCE, a, &o, &s, &err), 0);
	assert_int_equal(s.read, ROWS);
	assert_int_equal(s.loaded, ROWS - dup);
	assert_int_equal(s.duplicates, dup);
	assert_int_equal(count(db, "attendance"), g_hash_table_size(want));

	/* the people: the pseudonyms of "P<n>" */
	assert_int_equal(db_key(db, dbkey, &err), 0);
	for (i = 0; i < PEOPLE; i++) {
		char id[16], pkey[IMP_PKEY_LEN + 1];

		snprintf(id, sizeof id, "P%d", i);
		assert_int_equal(imp_pseudonym(dbkey, NULL, id, pkey), 0);
		g_hash_table_insert(who, g_strdup(pkey), GINT_TO_POINTER(i + 1));
	}
	st = db_prepare(db, "SELECT c.code, s.date, p.pkey, a.status, a.hours, a.completed, g.name"
	    " FROM attendance a JOIN session s ON s.id = a.session_id"
	    " JOIN course c ON c.id = s.course_id JOIN practitioner p ON p.id = a.practitioner_id"
	    " JOIN agency g ON g.id = a.agency_id", &err);
	assert_non_null(st);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		int y, m, d, session;
		int person = GPOINTER_TO_INT(g_hash_table_lookup(who, sqlite3_column_text(st, 2))) - 1;
		struct expect *e = NULL;
		char *k, agency[16];

		assert_int_equal(sscanf((const char *)sqlite3_column_text(st, 1), "%d-%d-%d", &y, &m,
		    &d), 3);
		session = atoi(code + 1) + 60 * ((d - 1) + 28 * ((m - 1) + 12 * (y - 2000)));
		assert_true(person >= 0);
		k = g_strdup_printf("C%d|%d|P%d", session % 60, session / 60, person);
		e = g_hash_table_lookup(want, k);
		if (e == NULL)
			fail_msg("%s stored, not in the file", k);
		g_free(k);
		assert_string_equal((const char *)sqlite3_column_text(st, 3), names[e->status]);
		if (e->hours)
			assert_true(sqlite3_column_double(st, 4) == e->hours);
		else
			assert_int_equal(sqlite3_column_type(st, 4), SQLITE_NULL);
		if (e->completed) {
			char iso[DATE_ISO_LEN];

			snprintf(iso, sizeof iso, "2020-07-%02d", e->completed);
			assert_string_equal((const char *)sqlite3_column_text(st, 5), iso);
		} else {
			assert_int_equal(sqlite3_column_type(st, 5), SQLITE_NULL);
		}
		snprintf(agency, sizeof agency, "Agency %d", e->agency);
		assert_string_equal((const char *)sqlite3_column_text(st, 6), agency);
		checked++;
	}
	sqlite3_finalize(st);
	assert_int_equal(checked, g_hash_table_size(want));

	/* the re-export: every row a duplicate that says nothing new */
	assert_int_equal(db_exec(db, "CREATE TEMP TABLE before AS SELECT * FROM attendance", &err), 0);
	assert_int_equal(imp_file(db, IMP_ATTENDANCE, b, &o, &s, &err), 0);
	assert_string_equal(s.status, "committed");
	assert_int_equal(s.loaded, 0);
	assert_int_equal(s.duplicates, ROWS);
	assert_int_equal(count(db, "(SELECT * FROM attendance EXCEPT SELECT * FROM temp.before)"), 0);
	assert_int_equal(count(db, "attendance"), g_hash_table_size(want));

	unlink(a);
	unlink(b);
	g_free(a);
	g_free(b);
	g_string_free(csv, TRUE);
	g_string_free(again, TRUE);
	g_hash_table_destroy(want);
	g_hash_table_destroy(who);
	g_rand_free(rand);
	db_close(db);
}

static void
test_any_order(void **state)
{
	(void)state;
	check_order(300000, 1, 0);	/* scattered: every row waits */
	check_order(300000, 1, 1);	/* the same with memory tight: they go in
					 * 262,144 at a time */
	check_order(100000, 0, 0);	/* grouped: duplicates side by side, past
					 * ATT_PROBE */
}

/*
 * The two ways to a practitioner in one import: records the reader keyed
 * (by pseudonym; into an empty table, so the index of pseudonyms is dropped
 * for the load) and a record it did not (by e-mail as written), which puts
 * the index back first.  The same person either way is one practitioner.
 */
static void
test_people_both_ways(void **state)
{
	struct lia_err err;
	sqlite3 *db = db_open(":memory:", &err);
	struct imp_ctx ctx;
	struct csv_record rec;
	unsigned char digest[IMP_DIGEST_LEN];
	int64_t a, b, c, d, n;

	(void)state;
	assert_non_null(db);
	memset(&ctx, 0, sizeof ctx);
	ctx.db = db;
	assert_int_equal(db_key(db, ctx.key, &err), 0);
	ctx.hmac = imp_hmac_new(ctx.key);
	ctx.cache = imp_cache_new(db);
	assert_int_equal(db_exec(db, "BEGIN; INSERT INTO agency(id, name, name_key)"
	    " VALUES (1, 'Police', 'police'), (2, 'Health', 'health')", &err), 0);
	memset(&rec, 0, sizeof rec);
	rec.tuple = -1;
	rec.digest = digest;

	/* (the reader numbers each pseudonym as it first sees it) */
	rec.person = 0;
	assert_int_equal(imp_pseudonym_digest(ctx.hmac, "ann@x.example", NULL, digest), 0);
	a = imp_practitioner_rec(&ctx, &rec, "ann@x.example", NULL, 1, "Nurse", &err);
	assert_true(a > 0);
	assert_int_equal(count(db, "sqlite_master WHERE name = 'practitioner_pkey'"), 0);
	/* the same pseudonym again: the same person, from memory */
	assert_int_equal(imp_practitioner_rec(&ctx, &rec, "ANN@x.example", NULL, 1, NULL, &err), a);
	/* a record the reader did not key: Ann by her e-mail in capitals, and
	 * Bob; the index is back before either is looked for */
	b = imp_practitioner(&ctx, "  ANN@X.EXAMPLE ", NULL, 2, NULL, &err);
	assert_int_equal(b, a);
	assert_int_equal(count(db, "sqlite_master WHERE name = 'practitioner_pkey'"), 1);
	c = imp_practitioner(&ctx, "bob@x.example", NULL, 1, NULL, &err);
	assert_true(c > a);
	/* Bob keyed now: found in the table, not made again; Cy is new */
	rec.person = 1;
	assert_int_equal(imp_pseudonym_digest(ctx.hmac, "bob@x.example", NULL, digest), 0);
	assert_int_equal(imp_practitioner_rec(&ctx, &rec, "bob@x.example", NULL, 1, NULL, &err), c);
	rec.person = 2;
	assert_int_equal(imp_pseudonym_digest(ctx.hmac, NULL, "CY-7", digest), 0);
	d = imp_practitioner_rec(&ctx, &rec, NULL, "CY-7", 1, NULL, &err);
	assert_true(d > c);
	assert_int_equal(imp_cache_finish(&ctx, &err), 0);
	assert_int_equal(count(db, "practitioner"), 3);
	/* Ann moved to Health, her latest agency */
	assert_int_equal(db_query_int(db, "SELECT agency_id FROM practitioner WHERE role = 'Nurse'",
	    &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(count(db, "sqlite_master WHERE name = 'practitioner_pkey'"), 1);
	assert_int_equal(db_exec(db, "COMMIT", &err), 0);
	imp_cache_free(ctx.cache);
	g_free(ctx.hmac);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_status_words),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_pseudonyms),
		cmocka_unit_test(test_header_matching),
		cmocka_unit_test(test_accounting),
		cmocka_unit_test(test_stronger_duplicate),
		cmocka_unit_test(test_disk_full),
		cmocka_unit_test(test_many_people),
		cmocka_unit_test(test_readers_not_blocked),
		cmocka_unit_test(test_any_order),
		cmocka_unit_test(test_people_both_ways),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
