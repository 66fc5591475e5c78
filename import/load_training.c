/*
 * load_training: the loaders of the L&D sub-group's files — attendance
 * (named and headcount-only), workforce headcounts and the course catalogue.
 * Each row is checked completely before anything is written, so a reject
 * leaves no agency, course or person behind it.  Reject reasons never quote
 * a personal value.
 */
#include <stdio.h>
#include <string.h>

#include "import/internal.h"

/* ---- attendance ------------------------------------------------------------- */

enum {
	A_AGENCY, A_CODE, A_TITLE, A_DATE, A_SESSION, A_ID, A_EMAIL, A_COUNT, A_SECTOR,
	A_ROLE, A_LEVEL, A_STATUS, A_HOURS, A_CAPACITY, A_MODE, A_COMPLETED, A_FIRST,
	A_LAST, A_NAME, A_TICKET, A_ORDER
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
	[A_TICKET] = { "ticket", 0 },
	[A_ORDER] = { "order", 0 },
	{ NULL, 0 }
};

/*
 * Named attendances wait in a buffer of ATT_BUFFER rows.  A full buffer is
 * sorted by the table's key (session, practitioner; file order among equal
 * keys) and inserted ATT_CHUNK rows per multi-row INSERT: a statement's
 * fixed cost is paid once per chunk, and rows of new sessions, whose ids
 * are the highest, go in at the end of the table's B-tree, where SQLite
 * finds their place without a search.  A chunk whose insert skipped rows
 * (duplicates, within it or of rows already held) runs the strengthening
 * UPDATE for each of its rows; on a row just inserted it changes nothing,
 * and equal keys meet it in file order.
 */
#define ATT_CHUNK 64
#define ATT_BUFFER (64 * ATT_CHUNK)

struct att_pending {
	int64_t session, person, agency;
	const char *role;	/* in the state's roles, or NULL */
	enum att_status status;
	double hours;
	int have_hours, have_completed;
	char completed[DATE_ISO_LEN];
};

/* What a slot of the many-row INSERT holds bound (see bind_slot). */
struct att_slot {
	int64_t session, agency;
	const char *role;
	enum att_status status;
	double hours;
	int have_hours, completed, valid;
};

/* A pending row's key and place in the buffer (file order among equal
 * keys), small for sorting: the place is the low bits of person_place. */
struct att_order {
	int64_t session;
	uint64_t person_place;
};
#define ATT_PLACE_BITS 12
G_STATIC_ASSERT(ATT_BUFFER <= 1 << ATT_PLACE_BITS);

struct attendance_state {
	sqlite3_stmt *ins, *strengthen, *headcount, *level, *chunk_ins;
	struct att_pending *pending;	/* ATT_BUFFER of them */
	struct att_order *order;	/* their keys, sorted to insert them */
	struct att_slot slots[ATT_CHUNK];	/* what chunk_ins holds bound */
	struct att_slot ins_slot;		/* what ins holds bound */
	GStringChunk *roles;		/* roles, interned for the import */
	int npending;
	GHashTable *levelled;	/* course ids whose level was set */
	char last_date_text[64];
	lia_date last_date;
	GHashTable *status_words;	/* status text as written -> att_status + 1 */
	char last_status_text[32];	/* the last row's, most often the next's */
	enum att_status last_status;
};

static const char att_insert_sql[] =
    "INSERT INTO attendance(session_id, practitioner_id, agency_id, role, status, hours,"
    " completed, batch_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT(session_id, practitioner_id) DO NOTHING";
/* A duplicate that says more than the stored row: attended beats
 * did-not-attend beats cancelled; a completion date or hours where there
 * were none. */
static const char att_strengthen_sql[] =
    "UPDATE attendance SET"
    " status = CASE WHEN ?3 = 'attended' OR (?3 = 'did_not_attend' AND status = 'cancelled')"
    " THEN ?3 ELSE status END,"
    " completed = coalesce(completed, ?4), hours = coalesce(hours, ?5)"
    " WHERE session_id = ?1 AND practitioner_id = ?2";
static const char headcount_sql[] =
    "INSERT OR IGNORE INTO headcount_attendance(session_id, agency_id, count, batch_id)"
    " VALUES (?1, ?2, ?3, ?4)";
static const char course_level_sql[] =
    "UPDATE course SET level = ?2 WHERE id = ?1 AND level IS NULL";

static int
attendance_begin(struct imp_ctx *ctx, struct lia_err *err)
{
	struct attendance_state *s;

	if (imp_require(ctx, err) != 0)
		return -1;
	if (!imp_has(ctx, "course_code") && !imp_has(ctx, "course_title")) {
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
	s = g_new0(struct attendance_state, 1);
	ctx->state = s;
	s->levelled = g_hash_table_new(g_direct_hash, g_direct_equal);
	s->pending = g_new(struct att_pending, ATT_BUFFER);
	s->order = g_new(struct att_order, ATT_BUFFER);
	s->roles = g_string_chunk_new(4096);
	s->status_words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	s->last_date_text[0] = '\0';
	if ((s->ins = db_prepare(ctx->db, att_insert_sql, err)) == NULL ||
	    (s->strengthen = db_prepare(ctx->db, att_strengthen_sql, err)) == NULL ||
	    (s->headcount = db_prepare(ctx->db, headcount_sql, err)) == NULL ||
	    (s->level = db_prepare(ctx->db, course_level_sql, err)) == NULL)
		return -1;
	{
		/* The multi-row form of att_insert_sql: ATT_CHUNK rows of 8 values. */
		GString *sql = g_string_new("INSERT INTO attendance(session_id, practitioner_id,"
		    " agency_id, role, status, hours, completed, batch_id) VALUES ");
		int i;

		for (i = 0; i < ATT_CHUNK; i++)
			g_string_append(sql, i ? ",(?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?)");
		g_string_append(sql, " ON CONFLICT(session_id, practitioner_id) DO NOTHING");
		s->chunk_ins = db_prepare(ctx->db, sql->str, err);
		g_string_free(sql, TRUE);
		if (s->chunk_ins == NULL)
			return -1;
		for (i = 0; i < ATT_CHUNK; i++)
			sqlite3_bind_int64(s->chunk_ins, 8 * i + 8, ctx->batch);
		sqlite3_bind_int64(s->ins, 8, ctx->batch);
	}
	return 0;
}

static void
attendance_fini(struct imp_ctx *ctx)
{
	struct attendance_state *s = ctx->state;

	if (s == NULL)
		return;
	sqlite3_finalize(s->ins);
	sqlite3_finalize(s->strengthen);
	sqlite3_finalize(s->headcount);
	sqlite3_finalize(s->level);
	sqlite3_finalize(s->chunk_ins);
	g_hash_table_destroy(s->levelled);
	g_free(s->pending);
	g_free(s->order);
	g_string_chunk_free(s->roles);
	g_hash_table_destroy(s->status_words);
	g_free(s);
	ctx->state = NULL;
}

/* Parses a date, reusing the last answer: files come sorted by session. */
static int
row_date(struct attendance_state *s, const char *text, lia_date *out, struct imp_row *row)
{
	struct lia_err e;

	if (strcmp(text, s->last_date_text) == 0) {
		*out = s->last_date;
		return 0;
	}
	if (date_parse(text, out, &e) != 0) {
		imp_reject(row, "session_date: %s", e.msg);
		return -1;
	}
	if (strlen(text) < sizeof s->last_date_text) {
		strcpy(s->last_date_text, text);
		s->last_date = *out;
	}
	return 0;
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
 * Binds one pending row into slot i of st (parameters 8i+1 .. 8i+8) of the
 * one-row or the many-row INSERT, binding only what differs from what the
 * slot holds (b): a statement keeps its bindings from one step to the next,
 * and most rows repeat their neighbours' session, status, hours and role.
 * Roles are interned for the whole import, so an equal pointer is an equal,
 * living string; a completion date lives in the buffer and is bound each
 * time there is one.  The batch id was bound once, when st was prepared.
 */
static void
bind_slot(sqlite3_stmt *st, int i, struct att_slot *b, const struct att_pending *p)
{
	int base = 8 * i;

	if (!b->valid || b->session != p->session)
		sqlite3_bind_int64(st, base + 1, b->session = p->session);
	sqlite3_bind_int64(st, base + 2, p->person);
	if (!b->valid || b->agency != p->agency)
		sqlite3_bind_int64(st, base + 3, b->agency = p->agency);
	if (!b->valid || b->role != p->role)
		bind_opt_text(st, base + 4, b->role = p->role);
	if (!b->valid || b->status != p->status)
		sqlite3_bind_text(st, base + 5, imp_status_name(b->status = p->status), -1,
		    SQLITE_STATIC);
	if (!b->valid || b->have_hours != p->have_hours ||
	    (p->have_hours && memcmp(&b->hours, &p->hours, sizeof p->hours) != 0)) {
		b->have_hours = p->have_hours;
		b->hours = p->hours;
		bind_opt_real(st, base + 6, p->hours, p->have_hours);
	}
	if (p->have_completed || !b->valid || b->completed) {
		b->completed = p->have_completed;
		bind_opt_text(st, base + 7, p->have_completed ? p->completed : NULL);
	}
	b->valid = 1;
}

static int
strengthen(struct imp_ctx *ctx, struct attendance_state *s, const struct att_pending *p,
    struct lia_err *err)
{
	sqlite3_bind_int64(s->strengthen, 1, p->session);
	sqlite3_bind_int64(s->strengthen, 2, p->person);
	sqlite3_bind_text(s->strengthen, 3, imp_status_name(p->status), -1, SQLITE_STATIC);
	bind_opt_text(s->strengthen, 4, p->have_completed ? p->completed : NULL);
	bind_opt_real(s->strengthen, 5, p->hours, p->have_hours);
	return db_step_done(ctx->db, s->strengthen, err);
}

static int
key_order(const void *a, const void *b)
{
	const struct att_order *x = a, *y = b;

	if (x->session != y->session)
		return x->session < y->session ? -1 : 1;
	return x->person_place < y->person_place ? -1 : x->person_place > y->person_place;
}

/* Inserts the pending rows in key order: full chunks with one statement
 * each, a remainder row by row.  Duplicates found are added to
 * ctx->late_duplicates. */
static int
attendance_flush(struct imp_ctx *ctx, struct lia_err *err)
{
	struct attendance_state *s = ctx->state;
	const uint64_t place_mask = (1u << ATT_PLACE_BITS) - 1;
	int i, k, n = s->npending, inserted = 0;

	if (n == 0)
		return 0;
	s->npending = 0;
	for (i = 0; i < n; i++) {
		s->order[i].session = s->pending[i].session;
		s->order[i].person_place = (uint64_t)s->pending[i].person << ATT_PLACE_BITS | (uint64_t)i;
	}
	qsort(s->order, (size_t)n, sizeof s->order[0], key_order);
	for (k = 0; k + ATT_CHUNK <= n; k += ATT_CHUNK) {
		int got;

		for (i = 0; i < ATT_CHUNK; i++)
			bind_slot(s->chunk_ins, i, &s->slots[i],
			    &s->pending[s->order[k + i].person_place & place_mask]);
		if (db_step_done(ctx->db, s->chunk_ins, err) != 0)
			return -1;
		got = sqlite3_changes(ctx->db);
		inserted += got;
		if (got < ATT_CHUNK)
			for (i = 0; i < ATT_CHUNK; i++)
				if (strengthen(ctx, s,
				    &s->pending[s->order[k + i].person_place & place_mask], err) != 0)
					return -1;
	}
	for (; k < n; k++) {
		const struct att_pending *p = &s->pending[s->order[k].person_place & place_mask];

		bind_slot(s->ins, 0, &s->ins_slot, p);
		if (db_step_done(ctx->db, s->ins, err) != 0)
			return -1;
		if (sqlite3_changes(ctx->db) > 0)
			inserted++;
		else if (strengthen(ctx, s, p, err) != 0)
			return -1;
	}
	ctx->late_duplicates += n - inserted;
	return 0;
}

static enum row_result
attendance_row(struct imp_ctx *ctx, struct imp_row *row, struct lia_err *err)
{
	struct attendance_state *s = ctx->state;
	char **v = row->v;
	const char *agency = *v[A_AGENCY] ? v[A_AGENCY] : ctx->opts->agency;
	const char *code = *v[A_CODE] ? v[A_CODE] : NULL;
	const char *title = v[A_TITLE];
	const char *date_text = *v[A_DATE] ? v[A_DATE] : ctx->opts->date;
	const char *mode = NULL;
	char completed[DATE_ISO_LEN];
	enum att_status status = ATT_ATTENDED;
	int64_t count = -1, capacity = -1, level = -1, agency_id, course_id, session_id, person;
	double hours = 0;
	int have_hours = 0, have_completed = 0, named;
	gpointer known;
	lia_date date;

	if (code == NULL && *title == '\0')
		code = ctx->opts->course;
	if (agency == NULL || *agency == '\0')
		return imp_reject(row, "missing agency");
	if ((code == NULL || *code == '\0') && *title == '\0')
		return imp_reject(row, "missing course_code");
	if (date_text == NULL || *date_text == '\0')
		return imp_reject(row, "missing session_date");
	if (row_date(s, date_text, &date, row) != 0)
		return ROW_REJECTED;
	if (*v[A_STATUS] != '\0' && strcmp(v[A_STATUS], s->last_status_text) == 0) {
		status = s->last_status;
	} else if (*v[A_STATUS] != '\0' &&
	    (known = g_hash_table_lookup(s->status_words, v[A_STATUS])) != NULL) {
		status = (enum att_status)(GPOINTER_TO_INT(known) - 1);
		if (strlen(v[A_STATUS]) < sizeof s->last_status_text) {
			strcpy(s->last_status_text, v[A_STATUS]);
			s->last_status = status;
		}
	} else if (*v[A_STATUS] != '\0') {
		if (imp_status_word(v[A_STATUS], &status) != 0)
			return imp_reject(row, "unknown status '%s' (expected attended, did not attend"
			    " or cancelled)", v[A_STATUS]);
		if (ctx->opts->checkin && status == ATT_ATTENDED) {
			char *k = imp_header_key(v[A_STATUS]);
			if (strcmp(k, "attending") == 0)
				status = ATT_DNA;	/* booked, never checked in */
			g_free(k);
		}
		if (g_hash_table_size(s->status_words) < 64)
			g_hash_table_insert(s->status_words, g_strdup(v[A_STATUS]),
			    GINT_TO_POINTER((int)status + 1));
	}
	if (*v[A_HOURS] != '\0') {
		if (imp_real(v[A_HOURS], &hours) != 0 || hours < 0)
			return imp_reject(row, "hours '%s' is not a number of hours", v[A_HOURS]);
		have_hours = 1;
	}
	if (*v[A_CAPACITY] != '\0' && (imp_int(v[A_CAPACITY], &capacity) != 0 || capacity < 0))
		return imp_reject(row, "capacity '%s' is not a whole number", v[A_CAPACITY]);
	if (*v[A_MODE] != '\0' && (mode = imp_mode(v[A_MODE])) == NULL)
		return imp_reject(row, "unknown delivery mode '%s' (expected face to face, virtual,"
		    " e-learning or blended)", v[A_MODE]);
	if (*v[A_LEVEL] != '\0' && imp_level(v[A_LEVEL], &level) != 0)
		return imp_reject(row, "level '%s' is not a training level", v[A_LEVEL]);
	if (*v[A_COMPLETED] != '\0') {
		lia_date c;
		struct lia_err e;
		if (date_parse(v[A_COMPLETED], &c, &e) != 0)
			return imp_reject(row, "completed_date: %s", e.msg);
		date_format(c, completed);
		have_completed = 1;
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
	if ((agency_id = *v[A_AGENCY] ? imp_agency_rec(ctx, row->rec, agency, v[A_SECTOR], err)
	    : imp_agency(ctx, agency, v[A_SECTOR], err)) < 0 ||
	    (course_id = imp_course(ctx, code, title, err)) < 0 ||
	    (session_id = imp_session(ctx, course_id, date, v[A_SESSION], capacity, mode, err)) < 0)
		return ROW_FATAL;
	if (level >= 0 && !g_hash_table_contains(s->levelled, GSIZE_TO_POINTER((gsize)course_id))) {
		g_hash_table_add(s->levelled, GSIZE_TO_POINTER((gsize)course_id));
		sqlite3_bind_int64(s->level, 1, course_id);
		sqlite3_bind_int64(s->level, 2, level);
		if (db_step_done(ctx->db, s->level, err) != 0)
			return ROW_FATAL;
	}
	if (!named) {
		sqlite3_bind_int64(s->headcount, 1, session_id);
		sqlite3_bind_int64(s->headcount, 2, agency_id);
		sqlite3_bind_int64(s->headcount, 3, count);
		sqlite3_bind_int64(s->headcount, 4, ctx->batch);
		if (db_step_done(ctx->db, s->headcount, err) != 0)
			return ROW_FATAL;
		return sqlite3_changes(ctx->db) > 0 ? ROW_LOADED : ROW_DUPLICATE;
	}
	person = imp_practitioner_rec(ctx, row->rec, v[A_EMAIL], v[A_ID], agency_id, v[A_ROLE], err);
	if (person < 0)
		return ROW_FATAL;
	{
		struct att_pending *p = &s->pending[s->npending++];

		p->session = session_id;
		p->person = person;
		p->agency = agency_id;
		p->role = *v[A_ROLE] ? g_string_chunk_insert_const(s->roles, v[A_ROLE]) : NULL;
		p->status = status;
		p->hours = hours;
		p->have_hours = have_hours;
		p->have_completed = have_completed;
		if (have_completed)
			memcpy(p->completed, completed, sizeof p->completed);
	}
	if (s->npending == ATT_BUFFER && attendance_flush(ctx, err) != 0)
		return ROW_FATAL;
	/* Counted loaded now; attendance_flush moves duplicates across. */
	return ROW_LOADED;
}

static int
attendance_end(struct imp_ctx *ctx, struct lia_err *err)
{
	return attendance_flush(ctx, err);
}

const struct imp_loader imp_attendance_loader = {
	IMP_ATTENDANCE, attendance_fields, attendance_begin, attendance_row, attendance_end,
	attendance_fini, "email", "practitioner_id", "agency"
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

static int
workforce_begin(struct imp_ctx *ctx, struct lia_err *err)
{
	struct workforce_state *s;

	if (imp_require(ctx, err) != 0)
		return -1;
	s = g_new0(struct workforce_state, 1);
	ctx->state = s;
	if ((s->ins = db_prepare(ctx->db, workforce_sql, err)) == NULL ||
	    (s->existing = db_prepare(ctx->db, workforce_existing_sql, err)) == NULL)
		return -1;
	return 0;
}

static void
workforce_fini(struct imp_ctx *ctx)
{
	struct workforce_state *s = ctx->state;

	if (s == NULL)
		return;
	sqlite3_finalize(s->ins);
	sqlite3_finalize(s->existing);
	g_free(s);
	ctx->state = NULL;
}

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
	IMP_WORKFORCE, workforce_fields, workforce_begin, workforce_row, NULL, workforce_fini
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

static int
courses_begin(struct imp_ctx *ctx, struct lia_err *err)
{
	struct course_state *s;

	if (imp_require(ctx, err) != 0)
		return -1;
	s = g_new0(struct course_state, 1);
	ctx->state = s;
	s->seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if ((s->upsert = db_prepare(ctx->db, course_upsert_sql, err)) == NULL ||
	    (s->theme = db_prepare(ctx->db, course_theme_sql, err)) == NULL)
		return -1;
	return 0;
}

static void
courses_fini(struct imp_ctx *ctx)
{
	struct course_state *s = ctx->state;

	if (s == NULL)
		return;
	sqlite3_finalize(s->upsert);
	sqlite3_finalize(s->theme);
	g_hash_table_destroy(s->seen);
	g_free(s);
	ctx->state = NULL;
}

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
		lia_err_set(err, "database: %s", sqlite3_errmsg(ctx->db));
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
	IMP_COURSES, course_fields, courses_begin, courses_row, NULL, courses_fini
};
