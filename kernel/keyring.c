// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - the keyrings: .modguard, and the key a signature names
 *
 * .modguard holds the admin's extra module signers. Who may add to it is
 * decided here (CAP_MAC_ADMIN, not once locked), and every addition or
 * refusal is audited.
 *
 * The kernel does not say which key verified a PKCS#7 message, and a
 * signature's sid is not covered by the signature: the same key can be
 * named by issuer and serial or by subject key identifier, and a second
 * SignerInfo or another issuer can be put in front of a serial. So the
 * signer modguard decides on is the key itself, found the way the
 * kernel's pkcs7_validate_trust() finds it for a message without
 * certificates: find_asymmetric_key() with the sid's key id, in the
 * keyrings verify_trust() (verify.c) tries, in the same order. The first
 * key found is the one the signature is checked against (a failed check
 * there is final), so a rule bound to that key is bound to what verified.
 *
 * The system keyrings are static in certs/system_keyring.c. modguard
 * learns them as the kernel creates them at boot (key_alloc hook, before
 * any user space runs) and holds a reference; none of them is ever freed.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/key.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <keys/asymmetric-type.h>

#include "modguard.h"
#include "audit.h"
#include "keyring.h"
#include "state.h"

static struct key *modguard_keys __ro_after_init;

enum system_keyring {
	KEYRING_BUILTIN,
	KEYRING_SECONDARY,
	KEYRING_PLATFORM,
	__KEYRING_MAX
};

static const char *const system_keyring_names[] = {
	[KEYRING_BUILTIN]	= ".builtin_trusted_keys",
	[KEYRING_SECONDARY]	= ".secondary_trusted_keys",
	[KEYRING_PLATFORM]	= ".platform",
};

static_assert(ARRAY_SIZE(system_keyring_names) == __KEYRING_MAX,
	      "one name per system keyring");

/* Written by the initcalls only; read-only after init. */
static struct key *system_keys[__KEYRING_MAX] __ro_after_init;

/**
 * modguard_keyring_alloc() - Note a system keyring the kernel creates.
 * @key: A key being allocated.
 *
 * From the key_alloc hook. Only while the kernel boots, from a task with
 * no user space (the initcalls; init has not been started) and only the
 * first keyring of each name: later keyrings of the same name are not the
 * kernel's.
 *
 * Context: Process context, boot.
 */
void modguard_keyring_alloc(struct key *key)
{
	unsigned int i;

	if (system_state >= SYSTEM_FREEING_INITMEM || current->mm ||
	    key->type != &key_type_keyring || !key->description)
		return;
	for (i = 0; i < __KEYRING_MAX; i++) {
		if (!system_keys[i] &&
		    !strcmp(key->description, system_keyring_names[i])) {
			system_keys[i] = key_get(key);
			return;
		}
	}
}

/* The keyring VERIFY_USE_SECONDARY_KEYRING stands for. */
static struct key *secondary_keys(void)
{
	return system_keys[KEYRING_SECONDARY] ?:
	       system_keys[KEYRING_BUILTIN];
}

/* The id a key is known by: its subject key id, else issuer + serial. */
static const struct asymmetric_key_id *
key_name_id(const struct asymmetric_key_ids *kids)
{
	if (!kids)
		return NULL;
	return kids->id[1] ? kids->id[1] : kids->id[0];
}

/*
 * The key id the kernel's PKCS#7 parser makes of a sid
 * (pkcs7_note_signed_info()): serial then issuer, or the SKID alone.
 */
static struct asymmetric_key_id *
sid_key_id(const struct modguard_signer_id *sid)
{
	if (sid->kind == MODGUARD_SIGNER_SERIAL)
		return asymmetric_key_generate_id(sid->id, sid->len,
						  sid->issuer,
						  sid->issuer_len);
	return asymmetric_key_generate_id(sid->id, sid->len, "", 0);
}

/**
 * modguard_keyring_find_signer() - The key a signature's sid finds.
 * @sid: The sid of the signature's one SignerInfo.
 * @platform: Look in .platform too (after the others, as verify does).
 * @only: The one keyring to look in instead (KUnit), or NULL.
 * @out: Receives the key's subject key identifier.
 *
 * Context: Process context, may sleep (keyring search).
 * Return:
 * * %0		- found; @out holds its SKID (kind %MODGUARD_SIGNER_ANY)
 * * %-ENOKEY	- no keyring verify uses has a key of that id
 * * %-ENODATA	- found, but the key has no subject key identifier of at
 *		  most MODGUARD_SIGNER_ID_MAX bytes: no rule can name it
 * * %-EAGAIN	- a system keyring modguard has to search was not seen at
 *		  boot, so whether it holds the key is unknown
 * * %-ENOMEM	- out of memory
 */
int modguard_keyring_find_signer(const struct modguard_signer_id *sid,
				 bool platform, struct key *only,
				 struct modguard_signer_id *out)
{
	struct key *order[] = {
		only ?: secondary_keys(), only ? NULL : modguard_keys,
		!only && platform ? system_keys[KEYRING_PLATFORM] : NULL,
	};
	const struct asymmetric_key_id *skid;
	struct asymmetric_key_id *kid;
	struct key *key = NULL;
	unsigned int i;
	int ret;

	memset(out, 0, sizeof(*out));
	if (!order[0] || (!only && platform && !order[2]))
		return -EAGAIN;
	kid = sid_key_id(sid);
	if (IS_ERR(kid))
		return PTR_ERR(kid);
	for (i = 0; i < ARRAY_SIZE(order) && !key; i++) {
		if (!order[i])
			continue;
		key = find_asymmetric_key(order[i], kid, NULL, NULL, false);
		if (IS_ERR(key)) {
			ret = PTR_ERR(key);
			key = NULL;
			if (ret != -ENOKEY)
				goto out;
		}
	}
	ret = -ENOKEY;
	if (!key)
		goto out;
	skid = asymmetric_key_ids(key)->id[1];
	ret = -ENODATA;
	if (skid && skid->len && skid->len <= MODGUARD_SIGNER_ID_MAX) {
		out->kind = MODGUARD_SIGNER_ANY;
		out->len = skid->len;
		memcpy(out->id, skid->data, skid->len);
		ret = 0;
	}
	key_put(key);
out:
	kfree(kid);
	return ret;
}

/**
 * modguard_keyring() - The .modguard keyring.
 *
 * Return: the keyring, or NULL if it could not be created at boot.
 */
struct key *modguard_keyring(void)
{
	return modguard_keys;
}

/*
 * Who may add a key to .modguard: only asymmetric keys, only a task with
 * CAP_MAC_ADMIN in the initial user namespace, and none once modguard is
 * locked. Called with the keyring's semaphore held for writing, which
 * modguard_lock() takes too (modguard_keyring_freeze_begin()). A refusal
 * is audited here; a key that was added, in modguard_keyring_added().
 */
static int restrict_modguard_keys(struct key *keyring,
				  const struct key_type *type,
				  const union key_payload *payload,
				  struct key *restriction_key)
{
	int ret = 0;

	if (type != &key_type_asymmetric)
		ret = -EOPNOTSUPP;
	else if (!capable(CAP_MAC_ADMIN) || modguard_is_locked())
		ret = -EPERM;
	if (ret)
		modguard_audit_key_add(type == &key_type_asymmetric ?
				       key_name_id(payload->data[asym_key_ids]) :
				       NULL, 0);
	return ret;
}

/**
 * modguard_keyring_added() - Audit a key added to .modguard.
 * @keyring: The keyring the key went into.
 * @key: The key.
 * @create: The key is new (not an update of one already there).
 *
 * From the key_post_create_or_update hook: the key is in the keyring.
 *
 * Context: Process context; the keyring's semaphore is held.
 */
void modguard_keyring_added(struct key *keyring, struct key *key, bool create)
{
	if (!modguard_keys || keyring != modguard_keys)
		return;
	modguard_audit_key_add(key->type == &key_type_asymmetric ?
			       key_name_id(asymmetric_key_ids(key)) : NULL, 1);
}

/**
 * modguard_keyring_freeze_begin() - Hold additions to .modguard.
 *
 * Between this and modguard_keyring_freeze_end(), no key can be checked
 * against the lock and added: the lock is set in between.
 *
 * Context: Process context; takes the keyring's semaphore.
 */
void modguard_keyring_freeze_begin(void)
{
	if (modguard_keys)
		down_write(&modguard_keys->sem);
}

/**
 * modguard_keyring_freeze_end() - Let additions to .modguard go on.
 *
 * Context: Process context; releases the keyring's semaphore.
 */
void modguard_keyring_freeze_end(void)
{
	if (modguard_keys)
		up_write(&modguard_keys->sem);
}

/**
 * modguard_keyring_init() - Create the .modguard keyring.
 *
 * Extra trusted module signers: an admin adds X.509 certificates with
 * `keyctl padd asymmetric "" %:.modguard`, so a host without EFI/MOK can
 * trust a local (DKMS) signing key without rebuilding the kernel.
 *
 * Context: Boot, device initcall (after the system keyrings exist).
 * Return: 0, or -ENOMEM (modguard then trusts only the system keyrings).
 */
int __init modguard_keyring_init(void)
{
	struct key_restriction *restriction;
	struct key *keyring;

	restriction = kzalloc(sizeof(*restriction), GFP_KERNEL);
	if (!restriction)
		return -ENOMEM;
	restriction->check = restrict_modguard_keys;

	keyring = keyring_alloc(".modguard", GLOBAL_ROOT_UID, GLOBAL_ROOT_GID,
				current_cred(),
				(KEY_POS_ALL & ~KEY_POS_SETATTR) |
				KEY_USR_VIEW | KEY_USR_READ | KEY_USR_WRITE |
				KEY_USR_SEARCH,
				KEY_ALLOC_NOT_IN_QUOTA | KEY_ALLOC_SET_KEEP,
				restriction, NULL);
	if (IS_ERR(keyring)) {
		kfree(restriction);
		return PTR_ERR(keyring);
	}
	modguard_keys = keyring;
	return 0;
}
