/*
 * surveys: the partnership's feedback, as its survey tools export it.  The
 * Working Together course asks its post-course questions in Microsoft Forms
 * (with a before/after confidence pair); the neglect course asks a baseline
 * in Google Forms on the morning, a post-course form on paper typed into a
 * spreadsheet, and a follow-up three months on; the Hear My Voice events
 * asked in SurveyMonkey, anonymously.  Respondents are people who attended,
 * known by the same e-mail as in the training files, so lia matches their
 * stages.  Answers are drawn so that confidence grows after training, a
 * little less by the follow-up.
 */
#include <stdio.h>
#include <string.h>

#include "demo/internal.h"

#define PERSON(m, i) (&g_array_index((m)->people, struct person, (i)))

static const char *const agreement[] = { "Strongly disagree", "Disagree",
    "Neither agree nor disagree", "Agree", "Strongly agree" };
static const char *const confidence[] = { "Not at all confident", "Slightly confident",
    "Somewhat confident", "Fairly confident", "Very confident" };

/* Mostly agree or strongly agree, as course feedback is. */
static int
agree(struct model *m)
{
	int r = rnd(m, 1, 100);

	return r <= 2 ? 1 : r <= 6 ? 2 : r <= 16 ? 3 : r <= 58 ? 4 : 5;
}

static int
clamp5(int v)
{
	return v < 1 ? 1 : v > 5 ? 5 : v;
}

static const char *const changes[] = {
	"Use the learning from the reviews in supervision",
	"Check that the child has been seen and spoken to, alone",
	"Share information sooner, and record why I did",
	"Escalate when a plan is drifting",
	"Ask about every adult in the household, not only the parent I work with",
	"Nothing new, but a useful refresher",
	"Use the Graded Care Profile 2, and ask the child first",
	"Read the 7-minute briefings with my team",
	"Two things:\nchallenge drift at core groups;\nuse the escalation policy",
	"Think about what a \"good enough\" home looks like from the child's side",
};

/* "12/06/2019 15:02:11" */
static void
uk_time(lia_date d, int minute_of_day, int second, char *buf, size_t len)
{
	int y, mo, day;

	date_to_ymd(d, &y, &mo, &day);
	snprintf(buf, len, "%02d/%02d/%04d %02d:%02d:%02d", day, mo, y, minute_of_day / 60,
	    minute_of_day % 60, second);
}

/*
 * Working Together post-course feedback.  In its real shape: Microsoft
 * Forms' responses opened in Excel (Responses > Open in Excel) and saved as
 * "CSV UTF-8 (Comma delimited)", which is how a partnership gets a CSV of
 * them.  Forms' workbook starts with its own columns, ID, Start time,
 * Completion time, Email, Name, Last modified time (as in the public
 * scripts that read that workbook, e.g. PQExtensionFormsAPI's and the
 * automations that list them), then one column per question headed by the
 * question.  Excel's CSV UTF-8 writes a byte order mark, CRLF line ends,
 * quotes only fields with a comma, quote or line break (a line break inside
 * an answer stays LF), and dates as the cells show them on a UK machine
 * ("12/06/2019 15:02:11").  A map file names the questions and pairs the
 * before and after confidence.  Otherwise the same answers go in the
 * canonical layout.
 */
void
write_wt_feedback(struct out *o)
{
	static const char *const q_useful = "The training was relevant and useful to my role";
	static const char *const q_trainer = "The trainer was knowledgeable and engaging";
	static const char *const q_before = "Before the training, how confident did you feel to "
	    "apply the learning from serious case reviews in your practice?";
	static const char *const q_after = "After the training, how confident do you feel to "
	    "apply the learning from serious case reviews in your practice?";
	static const char *const q_recommend = "How likely are you to recommend this training to "
	    "a colleague? (0 = not at all likely, 10 = extremely likely)";
	static const char *const q_change = "What will you do differently as a result of this "
	    "training?";
	struct model *m = o->m;
	int real = (m->opts->shapes & DEMO_SHAPE_MSFORMS) != 0;
	struct csvw w;
	struct demo_import *imp;
	guint i, j;
	int id = 0;

	if (real) {
		csvw_init(&w, CSVW_MINIMAL, "\r\n", 1);
		csvw_row(&w, 13, (const char *const[]){ "ID", "Start time", "Completion time",
		    "Email", "Name", "Last modified time", "Date of the session", q_useful,
		    q_trainer, q_before, q_after, q_recommend, q_change });
	} else {
		csvw_init(&w, CSVW_MINIMAL, "\n", 0);
		csvw_row(&w, 10, (const char *const[]){ "course_code", "session_date", "respondent",
		    "stage", "useful", "trainer", "confidence_before", "confidence_after",
		    "recommend", "change" });
	}
	for (i = 0; i < m->sessions->len; i++) {
		const struct session *s = g_ptr_array_index(m->sessions, i);

		if (strcmp(s->course->code, "WT") != 0)
			continue;
		for (j = 0; j < s->seats->len; j++) {
			const struct seat *x = &g_array_index(s->seats, struct seat, j);
			const struct person *p = PERSON(m, x->person);
			int before, after, start, length;
			char d[16], t1[32], t2[32];
			const char *change;

			if (x->status != ATT_ATTENDED || !chance(m, 0.68))
				continue;
			before = rnd(m, 1, 4);
			after = clamp5(before + rnd(m, 0, 2) + (chance(m, 0.3) ? 1 : 0));
			/* in the order they were sent: Forms numbers responses as they come */
			start = 15 * 60 + 30 + 5 * (int)j + rnd(m, 0, 4);
			length = rnd(m, 3, 12);
			change = chance(m, 0.6) ? changes[rnd(m, 0, G_N_ELEMENTS(changes) - 1)] : "";
			if (real) {
				csvw_int(&w, ++id);
				uk_time(s->date, start, rnd(m, 0, 59), t1, sizeof t1);
				uk_time(s->date, start + length, rnd(m, 0, 59), t2, sizeof t2);
				csvw_field(&w, t1);
				csvw_field(&w, t2);
				csvw_field(&w, p->email);
				csvw_fieldf(&w, "%s %s", p->first, p->last);
				csvw_field(&w, "");
				csvw_field(&w, fmt_uk(s->date, d));
				csvw_field(&w, agreement[agree(m) - 1]);
				csvw_field(&w, agreement[agree(m) - 1]);
				csvw_field(&w, confidence[before - 1]);
				csvw_field(&w, confidence[after - 1]);
				csvw_int(&w, rnd(m, 6, 10));
				csvw_field(&w, change);
			} else {
				csvw_field(&w, "WT");
				csvw_field(&w, fmt_uk(s->date, d));
				csvw_field(&w, p->email);
				csvw_field(&w, "post");
				csvw_int(&w, agree(m));
				csvw_int(&w, agree(m));
				csvw_int(&w, before);
				csvw_int(&w, after);
				csvw_int(&w, rnd(m, 6, 10));
				csvw_field(&w, change);
			}
			csvw_end(&w);
		}
	}
	if (real) {
		GString *map = g_string_new("# Working Together post-course feedback, Microsoft Forms\n");
		char *path;

		g_string_append_printf(map, "session_date = Date of the session\n"
		    "useful = %s\ntrainer = %s\nconfidence_start = %s\nconfidence_end = %s\n"
		    "pair.scr_learning_confidence = confidence_start, confidence_end\n"
		    "recommend = %s\nchange = %s\n", q_useful, q_trainer, q_before, q_after,
		    q_recommend, q_change);
		path = out_aux(o, "10-wt-feedback.map", map->str);
		g_string_free(map, TRUE);
		imp = out_file(o, "10-wt-feedback-msforms.csv", w.buf, "feedback",
		    "Microsoft Forms responses (opened in Excel, saved as CSV UTF-8)");
		imp->profile = g_strdup("msforms");
		imp->map = path;
	} else {
		imp = out_file(o, "10-wt-feedback.csv", w.buf, "feedback",
		    "post-course feedback (canonical layout)");
	}
	imp->course = g_strdup("WT");
	imp->rows = id;
	csvw_fini(&w);
}

/*
 * The neglect course's three stages.  Baseline: Google Forms, "Download
 * responses (.csv)": every field in double quotes, a Timestamp first
 * written "2019/06/12 9:01:15 AM GMT+1" (as in public scripts that read the
 * download, e.g. GeckoRobotics/gecko-sustainability's Form.tsx), then
 * "Email Address" when the form collects addresses, then the questions; a
 * date question's answer is ISO ("2019-06-12").  Post-course and follow-up:
 * the spreadsheet the paper forms and the follow-up e-mail were typed into,
 * in the canonical layout.  Planted: one post-course rating of 7 on a scale
 * of 1 to 5.
 */
void
write_neglect_feedback(struct out *o)
{
	static const char *const q_conf = "How confident do you feel to recognise and respond "
	    "to neglect?";
	static const char *const q_hope = "What do you hope to learn today?";
	static const char *const hopes[] = {
		"How to use the Graded Care Profile 2", "When to escalate concerns about neglect",
		"", "", "What good enough care looks like", "Working with parents who disengage",
		"How neglect shows in teenagers",
	};
	static const char *const comments[] = { "", "", "", "Very practical",
	    "More time on the Graded Care Profile 2 please", "Good case studies",
	    "The session on adolescent neglect was the most useful" };
	static const char *const practice[] = { "", "",
	    "Used the Graded Care Profile 2 with a family on my caseload",
	    "Raised a neglect concern with the MASH earlier than I would have",
	    "Shared the toolkit with my team", "Not had the chance yet" };
	struct model *m = o->m;
	int real = (m->opts->shapes & DEMO_SHAPE_GOOGLEFORMS) != 0;
	struct csvw base, post, follow;
	struct demo_import *imp;
	int nbase = 0, npost = 0, nfollow = 0, planted = 0;
	guint i, j;

	if (real) {
		csvw_init(&base, CSVW_ALL, "\n", 0);
		csvw_row(&base, 5, (const char *const[]){ "Timestamp", "Email Address",
		    "Date of the session", q_conf, q_hope });
	} else {
		csvw_init(&base, CSVW_MINIMAL, "\n", 0);
		csvw_row(&base, 5, (const char *const[]){ "course_code", "session_date",
		    "respondent", "neglect_confidence", "hope" });
	}
	csvw_init(&post, CSVW_MINIMAL, "\n", 0);
	csvw_row(&post, 8, (const char *const[]){ "course_code", "session_date", "respondent",
	    "stage", "neglect_confidence", "useful", "trainer", "comments" });
	csvw_init(&follow, CSVW_MINIMAL, "\n", 0);
	csvw_row(&follow, 7, (const char *const[]){ "course_code", "session_date", "respondent",
	    "stage", "neglect_confidence", "used_gcp2", "practice_change" });
	for (i = 0; i < m->sessions->len; i++) {
		const struct session *s = g_ptr_array_index(m->sessions, i);

		if (strcmp(s->course->code, "NEG") != 0 || s->label[0] != '\0')
			continue;
		for (j = 0; j < s->seats->len; j++) {
			const struct seat *x = &g_array_index(s->seats, struct seat, j);
			const struct person *p = PERSON(m, x->person);
			int c0 = rnd(m, 1, 4), c1 = clamp5(c0 + rnd(m, 0, 2)), c2;
			char d[16], iso[DATE_ISO_LEN];

			if (x->status != ATT_ATTENDED)
				continue;
			c2 = clamp5(c1 - (chance(m, 0.25) ? 1 : 0));
			if (chance(m, 0.7)) {
				if (real) {
					int y, mo, dd, min = 8 * 60 + 45 + (int)j + rnd(m, 0, 1), bst;

					date_to_ymd(s->date, &y, &mo, &dd);
					bst = mo >= 4 && mo <= 10;	/* near enough for a timestamp */
					csvw_fieldf(&base, "%04d/%02d/%02d %d:%02d:%02d AM GMT%s", y, mo, dd,
					    min / 60, min % 60, rnd(m, 0, 59), bst ? "+1" : "");
					csvw_field(&base, p->email);
					csvw_field(&base, fmt_iso(s->date, iso));
					csvw_field(&base, confidence[c0 - 1]);
				} else {
					csvw_field(&base, "NEG");
					csvw_field(&base, fmt_uk(s->date, d));
					csvw_field(&base, p->email);
					csvw_field(&base, confidence[c0 - 1]);
				}
				csvw_field(&base, hopes[rnd(m, 0, G_N_ELEMENTS(hopes) - 1)]);
				csvw_end(&base);
				nbase++;
			}
			if (chance(m, 0.8)) {
				csvw_field(&post, "NEG");
				csvw_field(&post, fmt_uk(s->date, d));
				csvw_field(&post, p->email);
				csvw_field(&post, "post");
				if (planted == 0 && npost == 57) {
					csvw_field(&post, "7");	/* planted: off the scale */
					planted = 1;
				} else {
					csvw_int(&post, c1);
				}
				csvw_int(&post, rnd(m, 3, 5));
				csvw_int(&post, rnd(m, 3, 5));
				csvw_field(&post, comments[rnd(m, 0, G_N_ELEMENTS(comments) - 1)]);
				csvw_end(&post);
				npost++;
				if (chance(m, 0.55)) {
					csvw_field(&follow, "NEG");
					csvw_field(&follow, d);
					csvw_field(&follow, p->email);
					csvw_field(&follow, "follow-up");
					csvw_int(&follow, c2);
					csvw_field(&follow, chance(m, 0.6) ? "Yes" : "No");
					csvw_field(&follow, practice[rnd(m, 0, G_N_ELEMENTS(practice) - 1)]);
					csvw_end(&follow);
					nfollow++;
				}
			}
		}
	}
	if (real) {
		char *path = out_aux(o, "11-neg-baseline.map",
		    "# Neglect course: the baseline form in Google Forms\n"
		    "neglect_confidence = How confident do you feel to recognise and respond to neglect?\n"
		    "hope = What do you hope to learn today?\n");

		imp = out_file(o, "11-neg-baseline-googleforms.csv", base.buf, "feedback",
		    "Google Forms responses (Download responses (.csv))");
		imp->profile = g_strdup("googleforms");
		imp->map = path;
	} else {
		imp = out_file(o, "11-neg-baseline.csv", base.buf, "feedback",
		    "baseline survey (canonical layout)");
	}
	imp->course = g_strdup("NEG");
	imp->stage = g_strdup("baseline");
	imp->rows = nbase;
	imp = out_file(o, "12-neg-post.csv", post.buf, "feedback",
	    "post-course paper forms, typed into a spreadsheet (canonical layout)");
	imp->rows = npost;
	imp->planted_rejects = planted;
	imp = out_file(o, "13-neg-follow-up.csv", follow.buf, "feedback",
	    "three-month follow-up survey (canonical layout)");
	imp->rows = nfollow;
	csvw_fini(&base);
	csvw_fini(&post);
	csvw_fini(&follow);
}

/* "06/20/2019 09:12:01 AM" */
static void
us_time(lia_date d, int minute_of_day, int second, char *buf, size_t len)
{
	int y, mo, day, h = minute_of_day / 60;

	date_to_ymd(d, &y, &mo, &day);
	snprintf(buf, len, "%02d/%02d/%04d %02d:%02d:%02d %s", mo, day, y,
	    h % 12 == 0 ? 12 : h % 12, minute_of_day % 60, second, h < 12 ? "AM" : "PM");
}

/*
 * Hear My Voice feedback: SurveyMonkey, one collector a day, anonymous
 * (the e-mail, name and custom data columns empty).  SurveyMonkey's
 * "All individual responses" CSV has two header rows: the first names the
 * response columns (Respondent ID, Collector ID, Start Date, End Date, IP
 * Address, Email Address, First Name, Last Name, Custom Data 1) and each
 * question, written once over the columns of its answers; the second says
 * "Response" or "Open-Ended Response" under single answers and each row
 * label under a matrix.  Dates month first with AM/PM; quoting only where
 * needed; CRLF.  This is the layout of lia's own SurveyMonkey fixture
 * (tests/fixtures/feedback/surveymonkey_post.csv); no producer page for it
 * was found in the reference corpus.  IP addresses are from the ranges
 * kept for documentation (RFC 5737).  About a quarter of each sitting
 * answered.  Otherwise the same answers go in the canonical layout.
 */
void
write_hmv_feedback(struct out *o)
{
	static const char *const rows[3] = { "The drama brought the voice of the child to life",
	    "I understood the learning from our reviews", "I will use the learning in my practice" };
	static const char *const comments[] = { "", "", "", "Powerful and moving",
	    "Great drama, it brought the voice of the child to life",
	    "More time for questions please", "Every practitioner should see this",
	    "The room was too warm, but the content was excellent" };
	struct model *m = o->m;
	int real = (m->opts->shapes & DEMO_SHAPE_SURVEYMONKEY) != 0;
	const struct session *hmv[DEMO_HMV_SESSIONS];
	char *map = NULL;
	guint i;
	int k = 0, day;
	int64_t respondent = 10870000001LL;

	/* the six sittings in date order (then by label, as the model sorts them) */
	for (i = 0; i < m->sessions->len && k < DEMO_HMV_SESSIONS; i++) {
		const struct session *s = g_ptr_array_index(m->sessions, i);

		if (strcmp(s->course->code, "HMV") == 0)
			hmv[k++] = s;
	}
	g_assert(k == DEMO_HMV_SESSIONS);

	if (real)
		map = out_aux(o, "14-hmv.map", "# Hear My Voice feedback, SurveyMonkey\n"
		    "session = Which session did you attend?\n"
		    "drama_voice = Please rate the following: - The drama brought the voice of the child to life\n"
		    "understood = Please rate the following: - I understood the learning from our reviews\n"
		    "will_use = Please rate the following: - I will use the learning in my practice\n"
		    "satisfaction = Overall, how satisfied were you with the learning event?\n"
		    "comments = Any other comments?\n");
	for (day = 0; day < 2; day++) {
		struct csvw w;
		struct demo_import *imp;
		lia_date date = 0;
		int n = 0, collector = 254100000 + rnd(m, 0, 99999);
		char iso[DATE_ISO_LEN], name[64];

		if (real) {
			csvw_init(&w, CSVW_MINIMAL, "\r\n", 0);
			csvw_row(&w, 15, (const char *const[]){ "Respondent ID", "Collector ID",
			    "Start Date", "End Date", "IP Address", "Email Address", "First Name",
			    "Last Name", "Custom Data 1", "Which session did you attend?",
			    "Please rate the following:", "", "",
			    "Overall, how satisfied were you with the learning event?",
			    "Any other comments?" });
			csvw_row(&w, 15, (const char *const[]){ "", "", "", "", "", "", "", "", "",
			    "Response", rows[0], rows[1], rows[2], "Response", "Open-Ended Response" });
		} else {
			csvw_init(&w, CSVW_MINIMAL, "\n", 0);
			csvw_row(&w, 9, (const char *const[]){ "course_code", "session_date", "session",
			    "stage", "drama_voice", "understood", "will_use", "satisfaction",
			    "comments" });
		}
		for (k = 3 * day; k < 3 * day + 3; k++) {
			const struct session *s = hmv[k];
			int r, answers = demo_hmv_headcount[k] / 4 + rnd(m, -6, 6);

			date = s->date;
			for (r = 0; r < answers; r++) {
				int start = (strcmp(s->label, "Morning") == 0 ? 9 * 60 + 30 :
				    strcmp(s->label, "Afternoon") == 0 ? 13 * 60 + 30 : 17 * 60) +
				    150 + 240 * r / (answers > 0 ? answers : 1) + rnd(m, 0, 3);
				int len = rnd(m, 2, 9);
				char t1[32], t2[32];
				const char *comment = comments[rnd(m, 0, G_N_ELEMENTS(comments) - 1)];

				if (real) {
					us_time(s->date, start, rnd(m, 0, 59), t1, sizeof t1);
					us_time(s->date, start + len, rnd(m, 0, 59), t2, sizeof t2);
					respondent += rnd(m, 1, 400);
					csvw_int(&w, respondent);
					csvw_int(&w, collector);
					csvw_field(&w, t1);
					csvw_field(&w, t2);
					csvw_fieldf(&w, "%s.%d", chance(m, 0.5) ? "203.0.113" : "198.51.100",
					    rnd(m, 1, 254));
					csvw_field(&w, "");
					csvw_field(&w, "");
					csvw_field(&w, "");
					csvw_field(&w, "");
					csvw_field(&w, s->label);
					csvw_field(&w, agreement[agree(m) - 1]);
					csvw_field(&w, agreement[agree(m) - 1]);
					csvw_field(&w, agreement[agree(m) - 1]);
					csvw_int(&w, rnd(m, 3, 5));
					csvw_field(&w, comment);
				} else {
					char d[16];

					csvw_field(&w, "HMV");
					csvw_field(&w, fmt_uk(s->date, d));
					csvw_field(&w, s->label);
					csvw_field(&w, "post");
					csvw_int(&w, agree(m));
					csvw_int(&w, agree(m));
					csvw_int(&w, agree(m));
					csvw_int(&w, rnd(m, 3, 5));
					csvw_field(&w, comment);
				}
				csvw_end(&w);
				n++;
			}
		}
		snprintf(name, sizeof name, "%s-hmv-%s%s.csv", day == 0 ? "14" : "15",
		    day == 0 ? "june" : "november", real ? "-surveymonkey" : "");
		imp = out_file(o, name, w.buf, "feedback", real ?
		    "SurveyMonkey responses (All individual responses, CSV)" :
		    "learning event feedback (canonical layout)");
		if (real) {
			imp->profile = g_strdup("surveymonkey");
			imp->map = g_strdup(map);
		}
		imp->course = g_strdup("HMV");
		imp->date = g_strdup(fmt_iso(date, iso));
		imp->rows = n;
		csvw_fini(&w);
	}
	g_free(map);
}
