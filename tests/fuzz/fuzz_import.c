/*
 * libFuzzer target for the importers, every kind and every profile from one
 * corpus: the input's first byte chooses a kind (enum imp_kind's order),
 * the second one of its profiles, the third the options (encoding,
 * delimiter, --dry-run, --strict, --checkin, the --course/--date/--agency
 * flags), and the rest is the file.  Each input is imported into a fresh
 * database in memory, so a finding replays alone, and must end as
 * fuzz_db.h checks: committed and consistent, or a clean error with the
 * database as it was.  Never a crash: the target is built with
 * AddressSanitizer and UBSan.
 */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "tests/fuzz/fuzz_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The second byte's choices, in this order (tests/fuzz/seed.sh writes
 * them); a profile the kind does not have is taken as generic. */
static const char *const profiles[] = {
	"generic", "moodle", "eventbrite", "msforms", "googleforms", "surveymonkey",
	"limesurvey"
};
#define NPROFILES (sizeof profiles / sizeof profiles[0])

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delimiters[] = { 0, ',', ';', '\t' };
	static char path[256];
	enum imp_kind kind;
	const char *profile;
	struct imp_opts o;
	unsigned flags;
	FILE *fp;

	if (size < 3)
		return 0;
	if (path[0] == '\0')
		snprintf(path, sizeof path, "%s/lia-fuzz-import-%d.csv", g_get_tmp_dir(),
		    (int)getpid());
	kind = (enum imp_kind)(data[0] % IMP_NKINDS);
	if (!imp_kind_available(kind))
		return 0;
	profile = profiles[data[1] % NPROFILES];
	if (!imp_profile_known(imp_kind_name(kind), profile))
		profile = "generic";
	flags = data[2];
	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data + 3, 1, size - 3, fp);
	fclose(fp);

	imp_opts_defaults(&o);
	o.profile = profile;
	o.encoding = (flags & 3) == 1 ? IMP_ENC_LATIN1 : (flags & 3) == 2 ? IMP_ENC_CP1252
	    : IMP_ENC_AUTO;
	o.dry_run = (flags >> 2) & 1;
	o.strict = (flags >> 3) & 1;
	o.checkin = (flags >> 4) & 1;
	o.delimiter = delimiters[(flags >> 5) & 3];
	if (flags & 0x80) {
		o.course = "F1";
		o.date = "2019-06-12";
		o.agency = "Fuzz agency";
		o.stage = "post";
	}

	fuzz_import_check(kind, path, &o);
	return 0;
}
