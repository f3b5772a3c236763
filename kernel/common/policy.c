// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - policy parser, lookups and canonical text (shared with
 * modguardctl)
 *
 * Two passes over the text: the first validates every line and counts the
 * rules of each kind, the second fills arrays of exactly that size. Each
 * array is then sorted, so a lookup is a binary search, and a duplicate
 * shows as two equal neighbours.
 *
 * A policy ends with the line "end". Without it, any prefix of a policy
 * that stops at a line end (or inside a name or a comment) would parse as
 * another, smaller policy: a write cut short would put that in force.
 */

#include "policy.h"
#include "sigid.h"

#define MODGUARD_POLICY_RULES_MAX 4000000

static const char *const kind_names[] = {
	[MODGUARD_RULE_ALLOW_DIGEST] = "allow digest",
	[MODGUARD_RULE_DENY_DIGEST] = "deny digest",
	[MODGUARD_RULE_DENY_NAME] = "deny name",
	[MODGUARD_RULE_ALLOW_SIGNER] = "allow signer",
	[MODGUARD_RULE_DENY_SIGNER] = "deny signer",
};

static_assert(ARRAY_SIZE(kind_names) == __MODGUARD_RULE_MAX,
	      "one name per rule kind");

/**
 * modguard_rule_kind_name() - "allow digest", "deny name", ...
 * @kind: The kind.
 *
 * Return: the name, "?" outside the enum.
 */
const char *modguard_rule_kind_name(enum modguard_rule_kind kind)
{
	if ((unsigned int)kind >= __MODGUARD_RULE_MAX)
		return "?";
	return kind_names[kind];
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* A digest: exactly 64 hex digits, either case, no separators. */
static bool parse_digest(const char *s, size_t len, u8 *out)
{
	size_t i;
	int hi, lo;

	if (len != 2 * MODGUARD_DIGEST_LEN)
		return false;
	for (i = 0; i < MODGUARD_DIGEST_LEN; i++) {
		hi = modguard_hex_digit(s[2 * i]);
		lo = modguard_hex_digit(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		out[i] = (u8)(hi << 4 | lo);
	}
	return true;
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/**
 * modguard_fold_name() - A module name as policy rules compare it.
 * @name: NUL-terminated module name.
 * @out: Folded copy ('-' becomes '_', as modpost writes names).
 * @size: Size of @out; the copy is truncated to fit.
 */
void modguard_fold_name(const char *name, char *out, size_t size)
{
	size_t i;

	if (!size)
		return;
	for (i = 0; name[i] && i + 1 < size; i++)
		out[i] = name[i] == '-' ? '_' : name[i];
	out[i] = '\0';
}

struct parser {
	struct modguard_policy *p;	/* NULL in the counting pass */
	u32 count[__MODGUARD_RULE_MAX];
	struct modguard_policy_error *e;
};

static int fail(struct parser *ps, u32 line, const char *msg)
{
	ps->e->line = line;
	ps->e->err = -EINVAL;
	ps->e->msg = msg;
	return -EINVAL;
}

/* Match "word" followed by a blank or the end; advance past blanks. */
static bool take_word(const char **s, const char *end, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(end - *s) < n || memcmp(*s, word, n) ||
	    (*s + n < end && !is_space((*s)[n])))
		return false;
	*s += n;
	while (*s < end && is_space(**s))
		(*s)++;
	return true;
}

static int parse_rule(struct parser *ps, u32 line, const char *s,
		      const char *end)
{
	enum modguard_rule_kind kind;
	struct modguard_rule r = { .line = line };
	struct modguard_signer_id id;
	const char *v, *vend;
	bool allow;
	int n;

	if (take_word(&s, end, "allow"))
		allow = true;
	else if (take_word(&s, end, "deny"))
		allow = false;
	else
		return fail(ps, line, "expected a rule: allow or deny");

	for (vend = s; vend < end && !is_space(*vend); vend++)
		;
	for (v = vend; v < end && is_space(*v); v++)
		;
	if (v != end)
		return fail(ps, line, "unexpected text after the rule");

	if ((size_t)(vend - s) > 7 && !memcmp(s, "digest=", 7)) {
		v = s + 7;
		kind = allow ? MODGUARD_RULE_ALLOW_DIGEST :
			       MODGUARD_RULE_DENY_DIGEST;
		if (!parse_digest(v, vend - v, r.key))
			return fail(ps, line,
				    "digest= takes a sha256: 64 hex digits");
		r.len = MODGUARD_DIGEST_LEN;
	} else if ((size_t)(vend - s) >= 5 && !memcmp(s, "name=", 5)) {
		v = s + 5;
		if (allow)
			return fail(ps, line,
				    "allow name= is refused: a module's name is whatever its builder chose; allow by digest or signer");
		kind = MODGUARD_RULE_DENY_NAME;
		if (vend == v || vend - v > MODGUARD_NAME_MAX)
			return fail(ps, line,
				    "name= takes a module name of 1 to 55 characters");
		for (n = 0; v + n < vend; n++) {
			if (!is_name_char(v[n]))
				return fail(ps, line,
					    "a module name has only letters, digits, '_' and '-'");
			r.key[n] = v[n] == '-' ? '_' : v[n];
		}
		r.len = n;
	} else if ((size_t)(vend - s) > 7 && !memcmp(s, "signer=", 7)) {
		v = s + 7;
		kind = allow ? MODGUARD_RULE_ALLOW_SIGNER :
			       MODGUARD_RULE_DENY_SIGNER;
		if (modguard_signer_id_parse(v, vend - v, &id))
			return fail(ps, line,
				    "signer= takes a key's subject key identifier: hex bytes, ':' between them allowed, at most 64 bytes");
		memcpy(r.key, id.id, id.len);
		r.len = id.len;
	} else {
		return fail(ps, line,
			    "expected digest=, name= or signer= after allow or deny");
	}

	if (ps->p)
		ps->p->rules[kind][ps->count[kind]] = r;
	if (ps->count[kind] >= MODGUARD_POLICY_RULES_MAX) {
		ps->e->line = line;
		ps->e->err = -E2BIG;
		ps->e->msg = "too many rules";
		return -E2BIG;
	}
	ps->count[kind]++;
	return 0;
}

static_assert(MODGUARD_POLICY_VERSION == 3,
	      "the messages and the canonical header say version 3");

static int parse_header(struct parser *ps, u32 line, const char *s,
			const char *end)
{
	if (!take_word(&s, end, MODGUARD_POLICY_HEADER))
		return fail(ps, line,
			    "the first line must be 'modguard-policy 3'");
	if (end - s == 1 && *s == '1')
		return fail(ps, line,
			    "policy version 1 is refused: it had no 'end' line, so a policy cut short could be put in force; to convert, make the header 'modguard-policy 3', add 'end' as the last line and write signer= rules with key ids");
	if (end - s == 1 && *s == '2')
		return fail(ps, line,
			    "policy version 2 is refused: its signer= rules named the serial in a signature, which any issuer's key can carry; to convert, make the header 'modguard-policy 3' and write each signer= with the key's subject key identifier (modguardctl certs)");
	if (end - s != 1 || *s != '0' + MODGUARD_POLICY_VERSION)
		return fail(ps, line,
			    "unsupported policy version: this kernel reads version 3");
	return 0;
}

static bool is_end_line(const char *s, const char *end)
{
	return (size_t)(end - s) == sizeof(MODGUARD_POLICY_END) - 1 &&
	       !memcmp(s, MODGUARD_POLICY_END, end - s);
}

static int parse_text(struct parser *ps, const char *text, size_t len)
{
	const char *s = text, *textend = text + len, *eol, *end;
	bool header = false, ended = false;
	u32 line = 0;
	int ret = 0;

	/* Editors on other systems may start a UTF-8 file with a BOM. */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		return fail(ps, 1,
			    "a UTF-8 byte-order mark (EF BB BF) starts the policy: save it without one");
	while (s < textend) {
		line++;
		eol = memchr(s, '\n', textend - s);
		if (!eol)
			eol = textend;
		if (memchr(s, '\0', eol - s))
			return fail(ps, line, "NUL byte in the policy");
		end = eol;
		if (end > s && end[-1] == '\r')
			end--;
		if (end - s > MODGUARD_POLICY_LINE_MAX)
			return fail(ps, line,
				    "line longer than 512 characters (comments included)");
		while (end > s && is_space(end[-1]))
			end--;
		while (s < end && is_space(*s))
			s++;
		if (s < end && *s != '#') {
			if (ended)
				return fail(ps, line, "text after the end line");
			if (!header)
				ret = parse_header(ps, line, s, end);
			else if (is_end_line(s, end))
				ended = true;
			else
				ret = parse_rule(ps, line, s, end);
			if (ret)
				return ret;
			header = true;
		}
		s = eol + 1;
	}
	if (!header)
		return fail(ps, line ? line : 1,
			    "empty policy: the first line must be 'modguard-policy 3'");
	if (!ended)
		return fail(ps, line,
			    "no 'end' line: the policy is incomplete (cut short?); a whole policy ends with a line 'end'");
	return 0;
}

static int cmp_rule(const void *a, const void *b)
{
	const struct modguard_rule *x = a, *y = b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->key, y->key, x->len);
}

/**
 * modguard_policy_free() - Free a policy.
 * @p: The policy, or NULL.
 */
void modguard_policy_free(struct modguard_policy *p)
{
	int k;

	if (!p)
		return;
	for (k = 0; k < __MODGUARD_RULE_MAX; k++)
		mg_free(p->rules[k]);
	mg_free(p);
}

static struct modguard_policy *nomem(struct modguard_policy_error *e,
				     struct modguard_policy *p)
{
	modguard_policy_free(p);
	e->line = 0;
	e->err = -ENOMEM;
	e->msg = "out of memory";
	return NULL;
}

/**
 * modguard_policy_parse() - Parse a policy text.
 * @text: The text; need not be NUL-terminated.
 * @len: Its length.
 * @e: Filled in when the text is refused.
 *
 * Context: May sleep in the kernel (allocations of GFP_KERNEL).
 * Return: the policy, or NULL with @e saying why: -EINVAL with the line
 * and the problem, -E2BIG for too many rules, -ENOMEM.
 */
struct modguard_policy *modguard_policy_parse(const char *text, size_t len,
					      struct modguard_policy_error *e)
{
	struct parser ps = { .e = e };
	struct modguard_policy *p;
	struct modguard_rule *r;
	u32 i, a, b;
	int k;

	memset(e, 0, sizeof(*e));
	if (parse_text(&ps, text, len))
		return NULL;

	p = mg_calloc(1, sizeof(*p));
	if (!p)
		return nomem(e, NULL);
	for (k = 0; k < __MODGUARD_RULE_MAX; k++) {
		if (!ps.count[k])
			continue;
		p->rules[k] = mg_calloc(ps.count[k], sizeof(*p->rules[k]));
		if (!p->rules[k])
			return nomem(e, p);
		ps.count[k] = 0;
	}
	ps.p = p;
	if (parse_text(&ps, text, len)) {
		modguard_policy_free(p);
		return NULL;
	}

	for (k = 0; k < __MODGUARD_RULE_MAX; k++) {
		p->count[k] = ps.count[k];
		p->total += ps.count[k];
		r = p->rules[k];
		if (!r)
			continue;
		mg_sort(r, p->count[k], sizeof(*r), cmp_rule);
		for (i = 1; i < p->count[k]; i++) {
			if (cmp_rule(&r[i - 1], &r[i]))
				continue;
			a = r[i - 1].line;
			b = r[i].line;
			e->line = a > b ? a : b;
			e->first_line = a > b ? b : a;
			e->err = -EINVAL;
			e->msg = "duplicate rule";
			modguard_policy_free(p);
			return NULL;
		}
	}
	return p;
}

/**
 * modguard_policy_lookup() - Find the rule of a kind with a key.
 * @p: The policy.
 * @kind: Which rules to search.
 * @key: A digest, a folded module name or a signer id.
 * @len: Its length.
 *
 * Context: Any; O(log n).
 * Return: the rule, or NULL.
 */
const struct modguard_rule *
modguard_policy_lookup(const struct modguard_policy *p,
		       enum modguard_rule_kind kind, const void *key,
		       size_t len)
{
	struct modguard_rule k = { .len = (u8)len };

	if (!p || (unsigned int)kind >= __MODGUARD_RULE_MAX ||
	    !p->count[kind] || !len || len > MODGUARD_RULE_KEY_MAX)
		return NULL;
	memcpy(k.key, key, len);
	return bsearch(&k, p->rules[kind], p->count[kind],
		       sizeof(struct modguard_rule), cmp_rule);
}

static void put(char *buf, size_t size, size_t *pos, const char *s, size_t n)
{
	if (*pos < size)
		memcpy(buf + *pos, s, *pos + n <= size ? n : size - *pos);
	*pos += n;
}

static void put_hex(char *buf, size_t size, size_t *pos, const u8 *b,
		    size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char pair[2];
	size_t i;

	for (i = 0; i < n; i++) {
		pair[0] = digits[b[i] >> 4];
		pair[1] = digits[b[i] & 15];
		put(buf, size, pos, pair, 2);
	}
}

/**
 * modguard_policy_format() - The policy as canonical text.
 * @p: The policy.
 * @buf: Where to write, or NULL to measure.
 * @size: Size of @buf.
 *
 * The header, then every rule, one per line, grouped by kind and sorted by
 * key, then the end line: parsing the output gives the same policy back,
 * so a policy read back can be written back. Not NUL-terminated.
 *
 * Return: the length of the whole text (more than @size when cut short).
 */
size_t modguard_policy_format(const struct modguard_policy *p, char *buf,
			      size_t size)
{
	static const char header[] = MODGUARD_POLICY_HEADER " 3\n";
	static const char end_line[] = MODGUARD_POLICY_END "\n";
	static const char *const keys[] = {
		[MODGUARD_RULE_ALLOW_DIGEST] = "allow digest=",
		[MODGUARD_RULE_DENY_DIGEST] = "deny digest=",
		[MODGUARD_RULE_DENY_NAME] = "deny name=",
		[MODGUARD_RULE_ALLOW_SIGNER] = "allow signer=",
		[MODGUARD_RULE_DENY_SIGNER] = "deny signer=",
	};
	const struct modguard_rule *r;
	size_t pos = 0;
	u32 i;
	int k;

	if (!buf)
		size = 0;
	put(buf, size, &pos, header, sizeof(header) - 1);
	for (k = 0; p && k < __MODGUARD_RULE_MAX; k++) {
		for (i = 0; i < p->count[k]; i++) {
			r = &p->rules[k][i];
			put(buf, size, &pos, keys[k], strlen(keys[k]));
			if (k == MODGUARD_RULE_DENY_NAME)
				put(buf, size, &pos, (const char *)r->key,
				    r->len);
			else
				put_hex(buf, size, &pos, r->key, r->len);
			put(buf, size, &pos, "\n", 1);
		}
	}
	put(buf, size, &pos, end_line, sizeof(end_line) - 1);
	return pos;
}
