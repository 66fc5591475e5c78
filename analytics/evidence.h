/*
 * evidence: the evidence the partnership holds at each stage of its
 * learning improvement cycle (the seed report's appendix), counted from
 * the database for the improvement-cycle chart and the board pack; and the
 * evidence log (`lia evidence`): items and their reach by kind, theme,
 * month or review, each unit of reach kept apart.
 */
#ifndef LIA_ANALYTICS_EVIDENCE_H
#define LIA_ANALYTICS_EVIDENCE_H

#include <stdint.h>

#include "analytics/analytics.h"
#include "core/core.h"

/* The groups that own the stages. */
enum an_evidence_group {
	AN_GROUP_LD,		/* Learning & Development sub-group */
	AN_GROUP_PQA,		/* Performance & Quality Assurance sub-group */
	AN_GROUP_PRP		/* Practice Review Panel */
};

/* The stages, in the cycle's clockwise order from the top. */
enum an_evidence_stage {
	AN_EV_REVIEWS,		/* practice reviews (SCR, CSPR, rapid, SAR) */
	AN_EV_ACTIONS,		/* actions from reviews */
	AN_EV_TRAINING,		/* training sessions and learning events */
	AN_EV_EVALUATION,	/* feedback responses on them */
	AN_EV_SECTION11,	/* Section 11 audits */
	AN_EV_S175,		/* Section 175/157 audits of schools */
	AN_EV_CASE_AUDITS,	/* single and multi-agency case audits */
	AN_EV_SERVICE_USERS,	/* service user feedback, complaints, compliments */
	AN_EV_FRONTLINE,	/* frontline intelligence */
	AN_EV_DATASET,		/* the partnership dataset */
	AN_EV_RESEARCH,		/* national research and practice */
	AN_EV_COUNT
};

struct an_evidence {
	const char *name;	/* the stage's key ("reviews", "feedback"), static */
	const char *label;	/* static text */
	enum an_evidence_group group;
	int about_people;	/* its records are about people (feedback responses,
				 * service users' feedback and complaints, attendance
				 * records): counted as people for disclosure */
	int held;		/* 0: no record of this kind is held ("none
				 * recorded", never shown as a count) */
	int64_t count;		/* rows counted; 0 when none is held */
};

/* Short names of the groups, for legends ("L&D", "PQA", "PRP"). */
extern const char *const an_evidence_groups[3];

/*
 * Counts the evidence of every stage: reviews, actions, sessions, feedback
 * responses, audits by kind (section11; s175; single_agency and
 * multi_agency together), the partnership dataset as the rows of
 * attendance, headcount-only attendance and workforce returns, and from
 * the evidence log service-user feedback (with complaints and
 * compliments), frontline intelligence and national research.  A stage
 * with no record has held 0.  Fills out[AN_EV_COUNT]; returns 0, or -1
 * with err.
 */
int an_evidence_counts(sqlite3 *, struct an_evidence out[AN_EV_COUNT], struct lia_err *);

/* ---- the evidence log --------------------------------------------------------- */

/* The kinds of evidence_item, in the schema's order. */
enum an_evidence_kind {
	AN_EVK_BRIEFING,		/* 7-minute briefings */
	AN_EVK_RESOURCE,		/* practice resources */
	AN_EVK_LEARNING_EVENT,		/* learning events recorded by numbers */
	AN_EVK_SERVICE_USER_FEEDBACK,
	AN_EVK_COMPLAINT,
	AN_EVK_COMPLIMENT,
	AN_EVK_FRONTLINE,		/* frontline_intelligence */
	AN_EVK_RESEARCH,		/* national_research */
	AN_EVK_DATASET,			/* dataset_report */
	AN_EVK_OTHER,
	AN_EVK_COUNT
};

/* The schema's words of the kinds ("briefing" ... "other"). */
extern const char *const an_evidence_kinds[AN_EVK_COUNT];
/* A kind by its schema word; 0, or -1 when it is not one. */
int an_evidence_kind_parse(const char *, enum an_evidence_kind *);
/* A kind's schema word in words for people ("7-minute briefing"); NULL when not one. */
const char *an_evidence_kind_words(const char *);

/* Units of reach, never added to one another. */
enum an_reach_unit {
	AN_UNIT_PEOPLE,
	AN_UNIT_DOWNLOADS,
	AN_UNIT_VIEWS,
	AN_UNIT_COPIES,
	AN_UNIT_COUNT
};

/* The schema's words of the units ("people" ... "copies"). */
extern const char *const an_reach_units[AN_UNIT_COUNT];

/* Reach in every unit: items counted in it and their sum. */
struct an_reach_by_unit {
	int64_t items[AN_UNIT_COUNT];	/* items whose reach is in the unit */
	int64_t reach[AN_UNIT_COUNT];	/* the sum of their reach */
};

/* Groups of `lia evidence --by`. */
enum an_evidence_by {
	AN_EVBY_NONE,		/* the total only */
	AN_EVBY_KIND,
	AN_EVBY_THEME,		/* an item of two themes counts in both */
	AN_EVBY_MONTH,		/* "2019-06" */
	AN_EVBY_REVIEW		/* the review's code */
};

/* A --by word (kind, theme, month, review); 0, or -1 when not one. */
int an_evidence_by_parse(const char *, enum an_evidence_by *);
/* The word of a grouping, the key its rows carry; "total" for none. */
const char *an_evidence_by_name(enum an_evidence_by);

struct an_evidence_opts {
	enum an_evidence_by by;
	struct period period;	/* items dated inside it; period_all for all */
	const char *kind;	/* a schema word; NULL for all */
	const char *theme;	/* a theme's name (case and spaces ignored); NULL for all */
};

/* No grouping, every kind and theme, all the data. */
void an_evidence_opts_defaults(struct an_evidence_opts *);

/* One item of the log, as the analysis reads it. */
struct an_evidence_item {
	int64_t id;
	lia_date date;
	enum an_evidence_kind kind;
	int64_t reach;		/* -1: no reach recorded */
	enum an_reach_unit unit;	/* meaningful when reach >= 0 */
	const char *review;	/* code, or NULL */
	const char *const *themes;	/* names, NULL-terminated; NULL when none */
};

/* A group of the log, or its total. */
struct an_evidence_row {
	char *key;		/* kind, theme, month or review; NULL: none recorded
				 * (no theme, no review) */
	int64_t items;
	int64_t no_reach;	/* items with no reach recorded */
	struct an_reach_by_unit reach;
};

struct an_evidence_log {
	enum an_evidence_by by;
	struct period period;
	char *kind, *theme;	/* the filters, copied; NULL when absent */
	struct an_evidence_row *rows;	/* kinds in the schema's order, months in
					 * time order, else by key; NULL key last */
	size_t nrows;
	struct an_evidence_row total;	/* each item once, however many groups it is in */
	struct an_notes notes;
};

/*
 * Groups items (already filtered) by `by` into a result for
 * an_evidence_log_free (period, kind and theme left empty).  Needs no
 * database: the counting is tested on its own.  Cannot fail.
 */
struct an_evidence_log *an_evidence_group(const struct an_evidence_item *, size_t n,
    enum an_evidence_by by);

/*
 * The evidence log: items dated in the period, of the kind and theme
 * asked for, grouped.  Returns a result for an_evidence_log_free, or NULL
 * with err (a database error, a kind that is not one, no theme of that
 * name).
 */
struct an_evidence_log *an_evidence_run(sqlite3 *, const struct an_evidence_opts *,
    struct lia_err *);
/* NULL does nothing. */
void an_evidence_log_free(struct an_evidence_log *);

/*
 * Each theme's learning products and evidence by kind, for the impact
 * chain (a theme whose learning went out only as a briefing is told apart
 * from one with none): items of each kind and their reach per unit.
 */
struct an_theme_evidence {
	int64_t theme_id;
	char *theme;				/* its name */
	int64_t items[AN_EVK_COUNT];		/* items of each kind */
	struct an_reach_by_unit reach[AN_EVK_COUNT];	/* their reach, unit by unit */
};

/*
 * The log's items dated in period (NULL: all), per theme: every theme that
 * has an item, in name order (themes with none are absent: items[] all 0
 * is never returned).  Sets *out (free with an_theme_evidence_free) and *n;
 * returns 0, or -1 with err and *out NULL.
 */
int an_evidence_themes(sqlite3 *, const struct period *, struct an_theme_evidence **out,
    size_t *n, struct lia_err *);
/* NULL does nothing. */
void an_theme_evidence_free(struct an_theme_evidence *, size_t n);

#endif
