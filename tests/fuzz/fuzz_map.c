/*
 * libFuzzer target for users' map files (--map FILE): the input's first
 * byte chooses a test export (Microsoft Forms feedback, generic feedback,
 * a booking spreadsheet of attendance with its own headers), the rest is
 * the map file, and the export is imported with it into a fresh database
 * in memory.  The map is read by imp_map_read and interpreted by the
 * header matcher and the feedback loader (questions, pairs, scales of the
 * map's own words, levels); whatever it says, the import must end as
 * fuzz_db.h checks (committed and consistent, or a clean error with the
 * database as it was), never crash (AddressSanitizer and UBSan).  Run
 * from the top of the tree: the exports are its fixtures.
 */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "tests/fuzz/fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
	enum imp_kind kind;
	const char *profile, *file;
} exports[] = {
	{ IMP_FEEDBACK, "msforms", "tests/fixtures/feedback/msforms_post.csv" },
	{ IMP_FEEDBACK, "generic", "tests/fixtures/feedback/generic.csv" },
	{ IMP_ATTENDANCE, "generic", "tests/fixtures/import/own_headers.csv" },
	{ IMP_FEEDBACK, "msforms", "tests/fixtures/pqa/feedback_msforms_followup.csv" },
};
#define NEXPORTS (sizeof exports / sizeof exports[0])

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[256];
	struct imp_opts o;
	size_t which;
	FILE *fp;

	if (size < 1)
		return 0;
	if (path[0] == '\0') {
		for (which = 0; which < NEXPORTS; which++)
			if (access(exports[which].file, R_OK) != 0) {
				fprintf(stderr, "fuzz_map: %s: run from the top of the tree\n",
				    exports[which].file);
				abort();
			}
		snprintf(path, sizeof path, "%s/lia-fuzz-map-%d.map", g_get_tmp_dir(),
		    (int)getpid());
	}
	which = data[0] % NEXPORTS;
	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data + 1, 1, size - 1, fp);
	fclose(fp);
	imp_opts_defaults(&o);
	o.profile = exports[which].profile;
	o.map_path = path;
	fuzz_import_check(exports[which].kind, exports[which].file, &o);
	return 0;
}
