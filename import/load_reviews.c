/*
 * load_reviews: the loaders of the reviews' side of the learning cycle —
 * reviews (serious case reviews, child safeguarding practice reviews, rapid
 * reviews, safeguarding adults reviews) with their milestones and themes,
 * the action plans that follow them, and the extra non-working days of the
 * calendar the statutory clocks are counted on.  A milestone earlier than
 * the one before it is loaded with a warning, never silently; a milestone
 * given as a month only ("February 2018", as board reports write them) is
 * taken as the 1st of that month, with a warning saying the day was assumed.
 */
#include <stddef.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "import/internal.h"

/*
 * A milestone date: anything date_parse reads, or a month and year only
 * ("February 2018", "Feb 2018", "Sept 2019"), which is the 1st of that month
 * with *assumed set.  Returns 0, or -1 with e naming the text.
 */
static int
milestone_date(const char *text, lia_date *out, int *assumed, struct lia_err *e)
{
	const char *p = text;
	size_t letters = 0;
	char buf[64];

	*assumed = 0;
	if (date_parse(text, out, e) == 0)
		return 0;
	while (isalpha((unsigned char)p[letters]))
		letters++;
	p += letters;
	if (*p == '.')
		p++;
	if (letters < 3 || *p != ' ')
		return -1;
	while (*p == ' ')
		p++;
	if (strlen(p) != 4 || strspn(p, "0123456789") != 4 || strlen(text) + 3 > sizeof buf)
		return -1;
	/* "Sept" is how some write September; date_parse knows "Sep". */
	if (letters == 4 && g_ascii_strncasecmp(text, "sept", 4) == 0)
		snprintf(buf, sizeof buf, "1 Sep %s", p);
	else
		snprintf(buf, sizeof buf, "1 %.*s %s", (int)letters, text, p);
	if (date_parse(buf, out, e) != 0) {
		lia_err_set(e, "'%s' is not a date", text);
		return -1;
	}
	*assumed = 1;
	return 0;
}

/* ---- reviews ------------------------------------------------------------------- */

enum {
	R_CODE, R_KIND, R_TITLE, R_INCIDENT, R_NOTIFIED, R_DECISION, R_AUTHOR, R_BOARD,
	R_PANEL, R_PUBLISHED, R_THEMES, R_DELAY
};

#define R_FIRST_MILESTONE R_INCIDENT
#define R_NMILESTONES (R_PUBLISHED - R_INCIDENT + 1)

static const struct imp_field review_fields[] = {
	[R_CODE] = { "review_code", F_REQUIRED },
	[R_KIND] = { "kind", 0 },
	[R_TITLE] = { "title", 0 },
	[R_INCIDENT] = { "incident_date", 0 },
	[R_NOTIFIED] = { "notified_date", 0 },
	[R_DECISION] = { "decision_date", 0 },
	[R_AUTHOR] = { "author_appointed", 0 },
	[R_BOARD] = { "report_to_board", 0 },
	[R_PANEL] = { "report_to_panel", 0 },
	[R_PUBLISHED] = { "published", 0 },
	[R_THEMES] = { "themes", 0 },
	[R_DELAY] = { "delay_reason", 0 },
	{ NULL, 0 }
};

static const struct imp_word review_kinds[] = {
	{ "scr", "scr" }, { "seriouscasereview", "scr" },
	{ "cspr", "cspr" }, { "lcspr", "cspr" }, { "childsafeguardingpracticereview", "cspr" },
	{ "localchildsafeguardingpracticereview", "cspr" }, { "practicereview", "cspr" },
	{ "rapidreview", "rapid_review" }, { "rr", "rapid_review" },
	{ "sar", "sar" }, { "safeguardingadultsreview", "sar" },
	{ "safeguardingadultreview", "sar" },
};

/* Review kind word to the schema's word; NULL if not known. */
static const char *
review_kind(const char *s)
{
	return imp_word(review_kinds, sizeof review_kinds / sizeof review_kinds[0], s);
}

struct review_state {
	sqlite3_stmt *ins, *fill, *find, *theme;
};

static const char review_ins_sql[] =
    "INSERT INTO review(code, kind, title, incident_date, notified_date, decision_date,"
    " author_appointed, report_to_board, report_to_panel, published, delay_reason, batch_id)"
    " VALUES (?1, coalesce(?2, 'scr'), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    " ON CONFLICT(code) DO NOTHING";
/* A duplicate that says more than the stored row fills its gaps. */
static const char review_fill_sql[] =
    "UPDATE review SET title = coalesce(title, ?3), incident_date = coalesce(incident_date, ?4),"
    " notified_date = coalesce(notified_date, ?5), decision_date = coalesce(decision_date, ?6),"
    " author_appointed = coalesce(author_appointed, ?7),"
    " report_to_board = coalesce(report_to_board, ?8),"
    " report_to_panel = coalesce(report_to_panel, ?9), published = coalesce(published, ?10),"
    " delay_reason = coalesce(delay_reason, ?11) WHERE code = ?1";
static const char review_find_sql[] = "SELECT id FROM review WHERE code = ?1";
static const char review_theme_sql[] =
    "INSERT OR IGNORE INTO review_theme(review_id, theme_id) VALUES (?1, ?2)";

static const struct imp_sql reviews_sql[] = {
	{ review_ins_sql, offsetof(struct review_state, ins), 0 },
	{ review_fill_sql, offsetof(struct review_state, fill), 0 },
	{ review_find_sql, offsetof(struct review_state, find), 0 },
	{ review_theme_sql, offsetof(struct review_state, theme), 0 },
	{ NULL, 0, 0 }
};

/* Binds code, title, the milestones and the delay reason as ?1, ?3..?11. */
static void
bind_review(sqlite3_stmt *st, char **v, char iso[R_NMILESTONES][DATE_ISO_LEN],
    const int *have)
{
	int m;

	sqlite3_bind_text(st, 1, v[R_CODE], -1, SQLITE_STATIC);
	imp_bind_text(st, 3, v[R_TITLE]);
	for (m = 0; m < R_NMILESTONES; m++)
		imp_bind_text(st, 4 + m, have[m] ? iso[m] : NULL);
	imp_bind_text(st, 11, v[R_DELAY]);
}

static enum row_result
reviews_row(struct imp_ctx *ctx, struct imp_row *row, struct lia_err *err)
{
	struct review_state *s = ctx->state;
	char **v = row->v, **themes = NULL, **t;
	char iso[R_NMILESTONES][DATE_ISO_LEN], assumed_names[256] = "";
	const char *kind = NULL;
	lia_date date[R_NMILESTONES];
	int have[R_NMILESTONES] = { 0 }, m, prev = -1, loaded, assumed;
	int64_t review_id = 0;
	struct lia_err e;

	if (*v[R_CODE] == '\0')
		return imp_reject(row, "missing review_code");
	if (*v[R_KIND] != '\0' && (kind = review_kind(v[R_KIND])) == NULL)
		return imp_reject(row, "unknown review kind '%s' (expected SCR, CSPR, rapid review"
		    " or SAR)", v[R_KIND]);
	for (m = 0; m < R_NMILESTONES; m++) {
		const char *text = v[R_FIRST_MILESTONE + m];

		if (*text == '\0')
			continue;
		/* a date by numbers in the file's one day/month order (imp_date);
		 * a month and year in words as milestone_date reads them */
		assumed = 0;
		if (g_ascii_isdigit(*text)) {
			enum row_result rr = imp_row_date(ctx, R_FIRST_MILESTONE + m, text, &date[m],
			    row, err);

			if (rr != ROW_LOADED)
				return rr;
		} else if (milestone_date(text, &date[m], &assumed, &e) != 0)
			return imp_reject(row, "%s: %s", review_fields[R_FIRST_MILESTONE + m].name,
			    e.msg);
		if (assumed) {
			size_t len = strlen(assumed_names);
			snprintf(assumed_names + len, sizeof assumed_names - len, "%s%s",
			    len > 0 ? ", " : "", review_fields[R_FIRST_MILESTONE + m].name);
		}
		date_format(date[m], iso[m]);
		have[m] = 1;
	}

	imp_bind_text(s->ins, 2, kind);
	bind_review(s->ins, v, iso, have);
	sqlite3_bind_int64(s->ins, 12, ctx->batch);
	if (db_step_done(ctx->db, s->ins, err) != 0)
		return ROW_FATAL;
	loaded = sqlite3_changes(ctx->db) > 0;
	if (!loaded) {
		bind_review(s->fill, v, iso, have);
		if (db_step_done(ctx->db, s->fill, err) != 0)
			return ROW_FATAL;
	}

	/* The milestones in the order a review reaches them; each against the
	 * latest one before it that the row gives.  A duplicate row only fills
	 * gaps, so its warnings would repeat the first row's. */
	for (m = 0; loaded && m < R_NMILESTONES; m++) {
		if (!have[m])
			continue;
		if (prev >= 0 && date[m] < date[prev] && imp_warn(ctx, row->line, err,
		    "review %s: %s %s is before %s %s", v[R_CODE],
		    review_fields[R_FIRST_MILESTONE + m].name, iso[m],
		    review_fields[R_FIRST_MILESTONE + prev].name, iso[prev]) != 0)
			return ROW_FATAL;
		prev = m;
	}
	if (loaded && assumed_names[0] != '\0' && imp_warn(ctx, row->line, err,
	    "review %s: %s given as a month only; the 1st of the month assumed",
	    v[R_CODE], assumed_names) != 0)
		return ROW_FATAL;

	themes = g_strsplit(v[R_THEMES], ";", -1);
	for (t = themes; *t != NULL; t++) {
		int64_t theme;

		g_strstrip(*t);
		if (**t == '\0')
			continue;
		if (review_id == 0) {
			sqlite3_bind_text(s->find, 1, v[R_CODE], -1, SQLITE_STATIC);
			if (sqlite3_step(s->find) == SQLITE_ROW)
				review_id = sqlite3_column_int64(s->find, 0);
			sqlite3_reset(s->find);
			if (review_id <= 0) {
				lia_err_set(err, "database: review %s not found", v[R_CODE]);
				goto fatal;
			}
		}
		if ((theme = imp_theme(ctx, *t, err)) < 0)
			goto fatal;
		sqlite3_bind_int64(s->theme, 1, review_id);
		sqlite3_bind_int64(s->theme, 2, theme);
		if (db_step_done(ctx->db, s->theme, err) != 0)
			goto fatal;
	}
	g_strfreev(themes);
	return loaded ? ROW_LOADED : ROW_DUPLICATE;
fatal:
	g_strfreev(themes);
	return ROW_FATAL;
}

const struct imp_loader imp_reviews_loader = {
	.kind = IMP_REVIEWS,
	.fields = review_fields,
	.state_size = sizeof(struct review_state),
	.sql = reviews_sql,
	.row = reviews_row,
};

/* ---- actions ------------------------------------------------------------------- */

enum { AC_ID, AC_TEXT, AC_REVIEW, AC_THEME, AC_OWNER, AC_DUE, AC_COMPLETED, AC_STATUS };

static const struct imp_field action_fields[] = {
	[AC_ID] = { "action_id", F_REQUIRED },
	[AC_TEXT] = { "action", F_REQUIRED },
	[AC_REVIEW] = { "review_code", 0 },
	[AC_THEME] = { "theme", 0 },
	[AC_OWNER] = { "owner_agency", 0 },
	[AC_DUE] = { "due_date", 0 },
	[AC_COMPLETED] = { "completed_date", 0 },
	[AC_STATUS] = { "status", 0 },
	{ NULL, 0 }
};

/* Action status words, ranked: a duplicate keeps the furthest along. */
static const struct imp_word action_words[] = {
	{ "open", "open" }, { "notstarted", "open" }, { "outstanding", "open" },
	{ "new", "open" }, { "planned", "open" }, { "overdue", "open" },
	{ "inprogress", "in_progress" }, { "ongoing", "in_progress" },
	{ "started", "in_progress" }, { "underway", "in_progress" },
	{ "partiallycomplete", "in_progress" }, { "partiallycompleted", "in_progress" },
	{ "completed", "completed" }, { "complete", "completed" }, { "done", "completed" },
	{ "closed", "completed" }, { "achieved", "completed" },
	{ "cancelled", "cancelled" }, { "canceled", "cancelled" },
	{ "withdrawn", "cancelled" }, { "superseded", "cancelled" },
};

static const char *
action_status(const char *s)
{
	return imp_word(action_words, sizeof action_words / sizeof action_words[0], s);
}

struct action_state {
	sqlite3_stmt *ins, *strengthen;
	struct imp_reviews reviews;
};

static const char action_ins_sql[] =
    "INSERT INTO action(ref, review_id, theme_id, text, owner_agency_id, due, completed,"
    " status, batch_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT(ref) DO NOTHING";
/* open < in_progress < cancelled < completed: a later plan moves an action
 * on, never back; a completion date or a due date fills a gap. */
static const char action_strengthen_sql[] =
    "UPDATE action SET"
    " status = CASE WHEN (CASE ?2 WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1"
    "   WHEN 'cancelled' THEN 2 ELSE 3 END) > (CASE status WHEN 'open' THEN 0"
    "   WHEN 'in_progress' THEN 1 WHEN 'cancelled' THEN 2 ELSE 3 END) THEN ?2 ELSE status END,"
    " completed = coalesce(completed, ?3), due = coalesce(due, ?4),"
    " review_id = coalesce(review_id, ?5), theme_id = coalesce(theme_id, ?6),"
    " owner_agency_id = coalesce(owner_agency_id, ?7)"
    " WHERE ref = ?1";

static const struct imp_sql actions_sql[] = {
	{ action_ins_sql, offsetof(struct action_state, ins), 0 },
	{ action_strengthen_sql, offsetof(struct action_state, strengthen), 0 },
	{ IMP_REVIEW_FIND_SQL, offsetof(struct action_state, reviews.find), 0 },
	{ NULL, 0, 0 }
};
static const size_t actions_tables[] = {
	offsetof(struct action_state, reviews.known), IMP_TABLES_END
};

int64_t
imp_review_find(struct imp_ctx *ctx, struct imp_reviews *r, const char *code,
    struct lia_err *err)
{
	gpointer hit;
	int64_t id;

	if ((hit = g_hash_table_lookup(r->known, code)) != NULL)
		return (int64_t)GPOINTER_TO_SIZE(hit);
	sqlite3_bind_text(r->find, 1, code, -1, SQLITE_STATIC);
	if ((id = imp_find_id(ctx->db, r->find, NULL, err)) > 0)
		g_hash_table_insert(r->known, g_strdup(code), GSIZE_TO_POINTER((gsize)id));
	return id;
}

static enum row_result
actions_row(struct imp_ctx *ctx, struct imp_row *row, struct lia_err *err)
{
	struct action_state *s = ctx->state;
	char **v = row->v, due[DATE_ISO_LEN], completed[DATE_ISO_LEN];
	const char *status = NULL;
	int64_t review = 0, theme = 0, owner = 0;
	int have_due = 0, have_completed = 0;
	lia_date d;
	enum row_result rr;

	if (*v[AC_ID] == '\0')
		return imp_reject(row, "missing action_id");
	if (*v[AC_TEXT] == '\0')
		return imp_reject(row, "missing action");
	if (*v[AC_STATUS] != '\0' && (status = action_status(v[AC_STATUS])) == NULL)
		return imp_reject(row, "unknown status '%s' (expected open, in progress, completed"
		    " or cancelled)", v[AC_STATUS]);
	if (*v[AC_DUE] != '\0') {
		if ((rr = imp_row_date(ctx, AC_DUE, v[AC_DUE], &d, row, err)) != ROW_LOADED)
			return rr;
		date_format(d, due);
		have_due = 1;
	}
	if (*v[AC_COMPLETED] != '\0') {
		if ((rr = imp_row_date(ctx, AC_COMPLETED, v[AC_COMPLETED], &d, row, err)) !=
		    ROW_LOADED)
			return rr;
		date_format(d, completed);
		have_completed = 1;
	}
	if (status == NULL)
		status = have_completed ? "completed" : "open";
	if (*v[AC_REVIEW] != '\0') {
		if ((review = imp_review_find(ctx, &s->reviews, v[AC_REVIEW], err)) < 0)
			return ROW_FATAL;
		if (review == 0)
			return imp_reject(row, "review_code '%s' is not a known review (import the"
			    " reviews first)", v[AC_REVIEW]);
	}
	if (have_completed && strcmp(status, "open") == 0 && imp_warn(ctx, row->line, err,
	    "action %s: status open but completed on %s", v[AC_ID], completed) != 0)
		return ROW_FATAL;
	if (*v[AC_THEME] != '\0' && (theme = imp_theme(ctx, v[AC_THEME], err)) < 0)
		return ROW_FATAL;
	if (*v[AC_OWNER] != '\0' && (owner = imp_agency(ctx, v[AC_OWNER], NULL, err)) < 0)
		return ROW_FATAL;

	sqlite3_bind_text(s->ins, 1, v[AC_ID], -1, SQLITE_STATIC);
	if (review > 0)
		sqlite3_bind_int64(s->ins, 2, review);
	else
		sqlite3_bind_null(s->ins, 2);
	if (theme > 0)
		sqlite3_bind_int64(s->ins, 3, theme);
	else
		sqlite3_bind_null(s->ins, 3);
	sqlite3_bind_text(s->ins, 4, v[AC_TEXT], -1, SQLITE_STATIC);
	if (owner > 0)
		sqlite3_bind_int64(s->ins, 5, owner);
	else
		sqlite3_bind_null(s->ins, 5);
	imp_bind_text(s->ins, 6, have_due ? due : NULL);
	imp_bind_text(s->ins, 7, have_completed ? completed : NULL);
	sqlite3_bind_text(s->ins, 8, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s->ins, 9, ctx->batch);
	if (db_step_done(ctx->db, s->ins, err) != 0)
		return ROW_FATAL;
	if (sqlite3_changes(ctx->db) > 0)
		return ROW_LOADED;
	sqlite3_bind_text(s->strengthen, 1, v[AC_ID], -1, SQLITE_STATIC);
	sqlite3_bind_text(s->strengthen, 2, status, -1, SQLITE_STATIC);
	imp_bind_text(s->strengthen, 3, have_completed ? completed : NULL);
	imp_bind_text(s->strengthen, 4, have_due ? due : NULL);
	if (review > 0)
		sqlite3_bind_int64(s->strengthen, 5, review);
	else
		sqlite3_bind_null(s->strengthen, 5);
	if (theme > 0)
		sqlite3_bind_int64(s->strengthen, 6, theme);
	else
		sqlite3_bind_null(s->strengthen, 6);
	if (owner > 0)
		sqlite3_bind_int64(s->strengthen, 7, owner);
	else
		sqlite3_bind_null(s->strengthen, 7);
	if (db_step_done(ctx->db, s->strengthen, err) != 0)
		return ROW_FATAL;
	return ROW_DUPLICATE;
}

const struct imp_loader imp_actions_loader = {
	.kind = IMP_ACTIONS,
	.fields = action_fields,
	.state_size = sizeof(struct action_state),
	.sql = actions_sql,
	.tables = actions_tables,
	.row = actions_row,
};

/* ---- holidays ------------------------------------------------------------------ */

enum { H_DATE, H_TITLE };

static const struct imp_field holiday_fields[] = {
	[H_DATE] = { "date", F_REQUIRED },
	[H_TITLE] = { "title", 0 },
	{ NULL, 0 }
};

struct holiday_state {
	sqlite3_stmt *ins, *fill;
};

static const char holiday_ins_sql[] =
    "INSERT INTO holiday(date, title, batch_id) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(date) DO NOTHING";
static const char holiday_fill_sql[] =
    "UPDATE holiday SET title = ?2 WHERE date = ?1 AND title IS NULL";

static const struct imp_sql holidays_sql[] = {
	{ holiday_ins_sql, offsetof(struct holiday_state, ins), 0 },
	{ holiday_fill_sql, offsetof(struct holiday_state, fill), 0 },
	{ NULL, 0, 0 }
};

static enum row_result
holidays_row(struct imp_ctx *ctx, struct imp_row *row, struct lia_err *err)
{
	struct holiday_state *s = ctx->state;
	char **v = row->v, iso[DATE_ISO_LEN];
	const char *bank;
	lia_date d;
	enum row_result rr;

	if (*v[H_DATE] == '\0')
		return imp_reject(row, "missing date");
	if ((rr = imp_row_date(ctx, H_DATE, v[H_DATE], &d, row, err)) != ROW_LOADED)
		return rr;
	date_format(d, iso);
	sqlite3_bind_text(s->ins, 1, iso, -1, SQLITE_STATIC);
	imp_bind_text(s->ins, 2, v[H_TITLE]);
	sqlite3_bind_int64(s->ins, 3, ctx->batch);
	if (db_step_done(ctx->db, s->ins, err) != 0)
		return ROW_FATAL;
	if (sqlite3_changes(ctx->db) == 0) {
		sqlite3_bind_text(s->fill, 1, iso, -1, SQLITE_STATIC);
		imp_bind_text(s->fill, 2, v[H_TITLE]);
		if (db_step_done(ctx->db, s->fill, err) != 0)
			return ROW_FATAL;
		return ROW_DUPLICATE;
	}
	/* Kept, but it changes no count: say so. */
	if ((bank = calendar_bank_holiday_name(d)) != NULL) {
		if (imp_warn(ctx, row->line, err, "%s is already a bank holiday (%s)", iso, bank) != 0)
			return ROW_FATAL;
	} else if (date_weekday(d) >= 5 && imp_warn(ctx, row->line, err,
	    "%s is a %s: not a working day anyway", iso,
	    date_weekday(d) == 5 ? "Saturday" : "Sunday") != 0) {
		return ROW_FATAL;
	}
	return ROW_LOADED;
}

const struct imp_loader imp_holidays_loader = {
	.kind = IMP_HOLIDAYS,
	.fields = holiday_fields,
	.state_size = sizeof(struct holiday_state),
	.sql = holidays_sql,
	.row = holidays_row,
};
