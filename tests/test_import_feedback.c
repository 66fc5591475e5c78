/*
 * Unit tests for the words of the PQA files: Likert and other answer scales
 * (agreement, confidence, likelihood, yes/no, numbers with their labels,
 * "N/A" as missing), the scale a column's answers are found to be on,
 * question codes from header sentences, stage words, SurveyMonkey's second
 * header row, Section 11 standard codes, audit kind spellings and ratings.
 * Expected values are the definitions in load_feedback.c and load_audits.c.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "import/internal.h"

static double
value_on(const char *scale, const char *answer, int *rc)
{
	double v = -99;

	*rc = imp_scale_value(imp_scale_named(scale), answer, &v);
	return v;
}

static void
assert_value(const char *scale, const char *answer, double want)
{
	int rc;
	double v = value_on(scale, answer, &rc);

	if (rc != 0)
		fail_msg("'%s' on %s: rc %d", answer, scale, rc);
	assert_true(fabs(v - want) < 1e-9);
}

static void
test_likert(void **state)
{
	int rc;

	(void)state;
	assert_value("agreement", "Strongly disagree", 1);
	assert_value("agreement", "Disagree", 2);
	assert_value("agreement", "Neither agree nor disagree", 3);
	assert_value("agreement", "Agree", 4);
	assert_value("agreement", "Strongly agree", 5);
	assert_value("agreement", "STRONGLY AGREE", 5);
	assert_value("agreement", " strongly  agree ", 5);
	assert_value("agreement", "Somewhat disagree", 2);
	assert_value("agreement", "4", 4);
	assert_value("agreement", "4 - Agree", 4);
	assert_value("confidence", "Not at all confident", 1);
	assert_value("confidence", "Slightly confident", 2);
	assert_value("confidence", "Somewhat confident", 3);
	assert_value("confidence", "Fairly confident", 4);
	assert_value("confidence", "Very confident", 5);
	assert_value("likelihood", "0", 0);
	assert_value("likelihood", "10 (Extremely likely)", 10);
	assert_value("yes_no", "Yes", 1);
	assert_value("yes_no", "no", 0);
	assert_value("numeric", "3.5", 3.5);
	/* Not on the scale, or outside it. */
	value_on("agreement", "Stronly agree", &rc);
	assert_int_equal(rc, -1);
	value_on("agreement", "Very confident", &rc);
	assert_int_equal(rc, -1);
	value_on("agreement", "6", &rc);
	assert_int_equal(rc, -2);
	value_on("likelihood", "11", &rc);
	assert_int_equal(rc, -2);
	value_on("numeric", "0", &rc);
	assert_int_equal(rc, -2);
	value_on("number", "250", &rc);
	assert_int_equal(rc, 0);
	/* An open scale still ends somewhere: two answers of 1e308 would make
	 * an infinite mean. */
	assert_value("number", "-1e12", -1e12);
	value_on("number", "1e308", &rc);
	assert_int_equal(rc, -1);
	value_on("number", "-1.5e12", &rc);
	assert_int_equal(rc, -1);
	assert_null(imp_scale_named("frequency"));
	/* Missing, never zero. */
	assert_true(imp_no_answer(""));
	assert_true(imp_no_answer("N/A"));
	assert_true(imp_no_answer("n/a"));
	assert_true(imp_no_answer(IMP_NOT_KEPT));	/* from a fixed reject record */
	assert_true(imp_no_answer("Don't know"));
	assert_true(imp_no_answer("Prefer not to say"));
	assert_true(imp_no_answer("-"));
	assert_false(imp_no_answer("0"));
	assert_false(imp_no_answer("No"));
}

static const struct imp_scale *
detect(const char *header, const char *const *answers)
{
	struct imp_tally t;

	memset(&t, 0, sizeof t);
	for (; *answers != NULL; answers++)
		imp_tally_add(&t, NULL, 0, *answers);
	return imp_tally_scale(&t, header, NULL, 0);
}

static void
test_scale_detection(void **state)
{
	static const char *const agree[] = { "Agree", "Strongly agree", "N/A", "", "Stronly agree",
	    "Disagree", NULL };
	static const char *const confidence[] = { "Very confident", "fairly confident", "3", NULL };
	static const char *const yes_no[] = { "Yes", "No", "yes", NULL };
	static const char *const prose[] = { "Yes", "Yes, it was very useful", "No", NULL };
	static const char *const roles[] = { "Social worker", "Teacher", "GP", NULL };
	static const char *const mixed[] = { "Yes", "Great course", "Fine", NULL };
	static const char *const ratings[] = { "4", "5", "3", "7", "4", NULL };
	static const char *const nps[] = { "9", "10", "7", "8", "6", "10", NULL };
	static const char *const years[] = { "12", "3", "25", "8", "1", NULL };
	static const char *const nothing[] = { "", "N/A", NULL };
	const struct imp_scale *sc;

	(void)state;
	/* A typo in a column of Likert words stays a rating (and is rejected). */
	assert_string_equal(detect("q", agree)->name, "agreement");
	assert_string_equal(detect("q", confidence)->name, "confidence");
	assert_string_equal(detect("q", yes_no)->name, "yes_no");
	/* Free text: any long answer, or too few ratings. */
	assert_string_equal(detect("q", prose)->name, "text");
	assert_string_equal(detect("q", roles)->name, "text");
	assert_string_equal(detect("q", mixed)->name, "text");
	assert_string_equal(detect("q", nothing)->name, "text");
	/* Numbers: 1-5 with one outlier (rejected later) ... */
	sc = detect("Overall rating", ratings);
	assert_string_equal(sc->name, "numeric");
	assert_true(sc->min == 1 && sc->max == 5);
	/* ... 0-10 when most lie above 5, or the header says so ... */
	sc = detect("Score", nps);
	assert_string_equal(sc->name, "numeric");
	assert_true(sc->min == 0 && sc->max == 10);
	assert_string_equal(detect("How likely are you to recommend it?", ratings)->name,
	    "likelihood");
	assert_string_equal(detect("Rate it from 0-10", ratings)->name, "likelihood");
	/* ... else an open number. */
	sc = detect("Years in post", years);
	assert_string_equal(sc->name, "number");
	assert_true(isnan(sc->min));
}

static void
test_custom_scale(void **state)
{
	static const char *const labels[] = { "notuseful", "somewhatuseful", "veryuseful" };
	static const double values[] = { 1, 2, 3 };
	const struct imp_scale useful = { "usefulness", 1, 3, 3, labels, values };
	const struct imp_scale *custom[] = { &useful };
	struct imp_tally t;
	double v;

	(void)state;
	memset(&t, 0, sizeof t);
	imp_tally_add(&t, custom, 1, "Very useful");
	imp_tally_add(&t, custom, 1, "Not useful");
	imp_tally_add(&t, custom, 1, "Somewhat useful");
	assert_ptr_equal(imp_tally_scale(&t, "q", custom, 1), &useful);
	assert_int_equal(imp_scale_value(&useful, "very USEFUL", &v), 0);
	assert_true(v == 3);
	assert_int_equal(imp_scale_value(&useful, "4", &v), -2);
}

static void
test_question_codes(void **state)
{
	char *c;

	(void)state;
	c = imp_question_code("The trainer was knowledgeable and engaging");
	assert_string_equal(c, "the_trainer_was_knowledgeable_and_engaging");
	g_free(c);
	c = imp_question_code("confidence_before");
	assert_string_equal(c, "confidence_before");
	g_free(c);
	c = imp_question_code("  Q3. Overall (1-5)?  ");
	assert_string_equal(c, "q3_overall_1_5");
	g_free(c);
	/* A sentence: 51 characters at most, then a hash of the whole. */
	c = imp_question_code("How confident do you feel to recognise and respond to neglect?");
	assert_string_equal(c, "how_confident_do_you_feel_to_recognise_and_respond_cb4d27c5");
	assert_true(strlen(c) <= 60);
	g_free(c);
	c = imp_question_code("How confident do you feel to recognise and respond to domestic abuse?");
	assert_string_not_equal(c, "how_confident_do_you_feel_to_recognise_and_respond_cb4d27c5");
	g_free(c);
}

static void
test_stages(void **state)
{
	(void)state;
	assert_string_equal(imp_stage_word("Baseline"), "baseline");
	assert_string_equal(imp_stage_word("pre"), "baseline");
	assert_string_equal(imp_stage_word("Post"), "post");
	assert_string_equal(imp_stage_word("after"), "post");
	assert_string_equal(imp_stage_word("follow-up"), "follow_up");
	assert_string_equal(imp_stage_word("Follow up"), "follow_up");
	assert_string_equal(imp_stage_word("3 month follow-up"), "follow_up");
	assert_string_equal(imp_stage_word("6 months"), "follow_up");
	assert_null(imp_stage_word("during"));
}

static void
test_subheader(void **state)
{
	char **row1 = g_strsplit("Respondent ID|Email Address|Which session?|Please rate:|||Comments?",
	    "|", -1);
	char **row2 = g_strsplit("||Response|Content|Presenter|Venue|Open-Ended Response", "|", -1);
	char **data = g_strsplit("1122|a@b.example|Morning|Agree|Agree|Agree|", "|", -1);
	struct csv_record rec = { row2, 7, 2, NULL }, datarec = { data, 7, 3, NULL };
	char **header = g_new0(char *, 8);
	int i;

	(void)state;
	assert_true(imp_profile_find("feedback", "surveymonkey")->subheader);
	assert_false(imp_profile_find("feedback", "msforms")->subheader);
	assert_true(imp_is_subheader(&rec));
	assert_false(imp_is_subheader(&datarec));
	for (i = 0; i < 7; i++)
		header[i] = g_strdup(row1[i]);
	imp_merge_subheader(header, 7, &rec);
	assert_string_equal(header[0], "Respondent ID");
	assert_string_equal(header[1], "Email Address");
	assert_string_equal(header[2], "Which session?");
	assert_string_equal(header[3], "Please rate: - Content");
	assert_string_equal(header[4], "Please rate: - Presenter");
	assert_string_equal(header[5], "Please rate: - Venue");
	assert_string_equal(header[6], "Comments?");
	g_strfreev(header);
	g_strfreev(row1);
	g_strfreev(row2);
	g_strfreev(data);
}

static void
assert_s11(const char *text, const char *code, int n)
{
	char out[32] = "";

	if (imp_s11_standard(text, out, sizeof out) != n)
		fail_msg("'%s' is not standard %d", text, n);
	if (n > 0)
		assert_string_equal(out, code);
}

static void
test_section11(void **state)
{
	(void)state;
	assert_s11("1", "1", 1);
	assert_s11("S11.1", "1", 1);
	assert_s11("s11 2", "2", 2);
	assert_s11("S.11.3", "3", 3);
	assert_s11("Standard 4", "4", 4);
	assert_s11("Std 5", "5", 5);
	assert_s11("S6", "6", 6);
	assert_s11("Section 11 standard 7", "7", 7);
	assert_s11("Safer recruitment", "6", 6);
	assert_s11("information sharing", "8", 8);
	assert_s11("5.2", "5.2", 5);
	assert_s11("9", "", -1);
	assert_s11("0", "", -1);
	assert_s11("S11", "", -1);
	assert_s11("Training", "", -1);
	assert_string_equal(imp_s11_title(1), "Senior management commitment");
	assert_string_equal(imp_s11_title(2), "Statement of responsibilities");
	assert_string_equal(imp_s11_title(3), "Line of accountability");
	assert_string_equal(imp_s11_title(4), "Service development informed by children and families");
	assert_string_equal(imp_s11_title(5), "Staff training");
	assert_string_equal(imp_s11_title(6), "Safer recruitment");
	assert_string_equal(imp_s11_title(7), "Inter-agency working");
	assert_string_equal(imp_s11_title(8), "Information sharing");
	assert_null(imp_s11_title(9));
}

static void
test_audit_kinds(void **state)
{
	static const struct {
		const char *text, *kind;
	} cases[] = {
		{ "section11", "section11" }, { "Section 11", "section11" }, { "S11", "section11" },
		{ "s.11", "section11" }, { "Section 11 audit", "section11" },
		{ "s175", "s175" }, { "s.175", "s175" }, { "Section 175/157", "s175" },
		{ "S175/157 audit", "s175" }, { "Section 157", "s175" }, { "Schools audit", "s175" },
		{ "single_agency", "single_agency" }, { "single agency", "single_agency" },
		{ "Single-agency case audit", "single_agency" },
		{ "multi_agency", "multi_agency" }, { "multi-agency", "multi_agency" },
		{ "Multi agency case audit", "multi_agency" }, { "MACA", "multi_agency" },
		{ "Joint audit", "multi_agency" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *k = imp_audit_kind(cases[i].text);
		if (k == NULL || strcmp(k, cases[i].kind) != 0)
			fail_msg("'%s' gave %s, not %s", cases[i].text, k ? k : "NULL", cases[i].kind);
	}
	assert_null(imp_audit_kind("Joint inspection"));
	assert_null(imp_audit_kind("Ofsted"));
}

static void
test_audit_ratings(void **state)
{
	const char *rating, *rag;

	(void)state;
	assert_int_equal(imp_audit_rating("Met", &rating, &rag), 0);
	assert_string_equal(rating, "met");
	assert_null(rag);
	assert_int_equal(imp_audit_rating("Partially met", &rating, &rag), 0);
	assert_string_equal(rating, "partially_met");
	assert_int_equal(imp_audit_rating("NOT MET", &rating, &rag), 0);
	assert_string_equal(rating, "not_met");
	assert_int_equal(imp_audit_rating("n/a", &rating, &rag), 0);
	assert_string_equal(rating, "not_applicable");
	assert_int_equal(imp_audit_rating("Not applicable", &rating, &rag), 0);
	assert_string_equal(rating, "not_applicable");
	assert_int_equal(imp_audit_rating("Amber", &rating, &rag), 0);
	assert_null(rating);
	assert_string_equal(rag, "amber");
	assert_int_equal(imp_audit_rating("G", &rating, &rag), 0);
	assert_string_equal(rag, "green");
	assert_int_equal(imp_audit_rating("Mostly", &rating, &rag), -1);
	assert_int_equal(imp_audit_rating("Purple", &rating, &rag), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_likert),
		cmocka_unit_test(test_scale_detection),
		cmocka_unit_test(test_custom_scale),
		cmocka_unit_test(test_question_codes),
		cmocka_unit_test(test_stages),
		cmocka_unit_test(test_subheader),
		cmocka_unit_test(test_section11),
		cmocka_unit_test(test_audit_kinds),
		cmocka_unit_test(test_audit_ratings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
