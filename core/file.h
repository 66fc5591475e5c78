/*
 * core/file.h: small files lia reads (a map file, a targets file), read
 * with a bound whatever they turn out to be (/dev/zero, a FIFO, a
 * directory), and files lia writes for people (charts, packs, -o
 * outputs), written so that a reader never sees half of one.  The bytes go to a new
 * temporary file beside the target, which is renamed over the target only
 * when every byte is written and flushed to disk; a failure, or a kill,
 * leaves the previous file as it was.  The file is mode 0600 (less if the
 * umask is stricter): outputs may hold partnership data.  Free of SQLite,
 * so the charts may use it.
 */
#ifndef LIA_CORE_FILE_H
#define LIA_CORE_FILE_H

#include <stdio.h>

#include "core/err.h"

/*
 * Reads a whole file of at most max bytes into a new NUL-terminated
 * buffer (g_free), its length in *len (may be NULL).  Returns NULL with
 * err naming path when it cannot be read (a directory, no permission) or
 * holds more than max bytes; reads no more than max + 1 bytes, so a
 * device or a pipe that never ends cannot exhaust memory.
 */
char *lia_file_read(const char *path, size_t max, size_t *len, struct lia_err *err);

/* An output file being written. */
struct lia_out {
	FILE *fp;		/* write here */
	char *path;		/* the target */
	char *tmp;		/* the temporary file beside it */
};

/*
 * Creates the temporary file beside path and opens it for writing in
 * binary mode.  Returns 0, or -1 with err naming path (the folder does not
 * exist, cannot be written).  Finish with lia_out_commit or lia_out_abort.
 */
int lia_out_open(struct lia_out *, const char *path, struct lia_err *);
/*
 * Flushes, syncs and closes the temporary file and renames it to the
 * target.  Returns 0, or -1 with err naming the target (a write error, a
 * full disk): the temporary file is then removed and the target left as it
 * was.  Frees what lia_out_open allocated, either way.
 */
int lia_out_commit(struct lia_out *, struct lia_err *);
/* Closes and removes the temporary file; the target is untouched. */
void lia_out_abort(struct lia_out *);

#endif
