#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Tests of gen-signing-key.sh and sign-module.sh, in the style of
# userspace-tools/tests/cli*.sh: generate an RSA and an ECDSA key, check
# the certificates with openssl, sign a copy of a rig test module with the
# kernel's sign-file and verify it with modguardctl verify --cert. Needs
# the rig's kernel build (sign-file) and test modules: `make modules tools`.
# Last line: "N passed, N failed"; non-zero exit on any failure.
set -eu
. "$(dirname "$0")/../lib.sh"

gen=$MODGUARD_ROOT/scripts/signing/gen-signing-key.sh
sign=$MODGUARD_ROOT/scripts/signing/sign-module.sh
ctl=${MODGUARDCTL:-$MODGUARD_ROOT/userspace-tools/modguardctl}
signfile=$KOUT/scripts/sign-file
module=$MODDIR/src/mg_alpha.ko
for f in "$ctl" "$signfile" "$module"; do
	[ -x "$f" ] || [ -f "$f" ] || die "$f missing: run make modules tools"
done

. "$MODGUARD_ROOT/scripts/testlib.sh"

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# --- RSA (the default) ---------------------------------------------------
"$gen" --out "$t/rsa" --cn "test RSA" > "$t/rsa.out" 2>&1 || fail "gen-signing-key.sh (rsa) exit status"
k=$t/rsa
check "key directory is 0700" test "$(stat -c %a "$k")" = 700
check "private key is 0600" test "$(stat -c %a "$k/signing_key.pem")" = 600
check "private key file holds the key" grep -q 'BEGIN PRIVATE KEY' "$k/signing_key.pem"
check "private key file holds the certificate" grep -q 'BEGIN CERTIFICATE' "$k/signing_key.pem"
check "crt and der are the same certificate" sh -c \
	"openssl x509 -in '$k/signing_key.crt' -outform DER | cmp -s - '$k/signing_key.der'"
check "no other files left in the directory" test "$(ls "$k" | tr '\n' ' ')" = \
	"signing_key.crt signing_key.der signing_key.pem "
openssl x509 -in "$k/signing_key.crt" -noout -text > "$t/rsa.txt"
has "rsa: public key is RSA" "$t/rsa.txt" 'Public Key Algorithm: rsaEncryption'
has "rsa: 4096 bits" "$t/rsa.txt" 'Public-Key: \(4096 bit\)'
has "rsa: signed with sha512" "$t/rsa.txt" 'Signature Algorithm: sha512WithRSAEncryption'
has "rsa: key usage is critical" "$t/rsa.txt" 'X509v3 Key Usage: critical'
check "rsa: key usage is Digital Signature only" sh -c \
	"grep -A1 'X509v3 Key Usage' '$t/rsa.txt' | tail -n 1 | grep -qx ' *Digital Signature'"
check "rsa: extended key usage is Code Signing" sh -c \
	"grep -A1 'X509v3 Extended Key Usage' '$t/rsa.txt' | tail -n 1 | grep -qx ' *Code Signing'"
has "rsa: not a CA" "$t/rsa.txt" 'CA:FALSE'
has "rsa: subject from --cn" "$t/rsa.txt" 'Subject: O = modguard operator, CN = test RSA'
has "rsa: subject key identifier" "$t/rsa.txt" 'X509v3 Subject Key Identifier'
nb=$(openssl x509 -in "$k/signing_key.crt" -noout -startdate | sed 's/.*=//')
na=$(openssl x509 -in "$k/signing_key.crt" -noout -enddate | sed 's/.*=//')
check "rsa: valid from now" test $(( $(date -u +%s) - $(date -u -d "$nb" +%s) )) -lt 300
check "rsa: valid for 10 years to the day" test \
	"$(date -u -d "$na" +%Y-%m-%d)" = "$(date -u -d "$(date -u -d "$nb" +%Y-%m-%d) +10 years" +%Y-%m-%d)"
has "prints where the private key is" "$t/rsa.out" "^  $k/signing_key.pem\$"
has "says how to move it offline" "$t/rsa.out" "shred -u $k/signing_key.pem"
has "prints CONFIG_MODULE_SIG_KEY" "$t/rsa.out" "^  CONFIG_MODULE_SIG_KEY=\"$k/signing_key.pem\"\$"
has "prints CONFIG_SYSTEM_TRUSTED_KEYS" "$t/rsa.out" "CONFIG_SYSTEM_TRUSTED_KEYS=\"$k/signing_key.crt\"\$"
has "prints CONFIG_MODULE_SIG_HASH" "$t/rsa.out" '^  CONFIG_MODULE_SIG_HASH="sha512"$'
has "prints the keyctl padd line" "$t/rsa.out" \
	"keyctl padd asymmetric \"\" %keyring:.modguard < $k/signing_key.der\$"

# --- ECDSA P-384 -----------------------------------------------------------
"$gen" --ecdsa --out "$t/ec" > "$t/ec.out" 2>&1 || fail "gen-signing-key.sh --ecdsa exit status"
openssl x509 -in "$t/ec/signing_key.crt" -noout -text > "$t/ec.txt"
has "ecdsa: public key is EC" "$t/ec.txt" 'Public Key Algorithm: id-ecPublicKey'
has "ecdsa: curve P-384" "$t/ec.txt" 'NIST CURVE: P-384'
has "ecdsa: signed with sha512" "$t/ec.txt" 'Signature Algorithm: ecdsa-with-SHA512'
has "ecdsa: extended key usage" "$t/ec.txt" 'Code Signing'
has "ecdsa: says ECDSA P-384" "$t/ec.out" 'ECDSA P-384'

# --- the default directory and the refusals --------------------------------
TMPDIR=$t "$gen" > "$t/tmp.out" 2>&1 || fail "gen-signing-key.sh without --out exit status"
dir=$(sed -n 's|^  \(.*\)/signing_key.pem$|\1|p' "$t/tmp.out" | head -n 1)
check "without --out: a new directory under TMPDIR" test -d "$dir" -a "${dir#"$t"/modguard-key.}" != "$dir"
check "without --out: the directory is 0700" test "$(stat -c %a "$dir")" = 700
before=$(sha256sum < "$k/signing_key.pem")
check "an existing --out is refused" sh -c "! '$gen' --out '$t/rsa'"
check "the existing key is untouched" test "$(sha256sum < "$k/signing_key.pem")" = "$before"
rc=0; "$gen" --bogus >/dev/null 2>&1 || rc=$?
check "unknown option: exit 2" test "$rc" = 2

# --- signing a module and verifying it -------------------------------------
cp "$module" "$t/m.ko"
"$sign" --sign-file "$signfile" "$k/signing_key.pem" "$t/m.ko" "$t/rsa.ko" 2>/dev/null ||
	fail "sign-module.sh rsa exit status"
"$ctl" verify --cert "$k/signing_key.der" "$t/rsa.ko" > "$t/v1" 2>&1 || true
has "rsa-signed module verifies with its certificate" "$t/v1" ': ok reason=ok .*hash=sha512'
has "verify names the key" "$t/v1" 'key=test\\x20RSA'
"$ctl" verify --cert "$t/ec/signing_key.der" "$t/rsa.ko" > "$t/v2" 2>&1 || true
has "rsa-signed module is untrusted with another certificate" "$t/v2" 'refused reason=untrusted-key'
"$ctl" verify --cert "$k/signing_key.der" "$t/m.ko" > "$t/v3" 2>&1 || true
has "the unsigned copy is refused" "$t/v3" 'refused reason=unsigned'
check "module signed in place by default" sh -c "cp '$t/m.ko' '$t/inplace.ko' &&
	SIGN_FILE='$signfile' '$sign' '$t/ec/signing_key.pem' '$t/inplace.ko' &&
	'$ctl' verify --cert '$t/ec/signing_key.crt' '$t/inplace.ko' | grep -q ': ok .*hash=sha512'"
check "ecdsa, sha384, compressed module verifies" sh -c "xz --check=crc32 -c '$t/m.ko' > '$t/m.ko.xz' &&
	'$sign' --hash sha384 --sign-file '$signfile' '$t/ec/signing_key.pem' '$t/m.ko.xz' '$t/ec.ko.xz' &&
	'$ctl' verify --cert '$t/ec/signing_key.der' '$t/ec.ko.xz' | grep -q ': ok .*hash=sha384'"
check "same payload digest after signing" test \
	"$("$ctl" hash "$t/rsa.ko" | cut -d' ' -f1)" = "$("$ctl" hash "$t/m.ko" | cut -d' ' -f1)"
rc=0; "$sign" --hash md5 "$k/signing_key.pem" "$t/m.ko" >/dev/null 2>&1 || rc=$?
check "sign-module.sh refuses a bad hash: exit 2" test "$rc" = 2
check "sign-module.sh fails on a missing module" sh -c "! '$sign' --sign-file '$signfile' '$k/signing_key.pem' '$t/none.ko'"

summary
