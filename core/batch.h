/*
 * core/batch.h: the import batches a database holds, read for the
 * provenance of what lia publishes (the report packs' appendix): each
 * file's kind, name, SHA-256, when it was loaded and what became of its
 * rows.  Reading only; the importer writes the batches.
 */
#ifndef LIA_CORE_BATCH_H
#define LIA_CORE_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "core/err.h"

struct db_batch {
	int64_t id;
	char *kind;		/* "attendance" ... */
	char *source;		/* the file as given to lia import (its folder too) */
	char *file;		/* the file's name, without its folder */
	char *sha256;		/* 64 hex digits */
	char *profile;
	char *finished;		/* "YYYY-MM-DD hh:mm:ss" as stored; NULL if unfinished */
	int64_t read, loaded, duplicates, skipped, rejected, warnings;
	char *status;		/* committed, rolled_back, forgotten */
};

/*
 * Every batch in id order.  Sets *out (free with db_batches_free) and *n;
 * returns 0, or -1 with err (a database error) and *out NULL.
 */
int db_batches(sqlite3 *, struct db_batch **out, size_t *n, struct lia_err *);
/* NULL does nothing. */
void db_batches_free(struct db_batch *, size_t n);

#endif
