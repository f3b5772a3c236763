// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - LSM hook shims
 *
 * The hooks only gather what the kernel hands them (which syscall, the
 * file, the bytes) and ask eval.c for the decision.
 *
 * finit_module:  kernel_read_file(READING_MODULE, whole file?) then
 *                kernel_post_read_file(file, bytes, READING_MODULE)
 * init_module:   kernel_load_data(LOADING_MODULE, contents?) then
 *                kernel_post_load_data(bytes)
 *
 * With the project's module patch (scripts/patches/0002-*), a compressed
 * file is read as READING_MODULE_COMPRESSED and its decompressed image
 * comes to kernel_post_read_file; a load whose signature the loader will
 * ignore (MODULE_INIT_IGNORE_*) comes as READING_MODULE_SIG_IGNORED
 * instead of READING_MODULE. Each load is decided exactly once.
 *
 * kexec_file_load: kernel_read_file(READING_KEXEC_IMAGE, then
 *                  READING_KEXEC_INITRAMFS)
 * kexec_load:      kernel_load_data(LOADING_KEXEC_IMAGE)
 * are decided before any byte is read: refused once locked.
 */

#include <linux/kernel_read_file.h>
#include <linux/fs.h>

#include "modguard.h"
#include "hooks.h"
#include "eval.h"
#include "keyring.h"
#include "verify.h"

/*
 * A read that will not hand the whole module to the post-read hook cannot
 * be verified: decide it here, as unverifiable.
 */
static int modguard_kernel_read_file(struct file *file,
				     enum kernel_read_file_id id,
				     bool contents)
{
	struct modguard_load load = {
		.op = MODGUARD_OP_FINIT_MODULE,
		.file = file,
	};

	if (id == READING_KEXEC_IMAGE || id == READING_KEXEC_INITRAMFS) {
		load.op = MODGUARD_OP_KEXEC_FILE_LOAD;
		return modguard_evaluate_kexec(&load);
	}
	if ((id != READING_MODULE && id != READING_MODULE_COMPRESSED &&
	     id != READING_MODULE_SIG_IGNORED) || contents)
		return 0;
	return modguard_evaluate_load(&load);
}

static int modguard_kernel_post_read_file(struct file *file, char *buf,
					  loff_t size,
					  enum kernel_read_file_id id)
{
	struct modguard_load load = {
		.op = MODGUARD_OP_FINIT_MODULE,
		.file = file,
		.image = buf,
		.size = size,
		.sig_ignored = id == READING_MODULE_SIG_IGNORED,
	};

	/* The compressed bytes: decided on the decompressed image instead. */
	if (id != READING_MODULE && id != READING_MODULE_SIG_IGNORED)
		return 0;
	return modguard_evaluate_load(&load);
}

static int modguard_kernel_load_data(enum kernel_load_data_id id,
				     bool contents)
{
	struct modguard_load load = {
		.op = MODGUARD_OP_INIT_MODULE,
	};

	if (id == LOADING_KEXEC_IMAGE) {
		load.op = MODGUARD_OP_KEXEC_LOAD;
		return modguard_evaluate_kexec(&load);
	}
	if (id != LOADING_MODULE || contents)
		return 0;
	return modguard_evaluate_load(&load);
}

static int modguard_kernel_post_load_data(char *buf, loff_t size,
					  enum kernel_load_data_id id,
					  char *description)
{
	struct modguard_load load = {
		.op = MODGUARD_OP_INIT_MODULE,
		.image = buf,
		.size = size,
	};

	if (id != LOADING_MODULE)
		return 0;
	return modguard_evaluate_load(&load);
}

static void modguard_key_post_create_or_update(struct key *keyring,
					       struct key *key,
					       const void *payload,
					       size_t payload_len,
					       unsigned long flags,
					       bool create)
{
	modguard_keyring_added(keyring, key, create);
}

static int modguard_key_alloc(struct key *key, const struct cred *cred,
			      unsigned long flags)
{
	modguard_keyring_alloc(key);
	return 0;
}

static struct security_hook_list modguard_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(kernel_read_file, modguard_kernel_read_file),
	LSM_HOOK_INIT(kernel_post_read_file, modguard_kernel_post_read_file),
	LSM_HOOK_INIT(kernel_load_data, modguard_kernel_load_data),
	LSM_HOOK_INIT(kernel_post_load_data, modguard_kernel_post_load_data),
	LSM_HOOK_INIT(key_alloc, modguard_key_alloc),
	LSM_HOOK_INIT(key_post_create_or_update,
		      modguard_key_post_create_or_update),
};

/**
 * modguard_add_hooks() - Register modguard's hooks with the LSM framework.
 * @lsmid: modguard's LSM id.
 *
 * Context: Boot, from the LSM init function.
 */
void __init modguard_add_hooks(const struct lsm_id *lsmid)
{
	security_add_hooks(modguard_hooks, ARRAY_SIZE(modguard_hooks), lsmid);
}
