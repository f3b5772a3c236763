#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# modguardctl diagnose (the ASan/UBSan build) against fixture kernel
# state: MODGUARD_PROCFS (keys, sys/kernel/osrelease), MODGUARD_KEYRINGS
# (what "keyctl rlist" prints per keyring), MODGUARD_SYSFS (LSM list,
# mode, platform_keyring) and its securityfs (policy, lock). The modules
# are small ELF objects with a .modinfo, built with gcc and signed at
# test time with openssl cms as sign-file signs (detached, -noattr,
# -nocerts); one key is named by subjectKeyIdentifier, one by issuer and
# serial. The VM scenario tool.sh runs diagnose against the real kernel.
#
# usage: cli_diagnose.sh MODGUARDCTL
# Prints "ok - ..." or "FAIL - ..." per check and a last line
# "# cli_diagnose.sh: N passed, N failed"; exits 1 if any check failed.

set -u

tool=$1
. "$(dirname "$0")/clilib.sh"

cd "$tmp" || exit 1

# elf NAME VERMAGIC OUT: a relocatable object with a .modinfo.
elf() {
	printf '%s\n' \
		'__attribute__((section(".modinfo"), used))' \
		"static const char mi[] = \"vermagic=$2 SMP mod_unload \\0name=$1\";" \
		>"$3.c"
	gcc -c -o "$3" "$3.c"
}

# sign PAYLOAD KEY CERT OUT [cms options]: a sign-file style module.
sign() {
	p=$1 key=$2 cert=$3 out=$4
	shift 4
	openssl cms -sign -binary -nocerts -noattr -outform DER -md sha256 \
		-in "$p" -signer "$cert" -inkey "$key" -out "$out.p7s" "$@" &&
		mkmod "$p" "$out.p7s" "$out"
}

skid() {
	openssl x509 -in "$1" -noout -ext subjectKeyIdentifier |
		sed -n '2{s/^ *//; s/://g; p}' | tr 'A-F' 'a-f'
}

for k in trusted other; do
	openssl req -x509 -newkey rsa:2048 -nodes -keyout $k.key -out $k.crt \
		-subj "/CN=diag $k" -days 3650 2>/dev/null || exit 1
done
T_SKID=$(skid trusted.crt)
O_SKID=$(skid other.crt)

elf mg_diag 6.12.117 payload.o
elf mg_diag 6.1.0-9-amd64 old.o
cp payload.o unsigned.ko
sign payload.o trusted.key trusted.crt skid.ko -keyid
sign payload.o trusted.key trusted.crt serial.ko
sign payload.o other.key other.crt other.ko -keyid
sign old.o trusted.key trusted.crt old.ko -keyid
cp serial.ko flipped.ko
python3 -c '
import sys
b = bytearray(open(sys.argv[1], "rb").read()); b[100] ^= 1
open(sys.argv[1], "wb").write(bytes(b))' flipped.ko
for f in unsigned.ko skid.ko serial.ko other.ko old.ko flipped.ko; do
	[ -s "$f" ] || { fail "fixture $f built"; done_tests cli_diagnose.sh; exit 1; }
done

# The fixture kernel: trusted in .builtin_trusted_keys (through
# .secondary_trusted_keys), other nowhere yet.
mkdir -p proc/sys/kernel rings sys/kernel/security/modguard \
	sys/module/modguard/parameters
echo 6.12.117 >proc/sys/kernel/osrelease
echo capability,modguard >sys/kernel/security/lsm
echo N >sys/module/modguard/parameters/platform_keyring
keys_file() {
	cat <<EOF
00000010 I------     1 perm 1f0b0000     0     0 keyring   .builtin_trusted_keys: 1
00000011 I------     1 perm 1f0f0000     0     0 keyring   .secondary_trusted_keys: 1
00000012 I------     1 perm 1f0f0000     0     0 keyring   .modguard: empty
00000013 I------     1 perm 1f0f0000     0     0 keyring   .platform: empty
00000014 I------     1 perm 0f0f0000     0     0 keyring   .blacklist: empty
00000020 I------     1 perm 1f030000     0     0 asymmetri diag trusted: $T_SKID: X509.rsa ${T_SKID#????????????????????????????????} []
00000021 I------     1 perm 1f030000     0     0 asymmetri diag other: $O_SKID: X509.rsa ${O_SKID#????????????????????????????????} []
EOF
}
# state MODE LOCK POLICY: securityfs and sysfs, default keyrings.
state() {
	echo "$1" >sys/module/modguard/parameters/mode
	echo "$2" >sys/kernel/security/modguard/lock
	printf '%b' "$3" >sys/kernel/security/modguard/policy
	keys_file >proc/keys
	echo 32 >rings/.builtin_trusted_keys
	echo 16 >rings/.secondary_trusted_keys
	: >rings/.modguard
	: >rings/.platform
	: >rings/.blacklist
}
# No /boot/vmlinuz-<release> of this host may stand in (cli_kernel.sh
# tests that default).
export MODGUARD_PROCFS="$tmp/proc" MODGUARD_KEYRINGS="$tmp/rings" \
	MODGUARD_BOOT="$tmp/noboot"
sysfs="$tmp/sys"
HDR='modguard-policy 3\n' END='end\n'
POL="$HDR$END"

# dg DESC RC VERDICT CHECK=STATUS... -- ARGS: diagnose --json ARGS; exit
# status RC, verdict VERDICT, and each named check with that status.
dg() {
	desc=$1 want_rc=$2 want=$3
	shift 3
	conds=
	while [ "$1" != -- ]; do
		conds="$conds $1"
		shift
	done
	shift
	run diagnose --json "$@"
	expect_json "$desc" "$want_rc" '(len(objs) == 1 and
  objs[0]["verdict"] == argv[0] and
  all(c["status"] == dict(x.split("=") for x in argv[1:]).get(c["check"], c["status"])
      for c in objs[0]["checks"]) and
  set(x.split("=")[0] for x in argv[1:]) <= set(c["check"] for c in objs[0]["checks"]))' \
		"$want" $conds
}

state enforcing 0 "$POL"
dg "unsigned, enforcing: refused" 1 refused signed=fail mode=ok -- unsigned.ko
expect_json "  ... reason unsigned, the ten checks in order, a fix for signed" 1 '(
objs[0]["reason"] == "unsigned" and objs[0]["mode"] == "enforcing" and
objs[0]["locked"] is False and
[c["check"] for c in objs[0]["checks"]] == ["modguard", "signed", "signature",
  "key", "revoked", "blacklist", "policy", "mode", "sig_enforce", "vermagic"] and
objs[0]["checks"][1]["fix"].startswith("sign the module"))'
run diagnose unsigned.ko
expect "text: a FAIL line for signed" 1 out '^  \[FAIL\] signed +no "~Module signature appended~" trailer \(unsigned\)$'
expect "text: its fix" 1 out '^ +fix: sign the module with a trusted key'
expect "text: the verdict line" 1 out '^verdict: refused \(reason=unsigned\)$'

dg "SKID signer in .builtin_trusted_keys: ok" 0 ok key=ok signature=unknown \
	revoked=ok -- skid.ko
expect "  ... names the keyring and the key" 0 out '"detail":"signer [0-9a-f]+: key \\"diag trusted\\" is in .builtin_trusted_keys"'
dg "  ... with --cert: the signature bytes verify" 0 ok signature=ok key=ok \
	-- --cert trusted.crt skid.ko
dg "issuer-and-serial signer, no --cert: key unknown, verdict unknown" 0 \
	unknown key=unknown revoked=unknown -- serial.ko
dg "  ... with --cert: found through its certificate's SKID, ok" 0 ok \
	key=ok signature=ok -- --cert trusted.crt serial.ko
dg "a key in no keyring: untrusted-key, refused" 1 refused key=fail -- other.ko
expect_json "  ... reason untrusted-key, the .modguard fix" 1 '(objs[0]["reason"] == "untrusted-key" and "%:.modguard" in objs[0]["checks"][3]["fix"])'
dg "payload changed after signing, with --cert: bad-signature" 1 refused \
	signature=fail -- --cert trusted.crt flipped.ko
expect_json "  ... reason bad-signature" 1 'objs[0]["reason"] == "bad-signature"'

echo 33 >rings/.modguard
dg "a key in .modguard: ok" 0 ok key=ok -- other.ko
: >rings/.modguard
echo 33 >rings/.platform
dg "a key only in .platform, platform_keyring off: refused" 1 refused \
	key=fail -- other.ko
echo Y >sys/module/modguard/parameters/platform_keyring
dg "  ... platform_keyring on: ok" 0 ok key=ok -- other.ko
echo N >sys/module/modguard/parameters/platform_keyring

state enforcing 0 "$POL"
echo 32 >rings/.blacklist
dg "the signer's key on the revocation list: revoked-key" 1 refused \
	revoked=fail key=ok -- skid.ko
expect_json "  ... reason revoked-key" 1 'objs[0]["reason"] == "revoked-key"'

state enforcing 0 "$POL"
h=$(openssl dgst -sha256 -r skid.ko | cut -c1-64)
echo "00000030 I------     1 perm 1f030000     0     0 blacklist bin:$h" >>proc/keys
dg "bin: hash of the whole image: blacklisted-hash" 1 refused blacklist=fail \
	-- skid.ko
state enforcing 0 "$POL"
h=$(openssl dgst -sha256 -r payload.o | cut -c1-64)
echo "00000030 I------     1 perm 1f030000     0     0 blacklist bin:$h" >>proc/keys
dg "bin: hash of the payload, unsigned module: blacklisted-hash" 1 refused \
	blacklist=fail signed=fail -- unsigned.ko
expect_json "  ... the blacklist wins over unsigned, as in the kernel" 1 \
	'objs[0]["reason"] == "blacklisted-hash"'

d=$("$tool" hash payload.o | cut -c1-64)
state enforcing 0 "${HDR}deny name=mg_beta\nallow digest=$d\n${END}"
dg "allow digest= for an unsigned module: ok" 0 ok signed=fail policy=ok \
	-- unsigned.ko
expect "  ... names the rule" 0 out '"detail":"rule \\"allow digest:3\\" allows it by its digest'
state enforcing 0 "${HDR}# c\ndeny name=mg-diag\n${END}"
dg "deny name= rule: denied-by-policy" 1 refused policy=fail -- skid.ko
expect "  ... names the rule and its line" 1 out 'rule \\"deny name:3\\" denies it: denied-by-policy'
state enforcing 0 "${HDR}allow signer=0102\n${END}"
dg "allow signer= rules without this signer: signer-not-allowed" 1 refused \
	policy=fail -- skid.ko
expect_json "  ... reason signer-not-allowed" 1 \
	'objs[0]["reason"] == "signer-not-allowed"'
state enforcing 0 "${HDR}allow signer=$T_SKID\n${END}"
dg "  ... an allow signer= rule naming it: ok" 0 ok policy=ok -- skid.ko

state permissive 0 "$POL"
dg "unsigned, permissive: would-deny, exit 0" 0 would-deny mode=warn -- unsigned.ko
state enforcing 1 "$POL"
run diagnose skid.ko
expect "enforcing and locked: the mode line says so" 0 out '^  \[ok  \] mode +enforcing, locked until reboot$'

state enforcing 0 "$POL"
dg "built for another release: vermagic fails, refused" 1 refused \
	vermagic=fail key=ok -- old.ko
expect "  ... names both releases" 1 out 'built for 6.1.0-9-amd64, the running kernel is 6.12.117'

echo capability >sys/kernel/security/lsm
dg "modguard not active: ok, with a warning" 0 ok modguard=warn -- unsigned.ko
dg "  ... policy and mode do not apply: n/a" 0 ok policy=n/a mode=n/a \
	-- unsigned.ko
run diagnose unsigned.ko
expect "  ... n/a in the text, not ??" 0 out '^  \[n/a \] policy +n/a: modguard is not active$'

# A kernel without modguard: securityfs mounted, no modguard directory,
# no .modguard keyring.
mv sys/kernel/security/modguard modguard.away
grep -v '\.modguard:' proc/keys >keys.nomg && cp keys.nomg proc/keys
rm rings/.modguard
dg "no modguard in the kernel: said so" 0 ok modguard=warn policy=n/a \
	mode=n/a key=fail -- other.ko
expect_json "  ... not in the running kernel, no securityfs or .modguard fix" 0 '(
"not in the running kernel" in objs[0]["checks"][0]["detail"] and
"securityfs" not in (objs[0]["checks"][0]["fix"] or "") and
not any(".modguard" in (c["fix"] or "") for c in objs[0]["checks"]))'
mv modguard.away sys/kernel/security/modguard
state enforcing 0 "$POL"
echo capability,modguard >sys/kernel/security/lsm

# The loader's own check: module.sig_enforce.
mkdir -p sys/module/module/parameters
echo Y >sys/module/module/parameters/sig_enforce
state permissive 0 "$POL"
dg "sig_enforce=Y, unsigned: the loader refuses it, permissive or not" 1 \
	refused sig_enforce=fail -- unsigned.ko
dg "sig_enforce=Y, signed by a key of .builtin_trusted_keys: ok" 0 ok \
	sig_enforce=ok -- skid.ko
: >rings/.builtin_trusted_keys && echo 32 >rings/.modguard
dg "sig_enforce=Y, the key in .modguard only: the loader refuses it" 1 \
	refused key=ok sig_enforce=fail -- skid.ko
state enforcing 0 "$POL"
echo N >sys/module/module/parameters/sig_enforce
dg "sig_enforce=N: ok, the loader takes it" 1 refused sig_enforce=ok \
	-- unsigned.ko
rm -r sys/module/module
dg "no sig_enforce parameter: n/a" 1 refused sig_enforce=n/a -- unsigned.ko

rm rings/.builtin_trusted_keys
dg "a keyring that cannot be read: key unknown" 0 unknown key=unknown -- skid.ko
state enforcing 0 "$POL"
rm proc/keys
dg "no /proc/keys: key, revoked and blacklist unknown" 0 unknown \
	key=unknown revoked=unknown blacklist=unknown -- skid.ko
state enforcing 0 "$POL"
chmod 000 sys/kernel/security/modguard/policy
if [ "$(id -u)" -ne 0 ]; then
	dg "an unreadable policy: policy unknown" 0 ok policy=unknown -- skid.ko
fi
chmod 644 sys/kernel/security/modguard/policy

# ML-DSA-65 named in the SignerInfo (an RSA signature whose algorithm OID
# is rewritten: Debian 12's OpenSSL cannot sign with ML-DSA). Linux 6.12
# refuses it as unsupported-crypto, as verify does; a 7.x kernel may
# verify it (CONFIG_CRYPTO_MLDSA), which modguardctl without ML-DSA
# (OpenSSL 3.0) cannot: unknown.
state enforcing 0 "$POL"
elf mg_diag 7.2.13 p72.o
for f in mldsa:payload.o mldsa72:p72.o; do
	sign "${f#*:}" trusted.key trusted.crt "${f%%:*}.rsa"
	python3 - "${f%%:*}.rsa" "${f%%:*}.ko" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
rsa = bytes.fromhex("06092a864886f70d010101")
assert d.count(rsa) == 1
open(sys.argv[2], "wb").write(d.replace(rsa, bytes.fromhex("0609608648016503040312")))
PY
done
dg "ML-DSA-65 on 6.12: unsupported-crypto, refused" 1 refused \
	signature=fail -- --cert trusted.crt mldsa.ko
expect_json "  ... reason unsupported-crypto" 1 \
	'objs[0]["reason"] == "unsupported-crypto"'
echo 7.2.13 >proc/sys/kernel/osrelease
if mldsa_verified; then
	# modguardctl with ML-DSA (OpenSSL 3.5 and later) reads it as 7.x:
	# the key found is RSA, not ML-DSA (-EKEYREJECTED).
	dg "ML-DSA-65 SignerInfo on 7.2, RSA key: bad-signature, refused" 1 \
		refused signature=fail -- --cert trusted.crt mldsa72.ko
	expect_json "  ... reason bad-signature" 1 \
		'objs[0]["reason"] == "bad-signature"'
else
	dg "ML-DSA-65 on 7.2: the kernel may verify it, unknown" 0 unknown \
		signature=unknown key=unknown -- --cert trusted.crt mldsa72.ko
	expect "  ... says which algorithm and which kernel" 0 out \
		'signed with ML-DSA-65, which modguardctl does not verify; this kernel \(7.2.13\)'
fi
echo 6.12.117 >proc/sys/kernel/osrelease

run diagnose --json skid.ko unsigned.ko
expect_json "  ... two objects, ok then refused" 1 \
	'[o["verdict"] for o in objs] == ["ok", "refused"]'

run diagnose
expect "no FILE: usage error (2)" 2 err 'missing FILE'
run diagnose --bogus skid.ko
expect "unknown option: usage error (2)" 2 err "unknown or ill-formed option '--bogus'"
run diagnose nonexistent.ko
expect "a missing file: exit 1, said why" 1 err 'nonexistent.ko: No such file or directory'
run diagnose --cert nonexistent.crt skid.ko
expect "a missing --cert: exit 1, the errno" 1 err \
	'nonexistent.crt: cannot read the certificate file: No such file or directory'
run diagnose --cert payload.o skid.ko
expect "a --cert that is not one: exit 1" 1 err 'payload.o: not a certificate file'
run diagnose --help
expect "--help lists the checks" 0 out '^  vermagic '

done_tests cli_diagnose.sh
