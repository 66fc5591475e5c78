/*
 * feedback: what people said about the training and learning events, and
 * whether their confidence changed.  The answers of the feedback tables
 * (core/schema.sql: question, feedback_response, feedback_answer) are read
 * into arrays and summarised with analytics/stats: per question the
 * distribution, the mean with its t interval and the top-two-box share with
 * its Wilson interval; per before/after pair of questions the paired t test,
 * Wilcoxon's signed-rank test and d_z; per stage (baseline, post,
 * follow-up) the responses, the respondents matched to the stage before and
 * the attrition.  Results are structs; nothing here prints.
 */
#ifndef LIA_ANALYTICS_FEEDBACK_H
#define LIA_ANALYTICS_FEEDBACK_H

#include <stddef.h>
#include <stdint.h>

#include "analytics/analytics.h"

/* The stages of feedback, in time order; the names are the database's. */
enum an_stage {
	AN_STAGE_BASELINE,
	AN_STAGE_POST,
	AN_STAGE_FOLLOW_UP,
	AN_STAGES
};

/* Parses "baseline", "post", "follow-up" (or "follow_up"). 0, or -1 when not one. */
int an_stage_parse(const char *, enum an_stage *);
/* "baseline", "post", "follow_up". */
const char *an_stage_name(enum an_stage);
/* A stage's name in words for people ("After the training"); NULL when not one. */
const char *an_stage_words(const char *name);

struct an_feedback_opts {
	const char *course;	/* course code; NULL for all */
	const char *theme;	/* a theme of the course; NULL for all */
	struct period period;	/* sessions dated inside it; period_all for all */
	int stage;		/* an enum an_stage, or -1 for every stage */
	enum an_dim by;		/* AN_DIM_NONE, AN_DIM_COURSE, AN_DIM_THEME or AN_DIM_SESSION */
	double conf;		/* confidence level of the intervals */
};

/* Every field to its default: all the data, every stage, no grouping, 95%. */
void an_feedback_opts_defaults(struct an_feedback_opts *);

/* One rated question (free-text questions have none). */
struct an_fb_question {
	char *group;		/* the --by key: course code, theme, or "CODE YYYY-MM-DD"
				 * (and the session's label) for a session; NULL
				 * without --by, or a course with no theme */
	char *question;		/* its code */
	char *text;		/* the header it came from; NULL when none */
	char *scale;		/* agreement, confidence, likelihood, yes_no, numeric, ... */
	double scale_min, scale_max;	/* NaN for an open scale ("number") */
	int64_t n;		/* answers with a value */
	size_t npoints;		/* scale points scale_min, scale_min + 1, ..., scale_max; 0 when open */
	int64_t *counts;	/* answers at each point, npoints of them */
	int64_t between;	/* answers between two points (a 3.5 on a 1-5 scale) */
	double mean, sd;
	double mean_ci_low, mean_ci_high;	/* t interval; NaN when n < 2 or all answers equal */
	int64_t top2_count;	/* answers in the top two points (the top point on a scale of 3 or fewer) */
	double top2;		/* top2_count / n; NaN on an open scale */
	double top2_ci_low, top2_ci_high;	/* Wilson score */
	int small_n;		/* n < AN_SMALL_N */
};

/* One before/after pair of questions ("confidence_before", "confidence_after"). */
struct an_fb_pair {
	char *group;		/* as in an_fb_question */
	char *question;		/* the pair's code ("confidence") */
	char *before, *after;	/* the two questions' codes */
	char *text;		/* the after question's header ("After the training, how
				 * confident ..."); NULL when none */
	int64_t n_pairs;	/* people who answered both (see an_feedback_run) */
	double mean_before, mean_after;
	double mean_change;	/* mean of after - before */
	double ci_low, ci_high;	/* paired t interval of the mean change */
	double t, df, p_t;	/* paired t test, two-sided */
	double p_wilcoxon;	/* signed-rank test, two-sided, as R's wilcox.test(paired = TRUE) */
	int wilcoxon_exact;	/* 1: exact p; 0: normal approximation (ties, zeros or n >= 50) */
	double d_z;		/* mean_change / sd of the changes */
	int small_n;		/* n_pairs < AN_SMALL_N */
};

/* One stage of the feedback of a group. */
struct an_fb_stage {
	char *group;
	enum an_stage stage;
	int64_t responses;	/* responses at this stage */
	int64_t respondents;	/* of them, with a respondent key (only these can be matched) */
	int64_t matched;	/* respondents also present at the previous stage held, for
				 * the same session; -1 at the first stage held */
	double attrition;	/* 1 - matched / respondents of the previous stage; NaN at the first */
	int64_t attended;	/* attendances of the sessions responded about (named
				 * attended and headcount-only); 0 when none is recorded */
	double response_rate;	/* responses / attended; NaN when attended is 0 */
	int small_n;		/* responses < AN_SMALL_N */
};

/*
 * Every rated answer after the training (the post stage) taken together,
 * as one reaction to the partnership's training: the answers on a closed
 * scale to questions that are not half of a before/after pair (those
 * measure confidence, not the reaction), each answer once whatever the
 * grouping, and the share in the top two points of its own scale (the top
 * point on a scale of three points or fewer).
 */
struct an_fb_overall {
	int64_t questions;	/* questions with such an answer */
	int64_t answers;
	int64_t top2_count;
	double top2;		/* top2_count / answers; NaN when there is none */
	double top2_ci_low, top2_ci_high;	/* Wilson score */
	int small_n;		/* answers < AN_SMALL_N */
};

struct an_feedback {
	struct an_feedback_opts opts;	/* course and theme copied (freed with the result) */
	struct an_fb_question *questions;	/* by group, then question code */
	size_t nquestions;
	struct an_fb_pair *pairs;	/* by group, then pair code */
	size_t npairs;
	struct an_fb_stage *stages;	/* by group, then stage */
	size_t nstages;
	struct an_fb_overall overall;	/* the post stage's answers as one */
	struct an_notes notes;	/* small numbers, what could not be computed and why */
};

/*
 * Runs the feedback analysis over the responses of the sessions that pass
 * the filters.  A pair matches a person's before and after answers to the
 * same session: in one response, or, for a person with a respondent key, in
 * two responses (the before answer from the earliest stage that has one,
 * the after answer from the latest, not earlier than the before's).  An
 * anonymous response pairs only with itself.  No row is made for n = 0: a
 * note says so.  Returns a result for an_feedback_free, or NULL with err
 * (database error, an unknown --course or --theme, a --by other than
 * course, theme or session).
 */
struct an_feedback *an_feedback_run(sqlite3 *, const struct an_feedback_opts *, struct lia_err *);
/* NULL does nothing. */
void an_feedback_free(struct an_feedback *);

#endif
