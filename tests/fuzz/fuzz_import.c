/*
 * libFuzzer target for the importers: each input is written to a file and
 * imported as every kind of file lia reads, with each profile, into a
 * database in memory.  Whatever the bytes, the import must end in a summary
 * or a clean error, with read = loaded + duplicates + rejected, and never
 * crash (the target is built with AddressSanitizer and UBSan).
 * Build and run: make fuzz (FUZZ_SECONDS=60 by default).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *db;
static char path[64];

static void
run(enum imp_kind kind, const char *profile, const struct imp_opts *base)
{
	struct imp_opts o = *base;
	struct imp_summary s;
	struct lia_err err;

	o.profile = profile;
	if (imp_file(db, kind, path, &o, &s, &err) == 0 &&
	    strcmp(s.status, "committed") == 0 &&
	    s.read != s.loaded + s.duplicates + s.rejected)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct imp_opts o;
	struct lia_err err;
	FILE *fp;
	int k;

	if (db == NULL) {
		snprintf(path, sizeof path, "/tmp/lia-fuzz-%d.csv", (int)getpid());
		if ((db = db_open(":memory:", &err)) == NULL)
			abort();
	}
	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	imp_opts_defaults(&o);
	o.course = "F1";
	o.date = "2019-06-12";
	o.agency = "Fuzz agency";
	for (k = 0; k < IMP_NKINDS; k++)
		if (imp_kind_available((enum imp_kind)k))
			run((enum imp_kind)k, "generic", &o);
	run(IMP_ATTENDANCE, "moodle", &o);
	run(IMP_ATTENDANCE, "eventbrite", &o);
	o.encoding = IMP_ENC_LATIN1;
	o.dry_run = 1;
	run(IMP_ATTENDANCE, "generic", &o);
	return 0;
}
