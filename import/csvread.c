/*
 * csvread: a streaming CSV reader on libcsv.  It owns decoding (a UTF-8 BOM
 * is dropped; UTF-16 with a BOM and Latin-1 or Windows-1252 on request are
 * converted with GLib's iconv), physical line numbers (LF, CRLF and CR line
 * ends; a record's line is the one it starts on), blank-record skipping and
 * the UTF-8 check that turns bad bytes into a reject quoting their offset.
 * The file is read in blocks and fed to libcsv one physical line at a time,
 * so the line a record starts on is always known.  Reading, hashing
 * (SHA-256 of the bytes as read) and parsing run on a thread of their own,
 * which hands records over in batches through a bounded queue, so memory
 * stays bounded and the loader's database work overlaps the parsing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>
#include <nettle/sha2.h>

#include "import/internal.h"

#define BLOCK (64 * 1024)

struct csv_reader {
	FILE *fp;
	GBytes *mem;		/* in-memory source, or NULL */
	size_t mem_pos;
	int64_t size;		/* bytes in the source */
	int64_t consumed;	/* raw bytes taken from the source */
	GIConv conv;		/* (GIConv)-1 when the input is UTF-8 */
	const char *encoding;
	int utf16;
	char delimiter;
	int delimiter_fixed;

	struct csv_parser parser;
	unsigned char *raw;	/* raw block */
	size_t raw_len;
	char *buf;		/* decoded UTF-8 block */
	size_t buf_len, buf_pos;
	int64_t buf_offset;	/* file offset of buf[0] (exact for UTF-8 input) */
	int eof;		/* the source is exhausted */
	int finished;		/* csv_fini has been called */

	GString *pending;	/* a line split across blocks */
	int64_t pending_offset;
	int prev_cr;		/* the last line ended in CR: a following LF belongs to it */
	long line;		/* physical lines started so far */

	/* the record being assembled: fields NUL-separated, written straight
	 * into the arena of the batch they will be handed over in */
	GString *arena;
	GString *own_arena;	/* the arena until the parsing thread starts */
	size_t *starts;		/* offsets of the fields in arena */
	guint nstarts, starts_cap;
	GPtrArray *fields;	/* char * into arena, for rec */
	int in_record;
	long rec_line;
	size_t rec_bytes;
	char bad[128];
	int complete;		/* a record is ready */
	/* a record that goes on past its first line, kept as read in case a
	 * quote in it is never closed: its text, its line and file offset,
	 * the line its open quoted field began on (0: none), how many fields
	 * were done then, and where the lines after that one begin */
	GString *kept;
	long kept_rec, quote_line;
	int64_t kept_offset;
	guint quote_fields;
	size_t kept_tail;
	struct csv_record rec;
	GPtrArray *repaired;	/* fields of rec made valid UTF-8, owned */

	struct lia_err *err;	/* where a callback reports a fatal error */
	int fatal;

	/* the parsing thread and its hand-over */
	struct sha256_ctx sha;	/* of the raw bytes, as read (Nettle: fast) */
	int no_sha;		/* hashed apart (csvr_hash_start): not here */
	char sha_hex[65];
	struct lia_err thread_err;
	GThread *thread;
	GThread *numberer;	/* numbers the parsed batches, in order */
	GAsyncQueue *parsed;	/* struct batch *, to be numbered */
	GAsyncQueue *queue;	/* struct batch *, full ones and the last */
	GAsyncQueue *spare;	/* struct batch *, read and emptied, for reuse */
	GMutex lock;
	GCond room;
	int in_flight;		/* batches queued and not yet taken */
	int stop;		/* the consumer is closing */
	gint64 bytes_seen;	/* raw bytes read (parsing thread only) */
	gint64 bytes_pushed;	/* bytes_seen at the last hand-over (under lock) */
	struct batch *current;	/* the batch the consumer reads from */
	guint next_rec;
	struct csv_record out;
	int done;

	/* numbering, on a thread of its own (see csvr_set_keys) */
	struct csvr_keys keys;		/* under lock until the thread has them */
	int keys_set;			/* under lock */
	struct numbering *numbering;	/* the numbering thread's own */
};

/*
 * The numbers the reading thread gives: each distinct value of a numbered
 * column (up to CSVR_KEY_VALUES of them), each distinct tuple of those
 * numbers, each distinct pseudonym, in the order they are first seen.
 * Values live in a string chunk, with a GHashTable each.  Pseudonyms and
 * tuples are many (5,000,000 rows of a booking export bring 625,000 people
 * and 500,000 sessions), so they are kept more tightly, in a struct
 * numbers: the keys once, in blocks by number, and an open-addressed table
 * of numbers with their keys' hashes (a key is read only when its hash
 * matches), in two thirds of GHashTable's memory for these keys.
 */
#define NUM_BLOCK 4096

struct numbers {
	size_t key_size;
	GPtrArray *blocks;	/* NUM_BLOCK keys each, by number */
	guint32 count;
	guint64 *slots;		/* hash << 32 | number + 1; 0 is empty */
	guint32 mask;		/* slots - 1, a power of two minus one */
};

struct numbering {
	GHashTable *values[CSVR_MAX_KEYS];	/* text -> number + 1 */
	const char *last[CSVR_MAX_KEYS];	/* the last value numbered, in text */
	gint32 last_number[CSVR_MAX_KEYS];
	GStringChunk *text;
	struct numbers people;		/* of IMP_DIGEST_LEN bytes */
	struct numbers tuples;		/* of CSVR_MAX_TUPLE gint32 */
};

/* Records handed from the parsing thread to the consumer. */
struct rec_meta {
	long line;
	guint first, nfields;	/* into offsets */
	gssize bad;		/* offset of the reason in arena, or -1 */
	gssize digest;		/* offset of its pseudonym's bytes in arena, or -1 */
	gint32 person, tuple;	/* csvr_set_keys's numbers, or -1 */
	gint32 key[CSVR_MAX_KEYS];
};

struct batch {
	GString *arena;		/* fields and reasons, NUL-terminated */
	GArray *offsets;	/* gsize: field starts in arena */
	GArray *recs;		/* struct rec_meta */
	int last;		/* no more batches after this one */
	int failed;		/* the parse failed: err says why */
	struct lia_err err;
};

/* Records go from thread to thread in batches of BATCH_RECORDS, at most
 * MAX_IN_FLIGHT of them on their way: small batches, so that each of the
 * three threads (parsing, numbering, loading) waits little for the one
 * before it. */
#define BATCH_RECORDS 1024
#define MAX_IN_FLIGHT 16
/* A record's tuple or person, numbered with its batch's (number_batch). */
#define NUMBER_LATER (-2)

static void
on_field(void *s, size_t len, void *data)
{
	struct csv_reader *r = data;
	size_t start = r->arena->len;

	if (r->fatal)
		return;
	if (r->nstarts == r->starts_cap) {
		r->starts_cap = r->starts_cap ? 2 * r->starts_cap : 64;
		r->starts = g_renew(size_t, r->starts, r->starts_cap);
	}
	r->starts[r->nstarts++] = start;
	/* CSV_APPEND_NULL: the field's NUL comes with it. */
	g_string_set_size(r->arena, start + len + 1);
	if (s != NULL)
		memcpy(r->arena->str + start, s, len + 1);
	else
		r->arena->str[start] = '\0';
}

static void
on_record(int c, void *data)
{
	struct csv_reader *r = data;

	(void)c;
	r->complete = 1;
}

static const char *
detect_encoding(struct csv_reader *r, const unsigned char *b, size_t n, size_t *skip)
{
	*skip = 0;
	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
		*skip = 3;
		return "UTF-8 with BOM";
	}
	if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
		*skip = 2;
		r->utf16 = 1;
		return "UTF-16LE";
	}
	if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
		*skip = 2;
		r->utf16 = 1;
		return "UTF-16BE";
	}
	/* UTF-16 without a BOM shows as NULs beside ASCII. */
	if (n >= 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0) {
		r->utf16 = 1;
		return "UTF-16LE";
	}
	if (n >= 4 && b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0) {
		r->utf16 = 1;
		return "UTF-16BE";
	}
	return "UTF-8";
}

/* Reads raw bytes from the source; 0 at the end, -1 on error. */
static ssize_t
source_read(struct csv_reader *r, unsigned char *dst, size_t want)
{
	if (r->mem != NULL) {
		gsize total;
		const unsigned char *data = g_bytes_get_data(r->mem, &total);
		size_t n = total - r->mem_pos < want ? total - r->mem_pos : want;

		if (n > 0) {
			memcpy(dst, data + r->mem_pos, n);
			if (!r->no_sha)
				sha256_update(&r->sha, n, dst);
		}
		r->mem_pos += n;
		r->bytes_seen += (gint64)n;
		return (ssize_t)n;
	} else {
		size_t n = fread(dst, 1, want, r->fp);

		if (n == 0 && ferror(r->fp))
			return -1;
		if (n > 0 && !r->no_sha)
			sha256_update(&r->sha, n, dst);
		r->bytes_seen += (gint64)n;
		return (ssize_t)n;
	}
}

/* Fills buf with the next decoded block.  0 ok (buf_len may be 0 at the
 * end), -1 fatal. */
static int
fill(struct csv_reader *r)
{
	ssize_t n;

	r->buf_offset += (int64_t)r->buf_len;
	r->buf_len = r->buf_pos = 0;
	if (r->eof)
		return 0;
	n = source_read(r, r->raw + r->raw_len, BLOCK - r->raw_len);
	if (n < 0)
		return lia_err_set(r->err, "read error: %s", strerror(errno));
	if (n == 0)
		r->eof = 1;
	r->raw_len += (size_t)n;
	if (r->conv == (GIConv)-1) {
		memcpy(r->buf, r->raw, r->raw_len);
		r->buf_len = r->raw_len;
		r->consumed += (int64_t)r->raw_len;
		r->raw_len = 0;
		return 0;
	} else {
		gchar *in = (gchar *)r->raw, *out = r->buf;
		gsize inleft = r->raw_len, outleft = BLOCK * 4;
		gsize rc = g_iconv(r->conv, &in, &inleft, &out, &outleft);

		if (rc == (gsize)-1 && errno == EILSEQ)
			return lia_err_set(r->err, "invalid %s at byte offset %lld",
			    r->encoding, (long long)(r->consumed + (in - (gchar *)r->raw)));
		if (rc == (gsize)-1 && errno == EINVAL && r->eof && inleft > 0)
			return lia_err_set(r->err, "the file ends inside a %s character",
			    r->encoding);
		r->buf_len = (size_t)(out - r->buf);
		r->consumed += (int64_t)(r->raw_len - inleft);
		memmove(r->raw, in, inleft);
		r->raw_len = inleft;
		return 0;
	}
}

static void
guess_delimiter(struct csv_reader *r)
{
	size_t i, commas = 0, tabs = 0, semis = 0;
	int quoted = 0;

	for (i = 0; i < r->buf_len; i++) {
		char c = r->buf[i];
		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\n' || c == '\r'))
			break;
		else if (!quoted && c == ',')
			commas++;
		else if (!quoted && c == '\t')
			tabs++;
		else if (!quoted && c == ';')
			semis++;
	}
	r->delimiter = ',';
	if (tabs > commas && tabs >= semis)
		r->delimiter = '\t';
	else if (semis > commas && semis > tabs)
		r->delimiter = ';';
}

static struct csv_reader *
reader_new(const struct csvr_opts *opts, struct lia_err *err)
{
	struct csv_reader *r = g_new0(struct csv_reader, 1);

	r->conv = (GIConv)-1;
	r->raw = g_malloc(BLOCK);
	r->buf = g_malloc(BLOCK * 4 + 1);
	r->pending = g_string_new(NULL);
	r->own_arena = r->arena = g_string_sized_new(1024);
	r->fields = g_ptr_array_new();
	r->repaired = g_ptr_array_new_with_free_func(g_free);
	r->delimiter = opts ? opts->delimiter : 0;
	r->delimiter_fixed = r->delimiter != 0;
	r->no_sha = opts ? opts->hashed_apart : 0;
	r->err = err;
	sha256_init(&r->sha);
	g_mutex_init(&r->lock);
	g_cond_init(&r->room);
	if (csv_init(&r->parser, CSV_APPEND_NULL) != 0) {
		lia_err_set(err, "out of memory");
		csvr_close(r);
		return NULL;
	}
	return r;
}

/* Reads the first block, finds the encoding and the delimiter. */
static int
start(struct csv_reader *r, const struct csvr_opts *opts)
{
	size_t skip;
	ssize_t n = source_read(r, r->raw, BLOCK);
	const char *from = NULL;

	if (n < 0)
		return lia_err_set(r->err, "read error: %s", strerror(errno));
	if (n == 0)
		r->eof = 1;
	r->raw_len = (size_t)n;
	r->encoding = detect_encoding(r, r->raw, r->raw_len, &skip);
	if (r->utf16)
		from = strcmp(r->encoding, "UTF-16LE") == 0 ? "UTF-16LE" : "UTF-16BE";
	else if (opts && opts->encoding == IMP_ENC_LATIN1)
		from = r->encoding = "ISO-8859-1";
	else if (opts && opts->encoding == IMP_ENC_CP1252)
		from = r->encoding = "WINDOWS-1252";
	memmove(r->raw, r->raw + skip, r->raw_len - skip);
	r->raw_len -= skip;
	r->consumed = (int64_t)skip;
	r->buf_offset = (int64_t)skip;
	if (from != NULL) {
		r->conv = g_iconv_open("UTF-8", from);
		if (r->conv == (GIConv)-1)
			return lia_err_set(r->err, "cannot convert from %s", from);
	}
	/* fill() adds buf_len to buf_offset; start from nothing. */
	r->buf_len = 0;
	r->buf_offset = (int64_t)skip;
	if (r->conv == (GIConv)-1) {
		memcpy(r->buf, r->raw, r->raw_len);
		r->buf_len = r->raw_len;
		r->consumed += (int64_t)r->raw_len;
		r->raw_len = 0;
	} else {
		/* Decode what we have without reading more. */
		int was_eof = r->eof;
		r->eof = 1;
		if (r->raw_len > 0) {
			gchar *in = (gchar *)r->raw, *out = r->buf;
			gsize inleft = r->raw_len, outleft = BLOCK * 4;
			gsize rc = g_iconv(r->conv, &in, &inleft, &out, &outleft);
			if (rc == (gsize)-1 && errno == EILSEQ)
				return lia_err_set(r->err, "invalid %s at byte offset %lld",
				    r->encoding, (long long)(skip + (size_t)(in - (gchar *)r->raw)));
			r->buf_len = (size_t)(out - r->buf);
			r->consumed += (int64_t)(r->raw_len - inleft);
			memmove(r->raw, in, inleft);
			r->raw_len = inleft;
		}
		r->eof = was_eof;
	}
	if (!r->delimiter_fixed)
		guess_delimiter(r);
	csv_set_delim(&r->parser, (unsigned char)r->delimiter);
	return 0;
}

static int start_thread(struct csv_reader *);
static void numbering_free(struct numbering *);
static void first_record(struct csv_reader *);
static void sha_finish(struct csv_reader *);
static int parse_next(struct csv_reader *, struct csv_record **, struct lia_err *);

struct csv_reader *
csvr_open(const char *path, const struct csvr_opts *opts, struct lia_err *err)
{
	struct csv_reader *r;
	struct stat sb;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL) {
		lia_err_set(err, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(fp);
		lia_err_set(err, "is a directory");
		return NULL;
	}
	if ((r = reader_new(opts, err)) == NULL) {
		fclose(fp);
		return NULL;
	}
	r->fp = fp;
	r->size = S_ISREG(sb.st_mode) ? (int64_t)sb.st_size : 0;
	if (start(r, opts) != 0) {
		csvr_close(r);
		return NULL;
	}
	first_record(r);
	return r;
}

struct csv_reader *
csvr_open_mem(const void *buf, size_t len, const struct csvr_opts *opts, struct lia_err *err)
{
	struct csv_reader *r = reader_new(opts, err);

	if (r == NULL)
		return NULL;
	r->mem = g_bytes_new(buf, len);
	r->size = (int64_t)len;
	if (start(r, opts) != 0) {
		csvr_close(r);
		return NULL;
	}
	first_record(r);
	return r;
}

static void
batch_free(struct batch *b)
{
	if (b == NULL)
		return;
	g_string_free(b->arena, TRUE);
	g_array_free(b->offsets, TRUE);
	g_array_free(b->recs, TRUE);
	g_free(b);
}

void
csvr_close(struct csv_reader *r)
{
	if (r == NULL)
		return;
	if (r->thread != NULL) {
		struct batch *b;

		g_mutex_lock(&r->lock);
		r->stop = 1;
		g_cond_signal(&r->room);
		g_mutex_unlock(&r->lock);
		g_thread_join(r->thread);
		g_thread_join(r->numberer);
		while ((b = g_async_queue_try_pop(r->queue)) != NULL)
			batch_free(b);
	}
	if (r->queue != NULL)
		g_async_queue_unref(r->queue);
	if (r->parsed != NULL)
		g_async_queue_unref(r->parsed);
	if (r->spare != NULL) {
		struct batch *b;

		while ((b = g_async_queue_try_pop(r->spare)) != NULL)
			batch_free(b);
		g_async_queue_unref(r->spare);
	}
	batch_free(r->current);
	numbering_free(r->numbering);
	g_mutex_clear(&r->lock);
	g_cond_clear(&r->room);
	if (r->fp != NULL)
		fclose(r->fp);
	if (r->mem != NULL)
		g_bytes_unref(r->mem);
	if (r->conv != (GIConv)-1)
		g_iconv_close(r->conv);
	csv_free(&r->parser);
	g_free(r->raw);
	g_free(r->buf);
	g_string_free(r->pending, TRUE);
	if (r->kept != NULL)
		g_string_free(r->kept, TRUE);
	g_string_free(r->own_arena, TRUE);
	g_free(r->starts);
	g_ptr_array_free(r->fields, TRUE);
	g_ptr_array_free(r->repaired, TRUE);
	g_free(r);
}

char
csvr_delimiter(const struct csv_reader *r)
{
	return r->delimiter;
}

int64_t
csvr_bytes_read(const struct csv_reader *r)
{
	struct csv_reader *w = (struct csv_reader *)r;
	gint64 n;

	g_mutex_lock(&w->lock);
	n = w->bytes_pushed;
	g_mutex_unlock(&w->lock);
	return n;
}

int
csvr_sha256(const struct csv_reader *r, char out[65])
{
	if (!r->done || r->no_sha || r->sha_hex[0] == '\0')
		return -1;
	memcpy(out, r->sha_hex, 65);
	return 0;
}

/* A file this small is hashed before it is read (a few milliseconds); a
 * larger one beside the reading, on the core the reader leaves. */
#define HASH_AT_ONCE (8 * 1024 * 1024)

struct csvr_hash {
	GThread *thread;
	char *path;
	char hex[65];
	int rc;
	gint done;
	struct lia_err err;
};

/* Hashes h->path (a regular file): h->rc 0 with h->hex, or -1 with h->err. */
static gpointer
hash_thread(gpointer data)
{
	struct csvr_hash *h = data;
	unsigned char buf[BLOCK], digest[SHA256_DIGEST_SIZE];
	struct sha256_ctx sha;
	FILE *fp;
	size_t n;

	h->rc = -1;
	if ((fp = fopen(h->path, "rb")) == NULL) {
		lia_err_set(&h->err, "cannot open: %s", strerror(errno));
	} else {
		sha256_init(&sha);
		while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
			sha256_update(&sha, n, buf);
		if (ferror(fp)) {
			lia_err_set(&h->err, "read error: %s", strerror(errno));
		} else {
			sha256_digest(&sha, sizeof digest, digest);
			imp_hex(digest, sizeof digest, h->hex);
			h->rc = 0;
		}
		fclose(fp);
	}
	g_atomic_int_set(&h->done, 1);
	return NULL;
}

int
csvr_hash_start(const char *path, struct csvr_hash **out, struct lia_err *err)
{
	struct csvr_hash *h;
	struct stat sb;

	*out = NULL;
	/* A pipe or a FIFO can be read once (and opening a FIFO waits for its
	 * writer): not opened here, hashed by the reader as it is read. */
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return 0;
	h = g_new0(struct csvr_hash, 1);
	h->path = g_strdup(path);
	if (sb.st_size < HASH_AT_ONCE) {
		hash_thread(h);
		if (h->rc < 0) {
			lia_err_set(err, "%s", h->err.msg);
			csvr_hash_free(h);
			return -1;
		}
	} else {
		h->thread = g_thread_new("sha256", hash_thread, h);
	}
	*out = h;
	return 1;
}

int
csvr_hash_done(struct csvr_hash *h)
{
	return g_atomic_int_get(&h->done);
}

int
csvr_hash_wait(struct csvr_hash *h, char hex[65], struct lia_err *err)
{
	if (h->thread != NULL)
		g_thread_join(h->thread);
	h->thread = NULL;
	if (h->rc < 0)
		return lia_err_set(err, "%s", h->err.msg);
	memcpy(hex, h->hex, 65);
	return 0;
}

void
csvr_hash_free(struct csvr_hash *h)
{
	if (h == NULL)
		return;
	if (h->thread != NULL)
		g_thread_join(h->thread);
	g_free(h->path);
	g_free(h);
}

int64_t
csvr_size(const struct csv_reader *r)
{
	return r->size;
}

const char *
csvr_encoding(const struct csv_reader *r)
{
	return r->encoding;
}

/* Whether s holds only ASCII and no NUL: most lines, checked 8 bytes at a
 * time before g_utf8_validate is asked. */
static int
plain_ascii(const char *s, size_t len)
{
	const guint64 ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		guint64 w;

		memcpy(&w, s + i, 8);
		/* a high bit, or a zero byte */
		if ((w & highs) != 0 || ((w - ones) & ~w & highs) != 0)
			return 0;
	}
	for (; i < len; i++)
		if ((unsigned char)s[i] - 1u >= 0x7fu)
			return 0;
	return 1;
}

/* Checks one line's bytes; notes the first bad byte of the record. */
static void
check_bytes(struct csv_reader *r, const char *s, size_t len, int64_t offset)
{
	const gchar *end;

	if (r->bad[0] != '\0' || plain_ascii(s, len) || g_utf8_validate(s, (gssize)len, &end))
		return;
	if (*end == '\0')
		snprintf(r->bad, sizeof r->bad, "NUL byte at byte offset %lld",
		    (long long)(offset + (end - s)));
	else if (r->conv == (GIConv)-1)
		/* 0x80-0x9F are control codes in Latin-1 and letters and marks in
		 * Windows-1252 (Excel's curly quotes, dashes, the euro sign). */
		snprintf(r->bad, sizeof r->bad,
		    "invalid UTF-8 at byte offset %lld (try --encoding %s)",
		    (long long)(offset + (end - s)),
		    (unsigned char)*end >= 0x80 && (unsigned char)*end <= 0x9F ? "cp1252" : "latin1");
	else
		snprintf(r->bad, sizeof r->bad, "invalid character after conversion");
}

/* libcsv's state inside a field (its libcsv.c: FIELD_BEGUN); with
 * parser.quoted, inside a quoted field. */
#define LIBCSV_FIELD_BEGUN 2

/*
 * Keeps a line of a record that goes on past it (a quoted field with a
 * line end in it, or a quote never closed), and the line its open quoted
 * field began on: a field done since the quote was seen open means that
 * one closed and this is another.  Bounded by CSVR_MAX_RECORD.
 */
static void
keep_line(struct csv_reader *r, const char *s, size_t len, int64_t offset)
{
	int open = r->parser.pstate == LIBCSV_FIELD_BEGUN && r->parser.quoted;

	if (r->kept == NULL)
		r->kept = g_string_new(NULL);
	if (r->kept_rec != r->rec_line) {	/* a new record's first line */
		g_string_truncate(r->kept, 0);
		r->kept_rec = r->rec_line;
		r->kept_offset = offset;
		r->quote_line = 0;
	}
	g_string_append_len(r->kept, s, (gssize)len);
	if (!open)
		r->quote_line = 0;
	else if (r->quote_line == 0 || r->quote_fields != r->nstarts) {
		r->quote_line = r->line;
		r->quote_fields = r->nstarts;
	}
	if (r->quote_line == r->line)	/* (the LF of a CR LF too) */
		r->kept_tail = r->kept->len;
}

/* Feeds one physical line (with its terminator) to libcsv. */
static int
feed_line(struct csv_reader *r, const char *s, size_t len, int64_t offset, int counts)
{
	if (counts)
		r->line++;
	if (!r->in_record) {
		r->in_record = 1;
		r->rec_line = r->line;
		r->rec_bytes = 0;
		r->bad[0] = '\0';
	}
	r->rec_bytes += len;
	if (r->rec_bytes > CSVR_MAX_RECORD) {
		if (r->quote_line > 0 && r->kept_rec == r->rec_line)
			return lia_err_at(r->err, NULL, r->quote_line, "unterminated quote: the"
			    " quote opened on this line is not closed within %d bytes",
			    CSVR_MAX_RECORD);
		return lia_err_at(r->err, NULL, r->rec_line,
		    "record longer than %d bytes (an unclosed quote?)", CSVR_MAX_RECORD);
	}
	check_bytes(r, s, len, offset);
	if (csv_parse(&r->parser, s, len, on_field, on_record, r) != len)
		return lia_err_at(r->err, NULL, r->rec_line, "CSV parse error: %s",
		    csv_strerror(csv_error(&r->parser)));
	if (!r->complete) {
		if (r->parser.pstate == 0 && r->nstarts == 0)
			r->in_record = 0;	/* a blank line */
		else
			keep_line(r, s, len, offset);
	}
	return 0;
}

/*
 * At the end of the input, inside a quoted field: the quote opened on
 * quote_line is never closed.  The record, as read up to the end of that
 * line, becomes a record marked bad (a reject naming the line), and the
 * lines after it are read again as records of their own, so that none is
 * lost to the quote.  0 if there was no such quote, 1 when the record is
 * ready, -1 on a fatal error.
 */
static int
unterminated_quote(struct csv_reader *r)
{
	size_t tail_len;

	if (!r->in_record || r->parser.pstate != LIBCSV_FIELD_BEGUN || !r->parser.quoted ||
	    r->kept == NULL || r->kept_rec != r->rec_line || r->quote_line == 0)
		return 0;
	/* the record again, from its first line to the quote's, ended there */
	csv_fini(&r->parser, NULL, NULL, NULL);	/* (resets the parser) */
	if (r->nstarts > 0)
		g_string_truncate(r->arena, r->starts[0]);
	r->nstarts = 0;
	if (csv_parse(&r->parser, r->kept->str, r->kept_tail, on_field, on_record, r) !=
	    r->kept_tail || csv_fini(&r->parser, on_field, on_record, r) != 0)
		return lia_err_at(r->err, NULL, r->rec_line, "CSV parse error: %s",
		    csv_strerror(csv_error(&r->parser)));
	r->complete = 1;
	snprintf(r->bad, sizeof r->bad, "unterminated quote: the quote opened on line %ld"
	    " is never closed (the lines after it are read as records)", r->quote_line);
	/* the lines after the quote's, as the rest of the input */
	tail_len = r->kept->len - r->kept_tail;
	if (tail_len > BLOCK * 4)
		r->buf = g_realloc(r->buf, tail_len + 1);
	memcpy(r->buf, r->kept->str + r->kept_tail, tail_len);
	r->buf_len = tail_len;
	r->buf_pos = 0;
	r->buf_offset = r->kept_offset + (int64_t)r->kept_tail;
	r->line = r->quote_line;
	r->prev_cr = 0;
	g_string_truncate(r->kept, 0);
	r->kept_rec = 0;
	r->quote_line = 0;
	return 1;
}

/* Trims a field [s, end) where *end is its NUL, as g_strstrip would (the
 * quoted spaces libcsv keeps go too), without moving it. */
static char *
trim(char *s, char *end)
{
	while (s < end && g_ascii_isspace(*s))
		s++;
	while (end > s && g_ascii_isspace(end[-1]))
		end--;
	*end = '\0';
	return s;
}

/* Points rec at the assembled fields, trimmed; 1 if it is not blank. */
static int
take_record(struct csv_reader *r)
{
	guint i;
	int blank = 1;

	r->complete = 0;
	r->in_record = 0;
	g_ptr_array_set_size(r->fields, 0);
	g_ptr_array_set_size(r->repaired, 0);
	for (i = 0; i < r->nstarts; i++) {
		size_t at = r->starts[i];
		size_t next = i + 1 < r->nstarts ? r->starts[i + 1] : r->arena->len;
		char *t = trim(r->arena->str + at, r->arena->str + next - 1);

		/* a cell a spreadsheet was kept from running ("'=x", as lia
		 * rejects --format csv writes it) is read as it was ("=x") */
		if (t[0] == '\'' && t[1] != '\0' && strchr("=+-@\t\r", t[1]) != NULL)
			t++;

		if (r->bad[0] != '\0' && !g_utf8_validate(t, -1, NULL)) {
			t = g_utf8_make_valid(t, -1);
			g_ptr_array_add(r->repaired, t);
		}
		g_ptr_array_add(r->fields, t);
		if (*t != '\0')
			blank = 0;
	}
	if (r->bad[0] != '\0')
		blank = 0;
	/* A blank record leaves nothing behind in the arena. */
	if (blank && r->nstarts > 0)
		g_string_truncate(r->arena, r->starts[0]);
	r->nstarts = 0;
	r->rec.fields = (char **)r->fields->pdata;
	r->rec.nfields = (int)r->fields->len;
	r->rec.line = r->rec_line;
	r->rec.bad = r->bad[0] ? r->bad : NULL;
	return !blank;
}

/* The parsing loop, on the parsing thread: the next non-blank record. */
static int
parse_next(struct csv_reader *r, struct csv_record **out, struct lia_err *err)
{
	r->err = err;
	for (;;) {
		const char *s, *end, *nl;
		size_t avail;

		if (r->complete) {
			if (take_record(r)) {
				*out = &r->rec;
				return 1;
			}
			continue;
		}
		if (r->finished)
			return 0;
		if (r->buf_pos >= r->buf_len) {
			if (fill(r) != 0)
				goto fatal;
			if (r->buf_len == 0) {
				/* End of input: a last line without a terminator. */
				if (r->pending->len > 0) {
					if (feed_line(r, r->pending->str, r->pending->len,
					    r->pending_offset, 1) != 0)
						goto fatal;
					g_string_truncate(r->pending, 0);
				}
				switch (unterminated_quote(r)) {
				case 1:
					continue;
				case -1:
					goto fatal;
				default:
					break;
				}
				r->finished = 1;
				if (csv_fini(&r->parser, on_field, on_record, r) != 0) {
					lia_err_at(err, NULL, r->rec_line, "CSV parse error at end of file");
					goto fatal;
				}
				continue;
			}
		}
		s = r->buf + r->buf_pos;
		avail = r->buf_len - r->buf_pos;
		/* An LF right after a CR that ended the last line belongs to it. */
		if (r->prev_cr && r->pending->len == 0 && s[0] == '\n') {
			r->prev_cr = 0;
			if (feed_line(r, s, 1, r->buf_offset + (int64_t)r->buf_pos, 0) != 0)
				goto fatal;
			r->buf_pos++;
			continue;
		}
		r->prev_cr = 0;
		/* Find the end of this physical line. */
		end = s + avail;
		nl = memchr(s, '\n', avail);
		if (nl == NULL)
			nl = end;
		{
			const char *cr = memchr(s, '\r', (size_t)(nl - s));

			if (cr != NULL)
				nl = cr;
		}
		if (nl == end) {
			if (r->pending->len == 0)
				r->pending_offset = r->buf_offset + (int64_t)r->buf_pos;
			g_string_append_len(r->pending, s, (gssize)avail);
			r->buf_pos = r->buf_len;
			if (r->pending->len > CSVR_MAX_RECORD) {
				lia_err_at(err, NULL, r->line + 1,
				    "line longer than %d bytes (is this a CSV file?)", CSVR_MAX_RECORD);
				goto fatal;
			}
			continue;
		}
		if (*nl == '\r') {
			if (nl + 1 < end && nl[1] == '\n')
				nl++;
			else if (nl + 1 == end)
				r->prev_cr = 1;	/* the LF may start the next block */
		}
		nl++;
		if (r->pending->len > 0) {
			g_string_append_len(r->pending, s, nl - s);
			if (feed_line(r, r->pending->str, r->pending->len, r->pending_offset, 1) != 0)
				goto fatal;
			g_string_truncate(r->pending, 0);
		} else if (feed_line(r, s, (size_t)(nl - s), r->buf_offset + (int64_t)r->buf_pos, 1) != 0) {
			goto fatal;
		}
		r->buf_pos += (size_t)(nl - s);
	}
fatal:
	r->fatal = 1;
	r->finished = 1;
	return -1;
}

/* ---- the hand-over between the parsing thread and the consumer ---------- */

/* An emptied batch for the parsing thread: a used one if the consumer has
 * given one back (no new memory, no page faults), else a new one. */
static struct batch *batch_new(void);

static struct batch *
batch_get(struct csv_reader *r)
{
	struct batch *b = r->spare ? g_async_queue_try_pop(r->spare) : NULL;

	if (b == NULL)
		return batch_new();
	g_string_truncate(b->arena, 0);
	g_array_set_size(b->offsets, 0);
	g_array_set_size(b->recs, 0);
	b->last = b->failed = 0;
	return b;
}

static struct batch *
batch_new(void)
{
	struct batch *b = g_new0(struct batch, 1);

	b->arena = g_string_sized_new(64 * 1024);
	b->offsets = g_array_sized_new(FALSE, FALSE, sizeof(gsize), BATCH_RECORDS * 8);
	b->recs = g_array_sized_new(FALSE, FALSE, sizeof(struct rec_meta), BATCH_RECORDS);
	return b;
}

/* A full batch's arena moves no more: its field offsets become the
 * pointers the consumer hands out as they are. */
G_STATIC_ASSERT(sizeof(gsize) == sizeof(char *));

static void
seal(struct batch *b)
{
	gsize *off = (gsize *)(void *)b->offsets->data;
	char **ptr = (char **)(void *)b->offsets->data;
	guint i;

	for (i = 0; i < b->offsets->len; i++)
		ptr[i] = b->arena->str + off[i];
}

/* Hands a parsed batch on to be numbered, waiting while too many are in
 * flight.  0, or -1 when the consumer is closing (the batch is then freed;
 * the last batch is handed on whatever happens, so the numbering thread
 * always ends). */
static int
push(struct csv_reader *r, struct batch *b)
{
	int stopped;

	g_mutex_lock(&r->lock);
	while (r->in_flight >= MAX_IN_FLIGHT && !r->stop)
		g_cond_wait(&r->room, &r->lock);
	if (!(stopped = r->stop)) {
		r->in_flight++;
		r->bytes_pushed = r->bytes_seen;
	}
	g_mutex_unlock(&r->lock);
	if (stopped && !b->last) {
		batch_free(b);
		return -1;
	}
	g_async_queue_push(r->parsed, b);
	return stopped ? -1 : 0;
}

/* A pseudonym is a keyed hash: its first bytes are already a good hash. */
static guint
person_hash(const void *p)
{
	guint h;

	memcpy(&h, p, sizeof h);
	return h;
}

static guint
tuple_hash(const void *p)
{
	const gint32 *part = p;
	guint h = 0;
	int i;

	for (i = 0; i < CSVR_MAX_TUPLE; i++)
		h = (h ^ (guint)part[i]) * 0x9E3779B1u;
	return h ^ (h >> 16);
}

static void
numbers_init(struct numbers *t, size_t key_size)
{
	t->key_size = key_size;
	t->blocks = g_ptr_array_new_with_free_func(g_free);
	t->count = 0;
	t->mask = 1023;
	t->slots = g_new0(guint64, t->mask + 1);
}

static void
numbers_fini(struct numbers *t)
{
	if (t->blocks != NULL)
		g_ptr_array_free(t->blocks, TRUE);
	g_free(t->slots);
}

static const void *
numbers_key(const struct numbers *t, guint32 number)
{
	return (const char *)g_ptr_array_index(t->blocks, number / NUM_BLOCK) +
	    (size_t)(number % NUM_BLOCK) * t->key_size;
}

/* Doubles the slots (at three quarters full) and puts every number back. */
static void
numbers_grow(struct numbers *t)
{
	guint64 *old = t->slots;
	guint32 mask = t->mask * 2 + 1, i;

	t->slots = g_new0(guint64, mask + 1);
	for (i = 0; i <= t->mask; i++) {
		guint32 at = (guint32)(old[i] >> 32) & mask;

		if (old[i] == 0)
			continue;
		while (t->slots[at] != 0)
			at = (at + 1) & mask;
		t->slots[at] = old[i];
	}
	t->mask = mask;
	g_free(old);
}

/* Asks for the slot where a key of hash h is looked for first. */
static void
numbers_prefetch(const struct numbers *t, guint32 h)
{
	__builtin_prefetch(&t->slots[h & t->mask]);
}

/* Asks for the key that slot holds, if its hash is h. */
static void
numbers_prefetch_key(const struct numbers *t, guint32 h)
{
	guint64 slot = t->slots[h & t->mask];

	if (slot != 0 && (guint32)(slot >> 32) == h)
		__builtin_prefetch(numbers_key(t, (guint32)slot - 1));
}

/* The number of a key of hash h: the one it was given, or the next. */
static gint32
numbers_get(struct numbers *t, const void *key, guint32 h)
{
	guint32 at = h & t->mask, n;
	char *slot;

	while (t->slots[at] != 0) {
		n = (guint32)t->slots[at];
		if ((guint32)(t->slots[at] >> 32) == h &&
		    memcmp(numbers_key(t, n - 1), key, t->key_size) == 0)
			return (gint32)(n - 1);
		at = (at + 1) & t->mask;
	}
	if (t->count / NUM_BLOCK >= t->blocks->len)
		g_ptr_array_add(t->blocks, g_malloc(NUM_BLOCK * t->key_size));
	slot = (char *)g_ptr_array_index(t->blocks, t->count / NUM_BLOCK) +
	    (size_t)(t->count % NUM_BLOCK) * t->key_size;
	memcpy(slot, key, t->key_size);
	t->slots[at] = (guint64)h << 32 | ++t->count;
	if (t->count > (t->mask + 1) / 4 * 3)
		numbers_grow(t);
	return (gint32)(t->count - 1);
}

static struct numbering *
numbering_new(void)
{
	struct numbering *n = g_new0(struct numbering, 1);
	int k;

	for (k = 0; k < CSVR_MAX_KEYS; k++)
		n->values[k] = g_hash_table_new(g_str_hash, g_str_equal);
	n->text = g_string_chunk_new(4096);
	numbers_init(&n->people, IMP_DIGEST_LEN);
	numbers_init(&n->tuples, CSVR_MAX_TUPLE * sizeof(gint32));
	return n;
}

static void
numbering_free(struct numbering *n)
{
	int k;

	if (n == NULL)
		return;
	for (k = 0; k < CSVR_MAX_KEYS; k++)
		g_hash_table_destroy(n->values[k]);
	g_string_chunk_free(n->text);
	numbers_fini(&n->people);
	numbers_fini(&n->tuples);
	g_free(n);
}

/* The number of a numbered column's value; -1 when it is empty or the
 * column has had CSVR_KEY_VALUES values already. */
static gint32
value_number(struct numbering *n, int k, const char *v)
{
	gpointer found;
	gint32 number;

	const char *kept;

	if (*v == '\0')
		return -1;
	/* most columns repeat the row before: sessions come in runs */
	if (n->last[k] != NULL && strcmp(n->last[k], v) == 0)
		return n->last_number[k];
	if (g_hash_table_lookup_extended(n->values[k], v, (gpointer *)&kept, &found)) {
		number = GPOINTER_TO_INT(found) - 1;
	} else {
		number = (gint32)g_hash_table_size(n->values[k]);
		if (number >= CSVR_KEY_VALUES)
			return -1;
		kept = g_string_chunk_insert(n->text, v);
		g_hash_table_insert(n->values[k], (gpointer)kept, GINT_TO_POINTER(number + 1));
	}
	n->last[k] = kept;
	n->last_number[k] = number;
	return number;
}

/*
 * Numbers a record on this thread: each numbered column's value, their
 * tuple, and its person: the pseudonym of its e-mail, else of its id.  The
 * HMAC and the lookups are most of the cost of knowing what a row refers
 * to; done here, beside the parsing, the loading thread looks each number
 * up in an array.
 */
static void
number_record(struct numbering *n, struct batch *b, struct rec_meta *m,
    const struct csvr_keys *keys)
{
	/* (the batch is not sealed yet: its fields are offsets into the arena,
	 * which grows only at the end, by the pseudonym) */
	const gsize *at = &g_array_index(b->offsets, gsize, m->first);
	const char *arena = b->arena->str;
	int nfields = (int)m->nfields;
	const char *email = keys->email_col >= 0 && keys->email_col < nfields ?
	    arena + at[keys->email_col] : "";
	const char *id = keys->id_col >= 0 && keys->id_col < nfields ?
	    arena + at[keys->id_col] : "";
	unsigned char digest[IMP_DIGEST_LEN];
	gint32 part[CSVR_MAX_TUPLE];
	int k;

	if (m->bad >= 0)
		return;
	for (k = 0; k < keys->ncols; k++) {
		int col = keys->cols[k], u = keys->unless[k] - 1;

		m->key[k] = -1;
		if (col < 0 || col >= nfields || (u >= 0 && m->key[u] >= 0))
			continue;
		m->key[k] = value_number(n, k, arena + at[col]);
	}
	if (keys->ntuple > 0) {
		memset(part, 0, sizeof part);
		for (k = 0; k < keys->ntuple; k++) {
			int col = keys->cols[keys->tuple[k]];

			int u = keys->unless[keys->tuple[k]] - 1;

			part[k] = m->key[keys->tuple[k]];
			if (part[k] < 0 && col >= 0 && col < nfields &&
			    arena[at[col]] != '\0' && (u < 0 || m->key[u] < 0))
				break;	/* a value past the column's limit */
		}
		if (k == keys->ntuple)
			m->tuple = NUMBER_LATER;
	}
	if (keys->hmac == NULL || imp_pseudonym_digest(keys->hmac, email, id, digest) != 0)
		return;
	m->person = NUMBER_LATER;
	/* (the record's fields are not used after the arena grows) */
	m->digest = (gssize)b->arena->len;
	g_string_append_len(b->arena, (const char *)digest, sizeof digest);
}

/*
 * The tuples and people of a batch's records, numbered together before the
 * batch is handed on: their tables are larger than the caches (a booking
 * export's 100,000 sessions and 125,000 people are scattered over every
 * row), so each record's slots, and then the keys they hold, are asked for
 * a whole batch ahead of the lookups, in file order as ever.
 */
static void
number_batch(struct numbering *n, struct batch *b, const struct csvr_keys *keys)
{
	guint32 th[BATCH_RECORDS], ph[BATCH_RECORDS];
	gint32 parts[BATCH_RECORDS][CSVR_MAX_TUPLE];
	const char *arena = b->arena->str;
	guint i, len = b->recs->len;
	int k;

	g_assert(len <= BATCH_RECORDS);
	for (i = 0; i < len; i++) {
		struct rec_meta *m = &g_array_index(b->recs, struct rec_meta, i);

		if (m->tuple == NUMBER_LATER) {
			memset(parts[i], 0, sizeof parts[i]);
			for (k = 0; k < keys->ntuple; k++)
				parts[i][k] = m->key[keys->tuple[k]];
			numbers_prefetch(&n->tuples, th[i] = tuple_hash(parts[i]));
		}
		if (m->person == NUMBER_LATER)
			numbers_prefetch(&n->people, ph[i] = person_hash(arena + m->digest));
	}
	for (i = 0; i < len; i++) {
		struct rec_meta *m = &g_array_index(b->recs, struct rec_meta, i);

		if (m->tuple == NUMBER_LATER)
			numbers_prefetch_key(&n->tuples, th[i]);
		if (m->person == NUMBER_LATER)
			numbers_prefetch_key(&n->people, ph[i]);
	}
	for (i = 0; i < len; i++) {
		struct rec_meta *m = &g_array_index(b->recs, struct rec_meta, i);

		if (m->tuple == NUMBER_LATER)
			m->tuple = numbers_get(&n->tuples, parts[i], th[i]);
		if (m->person == NUMBER_LATER)
			m->person = numbers_get(&n->people, arena + m->digest, ph[i]);
	}
}

static void
add_record(struct batch *b, const struct csv_record *rec)
{
	struct rec_meta m = { rec->line, b->offsets->len, (guint)rec->nfields, -1, -1, -1, -1,
	    { 0 } };
	const char *arena = b->arena->str;
	gsize *at;
	int i;

	/* The fields are in the batch's arena already: their offsets, taken
	 * before anything is added to it.  A field repaired for bad UTF-8 is
	 * the exception, and is copied in after. */
	g_array_set_size(b->offsets, m.first + (guint)rec->nfields);
	at = &g_array_index(b->offsets, gsize, m.first);
	for (i = 0; i < rec->nfields; i++) {
		const char *f = rec->fields[i];

		at[i] = f >= arena && f < arena + b->arena->len ? (gsize)(f - arena) : G_MAXSIZE;
	}
	for (i = 0; i < rec->nfields; i++)
		if (at[i] == G_MAXSIZE) {
			at[i] = b->arena->len;
			g_string_append_len(b->arena, rec->fields[i],
			    (gssize)strlen(rec->fields[i]) + 1);
		}
	if (rec->bad != NULL) {
		m.bad = (gssize)b->arena->len;
		g_string_append_len(b->arena, rec->bad, (gssize)strlen(rec->bad) + 1);
	}
	memset(m.key, 0xff, sizeof m.key);	/* -1: numbered later, or not */
	g_array_append_val(b->recs, m);
}

/*
 * Two threads read the file: this one parses it into batches of records;
 * the numbering thread (number_thread) numbers each batch's values, tuples
 * and people, in file order, and hands it to the consumer.  Numbering is
 * about as much work as parsing, so the two share what the loading thread
 * leaves of the machine.
 */
static gpointer
parse_thread(gpointer data)
{
	struct csv_reader *r = data;
	struct batch *b = batch_get(r);
	struct csv_record *rec;
	int got;

	r->arena = b->arena;

	lia_err_clear(&r->thread_err);
	while ((got = parse_next(r, &rec, &r->thread_err)) == 1) {
		add_record(b, rec);
		if (b->recs->len >= BATCH_RECORDS || b->arena->len >= 1024 * 1024) {
			if (push(r, b) != 0) {
				/* closing: the numbering thread's last batch */
				b = batch_new();
				b->last = 1;
				push(r, b);
				return NULL;
			}
			b = batch_get(r);
			r->arena = b->arena;
		}
	}
	if (got < 0) {
		b->failed = 1;
		b->err = r->thread_err;
	} else {
		sha_finish(r);
	}
	b->last = 1;
	push(r, b);
	return NULL;
}

/* Numbers the batches as they come (once csvr_set_keys has given the
 * columns, from a batch's start), seals them and queues them. */
static gpointer
number_thread(gpointer data)
{
	struct csv_reader *r = data;
	struct csvr_keys keys;
	int have_keys = 0, last;

	do {
		struct batch *b = g_async_queue_pop(r->parsed);
		guint i;

		last = b->last;
		if (!have_keys) {
			g_mutex_lock(&r->lock);
			if ((have_keys = r->keys_set))
				keys = r->keys;
			g_mutex_unlock(&r->lock);
			if (have_keys)
				r->numbering = numbering_new();
		}
		if (have_keys) {
			for (i = 0; i < b->recs->len; i++)
				number_record(r->numbering, b,
				    &g_array_index(b->recs, struct rec_meta, i), &keys);
			number_batch(r->numbering, b, &keys);
		}
		seal(b);
		g_async_queue_push(r->queue, b);
	} while (!last);
	/* Every record is numbered: the numbers' tables are not needed now. */
	numbering_free(r->numbering);
	r->numbering = NULL;
	return NULL;
}

static void
sha_finish(struct csv_reader *r)
{
	unsigned char digest[SHA256_DIGEST_SIZE];

	sha256_digest(&r->sha, sizeof digest, digest);
	imp_hex(digest, sizeof digest, r->sha_hex);
}

/* Reads the first record on the caller's thread, as a batch of one. */
static void
first_record(struct csv_reader *r)
{
	struct batch *b = batch_new();
	struct csv_record *rec;
	int got;

	r->arena = b->arena;
	lia_err_clear(&r->thread_err);
	got = parse_next(r, &rec, &r->thread_err);
	if (got == 1) {
		add_record(b, rec);
	} else {
		b->last = 1;
		if (got < 0) {
			b->failed = 1;
			b->err = r->thread_err;
		} else {
			sha_finish(r);
		}
	}
	seal(b);
	r->current = b;
	r->next_rec = 0;
}

static int
start_thread(struct csv_reader *r)
{
	r->queue = g_async_queue_new();
	r->parsed = g_async_queue_new();
	r->spare = g_async_queue_new();
	r->thread = g_thread_new("csv", parse_thread, r);
	r->numberer = g_thread_new("csv-number", number_thread, r);
	return 0;
}

int
csvr_next(struct csv_reader *r, struct csv_record **out, struct lia_err *err)
{
	struct rec_meta *m;

	for (;;) {
		if (r->current != NULL && r->next_rec < r->current->recs->len)
			break;
		if (r->current != NULL && r->current->last) {
			if (r->current->failed) {
				*err = r->current->err;
				return -1;
			}
			r->done = 1;
			return 0;
		}
		if (r->current != NULL && r->spare != NULL)
			g_async_queue_push(r->spare, r->current);
		else
			batch_free(r->current);
		r->current = NULL;
		/* The first record (the header) was read on the caller's thread,
		 * so that csvr_set_key can come before any row is read. */
		if (r->thread == NULL)
			start_thread(r);
		r->current = g_async_queue_pop(r->queue);
		r->next_rec = 0;
		g_mutex_lock(&r->lock);
		r->in_flight--;
		g_cond_signal(&r->room);
		g_mutex_unlock(&r->lock);
	}
	m = &g_array_index(r->current->recs, struct rec_meta, r->next_rec++);
	r->out.fields = (char **)(void *)r->current->offsets->data + m->first;
	r->out.nfields = (int)m->nfields;
	r->out.line = m->line;
	r->out.bad = m->bad >= 0 ? r->current->arena->str + m->bad : NULL;
	r->out.digest = m->digest >= 0 ?
	    (const unsigned char *)r->current->arena->str + m->digest : NULL;
	r->out.person = m->person;
	r->out.tuple = m->tuple;
	r->out.key = m->key;
	*out = &r->out;
	return 1;
}

void
csvr_set_keys(struct csv_reader *r, const struct csvr_keys *keys)
{
	g_mutex_lock(&r->lock);
	r->keys = *keys;
	r->keys_set = 1;
	g_mutex_unlock(&r->lock);
}
