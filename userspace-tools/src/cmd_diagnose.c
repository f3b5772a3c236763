// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl diagnose - on this host, would this module load, and if not,
 * why and what to do
 *
 * The module is read by the module reader (module.c) and its signature
 * judged by the trust library (trust.c) against the certificates given;
 * what only the running kernel knows is added to that (the .blacklist
 * bin: hashes, the keyrings holding the signer's key), and the policy in
 * force decides with the shared decision code (kernel/common/decide.c),
 * as the kernel's eval.c does; then the mode and the lock, and, outside
 * modguard, the loader's vermagic check. What the kernel knows is read
 * where the kernel shows it: /proc/keys (keys and bin: hashes),
 * keyctl(KEYCTL_READ) on each keyring (which keys it holds), securityfs
 * (policy, lock) and sysfs (LSM list, mode, the platform_keyring
 * parameter: securityfs.c) and /proc/sys/kernel/osrelease. Tests point
 * these at fixture files: MODGUARD_PROCFS replaces /proc, MODGUARD_KEYRINGS
 * is a directory with one file per keyring name holding what
 * "keyctl rlist" prints (decimal key serials), MODGUARD_SYSFS and
 * MODGUARD_SECURITYFS as for status.
 *
 * /proc/keys names an X.509 key "<subject>: <SKID in hex>" (its serial
 * when it has no SKID). A signature made with a subjectKeyIdentifier is
 * found by that; one made with issuer and serial (sign-file's default) is
 * found through its certificate when --cert gives it, which also lets the
 * signature bytes be checked.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/keyctl.h>

#include "anchors.h"
#include "command.h"
#include "decide.h"
#include "modinfo.h"
#include "module.h"
#include "policy.h"
#include "securityfs.h"
#include "trust.h"
#include "util.h"

#define HEX_MAX		(2 * MODGUARD_SIGNER_ID_MAX + 1)
#define DIGEST_HEX	(2 * MODGUARD_DIGEST_LEN + 1)
#define DETAIL_SIZE	512
#define MAX_MEMBERS	4096
/* Under the sysfs root. */
#define SIG_ENFORCE	"/module/module/parameters/sig_enforce"

/* ST_NA: the check does not apply (no modguard, no loader check). */
enum status { ST_OK, ST_FAIL, ST_WARN, ST_UNKNOWN, ST_NA, __ST_MAX };

static const char *const status_names[] = {
	[ST_OK] = "ok",
	[ST_FAIL] = "fail",
	[ST_WARN] = "warn",
	[ST_UNKNOWN] = "unknown",
	[ST_NA] = "n/a",
};
static_assert(ARRAY_SIZE(status_names) == __ST_MAX, "one name per status");

/* The checks, in the order they are printed; the ids are stable. */
enum check {
	C_MODGUARD, C_SIGNED, C_SIGNATURE, C_KEY, C_REVOKED, C_BLACKLIST,
	C_POLICY, C_MODE, C_SIG_ENFORCE, C_VERMAGIC, __C_MAX
};

static const char *const check_ids[] = {
	[C_MODGUARD] = "modguard",
	[C_SIGNED] = "signed",
	[C_SIGNATURE] = "signature",
	[C_KEY] = "key",
	[C_REVOKED] = "revoked",
	[C_BLACKLIST] = "blacklist",
	[C_POLICY] = "policy",
	[C_MODE] = "mode",
	[C_SIG_ENFORCE] = "sig_enforce",
	[C_VERMAGIC] = "vermagic",
};
static_assert(ARRAY_SIZE(check_ids) == __C_MAX, "one id per check");

struct item {
	enum status st;
	char detail[DETAIL_SIZE];
	const char *fix;
};

/* One line of /proc/keys. */
struct pkey {
	unsigned int serial;
	char type[16];
	char *rest;		/* "<description>: <summary>" */
};

/* The keyrings the kernel's module check looks at. */
enum ring { R_BUILTIN, R_SECONDARY, R_MACHINE, R_MODGUARD, R_PLATFORM,
	    R_BLACKLIST, __R_MAX };

static const char *const ring_names[] = {
	[R_BUILTIN] = ".builtin_trusted_keys",
	[R_SECONDARY] = ".secondary_trusted_keys",
	[R_MACHINE] = ".machine",
	[R_MODGUARD] = ".modguard",
	[R_PLATFORM] = ".platform",
	[R_BLACKLIST] = ".blacklist",
};
static_assert(ARRAY_SIZE(ring_names) == __R_MAX, "one name per keyring");

struct keys {
	bool known;		/* /proc/keys was read */
	char *text;
	struct pkey *k;
	size_t n;
	bool ring_known[__R_MAX];	/* members read */
	unsigned int *members[__R_MAX];
	size_t n_members[__R_MAX];
};

struct diag {
	struct item items[__C_MAX];
	bool blacklisted;		/* a bin: hash in .blacklist */
	enum modguard_reason key;	/* where the signer's key is */
	bool key_known;
	bool sig_unknown;		/* an algorithm only the kernel checks */
	unsigned int loader_rings;	/* its keyrings the loader trusts */
	bool lsm_known;			/* the LSM list was read */
	bool absent;			/* modguard is not in the kernel */
	struct modguard_decision d;
	bool decided;
	bool active;
	const char *mode;		/* NULL: unknown */
	int locked;			/* -1: unknown */
	const char *verdict;
	bool refused;
};

static void set(struct diag *g, enum check c, enum status st,
		const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void set(struct diag *g, enum check c, enum status st,
		const char *fix, const char *fmt, ...)
{
	struct item *it = &g->items[c];
	va_list ap;

	it->st = st;
	it->fix = st == ST_OK ? NULL : fix;
	va_start(ap, fmt);
	vsnprintf(it->detail, sizeof(it->detail), fmt, ap);
	va_end(ap);
}

static const char *procfs(void)
{
	const char *p = getenv("MODGUARD_PROCFS");

	return p && *p ? p : "/proc";
}

/* Read $root/rel whole; NULL (errno-style code in *err) on failure. */
static char *read_rel(const char *root, const char *rel, int *err)
{
	unsigned char *data = NULL;
	char *path;
	size_t len;

	if (asprintf(&path, "%s/%s", root, rel) < 0) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = mg_read_file(path, &data, &len);
	free(path);
	return (char *)data;
}

/*
 * /proc/keys: "serial flags usage timeout perm uid gid type rest", the
 * serial in hex, the type cut to 9 characters ("asymmetri").
 */
static void parse_keys(struct keys *ks)
{
	char *line, *save = NULL;

	for (line = strtok_r(ks->text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct pkey k = { 0 }, *more;
		char *p = line, *end, *f[8];
		unsigned long v;
		int i;

		for (i = 0; i < 8; i++) {
			while (*p == ' ')
				p++;
			if (!*p)
				break;
			f[i] = p;
			p += strcspn(p, " ");
			if (*p)
				*p++ = '\0';
		}
		if (i < 8)
			continue;
		while (*p == ' ')
			p++;
		errno = 0;
		v = strtoul(f[0], &end, 16);
		if (errno || *end || v > 0x7fffffff)
			continue;
		k.serial = v;
		snprintf(k.type, sizeof(k.type), "%s", f[7]);
		k.rest = p;
		more = realloc(ks->k, (ks->n + 1) * sizeof(*more));
		if (!more)
			return;
		ks->k = more;
		ks->k[ks->n++] = k;
	}
}

/* The serial of the keyring called @name, or 0. */
static unsigned int ring_serial(const struct keys *ks, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < ks->n; i++)
		if (!strcmp(ks->k[i].type, "keyring") &&
		    !strncmp(ks->k[i].rest, name, n) &&
		    ks->k[i].rest[n] == ':')
			return ks->k[i].serial;
	return 0;
}

/* The members of a keyring from the kernel: KEYCTL_READ. */
static int read_members_kernel(unsigned int serial, unsigned int **out,
			       size_t *n)
{
	int32_t *buf;
	long len;
	size_t i;

	buf = calloc(MAX_MEMBERS, sizeof(*buf));
	if (!buf)
		return -ENOMEM;
	len = syscall(SYS_keyctl, KEYCTL_READ, (long)serial, buf,
		      MAX_MEMBERS * sizeof(*buf));
	if (len < 0 || (size_t)len > MAX_MEMBERS * sizeof(*buf)) {
		int err = len < 0 ? -errno : -E2BIG;

		free(buf);
		return err;
	}
	*n = len / sizeof(*buf);
	*out = calloc(*n ? *n : 1, sizeof(**out));
	if (!*out) {
		free(buf);
		return -ENOMEM;
	}
	for (i = 0; i < *n; i++)
		(*out)[i] = (unsigned int)buf[i];
	free(buf);
	return 0;
}

/* MODGUARD_KEYRINGS/<name>: decimal serials, as "keyctl rlist" prints. */
static int read_members_file(const char *dir, const char *name,
			     unsigned int **out, size_t *n)
{
	char *text, *tok, *save = NULL, *end;
	unsigned long v;
	int err;

	text = read_rel(dir, name, &err);
	if (!text)
		return err;
	*n = 0;
	*out = calloc(MAX_MEMBERS, sizeof(**out));
	if (!*out) {
		free(text);
		return -ENOMEM;
	}
	for (tok = strtok_r(text, " \t\n", &save); tok && *n < MAX_MEMBERS;
	     tok = strtok_r(NULL, " \t\n", &save)) {
		errno = 0;
		v = strtoul(tok, &end, 10);
		if (errno || *end || v > 0x7fffffff) {
			mg_err("%s/%s: not a key serial: '%s'", dir, name, tok);
			free(text);
			return -EINVAL;
		}
		(*out)[(*n)++] = v;
	}
	free(text);
	return 0;
}

static void load_keys(struct keys *ks)
{
	const char *dir = getenv("MODGUARD_KEYRINGS");
	unsigned int serial;
	int err, r;

	ks->text = read_rel(procfs(), "keys", &err);
	if (!ks->text)
		return;
	ks->known = true;
	parse_keys(ks);
	for (r = 0; r < __R_MAX; r++) {
		serial = ring_serial(ks, ring_names[r]);
		if (!serial)
			continue;
		if (dir && *dir)
			err = read_members_file(dir, ring_names[r],
						&ks->members[r],
						&ks->n_members[r]);
		else
			err = read_members_kernel(serial, &ks->members[r],
						  &ks->n_members[r]);
		ks->ring_known[r] = !err;
	}
}

static void free_keys(struct keys *ks)
{
	int r;

	for (r = 0; r < __R_MAX; r++)
		free(ks->members[r]);
	free(ks->k);
	free(ks->text);
}

static bool in_ring(const struct keys *ks, int r, unsigned int serial)
{
	size_t i;

	for (i = 0; i < ks->n_members[r]; i++)
		if (ks->members[r][i] == serial)
			return true;
	return false;
}

/* Does "<subject>: <hex>: <summary>" name the id @hex? */
static bool desc_has_id(const char *rest, const char *hex)
{
	size_t n = strlen(hex);
	const char *p;

	for (p = strstr(rest, ": "); p; p = strstr(p + 1, ": ")) {
		if (!strncasecmp(p + 2, hex, n) &&
		    (p[2 + n] == ':' || p[2 + n] == '\0'))
			return true;
	}
	return false;
}

/*
 * Where the key with one of the ids @hex (NULL-terminated list) is:
 * bit r of the result for keyring r; *found when /proc/keys has it.
 */
static unsigned int key_rings(const struct keys *ks, const char *const *hex,
			      bool *found, char *subject, size_t size)
{
	unsigned int rings = 0;
	size_t i, j;
	int r;

	*found = false;
	for (i = 0; i < ks->n; i++) {
		if (strncmp(ks->k[i].type, "asymmetri", 9))
			continue;
		for (j = 0; hex[j]; j++)
			if (*hex[j] && desc_has_id(ks->k[i].rest, hex[j]))
				break;
		if (!hex[j])
			continue;
		if (!*found)
			snprintf(subject, size, "%.*s",
				 (int)strcspn(ks->k[i].rest, ":"),
				 ks->k[i].rest);
		*found = true;
		for (r = 0; r < __R_MAX; r++)
			if (in_ring(ks, r, ks->k[i].serial))
				rings |= 1u << r;
	}
	return rings;
}

/* A bin: entry of .blacklist for @hex (a sha256)? */
static bool bin_listed(const struct keys *ks, const char *hex)
{
	size_t i, n = strlen(hex);

	for (i = 0; i < ks->n; i++) {
		const char *d = ks->k[i].rest;

		if (strcmp(ks->k[i].type, "blacklist") ||
		    strncmp(d, "bin:", 4) || strncasecmp(d + 4, hex, n))
			continue;
		if (d[4 + n] == '\0' || d[4 + n] == ':' || d[4 + n] == ' ')
			return true;
	}
	return false;
}

static const char *fix_of(enum modguard_reason r)
{
	switch (r) {
	case MODGUARD_REASON_UNSIGNED:
		return "sign the module with a trusted key (scripts/sign-file), or allow it by digest: modguardctl allow FILE";
	case MODGUARD_REASON_MALFORMED_TRAILER:
	case MODGUARD_REASON_MALFORMED_SIGNATURE:
		return "the file is damaged or truncated: rebuild and re-sign it";
	case MODGUARD_REASON_UNSUPPORTED_ID_TYPE:
		return "re-sign with a current sign-file";
	case MODGUARD_REASON_UNSUPPORTED_CRYPTO:
		return "sign with an algorithm the kernel has, or enable it in the kernel";
	case MODGUARD_REASON_BAD_SIGNATURE:
		return "the file was changed after signing: get a good copy";
	case MODGUARD_REASON_UNVERIFIABLE:
		return "decompress the file once: it is compressed twice";
	default:
		return NULL;
	}
}

static void check_signed(struct diag *g, const struct mg_module *m,
			 const struct mg_verify_result *vr)
{
	enum modguard_reason treason = m->treason;

	if (treason == MODGUARD_REASON_OK) {
		set(g, C_SIGNED, ST_OK, NULL, "signed (PKCS#7), signer %s",
		    vr->signer);
		return;
	}
	if (treason == MODGUARD_REASON_UNSIGNED &&
	    vr->reason == MODGUARD_REASON_UNVERIFIABLE) {
		set(g, C_SIGNED, ST_FAIL, fix_of(vr->reason),
		    "%s data inside the %s file: the kernel cannot check it (unverifiable)",
		    "compressed", mg_compression_name(m->comp));
		return;
	}
	set(g, C_SIGNED, ST_FAIL, fix_of(treason), "%s (%s)",
	    treason == MODGUARD_REASON_UNSIGNED ?
	    "no \"~Module signature appended~\" trailer" :
	    "the signature trailer is not what the kernel accepts",
	    modguard_reason_name(treason));
}

/*
 * The ids /proc/keys may name the signer's key by: its own, and the
 * certificate's (SKID, else serial) when one was found.
 */
static void signer_ids(const struct mg_signature *sig, char own[HEX_MAX],
		       char cert[HEX_MAX])
{
	const struct mg_pkcs7_signer *s = &sig->p7.signers[0];
	const u8 *ext = NULL, *serial = NULL, *skid;
	size_t ext_len = 0, serial_len = 0, n;

	n = s->id_len > MODGUARD_SIGNER_ID_MAX ? MODGUARD_SIGNER_ID_MAX :
						 s->id_len;
	mg_hex(s->id, n, own);
	cert[0] = '\0';
	if (sig->cert) {
		ext = sig->cert->v3_ext.p;
		ext_len = sig->cert->v3_ext.len;
		serial = sig->cert->serial.p;
		serial_len = sig->cert->serial.len;
	} else if (sig->xcert) {
		ext = sig->xcert->ids.ext;
		ext_len = sig->xcert->ids.ext_len;
		serial = sig->xcert->ids.serial;
		serial_len = sig->xcert->ids.serial_len;
	}
	if (ext && !mg_x509_skid(ext, ext_len, &skid, &n) &&
	    n <= MODGUARD_SIGNER_ID_MAX)
		mg_hex(skid, n, cert);
	else if (serial && serial_len <= MODGUARD_SIGNER_ID_MAX)
		mg_hex(serial, serial_len, cert);
}

static bool platform_enabled(void)
{
	char *v;
	int err;
	bool on;

	v = mg_sysfs_read("module/modguard/parameters/platform_keyring", &err);
	if (!v)
		return false;
	on = v[0] == 'Y' || v[0] == 'y' || v[0] == '1';
	free(v);
	return on;
}

/*
 * The keyrings and the signature bytes: revoked, then trusted (builtin,
 * secondary and what it links, .modguard, .platform when enabled), as
 * verify_pkcs7_message_sig() and kernel/verify.c try them.
 */
static void check_key(struct diag *g, const struct keys *ks,
		      const struct mg_signature *sig,
		      const struct mg_verify_result *vr, bool have_certs)
{
	static const char fix_modguard[] =
		"add the signer's certificate to .modguard: keyctl padd asymmetric \"\" %:.modguard < CERT.der (see the admin guide), or sign with a trusted key";
	static const char fix_kernel[] =
		"sign with a key the kernel trusts (.builtin_trusted_keys, .secondary_trusted_keys)";
	/* No .modguard keyring: modguard is not in this kernel. */
	const char *fix_trust = ring_serial(ks, ring_names[R_MODGUARD]) ?
				fix_modguard : fix_kernel;
	const struct mg_pkcs7_signer *s = &sig->p7.signers[0];
	bool c = sig->cert || sig->xcert;
	char own[HEX_MAX], cert[HEX_MAX], subject[128] = "";
	const char *ids[3];
	unsigned int rings, trusted;
	bool found, all_known = true;
	int r;

	/* The signature bytes, when a certificate for the signer was given. */
	if (vr->reason == MODGUARD_REASON_OK) {
		set(g, C_SIGNATURE, ST_OK, NULL,
		    "%s signature verifies with the certificate of %s",
		    vr->hash, vr->key);
	} else if (vr->reason == MODGUARD_REASON_UNTRUSTED_KEY) {
		set(g, C_SIGNATURE, ST_UNKNOWN,
		    "give the signer's certificate with --cert to check the signature bytes",
		    have_certs ? "no certificate given is the signer's: the signature bytes were not checked" :
		    "not checked: no --cert or --kernel given");
	} else {
		set(g, C_SIGNATURE, ST_FAIL, fix_of(vr->reason), "%s",
		    modguard_reason_name(vr->reason));
	}

	signer_ids(sig, own, cert);
	ids[0] = own;
	ids[1] = cert;
	ids[2] = NULL;
	if (!ks->known) {
		set(g, C_KEY, ST_UNKNOWN, "run as root, with /proc mounted",
		    "cannot read %s/keys", procfs());
		set(g, C_REVOKED, ST_UNKNOWN, "run as root, with /proc mounted",
		    "cannot read %s/keys", procfs());
		return;
	}
	rings = key_rings(ks, ids, &found, subject, sizeof(subject));
	for (r = 0; r < __R_MAX; r++)
		if (ring_serial(ks, ring_names[r]) && !ks->ring_known[r])
			all_known = false;
	if (!found && !c && !s->skid) {
		set(g, C_KEY, ST_UNKNOWN,
		    "give the signer's certificate with --cert",
		    "signer %s (issuer and serial): /proc/keys names keys by their subject key identifier, not by this serial",
		    own);
		set(g, C_REVOKED, ST_UNKNOWN,
		    "give the signer's certificate with --cert",
		    "the signer's key cannot be found by its serial");
		return;
	}

	if (rings & (1u << R_BLACKLIST)) {
		set(g, C_REVOKED, ST_FAIL, "sign with a key that is not revoked",
		    "the signer's key \"%s\" is on the revocation list (.blacklist): revoked-key",
		    subject);
		g->key = MODGUARD_REASON_REVOKED_KEY;
		g->key_known = true;
	} else if (!ks->ring_known[R_BLACKLIST] &&
		   ring_serial(ks, ring_names[R_BLACKLIST])) {
		set(g, C_REVOKED, ST_UNKNOWN, "run as root",
		    "cannot read the .blacklist keyring");
	} else {
		set(g, C_REVOKED, ST_OK, NULL, "the signer's key is not on the revocation list");
	}

	/* The loader's own check (sig_enforce) uses these, through .secondary. */
	g->loader_rings = rings & (1u << R_BUILTIN | 1u << R_SECONDARY |
				   1u << R_MACHINE);
	trusted = rings & (1u << R_BUILTIN | 1u << R_SECONDARY |
			   1u << R_MACHINE | 1u << R_MODGUARD);
	if (platform_enabled())
		trusted |= rings & (1u << R_PLATFORM);
	if (trusted) {
		for (r = 0; !(trusted & (1u << r)); r++)
			;
		set(g, C_KEY, ST_OK, NULL, "signer %s: key \"%s\" is in %s",
		    own, subject, ring_names[r]);
		if (!g->key_known) {
			g->key = MODGUARD_REASON_OK;
			g->key_known = true;
		}
		return;
	}
	if (found && (rings & (1u << R_PLATFORM))) {
		set(g, C_KEY, ST_FAIL,
		    "boot with modguard.platform_keyring=1, or add the certificate to .modguard",
		    "signer %s: key \"%s\" is only in .platform, which modguard does not trust here (untrusted-key)",
		    own, subject);
	} else if (found && !all_known) {
		set(g, C_KEY, ST_UNKNOWN, "run as root",
		    "signer %s: key \"%s\" is in /proc/keys, but the keyrings could not be read",
		    own, subject);
		return;
	} else {
		set(g, C_KEY, ST_FAIL, fix_trust,
		    "signer %s: %s (untrusted-key)", own,
		    found ? "its key is in no keyring modguard trusts" :
			    "no such key in the kernel's keyrings");
	}
	if (!g->key_known) {
		g->key = MODGUARD_REASON_UNTRUSTED_KEY;
		g->key_known = true;
	}
}

static void check_blacklist(struct diag *g, const struct keys *ks,
			    const char *image_hex, const char *payload_hex)
{
	bool image, payload;

	if (!ks->known) {
		set(g, C_BLACKLIST, ST_UNKNOWN, "run as root, with /proc mounted",
		    "cannot read %s/keys", procfs());
		return;
	}
	image = bin_listed(ks, image_hex);
	payload = bin_listed(ks, payload_hex);
	if (!image && !payload) {
		set(g, C_BLACKLIST, ST_OK, NULL,
		    "no bin: hash in .blacklist matches the image or the payload");
		return;
	}
	set(g, C_BLACKLIST, ST_FAIL,
	    "none: the module was banned on purpose (a bin: hash cannot be removed before reboot)",
	    "bin:%s (the sha256 of the %s) is in .blacklist: blacklisted-hash",
	    image ? image_hex : payload_hex, image ? "whole image" : "payload");
	g->blacklisted = true;
}

static void check_policy(struct diag *g, const struct modguard_facts *f)
{
	struct modguard_policy_error e = { 0 };
	struct modguard_policy *p = NULL;
	unsigned char *text;
	size_t len;
	int err;

	if (g->lsm_known && !g->active) {
		set(g, C_POLICY, ST_NA, NULL, "n/a: modguard is not active");
		return;
	}
	err = mg_sfs_read("policy", &text, &len);
	if (err) {
		set(g, C_POLICY, ST_UNKNOWN,
		    err == -EACCES || err == -EPERM ? "run as root" : NULL,
		    "cannot read %s/policy: %s", mg_sfs_root(), strerror(-err));
		return;
	}
	if (text[0]) {
		p = modguard_policy_parse((char *)text, len, &e);
		if (!p) {
			set(g, C_POLICY, ST_UNKNOWN, NULL,
			    "%s/policy:%u: %s", mg_sfs_root(), e.line, e.msg);
			free(text);
			return;
		}
	}
	free(text);
	modguard_evaluate_rules(p, f, &g->d);
	g->decided = true;
	if (g->d.rule && g->d.allow) {
		set(g, C_POLICY, ST_OK, NULL,
		    "rule \"%s:%u\" allows it by its digest, whatever its signature",
		    modguard_rule_kind_name(g->d.kind), g->d.rule->line);
	} else if (g->d.rule) {
		set(g, C_POLICY, ST_FAIL,
		    "remove the rule, if the module should load (modguardctl policy show; policy load)",
		    "rule \"%s:%u\" denies it: denied-by-policy",
		    modguard_rule_kind_name(g->d.kind), g->d.rule->line);
	} else if (g->d.reason == MODGUARD_REASON_SIGNER_NOT_ALLOWED) {
		set(g, C_POLICY, ST_FAIL,
		    "add an allow signer= rule for its key, or sign with an allowed key",
		    "the policy has allow signer= rules and none names this signer: signer-not-allowed");
	} else if (g->d.reason == MODGUARD_REASON_UNVERIFIABLE) {
		set(g, C_POLICY, ST_FAIL, NULL,
		    "the policy has deny name= rules and the module's name cannot be read: unverifiable");
	} else {
		set(g, C_POLICY, ST_OK, NULL, "%s",
		    p ? "no rule names this module" : "no policy in force");
	}
	modguard_policy_free(p);
}

static void check_mode(struct diag *g)
{
	struct mg_kstate k;

	mg_kstate_read(&k);
	g->lsm_known = !k.lsm_err;
	/* securityfs is mounted, and holds nothing of modguard. */
	g->absent = !k.lsm_err && !k.active && access(mg_sfs_root(), F_OK) &&
		    errno == ENOENT;
	if (k.lsm_err) {
		set(g, C_MODGUARD, ST_UNKNOWN, "mount securityfs",
		    "cannot read %s%s: %s", mg_sysfs_root(), MG_LSM_FILE,
		    strerror(-k.lsm_err));
	} else if (k.active) {
		g->active = true;
		set(g, C_MODGUARD, ST_OK, NULL, "active");
	} else if (g->absent) {
		set(g, C_MODGUARD, ST_WARN,
		    "boot a kernel built with modguard (CONFIG_SECURITY_MODGUARD) to have it decide",
		    "not in the running kernel (no %s): only the kernel's own loader rules apply",
		    mg_sfs_root());
	} else {
		set(g, C_MODGUARD, ST_WARN,
		    "add modguard to the lsm= boot parameter or CONFIG_LSM",
		    "not active: only the kernel's own loader rules apply");
	}
	g->mode = k.mode;
	g->locked = k.locked;
	mg_kstate_free(&k);
	if (g->lsm_known && !g->active) {
		set(g, C_MODE, ST_NA, NULL, "n/a: modguard is not active");
		return;
	}
	if (!g->mode) {
		set(g, C_MODE, ST_UNKNOWN, NULL, "cannot read the mode");
		return;
	}
	set(g, C_MODE, ST_OK, NULL, "%s, %s", g->mode,
	    g->locked < 0 ? "lock unknown (reading it needs root)" :
	    g->locked ? "locked until reboot" : "unlocked");
}

/*
 * The loader's own signature check (kernel/module/signing.c): with
 * module.sig_enforce=1 it refuses a module that no key of
 * .builtin_trusted_keys or .secondary_trusted_keys (which links .machine)
 * signed, before modguard is asked; without it, it loads the module and
 * taints the kernel. @sig is the signature verdict, when known.
 */
static void check_sig_enforce(struct diag *g, bool sig_known,
			      enum modguard_reason sig)
{
	char *v;
	int err;
	bool on;

	v = mg_sysfs_read(SIG_ENFORCE + 1, &err);
	if (!v && err == -ENOENT) {
		set(g, C_SIG_ENFORCE, ST_NA, NULL,
		    "n/a: no %s%s: the loader does not check signatures (no CONFIG_MODULE_SIG)",
		    mg_sysfs_root(), SIG_ENFORCE);
		return;
	}
	if (!v) {
		set(g, C_SIG_ENFORCE, ST_UNKNOWN, NULL, "cannot read %s%s: %s",
		    mg_sysfs_root(), SIG_ENFORCE, strerror(-err));
		return;
	}
	on = v[0] == 'Y' || v[0] == 'y' || v[0] == '1';
	free(v);
	if (!on) {
		set(g, C_SIG_ENFORCE, ST_OK, NULL,
		    "N: the loader itself loads a module whatever its signature (an untrusted one taints the kernel)");
	} else if (sig_known && sig != MODGUARD_REASON_OK) {
		set(g, C_SIG_ENFORCE, ST_FAIL,
		    "sign with a key of .builtin_trusted_keys or .secondary_trusted_keys",
		    "Y: the loader refuses a module without a valid signature by a key it trusts (%s), whatever modguard says",
		    modguard_reason_name(sig));
	} else if (sig_known && g->loader_rings) {
		set(g, C_SIG_ENFORCE, ST_OK, NULL,
		    "Y: the signer's key is in a keyring the loader trusts");
	} else if (sig_known) {
		set(g, C_SIG_ENFORCE, ST_FAIL,
		    "sign with a key of .builtin_trusted_keys or .secondary_trusted_keys",
		    "Y: the loader trusts .builtin_trusted_keys and .secondary_trusted_keys only, and the signer's key is in neither");
	} else {
		set(g, C_SIG_ENFORCE, ST_UNKNOWN, NULL,
		    "Y: whether the loader trusts the signer's key is not known here");
	}
}

static void check_vermagic(struct diag *g, const struct mg_module *m)
{
	enum modguard_modinfo_status st;
	char *release;
	const u8 *val;
	size_t vlen, rlen;
	int err;

	st = modguard_modinfo_get(m->image, m->t.payload_len, "vermagic", &val,
				  &vlen);
	if (st != MODGUARD_MODINFO_OK) {
		set(g, C_VERMAGIC, ST_FAIL, "rebuild the module",
		    "no vermagic in .modinfo (%s): the loader refuses it",
		    st == MODGUARD_MODINFO_NO_NAME ? "absent" :
		    modguard_modinfo_status_name(st));
		return;
	}
	release = read_rel(procfs(), "sys/kernel/osrelease", &err);
	if (!release) {
		set(g, C_VERMAGIC, ST_UNKNOWN, NULL,
		    "cannot read %s/sys/kernel/osrelease: %s", procfs(),
		    strerror(-err));
		return;
	}
	mg_chomp(release);
	rlen = strcspn((const char *)val, " ");
	if (rlen > vlen)
		rlen = vlen;
	if (rlen == strlen(release) && !memcmp(val, release, rlen)) {
		set(g, C_VERMAGIC, ST_OK, NULL,
		    "built for %s, the running kernel", release);
	} else {
		g->items[C_VERMAGIC].st = ST_FAIL;
		set(g, C_VERMAGIC, ST_FAIL,
		    "rebuild the module against the running kernel's headers (modprobe --force would make modguard ignore the signature: signature-ignored)",
		    "built for %.*s, the running kernel is %s: the loader refuses it (\"version magic\")",
		    (int)rlen, (const char *)val, release);
	}
	free(release);
}

static void conclude(struct diag *g)
{
	bool vermagic = g->items[C_VERMAGIC].st == ST_FAIL ||
			g->items[C_SIG_ENFORCE].st == ST_FAIL;
	bool deny = g->decided && !g->d.allow;

	if (deny && g->active && g->mode && !strcmp(g->mode, "permissive")) {
		set(g, C_MODE, ST_WARN,
		    "fix the failing checks before switching to enforcing",
		    "permissive, %s: modguard lets it load and records a would-deny; enforcing would refuse it",
		    g->locked > 0 ? "locked" : "unlocked");
		g->verdict = "would-deny";
	} else if (deny && g->active && g->mode) {
		g->verdict = "refused";
		g->refused = true;
	} else if (deny && g->active) {
		g->verdict = "unknown";
	} else {
		g->verdict = g->decided || !g->active ? "ok" : "unknown";
	}
	if (vermagic) {
		g->verdict = "refused";
		g->refused = true;
	}
}

static void print_text(const char *file, const struct diag *g)
{
	static const char *const tags[] = {
		[ST_OK] = "ok", [ST_FAIL] = "FAIL", [ST_WARN] = "warn",
		[ST_UNKNOWN] = "??",
		[ST_NA] = "n/a",
	};
	int c;

	printf("%s:\n", file);
	for (c = 0; c < __C_MAX; c++) {
		const struct item *it = &g->items[c];

		printf("  [%-4s] %-9s %s\n", tags[it->st], check_ids[c],
		       it->detail);
		if (it->fix)
			printf("         %-9s fix: %s\n", "", it->fix);
	}
	printf("verdict: %s", g->verdict);
	if (g->decided && !g->d.allow)
		printf(" (reason=%s)", modguard_reason_name(g->d.reason));
	putchar('\n');
}

static void print_json(const char *file, const struct diag *g)
{
	int c;

	fputs("{\"file\":", stdout);
	mg_json_string(stdout, file);
	printf(",\"verdict\":\"%s\",\"reason\":", g->verdict);
	if (g->decided)
		printf("\"%s\"", modguard_reason_name(g->d.reason));
	else
		fputs("null", stdout);
	fputs(",\"mode\":", stdout);
	if (g->mode)
		printf("\"%s\"", g->mode);
	else
		fputs("null", stdout);
	printf(",\"locked\":%s,\"checks\":[",
	       g->locked < 0 ? "null" : g->locked ? "true" : "false");
	for (c = 0; c < __C_MAX; c++) {
		const struct item *it = &g->items[c];

		printf("%s{\"check\":\"%s\",\"status\":\"%s\",\"detail\":",
		       c ? "," : "", check_ids[c], status_names[it->st]);
		mg_json_string(stdout, it->detail);
		fputs(",\"fix\":", stdout);
		if (it->fix)
			mg_json_string(stdout, it->fix);
		else
			fputs("null", stdout);
		putchar('}');
	}
	fputs("]}\n", stdout);
}

/*
 * An algorithm modguardctl refuses by name (ML-DSA) that the running
 * kernel may verify: Linux 7.0 and later know ML-DSA (with
 * CONFIG_CRYPTO_MLDSA), 6.x refuses it as unsupported-crypto as verify
 * does. Sets @release (to free) for the message.
 */
static bool kernel_may_verify(const struct mg_verify_result *vr,
			      char **release)
{
	int err;

	*release = NULL;
	if (vr->reason != MODGUARD_REASON_UNSUPPORTED_CRYPTO ||
	    !vr->unsupported)
		return false;
	*release = read_rel(procfs(), "sys/kernel/osrelease", &err);
	if (!*release)
		return true;	/* which kernel is not known: nor the verdict */
	mg_chomp(*release);
	if (atoi(*release) >= 7)
		return true;
	free(*release);
	*release = NULL;
	return false;
}

/*
 * The signature verdict the kernel would reach (kernel/verify.c's order):
 * a bin: hash in .blacklist first; then what the trust library found in
 * the file (trailer, PKCS#7, and the signature bytes when the signer's
 * certificate was given); then where the running kernel keeps the
 * signer's key. False when that cannot be told here.
 */
static bool signature_fact(const struct diag *g,
			   const struct mg_verify_result *vr,
			   enum modguard_reason *sig)
{
	if (g->blacklisted)
		*sig = MODGUARD_REASON_BLACKLISTED_HASH;
	else if (g->sig_unknown)
		return false;
	else if (vr->reason != MODGUARD_REASON_OK &&
		 vr->reason != MODGUARD_REASON_UNTRUSTED_KEY)
		*sig = vr->reason;
	else if (g->key_known)
		*sig = g->key;
	else
		return false;
	return true;
}

/* Everything about one file; MG_EXIT_FAILED when it would be refused. */
static int diagnose(const char *file, const struct mg_anchors *a,
		    struct mg_trust *trust)
{
	char name[MODGUARD_NAME_MAX + 1], msg[256];
	char image_hex[DIGEST_HEX], payload_hex[DIGEST_HEX];
	u8 image_digest[MODGUARD_DIGEST_LEN];
	struct diag g = { .locked = -1 };
	struct modguard_facts f = { 0 };
	struct mg_verify_result vr;
	struct mg_signature sig;
	struct keys ks = { 0 };
	struct mg_module m;
	char *release;
	bool sig_known;
	int ret = MG_EXIT_OK;

	if (mg_module_read(file, a->max, &m, msg, sizeof(msg))) {
		mg_err("%s: %s", file, msg);
		mg_module_free(&m);
		return MG_EXIT_FAILED;
	}
	/* One pass for both; the trust library reuses the payload's. */
	if (mg_digests_image(&m.d, m.len, image_digest)) {
		mg_err("%s: sha256 failed (libcrypto)", file);
		mg_module_free(&m);
		return MG_EXIT_FAILED;
	}
	mg_hex(image_digest, sizeof(image_digest), image_hex);
	mg_hex(m.d.md[MG_HASH_SHA256], MODGUARD_DIGEST_LEN, payload_hex);
	mg_verify_module(&m, trust, &sig, &vr);
	load_keys(&ks);

	check_mode(&g);
	check_signed(&g, &m, &vr);
	check_blacklist(&g, &ks, image_hex, payload_hex);
	if (m.treason == MODGUARD_REASON_OK && !sig.p7_err) {
		check_key(&g, &ks, &sig, &vr, a->n_certs > 0 || a->kernel);
	} else if (kernel_may_verify(&vr, &release)) {
		g.sig_unknown = true;
		set(&g, C_SIGNATURE, ST_UNKNOWN, NULL,
		    "signed with %s, which modguardctl does not verify; this kernel (%s) verifies it if built with CONFIG_CRYPTO_MLDSA",
		    vr.unsupported, release ? release : "version unknown");
		set(&g, C_KEY, ST_UNKNOWN, NULL,
		    "signer %s: not checked (%s)", vr.signer, vr.unsupported);
		set(&g, C_REVOKED, ST_UNKNOWN, NULL, "not checked (%s)",
		    vr.unsupported);
		free(release);
	} else {
		const char *why = m.treason == MODGUARD_REASON_OK ?
				  "the signature does not parse" :
				  "not signed";

		if (m.treason == MODGUARD_REASON_OK)
			set(&g, C_SIGNATURE, ST_FAIL, fix_of(vr.reason), "%s",
			    modguard_reason_name(vr.reason));
		else
			set(&g, C_SIGNATURE, ST_FAIL, NULL, "%s", why);
		set(&g, C_KEY, ST_FAIL, NULL, "no signer: %s", why);
		set(&g, C_REVOKED, ST_OK, NULL, "no signer: %s", why);
	}

	/* The facts of kernel/eval.c, decided by the shared decision code. */
	sig_known = signature_fact(&g, &vr, &f.sig);
	if (!sig_known)
		f.sig = MODGUARD_REASON_OK;
	f.digest = m.d.md[MG_HASH_SHA256];
	if (modguard_module_name(m.image, m.t.payload_len,
				 MODGUARD_MODULE_NAME_OFFSET, name,
				 sizeof(name)) == MODGUARD_MODINFO_OK)
		f.name = name;
	if (sig.have_sid) {
		f.signer = sig.sid.id;
		f.signer_len = sig.sid.len;
	}
	check_policy(&g, &f);
	check_sig_enforce(&g, sig_known, f.sig);
	check_vermagic(&g, &m);
	conclude(&g);
	if (!sig_known && g.decided && g.d.allow && !g.d.rule)
		g.verdict = "unknown";

	if (a->json)
		print_json(file, &g);
	else
		print_text(file, &g);
	if (g.refused)
		ret = MG_EXIT_FAILED;
	free_keys(&ks);
	mg_module_free(&m);
	return ret;
}

/* The running kernel's major version, or 0 when it cannot be read. */
static int running_major(void)
{
	char *release;
	int err, major;

	release = read_rel(procfs(), "sys/kernel/osrelease", &err);
	if (!release)
		return 0;
	major = atoi(release);
	free(release);
	return major;
}

/*
 * A file of the running kernel where Debian installs it,
 * /boot/NAME-$(uname -r) ($MODGUARD_BOOT replaces /boot), when it can be
 * read: the image (vmlinuz), whose builtin certificates find
 * issuer-and-serial signers, and the configuration (config).
 */
static char *boot_file(const char *name)
{
	const char *boot = getenv("MODGUARD_BOOT");
	char *release, *path;
	int err;

	release = read_rel(procfs(), "sys/kernel/osrelease", &err);
	if (!release)
		return NULL;
	mg_chomp(release);
	if (asprintf(&path, "%s/%s-%s", boot && *boot ? boot : "/boot", name,
		     release) < 0)
		path = NULL;
	free(release);
	if (path && access(path, R_OK)) {
		free(path);
		path = NULL;
	}
	return path;
}

/* Whether kernel configuration @text (NUL-terminated) has the line @line. */
static bool config_has(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p;

	for (p = text; (p = strstr(p, line)); p += n)
		if ((p == text || p[-1] == '\n') &&
		    (p[n] == '\n' || p[n] == '\0'))
			return true;
	return false;
}

/*
 * ML-DSA as the running 7.x kernel's configuration in /boot says it reads
 * it: without CONFIG_CRYPTO_MLDSA no ML-DSA signature verifies
 * (crypto_alloc_sig() fails: -EKEYREJECTED); without
 * CONFIG_PKCS7_WAIVE_AUTHATTRS_REJECTION_FOR_MLDSA (which sign-file with
 * OpenSSL 3 needs) signed attributes are refused. Left as verify takes
 * them (both set) when there is no configuration to read.
 */
static void running_mldsa_config(struct mg_trust *t)
{
	char *path = boot_file("config");
	unsigned char *text;
	size_t len;

	if (!path)
		return;
	if (mg_read_file(path, &text, &len)) {
		free(path);
		return;
	}
	free(path);
	t->mldsa_crypto = config_has((char *)text, "CONFIG_CRYPTO_MLDSA=y") ||
			  config_has((char *)text, "CONFIG_CRYPTO_MLDSA=m");
	t->mldsa_attrs = config_has((char *)text,
				    "CONFIG_PKCS7_WAIVE_AUTHATTRS_REJECTION_FOR_MLDSA=y");
	free(text);
}

static int cmd_diagnose(const struct mg_cmd *cmd, int argc, char *argv[])
{
	struct mg_anchors a = { 0 };
	struct mg_trust trust;
	int status, major, i;

	while (mg_anchors_getopt(cmd, argc, argv, &a, &status) != -1) {
		/* Only MG_OPT_EXIT: diagnose has no other option. */
		mg_anchors_free(&a);
		return status;
	}
	if (optind >= argc) {
		mg_anchors_free(&a);
		return mg_usage_error(cmd, "missing FILE");
	}
	if (mg_anchors_read(&a)) {
		mg_anchors_free(&a);
		return MG_EXIT_FAILED;
	}
	/* Without --kernel, the running kernel's image if it is there. */
	if (!a.kernel)
		mg_anchors_set_kernel(&a, boot_file("vmlinuz"));
	if (mg_anchors_trust(&a, &trust, false)) {
		mg_anchors_free(&a);
		return MG_EXIT_FAILED;
	}
	/* Revocation comes from the running kernel's .blacklist here. */
	mg_trust_drop_revoked(&trust);
	/*
	 * ML-DSA as the running kernel reads it: 6.x refuses it; 7.x as it
	 * is configured.
	 */
	major = running_major();
	if (trust.mldsa && major && major < 7)
		trust.mldsa = false;
	if (trust.mldsa)
		running_mldsa_config(&trust);
	status = MG_EXIT_OK;
	for (i = optind; i < argc; i++) {
		if (diagnose(argv[i], &a, &trust))
			status = MG_EXIT_FAILED;
		fflush(stdout);
	}
	mg_trust_free(&trust);
	mg_anchors_free(&a);
	return status;
}

static const struct mg_option diagnose_options[] = {
	MG_OPT_CERT("The signer's certificate (DER or PEM), to check the signature bytes and find an issuer-and-serial signer's key; repeatable"),
	MG_OPT_KERNEL("Also the certificates built into a kernel image, as --cert (default: /boot/vmlinuz-$(uname -r) when readable)"),
	MG_OPT_JSON("One JSON object per FILE"),
	MG_OPT_MAX_SIZE(MG_MAX_SIZE_HELP),
	MG_OPTIONS_END
};

const struct mg_cmd mg_cmd_diagnose = {
	.name = "diagnose",
	.fn = cmd_diagnose,
	.args = "FILE...",
	.help = "Say whether this host would load a module, and why not",
	.desc = "Checks each module FILE against the running kernel, in the kernel's\n"
		"order, and prints a checklist with a fix for each failing item:\n"
		"  modguard   whether the LSM is active\n"
		"  signed     the signature trailer\n"
		"  signature  the PKCS#7 and, with --cert, the signature bytes\n"
		"  key        the signer and the keyring holding its key (/proc/keys)\n"
		"  revoked    the signer's key on the revocation list (.blacklist)\n"
		"  blacklist  a bin: hash of the image or payload in .blacklist\n"
		"  policy     the rule of the policy in force that decides, if any\n"
		"  mode       enforcing or permissive, and the lock\n"
		"  sig_enforce  the loader's own check (module.sig_enforce): with it,\n"
		"             the loader refuses a module no key of\n"
		"             .builtin_trusted_keys or .secondary_trusted_keys signed\n"
		"  vermagic   the release the module was built for, against the\n"
		"             running kernel's\n"
		"then \"verdict: ok|refused|would-deny|unknown (reason=NAME)\". Each item is\n"
		"ok, FAIL, warn, ?? (unknown: not readable here, e.g. not root) or n/a\n"
		"(does not apply: policy and mode when modguard is not active,\n"
		"sig_enforce on a kernel that does not check signatures). On a kernel\n"
		"without modguard (securityfs mounted, no modguard directory) the\n"
		"modguard item says so, and the fixes do not name its .modguard keyring.\n"
		"Without --kernel, the certificates built into the running kernel's\n"
		"image, /boot/vmlinuz-$(uname -r), are used when it can be read.\n"
		"MODGUARD_PROCFS replaces /proc, MODGUARD_SYSFS /sys, MODGUARD_BOOT /boot,\n"
		"MODGUARD_SECURITYFS the modguard directory, and MODGUARD_KEYRINGS, a\n"
		"directory of files named\n"
		"after the keyrings holding what \"keyctl rlist\" prints, replaces reading\n"
		"the keyrings (for tests).\n"
		"\n"
		"Exit status: 0 when no FILE would be refused; 1 when one would be\n"
		"refused (enforcing mode, sig_enforce, or a vermagic mismatch) or\n"
		"cannot be read;\n"
		"2 usage error.",
	.options = diagnose_options,
};
