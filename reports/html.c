/*
 * html: the accessible HTML writer of the report packs (issue 18).
 */
#include "reports/internal.h"

int
doc_write_html(const struct rpt_doc *d, const char *path, struct lia_err *err)
{
	(void)d;
	return lia_err_set(err, "%s: the HTML edition is not built yet", path);
}
