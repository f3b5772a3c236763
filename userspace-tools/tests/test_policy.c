// SPDX-License-Identifier: GPL-2.0-only
/*
 * Userspace twin of the KUnit suites modguard_policy and modguard_decide:
 * the same case tables (kunit/policy_vectors.h), the same expectations,
 * run under ASan and UBSan, plus what the tool relies on: the error
 * message of each malformed case, the canonical text byte for byte, its
 * round trip, lookups at the edges, a 100k-rule policy in which every
 * rule is found, and a policy cut at every byte, of which no part short
 * of the whole parses (the end line). Each text is parsed from a heap copy of exactly its
 * length, and formatted into buffers of exactly the size asked, so a
 * read or write past either is caught.
 *
 * Prints "ok - ..." or "FAIL - ..." per check and a last line
 * "# test_policy: N passed, N failed"; exits 1 if any check failed.
 */

#include <stdint.h>

#include "policy_vectors.h"
#include "testlib.h"

#define N_PARSE ARRAY_SIZE(parse_cases)
#define N_DECIDE ARRAY_SIZE(decide_cases)
#define BIG_RULES 100000

static struct modguard_policy *parse_exact(const char *text, size_t len,
					   struct modguard_policy_error *e)
{
	struct modguard_policy *p;
	char *copy = exact_copy(text, len);

	memset(e, 0, sizeof(*e));
	p = modguard_policy_parse(copy, len, e);
	free(copy);
	return p;
}

/* The canonical text of @p in a malloc()ed buffer of exactly its length. */
static char *format_exact(const struct modguard_policy *p, size_t *len)
{
	size_t n = modguard_policy_format(p, NULL, 0);
	char *buf = malloc(n ? n : 1);
	size_t got;

	if (!buf) {
		perror("malloc");
		exit(1);
	}
	got = modguard_policy_format(p, buf, n);
	if (got != n)
		mismatch("format: measured %zu bytes, wrote %zu\n", n, got);
	*len = n;
	return buf;
}

/*
 * Every rule of @a is found in @b, with the same key, and the counts
 * agree: the two are the same policy.
 */
static void expect_same_rules(const struct modguard_policy *a,
			      const struct modguard_policy *b)
{
	const struct modguard_rule *r, *found;
	unsigned int k;
	u32 i;

	if (a->total != b->total)
		mismatch("total: %u and %u\n", a->total, b->total);
	for (k = 0; k < __MODGUARD_RULE_MAX; k++) {
		if (a->count[k] != b->count[k]) {
			mismatch("%s: %u and %u rules\n",
				 modguard_rule_kind_name(k), a->count[k],
				 b->count[k]);
			continue;
		}
		for (i = 0; i < a->count[k]; i++) {
			r = &a->rules[k][i];
			found = modguard_policy_lookup(b, k, r->key, r->len);
			if (!found || found->len != r->len ||
			    memcmp(found->key, r->key, r->len)) {
				mismatch("%s rule %u not found\n",
					 modguard_rule_kind_name(k), i);
				return;
			}
		}
	}
}

/*
 * The canonical text parses back to the same policy, and formatting that
 * gives the same bytes again; a buffer one byte short is not overrun.
 */
static void expect_round_trip(const struct modguard_policy *p)
{
	struct modguard_policy_error e;
	struct modguard_policy *again;
	char *canon, *canon2, *short_buf;
	size_t n, n2;

	canon = format_exact(p, &n);
	if (n < sizeof(HDR) - 1 || memcmp(canon, HDR, sizeof(HDR) - 1))
		mismatch("canonical text does not start with the header\n");
	if (n < sizeof(HDR END) - 1 ||
	    memcmp(canon + n - (sizeof(END) - 1), END, sizeof(END) - 1))
		mismatch("canonical text does not end with the end line\n");
	again = parse_exact(canon, n, &e);
	if (!again) {
		mismatch("canonical text refused: line %u: %s\n", e.line,
			 e.msg);
		free(canon);
		return;
	}
	expect_same_rules(p, again);
	canon2 = format_exact(again, &n2);
	if (n2 != n || memcmp(canon, canon2, n))
		mismatch("canonical text changes on a second round trip\n");

	short_buf = malloc(n - 1);
	if (!short_buf) {
		perror("malloc");
		exit(1);
	}
	if (modguard_policy_format(p, short_buf, n - 1) != n)
		mismatch("format into a short buffer: wrong length\n");
	else if (memcmp(short_buf, canon, n - 1))
		mismatch("format into a short buffer: wrong prefix\n");
	free(short_buf);
	free(canon2);
	free(canon);
	modguard_policy_free(again);
}

static void test_parse_cases(void)
{
	struct modguard_policy_error e;
	struct modguard_policy *p;
	size_t i, len;
	char *text;

	for (i = 0; i < N_PARSE; i++) {
		const struct parse_case *c = &parse_cases[i];

		len = pv_len(c);
		text = malloc(len ? len : 1);
		if (!text) {
			perror("malloc");
			exit(1);
		}
		pv_fill(c, text);
		p = parse_exact(text, len, &e);
		free(text);

		if (c->err) {
			if (p)
				mismatch("parsed (%u rules), want error %d at line %u\n",
					 p->total, c->err, c->line);
			else if (e.err != c->err || e.line != c->line)
				mismatch("error %d at line %u (%s), want %d at line %u\n",
					 e.err, e.line, e.msg, c->err,
					 c->line);
			else if (!e.msg || !c->msg ||
				 strncmp(e.msg, c->msg, strlen(c->msg)))
				mismatch("message \"%s\", want \"%s...\"\n",
					 e.msg ? e.msg : "(null)",
					 c->msg ? c->msg : "(none in the table)");
			report("parse: %s: line %u: %s", c->desc, c->line,
			       c->msg ? c->msg : "?");
		} else {
			if (!p) {
				mismatch("refused: line %u: %s\n", e.line,
					 e.msg);
			} else {
				if (p->total != c->rules)
					mismatch("%u rules, want %u\n",
						 p->total, c->rules);
				expect_round_trip(p);
			}
			report("parse: %s: %u rules, canonical round trip",
			       c->desc, c->rules);
		}
		modguard_policy_free(p);
	}
}

/* The canonical text: grouped by kind, sorted, lowercase, '_', ids whole. */
static void test_canonical_text(void)
{
	static const char text[] =
		"# a comment\r\n"
		"modguard-policy 3\r\n"
		"deny signer=AB:CD\n"
		"\tallow digest=" UPPER_D1 "   \n"
		"deny name=b-c\n"
		"allow signer=00:80:01\n"
		"deny digest=" D2 "\n"
		"allow digest=" D1 "\n"
		"deny name=a\n"
		"allow signer=ff\n"
		"  end\r\n"
		"# after the end\n";
	static const char want[] =
		"modguard-policy 3\n"
		"allow digest=" D1 "\n"
		"allow digest=" LOWER_D1 "\n"
		"deny digest=" D2 "\n"
		"deny name=a\n"
		"deny name=b_c\n"
		"allow signer=ff\n"
		"allow signer=008001\n"
		"deny signer=abcd\n"
		"end\n";
	struct modguard_policy_error e;
	struct modguard_policy *p;
	char *canon;
	size_t n;

	p = parse_exact(text, sizeof(text) - 1, &e);
	if (!p) {
		mismatch("refused: line %u: %s\n", e.line, e.msg);
	} else {
		canon = format_exact(p, &n);
		if (n != sizeof(want) - 1 || memcmp(canon, want, n))
			mismatch("got:\n%.*s\nwant:\n%s", (int)n, canon, want);
		free(canon);
		expect_round_trip(p);
	}
	report("canonical text: header, kinds in order, keys sorted, lowercase hex, '_', key ids whole, end line");
	modguard_policy_free(p);

	canon = format_exact(NULL, &n);
	if (n != sizeof(HDR END) - 1 || memcmp(canon, HDR END, n))
		mismatch("got \"%.*s\"\n", (int)n, canon);
	free(canon);
	report("canonical text of no policy: the header and the end line");
}

/* The KUnit lookup test, and the edges of the lookup contract. */
static void test_lookup(void)
{
	static const char text[] = HDR "allow digest=" D1 "\ndeny name=mg-x\n"
				   "allow signer=6C:C0:79\n" END;
	static const u8 signer[] = { 0x6c, 0xc0, 0x79 };
	u8 d1[MODGUARD_DIGEST_LEN], d2[MODGUARD_DIGEST_LEN];
	u8 big[MODGUARD_RULE_KEY_MAX + 1];
	struct modguard_policy_error e;
	const struct modguard_rule *r;
	struct modguard_policy *p;

	memset(d1, 0x11, sizeof(d1));
	memset(d2, 0x22, sizeof(d2));
	memset(big, 0x11, sizeof(big));
	p = parse_exact(text, sizeof(text) - 1, &e);
	if (!p) {
		mismatch("refused: line %u: %s\n", e.line, e.msg);
		report("lookup");
		return;
	}

	r = modguard_policy_lookup(p, MODGUARD_RULE_ALLOW_DIGEST, d1, 32);
	if (!r || r->line != 2)
		mismatch("allow digest D1: %s, line %u\n",
			 r ? "found" : "missing", r ? r->line : 0);
	if (modguard_policy_lookup(p, MODGUARD_RULE_ALLOW_DIGEST, d2, 32))
		mismatch("allow digest D2 found\n");
	if (modguard_policy_lookup(p, MODGUARD_RULE_DENY_DIGEST, d1, 32))
		mismatch("deny digest D1 found\n");
	r = modguard_policy_lookup(p, MODGUARD_RULE_DENY_NAME, "mg_x", 4);
	if (!r || r->line != 3)
		mismatch("deny name mg_x: missing or not line 3\n");
	if (modguard_policy_lookup(p, MODGUARD_RULE_DENY_NAME, "mg-x", 4))
		mismatch("deny name is looked up folded: mg-x found\n");
	r = modguard_policy_lookup(p, MODGUARD_RULE_ALLOW_SIGNER, signer, 3);
	if (!r || r->line != 4)
		mismatch("allow signer 6cc079: missing or not line 4\n");
	if (modguard_policy_lookup(p, MODGUARD_RULE_ALLOW_SIGNER, signer, 2))
		mismatch("allow signer 6cc0 (a prefix) found\n");
	report("lookup: the KUnit cases, with the lines of the rules");

	if (modguard_policy_lookup(p, MODGUARD_RULE_ALLOW_DIGEST, d1, 0))
		mismatch("an empty key found\n");
	if (modguard_policy_lookup(p, MODGUARD_RULE_ALLOW_DIGEST, big,
				   sizeof(big)))
		mismatch("a key longer than MODGUARD_RULE_KEY_MAX found\n");
	if (modguard_policy_lookup(p, __MODGUARD_RULE_MAX, d1, 32))
		mismatch("a kind out of range found\n");
	if (modguard_policy_lookup(p, (enum modguard_rule_kind)-1, d1, 32))
		mismatch("kind -1 found\n");
	if (modguard_policy_lookup(NULL, MODGUARD_RULE_ALLOW_DIGEST, d1, 32))
		mismatch("found in no policy\n");
	if (modguard_policy_lookup(p, MODGUARD_RULE_DENY_SIGNER, signer, 3))
		mismatch("found among no rules of a kind\n");
	report("lookup: empty and oversized keys, bad kinds, no policy, no rules");
	modguard_policy_free(p);
	modguard_policy_free(NULL);
}

/*
 * The KUnit test: key ids compare octet for octet, a leading zero byte
 * included (no DER sign octet to drop, as when rules named serials).
 */
static void test_key_id_exact(void)
{
	static const char text[] = HDR "deny signer=00:80:01\n" END;
	static const u8 der[] = { 0x00, 0x80, 0x01 }, plain[] = { 0x80, 0x01 };
	struct modguard_facts f = { .sig = MODGUARD_REASON_OK, .name = "m" };
	struct modguard_policy_error e;
	struct modguard_decision d;
	struct modguard_policy *p;

	p = parse_exact(text, sizeof(text) - 1, &e);
	if (!p) {
		mismatch("refused: line %u: %s\n", e.line, e.msg);
		report("key ids exact");
		return;
	}
	f.signer = der;
	f.signer_len = sizeof(der);
	modguard_evaluate_rules(p, &f, &d);
	if (d.allow)
		mismatch("00:80:01 allowed\n");
	f.signer = plain;
	f.signer_len = sizeof(plain);
	modguard_evaluate_rules(p, &f, &d);
	if (!d.allow)
		mismatch("80:01 denied by a rule for 00:80:01\n");
	f.signer = der + 2;
	f.signer_len = 1;
	modguard_evaluate_rules(p, &f, &d);
	if (!d.allow)
		mismatch("01 denied\n");
	report("signer rules compare key ids octet for octet");
	modguard_policy_free(p);
}

/* The KUnit decision table, with the same facts. */
static void test_decide_cases(void)
{
	static const u8 signer[] = { 0xaa, 0xbb };
	struct modguard_policy_error e;
	struct modguard_decision d;
	struct modguard_policy *p;
	u8 digest[MODGUARD_DIGEST_LEN];
	char text[512];
	size_t i;

	memset(digest, 0x11, sizeof(digest));
	for (i = 0; i < N_DECIDE; i++) {
		const struct decide_case *c = &decide_cases[i];
		struct modguard_facts f = {
			.sig = c->sig,
			.digest = digest,
			.name = c->name,
			.signer = signer,
			.signer_len = sizeof(signer),
		};

		snprintf(text, sizeof(text), "%s%s%s", HDR, c->rules, END);
		p = parse_exact(text, strlen(text), &e);
		if (!p) {
			mismatch("rules refused: line %u: %s\n", e.line, e.msg);
			report("decide: %s", c->desc);
			continue;
		}
		memset(&d, 0x5a, sizeof(d));
		modguard_evaluate_rules(p, &f, &d);
		if (d.allow != c->allow)
			mismatch("allow: got %d, want %d\n", d.allow, c->allow);
		if (d.reason != c->reason)
			mismatch("reason: got %s, want %s\n",
				 modguard_reason_name(d.reason),
				 modguard_reason_name(c->reason));
		if (d.kind != c->kind)
			mismatch("kind: got %s, want %s\n",
				 modguard_rule_kind_name(d.kind),
				 modguard_rule_kind_name(c->kind));
		if (!!d.rule != (c->kind != NONE))
			mismatch("rule: %s\n", d.rule ? "set" : "NULL");
		else if (d.rule && d.rule != modguard_policy_lookup(
				p, c->kind, d.rule->key, d.rule->len))
			mismatch("rule is not the policy's own\n");
		report("decide: %s: %s, %s", c->desc,
		       c->allow ? "allow" : "deny",
		       modguard_reason_name(c->reason));
		modguard_policy_free(p);
	}
}

/* Without a policy (NULL), the signature decides alone. */
static void test_decide_no_policy(void)
{
	struct modguard_facts f = { .sig = MODGUARD_REASON_OK };
	struct modguard_decision d;

	modguard_evaluate_rules(NULL, &f, &d);
	if (!d.allow || d.reason != MODGUARD_REASON_OK || d.rule)
		mismatch("good signature, no facts: not allowed\n");
	f.sig = MODGUARD_REASON_UNSIGNED;
	modguard_evaluate_rules(NULL, &f, &d);
	if (d.allow || d.reason != MODGUARD_REASON_UNSIGNED)
		mismatch("unsigned: not denied as unsigned\n");
	report("decide without a policy, digest, name or signer");
}

static void test_kind_names(void)
{
	static const char *const want[] = {
		"allow digest", "deny digest", "deny name", "allow signer",
		"deny signer",
	};
	unsigned int k;

	static_assert(ARRAY_SIZE(want) == __MODGUARD_RULE_MAX, "kinds");
	for (k = 0; k < __MODGUARD_RULE_MAX; k++)
		if (strcmp(modguard_rule_kind_name(k), want[k]))
			mismatch("kind %u: %s\n", k,
				 modguard_rule_kind_name(k));
	if (strcmp(modguard_rule_kind_name(__MODGUARD_RULE_MAX), "?"))
		mismatch("out of range: not ?\n");
	report("rule kind names");
}

static void test_fold_name(void)
{
	char out[8];

	modguard_fold_name("a-b_c-", out, sizeof(out));
	if (strcmp(out, "a_b_c_"))
		mismatch("a-b_c-: %s\n", out);
	modguard_fold_name("abcdefghij", out, 4);
	if (strcmp(out, "abc"))
		mismatch("truncated: %s\n", out);
	out[0] = 'x';
	modguard_fold_name("abc", out, 0);
	if (out[0] != 'x')
		mismatch("size 0 wrote\n");
	report("modguard_fold_name: '-' to '_', truncated to fit");
}

/* A well-mixed 64-bit value (splitmix64), distinct for each i. */
static uint64_t mix(uint64_t i)
{
	uint64_t z = i + 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Digest i: its index, then filler; distinct and in no sorted order. */
static void big_digest(uint32_t i, u8 *d)
{
	uint64_t v = mix(i);
	size_t j;

	for (j = 0; j < MODGUARD_DIGEST_LEN; j++)
		d[j] = (u8)(mix(v + j) >> 8);
	d[0] = i >> 24;
	d[1] = i >> 16;
	d[2] = i >> 8;
	d[3] = i;
	/* Scrambled, so the text is not in key order. */
	d[4] ^= (u8)v;
}

/* "allow digest=<64 hex>\n" per rule, between the header and the end. */
static char *big_policy(size_t *len, bool dup_last)
{
	static const char rule[] = "allow digest=";
	const size_t line = sizeof(rule) - 1 + 2 * MODGUARD_DIGEST_LEN + 1;
	u8 d[MODGUARD_DIGEST_LEN];
	char *text, *p;
	uint32_t i;
	size_t j;

	text = malloc(sizeof(HDR END) - 1 + (size_t)BIG_RULES * line);
	if (!text) {
		perror("malloc");
		exit(1);
	}
	p = text + sizeof(HDR) - 1;
	memcpy(text, HDR, sizeof(HDR) - 1);
	for (i = 0; i < BIG_RULES; i++) {
		big_digest(dup_last && i == BIG_RULES - 1 ? 12345 : i, d);
		memcpy(p, rule, sizeof(rule) - 1);
		p += sizeof(rule) - 1;
		for (j = 0; j < MODGUARD_DIGEST_LEN; j++)
			p += sprintf(p, "%02x", d[j]);
		*p++ = '\n';
	}
	memcpy(p, END, sizeof(END) - 1);
	p += sizeof(END) - 1;
	*len = p - text;
	return text;
}

static void test_big_policy(void)
{
	const struct modguard_rule *r;
	struct modguard_policy_error e;
	struct modguard_policy *p;
	u8 d[MODGUARD_DIGEST_LEN];
	size_t len, n, missing = 0, wrong_line = 0;
	char *text;
	uint32_t i;

	text = big_policy(&len, false);
	p = parse_exact(text, len, &e);
	free(text);
	if (!p) {
		mismatch("refused: line %u: %s\n", e.line, e.msg);
		report("a policy of %d digest rules", BIG_RULES);
		return;
	}
	if (p->total != BIG_RULES ||
	    p->count[MODGUARD_RULE_ALLOW_DIGEST] != BIG_RULES)
		mismatch("%u rules\n", p->total);
	for (i = 0; i < BIG_RULES; i++) {
		big_digest(i, d);
		r = modguard_policy_lookup(p, MODGUARD_RULE_ALLOW_DIGEST, d,
					   sizeof(d));
		if (!r)
			missing++;
		else if (r->line != i + 2 || memcmp(r->key, d, sizeof(d)))
			wrong_line++;
	}
	if (missing || wrong_line)
		mismatch("%zu rules not found, %zu found with the wrong line\n",
			 missing, wrong_line);
	report("a policy of %d digest rules parses and lookup finds every rule at its line",
	       BIG_RULES);

	for (i = BIG_RULES; i < BIG_RULES + 1000; i++) {
		big_digest(i, d);
		if (modguard_policy_lookup(p, MODGUARD_RULE_ALLOW_DIGEST, d,
					   sizeof(d)))
			missing++;
		if (modguard_policy_lookup(p, MODGUARD_RULE_DENY_DIGEST, d,
					   sizeof(d)))
			missing++;
	}
	if (missing)
		mismatch("%zu digests not in the policy found\n", missing);
	report("... and finds none of 1000 other digests");

	n = modguard_policy_format(p, NULL, 0);
	if (n != len)
		mismatch("canonical text of %zu bytes, the input has %zu\n",
			 n, len);
	expect_round_trip(p);
	report("... and its canonical text round-trips");
	modguard_policy_free(p);

	text = big_policy(&len, true);
	p = parse_exact(text, len, &e);
	free(text);
	if (p)
		mismatch("parsed\n");
	else if (e.err != -EINVAL || e.line != BIG_RULES + 1 ||
		 strcmp(e.msg, "duplicate rule"))
		mismatch("error %d at line %u: %s\n", e.err, e.line, e.msg);
	report("a duplicate among %d rules is refused at the later line",
	       BIG_RULES);
	modguard_policy_free(p);
}

/*
 * Offset just past the word of @text's first line that is "end" between
 * blanks, or @len + 1 when there is none.
 */
static size_t end_word(const char *text, size_t len)
{
	size_t i = 0, a, b, c;

	while (i < len) {
		for (a = i; a < len && strchr(" \t", text[a]); a++)
			;
		for (b = a; b < len && !strchr(" \t\r\n", text[b]); b++)
			;
		for (c = b; c < len && strchr(" \t\r", text[c]); c++)
			;
		if (b - a == 3 && !memcmp(text + a, "end", 3) &&
		    (c == len || text[c] == '\n'))
			return b;
		while (i < len && text[i] != '\n')
			i++;
		i++;
	}
	return len + 1;
}

static bool only_blanks(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!strchr(" \t\r\n", s[i]))
			return false;
	return true;
}

/*
 * @whole cut at every byte, each prefix parsed from a copy of exactly its
 * length: a prefix parses exactly when it holds the whole end line (all
 * that it lacks comes after the end line), and then to the policy of the
 * whole text, canonical text for canonical text. *@parsed and *@blank:
 * the prefixes that parsed, and those that lack only blanks and newlines.
 */
static void cut_at_every_byte(const char *whole, size_t whole_len,
			      size_t *parsed, size_t *blank)
{
	size_t len, n, got_n, after_end = end_word(whole, whole_len);
	struct modguard_policy_error e;
	struct modguard_policy *p;
	char *want, *got;

	*parsed = *blank = 0;
	p = parse_exact(whole, whole_len, &e);
	if (!p) {
		mismatch("the whole text refused: line %u: %s\n", e.line,
			 e.msg);
		return;
	}
	want = format_exact(p, &n);
	modguard_policy_free(p);
	for (len = 0; len < whole_len; len++) {
		if (only_blanks(whole + len, whole_len - len))
			++*blank;
		p = parse_exact(whole, len, &e);
		if (!p) {
			if (len >= after_end)
				mismatch("cut at byte %zu of %zu: refused after the end line: line %u: %s\n",
					 len, whole_len, e.line, e.msg);
			else if (e.err != -EINVAL || !e.line || !e.msg)
				mismatch("cut at byte %zu: error %d at line %u\n",
					 len, e.err, e.line);
			continue;
		}
		++*parsed;
		if (len < after_end) {
			mismatch("cut at byte %zu of %zu: parsed, %u rules, before the end line\n",
				 len, whole_len, p->total);
		} else {
			got = format_exact(p, &got_n);
			if (got_n != n || memcmp(got, want, n))
				mismatch("cut at byte %zu: parsed to another policy:\n%.*s\n",
					 len, (int)got_n, got);
			free(got);
		}
		modguard_policy_free(p);
	}
	free(want);
}

/*
 * The first chunk of a policy written in pieces (cat of more than 128 KiB,
 * a writer that flushes early) is refused: no prefix short of the end line
 * parses, whatever byte it stops at.
 */
static void test_cut_policy(void)
{
	static const char whole[] = CUT_POLICY;
	static const char flo[] = "deny name=flo";
	static const char tail[] = " end \r\n# after the end\r\n\r\n";
	const size_t len = sizeof(whole) - 1;
	struct modguard_policy_error e;
	struct modguard_policy *p;
	size_t parsed, blank, cut, i, n = 0;
	char *crlf;

	cut_at_every_byte(whole, len, &parsed, &blank);
	if (parsed != 1 || blank != 1)
		mismatch("%zu prefixes parsed, %zu lack only blanks: want 1 and 1\n",
			 parsed, blank);
	report("a %zu-byte policy cut at every byte: %zu prefixes, %zu parsed (%zu lack only the last newline: the same policy), %zu refused",
	       len, len, parsed, blank, len - parsed);

	/* Where a cut used to give another policy, the message says why. */
	cut = strstr(whole, flo) - whole + sizeof(flo) - 1;
	p = parse_exact(whole, cut, &e);
	if (p || !e.msg || strncmp(e.msg, E_NO_END, strlen(E_NO_END)))
		mismatch("cut after \"%s\": %s\n", flo,
			 p ? "parsed" : e.msg ? e.msg : "(no message)");
	modguard_policy_free(p);
	cut = strstr(whole, "deny signer=") - whole;
	p = parse_exact(whole, cut, &e);
	if (p || !e.msg || strncmp(e.msg, E_NO_END, strlen(E_NO_END)))
		mismatch("cut before the last rule: %s\n",
			 p ? "parsed" : e.msg ? e.msg : "(no message)");
	modguard_policy_free(p);
	report("cut after \"%s\", or at a line end: \"%s...\"", flo,
	       E_NO_END);

	/* CRLF line ends, blanks, a comment after the end line. */
	crlf = malloc(2 * len + 64);
	if (!crlf) {
		perror("malloc");
		exit(1);
	}
	for (i = 0; i < len; i++) {
		if (whole[i] == '\n')
			crlf[n++] = '\r';
		crlf[n++] = whole[i];
	}
	n -= sizeof("end\r\n") - 1;
	memcpy(crlf + n, tail, sizeof(tail) - 1);
	n += sizeof(tail) - 1;
	cut_at_every_byte(crlf, n, &parsed, &blank);
	if (parsed != n - end_word(crlf, n))
		mismatch("%zu prefixes parsed, want the %zu after the end line\n",
			 parsed, n - end_word(crlf, n));
	report("the same with CRLF and a comment after the end line, %zu bytes: %zu parsed, all after the end line, the same policy",
	       n, parsed);
	free(crlf);
}

int main(void)
{
	test_parse_cases();
	test_canonical_text();
	test_lookup();
	test_key_id_exact();
	test_decide_cases();
	test_decide_no_policy();
	test_kind_names();
	test_fold_name();
	test_big_policy();
	test_cut_policy();
	return summary("test_policy");
}
