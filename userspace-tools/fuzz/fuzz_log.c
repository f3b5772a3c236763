// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the audit record reader of modguardctl log
 * (src/logparse.c) on arbitrary bytes, as an audit log (libauparse on
 * the text) and as kernel log text (the line rewriting, then libauparse).
 *
 * ASan and UBSan catch memory errors in the rewriting and the field
 * decoding; the checks catch a record that breaks the contract in log.h:
 * a known type, an op= field, fields that are NUL-terminated strings,
 * an event name from the documented list.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "check.h"

static int record(const struct mg_log_rec *r, void *arg)
{
	const char *ev = mg_log_event(r);
	size_t *n = arg;
	int i;

	CHECK(r->type == MG_AUDIT_DECISION || r->type == MG_AUDIT_CONFIG);
	CHECK(r->f[MG_LF_OP]);
	CHECK(r->ms < 1000);
	for (i = 0; i < __MG_LF_MAX; i++)
		if (r->f[i])
			CHECK(strlen(r->f[i]) < (size_t)-1);
	CHECK(!strcmp(ev, "deny") || !strcmp(ev, "would-deny") ||
	      !strcmp(ev, "allow") || !strcmp(ev, "config"));
	(*n)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0;
	char *text;

	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (mg_log_is_audit(text))
		CHECK(mg_log_parse_audit(text, record, &n) >= 0);
	CHECK(mg_log_parse_kernel(text, size, record, &n) >= 0);
	free(text);
	return 0;
}
