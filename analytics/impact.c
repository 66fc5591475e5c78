/*
 * impact: the theme-by-theme chain from the reviews that raised a theme to
 * the practice audits that show whether anything changed.  It computes no
 * statistic of its own: each stage is another analysis run once over the
 * whole database — actions (an_actions_run), training reach by theme
 * (an_reach_run), the evidence log (an_evidence_themes), feedback
 * (an_feedback_run) and audits (an_audits_run, with an_newcombe for the
 * change from the first cycle to the latest) — and its rows are matched to
 * the themes by an_theme_key, so a theme spelt two ways in two files is one
 * theme.  Where an analysis has kept the two spellings apart and a figure
 * cannot be added up (unique people, a mean change), the figure is left
 * unknown and a note says why.  The judgement (Kirkpatrick level, evidence
 * grade, gaps) is an_impact_judge, on the row alone.
 */
#include <math.h>
#include <string.h>

#include "analytics/audits.h"
#include "analytics/evidence.h"
#include "analytics/feedback.h"
#include "analytics/internal.h"
#include "analytics/reviews.h"

static const char *const grade_names[] = {
	[AN_GRADE_NONE] = "none",
	[AN_GRADE_LIMITED] = "limited",
	[AN_GRADE_MODERATE] = "moderate",
	[AN_GRADE_STRONG] = "strong",
};

const char *
an_grade_name(enum an_grade g)
{
	return (unsigned)g < sizeof grade_names / sizeof grade_names[0] ? grade_names[g] : "none";
}

void
an_impact_opts_defaults(struct an_impact_opts *o)
{
	memset(o, 0, sizeof *o);
	period_all(&o->period);
	o->as_at = an_today();
	o->conf = AN_CONF;
}

lia_date
an_impact_as_at(const struct period *p)
{
	lia_date t = an_today();

	return p->kind != PERIOD_ALL && p->to < t ? p->to : t;
}

/* ---- the judgement ------------------------------------------------------------------ */

/* The gaps' words: the names for them, used as they are by readers. */
#define GAP_NO_TRAINING "raised by a review but no training"
#define GAP_BRIEFING_ONLY "briefing only, no training or re-audit"
#define GAP_RESOURCES_ONLY "resources only, no training or re-audit"
#define GAP_NOT_REAUDITED "trained but never re-audited"
#define GAP_AUDITED_ONCE "audited once only"
#define GAP_OVERDUE "actions overdue"

void
an_impact_judge(struct an_impact_row *r)
{
	const char *gaps[6];
	int level = 0, feedback, trained, delivered;
	size_t n = 0;

	feedback = r->feedback_answers > 0 || r->confidence_pairs > 0;
	trained = r->sessions > 0;
	delivered = trained || r->briefings > 0 || r->resources > 0;

	/* The highest level the evidence reaches, each level on its own. */
	if (feedback)
		level = 1;
	if (r->confidence_pairs > 0 && r->confidence_ci_low > 0)
		level = 2;
	if (r->audit_cycles >= 2 && r->change_ci_low > 0)
		level = r->improvement_held ? 4 : 3;
	r->kirkpatrick_level = level;

	if (level >= 3 && trained && feedback)
		r->grade = AN_GRADE_STRONG;
	else if (level >= 2)
		r->grade = AN_GRADE_MODERATE;
	else if (delivered)
		r->grade = AN_GRADE_LIMITED;
	else
		r->grade = AN_GRADE_NONE;

	/* Training unknown (sessions -1) names no training gap. */
	if (r->reviews > 0 && r->sessions == 0) {
		if (r->briefings > 0 && r->audit_cycles < 2)
			gaps[n++] = GAP_BRIEFING_ONLY;
		else if (r->resources > 0 && r->audit_cycles < 2)
			gaps[n++] = GAP_RESOURCES_ONLY;
		else
			gaps[n++] = GAP_NO_TRAINING;
	}
	if (trained && r->audit_cycles == 0)
		gaps[n++] = GAP_NOT_REAUDITED;
	if (r->audit_cycles == 1)
		gaps[n++] = GAP_AUDITED_ONCE;
	if (r->actions_overdue > 0)
		gaps[n++] = GAP_OVERDUE;
	g_free(r->gaps);
	r->gaps = g_new0(const char *, n + 1);
	memcpy(r->gaps, gaps, n * sizeof gaps[0]);
	r->ngaps = n;
}

/* ---- the stages ---------------------------------------------------------------------- */

static void
row_init(struct an_impact_row *r, const char *theme)
{
	memset(r, 0, sizeof *r);
	r->theme = g_strdup(theme);
	r->workforce = -1;
	r->coverage = r->coverage_ci_low = r->coverage_ci_high = NAN;
	r->top2 = NAN;
	r->confidence_change = r->confidence_ci_low = r->confidence_ci_high = NAN;
	r->compliance_first = r->compliance_latest = NAN;
	r->compliance_change = r->change_ci_low = r->change_ci_high = NAN;
}

static void
row_fini(struct an_impact_row *r)
{
	g_free(r->theme);
	g_free(r->confidence_question);
	g_free(r->audit_kind);
	g_free(r->first_cycle);
	g_free(r->latest_cycle);
	g_free(r->gaps);
}

void
an_impact_free(struct an_impact *im)
{
	size_t i;

	if (im == NULL)
		return;
	for (i = 0; i < im->nrows; i++)
		row_fini(&im->rows[i]);
	g_free(im->rows);
	g_free((char *)im->opts.theme);
	an_notes_free(&im->notes);
	g_free(im);
}

/* The state of one run: the theme groups and a row for each. */
struct chain {
	sqlite3 *db;
	const struct an_impact_opts *o;
	struct an_themes themes;
	struct an_impact_row *rows;	/* one per group */
	struct an_notes *notes;
};

/* The group of a theme's name as another analysis gives it; -1 none. */
static int
group_of_name(const struct chain *c, const char *name)
{
	return name ? an_themes_find(&c->themes, name) : -1;
}

static const char sql_review_themes[] =
    "SELECT DISTINCT review_id, theme_id FROM review_theme ORDER BY review_id";

/* Reviews per theme: a review counts once however many spellings it used. */
static int
stage_reviews(struct chain *c, struct lia_err *err)
{
	sqlite3_stmt *st = db_prepare(c->db, sql_review_themes, err);
	int64_t last_review = -1;
	int *seen = g_new0(int, c->themes.ngroups + 1);
	int rc;

	if (st == NULL) {
		g_free(seen);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t review = sqlite3_column_int64(st, 0);
		int g = an_themes_group(&c->themes, sqlite3_column_int64(st, 1));

		if (review != last_review) {
			memset(seen, 0, (c->themes.ngroups + 1) * sizeof seen[0]);
			last_review = review;
		}
		if (g >= 0 && !seen[g]) {
			seen[g] = 1;
			c->rows[g].reviews++;
		}
	}
	sqlite3_finalize(st);
	g_free(seen);
	if (rc != SQLITE_DONE)
		return lia_err_set(err, "database: %s", db_errmsg(c->db));
	return 0;
}

static int
stage_actions(struct chain *c, struct lia_err *err)
{
	struct an_actions_opts o;
	struct an_actions *a;
	size_t i;

	an_actions_opts_defaults(&o);
	o.as_at = c->o->as_at;
	o.by = AN_ACTIONS_BY_THEME;
	if ((a = an_actions_run(c->db, &o, err)) == NULL)
		return lia_err_prefix(err, "actions");
	for (i = 0; i < a->nrows; i++) {
		int g = group_of_name(c, a->rows[i].theme);

		if (g < 0)
			continue;
		c->rows[g].actions = a->rows[i].actions;
		c->rows[g].actions_done = a->rows[i].done;
		c->rows[g].actions_outstanding = a->rows[i].outstanding;
		c->rows[g].actions_overdue = a->rows[i].overdue;
	}
	an_actions_free(a);
	return 0;
}

static int
stage_reach(struct chain *c, struct lia_err *err)
{
	struct an_reach_opts o;
	struct an_reach *r;
	int *held = g_new0(int, c->themes.ngroups + 1);
	size_t i;

	an_reach_opts_defaults(&o);
	o.by = AN_DIM_THEME;
	o.period = c->o->period;
	o.conf = c->o->conf;
	if ((r = an_reach_run(c->db, &o, err)) == NULL) {
		g_free(held);
		return lia_err_prefix(err, "reach");
	}
	for (i = 0; i < c->themes.ngroups; i++)
		c->rows[i].workforce = r->total.workforce;
	for (i = 0; i < r->nrows; i++) {
		const struct an_reach_row *x = &r->rows[i];
		int g = group_of_name(c, x->key);
		struct an_impact_row *row;

		if (g < 0)
			continue;
		row = &c->rows[g];
		if (held[g]++) {
			/* Two spellings with training each: people cannot be added up. */
			row->courses = row->sessions = row->attendances = -1;
			row->headcount_attendances = row->unique_practitioners = -1;
			row->coverage = row->coverage_ci_low = row->coverage_ci_high = NAN;
			an_note(c->notes, "%s: training is held under %s; its reach is not counted"
			    " until the theme is spelt one way", row->theme,
			    c->themes.groups[g].spellings);
			continue;
		}
		row->courses = x->courses;
		row->sessions = x->sessions;
		row->attendances = x->attendances;
		row->headcount_attendances = x->headcount_attendances;
		row->unique_practitioners = x->unique_practitioners;
		row->coverage = x->coverage;
		row->coverage_ci_low = x->coverage_ci_low;
		row->coverage_ci_high = x->coverage_ci_high;
	}
	an_reach_free(r);
	g_free(held);
	return 0;
}

static int
stage_evidence(struct chain *c, struct lia_err *err)
{
	struct an_theme_evidence *ev = NULL;
	size_t n = 0, i;
	int k;

	if (an_evidence_themes(c->db, &c->o->period, &ev, &n, err) != 0)
		return lia_err_prefix(err, "evidence");
	for (i = 0; i < n; i++) {
		int g = an_themes_group(&c->themes, ev[i].theme_id);

		if (g < 0)
			continue;
		for (k = 0; k < AN_EVK_COUNT; k++) {
			if (k == AN_EVK_BRIEFING)
				c->rows[g].briefings += ev[i].items[k];
			else if (k == AN_EVK_RESOURCE)
				c->rows[g].resources += ev[i].items[k];
			else
				c->rows[g].other_evidence += ev[i].items[k];
		}
	}
	an_theme_evidence_free(ev, n);
	return 0;
}

/* Whether a question's code is one half of a before/after pair. */
static int
pair_half(const struct an_feedback *f, const char *code)
{
	size_t i;

	for (i = 0; i < f->npairs; i++)
		if (strcmp(f->pairs[i].before, code) == 0 || strcmp(f->pairs[i].after, code) == 0)
			return 1;
	return 0;
}

/* The pair a theme's confidence is read from: "confidence" when there is
 * one, else the pair with the most people. */
static int
better_pair(const struct an_fb_pair *p, const struct an_fb_pair *best)
{
	int pc = g_ascii_strcasecmp(p->question, "confidence") == 0;
	int bc = best == NULL ? 0 : g_ascii_strcasecmp(best->question, "confidence") == 0;

	if (best == NULL || pc != bc)
		return best == NULL || pc;
	return p->n_pairs > best->n_pairs;
}

static int
stage_feedback(struct chain *c, struct lia_err *err)
{
	struct an_feedback_opts o;
	struct an_feedback *post = NULL, *all = NULL;
	const struct an_fb_pair **best = g_new0(const struct an_fb_pair *, c->themes.ngroups + 1);
	int *spellings = g_new0(int, c->themes.ngroups + 1);
	size_t i;
	int ret = -1;

	an_feedback_opts_defaults(&o);
	o.by = AN_DIM_THEME;
	o.period = c->o->period;
	o.conf = c->o->conf;
	/* Every stage for the before/after pairs (matched across stages), the
	 * post-training stage for the reaction to it. */
	if ((all = an_feedback_run(c->db, &o, err)) == NULL)
		goto out;
	o.stage = AN_STAGE_POST;
	if ((post = an_feedback_run(c->db, &o, err)) == NULL)
		goto out;
	for (i = 0; i < post->nquestions; i++) {
		const struct an_fb_question *q = &post->questions[i];
		int g = group_of_name(c, q->group);

		if (g < 0 || isnan(q->top2) || pair_half(all, q->question))
			continue;
		c->rows[g].feedback_answers += q->n;
		c->rows[g].top2_count += q->top2_count;
	}
	for (i = 0; i < all->npairs; i++) {
		const struct an_fb_pair *p = &all->pairs[i];
		int g = group_of_name(c, p->group);

		if (g < 0)
			continue;
		if (best[g] != NULL && strcmp(best[g]->question, p->question) == 0 &&
		    strcmp(best[g]->group, p->group) != 0)
			spellings[g] = 1;	/* the same pair under two spellings */
		if (better_pair(p, best[g]))
			best[g] = p;
	}
	for (i = 0; i < c->themes.ngroups; i++) {
		struct an_impact_row *row = &c->rows[i];

		if (row->feedback_answers > 0)
			row->top2 = (double)row->top2_count / (double)row->feedback_answers;
		if (best[i] == NULL)
			continue;
		row->confidence_question = g_strdup(best[i]->question);
		if (spellings[i]) {
			row->confidence_pairs = -1;
			an_note(c->notes, "%s: the %s pairs are held under %s; the change is not"
			    " computed until the theme is spelt one way", row->theme,
			    best[i]->question, c->themes.groups[i].spellings);
			continue;
		}
		row->confidence_pairs = best[i]->n_pairs;
		row->confidence_change = best[i]->mean_change;
		row->confidence_ci_low = best[i]->ci_low;
		row->confidence_ci_high = best[i]->ci_high;
	}
	ret = 0;
out:
	if (ret != 0)
		lia_err_prefix(err, "feedback");
	an_feedback_free(all);
	an_feedback_free(post);
	g_free(best);
	g_free(spellings);
	return ret;
}

/* ---- audits: the theme's cycles, first against latest ------------------------------------ */

/* One cycle of a theme in one kind of audit, its standards pooled. */
struct theme_cycle {
	const char *name;	/* the audit row's */
	int rank;		/* its place in time among the kind's cycles */
	int64_t met, rated;
};

/*
 * The cycles of every kind in time order, as the audit analysis orders
 * them: by the earliest date of their audits, undated ones after, then by
 * name.  The analysis gives each standard's cycles in that order but not
 * one order for standards rated in different cycles, so the ranks are
 * read here.
 */
static const char sql_cycles[] =
    "SELECT kind, cycle FROM audit GROUP BY kind, cycle"
    " ORDER BY kind, min(date) IS NULL, min(date), cycle";

static int
cycle_ranks(sqlite3 *db, GHashTable *rank, struct lia_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql_cycles, err);
	int rc, n = 0;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		g_hash_table_insert(rank, g_strdup_printf("%s\n%s", sqlite3_column_text(st, 0),
		    sqlite3_column_text(st, 1)), GINT_TO_POINTER(++n));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return lia_err_set(err, "database: %s", db_errmsg(db));
	return 0;
}

static int
cmp_cycle(const void *a, const void *b)
{
	const struct theme_cycle *x = a, *y = b;

	return (x->rank > y->rank) - (x->rank < y->rank);
}

/* Fills a row's audit figures from the rows of one kind of its standards. */
static void
theme_audits(struct chain *c, struct an_impact_row *row, const struct an_audits *a, int g,
    const char *kind, GHashTable *rank)
{
	GArray *cyc = g_array_new(FALSE, TRUE, sizeof(struct theme_cycle));
	const struct theme_cycle *first, *prev, *last;
	size_t i;
	guint k;

	for (i = 0; i < a->nrows; i++) {
		const struct an_audit_row *x = &a->rows[i];
		struct theme_cycle *tc = NULL;
		char *key;

		if (group_of_name(c, x->theme) != g || strcmp(x->kind, kind) != 0)
			continue;
		for (k = 0; k < cyc->len && tc == NULL; k++)
			if (strcmp(g_array_index(cyc, struct theme_cycle, k).name, x->cycle) == 0)
				tc = &g_array_index(cyc, struct theme_cycle, k);
		if (tc == NULL) {
			struct theme_cycle n = { x->cycle, 0, 0, 0 };

			key = g_strdup_printf("%s\n%s", x->kind, x->cycle);
			n.rank = GPOINTER_TO_INT(g_hash_table_lookup(rank, key));
			g_free(key);
			g_array_append_val(cyc, n);
			tc = &g_array_index(cyc, struct theme_cycle, cyc->len - 1);
		}
		tc->met += x->met;
		tc->rated += x->rated;
	}
	if (cyc->len > 1)
		qsort(cyc->data, cyc->len, sizeof(struct theme_cycle), cmp_cycle);
	row->audit_kind = g_strdup(kind);
	row->audit_cycles = cyc->len;
	if (cyc->len > 0) {
		first = &g_array_index(cyc, struct theme_cycle, 0);
		last = &g_array_index(cyc, struct theme_cycle, cyc->len - 1);
		row->first_cycle = g_strdup(first->name);
		row->latest_cycle = g_strdup(last->name);
		row->first_met = first->met;
		row->first_rated = first->rated;
		row->latest_met = last->met;
		row->latest_rated = last->rated;
		row->compliance_first = (double)first->met / (double)first->rated;
		row->compliance_latest = (double)last->met / (double)last->rated;
	}
	if (cyc->len >= 2)
		an_newcombe(row->latest_met, row->latest_rated, row->first_met, row->first_rated,
		    c->o->conf, &row->compliance_change, &row->change_ci_low, &row->change_ci_high);
	if (cyc->len >= 3) {
		double d, lo, hi;

		/* Held: the cycle before the latest was already above the first. */
		prev = &g_array_index(cyc, struct theme_cycle, cyc->len - 2);
		if (an_newcombe(prev->met, prev->rated, row->first_met, row->first_rated,
		    c->o->conf, &d, &lo, &hi) == 0)
			row->improvement_held = lo > 0;
	}
	g_array_free(cyc, TRUE);
}

static int
stage_audits(struct chain *c, struct lia_err *err)
{
	struct an_audits_opts o;
	struct an_audits *a;
	GHashTable *rank = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	size_t i, g;

	an_audits_opts_defaults(&o);
	o.conf = c->o->conf;
	if (cycle_ranks(c->db, rank, err) != 0) {
		g_hash_table_destroy(rank);
		return -1;
	}
	if ((a = an_audits_run(c->db, &o, err)) == NULL) {
		g_hash_table_destroy(rank);
		return lia_err_prefix(err, "audits");
	}
	for (g = 0; g < c->themes.ngroups; g++) {
		const char *kinds[16];
		int64_t rated[16] = { 0 };
		size_t nk = 0, k, best = 0;

		/* The kinds of audit the theme's standards belong to; the chain
		 * follows the one with the most ratings. */
		for (i = 0; i < a->nrows; i++) {
			const struct an_audit_row *x = &a->rows[i];

			if (group_of_name(c, x->theme) != (int)g)
				continue;
			for (k = 0; k < nk && strcmp(kinds[k], x->kind) != 0; k++)
				;
			if (k == nk) {
				if (nk == sizeof kinds / sizeof kinds[0])
					continue;
				kinds[nk++] = x->kind;
			}
			rated[k] += x->rated;
		}
		if (nk == 0)
			continue;
		for (k = 1; k < nk; k++)
			if (rated[k] > rated[best])
				best = k;
		theme_audits(c, &c->rows[g], a, (int)g, kinds[best], rank);
		if (nk > 1)
			an_note(c->notes, "%s: audited in %zu kinds of audit; the chain follows the"
			    " %s audits, which rated the most", c->rows[g].theme, nk, kinds[best]);
	}
	an_audits_free(a);
	g_hash_table_destroy(rank);
	return 0;
}

/* ---- the run ----------------------------------------------------------------------------- */

struct an_impact *
an_impact_run(sqlite3 *db, const struct an_impact_opts *o, struct lia_err *err)
{
	struct an_impact *im = g_new0(struct an_impact, 1);
	struct chain c;
	int only = -1;
	size_t i;

	memset(&c, 0, sizeof c);
	c.db = db;
	c.o = o;
	c.notes = &im->notes;
	im->opts = *o;
	im->opts.theme = NULL;
	if (an_themes_load(db, &c.themes, err) != 0)
		goto fail;
	if (o->theme != NULL) {
		if ((only = an_themes_find(&c.themes, o->theme)) < 0) {
			lia_err_set(err, "no theme named '%s'", o->theme);
			goto fail;
		}
		im->opts.theme = g_strdup(c.themes.groups[only].name);
	}
	c.rows = g_new0(struct an_impact_row, c.themes.ngroups + 1);
	for (i = 0; i < c.themes.ngroups; i++)
		row_init(&c.rows[i], c.themes.groups[i].name);
	if (stage_reviews(&c, err) != 0 || stage_actions(&c, err) != 0 ||
	    stage_reach(&c, err) != 0 || stage_evidence(&c, err) != 0 ||
	    stage_feedback(&c, err) != 0 || stage_audits(&c, err) != 0)
		goto fail;

	/* Only the theme asked for, or every theme; then each judged. */
	im->rows = g_new0(struct an_impact_row, c.themes.ngroups + 1);
	for (i = 0; i < c.themes.ngroups; i++) {
		if (only >= 0 && (int)i != only) {
			row_fini(&c.rows[i]);
			continue;
		}
		if (c.themes.groups[i].names > 1)
			an_note(&im->notes, "%s: %d spellings in the theme table (%s) counted as"
			    " one theme", c.rows[i].theme, c.themes.groups[i].names,
			    c.themes.groups[i].spellings);
		an_impact_judge(&c.rows[i]);
		im->rows[im->nrows++] = c.rows[i];
	}
	g_free(c.rows);
	an_themes_fini(&c.themes);
	return im;
fail:
	if (c.rows != NULL)
		for (i = 0; i < c.themes.ngroups; i++)
			row_fini(&c.rows[i]);
	g_free(c.rows);
	an_themes_fini(&c.themes);
	an_impact_free(im);
	return NULL;
}
