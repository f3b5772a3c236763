/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - the keyrings: .modguard, and the key a signature names
 */
#ifndef _SECURITY_MODGUARD_KEYRING_H
#define _SECURITY_MODGUARD_KEYRING_H

#include <linux/types.h>

#include "common/sigid.h"

struct key;

int __init modguard_keyring_init(void);
struct key *modguard_keyring(void);
void modguard_keyring_alloc(struct key *key);
void modguard_keyring_added(struct key *keyring, struct key *key, bool create);
void modguard_keyring_freeze_begin(void);
void modguard_keyring_freeze_end(void);
int modguard_keyring_find_signer(const struct modguard_signer_id *sid,
				 bool platform, struct key *only,
				 struct modguard_signer_id *out);

#endif /* _SECURITY_MODGUARD_KEYRING_H */
