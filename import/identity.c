/*
 * identity: the keyed pseudonyms that stand for people.  A practitioner or a
 * survey respondent is stored only as HMAC-SHA-256 (Nettle) of the trimmed,
 * lower-cased e-mail, or else of the trimmed id, under the database's random
 * key: the same person gets the same pseudonym in every file of one
 * database, and nobody without the key can test a guess.
 */
#include <ctype.h>
#include <string.h>

#include <nettle/hmac.h>

#include "import/internal.h"

static int
is_token(const char *s)
{
	size_t i;

	if (strncmp(s, "lia:", 4) != 0 || strlen(s) != 4 + IMP_PKEY_LEN)
		return 0;
	for (i = 4; s[i]; i++)
		if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return 0;
	return 1;
}

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

int
imp_pseudonym_with(const struct imp_hmac *base, const char *email, const char *id,
    char *out)
{
	char *norm = NULL;
	struct hmac_sha256_ctx h;
	unsigned char digest[SHA256_DIGEST_SIZE];

	if (email != NULL && *email != '\0') {
		char *t = g_strstrip(g_strdup(email));
		if (is_token(t)) {
			memcpy(out, t + 4, IMP_PKEY_LEN + 1);
			g_free(t);
			return 0;
		}
		norm = g_utf8_strdown(t, -1);
		g_free(t);
	} else if (id != NULL && *id != '\0') {
		norm = g_strstrip(g_strdup(id));
		if (is_token(norm)) {
			memcpy(out, norm + 4, IMP_PKEY_LEN + 1);
			g_free(norm);
			return 0;
		}
	}
	if (norm == NULL || *norm == '\0') {
		g_free(norm);
		return -1;
	}
	/* A copy of the keyed state: the key's two blocks are hashed once. */
	h = base->ctx;
	hmac_sha256_update(&h, strlen(norm), (const uint8_t *)norm);
	hmac_sha256_digest(&h, sizeof digest, digest);
	imp_hex(digest, sizeof digest, out);
	g_free(norm);
	return 0;
}
