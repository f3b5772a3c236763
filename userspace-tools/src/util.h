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

void mg_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int mg_read_fd(int fd, unsigned char **data, size_t *len);
int mg_read_file(const char *path, unsigned char **data, size_t *len);
int mg_read_input(const char *file, unsigned char **data, size_t *len);
void mg_chomp(char *s);
void mg_json_string(FILE *f, const char *s);
void mg_json_opt(FILE *f, const char *s);
void mg_hex(const u8 *b, size_t n, char *hex);

#endif /* _MODGUARDCTL_UTIL_H */
