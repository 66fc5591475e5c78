/*
 * forget: the import batches as a list, and undoing one (lia batches, lia
 * forget BATCH).  Forgetting a batch removes, in one transaction, every
 * row it loaded (attendances, headcounts, workforce rows, feedback
 * responses and the answers it added, audit results, reviews, actions,
 * evidence, holidays, agency aliases), puts back the values of rows it
 * strengthened rather than created (batch_change: an attendance it turned
 * from did-not-attend into attended), then removes the people, sessions,
 * courses, questions, audits, themes and agencies it created that nothing
 * left refers to, and marks the batch 'forgotten'.  The same file can then
 * be imported again: only a committed batch makes a file already imported.
 * The steps are data: what each removes, in words, and its statement.
 */
#include <string.h>

#include "import/internal.h"

struct forget_step {
	const char *what;	/* counted in the summary as this; NULL: not counted */
	const char *sql;	/* ?1 is the batch */
};

/* Facts first, then what they referred to: a dimension row goes only when
 * no row of any batch refers to it (NOT IN over the referring column, one
 * pass each, rather than a probe per row). */
static const struct forget_step forget_steps[] = {
	{ "attendances", "DELETE FROM attendance WHERE batch_id = ?1" },
	{ "headcounts", "DELETE FROM headcount_attendance WHERE batch_id = ?1" },
	{ "workforce rows", "DELETE FROM workforce WHERE batch_id = ?1" },
	{ "feedback answers", "DELETE FROM feedback_answer WHERE batch_id = ?1" },
	{ "feedback responses", "DELETE FROM feedback_response WHERE batch_id = ?1" },
	{ "audit results", "DELETE FROM audit_result WHERE batch_id = ?1" },
	{ "actions", "DELETE FROM action WHERE batch_id = ?1" },
	{ "evidence items", "DELETE FROM evidence_item WHERE batch_id = ?1" },
	{ "holidays", "DELETE FROM holiday WHERE batch_id = ?1" },
	{ "agency aliases", "DELETE FROM agency_alias WHERE batch_id = ?1" },
	{ NULL, "DELETE FROM review_theme WHERE review_id IN (SELECT id FROM review WHERE"
	    " batch_id = ?1 AND id NOT IN (SELECT review_id FROM action WHERE review_id IS NOT NULL)"
	    " AND id NOT IN (SELECT review_id FROM evidence_item WHERE review_id IS NOT NULL))" },
	{ "reviews", "DELETE FROM review WHERE batch_id = ?1"
	    " AND id NOT IN (SELECT review_id FROM action WHERE review_id IS NOT NULL)"
	    " AND id NOT IN (SELECT review_id FROM evidence_item WHERE review_id IS NOT NULL)" },
	{ "attendances restored", "UPDATE attendance SET status = json_extract(c.old, '$.status'),"
	    " completed = json_extract(c.old, '$.completed'), hours = json_extract(c.old, '$.hours')"
	    " FROM batch_change c WHERE c.batch_id = ?1 AND c.tbl = 'attendance'"
	    " AND c.row_key = attendance.session_id || ',' || attendance.practitioner_id" },
	{ NULL, "DELETE FROM batch_change WHERE batch_id = ?1" },
	{ "audit standards", "DELETE FROM audit_standard WHERE batch_id = ?1"
	    " AND id NOT IN (SELECT standard_id FROM audit_result)" },
	{ "audits", "DELETE FROM audit WHERE batch_id = ?1"
	    " AND id NOT IN (SELECT audit_id FROM audit_result)" },
	{ "questions", "DELETE FROM question WHERE batch_id = ?1"
	    " AND id NOT IN (SELECT question_id FROM feedback_answer)" },
	{ "sessions", "DELETE FROM session WHERE batch_id = ?1"
	    " AND id NOT IN (SELECT session_id FROM attendance)"
	    " AND id NOT IN (SELECT session_id FROM headcount_attendance)"
	    " AND id NOT IN (SELECT session_id FROM feedback_response WHERE session_id IS NOT NULL)" },
	{ NULL, "DELETE FROM course_theme WHERE course_id IN (SELECT id FROM course WHERE"
	    " batch_id = ?1 AND id NOT IN (SELECT course_id FROM session))" },
	{ "courses", "DELETE FROM course WHERE batch_id = ?1"
	    " AND id NOT IN (SELECT course_id FROM session)"
	    " AND id NOT IN (SELECT course_id FROM course_theme)" },
	{ "people", "DELETE FROM practitioner WHERE batch_id = ?1"
	    " AND id NOT IN (SELECT practitioner_id FROM attendance)" },
	{ "themes", "DELETE FROM theme WHERE batch_id = ?1"
	    " AND id NOT IN (SELECT theme_id FROM action WHERE theme_id IS NOT NULL)"
	    " AND id NOT IN (SELECT theme_id FROM audit_standard WHERE theme_id IS NOT NULL)"
	    " AND id NOT IN (SELECT theme_id FROM course_theme)"
	    " AND id NOT IN (SELECT theme_id FROM evidence_theme)"
	    " AND id NOT IN (SELECT theme_id FROM review_theme)" },
	{ "agencies", "DELETE FROM agency WHERE batch_id = ?1"
	    " AND id NOT IN (SELECT owner_agency_id FROM action WHERE owner_agency_id IS NOT NULL)"
	    " AND id NOT IN (SELECT agency_id FROM agency_alias)"
	    " AND id NOT IN (SELECT agency_id FROM attendance WHERE agency_id IS NOT NULL)"
	    " AND id NOT IN (SELECT agency_id FROM audit_result WHERE agency_id IS NOT NULL)"
	    " AND id NOT IN (SELECT agency_id FROM evidence_item WHERE agency_id IS NOT NULL)"
	    " AND id NOT IN (SELECT agency_id FROM headcount_attendance WHERE agency_id IS NOT NULL)"
	    " AND id NOT IN (SELECT agency_id FROM practitioner WHERE agency_id IS NOT NULL)"
	    " AND id NOT IN (SELECT agency_id FROM workforce WHERE agency_id IS NOT NULL)" },
	{ NULL, "UPDATE import_batch SET status = 'forgotten' WHERE id = ?1" },
};

G_STATIC_ASSERT(sizeof forget_steps / sizeof forget_steps[0] <= IMP_FORGET_MAX);

static const char batch_status_sql[] = "SELECT status FROM import_batch WHERE id = ?1";

/* The status of a batch into buf; 0, 1 when there is no such batch, -1
 * with err. */
static int
batch_status(sqlite3 *db, int64_t batch, char *buf, size_t len, struct lia_err *err)
{
	sqlite3_stmt *st = db_prepare(db, batch_status_sql, err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, batch);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		g_strlcpy(buf, (const char *)sqlite3_column_text(st, 0), len);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return lia_err_set(err, "database: %s", db_errmsg(db));
}

int
imp_forget(sqlite3 *db, int64_t batch, struct imp_forgotten *out, struct lia_err *err)
{
	char status[32];
	size_t i;
	int rc;

	memset(out, 0, sizeof *out);
	out->batch = batch;
	if (db_begin_wait(db, 600, NULL, NULL, err) != 0)
		return -1;
	if ((rc = batch_status(db, batch, status, sizeof status, err)) != 0) {
		db_rollback(db);
		return rc < 0 ? -1 : lia_err_set(err, "no import batch %lld (see lia batches)",
		    (long long)batch);
	}
	if (strcmp(status, "committed") != 0) {
		db_rollback(db);
		return lia_err_set(err, "batch %lld is %s: only a committed batch can be forgotten",
		    (long long)batch, status);
	}
	for (i = 0; i < sizeof forget_steps / sizeof forget_steps[0]; i++) {
		sqlite3_stmt *st = db_prepare(db, forget_steps[i].sql, err);

		if (st == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, batch);
		rc = db_step_done(db, st, err);
		sqlite3_finalize(st);
		if (rc != 0)
			goto fail;
		if (forget_steps[i].what != NULL && sqlite3_changes(db) > 0) {
			out->what[out->n] = forget_steps[i].what;
			out->count[out->n++] = sqlite3_changes(db);
		}
	}
	if (db_commit(db, err) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	memset(out, 0, sizeof *out);
	return -1;
}
