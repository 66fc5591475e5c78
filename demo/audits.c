/*
 * audits: the PQA sub-group's evidence.  Section 11 self-assessments of
 * the agencies with the duty, in two cycles, each standard scored 0-3 by
 * the agency and then by the moderation panel; Section 175/157 returns of
 * the schools and the college; multi-agency themed case audits of 5 to 10
 * cases (times --scale) in three cycles on the reviews' themes; and the
 * evidence log (7-minute briefings, practice resources and their
 * downloads, service-user feedback, complaints and compliments).  Practice
 * improves from cycle to cycle, unevenly.  All in lia's canonical layout,
 * as a partnership's audit tool and spreadsheets would be set out for it.
 */
#include <stdio.h>
#include <string.h>

#include "demo/internal.h"

static const char *
rag_of(int score)
{
	return score >= 3 ? "Green" : score == 2 ? "Amber" : "Red";
}

/* A 0-3 self-assessment, higher in the later cycle: most agencies rate
 * themselves fully compliant on most standards. */
static int
score(struct model *m, int cycle)
{
	int r = rnd(m, 1, 100) + cycle * 12;

	return r <= 3 ? 0 : r <= 10 ? 1 : r <= 32 ? 2 : 3;
}

/* Planted: a self-assessment of 4 on the 0-3 scale. */
void
write_section11(struct out *o)
{
	static const char *const cycles[2] = { "2018/19", "2020/21" };
	struct model *m = o->m;
	struct csvw w;
	struct demo_import *imp;
	int c, a, s, rows = 0;

	csvw_init(&w, CSVW_MINIMAL, "\n", 0);
	csvw_row(&w, 8, (const char *const[]){ "Audit Type", "Cycle", "Date", "Standard", "Agency",
	    "Self Assessment", "Moderated", "RAG" });
	for (c = 0; c < 2; c++) {
		for (a = 0; a < m->nagencies; a++) {
			const struct agency *ag = &m->agencies[a];
			lia_date d = c == 0 ? date_from_ymd(2019, 2, 4) + rnd(m, 0, 40)
			    : date_from_ymd(2020, 10, 5) + rnd(m, 0, 45);
			char ds[16];

			if (!(ag->flags & AG_S11))
				continue;
			fmt_uk(d, ds);
			for (s = 1; s <= 8; s++) {
				int self = score(m, c), mod = self - (chance(m, 0.25 - 0.08 * c) ? 1 : 0);

				if (mod < 0)
					mod = 0;
				csvw_field(&w, "Section 11");
				csvw_field(&w, cycles[c]);
				csvw_field(&w, ds);
				csvw_int(&w, s);
				csvw_field(&w, ag->name);
				csvw_int(&w, self);
				csvw_int(&w, mod);
				csvw_field(&w, rag_of(mod));
				csvw_end(&w);
				rows++;
				if (c == 1 && s == 4 && strcmp(ag->name, "Westmere Homes") == 0) {
					csvw_row(&w, 8, (const char *const[]){ "Section 11", cycles[c], ds, "4",
					    ag->name, "4", "3", "Green" });
					rows++;
				}
			}
		}
	}
	imp = out_file(o, "16-section11.csv", w.buf, "audits",
	    "Section 11 audit tool: self-assessed and moderated scores, two cycles");
	imp->rows = rows;
	imp->planted_rejects = 1;
	csvw_fini(&w);
}

void
write_section175(struct out *o)
{
	static const char *const standards[8][2] = {
		{ "S175.1", "A designated safeguarding lead is in post and trained" },
		{ "S175.2", "All staff have read Keeping Children Safe in Education" },
		{ "S175.3", "Safer recruitment: the single central record is complete" },
		{ "S175.4", "Concerns are recorded, acted on and reviewed" },
		{ "S175.5", "The child's voice is heard in safeguarding decisions" },
		{ "S175.6", "Early help is offered and recorded" },
		{ "S175.7", "Staff training is up to date" },
		{ "S175.8", "Governors receive an annual safeguarding report" },
	};
	static const char *const ratings[] = { "Not met", "Partially met", "Met" };
	static const char *const cycles[2] = { "2018/19", "2019/20" };
	struct model *m = o->m;
	struct csvw w;
	struct demo_import *imp;
	int c, a, s, rows = 0;

	csvw_init(&w, CSVW_MINIMAL, "\n", 0);
	csvw_row(&w, 7, (const char *const[]){ "audit_kind", "cycle", "audit_date", "agency",
	    "standard_code", "standard_title", "rating" });
	for (c = 0; c < 2; c++)
		for (a = 0; a < m->nagencies; a++) {
			const struct agency *ag = &m->agencies[a];
			char ds[16];

			if (!(ag->flags & AG_S175))
				continue;
			fmt_uk(date_from_ymd(2019 + c, 3, 1) + rnd(m, 0, 25), ds);
			for (s = 0; s < 8; s++) {
				int r = rnd(m, 1, 100) + 12 * c;

				csvw_field(&w, "Section 175/157");
				csvw_field(&w, cycles[c]);
				csvw_field(&w, ds);
				csvw_field(&w, ag->name);
				csvw_field(&w, standards[s][0]);
				csvw_field(&w, standards[s][1]);
				csvw_field(&w, ratings[r <= 8 ? 0 : r <= 35 ? 1 : 2]);
				csvw_end(&w);
				rows++;
			}
		}
	imp = out_file(o, "17-section175.csv", w.buf, "audits",
	    "Section 175/157 returns of the schools and the college");
	imp->rows = rows;
	csvw_fini(&w);
}

/*
 * Themed multi-agency case audits: each theme of the reviews audited in
 * three cycles, 5 to 10 cases a cycle (times --scale), each case rated on
 * the theme's standards.  Planted: one rating written "Good", which is not
 * a rating.
 */
void
write_case_audits(struct out *o)
{
	static const struct {
		const char *theme, *title, *codes[4], *standards[4];
		int month;	/* of the first cycle's audit, 2018 */
	} audits[] = {
		{ "Neglect", "Neglect themed audit", { "N1", "N2", "N3", "N4" },
		  { "Neglect recognised at first contact", "Graded Care Profile 2 used",
		    "The child seen and heard", "The plan reviewed within timescale" }, 10 },
		{ "Voice of the child", "Voice of the child themed audit", { "V1", "V2", "V3", NULL },
		  { "The child's wishes and feelings recorded", "The child seen alone",
		    "The plan says what the child said" }, 11 },
		{ "Information sharing", "Information sharing themed audit", { "I1", "I2", "I3", "I4" },
		  { "Concerns shared the same day", "Consent considered and recorded",
		    "All agencies invited to the strategy discussion",
		    "Health information in the MASH record" }, 12 },
		{ "Domestic abuse", "Domestic abuse themed audit", { "D1", "D2", "D3", NULL },
		  { "DASH risk assessment completed", "MARAC referral where high risk",
		    "The impact on the child assessed" }, 9 },
	};
	static const char *const cycles[3] = { "2018/19", "2019/20", "2020/21" };
	static const double p_met[3] = { 0.42, 0.58, 0.70 };
	struct model *m = o->m;
	struct csvw w;
	struct demo_import *imp;
	size_t t;
	int c, k, s, rows = 0, planted = 0;

	csvw_init(&w, CSVW_MINIMAL, "\n", 0);
	csvw_row(&w, 9, (const char *const[]){ "audit_kind", "cycle", "audit_date",
	    "standard_code", "audit_title", "standard_title", "theme", "case_ref", "rating" });
	for (t = 0; t < G_N_ELEMENTS(audits); t++)
		for (c = 0; c < 3; c++) {
			int cases = rnd(m, 5, 10) * m->opts->scale;
			char ds[16];

			fmt_uk(nth_weekday_of(2018 + c, audits[t].month, 3, 3), ds);
			for (k = 1; k <= cases; k++) {
				char ref[32];

				snprintf(ref, sizeof ref, "%c%d-%02d", audits[t].codes[0][0], 18 + c, k);
				for (s = 0; s < 4 && audits[t].codes[s] != NULL; s++) {
					double r = g_rand_double(m->rand);
					const char *rating = r < 0.04 ? "N/A" : r < 0.04 + p_met[c] ? "Met"
					    : r < 0.04 + p_met[c] + (1 - p_met[c]) * 0.55 ? "Partially met"
					    : "Not met";

					if (!planted && c == 1 && k == 3) {
						rating = "Good";
						planted = 1;
					}
					csvw_field(&w, "Multi-agency case audit");
					csvw_field(&w, cycles[c]);
					csvw_field(&w, ds);
					csvw_field(&w, audits[t].codes[s]);
					csvw_field(&w, audits[t].title);
					csvw_field(&w, audits[t].standards[s]);
					csvw_field(&w, audits[t].theme);
					csvw_field(&w, ref);
					csvw_field(&w, rating);
					csvw_end(&w);
					rows++;
				}
			}
		}
	imp = out_file(o, "18-case-audits.csv", w.buf, "audits",
	    "multi-agency themed case audits, three cycles");
	imp->rows = rows;
	imp->planted_rejects = planted;
	csvw_fini(&w);
}

/*
 * The evidence log in the canonical `evidence` layout (DESIGN.md).
 * Planted: an item of kind "tweet", which is not a kind of evidence.
 */
void
write_evidence(struct out *o)
{
	static const char *const briefings[][4] = {
		{ "SCR1", "Martha, Mary & Ben", "2018-08-08", "Neglect; Voice of the child" },
		{ "SCR2", "Janet", "2019-04-24", "Domestic abuse; Information sharing" },
		{ "SCR3", "Charlie", "2019-04-03", "Neglect; Early help" },
		{ "SCR4", "Matilda", "2019-10-30", "Information sharing; Bereavement" },
		{ "SCR5", "Beatrice", "2020-03-31", "Voice of the child; Child protection planning" },
	};
	static const char *const resources[][3] = {
		{ "Neglect toolkit for practitioners", "Neglect", "neglect-toolkit" },
		{ "Graded Care Profile 2: a guide for managers", "Neglect", "gcp2-guide" },
		{ "Hearing the voice of the child: practice guide", "Voice of the child", "voice-guide" },
		{ "Information sharing: a one-page guide", "Information sharing", "info-sharing" },
		{ "Escalation policy and flowchart", "Child protection planning", "escalation" },
		{ "Level of Need Guidance", "Early help", "level-of-need" },
		{ "Domestic abuse: asking the question", "Domestic abuse", "asking-the-question" },
		{ "Bereavement: guidance for professionals", "Bereavement", "bereavement" },
		{ "Early help assessment template", "Early help", "eha-template" },
		{ "Core group meetings: what good looks like", "Child protection planning", "core-groups" },
	};
	static const char *const others[][6] = {
		/* date, kind, title, themes, reach, unit */
		{ "2019-06-20", "learning_event", "Hear My Voice learning event newsletter",
		  "Voice of the child", "1200", "copies" },
		{ "2019-02-14", "service_user_feedback", "Young people's panel: what helps at child protection conferences",
		  "Voice of the child", "14", "people" },
		{ "2019-09-12", "service_user_feedback", "Parents' feedback on early help assessments",
		  "Early help", "31", "people" },
		{ "2020-02-06", "service_user_feedback", "Care leavers' forum on being listened to",
		  "Voice of the child", "9", "people" },
		{ "2020-11-19", "service_user_feedback", "Families' views of the neglect pathway",
		  "Neglect", "22", "people" },
		{ "2019-03-21", "complaint", "Complaint: a family not told of a strategy discussion",
		  "Information sharing", "", "" },
		{ "2019-10-10", "complaint", "Complaint: a child protection plan not shared with school",
		  "Information sharing", "", "" },
		{ "2020-06-25", "complaint", "Complaint: delay in an early help offer", "Early help", "",
		  "" },
		{ "2019-05-16", "compliment", "Compliment from a parent on a health visitor's support",
		  "Neglect", "", "" },
		{ "2019-12-05", "compliment", "Compliment from a young person on their social worker",
		  "Voice of the child", "", "" },
		{ "2020-09-03", "compliment", "Compliment from a school on the MASH response",
		  "Information sharing", "", "" },
		{ "2020-01-23", "frontline_intelligence", "Practitioner survey: using the escalation policy",
		  "Child protection planning", "186", "people" },
		{ "2020-10-15", "frontline_intelligence", "Practitioner survey: working during lockdown",
		  "Neglect", "241", "people" },
		{ "2020-07-09", "national_research", "National Panel annual report: learning for Westmere",
		  "Neglect; Information sharing", "", "" },
		{ "2019-11-28", "national_research", "Triennial analysis of reviews: briefing to the board",
		  "Neglect; Domestic abuse", "", "" },
		{ "2019-07-25", "dataset_report", "Partnership dataset, 2019/20 Q1", "", "", "" },
		{ "2019-10-24", "dataset_report", "Partnership dataset, 2019/20 Q2", "", "", "" },
		{ "2020-01-30", "dataset_report", "Partnership dataset, 2019/20 Q3", "", "", "" },
		{ "2020-04-30", "dataset_report", "Partnership dataset, 2019/20 Q4", "", "", "" },
	};
	static const char *const bu = "Westmere Safeguarding Partnership Business Unit";
	struct model *m = o->m;
	struct csvw w;
	struct demo_import *imp;
	size_t i;
	int s, rows = 0;

	csvw_init(&w, CSVW_MINIMAL, "\n", 0);
	csvw_row(&w, 10, (const char *const[]){ "date", "kind", "title", "themes", "review_code",
	    "agency", "reach", "reach_unit", "source", "link" });
	for (i = 0; i < G_N_ELEMENTS(briefings); i++) {
		char title[128], link[128];

		snprintf(title, sizeof title, "7-minute briefing: %s (%s)", briefings[i][0],
		    briefings[i][1]);
		snprintf(link, sizeof link, "https://wscp.example.org/briefings/%c%c%c%c",
		    g_ascii_tolower(briefings[i][0][0]), g_ascii_tolower(briefings[i][0][1]),
		    g_ascii_tolower(briefings[i][0][2]), briefings[i][0][3]);
		csvw_field(&w, briefings[i][2]);
		csvw_field(&w, "briefing");
		csvw_field(&w, title);
		csvw_field(&w, briefings[i][3]);
		csvw_field(&w, briefings[i][0]);
		csvw_field(&w, bu);
		csvw_int(&w, rnd(m, 180, 640) * m->opts->scale);
		csvw_field(&w, "downloads");
		csvw_field(&w, "Partnership website");
		csvw_field(&w, link);
		csvw_end(&w);
		rows++;
	}
	/* Resources: a count of downloads each half year, times --scale. */
	for (s = 0; s < m->opts->scale; s++)
		for (i = 0; i < G_N_ELEMENTS(resources); i++) {
			char link[128], date[32];
			int y, h;

			snprintf(link, sizeof link, "https://wscp.example.org/resources/%s%s%.0d",
			    resources[i][2], s ? "-" : "", s);
			for (y = 2019; y <= 2020; y++)
				for (h = 0; h < 2; h++) {
					char title[160];

					snprintf(date, sizeof date, "%d-%s", y, h ? "12-31" : "06-30");
					snprintf(title, sizeof title, "%s%s%.0d", resources[i][0],
					    s ? " (version " : "", s);
					if (s)
						g_strlcat(title, ")", sizeof title);
					csvw_field(&w, date);
					csvw_field(&w, "resource");
					csvw_field(&w, title);
					csvw_field(&w, resources[i][1]);
					csvw_field(&w, "");
					csvw_field(&w, bu);
					csvw_int(&w, rnd(m, 20, 260));
					csvw_field(&w, "downloads");
					csvw_field(&w, "Partnership website");
					csvw_field(&w, link);
					csvw_end(&w);
					rows++;
				}
		}
	for (i = 0; i < G_N_ELEMENTS(others); i++) {
		csvw_field(&w, others[i][0]);
		csvw_field(&w, others[i][1]);
		csvw_field(&w, others[i][2]);
		csvw_field(&w, others[i][3]);
		csvw_field(&w, "");
		csvw_field(&w, bu);
		csvw_field(&w, others[i][4]);
		csvw_field(&w, others[i][5]);
		csvw_field(&w, "Performance and Quality Assurance sub-group");
		csvw_field(&w, "");
		csvw_end(&w);
		rows++;
	}
	csvw_row(&w, 10, (const char *const[]){ "2020-05-14", "tweet",
	    "Thread on the new escalation policy", "Child protection planning", "", bu, "4200",
	    "views", "Partnership social media", "" });
	rows++;
	imp = out_file(o, "19-evidence.csv", w.buf, "evidence",
	    "the partnership's evidence log (briefings, resources, service-user feedback)");
	imp->rows = rows;
	imp->planted_rejects = 1;
	csvw_fini(&w);
}
