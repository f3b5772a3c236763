// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl - the running kernel's modguard state: the files of
 * /sys/kernel/security/modguard/, the LSM list and the mode parameter
 *
 * Every write is one write(2) from offset 0 on a fresh open, as the
 * kernel requires (docs/securityfs.md): the kernel refuses a second write
 * on the same open file, so nothing here may split or retry one.
 * MODGUARD_SECURITYFS replaces the directory, for tests; when it is not
 * set but MODGUARD_SYSFS is, the directory is the one under that tree.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "securityfs.h"
#include "util.h"

/* mg_sfs_write() wrote fewer bytes than asked (never from securityfs). */
#define MG_ESHORT 4096

static const char *const modes[] = { "enforcing", "permissive" };

/**
 * mg_sysfs_root() - Where sysfs is.
 *
 * Return: $MODGUARD_SYSFS when set and not empty, else "/sys".
 */
const char *mg_sysfs_root(void)
{
	static const char *root;
	const char *env;

	if (!root) {
		env = getenv("MODGUARD_SYSFS");
		root = env && *env ? env : "/sys";
	}
	return root;
}

/**
 * mg_sysfs_read() - Read a whole file under the sysfs root.
 * @rel: Its path below the root ("kernel/security/lsm").
 * @err: Set to 0, or a negative errno value.
 *
 * Return: the text (malloc()ed, NUL-terminated), or NULL.
 */
char *mg_sysfs_read(const char *rel, int *err)
{
	unsigned char *data = NULL;
	char *path;
	size_t len;

	if (asprintf(&path, "%s/%s", mg_sysfs_root(), rel) < 0) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = mg_read_file(path, &data, &len);
	free(path);
	return (char *)data;
}

/**
 * mg_mode_name() - The mode a file's text names.
 * @text: What the mode parameter or the securityfs mode file says,
 *        chomped.
 *
 * Return: "enforcing" or "permissive", or NULL for anything else.
 */
const char *mg_mode_name(const char *text)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(modes); i++)
		if (!strcmp(text, modes[i]))
			return modes[i];
	return NULL;
}

/* Is @name one of the entries of the comma-separated @list? */
static bool in_list(char *list, const char *name)
{
	char *tok, *save = NULL;

	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		if (!strcmp(tok, name))
			return true;
	return false;
}

/**
 * mg_kstate_read() - Read the LSM list, the mode parameter and the lock.
 * @s: Filled in; release with mg_kstate_free().
 *
 * Nothing is printed: each part keeps its errno for the caller to say
 * what it means for its command. The lock is root's to read (0600).
 */
void mg_kstate_read(struct mg_kstate *s)
{
	unsigned char *data;
	size_t len;
	char *lsm;

	memset(s, 0, sizeof(*s));
	s->locked = -1;
	lsm = mg_sysfs_read(MG_LSM_FILE + 1, &s->lsm_err);
	if (lsm) {
		mg_chomp(lsm);
		s->active = in_list(lsm, "modguard");
		free(lsm);
	}
	s->mode_text = mg_sysfs_read(MG_MODE_FILE + 1, &s->mode_err);
	if (s->mode_text) {
		mg_chomp(s->mode_text);
		s->mode = mg_mode_name(s->mode_text);
	}
	s->lock_err = mg_sfs_read("lock", &data, &len);
	if (!s->lock_err) {
		s->lock_text = (char *)data;
		mg_chomp(s->lock_text);
		if (!strcmp(s->lock_text, "0") || !strcmp(s->lock_text, "1"))
			s->locked = s->lock_text[0] == '1';
	}
}

void mg_kstate_free(struct mg_kstate *s)
{
	free(s->mode_text);
	free(s->lock_text);
	s->mode_text = NULL;
	s->lock_text = NULL;
}

/**
 * mg_sfs_root() - The modguard securityfs directory.
 *
 * Return: $MODGUARD_SECURITYFS, else the directory under the sysfs root
 * (mg_sysfs_root()).
 */
const char *mg_sfs_root(void)
{
	static char *root;
	const char *env;

	if (root)
		return root;
	env = getenv("MODGUARD_SECURITYFS");
	if (env && *env)
		root = strdup(env);
	else if (asprintf(&root, "%s/kernel/security/modguard",
			  mg_sysfs_root()) < 0)
		root = NULL;
	return root ? root : MG_SFS_DEFAULT;
}

/**
 * mg_sfs_path() - The path of one file of the directory.
 * @name: "mode", "lock", "policy", "stats" or "version".
 *
 * Return: a malloc()ed path, or NULL when out of memory.
 */
char *mg_sfs_path(const char *name)
{
	char *path;

	if (asprintf(&path, "%s/%s", mg_sfs_root(), name) < 0)
		return NULL;
	return path;
}

/**
 * mg_sfs_read() - Read a whole file of the directory.
 * @name: The file.
 * @data: As for mg_read_fd().
 * @len: As for mg_read_fd().
 *
 * Return: 0, or a negative errno value.
 */
int mg_sfs_read(const char *name, unsigned char **data, size_t *len)
{
	char *path = mg_sfs_path(name);
	int err;

	*data = NULL;
	*len = 0;
	if (!path)
		return -ENOMEM;
	err = mg_read_file(path, data, len);
	free(path);
	return err;
}

/**
 * mg_sfs_write() - Write a file of the directory in one write(2).
 * @name: The file.
 * @data: All of what to write.
 * @len: Its length; the kernel takes it in one piece or not at all.
 *
 * The file is opened without O_CREAT: a missing file is an error, not a
 * new regular file. O_TRUNC is what a shell's ">" does; securityfs
 * ignores it and it keeps a fake directory of regular files exact.
 *
 * Return: 0, or a negative errno value (the kernel's refusal), or
 * -MG_ESHORT when fewer than @len bytes were taken.
 */
int mg_sfs_write(const char *name, const void *data, size_t len)
{
	char *path = mg_sfs_path(name);
	ssize_t n;
	int fd, err = 0;

	if (!path)
		return -ENOMEM;
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return -errno;
	n = write(fd, data, len);
	if (n < 0)
		err = -errno;
	else if ((size_t)n != len)
		err = -MG_ESHORT;
	if (close(fd) && !err)
		err = -errno;
	return err;
}

static bool locked(void)
{
	unsigned char *data;
	size_t len;
	bool on;

	if (mg_sfs_read("lock", &data, &len))
		return false;
	mg_chomp((char *)data);
	on = strcmp((char *)data, "1") == 0;
	free(data);
	return on;
}

/* Why the kernel refused a write, in the terms of docs/securityfs.md. */
static const char *write_hint(const char *name, int err)
{
	bool policy = strcmp(name, "policy") == 0;

	switch (err) {
	case ENOENT:
		return "is modguard active and securityfs mounted?";
	case EACCES:
		return "writing needs root";
	case EPERM:
		if (strcmp(name, "lock") != 0 && locked())
			return "modguard is locked until reboot";
		return "needs CAP_MAC_ADMIN in the initial user namespace";
	case EINVAL:
		if (policy)
			return "the kernel refused the policy; its log says which line and why (dmesg | grep modguard)";
		return "the kernel refused the value";
	case EFBIG:
		return policy ? "the policy is larger than the kernel accepts (16 MiB)" :
				NULL;
	case E2BIG:
		return policy ? "too many rules of one kind for the kernel" : NULL;
	case ENOMEM:
		return "the kernel is out of memory";
	}
	return NULL;
}

/**
 * mg_sfs_error() - Report a failed read or write of a file of the
 * directory: the path, the error and what it means for modguard.
 * @name: The file.
 * @writing: Whether it was a write (mg_sfs_write()).
 * @err: The negative errno value returned.
 */
void mg_sfs_error(const char *name, bool writing, int err)
{
	char *path = mg_sfs_path(name);
	const char *p = path ? path : name;
	const char *hint;

	if (err == -MG_ESHORT) {
		mg_err("cannot write %s: short write", p);
	} else {
		hint = writing ? write_hint(name, -err) :
			 -err == ENOENT ? write_hint(name, -err) :
			 -err == EACCES ? "reading needs root" : NULL;
		mg_err("cannot %s %s: %s%s%s", writing ? "write" : "read", p,
		       strerror(-err), hint ? ": " : "", hint ? hint : "");
	}
	free(path);
}
