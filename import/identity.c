/*
 * identity: the keyed pseudonyms that stand for people.  A practitioner or a
 * survey respondent is stored only as HMAC-SHA-256 (Nettle) of the trimmed,
 * lower-cased e-mail, or else of the trimmed id, under the database's random
 * key: the same person gets the same pseudonym in every file of one
 * database, and nobody without the key can test a guess.
 */
#include <string.h>

#include <nettle/hmac.h>

#include "import/internal.h"

/* Nettle's HMAC-SHA-256 (with the processor's SHA instructions where it
 * has them): the keyed state is a plain struct, copied for each use. */
struct imp_hmac {
	struct hmac_sha256_ctx ctx;
};

struct imp_hmac *
imp_hmac_new(const unsigned char key[DB_KEY_LEN])
{
	struct imp_hmac *h = g_new0(struct imp_hmac, 1);

	hmac_sha256_set_key(&h->ctx, DB_KEY_LEN, key);
	return h;
}

void
imp_hex(const unsigned char *digest, size_t len, char *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[2 * len] = '\0';
}

int
imp_pseudonym(const unsigned char key[DB_KEY_LEN], const char *email, const char *id,
    char *out)
{
	struct imp_hmac *base = imp_hmac_new(key);
	int rc = imp_pseudonym_with(base, email, id, out);

	g_free(base);
	return rc;
}

/* Reads a "lia:<hex>" token's 32 bytes; -1 if s is not one. */
static int
token_digest(const char *s, size_t len, unsigned char out[IMP_DIGEST_LEN])
{
	size_t i;

	if (len != 4 + IMP_PKEY_LEN || strncmp(s, "lia:", 4) != 0)
		return -1;
	for (i = 0; i < IMP_DIGEST_LEN; i++) {
		int hi = g_ascii_xdigit_value(s[4 + 2 * i]), lo = g_ascii_xdigit_value(s[5 + 2 * i]);

		if (hi < 0 || lo < 0 || g_ascii_isupper(s[4 + 2 * i]) || g_ascii_isupper(s[5 + 2 * i]))
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

int
imp_pseudonym_digest(const struct imp_hmac *base, const char *email, const char *id,
    unsigned char out[IMP_DIGEST_LEN])
{
	const char *text = email != NULL && *email != '\0' ? email : id;
	const char *end;
	char small[256], *norm = NULL;
	size_t len, i;
	struct sha256_ctx h;
	uint8_t inner[SHA256_DIGEST_SIZE];

	if (text == NULL)
		return -1;
	/* Trimmed as g_strstrip trims, without copying. */
	while (g_ascii_isspace(*text))
		text++;
	end = text + strlen(text);
	while (end > text && g_ascii_isspace(end[-1]))
		end--;
	/* A spreadsheet's link ("mailto:ann@x.example", Face-to-face's export)
	 * is the same person as the address. */
	if (text != id && end - text > 7 && g_ascii_strncasecmp(text, "mailto:", 7) == 0)
		text += 7;
	len = (size_t)(end - text);
	if (len == 0)
		return -1;
	if (token_digest(text, len, out) == 0)
		return 0;
	if (email != NULL && *email != '\0') {
		/* Lower case: plain ASCII here, anything else through
		 * g_utf8_strdown (which gives the same for ASCII). */
		for (i = 0; i < len && (unsigned char)text[i] < 0x80; i++)
			;
		if (i == len && len < sizeof small) {
			for (i = 0; i < len; i++)
				small[i] = text[i] >= 'A' && text[i] <= 'Z' ? (char)(text[i] + 32) : text[i];
			text = small;
		} else {
			norm = g_utf8_strdown(text, (gssize)len);
			text = norm;
			len = strlen(norm);
		}
	}
	/* HMAC from the key's inner and outer SHA-256 states, hashed once
	 * (nettle's HMAC_CTX): H(outer, H(inner, text)), copying only them. */
	h = base->ctx.inner;
	sha256_update(&h, len, (const uint8_t *)text);
	sha256_digest(&h, SHA256_DIGEST_SIZE, inner);
	h = base->ctx.outer;
	sha256_update(&h, sizeof inner, inner);
	sha256_digest(&h, IMP_DIGEST_LEN, out);
	g_free(norm);
	return 0;
}

int
imp_pseudonym_with(const struct imp_hmac *base, const char *email, const char *id,
    char *out)
{
	unsigned char digest[IMP_DIGEST_LEN];

	if (imp_pseudonym_digest(base, email, id, digest) != 0)
		return -1;
	imp_hex(digest, sizeof digest, out);
	return 0;
}
