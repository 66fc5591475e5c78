/*
 * Unit tests for the files lia reads and writes (core/file.h): a small file
 * read whole; a bigger one, a device that never ends and a directory
 * refused with a message; an output file that appears under its name only
 * when committed, mode 0600 less the umask, the previous one untouched by
 * an abort, and no temporary file left either way.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "core/file.h"

static char *dir;

static int
setup(void **state)
{
	(void)state;
	dir = g_dir_make_tmp("lia-test-file-XXXXXX", NULL);
	return dir == NULL;
}

static int
teardown(void **state)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	(void)state;
	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(dir, name, NULL);
		g_unlink(p);
		g_free(p);
	}
	if (d != NULL)
		g_dir_close(d);
	g_rmdir(dir);
	g_free(dir);
	return 0;
}

static int
entries(void)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	int n = 0;

	while (g_dir_read_name(d) != NULL)
		n++;
	g_dir_close(d);
	return n;
}

static void
test_read(void **state)
{
	char *path = g_build_filename(dir, "small.txt", NULL), *text;
	struct lia_err err;
	size_t len = 99;

	(void)state;
	assert_true(g_file_set_contents(path, "coverage = 80%\n", -1, NULL));
	text = lia_file_read(path, 64, &len, &err);
	assert_non_null(text);
	assert_string_equal(text, "coverage = 80%\n");
	assert_int_equal(len, 15);
	g_free(text);
	/* exactly the bound is read; one byte more is refused */
	assert_non_null(text = lia_file_read(path, 15, NULL, &err));
	g_free(text);
	lia_err_clear(&err);
	assert_null(lia_file_read(path, 14, NULL, &err));
	assert_string_equal(err.file, path);
	assert_non_null(strstr(err.msg, "larger than 14 bytes"));
	/* a device that never ends: refused after max + 1 bytes */
	assert_null(lia_file_read("/dev/zero", 1 << 16, NULL, &err));
	assert_non_null(strstr(err.msg, "larger than 65536 bytes"));
	/* a directory, a missing file */
	assert_null(lia_file_read(dir, 1 << 16, NULL, &err));
	assert_non_null(strstr(err.msg, "Is a directory"));
	assert_null(lia_file_read("no/such/file", 1 << 16, NULL, &err));
	assert_non_null(strstr(err.msg, "No such file"));
	g_unlink(path);
	g_free(path);
}

static void
test_out(void **state)
{
	char *path = g_build_filename(dir, "out.csv", NULL), *text = NULL;
	struct lia_out o;
	struct lia_err err;
	struct stat st;
	mode_t mask;

	(void)state;
	mask = umask(022);
	assert_int_equal(lia_out_open(&o, path, &err), 0);
	fputs("agency,attendances\n", o.fp);
	/* nothing under the name until it is committed */
	assert_int_not_equal(access(path, F_OK), 0);
	assert_int_equal(entries(), 1);
	assert_int_equal(lia_out_commit(&o, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(entries(), 1);
	/* an abort leaves the committed file as it was, and no temporary */
	assert_int_equal(lia_out_open(&o, path, &err), 0);
	fputs("half", o.fp);
	lia_out_abort(&o);
	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	assert_string_equal(text, "agency,attendances\n");
	g_free(text);
	assert_int_equal(entries(), 1);
	/* a stricter umask wins */
	umask(0277);
	assert_int_equal(lia_out_open(&o, path, &err), 0);
	assert_int_equal(lia_out_commit(&o, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0400);
	umask(mask);
	/* a folder that does not exist */
	assert_int_equal(lia_out_open(&o, "no/such/folder/x.csv", &err), -1);
	assert_non_null(strstr(err.msg, "no/such/folder/x.csv"));
	g_unlink(path);
	g_free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_out),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
