/*
 * audits: the audit analysis.  One prepared read fetches every result that
 * passes the filters with its audit's kind, cycle and date and its
 * standard; the rest is arithmetic on that array.  Cycles are ordered in
 * time per kind (the earliest audit date of the cycle, then the cycle's
 * name), standards by kind and code; each standard's cycles are then
 * walked in that order for the rows, the changes between neighbours, the
 * trend and the RAG movement.  The statistics are analytics/stats'.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/audits.h"
#include "analytics/internal.h"

static const char *const kinds[] = { "section11", "s175", "single_agency", "multi_agency" };

void
an_audits_opts_defaults(struct an_audits_opts *o)
{
	memset(o, 0, sizeof *o);
	o->conf = AN_CONF;
}

int
an_audit_kind_valid(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(s, kinds[i]) == 0)
			return 1;
	return 0;
}

const char *
an_audit_kind_words(const char *s)
{
	static const char *const words[] = { "Section 11 audits", "Section 175/157 audits",
	    "Single-agency case audits", "Multi-agency case audits" };
	size_t i;

	for (i = 0; s != NULL && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(s, kinds[i]) == 0)
			return words[i];
	return NULL;
}

static const char sql_results[] =
    "SELECT a.kind, a.cycle, a.date, st.code, st.title, t.name, r.agency_id, g.name,"
    " r.case_ref, r.rating, r.rag, r.self_score, r.moderated_score"
    " FROM audit_result r JOIN audit a ON a.id = r.audit_id"
    " JOIN audit_standard st ON st.id = r.standard_id"
    " LEFT JOIN theme t ON t.id = st.theme_id LEFT JOIN agency g ON g.id = r.agency_id"
    " WHERE (?1 IS NULL OR a.kind = ?1) AND (?2 IS NULL OR lower(st.code) = lower(?2))"
    " AND (?3 = 0 OR r.agency_id = ?3) AND (?4 = 0 OR st.theme_id = ?4)"
    " ORDER BY r.id";

enum { R_NONE = -1, R_MET, R_PARTIAL, R_NOT_MET, R_NA };	/* ratings */
enum { RAG_NONE = -1, RAG_RED, RAG_AMBER, RAG_GREEN };

struct cycle {
	char *kind, *name;
	char *first_date;	/* the earliest audit date; NULL when none */
	int order;		/* rank in time within the kind */
};

struct standard {
	char *kind, *code, *title, *theme;
};

struct result {
	int standard;		/* index into the standards */
	int cycle;		/* index into the cycles */
	int64_t agency_id;	/* 0: none */
	char *agency;
	char *case_ref;
	int rating;		/* R_*: from the rating, else from the RAG */
	int rag;		/* RAG_*: as recorded; RAG_NONE when none */
	int self, moderated;	/* -1 when not given */
};

struct au_ctx {
	sqlite3 *db;
	const struct an_audits_opts *o;
	struct an_audits *r;
	GPtrArray *cycles;	/* struct cycle * */
	GHashTable *cycle_of;	/* "kind\ncycle" -> index + 1 */
	GPtrArray *standards;	/* struct standard * */
	GHashTable *standard_of;	/* "kind\ncode" -> index + 1 */
	GArray *results;	/* struct result */
	int *cycle_rank;	/* cycles' order (kind, time) as a global rank */
	int *standard_rank;
};

static void
cycle_free(gpointer p)
{
	struct cycle *c = p;

	g_free(c->kind);
	g_free(c->name);
	g_free(c->first_date);
	g_free(c);
}

static void
standard_free(gpointer p)
{
	struct standard *s = p;

	g_free(s->kind);
	g_free(s->code);
	g_free(s->title);
	g_free(s->theme);
	g_free(s);
}

static char *
text_of(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? g_strdup((const char *)t) : NULL;
}

static int
rating_of(const char *s)
{
	if (s == NULL)
		return R_NONE;
	if (strcmp(s, "met") == 0)
		return R_MET;
	if (strcmp(s, "partially_met") == 0)
		return R_PARTIAL;
	if (strcmp(s, "not_met") == 0)
		return R_NOT_MET;
	return R_NA;
}

static int
rag_of(const char *s)
{
	if (s == NULL)
		return RAG_NONE;
	return strcmp(s, "red") == 0 ? RAG_RED : strcmp(s, "amber") == 0 ? RAG_AMBER : RAG_GREEN;
}

static int
score_of(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int(st, i);
}

/* The index of a kind's cycle or standard, added on first sight. */
static int
index_of(GHashTable *of, GPtrArray *all, const char *kind, const char *name, gpointer (*make)(void))
{
	char *key = g_strdup_printf("%s\n%s", kind, name);
	gpointer v = g_hash_table_lookup(of, key);

	if (v != NULL) {
		g_free(key);
		return GPOINTER_TO_INT(v) - 1;
	}
	g_ptr_array_add(all, make());
	g_hash_table_insert(of, key, GINT_TO_POINTER((int)all->len));
	return (int)all->len - 1;
}

static gpointer
new_cycle(void)
{
	return g_new0(struct cycle, 1);
}

static gpointer
new_standard(void)
{
	return g_new0(struct standard, 1);
}

static int
load(struct au_ctx *c, int64_t agency, int64_t theme, struct lia_err *err)
{
	sqlite3_stmt *st = db_prepare(c->db, sql_results, err);
	int rc;

	if (st == NULL)
		return -1;
	if (c->o->kind)
		sqlite3_bind_text(st, 1, c->o->kind, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 1);
	if (c->o->standard)
		sqlite3_bind_text(st, 2, c->o->standard, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int64(st, 3, agency);
	sqlite3_bind_int64(st, 4, theme);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 0);
		const char *cycle = (const char *)sqlite3_column_text(st, 1);
		const char *date = (const char *)sqlite3_column_text(st, 2);
		const char *code = (const char *)sqlite3_column_text(st, 3);
		struct result res = { 0 };
		struct cycle *cy;
		struct standard *sd;

		res.cycle = index_of(c->cycle_of, c->cycles, kind, cycle, new_cycle);
		cy = g_ptr_array_index(c->cycles, res.cycle);
		if (cy->kind == NULL) {
			cy->kind = g_strdup(kind);
			cy->name = g_strdup(cycle);
		}
		if (date != NULL && (cy->first_date == NULL || strcmp(date, cy->first_date) < 0)) {
			g_free(cy->first_date);
			cy->first_date = g_strdup(date);
		}
		res.standard = index_of(c->standard_of, c->standards, kind, code, new_standard);
		sd = g_ptr_array_index(c->standards, res.standard);
		if (sd->kind == NULL) {
			sd->kind = g_strdup(kind);
			sd->code = g_strdup(code);
			sd->title = text_of(st, 4);
			sd->theme = text_of(st, 5);
		}
		res.agency_id = sqlite3_column_int64(st, 6);
		res.agency = text_of(st, 7);
		res.case_ref = text_of(st, 8);
		res.rating = rating_of((const char *)sqlite3_column_text(st, 9));
		res.rag = rag_of((const char *)sqlite3_column_text(st, 10));
		/* A RAG alone rates; RAG movement reads only RAGs as recorded. */
		if (res.rating == R_NONE && res.rag != RAG_NONE)
			res.rating = res.rag == RAG_GREEN ? R_MET : res.rag == RAG_AMBER ? R_PARTIAL :
			    R_NOT_MET;
		res.self = score_of(st, 11);
		res.moderated = score_of(st, 12);
		g_array_append_val(c->results, res);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return lia_err_set(err, "database: %s", db_errmsg(c->db));
	return 0;
}

/* ---- order ------------------------------------------------------------------------ */

static GPtrArray *sort_cycles, *sort_standards;	/* for the comparators */

static int
cycle_cmp(const void *pa, const void *pb)
{
	const struct cycle *a = g_ptr_array_index(sort_cycles, *(const int *)pa);
	const struct cycle *b = g_ptr_array_index(sort_cycles, *(const int *)pb);
	int c;

	if ((c = strcmp(a->kind, b->kind)) != 0)
		return c;
	/* Undated cycles after dated ones. */
	if (a->first_date == NULL || b->first_date == NULL) {
		if (a->first_date != b->first_date)
			return a->first_date == NULL ? 1 : -1;
	} else if ((c = strcmp(a->first_date, b->first_date)) != 0) {
		return c;
	}
	return an_key_cmp(a->name, b->name);
}

static int
standard_cmp(const void *pa, const void *pb)
{
	const struct standard *a = g_ptr_array_index(sort_standards, *(const int *)pa);
	const struct standard *b = g_ptr_array_index(sort_standards, *(const int *)pb);
	int c;

	if ((c = strcmp(a->kind, b->kind)) != 0)
		return c;
	return an_key_cmp(a->code, b->code);
}

/* Ranks of the cycles and standards in their orders. */
static void
rank(struct au_ctx *c)
{
	guint n = c->cycles->len, m = c->standards->len, i;
	int *idx = g_new(int, n > m ? n + 1 : m + 1);

	sort_cycles = c->cycles;
	sort_standards = c->standards;
	c->cycle_rank = g_new(int, n + 1);
	c->standard_rank = g_new(int, m + 1);
	for (i = 0; i < n; i++)
		idx[i] = (int)i;
	qsort(idx, n, sizeof idx[0], cycle_cmp);
	for (i = 0; i < n; i++) {
		c->cycle_rank[idx[i]] = (int)i;
		((struct cycle *)g_ptr_array_index(c->cycles, idx[i]))->order = (int)i;
	}
	for (i = 0; i < m; i++)
		idx[i] = (int)i;
	qsort(idx, m, sizeof idx[0], standard_cmp);
	for (i = 0; i < m; i++)
		c->standard_rank[idx[i]] = (int)i;
	g_free(idx);
}

static struct au_ctx *sort_ctx;

/* By standard, cycle, agency name, case. */
static int
result_cmp(const void *pa, const void *pb)
{
	const struct result *a = pa, *b = pb;
	int c;

	if (a->standard != b->standard)
		return sort_ctx->standard_rank[a->standard] - sort_ctx->standard_rank[b->standard];
	if (a->cycle != b->cycle)
		return sort_ctx->cycle_rank[a->cycle] - sort_ctx->cycle_rank[b->cycle];
	if ((c = an_key_cmp(a->agency, b->agency)) != 0)
		return c;
	return strcmp(a->case_ref ? a->case_ref : "", b->case_ref ? b->case_ref : "");
}

/* ---- rows, changes, trends ------------------------------------------------------------ */

static const struct cycle *
cycle_at(const struct au_ctx *c, int i)
{
	return g_ptr_array_index(c->cycles, i);
}

static void
compliance_rows(struct au_ctx *c)
{
	GArray *res = c->results, *rows = g_array_new(FALSE, TRUE, sizeof(struct an_audit_row));
	guint i, j;

	for (i = 0; i < res->len; i = j) {
		const struct result *x = &g_array_index(res, struct result, i);
		const struct standard *sd = g_ptr_array_index(c->standards, x->standard);
		struct an_audit_row row = { 0 };

		for (j = i; j < res->len; j++) {
			const struct result *y = &g_array_index(res, struct result, j);

			if (y->standard != x->standard || y->cycle != x->cycle)
				break;
			row.results++;
			row.met += y->rating == R_MET;
			row.partially_met += y->rating == R_PARTIAL;
			row.not_met += y->rating == R_NOT_MET;
			row.not_applicable += y->rating == R_NA;
		}
		row.rated = row.met + row.partially_met + row.not_met;
		if (row.rated == 0) {
			if (row.not_applicable > 0)
				an_note(&c->r->notes, "standard %s, cycle %s: every result is not"
				    " applicable: no compliance", sd->code, cycle_at(c, x->cycle)->name);
			continue;	/* scores only (Section 11) or n/a: nothing to rate */
		}
		row.kind = g_strdup(sd->kind);
		row.standard = g_strdup(sd->code);
		row.title = g_strdup(sd->title);
		row.theme = g_strdup(sd->theme);
		row.cycle = g_strdup(cycle_at(c, x->cycle)->name);
		row.compliance = (double)row.met / (double)row.rated;
		an_wilson(row.met, row.rated, c->o->conf, &row.ci_low, &row.ci_high);
		row.small_n = row.rated < AN_SMALL_N;
		if (row.small_n)
			an_note(&c->r->notes, "standard %s, cycle %s: %lld rated, below %d: read its"
			    " compliance with care", row.standard, row.cycle, (long long)row.rated,
			    AN_SMALL_N);
		g_array_append_val(rows, row);
	}
	c->r->nrows = rows->len;
	c->r->rows = (struct an_audit_row *)(void *)g_array_free(rows, FALSE);
}

/* The compliance rows of one standard: rows[i..j) (rows are by kind and standard). */
static void
changes_and_trends(struct au_ctx *c)
{
	struct an_audit_row *rows = c->r->rows;
	GArray *ch = g_array_new(FALSE, TRUE, sizeof(struct an_audit_change));
	GArray *tr = g_array_new(FALSE, TRUE, sizeof(struct an_audit_trend));
	size_t i, j, k;

	for (i = 0; i < c->r->nrows; i = j) {
		for (j = i; j < c->r->nrows && strcmp(rows[j].kind, rows[i].kind) == 0 &&
		    strcmp(rows[j].standard, rows[i].standard) == 0; j++)
			;
		for (k = i + 1; k < j; k++) {
			const struct an_audit_row *a = &rows[k - 1], *b = &rows[k];
			struct an_audit_change x = { 0 };

			x.kind = g_strdup(b->kind);
			x.standard = g_strdup(b->standard);
			x.from_cycle = g_strdup(a->cycle);
			x.to_cycle = g_strdup(b->cycle);
			x.from_rated = a->rated;
			x.from_met = a->met;
			x.to_rated = b->rated;
			x.to_met = b->met;
			an_newcombe(b->met, b->rated, a->met, a->rated, c->o->conf, &x.difference,
			    &x.ci_low, &x.ci_high);
			an_fisher_2x2(b->met, b->rated - b->met, a->met, a->rated - a->met, &x.p_fisher);
			x.small_n = a->small_n || b->small_n;
			g_array_append_val(ch, x);
		}
		if (j - i >= 3) {
			struct an_audit_trend t = { 0 };
			int64_t *met = g_new(int64_t, j - i), *rated = g_new(int64_t, j - i);

			for (k = i; k < j; k++) {
				met[k - i] = rows[k].met;
				rated[k - i] = rows[k].rated;
			}
			t.kind = g_strdup(rows[i].kind);
			t.standard = g_strdup(rows[i].standard);
			t.cycles = j - i;
			t.first_cycle = g_strdup(rows[i].cycle);
			t.last_cycle = g_strdup(rows[j - 1].cycle);
			t.df = 1;
			if (an_prop_trend(met, rated, NULL, j - i, &t.statistic, &t.p) != 0)
				an_note(&c->r->notes, "standard %s: %s in every cycle, so no trend can be"
				    " tested", t.standard, rows[i].met == 0 ? "nothing met" :
				    "everything met");
			g_free(met);
			g_free(rated);
			g_array_append_val(tr, t);
		}
	}
	c->r->nchanges = ch->len;
	c->r->changes = (struct an_audit_change *)(void *)g_array_free(ch, FALSE);
	c->r->ntrends = tr->len;
	c->r->trends = (struct an_audit_trend *)(void *)g_array_free(tr, FALSE);
}

/* ---- each kind as a whole ------------------------------------------------------------- */

/*
 * Pools the compliance rows (every standard rated in a cycle) by kind and
 * cycle, in the kind's time order, each cycle against the one before.
 */
static void
overall(struct au_ctx *c)
{
	GArray *out = g_array_new(FALSE, TRUE, sizeof(struct an_audit_overall));
	guint n = c->cycles->len, k, i;
	int64_t *rated = g_new0(int64_t, n + 1), *met = g_new0(int64_t, n + 1);
	int64_t *standards = g_new0(int64_t, n + 1);
	int *by_order = g_new(int, n + 1);
	size_t r;

	for (k = 0; k < n; k++)
		by_order[cycle_at(c, (int)k)->order] = (int)k;
	for (r = 0; r < c->r->nrows; r++) {
		const struct an_audit_row *x = &c->r->rows[r];

		for (k = 0; k < n; k++)
			if (strcmp(cycle_at(c, (int)k)->kind, x->kind) == 0 &&
			    strcmp(cycle_at(c, (int)k)->name, x->cycle) == 0) {
				rated[k] += x->rated;
				met[k] += x->met;
				standards[k]++;
			}
	}
	/* Cycles in (kind, time) order. */
	for (i = 0; i < n; i++) {
		int at = by_order[i];
		const struct cycle *cy = cycle_at(c, at);
		struct an_audit_overall o = { 0 }, *prev;

		if (rated[at] == 0)
			continue;
		prev = out->len > 0 ? &g_array_index(out, struct an_audit_overall, out->len - 1) :
		    NULL;
		if (prev != NULL && strcmp(prev->kind, cy->kind) != 0)
			prev = NULL;
		o.kind = g_strdup(cy->kind);
		o.cycle = g_strdup(cy->name);
		o.standards = standards[at];
		o.rated = rated[at];
		o.met = met[at];
		o.compliance = (double)o.met / (double)o.rated;
		an_wilson(o.met, o.rated, c->o->conf, &o.ci_low, &o.ci_high);
		o.change = o.change_ci_low = o.change_ci_high = NAN;
		o.small_n = o.rated < AN_SMALL_N;
		o.latest = 1;
		if (prev != NULL) {
			prev->latest = 0;
			o.previous_cycle = g_strdup(prev->cycle);
			an_newcombe(o.met, o.rated, prev->met, prev->rated, c->o->conf, &o.change,
			    &o.change_ci_low, &o.change_ci_high);
		}
		g_array_append_val(out, o);
	}
	g_free(rated);
	g_free(met);
	g_free(standards);
	g_free(by_order);
	c->r->noverall = out->len;
	c->r->overall = (struct an_audit_overall *)(void *)g_array_free(out, FALSE);
}

/* ---- Section 11 and RAG --------------------------------------------------------------- */

static void
section11(struct au_ctx *c)
{
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct an_s11_row));
	guint i;

	for (i = 0; i < c->results->len; i++) {
		const struct result *x = &g_array_index(c->results, struct result, i);
		const struct standard *sd = g_ptr_array_index(c->standards, x->standard);
		struct an_s11_row row = { 0 };

		if (strcmp(sd->kind, "section11") != 0 || (x->self < 0 && x->moderated < 0))
			continue;
		row.agency = g_strdup(x->agency);
		row.standard = g_strdup(sd->code);
		row.cycle = g_strdup(cycle_at(c, x->cycle)->name);
		row.self_score = x->self;
		row.moderated_score = x->moderated;
		row.both = x->self >= 0 && x->moderated >= 0;
		row.difference = row.both ? x->moderated - x->self : 0;
		g_array_append_val(rows, row);
	}
	c->r->nsection11 = rows->len;
	c->r->section11 = (struct an_s11_row *)(void *)g_array_free(rows, FALSE);
}

/* The RAG of a unit (agency and case) of results[i..j) (one standard, one cycle); -1 if none. */
static int
rag_in(const GArray *res, guint i, guint j, int64_t agency, const char *case_ref)
{
	for (; i < j; i++) {
		const struct result *y = &g_array_index(res, struct result, i);

		if (y->agency_id == agency && g_strcmp0(y->case_ref, case_ref) == 0 && y->rag >= 0)
			return y->rag;
	}
	return -1;
}

static void
rag_fini(struct an_rag_move *m)
{
	g_free(m->kind);
	g_free(m->standard);
	g_free(m->from_cycle);
	g_free(m->to_cycle);
}

static void
rag_moves(struct au_ctx *c)
{
	GArray *res = c->results, *moves = g_array_new(FALSE, TRUE, sizeof(struct an_rag_move));
	guint i, j;

	/* Runs of one standard; inside, runs of one cycle with any RAG. */
	for (i = 0; i < res->len; i = j) {
		int std = g_array_index(res, struct result, i).standard;
		guint prev_from = 0, prev_to = 0, a, b;
		int have_prev = 0;

		for (j = i; j < res->len && g_array_index(res, struct result, j).standard == std; j++)
			;
		for (a = i; a < j; a = b) {
			int cy = g_array_index(res, struct result, a).cycle, any = 0;

			for (b = a; b < j && g_array_index(res, struct result, b).cycle == cy; b++)
				any |= g_array_index(res, struct result, b).rag >= 0;
			if (!any)
				continue;
			if (have_prev) {
				const struct standard *sd = g_ptr_array_index(c->standards, std);
				struct an_rag_move m = { 0 };
				guint k;

				m.kind = g_strdup(sd->kind);
				m.standard = g_strdup(sd->code);
				m.from_cycle = g_strdup(cycle_at(c, g_array_index(res, struct result,
				    prev_from).cycle)->name);
				m.to_cycle = g_strdup(cycle_at(c, cy)->name);
				for (k = a; k < b; k++) {
					const struct result *y = &g_array_index(res, struct result, k);
					int before;

					if (y->rag < 0 || rag_in(res, a, k, y->agency_id, y->case_ref) >= 0)
						continue;	/* no RAG, or this unit counted already */
					before = rag_in(res, prev_from, prev_to, y->agency_id, y->case_ref);
					if (before < 0)
						continue;
					m.matched++;
					m.improved += y->rag > before;
					m.same += y->rag == before;
					m.worse += y->rag < before;
				}
				/* Case audits look at new cases each cycle: nothing to follow. */
				if (m.matched > 0)
					g_array_append_val(moves, m);
				else
					rag_fini(&m);
			}
			have_prev = 1;
			prev_from = a;
			prev_to = b;
		}
	}
	c->r->nrag = moves->len;
	c->r->rag = (struct an_rag_move *)(void *)g_array_free(moves, FALSE);
}

/* ---- the run ---------------------------------------------------------------------------- */

struct an_audits *
an_audits_run(sqlite3 *db, const struct an_audits_opts *o, struct lia_err *err)
{
	struct au_ctx c;
	struct an_audits *r = g_new0(struct an_audits, 1);
	int64_t agency = 0, theme = 0;
	guint i;

	memset(&c, 0, sizeof c);
	c.db = db;
	c.o = o;
	c.r = r;
	r->opts = *o;
	r->opts.kind = g_strdup(o->kind);
	r->opts.standard = g_strdup(o->standard);
	r->opts.agency = g_strdup(o->agency);
	r->opts.theme = g_strdup(o->theme);
	c.cycles = g_ptr_array_new_with_free_func(cycle_free);
	c.cycle_of = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c.standards = g_ptr_array_new_with_free_func(standard_free);
	c.standard_of = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c.results = g_array_new(FALSE, TRUE, sizeof(struct result));

	if (o->kind != NULL && !an_audit_kind_valid(o->kind)) {
		lia_err_set(err, "unknown audit kind '%s' (section11, s175, single_agency or"
		    " multi_agency)", o->kind);
		goto fail;
	}
	if (!(o->conf > 0.0 && o->conf < 1.0)) {
		lia_err_set(err, "the confidence level must be between 0 and 1");
		goto fail;
	}
	if ((o->agency && an_lookup(db, "agency", o->agency, &agency, err) != 0) ||
	    (o->theme && an_lookup(db, "theme", o->theme, &theme, err) != 0))
		goto fail;
	if (load(&c, agency, theme, err) != 0)
		goto fail;
	rank(&c);
	sort_ctx = &c;
	g_array_sort(c.results, result_cmp);
	sort_ctx = NULL;
	compliance_rows(&c);
	changes_and_trends(&c);
	overall(&c);
	section11(&c);
	rag_moves(&c);
	if (c.results->len == 0)
		an_note(&r->notes, "no audit result passes the filters");
	else if (r->nrows == 0 && r->nsection11 == 0)
		an_note(&r->notes, "no result has a rating, a RAG or a score");
	goto out;
fail:
	an_audits_free(r);
	r = NULL;
out:
	sort_cycles = sort_standards = NULL;
	for (i = 0; i < c.results->len; i++) {
		g_free(g_array_index(c.results, struct result, i).agency);
		g_free(g_array_index(c.results, struct result, i).case_ref);
	}
	g_array_free(c.results, TRUE);
	g_ptr_array_free(c.cycles, TRUE);
	g_hash_table_destroy(c.cycle_of);
	g_ptr_array_free(c.standards, TRUE);
	g_hash_table_destroy(c.standard_of);
	g_free(c.cycle_rank);
	g_free(c.standard_rank);
	return r;
}

void
an_audits_free(struct an_audits *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrows; i++) {
		g_free(r->rows[i].kind);
		g_free(r->rows[i].standard);
		g_free(r->rows[i].title);
		g_free(r->rows[i].theme);
		g_free(r->rows[i].cycle);
	}
	g_free(r->rows);
	for (i = 0; i < r->nchanges; i++) {
		g_free(r->changes[i].kind);
		g_free(r->changes[i].standard);
		g_free(r->changes[i].from_cycle);
		g_free(r->changes[i].to_cycle);
	}
	g_free(r->changes);
	for (i = 0; i < r->ntrends; i++) {
		g_free(r->trends[i].kind);
		g_free(r->trends[i].standard);
		g_free(r->trends[i].first_cycle);
		g_free(r->trends[i].last_cycle);
	}
	g_free(r->trends);
	for (i = 0; i < r->nsection11; i++) {
		g_free(r->section11[i].agency);
		g_free(r->section11[i].standard);
		g_free(r->section11[i].cycle);
	}
	g_free(r->section11);
	for (i = 0; i < r->nrag; i++)
		rag_fini(&r->rag[i]);
	g_free(r->rag);
	for (i = 0; i < r->noverall; i++) {
		g_free(r->overall[i].kind);
		g_free(r->overall[i].cycle);
		g_free(r->overall[i].previous_cycle);
	}
	g_free(r->overall);
	g_free((char *)r->opts.kind);
	g_free((char *)r->opts.standard);
	g_free((char *)r->opts.agency);
	g_free((char *)r->opts.theme);
	an_notes_free(&r->notes);
	g_free(r);
}
