/*
 * file: bounded reads of small files and atomic output files (see
 * file.h).  The temporary file is made by mkstemp beside the target
 * (".NAME.XXXXXX" in the same folder, so that rename is atomic) and its
 * mode set to 0600 less the umask's bits.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "core/file.h"

char *
lia_file_read(const char *path, size_t max, size_t *len, struct lia_err *err)
{
	FILE *fp = fopen(path, "rb");
	GString *g;
	char buf[8192];
	size_t n;

	if (fp == NULL) {
		lia_err_at(err, path, 0, "cannot read: %s", strerror(errno));
		return NULL;
	}
	g = g_string_new(NULL);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0 && g->len <= max)
		g_string_append_len(g, buf, (gssize)n);
	if (ferror(fp)) {
		lia_err_at(err, path, 0, "cannot read: %s", strerror(errno));
		goto fail;
	}
	if (g->len > max) {
		lia_err_at(err, path, 0, "larger than %zu bytes: is it the right file?", max);
		goto fail;
	}
	fclose(fp);
	if (len != NULL)
		*len = g->len;
	return g_string_free(g, FALSE);
fail:
	fclose(fp);
	g_string_free(g, TRUE);
	return NULL;
}

static void
out_clear(struct lia_out *o)
{
	g_free(o->path);
	g_free(o->tmp);
	o->fp = NULL;
	o->path = o->tmp = NULL;
}

int
lia_out_open(struct lia_out *o, const char *path, struct lia_err *err)
{
	char *dir, *base;
	mode_t mask;
	int fd;

	memset(o, 0, sizeof *o);
	if (path == NULL || *path == '\0')
		return lia_err_set(err, "no output file named");
	dir = g_path_get_dirname(path);
	base = g_path_get_basename(path);
	o->tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
	g_free(dir);
	g_free(base);
	if ((fd = mkstemp(o->tmp)) < 0) {
		lia_err_set(err, "%s: %s", path, strerror(errno));
		out_clear(o);
		return -1;
	}
	mask = umask(077);
	umask(mask);
	if (fchmod(fd, 0600 & ~mask) != 0 || (o->fp = fdopen(fd, "wb")) == NULL) {
		lia_err_set(err, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		out_clear(o);
		return -1;
	}
	o->path = g_strdup(path);
	return 0;
}

int
lia_out_commit(struct lia_out *o, struct lia_err *err)
{
	int bad, e = 0;

	if (o->fp == NULL)
		return lia_err_set(err, "no output file open");
	bad = fflush(o->fp) != 0 || ferror(o->fp);
	if (bad)
		e = errno;
	if (!bad && fsync(fileno(o->fp)) != 0) {
		bad = 1;
		e = errno;
	}
	if (fclose(o->fp) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	o->fp = NULL;
	if (!bad && rename(o->tmp, o->path) != 0) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		lia_err_set(err, "%s: %s", o->path, e ? strerror(e) : "write error");
		unlink(o->tmp);
		out_clear(o);
		return -1;
	}
	out_clear(o);
	return 0;
}

void
lia_out_abort(struct lia_out *o)
{
	if (o->fp)
		fclose(o->fp);
	if (o->tmp)
		unlink(o->tmp);
	out_clear(o);
}
