/*
 * packs: the three report packs as documents (reports/internal.h): the
 * board assurance pack, the L&D reach report and the PQA impact report,
 * one function each, in the order a partnership's report tells its story
 * (the seed report: reviews, what was learnt and spread, what is
 * outstanding, how improvement is evidenced).  Every number comes from an
 * rpt_* result with the pack's disclosure rule applied, every chart from a
 * named figure of figures.c; nothing here computes a statistic.  A section
 * whose analysis is not in this build, or that has no data for the period,
 * says so in a sentence: no section disappears.
 *
 * rpt_pack_write builds the pack and hands it to the writer the file's
 * extension names (pdf.c, html.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "reports/internal.h"

#define DEFAULT_PARTNERSHIP "Safeguarding children partnership"

struct pack {
	sqlite3 *db;
	const struct rpt_pack_opts *o;
	struct rpt_doc *doc;
	struct rpt_args args;	/* the figures' options: the period, the rule */
	lia_date as_at;		/* currency is judged on the period's last day (or today) */
	char *when;		/* "2019/20", "all dates" */
	char *in_when;		/* "In 2019/20", "Over all the dates recorded" */
	char *in_lower;		/* "in 2019/20", "over all the dates recorded" */
	struct lia_err *err;
	GHashTable *cache;	/* results by analysis and grouping; the document owns them */
};

int
rpt_pack_parse(const char *s, enum rpt_pack *p)
{
	if (strcmp(s, "board") == 0)
		*p = RPT_PACK_BOARD;
	else if (strcmp(s, "ld") == 0)
		*p = RPT_PACK_LD;
	else if (strcmp(s, "pqa") == 0)
		*p = RPT_PACK_PQA;
	else
		return -1;
	return 0;
}

void
rpt_pack_opts_defaults(struct rpt_pack_opts *o)
{
	memset(o, 0, sizeof *o);
	o->pack = RPT_PACK_BOARD;
	period_all(&o->period);
	an_sdc_default(&o->sdc);
	rpt_targets_defaults(&o->targets);
	o->produced = time(NULL);
}

/* ---- small helpers -------------------------------------------------------------- */

/* A section; on a page of its own when it holds charts or long tables. */
static struct doc_block *
section(struct pack *p, const char *id, const char *title)
{
	return doc_heading(p->doc, 1, id, DOC_BREAK_BEFORE, title);
}

/*
 * A section on a page of its own when it has something to show (rows of
 * its result's part), else short: a sentence saying there is nothing.
 */
static struct doc_block *
section_if(struct pack *p, const char *id, const char *title, int rows)
{
	return doc_heading(p->doc, 1, id, rows > 0 ? DOC_BREAK_BEFORE : 0, title);
}

/* A short section (a sentence or two): it follows on the same page. */
static struct doc_block *
short_section(struct pack *p, const char *id, const char *title)
{
	return doc_heading(p->doc, 1, id, 0, title);
}

static struct doc_block *
sub(struct pack *p, const char *id, const char *title)
{
	return doc_heading(p->doc, 2, id, 0, title);
}

/* Whether a note is one of the analyses' notes of a small n (AN_SMALL_N_NOTE_END). */
static int
small_n_note(const char *n)
{
	return g_str_has_suffix(n, AN_SMALL_N_NOTE_END);
}

/*
 * A result's notes under its table, as one note.  With flagged, the table
 * shows the small_n flag: its row-by-row notes of a small n are said once.
 */
static void
notes_of(struct pack *p, const struct an_result *res, int flagged)
{
	GString *g;
	size_t i;
	int small = 0;

	if (res == NULL || res->nnotes == 0)
		return;
	g = g_string_new(NULL);
	for (i = 0; i < res->nnotes; i++) {
		const char *n = res->notes[i];
		size_t len = strlen(n);

		if (len == 0)
			continue;
		if (flagged && small_n_note(n)) {
			small++;
			continue;
		}
		/* Each note a sentence: a capital first, a full stop last. */
		if (g->len > 0)
			g_string_append_c(g, ' ');
		g_string_append_c(g, g_ascii_toupper(n[0]));
		g_string_append(g, n + 1);
		if (n[len - 1] != '.')
			g_string_append_c(g, '.');
	}
	if (small > 0)
		g_string_prepend(g, small == 1 ? "The row flagged in \"n below 10\" has fewer than "
		    "10 answers, pairs or ratings: read it with care. " : "Rows flagged in \"n below "
		    "10\" have fewer than 10 answers, pairs or ratings: read them with care. ");
	if (g->len > 0)
		doc_note(p->doc, "Notes: %s", g->str);
	g_string_free(g, TRUE);
}

static void
notes(struct pack *p, const struct an_result *res)
{
	notes_of(p, res, 0);
}

/* A cell of a result's total as people read it ("1,234", "45.2%", "<5"). */
static char *
total_text(const struct an_result *res, const char *col)
{
	const struct an_table *t = res->parts[0].total;
	int c = an_table_find(t, col);

	g_assert(c >= 0);
	return an_cell_text(t, 0, c, res->hidden_marker, "\xe2\x80\x93");
}

static const struct an_cell *
total_cell(const struct an_result *res, const char *col)
{
	const struct an_table *t = res->parts[0].total;
	int c = an_table_find(t, col);

	g_assert(c >= 0);
	return an_table_cell(t, 0, c);
}

/* "1 course", "4 courses", "<5 courses": a total's count and its noun.  g_free it. */
static char *
total_count(const struct an_result *res, const char *col, const char *one, const char *many)
{
	const struct an_cell *c = total_cell(res, col);
	char *n = total_text(res, col), *s;

	s = g_strdup_printf("%s %s", n, !c->hidden && !c->null && c->i == 1 ? one : many);
	g_free(n);
	return s;
}

/* Whether a count of the total is known to be above zero (a hidden count is). */
static int
total_positive(const struct an_result *res, const char *col)
{
	const struct an_cell *c = total_cell(res, col);

	return c->hidden || (!c->null && c->i > 0);
}

/*
 * A named figure drawn at the pack's options; its chart goes to the
 * document.  NULL with p->err when the figure fails.
 */
static struct doc_block *
figure(struct pack *p, const char *name, const struct rpt_args *a, const struct an_result *res,
    const char *title, const char *desc)
{
	const struct rpt_figure *f = rpt_figure_find(name);
	double h;
	struct chart *c;

	g_assert(f != NULL);
	h = f->height;
	/* From the result the pack prints too, when it holds it. */
	if (res)
		c = f->draw(res, a, &h, p->err);
	else
		c = rpt_figure_build(f, p->db, a, &h, p->err);
	if (c == NULL)
		return NULL;
	return doc_figure(p->doc, c, f->width, h, title, desc);
}

/* Whether any row of a result shows a value (or the marker) in a column. */
static int
any_shown(const struct an_result *res, const char *col)
{
	const struct an_table *t = res->parts[0].rows;
	int c = an_table_find(t, col), r;

	for (r = 0; r < an_table_nrows(t); r++)
		if (an_table_cell(t, r, c)->hidden || !an_table_cell(t, r, c)->null)
			return 1;
	return 0;
}

/* A row's key for a sentence: the named text columns joined ("N1, 2019/20 Q1"). */
static char *
row_key(const struct an_table *t, int r, const char *keys)
{
	GString *g = g_string_new(NULL);
	char **names = g_strsplit(keys, " ", -1);
	int i;

	for (i = 0; names[i]; i++) {
		int c = an_table_find(t, names[i]);
		const char *s = c >= 0 ? an_table_cell(t, r, c)->s : NULL;

		g_string_append_printf(g, "%s%s", g->len ? ", " : "", s ? s : "not recorded");
	}
	g_strfreev(names);
	return g_string_free(g, FALSE);
}

/*
 * The extreme shown values of a column, for a figure's description: "
 * Highest Police (45.0%), lowest Health Trust (12.0%)."  keys names the
 * columns that say which row it is.
 */
static void
extremes_where(const struct an_table *t, const char *col, const char *keys, const char *fcol,
    const char *fval, GString *g, const char *what)
{
	int c = an_table_find(t, col), fc = fcol ? an_table_find(t, fcol) : -1, r, hi = -1, lo = -1;

	g_assert(c >= 0);
	for (r = 0; r < an_table_nrows(t); r++) {
		double v = an_table_value(t, r, c);

		if (!isfinite(v) || (fc >= 0 && g_strcmp0(an_table_cell(t, r, fc)->s, fval) != 0))
			continue;
		if (hi < 0 || v > an_table_value(t, hi, c))
			hi = r;
		if (lo < 0 || v < an_table_value(t, lo, c))
			lo = r;
	}
	if (hi < 0) {
		g_string_append_printf(g, " No %s can be shown: every one is hidden or missing.",
		    what);
		return;
	}
	{
		char *vh = an_cell_text(t, hi, c, NULL, NULL), *vl = an_cell_text(t, lo, c, NULL, NULL);
		char *kh = row_key(t, hi, keys), *kl = row_key(t, lo, keys);

		if (hi == lo)
			g_string_append_printf(g, " %s: %s.", kh, vh);
		else
			g_string_append_printf(g, " Highest %s (%s), lowest %s (%s).", kh, vh, kl, vl);
		g_free(vh);
		g_free(vl);
		g_free(kh);
		g_free(kl);
	}
}

static void
extremes_of(const struct an_table *t, const char *col, const char *keys, GString *g,
    const char *what)
{
	extremes_where(t, col, keys, NULL, NULL, g, what);
}

static void
extremes(const struct an_result *res, const char *col, GString *g, const char *what)
{
	const struct an_table *t = res->parts[0].rows;

	extremes_of(t, col, an_table_col(t, 0)->name, g, what);
}

/* ---- reach and currency ------------------------------------------------------------- */

/*
 * A pack runs each analysis once for each grouping and shows that one
 * disclosed result wherever it needs it (a table, its chart, a sentence,
 * a tile): so no two places can hide different cells of the same counts.
 */
static struct an_result *
cached(struct pack *p, const char *key)
{
	return g_hash_table_lookup(p->cache, key);
}

static struct an_result *
keep(struct pack *p, const char *key, struct an_result *res)
{
	if (res) {
		doc_hold(p->doc, res);
		g_hash_table_insert(p->cache, g_strdup(key), res);
	}
	return res;
}

static struct an_result *
reach(struct pack *p, enum an_dim by, int cumulative)
{
	struct an_reach_opts o;
	struct an_result *res;
	char key[64];

	snprintf(key, sizeof key, "reach %d %d", (int)by, cumulative);
	if ((res = cached(p, key)) != NULL)
		return res;
	an_reach_opts_defaults(&o);
	o.period = p->o->period;
	o.by = by;
	o.cumulative = cumulative;
	return keep(p, key, rpt_reach(p->db, &o, &p->o->sdc, p->err));
}

static struct an_result *
currency(struct pack *p, enum an_dim by)
{
	struct an_currency_opts o;
	struct an_result *res;
	char key[64];

	snprintf(key, sizeof key, "currency %d", (int)by);
	if ((res = cached(p, key)) != NULL)
		return res;
	an_currency_opts_defaults(&o);
	o.as_at = p->as_at;
	o.by = by;
	return keep(p, key, rpt_currency(p->db, &o, &p->o->sdc, p->err));
}

static struct an_result *
trainers(struct pack *p)
{
	struct an_trainers_opts o;
	struct an_result *res;

	if ((res = cached(p, "trainers")) != NULL)
		return res;
	an_trainers_opts_defaults(&o);
	o.target = (int)p->o->targets.t[RPT_KPI_TRAINERS].target;
	return keep(p, "trainers", rpt_trainers(p->db, &o, &p->o->sdc, p->err));
}

#define REACH_COLS "sessions attendances unique_practitioners=People workforce " \
	"coverage coverage_ci_low:coverage_ci_high=95%_interval"

/* The reach paragraph: the period's totals in words.  0, or -1 (no sessions). */
static int
reach_words(struct pack *p, const struct an_result *tot)
{
	char *s = total_count(tot, "sessions", "session", "sessions"),
	    *c = total_count(tot, "courses", "course", "courses"),
	    *a = total_count(tot, "attendances", "attendance", "attendances"),
	    *u = total_count(tot, "unique_practitioners", "unique practitioner",
	    "unique practitioners"),
	    *h = total_text(tot, "headcount_attendances"), *w = total_text(tot, "workforce"),
	    *cov = total_text(tot, "coverage"), *lo = total_text(tot, "coverage_ci_low"),
	    *hi = total_text(tot, "coverage_ci_high");
	int rc = 0;

	if (!total_positive(tot, "sessions")) {
		doc_para(p->doc, "No training sessions are recorded for %s.", p->when);
		rc = -1;
		goto out;
	}
	doc_para(p->doc, "%s, %s of %s recorded %s by %s%s%s%s. Attendances and people are "
	    "counted apart: a practitioner who came twice is two attendances and one person.",
	    p->in_when, s, c, a,
	    u, total_positive(tot, "headcount_attendances") ? "; events that counted heads only "
	    "added " : "", total_positive(tot, "headcount_attendances") ? h : "",
	    total_positive(tot, "headcount_attendances") ? " more" : "");
	if (!total_cell(tot, "coverage")->null || total_cell(tot, "coverage")->hidden)
		doc_para(p->doc, "Against a workforce of %s, that is %s of the workforce trained "
		    "(95%% interval %s to %s).", w, cov, lo, hi);
	else
		doc_para(p->doc, "The share of the whole workforce trained cannot be given: "
		    "the workforce headcount for the period is not known for every agency with "
		    "training records (see the notes under the table).");
out:
	g_free(s);
	g_free(c);
	g_free(a);
	g_free(u);
	g_free(h);
	g_free(w);
	g_free(cov);
	g_free(lo);
	g_free(hi);
	return rc;
}

/* Reach by agency or sector: a chart and its table. */
static int
reach_groups(struct pack *p, enum an_dim by)
{
	struct an_result *res = reach(p, by, 0);
	struct rpt_args a = p->args;
	struct doc_block *fig;
	GString *desc;
	char caption[160], *cols;
	const char *word = by == AN_DIM_SECTOR ? "sector" : "agency";

	if (res == NULL)
		return -1;
	if (an_table_nrows(res->parts[0].rows) == 0 || !total_positive(res, "sessions")) {
		doc_para(p->doc, "No training is recorded for %s.", p->when);
		return 0;
	}
	a.by = by;
	cols = g_strconcat(word, " ", REACH_COLS, NULL);
	snprintf(caption, sizeof caption, "Training reach by %s, %s", word, p->when);
	if (!any_shown(res, "coverage")) {
		doc_para(p->doc, "No %s with training records has a workforce headcount for the "
		    "period, so the share trained is not drawn; the table gives the counts.", word);
	} else {
		desc = g_string_new(NULL);
		g_string_append_printf(desc, "Horizontal bars of the share of each %s's workforce "
		    "trained %s, with 95%% intervals, for %d %s.", word, p->in_lower,
		    an_table_nrows(res->parts[0].rows), by == AN_DIM_SECTOR ? "sectors" :
		    "agencies");
		extremes(res, "coverage", desc, "share");
		fig = figure(p, "reach-by-agency", &a, res, caption, desc->str);
		g_string_free(desc, TRUE);
		if (fig == NULL) {
			g_free(cols);
			return -1;
		}
		doc_figure_data(fig, res, &res->parts[0], cols, caption);
	}
	doc_table(p->doc, caption, res, &res->parts[0], cols);
	g_free(cols);
	notes(p, res);
	return 0;
}

static int
reach_time(struct pack *p, int with_table)
{
	struct an_result *res = reach(p, AN_DIM_MONTH, 1);
	struct doc_block *fig;
	GString *desc;
	char *u, *a, caption[160];
	const char *cols = "month attendances unique_practitioners=People "
	    "new_practitioners=First_reached cumulative_practitioners=Reached_so_far";

	if (res == NULL)
		return -1;
	if (!total_positive(res, "sessions")) {
		doc_para(p->doc, "No training is recorded for %s.", p->when);
		return 0;
	}
	u = total_text(res, "unique_practitioners");
	a = total_text(res, "attendances");
	desc = g_string_new(NULL);
	g_string_append_printf(desc, "Lines of the cumulative count of unique practitioners and of "
	    "attendances by month %s, %d months, ending at %s people and %s attendances.",
	    p->in_lower, an_table_nrows(res->parts[0].rows), u, a);
	g_free(u);
	g_free(a);
	snprintf(caption, sizeof caption, "Cumulative training reach, %s", p->when);
	fig = figure(p, "reach-over-time", &p->args, res, caption, desc->str);
	g_string_free(desc, TRUE);
	if (fig == NULL)
		return -1;
	snprintf(caption, sizeof caption, "Training reach by month, %s", p->when);
	doc_figure_data(fig, res, &res->parts[0], cols, caption);
	if (with_table) {
		doc_table(p->doc, caption, res, &res->parts[0], cols);
		notes(p, res);
	}
	return 0;
}

static int
currency_section(struct pack *p, enum an_dim by)
{
	struct an_result *res = currency(p, by);
	struct rpt_args a = p->args;
	struct doc_block *fig;
	GString *desc;
	char day[DATE_LONG_LEN], caption[160], *in, *tr;
	const char *cols = "agency workforce practitioners in_date in_date_share "
	    "in_date_ci_low:in_date_ci_high=95%_interval";

	if (res == NULL)
		return -1;
	date_long(p->as_at, day);
	if (!total_positive(res, "practitioners")) {
		doc_para(p->doc, "Nobody is recorded as trained by %s, so no training can be in "
		    "date.", day);
		return 0;
	}
	in = total_text(res, "in_date");
	tr = total_text(res, "practitioners");
	doc_para(p->doc, "As at %s, %s of the %s practitioners trained so far have training "
	    "that is still in date: the latest course of its level within the course's refresh "
	    "period.", day, in, tr);
	g_free(in);
	g_free(tr);
	a.as_at = p->as_at;
	a.by = by;
	snprintf(caption, sizeof caption, "Training in date by agency as at %s", day);
	if (!any_shown(res, "in_date_share")) {
		doc_para(p->doc, "No agency with trained practitioners has a workforce headcount, "
		    "so the share in date is not drawn; the table gives the counts.");
		doc_table(p->doc, caption, res, &res->parts[0], cols);
		notes(p, res);
		return 0;
	}
	desc = g_string_new(NULL);
	g_string_append_printf(desc, "Horizontal bars of the share of each agency's workforce "
	    "whose training is in date as at %s, with 95%% intervals.", day);
	extremes(res, "in_date_share", desc, "share");
	fig = figure(p, "currency", &a, res, caption, desc->str);
	g_string_free(desc, TRUE);
	if (fig == NULL)
		return -1;
	doc_figure_data(fig, res, &res->parts[0], cols, caption);
	doc_table(p->doc, caption, res, &res->parts[0], cols);
	notes(p, res);
	return 0;
}

/*
 * Reach by course: each course by its title, its sessions, attendances and
 * unique practitioners, and the heads counted at events that count heads
 * only; with rates, the did-not-attend and fill rates too.
 */
static int
reach_course(struct pack *p, int rates)
{
	struct an_result *res = reach(p, AN_DIM_COURSE, 0);
	char caption[160];

	if (res == NULL)
		return -1;
	if (!total_positive(res, "sessions")) {
		doc_para(p->doc, "No training is recorded for %s.", p->when);
		return 0;
	}
	if (rates)
		doc_para(p->doc, "Each course's sessions, attendances and the practitioners it "
		    "reached, with the heads counted at events that record numbers only. The "
		    "did-not-attend rate is the share of those booked who did not come; the fill "
		    "rate the share of places taken where a session's capacity is known.");
	else
		doc_para(p->doc, "Each course's sessions, attendances and the practitioners it "
		    "reached, %s, with the heads counted at events that record numbers only.",
		    p->in_lower);
	snprintf(caption, sizeof caption, "Reach by course, %s", p->when);
	doc_table(p->doc, caption, res, &res->parts[0], rates ?
	    "title sessions attendances unique_practitioners=People "
	    "headcount_attendances=Headcount_only dna dna_rate fill_rate" :
	    "title sessions attendances unique_practitioners=People "
	    "headcount_attendances=Headcount_only");
	notes(p, res);
	return 0;
}

static int
trainer_section(struct pack *p)
{
	struct an_result *res = trainers(p);
	const struct an_cell *c;
	char *n, *short_by = NULL;

	if (res == NULL)
		return -1;
	n = total_text(res, "trainers");
	c = total_cell(res, "shortfall");
	if (!c->hidden && !c->null && c->i > 0)
		short_by = g_strdup_printf(", %lld short", (long long)c->i);
	doc_para(p->doc, "The trainer pool counts the practitioners who completed a "
	    "train-the-trainer course: %s of a target pool of %g%s. Every sector of the "
	    "partnership should have a trainer of its own.", n,
	    p->o->targets.t[RPT_KPI_TRAINERS].target, short_by ? short_by : "");
	g_free(short_by);
	g_free(n);
	doc_table(p->doc, "The trainer pool by sector", res, &res->parts[0],
	    "sector trainers agencies=Agencies_with_a_trainer represented");
	notes(p, res);
	return 0;
}

/* ---- feedback and audits ------------------------------------------------------------- */

static struct an_result *
feedback(struct pack *p, enum an_dim by)
{
	struct an_feedback_opts o;
	char key[64];
	struct an_result *res;

	snprintf(key, sizeof key, "feedback %d", (int)by);
	if ((res = cached(p, key)) != NULL)
		return res;
	an_feedback_opts_defaults(&o);
	o.period = p->o->period;
	o.by = by;
	return keep(p, key, rpt_feedback(p->db, &o, &p->o->sdc, p->err));
}

static struct an_result *
audits(struct pack *p)
{
	struct an_audits_opts o;
	struct an_result *res;

	if ((res = cached(p, "audits")) != NULL)
		return res;
	an_audits_opts_defaults(&o);
	return keep(p, "audits", rpt_audits(p->db, &o, &p->o->sdc, p->err));
}

static int
part_rows(const struct an_result *res, const char *part)
{
	const struct an_part *pt = an_result_part(res, part);

	return pt ? an_table_nrows(pt->rows) : 0;
}

/* What practitioners said: the Likert chart and each question's figures. */
static int
feedback_section(struct pack *p)
{
	struct an_result *res = feedback(p, AN_DIM_COURSE);
	struct doc_block *fig;
	GString *desc;
	char caption[160];
	int n;

	if (res == NULL)
		return -1;
	if ((n = part_rows(res, "questions")) == 0) {
		doc_para(p->doc, "No feedback on training is recorded for %s.", p->when);
		return 0;
	}
	doc_para(p->doc, "Each rated question of the feedback forms, by course: the answers at "
	    "each point of its scale, the mean with its 95%% t interval and the share in the "
	    "top two points with its Wilson interval. Rows of fewer than 10 answers are "
	    "flagged: read them with care.");
	desc = g_string_new(NULL);
	g_string_append_printf(desc, "Diverging bars of the answers to each five-point "
	    "question, agreement to the right of the neutral answer and disagreement to the "
	    "left, %d questions by course.", n);
	extremes_of(an_result_part(res, "questions")->rows, "top2", "course question", desc,
	    "top-two share");
	fig = figure(p, "likert", &p->args, res, "What practitioners said of the training",
	    desc->str);
	g_string_free(desc, TRUE);
	if (fig == NULL)
		return -1;
	snprintf(caption, sizeof caption, "Feedback by course and question, %s", p->when);
	doc_table(p->doc, caption, res, an_result_part(res, "questions"),
	    "course text=Question n mean.2 mean_ci_low:mean_ci_high=95%_interval top2 "
	    "top2_ci_low:top2_ci_high=95%_interval small_n");
	notes_of(p, res, 1);
	return 0;
}

/*
 * The same questions by the themes of their courses (a course of two
 * themes counts under each): what the reaction was to each theme's
 * learning.
 */
static int
feedback_themes(struct pack *p)
{
	struct an_result *res = feedback(p, AN_DIM_THEME);
	char caption[160];

	if (res == NULL)
		return -1;
	if (part_rows(res, "questions") == 0)
		return 0;
	sub(p, "feedback-theme", "By theme");
	doc_para(p->doc, "The same questions by the themes of their courses; a course with two "
	    "themes counts under each; a dash stands for a course with no theme.");
	snprintf(caption, sizeof caption, "Feedback by theme and question, %s", p->when);
	doc_table(p->doc, caption, res, an_result_part(res, "questions"),
	    "theme text=Question n mean.2 mean_ci_low:mean_ci_high=95%_interval top2 "
	    "top2_ci_low:top2_ci_high=95%_interval small_n");
	return 0;
}

/* Confidence before and after: the forest plot and the paired tests. */
static int
confidence_section(struct pack *p)
{
	struct an_result *res = feedback(p, AN_DIM_COURSE);
	struct doc_block *fig;
	GString *desc;
	char caption[160];

	if (res == NULL)
		return -1;
	if (part_rows(res, "pairs") == 0) {
		doc_para(p->doc, "No question was asked before and after training (a pair such "
		    "as confidence_before and confidence_after) for %s.", p->when);
		return 0;
	}
	doc_para(p->doc, "For each question asked before and after (the same respondents, "
	    "matched), the mean change with its paired t 95%% interval, the paired t and "
	    "Wilcoxon signed-rank p values and the effect size d_z.");
	desc = g_string_new(NULL);
	g_string_append_printf(desc, "A forest plot of the mean change of %d before-and-after "
	    "pair%s of questions, with 95%% intervals, against no change at zero.",
	    part_rows(res, "pairs"), part_rows(res, "pairs") == 1 ? "" : "s");
	extremes_of(an_result_part(res, "pairs")->rows, "mean_change", "course question", desc,
	    "change");
	fig = figure(p, "confidence-change", &p->args, res, "Confidence before and after the "
	    "training", desc->str);
	g_string_free(desc, TRUE);
	if (fig == NULL)
		return -1;
	snprintf(caption, sizeof caption, "Change before to after, %s", p->when);
	doc_table(p->doc, caption, res, an_result_part(res, "pairs"),
	    "course text=Question_(after) n_pairs mean_before.2 mean_after.2 mean_change.2 "
	    "ci_low:ci_high=95%_interval p_t p_wilcoxon d_z.2");
	return 0;
}

/* The kinds of audit a result's rows hold, in their order; g_ptr_array_free it (borrowed). */
static GPtrArray *
audit_kinds(const struct an_result *res)
{
	const struct an_table *t = an_result_part(res, "rows")->rows;
	GPtrArray *kinds = g_ptr_array_new();
	int r, c = an_table_find(t, "kind");

	for (r = 0; r < an_table_nrows(t); r++) {
		const char *k = an_table_cell(t, r, c)->s;

		if (kinds->len == 0 || g_strcmp0(g_ptr_array_index(kinds, kinds->len - 1), k) != 0)
			g_ptr_array_add(kinds, (gpointer)k);
	}
	return kinds;
}

/* A kind of audit as a reader names it ("Multi-agency case audits"). */
static const char *
kind_words(const char *kind)
{
	return an_audit_kind_words(kind) ? an_audit_kind_words(kind) : kind;
}

/*
 * A kind's latest cycle as a whole, in a sentence, from the audits
 * result's "overall" part: "In the latest cycle, 2020/21, 69.9% of 133
 * ratings of 16 standards were met (95% interval ...), up 10.2 points on
 * 2019/20 (Newcombe's 95% interval ...)."
 */
static void
audit_overall_words(struct pack *p, const struct an_result *res, const char *kind)
{
	const struct an_table *t = an_result_part(res, "overall")->rows;
	int r;

	for (r = 0; r < an_table_nrows(t); r++) {
		const char *m = res->hidden_marker;
		char *cy, *comp, *rated, *std, *lo, *hi, *prev, *ch, *clo, *chi;
		GString *g;

		if (g_strcmp0(an_table_cell(t, r, an_table_find(t, "kind"))->s, kind) != 0 ||
		    !an_table_cell(t, r, an_table_find(t, "latest"))->i)
			continue;
		cy = an_cell_text(t, r, an_table_find(t, "cycle"), m, NULL);
		comp = an_cell_text(t, r, an_table_find(t, "compliance"), m, NULL);
		rated = an_cell_text(t, r, an_table_find(t, "rated"), m, NULL);
		std = an_cell_text(t, r, an_table_find(t, "standards"), m, NULL);
		lo = an_cell_text(t, r, an_table_find(t, "ci_low"), m, NULL);
		hi = an_cell_text(t, r, an_table_find(t, "ci_high"), m, NULL);
		prev = an_cell_text(t, r, an_table_find(t, "previous_cycle"), m, NULL);
		ch = an_cell_text(t, r, an_table_find(t, "change"), m, NULL);
		clo = an_cell_text(t, r, an_table_find(t, "change_ci_low"), m, NULL);
		chi = an_cell_text(t, r, an_table_find(t, "change_ci_high"), m, NULL);
		g = g_string_new(NULL);
		g_string_append_printf(g, "In the latest cycle, %s, %s of the %s ratings of %s "
		    "standards were met", cy, comp, rated, std);
		if (!an_table_cell(t, r, an_table_find(t, "compliance"))->hidden)
			g_string_append_printf(g, " (95%% interval %s to %s)", lo, hi);
		if (!an_table_cell(t, r, an_table_find(t, "previous_cycle"))->null) {
			const struct an_cell *c = an_table_cell(t, r, an_table_find(t, "change"));

			if (c->hidden)
				g_string_append_printf(g, "; the change since %s is hidden with the "
				    "counts of that cycle", prev);
			else
				g_string_append_printf(g, ", %s %.1f points on %s (Newcombe's 95%% "
				    "interval %s to %s)", c->d >= 0 ? "up" : "down", fabs(c->d) * 100,
				    prev, clo, chi);
		}
		g_string_append(g, ".");
		doc_para(p->doc, "%s", g->str);
		g_string_free(g, TRUE);
		g_free(cy);
		g_free(comp);
		g_free(rated);
		g_free(std);
		g_free(lo);
		g_free(hi);
		g_free(prev);
		g_free(ch);
		g_free(clo);
		g_free(chi);
	}
}

/*
 * Compliance by standard and cycle: per kind a heading (at level), a
 * sentence of the kind as a whole, its heatmap and its table.
 */
static int
audit_section(struct pack *p, int level)
{
	struct an_result *res = audits(p);
	const struct an_part *rows;
	GPtrArray *kinds;
	guint k;
	int rc = 0;

	if (res == NULL)
		return -1;
	if (part_rows(res, "rows") == 0) {
		doc_para(p->doc, "No audit results are recorded.");
		return 0;
	}
	rows = an_result_part(res, "rows");
	doc_para(p->doc, "Compliance with each standard by audit cycle: standards met as a "
	    "share of those rated (not applicable left out), with Wilson 95%% intervals; each "
	    "kind of audit apart. Audits are shown for every cycle held, whatever the report's "
	    "period, so that change can be seen.");
	kinds = audit_kinds(res);
	for (k = 0; k < kinds->len && rc == 0; k++) {
		const char *kind = g_ptr_array_index(kinds, k);
		struct rpt_args a = p->args;
		struct doc_block *fig, *tab;
		char *id = g_strdup_printf("audits-%s", kind), caption[200];
		GString *desc = g_string_new(NULL);

		doc_heading(p->doc, level, id, 0, kind_words(kind));
		g_free(id);
		audit_overall_words(p, res, kind);
		a.kind = kind;
		g_string_append_printf(desc, "A heatmap of the compliance of %s, standards by "
		    "cycle, darker for higher compliance, each cell labelled with its percentage.",
		    kind_words(kind));
		extremes_where(rows->rows, "compliance", "standard cycle", "kind", kind, desc,
		    "compliance");
		snprintf(caption, sizeof caption, "%s: compliance by standard and cycle",
		    kind_words(kind));
		fig = figure(p, "audit-heatmap", &a, res, caption, desc->str);
		g_string_free(desc, TRUE);
		if (fig == NULL) {
			rc = -1;
			break;
		}
		doc_figure_data(fig, res, rows, "standard title=Standard_title cycle rated met "
		    "compliance ci_low:ci_high=95%_interval", caption);
		doc_table_where(fig, "kind", kind);
		tab = doc_table(p->doc, caption, res, rows, "standard title=Standard_title cycle "
		    "rated met compliance ci_low:ci_high=95%_interval small_n");
		doc_table_where(tab, "kind", kind);
	}
	g_ptr_array_free(kinds, TRUE);
	if (rc == 0)
		notes_of(p, res, 1);
	return rc;
}

/* The change between cycles: per kind a heading (at level), a dumbbell and a table. */
static int
audit_change_section(struct pack *p, int level)
{
	struct an_result *res = audits(p);
	const struct an_part *changes;
	GPtrArray *kinds;
	guint k;
	int rc = 0;

	if (res == NULL)
		return -1;
	if (part_rows(res, "changes") == 0) {
		doc_para(p->doc, "No standard has been audited in two cycles, so no change can be "
		    "shown.");
		return 0;
	}
	changes = an_result_part(res, "changes");
	doc_para(p->doc, "The change of each standard's compliance between consecutive "
	    "cycles, with Newcombe's 95%% interval of the difference and Fisher's exact p.");
	kinds = audit_kinds(res);
	for (k = 0; k < kinds->len && rc == 0; k++) {
		const char *kind = g_ptr_array_index(kinds, k);
		struct rpt_args a = p->args;
		struct doc_block *fig, *tab;
		char *id, caption[200];
		GString *desc;
		int r, n = 0;

		for (r = 0; r < an_table_nrows(changes->rows); r++)
			n += g_strcmp0(an_table_cell(changes->rows, r, 0)->s, kind) == 0;
		if (n == 0)
			continue;	/* a kind audited in one cycle: nothing changed */
		id = g_strdup_printf("audit-change-%s", kind);
		doc_heading(p->doc, level, id, 0, kind_words(kind));
		g_free(id);
		a.kind = kind;
		desc = g_string_new(NULL);
		g_string_append_printf(desc, "A dumbbell chart of the compliance of each standard "
		    "of %s in its last two cycles, a line from the earlier to the later.",
		    kind_words(kind));
		extremes_where(changes->rows, "difference", "standard to_cycle", "kind", kind, desc,
		    "change");
		snprintf(caption, sizeof caption, "%s: change in compliance between cycles",
		    kind_words(kind));
		fig = figure(p, "audit-change", &a, res, caption, desc->str);
		g_string_free(desc, TRUE);
		if (fig == NULL) {
			rc = -1;
			break;
		}
		tab = doc_table(p->doc, caption, res, changes, "standard from_cycle to_cycle "
		    "difference ci_low:ci_high=95%_interval p_fisher small_n");
		doc_table_where(tab, "kind", kind);
	}
	g_ptr_array_free(kinds, TRUE);
	return rc;
}

static int
section11_section(struct pack *p)
{
	struct an_result *res = audits(p);

	if (res == NULL)
		return -1;
	if (part_rows(res, "section11") == 0) {
		doc_para(p->doc, "No Section 11 self-assessment with a moderated score is "
		    "recorded.");
		return 0;
	}
	doc_para(p->doc, "Each agency's Section 11 self-assessed score (0 to 3) against the "
	    "score agreed at moderation; a negative difference means the agency rated itself "
	    "higher than moderation did.");
	doc_table(p->doc, "Section 11: self-assessed and moderated scores", res,
	    an_result_part(res, "section11"), NULL);
	return 0;
}

/* ---- reviews, actions and impact ----------------------------------------------------- */

static struct an_result *
timeliness(struct pack *p, int seed)
{
	struct an_timeliness_opts o;
	struct an_result *res;
	char key[32];

	snprintf(key, sizeof key, "timeliness %d", seed);
	if ((res = cached(p, key)) != NULL)
		return res;
	an_timeliness_opts_defaults(&o);
	o.period = p->o->period;
	return keep(p, key, rpt_timeliness(p->db, &o, seed, &p->o->sdc, p->err));
}

static struct an_result *
actions(struct pack *p)
{
	struct an_actions_opts o;
	struct an_result *res;

	if ((res = cached(p, "actions")) != NULL)
		return res;
	an_actions_opts_defaults(&o);
	o.as_at = p->as_at;
	return keep(p, "actions", rpt_actions(p->db, &o, &p->o->sdc, p->err));
}

static struct an_result *
impact(struct pack *p)
{
	struct an_impact_opts o;
	struct an_result *res;

	if ((res = cached(p, "impact")) != NULL)
		return res;
	an_impact_opts_defaults(&o);
	o.period = p->o->period;
	o.as_at = p->as_at;
	return keep(p, "impact", rpt_impact(p->db, &o, &p->o->sdc, p->err));
}

/* The reviews in the seed report's layout, their clocks and the timeline. */
static int
reviews_section(struct pack *p)
{
	struct an_result *seed = timeliness(p, 1), *res = timeliness(p, 0);
	int n;

	if (seed == NULL || res == NULL)
		return -1;
	if ((n = part_rows(res, "rows")) == 0) {
		doc_para(p->doc, "No case review has a milestone in %s.", p->when);
		return 0;
	}
	doc_para(p->doc, "%d %s with a milestone in %s, in the layout of the partnership's "
	    "own report, then the statutory clocks: the national panel notified within 5 "
	    "working days of the incident, the rapid review decided within 15 working days "
	    "of notification, the report to the board within 6 months of the decision, and "
	    "the report sent to the panel at least 7 working days before publication.", n,
	    n == 1 ? "review" : "reviews", p->when);
	doc_table(p->doc, "Reviews and their milestones", seed, &seed->parts[0], NULL);
	if (figure(p, "review-timeline", &p->args, res, "Case reviews against the statutory "
	    "clocks", "A timeline of each review's milestones, the time allowed by each "
	    "statutory clock as a pale band, any late work hatched and work still running as an "
	    "open bar to the pack's date.") == NULL)
		return -1;
	doc_table(p->doc, "How many reviews met each clock", res, an_result_part(res, "clocks"),
	    "clock target reviews judged met not_met not_judged");
	doc_table(p->doc, "The clocks of each review", res, an_result_part(res, "rows"),
	    "review kind notification_working_days notification_on_time "
	    "rapid_review_working_days rapid_review_on_time completed_within_6_months "
	    "panel_notice_met delay_reason");
	notes(p, res);
	return 0;
}

static int
actions_section(struct pack *p)
{
	struct an_result *res = actions(p);
	char day[DATE_LONG_LEN], caption[160], *done, *out, *late;

	if (res == NULL)
		return -1;
	date_long(p->as_at, day);
	if (part_rows(res, "rows") == 0) {
		doc_para(p->doc, "No action from a review is recorded.");
		return 0;
	}
	done = total_text(res, "done");
	out = total_text(res, "outstanding");
	late = total_text(res, "overdue");
	doc_para(p->doc, "As at %s: %s actions done and %s outstanding, of which %s overdue "
	    "(past their due date and not done).", day, done, out, late);
	g_free(done);
	g_free(out);
	g_free(late);
	if (figure(p, "actions", &p->args, NULL, "Actions from reviews", "Stacked bars of "
	    "each review's actions done, outstanding and overdue; the table below gives the "
	    "counts.") == NULL)
		return -1;
	snprintf(caption, sizeof caption, "Actions by review and theme as at %s", day);
	doc_table(p->doc, caption, res, &res->parts[0], NULL);
	if (part_rows(res, "overdue") > 0) {
		snprintf(caption, sizeof caption, "Overdue actions as at %s", day);
		doc_table(p->doc, caption, res, an_result_part(res, "overdue"),
		    "action review theme text owner_agency due days_overdue");
	}
	notes(p, res);
	return 0;
}

static int
impact_section(struct pack *p)
{
	struct an_result *res = impact(p);

	if (res == NULL)
		return -1;
	if (part_rows(res, "rows") == 0) {
		doc_para(p->doc, "No theme is recorded, so no impact chain can be drawn.");
		return 0;
	}
	doc_para(p->doc, "For each theme the reviews raised, the chain from learning to "
	    "practice: the reviews and their actions, the training and learning products that "
	    "carried it, what practitioners said and how their confidence changed, and audit "
	    "compliance in the first and latest cycle; with the Kirkpatrick level the evidence "
	    "reaches, a rule-based evidence grade (docs/methods.md) and the gaps.");
	if (figure(p, "impact-chain", &p->args, res, "The impact chain by theme", "One row "
	    "per theme across the chain's stages, each cell by the evidence held, with the "
	    "Kirkpatrick level and the evidence grade; the tables below give the numbers.")
	    == NULL)
		return -1;
	doc_table(p->doc, "The chain by theme: reviews, actions and reach", res, &res->parts[0],
	    "theme reviews actions_done=Actions_done actions_outstanding=Outstanding "
	    "actions_overdue=Overdue sessions unique_practitioners=People coverage "
	    "briefings resources");
	doc_table(p->doc, "The chain by theme: reaction, confidence, audits and grade", res,
	    &res->parts[0], "theme top2 confidence_change.2=Confidence_change "
	    "compliance_first=Compliance_first compliance_latest=Compliance_latest "
	    "kirkpatrick_level=Kirkpatrick_level grade");
	if (part_rows(res, "gaps") > 0)
		doc_table(p->doc, "Gaps in the evidence", res, an_result_part(res, "gaps"), NULL);
	notes(p, res);
	return 0;
}

/* ---- the executive summary -------------------------------------------------------- */

struct kpi {
	enum rpt_kpi k;
	char *label;		/* NULL: the target's label */
	double value;		/* NaN: none */
	int hidden;
	char *text;		/* as the result writes it */
	char *interval;		/* "44.0% to 77.3%", the marker, or NULL when none */
	double previous;
	char *previous_label;	/* "since 2019/20"; NULL: the period before */
	char *source;		/* where it comes from, or why it is missing */
	int no_tile;		/* in the table only ("4 of 5 met" is no tile's number) */
};

static void
kpi_init(struct kpi *k, enum rpt_kpi which, const char *source)
{
	memset(k, 0, sizeof *k);
	k->k = which;
	k->value = NAN;
	k->previous = NAN;
	k->source = g_strdup(source);
}

/*
 * An indicator from a cell of a result's table (row r of t), with its
 * interval from the columns lo and hi when they are given.
 */
static void
kpi_cell(struct kpi *k, enum rpt_kpi which, const struct an_result *res,
    const struct an_table *t, int r, const char *col, const char *lo, const char *hi,
    const char *source)
{
	int c = an_table_find(t, col);

	g_assert(c >= 0);
	kpi_init(k, which, source);
	k->hidden = an_table_cell(t, r, c)->hidden;
	k->value = an_table_value(t, r, c);
	k->text = an_cell_text(t, r, c, res->hidden_marker, "\xe2\x80\x93");
	if (lo && hi) {
		int cl = an_table_find(t, lo), ch = an_table_find(t, hi);
		const struct an_cell *l = an_table_cell(t, r, cl), *h = an_table_cell(t, r, ch);

		if (l->hidden || h->hidden)
			k->interval = g_strdup(res->hidden_marker);
		else if (!l->null && !h->null) {
			char *a = an_cell_text(t, r, cl, NULL, NULL), *b = an_cell_text(t, r, ch, NULL, NULL);

			k->interval = g_strdup_printf("%s to %s", a, b);
			g_free(a);
			g_free(b);
		}
	}
}

/* An indicator from a cell of a result's total (its first part's). */
static void
kpi_from(struct kpi *k, enum rpt_kpi which, const struct an_result *res, const char *col,
    const char *lo, const char *hi, const char *source)
{
	if (res == NULL) {
		kpi_init(k, which, source);
		k->text = g_strdup("\xe2\x80\x93");
		return;
	}
	kpi_cell(k, which, res, res->parts[0].total, 0, col, lo, hi, source);
}

/*
 * A statutory clock from the timeliness result's "clocks" part: shown as
 * "4 of 5 met", rated by the share met of those judged.
 */
static void
kpi_clock(struct kpi *k, enum rpt_kpi which, const struct an_result *res, const char *clock,
    const char *source)
{
	const struct an_part *pt = an_result_part(res, "clocks");
	const struct an_table *t = pt ? pt->rows : NULL;
	int r, c = t ? an_table_find(t, "clock") : -1;

	kpi_init(k, which, source);
	k->no_tile = 1;
	k->text = g_strdup("\xe2\x80\x93");
	for (r = 0; t && c >= 0 && r < an_table_nrows(t); r++) {
		const char *name = an_table_cell(t, r, c)->s;
		double judged, met;

		if (name == NULL || strcmp(name, clock) != 0)
			continue;
		judged = an_table_value(t, r, an_table_find(t, "judged"));
		met = an_table_value(t, r, an_table_find(t, "met"));
		if (isfinite(judged) && isfinite(met) && judged > 0) {
			g_free(k->text);
			k->text = g_strdup_printf("%.0f of %.0f met", met, judged);
			k->value = met / judged;
		}
	}
}

static void
kpi_waiting(struct kpi *k, enum rpt_kpi which, const char *why)
{
	kpi_init(k, which, why);
	k->text = g_strdup("\xe2\x80\x93");
}

/*
 * Feedback: every rated answer after the training as one (the feedback
 * result's "overall" part), the top-two share with its Wilson interval.
 */
static void
kpi_feedback(struct kpi *k, const struct an_result *fb, const char *when)
{
	const struct an_part *pt = an_result_part(fb, "overall");
	char *n, *src;

	if (pt == NULL || an_table_nrows(pt->rows) == 0) {
		src = g_strdup_printf("feedback: no rated answer after training is recorded for %s",
		    when);
		kpi_waiting(k, RPT_KPI_FEEDBACK, src);
		g_free(src);
		return;
	}
	n = an_cell_text(pt->rows, 0, an_table_find(pt->rows, "answers"), fb->hidden_marker, NULL);
	src = g_strdup_printf("feedback: the share of %s rated answers after training in the "
	    "top two points of their scale", n);
	kpi_cell(k, RPT_KPI_FEEDBACK, fb, pt->rows, 0, "top2", "top2_ci_low", "top2_ci_high", src);
	g_free(n);
	g_free(src);
}

/*
 * Audits: each kind's latest cycle, its standards pooled (the audits
 * result's "overall" part), with its Wilson interval and the change since
 * the kind's cycle before.  Fills k[0..]; returns how many (none: one
 * saying so).
 */
static int
kpi_audits(struct kpi *k, const struct an_result *au)
{
	const struct an_part *pt = an_result_part(au, "overall");
	const struct an_table *t = pt ? pt->rows : NULL;
	int r, n = 0;

	for (r = 0; t && r < an_table_nrows(t); r++) {
		const char *kind = an_table_cell(t, r, an_table_find(t, "kind"))->s;
		const char *cycle = an_table_cell(t, r, an_table_find(t, "cycle"))->s;
		const char *prev = an_table_cell(t, r, an_table_find(t, "previous_cycle"))->s;
		char *src;
		double change;

		if (!an_table_cell(t, r, an_table_find(t, "latest"))->i)
			continue;
		src = g_strdup_printf("audits: standards met of those rated in the latest cycle, "
		    "%s, every standard pooled%s%s", cycle, prev ? "; change since " : "",
		    prev ? prev : "");
		kpi_cell(&k[n], RPT_KPI_AUDIT, au, t, r, "compliance", "ci_low", "ci_high", src);
		g_free(src);
		k[n].label = g_strdup_printf("Compliance: %s", an_audit_kind_words(kind) ?
		    an_audit_kind_words(kind) : kind);
		change = an_table_value(t, r, an_table_find(t, "change"));
		if (isfinite(change) && isfinite(k[n].value)) {
			k[n].previous = k[n].value - change;
			k[n].previous_label = g_strdup_printf("since %s", prev);
		}
		n++;
	}
	if (n == 0)
		kpi_waiting(&k[n++], RPT_KPI_AUDIT, "audits: no audit result is rated");
	return n;
}

static void
kpi_fini(struct kpi *k)
{
	g_free(k->label);
	g_free(k->text);
	g_free(k->interval);
	g_free(k->previous_label);
	g_free(k->source);
}

/* The period before a financial or calendar year, for the tiles' change. */
static int
previous_period(const struct period *p, struct period *prev)
{
	char label[32];
	int y;
	struct lia_err err;

	if (p->kind == PERIOD_FY)
		y = period_fy_of(p->from);
	else if (p->kind == PERIOD_YEAR)
		y = atoi(p->label);
	else
		return -1;
	if (p->kind == PERIOD_FY)
		snprintf(label, sizeof label, "%d/%02d", y - 1, y % 100);
	else
		snprintf(label, sizeof label, "%d", y - 1);
	lia_err_clear(&err);
	return period_parse(label, prev, &err);
}

/* At most this many indicators: one per target, with one per kind of audit. */
#define KPI_MAX (RPT_KPI_COUNT + 4)

static int
summary(struct pack *p, int board)
{
	const struct rpt_targets *tg = &p->o->targets;
	struct an_result *cov = reach(p, AN_DIM_AGENCY, 0), *cur, *tr, *prev_res = NULL,
	    *words;
	struct kpi k[KPI_MAX];
	struct doc_tile tiles[KPI_MAX];
	struct chart_opts co;
	struct chart *c;
	struct period prev;
	struct an_table *t;
	int n = 0, i, ntiles = 0, have_prev = 0;
	static const struct an_col cols[] = {
		{ "indicator", AN_TEXT, AN_PLAIN, NULL, NULL, "Indicator" },
		{ "value", AN_TEXT, AN_PLAIN, NULL, NULL, "Value" },
		{ "interval", AN_TEXT, AN_PLAIN, NULL, NULL, "95% interval" },
		{ "target", AN_TEXT, AN_PLAIN, NULL, NULL, "Target" },
		{ "status", AN_TEXT, AN_PLAIN, NULL, NULL, "Status" },
		{ "source", AN_TEXT, AN_PLAIN, NULL, NULL, "Source" },
	};

	if (cov == NULL || (cur = currency(p, AN_DIM_AGENCY)) == NULL || (tr = trainers(p)) == NULL)
		return -1;
	kpi_from(&k[n++], RPT_KPI_COVERAGE, cov, "coverage", "coverage_ci_low",
	    "coverage_ci_high", "reach: unique practitioners trained in the period over the "
	    "workforce");
	if (previous_period(&p->o->period, &prev) == 0) {
		struct an_reach_opts o;

		an_reach_opts_defaults(&o);
		o.period = prev;
		if ((prev_res = rpt_reach(p->db, &o, &p->o->sdc, p->err)) == NULL) {
			kpi_fini(&k[0]);
			return -1;
		}
		doc_hold(p->doc, prev_res);
		have_prev = 1;
		k[0].previous = an_table_value(prev_res->parts[0].total, 0,
		    an_table_find(prev_res->parts[0].total, "coverage"));
	}
	kpi_from(&k[n++], RPT_KPI_IN_DATE, cur, "in_date_share", "in_date_ci_low",
	    "in_date_ci_high", "currency: training in date as at the period's end");
	kpi_from(&k[n++], RPT_KPI_DNA, cov, "dna_rate", NULL, NULL, "reach: did not attend over "
	    "booked (attended and did not attend)");
	kpi_from(&k[n++], RPT_KPI_TRAINERS, tr, "trainers", NULL, NULL, "trainer pool: "
	    "practitioners who completed a train-the-trainer course");
	if (board) {
		struct an_result *tl = timeliness(p, 0), *ac = actions(p), *fb, *au;

		if (tl == NULL || ac == NULL || (fb = feedback(p, AN_DIM_COURSE)) == NULL ||
		    (au = audits(p)) == NULL) {
			for (i = 0; i < n; i++)
				kpi_fini(&k[i]);
			return -1;
		}
		kpi_clock(&k[n++], RPT_KPI_NOTIFICATION, tl, "notification", "timeliness: "
		    "reviews whose national panel was notified within 5 working days");
		kpi_clock(&k[n++], RPT_KPI_RAPID_REVIEW, tl, "rapid_review", "timeliness: rapid "
		    "reviews decided within 15 working days of notification");
		kpi_clock(&k[n++], RPT_KPI_REVIEWS_6M, tl, "completion", "timeliness: reports "
		    "to the board within 6 months of the decision");
		kpi_from(&k[n++], RPT_KPI_ACTIONS_OVERDUE, ac, "overdue", NULL, NULL, "action "
		    "plans: outstanding past their due date at the period's end");
		n += kpi_audits(&k[n], au);
		kpi_feedback(&k[n++], fb, p->when);
	}

	chart_opts_defaults(&co);
	co.font_size = 9;
	if (p->o->sdc.rule != AN_SDC_OFF && cov->hidden_marker)
		co.hidden_text = cov->hidden_marker;
	c = chart_new(CHART_TILES, &co);
	t = an_table_new(cols, G_N_ELEMENTS(cols));
	for (i = 0; i < n; i++) {
		const struct rpt_target *x = &tg->t[k[i].k];
		const char *label = k[i].label ? k[i].label : x->label;
		struct chart_tile tile;
		enum chart_rag rag = k[i].hidden ? CHART_RAG_NONE : rpt_target_rate(x, k[i].value);
		char *target = rpt_target_words(x), *change = NULL, *since = NULL;

		an_table_row(t);
		an_table_text(t, label);
		an_table_text(t, k[i].text);
		an_table_text(t, k[i].interval);
		an_table_text(t, target);
		an_table_text(t, isfinite(k[i].value) || k[i].hidden ? doc_rag_word(rag) :
		    "Not rated");
		an_table_text(t, k[i].source);
		if ((!isfinite(k[i].value) && !k[i].hidden) || k[i].no_tile) {
			g_free(target);
			continue;	/* no tile for what is not there: the table says why */
		}
		if (isfinite(k[i].previous))
			since = k[i].previous_label ? g_strdup(k[i].previous_label) :
			    have_prev ? g_strdup_printf("since %s", prev.label) : NULL;
		memset(&tile, 0, sizeof tile);
		tile.label = label;
		tile.value = k[i].value;
		tile.previous = since ? k[i].previous : NAN;
		tile.previous_label = since;
		tile.rag = rag;
		tile.format = x->share ? CHART_PERCENT : CHART_NUMBER;
		tile.hidden = k[i].hidden;
		if (c && chart_add_tile(c, &tile) != 0) {
			lia_err_set(p->err, "%s", chart_error(c));
			g_free(since);
			g_free(target);
			chart_free(c);
			an_table_free(t);
			for (i = 0; i < n; i++)
				kpi_fini(&k[i]);
			return -1;
		}
		if (since && isfinite(k[i].value) && !k[i].hidden) {
			double d = (k[i].value - k[i].previous) * (x->share ? 100 : 1);

			if (round(fabs(d)) == 0)
				change = g_strdup_printf("no change %s", since);
			else
				change = g_strdup_printf("%s %.0f%s %s", d > 0 ? "up" : "down",
				    round(fabs(d)), x->share ? " points" : "", since);
		}
		tiles[ntiles].label = (char *)(uintptr_t)label;
		tiles[ntiles].value = k[i].text;
		tiles[ntiles].target = g_strdup_printf("target %s", target);
		tiles[ntiles].change = change;
		tiles[ntiles].rag = rag;
		ntiles++;
		g_free(since);
		g_free(target);
	}
	words = an_result_new("kpis", "key indicators");
	an_result_add(words, "rows", NULL, t, NULL);
	doc_hold(p->doc, words);
	if (ntiles > 0) {
		doc_tiles(p->doc, c, tiles, ntiles);
	} else {
		chart_free(c);
	}
	for (i = 0; i < ntiles; i++) {
		g_free(tiles[i].target);
		g_free(tiles[i].change);
	}
	doc_table(p->doc, "Key indicators against their targets", words, &words->parts[0],
	    "indicator >value >interval target !status source");
	doc_note(p->doc, "Green: at or beyond the target; Amber: short of it but within the "
	    "amber threshold; Red: beyond that. The targets and thresholds are listed in the "
	    "methods appendix. A value hidden by small-number suppression is not rated.");
	for (i = 0; i < n; i++)
		kpi_fini(&k[i]);
	return 0;
}

/* ---- appendices ----------------------------------------------------------------- */

static const struct doc_def definitions[] = {
	{ "Attendance", "A practitioner recorded as attending one session. A practitioner "
	  "who attended twice is two attendances." },
	{ "Unique practitioners", "People trained, each counted once however many sessions "
	  "they attended. People are known by a keyed pseudonym: lia never stores names or "
	  "e-mail addresses." },
	{ "Headcount-only attendance", "Heads counted at large events that record numbers, "
	  "not names. Never part of the unique count." },
	{ "Coverage", "Unique practitioners trained in the period as a share of the "
	  "workforce headcount (the latest return of each agency for the period)." },
	{ "DNA rate", "Did not attend as a share of those booked who attended or did not "
	  "attend; cancellations are not counted." },
	{ "Fill rate", "Places taken (attendances and headcounts) as a share of the capacity "
	  "of sessions whose capacity is known." },
	{ "In date", "A practitioner's latest course of the level is within the course's "
	  "refresh period (or, for a level defined by hours, enough hours in the rolling "
	  "window), as at the period's last day." },
	{ "Trainer pool", "Practitioners who completed a train-the-trainer course, counted "
	  "in the sector of their agency on their latest such course." },
	{ "Working days", "Days other than Saturdays, Sundays and England and Wales bank "
	  "holidays (with the one-off changes since 1995 and the dates imported as local "
	  "holidays), counted after the first date up to and including the second." },
};

static const struct doc_def intervals[] = {
	{ "Wilson score interval", "The 95% interval of a share (coverage, in-date share, "
	  "compliance, top-two-box share): Wilson's score interval without continuity "
	  "correction, as R's prop.test(correct = FALSE)." },
	{ "t interval", "The 95% interval of a mean rating and of a mean change, from "
	  "Student's t distribution." },
	{ "Paired tests", "Change in confidence before and after: the paired t test and "
	  "Wilcoxon's signed-rank test, with the effect size d_z." },
	{ "Newcombe interval", "The 95% interval of a change in compliance between audit "
	  "cycles: Newcombe's hybrid score method 10." },
	{ "Fisher's exact test", "The p value of a change between two cycles when counts are "
	  "small, as R's fisher.test." },
};

static int
methods(struct pack *p)
{
	const struct rpt_targets *tg = &p->o->targets;
	struct an_result *res;
	struct an_table *t;
	int i;
	static const struct an_col cols[] = {
		{ "indicator", AN_TEXT, AN_PLAIN, NULL, NULL, "Indicator" },
		{ "key", AN_TEXT, AN_PLAIN, NULL, NULL, "Key" },
		{ "green", AN_TEXT, AN_PLAIN, NULL, NULL, "Green" },
		{ "amber", AN_TEXT, AN_PLAIN, NULL, NULL, "Amber" },
		{ "red", AN_TEXT, AN_PLAIN, NULL, NULL, "Red" },
	};

	doc_heading(p->doc, 1, "methods", DOC_BREAK_BEFORE, "Appendix A: Methods");
	sub(p, "definitions", "Definitions");
	doc_defs(p->doc, definitions, G_N_ELEMENTS(definitions));
	sub(p, "intervals", "Intervals and tests");
	doc_defs(p->doc, intervals, G_N_ELEMENTS(intervals));
	sub(p, "suppression", "Small numbers");
	if (p->doc->sdc_words)
		doc_para(p->doc, "Small-number suppression is in force in this pack: %s. "
		    "The counts behind a hidden cell are never printed, drawn or described.",
		    p->doc->sdc_words);
	else
		doc_para(p->doc, "%s. Small-number suppression was turned off for this pack "
		    "(--suppress 0): it shows counts of fewer than five people and must not "
		    "be published.", DOC_NOT_FOR_PUBLICATION);
	sub(p, "targets", "Targets");
	doc_para(p->doc, "Each key indicator is rated against its target. The defaults are "
	    "those of lia's methods; a partnership sets its own with --targets FILE.");
	t = an_table_new(cols, G_N_ELEMENTS(cols));
	for (i = 0; i < RPT_KPI_COUNT; i++) {
		const struct rpt_target *x = &tg->t[i];
		char *g, *a, *r, *tv, *av;

		tv = x->share ? g_strdup_printf("%g%%", round(x->target * 1000) / 10) :
		    g_strdup_printf("%g", x->target);
		av = x->share ? g_strdup_printf("%g%%", round(x->amber * 1000) / 10) :
		    g_strdup_printf("%g", x->amber);
		if (x->lower_better) {
			g = g_strdup_printf("at most %s", tv);
			a = g_strdup_printf("above %s, at most %s", tv, av);
			r = g_strdup_printf("above %s", av);
		} else {
			g = g_strdup_printf("at least %s", tv);
			a = g_strdup_printf("below %s, at least %s", tv, av);
			r = g_strdup_printf("below %s", av);
		}
		an_table_row(t);
		an_table_text(t, x->label);
		an_table_text(t, x->key);
		an_table_text(t, g);
		an_table_text(t, a);
		an_table_text(t, r);
		g_free(g);
		g_free(a);
		g_free(r);
		g_free(tv);
		g_free(av);
	}
	res = an_result_new("targets", "targets");
	an_result_add(res, "rows", NULL, t, NULL);
	doc_hold(p->doc, res);
	doc_table_all(p->doc, "Targets and RAG thresholds in force", res, &res->parts[0]);
	return 0;
}

static int
provenance(struct pack *p)
{
	struct an_result *res = rpt_batches(p->db, p->err);

	if (res == NULL)
		return -1;
	doc_hold(p->doc, res);
	doc_heading(p->doc, 1, "provenance", DOC_BREAK_BEFORE, "Appendix B: Data provenance");
	doc_para(p->doc, "Every number in this pack was computed by %s from the files below, "
	    "as imported into its database (schema %d). Each file is named with its SHA-256 "
	    "checksum, so a reader can check that a file in hand is the one used. Every row "
	    "read was loaded, recognised as a duplicate, skipped with a stated reason or "
	    "rejected with its line and reason (`lia rejects`).", p->doc->creator,
	    db_schema_version());
	if (an_table_nrows(res->parts[0].rows) == 0) {
		doc_para(p->doc, "No file has been imported into this database.");
		return 0;
	}
	doc_table(p->doc, "Import batches: what became of every row read", res, &res->parts[0],
	    "batch kind file imported read loaded duplicates skipped rejected status");
	doc_table(p->doc, "Import batches: the files' SHA-256 checksums", res, &res->parts[0],
	    "batch file sha256");
	return 0;
}

/* ---- the packs ------------------------------------------------------------------ */

static void
intro(struct pack *p, const char *what)
{
	doc_heading(p->doc, 1, "about", 0, "About this report");
	doc_para(p->doc, "%s for %s, covering %s. It was produced by %s on %s from the "
	    "partnership's lia database; the files behind every number are listed with "
	    "their checksums in the data provenance appendix.", what, p->doc->partnership,
	    p->doc->period, p->doc->creator, p->doc->produced);
	if (p->doc->sdc_words) {
		char *m = an_sdc_marker(&p->o->sdc);

		doc_para(p->doc, "Counts of fewer than %d people are hidden and shown as "
		    "\"%s\", with anything from which they could be worked out%s.",
		    p->o->sdc.threshold, m, p->o->sdc.rule == AN_SDC_ONS ? "; other counts "
		    "are rounded to the nearest 5" : "");
		g_free(m);
	} else {
		doc_para(p->doc, "%s: small-number suppression was turned off.",
		    DOC_NOT_FOR_PUBLICATION);
	}
}

/* The improvement cycle and the evidence log by kind. */
static int
cycle_section(struct pack *p)
{
	struct an_evidence_opts o;
	struct an_result *res;
	struct doc_block *fig;
	char caption[160];

	section(p, "cycle", "The learning improvement cycle");
	doc_para(p->doc, "The partnership evidences improvement through a cycle of activity "
	    "owned by its sub-groups: the Practice Review Panel's reviews, the Learning and "
	    "Development sub-group's training and its evaluation, and the Performance and "
	    "Quality Assurance sub-group's audits and evidence. The diagram counts the "
	    "records the database holds at each stage, over all dates; records about people "
	    "(feedback, service users, the dataset) are hidden when few.");
	if ((res = rpt_cycle(p->db, &p->o->sdc, p->err)) == NULL)
		return -1;
	doc_hold(p->doc, res);
	if ((fig = figure(p, "improvement-cycle", &p->args, res, "The learning improvement cycle",
	    "The learning improvement cycle: a "
	    "ring of stages owned by the Practice Review Panel, the L&D sub-group and the PQA "
	    "sub-group, each with the number of records held in lia.")) == NULL)
		return -1;
	doc_figure_data(fig, res, &res->parts[0], "label group=Owned_by records "
	    "records_about_people", "Records held at each stage of the cycle");
	sub(p, "evidence", "The evidence log");
	an_evidence_opts_defaults(&o);
	o.by = AN_EVBY_KIND;
	o.period = p->o->period;
	if ((res = rpt_evidence(p->db, &o, &p->o->sdc, p->err)) == NULL)
		return -1;
	doc_hold(p->doc, res);
	if (!total_positive(res, "items")) {
		doc_para(p->doc, "No briefing, resource or other evidence is logged for %s.",
		    p->when);
		return 0;
	}
	doc_para(p->doc, "Learning products and evidence sources that are not courses or "
	    "audits: 7-minute briefings, practice resources, service-user feedback, frontline "
	    "intelligence and research. Reach is counted in its own unit, never added across "
	    "units: a download is not a person.");
	snprintf(caption, sizeof caption, "The evidence log by kind, %s", p->when);
	doc_table(p->doc, caption, res, &res->parts[0], "kind=Kind items=Items "
	    "reach_people=People reach_downloads=Downloads reach_views=Views "
	    "reach_copies=Copies items_without_reach=No_reach_recorded");
	notes(p, res);
	return 0;
}

static int
board(struct pack *p)
{
	struct an_result *fb, *au;

	intro(p, "This board assurance pack reports the partnership's learning and "
	    "improvement cycle: case reviews and their statutory clocks, the training and "
	    "learning that followed, what practitioners said, what audits found, the "
	    "impact on each theme and the actions still outstanding. It is");
	short_section(p, "summary", "Summary: key indicators");
	if (summary(p, 1) != 0)
		return -1;

	section(p, "reviews", "Case reviews and statutory clocks");
	if (reviews_section(p) != 0)
		return -1;

	section(p, "training", "Training reach and currency");
	sub(p, "reach", "Reach");
	{
		struct an_result *tot = reach(p, AN_DIM_AGENCY, 0);

		if (tot == NULL)
			return -1;
		if (reach_words(p, tot) == 0 && reach_groups(p, AN_DIM_AGENCY) != 0)
			return -1;
	}
	sub(p, "reach-course", "Reach by course");
	if (reach_course(p, 0) != 0)
		return -1;
	sub(p, "reach-time", "Cumulative reach");
	if (reach_time(p, 0) != 0)
		return -1;
	sub(p, "currency", "Training in date");
	if (currency_section(p, AN_DIM_AGENCY) != 0)
		return -1;
	sub(p, "trainers", "Trainer pool");
	if (trainer_section(p) != 0)
		return -1;

	if ((fb = feedback(p, AN_DIM_COURSE)) == NULL || (au = audits(p)) == NULL)
		return -1;
	section_if(p, "feedback", "Feedback and confidence", part_rows(fb, "questions"));
	if (feedback_section(p) != 0)
		return -1;
	sub(p, "confidence", "Confidence before and after");
	if (confidence_section(p) != 0)
		return -1;
	section_if(p, "audits", "Audit compliance and change", part_rows(au, "rows"));
	if (audit_section(p, 2) != 0)
		return -1;
	sub(p, "audit-change", "Change between cycles");
	if (audit_change_section(p, 3) != 0)
		return -1;
	section(p, "impact", "Impact by theme");
	if (impact_section(p) != 0)
		return -1;
	section(p, "actions", "Actions from reviews");
	if (actions_section(p) != 0)
		return -1;

	return cycle_section(p);
}

static int
ld(struct pack *p)
{
	struct an_result *tot;

	intro(p, "This report of the Learning and Development sub-group shows who the "
	    "partnership's safeguarding training reached, how much of the workforce is in "
	    "date, how well sessions were attended and filled, and the trainer pool. It is");
	short_section(p, "summary", "Summary: key indicators");
	if (summary(p, 0) != 0)
		return -1;
	if ((tot = reach(p, AN_DIM_AGENCY, 0)) == NULL)
		return -1;
	section(p, "reach-agency", "Reach by agency");
	if (reach_words(p, tot) == 0 && reach_groups(p, AN_DIM_AGENCY) != 0)
		return -1;
	section(p, "reach-sector", "Reach by sector");
	if (reach_groups(p, AN_DIM_SECTOR) != 0)
		return -1;
	section(p, "reach-course", "Reach by course, attendance and fill rates");
	if (reach_course(p, 1) != 0)
		return -1;
	section(p, "reach-month", "Reach over time");
	if (reach_time(p, 1) != 0)
		return -1;
	section(p, "currency", "Training in date");
	if (currency_section(p, AN_DIM_AGENCY) != 0)
		return -1;
	section(p, "trainers", "Trainer pool");
	if (trainer_section(p) != 0)
		return -1;
	return 0;
}

static int
pqa(struct pack *p)
{
	struct an_result *fb, *au;

	intro(p, "This report of the Performance and Quality Assurance sub-group shows the "
	    "evidence of impact: what practitioners said of the learning, how their confidence "
	    "changed, what audits found and how compliance moved, Section 11 self-assessment "
	    "against moderation, and the chain from each review's learning to practice. It is");
	if ((fb = feedback(p, AN_DIM_COURSE)) == NULL || (au = audits(p)) == NULL)
		return -1;
	section_if(p, "feedback", "Feedback by course and theme",
	    part_rows(fb, "questions"));
	if (feedback_section(p) != 0 || feedback_themes(p) != 0)
		return -1;
	section_if(p, "confidence", "Confidence change", part_rows(fb, "pairs"));
	if (confidence_section(p) != 0)
		return -1;
	section_if(p, "audits", "Audit compliance", part_rows(au, "rows"));
	if (audit_section(p, 2) != 0)
		return -1;
	section_if(p, "audit-change", "Change between audit cycles",
	    part_rows(au, "changes"));
	if (audit_change_section(p, 2) != 0)
		return -1;
	section_if(p, "section11", "Section 11: self-assessed and moderated",
	    part_rows(au, "section11"));
	if (section11_section(p) != 0)
		return -1;
	section(p, "impact", "Impact by theme");
	if (impact_section(p) != 0)
		return -1;
	return cycle_section(p);
}

static const char *const pack_titles[] = {
	[RPT_PACK_BOARD] = "Board assurance pack",
	[RPT_PACK_LD] = "Learning and development reach report",
	[RPT_PACK_PQA] = "Performance and quality assurance impact report",
};

static const char *const pack_subjects[] = {
	[RPT_PACK_BOARD] = ("The partnership's learning and improvement cycle: reviews, "
	    "training, feedback, audits, impact and actions"),
	[RPT_PACK_LD] = "Safeguarding training reach, currency, attendance and the trainer pool",
	[RPT_PACK_PQA] = "Evidence of impact: feedback, confidence, audits and the impact chain",
};

/* The pack as a document, or NULL with err. */
static struct rpt_doc *
build(sqlite3 *db, const struct rpt_pack_opts *o, struct lia_err *err)
{
	struct pack p;
	char *creator = g_strdup_printf("lia %s", LIA_VERSION), *when;
	GDateTime *now = g_date_time_new_from_unix_utc((gint64)o->produced);
	lia_date today;
	int rc = -1;

	memset(&p, 0, sizeof p);
	p.db = db;
	p.o = o;
	p.err = err;
	p.cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	when = rpt_period_words(&o->period);
	p.doc = doc_new(o->title ? o->title : pack_titles[o->pack],
	    o->partnership ? o->partnership : DEFAULT_PARTNERSHIP, pack_subjects[o->pack], when,
	    o->produced, creator);
	g_free(when);
	g_free(creator);
	p.doc->sdc_words = an_sdc_words(&o->sdc);
	p.doc->not_for_publication = o->sdc.rule == AN_SDC_OFF;
	p.when = g_strdup(o->period.kind == PERIOD_ALL ? "all dates" :
	    o->period.kind == PERIOD_RANGE ? p.doc->period : o->period.label);
	p.in_when = o->period.kind == PERIOD_ALL ? g_strdup("Over all the dates recorded") :
	    o->period.kind == PERIOD_RANGE ? g_strdup_printf("For %s", p.doc->period) :
	    g_strdup_printf("In %s", o->period.label);
	p.in_lower = g_strdup(p.in_when);
	p.in_lower[0] = g_ascii_tolower(p.in_lower[0]);
	rpt_args_defaults(&p.args);
	p.args.period = o->period;
	p.args.sdc = o->sdc;
	today = now ? date_from_ymd(g_date_time_get_year(now), g_date_time_get_month(now),
	    g_date_time_get_day_of_month(now)) : 0;
	if (now)
		g_date_time_unref(now);
	p.as_at = o->period.to < today ? o->period.to : today;
	p.args.as_at = p.as_at;
	/* The figures judge currency and actions on the pack's day too. */
	p.args.given |= RPT_AS_AT | (o->period.kind == PERIOD_ALL ? 0 : RPT_PERIOD);

	switch (o->pack) {
	case RPT_PACK_BOARD:
		rc = board(&p);
		break;
	case RPT_PACK_LD:
		rc = ld(&p);
		break;
	case RPT_PACK_PQA:
		rc = pqa(&p);
		break;
	}
	if (rc == 0)
		rc = methods(&p);
	if (rc == 0)
		rc = provenance(&p);
	g_free(p.when);
	g_free(p.in_when);
	g_free(p.in_lower);
	g_hash_table_destroy(p.cache);
	if (rc != 0) {
		doc_free(p.doc);
		return NULL;
	}
	return p.doc;
}

static int
has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);

	return n > e && strcasecmp(path + n - e, ext) == 0;
}

int
rpt_pack_write(sqlite3 *db, const struct rpt_pack_opts *o, const char *path,
    struct lia_err *err)
{
	struct rpt_doc *d;
	int html = has_ext(path, ".html") || has_ext(path, ".htm"), rc;

	if (!html && !has_ext(path, ".pdf"))
		return lia_err_set(err, "%s: a pack is written as .pdf or .html", path);
	if ((d = build(db, o, err)) == NULL)
		return -1;
	rc = html ? doc_write_html(d, path, err) : doc_write_pdf(d, path, err);
	doc_free(d);
	return rc;
}
