/*
 * Unit tests for the evidence log's import: the scrubbing of personal data
 * from free text (what it removes and, as much, what it must leave alone),
 * and the loader's rules on small files: kind words, reach counts and
 * units (never mixed, never guessed), a duplicate that fills gaps and
 * raises a count in the same unit only, review links and themes.
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

/* text scrubbed: the expected result (NULL: nothing to remove) and bits */
static void
check_scrub(const char *text, const char *want, unsigned want_bits)
{
	unsigned found = 99;
	char *got = imp_scrub(text, &found);

	if (want == NULL) {
		if (got != NULL)
			fail_msg("'%s' scrubbed to '%s'", text, got);
		assert_int_equal(found, 0);
		return;
	}
	if (got == NULL)
		fail_msg("'%s' not scrubbed", text);
	assert_string_equal(got, want);
	assert_int_equal(found, want_bits);
	g_free(got);
}

static void
test_scrub(void **state)
{
	(void)state;
	/* e-mail addresses, as the feedback loader has always removed them */
	check_scrub("email jo.bloggs@example.org today", "email [e-mail removed] today",
	    IMP_SCRUB_EMAIL);
	check_scrub("<a@b.example>, thanks", "[e-mail removed] thanks", IMP_SCRUB_EMAIL);
	/* UK telephone numbers in the ways people write them */
	check_scrub("call 0151 934 4444.", "call [phone number removed].", IMP_SCRUB_PHONE);
	check_scrub("07700 900123", "[phone number removed]", IMP_SCRUB_PHONE);
	check_scrub("07700900123", "[phone number removed]", IMP_SCRUB_PHONE);
	check_scrub("(0151) 934-4444", "[phone number removed]", IMP_SCRUB_PHONE);
	check_scrub("tel +44 (0)151 934 4444", "tel [phone number removed]", IMP_SCRUB_PHONE);
	check_scrub("tel +44 7700 900123 or", "tel [phone number removed] or", IMP_SCRUB_PHONE);
	check_scrub("020 7946 0018", "[phone number removed]", IMP_SCRUB_PHONE);
	/* IP addresses, 4 and 6 */
	check_scrub("from 192.168.10.4", "from [IP address removed]", IMP_SCRUB_IP);
	check_scrub("2001:db8::ff00:42:8329 logged", "[IP address removed] logged", IMP_SCRUB_IP);
	check_scrub("fe80::1", "[IP address removed]", IMP_SCRUB_IP);
	check_scrub("2001:0db8:85a3:0000:0000:8a2e:0370:7334",
	    "[IP address removed]", IMP_SCRUB_IP);
	/* postcodes, any case, with or without the space */
	check_scrub("lives at L20 3AB now", "lives at [postcode removed] now", IMP_SCRUB_POSTCODE);
	check_scrub("SW1A 1AA", "[postcode removed]", IMP_SCRUB_POSTCODE);
	check_scrub("l20 3ab", "[postcode removed]", IMP_SCRUB_POSTCODE);
	check_scrub("M11AA.", "[postcode removed].", IMP_SCRUB_POSTCODE);
	check_scrub("GIR 0AA", "[postcode removed]", IMP_SCRUB_POSTCODE);
	/* several at once */
	check_scrub("a@b.example, 0151 934 4444, L20 3AB, 10.0.0.1",
	    "[e-mail removed] [phone number removed], [postcode removed], [IP address removed]",
	    IMP_SCRUB_EMAIL | IMP_SCRUB_PHONE | IMP_SCRUB_POSTCODE | IMP_SCRUB_IP);

	/* one glued to another is found once the other is gone (fuzz_values) */
	check_scrub("Rmn30::1grd L1 8JQ0::1grd", "Rmn[IP address removed]grd [postcode removed]"
	    "[IP address removed]grd", IMP_SCRUB_IP | IMP_SCRUB_POSTCODE);

	/* what is not personal stays */
	check_scrub("7-minute briefing: SCR Martha, Mary & Ben", NULL, 0);
	check_scrub("SCR1 Level 3 WT01 GCP2 course", NULL, 0);
	check_scrub("1,536 downloads in 2019/20 Q3", NULL, 0);
	check_scrub("on 01/06/2019 at 10:30:00", NULL, 0);
	check_scrub("2019-06-12T10:30Z", NULL, 0);
	check_scrub("ratio 3:1, version 1.2.3", NULL, 0);
	check_scrub("999.1.1.1", NULL, 0);	/* not an IPv4 address */
	check_scrub("0151 934", NULL, 0);	/* too short for a number */
	check_scrub("012345678901", NULL, 0);	/* too long */
	check_scrub("std::string", NULL, 0);
	check_scrub("Covid19 3rd wave", NULL, 0);
	check_scrub("@", NULL, 0);	/* a cell holding "@" is no address */
	check_scrub("meet @ 10, or @@ 11", NULL, 0);
	check_scrub("@handle", "[e-mail removed]", IMP_SCRUB_EMAIL);
	check_scrub("", NULL, 0);
}

static void
test_scrub_said(void **state)
{
	char *s;

	(void)state;
	s = imp_scrub_said(IMP_SCRUB_EMAIL);
	assert_string_equal(s, "an e-mail address");
	g_free(s);
	s = imp_scrub_said(IMP_SCRUB_EMAIL | IMP_SCRUB_PHONE);
	assert_string_equal(s, "an e-mail address and a phone number");
	g_free(s);
	s = imp_scrub_said(IMP_SCRUB_PHONE | IMP_SCRUB_IP | IMP_SCRUB_POSTCODE);
	assert_string_equal(s, "a phone number, an IP address and a postcode");
	g_free(s);
}

static char *
write_tmp(const char *text)
{
	char *path = g_strdup("/tmp/lia-test-evidence-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void
import_text(sqlite3 *db, enum imp_kind kind, const char *text, struct imp_summary *s)
{
	struct imp_opts o;
	struct lia_err err;
	char *path = write_tmp(text);

	imp_opts_defaults(&o);
	if (imp_file(db, kind, path, &o, s, &err) != 0)
		fail_msg("import: %s", err.msg);
	unlink(path);
	g_free(path);
}

static char *
text_of(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	struct lia_err err;
	char *out = NULL;

	st = db_prepare(db, sql, &err);
	assert_non_null(st);
	if (sqlite3_step(st) == SQLITE_ROW)
		out = g_strdup(sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0)
		    : "NULL");
	sqlite3_finalize(st);
	return out;
}

static void
assert_sql(sqlite3 *db, const char *sql, const char *want)
{
	char *got = text_of(db, sql);

	if (got == NULL || strcmp(got, want) != 0)
		fail_msg("%s: expected '%s', got '%s'", sql, want, got ? got : "(no row)");
	g_free(got);
}

static const char *const reason_sql =
    "SELECT group_concat(line || ' ' || reason, '|') FROM (SELECT line, reason FROM reject"
    " WHERE batch_id = (SELECT max(id) FROM import_batch) ORDER BY line)";

static void
test_reach_and_kinds(void **state)
{
	struct imp_summary s;
	struct lia_err err;
	sqlite3 *db = db_open(":memory:", &err);

	(void)state;
	assert_non_null(db);
	import_text(db, IMP_EVIDENCE,
	    "date,kind,title,reach,reach_unit\n"
	    "2019-06-01,7MB,Briefing A,\"1,200\",Downloads\n"
	    "2019-06-02,Seven minute briefing,Briefing B,~80,copy\n"
	    "2019-06-03,complaints,Complaint C,,\n"
	    "2019-06-04,Frontline,Forum D,circa 40,delegates\n"
	    "2019-06-05,Research,Paper E,,views\n"
	    "2019-06-06,dataset,Report F,over 10,page views\n"
	    "2019-06-07,Podcast,G,,\n"
	    "2019-06-08,Resource,H,-5,views\n"
	    "2019-06-09,Resource,I,12,listens\n"
	    "2019-06-10,Resource,J,12,\n"
	    "2019-06-11,Resource,K,c1000,views\n", &s);
	assert_int_equal(s.read, 11);
	assert_int_equal(s.loaded, 6);
	assert_int_equal(s.rejected, 5);
	assert_int_equal(s.warnings, 4);	/* ~80, circa 40, over 10; a unit without reach */
	assert_sql(db, "SELECT group_concat(kind || ':' || coalesce(reach, '-') || ':' ||"
	    " coalesce(reach_unit, '-'), ' ') FROM (SELECT * FROM evidence_item ORDER BY date)",
	    "briefing:1200:downloads briefing:80:copies complaint:-:- "
	    "frontline_intelligence:40:people national_research:-:- dataset_report:10:views");
	assert_sql(db, reason_sql,
	    "8 unknown kind 'Podcast' (expected briefing, resource, learning_event,"
	    " service_user_feedback, complaint, compliment, frontline_intelligence,"
	    " national_research, dataset_report or other)"
	    "|9 reach '-5' is not a count"
	    "|10 unknown reach_unit 'listens' (expected people, downloads, views or copies)"
	    "|11 reach 12 without a reach_unit (people, downloads, views or copies):"
	    " units are never mixed"
	    "|12 reach 'c1000' is not a count");
	assert_sql(db, "SELECT message FROM import_warning WHERE line = 6",
	    "reach_unit 'views' without a reach: no reach stored");
	db_close(db);
}

static void
test_duplicates(void **state)
{
	struct imp_summary s;
	struct lia_err err;
	sqlite3 *db = db_open(":memory:", &err);

	(void)state;
	assert_non_null(db);
	import_text(db, IMP_REVIEWS, "review_code,kind\nSCR1,SCR\n", &s);
	import_text(db, IMP_EVIDENCE,
	    "date,kind,title,themes,reach,reach_unit\n"
	    "01/06/2019,briefing,Briefing A,Neglect,100,downloads\n"
	    "01/06/2019,resource,Leaflet B,,,\n"
	    "01/06/2019,briefing,Briefing C,,50,people\n", &s);
	assert_int_equal(s.loaded, 3);
	/* A later log: A's downloads rise and it gains a theme and a review;
	 * B gains a reach; C's reach in another unit leaves it as it was; a
	 * lower count never lowers one. */
	import_text(db, IMP_EVIDENCE,
	    "date,kind,title,themes,review_code,reach,reach_unit,source\n"
	    "2019-06-01,Briefing,BRIEFING  A,Neglect;Domestic abuse,SCR1,240,downloads,Website\n"
	    "2019-06-01,Resource,Leaflet B,,,30,copies,\n"
	    "2019-06-01,Briefing,Briefing C,,,900,views,\n"
	    "2019-06-01,Briefing,Briefing A,,,90,downloads,\n", &s);
	assert_int_equal(s.read, 4);
	assert_int_equal(s.loaded, 0);
	assert_int_equal(s.duplicates, 4);
	assert_int_equal(s.warnings, 0);
	assert_sql(db, "SELECT group_concat(title || ':' || coalesce(reach, '-') || ':' ||"
	    " coalesce(reach_unit, '-') || ':' || coalesce(review_id, '-') || ':' ||"
	    " coalesce(source, '-'), ' ') FROM (SELECT * FROM evidence_item ORDER BY title)",
	    "Briefing A:240:downloads:1:Website Briefing C:50:people:-:- Leaflet B:30:copies:-:-");
	assert_sql(db, "SELECT count(*) FROM evidence_theme", "2");
	assert_sql(db, "SELECT count(*) FROM evidence_item", "3");
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scrub),
		cmocka_unit_test(test_scrub_said),
		cmocka_unit_test(test_reach_and_kinds),
		cmocka_unit_test(test_duplicates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
