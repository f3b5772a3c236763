// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the audit record reader of modguardctl log
 * (src/logparse.c) on arbitrary bytes: the line splitting, the three
 * record headers (audit log, ausearch -i, kernel log), the field
 * splitting, decoding and checking.
 *
 * ASan and UBSan catch memory errors; the checks catch a record that
 * breaks the contract in log.h: a known type, an op= field, fields that
 * are NUL-terminated strings, an event name from the documented list,
 * and counts that add up (every record and damaged record is on an
 * audit line, every audit line is a line that is not blank).
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
	int i;

	(void)arg;
	CHECK(r->type == MODGUARD_AUDIT_DECISION || r->type == MODGUARD_AUDIT_CONFIG);
	CHECK(r->f[MG_LF_OP]);
	CHECK(r->ms < 1000);
	for (i = 0; i < __MG_LF_MAX; i++)
		if (r->f[i])
			CHECK(strlen(r->f[i]) < (size_t)-1);
	CHECK(!strcmp(ev, "deny") || !strcmp(ev, "would-deny") ||
	      !strcmp(ev, "allow") || !strcmp(ev, "config"));
	if (r->type == MODGUARD_AUDIT_DECISION)
		CHECK(r->f[MG_LF_REASON] && r->f[MG_LF_ACTION]);
	return 0;
}

static void skipped(const struct mg_log_walk *w, unsigned long line,
		    int type, const char *why)
{
	(void)w;
	CHECK(line > 0);
	CHECK(type == MODGUARD_AUDIT_DECISION || type == MODGUARD_AUDIT_CONFIG);
	CHECK(why[0]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mg_log_walk w = { .cb = record, .skip = skipped };

	/* Not NUL-terminated, as a decompressed log is not. */
	CHECK(mg_log_parse((const char *)data, size, &w) == 0);
	CHECK(w.records + w.skipped <= w.audit);
	CHECK(w.audit <= w.lines);
	return 0;
}
