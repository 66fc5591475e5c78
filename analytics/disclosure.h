/*
 * disclosure: small-number suppression of every published number.  One
 * function, an_disclose, applies a rule to a whole result (table.h) before
 * anything writes or draws it; the data in the database never change.
 */
#ifndef LIA_ANALYTICS_DISCLOSURE_H
#define LIA_ANALYTICS_DISCLOSURE_H

#include "analytics/table.h"
#include "core/core.h"

enum an_sdc_rule {
	AN_SDC_OFF,		/* nothing hidden */
	AN_SDC_THRESHOLD,	/* counts 1 .. threshold-1 hidden, shown "<threshold" */
	AN_SDC_NHS,		/* NHS Digital: 1-7 hidden, shown "<8" */
	AN_SDC_ONS		/* ONS: 1-9 hidden ("<10"), the rest rounded to the nearest 5 */
};

struct an_sdc {
	enum an_sdc_rule rule;
	int threshold;		/* the smallest count shown: 5, 8 (nhs), 10 (ons) */
};

/* The report packs' default: counts 1-4 shown as "<5". */
#define AN_SDC_DEFAULT_THRESHOLD 5

/* Off: what the analysis commands do unless --suppress is given. */
void an_sdc_off(struct an_sdc *);
/* The packs' default, threshold 5. */
void an_sdc_default(struct an_sdc *);

/*
 * Parses a --suppress value: a whole number N (2 to 1000: counts 1 to N-1
 * hidden), 0 (off), "nhs" or "ons".  Returns 0, or -1 with err quoting it.
 */
int an_sdc_parse(const char *text, struct an_sdc *, struct lia_err *);

/* The marker of a hidden count, "<5"; NULL when off.  g_free it. */
char *an_sdc_marker(const struct an_sdc *);
/* The rule in words for a methods appendix or a note; NULL when off.  g_free it. */
char *an_sdc_words(const struct an_sdc *);

/*
 * Applies a rule to every part of a result, rows and totals:
 *   1. primary: a count column's cells from 1 to threshold-1 are hidden;
 *   2. secondary, until nothing changes: where exactly one cell of a count
 *      column is hidden and the part shows that column's total, the
 *      smallest other shown non-zero cell of the column is hidden too (the
 *      total itself when there is none); likewise along a row, for a count
 *      column that is the sum of its `parts`, and within each group of
 *      rows another part totals (an_part.sums); a copy of another part's
 *      count (an_part.copies) is hidden with its original, and the
 *      original with it;
 *   3. every derived cell (rate, mean, interval) computed from a hidden
 *      count is hidden;
 *   4. ons: the counts still shown are rounded to the nearest 5.
 * Sets the result's hidden_marker and suppression words and adds a note
 * saying how many cells were hidden (and how many of them to protect a
 * total).  Off does nothing.  Returns the number of cells hidden; cannot
 * fail.
 */
int an_disclose(struct an_result *, const struct an_sdc *);

#endif
