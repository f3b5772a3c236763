// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl - messages, reading whole files, writing JSON strings and hex
 */

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define READ_CHUNK (64 * 1024)

/**
 * mg_err() - Print "modguardctl: <message>" on stderr.
 * @fmt: printf format of the message, without the trailing newline.
 */
void mg_err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", MG_PROG);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/**
 * mg_read_fd() - Read everything from a file descriptor, up to a cap.
 * @fd: Open descriptor; read until end of file, not closed.
 * @max: Refuse more than this many bytes (SIZE_MAX: no cap but memory).
 * @data: Set to a malloc()ed buffer, always NUL-terminated after @len
 *        bytes (so text files can be used as strings); free() it.
 * @len: Set to the number of bytes read; 0 for an empty file.
 *
 * Handles short reads (pipes, sysfs) and EINTR; the buffer grows as
 * needed, starting from the file size when the descriptor has one. A
 * regular file larger than @max is refused before any is read; anything
 * else (a pipe, /dev/zero) is read until it goes past @max.
 *
 * Return: 0, or a negative errno value (*@data is then NULL): -EFBIG
 * when there is more than @max.
 */
int mg_read_fd(int fd, size_t max, unsigned char **data, size_t *len)
{
	unsigned char *buf, *p;
	size_t cap = READ_CHUNK;
	size_t n = 0;
	struct stat st;
	ssize_t r;

	*data = NULL;
	*len = 0;
	if (max > SIZE_MAX / 2 - 2)
		max = SIZE_MAX / 2 - 2;

	/* A hint only: sysfs files report 4096, pipes 0, files may grow. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		if ((uintmax_t)st.st_size > max)
			return -EFBIG;
		cap = (size_t)st.st_size + 2;	/* EOF probe and NUL */
	}
	/* One byte past @max tells that there is more; one for the NUL. */
	if (cap > max + 2)
		cap = max + 2;

	buf = malloc(cap);
	if (!buf)
		return -ENOMEM;

	for (;;) {
		/* Keep one byte for the terminating NUL. */
		if (cap - n - 1 == 0) {
			size_t more = cap > (max + 2) / 2 ? max + 2 : cap * 2;

			if (more <= cap) {
				free(buf);
				return -EFBIG;
			}
			p = realloc(buf, more);
			if (!p) {
				free(buf);
				return -ENOMEM;
			}
			buf = p;
			cap = more;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0) {
			int err = -errno;

			if (err == -EINTR)
				continue;
			free(buf);
			return err;
		}
		if (r == 0)
			break;
		n += r;
		if (n > max) {
			free(buf);
			return -EFBIG;
		}
	}

	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

/* Open @path and read it whole, up to @max bytes. */
static int read_path(const char *path, size_t max, unsigned char **data,
		     size_t *len)
{
	int fd, err;

	*data = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	err = mg_read_fd(fd, max, data, len);
	close(fd);
	return err;
}

/**
 * mg_read_file() - Read a whole file of the system (sysfs, /proc, ...).
 * @path: The file; "-" is not special here.
 * @data: As for mg_read_fd().
 * @len: As for mg_read_fd().
 *
 * Return: 0, or a negative errno value.
 */
int mg_read_file(const char *path, unsigned char **data, size_t *len)
{
	return read_path(path, MG_SYSTEM_FILE_MAX, data, len);
}

/**
 * mg_read_input() - Read a whole file named on the command line.
 * @file: The file; "-" is standard input.
 * @max: Refuse more than this many bytes (-EFBIG).
 * @data: As for mg_read_fd().
 * @len: As for mg_read_fd().
 *
 * Return: 0, or a negative errno value.
 */
int mg_read_input(const char *file, size_t max, unsigned char **data,
		  size_t *len)
{
	if (strcmp(file, "-") == 0)
		return mg_read_fd(STDIN_FILENO, max, data, len);
	return read_path(file, max, data, len);
}

/**
 * mg_parse_size() - A --max-size argument.
 * @s: "64K", "512M", "1G" or a number of bytes.
 *
 * Return: the size, or 0 when @s is none of those (or 0).
 */
size_t mg_parse_size(const char *s)
{
	uintmax_t v;
	char *end;
	int shift = 0;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoumax(s, &end, 10);
	if (errno)
		return 0;
	if (*end == 'K' || *end == 'k')
		shift = 10;
	else if (*end == 'M' || *end == 'm')
		shift = 20;
	else if (*end == 'G' || *end == 'g')
		shift = 30;
	if (shift)
		end++;
	if (*end || v > (SIZE_MAX >> shift))
		return 0;
	return (size_t)v << shift;
}

/**
 * mg_chomp() - Strip trailing white space (the newline of a sysfs value).
 * @s: NUL-terminated string, changed in place.
 */
void mg_chomp(char *s)
{
	size_t n = strlen(s);

	while (n && strchr(" \t\r\n", s[n - 1]))
		s[--n] = '\0';
}

/*
 * Length of the UTF-8 sequence at @s; *@valid tells whether it is
 * well-formed (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF). An ill-formed sequence is as long as its maximal subpart,
 * which becomes one U+FFFD, as in the WHATWG decoder and Python's.
 */
static size_t utf8_seq(const unsigned char *s, bool *valid)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	*valid = s[0] < 0x80;
	if (*valid)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 1;

	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;

	/* A NUL terminator fails the range check, so we never read past it. */
	for (i = 1; i < n; i++) {
		if (s[i] < lo || s[i] > hi)
			return i;
		lo = 0x80;
		hi = 0xbf;
	}
	*valid = true;
	return n;
}

/**
 * mg_json_string() - Write @s as a JSON string, quotes included.
 * @f: Output stream.
 * @s: NUL-terminated bytes, e.g. a file name.
 *
 * File names are bytes, JSON text is UTF-8: well-formed UTF-8 is copied,
 * ill-formed sequences are written as U+FFFD, so the output always parses.
 */
void mg_json_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	bool valid;
	size_t n;

	fputc('"', f);
	while (*p) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20) {
				fprintf(f, "\\u%04x", *p);
				break;
			}
			n = utf8_seq(p, &valid);
			if (valid)
				fwrite(p, 1, n, f);
			else
				fputs("\\ufffd", f);
			p += n - 1;
			break;
		}
		p++;
	}
	fputc('"', f);
}

/**
 * mg_json_opt() - Write @s as a JSON string, or null when it is absent.
 * @f: Output stream.
 * @s: NUL-terminated bytes; NULL or "?" (what the text output prints for
 *     an absent value) is absent.
 */
void mg_json_opt(FILE *f, const char *s)
{
	if (!s || !strcmp(s, "?"))
		fputs("null", f);
	else
		mg_json_string(f, s);
}

/**
 * mg_file_escaped() - Whether a text line names @file escaped, as
 * sha256sum does: a name with a newline or a backslash is, and its line
 * starts with a backslash, so that one line stays one file.
 * @file: The name.
 *
 * Return: true when mg_print_file() escapes it.
 */
bool mg_file_escaped(const char *file)
{
	return strpbrk(file, "\\\n");
}

/**
 * mg_print_file() - A file name in a text line: newline and backslash as
 * \n and \\ when mg_file_escaped(), as they are.
 * @file: The name.
 */
void mg_print_file(const char *file)
{
	const char *p;

	if (!mg_file_escaped(file)) {
		fputs(file, stdout);
		return;
	}
	for (p = file; *p; p++) {
		if (*p == '\n')
			fputs("\\n", stdout);
		else if (*p == '\\')
			fputs("\\\\", stdout);
		else
			putchar(*p);
	}
}

/**
 * mg_hex() - Lowercase hex of bytes.
 * @b: The bytes.
 * @n: How many.
 * @hex: Receives 2 * @n digits and a NUL.
 */
void mg_hex(const u8 *b, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[b[i] >> 4];
		hex[2 * i + 1] = digits[b[i] & 15];
	}
	hex[2 * n] = '\0';
}
