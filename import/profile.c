/*
 * profile: which column of an export holds which canonical field.  Header
 * names match ignoring case, spaces, underscores, hyphens and punctuation;
 * each profile adds the column names of one real tool; a user's map file
 * ("canonical_field = Header text" a line) overrides both.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "import/internal.h"

/* Column names by kind and profile: "a|b|c" lists names that mean field.
 * Profile "*" applies to every profile of the kind. */
static const struct synonym {
	const char *kind, *profile, *field, *names;
} synonyms[] = {
	/* attendance, every profile */
	{ "attendance", "*", "practitioner_id", "practitioner id|staff id|staff number|employee id|employee number|person id|learner id|user id|payroll number" },
	{ "attendance", "*", "email", "email|e-mail|email address|e-mail address|work email" },
	{ "attendance", "*", "agency", "organisation|organization|agency name|employer|service" },
	{ "attendance", "*", "course_code", "course code|code|course id" },
	{ "attendance", "*", "course_title", "course title|course name|course|training|event name" },
	{ "attendance", "*", "session_date", "date|course date|event date|training date|date attended|session date" },
	{ "attendance", "*", "session", "session|session time|time|start time|session name" },
	{ "attendance", "*", "status", "attendance|attendance status|outcome|attended" },
	{ "attendance", "*", "count", "headcount|number attended|attendees|number of attendees" },
	{ "attendance", "*", "role", "job title|job role|position" },
	{ "attendance", "*", "completed_date", "completion date|date completed" },
	{ "attendance", "*", "first_name", "first name|forename|given name" },
	{ "attendance", "*", "last_name", "last name|surname|family name" },
	{ "attendance", "*", "name", "full name|attendee name|delegate name|learner name" },
	/* Moodle course completion download */
	{ "attendance", "moodle", "practitioner_id", "id|id number|idnumber|username" },
	{ "attendance", "moodle", "email", "email address" },
	/* "Course complete" holds the completion date, empty for those who
	 * have not completed (report/completion/index.php); Department is a
	 * team within the Institution, never the agency. */
	{ "attendance", "moodle", "session_date", "course complete|time completed|date completed|course complete date" },
	{ "attendance", "moodle", "agency", "institution" },
	{ "attendance", "moodle", "name", "name|user" },
	/* Moodle attendance (mod_attendance), "Download in text format": the
	 * identity columns the teacher ticked (export.php) */
	{ "attendance", "moodle-attendance", "practitioner_id", "username|student id|id number" },
	{ "attendance", "moodle-attendance", "agency", "institution" },
	/* Face-to-face (mod_facetoface) attendee download: the export fields
	 * the site chose (facetoface_attendeesexportfields), headed by
	 * Moodle's own strings; Department is a team, never the agency */
	{ "attendance", "facetoface", "practitioner_id", "id number|idnumber|username" },
	{ "attendance", "facetoface", "agency", "institution" },
	{ "attendance", "facetoface", "status", "current status" },
	/* Eventbrite attendee report */
	{ "attendance", "eventbrite", "status", "attendee status" },
	{ "attendance", "eventbrite", "agency", "company|organisation|organization" },
	{ "attendance", "eventbrite", "role", "job title" },
	{ "attendance", "eventbrite", "session_date", "event date|event start date" },
	{ "attendance", "eventbrite", "course_title", "event name|event title" },
	{ "attendance", "eventbrite", "ticket", "ticket type" },
	{ "attendance", "eventbrite", "order", "order #|order no|order number" },
	{ "attendance", "eventbrite", "attendee_no", "attendee #|attendee no|attendee number" },
	/* the partnership's agencies and the names people type for them */
	{ "agencies", "*", "agency", "agency name|organisation|organization|name|partner|partner agency" },
	{ "agencies", "*", "sector", "type|agency type|sector name" },
	{ "agencies", "*", "aliases", "alias|also known as|other names|known as|abbreviations" },
	/* workforce */
	{ "workforce", "*", "agency", "organisation|organization|agency name|employer" },
	{ "workforce", "*", "period", "year|financial year|reporting period" },
	{ "workforce", "*", "headcount", "staff|staff count|number of staff|workforce|head count" },
	/* courses */
	{ "courses", "*", "course_code", "code|course id" },
	{ "courses", "*", "course_title", "title|course name|name|course" },
	{ "courses", "*", "themes", "theme|learning themes|review themes" },
	{ "courses", "*", "train_the_trainer", "ttt|train the trainer|trainer course" },
	{ "courses", "*", "refresh_months", "refresh|refresh period|renewal months|valid for months" },
	{ "courses", "*", "hours", "duration hours|length hours|duration" },
	{ "courses", "*", "delivery", "mode|delivery mode|format" },
	/* feedback, every profile: the session, the respondent, and the survey
	 * tools' own columns, which are read past and never become questions */
	{ "feedback", "*", "course_code", "course code|code|course id|event code" },
	{ "feedback", "*", "course_title", "course title|course|course name|event|event name|event title|training|training course|learning event|course attended|which course did you attend" },
	{ "feedback", "*", "session_date", "session date|course date|event date|training date|date of training|date of session|date of the session|date of course|date attended" },
	{ "feedback", "*", "session", "session time|session name|sitting" },
	{ "feedback", "*", "respondent", "respondent id|practitioner id|staff id|staff number|employee id|employee number|participant id|learner id|person id|payroll number" },
	{ "feedback", "*", "email", "e-mail|email address|e-mail address|work email|your email|your email address|respondent email" },
	{ "feedback", "*", "stage", "survey stage|timepoint|time point|wave|survey type" },
	{ "feedback", "*", "response_date", "completion time|timestamp|end date|date submitted|submitdate|submitted|submission date|response date|date completed|completed at|submitted at" },
	{ "feedback", "*", "name", "full name|your name|respondent name" },
	{ "feedback", "*", "first_name", "first name|forename|given name|firstname" },
	{ "feedback", "*", "last_name", "last name|surname|family name|lastname" },
	{ "feedback", "*", "ip_address", "ip address|ip|ipaddr|ip addr" },
	{ "feedback", "*", "custom_data_1", "custom data 1|custom data|custom value" },
	{ "feedback", "*", "custom_data_2", "custom data 2" },
	{ "feedback", "*", "custom_data_3", "custom data 3" },
	{ "feedback", "*", "response_id", "id|response id|response number|response no" },
	{ "feedback", "*", "start_time", "start time|start date|startdate|date started|started at" },
	{ "feedback", "*", "last_modified", "last modified time|last modified|date last action|datestamp" },
	{ "feedback", "*", "collector_id", "collector id|collector" },
	{ "feedback", "*", "last_page", "last page|lastpage" },
	{ "feedback", "*", "start_language", "start language|startlanguage|language" },
	{ "feedback", "*", "referrer", "referrer url|refurl|referrer|referer" },
	{ "feedback", "*", "token", "access code" },
	{ "feedback", "*", "duration", "total time|interview time|interviewtime|time taken" },
	/* SurveyMonkey's Respondent ID numbers a response, not a person */
	{ "feedback", "surveymonkey", "response_id", "respondent id" },
	/* LimeSurvey's short column codes */
	{ "feedback", "limesurvey", "response_id", "id|response id" },
	{ "feedback", "limesurvey", "response_date", "submitdate|date submitted" },
	{ "feedback", "limesurvey", "ip_address", "ipaddr|ip address" },
	/* audits */
	{ "audits", "*", "audit_kind", "audit type|type of audit|kind|type|audit" },
	{ "audits", "*", "cycle", "audit cycle|round|period|year|financial year" },
	{ "audits", "*", "audit_date", "date|date of audit|audit completed|date audited" },
	{ "audits", "*", "standard_code", "standard|standard no|standard number|standard ref|criterion|question|code" },
	{ "audits", "*", "agency", "organisation|organization|agency name|school|setting|service" },
	{ "audits", "*", "audit_title", "audit name|title|audit theme|audit title" },
	{ "audits", "*", "standard_title", "standard name|standard description|criterion title|description" },
	{ "audits", "*", "theme", "learning theme|themes" },
	{ "audits", "*", "case_ref", "case|case reference|case id|case no|case number|child ref" },
	{ "audits", "*", "rating", "grade|judgement|judgment|finding|outcome|compliance" },
	{ "audits", "*", "rag", "rag rating|rag status" },
	{ "audits", "*", "self_score", "self assessment|self assessed|self-assessment score|self assessed score|agency score" },
	{ "audits", "*", "moderated_score", "moderated|moderation|moderated rating|moderation score|board score" },
	/* a Section 11 audit template's score columns (Excel, one sheet per agency) */
	{ "audits", "section11-template", "self_score", "self assessment score (0-3)|self assessment score" },
	{ "audits", "section11-template", "moderated_score", "moderated score (0-3)|moderated score" },
	/* reviews: the milestones as partnership trackers and reports name them */
	{ "reviews", "*", "review_code", "review|review id|review ref|review reference|reference|ref|code|case reference" },
	{ "reviews", "*", "kind", "review kind|review type|type" },
	{ "reviews", "*", "title", "review title|name|review name|case name|case" },
	{ "reviews", "*", "incident_date", "incident|date of incident|serious incident date|incident occurred" },
	{ "reviews", "*", "notified_date", "notified|notification|notification date|date notified|date of notification|national panel notified" },
	{ "reviews", "*", "decision_date", "decision|rapid review decision|rapid review date|date of decision|decision date" },
	{ "reviews", "*", "author_appointed", "author|independent author appointed|author appointed date|date author appointed|reviewer appointed" },
	{ "reviews", "*", "report_to_board", "report to board|report to lscb|report to partnership|scr report to lscb|board date|to board" },
	{ "reviews", "*", "report_to_panel", "report to panel|report to national panel|scr report to national panel|national panel|panel date|to panel" },
	{ "reviews", "*", "published", "publication|publication date|date published|published date|scr publication" },
	{ "reviews", "*", "themes", "theme|learning themes|learning|key themes" },
	{ "reviews", "*", "delay_reason", "delay|reason for delay|delay reason|reasons for delay" },
	/* action plans */
	{ "actions", "*", "action_id", "action ref|action reference|action no|action number|ref|id|no|reference|recommendation" },
	{ "actions", "*", "action", "action text|description|action description|actions|what" },
	{ "actions", "*", "review_code", "review|review ref|review id|source|scr" },
	{ "actions", "*", "theme", "learning theme|themes" },
	{ "actions", "*", "owner_agency", "owner|lead agency|agency|responsible agency|lead|who" },
	{ "actions", "*", "due_date", "due|target date|deadline|by when|timescale" },
	{ "actions", "*", "completed_date", "completed|date completed|completion date|closed date|date closed" },
	{ "actions", "*", "status", "progress|action status|state" },
	/* holidays */
	{ "holidays", "*", "date", "holiday date|closure date|day" },
	{ "holidays", "*", "title", "name|holiday|description|reason|occasion" },
	/* the evidence log */
	{ "evidence", "*", "date", "date published|published|date issued|issued|date received|received|publication date|event date" },
	{ "evidence", "*", "kind", "type|evidence type|item type|category|product" },
	{ "evidence", "*", "title", "name|item|subject|description" },
	{ "evidence", "*", "themes", "theme|learning themes|learning theme|topics" },
	{ "evidence", "*", "review_code", "review|review ref|review reference|review id" },
	{ "evidence", "*", "agency", "organisation|organization|agency name|service|team" },
	{ "evidence", "*", "reach", "number reached|reached|reach count|audience" },
	{ "evidence", "*", "reach_unit", "unit|reach units|counted as|measure" },
	{ "evidence", "*", "source", "from|origin|evidence source|notes" },
	{ "evidence", "*", "link", "url|web link|web address|document|document reference|location" },
};

/*
 * The profiles and their exports' shapes.  Dates: Eventbrite, SurveyMonkey
 * and Microsoft Forms (in the US locale their files are written in) put the
 * month first; Moodle, Google Forms and Excel in the UK the day.
 */
static const struct imp_profile profiles[] = {
	{ "*", "generic", IMP_DMY, NULL, NULL, 0, 0, 0, 0, 0 },
	{ "attendance", "moodle", IMP_DMY, NULL, NULL, 0, 1, 0, 0, 0 },
	{ "attendance", "moodle-attendance", IMP_DMY, "lastname", "Last name", 0, 0, 0, 1, 0 },
	{ "attendance", "facetoface", IMP_DMY, "currentstatus", "Current status", 0, 0, 0, 0, 1 },
	{ "attendance", "eventbrite", IMP_MDY, NULL, NULL, 0, 0, 0, 0, 0 },
	{ "feedback", "msforms", IMP_MDY, NULL, NULL, 0, 0, 0, 0, 0 },
	{ "feedback", "googleforms", IMP_DMY, NULL, NULL, 0, 0, 0, 0, 0 },
	{ "feedback", "surveymonkey", IMP_MDY, NULL, NULL, 1, 0, 0, 0, 0 },
	{ "feedback", "limesurvey", IMP_DMY, NULL, NULL, 0, 0, 0, 0, 0 },
	{ "audits", "section11-template", IMP_DMY, "selfassessmentscore03",
	  "Self Assessment Score (0-3)", 0, 0, 1, 0, 0 },
};

const struct imp_profile *
imp_profile_find(const char *kind, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
		if ((strcmp(profiles[i].kind, "*") == 0 || strcmp(profiles[i].kind, kind) == 0) &&
		    strcmp(profiles[i].name, name) == 0)
			return &profiles[i];
	return NULL;
}

int
imp_profile_known(const char *kind, const char *profile)
{
	return imp_profile_find(kind, profile) != NULL;
}

int
imp_field_index(const struct imp_field *fields, const char *name)
{
	int i;

	for (i = 0; fields[i].name != NULL; i++)
		if (strcmp(fields[i].name, name) == 0)
			return i;
	return -1;
}

/* ---- SurveyMonkey's second header row ------------------------------------ */

int
imp_is_subheader(const struct csv_record *rec)
{
	int i;

	if (rec->bad != NULL || rec->nfields < 2 || rec->fields[0][0] != '\0')
		return 0;
	for (i = 1; i < rec->nfields; i++)
		if (rec->fields[i][0] != '\0')
			return 1;
	return 0;
}

void
imp_merge_subheader(char **header, int n, const struct csv_record *rec)
{
	char *question = NULL;
	int i;

	for (i = 0; i < n; i++) {
		const char *label = i < rec->nfields ? rec->fields[i] : "";
		char *key;
		int plain;

		if (header[i][0] != '\0') {
			g_free(question);
			question = g_strdup(header[i]);
		}
		if (*label == '\0' || question == NULL)
			continue;
		/* "Response" and "Open-Ended Response" say only that this is
		 * the question's one answer column. */
		key = imp_header_key(label);
		plain = strcmp(key, "response") == 0 || strcmp(key, "openendedresponse") == 0;
		g_free(key);
		g_free(header[i]);
		header[i] = plain ? g_strdup(question) : g_strdup_printf("%s - %s", question, label);
	}
	g_free(question);
}

/* ---- map files ------------------------------------------------------------ */

#define IMP_MAP_MAX ((size_t)1 << 20)	/* the largest map file read, in bytes */

void
imp_map_free(struct imp_map *m)
{
	if (m == NULL)
		return;
	g_ptr_array_free(m->keys, TRUE);
	g_ptr_array_free(m->values, TRUE);
	g_ptr_array_free(m->lines, TRUE);
	g_free(m);
}

struct imp_map *
imp_map_read(const char *path, struct lia_err *err)
{
	struct imp_map *m;
	char *text = NULL, **lines, **l;
	size_t len;
	long n = 0;

	/* A map is lines of "column = question": a megabyte is thousands of
	 * questions, and a device that never ends is refused at that. */
	if ((text = lia_file_read(path, IMP_MAP_MAX, &len, err)) == NULL)
		return NULL;
	if (!g_utf8_validate(text, (gssize)len, NULL)) {
		g_free(text);
		lia_err_at(err, path, 0, "map file is not UTF-8");
		return NULL;
	}
	m = g_new0(struct imp_map, 1);
	m->keys = g_ptr_array_new_with_free_func(g_free);
	m->values = g_ptr_array_new_with_free_func(g_free);
	m->lines = g_ptr_array_new();
	lines = g_strsplit_set(text, "\n", -1);
	g_free(text);
	for (l = lines; *l != NULL; l++) {
		char *line = g_strstrip(*l), *eq;

		n++;
		if (n == 1 && strncmp(line, "\xEF\xBB\xBF", 3) == 0)
			line = g_strstrip(line + 3);
		if (*line == '\0' || *line == '#')
			continue;
		eq = strchr(line, '=');
		if (eq == NULL) {
			lia_err_at(err, path, n, "expected 'field = Header text', found '%s'", line);
			goto fail;
		}
		*eq = '\0';
		g_ptr_array_add(m->keys, g_strdup(g_strstrip(line)));
		g_ptr_array_add(m->values, g_strdup(g_strstrip(eq + 1)));
		g_ptr_array_add(m->lines, GINT_TO_POINTER((int)n));
		if (*(char *)g_ptr_array_index(m->keys, m->keys->len - 1) == '\0') {
			lia_err_at(err, path, n, "missing field name before '='");
			goto fail;
		}
	}
	g_strfreev(lines);
	return m;
fail:
	g_strfreev(lines);
	imp_map_free(m);
	return NULL;
}

/* ---- matching ---------------------------------------------------------------- */

void
imp_columns_fini(struct imp_columns *c)
{
	g_free(c->personal);
	g_free(c->used);
	c->personal = c->used = NULL;
}

static int
find_column(char **keys, int ncols, const char *name, const unsigned char *used)
{
	char *k = imp_header_key(name);
	int i, found = -1;

	for (i = 0; i < ncols; i++)
		if (!used[i] && keys[i][0] != '\0' && strcmp(keys[i], k) == 0) {
			found = i;
			break;
		}
	g_free(k);
	return found;
}

/* Tries the '|'-separated names in turn. */
static int
find_any(char **keys, int ncols, const char *names, const unsigned char *used)
{
	char **alt = g_strsplit(names, "|", -1), **a;
	int col = -1;

	for (a = alt; *a != NULL && col < 0; a++)
		col = find_column(keys, ncols, *a, used);
	g_strfreev(alt);
	return col;
}

static void
assign(const struct imp_field *fields, struct imp_columns *c, int f, int col)
{
	c->col[f] = col;
	c->used[col] = 1;
	if (fields[f].flags & (F_PERSONAL | F_PSEUDONYM))
		c->personal[col] = (fields[f].flags & F_PSEUDONYM) ? 2 : 1;
}

int
imp_match_header(const struct imp_field *fields, const char *kind, const char *profile,
    const struct imp_map *map, char **header, int ncols, struct imp_columns *c,
    struct lia_err *err)
{
	char **keys = g_new0(char *, ncols + 1);
	int f, i, rc = -1;
	size_t s;

	if (!imp_profile_known(kind, profile)) {
		lia_err_set(err, "unknown profile '%s' for %s", profile, kind);
		g_free(keys);
		return -1;
	}
	for (f = 0; f < IMP_MAX_FIELDS; f++)
		c->col[f] = -1;
	c->ncols = ncols;
	c->header = header;
	c->personal = g_new0(unsigned char, ncols + 1);
	c->used = g_new0(unsigned char, ncols + 1);
	for (i = 0; i < ncols; i++)
		keys[i] = imp_header_key(header[i]);

	/* 1. the user's map */
	for (i = 0; map != NULL && i < (int)map->keys->len; i++) {
		const char *key = g_ptr_array_index(map->keys, i);
		const char *val = g_ptr_array_index(map->values, i);
		int col;

		f = imp_field_index(fields, key);
		if (f < 0)
			continue;	/* the loader may know the key (pairs, scales) */
		col = find_column(keys, ncols, val, c->used);
		if (col < 0) {
			lia_err_set(err, "map file line %d: no column '%s' in the file",
			    GPOINTER_TO_INT(g_ptr_array_index(map->lines, i)), val);
			goto out;
		}
		assign(fields, c, f, col);
	}
	/* 2. the canonical names, 3. the profile's names, 4. every profile's */
	for (f = 0; fields[f].name != NULL; f++) {
		int col;

		if (c->col[f] < 0 && (col = find_column(keys, ncols, fields[f].name, c->used)) >= 0)
			assign(fields, c, f, col);
	}
	for (i = 0; i < 2; i++) {
		const char *which = i == 0 ? profile : "*";

		for (f = 0; fields[f].name != NULL; f++) {
			int col = -1;

			if (c->col[f] >= 0)
				continue;
			for (s = 0; col < 0 && s < sizeof synonyms / sizeof synonyms[0]; s++)
				if (strcmp(synonyms[s].kind, kind) == 0 &&
				    strcmp(synonyms[s].profile, which) == 0 &&
				    strcmp(synonyms[s].field, fields[f].name) == 0)
					col = find_any(keys, ncols, synonyms[s].names, c->used);
			if (col >= 0)
				assign(fields, c, f, col);
		}
	}
	/* Columns nobody claimed that look personal are masked in rejects. */
	for (i = 0; i < ncols; i++)
		if (!c->used[i] && (strstr(keys[i], "email") || strstr(keys[i], "name") ||
		    strstr(keys[i], "ipaddress") || strstr(keys[i], "phone")))
			c->personal[i] = 1;
	rc = 0;
out:
	for (i = 0; i < ncols; i++)
		g_free(keys[i]);
	g_free(keys);
	if (rc != 0)
		imp_columns_fini(c);
	return rc;
}
