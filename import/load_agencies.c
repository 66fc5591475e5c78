/*
 * load_agencies: the partnership's list of agencies (lia import agencies):
 * an agency's name, its sector, and the other names people type for it
 * ("Merseyside Police; MerPol; Police"), separated by semicolons.  Every
 * importer then finds an agency through these aliases (imp_agency) before
 * making a new one.  An alias that names another agency already is a
 * reject, never a silent move.
 */
#include <stddef.h>
#include <string.h>

#include "import/internal.h"

enum { AG_AGENCY, AG_SECTOR, AG_ALIASES };

static const struct imp_field agency_fields[] = {
	[AG_AGENCY] = { "agency", F_REQUIRED },
	[AG_SECTOR] = { "sector", 0 },
	[AG_ALIASES] = { "aliases", 0 },
	{ NULL, 0 }
};

struct agencies_state {
	sqlite3_stmt *find, *ins;
};

static const char alias_find_sql[] =
    "SELECT agency_id, (SELECT name FROM agency WHERE id = agency_id) FROM agency_alias"
    " WHERE alias_key = ?1"
    " UNION ALL SELECT id, name FROM agency WHERE name_key = ?1 LIMIT 1";
static const char alias_ins_sql[] =
    "INSERT INTO agency_alias(alias_key, alias, agency_id, batch_id) VALUES (?1, ?2, ?3, ?4)";

static const struct imp_sql agencies_sql[] = {
	{ alias_find_sql, offsetof(struct agencies_state, find), 0 },
	{ alias_ins_sql, offsetof(struct agencies_state, ins), 4 },
	{ NULL, 0, 0 }
};

/* The agency an alias's key names already, *id (0: none) and its name. */
static int
alias_owner(struct imp_ctx *ctx, struct agencies_state *s, const char *key, int64_t *id,
    char *name, size_t len, struct lia_err *err)
{
	int rc;

	*id = 0;
	sqlite3_bind_text(s->find, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(s->find);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s->find, 0);
		g_strlcpy(name, (const char *)sqlite3_column_text(s->find, 1), len);
	}
	sqlite3_reset(s->find);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return lia_err_set(err, "database: %s", db_errmsg(ctx->db));
	return 0;
}

/* Whether every alias of the row is free or names this row's agency
 * already: 1, 0 with the row's reject, -1 with err. */
static int
aliases_free(struct imp_ctx *ctx, struct agencies_state *s, struct imp_row *row,
    char **aliases, struct lia_err *err)
{
	char *self = imp_name_key(row->v[AG_AGENCY]), owner_name[256], mine_name[256];
	int64_t owner, me;
	int rc = 1;
	char **a;

	if (alias_owner(ctx, s, self, &me, mine_name, sizeof mine_name, err) != 0)
		rc = -1;
	for (a = aliases; rc == 1 && *a != NULL; a++) {
		char *key = imp_name_key(*a);

		if (*key == '\0' || strcmp(key, self) == 0) {
			g_free(key);
			continue;
		}
		if (alias_owner(ctx, s, key, &owner, owner_name, sizeof owner_name, err) != 0)
			rc = -1;
		else if (owner > 0 && owner != me) {
			imp_reject(row, "alias '%s' already names the agency '%s'", *a, owner_name);
			rc = 0;
		}
		g_free(key);
	}
	g_free(self);
	return rc;
}

static enum row_result
agencies_row(struct imp_ctx *ctx, struct imp_row *row, struct lia_err *err)
{
	struct agencies_state *s = ctx->state;
	char **v = row->v, **aliases, **a, owner_name[256];
	enum row_result res = ROW_DUPLICATE;
	int64_t id, owner, known = ctx->new_agencies;
	int rc;

	if (*v[AG_AGENCY] == '\0')
		return imp_reject(row, "missing agency");
	aliases = g_strsplit(v[AG_ALIASES], ";", -1);
	for (a = aliases; *a != NULL; a++)
		g_strstrip(*a);
	/* Checked before anything is written. */
	if ((rc = aliases_free(ctx, s, row, aliases, err)) != 1) {
		g_strfreev(aliases);
		return rc < 0 ? ROW_FATAL : ROW_REJECTED;
	}
	if ((id = imp_agency(ctx, v[AG_AGENCY], v[AG_SECTOR], err)) < 0) {
		g_strfreev(aliases);
		return ROW_FATAL;
	}
	if (ctx->new_agencies > known)
		res = ROW_LOADED;
	for (a = aliases; *a != NULL && res != ROW_FATAL; a++) {
		char *key = imp_name_key(*a);

		if (*key == '\0')
			;
		else if (alias_owner(ctx, s, key, &owner, owner_name, sizeof owner_name, err) != 0)
			res = ROW_FATAL;
		else if (owner == 0) {
			sqlite3_bind_text(s->ins, 1, key, -1, SQLITE_STATIC);
			sqlite3_bind_text(s->ins, 2, *a, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s->ins, 3, id);
			res = db_step_done(ctx->db, s->ins, err) != 0 ? ROW_FATAL : ROW_LOADED;
		}
		g_free(key);
	}
	g_strfreev(aliases);
	return res;
}

const struct imp_loader imp_agencies_loader = {
	.kind = IMP_AGENCIES,
	.state_size = sizeof(struct agencies_state),
	.sql = agencies_sql,
	.fields = agency_fields,
	.row = agencies_row,
};
