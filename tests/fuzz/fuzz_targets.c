/*
 * libFuzzer target for the report packs' targets file (--targets FILE):
 * whatever the bytes, rpt_targets_parse must end in 0 with every target
 * in range and each amber threshold on the right side of its target, or
 * in -1 with a message and the targets untouched; never crash (built
 * with AddressSanitizer and UBSan).  Build and run: make fuzz.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reports/reports.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rpt_targets t, before;
	struct lia_err err;
	int i;

	rpt_targets_defaults(&t);
	before = t;
	lia_err_clear(&err);
	if (rpt_targets_parse(&t, (const char *)data, size, "fuzz", &err) != 0) {
		if (err.msg[0] == '\0' || memcmp(&t, &before, sizeof t) != 0)
			abort();
		return 0;
	}
	for (i = 0; i < RPT_KPI_COUNT; i++) {
		const struct rpt_target *x = &t.t[i];

		if (!isfinite(x->target) || !isfinite(x->amber) || x->target < 0 || x->amber < 0 ||
		    (x->share && (x->target > 1 || x->amber > 1)) ||
		    (x->lower_better ? x->amber < x->target : x->amber > x->target))
			abort();
	}
	return 0;
}
