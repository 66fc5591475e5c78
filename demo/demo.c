/*
 * demo: the Westmere partnership and the run that writes it.  Owns the
 * model every file is written from: about 30 agencies across the eight
 * sectors with their workforce, the people (one per member of each
 * workforce, times --scale), the course catalogue, and every session with
 * who attended, did not attend or cancelled.  The seed report's figures are
 * built in, not drawn: the Working Together course's 25 sessions hold
 * exactly 539 distinct practitioners who attended, the Hear My Voice events
 * are six sittings on two days, the Graded Care Profile 2 train-the-trainer
 * course has its 10.  Everything else comes from one GRand seeded with
 * --seed, drawn in a fixed order, so one seed writes the same bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "demo/internal.h"

/* ---- CSV ------------------------------------------------------------------ */

void
csvw_init(struct csvw *w, enum csvw_quote quote, const char *eol, int bom)
{
	w->buf = g_string_new(bom ? "\xEF\xBB\xBF" : "");
	w->quote = quote;
	w->eol = eol;
	w->at_start = 1;
}

void
csvw_fini(struct csvw *w)
{
	if (w->buf != NULL)
		g_string_free(w->buf, TRUE);
	w->buf = NULL;
}

static int
needs_quotes(const struct csvw *w, const char *s)
{
	if (w->quote == CSVW_ALL)
		return 1;
	if (strpbrk(s, ",\"\r\n") != NULL)
		return 1;
	return w->quote == CSVW_PHP && strpbrk(s, " \t\\") != NULL;
}

void
csvw_field(struct csvw *w, const char *s)
{
	const char *p;

	if (s == NULL)
		s = "";
	if (!w->at_start)
		g_string_append_c(w->buf, ',');
	w->at_start = 0;
	if (!needs_quotes(w, s)) {
		g_string_append(w->buf, s);
		return;
	}
	g_string_append_c(w->buf, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			g_string_append_c(w->buf, '"');
		g_string_append_c(w->buf, *p);
	}
	g_string_append_c(w->buf, '"');
}

void
csvw_fieldf(struct csvw *w, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	csvw_field(w, s);
	g_free(s);
}

void
csvw_int(struct csvw *w, int64_t v)
{
	csvw_fieldf(w, "%lld", (long long)v);
}

void
csvw_end(struct csvw *w)
{
	g_string_append(w->buf, w->eol);
	w->at_start = 1;
}

void
csvw_row(struct csvw *w, int n, const char *const *fields)
{
	int i;

	for (i = 0; i < n; i++)
		csvw_field(w, fields[i]);
	csvw_end(w);
}

/* ---- dates ----------------------------------------------------------------- */

char *
fmt_uk(lia_date d, char *buf)
{
	int y, m, day;

	date_to_ymd(d, &y, &m, &day);
	snprintf(buf, 16, "%02d/%02d/%04d", day, m, y);
	return buf;
}

char *
fmt_us(lia_date d, char *buf)
{
	int y, m, day;

	date_to_ymd(d, &y, &m, &day);
	snprintf(buf, 16, "%02d/%02d/%04d", m, day, y);
	return buf;
}

char *
fmt_iso(lia_date d, char *buf)
{
	return date_format(d, buf);
}

lia_date
nth_weekday_of(int y, int m, int wd, int n)
{
	lia_date d = date_from_ymd(y, m, 1);

	while (date_weekday(d) != wd)
		d++;
	return d + 7 * (n - 1);
}

/* ---- randomness ------------------------------------------------------------ */

int
rnd(struct model *m, int lo, int hi)
{
	return g_rand_int_range(m->rand, lo, hi + 1);
}

int
chance(struct model *m, double p)
{
	return g_rand_double(m->rand) < p;
}

/* ---- the partnership --------------------------------------------------------- */

static const char *const sector_names[SEC_N] = {
	"Local authority", "Health", "Police", "Education", "Voluntary", "Probation",
	"Housing", "Early years"
};

/* How readily each sector sends people to multi-agency training, relative
 * to the others (made up; at most ENGAGE_MAX with an agency's own factor). */
static const double sector_engage[SEC_N] = {
	[SEC_LA] = 1.6, [SEC_HEALTH] = 0.9, [SEC_POLICE] = 1.0, [SEC_EDUCATION] = 0.7,
	[SEC_VOLUNTARY] = 1.2, [SEC_PROBATION] = 0.8, [SEC_HOUSING] = 0.5, [SEC_EARLY_YEARS] = 0.9
};
#define ENGAGE_MAX (1.6 * 1.3)

const char *
demo_sector_name(enum sector s)
{
	return sector_names[s];
}

/* Westmere and every name below are made up; domains are under example.org. */
static const struct agency agencies[] = {
	{ "Westmere Council Children's Social Care", "childrens.westmere.example.org",
	  "Westmere CSC;WMC Children's Services", SEC_LA, 640, AG_S11 },
	{ "Westmere Council Early Help", "earlyhelp.westmere.example.org",
	  "Early Help Westmere", SEC_LA, 150, AG_S11 },
	{ "Westmere Council Education Service", "education.westmere.example.org",
	  "", SEC_LA, 90, AG_S11 },
	{ "Westmere Youth Justice Service", "yjs.westmere.example.org",
	  "Westmere YOT;Youth Offending Team", SEC_LA, 45, AG_S11 },
	{ "Westmere Safeguarding Partnership Business Unit", "wscp.example.org",
	  "LSCB Business Unit;WSCP", SEC_LA, 8, 0 },
	{ "Westmere Council elected members", "members.westmere.example.org",
	  "Elected members;Councillors", SEC_LA, 0, AG_NO_STAFF },
	{ "Westmere Hospitals NHS Foundation Trust", "whft.example.org",
	  "Westmere Hospital;WHFT", SEC_HEALTH, 1380, AG_S11 },
	{ "Westmere Community Health NHS Trust", "wchc.example.org",
	  "Community Health;WCH", SEC_HEALTH, 610, AG_S11 },
	{ "Northgate Mental Health NHS Foundation Trust", "northgatemh.example.org",
	  "Northgate MH;Northgate Mental Health", SEC_HEALTH, 520, AG_S11 },
	{ "Westmere Children's Hospital NHS Foundation Trust", "wch-nhs.example.org",
	  "Children's Hospital", SEC_HEALTH, 880, AG_S11 },
	{ "Westmere Clinical Commissioning Group", "westmereccg.example.org",
	  "Westmere CCG;CCG", SEC_HEALTH, 55, AG_S11 },
	{ "Westmere GP Federation", "gpfed.westmere.example.org",
	  "GP practices", SEC_HEALTH, 300, AG_S11 },
	{ "Ashby Ambulance Service NHS Trust", "ashby-ambulance.example.org",
	  "Ambulance Service", SEC_HEALTH, 230, AG_S11 },
	{ "Westmere Constabulary", "police.westmere.example.org",
	  "Police;Westmere Police", SEC_POLICE, 760, AG_S11 },
	{ "Ashby Lane Primary School", "ashbylane.example.org", "", SEC_EDUCATION, 48,
	  AG_S175 },
	{ "St Brigid's Catholic Primary School", "stbrigids.example.org", "", SEC_EDUCATION, 42,
	  AG_S175 },
	{ "Millbrook Primary School", "millbrook.example.org", "", SEC_EDUCATION, 55, AG_S175 },
	{ "Westmere High School", "westmerehigh.example.org", "", SEC_EDUCATION, 110, AG_S175 },
	{ "Riverside Academy", "riverside-academy.example.org", "", SEC_EDUCATION, 95, AG_S175 },
	{ "Westmere College", "westmere-college.example.org", "", SEC_EDUCATION, 260, AG_S175 },
	{ "Westmere Women's Refuge", "womensrefuge.example.org", "", SEC_VOLUNTARY, 35, 0 },
	{ "Brightside Children's Charity", "brightside.example.org", "Brightside",
	  SEC_VOLUNTARY, 60, AG_S11 },
	{ "Westmere Young Carers", "youngcarers.example.org", "", SEC_VOLUNTARY, 18, 0 },
	{ "Family Link Westmere", "familylink.example.org", "Family Link", SEC_VOLUNTARY, 26, 0 },
	{ "Westmere Probation Delivery Unit", "probation.westmere.example.org",
	  "Probation;NPS Westmere", SEC_PROBATION, 120, AG_S11 },
	{ "Northgate Community Rehabilitation Company", "northgate-crc.example.org",
	  "Northgate CRC;CRC", SEC_PROBATION, 90, AG_S11 },
	{ "Westmere Homes", "westmerehomes.example.org", "", SEC_HOUSING, 210, AG_S11 },
	{ "Ashby Housing Trust", "ashbyhousing.example.org", "", SEC_HOUSING, 85, AG_S11 },
	{ "Westmere Council Housing Options", "housing.westmere.example.org",
	  "Housing Options", SEC_HOUSING, 40, AG_S11 },
	{ "Westmere Children's Centres", "childrenscentres.westmere.example.org",
	  "Children's Centres", SEC_EARLY_YEARS, 70, 0 },
	{ "Little Steps Nurseries", "littlesteps.example.org", "Little Steps",
	  SEC_EARLY_YEARS, 65, 0 },
	{ "Westmere Childminding Network", "childminding.example.org", "", SEC_EARLY_YEARS,
	  120, 0 },
};

const struct course demo_courses[] = {
	{ "WT", "Working Together to Safeguard Children",
	  "Child protection planning; Information sharing; Neglect; Voice of the child",
	  "face to face", 3, 36, 0, 6 },
	{ "NEG", "Neglect and the Graded Care Profile 2", "Neglect", "face to face", 2, 24, 0, 3 },
	{ "VOC", "Hearing the voice of the child", "Voice of the child", "face to face", 2, 36, 0,
	  3 },
	{ "ISH", "Information sharing (e-learning)", "Information sharing", "e-learning", 1, 12, 0,
	  1 },
	{ "BER", "Bereavement and child death", "Bereavement", "face to face", 2, 36, 0, 3 },
	{ "EH", "Early help assessment and the Level of Need", "Early help", "face to face", 2,
	  24, 0, 3 },
	{ "DA", "Domestic abuse and coercive control", "Domestic abuse", "face to face", 3, 24, 0,
	  6 },
	{ "HMV", "Hear My Voice: learning from our serious case reviews",
	  "Voice of the child; Neglect; Information sharing; Domestic abuse", "face to face", 1, 0,
	  0, 2 },
	{ "GCP2-TTT", "Graded Care Profile 2: train the trainer", "Neglect", "face to face", 3, 36,
	  1, 12 },
};
const int demo_ncourses = (int)(sizeof demo_courses / sizeof demo_courses[0]);

const struct course *
demo_course(const char *code)
{
	int i;

	for (i = 0; i < demo_ncourses; i++)
		if (strcmp(demo_courses[i].code, code) == 0)
			return &demo_courses[i];
	return NULL;
}

/* Common British first names and surnames: any pairing is a made-up person. */
static const char *const first_names[] = {
	"Aisha", "Alex", "Amelia", "Andrew", "Anna", "Ben", "Bethany", "Callum", "Charlotte",
	"Chloe", "Chris", "Claire", "Daniel", "David", "Eleanor", "Ella", "Emma", "Faye",
	"Fiona", "Gemma", "Grace", "Hannah", "Harry", "Imran", "Isla", "Jack", "Jade", "James",
	"Jess", "Joanne", "Jordan", "Karen", "Kate", "Kieran", "Laura", "Leah", "Liam", "Lucy",
	"Mark", "Megan", "Michelle", "Mohammed", "Natalie", "Nathan", "Niamh", "Olivia", "Owen",
	"Paul", "Priya", "Rachel", "Rebecca", "Rhys", "Rosie", "Ryan", "Sam", "Sarah", "Sean",
	"Sophie", "Stephen", "Tom", "Una", "Victoria", "Will", "Yasmin", "Zoe"
};
static const char *const last_names[] = {
	"Ahmed", "Allen", "Bailey", "Baker", "Bell", "Brooks", "Campbell", "Carter", "Clarke",
	"Collins", "Cooper", "Davies", "Dixon", "Doyle", "Edwards", "Evans", "Fisher", "Foster",
	"Gallagher", "Green", "Hall", "Harris", "Hughes", "Hussain", "Jackson", "Jones", "Kaur",
	"Kelly", "Khan", "King", "Lewis", "Lloyd", "Marsh", "Mason", "Mitchell", "Moore",
	"Murphy", "Nolan", "Owen", "Parker", "Patel", "Price", "Quinn", "Reid", "Roberts",
	"Robinson", "Shaw", "Singh", "Taylor", "Thomas", "Turner", "Walker", "Ward", "Watson",
	"White", "Williams", "Wilson", "Wright", "Young"
};

static const char *const roles[SEC_N][5] = {
	[SEC_LA] = { "Social worker", "Senior practitioner", "Team manager",
	    "Family support worker", "Early help practitioner" },
	[SEC_HEALTH] = { "Health visitor", "School nurse", "Midwife", "Paediatric nurse",
	    "Mental health practitioner" },
	[SEC_POLICE] = { "Police constable", "Detective constable", "Sergeant",
	    "Police community support officer", "Detective sergeant" },
	[SEC_EDUCATION] = { "Teacher", "Designated safeguarding lead", "Teaching assistant",
	    "Head of year", "Pastoral lead" },
	[SEC_VOLUNTARY] = { "Support worker", "Project worker", "Family worker",
	    "Volunteer coordinator", "Outreach worker" },
	[SEC_PROBATION] = { "Probation officer", "Probation services officer",
	    "Senior probation officer", "Case administrator", "Victim liaison officer" },
	[SEC_HOUSING] = { "Housing officer", "Tenancy support officer", "Neighbourhood officer",
	    "Homelessness officer", "Income officer" },
	[SEC_EARLY_YEARS] = { "Nursery practitioner", "Childminder", "Room leader",
	    "Children's centre worker", "Nursery manager" },
};

#define NFIRST ((int)G_N_ELEMENTS(first_names))
#define NLAST ((int)G_N_ELEMENTS(last_names))

static void
add_person(struct model *m, int agency)
{
	const struct agency *a = &m->agencies[agency];
	struct person p;
	char *local, *email;
	int n;

	p.agency = agency;
	p.first = first_names[rnd(m, 0, NFIRST - 1)];
	p.last = last_names[rnd(m, 0, NLAST - 1)];
	p.role = roles[a->sector][rnd(m, 0, 4)];
	p.moodle_id = 2000 + (int)m->people->len;
	/* Addresses as people type them: lower case. */
	local = g_ascii_strdown(p.first, -1);
	email = g_strdup_printf("%s.%s", local, p.last);
	g_free(local);
	local = g_ascii_strdown(email, -1);
	g_free(email);
	email = g_strdup_printf("%s@%s", local, a->domain);
	for (n = 2; g_hash_table_contains(m->emails, email); n++) {
		g_free(email);
		email = g_strdup_printf("%s%d@%s", local, n, a->domain);
	}
	g_free(local);
	g_hash_table_add(m->emails, g_strdup(email));
	p.email = email;
	g_array_append_val(m->people, p);
}

static struct session *
add_session(struct model *m, const char *code, lia_date date, const char *label,
    const char *mode, int capacity, enum source source)
{
	struct session *s = g_new0(struct session, 1);

	s->course = demo_course(code);
	g_assert(s->course != NULL);
	s->date = date;
	s->label = label;
	s->mode = mode;
	s->capacity = capacity;
	s->source = source;
	s->seats = g_array_new(FALSE, FALSE, sizeof(struct seat));
	g_ptr_array_add(m->sessions, s);
	return s;
}

static int
seated(const struct session *s, int person)
{
	guint i;

	for (i = 0; i < s->seats->len; i++)
		if (g_array_index(s->seats, struct seat, i).person == person)
			return 1;
	return 0;
}

static void
seat(struct session *s, int person, enum att status)
{
	struct seat x = { person, status };

	g_array_append_val(s->seats, x);
}

/* A random person not yet in the session.  The pool is each agency's
 * workforce, so agencies are drawn by their size, and then by how keen
 * each is to send people to training (its sector's habit, and its own). */
static int
someone(struct model *m, const struct session *s)
{
	int p;

	for (;;) {
		p = rnd(m, 0, (int)m->people->len - 1);
		if (g_rand_double(m->rand) * ENGAGE_MAX >
		    m->engage[g_array_index(m->people, struct person, p).agency])
			continue;
		if (s == NULL || !seated(s, p))
			return p;
	}
}

/*
 * The Working Together course: 25 sessions, 10 in 2018, 10 in 2019 and 5
 * in 2020 (two face to face before the pandemic, three online from the
 * summer, booked through Eventbrite), on the second Wednesday of the month.
 * Exactly DEMO_WT_PRACTITIONERS people attend, each once; some did not
 * attend a session first and came to a later one, some cancelled.
 */
static void
working_together(struct model *m)
{
	static const int months[DEMO_WT_SESSIONS][2] = {
		{ 2018, 1 }, { 2018, 2 }, { 2018, 3 }, { 2018, 4 }, { 2018, 5 }, { 2018, 6 },
		{ 2018, 9 }, { 2018, 10 }, { 2018, 11 }, { 2018, 12 },
		{ 2019, 1 }, { 2019, 2 }, { 2019, 3 }, { 2019, 4 }, { 2019, 5 }, { 2019, 6 },
		{ 2019, 9 }, { 2019, 10 }, { 2019, 11 }, { 2019, 12 },
		{ 2020, 1 }, { 2020, 2 }, { 2020, 7 }, { 2020, 10 }, { 2020, 12 },
	};
	struct session *wt[DEMO_WT_SESSIONS];
	int count[DEMO_WT_SESSIONS], i, j, total = 0;
	GHashTable *taken = g_hash_table_new(g_direct_hash, g_direct_equal);

	for (i = 0; i < DEMO_WT_SESSIONS; i++) {
		int online = months[i][0] == 2020 && months[i][1] >= 7;

		wt[i] = add_session(m, "WT", nth_weekday_of(months[i][0], months[i][1], 2, 2), "",
		    online ? "virtual" : "face to face", online ? 25 : 30,
		    online ? SRC_EVENTBRITE : SRC_RECORDS);
		count[i] = DEMO_WT_PRACTITIONERS / DEMO_WT_SESSIONS;
	}
	for (i = 0; i < DEMO_WT_PRACTITIONERS % DEMO_WT_SESSIONS; i++)
		count[rnd(m, 0, DEMO_WT_SESSIONS - 1)]++;
	for (i = 0; i < 60; i++) {	/* some sessions fuller than others */
		int a = rnd(m, 0, DEMO_WT_SESSIONS - 1), b = rnd(m, 0, DEMO_WT_SESSIONS - 1);

		if (a != b && count[a] < wt[a]->capacity - 2 && count[b] > 15) {
			count[a]++;
			count[b]--;
		}
	}
	for (i = 0; i < DEMO_WT_SESSIONS; i++) {
		total += count[i];
		for (j = 0; j < count[i]; j++) {
			int p;

			do
				p = someone(m, NULL);
			while (g_hash_table_contains(taken, GINT_TO_POINTER(p)));
			g_hash_table_add(taken, GINT_TO_POINTER(p));
			seat(wt[i], p, ATT_ATTENDED);
		}
	}
	g_assert(total == DEMO_WT_PRACTITIONERS);
	/* Did not attend: half of them come to a later session. */
	for (i = 0; i < DEMO_WT_SESSIONS; i++) {
		int dna = rnd(m, 0, 3), cancelled = rnd(m, 0, 2);

		for (j = 0; j < dna; j++) {
			int p = -1;

			if (i + 1 < DEMO_WT_SESSIONS && chance(m, 0.5)) {
				int k = rnd(m, i + 1, DEMO_WT_SESSIONS - 1);

				/* the first count[k] seats of a session are those who attended */
				p = g_array_index(wt[k]->seats, struct seat, rnd(m, 0, count[k] - 1)).person;
			}
			if (p < 0 || seated(wt[i], p))
				p = someone(m, wt[i]);
			seat(wt[i], p, ATT_DNA);
		}
		for (j = 0; j < cancelled; j++)
			seat(wt[i], someone(m, wt[i]), ATT_CANCELLED);
	}
	g_hash_table_destroy(taken);
}

/* Hear My Voice: six sittings on two days; headcounts only, so no seats. */
static void
hear_my_voice(struct model *m)
{
	static const char *const sittings[3] = { "Morning", "Afternoon", "Twilight" };
	lia_date days[2] = { date_from_ymd(2019, 6, 20), date_from_ymd(2019, 11, 13) };
	int d, s;

	for (d = 0; d < 2; d++)
		for (s = 0; s < 3; s++)
			add_session(m, "HMV", days[d], sittings[s], "face to face", 200, SRC_RECORDS);
}

/* The ten who trained as Graded Care Profile 2 trainers on 13-14 January
 * 2021, from six of the eight sectors: probation and housing are missing. */
static void
gcp2_trainers(struct model *m)
{
	static const char *const from[DEMO_TTT_TRAINED] = {
		"Westmere Council Children's Social Care", "Westmere Council Early Help",
		"Westmere Community Health NHS Trust", "Westmere Hospitals NHS Foundation Trust",
		"Westmere GP Federation", "Westmere Constabulary", "Westmere High School",
		"Brightside Children's Charity", "Westmere Children's Centres",
		"Little Steps Nurseries",
	};
	struct session *s = add_session(m, "GCP2-TTT", date_from_ymd(2021, 1, 13), "",
	    "face to face", 12, SRC_RECORDS);
	int i;

	for (i = 0; i < DEMO_TTT_TRAINED; i++) {
		int p;

		do
			p = someone(m, s);
		while (strcmp(m->agencies[g_array_index(m->people, struct person, p).agency].name,
		    from[i]) != 0);
		seat(s, p, ATT_ATTENDED);
	}
}

/* A weekday between from and to, not in the first Covid lockdown (no
 * training from 16 March to 30 June 2020). */
static lia_date
training_day(struct model *m, lia_date from, lia_date to)
{
	lia_date d, stop = date_from_ymd(2020, 3, 16), restart = date_from_ymd(2020, 7, 1);

	do
		d = from + rnd(m, 0, to - from);
	while (date_weekday(d) >= 5 || (d >= stop && d < restart));
	return d;
}

static int
by_date(gconstpointer a, gconstpointer b)
{
	const struct session *x = *(struct session *const *)a, *y = *(struct session *const *)b;
	int c;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if ((c = strcmp(x->course->code, y->course->code)) != 0)
		return c;
	return strcmp(x->label, y->label);
}

/* Whether the course already has a session that day with that label. */
static int
clash(const struct model *m, const struct course *c, lia_date d, const char *label)
{
	guint i;

	for (i = 0; i < m->sessions->len; i++) {
		const struct session *s = g_ptr_array_index(m->sessions, i);

		if (s->course == c && s->date == d && strcmp(s->label, label) == 0)
			return 1;
	}
	return 0;
}

/*
 * The other face-to-face courses: sessions per year times --scale, from
 * April 2018 to December 2020, online after the first lockdown.
 */
static void
other_courses(struct model *m)
{
	static const struct {
		const char *code;
		int per_year;
	} plan[] = { { "NEG", 8 }, { "VOC", 6 }, { "BER", 3 }, { "EH", 6 }, { "DA", 6 } };
	static const char *const labels[] = { "", "Afternoon", "Session 3", "Session 4" };
	lia_date from = date_from_ymd(2018, 4, 1), to = date_from_ymd(2020, 12, 18);
	size_t i;
	int k, j;

	for (i = 0; i < G_N_ELEMENTS(plan); i++) {
		const struct course *c = demo_course(plan[i].code);
		int n = plan[i].per_year * 3 * m->opts->scale;

		for (k = 0; k < n; k++) {
			lia_date d = training_day(m, from, to);
			const char *label = NULL;
			struct session *s;
			int cap = rnd(m, 18, 25), attended, l;

			for (l = 0; l < (int)G_N_ELEMENTS(labels) && label == NULL; l++)
				if (!clash(m, c, d, labels[l]))
					label = labels[l];
			if (label == NULL)
				continue;	/* four that day already */
			s = add_session(m, c->code, d, label,
			    d >= date_from_ymd(2020, 7, 1) ? "virtual" : "face to face", cap,
			    SRC_RECORDS);
			attended = rnd(m, cap / 2, cap);
			for (j = 0; j < attended; j++)
				seat(s, someone(m, s), ATT_ATTENDED);
			for (j = rnd(m, 0, 3); j > 0; j--)
				seat(s, someone(m, s), ATT_DNA);
			for (j = rnd(m, 0, 2); j > 0; j--)
				seat(s, someone(m, s), ATT_CANCELLED);
		}
	}
}

void
model_init(struct model *m, const struct demo_opts *o)
{
	int a, i;

	memset(m, 0, sizeof *m);
	m->opts = o;
	m->rand = g_rand_new_with_seed(o->seed);
	m->agencies = agencies;
	m->nagencies = (int)G_N_ELEMENTS(agencies);
	m->people = g_array_new(FALSE, FALSE, sizeof(struct person));
	m->sessions = g_ptr_array_new();
	m->emails = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	m->engage = g_new(double, m->nagencies);
	for (a = 0; a < m->nagencies; a++)
		m->engage[a] = sector_engage[agencies[a].sector] * (0.7 + 0.6 * g_rand_double(m->rand));
	for (a = 0; a < m->nagencies; a++)
		for (i = 0; i < agencies[a].headcount * o->scale; i++)
			add_person(m, a);
	working_together(m);
	hear_my_voice(m);
	gcp2_trainers(m);
	other_courses(m);
	g_ptr_array_sort(m->sessions, by_date);
}

void
model_fini(struct model *m)
{
	guint i;

	for (i = 0; m->people != NULL && i < m->people->len; i++)
		g_free(g_array_index(m->people, struct person, i).email);
	for (i = 0; m->sessions != NULL && i < m->sessions->len; i++) {
		struct session *s = g_ptr_array_index(m->sessions, i);
		g_array_free(s->seats, TRUE);
		g_free(s);
	}
	if (m->people != NULL)
		g_array_free(m->people, TRUE);
	if (m->sessions != NULL)
		g_ptr_array_free(m->sessions, TRUE);
	if (m->emails != NULL)
		g_hash_table_destroy(m->emails);
	if (m->rand != NULL)
		g_rand_free(m->rand);
	g_free(m->engage);
	memset(m, 0, sizeof *m);
}

/* ---- the run ------------------------------------------------------------------- */

void
demo_opts_defaults(struct demo_opts *o)
{
	o->seed = 2021;
	o->scale = 1;
	o->shapes = DEMO_SHAPES_DEFAULT;
}

struct demo_import *
out_file(struct out *o, const char *name, const GString *text, const char *kind,
    const char *source)
{
	struct demo_import imp = { 0 };
	char *path = g_build_filename(o->dir, name, NULL);
	GError *gerr = NULL;

	if (!o->failed && !g_file_set_contents(path, text->str, (gssize)text->len, &gerr)) {
		lia_err_at(o->err, path, 0, "cannot write: %s", gerr->message);
		g_error_free(gerr);
		o->failed = 1;
	}
	imp.kind = g_strdup(kind);
	imp.file = path;
	imp.source = g_strdup(source);
	g_array_append_val(o->imports, imp);
	return &g_array_index(o->imports, struct demo_import, o->imports->len - 1);
}

char *
out_aux(struct out *o, const char *name, const char *text)
{
	char *path = g_build_filename(o->dir, name, NULL);
	GError *gerr = NULL;

	if (!o->failed && !g_file_set_contents(path, text, -1, &gerr)) {
		lia_err_at(o->err, path, 0, "cannot write: %s", gerr->message);
		g_error_free(gerr);
		o->failed = 1;
	}
	return path;
}

static void
import_clear(struct demo_import *i)
{
	g_free(i->kind);
	g_free(i->file);
	g_free(i->profile);
	g_free(i->map);
	g_free(i->course);
	g_free(i->date);
	g_free(i->stage);
	g_free(i->source);
}

void
demo_manifest_free(struct demo_manifest *mf)
{
	size_t i;

	if (mf == NULL)
		return;
	for (i = 0; i < mf->n; i++)
		import_clear(&mf->imports[i]);
	g_free(mf->imports);
	g_free(mf->data_dir);
	g_free(mf);
}

/* OUT/data/manifest.csv: the imports in order, as a person would type them. */
static void
write_manifest(struct out *o)
{
	static const char *const header[] = { "step", "kind", "file", "profile", "map",
	    "course", "date", "stage", "checkin", "rows", "planted_rejects",
	    "planted_duplicates", "source" };
	struct csvw w;
	guint i;
	char *path;
	GError *gerr = NULL;

	csvw_init(&w, CSVW_MINIMAL, "\n", 0);
	csvw_row(&w, G_N_ELEMENTS(header), header);
	for (i = 0; i < o->imports->len; i++) {
		const struct demo_import *x = &g_array_index(o->imports, struct demo_import, i);
		char *base = g_path_get_basename(x->file);
		char *mapbase = x->map ? g_path_get_basename(x->map) : NULL;

		csvw_int(&w, (int64_t)i + 1);
		csvw_field(&w, x->kind);
		csvw_field(&w, base);
		csvw_field(&w, x->profile ? x->profile : "generic");
		csvw_field(&w, mapbase);
		csvw_field(&w, x->course);
		csvw_field(&w, x->date);
		csvw_field(&w, x->stage);
		csvw_field(&w, x->checkin ? "yes" : "");
		csvw_int(&w, x->rows);
		csvw_int(&w, x->planted_rejects);
		csvw_int(&w, x->planted_duplicates);
		csvw_field(&w, x->source);
		csvw_end(&w);
		g_free(base);
		g_free(mapbase);
	}
	path = g_build_filename(o->dir, "manifest.csv", NULL);
	if (!o->failed && !g_file_set_contents(path, w.buf->str, (gssize)w.buf->len, &gerr)) {
		lia_err_at(o->err, path, 0, "cannot write: %s", gerr->message);
		g_error_free(gerr);
		o->failed = 1;
	}
	g_free(path);
	csvw_fini(&w);
}

struct demo_manifest *
demo_generate(const char *out_dir, const struct demo_opts *opts, struct lia_err *err)
{
	struct demo_manifest *mf = NULL;
	struct model m;
	struct out o;
	char *dir;

	if (opts->scale < 1 || opts->scale > 1000) {
		lia_err_set(err, "scale must be 1 to 1000, not %d", opts->scale);
		return NULL;
	}
	dir = g_build_filename(out_dir, "data", NULL);
	if (g_mkdir_with_parents(dir, 0755) != 0) {
		lia_err_at(err, dir, 0, "cannot create the folder: %s", g_strerror(errno));
		g_free(dir);
		return NULL;
	}
	model_init(&m, opts);
	o.dir = dir;
	o.m = &m;
	o.imports = g_array_new(FALSE, TRUE, sizeof(struct demo_import));
	o.err = err;
	o.failed = 0;

	/* In the order they must be imported: who, what, the reviews and their
	 * actions, then training, feedback (its sessions exist by then), audits
	 * and the evidence log. */
	write_agencies(&o);
	write_workforce(&o);
	write_courses(&o);
	write_reviews(&o);
	write_actions(&o);
	write_training_records(&o);
	write_eventbrite(&o);
	write_hear_my_voice(&o);
	write_moodle(&o);
	write_wt_feedback(&o);
	write_neglect_feedback(&o);
	write_hmv_feedback(&o);
	write_section11(&o);
	write_section175(&o);
	write_case_audits(&o);
	write_evidence(&o);
	write_manifest(&o);
	model_fini(&m);

	if (o.failed) {
		guint i;
		for (i = 0; i < o.imports->len; i++)
			import_clear(&g_array_index(o.imports, struct demo_import, i));
		g_array_free(o.imports, TRUE);
		g_free(dir);
		return NULL;
	}
	mf = g_new0(struct demo_manifest, 1);
	mf->data_dir = dir;
	mf->n = o.imports->len;
	mf->imports = (struct demo_import *)(void *)g_array_free(o.imports, FALSE);
	return mf;
}
