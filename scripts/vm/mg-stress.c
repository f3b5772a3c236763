// SPDX-License-Identifier: GPL-2.0-only
/*
 * mg-stress - load modules in a tight loop for the stress scenario, with
 * no fork per load, and count what happened.
 *
 *   mg-stress ROUNDS SPEC...
 *
 * SPEC is OP:FILE:MODULE:CLASS. OP is finit, finitc (finit_module with
 * MODULE_INIT_COMPRESSED_FILE) or init; CLASS is good (modguard allows it)
 * or bad (modguard refuses it in enforcing mode). Each round tries every
 * SPEC once, in order; a load that succeeds is unloaded at once. init
 * maps each file once, up front.
 *
 * Prints one line per class:
 *   CLASS attempts=N ok=N eperm=N other=N
 * "other" is any other failure (the loader's own refusals, ENOMEM). Exits
 * 0, or 2 on a usage or setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef MODULE_INIT_COMPRESSED_FILE
#define MODULE_INIT_COMPRESSED_FILE 4
#endif

enum { GOOD, BAD, NCLASS };

struct spec {
	const char *op, *file, *module;
	int class;
	void *image;
	size_t len;
};

struct tally {
	long attempts, ok, eperm, other;
};

/* The whole file, mapped once: init_module copies it from there. */
static void *map_file(const char *path, size_t *len)
{
	struct stat st;
	void *p;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || st.st_size == 0) {
		close(fd);
		return NULL;
	}
	p = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	*len = st.st_size;
	return p == MAP_FAILED ? NULL : p;
}

static int parse(char *arg, struct spec *s)
{
	char *class;

	s->op = strtok(arg, ":");
	s->file = strtok(NULL, ":");
	s->module = strtok(NULL, ":");
	class = strtok(NULL, ":");
	if (!s->op || !s->file || !s->module || !class)
		return -1;
	if (!strcmp(class, "good"))
		s->class = GOOD;
	else if (!strcmp(class, "bad"))
		s->class = BAD;
	else
		return -1;
	if (!strcmp(s->op, "init")) {
		s->image = map_file(s->file, &s->len);
		if (!s->image) {
			perror(s->file);
			return -1;
		}
	} else if (strcmp(s->op, "finit") && strcmp(s->op, "finitc")) {
		return -1;
	}
	return 0;
}

static long load(const struct spec *s)
{
	long ret;
	int fd;

	if (s->image)
		return syscall(SYS_init_module, s->image, s->len, "");
	fd = open(s->file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = syscall(SYS_finit_module, fd, "",
		      strcmp(s->op, "finitc") ? 0 :
		      MODULE_INIT_COMPRESSED_FILE);
	close(fd);
	return ret;
}

int main(int argc, char **argv)
{
	static const char *const names[NCLASS] = { "good", "bad" };
	struct tally t[NCLASS] = { 0 };
	struct spec *specs;
	long rounds, r;
	int i, n;

	if (argc < 3 || (rounds = strtol(argv[1], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: mg-stress ROUNDS OP:FILE:MODULE:CLASS...\n");
		return 2;
	}
	n = argc - 2;
	specs = calloc(n, sizeof(*specs));
	if (!specs)
		return 2;
	for (i = 0; i < n; i++) {
		if (parse(argv[i + 2], &specs[i])) {
			fprintf(stderr, "mg-stress: bad spec %s\n", argv[i + 2]);
			return 2;
		}
	}
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < n; i++) {
			struct tally *c = &t[specs[i].class];

			c->attempts++;
			if (load(&specs[i]) == 0) {
				c->ok++;
				syscall(SYS_delete_module, specs[i].module,
					O_NONBLOCK);
			} else if (errno == EPERM) {
				c->eperm++;
			} else {
				c->other++;
			}
		}
	}
	for (i = 0; i < NCLASS; i++)
		printf("%s attempts=%ld ok=%ld eperm=%ld other=%ld\n", names[i],
		       t[i].attempts, t[i].ok, t[i].eperm, t[i].other);
	return 0;
}
