/*
 * load_audits: the loader of the PQA sub-group's audit results, one row per
 * agency x standard (Section 11) or case x standard (Section 175/157, single-
 * and multi-agency case audits), and the words it reads: audit kinds as
 * people spell them ("Section 11", "S11", "s.175", "MACA"), ratings (met /
 * partially met / not met / not applicable, red / amber / green) and the
 * eight Section 11 standards, built in with their titles so a file may give
 * only a code ("1", "S11.1", "Standard 1").  Audits and standards are
 * created on first sight; a result is a duplicate when its audit, standard,
 * agency and case are already held, and then only fills what was missing.
 */
#include <stddef.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/internal.h"

/* ---- words ------------------------------------------------------------------- */

/* In imp_header_key form, with "audit" and "case" taken off. */
static const struct imp_word audit_kinds[] = {
	{ "section11", "section11" }, { "s11", "section11" }, { "sec11", "section11" },
	{ "section175", "s175" }, { "s175", "s175" }, { "section175157", "s175" },
	{ "s175157", "s175" }, { "section157", "s175" }, { "s157", "s175" },
	{ "s175s157", "s175" }, { "section175and157", "s175" }, { "schools", "s175" },
	{ "schoolssafeguarding", "s175" }, { "education", "s175" },
	{ "singleagency", "single_agency" }, { "single", "single_agency" },
	{ "multiagency", "multi_agency" }, { "multi", "multi_agency" },
	{ "maca", "multi_agency" }, { "joint", "multi_agency" },
	{ "multiagencythemed", "multi_agency" }, { "themedmultiagency", "multi_agency" },
};

static int
strip_suffix(char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	if (n > m && strcmp(s + n - m, suffix) == 0) {
		s[n - m] = '\0';
		return 1;
	}
	return 0;
}

const char *
imp_audit_kind(const char *text)
{
	char *k = imp_header_key(text);
	const char *kind;

	if (!strip_suffix(k, "audits"))
		strip_suffix(k, "audit");
	if (!strip_suffix(k, "cases"))
		strip_suffix(k, "case");
	kind = imp_word_key(audit_kinds, sizeof audit_kinds / sizeof audit_kinds[0], k);
	g_free(k);
	return kind;
}

static const char *const s11_titles[IMP_S11_STANDARDS] = {
	"Senior management commitment",
	"Statement of responsibilities",
	"Line of accountability",
	"Service development informed by children and families",
	"Staff training",
	"Safer recruitment",
	"Inter-agency working",
	"Information sharing",
};

const char *
imp_s11_title(int n)
{
	return n >= 1 && n <= IMP_S11_STANDARDS ? s11_titles[n - 1] : NULL;
}

/* Skips a word (case-insensitive) and the separators after it. */
static const char *
skip_word(const char *p, const char *word)
{
	size_t n = strlen(word);

	if (g_ascii_strncasecmp(p, word, n) != 0)
		return p;
	p += n;
	while (*p == ' ' || *p == '.' || *p == ':' || *p == '-' || *p == '_')
		p++;
	return p;
}

int
imp_s11_standard(const char *text, char *out, size_t len)
{
	const char *p = text, *q;
	char *key;
	long main_no, sub = -1;
	int i;

	/* A title on its own: "Safer recruitment". */
	key = imp_header_key(text);
	for (i = 1; i <= IMP_S11_STANDARDS; i++) {
		char *t = imp_header_key(s11_titles[i - 1]);
		int same = strcmp(t, key) == 0;

		g_free(t);
		if (same) {
			g_free(key);
			snprintf(out, len, "%d", i);
			return i;
		}
	}
	g_free(key);
	/* "Section 11", "S11", "S.11", "Sec 11", then "Standard", "Std". */
	p = skip_word(p, "section");
	p = skip_word(p, "sec");
	if (g_ascii_strncasecmp(p, "s11", 3) == 0 || g_ascii_strncasecmp(p, "s.11", 4) == 0)
		p = skip_word(p, p[1] == '.' ? "s.11" : "s11");
	else if (p != text && strncmp(p, "11", 2) == 0 && !isdigit((unsigned char)p[2]))
		p = skip_word(p, "11");	/* "Section 11 standard 3" */
	p = skip_word(p, "standard");
	p = skip_word(p, "std");
	if ((*p == 's' || *p == 'S') && isdigit((unsigned char)p[1]))
		p++;		/* "S3" */
	if (!isdigit((unsigned char)*p))
		return -1;
	main_no = strtol(p, (char **)&q, 10);
	if (*q == '.' && isdigit((unsigned char)q[1]))
		sub = strtol(q + 1, (char **)&q, 10);
	if (*q != '\0' || main_no < 1 || main_no > IMP_S11_STANDARDS)
		return -1;
	if (sub >= 0)
		snprintf(out, len, "%ld.%ld", main_no, sub);
	else
		snprintf(out, len, "%ld", main_no);
	return (int)main_no;
}

static const struct {
	const char *word;
	const char *rating, *rag;
} rating_words[] = {
	{ "met", "met", NULL }, { "fullymet", "met", NULL }, { "compliant", "met", NULL },
	{ "fullycompliant", "met", NULL },
	{ "partiallymet", "partially_met", NULL }, { "partlymet", "partially_met", NULL },
	{ "partmet", "partially_met", NULL }, { "partial", "partially_met", NULL },
	{ "partially", "partially_met", NULL }, { "partiallycompliant", "partially_met", NULL },
	{ "notmet", "not_met", NULL }, { "unmet", "not_met", NULL },
	{ "notcompliant", "not_met", NULL }, { "noncompliant", "not_met", NULL },
	{ "na", "not_applicable", NULL }, { "notapplicable", "not_applicable", NULL },
	{ "red", NULL, "red" }, { "amber", NULL, "amber" }, { "green", NULL, "green" },
	{ "r", NULL, "red" }, { "a", NULL, "amber" }, { "g", NULL, "green" },
};

int
imp_audit_rating(const char *text, const char **rating, const char **rag)
{
	char *k = imp_header_key(text);
	size_t i;
	int rc = -1;

	*rating = *rag = NULL;
	for (i = 0; i < sizeof rating_words / sizeof rating_words[0]; i++)
		if (strcmp(k, rating_words[i].word) == 0) {
			*rating = rating_words[i].rating;
			*rag = rating_words[i].rag;
			rc = 0;
			break;
		}
	g_free(k);
	return rc;
}

/* ---- the loader ------------------------------------------------------------------ */

enum {
	AU_KIND, AU_CYCLE, AU_DATE, AU_STD, AU_AGENCY, AU_TITLE, AU_STD_TITLE, AU_THEME,
	AU_CASE, AU_RATING, AU_RAG, AU_SELF, AU_MODERATED, AU_NFIELDS
};

static const struct imp_field audit_fields[] = {
	[AU_KIND] = { "audit_kind", F_REQUIRED },
	[AU_CYCLE] = { "cycle", F_REQUIRED },
	[AU_DATE] = { "audit_date", F_REQUIRED },
	[AU_STD] = { "standard_code", F_REQUIRED },
	[AU_AGENCY] = { "agency", 0 },
	[AU_TITLE] = { "audit_title", 0 },
	[AU_STD_TITLE] = { "standard_title", 0 },
	[AU_THEME] = { "theme", 0 },
	[AU_CASE] = { "case_ref", 0 },
	[AU_RATING] = { "rating", 0 },
	[AU_RAG] = { "rag", 0 },
	[AU_SELF] = { "self_score", 0 },
	[AU_MODERATED] = { "moderated_score", 0 },
	{ NULL, 0 }
};

struct audit_state {
	sqlite3_stmt *audit_find, *audit_ins, *audit_fill;
	sqlite3_stmt *std_find, *std_ins, *std_fill;
	sqlite3_stmt *ins, *fill;
	GHashTable *audits, *standards;	/* "kind|title|cycle", "kind|code" -> id */
};

static const char audit_find_sql[] =
    "SELECT id FROM audit WHERE kind = ?1 AND title = ?2 AND cycle = ?3";
static const char audit_ins_sql[] =
    "INSERT INTO audit(kind, title, cycle, date, batch_id) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char audit_fill_sql[] = "UPDATE audit SET date = ?2 WHERE id = ?1 AND date IS NULL";
static const char std_find_sql[] = "SELECT id FROM audit_standard WHERE kind = ?1 AND code = ?2";
static const char std_ins_sql[] =
    "INSERT INTO audit_standard(kind, code, title, theme_id, batch_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char std_fill_sql[] =
    "UPDATE audit_standard SET title = coalesce(title, ?2), theme_id = coalesce(theme_id, ?3)"
    " WHERE id = ?1";
static const char result_ins_sql[] =
    "INSERT INTO audit_result(audit_id, standard_id, agency_id, case_ref, rating, rag,"
    " self_score, moderated_score, batch_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT DO NOTHING";
/* A duplicate that says more (a moderated score the self-assessment lacked,
 * say) fills the gaps; what is held is never overwritten. */
static const char result_fill_sql[] =
    "UPDATE audit_result SET rating = coalesce(rating, ?5), rag = coalesce(rag, ?6),"
    " self_score = coalesce(self_score, ?7), moderated_score = coalesce(moderated_score, ?8)"
    " WHERE audit_id = ?1 AND standard_id = ?2 AND ifnull(agency_id, 0) = ifnull(?3, 0)"
    " AND case_ref = ?4";

/* (the batch that makes an audit or a standard, bound once) */
static const struct imp_sql audits_sql[] = {
	{ audit_find_sql, offsetof(struct audit_state, audit_find), 0 },
	{ audit_ins_sql, offsetof(struct audit_state, audit_ins), 5 },
	{ audit_fill_sql, offsetof(struct audit_state, audit_fill), 0 },
	{ std_find_sql, offsetof(struct audit_state, std_find), 0 },
	{ std_ins_sql, offsetof(struct audit_state, std_ins), 5 },
	{ std_fill_sql, offsetof(struct audit_state, std_fill), 0 },
	{ result_ins_sql, offsetof(struct audit_state, ins), 0 },
	{ result_fill_sql, offsetof(struct audit_state, fill), 0 },
	{ NULL, 0, 0 }
};

/* The audits and standards this import has found: "kind|title|cycle" and
 * "kind|code" -> id. */
static const size_t audits_tables[] = {
	offsetof(struct audit_state, audits), offsetof(struct audit_state, standards),
	IMP_TABLES_END
};

static int64_t
audit_id(struct imp_ctx *ctx, struct audit_state *s, const char *kind, const char *title,
    const char *cycle, const char *date, struct lia_err *err)
{
	char *key = g_strdup_printf("%s|%s|%s", kind, title, cycle);
	int64_t id = (int64_t)GPOINTER_TO_SIZE(g_hash_table_lookup(s->audits, key));

	if (id > 0) {
		g_free(key);
		return id;
	}
	sqlite3_bind_text(s->audit_find, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->audit_find, 2, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s->audit_find, 3, cycle, -1, SQLITE_STATIC);
	if ((id = imp_find_id(ctx->db, s->audit_find, NULL, err)) < 0)
		goto fail;
	if (id == 0) {
		sqlite3_bind_text(s->audit_ins, 1, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->audit_ins, 2, title, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->audit_ins, 3, cycle, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->audit_ins, 4, date, -1, SQLITE_STATIC);
		if (db_step_done(ctx->db, s->audit_ins, err) != 0)
			goto fail;
		id = sqlite3_last_insert_rowid(ctx->db);
	} else {
		sqlite3_bind_int64(s->audit_fill, 1, id);
		sqlite3_bind_text(s->audit_fill, 2, date, -1, SQLITE_STATIC);
		if (db_step_done(ctx->db, s->audit_fill, err) != 0)
			goto fail;
	}
	g_hash_table_insert(s->audits, key, GSIZE_TO_POINTER((gsize)id));
	return id;
fail:
	g_free(key);
	return -1;
}

static int64_t
standard_id(struct imp_ctx *ctx, struct audit_state *s, const char *kind, const char *code,
    const char *title, int64_t theme, struct lia_err *err)
{
	char *key = g_strdup_printf("%s|%s", kind, code);
	int64_t id = (int64_t)GPOINTER_TO_SIZE(g_hash_table_lookup(s->standards, key));
	int fill = (title != NULL && *title != '\0') || theme > 0;

	if (id > 0 && !fill) {
		g_free(key);
		return id;
	}
	if (id == 0) {
		sqlite3_bind_text(s->std_find, 1, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->std_find, 2, code, -1, SQLITE_STATIC);
		if ((id = imp_find_id(ctx->db, s->std_find, NULL, err)) < 0)
			goto fail;
	}
	if (id == 0) {
		sqlite3_bind_text(s->std_ins, 1, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(s->std_ins, 2, code, -1, SQLITE_STATIC);
		if (title != NULL && *title != '\0')
			sqlite3_bind_text(s->std_ins, 3, title, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s->std_ins, 3);
		if (theme > 0)
			sqlite3_bind_int64(s->std_ins, 4, theme);
		else
			sqlite3_bind_null(s->std_ins, 4);
		if (db_step_done(ctx->db, s->std_ins, err) != 0)
			goto fail;
		id = sqlite3_last_insert_rowid(ctx->db);
	} else if (fill) {
		sqlite3_bind_int64(s->std_fill, 1, id);
		if (title != NULL && *title != '\0')
			sqlite3_bind_text(s->std_fill, 2, title, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s->std_fill, 2);
		if (theme > 0)
			sqlite3_bind_int64(s->std_fill, 3, theme);
		else
			sqlite3_bind_null(s->std_fill, 3);
		if (db_step_done(ctx->db, s->std_fill, err) != 0)
			goto fail;
	}
	g_hash_table_replace(s->standards, key, GSIZE_TO_POINTER((gsize)id));
	return id;
fail:
	g_free(key);
	return -1;
}

/* A 0-3 score; -1 when empty or N/A (not rated), -2 when not a score. */
static int
score(const char *text)
{
	int64_t n;

	if (*text == '\0' || g_ascii_strcasecmp(text, "n/a") == 0 ||
	    g_ascii_strcasecmp(text, "na") == 0)
		return -1;	/* not rated */
	if (imp_int(text, &n) != 0 || n < 0 || n > 3)
		return -2;
	return (int)n;
}

static void
bind_result(sqlite3_stmt *st, int64_t audit, int64_t standard, int64_t agency,
    const char *case_ref, const char *rating, const char *rag, int self, int moderated)
{
	sqlite3_bind_int64(st, 1, audit);
	sqlite3_bind_int64(st, 2, standard);
	if (agency > 0)
		sqlite3_bind_int64(st, 3, agency);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_text(st, 4, case_ref, -1, SQLITE_STATIC);
	if (rating != NULL)
		sqlite3_bind_text(st, 5, rating, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	if (rag != NULL)
		sqlite3_bind_text(st, 6, rag, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 6);
	if (self >= 0)
		sqlite3_bind_int(st, 7, self);
	else
		sqlite3_bind_null(st, 7);
	if (moderated >= 0)
		sqlite3_bind_int(st, 8, moderated);
	else
		sqlite3_bind_null(st, 8);
}

/* ---- a Section 11 audit template ----------------------------------------- */

/*
 * The common Section 11 template (Pan-Cheshire's, shared across Greater
 * Manchester): an agency's sheet opens with the template's title and the
 * organisation completing it; each "Key Standard N: title" row is followed
 * by the column headings (Standard, Link to Health Audit, Evidence, Areas
 * for improvement, Deadline, Assessment Score over Self Assessment Score
 * (0-3) and Moderated Score (0-3)) and a row per sub-standard, "1.1 Who is
 * the named strategic lead ...".  Rows whose first cell is not a
 * sub-standard are headings, not data.
 */

/* The agency the template's own rows name ("Organisation completing this
 * template:", then the name), or NULL. */
static const char *
template_agency(const struct imp_ctx *ctx)
{
	guint i;

	for (i = 0; i < ctx->preamble->len; i++) {
		char **row = g_ptr_array_index(ctx->preamble, i);
		char *k;
		int yes;

		if (row[0] == NULL || row[1] == NULL || *g_strstrip(row[1]) == '\0')
			continue;
		k = imp_header_key(row[0]);
		yes = g_str_has_prefix(k, "organisationcompleting") ||
		    g_str_has_prefix(k, "organisation") || strcmp(k, "agency") == 0;
		g_free(k);
		if (yes)
			return row[1];
	}
	return NULL;
}

/* A sub-standard's cell: 1 with its code ("1.1") and where its text
 * begins, else 0 (a heading, a blank row, the headings again). */
static int
template_standard(const char *cell, char *code, size_t len, const char **text)
{
	const char *p = cell;
	size_t n;

	while (*p == ' ')
		p++;
	n = strspn(p, "0123456789");
	if (n == 0 || n > 2 || p[n] != '.' || !g_ascii_isdigit(p[n + 1]))
		return 0;
	n += 1 + strspn(p + n + 1, "0123456789");
	if (n >= len || (p[n] != '\0' && p[n] != ' ' && p[n] != '\t'))
		return 0;
	memcpy(code, p, n);
	code[n] = '\0';
	for (p += n; *p == ' ' || *p == '\t'; p++)
		;
	*text = p;
	return 1;
}

/* A template row as the canonical fields (tv), or the row's skip. */
static enum row_result
template_row(struct imp_ctx *ctx, struct imp_row *row, char **tv, char *code, size_t len)
{
	const char *text, *agency = ctx->opts->agency != NULL ? ctx->opts->agency :
	    template_agency(ctx);
	int f;

	if (row->rec->nfields < 1 || !template_standard(row->rec->fields[0], code, len, &text))
		return imp_skip(row, "not data: a heading or a blank row of the template");
	for (f = 0; audit_fields[f].name != NULL; f++)
		tv[f] = row->v[f];
	tv[AU_KIND] = (char *)"section11";
	tv[AU_CYCLE] = (char *)(ctx->opts->cycle != NULL ? ctx->opts->cycle : "");
	tv[AU_DATE] = (char *)(ctx->opts->date != NULL ? ctx->opts->date : "");
	tv[AU_STD] = code;
	tv[AU_STD_TITLE] = (char *)text;
	tv[AU_AGENCY] = (char *)(agency != NULL ? agency : "");
	if (score(tv[AU_SELF]) == -1 && score(tv[AU_MODERATED]) == -1)
		return imp_skip(row, "not rated: no score, or N/A");
	return ROW_LOADED;
}

static enum row_result
audits_row(struct imp_ctx *ctx, struct imp_row *row, struct lia_err *err)
{
	struct audit_state *s = ctx->state;
	char **v = row->v, iso[DATE_ISO_LEN], code[32], tcode[16], *tv[AU_NFIELDS];
	const char *kind, *rating = NULL, *rag = NULL, *std_title;
	int self, moderated;
	int64_t audit, standard, agency = 0, theme = 0;
	lia_date date;
	enum row_result rr;

	if (ctx->profile->s11_template) {
		if ((rr = template_row(ctx, row, tv, tcode, sizeof tcode)) != ROW_LOADED)
			return rr;
		v = tv;
	}
	std_title = v[AU_STD_TITLE];

	if (*v[AU_KIND] == '\0')
		return imp_reject(row, "missing audit_kind");
	if ((kind = imp_audit_kind(v[AU_KIND])) == NULL)
		return imp_reject(row, "unknown audit_kind '%s' (expected Section 11, Section 175/157,"
		    " single agency or multi-agency)", v[AU_KIND]);
	if (*v[AU_CYCLE] == '\0')
		return imp_reject(row, "missing cycle");
	if (*v[AU_DATE] == '\0')
		return imp_reject(row, "missing audit_date");
	if ((rr = imp_row_date(ctx, AU_DATE, v[AU_DATE], &date, row, err)) != ROW_LOADED)
		return rr;
	date_format(date, iso);
	if (*v[AU_STD] == '\0')
		return imp_reject(row, "missing standard_code");
	if (strcmp(kind, "section11") == 0) {
		int n = imp_s11_standard(v[AU_STD], code, sizeof code);

		if (n < 0)
			return imp_reject(row, "standard_code '%s' is not a Section 11 standard"
			    " (1 to 8, e.g. 1, S11.1 or Standard 1)", v[AU_STD]);
		if (strchr(code, '.') == NULL)
			std_title = imp_s11_title(n);	/* the statutory title */
	} else {
		g_strlcpy(code, v[AU_STD], sizeof code);
		if (strlen(v[AU_STD]) >= sizeof code)
			return imp_reject(row, "standard_code is longer than %zu characters",
			    sizeof code - 1);
	}
	if (*v[AU_RATING] != '\0' && imp_audit_rating(v[AU_RATING], &rating, &rag) != 0)
		return imp_reject(row, "unknown rating '%s' (expected met, partially met, not met,"
		    " n/a, or red, amber, green)", v[AU_RATING]);
	if (*v[AU_RAG] != '\0') {
		const char *r2, *g2;

		if (imp_audit_rating(v[AU_RAG], &r2, &g2) != 0 || g2 == NULL)
			return imp_reject(row, "unknown rag '%s' (expected red, amber or green)",
			    v[AU_RAG]);
		if (rag != NULL && strcmp(rag, g2) != 0)
			return imp_reject(row, "rating says %s, rag says %s", rag, g2);
		rag = g2;
	}
	if ((self = score(v[AU_SELF])) == -2)
		return imp_reject(row, "self_score '%s' is not a score from 0 to 3", v[AU_SELF]);
	if ((moderated = score(v[AU_MODERATED])) == -2)
		return imp_reject(row, "moderated_score '%s' is not a score from 0 to 3",
		    v[AU_MODERATED]);
	if (rating == NULL && rag == NULL && self < 0 && moderated < 0)
		return imp_reject(row, "no rating, rag, self_score or moderated_score");

	/* The row is good: find or create what it refers to. */
	if (*v[AU_AGENCY] != '\0' && (agency = imp_agency(ctx, v[AU_AGENCY], NULL, err)) < 0)
		return ROW_FATAL;
	if (*v[AU_THEME] != '\0' && (theme = imp_theme(ctx, v[AU_THEME], err)) < 0)
		return ROW_FATAL;
	if ((audit = audit_id(ctx, s, kind, v[AU_TITLE], v[AU_CYCLE], iso, err)) < 0 ||
	    (standard = standard_id(ctx, s, kind, code, std_title, theme, err)) < 0)
		return ROW_FATAL;
	bind_result(s->ins, audit, standard, agency, v[AU_CASE], rating, rag, self, moderated);
	sqlite3_bind_int64(s->ins, 9, ctx->batch);
	if (db_step_done(ctx->db, s->ins, err) != 0)
		return ROW_FATAL;
	if (sqlite3_changes(ctx->db) > 0)
		return ROW_LOADED;
	bind_result(s->fill, audit, standard, agency, v[AU_CASE], rating, rag, self, moderated);
	if (db_step_done(ctx->db, s->fill, err) != 0)
		return ROW_FATAL;
	return ROW_DUPLICATE;
}

const struct imp_loader imp_audits_loader = {
	.kind = IMP_AUDITS,
	.fields = audit_fields,
	.state_size = sizeof(struct audit_state),
	.sql = audits_sql,
	.tables = audits_tables,
	.row = audits_row,
};
