#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# modguardctl verify, scan and certs on real ML-DSA (FIPS 204) module
# signatures, made at test time by an openssl that has ML-DSA (3.5 and
# later), with a modguardctl whose libcrypto has it too: Debian 12 has
# neither, so scripts/mldsa.sh check runs this in its Debian sid chroot
# (make check's stage userspace-mldsa). Without ML-DSA in the openssl or in
# the tool, this fails: it is never run where it cannot check anything.
#
# The verdicts are those of Linux 7.x built with CONFIG_CRYPTO_MLDSA and
# CONFIG_PKCS7_WAIVE_AUTHATTRS_REJECTION_FOR_MLDSA (the VM's, whose verify
# scenario shows the kernel agreeing): ML-DSA over signed attributes (the
# only form OpenSSL before 4.0 makes) with sha512, or pure ML-DSA over the
# module without them; a signature that does not verify with the key found
# is bad-signature whatever the reason (pkcs7_validate_trust_one() makes
# every error of the verification -EKEYREJECTED: mldsa_verify()'s -EBADMSG
# for one that does not decode, -EINVAL for a digest other than sha512).
# openssl cms -verify is the oracle where it applies.
#
# usage: cli_mldsa.sh MODGUARDCTL
# Prints "ok - ..." or "FAIL - ..." per check and a last line
# "# cli_mldsa.sh: N passed, N failed"; exits 1 if any check failed.

set -u

tool=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/clilib.sh"

cd "$tmp" || exit 1

if ! mldsa_verified; then
	fail "modguardctl verifies ML-DSA" "$("$tool" --version 2>&1)"
	done_tests cli_mldsa.sh
	exit
fi
pass "modguardctl verifies ML-DSA: $("$tool" --version | sed -n 2p)"

# mkcert NAME ALG: NAME.key, NAME.crt (PEM) and NAME.der, with a
# subjectKeyIdentifier, as a module signing certificate.
mkcert() {
	openssl req -x509 -newkey "$2" -nodes -days 365 \
		-subj "/O=modguard test/CN=mldsa-test-$1" \
		-addext subjectKeyIdentifier=hash \
		-addext basicConstraints=critical,CA:FALSE \
		-addext keyUsage=digitalSignature \
		-keyout "$1.key" -out "$1.crt" 2>"$tmp/req.err" &&
	openssl x509 -in "$1.crt" -outform DER -out "$1.der"
}

# skid_of CERT: its subjectKeyIdentifier, lower-case hex.
skid_of() {
	openssl x509 -in "$1" -noout -ext subjectKeyIdentifier |
		tail -n 1 | tr -d ' :' | tr 'A-F' 'a-f'
}

for c in m65:ML-DSA-65 m44:ML-DSA-44 m87:ML-DSA-87; do
	check "openssl makes an ${c#*:} key and certificate" \
		mkcert "${c%%:*}" "${c#*:}"
done
# The same issuer and serial, another key and parameter set: a signer
# found by issuer and serial whose key is not the one that signed.
check "openssl makes two certificates with one issuer and serial" \
	sh -c "$(command -v openssl) req -x509 -newkey ML-DSA-65 -nodes -days 365 -subj '/CN=twin' -set_serial 7 -keyout twin65.key -out twin65.crt 2>/dev/null &&
	       $(command -v openssl) req -x509 -newkey ML-DSA-44 -nodes -days 365 -subj '/CN=twin' -set_serial 7 -keyout twin44.key -out twin44.crt 2>/dev/null"
check "openssl makes an RSA key and certificate" mkcert rsa rsa:2048

# The ELF magic first: random first octets start like gzip one time in
# 65536, and the tool reads the module as compressed.
{ printf '\177ELF\n'; head -c 70000 /dev/urandom; } > payload

# ML-DSA-n over signed attributes, sha512 (what sign-file and OpenSSL
# 3.x make), found by its subjectKeyIdentifier.
for n in 65 44 87; do
	sign "m$n.p7" "m$n.key" "m$n.crt" sha512 -keyid
	mkmod payload "m$n.p7" "m$n.ko"
	check_verdict "ML-DSA-$n, signed attributes, sha512: ok" "m$n.ko" \
		"ok ok" "m$n.crt"
	expect "ML-DSA-$n: signer= is the certificate's SKID" 0 out \
		"signer=$(skid_of "m$n.crt") "
	expect "ML-DSA-$n: key= is its CN, hash=sha512" 0 out \
		"key=mldsa-test-m$n hash=sha512 "
done
if openssl cms -verify -binary -inform DER -in m65.p7 -content payload \
	-noverify -certfile m65.crt -out /dev/null 2>/dev/null; then
	pass "oracle: openssl cms -verify accepts the ML-DSA-65 signature"
else
	fail "oracle: openssl cms -verify accepts the ML-DSA-65 signature"
fi

# The same, DER certificate; and among other certificates in one PEM.
check_verdict "ML-DSA-65 with its DER certificate: ok" m65.ko "ok ok" m65.der
cat rsa.crt m44.crt m65.crt > bundle.pem
check_verdict "ML-DSA-65 with its certificate in a PEM bundle: ok" m65.ko \
	"ok ok" bundle.pem
check_verdict "ML-DSA-65, certificates given separately: ok" m65.ko \
	"ok ok" rsa.crt m44.der m65.crt
check_verdict "ML-DSA-65, no certificate of its key: untrusted-key" m65.ko \
	"refused untrusted-key" rsa.crt m44.crt

# One payload byte changed: the messageDigest no longer matches.
mkmod payload m65.p7 m65-payload.ko && flip m65-payload.ko 1000
check_verdict "ML-DSA-65, a payload byte changed: bad-signature" \
	m65-payload.ko "refused bad-signature" m65.crt

# Byte surgery on the signature: the SignedData's last 3309 octets, after
# its OCTET STRING header 04 82 0c ed; changed in place.
# sigedit IN OUT OFFSET VALUE: set the byte OFFSET of the signature.
sigedit() {
	python3 - "$@" <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
# The signature is the SignedData's last octets (-nocerts, no unsigned
# attributes): found by where it is, not by a search random octets
# around it could match.
hdr = bytes.fromhex("04820ced")
i = len(d) - 3309 - 4
assert d[i:i + 4] == hdr
d[i + 4 + int(sys.argv[3])] = int(sys.argv[4], 0)
open(sys.argv[2], "wb").write(bytes(d))
PY
}
# c~ (the first 48 octets) changed: it decodes, and does not match.
# Flipped (clilib.sh), not set: c~ is random, and a set value is already
# there one time in 256 (0x5a was, and CI saw "ok").
flip m65.p7 -3309 ctilde.p7 && mkmod payload ctilde.p7 ctilde.ko
check_verdict "ML-DSA-65, c~ changed: bad-signature" ctilde.ko \
	"refused bad-signature" m65.crt
# A z coefficient of 2^20 - 1 (its three first octets 0xff): |z| is
# gamma1 - 1, past gamma1 - beta, so the decoder refuses it (-EBADMSG,
# which pkcs7_validate_trust_one() makes -EKEYREJECTED).
sigedit m65.p7 z1.p7 48 0xff && sigedit z1.p7 z2.p7 49 0xff &&
	sigedit z2.p7 z.p7 50 0xff && mkmod payload z.p7 z.ko
check_verdict "ML-DSA-65, z out of bounds: bad-signature" z.ko \
	"refused bad-signature" m65.crt
# The hint: the last octet is the end index of the last polynomial; one
# past omega (55) is not an encoding: -EBADMSG, made -EKEYREJECTED.
sigedit m65.p7 hint.p7 3308 56 && mkmod payload hint.p7 hint.ko
check_verdict "ML-DSA-65, hint index past omega: bad-signature" \
	hint.ko "refused bad-signature" m65.crt

# Found by issuer and serial, the certificate of another key: an ML-DSA-44
# key for an ML-DSA-65 signature is another algorithm (-EKEYREJECTED).
sign twin.p7 twin65.key twin65.crt sha512
mkmod payload twin.p7 twin.ko
check_verdict "ML-DSA-65 by issuer and serial: ok" twin.ko "ok ok" twin65.crt
check_verdict "ML-DSA-65 signer, ML-DSA-44 key found: bad-signature" twin.ko \
	"refused bad-signature" twin44.crt

# Signed attributes with sha256: the kernel's ML-DSA takes sha512 only
# (software_key_determine_akcipher(): -EINVAL, made -EKEYREJECTED).
sign m65-sha256.p7 m65.key m65.crt sha256 -keyid
mkmod payload m65-sha256.p7 m65-sha256.ko
check_verdict "ML-DSA-65 over sha256 signed attributes: bad-signature" \
	m65-sha256.ko "refused bad-signature" m65.crt

# Pure ML-DSA, no signed attributes (what sign-file makes with OpenSSL 4):
# openssl pkeyutl signs the payload itself, and tests/mldsa_pkcs7.py puts
# the SignedData around it (version 3, SignerInfo by SKID).
# pure SIGFILE CERT DIGEST OUT: the PKCS#7 of a pure ML-DSA-65 signature.
pure() {
	python3 "$here/mldsa_pkcs7.py" "$1" "$(skid_of "$2")" ML-DSA-65 "$3" "$4"
}
check "openssl pkeyutl signs the payload with pure ML-DSA-65" \
	openssl pkeyutl -sign -rawin -inkey m65.key -in payload -out pure.sig
pure pure.sig m65.crt sha512 pure.p7 && mkmod payload pure.p7 pure.ko
check_verdict "pure ML-DSA-65, no signed attributes: ok" pure.ko "ok ok" \
	m65.crt
expect "pure ML-DSA-65: hash= names the SignerInfo's digest algorithm" 0 out \
	"hash=sha512 "
# Without signed attributes the digest algorithm is not used ("none"):
# sha256 named there verifies the same.
pure pure.sig m65.crt sha256 pure256.p7 &&
	mkmod payload pure256.p7 pure256.ko
check_verdict "pure ML-DSA-65 naming sha256: ok (the digest is not used)" \
	pure256.ko "ok ok" m65.crt
mkmod payload pure.p7 pure-payload.ko && flip pure-payload.ko 5
check_verdict "pure ML-DSA-65, a payload byte changed: bad-signature" \
	pure-payload.ko "refused bad-signature" m65.crt

# scan over the lot: the same verdicts, counted.
mkdir tree
cp m65.ko m44.ko pure.ko m65-payload.ko z.ko tree/
run scan --cert bundle.pem tree
expect "scan: 3 ML-DSA modules ok, the tampered and the undecodable refused" \
	1 out "summary: files=5 ok=3 refused=2 errors=0"

# --kernel: the ML-DSA certificate built into a kernel image. Its
# "Linux version" banner says which kernel reads the signature: 7.x
# verifies it, 6.x does not know the algorithm (unsupported-crypto, and
# the certificate is one it cannot load); no banner, as 7.x.
# kimage OUT BANNER SYS_DER... -- REV_DER...
kimage() {
	out=$1 banner=$2
	shift 2
	image "$out" 0 "$@" && printf '%s\n' "$banner" >> "$out"
}
kimage k72 "Linux version 7.2.13-amd64 (gcc 15.2)" m65.der rsa.der --
run verify --kernel k72 m65.ko
expect "--kernel of Linux 7.2 with the ML-DSA key built in: ok" 0 out \
	"m65.ko: ok reason=ok signer=$(skid_of m65.crt) "
kimage knone "" m65.der --
run verify --kernel knone m65.ko
expect "--kernel with no version banner: as 7.x, ok" 0 out "m65.ko: ok reason=ok "
kimage k612 "Linux version 6.12.48+deb13-amd64 (gcc 14.2)" m65.der rsa.der --
run verify --kernel k612 m65.ko
expect "--kernel of Linux 6.12: ML-DSA is unsupported-crypto" 1 out \
	"m65.ko: refused reason=unsupported-crypto "
expect "  ... the ML-DSA certificate: not read by that kernel" 1 err \
	"ignored \\(ML-DSA keys, which this kernel, older than 7.0, does not read\\)"
expect "  ... and the signature: named, with why" 1 err \
	"m65.ko: signed with ML-DSA-65: unsupported-crypto, as Linux 6.12 and the kernel image given"
run verify --kernel k612 --cert m65.crt m65.ko
expect "--cert of an ML-DSA certificate with a 6.12 --kernel: an error saying why" \
	1 err "m65.crt: a certificate has an ML-DSA-65 key, which the kernel image given \\(older than 7.0\\) does not read"
kimage krev "Linux version 7.2.13-amd64" m65.der -- m65.der
run verify --kernel krev m65.ko
expect "--kernel: the ML-DSA key on the revocation list too: revoked-key" \
	1 out "m65.ko: refused reason=revoked-key "

# diagnose on a running 7.2 (fixture /proc): the signature check as that
# kernel reads it. Its configuration in /boot decides the signed
# attributes: with the waiver ok, without it bad-signature (pkcs7_verify():
# "has authattrs"); the pure form is ok either way; without
# CONFIG_CRYPTO_MLDSA nothing verifies (bad-signature). No configuration
# to read: as verify, both taken to be there.
mkdir -p proc/sys/kernel boot noboot
echo 7.2.13 >proc/sys/kernel/osrelease
: >proc/keys
# sigcheck DESC STATUS BOOT FILE: diagnose's "signature" check is STATUS.
sigcheck() {
	(
		export MODGUARD_PROCFS="$tmp/proc" MODGUARD_BOOT="$tmp/$3"
		exec "$tool" diagnose --json --cert m65.crt "$4"
	) >"$tmp/out" 2>"$tmp/err"
	rc=$?
	sanitizer_check "diagnose $4"
	if grep -q "\"check\":\"signature\",\"status\":\"$2\"" "$tmp/out"; then
		pass "$1"
	else
		fail "$1" "$(details "0 or 1")"
	fi
}
printf 'CONFIG_CRYPTO_MLDSA=y\nCONFIG_PKCS7_WAIVE_AUTHATTRS_REJECTION_FOR_MLDSA=y\n' \
	>boot/config-7.2.13
sigcheck "diagnose, 7.2 with the waiver: signed attributes ok" ok boot m65.ko
printf 'CONFIG_CRYPTO_MLDSA=y\n# CONFIG_PKCS7_WAIVE_AUTHATTRS_REJECTION_FOR_MLDSA is not set\n' \
	>boot/config-7.2.13
sigcheck "diagnose, 7.2 without the waiver: signed attributes refused" fail \
	boot m65.ko
expect "  ... as bad-signature" 1 out \
	'"check":"signature","status":"fail","detail":"bad-signature"'
sigcheck "diagnose, 7.2 without the waiver: pure ML-DSA ok" ok boot pure.ko
sigcheck "diagnose, no configuration in /boot: the waiver assumed, ok" ok \
	noboot m65.ko
printf 'CONFIG_PKCS7_WAIVE_AUTHATTRS_REJECTION_FOR_MLDSA=y\n# CONFIG_CRYPTO_MLDSA is not set\n' \
	>boot/config-7.2.13
sigcheck "diagnose, 7.2 without CONFIG_CRYPTO_MLDSA: pure ML-DSA refused" \
	fail boot pure.ko
expect "  ... as bad-signature (no ML-DSA to verify with)" 1 out \
	'"check":"signature","status":"fail","detail":"bad-signature"'
printf 'CONFIG_CRYPTO_MLDSA=m\nCONFIG_PKCS7_WAIVE_AUTHATTRS_REJECTION_FOR_MLDSA=y\n' \
	>boot/config-7.2.13
sigcheck "diagnose, 7.2 with ML-DSA as a module: ok" ok boot m65.ko
echo 6.12.117 >proc/sys/kernel/osrelease
sigcheck "diagnose on a running 6.12: unsupported-crypto" fail noboot m65.ko
expect "  ... as unsupported-crypto" 1 out \
	'"check":"signature","status":"fail","detail":"unsupported-crypto"'

done_tests cli_mldsa.sh
