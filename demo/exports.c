/*
 * exports: the Westmere partnership's files, each written as the system
 * that holds the data exports it.  Files lia reads in a real system's shape
 * say where that shape comes from beside their writer; the others are in
 * lia's canonical (generic) format, as a partnership's own spreadsheets and
 * databases would be laid out for lia (docs: DESIGN.md, "Canonical CSV
 * formats").  A few rows are bad on purpose, counted in the manifest, so a
 * newcomer sees what happens to them (`lia rejects`).
 */
#include <stdio.h>
#include <string.h>

#include "demo/internal.h"

#define PERSON(m, i) (&g_array_index((m)->people, struct person, (i)))
#define AGENCY(m, p) (&(m)->agencies[(p)->agency])

/* Heads counted at each Hear My Voice sitting, in session order: 1,017. */
const int demo_hmv_headcount[DEMO_HMV_SESSIONS] = { 171, 178, 150, 182, 176, 160 };

static const char *const status_word[] = { "Attended", "Did not attend", "Cancelled" };

static int
shape(const struct out *o, enum demo_shape s)
{
	return (o->m->opts->shapes & (unsigned)s) != 0;
}

/* ---- agencies, workforce, courses ------------------------------------------ */

void
write_agencies(struct out *o)
{
	struct csvw w;
	struct demo_import *imp;
	int i;

	csvw_init(&w, CSVW_MINIMAL, "\n", 0);
	csvw_row(&w, 3, (const char *const[]){ "agency", "sector", "aliases" });
	for (i = 0; i < o->m->nagencies; i++) {
		const struct agency *a = &o->m->agencies[i];

		csvw_row(&w, 3, (const char *const[]){ a->name, demo_sector_name(a->sector),
		    a->aliases });
	}
	imp = out_file(o, "01-agencies.csv", w.buf, "agencies",
	    "the partnership's agency list, with the names people type for each");
	imp->rows = o->m->nagencies;
	csvw_fini(&w);
}

void
write_workforce(struct out *o)
{
	static const char *const periods[] = { "2018/19", "2019/20", "2020/21" };
	static const double growth[] = { 0.97, 1.0, 1.02 };
	struct csvw w;
	struct demo_import *imp;
	int i, p, rows = 0;

	csvw_init(&w, CSVW_MINIMAL, "\n", 0);
	csvw_row(&w, 4, (const char *const[]){ "agency", "period", "headcount", "sector" });
	for (i = 0; i < o->m->nagencies; i++) {
		const struct agency *a = &o->m->agencies[i];

		if (a->flags & AG_NO_STAFF)
			continue;
		for (p = 0; p < 3; p++) {
			int n = a->headcount * o->m->opts->scale;

			/* the year's figure, within a few per cent of 2019/20's */
			if (p != 1)
				n = (int)(n * growth[p] + rnd(o->m, -2, 2));
			csvw_field(&w, a->name);
			csvw_field(&w, periods[p]);
			csvw_int(&w, n);
			csvw_field(&w, demo_sector_name(a->sector));
			csvw_end(&w);
			rows++;
		}
	}
	/* Planted: a headcount still to be confirmed. */
	csvw_row(&w, 4, (const char *const[]){ "Westmere Young Carers", "2017/18", "tbc",
	    "Voluntary" });
	imp = out_file(o, "02-workforce.csv", w.buf, "workforce",
	    "headcount returns from each agency, by financial year");
	imp->rows = rows + 1;
	imp->planted_rejects = 1;
	csvw_fini(&w);
}

void
write_courses(struct out *o)
{
	struct csvw w;
	struct demo_import *imp;
	int i;

	csvw_init(&w, CSVW_MINIMAL, "\n", 0);
	csvw_row(&w, 8, (const char *const[]){ "course_code", "course_title", "level",
	    "refresh_months", "themes", "train_the_trainer", "hours", "delivery" });
	for (i = 0; i < demo_ncourses; i++) {
		const struct course *c = &demo_courses[i];

		csvw_field(&w, c->code);
		csvw_field(&w, c->title);
		csvw_fieldf(&w, "Level %d", c->level);
		if (c->refresh_months > 0)
			csvw_int(&w, c->refresh_months);
		else
			csvw_field(&w, "");
		csvw_field(&w, c->themes);
		csvw_field(&w, c->train_the_trainer ? "yes" : "no");
		csvw_fieldf(&w, "%g", c->hours);
		csvw_field(&w, c->delivery);
		csvw_end(&w);
	}
	imp = out_file(o, "03-courses.csv", w.buf, "courses",
	    "the training programme: levels, refresh periods and themes");
	imp->rows = demo_ncourses;
	csvw_fini(&w);
}

/* ---- reviews and actions: the seed report's table and lists ------------------- */

/*
 * The months are the seed report's; the days are chosen inside them.  The
 * incident, notification and rapid review decision dates are not in the
 * report: they are made up to be plausible, and the statutory clocks are
 * whatever these dates give (three reviews reached the board more than six
 * months after the decision, whatever the report says).
 */
static const struct {
	const char *code, *title, *incident, *notified, *decision, *author, *board, *panel,
	    *published, *themes, *delay;
} reviews[] = {
	{ "SCR1", "Martha, Mary & Ben", "18/12/2017", "21/12/2017", "12/01/2018", "05/02/2018",
	  "10/07/2018", "11/07/2018", "25/07/2018", "Neglect; Voice of the child", "" },
	{ "SCR2", "Janet", "23/04/2018", "26/04/2018", "15/05/2018", "11/06/2018",
	  "16/01/2019", "06/02/2019", "10/04/2019", "Domestic abuse; Information sharing",
	  "Sensitive delay due to anniversary" },
	{ "SCR3", "Charlie", "29/05/2018", "04/06/2018", "21/06/2018", "09/07/2018",
	  "13/02/2019", "06/03/2019", "20/03/2019", "Neglect; Early help", "" },
	{ "SCR4", "Matilda", "24/09/2018", "02/10/2018", "19/10/2018", "05/11/2018",
	  "17/04/2019", "02/10/2019", "16/10/2019", "Information sharing; Bereavement", "" },
	{ "SCR5", "Beatrice", "20/05/2019", "23/05/2019", "12/06/2019", "08/07/2019",
	  "12/02/2020", "03/03/2020", "17/03/2020", "Voice of the child; Child protection planning",
	  "" },
};

void
write_reviews(struct out *o)
{
	struct csvw w;
	struct demo_import *imp;
	size_t i;

	csvw_init(&w, CSVW_MINIMAL, "\n", 0);
	csvw_row(&w, 12, (const char *const[]){ "review_code", "kind", "title", "incident_date",
	    "notified_date", "decision_date", "author_appointed", "report_to_board",
	    "report_to_panel", "published", "themes", "delay_reason" });
	for (i = 0; i < G_N_ELEMENTS(reviews); i++)
		csvw_row(&w, 12, (const char *const[]){ reviews[i].code, "SCR", reviews[i].title,
		    reviews[i].incident, reviews[i].notified, reviews[i].decision,
		    reviews[i].author, reviews[i].board, reviews[i].panel, reviews[i].published,
		    reviews[i].themes, reviews[i].delay });
	imp = out_file(o, "04-reviews.csv", w.buf, "reviews",
	    "the serious case review tracker (the seed report's timeline)");
	imp->rows = (int64_t)G_N_ELEMENTS(reviews);
	csvw_fini(&w);
}

void
write_actions(struct out *o)
{
	/* "What we have done" (completed) and "What remains outstanding". */
	static const char *const actions[][8] = {
		{ "A01", "Strengthen all relevant partnership policies and procedures in the light of the learning from the reviews",
		  "SCR1", "Child protection planning", "Westmere Safeguarding Partnership Business Unit",
		  "31/03/2019", "20/03/2019", "Completed" },
		{ "A02", "Amend the Child Protection Standards to strengthen expectations of action planning in practice",
		  "SCR2", "Child protection planning", "Westmere Council Children's Social Care",
		  "30/06/2019", "28/05/2019", "Completed" },
		{ "A03", "Introduce early help practice standards", "SCR3", "Early help",
		  "Westmere Council Early Help", "30/09/2019", "02/09/2019", "Completed" },
		{ "A04", "Refresh the Neglect Strategy to include the learning from the reviews", "SCR1",
		  "Neglect", "Westmere Safeguarding Partnership Business Unit", "31/01/2019",
		  "12/12/2018", "Completed" },
		{ "A05", "Approve and implement the MASH Information Sharing Agreement", "SCR4",
		  "Information sharing", "Westmere Constabulary", "31/12/2019", "20/11/2019",
		  "Completed" },
		{ "A06", "Increase the practice resources on the partnership website to cover every theme of the reviews",
		  "SCR5", "Voice of the child", "Westmere Safeguarding Partnership Business Unit",
		  "30/06/2020", "29/05/2020", "Completed" },
		{ "A07", "Deliver partnership-wide learning events on the reviews (Hear My Voice), open to elected members",
		  "SCR5", "Voice of the child", "Westmere Safeguarding Partnership Business Unit",
		  "30/11/2019", "13/11/2019", "Completed" },
		{ "A08", "Refresh the Level of Need Guidance to include every theme of learning from the reviews",
		  "SCR3", "Early help", "Westmere Council Early Help", "31/03/2020", "26/02/2020",
		  "Completed" },
		{ "A09", "Develop a bereavement strategy with advice and guidance for professionals", "SCR4",
		  "Bereavement", "Westmere Clinical Commissioning Group", "30/09/2020", "16/09/2020",
		  "Completed" },
		{ "A10", "Make representations to the Department of Health on a national IT system connecting health professionals",
		  "SCR4", "Information sharing", "Westmere Clinical Commissioning Group", "31/12/2019",
		  "10/12/2019", "Completed" },
		{ "A11", "Seek assurance that agencies' information sharing policies cover all cases, not only those under child protection procedures",
		  "SCR2", "Information sharing", "Westmere Safeguarding Partnership Business Unit",
		  "31/03/2020", "11/03/2020", "Completed" },
		{ "A12", "Refresh and relaunch the Graded Care Profile 2: fund licensed train-the-trainer places for 10 people (booked 13-14 January 2021)",
		  "SCR1", "Neglect", "Westmere Safeguarding Partnership Business Unit", "31/01/2021",
		  "", "In progress" },
		{ "A13", "Plan the full roll-out of Graded Care Profile 2 training, with 14 licensed trainers and champions representative of the partnership",
		  "SCR1", "Neglect", "Westmere Safeguarding Partnership Business Unit", "30/06/2021",
		  "", "Open" },
	};
	struct csvw w;
	struct demo_import *imp;
	size_t i;

	csvw_init(&w, CSVW_MINIMAL, "\n", 0);
	csvw_row(&w, 8, (const char *const[]){ "action_id", "action", "review_code", "theme",
	    "owner_agency", "due_date", "completed_date", "status" });
	for (i = 0; i < G_N_ELEMENTS(actions); i++)
		csvw_row(&w, 8, actions[i]);
	imp = out_file(o, "05-actions.csv", w.buf, "actions",
	    "the action plan arising from the reviews (the seed report's lists)");
	imp->rows = (int64_t)G_N_ELEMENTS(actions);
	csvw_fini(&w);
}

/* ---- training --------------------------------------------------------------- */

static void
records_row(struct csvw *w, const struct model *m, const struct session *s,
    const struct seat *x)
{
	const struct person *p = PERSON(m, x->person);
	char d[16];

	csvw_field(w, AGENCY(m, p)->name);
	csvw_field(w, s->course->code);
	csvw_field(w, fmt_uk(s->date, d));
	csvw_field(w, s->label);
	csvw_field(w, p->email);
	csvw_field(w, p->role);
	csvw_field(w, status_word[x->status]);
	if (x->status == ATT_ATTENDED)
		csvw_fieldf(w, "%g", s->course->hours);
	else
		csvw_field(w, "");
	csvw_int(w, s->capacity);
	csvw_field(w, s->mode);
	csvw_end(w);
}

static const char *const records_header[] = { "agency", "course_code", "session_date",
    "session", "email", "role", "status", "hours", "capacity", "mode" };

/*
 * The partnership's training records (its booking database, exported in
 * lia's canonical layout): every named session but the ones booked through
 * Eventbrite.  Planted: one row exported twice (a duplicate) and three bad
 * rows (a date that does not exist, a status nobody knows, no agency).
 */
void
write_training_records(struct out *o)
{
	struct model *m = o->m;
	struct csvw w;
	struct demo_import *imp;
	guint i, j;
	int64_t rows = 0;
	int planted = 0;

	csvw_init(&w, CSVW_MINIMAL, "\n", 0);
	csvw_row(&w, G_N_ELEMENTS(records_header), records_header);
	for (i = 0; i < m->sessions->len; i++) {
		const struct session *s = g_ptr_array_index(m->sessions, i);

		if (strcmp(s->course->code, "HMV") == 0)
			continue;	/* headcounts: their own file */
		if (s->source == SRC_EVENTBRITE && shape(o, DEMO_SHAPE_EVENTBRITE))
			continue;
		for (j = 0; j < s->seats->len; j++) {
			const struct seat *x = &g_array_index(s->seats, struct seat, j);

			records_row(&w, m, s, x);
			rows++;
			if (planted == 0 && strcmp(s->course->code, "WT") == 0 && j == 3) {
				records_row(&w, m, s, x);	/* exported twice */
				rows++;
				planted++;
			}
		}
		if (planted == 1 && rows > 400) {
			const struct person *p = PERSON(m, rnd(m, 0, (int)m->people->len - 1));

			csvw_row(&w, 10, (const char *const[]){ AGENCY(m, p)->name, "NEG",
			    "31/02/2019", "", p->email, p->role, "Attended", "3", "20",
			    "face to face" });
			planted++;
			rows++;
		} else if (planted == 2 && rows > 1200) {
			const struct person *p = PERSON(m, rnd(m, 0, (int)m->people->len - 1));
			char d[16];

			csvw_row(&w, 10, (const char *const[]){ AGENCY(m, p)->name, s->course->code,
			    fmt_uk(s->date, d), s->label, p->email, p->role, "Maybe", "", "",
			    s->mode });
			planted++;
			rows++;
		} else if (planted == 3 && rows > 2000) {
			const struct person *p = PERSON(m, rnd(m, 0, (int)m->people->len - 1));
			char d[16];

			csvw_row(&w, 10, (const char *const[]){ "", s->course->code, fmt_uk(s->date, d),
			    s->label, p->email, p->role, "Attended", "", "", s->mode });
			planted++;
			rows++;
		}
	}
	g_assert(planted == 4);
	imp = out_file(o, "06-training-records.csv", w.buf, "attendance",
	    "the partnership's training records database (canonical layout)");
	imp->rows = rows;
	imp->planted_rejects = 3;
	imp->planted_duplicates = 1;
	csvw_fini(&w);
}

/*
 * Eventbrite attendee report, one per online session (Manage attendees >
 * Reports > Attendee summary, downloaded as CSV).  Columns and value forms
 * as in a real report reproduced in the README of rherardi/eb2ez (an
 * Eventbrite-to-badge converter): Order #, Order Date written month first
 * with a two-digit year ("11/29/24 22:28"), Quantity, Price Tier, Ticket
 * Type, Attendee #, Group, Order Type "Free Order", Currency, the money
 * columns, Attendee Status, then the questions asked at booking (here Job
 * Title and Company).  Attendee statuses as Eventbrite's help article
 * "Glossary of order and attendee statuses in event reports" lists them;
 * attendance was taken by checking people in, so "Attending" without
 * "Checked In" is a no-show (`--checkin`).  Quoting only where needed and
 * CRLF line ends (the README's sample does not show line ends; CRLF is what
 * Python's csv writer, which that converter reads it with, writes).  The
 * event date is not in the report: the manifest gives --date and --course.
 */
void
write_eventbrite(struct out *o)
{
	static const char *const header[] = { "Order #", "Order Date", "First Name",
	    "Last Name", "Email", "Quantity", "Price Tier", "Ticket Type", "Attendee #", "Group",
	    "Order Type", "Currency", "Total Paid", "Fees Paid", "Eventbrite Fees",
	    "Eventbrite Payment Processing", "Attendee Status", "Job Title", "Company" };
	static const char *const eb_status[] = { "Checked In", "Attending", "Not Attending" };
	struct model *m = o->m;
	guint i, j;
	int64_t order = 1163804511, attendee = 1901223870;

	for (i = 0; i < m->sessions->len; i++) {
		const struct session *s = g_ptr_array_index(m->sessions, i);
		struct csvw w;
		struct demo_import *imp;
		char name[64], iso[DATE_ISO_LEN];

		if (s->source != SRC_EVENTBRITE)
			continue;
		if (!shape(o, DEMO_SHAPE_EVENTBRITE)) {
			/* the same people in the canonical layout, one file a session */
			csvw_init(&w, CSVW_MINIMAL, "\n", 0);
			csvw_row(&w, G_N_ELEMENTS(records_header), records_header);
			for (j = 0; j < s->seats->len; j++)
				records_row(&w, m, s, &g_array_index(s->seats, struct seat, j));
			snprintf(name, sizeof name, "07-online-%s-%s.csv", s->course->code,
			    fmt_iso(s->date, iso));
			imp = out_file(o, name, w.buf, "attendance",
			    "online session bookings (canonical layout)");
			imp->rows = s->seats->len;
			csvw_fini(&w);
			continue;
		}
		csvw_init(&w, CSVW_MINIMAL, "\r\n", 0);
		csvw_row(&w, G_N_ELEMENTS(header), header);
		for (j = 0; j < s->seats->len; j++) {
			const struct seat *x = &g_array_index(s->seats, struct seat, j);
			const struct person *p = PERSON(m, x->person);
			/* orders in the order they came: the first a few weeks before */
			lia_date booked = s->date - 42 + (int)(38 * j / s->seats->len) + rnd(m, 0, 1);
			int y, mo, d;

			date_to_ymd(booked, &y, &mo, &d);
			order += rnd(m, 1000, 90000);
			attendee += rnd(m, 1000, 90000);
			csvw_int(&w, order);
			csvw_fieldf(&w, "%d/%d/%02d %d:%02d", mo, d, y % 100, rnd(m, 7, 22),
			    rnd(m, 0, 59));
			csvw_field(&w, p->first);
			csvw_field(&w, p->last);
			csvw_field(&w, p->email);
			csvw_field(&w, "1");
			csvw_field(&w, "");
			csvw_field(&w, "Practitioner place");
			csvw_int(&w, attendee);
			csvw_field(&w, "");
			csvw_field(&w, "Free Order");
			csvw_field(&w, "GBP");
			csvw_field(&w, "0");
			csvw_field(&w, "0");
			csvw_field(&w, "0");
			csvw_field(&w, "0");
			csvw_field(&w, eb_status[x->status]);
			csvw_field(&w, p->role);
			csvw_field(&w, AGENCY(m, p)->name);
			csvw_end(&w);
		}
		snprintf(name, sizeof name, "07-eventbrite-%s-%s.csv", s->course->code,
		    fmt_iso(s->date, iso));
		imp = out_file(o, name, w.buf, "attendance", "Eventbrite attendee summary report");
		imp->profile = g_strdup("eventbrite");
		imp->course = g_strdup(s->course->code);
		imp->date = g_strdup(iso);
		imp->checkin = 1;
		imp->rows = s->seats->len;
		csvw_fini(&w);
	}
}

/*
 * Hear My Voice: six sittings on two days.  The drama company counted
 * heads at the door by agency, so the file has a count per agency and
 * sitting (canonical headcount rows), never names.  1,017 in all: the seed
 * report's "circa 1000", "over 1000 professionals".
 */
void
write_hear_my_voice(struct out *o)
{
	struct model *m = o->m;
	struct csvw w;
	struct demo_import *imp;
	int *count = g_new0(int, m->nagencies), k = 0, a, n, rows = 0;
	double total_weight = 0;
	guint i;

	for (a = 0; a < m->nagencies; a++)
		total_weight += m->agencies[a].flags & AG_NO_STAFF ? 8 : m->agencies[a].headcount;
	csvw_init(&w, CSVW_MINIMAL, "\n", 0);
	csvw_row(&w, 7, (const char *const[]){ "agency", "course_code", "session_date", "session",
	    "count", "capacity", "mode" });
	for (i = 0; i < m->sessions->len; i++) {
		const struct session *s = g_ptr_array_index(m->sessions, i);
		char d[16];

		if (strcmp(s->course->code, "HMV") != 0)
			continue;
		memset(count, 0, sizeof *count * (size_t)m->nagencies);
		for (n = 0; n < demo_hmv_headcount[k]; n++) {
			double r = g_rand_double(m->rand) * total_weight;

			for (a = 0; a < m->nagencies - 1; a++) {
				r -= m->agencies[a].flags & AG_NO_STAFF ? 8 : m->agencies[a].headcount;
				if (r < 0)
					break;
			}
			count[a]++;
		}
		k++;
		for (a = 0; a < m->nagencies; a++) {
			if (count[a] == 0)
				continue;
			csvw_field(&w, m->agencies[a].name);
			csvw_field(&w, "HMV");
			csvw_field(&w, fmt_uk(s->date, d));
			csvw_field(&w, s->label);
			csvw_int(&w, count[a]);
			csvw_int(&w, s->capacity);
			csvw_field(&w, s->mode);
			csvw_end(&w);
			rows++;
		}
	}
	g_free(count);
	imp = out_file(o, "08-hear-my-voice-headcounts.csv", w.buf, "attendance",
	    "sign-in tallies of the Hear My Voice learning events, by agency (headcount only)");
	imp->rows = rows;
	csvw_fini(&w);
}

/* Moodle's "%d/%m/%y, %H:%M" (strftimedatetimeshort of the en language pack). */
static void
moodle_time(struct model *m, lia_date d, char *buf, size_t len)
{
	int y, mo, day;

	date_to_ymd(d, &y, &mo, &day);
	snprintf(buf, len, "%02d/%02d/%02d, %02d:%02d", day, mo, y % 100, rnd(m, 8, 21),
	    rnd(m, 0, 59));
}

static int
by_surname(gconstpointer a, gconstpointer b, gpointer data)
{
	struct model *m = data;
	const struct person *x = PERSON(m, *(const int *)a), *y = PERSON(m, *(const int *)b);
	int c = strcmp(x->last, y->last);

	return c != 0 ? c : strcmp(x->first, y->first) != 0 ? strcmp(x->first, y->first)
	    : x->moodle_id - y->moodle_id;
}

/*
 * The information sharing e-learning, on the partnership's Moodle.  In its
 * real shape this is Moodle's course completion report (report/completion,
 * "Download in spreadsheet format (UTF-8 .csv)"), as moodle/moodle's
 * report/completion/index.php writes it through lib/csvlib.class.php's
 * csv_export_writer: PHP's fputcsv (comma, double quotes around any field
 * with a space, comma or quote, LF line ends, no BOM); columns ID (Moodle's
 * user id), Name, the identity fields the site shows (Email address,
 * Institution, Department), for each activity criterion its state
 * ("Completed" / "Not completed") and "<activity> - Completion date", then
 * "Course complete" with the completion time in the short date-time form
 * ("17/06/19, 16:34") or empty; sorted by surname.  People enrolled who never
 * completed are in the report too.  Otherwise the same completions are
 * written in the canonical layout, as quarterly returns (the quarter's last
 * day as the session, each person's completion date kept).
 */
void
write_moodle(struct out *o)
{
	struct model *m = o->m;
	int completers = 450 * m->opts->scale, enrolled = completers + 90 * m->opts->scale;
	GArray *who = g_array_new(FALSE, FALSE, sizeof(int));
	GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	lia_date *when = g_new(lia_date, enrolled);
	struct csvw w;
	struct demo_import *imp;
	int i;

	while ((int)who->len < enrolled) {
		int p = rnd(m, 0, (int)m->people->len - 1);

		if (!g_hash_table_contains(seen, GINT_TO_POINTER(p))) {
			g_hash_table_add(seen, GINT_TO_POINTER(p));
			g_array_append_val(who, p);
		}
	}
	g_hash_table_destroy(seen);
	for (i = 0; i < enrolled; i++)
		when[i] = i < completers ? date_from_ymd(2018, 4, 3) +
		    rnd(m, 0, date_from_ymd(2021, 1, 15) - date_from_ymd(2018, 4, 3)) : 0;
	if (shape(o, DEMO_SHAPE_MOODLE)) {
		{
			GArray *sorted = g_array_copy(who);
			GHashTable *at = g_hash_table_new(g_direct_hash, g_direct_equal);

			for (i = 0; i < enrolled; i++)
				g_hash_table_insert(at, GINT_TO_POINTER(g_array_index(who, int, i)),
				    GINT_TO_POINTER(i));
			g_array_sort_with_data(sorted, by_surname, m);
			csvw_init(&w, CSVW_PHP, "\n", 0);
			csvw_row(&w, 8, (const char *const[]){ "ID", "Name", "Email address",
			    "Institution", "Department", "Information sharing quiz",
			    "Information sharing quiz - Completion date", "Course complete" });
			for (i = 0; i < enrolled; i++) {
				int p = g_array_index(sorted, int, i);
				int k = GPOINTER_TO_INT(g_hash_table_lookup(at, GINT_TO_POINTER(p)));
				const struct person *x = PERSON(m, p);
				char t[32] = "";

				if (when[k] != 0)
					moodle_time(m, when[k], t, sizeof t);
				csvw_int(&w, x->moodle_id);
				csvw_fieldf(&w, "%s %s", x->first, x->last);
				csvw_field(&w, x->email);
				csvw_field(&w, AGENCY(m, x)->name);
				csvw_field(&w, x->role);
				csvw_field(&w, when[k] != 0 ? "Completed" : "Not completed");
				csvw_field(&w, t);
				csvw_field(&w, t);
				csvw_end(&w);
			}
			g_hash_table_destroy(at);
			g_array_free(sorted, TRUE);
		}
		imp = out_file(o, "09-moodle-information-sharing.csv", w.buf, "attendance",
		    "Moodle course completion report download");
		imp->profile = g_strdup("moodle");
		imp->course = g_strdup("ISH");
		imp->rows = enrolled;
	} else {
		csvw_init(&w, CSVW_MINIMAL, "\n", 0);
		csvw_row(&w, 7, (const char *const[]){ "agency", "course_code", "session_date",
		    "email", "status", "completed_date", "mode" });
		for (i = 0; i < completers; i++) {
			const struct person *x = PERSON(m, g_array_index(who, int, i));
			char d[16];
			int y, mo, day;

			/* reported a quarter at a time: the session is the quarter's end */
			date_to_ymd(when[i], &y, &mo, &day);
			mo = (mo - 1) / 3 * 3 + 3;
			csvw_field(&w, AGENCY(m, x)->name);
			csvw_field(&w, "ISH");
			csvw_field(&w, fmt_uk(date_from_ymd(y, mo, date_days_in_month(y, mo)), d));
			csvw_field(&w, x->email);
			csvw_field(&w, "Completed");
			csvw_field(&w, fmt_uk(when[i], d));
			csvw_field(&w, "e-learning");
			csvw_end(&w);
		}
		imp = out_file(o, "09-moodle-information-sharing.csv", w.buf, "attendance",
		    "Moodle e-learning completions in the canonical layout");
		imp->rows = completers;
	}
	csvw_fini(&w);
	g_free(when);
	g_array_free(who, TRUE);
}
