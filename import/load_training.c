/*
 * load_training: the loaders of the L&D sub-group's files — attendance
 * (named and headcount-only), workforce headcounts and the course catalogue.
 * Each row is checked completely before anything is written, so a reject
 * leaves no agency, course or person behind it.  Reject reasons never quote
 * a personal value.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "import/internal.h"

/* ---- attendance ------------------------------------------------------------- */

enum {
	A_AGENCY, A_CODE, A_TITLE, A_DATE, A_SESSION, A_ID, A_EMAIL, A_COUNT, A_SECTOR,
	A_ROLE, A_LEVEL, A_STATUS, A_HOURS, A_CAPACITY, A_MODE, A_COMPLETED, A_FIRST,
	A_LAST, A_NAME, A_TICKET, A_ORDER, A_ATTENDEE
};

static const struct imp_field attendance_fields[] = {
	[A_AGENCY] = { "agency", F_REQUIRED },
	[A_CODE] = { "course_code", 0 },
	[A_TITLE] = { "course_title", 0 },
	[A_DATE] = { "session_date", F_REQUIRED },
	[A_SESSION] = { "session", 0 },
	[A_ID] = { "practitioner_id", F_PSEUDONYM },
	[A_EMAIL] = { "email", F_PSEUDONYM },
	[A_COUNT] = { "count", 0 },
	[A_SECTOR] = { "sector", 0 },
	[A_ROLE] = { "role", 0 },
	[A_LEVEL] = { "level", 0 },
	[A_STATUS] = { "status", 0 },
	[A_HOURS] = { "hours", 0 },
	[A_CAPACITY] = { "capacity", 0 },
	[A_MODE] = { "mode", 0 },
	[A_COMPLETED] = { "completed_date", 0 },
	[A_FIRST] = { "first_name", F_PERSONAL },
	[A_LAST] = { "last_name", F_PERSONAL },
	[A_NAME] = { "name", F_PERSONAL },
	[A_TICKET] = { "ticket", F_UNREAD },
	[A_ORDER] = { "order", F_PSEUDONYM },
	[A_ATTENDEE] = { "attendee_no", F_PSEUDONYM },
	{ NULL, 0 }
};

/*
 * The reading thread numbers the values of these fields as written
 * (csvr_set_keys), and the tuple of a session's fields: each distinct
 * session, date, status word, number of hours and role is worked out once
 * per import, and the row after it finds it by its number in an array.
 */
enum { K_AGENCY, K_CODE, K_TITLE, K_DATE, K_SESSION, K_STATUS, K_HOURS, K_ROLE };
static const int32_t no_keys[CSVR_MAX_KEYS] = { -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1 };
G_STATIC_ASSERT(CSVR_MAX_KEYS == 12);

/*
 * Named attendances reach the table sorted.  The first ATT_PROBE rows of a
 * file say whether it lists sessions one after another (most exports, a
 * re-export, next month's file) or any session on any row (a booking
 * system's export).  In the first case rows wait in a buffer of ATT_BUFFER
 * rows; a full buffer is sorted by the table's key (session, practitioner;
 * file order among equal keys), and a row whose key lies beyond every key
 * this import has inserted goes in at once, ATT_CHUNK rows per multi-row
 * INSERT: a statement's fixed cost is paid once per chunk, and nearly every
 * row goes at the end of the B-tree, where SQLite finds its place without a
 * search.  The rows that cannot, and in the second case every row, wait in
 * a second buffer (32 bytes a row, in blocks), which is put in key order
 * (its sessions counted, each session's people sorted) and inserted, in
 * one pass from the lowest key to the highest, at the end, or before when
 * it holds ATT_LATER rows, or ATT_LATER_MIN when the import's memory is
 * past its limit (a pass into a table that holds some of the keys already
 * puts rows into the middle of pages, which costs more, so the buffer is
 * large, and its rows small enough that a 1,000,000-row file's wait
 * together within the limit).  Equal keys still meet in file order: a row that waits has a key no greater than one
 * already in, so no later row with its key can go in before it.  A row
 * whose key is held already (or comes twice) is a duplicate: the INSERT's
 * DO UPDATE counts it (lia_duplicate, see the engine) and writes only what
 * it says more than the held row, in the same step, so a duplicate that
 * says nothing new touches no page.
 */
#define ATT_CHUNK 64
#define ATT_BUFFER (64 * ATT_CHUNK)
#define ATT_LATER_MIN (1 << 18)
#define ATT_LATER (1 << 21)
#define ATT_PROBE (16 * ATT_BUFFER)
/* Rows that wait are kept in blocks of this many (2 MB): no block is
 * copied as they grow, and none is larger than it must be. */
#define ATT_BLOCK 65536
/* How far ahead a row that waits is fetched while they go in. */
#define ATT_AHEAD 16

/* A row on its way, in 32 bytes: ids fit 32 bits (attendance_row refuses
 * more). */
struct att_row {
	uint32_t session, person, agency;
	uint32_t role;		/* index in the state's roles; 0: none */
	lia_date completed;
	unsigned char status, have_hours, have_completed;
	double hours;
};

/* A row of the buffer and its place in the file among the buffer's. */
struct att_seq {
	struct att_row row;
	uint32_t seq;
};

/* What a slot of the many-row INSERT holds bound (see bind_slot). */
struct att_slot {
	uint32_t session, agency;
	uint32_t role;
	enum att_status status;
	double hours;
	int have_hours, completed, valid;
};

/* A numbered value worked out: its state and what it means. */
enum { MEMO_UNKNOWN, MEMO_GOOD, MEMO_BAD, MEMO_TRANSFERRED };
struct att_memo {
	int state;
	enum att_status status;
	double hours;
	uint32_t role;
};

struct attendance_state {
	sqlite3_stmt *ins, *headcount, *level, *chunk_ins;
	struct att_seq *recent;		/* ATT_BUFFER of them */
	int nrecent;
	GPtrArray *later;	/* rows that wait (up to ATT_LATER), in blocks */
	int nlater;
	uint32_t later_low, later_high;	/* their lowest and highest session */
	enum { ATT_PROBING, ATT_DIRECT, ATT_WAIT_ALL } mode;
	uint32_t top_session, top_person;	/* the highest key inserted */
	int any_in;			/* whether there is one */
	GPtrArray *role_text;		/* role by index; [0] is none */
	struct att_slot slots[ATT_CHUNK];	/* what chunk_ins holds bound */
	struct att_slot ins_slot;		/* what ins holds bound */
	struct att_row bound[ATT_CHUNK];	/* rows bound to chunk_ins, not yet in */
	int nbound;
	GStringChunk *roles;		/* roles, interned for the import */
	GHashTable *levelled;	/* course ids whose level was set */
	char last_date_text[64];
	lia_date last_date;
	GArray *sessions;	/* session ids (uint32_t) by tuple number; 0: not yet */
	GArray *statuses, *hours, *role_memo;	/* struct att_memo by value number */
	/* a column per session (Moodle attendance): struct att_sess_col */
	GArray *sess_cols;
	char *course_title;	/* the course a title row names */
	enum att_status *cells;	/* a row's statuses, one per session column */
	/* group orders (Eventbrite): "order\x1fe-mail" -> the first attendee
	 * number seen, and the orders whose e-mail has several */
	GHashTable *order_first, *group_orders;
	int64_t group_rows;
	long group_line;
	int64_t course_id;
	/* Face-to-face: the session of the title rows ("" when none), and the
	 * partially attended, loaded as attended */
	char title_date[DATE_ISO_LEN], title_time[8];
	int64_t partial;
	long partial_line;
};

/* A session's column: where, when, and the session once made. */
struct att_sess_col {
	int col;
	lia_date date;
	char label[32];		/* its time: two sessions on one day */
	uint32_t session;
};

/* The many-row INSERT is this with ATT_CHUNK rows of values.  A duplicate
 * that says more than the stored row takes its stronger values: attended
 * beats did-not-attend beats cancelled; a completion date or hours where
 * there were none. */
static const char att_insert_head[] =
    "INSERT INTO attendance(session_id, practitioner_id, agency_id, role, status, hours,"
    " completed, batch_id) VALUES ";
static const char att_insert_row[] = "(?,?,?,?,?,?,?,?)";
static const char att_insert_tail[] =
    " ON CONFLICT(session_id, practitioner_id) DO UPDATE SET"
    " status = CASE WHEN excluded.status = 'attended' OR (excluded.status = 'did_not_attend'"
    " AND status = 'cancelled') THEN excluded.status ELSE status END,"
    " completed = coalesce(completed, excluded.completed), hours = coalesce(hours, excluded.hours)"
    " WHERE lia_duplicate(CASE WHEN (excluded.status = 'attended' AND status <> 'attended')"
    " OR (excluded.status = 'did_not_attend' AND status = 'cancelled')"
    " OR (completed IS NULL AND excluded.completed IS NOT NULL)"
    " OR (hours IS NULL AND excluded.hours IS NOT NULL)"
    " THEN CASE WHEN batch_id IS excluded.batch_id THEN '' ELSE json_object('tbl', 'attendance',"
    " 'key', session_id || ',' || practitioner_id, 'status', status, 'completed', completed,"
    " 'hours', hours) END END)";
static const char headcount_sql[] =
    "INSERT OR IGNORE INTO headcount_attendance(session_id, agency_id, count, batch_id)"
    " VALUES (?1, ?2, ?3, ?4)";
static const char course_level_sql[] =
    "UPDATE course SET level = ?2 WHERE id = ?1 AND level IS NULL";

static sqlite3_stmt *
insert_of(struct imp_ctx *ctx, int rows, struct lia_err *err)
{
	GString *sql = g_string_new(att_insert_head);
	sqlite3_stmt *st;
	int i;

	for (i = 0; i < rows; i++) {
		if (i > 0)
			g_string_append_c(sql, ',');
		g_string_append(sql, att_insert_row);
	}
	g_string_append(sql, att_insert_tail);
	st = db_prepare(ctx->db, sql->str, err);
	g_string_free(sql, TRUE);
	for (i = 0; st != NULL && i < rows; i++)
		sqlite3_bind_int64(st, 8 * i + 8, ctx->batch);
	return st;
}

/* ---- a column per session (Moodle attendance) ----------------------------- */

/*
 * A session column's header, as mod_attendance's export writes it: the
 * session's date and time (strftimedmyhm: "12.06.2019 10.00", or in newer
 * language packs "12 Jun 2019 10.00AM"), then the group it is for ("All
 * students").  1 with the date and the time as its label, else 0.
 */
static int
session_header(const char *h, lia_date *date, char *label, size_t len)
{
	char **w = g_strsplit(h, " ", -1);
	int n = (int)g_strv_length(w), rc = 0, t = -1;
	struct lia_err e;

	if (n >= 2 && date_parse(w[0], date, &e) == 0 && strpbrk(w[0], "./-") != NULL)
		t = 1;
	else if (n >= 4) {
		char *three = g_strjoin(" ", w[0], w[1], w[2], NULL);

		if (date_parse(three, date, &e) == 0)
			t = 3;
		g_free(three);
	}
	if (t > 0 && g_ascii_isdigit(w[t][0]) && strpbrk(w[t], ".:") != NULL) {
		g_strlcpy(label, w[t], len);
		rc = 1;
	}
	g_strfreev(w);
	return rc;
}

/* Finds the session columns and the course of the title rows ("Course",
 * TAB, the course's full name). */
static int
session_columns(struct imp_ctx *ctx, struct attendance_state *s, struct lia_err *err)
{
	guint i;
	int c;

	s->sess_cols = g_array_new(FALSE, TRUE, sizeof(struct att_sess_col));
	for (c = 0; c < ctx->cols.ncols; c++) {
		struct att_sess_col sc = { c, 0, "", 0 };

		if (session_header(ctx->cols.header[c], &sc.date, sc.label, sizeof sc.label))
			g_array_append_val(s->sess_cols, sc);
	}
	if (s->sess_cols->len == 0)
		return lia_err_set(err, "no session columns: the profile %s expects a column per"
		    " session headed by its date and time (12.06.2019 10.00 All students)",
		    ctx->opts->profile);
	s->cells = g_new(enum att_status, s->sess_cols->len);
	for (i = 0; i < ctx->preamble->len; i++) {
		char **row = g_ptr_array_index(ctx->preamble, i);

		if (row[0] != NULL && row[1] != NULL && *row[1] != '\0' &&
		    g_ascii_strcasecmp(g_strstrip(row[0]), "course") == 0 && s->course_title == NULL)
			s->course_title = g_strdup(g_strstrip(row[1]));
	}
	return 0;
}

/*
 * A session cell: "P (2/2)" is the status P with its points.  The default
 * statuses: P present and L late (attended), A absent (did not attend), E
 * excused.  "?" (not taken), an empty cell (a group's session), an
 * enrolment note ("User enrolment starts ...", "\u2190" for the same again)
 * and "-X" (a status since hidden) are no record.  1 with *out, 0 for no
 * record, -1 for a status this site made up (a reject: its meaning is
 * unknown).
 */
static int
session_cell(const char *cell, enum att_status *out)
{
	const char *p = cell;
	size_t n;

	while (*p == ' ')
		p++;
	for (n = 0; g_ascii_isupper(p[n]); n++)
		;
	if (n == 0 || strncmp(p + n, " (", 2) != 0 || !g_ascii_isdigit(p[n + 2]))
		return 0;
	if (n == 1 && (*p == 'P' || *p == 'L'))
		*out = ATT_ATTENDED;
	else if (n == 1 && *p == 'A')
		*out = ATT_DNA;
	else if (n == 1 && *p == 'E')
		*out = ATT_EXCUSED;
	else
		return -1;
	return 1;
}

/* ---- title rows and status words (Face-to-face) --------------------------- */

/*
 * A title row of Face-to-face's attendee download that dates the session:
 * userdate(timestart, strftimedatetime), " - ", the same of timefinish:
 * "19 June 2019, 9:30 AM - 19 June 2019, 4:00 PM" (the day and the hour
 * without a leading zero, AM or PM as the site's language writes it).  1
 * with the start's date and its time as hh:mm on a 24-hour clock, else 0.
 */
static int
f2f_date_row(const char *text, lia_date *date, char *time, size_t len)
{
	const char *dash = strstr(text, " - "), *comma;
	char *day, ampm[3] = "";
	int h = 0, m = 0, n = 0, rc = 0;
	struct lia_err e;

	if (dash == NULL || (comma = memchr(text, ',', (size_t)(dash - text))) == NULL)
		return 0;
	day = g_strndup(text, (size_t)(comma - text));
	if (date_parse(day, date, &e) == 0 &&
	    sscanf(comma + 1, " %d:%d %2[AaPpMm]%n", &h, &m, ampm, &n) == 3 &&
	    comma + 1 + n == dash && h >= 1 && h <= 12 && m >= 0 && m < 60 &&
	    (g_ascii_strcasecmp(ampm, "am") == 0 || g_ascii_strcasecmp(ampm, "pm") == 0)) {
		h = h % 12 + (g_ascii_tolower(ampm[0]) == 'p' ? 12 : 0);
		snprintf(time, len, "%02d:%02d", h, m);
		rc = 1;
	}
	g_free(day);
	return rc;
}

/*
 * The course (the first title row: the activity's name) and the session
 * (the first dated title row) of a Face-to-face download.  A session over
 * several days is one session on its first day: the status is the
 * booking's, not a day's.  A session whose dates are not known has the
 * title "Wait-listed", and then --date must say when it was.
 */
static int
f2f_titles(struct imp_ctx *ctx, struct attendance_state *s, struct lia_err *err)
{
	const struct imp_opts *o = ctx->opts;
	char first[DATE_LONG_LEN] = "", last[DATE_LONG_LEN] = "", *dated = NULL;
	int ndates = 0, waitlisted = 0;
	guint i;

	for (i = 0; i < ctx->preamble->len; i++) {
		char **row = g_ptr_array_index(ctx->preamble, i), time[8], *k;
		const char *t = "";
		lia_date d;
		int f;

		for (f = 0; row[f] != NULL && *t == '\0'; f++)
			t = g_strstrip(row[f]);
		if (*t == '\0')
			continue;
		if (s->course_title == NULL) {
			s->course_title = g_strdup(t);
		} else if (f2f_date_row(t, &d, time, sizeof time)) {
			if (ndates++ == 0) {
				date_format(d, s->title_date);
				g_strlcpy(s->title_time, time, sizeof s->title_time);
				date_long(d, first);
				dated = g_strdup(t);
			}
			date_long(d, last);
		} else {
			k = imp_header_key(t);
			waitlisted |= strcmp(k, "waitlisted") == 0;
			g_free(k);
		}
	}
	if (o->course != NULL && s->course_title != NULL)
		imp_note(ctx, "--course %s used for every row, not the title row's '%s'", o->course,
		    s->course_title);
	if (o->date != NULL && dated != NULL)
		imp_note(ctx, "--date %s used for every row, not the title row's '%s'", o->date, dated);
	else if (ndates > 1)
		imp_note(ctx, "one session over %d days (%s to %s): loaded on its first day", ndates,
		    first, last);
	g_free(dated);
	if (o->date == NULL && ndates == 0)
		return lia_err_set(err, "no session date: %s; give --date",
		    waitlisted ? "the title row says 'Wait-listed' (the session's dates are not known)" :
		    "no title row before the header holds one (19 June 2019, 9:30 AM - ...)");
	return 0;
}

/* Face-to-face's status words (its lang/en/facetoface.php, status_*) and
 * what each is: an attendance's status, "partially" (attended, with a
 * warning), or "" for a booking, never an attendance. */
static const struct imp_word f2f_words[] = {
	{ "fullyattended", "attended" }, { "partiallyattended", "partially" },
	{ "noshow", "did_not_attend" }, { "usercancelled", "cancelled" },
	{ "sessioncancelled", "cancelled" }, { "declined", "cancelled" },
	{ "booked", "" }, { "approved", "" }, { "requested", "" }, { "waitlisted", "" },
};

/* A Face-to-face status: ROW_LOADED with *out (*partial for partially
 * attended), or the row's skip or reject. */
static enum row_result
f2f_status(struct imp_row *row, const char *text, enum att_status *out, int *partial)
{
	const char *w = imp_word(f2f_words, G_N_ELEMENTS(f2f_words), text);

	if (*text == '\0')
		return imp_reject(row, "missing status ('Current status' is empty)");
	if (w == NULL)
		return imp_reject(row, "unknown status '%s' (expected one of Face-to-face's: Fully"
		    " attended, Partially attended, No show, Booked, Wait-listed, Approved,"
		    " Requested, Declined, User Cancelled, Session Cancelled)", text);
	if (*w == '\0')
		return imp_skip(row, "%s: a booking, not an attendance (no record)", text);
	*partial = strcmp(w, "partially") == 0;
	*out = strcmp(w, "did_not_attend") == 0 ? ATT_DNA : strcmp(w, "cancelled") == 0 ?
	    ATT_CANCELLED : ATT_ATTENDED;
	return ROW_LOADED;
}

static const struct imp_sql attendance_sql[] = {
	{ headcount_sql, offsetof(struct attendance_state, headcount), 4 },
	{ course_level_sql, offsetof(struct attendance_state, level), 0 },
	{ NULL, 0, 0 }
};

/* The buffers and memos of a load, the session columns of a profile that
 * has them, and the columns it cannot do without. */
static int
attendance_begin(struct imp_ctx *ctx, struct lia_err *err)
{
	struct attendance_state *s = ctx->state;

	s->levelled = g_hash_table_new(g_direct_hash, g_direct_equal);
	s->recent = g_new(struct att_seq, ATT_BUFFER);
	s->later = g_ptr_array_new_with_free_func(g_free);
	s->roles = g_string_chunk_new(4096);
	s->role_text = g_ptr_array_new();
	g_ptr_array_add(s->role_text, NULL);
	s->sessions = g_array_new(FALSE, TRUE, sizeof(uint32_t));
	s->statuses = g_array_new(FALSE, TRUE, sizeof(struct att_memo));
	s->hours = g_array_new(FALSE, TRUE, sizeof(struct att_memo));
	s->role_memo = g_array_new(FALSE, TRUE, sizeof(struct att_memo));
	s->last_date_text[0] = '\0';
	if (ctx->profile->sessions && session_columns(ctx, s, err) != 0)
		return -1;
	if (ctx->profile->facetoface && f2f_titles(ctx, s, err) != 0)
		return -1;
	if (!imp_has(ctx, "course_code") && !imp_has(ctx, "course_title") &&
	    s->course_title == NULL) {
		char *found = imp_columns_found(ctx);
		lia_err_set(err, "missing required column 'course_code' (or course_title, or "
		    "--course); columns found: %s", found);
		g_free(found);
		return -1;
	}
	if (!imp_has(ctx, "practitioner_id") && !imp_has(ctx, "email") && !imp_has(ctx, "count")) {
		char *found = imp_columns_found(ctx);
		lia_err_set(err, "missing required column 'practitioner_id', 'email' or 'count';"
		    " columns found: %s", found);
		g_free(found);
		return -1;
	}
	/* (the many-row INSERTs are made for their number of rows) */
	if ((s->ins = insert_of(ctx, 1, err)) == NULL ||
	    (s->chunk_ins = insert_of(ctx, ATT_CHUNK, err)) == NULL)
		return -1;
	return 0;
}

static void
attendance_fini(struct imp_ctx *ctx)
{
	struct attendance_state *s = ctx->state;

	sqlite3_finalize(s->ins);
	sqlite3_finalize(s->chunk_ins);
	if (s->levelled != NULL)
		g_hash_table_destroy(s->levelled);
	g_free(s->recent);
	g_ptr_array_free(s->later, TRUE);
	g_string_chunk_free(s->roles);
	g_ptr_array_free(s->role_text, TRUE);
	g_array_free(s->sessions, TRUE);
	g_array_free(s->statuses, TRUE);
	g_array_free(s->hours, TRUE);
	g_array_free(s->role_memo, TRUE);
	if (s->sess_cols != NULL)
		g_array_free(s->sess_cols, TRUE);
	g_free(s->course_title);
	g_free(s->cells);
	if (s->order_first != NULL)
		g_hash_table_destroy(s->order_first);
	if (s->group_orders != NULL)
		g_hash_table_destroy(s->group_orders);
}

/* The memo of value number n in a (grown to hold it), or NULL for -1. */
static void *
memo(GArray *a, int32_t n)
{
	if (n < 0)
		return NULL;
	if ((guint)n >= a->len)
		g_array_set_size(a, (guint)n + 256);
	return a->data + (size_t)n * g_array_get_element_size(a);
}

/*
 * A session date, read in the column's day/month order (imp_date), reusing
 * the last answer: files come sorted by session.  --date is read as the
 * user wrote it.  ROW_LOADED with *out, or the row's result: a reject, or
 * ROW_FATAL (err set, or the file to be read again in another order).
 */
static enum row_result
row_date(struct imp_ctx *ctx, struct attendance_state *s, int field, const char *text,
    lia_date *out, struct imp_row *row, struct lia_err *err)
{
	struct lia_err e;
	int rc;

	if (field == A_DATE && strcmp(text, s->last_date_text) == 0) {
		*out = s->last_date;
		return ROW_LOADED;
	}
	if (field < 0) {
		if (date_parse(text, out, &e) != 0)
			return imp_reject(row, "--date: %s", e.msg);
		return ROW_LOADED;
	}
	rc = imp_date(ctx, field, text, out, row, err);
	if (rc == -1)
		return ROW_REJECTED;
	if (rc != 0)
		return ROW_FATAL;
	if (field == A_DATE && strlen(text) < sizeof s->last_date_text) {
		strcpy(s->last_date_text, text);
		s->last_date = *out;
	}
	return ROW_LOADED;
}

/* Whether a completion column says the course was not completed: empty,
 * or Moodle's words for it. */
static int
not_completed(const char *text)
{
	char *k;
	int yes;

	if (*text == '\0')
		return 1;
	k = imp_header_key(text);
	yes = strcmp(k, "notcompleted") == 0 || strcmp(k, "notyetstarted") == 0 ||
	    strcmp(k, "inprogress") == 0;
	g_free(k);
	return yes;
}

/* A status word, worked out once per value: 0, -1 with the reject, or 1
 * for a ticket transferred to another event or ticket type (Eventbrite's
 * Transferred): not at this session, and not a reject. */
static int
row_status(struct imp_ctx *ctx, struct attendance_state *s, int32_t n, const char *text,
    enum att_status *out, struct imp_row *row)
{
	struct att_memo *m = memo(s->statuses, n), one = { MEMO_UNKNOWN, ATT_ATTENDED, 0, 0 };

	if (m == NULL)
		m = &one;
	if (m->state == MEMO_UNKNOWN) {
		char *k = imp_header_key(text);

		m->state = imp_status_word(text, &m->status) == 0 ? MEMO_GOOD :
		    strcmp(k, "transferred") == 0 ? MEMO_TRANSFERRED : MEMO_BAD;
		if (m->state == MEMO_GOOD && ctx->opts->checkin && m->status == ATT_ATTENDED &&
		    strcmp(k, "attending") == 0)
			m->status = ATT_DNA;	/* booked, never checked in */
		g_free(k);
	}
	if (m->state == MEMO_BAD) {
		imp_reject(row, "unknown status '%s' (expected attended, did not attend or cancelled)",
		    text);
		return -1;
	}
	if (m->state == MEMO_TRANSFERRED)
		return 1;
	*out = m->status;
	return 0;
}

/* A number of hours, worked out once per value: 0, or -1 with the reject. */
static int
row_hours(struct attendance_state *s, int32_t n, const char *text, double *out,
    struct imp_row *row)
{
	struct att_memo *m = memo(s->hours, n), one = { MEMO_UNKNOWN, ATT_ATTENDED, 0, 0 };

	if (m == NULL)
		m = &one;
	if (m->state == MEMO_UNKNOWN)
		m->state = imp_real(text, &m->hours) == 0 && m->hours >= 0 ? MEMO_GOOD : MEMO_BAD;
	if (m->state == MEMO_BAD) {
		imp_reject(row, "hours '%s' is not a number of hours", text);
		return -1;
	}
	*out = m->hours;
	return 0;
}

/* The index of a role in s->role_text (0: none), given once per value. */
static uint32_t
role_index(struct attendance_state *s, const char *text)
{
	const char *r = g_string_chunk_insert_const(s->roles, text);
	guint i;

	/* (roles are few; a new one is looked for among them) */
	for (i = s->role_text->len; i-- > 1;)
		if (g_ptr_array_index(s->role_text, i) == r)
			return i;
	g_ptr_array_add(s->role_text, (gpointer)r);
	return s->role_text->len - 1;
}

static uint32_t
row_role(struct attendance_state *s, int32_t n, const char *text)
{
	struct att_memo *m = memo(s->role_memo, n);

	if (*text == '\0')
		return 0;
	if (m == NULL)
		return role_index(s, text);
	if (m->state == MEMO_UNKNOWN) {
		m->role = role_index(s, text);
		m->state = MEMO_GOOD;
	}
	return m->role;
}

static void
bind_opt_text(sqlite3_stmt *st, int i, const char *v)
{
	/* STATIC: every value outlives the step it is bound for. */
	if (v != NULL && *v != '\0')
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void
bind_opt_real(sqlite3_stmt *st, int i, double v, int have)
{
	if (have)
		sqlite3_bind_double(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

/*
 * Binds one row into slot i of st (parameters 8i+1 .. 8i+8) of the one-row
 * or the many-row INSERT, binding only what differs from what the slot
 * holds (b): a statement keeps its bindings from one step to the next, and
 * most rows repeat their neighbours' session, status, hours and role.
 * Roles are interned for the whole import, so an equal pointer is an equal,
 * living string; a completion date is bound as a copy each time there is
 * one.  The batch id was bound once, when st was prepared.
 */
static void
bind_slot(sqlite3_stmt *st, int i, struct att_slot *b, const struct att_row *p,
    const GPtrArray *roles)
{
	int base = 8 * i;

	if (!b->valid || b->session != p->session)
		sqlite3_bind_int64(st, base + 1, b->session = p->session);
	sqlite3_bind_int64(st, base + 2, p->person);
	if (!b->valid || b->agency != p->agency)
		sqlite3_bind_int64(st, base + 3, b->agency = p->agency);
	if (!b->valid || b->role != p->role)
		bind_opt_text(st, base + 4, g_ptr_array_index(roles, b->role = p->role));
	if (!b->valid || b->status != p->status)
		sqlite3_bind_text(st, base + 5, imp_status_name(b->status = p->status), -1,
		    SQLITE_STATIC);
	if (!b->valid || b->have_hours != p->have_hours ||
	    (p->have_hours && memcmp(&b->hours, &p->hours, sizeof p->hours) != 0)) {
		b->have_hours = p->have_hours;
		b->hours = p->hours;
		bind_opt_real(st, base + 6, p->hours, p->have_hours);
	}
	if (p->have_completed) {
		char iso[DATE_ISO_LEN];

		sqlite3_bind_text(st, base + 7, date_format(p->completed, iso), -1,
		    SQLITE_TRANSIENT);
	} else if (!b->valid || b->completed) {
		sqlite3_bind_null(st, base + 7);
	}
	b->completed = p->have_completed;
	b->valid = 1;
}

static int
key_order(const void *a, const void *b)
{
	const struct att_seq *x = a, *y = b;

	if (x->row.session != y->row.session)
		return x->row.session < y->row.session ? -1 : 1;
	if (x->row.person != y->row.person)
		return x->row.person < y->row.person ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Inserts one row through the many-row INSERT, which is stepped when its
 * ATT_CHUNK slots are bound; the INSERT counts the duplicates it finds
 * into ctx->late_duplicates. */
static int
insert_row(struct imp_ctx *ctx, struct attendance_state *s, const struct att_row *p,
    struct lia_err *err)
{
	bind_slot(s->chunk_ins, s->nbound, &s->slots[s->nbound], p, s->role_text);
	s->bound[s->nbound] = *p;
	if (++s->nbound < ATT_CHUNK)
		return 0;
	s->nbound = 0;
	return db_step_done(ctx->db, s->chunk_ins, err);
}

/* The rows bound to the many-row INSERT that did not fill it, one by one,
 * in the order they were bound. */
static int
insert_rest(struct imp_ctx *ctx, struct attendance_state *s, struct lia_err *err)
{
	int i;

	for (i = 0; i < s->nbound; i++) {
		bind_slot(s->ins, 0, &s->ins_slot, &s->bound[i], s->role_text);
		if (db_step_done(ctx->db, s->ins, err) != 0)
			return -1;
	}
	s->nbound = 0;
	return 0;
}

/* The key of a row that waits and its place among them (its file order). */
struct att_place {
	uint32_t session, person, place;
};

static int
place_order(const void *a, const void *b)
{
	const struct att_place *x = a, *y = b;

	if (x->session != y->session)
		return x->session < y->session ? -1 : 1;
	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	return x->place < y->place ? -1 : x->place > y->place;
}

/* Row i of those that wait. */
static struct att_row *
later_at(const struct attendance_state *s, int i)
{
	return (struct att_row *)g_ptr_array_index(s->later, (guint)i / ATT_BLOCK) +
	    i % ATT_BLOCK;
}

/* Whether their sessions are few enough to be counted in an array (4
 * bytes a session); sessions are numbered from 1 in the order they are
 * made, so those of a file lie close together. */
static int
later_dense(const struct attendance_state *s)
{
	uint64_t range = (uint64_t)s->later_high - s->later_low + 1;

	return range <= 4 * (uint64_t)(s->nlater > ATT_BLOCK ? s->nlater : ATT_BLOCK);
}

/* What sorting the rows that wait will take: an order (4 bytes a row) and
 * the sessions' counts, or keys (12 bytes a row) and qsort's copy. */
static int64_t
later_memory(const struct attendance_state *s)
{
	if (!later_dense(s))
		return 2 * (int64_t)s->nlater * (int64_t)sizeof(struct att_place);
	return 4 * ((int64_t)s->nlater + (int64_t)s->later_high - s->later_low + 2);
}

/* The people of one session's rows (order[0..n), in file order) sorted,
 * rows of one person kept in file order. */
static void
sort_people(const struct attendance_state *s, uint32_t *order, int n)
{
	int i, j;

	if (n <= 32) {	/* insertion sort: stable */
		for (i = 1; i < n; i++) {
			uint32_t at = order[i], person = later_at(s, (int)at)->person;

			for (j = i; j > 0 && later_at(s, (int)order[j - 1])->person > person; j--)
				order[j] = order[j - 1];
			order[j] = at;
		}
		return;
	}
	{
		struct att_place *keys = g_new(struct att_place, n);

		for (i = 0; i < n; i++) {
			keys[i].session = 0;
			keys[i].person = later_at(s, (int)order[i])->person;
			keys[i].place = order[i];
		}
		qsort(keys, (size_t)n, sizeof keys[0], place_order);
		for (i = 0; i < n; i++)
			order[i] = keys[i].place;
		g_free(keys);
	}
}

/* The rows that wait in key order (session, person, file order): by
 * counting their sessions where they lie close, else by sorting keys. */
static uint32_t *
later_order(const struct attendance_state *s)
{
	uint32_t *order = g_new(uint32_t, s->nlater);
	int i, n = s->nlater;

	if (later_dense(s)) {
		uint32_t low = s->later_low, nsess = s->later_high - low + 1, k;
		uint32_t *at = g_new0(uint32_t, (gsize)nsess + 1);

		for (i = 0; i < n; i++)
			at[later_at(s, i)->session - low + 1]++;
		for (k = 1; k <= nsess; k++)
			at[k] += at[k - 1];
		for (i = 0; i < n; i++)
			order[at[later_at(s, i)->session - low]++] = (uint32_t)i;
		/* at[k] is now where session low + k ends */
		for (k = 0, i = 0; k < nsess; i = (int)at[k++])
			if ((int)at[k] - i > 1)
				sort_people(s, order + i, (int)at[k] - i);
		g_free(at);
	} else {
		struct att_place *keys = g_new(struct att_place, n);

		for (i = 0; i < n; i++) {
			keys[i].session = later_at(s, i)->session;
			keys[i].person = later_at(s, i)->person;
			keys[i].place = (uint32_t)i;
		}
		qsort(keys, (size_t)n, sizeof keys[0], place_order);
		for (i = 0; i < n; i++)
			order[i] = keys[i].place;
		g_free(keys);
	}
	return order;
}

/* Inserts the rows that waited, in key order, in one pass. */
static int
flush_later(struct imp_ctx *ctx, struct lia_err *err)
{
	struct attendance_state *s = ctx->state;
	uint32_t *order;
	int i, rc = -1;

	if (s->nlater == 0)
		return 0;
	order = later_order(s);
	if (insert_rest(ctx, s, err) != 0)	/* (rows of the buffer: keys beyond) */
		goto out;
	for (i = 0; i < s->nlater; i++) {
		/* (rows are read in key order, from anywhere in the blocks: the
		 * one a few places ahead is asked for before it is needed) */
		if (i + ATT_AHEAD < s->nlater)
			__builtin_prefetch(later_at(s, (int)order[i + ATT_AHEAD]));
		if (insert_row(ctx, s, later_at(s, (int)order[i]), err) != 0)
			goto out;
	}
	if (insert_rest(ctx, s, err) != 0)
		goto out;
	s->nlater = 0;
	ctx->memory_ahead = 0;
	if (ctx->memory_tight && s->later->len > ATT_LATER_MIN / ATT_BLOCK)
		/* from now on they go in ATT_LATER_MIN at a time: no more room */
		g_ptr_array_set_size(s->later, ATT_LATER_MIN / ATT_BLOCK);
	rc = 0;
out:
	g_free(order);
	return rc;
}

/* Keeps a row for flush_later (which runs first if the buffer is full). */
static int
wait_row(struct imp_ctx *ctx, struct attendance_state *s, const struct att_row *p,
    struct lia_err *err)
{
	if ((s->nlater >= ATT_LATER || (s->nlater >= ATT_LATER_MIN && ctx->memory_tight)) &&
	    flush_later(ctx, err) != 0)
		return -1;
	if ((guint)s->nlater == s->later->len * ATT_BLOCK)
		g_ptr_array_add(s->later, g_new(struct att_row, ATT_BLOCK));
	if (s->nlater == 0 || p->session < s->later_low)
		s->later_low = p->session;
	if (s->nlater == 0 || p->session > s->later_high)
		s->later_high = p->session;
	*later_at(s, s->nlater++) = *p;
	ctx->memory_ahead = later_memory(s);
	return 0;
}

/*
 * Sorts the buffer; inserts the rows beyond the highest key in, keeps the
 * others for flush_later.  When most of a buffer has to wait, the file is
 * not in key order, and from then on every row waits: sorted in one pass
 * at the end, they go into the B-tree from left to right, most of them
 * beyond every row in, rather than into the middle of pages.
 */
static int
attendance_flush(struct imp_ctx *ctx, struct lia_err *err)
{
	struct attendance_state *s = ctx->state;
	int i, n = s->nrecent, waited = 0;

	if (n == 0)
		return 0;
	s->nrecent = 0;
	qsort(s->recent, (size_t)n, sizeof s->recent[0], key_order);
	for (i = 0; i < n; i++) {
		const struct att_row *p = &s->recent[i].row;

		if (!s->any_in || p->session > s->top_session ||
		    (p->session == s->top_session && p->person > s->top_person)) {
			s->any_in = 1;
			s->top_session = p->session;
			s->top_person = p->person;
			if (insert_row(ctx, s, p, err) != 0)
				return -1;
			continue;
		}
		waited++;
		if (wait_row(ctx, s, p, err) != 0)
			return -1;
	}
	if (waited > n / 2)
		s->mode = ATT_WAIT_ALL;
	return insert_rest(ctx, s, err);
}

/*
 * Decides, from the file's first ATT_PROBE rows (which wait meanwhile),
 * whether it comes in key order: buffer by buffer, as attendance_flush
 * would take them, would most of them go in at once?  If so they are
 * handed to attendance_flush now and the rows after them follow;
 * otherwise every row waits, and the table receives them all sorted, with
 * no row of the file in the way (a few rows in first, scattered over the
 * key range, would make every later row go into the middle of a page).
 */
static int
att_decide(struct imp_ctx *ctx, struct attendance_state *s, struct lia_err *err)
{
	struct att_place *keys = g_new(struct att_place, ATT_BUFFER);
	uint32_t top_session = 0, top_person = 0;
	int i, k, any = 0, waited = 0, n = s->nlater;

	for (k = 0; k < n; k += ATT_BUFFER) {
		int m = n - k < ATT_BUFFER ? n - k : ATT_BUFFER;

		for (i = 0; i < m; i++) {
			keys[i].session = later_at(s, k + i)->session;
			keys[i].person = later_at(s, k + i)->person;
			keys[i].place = (uint32_t)i;
		}
		qsort(keys, (size_t)m, sizeof keys[0], place_order);
		for (i = 0; i < m; i++) {
			if (!any || keys[i].session > top_session ||
			    (keys[i].session == top_session && keys[i].person > top_person)) {
				any = 1;
				top_session = keys[i].session;
				top_person = keys[i].person;
			} else {
				waited++;
			}
		}
	}
	g_free(keys);
	if (waited > n / 2) {
		s->mode = ATT_WAIT_ALL;
		return 0;
	}
	s->mode = ATT_DIRECT;
	s->nlater = 0;
	for (k = 0; k < n; k += ATT_BUFFER) {
		int m = n - k < ATT_BUFFER ? n - k : ATT_BUFFER;

		for (i = 0; i < m; i++) {
			s->recent[i].row = *later_at(s, k + i);
			s->recent[i].seq = (uint32_t)i;
		}
		s->nrecent = m;
		/* (flushing may add waiting rows: they go behind those left) */
		if (attendance_flush(ctx, err) != 0)
			return -1;
	}
	/* The rows that waited during the replay are now at the front. */
	return 0;
}

/* Takes a row: into the buffer, or straight to the rows that wait. */
static int
att_keep(struct imp_ctx *ctx, struct attendance_state *s, const struct att_row *p,
    struct lia_err *err)
{
	switch (s->mode) {
	case ATT_PROBING:
		if (wait_row(ctx, s, p, err) != 0)
			return -1;
		return s->nlater == ATT_PROBE ? att_decide(ctx, s, err) : 0;
	case ATT_WAIT_ALL:
		return wait_row(ctx, s, p, err);
	case ATT_DIRECT:
	default:
		s->recent[s->nrecent].row = *p;
		s->recent[s->nrecent].seq = (uint32_t)s->nrecent;
		if (++s->nrecent == ATT_BUFFER)
			return attendance_flush(ctx, err);
		return 0;
	}
}

/* One person's row of a session-column export: one attendance per taken
 * session; a row with none taken is skipped. */
static enum row_result
sessions_row(struct imp_ctx *ctx, struct attendance_state *s, struct imp_row *row,
    struct lia_err *err)
{
	const struct imp_opts *o = ctx->opts;
	char **v = row->v;
	const char *agency = o->agency != NULL ? o->agency : v[A_AGENCY];
	enum att_status *st = s->cells;
	int64_t agency_id, person;
	int n = 0, fresh = 0;
	guint i;

	if (*agency == '\0')
		return imp_reject(row, "missing agency");
	if (*v[A_ID] == '\0' && *v[A_EMAIL] == '\0')
		return imp_reject(row, "no practitioner: give practitioner_id or email");
	for (i = 0; i < s->sess_cols->len; i++) {
		const struct att_sess_col *c = &g_array_index(s->sess_cols, struct att_sess_col, i);
		const char *cell = c->col < row->rec->nfields ? row->rec->fields[c->col] : "";
		enum att_status one;
		int rc = session_cell(cell, &one);

		if (rc < 0)
			return imp_reject(row, "'%s' under '%s': not a status of the default set (P, L,"
			    " E, A)", cell, ctx->cols.header[c->col]);
		st[i] = rc > 0 ? one : (enum att_status)-1;
		n += rc > 0;
	}
	if (n == 0)
		return imp_skip(row, "no session taken for this person");
	if (o->agency != NULL)
		imp_note_override(ctx, A_AGENCY, "--agency", o->agency);
	if ((agency_id = o->agency == NULL ? imp_agency_rec(ctx, row->rec->key != NULL ?
	    row->rec->key[K_AGENCY] : -1, agency, v[A_SECTOR], err) : imp_agency(ctx, agency,
	    v[A_SECTOR], err)) < 0)
		return ROW_FATAL;
	if (s->course_id == 0 && (s->course_id = imp_course(ctx, o->course, o->course != NULL ?
	    "" : s->course_title, err)) < 0)
		return ROW_FATAL;
	person = imp_practitioner_rec(ctx, row->rec, v[A_EMAIL], v[A_ID], agency_id, v[A_ROLE], err);
	if (person < 0)
		return ROW_FATAL;
	for (i = 0; i < s->sess_cols->len; i++) {
		struct att_sess_col *c = &g_array_index(s->sess_cols, struct att_sess_col, i);
		struct att_row p;
		int64_t before = ctx->late_duplicates, id;

		if ((int)st[i] < 0)
			continue;
		if (c->session == 0) {
			if ((id = imp_session(ctx, s->course_id, c->date, c->label, -1, NULL, err)) < 0)
				return ROW_FATAL;
			c->session = (uint32_t)id;
		}
		memset(&p, 0, sizeof p);
		p.session = c->session;
		p.person = (uint32_t)person;
		p.agency = (uint32_t)agency_id;
		p.role = row_role(s, -1, v[A_ROLE]);
		p.status = (unsigned char)st[i];
		bind_slot(s->ins, 0, &s->ins_slot, &p, s->role_text);
		if (db_step_done(ctx->db, s->ins, err) != 0)
			return ROW_FATAL;
		/* a cell already held: counted here, by the row, not by the engine */
		fresh += ctx->late_duplicates == before;
		ctx->late_duplicates = before;
	}
	return fresh > 0 ? ROW_LOADED : ROW_DUPLICATE;
}

/* ---- group orders -------------------------------------------------------- */

/*
 * An Eventbrite order for several tickets may repeat the buyer's name and
 * e-mail on every ticket's row: rows of one order with one e-mail and
 * different attendee numbers are different people.  The first pass finds
 * those orders; their rows are then kept by e-mail and attendee number, a
 * person who cannot be matched to other files (the import says so).
 */
static int
wants_group_orders(const struct imp_ctx *ctx)
{
	return ctx->cols.col[A_ORDER] >= 0 && ctx->cols.col[A_ATTENDEE] >= 0 &&
	    ctx->cols.col[A_EMAIL] >= 0;
}

static char *
order_key(const char *order, const char *email)
{
	char *t = g_strstrip(g_strdup(email)), *e = g_utf8_strdown(t, -1), *k;

	k = g_strconcat(order, "\x1f", e, NULL);
	g_free(e);
	g_free(t);
	return k;
}

static void
attendance_prepass(struct imp_ctx *ctx, const struct csv_record *rec)
{
	struct attendance_state *s = ctx->state;
	const char *order = rec->fields[ctx->cols.col[A_ORDER]];
	const char *no = rec->fields[ctx->cols.col[A_ATTENDEE]];
	const char *email = rec->fields[ctx->cols.col[A_EMAIL]];
	const char *first;
	char *k;

	if (*order == '\0' || *no == '\0' || *email == '\0')
		return;
	if (s->order_first == NULL) {
		s->order_first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		s->group_orders = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	}
	k = order_key(order, email);
	if ((first = g_hash_table_lookup(s->order_first, k)) == NULL)
		g_hash_table_insert(s->order_first, k, g_strdup(no));
	else if (strcmp(first, no) != 0)
		g_hash_table_add(s->group_orders, k);
	else
		g_free(k);
}

/* The person of a row of a group order: 0 when the row is not one, the
 * practitioner, or -1 with err. */
static int64_t
group_person(struct imp_ctx *ctx, struct attendance_state *s, struct imp_row *row,
    int64_t agency, struct lia_err *err)
{
	char **v = row->v, *k, *id, *e;
	int64_t person;

	if (s->group_orders == NULL || *v[A_ORDER] == '\0' || *v[A_ATTENDEE] == '\0' ||
	    *v[A_EMAIL] == '\0')
		return 0;
	k = order_key(v[A_ORDER], v[A_EMAIL]);
	if (!g_hash_table_contains(s->group_orders, k)) {
		g_free(k);
		return 0;
	}
	g_free(k);
	e = g_utf8_strdown(imp_email(v[A_EMAIL]), -1);
	id = g_strconcat(e, "#", v[A_ATTENDEE], NULL);
	person = imp_practitioner(ctx, NULL, id, agency, v[A_ROLE], err);
	g_free(id);
	g_free(e);
	if (person > 0 && s->group_rows++ == 0)
		s->group_line = row->line;
	return person;
}

/* The options that stand for a column, said once in the summary. */
static void
note_overrides(struct imp_ctx *ctx)
{
	const struct imp_opts *o = ctx->opts;

	if (o->agency != NULL)
		imp_note_override(ctx, A_AGENCY, "--agency", o->agency);
	if (o->course != NULL) {
		imp_note_override(ctx, A_CODE, "--course", o->course);
		imp_note_override(ctx, A_TITLE, "--course", o->course);
	}
	if (o->date != NULL)
		imp_note_override(ctx, A_DATE, "--date", o->date);
}

/* A course's level, from the first row of this import that gives one
 * (course_id 0: found by its code or title). */
static int
course_level(struct imp_ctx *ctx, struct attendance_state *s, int64_t course_id,
    const char *code, const char *title, int64_t level, struct lia_err *err)
{
	if (course_id == 0 && (course_id = imp_course(ctx, code, title, err)) < 0)
		return -1;
	if (g_hash_table_contains(s->levelled, GSIZE_TO_POINTER((gsize)course_id)))
		return 0;
	g_hash_table_add(s->levelled, GSIZE_TO_POINTER((gsize)course_id));
	sqlite3_bind_int64(s->level, 1, course_id);
	sqlite3_bind_int64(s->level, 2, level);
	return db_step_done(ctx->db, s->level, err);
}

static enum row_result
attendance_row(struct imp_ctx *ctx, struct imp_row *row, struct lia_err *err)
{
	struct attendance_state *s = ctx->state;
	char **v = row->v;
	const int32_t *key = row->rec->key != NULL ? row->rec->key : no_keys;
	const struct imp_opts *o = ctx->opts;
	const char *agency = o->agency != NULL ? o->agency : v[A_AGENCY];
	const char *code = o->course != NULL ? o->course : *v[A_CODE] ? v[A_CODE] : NULL;
	/* (a title row's course and session where the file has no column) */
	const char *title = o->course != NULL ? "" : *v[A_TITLE] == '\0' &&
	    s->course_title != NULL ? s->course_title : v[A_TITLE];
	const char *date_text = o->date != NULL ? o->date : *v[A_DATE] == '\0' &&
	    s->title_date[0] != '\0' ? s->title_date : v[A_DATE];
	const char *label = *v[A_SESSION] != '\0' || o->date != NULL ? v[A_SESSION] :
	    s->title_time;
	int date_field = date_text == v[A_DATE] ? A_DATE : -1;
	enum row_result rr;
	const char *mode = NULL;
	enum att_status status = ATT_ATTENDED;
	int64_t count = -1, capacity = -1, level = -1, agency_id, course_id = 0, session_id, person;
	uint32_t *session = memo(s->sessions, row->rec->tuple);
	struct att_row p = { 0 };	/* what a named row keeps */
	int have_date = 0, named, partial = 0;
	lia_date date = 0;

	if (ctx->profile->sessions)	/* a row is one person's sessions */
		return sessions_row(ctx, s, row, err);
	if (ctx->profile->completion && not_completed(v[A_DATE]))
		return imp_skip(row, "not completed: no completion date in '%s'",
		    ctx->cols.col[A_DATE] >= 0 ? ctx->cols.header[ctx->cols.col[A_DATE]] : "");
	note_overrides(ctx);
	/* (a booking is no record, whatever else its row holds) */
	if (ctx->profile->facetoface &&
	    (rr = f2f_status(row, v[A_STATUS], &status, &partial)) != ROW_LOADED)
		return rr;
	if (agency == NULL || *agency == '\0')
		return imp_reject(row, "missing agency");
	if ((code == NULL || *code == '\0') && *title == '\0')
		return imp_reject(row, "missing course_code");
	if (date_text == NULL || *date_text == '\0')
		return imp_reject(row, "missing session_date");
	/* A session already met: its date was good. */
	if (session == NULL || *session == 0) {
		if ((rr = row_date(ctx, s, date_field, date_text, &date, row, err)) != ROW_LOADED)
			return rr;
		have_date = 1;
	}
	if (*v[A_STATUS] != '\0' && !ctx->profile->facetoface) {
		int rc = row_status(ctx, s, key[K_STATUS], v[A_STATUS], &status, row);

		if (rc < 0)
			return ROW_REJECTED;
		if (rc > 0)
			return imp_skip(row, "transferred to another event or ticket type: not at"
			    " this session");
	}
	p.status = (unsigned char)status;
	if (*v[A_HOURS] != '\0') {
		if (row_hours(s, key[K_HOURS], v[A_HOURS], &p.hours, row) != 0)
			return ROW_REJECTED;
		p.have_hours = 1;
	}
	if (*v[A_CAPACITY] != '\0' && (imp_int(v[A_CAPACITY], &capacity) != 0 || capacity < 0))
		return imp_reject(row, "capacity '%s' is not a whole number", v[A_CAPACITY]);
	if (*v[A_MODE] != '\0' && (mode = imp_mode(v[A_MODE])) == NULL)
		return imp_reject(row, "unknown delivery mode '%s' (expected face to face, virtual,"
		    " e-learning or blended)", v[A_MODE]);
	if (*v[A_LEVEL] != '\0' && imp_level(v[A_LEVEL], &level) != 0)
		return imp_reject(row, "level '%s' is not a training level", v[A_LEVEL]);
	if (*v[A_COMPLETED] != '\0') {
		if ((rr = row_date(ctx, s, A_COMPLETED, v[A_COMPLETED], &p.completed, row, err)) !=
		    ROW_LOADED)
			return rr;
		p.have_completed = 1;
	}
	named = *v[A_ID] != '\0' || *v[A_EMAIL] != '\0';
	if (!named) {
		if (*v[A_COUNT] == '\0')
			return imp_reject(row, "no practitioner: give practitioner_id, email or count");
		if (imp_int(v[A_COUNT], &count) != 0 || count < 0)
			return imp_reject(row, "count '%s' is not a whole number", v[A_COUNT]);
	} else if (*v[A_EMAIL] != '\0' && strchr(v[A_EMAIL], '@') == NULL &&
	    strncmp(v[A_EMAIL], "lia:", 4) != 0) {
		return imp_reject(row, "email is not an e-mail address (no '@')");
	}

	/* The row is good: find or create what it refers to. */
	if ((agency_id = o->agency == NULL ? imp_agency_rec(ctx, key[K_AGENCY], agency, v[A_SECTOR], err)
	    : imp_agency(ctx, agency, v[A_SECTOR], err)) < 0)
		return ROW_FATAL;
	if (session != NULL && *session > 0 && capacity < 0 && mode == NULL) {
		session_id = *session;
	} else {
		if (!have_date &&
		    (rr = row_date(ctx, s, date_field, date_text, &date, row, err)) != ROW_LOADED)
			return rr;	/* (it was good the first time) */
		if ((course_id = imp_course(ctx, code, title, err)) < 0 ||
		    (session_id = imp_session(ctx, course_id, date, label, capacity, mode,
		    err)) < 0)
			return ROW_FATAL;
		if (session != NULL && session_id <= UINT32_MAX)
			*session = (uint32_t)session_id;
	}
	if (level >= 0 && course_level(ctx, s, course_id, code, title, level, err) != 0)
		return ROW_FATAL;
	if (!named) {
		sqlite3_bind_int64(s->headcount, 1, session_id);
		sqlite3_bind_int64(s->headcount, 2, agency_id);
		sqlite3_bind_int64(s->headcount, 3, count);
		if (db_step_done(ctx->db, s->headcount, err) != 0)
			return ROW_FATAL;
		return sqlite3_changes(ctx->db) > 0 ? ROW_LOADED : ROW_DUPLICATE;
	}
	if ((person = group_person(ctx, s, row, agency_id, err)) == 0)
		person = imp_practitioner_rec(ctx, row->rec, v[A_EMAIL], v[A_ID], agency_id,
		    v[A_ROLE], err);
	if (person < 0)
		return ROW_FATAL;
	if (session_id > UINT32_MAX || person > UINT32_MAX || agency_id > UINT32_MAX) {
		lia_err_set(err, "more than 4,294,967,295 sessions, people or agencies");
		return ROW_FATAL;
	}
	p.session = (uint32_t)session_id;
	p.person = (uint32_t)person;
	p.agency = (uint32_t)agency_id;
	p.role = row_role(s, key[K_ROLE], v[A_ROLE]);
	if (att_keep(ctx, s, &p, err) != 0)
		return ROW_FATAL;
	if (partial && s->partial++ == 0)
		s->partial_line = row->line;
	/* Counted loaded now; the INSERT moves duplicates across. */
	return ROW_LOADED;
}

static int
attendance_end(struct imp_ctx *ctx, struct lia_err *err)
{
	struct attendance_state *s = ctx->state;

	if (attendance_flush(ctx, err) != 0 || flush_later(ctx, err) != 0)
		return -1;
	if (s->group_rows > 0 && imp_warn(ctx, s->group_line, err, "%lld rows of group orders"
	    " (one e-mail for several attendee numbers) kept as different people by their"
	    " attendee number: they cannot be matched to other files, the first on this line",
	    (long long)s->group_rows) != 0)
		return -1;
	if (s->partial > 0 && imp_warn(ctx, s->partial_line, err, "%lld partially attended,"
	    " loaded as attended (the first on this line)", (long long)s->partial) != 0)
		return -1;
	g_ptr_array_set_size(s->later, 0);	/* (before the index of pseudonyms is built) */
	return 0;
}

const struct imp_loader imp_attendance_loader = {
	.kind = IMP_ATTENDANCE,
	.fields = attendance_fields,
	.state_size = sizeof(struct attendance_state),
	.sql = attendance_sql,
	.begin = attendance_begin,
	.row = attendance_row,
	.end = attendance_end,
	.fini = attendance_fini,
	.key_email = "email",
	.key_id = "practitioner_id",
	.prepass = attendance_prepass,
	.wants_prepass = wants_group_orders,
	.keys = { [K_AGENCY] = "agency", [K_CODE] = "course_code", [K_TITLE] = "course_title",
	    [K_DATE] = "session_date", [K_SESSION] = "session", [K_STATUS] = "status",
	    [K_HOURS] = "hours", [K_ROLE] = "role" },
	.ntuple = 4,
	.tuple = { K_CODE, K_TITLE, K_DATE, K_SESSION },
	.unless = { [K_TITLE] = K_CODE + 1 },	/* a title counts where there is no code */
};

/* ---- workforce -------------------------------------------------------------- */

enum { W_AGENCY, W_PERIOD, W_HEADCOUNT, W_SECTOR };

static const struct imp_field workforce_fields[] = {
	[W_AGENCY] = { "agency", F_REQUIRED },
	[W_PERIOD] = { "period", F_REQUIRED },
	[W_HEADCOUNT] = { "headcount", F_REQUIRED },
	[W_SECTOR] = { "sector", 0 },
	{ NULL, 0 }
};

struct workforce_state {
	sqlite3_stmt *ins, *existing;
};

static const char workforce_sql[] =
    "INSERT INTO workforce(agency_id, period, period_from, period_to, headcount, batch_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(agency_id, period) DO NOTHING";
static const char workforce_existing_sql[] =
    "SELECT headcount FROM workforce WHERE agency_id = ?1 AND period = ?2";

static const struct imp_sql workforce_stmts[] = {
	{ workforce_sql, offsetof(struct workforce_state, ins), 0 },
	{ workforce_existing_sql, offsetof(struct workforce_state, existing), 0 },
	{ NULL, 0, 0 }
};

static enum row_result
workforce_row(struct imp_ctx *ctx, struct imp_row *row, struct lia_err *err)
{
	struct workforce_state *s = ctx->state;
	char **v = row->v;
	struct period p;
	struct lia_err e;
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
	int64_t headcount, agency_id;

	if (*v[W_AGENCY] == '\0')
		return imp_reject(row, "missing agency");
	if (*v[W_PERIOD] == '\0')
		return imp_reject(row, "missing period");
	if (period_parse(v[W_PERIOD], &p, &e) != 0 || (p.kind != PERIOD_YEAR && p.kind != PERIOD_FY))
		return imp_reject(row, "period '%s' is not a year (2019) or a financial year (2019/20)",
		    v[W_PERIOD]);
	if (*v[W_HEADCOUNT] == '\0')
		return imp_reject(row, "missing headcount");
	if (imp_int(v[W_HEADCOUNT], &headcount) != 0 || headcount < 0)
		return imp_reject(row, "headcount '%s' is not a whole number", v[W_HEADCOUNT]);
	if ((agency_id = imp_agency(ctx, v[W_AGENCY], v[W_SECTOR], err)) < 0)
		return ROW_FATAL;
	sqlite3_bind_int64(s->ins, 1, agency_id);
	sqlite3_bind_text(s->ins, 2, p.label, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s->ins, 3, date_format(p.from, from), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s->ins, 4, date_format(p.to, to), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s->ins, 5, headcount);
	sqlite3_bind_int64(s->ins, 6, ctx->batch);
	if (db_step_done(ctx->db, s->ins, err) != 0)
		return ROW_FATAL;
	if (sqlite3_changes(ctx->db) > 0)
		return ROW_LOADED;
	/* A duplicate: say so if it disagrees with what is stored. */
	sqlite3_bind_int64(s->existing, 1, agency_id);
	sqlite3_bind_text(s->existing, 2, p.label, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s->existing) == SQLITE_ROW) {
		int64_t old = sqlite3_column_int64(s->existing, 0);
		sqlite3_reset(s->existing);
		if (old != headcount && imp_warn(ctx, row->line, err,
		    "workforce of %s for %s is already %lld; kept it, the file says %lld",
		    v[W_AGENCY], p.label, (long long)old, (long long)headcount) != 0)
			return ROW_FATAL;
	} else {
		sqlite3_reset(s->existing);
	}
	return ROW_DUPLICATE;
}

const struct imp_loader imp_workforce_loader = {
	.kind = IMP_WORKFORCE,
	.fields = workforce_fields,
	.state_size = sizeof(struct workforce_state),
	.sql = workforce_stmts,
	.row = workforce_row,
};

/* ---- courses ---------------------------------------------------------------- */

enum { C_CODE, C_TITLE, C_LEVEL, C_REFRESH, C_THEMES, C_TTT, C_HOURS, C_DELIVERY };

static const struct imp_field course_fields[] = {
	[C_CODE] = { "course_code", F_REQUIRED },
	[C_TITLE] = { "course_title", 0 },
	[C_LEVEL] = { "level", 0 },
	[C_REFRESH] = { "refresh_months", 0 },
	[C_THEMES] = { "themes", 0 },
	[C_TTT] = { "train_the_trainer", 0 },
	[C_HOURS] = { "hours", 0 },
	[C_DELIVERY] = { "delivery", 0 },
	{ NULL, 0 }
};

struct course_state {
	sqlite3_stmt *upsert, *theme;
	GHashTable *seen;
};

static const char course_upsert_sql[] =
    "INSERT INTO course(code, code_key, title, level, refresh_months, hours, delivery,"
    " train_the_trainer) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, 0))"
    " ON CONFLICT(code_key) DO UPDATE SET title = coalesce(excluded.title, title),"
    " level = coalesce(excluded.level, level),"
    " refresh_months = coalesce(excluded.refresh_months, refresh_months),"
    " hours = coalesce(excluded.hours, hours), delivery = coalesce(excluded.delivery, delivery),"
    " train_the_trainer = coalesce(?8, train_the_trainer)"
    " RETURNING id";
static const char course_theme_sql[] =
    "INSERT OR IGNORE INTO course_theme(course_id, theme_id) VALUES (?1, ?2)";

static const struct imp_sql courses_sql[] = {
	{ course_upsert_sql, offsetof(struct course_state, upsert), 0 },
	{ course_theme_sql, offsetof(struct course_state, theme), 0 },
	{ NULL, 0, 0 }
};

/* The courses this file has named (a second row of one is a duplicate). */
static const size_t courses_tables[] = {
	offsetof(struct course_state, seen), IMP_TABLES_END
};

static enum row_result
courses_row(struct imp_ctx *ctx, struct imp_row *row, struct lia_err *err)
{
	struct course_state *s = ctx->state;
	char **v = row->v, *key, **themes = NULL, **t;
	int64_t level = -1, refresh = -1, id = -1;
	double hours = 0;
	int ttt = -1, rc;

	if (*v[C_CODE] == '\0')
		return imp_reject(row, "missing course_code");
	if (*v[C_LEVEL] != '\0' && imp_level(v[C_LEVEL], &level) != 0)
		return imp_reject(row, "level '%s' is not a training level", v[C_LEVEL]);
	if (*v[C_REFRESH] != '\0' && (imp_int(v[C_REFRESH], &refresh) != 0 || refresh <= 0))
		return imp_reject(row, "refresh_months '%s' is not a positive whole number",
		    v[C_REFRESH]);
	if (*v[C_TTT] != '\0' && imp_yes_no(v[C_TTT], &ttt) != 0)
		return imp_reject(row, "train_the_trainer '%s' is not yes or no", v[C_TTT]);
	if (*v[C_HOURS] != '\0' && (imp_real(v[C_HOURS], &hours) != 0 || hours < 0))
		return imp_reject(row, "hours '%s' is not a number of hours", v[C_HOURS]);
	key = imp_name_key(v[C_CODE]);
	if (g_hash_table_contains(s->seen, key)) {
		g_free(key);
		return ROW_DUPLICATE;
	}
	sqlite3_bind_text(s->upsert, 1, v[C_CODE], -1, SQLITE_STATIC);
	sqlite3_bind_text(s->upsert, 2, key, -1, SQLITE_STATIC);
	bind_opt_text(s->upsert, 3, v[C_TITLE]);
	if (level >= 0)
		sqlite3_bind_int64(s->upsert, 4, level);
	else
		sqlite3_bind_null(s->upsert, 4);
	if (refresh > 0)
		sqlite3_bind_int64(s->upsert, 5, refresh);
	else
		sqlite3_bind_null(s->upsert, 5);
	bind_opt_real(s->upsert, 6, hours, *v[C_HOURS] != '\0');
	bind_opt_text(s->upsert, 7, v[C_DELIVERY]);
	if (ttt >= 0)
		sqlite3_bind_int(s->upsert, 8, ttt);
	else
		sqlite3_bind_null(s->upsert, 8);
	rc = sqlite3_step(s->upsert);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s->upsert, 0);
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(s->upsert);
	sqlite3_reset(s->upsert);
	if (rc != SQLITE_DONE || id <= 0) {
		g_free(key);
		lia_err_set(err, "database: %s", db_errmsg(ctx->db));
		return ROW_FATAL;
	}
	g_hash_table_add(s->seen, key);
	themes = g_strsplit(v[C_THEMES], ";", -1);
	for (t = themes; *t != NULL; t++) {
		int64_t theme;
		g_strstrip(*t);
		if (**t == '\0')
			continue;
		if ((theme = imp_theme(ctx, *t, err)) < 0)
			goto fatal;
		sqlite3_bind_int64(s->theme, 1, id);
		sqlite3_bind_int64(s->theme, 2, theme);
		if (db_step_done(ctx->db, s->theme, err) != 0)
			goto fatal;
	}
	g_strfreev(themes);
	return ROW_LOADED;
fatal:
	g_strfreev(themes);
	return ROW_FATAL;
}

const struct imp_loader imp_courses_loader = {
	.kind = IMP_COURSES,
	.fields = course_fields,
	.state_size = sizeof(struct course_state),
	.sql = courses_sql,
	.tables = courses_tables,
	.row = courses_row,
};
