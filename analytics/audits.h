/*
 * audits: what the PQA sub-group's audits say about practice and whether
 * it improved.  From the audit tables (core/schema.sql: audit,
 * audit_standard, audit_result): compliance per standard and cycle with its
 * Wilson interval; the change between consecutive cycles with Newcombe's
 * interval and Fisher's exact test; the trend over three or more cycles;
 * Section 11 self-assessed scores against the moderated ones; and how RAG
 * ratings moved between cycles.  Results are structs; nothing here prints.
 */
#ifndef LIA_ANALYTICS_AUDITS_H
#define LIA_ANALYTICS_AUDITS_H

#include <stddef.h>
#include <stdint.h>

#include "analytics/analytics.h"

struct an_audits_opts {
	const char *kind;	/* section11, s175, single_agency or multi_agency; NULL for all */
	const char *standard;	/* a standard's code (case ignored); NULL for all */
	const char *agency;	/* results recorded against this agency; NULL for all */
	const char *theme;	/* standards of this theme; NULL for all */
	double conf;		/* confidence level of the intervals */
};

/* Every field to its default: all audits, 95%. */
void an_audits_opts_defaults(struct an_audits_opts *);

/* Whether a word is an audit kind of the schema ("section11" ...). */
int an_audit_kind_valid(const char *);
/* A kind in words for people ("Multi-agency case audits"); NULL when not a kind. */
const char *an_audit_kind_words(const char *);

/*
 * One standard in one cycle.  A result counts by its rating; one with a
 * RAG and no rating counts green as met, amber as partially met, red as
 * not met; one with neither (a score only) is in results but not rated.
 */
struct an_audit_row {
	char *kind;
	char *standard;		/* its code */
	char *title;		/* NULL when none */
	char *theme;		/* NULL when none */
	char *cycle;
	int64_t results;	/* every result of the standard in the cycle */
	int64_t rated;		/* met + partially_met + not_met */
	int64_t met, partially_met, not_met, not_applicable;
	double compliance;	/* met / rated */
	double ci_low, ci_high;	/* Wilson score */
	int small_n;		/* rated < AN_SMALL_N */
};

/* The change of a standard's compliance from one cycle to the next it was rated in. */
struct an_audit_change {
	char *kind, *standard;
	char *from_cycle, *to_cycle;
	int64_t from_rated, from_met, to_rated, to_met;
	double difference;	/* to_met / to_rated - from_met / from_rated */
	double ci_low, ci_high;	/* Newcombe's hybrid score interval (method 10) */
	double p_fisher;	/* Fisher's exact test, two-sided, on met and not met by cycle */
	int small_n;		/* either cycle rated fewer than AN_SMALL_N */
};

/* The trend of a standard's compliance over three or more cycles, in cycle order. */
struct an_audit_trend {
	char *kind, *standard;
	size_t cycles;		/* cycles it was rated in; the scores are 1, 2, ... */
	char *first_cycle, *last_cycle;
	double statistic;	/* chi-squared for trend (R's prop.trend.test); NaN when
				 * every result or none is met */
	double df;		/* 1 */
	double p;
};

/* Section 11: one agency's self-assessed and moderated score on a standard. */
struct an_s11_row {
	char *agency;		/* NULL: not recorded */
	char *standard;
	char *cycle;
	int self_score;		/* 0-3; -1 when not given */
	int moderated_score;	/* 0-3; -1 when not given */
	int difference;		/* moderated - self; 0 unless both are given */
	int both;		/* both scores are given */
};

/*
 * How the RAG ratings of the same agency (and case) moved from one cycle
 * to the next, RAGs as recorded (a rating is not read as one); a pair of
 * cycles with no agency or case rated in both has no row.
 */
struct an_rag_move {
	char *kind, *standard;
	char *from_cycle, *to_cycle;
	int64_t matched;	/* agencies (cases) rated in both cycles */
	int64_t improved;	/* red to amber or green, amber to green */
	int64_t same;
	int64_t worse;
};

/*
 * A kind of audit as a whole in one cycle: its results pooled over every
 * standard rated in the cycle, and the change from the kind's cycle
 * before (pooled likewise).  Kinds are never pooled with one another: a
 * Section 11 standard rates an agency's arrangements, a case audit a
 * child's case.  The kind's last row is its latest cycle.
 */
struct an_audit_overall {
	char *kind;
	char *cycle;
	int64_t standards;	/* standards rated in it */
	int64_t rated, met;	/* summed over those standards */
	double compliance;	/* met / rated */
	double ci_low, ci_high;	/* Wilson score */
	char *previous_cycle;	/* the kind's cycle before; NULL for its first */
	double change;		/* compliance less the previous cycle's; NaN for the first */
	double change_ci_low, change_ci_high;	/* Newcombe's hybrid score interval */
	int latest;		/* the kind's latest cycle */
	int small_n;		/* rated < AN_SMALL_N */
};

struct an_audits {
	struct an_audits_opts opts;	/* strings copied (freed with the result) */
	struct an_audit_row *rows;	/* by kind, standard, then cycle in time order */
	size_t nrows;
	struct an_audit_change *changes;	/* same order */
	size_t nchanges;
	struct an_audit_trend *trends;
	size_t ntrends;
	struct an_s11_row *section11;	/* by standard, cycle, then agency */
	size_t nsection11;
	struct an_rag_move *rag;	/* by kind, standard, then cycle */
	size_t nrag;
	struct an_audit_overall *overall;	/* by kind, then cycle in time order */
	size_t noverall;
	struct an_notes notes;
};

/*
 * Runs the audit analysis over the results that pass the filters.  The
 * cycles of a kind are put in time order by the earliest date of their
 * audits (then by their names); a change compares each cycle a standard
 * was rated in with the one before it.  A standard and cycle with nothing
 * rated has no row (a note says so when every result was not applicable;
 * Section 11 scores alone are in section11).  Returns a result for an_audits_free, or NULL
 * with err (database error, an unknown kind, --agency or --theme).
 */
struct an_audits *an_audits_run(sqlite3 *, const struct an_audits_opts *, struct lia_err *);
/* NULL does nothing. */
void an_audits_free(struct an_audits *);

#endif
