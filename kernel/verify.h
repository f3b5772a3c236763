/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - signature verification against the kernel's keyrings
 */
#ifndef _SECURITY_MODGUARD_VERIFY_H
#define _SECURITY_MODGUARD_VERIFY_H

#include <linux/types.h>

#include "reason.h"

enum modguard_reason modguard_verify_image(const void *image, size_t len);

#endif /* _SECURITY_MODGUARD_VERIFY_H */
