/*
 * Unit tests for analytics/evidence.c: the grouping of the evidence log
 * (items and reach per group, units apart, an item of two themes in both
 * and once in the total) on items made here, without a database; the log
 * and the per-theme counts on the fixture log (tests/fixtures/evidence);
 * and the improvement cycle's count at every stage from a database of the
 * fixtures, checked by number against the fixture files themselves.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "analytics/evidence.h"
#include "import/import.h"

static const struct an_evidence_row *
row_of(const struct an_evidence_log *log, const char *key)
{
	size_t i;

	for (i = 0; i < log->nrows; i++)
		if ((key == NULL && log->rows[i].key == NULL) ||
		    (key != NULL && log->rows[i].key != NULL && strcmp(log->rows[i].key, key) == 0))
			return &log->rows[i];
	fail_msg("no row '%s'", key ? key : "(none)");
	return NULL;
}

static const char *const neglect_dv[] = { "Domestic abuse", "Neglect", NULL };
static const char *const neglect[] = { "Neglect", NULL };

/* Five items: two briefings (downloads, people), a resource with views, a
 * complaint with no reach, a briefing with two themes. */
static const struct an_evidence_item items[] = {
	{ 1, 0, AN_EVK_BRIEFING, 400, AN_UNIT_DOWNLOADS, "SCR1", neglect },
	{ 2, 0, AN_EVK_BRIEFING, 120, AN_UNIT_PEOPLE, "SCR2", neglect_dv },
	{ 3, 0, AN_EVK_RESOURCE, 900, AN_UNIT_VIEWS, NULL, NULL },
	{ 4, 0, AN_EVK_COMPLAINT, -1, AN_UNIT_PEOPLE, NULL, neglect },
	{ 5, 0, AN_EVK_BRIEFING, 30, AN_UNIT_DOWNLOADS, "SCR1", NULL },
};

static void
dates(struct an_evidence_item *it)
{
	it[0].date = date_from_ymd(2019, 6, 3);
	it[1].date = date_from_ymd(2019, 6, 30);
	it[2].date = date_from_ymd(2019, 4, 1);
	it[3].date = date_from_ymd(2020, 1, 15);
	it[4].date = date_from_ymd(2019, 6, 1);
}

static void
test_group(void **state)
{
	struct an_evidence_item it[5];
	struct an_evidence_log *log;
	const struct an_evidence_row *r;

	(void)state;
	memcpy(it, items, sizeof it);
	dates(it);

	log = an_evidence_group(it, 5, AN_EVBY_KIND);
	assert_int_equal(log->nrows, 3);
	/* schema order: briefing, resource, complaint */
	assert_string_equal(log->rows[0].key, "briefing");
	assert_string_equal(log->rows[1].key, "resource");
	assert_string_equal(log->rows[2].key, "complaint");
	r = &log->rows[0];
	assert_int_equal(r->items, 3);
	assert_int_equal(r->reach.items[AN_UNIT_DOWNLOADS], 2);
	assert_int_equal(r->reach.reach[AN_UNIT_DOWNLOADS], 430);
	assert_int_equal(r->reach.items[AN_UNIT_PEOPLE], 1);
	assert_int_equal(r->reach.reach[AN_UNIT_PEOPLE], 120);	/* never 550 */
	assert_int_equal(r->no_reach, 0);
	assert_int_equal(log->rows[2].no_reach, 1);
	assert_int_equal(log->rows[2].reach.reach[AN_UNIT_PEOPLE], 0);
	assert_int_equal(log->total.items, 5);
	assert_int_equal(log->total.reach.reach[AN_UNIT_VIEWS], 900);
	assert_int_equal(log->total.reach.reach[AN_UNIT_DOWNLOADS], 430);
	assert_int_equal(log->total.reach.reach[AN_UNIT_PEOPLE], 120);
	assert_int_equal(log->notes.n, 1);	/* three units, reported apart */
	assert_non_null(strstr(log->notes.text[0], "3 units"));
	an_evidence_log_free(log);

	log = an_evidence_group(it, 5, AN_EVBY_THEME);
	assert_int_equal(log->nrows, 3);
	assert_string_equal(log->rows[0].key, "Domestic abuse");
	assert_string_equal(log->rows[1].key, "Neglect");
	assert_null(log->rows[2].key);		/* no theme, last */
	assert_int_equal(row_of(log, "Neglect")->items, 3);
	assert_int_equal(row_of(log, "Neglect")->reach.reach[AN_UNIT_DOWNLOADS], 400);
	assert_int_equal(row_of(log, "Domestic abuse")->items, 1);
	assert_int_equal(row_of(log, NULL)->items, 2);
	assert_int_equal(log->total.items, 5);	/* item 2 once */
	assert_int_equal(log->notes.n, 2);
	an_evidence_log_free(log);

	log = an_evidence_group(it, 5, AN_EVBY_MONTH);
	assert_int_equal(log->nrows, 3);
	assert_string_equal(log->rows[0].key, "2019-04");
	assert_string_equal(log->rows[1].key, "2019-06");
	assert_string_equal(log->rows[2].key, "2020-01");
	assert_int_equal(log->rows[1].items, 3);
	an_evidence_log_free(log);

	log = an_evidence_group(it, 5, AN_EVBY_REVIEW);
	assert_int_equal(log->nrows, 3);
	assert_string_equal(log->rows[0].key, "SCR1");
	assert_int_equal(log->rows[0].items, 2);
	assert_int_equal(log->rows[0].reach.reach[AN_UNIT_DOWNLOADS], 430);
	assert_string_equal(log->rows[1].key, "SCR2");
	assert_null(log->rows[2].key);
	assert_int_equal(log->rows[2].items, 2);
	an_evidence_log_free(log);

	log = an_evidence_group(it, 0, AN_EVBY_KIND);
	assert_int_equal(log->nrows, 0);
	assert_int_equal(log->total.items, 0);
	an_evidence_log_free(log);
	an_evidence_log_free(NULL);
}

static void
test_words(void **state)
{
	enum an_evidence_kind k;
	enum an_evidence_by by;

	(void)state;
	assert_int_equal(an_evidence_kind_parse("frontline_intelligence", &k), 0);
	assert_int_equal(k, AN_EVK_FRONTLINE);
	assert_int_equal(an_evidence_kind_parse("Briefing", &k), -1);
	assert_int_equal(an_evidence_by_parse("review", &by), 0);
	assert_int_equal(by, AN_EVBY_REVIEW);
	assert_int_equal(an_evidence_by_parse("agency", &by), -1);
	assert_int_equal(an_evidence_by_parse("total", &by), -1);
	assert_string_equal(an_evidence_by_name(AN_EVBY_NONE), "total");
	assert_string_equal(an_reach_units[AN_UNIT_COPIES], "copies");
}

static void
import(sqlite3 *db, enum imp_kind kind, const char *path)
{
	struct imp_opts o;
	struct imp_summary s;
	struct lia_err err;

	imp_opts_defaults(&o);
	if (imp_file(db, kind, path, &o, &s, &err) != 0)
		fail_msg("%s: %s", path, err.msg);
}

/* The fixture log (its SOURCES.md and tests/e2e/import_evidence.sh say
 * what each line holds): 14 items, line 18 a duplicate raising SCR1's
 * briefing to 530 downloads. */
static sqlite3 *
fixture_db(int everything)
{
	struct lia_err err;
	sqlite3 *db = db_open(":memory:", &err);

	assert_non_null(db);
	if (everything) {
		import(db, IMP_COURSES, "tests/fixtures/reach/courses.csv");
		import(db, IMP_WORKFORCE, "tests/fixtures/reach/workforce.csv");
		import(db, IMP_ATTENDANCE, "tests/fixtures/reach/attendance.csv");
		import(db, IMP_AUDITS, "tests/fixtures/audits/section11.csv");
	}
	import(db, IMP_REVIEWS, "tests/fixtures/reviews/reviews.csv");
	if (everything)
		import(db, IMP_ACTIONS, "tests/fixtures/reviews/actions.csv");
	import(db, IMP_EVIDENCE, "tests/fixtures/evidence/evidence.csv");
	return db;
}

static void
test_log(void **state)
{
	sqlite3 *db = fixture_db(0);
	struct an_evidence_opts o;
	struct an_evidence_log *log;
	const struct an_evidence_row *r;
	struct lia_err err;

	(void)state;
	an_evidence_opts_defaults(&o);
	o.by = AN_EVBY_KIND;
	log = an_evidence_run(db, &o, &err);
	assert_non_null(log);
	assert_int_equal(log->nrows, 10);	/* every kind */
	assert_int_equal(log->total.items, 14);
	r = row_of(log, "briefing");		/* lines 2, 3, 4 */
	assert_int_equal(r->items, 3);
	assert_int_equal(r->reach.reach[AN_UNIT_DOWNLOADS], 530);
	assert_int_equal(r->reach.reach[AN_UNIT_COPIES], 250);
	assert_int_equal(r->reach.reach[AN_UNIT_PEOPLE], 180);
	r = row_of(log, "learning_event");	/* lines 7, 8: circa 500 each */
	assert_int_equal(r->reach.reach[AN_UNIT_PEOPLE], 1000);
	/* people: 180 + 500 + 500 + 14 + 35; never the 530 downloads */
	assert_int_equal(log->total.reach.reach[AN_UNIT_PEOPLE], 1229);
	assert_int_equal(log->total.reach.items[AN_UNIT_PEOPLE], 5);
	assert_int_equal(log->total.reach.reach[AN_UNIT_VIEWS], 1536);
	assert_int_equal(log->total.no_reach, 6);
	an_evidence_log_free(log);

	/* 2019/20: 1 April 2019 to 31 March 2020 (lines 2 and 17 are outside) */
	assert_int_equal(period_parse("2019/20", &o.period, &err), 0);
	o.by = AN_EVBY_NONE;
	log = an_evidence_run(db, &o, &err);
	assert_non_null(log);
	assert_int_equal(log->nrows, 0);
	assert_int_equal(log->total.items, 12);
	an_evidence_log_free(log);

	period_all(&o.period);
	o.theme = "neglect";
	o.kind = "briefing";
	o.by = AN_EVBY_REVIEW;
	log = an_evidence_run(db, &o, &err);
	assert_non_null(log);
	assert_int_equal(log->total.items, 2);	/* SCR1's and SCR3's briefings */
	assert_string_equal(log->rows[0].key, "SCR1");
	assert_string_equal(log->rows[1].key, "SCR3");
	assert_string_equal(log->theme, "neglect");
	an_evidence_log_free(log);

	o.kind = "newsletter";
	assert_null(an_evidence_run(db, &o, &err));
	assert_non_null(strstr(err.msg, "unknown kind 'newsletter'"));
	o.kind = NULL;
	o.theme = "Knife crime";
	assert_null(an_evidence_run(db, &o, &err));
	assert_non_null(strstr(err.msg, "no theme named 'Knife crime'"));
	db_close(db);
}

static void
test_themes(void **state)
{
	sqlite3 *db = fixture_db(0);
	struct an_theme_evidence *t = NULL;
	struct lia_err err;
	size_t n = 0;

	(void)state;
	assert_int_equal(an_evidence_themes(db, NULL, &t, &n, &err), 0);
	/* Domestic abuse, Exploitation, Information sharing, Neglect, Voice of
	 * the child: the themes of the log's items, by name */
	assert_int_equal(n, 5);
	assert_string_equal(t[0].theme, "Domestic abuse");
	assert_int_equal(t[0].items[AN_EVK_BRIEFING], 1);
	assert_int_equal(t[0].reach[AN_EVK_BRIEFING].reach[AN_UNIT_COPIES], 250);
	assert_string_equal(t[1].theme, "Exploitation");
	assert_int_equal(t[1].items[AN_EVK_RESEARCH], 1);
	assert_int_equal(t[1].items[AN_EVK_BRIEFING], 0);
	assert_string_equal(t[3].theme, "Neglect");
	assert_int_equal(t[3].items[AN_EVK_BRIEFING], 2);	/* SCR1's, SCR3's */
	assert_int_equal(t[3].items[AN_EVK_RESOURCE], 1);
	assert_int_equal(t[3].items[AN_EVK_LEARNING_EVENT], 1);
	assert_int_equal(t[3].items[AN_EVK_FRONTLINE], 1);
	assert_int_equal(t[3].reach[AN_EVK_BRIEFING].reach[AN_UNIT_DOWNLOADS], 530);
	assert_int_equal(t[3].reach[AN_EVK_BRIEFING].reach[AN_UNIT_PEOPLE], 180);
	assert_int_equal(t[3].reach[AN_EVK_BRIEFING].items[AN_UNIT_PEOPLE], 1);
	assert_int_equal(t[3].reach[AN_EVK_RESOURCE].reach[AN_UNIT_VIEWS], 1536);
	assert_string_equal(t[4].theme, "Voice of the child");
	assert_int_equal(t[4].items[AN_EVK_LEARNING_EVENT], 2);
	assert_int_equal(t[4].reach[AN_EVK_LEARNING_EVENT].reach[AN_UNIT_PEOPLE], 1000);
	an_theme_evidence_free(t, n);

	/* 2018: SCR1's briefing alone */
	{
		struct period p;

		assert_int_equal(period_parse("2018", &p, &err), 0);
		assert_int_equal(an_evidence_themes(db, &p, &t, &n, &err), 0);
		assert_int_equal(n, 2);		/* Neglect, Voice of the child */
		assert_string_equal(t[0].theme, "Neglect");
		assert_int_equal(t[0].items[AN_EVK_BRIEFING], 1);
		an_theme_evidence_free(t, n);
	}
	an_theme_evidence_free(NULL, 0);
	db_close(db);
}

/*
 * The cycle's counts from the fixtures, each worked out from the files:
 * reviews.csv loads 8 reviews (11 rows less a duplicate and 2 rejects),
 * actions.csv 5 actions; reach/attendance.csv has 7 sessions (NEG1 on 3
 * days, DV2 on 2, EVT, GCP2T), 16 named and 2 headcount-only rows, and
 * workforce.csv 4 returns (dataset 22); section11.csv 2 cycles (2018/19,
 * 2019/20) of Section 11; the evidence log 1 service-user feedback, 1
 * complaint and 1 compliment (3), 1 frontline intelligence and 1 national
 * research.  No feedback, no s175 and no case audit is held.
 */
static void
test_cycle_counts(void **state)
{
	static const struct {
		enum an_evidence_stage stage;
		int64_t count;
	} want[] = {
		{ AN_EV_REVIEWS, 8 }, { AN_EV_ACTIONS, 5 }, { AN_EV_TRAINING, 7 },
		{ AN_EV_EVALUATION, 0 }, { AN_EV_SECTION11, 2 }, { AN_EV_S175, 0 },
		{ AN_EV_CASE_AUDITS, 0 }, { AN_EV_SERVICE_USERS, 3 }, { AN_EV_FRONTLINE, 1 },
		{ AN_EV_DATASET, 22 }, { AN_EV_RESEARCH, 1 },
	};
	struct an_evidence ev[AN_EV_COUNT];
	struct lia_err err;
	sqlite3 *db = fixture_db(1), *empty = db_open(":memory:", &err);
	size_t i;

	(void)state;
	assert_int_equal(an_evidence_counts(db, ev, &err), 0);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct an_evidence *e = &ev[want[i].stage];

		if (e->count != want[i].count)
			fail_msg("%s: %lld, expected %lld", e->label, (long long)e->count,
			    (long long)want[i].count);
		assert_int_equal(e->held, want[i].count > 0);
	}
	assert_string_equal(ev[AN_EV_SERVICE_USERS].label,
	    "Service users, complaints, compliments");
	assert_int_equal(ev[AN_EV_RESEARCH].group, AN_GROUP_PRP);
	/* nothing held anywhere: every stage "none recorded" */
	assert_int_equal(an_evidence_counts(empty, ev, &err), 0);
	for (i = 0; i < AN_EV_COUNT; i++) {
		assert_int_equal(ev[i].held, 0);
		assert_int_equal(ev[i].count, 0);
	}
	db_close(db);
	db_close(empty);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_group),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_log),
		cmocka_unit_test(test_themes),
		cmocka_unit_test(test_cycle_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
