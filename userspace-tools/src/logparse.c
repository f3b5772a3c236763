// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl - modguard's audit records in an audit log, ausearch's
 * output, syslog or the kernel log
 *
 * Read line by line. A line carries an audit record when it holds, at
 * its start or after a space, one of these headers:
 *
 *   type=UNKNOWN[1490] msg=audit(1796023337.760:26): FIELDS
 *	the audit log and ausearch --raw; also behind a prefix, as in the
 *	syslog lines of audisp's syslog plugin ("Dec  3 10:00:00 host
 *	audispd[102]: type=...") or with auditd's node name ("node=host
 *	type=...")
 *   type=UNKNOWN[1490] msg=audit(12/03/2026 10:00:00.760:26) : FIELDS
 *	ausearch -i: the time in local time, the date as %x prints it in
 *	the C (12/03/26) or en_US (12/03/2026) locale, the values unquoted,
 *	hex-decoded and interpreted
 *   type=1490 audit(1796023337.760:26): FIELDS
 *	the kernel log (dmesg, journalctl -k, /dev/kmsg), where the kernel
 *	prints the records when no audit daemon runs
 *
 * The fields of a record of type 1490 or 1491 are split and checked
 * against docs/audit.md (and docs/audit-regex.txt): a record with a
 * field missing, cut inside a quoted value, or with a value the kernel
 * does not write (reason=unsig) is damaged. It is reported as such and
 * never passed on, so no field is ever guessed. Values are taken as audit
 * writes them (audit_log_untrustedstring): "quoted", or hex when they
 * hold unusual bytes; "?" is absent. What follows auditd's ENRICHED
 * separator (0x1d), and fields of other names (UID=, AUID=: the
 * enrichment that audisp-syslog joins with a space), are left out.
 */

#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compat.h"
#include "log.h"
#include "reason.h"
#include "sigid.h"

static const char *const field_names[] = {
	[MG_LF_OP] = "op", [MG_LF_NAME] = "name", [MG_LF_PATH] = "path",
	[MG_LF_SIZE] = "size", [MG_LF_DIGEST] = "digest", [MG_LF_SIG] = "sig",
	[MG_LF_REASON] = "reason", [MG_LF_SIGNER] = "signer",
	[MG_LF_RULE] = "rule", [MG_LF_MODE] = "mode",
	[MG_LF_ACTION] = "action", [MG_LF_OLD] = "old", [MG_LF_NEW] = "new",
	[MG_LF_RULES] = "rules", [MG_LF_PID] = "pid", [MG_LF_UID] = "uid",
	[MG_LF_AUID] = "auid", [MG_LF_SES] = "ses", [MG_LF_COMM] = "comm",
	[MG_LF_EXE] = "exe", [MG_LF_RES] = "res",
};
static_assert(ARRAY_SIZE(field_names) == __MG_LF_MAX,
	      "one name per log field");

#define F(f) (1u << MG_LF_##f)
/* A decision has every one of its fields (docs/audit.md). */
#define DECISION_FIELDS (F(OP) | F(NAME) | F(PATH) | F(SIZE) | F(DIGEST) | \
			 F(SIG) | F(REASON) | F(SIGNER) | F(RULE) | F(MODE) | \
			 F(ACTION) | F(PID) | F(UID) | F(AUID) | F(SES) | \
			 F(COMM) | F(EXE))
#define CONFIG_FIELDS (F(OP) | F(OLD) | F(NEW) | F(DIGEST) | F(RULES) | \
		       F(PID) | F(UID) | F(AUID) | F(SES) | F(COMM) | F(EXE) | \
		       F(RES))
/* Only op=policy has these. */
#define POLICY_FIELDS (F(DIGEST) | F(RULES))
/* The fields the kernel may write as "?". */
#define MAY_BE_ABSENT (F(NAME) | F(PATH) | F(DIGEST) | F(SIG) | F(SIGNER) | \
		       F(RULE) | F(EXE) | F(OLD) | F(NEW))
/* Fields audit_log_untrustedstring() writes: quoted, or hex. */
#define UNTRUSTED (F(NAME) | F(PATH) | F(COMM) | F(EXE))

static const char *const decision_ops[] = {
	"finit_module", "init_module", "kexec_load", "kexec_file_load",
};
static const char *const config_ops[] = {
	"mode", "lock", "audit_allow", "key_add", "policy",
};

#define DIGITS "0123456789"
#define HEX DIGITS "abcdefABCDEF"

/* What a field's value must look like, and how a warning names it. */
enum syntax { S_ANY, S_NUMBER, S_ID, S_HEX, S_DIGEST, S_REASON, S_RULE,
	      S_MODE, S_ACTION, S_WORD, S_RES };

static const unsigned char field_syntax[] = {
	[MG_LF_OP] = S_ANY, [MG_LF_NAME] = S_ANY, [MG_LF_PATH] = S_ANY,
	[MG_LF_SIZE] = S_NUMBER, [MG_LF_DIGEST] = S_DIGEST,
	[MG_LF_SIG] = S_REASON, [MG_LF_REASON] = S_REASON,
	[MG_LF_SIGNER] = S_HEX, [MG_LF_RULE] = S_RULE, [MG_LF_MODE] = S_MODE,
	[MG_LF_ACTION] = S_ACTION, [MG_LF_OLD] = S_WORD, [MG_LF_NEW] = S_WORD,
	[MG_LF_RULES] = S_NUMBER, [MG_LF_PID] = S_NUMBER, [MG_LF_UID] = S_ID,
	[MG_LF_AUID] = S_ID, [MG_LF_SES] = S_ID, [MG_LF_COMM] = S_ANY,
	[MG_LF_EXE] = S_ANY, [MG_LF_RES] = S_RES,
};
static_assert(ARRAY_SIZE(field_syntax) == __MG_LF_MAX,
	      "one syntax per log field");

static const char *const syntax_names[] = {
	[S_ANY] = "a value", [S_NUMBER] = "a number", [S_ID] = "a number",
	[S_HEX] = "hex", [S_DIGEST] = "a sha256 digest",
	[S_REASON] = "a reason (docs/reasons.md)",
	[S_RULE] = "a policy rule (KIND:LINE)",
	[S_MODE] = "enforcing or permissive", [S_ACTION] = "allow or deny",
	[S_WORD] = "a value the kernel writes", [S_RES] = "0 or 1",
};

/* One record being read. */
struct rec {
	struct mg_log_rec r;
	unsigned int have;	/* fields seen, "?" ones included */
	unsigned int lost;	/* fields ausearch -i made unreadable */
	bool interp;		/* ausearch -i output */
	bool nomem;
	char why[160];		/* what is wrong, when damaged */
};

const char *mg_log_field_name(enum mg_log_field f)
{
	return (unsigned int)f < __MG_LF_MAX ? field_names[f] : "?";
}

/* Say what is wrong with the record (printable ASCII only); false. */
static bool __attribute__((format(printf, 2, 3)))
bad(struct rec *x, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	vsnprintf(x->why, sizeof(x->why), fmt, ap);
	va_end(ap);
	for (p = x->why; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
	return false;
}

static bool nomem(struct rec *x)
{
	x->nomem = true;
	return false;
}

/* @s is not empty and every byte of it is in @set. */
static bool all_of(const char *s, const char *set)
{
	return *s && !s[strspn(s, set)];
}

static bool one_of(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

static bool is_reason(const char *s)
{
	int i;

	for (i = 0; i < __MODGUARD_REASON_MAX; i++)
		if (!strcmp(s, modguard_reason_name(i)))
			return true;
	return false;
}

/* deny-name:4: a rule's kind (docs/policy.md) and its line. */
static bool is_rule(const char *s)
{
	static const char *const kinds[] = {
		"allow-digest", "deny-digest", "deny-name", "allow-signer",
		"deny-signer",
	};
	const char *colon = strchr(s, ':');
	size_t i;

	if (!colon)
		return false;
	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (strlen(kinds[i]) == (size_t)(colon - s) &&
		    !strncmp(s, kinds[i], colon - s))
			return all_of(colon + 1, DIGITS);
	return false;
}

static bool valid(enum syntax s, const char *v, bool interp)
{
	switch (s) {
	case S_NUMBER:
		return all_of(v, DIGITS);
	case S_ID:
		/* ausearch -i prints user names (uid=root). */
		return interp ? *v : all_of(v, DIGITS);
	case S_HEX:
		return all_of(v, HEX);
	case S_DIGEST:
		return strlen(v) == 64 && all_of(v, HEX);
	case S_REASON:
		return is_reason(v);
	case S_RULE:
		return is_rule(v);
	case S_MODE:
		return !strcmp(v, "enforcing") || !strcmp(v, "permissive");
	case S_ACTION:
		return !strcmp(v, "allow") || !strcmp(v, "deny");
	case S_WORD:
		return all_of(v, DIGITS "abcdefghijklmnopqrstuvwxyz_");
	case S_RES:
		return !strcmp(v, "0") || !strcmp(v, "1");
	default:
		return true;
	}
}

/* The field of @x's record type called @key (@n bytes), or -1. */
static int field_of(const struct rec *x, const char *key, size_t n)
{
	unsigned int set = x->r.type == MODGUARD_AUDIT_DECISION ? DECISION_FIELDS :
							      CONFIG_FIELDS;
	int i;

	for (i = 0; i < __MG_LF_MAX; i++)
		if ((set & (1u << i)) && strlen(field_names[i]) == n &&
		    !strncmp(key, field_names[i], n))
			return i;
	return -1;
}

/* A value as audit wrote it: "quoted", hex, or as it is. */
static char *raw_value(struct rec *x, int f, const char *v, size_t n)
{
	char *out;
	size_t i;

	if (v[0] == '"') {
		/* Quotes: audit_log_untrustedstring(), or an old rule=. */
		if (!((UNTRUSTED | F(RULE)) & (1u << f))) {
			bad(x, "%s= is quoted", field_names[f]);
			return NULL;
		}
		out = strndup(v + 1, n - 2);
	} else if (UNTRUSTED & (1u << f)) {
		for (i = 0; i < n; i++)
			if (modguard_hex_digit(v[i]) < 0)
				break;
		if (!n || n % 2 || i < n) {
			bad(x, "%s=%.*s is neither quoted nor hex",
			    field_names[f], n > 40 ? 40 : (int)n, v);
			return NULL;
		}
		out = malloc(n / 2 + 1);
		for (i = 0; out && i < n / 2; i++) {
			out[i] = (char)(modguard_hex_digit(v[2 * i]) << 4 |
					modguard_hex_digit(v[2 * i + 1]));
			/* An embedded NUL ends the string: the rest is not shown. */
		}
		if (out)
			out[n / 2] = '\0';
	} else {
		out = strndup(v, n);
	}
	if (!out)
		nomem(x);
	return out;
}

/* Keep the value of field @f: @v, @n bytes as the line has it. */
static bool set_field(struct rec *x, int f, const char *v, size_t n)
{
	char *out, *space;

	if (x->have & (1u << f))
		return bad(x, "%s= twice", field_names[f]);
	x->have |= 1u << f;
	if (n == 1 && v[0] == '?')
		return true;
	/*
	 * Kernels before rule=deny-name:4 wrote rule="deny name:4", which
	 * ausearch -i leaves quoted too: read it in today's form.
	 */
	if (x->interp && f == MG_LF_RULE && n >= 2 && v[0] == '"' &&
	    v[n - 1] == '"') {
		v++;
		n -= 2;
	}
	out = x->interp ? strndup(v, n) : raw_value(x, f, v, n);
	if (!out)
		return x->interp ? nomem(x) : false;
	if (f == MG_LF_RULE) {
		space = strchr(out, ' ');
		if (space)
			*space = '-';
	}
	x->r.f[f] = out;
	return true;
}

/* The fields of the audit log's format: key=value, key="value". */
static bool split_raw(struct rec *x, char *s)
{
	char *key, *v, *end;
	int f;

	/* auditd's ENRICHED format: its interpretations after 0x1d. */
	end = strchr(s, '\x1d');
	if (end)
		*end = '\0';
	for (;;) {
		s += strspn(s, " ");
		if (!*s)
			return true;
		key = s;
		s += strcspn(s, "= ");
		if (*s != '=')
			return bad(x, "'%.*s' is not a field (the record is cut short?)",
				   (int)(s - key > 40 ? 40 : s - key), key);
		v = ++s;
		if (*v == '"') {
			end = strchr(v + 1, '"');
			if (!end)
				return bad(x, "%.*s= ends inside its quotes (the record is cut short?)",
					   (int)(v - 1 - key), key);
			s = end + 1;
			if (*s && *s != ' ')
				return bad(x, "%.*s= has text after its closing quote",
					   (int)(v - 1 - key), key);
		} else {
			s += strcspn(s, " ");
		}
		f = field_of(x, key, v - 1 - key);
		if (f >= 0 && !set_field(x, f, v, s - v))
			return false;
	}
}

/*
 * ausearch -i's fields: values unquoted, so a value with spaces runs on
 * to the next word that starts with one of the record's field names.
 */
static bool split_interp(struct rec *x, char *s)
{
	char *word, *eq, *v = NULL, *vend = NULL;
	int f = -1, next;

	for (;;) {
		s += strspn(s, " ");
		if (!*s)
			break;
		word = s;
		s += strcspn(s, " ");
		eq = memchr(word, '=', s - word);
		next = eq ? field_of(x, word, eq - word) : -1;
		if (next < 0) {
			if (f < 0)
				return bad(x, "'%.*s' is not a field",
					   (int)(s - word > 40 ? 40 : s - word),
					   word);
			vend = s;
			continue;
		}
		if (f >= 0 && !set_field(x, f, v, vend - v))
			return false;
		f = next;
		v = eq + 1;
		vend = s;
	}
	return f < 0 || set_field(x, f, v, vend - v);
}

static bool replace(struct rec *x, int f, const char *v)
{
	char *s = strdup(v);

	if (!s)
		return nomem(x);
	free(x->r.f[f]);
	x->r.f[f] = s;
	return true;
}

/*
 * ausearch -i's interpretations, back to what the kernel wrote where
 * that can be told for sure; mode= (read as a file mode, "000,000") and
 * sig= (read as a signal, "SIG0") cannot, and are left out.
 */
static bool uninterpret(struct rec *x)
{
	char **f = x->r.f, *v;
	size_t n;

	if (f[MG_LF_MODE] && !valid(S_MODE, f[MG_LF_MODE], true)) {
		free(f[MG_LF_MODE]);
		f[MG_LF_MODE] = NULL;
		x->lost |= F(MODE);
	}
	if (f[MG_LF_SIG] && !is_reason(f[MG_LF_SIG])) {
		free(f[MG_LF_SIG]);
		f[MG_LF_SIG] = NULL;
		x->lost |= F(SIG);
	}
	v = f[MG_LF_ACTION];
	n = v ? strlen(v) : 0;
	if (n > 16 && !strncmp(v, "unknown-action(", 15) && v[n - 1] == ')') {
		memmove(v, v + 15, n - 16);
		v[n - 16] = '\0';
	}
	v = f[MG_LF_RES];
	if (v && (!strcmp(v, "yes") || !strcmp(v, "success"))) {
		if (!replace(x, MG_LF_RES, "1"))
			return false;
	} else if (v && (!strcmp(v, "no") || !strcmp(v, "failed"))) {
		if (!replace(x, MG_LF_RES, "0"))
			return false;
	}
	/* (unsigned int)-1: no login uid, no session. */
	if (f[MG_LF_AUID] && !strcmp(f[MG_LF_AUID], "unset") &&
	    !replace(x, MG_LF_AUID, "4294967295"))
		return false;
	if (f[MG_LF_SES] && !strcmp(f[MG_LF_SES], "unset") &&
	    !replace(x, MG_LF_SES, "4294967295"))
		return false;
	return true;
}

/* Whether the record has its fields, each as the kernel writes it. */
static bool check(struct rec *x)
{
	bool decision = x->r.type == MODGUARD_AUDIT_DECISION;
	const char *op = x->r.f[MG_LF_OP], *v;
	unsigned int need, bit;
	int i;

	if (!op)
		return bad(x, "no op= field");
	if (decision ? !one_of(op, decision_ops, ARRAY_SIZE(decision_ops)) :
		       !one_of(op, config_ops, ARRAY_SIZE(config_ops)))
		return bad(x, "op=%.40s is not an operation modguard logs", op);
	need = decision ? DECISION_FIELDS : CONFIG_FIELDS & ~POLICY_FIELDS;
	if (!decision && !strcmp(op, "policy"))
		need |= POLICY_FIELDS;
	for (i = 0; i < __MG_LF_MAX; i++) {
		bit = 1u << i;
		v = x->r.f[i];
		if ((need & bit) && !(x->have & bit))
			return bad(x, "no %s= field (the record is cut short?)",
				   field_names[i]);
		if (!(x->have & bit))
			continue;
		if (!v && !((MAY_BE_ABSENT | x->lost) & bit))
			return bad(x, "%s=? where the kernel always writes a value",
				   field_names[i]);
		if (v && !valid(field_syntax[i], v, x->interp))
			return bad(x, "%s=%.40s is not %s", field_names[i], v,
				   syntax_names[field_syntax[i]]);
	}
	return true;
}

/*
 * Up to @max decimal digits at *@s, at least one; *@s moves past them.
 * *@n is how many there were.
 */
static bool number(const char **s, int max, unsigned long long *v, int *n)
{
	const char *p = *s;

	*v = 0;
	for (*n = 0; *n < max && *p >= '0' && *p <= '9'; (*n)++, p++)
		*v = *v * 10 + (*p - '0');
	*s = p;
	return *n > 0 && !(*p >= '0' && *p <= '9');
}

static bool expect(const char **s, char c)
{
	return *(*s)++ == c;
}

/* SEC.MSC:SERIAL, as the kernel writes it. */
static bool epoch_time(const char *s, struct mg_log_rec *r)
{
	unsigned long long sec, ms, serial;
	int n;

	if (!number(&s, 12, &sec, &n) || !expect(&s, '.') ||
	    !number(&s, 3, &ms, &n) || n != 3 || !expect(&s, ':') ||
	    !number(&s, 10, &serial, &n) || *s)
		return false;
	r->sec = (long long)sec;
	r->ms = (unsigned int)ms;
	r->serial = (unsigned long)serial;
	return true;
}

/* ausearch -i: MM/DD/YY[YY] HH:MM:SS.MSC:SERIAL, in local time. */
static bool local_time(const char *s, struct mg_log_rec *r)
{
	unsigned long long mon, day, year, h, m, sec, ms, serial;
	struct tm tm = { 0 };
	time_t t;
	int n, ny;

	if (!number(&s, 2, &mon, &n) || !expect(&s, '/') ||
	    !number(&s, 2, &day, &n) || !expect(&s, '/') ||
	    !number(&s, 4, &year, &ny) || (ny != 2 && ny != 4) ||
	    !expect(&s, ' ') || !number(&s, 2, &h, &n) || !expect(&s, ':') ||
	    !number(&s, 2, &m, &n) || !expect(&s, ':') ||
	    !number(&s, 2, &sec, &n) || !expect(&s, '.') ||
	    !number(&s, 3, &ms, &n) || n != 3 || !expect(&s, ':') ||
	    !number(&s, 10, &serial, &n) || *s)
		return false;
	if (mon < 1 || mon > 12 || day < 1 || day > 31 || h > 23 || m > 59 ||
	    sec > 60)
		return false;
	/* %y as strptime() reads it: 69-99 are 1969-1999. */
	if (ny == 2)
		year += year < 69 ? 2000 : 1900;
	tm.tm_year = (int)year - 1900;
	tm.tm_mon = (int)mon - 1;
	tm.tm_mday = (int)day;
	tm.tm_hour = (int)h;
	tm.tm_min = (int)m;
	tm.tm_sec = (int)sec;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1)
		return false;
	r->sec = (long long)t;
	r->ms = (unsigned int)ms;
	r->serial = (unsigned long)serial;
	return true;
}

enum header { NO_HEADER, HEADER, BAD_HEADER };

static bool modguard_type(long type)
{
	return type == MODGUARD_AUDIT_DECISION || type == MODGUARD_AUDIT_CONFIG;
}

/*
 * The header of an audit record at @p, "type=" at the start of a line
 * or after a space: sets the record's type (0 for a type other than
 * modguard's), time and serial, whether it is ausearch -i output, and
 * *@fields to where the fields start. BAD_HEADER: a record of
 * modguard's type whose header is damaged.
 */
static enum header header_at(char *p, struct rec *x, char **fields)
{
	char *t = p + 5, *e, *close, *time;
	bool numeric = false;
	long type = 0;

	if (!strncmp(t, "UNKNOWN[", 8)) {
		t += 8;
		type = strtol(t, &e, 10);
		if (e == t || *e != ']' || t[0] < '0' || t[0] > '9')
			return NO_HEADER;
		e++;
	} else if (*t >= '0' && *t <= '9') {
		type = strtol(t, &e, 10);
		numeric = true;
	} else {
		e = t + strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789");
		if (e == t)
			return NO_HEADER;
	}
	x->r.type = modguard_type(type) ? (int)type : 0;
	if (!strncmp(e, " msg=audit(", 11))
		time = e + 11;
	else if (numeric && !strncmp(e, " audit(", 7))
		time = e + 7;
	else
		time = NULL;
	close = time ? strchr(time, ')') : NULL;
	if (close && (!strncmp(close, "): ", 3) || !strcmp(close, "):"))) {
		*close = '\0';
		*fields = close + 2;
		if (!x->r.type || epoch_time(time, &x->r))
			return HEADER;
		bad(x, "audit(%.40s) is not a time and serial", time);
		return BAD_HEADER;
	}
	if (close && (!strncmp(close, ") : ", 4) || !strcmp(close, ") :"))) {
		*close = '\0';
		*fields = close + 3;
		x->interp = true;
		if (!x->r.type || local_time(time, &x->r))
			return HEADER;
		bad(x, "audit(%.40s): not a date and time as ausearch -i writes them in the C or en_US locale (run it with LC_TIME=C)",
		    time);
		return BAD_HEADER;
	}
	/*
	 * type=UNKNOWN[1490] (audit's own spelling) or type=1490 audit(,
	 * then not a whole header: cut short.
	 */
	if (!x->r.type || (numeric && !time) || (*e && *e != ' '))
		return NO_HEADER;
	bad(x, "the record's header is cut short");
	return BAD_HEADER;
}

static void clear(struct mg_log_rec *r)
{
	int i;

	for (i = 0; i < __MG_LF_MAX; i++) {
		free(r->f[i]);
		r->f[i] = NULL;
	}
}

/* One line, NUL-terminated; what the callback returned, or -1. */
static int one_line(char *line, unsigned long lineno, struct mg_log_walk *w)
{
	enum header h = NO_HEADER;
	struct rec x = { 0 };
	char *p, *fields = NULL;
	bool whole;
	int ret = 0;

	for (p = line; (p = strstr(p, "type=")); p += 5) {
		if (p != line && p[-1] != ' ')
			continue;
		memset(&x, 0, sizeof(x));
		h = header_at(p, &x, &fields);
		if (h != NO_HEADER)
			break;
	}
	if (h == NO_HEADER)
		return 0;
	w->audit++;
	if (!x.r.type)
		return 0;
	whole = h == HEADER &&
		(x.interp ? split_interp(&x, fields) && uninterpret(&x) :
			    split_raw(&x, fields)) &&
		check(&x);
	if (x.nomem) {
		ret = -1;
	} else if (whole) {
		w->records++;
		ret = w->cb(&x.r, w->arg);
	} else {
		w->skipped++;
		if (w->skip)
			w->skip(w, lineno, x.r.type, x.why);
	}
	clear(&x.r);
	return ret;
}

static bool blank(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return !n;
}

/**
 * mg_log_parse() - Walk the modguard records of log text.
 * @text: An audit log, ausearch's output (--raw or -i), syslog lines
 *        of audisp, or kernel log text; not NUL-terminated.
 * @len: Its length.
 * @w: The callbacks; its counters are added to.
 *
 * Each whole record of type 1490 or 1491 goes to @w->cb, in the order
 * of the text; each damaged one to @w->skip with what is wrong with it.
 *
 * Return: 0; what @w->cb returned when it stopped the walk; -1 when out
 * of memory.
 */
int mg_log_parse(const char *text, size_t len, struct mg_log_walk *w)
{
	const char *line = text, *end = text + len, *nl;
	unsigned long lineno = 0;
	size_t n;
	char *buf;
	int ret;

	for (; line < end; line = nl + 1) {
		nl = memchr(line, '\n', end - line);
		if (!nl)
			nl = end;
		lineno++;
		n = nl - line;
		if (n && line[n - 1] == '\r')
			n--;
		if (!blank(line, n))
			w->lines++;
		if (!memmem(line, n, "type=", 5))
			continue;
		buf = strndup(line, n);
		if (!buf)
			return -1;
		ret = one_line(buf, lineno, w);
		free(buf);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * mg_log_event() - What a record says happened.
 * @r: The record.
 *
 * Return: "deny" (refused), "would-deny" (permissive: loaded, would have
 * been refused), "allow", or "config".
 */
const char *mg_log_event(const struct mg_log_rec *r)
{
	const char *action = r->f[MG_LF_ACTION], *reason = r->f[MG_LF_REASON];

	if (r->type == MODGUARD_AUDIT_CONFIG)
		return "config";
	if (action && !strcmp(action, "deny"))
		return "deny";
	if (reason && strcmp(reason, "ok"))
		return "would-deny";
	return "allow";
}
