/*
 * The replay of a fuzz target without libFuzzer, for `make test` (and so
 * under the sanitizers of `make check-asan` and gcc alike): linked with
 * one tests/fuzz/fuzz_*.c, it feeds LLVMFuzzerTestOneInput each file of
 * the target's seed corpus (made by tests/fuzz/seed.sh from the fixtures)
 * and of tests/fuzz/regress/TARGET, the inputs that once crashed it, and
 * prints a TAP line per folder.  A crash or a broken invariant (the
 * targets abort) fails the program.  Arguments, when given, are the files
 * or folders to replay instead.  Run from the top of the tree.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifndef FUZZ_NAME
#define FUZZ_NAME "fuzz"
#endif
#ifndef FUZZ_SEEDS
#define FUZZ_SEEDS "build/fuzz-seeds/" FUZZ_NAME
#endif

static int
replay_file(const char *path)
{
	gchar *data = NULL;
	gsize len = 0;
	GError *gerr = NULL;

	if (!g_file_get_contents(path, &data, &len, &gerr)) {
		printf("not ok - %s: %s\n", path, gerr->message);
		g_error_free(gerr);
		return -1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	g_free(data);
	return 0;
}

static gint
by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays every file of a folder, or a file; -1 when it cannot be read or
 * holds nothing (a corpus that is missing tests nothing). */
static int
replay(const char *path, int may_be_empty)
{
	GPtrArray *names;
	const char *name;
	GDir *dir;
	guint i;
	int rc = 0;

	if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
		if (replay_file(path) != 0)
			return -1;
		printf("ok - %s: %s replayed\n", FUZZ_NAME, path);
		return 0;
	}
	if ((dir = g_dir_open(path, 0, NULL)) == NULL) {
		printf("not ok - %s: cannot open %s\n", FUZZ_NAME, path);
		return -1;
	}
	names = g_ptr_array_new_with_free_func(g_free);
	while ((name = g_dir_read_name(dir)) != NULL)
		g_ptr_array_add(names, g_build_filename(path, name, NULL));
	g_dir_close(dir);
	g_ptr_array_sort(names, by_name);
	for (i = 0; i < names->len && rc == 0; i++)
		rc = replay_file(g_ptr_array_index(names, i));
	if (rc == 0 && names->len == 0 && !may_be_empty) {
		printf("not ok - %s: %s is empty\n", FUZZ_NAME, path);
		rc = -1;
	} else if (rc == 0) {
		printf("ok - %s: %u inputs of %s replayed\n", FUZZ_NAME, names->len, path);
	}
	g_ptr_array_free(names, TRUE);
	return rc;
}

int
main(int argc, char **argv)
{
	int i, failed = 0;

	if (argc > 1) {
		for (i = 1; i < argc; i++)
			failed |= replay(argv[i], 0) != 0;
		return failed;
	}
	failed |= replay(FUZZ_SEEDS, 0) != 0;
	if (g_file_test("tests/fuzz/regress/" FUZZ_NAME, G_FILE_TEST_IS_DIR))
		failed |= replay("tests/fuzz/regress/" FUZZ_NAME, 1) != 0;
	return failed;
}
