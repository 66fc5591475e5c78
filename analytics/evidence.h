/*
 * evidence: the evidence the partnership holds at each stage of its
 * learning improvement cycle (the seed report's appendix), counted from
 * the database for the improvement-cycle chart and the board pack.
 */
#ifndef LIA_ANALYTICS_EVIDENCE_H
#define LIA_ANALYTICS_EVIDENCE_H

#include <stdint.h>

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
	const char *label;	/* static text */
	enum an_evidence_group group;
	int held;		/* 0: lia holds no record of this kind */
	int64_t count;		/* rows counted; 0 when not held */
};

/* Short names of the groups, for legends ("L&D", "PQA", "PRP"). */
extern const char *const an_evidence_groups[3];

/*
 * Counts the evidence of every stage: reviews, actions, sessions, feedback
 * responses, audits by kind (section11; s175; single_agency and
 * multi_agency together), and the partnership dataset as the rows of
 * attendance, headcount-only attendance and workforce returns.  Service
 * user feedback, frontline intelligence and national research have no
 * table: held is 0.  Fills out[AN_EV_COUNT]; returns 0, or -1 with err.
 */
int an_evidence_counts(sqlite3 *, struct an_evidence out[AN_EV_COUNT], struct lia_err *);

#endif
