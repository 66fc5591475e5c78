/*
 * libFuzzer target for the CSV reader (import/csvread.c): the first byte
 * chooses the delimiter (detected, ',', ';', tab, '|') and the encoding
 * (as found, Latin-1, Windows-1252); the rest is the file.  Whatever the
 * bytes, csvr_next must give records of valid UTF-8 fields, lines that
 * never go back, a clean error (a message) or the end, and the file's
 * SHA-256 at the end; never a crash (AddressSanitizer and UBSan).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delimiters[] = { 0, ',', ';', '\t', '|' };
	static const enum imp_encoding encodings[] = {
		IMP_ENC_AUTO, IMP_ENC_LATIN1, IMP_ENC_CP1252
	};
	struct csvr_opts o = { 0, IMP_ENC_AUTO, 0 };
	struct csv_reader *r;
	struct csv_record *rec;
	struct lia_err err;
	char sha[65];
	long line = 0;
	int rc, i;

	if (size < 1)
		return 0;
	o.delimiter = delimiters[data[0] % 5];
	o.encoding = encodings[(data[0] / 5) % 3];
	lia_err_clear(&err);
	if ((r = csvr_open_mem(data + 1, size - 1, &o, &err)) == NULL) {
		if (err.msg[0] == '\0')
			abort();
		return 0;
	}
	while ((rc = csvr_next(r, &rec, &err)) == 1) {
		if (rec->nfields < 1 || rec->line < 1 || rec->line < line)
			abort();
		line = rec->line;
		for (i = 0; i < rec->nfields; i++)
			if (rec->fields[i] == NULL || !g_utf8_validate(rec->fields[i], -1, NULL))
				abort();
	}
	if (rc == 0 && csvr_sha256(r, sha) != 0)
		abort();
	if (rc < 0 && err.msg[0] == '\0')
		abort();
	csvr_close(r);
	return 0;
}
