/*
 * load_evidence: the evidence log — the learning products that are not
 * courses (7-minute briefings, practice resources, learning events
 * recorded by numbers) and the evidence sources of the improvement cycle
 * that are not audits (service-user feedback, complaints, compliments,
 * frontline intelligence, national research, dataset reports).  One row
 * is one item, known by its kind, date and title (case and spaces
 * ignored).  Its reach is a count in one unit (people, downloads, views or
 * copies), never converted: a reach without its unit is rejected, not
 * guessed.  Free text (title, source, link) is stored with its e-mail
 * addresses, phone numbers, IP addresses and postcodes removed, with a
 * warning saying what went.
 *
 * A row whose item is held already is a duplicate that fills what the
 * held item lacks (its review, agency, source, link, a reach where none
 * was) and raises a reach counted in the same unit (a later export of a
 * download count); it adds the themes it names.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "import/internal.h"

enum { EV_DATE, EV_KIND, EV_TITLE, EV_THEMES, EV_REVIEW, EV_AGENCY, EV_REACH, EV_UNIT,
	EV_SOURCE, EV_LINK };

static const struct imp_field evidence_fields[] = {
	[EV_DATE] = { "date", F_REQUIRED },
	[EV_KIND] = { "kind", F_REQUIRED },
	[EV_TITLE] = { "title", F_REQUIRED },
	[EV_THEMES] = { "themes", 0 },
	[EV_REVIEW] = { "review_code", 0 },
	[EV_AGENCY] = { "agency", 0 },
	[EV_REACH] = { "reach", 0 },
	[EV_UNIT] = { "reach_unit", 0 },
	[EV_SOURCE] = { "source", 0 },
	[EV_LINK] = { "link", 0 },
	{ NULL, 0 }
};

/* Kinds as partnerships write them, in imp_header_key form. */
static const struct imp_word kind_words[] = {
	{ "briefing", "briefing" }, { "briefings", "briefing" },
	{ "7minutebriefing", "briefing" }, { "sevenminutebriefing", "briefing" },
	{ "7minbriefing", "briefing" }, { "7mb", "briefing" }, { "learningbriefing", "briefing" },
	{ "resource", "resource" }, { "resources", "resource" },
	{ "practiceresource", "resource" }, { "websiteresource", "resource" },
	{ "toolkit", "resource" }, { "guidance", "resource" },
	{ "learningevent", "learning_event" }, { "event", "learning_event" },
	{ "conference", "learning_event" }, { "workshop", "learning_event" },
	{ "serviceuserfeedback", "service_user_feedback" },
	{ "serviceuser", "service_user_feedback" },
	{ "serviceuservoice", "service_user_feedback" },
	{ "familyfeedback", "service_user_feedback" },
	{ "complaint", "complaint" }, { "complaints", "complaint" },
	{ "compliment", "compliment" }, { "compliments", "compliment" },
	{ "frontlineintelligence", "frontline_intelligence" },
	{ "frontline", "frontline_intelligence" },
	{ "nationalresearch", "national_research" }, { "research", "national_research" },
	{ "nationalresearchandpractice", "national_research" },
	{ "datasetreport", "dataset_report" }, { "dataset", "dataset_report" },
	{ "datareport", "dataset_report" },
	{ "other", "other" },
};

static const struct imp_word unit_words[] = {
	{ "people", "people" }, { "person", "people" }, { "persons", "people" },
	{ "attendees", "people" }, { "practitioners", "people" }, { "delegates", "people" },
	{ "participants", "people" },
	{ "downloads", "downloads" }, { "download", "downloads" },
	{ "views", "views" }, { "view", "views" }, { "pageviews", "views" },
	{ "copies", "copies" }, { "copy", "copies" },
};

#define NWORDS(w) (sizeof (w) / sizeof (w)[0])

/* Words before a count that say it is rounded ("Circa. 1000", as the
 * seed report writes its learning events' reach), each with or without a
 * full stop. */
static const char *const approx_words[] = {
	"circa", "c", "ca", "approx", "approximately", "about", "around", "over", NULL
};

struct evidence_state {
	sqlite3_stmt *ins, *fill, *theme;
	struct imp_reviews reviews;
};

static const char ev_ins_sql[] =
    "INSERT INTO evidence_item(date, kind, title, title_key, review_id, agency_id, reach,"
    " reach_unit, source, link, batch_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " ON CONFLICT(kind, date, title_key) DO NOTHING";
/* A duplicate fills gaps; a reach in the same unit only rises. */
static const char ev_fill_sql[] =
    "UPDATE evidence_item SET review_id = coalesce(review_id, ?5),"
    " agency_id = coalesce(agency_id, ?6),"
    " reach = CASE WHEN reach IS NULL THEN ?7 WHEN reach_unit = ?8 AND ?7 > reach THEN ?7"
    "   ELSE reach END,"
    " reach_unit = CASE WHEN reach IS NULL AND ?7 IS NOT NULL THEN ?8 ELSE reach_unit END,"
    " source = coalesce(source, ?9), link = coalesce(link, ?10)"
    " WHERE kind = ?2 AND date = ?1 AND title_key = ?4";
static const char ev_theme_sql[] =
    "INSERT OR IGNORE INTO evidence_theme(evidence_id, theme_id)"
    " SELECT id, ?4 FROM evidence_item WHERE kind = ?2 AND date = ?1 AND title_key = ?3";

static const struct imp_sql evidence_sql[] = {
	{ ev_ins_sql, offsetof(struct evidence_state, ins), 0 },
	{ ev_fill_sql, offsetof(struct evidence_state, fill), 0 },
	{ ev_theme_sql, offsetof(struct evidence_state, theme), 0 },
	{ IMP_REVIEW_FIND_SQL, offsetof(struct evidence_state, reviews.find), 0 },
	{ NULL, 0, 0 }
};
static const size_t evidence_tables[] = {
	offsetof(struct evidence_state, reviews.known), IMP_TABLES_END
};


/*
 * A reach: a whole number ("1,200"), perhaps after a word saying it is
 * rounded ("circa 1000", "c. 1000", "~1000").  0 with *n and *approx, -1
 * if not.
 */
static int
reach_count(const char *text, int64_t *n, int *approx)
{
	const char *const *w;

	*approx = 0;
	if (*text == '~') {
		text++;
		*approx = 1;
	}
	for (w = approx_words; *w != NULL && !*approx; w++) {
		size_t len = strlen(*w);
		const char *p = text + len;

		if (g_ascii_strncasecmp(text, *w, len) != 0)
			continue;
		if (*p == '.')
			p++;
		if (*p != ' ' && p == text + len)
			continue;	/* "c1000"? not a word before a number */
		text = p;
		*approx = 1;
	}
	while (*text == ' ')
		text++;
	return imp_int(text, n);
}

/* Scrubs one free-text value: the value to store (text itself or a new
 * string kept in *owned) and, by bits, what went into *found. */
static const char *
scrubbed(const char *text, char **owned, unsigned *found)
{
	unsigned f;

	*owned = imp_scrub(text, &f);
	*found |= f;
	return *owned != NULL ? *owned : text;
}

/* Binds ?1..?10 of the insert and the fill alike. */
static void
bind_item(sqlite3_stmt *st, const char *iso, const char *kind, const char *title,
    const char *key, int64_t review, int64_t agency, int have_reach, int64_t reach,
    const char *unit, const char *source, const char *link)
{
	sqlite3_bind_text(st, 1, iso, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, key, -1, SQLITE_STATIC);
	imp_bind_id(st, 5, review);
	imp_bind_id(st, 6, agency);
	if (have_reach)
		sqlite3_bind_int64(st, 7, reach);
	else
		sqlite3_bind_null(st, 7);
	imp_bind_text(st, 8, have_reach ? unit : NULL);
	imp_bind_text(st, 9, source);
	imp_bind_text(st, 10, link);
}

static enum row_result
evidence_row(struct imp_ctx *ctx, struct imp_row *row, struct lia_err *err)
{
	struct evidence_state *s = ctx->state;
	char **v = row->v, iso[DATE_ISO_LEN], *key = NULL, **themes = NULL, **t;
	char *own_title = NULL, *own_source = NULL, *own_link = NULL;
	const char *kind, *unit = NULL, *title, *source, *link;
	enum row_result res = ROW_FATAL;
	int64_t review = 0, agency = 0, reach = 0;
	int have_reach = 0, approx = 0;
	unsigned found = 0;
	lia_date d;
	enum row_result rr;

	if (*v[EV_DATE] == '\0')
		return imp_reject(row, "missing date");
	if ((rr = imp_row_date(ctx, EV_DATE, v[EV_DATE], &d, row, err)) != ROW_LOADED)
		return rr;
	if (*v[EV_KIND] == '\0')
		return imp_reject(row, "missing kind");
	if ((kind = imp_word(kind_words, NWORDS(kind_words), v[EV_KIND])) == NULL)
		return imp_reject(row, "unknown kind '%s' (expected briefing, resource,"
		    " learning_event, service_user_feedback, complaint, compliment,"
		    " frontline_intelligence, national_research, dataset_report or other)",
		    v[EV_KIND]);
	if (*v[EV_TITLE] == '\0')
		return imp_reject(row, "missing title");
	if (*v[EV_REACH] != '\0') {
		if (reach_count(v[EV_REACH], &reach, &approx) != 0 || reach < 0)
			return imp_reject(row, "reach '%s' is not a count", v[EV_REACH]);
		if (*v[EV_UNIT] == '\0')
			return imp_reject(row, "reach %s without a reach_unit (people, downloads,"
			    " views or copies): units are never mixed", v[EV_REACH]);
		have_reach = 1;
	}
	if (*v[EV_UNIT] != '\0' &&
	    (unit = imp_word(unit_words, NWORDS(unit_words), v[EV_UNIT])) == NULL)
		return imp_reject(row, "unknown reach_unit '%s' (expected people, downloads,"
		    " views or copies)", v[EV_UNIT]);
	if (*v[EV_REVIEW] != '\0') {
		if ((review = imp_review_find(ctx, &s->reviews, v[EV_REVIEW], err)) < 0)
			return ROW_FATAL;
		if (review == 0)
			return imp_reject(row, "review_code '%s' is not a known review (import the"
			    " reviews first)", v[EV_REVIEW]);
	}
	date_format(d, iso);
	title = scrubbed(v[EV_TITLE], &own_title, &found);
	source = scrubbed(v[EV_SOURCE], &own_source, &found);
	link = scrubbed(v[EV_LINK], &own_link, &found);
	key = imp_name_key(title);
	if (*v[EV_AGENCY] != '\0' && (agency = imp_agency(ctx, v[EV_AGENCY], NULL, err)) < 0)
		goto out;

	bind_item(s->ins, iso, kind, title, key, review, agency, have_reach, reach, unit,
	    source, link);
	sqlite3_bind_int64(s->ins, 11, ctx->batch);
	if (db_step_done(ctx->db, s->ins, err) != 0)
		goto out;
	res = sqlite3_changes(ctx->db) > 0 ? ROW_LOADED : ROW_DUPLICATE;
	if (res == ROW_DUPLICATE) {
		bind_item(s->fill, iso, kind, title, key, review, agency, have_reach, reach, unit,
		    source, link);
		if (db_step_done(ctx->db, s->fill, err) != 0)
			goto fatal;
	}

	themes = g_strsplit(v[EV_THEMES], ";", -1);
	for (t = themes; *t != NULL; t++) {
		int64_t theme;

		g_strstrip(*t);
		if (**t == '\0')
			continue;
		if ((theme = imp_theme(ctx, *t, err)) < 0)
			goto fatal;
		sqlite3_bind_text(s->theme, 1, iso, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->theme, 2, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->theme, 3, key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s->theme, 4, theme);
		if (db_step_done(ctx->db, s->theme, err) != 0)
			goto fatal;
	}

	/* Said once, when the item is first loaded. */
	if (res == ROW_LOADED && found != 0) {
		char *said = imp_scrub_said(found);
		int rc = imp_warn(ctx, row->line, err, "%s removed from the item's text", said);

		g_free(said);
		if (rc != 0)
			goto fatal;
	}
	if (res == ROW_LOADED && approx && imp_warn(ctx, row->line, err,
	    "reach '%s' is approximate: %lld %s stored", v[EV_REACH], (long long)reach,
	    unit) != 0)
		goto fatal;
	if (res == ROW_LOADED && !have_reach && unit != NULL && imp_warn(ctx, row->line, err,
	    "reach_unit '%s' without a reach: no reach stored", v[EV_UNIT]) != 0)
		goto fatal;
	goto out;
fatal:
	res = ROW_FATAL;
out:
	g_strfreev(themes);
	g_free(key);
	g_free(own_title);
	g_free(own_source);
	g_free(own_link);
	return res;
}

const struct imp_loader imp_evidence_loader = {
	.kind = IMP_EVIDENCE,
	.fields = evidence_fields,
	.state_size = sizeof(struct evidence_state),
	.sql = evidence_sql,
	.tables = evidence_tables,
	.row = evidence_row,
};
