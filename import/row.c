/*
 * row: the services a loader calls for one row, below both the engine and
 * the loaders: whether a field has a column, a row's reject, skip or
 * warning, a note for the summary, and the dates of a file read in one
 * day/month order for the whole file.
 *
 * Day and month.  "06/12/2019" is 6 December in a UK export and 12 June in
 * a US one; a file (from one system) never mixes the two.  So every date
 * column of a file is read in one order: --date-order when given; else the order a value
 * proves (a first part over 12 is a day, a second part over 12 a month);
 * else the profile's (Eventbrite, SurveyMonkey and Microsoft Forms month
 * first, the others day first).  Rows are read as they come, in the order
 * known so far; a value that proves the other order before any proved this
 * one asks the engine to read the file again from the start in the order
 * it proved (imp_date returns IMP_DATE_AGAIN), and a file whose values
 * prove both is refused, quoting one of each.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/internal.h"

int
imp_has(const struct imp_ctx *ctx, const char *field)
{
	int f = imp_field_index(ctx->loader->fields, field);

	if (f >= 0 && ctx->cols.col[f] >= 0)
		return 1;
	if (strcmp(field, "course_code") == 0 || strcmp(field, "course_title") == 0)
		return ctx->opts->course != NULL;
	if (strcmp(field, "session_date") == 0)	/* (or a column per session, or
						 * the title rows) */
		return ctx->opts->date != NULL || (ctx->profile != NULL &&
		    (ctx->profile->sessions || ctx->profile->facetoface));
	if (strcmp(field, "agency") == 0)
		return ctx->opts->agency != NULL;
	if (strcmp(field, "stage") == 0)
		return ctx->opts->stage != NULL;
	if (strcmp(field, "cycle") == 0)
		return ctx->opts->cycle != NULL;
	if (strcmp(field, "audit_date") == 0)
		return ctx->opts->date != NULL;
	/* (a Section 11 template: the kind, and the standard in the first column) */
	if (strcmp(field, "audit_kind") == 0 || strcmp(field, "standard_code") == 0)
		return ctx->profile != NULL && ctx->profile->s11_template;
	return 0;
}

char *
imp_columns_found(const struct imp_ctx *ctx)
{
	GString *g = g_string_new(NULL);
	int i;

	for (i = 0; i < ctx->cols.ncols; i++) {
		if (i > 0)
			g_string_append(g, ", ");
		g_string_append_printf(g, "'%s'", ctx->cols.header[i]);
	}
	return g_string_free(g, FALSE);
}

int
imp_require(const struct imp_ctx *ctx, struct lia_err *err)
{
	const struct imp_field *f;

	for (f = ctx->loader->fields; f->name != NULL; f++)
		if ((f->flags & F_REQUIRED) && !imp_has(ctx, f->name)) {
			char *found = imp_columns_found(ctx);
			lia_err_set(err, "missing required column '%s'; columns found: %s",
			    f->name, found);
			g_free(found);
			return -1;
		}
	return 0;
}

void
imp_csv_append(GString *g, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		g_string_append(g, s);
		return;
	}
	g_string_append_c(g, '"');
	for (; *s; s++) {
		if (*s == '"')
			g_string_append_c(g, '"');
		g_string_append_c(g, *s);
	}
	g_string_append_c(g, '"');
}

/* What a reject record keeps of a column. */
enum kept { KEEP, PSEUDONYM, DROP };

static enum kept
column_kept(const struct imp_ctx *ctx, int col)
{
	const struct imp_field *fields = ctx->loader->fields;
	int f;

	if (col >= ctx->cols.ncols)
		return DROP;	/* past the header: nobody reads it */
	for (f = 0; fields[f].name != NULL && f < IMP_MAX_FIELDS; f++)
		if (ctx->cols.col[f] == col) {
			if (fields[f].flags & F_PSEUDONYM)
				return PSEUDONYM;
			return fields[f].flags & (F_PERSONAL | F_UNREAD) ? DROP : KEEP;
		}
	if (ctx->cols.personal[col])
		return DROP;	/* a header that says e-mail, name, phone, IP */
	if (ctx->loader->reads_unclaimed)
		return KEEP;	/* a question */
	if (ctx->profile != NULL && ctx->profile->sessions)
		return KEEP;	/* a session's column (Moodle's attendance) */
	if (ctx->profile != NULL && ctx->profile->s11_template && col == 0)
		return KEEP;	/* the standard */
	return DROP;
}

char *
imp_reject_record(const struct imp_ctx *ctx, const struct csv_record *rec)
{
	GString *g = g_string_new(NULL);
	int i;

	for (i = 0; i < rec->nfields; i++) {
		const char *v = rec->fields[i];
		char pkey[IMP_PKEY_LEN + 1];

		if (i > 0)
			g_string_append_c(g, ',');
		switch (column_kept(ctx, i)) {
		case PSEUDONYM:
			if (*v != '\0') {
				int is_email = strchr(v, '@') != NULL;

				if (imp_pseudonym_with(ctx->hmac, is_email ? v : NULL,
				    is_email ? NULL : v, pkey) == 0) {
					g_string_append(g, "lia:");
					g_string_append(g, pkey);
				}
			}
			break;
		case KEEP: {
			/* e-mail addresses, phone numbers, postcodes */
			char *clean = imp_scrub(v, NULL);

			imp_csv_append(g, clean != NULL ? clean : v);
			g_free(clean);
			break;
		}
		case DROP:
		default:
			g_string_append(g, IMP_NOT_KEPT);
			break;
		}
	}
	return g_string_free(g, FALSE);
}

enum row_result
imp_reject(struct imp_row *row, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(row->reason, sizeof row->reason, fmt, ap);
	va_end(ap);
	return ROW_REJECTED;
}

enum row_result
imp_skip(struct imp_row *row, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(row->reason, sizeof row->reason, fmt, ap);
	va_end(ap);
	return ROW_SKIPPED;
}

int
imp_warn(struct imp_ctx *ctx, long line, struct lia_err *err, const char *fmt, ...)
{
	static const char sql[] =
	    "INSERT INTO import_warning(batch_id, line, message) VALUES (?1, ?2, ?3)";
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (ctx->warn_stmt == NULL && (ctx->warn_stmt = db_prepare(ctx->db, sql, err)) == NULL)
		return -1;
	sqlite3_bind_int64(ctx->warn_stmt, 1, ctx->batch);
	sqlite3_bind_int64(ctx->warn_stmt, 2, line);
	sqlite3_bind_text(ctx->warn_stmt, 3, msg, -1, SQLITE_TRANSIENT);
	ctx->warnings++;
	return db_step_done(ctx->db, ctx->warn_stmt, err);
}

void
imp_note(struct imp_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	char *note;
	guint i;

	va_start(ap, fmt);
	note = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	for (i = 0; i < ctx->notes->len; i++)
		if (strcmp(g_ptr_array_index(ctx->notes, i), note) == 0) {
			g_free(note);	/* said once */
			return;
		}
	g_ptr_array_add(ctx->notes, note);
}

void
imp_note_override(struct imp_ctx *ctx, int field, const char *option, const char *value)
{
	int col = ctx->cols.col[field];

	if (col >= 0)
		imp_note(ctx, "%s %s used for every row, not the file's '%s' column", option, value,
		    ctx->cols.header[col]);
}

/* ---- skips: counted by reason, one warning per reason at the end --------- */

struct skip_reason {
	int64_t count;
	long first_line;
};

void
imp_skip_count(struct imp_ctx *ctx, const char *reason, long line)
{
	struct skip_reason *s = g_hash_table_lookup(ctx->skips, reason);

	if (s == NULL) {
		s = g_new0(struct skip_reason, 1);
		s->first_line = line;
		g_hash_table_insert(ctx->skips, g_strdup(reason), s);
		g_ptr_array_add(ctx->skip_order, g_strdup(reason));
	}
	s->count++;
}

int
imp_skip_warnings(struct imp_ctx *ctx, struct lia_err *err)
{
	guint i;

	for (i = 0; i < ctx->skip_order->len; i++) {
		const char *reason = g_ptr_array_index(ctx->skip_order, i);
		const struct skip_reason *s = g_hash_table_lookup(ctx->skips, reason);

		if (imp_warn(ctx, s->first_line, err, "%lld %s skipped: %s (the first on this line)",
		    (long long)s->count, s->count == 1 ? "row" : "rows", reason) != 0)
			return -1;
	}
	return 0;
}

/* ---- dates in one order per column ---------------------------------------- */

const char *
imp_date_order_name(enum imp_date_order o)
{
	switch (o) {
	case IMP_DMY:
		return "dmy";
	case IMP_MDY:
		return "mdy";
	case IMP_YMD:
		return "ymd";
	case IMP_ORDER_UNKNOWN:
	default:
		return NULL;
	}
}

int
imp_date_order_parse(const char *text, enum imp_date_order *out)
{
	if (g_ascii_strcasecmp(text, "dmy") == 0)
		*out = IMP_DMY;
	else if (g_ascii_strcasecmp(text, "mdy") == 0)
		*out = IMP_MDY;
	else if (g_ascii_strcasecmp(text, "ymd") == 0)
		*out = IMP_YMD;
	else
		return -1;
	return 0;
}

/*
 * The two numbers before the year of a numeric date ("13/06/2019",
 * "6.12.19", "06-12-2019 10:30"): 1 with *a and *b, else 0 (ISO, words,
 * serial numbers), and where the year begins.
 */
static int
day_month_parts(const char *s, int *a, int *b, const char **year)
{
	const char *p = s;
	char sep;
	int x = 0, y = 0, n;

	for (n = 0; isdigit((unsigned char)*p) && n < 3; n++)
		x = 10 * x + (*p++ - '0');
	if (n < 1 || n > 2 || (*p != '/' && *p != '.' && *p != '-'))
		return 0;
	sep = *p++;
	for (n = 0; isdigit((unsigned char)*p) && n < 3; n++)
		y = 10 * y + (*p++ - '0');
	if (n < 1 || n > 2 || *p != sep || !isdigit((unsigned char)p[1]))
		return 0;
	*a = x;
	*b = y;
	*year = p + 1;
	return 1;
}

/* A date as date_parse reads it: a time after a comma ("17/06/19, 16:34",
 * Moodle's short form) goes, and month-first parts swap places. */
static char *
normal_date(const char *text, enum imp_date_order order, int a, int b, const char *year)
{
	GString *g = g_string_new(NULL);
	const char *comma = strchr(text, ',');

	if (order == IMP_MDY && year != NULL)
		g_string_printf(g, "%d/%d/%s", b, a, year);
	else if (order == IMP_YMD && year != NULL)
		g_string_printf(g, "%.2s/%d/%d", year, b, a);	/* "19/06/12": 12/06/19 */
	else
		g_string_assign(g, text);
	comma = strchr(g->str, ',');
	if (comma != NULL) {
		const char *t = comma + 1;

		while (*t == ' ')
			t++;
		if (isdigit((unsigned char)*t) && strpbrk(t, ":.") != NULL)
			g_string_truncate(g, (gsize)(comma - g->str));
	}
	return g_string_free(g, FALSE);
}

static const char *
order_words(enum imp_date_order o)
{
	return o == IMP_MDY ? "month first" : o == IMP_YMD ? "year first" : "day first";
}

int
imp_date(struct imp_ctx *ctx, int field, const char *text, lia_date *out, struct imp_row *row,
    struct lia_err *err)
{
	/* One order for every date column of the file: they come from one
	 * system, and a value that proves the order in one column proves it
	 * in the others (the state is kept in the first slot). */
	struct imp_date_col *c = &ctx->dates[0];
	const char *name = ctx->loader->fields[field].name, *year = NULL;
	enum imp_date_order proves = IMP_ORDER_UNKNOWN, order;
	struct lia_err e;
	char *norm;
	int a = 0, b = 0, rc;

	if (day_month_parts(text, &a, &b, &year)) {
		if (a > 12 && b <= 12)
			proves = IMP_DMY;
		else if (b > 12 && a <= 12)
			proves = IMP_MDY;
	}
	if (proves != IMP_ORDER_UNKNOWN && c->example[proves][0] == '\0') {
		g_strlcpy(c->example[proves], text, sizeof c->example[proves]);
		c->line[proves] = row->line;
	}
	if (ctx->opts->date_order != IMP_ORDER_UNKNOWN) {
		order = ctx->opts->date_order;
		if (proves != IMP_ORDER_UNKNOWN && proves != order) {
			imp_reject(row, "%s: '%s' is not a date %s (--date-order %s)", name, text,
			    order_words(order), imp_date_order_name(order));
			return -1;
		}
	} else {
		if (c->example[IMP_DMY][0] != '\0' && c->example[IMP_MDY][0] != '\0') {
			lia_err_at(err, NULL, row->line, "%s: the dates are written both day first"
			    " ('%s', line %ld) and month first ('%s', line %ld); give --date-order"
			    " dmy or mdy, or correct the file", name, c->example[IMP_DMY],
			    c->line[IMP_DMY], c->example[IMP_MDY], c->line[IMP_MDY]);
			return IMP_DATE_FATAL;
		}
		if (c->order == IMP_ORDER_UNKNOWN)
			c->order = proves != IMP_ORDER_UNKNOWN ? proves : ctx->default_order;
		if (proves != IMP_ORDER_UNKNOWN && proves != c->order) {
			/* rows before were read in the other order: again, in this one */
			c->order = proves;
			ctx->again = 1;
			return IMP_DATE_AGAIN;
		}
		order = c->order;
	}
	if (year != NULL)
		c->used = order;	/* a day and a month by number: read in order */
	norm = normal_date(text, order, a, b, year);
	rc = date_parse(norm, out, &e);
	g_free(norm);
	if (rc != 0) {
		imp_reject(row, "%s: %s", name, e.msg);
		return -1;
	}
	return 0;
}

enum row_result
imp_row_date(struct imp_ctx *ctx, int field, const char *text, lia_date *out,
    struct imp_row *row, struct lia_err *err)
{
	int rc = imp_date(ctx, field, text, out, row, err);

	return rc == 0 ? ROW_LOADED : rc == -1 ? ROW_REJECTED : ROW_FATAL;
}

enum imp_date_order
imp_dates_used(const struct imp_ctx *ctx)
{
	int f;

	for (f = 0; f < IMP_MAX_FIELDS; f++)
		if (ctx->dates[f].used != IMP_ORDER_UNKNOWN)
			return ctx->dates[f].used;
	return IMP_ORDER_UNKNOWN;
}

/* ---- e-mail addresses as cells hold them ----------------------------------- */

const char *
imp_email(const char *cell)
{
	/* "mailto:" from a spreadsheet's link (Face-to-face's export) */
	if (g_ascii_strncasecmp(cell, "mailto:", 7) == 0)
		return cell + 7;
	return cell;
}
