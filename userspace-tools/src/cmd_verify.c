// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl verify, scan - check appended module signatures offline
 *
 * Each file is read by the module reader (module.c) and judged by the
 * trust library (trust.c), which follow the kernel's steps and order;
 * these commands parse their options, run a pool of threads (scan),
 * and print.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "anchors.h"
#include "command.h"
#include "module.h"
#include "trust.h"
#include "util.h"

#define MAX_JOBS	1024

struct verify_opts {
	struct mg_anchors a;
	unsigned int jobs;
};

/* A CN for the text line: spaces, controls and backslashes as \xHH. */
static void print_key(const char *key)
{
	const unsigned char *p;

	for (p = (const unsigned char *)key; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7f || *p == '\\')
			printf("\\x%02x", *p);
		else
			putchar(*p);
	}
}

/* Everything verify says about @file, without printing. */
static void verify_file(const char *file, size_t max,
			struct mg_trust *trust, struct mg_verify_result *r)
{
	struct mg_module m;

	if (mg_module_read(file, max, &m, r->msg,
			   sizeof(r->msg))) {
		memset(r, 0, offsetof(struct mg_verify_result, msg));
		r->error = true;
	} else {
		mg_verify_module(&m, trust, NULL, r);
	}
	mg_module_free(&m);
}

/* A value of the result in JSON: "?" (absent) is null. */
static void json_value(const char *key, const char *v)
{
	printf(",\"%s\":", key);
	mg_json_opt(stdout, v);
}

/*
 * One file: the verify line, or in JSON an object with the same keys
 * for every file, one that could not be read included (verdict "error",
 * its message in "error").
 */
static void print_result(const char *file, const struct mg_verify_result *r,
			 bool json)
{
	const char *verdict = r->error ? "error" :
			      r->reason == MODGUARD_REASON_OK ? "ok" : "refused";

	if (!json) {
		/* A name with a newline is escaped, as hash escapes it. */
		if (mg_file_escaped(file))
			putchar('\\');
		mg_print_file(file);
		printf(": %s reason=%s signer=%s key=", verdict,
		       modguard_reason_name(r->reason), r->signer);
		print_key(r->key);
		printf(" hash=%s sig_digest=%s digest=%s\n", r->hash,
		       r->sig_digest, r->digest);
		return;
	}
	fputs("{\"file\":", stdout);
	mg_json_string(stdout, file);
	printf(",\"verdict\":\"%s\"", verdict);
	json_value("reason", r->error ? NULL : modguard_reason_name(r->reason));
	json_value("signer", r->error ? NULL : r->signer);
	json_value("key", r->error ? NULL : r->key);
	json_value("hash", r->error ? NULL : r->hash);
	json_value("sig_digest", r->error ? NULL : r->sig_digest);
	json_value("digest", r->error ? NULL : r->digest);
	json_value("error", r->error ? r->msg : NULL);
	fputs("}\n", stdout);
}

/*
 * A signature algorithm refused by name (ML-DSA): the kernel's verdict
 * depends on its version and configuration, so say which it is: without
 * ML-DSA in libcrypto, modguardctl refuses it as 6.x does; with it, only
 * as a 6.x kernel image given with --kernel does.
 */
static void note_unsupported(const char *file,
			     const struct mg_verify_result *r)
{
	if (r->error || !r->unsupported)
		return;
	/* With ML-DSA in libcrypto, only a 6.x --kernel image refuses it. */
	if (mg_mldsa_available())
		mg_err("%s: signed with %s: unsupported-crypto, as Linux 6.12 and the kernel image given (older than 7.0) read it; Linux 7.0 and later verify it when built with CONFIG_CRYPTO_MLDSA",
		       file, r->unsupported);
	else
		mg_err("%s: signed with %s, which modguardctl does not verify (unsupported-crypto); Linux 6.12 refuses it the same way, Linux 7.0 and later verify it when built with CONFIG_CRYPTO_MLDSA",
		       file, r->unsupported);
}

/*
 * Options of verify and scan, and the trust they name loaded into @trust
 * (a bad --cert is refused here, once, before any thread sees it); 0 when
 * done, -1 after --help or --version, else the exit status.
 */
static int parse_opts(const struct mg_cmd *cmd, int argc, char *argv[],
		      struct verify_opts *o, struct mg_trust *trust)
{
	int status, c;
	char *end;
	long n;

	while ((c = mg_anchors_getopt(cmd, argc, argv, &o->a, &status)) != -1) {
		switch (c) {
		case MG_LONG_ONLY + 'J':
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || n < 1 ||
			    n > MAX_JOBS)
				return mg_usage_error(cmd,
						      "invalid number of jobs '%s'",
						      optarg);
			o->jobs = n;
			break;
		case MG_OPT_EXIT:
			return status ? status : -1;
		}
	}
	if (optind >= argc)
		return mg_usage_error(cmd, "missing %s", cmd->args);
	if (mg_anchors_read(&o->a))
		return MG_EXIT_FAILED;
	if (!o->a.n_certs && !o->a.kernel)
		mg_err("no trust anchor given: every signed module will be refused as untrusted-key (give one with --cert FILE or --kernel IMAGE)");
	if (mg_anchors_trust(&o->a, trust, false))
		return MG_EXIT_FAILED;
	return 0;
}

static void free_opts(struct verify_opts *o)
{
	mg_anchors_free(&o->a);
}

static int cmd_verify(const struct mg_cmd *cmd, int argc, char *argv[])
{
	struct verify_opts o = { 0 };
	struct mg_verify_result r;
	struct mg_trust trust;
	int status, i;

	status = parse_opts(cmd, argc, argv, &o, &trust);
	if (status) {
		free_opts(&o);
		return status < 0 ? MG_EXIT_OK : status;
	}
	for (i = optind; i < argc; i++) {
		verify_file(argv[i], o.a.max, &trust, &r);
		if (r.error)
			mg_err("%s: %s", argv[i], r.msg);
		note_unsupported(argv[i], &r);
		if (!r.error || o.a.json)
			print_result(argv[i], &r, o.a.json);
		if (r.error || r.reason != MODGUARD_REASON_OK)
			status = MG_EXIT_FAILED;
		/* Keep output in order with the messages on stderr. */
		fflush(stdout);
	}
	mg_trust_free(&trust);
	free_opts(&o);
	return status;
}

/*
 * scan: the files found, verified by a pool of threads. A path the walk
 * could not read (an unreadable directory, a DIR that does not exist)
 * is an entry too, with its errno, so that it is reported and counted
 * as an error like a module that cannot be read.
 */
struct scan_entry {
	char *path;
	int walk_errno;
};

struct scan {
	const struct verify_opts *o;
	struct scan_entry *files;
	struct mg_verify_result *results;
	size_t n, cap;
	atomic_size_t next;
	atomic_size_t done;
};

/* nftw() has no user pointer. */
static struct scan *walking;

static bool module_name(const char *path)
{
	static const char *const suffixes[] = {
		".ko", ".ko.xz", ".ko.zst", ".ko.gz" };
	size_t len = strlen(path), i, s;

	for (i = 0; i < ARRAY_SIZE(suffixes); i++) {
		s = strlen(suffixes[i]);
		if (len > s && !strcmp(path + len - s, suffixes[i]))
			return true;
	}
	return false;
}

/* Add @path, with the errno that kept the walk from reading it, or 0. */
static int add_entry(struct scan *sc, const char *path, int err)
{
	struct scan_entry *files;

	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? 2 * sc->cap : 64;
		files = realloc(sc->files, sc->cap * sizeof(*files));
		if (!files)
			return -1;
		sc->files = files;
	}
	sc->files[sc->n].path = strdup(path);
	if (!sc->files[sc->n].path)
		return -1;
	sc->files[sc->n].walk_errno = err;
	sc->n++;
	return 0;
}

static int walk_one(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DNR || flag == FTW_NS)
		return add_entry(walking, path, errno ? errno : EACCES);
	if (flag != FTW_F || !module_name(path))
		return 0;
	return add_entry(walking, path, 0);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct scan_entry *)a)->path,
		      ((const struct scan_entry *)b)->path);
}

/*
 * Each worker parses the certificates itself: mbedTLS caches ECDSA
 * tables in the key and locks RSA contexts, so nothing is shared.
 */
static void *worker(void *arg)
{
	const struct verify_opts *o = ((struct scan *)arg)->o;
	struct scan *sc = arg;
	struct mg_verify_result *r;
	struct mg_trust trust;
	bool loaded;
	size_t i;

	/* cmd_scan() loaded them once: only out of memory fails here. */
	loaded = !mg_anchors_trust(&o->a, &trust, true);
	while ((i = atomic_fetch_add(&sc->next, 1)) < sc->n) {
		r = &sc->results[i];
		if (loaded && !sc->files[i].walk_errno) {
			verify_file(sc->files[i].path, o->a.max, &trust, r);
		} else {
			memset(r, 0, sizeof(*r));
			r->error = true;
			snprintf(r->msg, sizeof(r->msg), "%s",
				 loaded ? strerror(sc->files[i].walk_errno) :
					  "the certificates could not be loaded");
		}
		atomic_fetch_add(&sc->done, 1);
	}
	if (loaded)
		mg_trust_free(&trust);
	return NULL;
}

/*
 * On a terminal, "scan: DONE/TOTAL files" on stderr, redrawn ten times a
 * second until the workers are done, then erased; nothing when stderr is
 * a pipe or a file. The main thread only reads a counter.
 */
static void show_progress(struct scan *sc)
{
	const struct timespec tick = { 0, 100 * 1000 * 1000 };
	size_t done;

	if (!sc->n || !isatty(STDERR_FILENO))
		return;
	do {
		done = atomic_load(&sc->done);
		fprintf(stderr, "\rscan: %zu/%zu files", done, sc->n);
		fflush(stderr);
		if (done < sc->n)
			nanosleep(&tick, NULL);
	} while (done < sc->n);
	fputs("\r\033[K", stderr);
	fflush(stderr);
}

static void print_summary(const struct scan *sc, const size_t *counts,
			  size_t ok, size_t errors, bool json)
{
	bool first = true;
	unsigned int i;

	if (json) {
		printf("{\"summary\":{\"files\":%zu,\"ok\":%zu,\"refused\":%zu,\"errors\":%zu,\"reasons\":{",
		       sc->n, ok, sc->n - ok - errors, errors);
		for (i = 0; i < __MODGUARD_REASON_MAX; i++) {
			if (!counts[i] || i == MODGUARD_REASON_OK)
				continue;
			printf("%s\"%s\":%zu", first ? "" : ",",
			       modguard_reason_name(i), counts[i]);
			first = false;
		}
		fputs("}}}\n", stdout);
		return;
	}
	printf("summary: files=%zu ok=%zu refused=%zu errors=%zu\n", sc->n,
	       ok, sc->n - ok - errors, errors);
	for (i = 0; i < __MODGUARD_REASON_MAX; i++)
		if (counts[i] && i != MODGUARD_REASON_OK)
			printf("reason=%s count=%zu\n",
			       modguard_reason_name(i), counts[i]);
}

static int cmd_scan(const struct mg_cmd *cmd, int argc, char *argv[])
{
	size_t counts[__MODGUARD_REASON_MAX] = { 0 };
	struct verify_opts o = { 0 };
	struct scan sc = { .o = &o };
	pthread_t threads[MAX_JOBS];
	unsigned int started = 0, t;
	size_t i, ok = 0, errors = 0;
	struct mg_trust trust;
	int status, a;
	long cpus;

	status = parse_opts(cmd, argc, argv, &o, &trust);
	if (status) {
		free_opts(&o);
		return status < 0 ? MG_EXIT_OK : status;
	}
	/* Each worker loads its own (see worker()). */
	mg_trust_free(&trust);

	walking = &sc;
	for (a = optind; a < argc; a++) {
		errno = 0;
		if (nftw(argv[a], walk_one, 32, FTW_PHYS) == 0)
			continue;
		/* The DIR itself (ENOENT...), or out of memory in walk_one(). */
		if (errno && errno != ENOMEM && !add_entry(&sc, argv[a], errno))
			continue;
		mg_err("%s: %s", argv[a], strerror(errno ? errno : ENOMEM));
		status = MG_EXIT_FAILED;
	}
	walking = NULL;
	if (sc.n)
		qsort(sc.files, sc.n, sizeof(*sc.files), cmp_path);

	sc.results = calloc(sc.n ? sc.n : 1, sizeof(*sc.results));
	if (!sc.results) {
		mg_err("out of memory");
		status = MG_EXIT_FAILED;
		goto out_free;
	}
	if (!o.jobs) {
		cpus = sysconf(_SC_NPROCESSORS_ONLN);
		o.jobs = cpus < 1 ? 1 : cpus > MAX_JOBS ? MAX_JOBS : cpus;
	}
	if (o.jobs > sc.n)
		o.jobs = sc.n ? sc.n : 1;
	for (t = 0; t < o.jobs; t++) {
		if (pthread_create(&threads[t], NULL, worker, &sc))
			break;
		started++;
	}
	if (!started)
		worker(&sc);
	else
		show_progress(&sc);
	for (t = 0; t < started; t++)
		pthread_join(threads[t], NULL);

	/* Text: the refused files; JSON: every file, an inventory. */
	for (i = 0; i < sc.n; i++) {
		struct mg_verify_result *r = &sc.results[i];

		if (r->error) {
			mg_err("%s: %s", sc.files[i].path, r->msg);
			errors++;
		} else {
			counts[r->reason]++;
			if (r->reason == MODGUARD_REASON_OK)
				ok++;
		}
		note_unsupported(sc.files[i].path, r);
		if (o.a.json || (!r->error && r->reason != MODGUARD_REASON_OK))
			print_result(sc.files[i].path, r, o.a.json);
		fflush(stdout);
	}
	print_summary(&sc, counts, ok, errors, o.a.json);
	if (ok != sc.n)
		status = MG_EXIT_FAILED;
out_free:
	for (i = 0; i < sc.n; i++)
		free(sc.files[i].path);
	free(sc.files);
	free(sc.results);
	free_opts(&o);
	return status;
}

static const struct mg_option verify_options[] = {
	MG_OPT_CERT("A trusted certificate (DER, or PEM with one or more); repeatable"),
	MG_OPT_KERNEL("Trust the certificates built into a kernel image (vmlinux or bzImage) and refuse its revoked ones"),
	MG_OPT_JSON("One JSON object per file"),
	MG_OPT_MAX_SIZE(MG_MAX_SIZE_HELP),
	MG_OPTIONS_END
};

static const struct mg_option scan_options[] = {
	MG_OPT_CERT("A trusted certificate (DER, or PEM with one or more); repeatable"),
	MG_OPT_KERNEL("As for verify"),
	{ "jobs", required_argument, MG_LONG_ONLY + 'J', "N",
	  "Verify with N threads (default: one per online CPU)" },
	MG_OPT_JSON("One JSON object per file found (an inventory, errors included), then a summary object"),
	MG_OPT_MAX_SIZE(MG_MAX_SIZE_HELP),
	MG_OPTIONS_END
};

const struct mg_cmd mg_cmd_verify = {
	.name = "verify",
	.fn = cmd_verify,
	.args = "FILE...",
	.help = "Check module signatures as the kernel would, against given certificates",
	.desc = "Checks the appended signature of each module FILE (\"-\" is standard\n"
		"input) the way the kernel's loader does: decompressed (gzip, xz,\n"
		"zstd), split at the trailer, the PKCS#7 walked with the kernel's rules\n"
		"for module signatures, the signer looked up by issuer and serial or\n"
		"by subjectKeyIdentifier among the --cert certificates, which stand\n"
		"in for the kernel's trusted keyrings. Validity dates are not checked,\n"
		"as the kernel does not. Prints\n"
		"  FILE: ok|refused reason=NAME signer=HEX key=CN hash=ALG sig_digest=HEX\n"
		"        digest=HEX\n"
		"where reason is what modguard would log, key the subject CN of the\n"
		"certificate found (spaces as \\x20), hash the signature's hash\n"
		"algorithm and sig_digest the payload's digest with it (what the\n"
		"signature signs), digest the policy digest: the sha256 of the payload,\n"
		"what hash prints and digest= rules name (of the whole image when the\n"
		"trailer is malformed, as hash); ? when absent. A FILE with a newline or\n"
		"a backslash in its name is written as hash writes it: the line starts\n"
		"with a backslash, and those two are \\n and \\\\.\n"
		"With --kernel IMAGE (a vmlinux, or a bzImage whose gzip, xz or zstd\n"
		"payload is decompressed), the certificates built into that kernel are\n"
		"trusted too (its system certificate list: see 'certs') and those of its\n"
		"revocation list refuse a module as revoked-key. Keys added at run time\n"
		"(.secondary, .machine, .modguard) and the hash blacklist are not known\n"
		"here: diagnose reads them from the running kernel. Without --cert or\n"
		"--kernel nothing is trusted: a line on stderr says so, and every\n"
		"signed module is refused as untrusted-key. --cert - reads a\n"
		"certificate from standard input.\n"
		"With --json, one object per FILE, one that could not be read included:\n"
		"  {\"file\":F,\"verdict\":\"ok\"|\"refused\"|\"error\",\"reason\":R,\"signer\":S,\n"
		"   \"key\":K,\"hash\":H,\"sig_digest\":SD,\"digest\":D,\"error\":MESSAGE}\n"
		"with null for what is absent (error is null unless the verdict is error).\n"
		"Exit status: 0 when every file is ok; 1 when one is refused, cannot\n"
		"be read or is larger than --max-size, or a --cert or --kernel file\n"
		"cannot be used; 2 usage error.",
	.options = verify_options,
};

const struct mg_cmd mg_cmd_scan = {
	.name = "scan",
	.fn = cmd_scan,
	.args = "DIR...",
	.help = "Verify every module under directories, in parallel",
	.desc = "Walks each DIR (symbolic links are not followed) for files named\n"
		"*.ko, *.ko.xz, *.ko.zst and *.ko.gz, verifies them as verify does\n"
		"with a thread per CPU, and prints, sorted by path, the verify line\n"
		"of each refused file, then\n"
		"  summary: files=N ok=N refused=N errors=N\n"
		"and one \"reason=NAME count=N\" line per reason met. A file, a\n"
		"directory or a DIR that cannot be read is an error, with a message on\n"
		"stderr, and is counted in files= and errors=. With --json, the verify\n"
		"object of every file found, sorted by path (an inventory: verdict,\n"
		"reason, signer, digest; the errors with their message), then\n"
		"{\"summary\":{\"files\":N,\"ok\":N,\"refused\":N,\"errors\":N,\"reasons\":{R:N}}}.\n"
		"Without --cert or --kernel, as for verify. On a terminal, stderr\n"
		"shows the progress (scan: DONE/TOTAL files) while the files are\n"
		"verified, and the line is erased at the end; piped, nothing.\n"
		"\n"
		"Exit status: 0 when every module would load; 1 otherwise (one is\n"
		"refused or cannot be read, a DIR cannot be walked, a --cert or\n"
		"--kernel file cannot be used); 2 usage error.",
	.options = scan_options,
};
