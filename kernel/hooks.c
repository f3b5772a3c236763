// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - LSM hook shims
 *
 * The hooks only gather what the kernel hands them (which syscall, the
 * file, the bytes) and ask eval.c for the decision.
 *
 * A module load is decided once, where the loader checks its signature
 * (module_sig_check(), through the kernel_module_sig_check hook of the
 * project's patch scripts/patches/KERNEL/0003-*): there modguard has the
 * bytes the loader will use (decompressed by then) and the MODULE_INIT_*
 * flags, and can tell the loader that the signature is verified, so that
 * each load is verified once. The earlier hooks note which syscall and
 * file the load came through, for the audit record:
 *
 * finit_module:  kernel_read_file(READING_MODULE, or
 *                READING_MODULE_COMPRESSED for MODULE_INIT_COMPRESSED_FILE)
 * init_module:   kernel_load_data(LOADING_MODULE)
 * then both:     kernel_module_sig_check(image, len, flags)
 *
 * kexec_file_load: kernel_read_file(READING_KEXEC_IMAGE, then
 *                  READING_KEXEC_INITRAMFS)
 * kexec_load:      kernel_load_data(LOADING_KEXEC_IMAGE)
 * are decided before any byte is read: refused once locked.
 */

#include <linux/kernel_read_file.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <uapi/linux/module.h>

#include "modguard.h"
#include "hooks.h"
#include "eval.h"
#include "keyring.h"
#include "verify.h"

/**
 * struct modguard_task - The module load a task is in, between the hook
 * that starts it and the signature check that decides it.
 * @op: The syscall.
 * @file: The file (finit_module), or NULL. The syscall holds it until
 *        the load ends; each load's first hook sets or clears it, and the
 *        signature check clears it.
 */
struct modguard_task {
	enum modguard_op op;
	struct file *file;
};

struct lsm_blob_sizes modguard_blob_sizes __ro_after_init = {
	.lbs_task = sizeof(struct modguard_task),
};

static struct modguard_task *modguard_task(void)
{
	return current->security + modguard_blob_sizes.lbs_task;
}

static void load_begins(enum modguard_op op, struct file *file)
{
	struct modguard_task *t = modguard_task();

	t->op = op;
	t->file = file;
}

/*
 * A read that will not hand the whole module to the loader cannot be
 * verified: decide it here, as unverifiable. Otherwise note the load.
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
	if (id != READING_MODULE && id != READING_MODULE_COMPRESSED)
		return 0;
	load_begins(MODGUARD_OP_FINIT_MODULE, file);
	if (contents)
		return 0;
	return modguard_evaluate_load(&load, NULL);
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
	if (id != LOADING_MODULE)
		return 0;
	load_begins(MODGUARD_OP_INIT_MODULE, NULL);
	if (contents)
		return 0;
	return modguard_evaluate_load(&load, NULL);
}

/*
 * The decision, on the image the loader is about to check and load.
 * *@verified tells the loader that the signature it would verify is
 * verified (security_kernel_module_sig_check()).
 */
static int modguard_kernel_module_sig_check(const void *image,
					    unsigned long len, int flags,
					    bool *verified)
{
	struct modguard_task *t = modguard_task();
	struct modguard_load load = {
		.op = t->op,
		.file = t->file,
		.image = image,
		.size = len,
		.sig_ignored = flags & (MODULE_INIT_IGNORE_MODVERSIONS |
					MODULE_INIT_IGNORE_VERMAGIC),
	};

	t->file = NULL;
	return modguard_evaluate_load(&load, verified);
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
	LSM_HOOK_INIT(kernel_load_data, modguard_kernel_load_data),
	LSM_HOOK_INIT(kernel_module_sig_check,
		      modguard_kernel_module_sig_check),
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
