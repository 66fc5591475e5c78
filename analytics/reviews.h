/*
 * reviews: the analyses of the reviews' side of the learning cycle — the
 * statutory clocks of each review (timeliness.c), the action plans that
 * follow them (actions.c) and the theme-by-theme chain from a review to the
 * training, feedback and re-audit that answer it (impact.c).  Like every
 * analysis they fill result structs and never print.
 */
#ifndef LIA_ANALYTICS_REVIEWS_H
#define LIA_ANALYTICS_REVIEWS_H

#include <stddef.h>
#include <stdint.h>

#include "analytics/analytics.h"

/* ---- themes (themes.c) ------------------------------------------------------- */

/*
 * The key by which the reviews' analyses match a theme across files: the
 * name case-folded with everything but letters and digits dropped, so
 * "Voice of the Child" and "voice-of-the-child" are one theme.  A name with
 * no letter or digit keys as lia_name_key does.  Never NULL; g_free it.
 */
char *an_theme_key(const char *name);

/* ---- timeliness (timeliness.c) ----------------------------------------------- */

/* The statutory targets the clocks are judged by. */
#define AN_NOTIFY_WORKDAYS 5		/* notify the national panel */
#define AN_RAPID_REVIEW_WORKDAYS 15	/* the rapid review */
#define AN_COMPLETE_MONTHS 6		/* the review's report to the board */
#define AN_PANEL_NOTICE_WORKDAYS 7	/* the report to the panel before publication */

/* A review's milestones, in the order a review reaches them. */
enum an_milestone {
	AN_MS_INCIDENT,		/* incident_date: the partnership became aware */
	AN_MS_NOTIFIED,		/* notified_date: the national panel notified */
	AN_MS_DECISION,		/* decision_date: the rapid review's decision */
	AN_MS_AUTHOR,		/* author_appointed */
	AN_MS_BOARD,		/* report_to_board */
	AN_MS_PANEL,		/* report_to_panel */
	AN_MS_PUBLISHED,	/* published */
	AN_MS_COUNT
};

/* The column names of the milestones ("incident_date" ...). */
extern const char *const an_milestone_names[AN_MS_COUNT];

/* A milestone as held. */
struct an_day {
	int held;		/* 0: no date recorded */
	int month_only;		/* given as a month ("February 2018"): date is its 1st */
	lia_date date;
};

/* One statutory clock of a review. */
struct an_clock {
	int known;		/* days is the count: both dates held to the day */
	long days;		/* working days after the first date up to and
				 * including the second (negative when the second
				 * is earlier); 0 when not known */
	long min_days, max_days;	/* the count's range when a date is held to
					 * the month only; both = days when known */
	int met;		/* 1 within target, 0 not, -1 cannot be judged */
	int has_target;
	lia_date target;	/* notification, rapid review, completion: the
				 * last day within target; panel notice: the
				 * latest day the report could reach the panel */
};

struct an_review_clocks {
	char *review;		/* code */
	char *kind;		/* scr, cspr, rapid_review, sar */
	char *title;		/* NULL when none */
	char *delay_reason;	/* NULL when none */
	struct an_day ms[AN_MS_COUNT];
	struct an_clock notification;		/* incident -> notified, <= 5 */
	struct an_clock rapid_review;		/* notified -> decision, <= 15 */
	struct an_clock rapid_review_from_aware; /* incident -> decision, <= 15 */
	struct an_clock completion;		/* board on or before decision + 6 months */
	struct an_clock panel_notice;		/* panel -> published, >= 7 */
	int has_months;
	int months_to_publication;	/* calendar months, decision -> published */
};

/*
 * A review kind as people write it ("SCR", "Serious Case Review", "CSPR",
 * "rapid review", "SAR"; case, spaces and punctuation ignored) to the
 * schema's word ("scr", "cspr", "rapid_review", "sar", static).  0, or -1
 * when it is none of them.
 */
int an_review_kind_parse(const char *, const char **word);
/* A schema word of a kind in words for people ("SCR", "Rapid review"); NULL when not one. */
const char *an_review_kind_words(const char *word);

struct an_timeliness_opts {
	struct period period;	/* reviews with any milestone inside it */
	const char *kind;	/* "SCR", "CSPR", "rapid review", "SAR"; NULL for all */
};

/* All the data, every kind. */
void an_timeliness_opts_defaults(struct an_timeliness_opts *);

struct an_timeliness {
	struct period period;
	char *kind;		/* the schema's word of the --kind filter, or NULL */
	struct an_review_clocks *rows;	/* by first milestone, then code */
	size_t nrows;
	struct an_notes notes;	/* missing dates, month-only judgements, order */
};

/*
 * The statutory clocks of every review that passes the filters, counted on
 * the working-day calendar of `lia workdays` (bank holidays by rule plus
 * the holiday table).  A clock whose date is missing is not computed
 * (known 0, met -1) and a note says which date is missing; one whose date
 * is held to the month only is judged when every day of that month gives
 * the same answer.  Returns a result for an_timeliness_free, or NULL with
 * err (database error, an unknown --kind).
 */
struct an_timeliness *an_timeliness_run(sqlite3 *, const struct an_timeliness_opts *,
    struct lia_err *);
/* NULL does nothing. */
void an_timeliness_free(struct an_timeliness *);

/*
 * The clocks of one review from its milestones on a calendar (cal may be
 * NULL: bank holidays only); notes name the review.  Needs no database, so
 * the rules are tested on plain dates.  Cannot fail.
 */
void an_review_clocks_compute(struct an_review_clocks *, const struct calendar *,
    struct an_notes *);

/* ---- action plans (actions.c) -------------------------------------------------- */

enum an_actions_by {
	AN_ACTIONS_BY_REVIEW_THEME,	/* a row per review and theme (the default) */
	AN_ACTIONS_BY_REVIEW,
	AN_ACTIONS_BY_THEME
};

/* Parses "review-theme", "review" or "theme". 0, or -1 when not one. */
int an_actions_by_parse(const char *, enum an_actions_by *);

struct an_actions_opts {
	lia_date as_at;		/* the day the plan is judged on */
	enum an_actions_by by;
	const char *review;	/* a review's code; NULL for all */
	const char *theme;	/* a theme, matched by an_theme_key; NULL for all */
	const char *agency;	/* the owner agency; NULL for all */
};

/* Today as at, by review and theme, no filter. */
void an_actions_opts_defaults(struct an_actions_opts *);

/*
 * One group of actions as at the date.  Every action is one of done,
 * outstanding or cancelled; overdue ones are outstanding too.
 */
struct an_actions_row {
	char *review;		/* code; NULL: not linked to a review (or by theme) */
	char *theme;		/* the theme's name; NULL: none (or by review) */
	int64_t actions;
	int64_t done;		/* completed on or before as_at */
	int64_t outstanding;	/* not done and not cancelled as at the date */
	int64_t overdue;	/* outstanding with a due date before as_at */
	int64_t cancelled;
	int64_t no_due_date;	/* outstanding without a due date */
	long max_days_overdue;	/* the oldest overdue action's days; 0 when none */
};

/* An overdue action. */
struct an_overdue {
	char *ref;		/* the action's id */
	char *review;		/* NULL: not linked */
	char *theme;		/* NULL: none */
	char *text;
	char *owner;		/* the owner agency; NULL: none recorded */
	lia_date due;
	long days_overdue;	/* as_at - due, calendar days */
};

struct an_actions {
	struct an_actions_opts opts;	/* as run; its strings point into the copies below */
	char *review, *theme, *agency;	/* the filters, copied; NULL when absent */
	struct an_actions_row *rows;	/* by review code then theme, NULL last */
	size_t nrows;
	struct an_actions_row total;
	struct an_overdue *overdue;	/* most days overdue first */
	size_t noverdue;
	struct an_notes notes;
};

/*
 * The action plans as at a date.  Done: a completion date on or before the
 * date, or the status completed without a date (counted, and noted).  A
 * completion after the date leaves the action outstanding as at it.
 * Cancelled: the status cancelled.  Overdue: outstanding and due before the
 * date.  Returns a result for an_actions_free, or NULL with err (database
 * error, an unknown review, theme or agency).
 */
struct an_actions *an_actions_run(sqlite3 *, const struct an_actions_opts *, struct lia_err *);
/* NULL does nothing. */
void an_actions_free(struct an_actions *);

/* ---- the impact chain (impact.c) --------------------------------------------------- */

/* The evidence grade of a theme's chain (docs/methods.md). */
enum an_grade {
	AN_GRADE_NONE,		/* no learning delivered and no gain measured */
	AN_GRADE_LIMITED,	/* learning delivered; at most the reaction to it measured */
	AN_GRADE_MODERATE,	/* a measured gain: confidence, or practice without the training link */
	AN_GRADE_STRONG		/* practice improved on a theme that was trained and evaluated */
};

/* "none", "limited", "moderate", "strong". */
const char *an_grade_name(enum an_grade);

struct an_impact_opts {
	struct period period;	/* sessions, feedback and evidence items dated inside it */
	const char *theme;	/* one theme, matched by an_theme_key; NULL for all */
	lia_date as_at;		/* the day the actions are judged on */
	double conf;		/* confidence level of the intervals */
};

/* All the data, every theme, actions as at today, 95%. */
void an_impact_opts_defaults(struct an_impact_opts *);
/* The as-at day of a period: its last day, or today when that is later. */
lia_date an_impact_as_at(const struct period *);

/*
 * One theme's chain.  Counts are -1 and values NaN when they cannot be
 * computed (notes say why); a count of 0 is a count.
 */
struct an_impact_row {
	char *theme;		/* the name of its first row in the theme table */
	int64_t reviews;	/* reviews that raised it */
	int64_t actions, actions_done, actions_outstanding, actions_overdue;
	/* training on the theme (lia reach --by theme) */
	int64_t courses, sessions, attendances, headcount_attendances, unique_practitioners;
	int64_t workforce;
	double coverage, coverage_ci_low, coverage_ci_high;
	/* the evidence log's items on the theme */
	int64_t briefings, resources, other_evidence;
	/* feedback on its courses (lia feedback --by theme) */
	int64_t feedback_answers;	/* rated answers after the training, pairs' halves aside */
	int64_t top2_count;
	double top2;			/* top2_count / feedback_answers */
	char *confidence_question;	/* the before/after pair used; NULL: none */
	int64_t confidence_pairs;
	double confidence_change, confidence_ci_low, confidence_ci_high;	/* paired t */
	/* audits of its standards (lia audits), first cycle against latest */
	char *audit_kind;
	int64_t audit_cycles;
	char *first_cycle, *latest_cycle;
	int64_t first_met, first_rated, latest_met, latest_rated;
	double compliance_first, compliance_latest;
	double compliance_change, change_ci_low, change_ci_high;	/* Newcombe */
	int improvement_held;	/* the cycle before the latest was above the first too */
	/* the judgement (an_impact_judge) */
	int kirkpatrick_level;	/* 0 none, 1 reaction, 2 learning, 3 behaviour, 4 results */
	enum an_grade grade;
	const char **gaps;	/* NULL-terminated, static strings; the array is the row's */
	size_t ngaps;
};

struct an_impact {
	struct an_impact_opts opts;	/* theme copied (freed with the result) */
	struct an_impact_row *rows;	/* themes in name order */
	size_t nrows;
	struct an_notes notes;
};

/*
 * The chain of every theme (or the one asked for): the reviews that raised
 * it, its actions as at the date (an_actions_run), training and coverage
 * (an_reach_run), briefings and resources (an_evidence_themes), feedback
 * (an_feedback_run) and audit compliance first against latest (an_audits_run,
 * the difference by an_newcombe), all matched by an_theme_key; then each
 * row judged by an_impact_judge.  Returns a result for an_impact_free, or
 * NULL with err (database error, no theme of that name, an analysis's error).
 */
struct an_impact *an_impact_run(sqlite3 *, const struct an_impact_opts *, struct lia_err *);
/* NULL does nothing. */
void an_impact_free(struct an_impact *);

/*
 * Sets kirkpatrick_level, grade and gaps of a row from its counts and
 * intervals, by the rules of docs/methods.md.  Needs no database.  Frees
 * gaps it set before.  Cannot fail.
 */
void an_impact_judge(struct an_impact_row *);

#endif
