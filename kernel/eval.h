/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - the decision
 */
#ifndef _SECURITY_MODGUARD_EVAL_H
#define _SECURITY_MODGUARD_EVAL_H

#include <linux/types.h>

struct file;

enum modguard_op {
	MODGUARD_OP_FINIT_MODULE,
	MODGUARD_OP_INIT_MODULE,
	MODGUARD_OP_KEXEC_LOAD,
	MODGUARD_OP_KEXEC_FILE_LOAD,
	__MODGUARD_OP_MAX
};

/**
 * struct modguard_load - What a hook knows about one module (or kexec) load.
 * @op: The syscall that is loading.
 * @file: The file being read (finit_module, kexec_file_load), or NULL.
 * @image: The module bytes, or NULL when the hook will not see them.
 * @size: Length of @image.
 * @sig_ignored: The loader will treat the signature as absent
 *               (finit_module with MODULE_INIT_IGNORE_* flags).
 *
 * @op and @file are noted when the load starts (hooks.c); @image and
 * @sig_ignored come with the loader's signature check.
 */
struct modguard_load {
	enum modguard_op op;
	struct file *file;
	const void *image;
	size_t size;
	bool sig_ignored;
};

int modguard_evaluate_load(const struct modguard_load *load, bool *verified);
int modguard_evaluate_kexec(const struct modguard_load *load);

#endif /* _SECURITY_MODGUARD_EVAL_H */
