# SPDX-License-Identifier: GPL-2.0-only
# Boot: enforcing. Every signature reason through both syscalls: digests,
# key types and signer ids, revocation, the bin: blacklist, .modguard keys
# added at runtime, compressed modules and the MODULE_INIT_IGNORE_* flags.
. /tests/lib.sh

CAP_MAC_ADMIN=33

for op in finit init; do
	o=${op}_module
	load $op alpha-sha1.ko ok mg_alpha ""
	load $op alpha-sha384.ko ok mg_alpha ""
	load $op alpha-skid.ko ok mg_alpha ""
	load $op beta-ecdsa.ko ok mg_beta ""
	load $op alpha-revoked.ko errno=EPERM mg_alpha \
		"type=1490 .*op=$o .* reason=revoked-key .*action=deny"
	load $op alpha-local.ko errno=EPERM mg_alpha \
		"type=1490 .*op=$o .* reason=untrusted-key .*action=deny"
	load $op gamma-sha256.ko ok mg_gamma ""
	# The kernel trusts these (a fake SignerInfo before alpha's real one;
	# the SignedData version in BER), but which key signed cannot be told
	# for sure: refused, and no signer is named.
	load $op alpha-twosigners.ko errno=EPERM mg_alpha \
		"type=1490 .*op=$o .* sig=malformed-signature reason=malformed-signature signer=\? .*action=deny"
	load $op alpha-ber.ko errno=EPERM mg_alpha \
		"type=1490 .*op=$o .* sig=malformed-signature reason=malformed-signature signer=\? .*action=deny"
	# The trusted key's certificate inside the signature: the kernel
	# could trust a key through it that is in no keyring.
	load $op alpha-certs.ko errno=EPERM mg_alpha \
		"type=1490 .*op=$o .* sig=malformed-signature reason=malformed-signature signer=\? .*action=deny"
	# The signer is the key, by its SKID, whichever form the sid takes.
	for m in alpha-sha256 alpha-skid; do
		load $op $m.ko ok mg_alpha ""
	done
	load $op beta-ecdsa.ko ok mg_beta ""
done

# The loader ignores the signature of a module loaded with these flags:
# modguard treats it as not signed.
for flag in ignore-vermagic ignore-modversions; do
	load finit alpha-sha256.ko errno=EPERM mg_alpha \
		"type=1490 .*op=finit_module .* reason=signature-ignored .*action=deny" $flag
done
load finit alpha-sha256.ko.xz errno=EPERM mg_alpha \
	"type=1490 .*op=finit_module .* reason=signature-ignored .*action=deny" compressed ignore-vermagic

# .modguard: only asymmetric keys, only with CAP_MAC_ADMIN.
check ".modguard keyring exists" grep -q '\.modguard' /proc/keys
check "root without CAP_MAC_ADMIN cannot add a key to .modguard" \
	sh -c "! mg-nocap $CAP_MAC_ADMIN keyctl padd asymmetric '' %:.modguard < /modules/local-rsa.der 2>/dev/null"
check "a user key cannot be added to .modguard" \
	sh -c "! keyctl add user mg-test payload %:.modguard 2>/dev/null"
load finit alpha-local.ko errno=EPERM mg_alpha "reason=untrusted-key"
check "root with CAP_MAC_ADMIN adds the local key to .modguard" \
	sh -c "keyctl padd asymmetric '' %:.modguard < /modules/local-rsa.der > /dev/null"
# modguard tells the loader a signature is verified (patch 0003) only for
# the keys the loader trusts itself: every module loaded so far was, so
# no unsigned-module taint (E, sig_enforce=0 here). A .modguard key is
# not one of them: the loader checks that module itself, finds no key and
# taints, as stock 6.12 does.
taint_e() { [ $(($(cat /proc/sys/kernel/tainted) & 8192)) -ne 0 ]; }
check "modules verified by system keys left no E taint" eval '! taint_e'
for op in finit init; do
	load $op alpha-local.ko ok mg_alpha ""
done
check "a .modguard-signed module taints (E): the loader verified it itself" \
	taint_e

# A bin: hash, signed by the builtin key, bans gamma from now on.
check "the bin: hash of gamma is added to .blacklist" \
	sh -c "keyctl padd blacklist \"\$(cat /modules/gamma.blacklist)\" %:.blacklist < /modules/gamma.blacklist.p7s > /dev/null"
for op in finit init; do
	load $op gamma-sha256.ko errno=EPERM mg_gamma \
		"type=1490 .*op=${op}_module .* reason=blacklisted-hash .*action=deny"
done

finish
