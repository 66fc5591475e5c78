/*
 * identity: the keyed pseudonyms that stand for people.  A practitioner or a
 * survey respondent is stored only as HMAC-SHA-256 (GLib) of the trimmed,
 * lower-cased e-mail, or else of the trimmed id, under the database's random
 * key: the same person gets the same pseudonym in every file of one
 * database, and nobody without the key can test a guess.
 */
#include <ctype.h>
#include <string.h>

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

GHmac *
imp_hmac_new(const unsigned char key[DB_KEY_LEN])
{
	return g_hmac_new(G_CHECKSUM_SHA256, key, DB_KEY_LEN);
}

int
imp_pseudonym(const unsigned char key[DB_KEY_LEN], const char *email, const char *id,
    char *out)
{
	GHmac *base = imp_hmac_new(key);
	int rc = imp_pseudonym_with(base, email, id, out);

	g_hmac_unref(base);
	return rc;
}

int
imp_pseudonym_with(const GHmac *base, const char *email, const char *id, char *out)
{
	char *norm = NULL;
	GHmac *h;

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
	h = g_hmac_copy(base);
	g_hmac_update(h, (const guchar *)norm, (gssize)strlen(norm));
	memcpy(out, g_hmac_get_string(h), IMP_PKEY_LEN + 1);
	g_hmac_unref(h);
	g_free(norm);
	return 0;
}
