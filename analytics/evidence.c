/*
 * evidence: counts the records behind each stage of the learning
 * improvement cycle.  One query per stage, each a static text here.
 */
#include <stddef.h>

#include "analytics/evidence.h"

const char *const an_evidence_groups[3] = { "L&D", "PQA", "PRP" };

static const struct {
	const char *label;
	enum an_evidence_group group;
	const char *sql;	/* NULL: not held in lia */
} stages[AN_EV_COUNT] = {
	[AN_EV_REVIEWS] = { "Learning from practice reviews", AN_GROUP_PRP,
	    "SELECT count(*) FROM review" },
	[AN_EV_ACTIONS] = { "Actions from reviews", AN_GROUP_PRP,
	    "SELECT count(*) FROM action" },
	[AN_EV_TRAINING] = { "Training and learning events", AN_GROUP_LD,
	    "SELECT count(*) FROM session" },
	[AN_EV_EVALUATION] = { "Feedback on training", AN_GROUP_LD,
	    "SELECT count(*) FROM feedback_response" },
	[AN_EV_SECTION11] = { "Section 11 audits", AN_GROUP_PQA,
	    "SELECT count(*) FROM audit WHERE kind = 'section11'" },
	[AN_EV_S175] = { "Section 175/157 audits", AN_GROUP_PQA,
	    "SELECT count(*) FROM audit WHERE kind = 's175'" },
	[AN_EV_CASE_AUDITS] = { "Single and multi-agency audits", AN_GROUP_PQA,
	    "SELECT count(*) FROM audit WHERE kind IN ('single_agency', 'multi_agency')" },
	[AN_EV_SERVICE_USERS] = { "Service user feedback, complaints and compliments",
	    AN_GROUP_PQA, NULL },
	[AN_EV_FRONTLINE] = { "Frontline intelligence", AN_GROUP_PQA, NULL },
	[AN_EV_DATASET] = { "Partnership dataset (records)", AN_GROUP_PQA,
	    "SELECT (SELECT count(*) FROM attendance) + "
	    "(SELECT count(*) FROM headcount_attendance) + (SELECT count(*) FROM workforce)" },
	[AN_EV_RESEARCH] = { "National research and practice", AN_GROUP_PRP, NULL },
};

int
an_evidence_counts(sqlite3 *db, struct an_evidence out[AN_EV_COUNT], struct lia_err *err)
{
	int i;

	for (i = 0; i < AN_EV_COUNT; i++) {
		out[i].label = stages[i].label;
		out[i].group = stages[i].group;
		out[i].held = stages[i].sql != NULL;
		out[i].count = 0;
		if (stages[i].sql == NULL)
			continue;
		if (db_query_int(db, stages[i].sql, &out[i].count, err) != 0)
			return lia_err_prefix(err, "evidence: %s", stages[i].label);
	}
	return 0;
}
