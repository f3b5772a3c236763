/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguardctl - the running kernel's modguard state (securityfs.c): the
 * files of /sys/kernel/security/modguard/, and what sysfs shows of the
 * LSM (the LSM list, the mode parameter). MODGUARD_SYSFS replaces /sys
 * and MODGUARD_SECURITYFS the modguard directory, each resolved once.
 */
#ifndef _MODGUARDCTL_SECURITYFS_H
#define _MODGUARDCTL_SECURITYFS_H

#include <stdbool.h>
#include <stddef.h>

#define MG_SFS_DEFAULT "/sys/kernel/security/modguard"
/* Under the sysfs root. */
#define MG_LSM_FILE "/kernel/security/lsm"
#define MG_MODE_FILE "/module/modguard/parameters/mode"

/**
 * struct mg_kstate - What the running kernel says of modguard, each part
 * read once.
 * @lsm_err: 0 when the LSM list was read, else a negative errno value.
 * @active: modguard is in the LSM list.
 * @mode_err: 0 when the mode parameter was read, else a negative errno.
 * @mode: "enforcing" or "permissive"; NULL when unread or unexpected.
 * @mode_text: What the mode parameter says (chomped), or NULL.
 * @lock_err: 0 when the lock file was read, else a negative errno value.
 * @locked: 1 locked, 0 unlocked, -1 unknown (unread or unexpected).
 * @lock_text: What the lock file says (chomped), or NULL.
 */
struct mg_kstate {
	int lsm_err;
	bool active;
	int mode_err;
	const char *mode;
	char *mode_text;
	int lock_err;
	int locked;
	char *lock_text;
};

const char *mg_sysfs_root(void);
char *mg_sysfs_read(const char *rel, int *err);
const char *mg_mode_name(const char *text);
void mg_kstate_read(struct mg_kstate *s);
void mg_kstate_free(struct mg_kstate *s);

const char *mg_sfs_root(void);
char *mg_sfs_path(const char *name);
int mg_sfs_read(const char *name, unsigned char **data, size_t *len);
int mg_sfs_write(const char *name, const void *data, size_t len);
void mg_sfs_error(const char *name, bool writing, int err);

#endif /* _MODGUARDCTL_SECURITYFS_H */
