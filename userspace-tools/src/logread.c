// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl - the logs log and allow --from-log read
 *
 * Without a FILE: the audit log ($MODGUARD_AUDIT_LOG, default
 * /var/log/audit/audit.log); when it does not exist, the kernel's ring
 * buffer ($MODGUARD_KMSG, default /dev/kmsg). FILEs (or "-") are read
 * one after the other, each decompressed when it is gzip, xz or zstd (a
 * rotated log.gz); each line is read as logparse.c says: the audit log,
 * ausearch's output (--raw or -i), audisp's syslog lines, kernel log
 * text. The records are those of docs/audit.md; a damaged one is
 * skipped with a warning.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "decompress.h"
#include "log.h"
#include "util.h"

/* /dev/kmsg gives one record per read(2) and EAGAIN at the end. */
static int read_kmsg(const char *path, unsigned char **data, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	unsigned char *buf, *p;
	ssize_t r;
	int fd;

	*data = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	buf = malloc(cap);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		if (cap - n < 8192 + 1) {
			p = realloc(buf, cap * 2);
			if (!p) {
				free(buf);
				close(fd);
				return -ENOMEM;
			}
			buf = p;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && (errno == EINTR || errno == EPIPE))
			continue;	/* EPIPE: records were overwritten */
		if (r < 0 && errno == EAGAIN)
			break;
		if (r < 0) {
			int err = -errno;

			free(buf);
			close(fd);
			return err;
		}
		if (r == 0)
			break;
		n += r;
	}
	close(fd);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

/* A damaged record: said on stderr, not shown. */
static void skipped(const struct mg_log_walk *w, unsigned long line, int type,
		    const char *why)
{
	mg_err("warning: %s:%lu: damaged %d record skipped: %s", w->source,
	       line, type, why);
}

/*
 * One log: read (and decompressed, for a rotated log.gz), then its
 * records walked. Returns 0, MG_EXIT_FAILED after a message, or -1
 * when the callback stopped the walk.
 */
static int read_one(const char *path, bool kmsg, size_t max,
		    struct mg_log_walk *w)
{
	unsigned char *data = NULL, *plain;
	unsigned long lines = w->lines, audit = w->audit;
	enum mg_compression comp;
	const char *why;
	size_t len, plain_len;
	int err;

	err = kmsg ? read_kmsg(path, &data, &len) :
		     mg_read_input(path, max, &data, &len);
	if (err) {
		mg_err("cannot read %s: %s%s", path,
		       err == -EFBIG ? "larger than --max-size" : strerror(-err),
		       err == -EACCES || err == -EPERM ? " (reading it needs root)" : "");
		return MG_EXIT_FAILED;
	}
	comp = kmsg ? MG_COMP_NONE : mg_compression_of(data, len);
	if (comp != MG_COMP_NONE) {
		err = mg_decompress(comp, data, len, max, &plain,
				    &plain_len, &why);
		free(data);
		if (err) {
			mg_err("%s: %s: %s", path, mg_compression_name(comp),
			       err == -EINVAL ? why : err == -EFBIG ?
			       "more than --max-size decompressed" :
			       strerror(-err));
			return MG_EXIT_FAILED;
		}
		data = plain;
		len = plain_len;
	}
	w->source = path;
	err = mg_log_parse((char *)data, len, w);
	free(data);
	if (err < 0) {
		mg_err("%s: %s", path, strerror(ENOMEM));
		return MG_EXIT_FAILED;
	}
	if (err)
		return -1;
	/* The kernel log of a quiet host has no audit record: not an error. */
	if (!kmsg && w->lines > lines && w->audit == audit) {
		mg_err("%s: no audit record recognised in %lu line%s (an audit log, ausearch --raw or -i output, audisp syslog lines or a kernel log are read)",
		       path, w->lines - lines, w->lines - lines == 1 ? "" : "s");
		return MG_EXIT_FAILED;
	}
	return MG_EXIT_OK;
}

/**
 * mg_log_read_files() - Read the logs a command names, and walk their
 * records.
 * @files: Files, "-" for standard input; gzip, xz or zstd compressed
 *         ones (rotated logs) are decompressed.
 * @n: How many; 0 for the system's log: the audit log, or the kernel
 *     log when there is no audit log.
 * @max: Refuse a log of more bytes, or that decompresses to more.
 * @cb: Called per whole record, file after file.
 * @arg: Passed to @cb.
 *
 * Damaged records are skipped with a warning each and a count at the
 * end, on stderr.
 *
 * Return: 0; MG_EXIT_FAILED after a message when a log could not be
 * read, held lines but no audit record, or had damaged records.
 */
int mg_log_read_files(char *const *files, int n, size_t max, mg_log_cb cb,
		      void *arg)
{
	struct mg_log_walk w = { .cb = cb, .skip = skipped, .arg = arg };
	int status = MG_EXIT_OK, ret = 0, i;
	const char *path;
	bool kmsg = false;

	if (!n) {
		path = getenv("MODGUARD_AUDIT_LOG");
		if (!path || !*path)
			path = AUDIT_LOG_DEFAULT;
		if (access(path, F_OK) && errno == ENOENT) {
			path = getenv("MODGUARD_KMSG");
			if (!path || !*path)
				path = KMSG_DEFAULT;
			kmsg = true;
		}
		ret = read_one(path, kmsg, max, &w);
		if (ret > 0)
			status = ret;
	}
	/* Each log in turn, whatever went wrong with one before. */
	for (i = 0; i < n && ret >= 0; i++) {
		ret = read_one(files[i], false, max, &w);
		if (ret > 0)
			status = ret;
	}
	if (w.skipped) {
		mg_err("warning: %lu damaged record%s skipped", w.skipped,
		       w.skipped == 1 ? "" : "s");
		status = MG_EXIT_FAILED;
	}
	return status;
}

/**
 * mg_log_read() - Read the log a command names, and walk its records.
 * @file: A file, "-", or NULL for the system's logs.
 * @max: As for mg_log_read_files().
 * @cb: Called per record.
 * @arg: Passed to @cb.
 * @source: Set to what was read, for messages.
 *
 * Return: as mg_log_read_files().
 */
int mg_log_read(const char *file, size_t max, mg_log_cb cb, void *arg,
		const char **source)
{
	char *files[] = { (char *)file };

	*source = file ? file : "the system's log";
	return mg_log_read_files(files, file ? 1 : 0, max, cb, arg);
}

