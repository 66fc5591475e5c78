/*
 * A preload library for the crash and concurrency tests (tests/e2e/crash.sh,
 * tests/e2e/concurrent.sh): it counts the calls by which a program changes
 * files -- write, pwrite, fsync, fdatasync, ftruncate, rename, unlink, and
 * stdio's fwrite, fputs, fputc, putc, fprintf, vfprintf and fflush (whose
 * own writes libc makes internally, out of a preload's reach) -- and, at
 * the Nth, stops the program there, before the call is made:
 *   KILLAT_N=N         the call to stop at (1 is the first);
 *   KILLAT_SIGNAL=S    SIGKILL (9, the default) or SIGSTOP (19, to hold the
 *                      program mid-write while other programs run);
 *   KILLAT_LOG=FILE    each call counted, one line: "N call path" (the
 *                      file the descriptor is open on), to choose points.
 * Calls made on standard input, output and error are not counted, so the
 * count does not depend on what the program prints.  Linux only (it reads
 * /proc/self/fd); every call is passed on unchanged otherwise.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static atomic_long calls;
static long stop_at = -1;
static int stop_signal = SIGKILL;
static int log_fd = -1;
static ssize_t (*real_write)(int, const void *, size_t);

__attribute__((constructor)) static void
killat_init(void)
{
	const char *n = getenv("KILLAT_N"), *sig = getenv("KILLAT_SIGNAL");
	const char *log = getenv("KILLAT_LOG");

	real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (n != NULL && *n != '\0')
		stop_at = atol(n);
	if (sig != NULL && *sig != '\0')
		stop_signal = atoi(sig);
	if (log != NULL && *log != '\0')
		log_fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
}

/* Counts one call on fd (or on a path, fd < 0) and stops there if asked. */
static void
count(const char *call, int fd, const char *path)
{
	char target[512], line[700];
	long n;
	int len;

	if (fd >= 0 && fd <= 2)
		return;
	n = atomic_fetch_add(&calls, 1) + 1;
	if (log_fd >= 0 && real_write != NULL) {
		if (fd >= 0) {
			char link[64];
			ssize_t got;

			snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
			got = readlink(link, target, sizeof target - 1);
			target[got > 0 ? got : 0] = '\0';
			path = target;
		}
		len = snprintf(line, sizeof line, "%ld %s %s\n", n, call, path ? path : "");
		if (len > 0)
			real_write(log_fd, line, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
	}
	if (n == stop_at)
		kill(getpid(), stop_signal);
}

#define NEXT(type, name, args) \
	static type (*next) args; \
	if (next == NULL) \
		next = (type (*) args)dlsym(RTLD_NEXT, name)

ssize_t
write(int fd, const void *buf, size_t len)
{
	NEXT(ssize_t, "write", (int, const void *, size_t));
	count("write", fd, NULL);
	return next(fd, buf, len);
}

ssize_t
pwrite(int fd, const void *buf, size_t len, off_t off)
{
	NEXT(ssize_t, "pwrite", (int, const void *, size_t, off_t));
	count("pwrite", fd, NULL);
	return next(fd, buf, len, off);
}

ssize_t
pwrite64(int fd, const void *buf, size_t len, off_t off)
{
	NEXT(ssize_t, "pwrite64", (int, const void *, size_t, off_t));
	count("pwrite", fd, NULL);
	return next(fd, buf, len, off);
}

int
fsync(int fd)
{
	NEXT(int, "fsync", (int));
	count("fsync", fd, NULL);
	return next(fd);
}

int
fdatasync(int fd)
{
	NEXT(int, "fdatasync", (int));
	count("fdatasync", fd, NULL);
	return next(fd);
}

int
ftruncate(int fd, off_t len)
{
	NEXT(int, "ftruncate", (int, off_t));
	count("ftruncate", fd, NULL);
	return next(fd, len);
}

int
ftruncate64(int fd, off_t len)
{
	NEXT(int, "ftruncate64", (int, off_t));
	count("ftruncate", fd, NULL);
	return next(fd, len);
}

int
rename(const char *from, const char *to)
{
	NEXT(int, "rename", (const char *, const char *));
	count("rename", -1, to);
	return next(from, to);
}

int
unlink(const char *path)
{
	NEXT(int, "unlink", (const char *));
	count("unlink", -1, path);
	return next(path);
}

size_t
fwrite(const void *buf, size_t size, size_t n, FILE *fp)
{
	NEXT(size_t, "fwrite", (const void *, size_t, size_t, FILE *));
	count("fwrite", fileno(fp), NULL);
	return next(buf, size, n, fp);
}

int
fputs(const char *s, FILE *fp)
{
	NEXT(int, "fputs", (const char *, FILE *));
	count("fputs", fileno(fp), NULL);
	return next(s, fp);
}

int
fputc(int c, FILE *fp)
{
	NEXT(int, "fputc", (int, FILE *));
	count("fputc", fileno(fp), NULL);
	return next(c, fp);
}

int
putc(int c, FILE *fp)
{
	NEXT(int, "putc", (int, FILE *));
	count("putc", fileno(fp), NULL);
	return next(c, fp);
}

int
vfprintf(FILE *fp, const char *fmt, va_list ap)
{
	NEXT(int, "vfprintf", (FILE *, const char *, va_list));
	count("fprintf", fileno(fp), NULL);
	return next(fp, fmt, ap);
}

int
fprintf(FILE *fp, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfprintf(fp, fmt, ap);
	va_end(ap);
	return rc;
}

int
fflush(FILE *fp)
{
	NEXT(int, "fflush", (FILE *));
	if (fp != NULL)
		count("fflush", fileno(fp), NULL);
	return next(fp);
}
