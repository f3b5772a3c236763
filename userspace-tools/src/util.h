/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguardctl - messages, whole-file reads, JSON strings and hex: what
 * every file of the tool may call (util.c)
 */
#ifndef _MODGUARDCTL_UTIL_H
#define _MODGUARDCTL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "compat.h"

#define MG_PROG "modguardctl"

/*
 * The most read of one file: a module (and what it decompresses to,
 * --max-size's default: nvidia.ko, the largest module of a Debian host,
 * is about 160 MB), a kernel image or a log (certs, log), a file of the
 * system (sysfs, /proc, securityfs: a policy is at most 16 MiB).
 */
#define MG_MODULE_MAX		((size_t)256 << 20)
#define MG_IMAGE_MAX		((size_t)1 << 30)
#define MG_SYSTEM_FILE_MAX	((size_t)64 << 20)

void mg_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int mg_read_fd(int fd, size_t max, unsigned char **data, size_t *len);
int mg_read_file(const char *path, unsigned char **data, size_t *len);
int mg_read_input(const char *file, size_t max, unsigned char **data,
		  size_t *len);
size_t mg_parse_size(const char *s);
void mg_chomp(char *s);
void mg_json_string(FILE *f, const char *s);
void mg_json_opt(FILE *f, const char *s);
void mg_hex(const u8 *b, size_t n, char *hex);
bool mg_file_escaped(const char *file);
void mg_print_file(const char *file);

#endif /* _MODGUARDCTL_UTIL_H */
