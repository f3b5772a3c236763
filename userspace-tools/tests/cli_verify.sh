#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# modguardctl verify and scan (the ASan/UBSan build) on signatures made
# at test time by openssl cms, as scripts/sign-file makes them (detached,
# -noattr, -nocerts, DER), assembled with the module trailer; with the
# kernel's own sign-file and the VM rig's signed test modules when they
# are built (MODGUARD_CACHE). Each valid vector also goes to an oracle,
# openssl cms -verify, which must agree with verify's verdict; the one
# documented exception is below (signedAttrs).
#
# usage: cli_verify.sh MODGUARDCTL
# Prints "ok - ..." or "FAIL - ..." per check and a last line
# "# cli_verify.sh: N passed, N failed"; exits 1 if any check failed.

set -u

tool=$1
. "$(dirname "$0")/clilib.sh"

cache=${MODGUARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/modguard}
modules=$cache/build/modules/out
keys=$cache/keys
signfile=$cache/build/vm/scripts/sign-file

if ! have openssl || ! have python3; then
	skip "openssl or python3 missing: no vectors"
	run --help
	expect "modguardctl --help lists verify and scan" 0 out '^  scan '
	done_tests cli_verify.sh
	exit
fi

cd "$tmp" || exit 1

# split IMAGE PAYLOAD SIG: the inverse of mkmod, for the oracle.
split() {
	python3 - "$@" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
m = b"~Module signature appended~\n"
assert d.endswith(m)
d = d[:-len(m)]
n = struct.unpack(">I", d[-4:])[0]
d = d[:-12]
open(sys.argv[2], "wb").write(d[:len(d) - n])
open(sys.argv[3], "wb").write(d[len(d) - n:])
PY
}

# oracle DESC IMAGE CERT [EXCEPTION]: openssl cms -verify of the split
# image with CERT agrees with verify (ok exactly when openssl verifies).
# EXCEPTION set: the disagreement is documented, and required.
oracle() {
	desc=$1 img=$2 cert=$3 exc=${4:-}
	split "$img" o.payload o.sig
	if openssl cms -verify -binary -inform DER -in o.sig \
		-content o.payload -noverify -certfile "$cert" \
		-out /dev/null 2>/dev/null; then
		ossl=ok
	else
		ossl=refused
	fi
	verdict "$img" "$cert"
	mine=${got%% *}
	if [ -z "$exc" ] && [ "$ossl" = "$mine" ]; then
		pass "oracle: openssl cms -verify agrees ($ossl): $desc"
	elif [ -n "$exc" ] && [ "$ossl" != "$mine" ]; then
		pass "oracle: documented disagreement (openssl $ossl, modguardctl $mine): $desc"
	else
		fail "oracle: $desc" "openssl says $ossl, modguardctl $got" \
			"${exc:+(a documented exception was expected)}"
	fi
}

# Keys and self-signed certificates; req -x509 adds a subjectKeyIdentifier.
openssl req -x509 -newkey rsa:2048 -nodes -keyout rsa.key -out rsa.crt \
	-days 1 -subj "/CN=modguard verify rsa" 2>/dev/null &&
openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.crt \
	-days 1 -subj "/CN=modguard verify other" 2>/dev/null &&
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes \
	-keyout ec.key -out ec.crt -days 1 -subj "/CN=modguard verify ec" \
	2>/dev/null &&
openssl x509 -in rsa.crt -outform DER -out rsa.der || {
	fail "openssl makes the test keys"
	done_tests cli_verify.sh
	exit
}
cat rsa.crt ec.crt >both.pem
# The ELF magic first: the tool tells a compressed module by its first
# octets, and random ones start like gzip one time in 65536.
{ printf '\177ELF fake module payload\n'; head -c 4096 /dev/urandom; } >payload

# RSA with every digest the kernel takes on a module signature, issuer
# and serial; the digest printed is that of openssl dgst.
for md in sha1 sha224 sha256 sha384 sha512; do
	sign rsa-$md.p7 rsa.key rsa.crt $md -noattr &&
		mkmod payload rsa-$md.p7 rsa-$md.ko ||
		fail "openssl cms signs with $md" "$(cat "$tmp/sign.err")"
	check_verdict "RSA-2048 $md, issuer and serial: ok" rsa-$md.ko "ok ok" rsa.crt
	oracle "RSA-2048 $md" rsa-$md.ko rsa.crt
	run verify --cert rsa.crt rsa-$md.ko
	expect "RSA $md: hash=$md and the CN are printed" 0 out \
		"^rsa-$md.ko: ok reason=ok signer=[0-9a-f]+ key=modguard\\\\x20verify\\\\x20rsa hash=$md sig_digest=[0-9a-f]+ digest=[0-9a-f]{64}\$"
	want=$(openssl dgst -$md -r payload | cut -d' ' -f1)
	expect "RSA $md: sig_digest= is openssl's $md of the payload" 0 out \
		"sig_digest=$want "
	want=$(openssl dgst -sha256 -r payload | cut -d' ' -f1)
	expect "RSA $md: digest= is the policy digest, sha256 of the payload" \
		0 out "digest=$want\$"
done

# The digest printed is the payload's, with the signature's hash.
run verify --cert rsa.crt rsa-sha256.ko
want=$(openssl dgst -sha256 -r payload | cut -d' ' -f1)
expect "digest= is the sha256 of the payload" 0 out "digest=$want\$"

# The signer is the key the sid finds, by the subject key identifier of
# its certificate (as openssl reads it), not the serial the sid names.
skid=$(openssl x509 -in rsa.crt -noout -ext subjectKeyIdentifier |
       sed -n '2s/[ :]//gp' | tr 'A-F' 'a-f')
serial=$(openssl x509 -in rsa.crt -noout -serial | cut -d= -f2 |
	 tr 'A-F' 'a-f')
expect "signer= is the key's subjectKeyIdentifier" 0 out "signer=$skid "
if grep -qE "signer=(00)?$serial " "$tmp/out"; then
	fail "signer= is not the serial in the sid" "serial $serial" \
		"$(cat "$tmp/out")"
else
	pass "signer= is not the serial in the sid"
fi
run verify --cert other.crt rsa-sha256.ko
expect "no certificate found: signer=?" 1 out "signer=\\? "

sign ec.p7 ec.key ec.crt sha384 -noattr && mkmod payload ec.p7 ec.ko
check_verdict "ECDSA P-384 sha384: ok" ec.ko "ok ok" ec.crt
oracle "ECDSA P-384 sha384" ec.ko ec.crt

# sha3 (CONFIG_MODULE_SIG_SHA3_*, 6.7 and later): the kernel's parser
# takes sha3-256/384/512 digests, with rsaEncryption or
# id-ecdsa-with-sha3-*; so does verify.
for md in sha3-256 sha3-384 sha3-512; do
	if ! sign rsa-$md.p7 rsa.key rsa.crt $md -noattr; then
		skip "openssl cannot sign with $md here"
		continue
	fi
	mkmod payload rsa-$md.p7 rsa-$md.ko
	check_verdict "RSA-2048 $md: ok" rsa-$md.ko "ok ok" rsa.crt
	oracle "RSA-2048 $md" rsa-$md.ko rsa.crt
	run verify --cert rsa.crt rsa-$md.ko
	want=$(openssl dgst -$md -r payload | cut -d' ' -f1)
	expect "RSA $md: hash=$md, sig_digest= is openssl's $md of the payload" \
		0 out "hash=$md sig_digest=$want "
	cp rsa-$md.ko rsa-$md-bad.ko && flip rsa-$md-bad.ko 20
	check_verdict "RSA $md, a payload byte flipped: bad-signature" \
		rsa-$md-bad.ko "refused bad-signature" rsa.crt
	if sign ec-$md.p7 ec.key ec.crt $md -noattr; then
		mkmod payload ec-$md.p7 ec-$md.ko
		check_verdict "ECDSA P-384 $md (id-ecdsa-with-$md): ok" ec-$md.ko \
			"ok ok" ec.crt
		oracle "ECDSA P-384 $md" ec-$md.ko ec.crt
	else
		skip "openssl cms cannot sign ECDSA with $md here"
	fi
done
sign ec256.p7 ec.key ec.crt sha256 -noattr && mkmod payload ec256.p7 ec256.ko
check_verdict "ECDSA P-384 sha256: ok" ec256.ko "ok ok" ec.crt
oracle "ECDSA P-384 sha256" ec256.ko ec.crt

if openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout p256.key -out p256.crt -days 1 -subj "/CN=modguard verify p256" \
	2>/dev/null; then
	sign p256.p7 p256.key p256.crt sha256 -noattr &&
		mkmod payload p256.p7 p256.ko
	check_verdict "ECDSA P-256 sha256: ok" p256.ko "ok ok" p256.crt
	oracle "ECDSA P-256 sha256" p256.ko p256.crt
	check_verdict "ECDSA P-256 signature, P-384 certificate: untrusted-key" \
		p256.ko "refused untrusted-key" ec.crt
else
	skip "openssl cannot make a P-256 key"
fi

sign skid.p7 rsa.key rsa.crt sha256 -noattr -keyid &&
	mkmod payload skid.p7 skid.ko
check_verdict "subjectKeyIdentifier (-keyid): ok" skid.ko "ok ok" rsa.crt
oracle "subjectKeyIdentifier" skid.ko rsa.crt
run verify --cert rsa.crt skid.ko
expect "SKID sid: the same signer= as issuer and serial" 0 out "signer=$skid "
sign ec-skid.p7 ec.key ec.crt sha512 -noattr -keyid &&
	mkmod payload ec-skid.p7 ec-skid.ko
check_verdict "ECDSA with SKID and sha512: ok" ec-skid.ko "ok ok" ec.crt
oracle "ECDSA with SKID" ec-skid.ko ec.crt

# Certificates: DER, several in one PEM, several --cert.
check_verdict "certificate in DER" rsa-sha256.ko "ok ok" rsa.der
check_verdict "two certificates in one PEM file (RSA)" rsa-sha256.ko "ok ok" both.pem
check_verdict "two certificates in one PEM file (ECDSA)" ec.ko "ok ok" both.pem
check_verdict "the signer's certificate after another --cert" ec.ko "ok ok" \
	other.crt ec.crt

# What the kernel refuses.
check_verdict "another certificate: untrusted-key" rsa-sha256.ko \
	"refused untrusted-key" other.crt
check_verdict "no --cert at all: untrusted-key" rsa-sha256.ko "refused untrusted-key"
oracle "another certificate" rsa-sha256.ko other.crt
check_verdict "RSA signature, ECDSA certificate with the same SKID absent: untrusted-key" \
	skid.ko "refused untrusted-key" ec.crt

# Certificates that claim rsa.crt's issuer and serial with another key:
# the kernel finds the key, then public_key_verify_signature() refuses an
# ECDSA key for an RSA signature (-EKEYREJECTED) and pkcs1pad a signature
# longer than an RSA-1024 key (-EINVAL), which pkcs7_validate_trust_one()
# makes -EKEYREJECTED too: bad-signature both (the 7.2 VM's verify
# scenario shows the same rule on undecodable ML-DSA signatures).
rsa_serial=0x$(openssl x509 -in rsa.crt -noout -serial | cut -d= -f2)
if openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes \
	-keyout impostor-ec.key -out impostor-ec.crt -days 1 \
	-set_serial "$rsa_serial" -subj "/CN=modguard verify rsa" 2>/dev/null &&
   openssl req -x509 -newkey rsa:1024 -nodes -keyout impostor-1024.key \
	-out impostor-1024.crt -days 1 -set_serial "$rsa_serial" \
	-subj "/CN=modguard verify rsa" 2>/dev/null; then
	check_verdict "same issuer and serial, ECDSA key: bad-signature" \
		rsa-sha256.ko "refused bad-signature" impostor-ec.crt
	check_verdict "same issuer and serial, RSA-1024 key: bad-signature" \
		rsa-sha256.ko "refused bad-signature" impostor-1024.crt
	oracle "same issuer and serial, ECDSA key" rsa-sha256.ko impostor-ec.crt
else
	skip "openssl cannot make the impostor certificates"
fi

cp payload payload.orig
flip payload 100
mkmod payload rsa-sha256.p7 payflip.ko
cp payload.orig payload
check_verdict "payload byte flipped: bad-signature" payflip.ko \
	"refused bad-signature" rsa.crt
oracle "payload byte flipped" payflip.ko rsa.crt
mkmod payload.orig ec.p7 ec-payflip.ko && flip ec-payflip.ko 7
check_verdict "payload byte flipped, ECDSA: bad-signature" ec-payflip.ko \
	"refused bad-signature" ec.crt

# The signature octets end the PKCS#7 (no unsignedAttrs).
cp rsa-sha256.p7 sigflip.p7 && flip sigflip.p7 -1 &&
	mkmod payload sigflip.p7 sigflip.ko
check_verdict "signature byte flipped: bad-signature" sigflip.ko \
	"refused bad-signature" rsa.crt
oracle "signature byte flipped" sigflip.ko rsa.crt
cp ec.p7 ec-sigflip.p7 && flip ec-sigflip.p7 -1 &&
	mkmod payload ec-sigflip.p7 ec-sigflip.ko
check_verdict "ECDSA signature byte flipped: bad-signature" ec-sigflip.ko \
	"refused bad-signature" ec.crt

# An ECDSA signature with a needless zero octet before r or s: the
# kernel's decoder and mbedTLS take it, libcrypto refuses DER that is not
# minimal, and verify must still say ok (check_sig() lets mbedTLS decide
# what libcrypto refuses). Only an integer of at most 48 octets (P-384)
# is padded, as the kernel takes one zero octet more than that and no
# more; a signature whose r and s both need 49 is made again.
i=0
while [ $i -lt 16 ]; do
	sign ec-pad.p7 ec.key ec.crt sha384 -noattr &&
		python3 - ec-pad.p7 <<'PY' && break
import sys


def tlv(b, i):
    n = b[i + 1]
    j = i + 2
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(b[j:j + k], "big")
        j += k
    return b[i], j, n


def enc(tag, c):
    n = len(c)
    if n < 0x80:
        return bytes([tag, n]) + c
    ln = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(ln)]) + ln + c


def kids(c):
    out, j = [], 0
    while j < len(c):
        _, k, n = tlv(c, j)
        out.append(c[j:k + n])
        j = k + n
    return out


def pad_sig(seq):
    _, j, n = tlv(seq, 0)
    rs = kids(seq[j:j + n])
    for x in (1, 0):
        _, k, m = tlv(rs[x], 0)
        if m <= 48:
            rs[x] = enc(0x02, b"\0" + rs[x][k:k + m])
            return enc(0x30, b"".join(rs))
    sys.exit(1)


# Down the last element of each level to the signature's OCTET STRING.
def pad(b):
    tag, j, n = tlv(b, 0)
    k = kids(b[j:j + n])
    if tag == 0x04:
        return enc(tag, pad_sig(k[0]))
    k[-1] = pad(k[-1])
    return enc(tag, b"".join(k))


der = open(sys.argv[1], "rb").read()
open(sys.argv[1], "wb").write(pad(der))
PY
	i=$((i + 1))
done
mkmod payload ec-pad.p7 ec-pad.ko
check_verdict "ECDSA integer with a needless zero octet: ok (as the kernel)" \
	ec-pad.ko "ok ok" ec.crt
if openssl cms -verify -binary -inform DER -in ec-pad.p7 -content payload \
	-noverify -certfile ec.crt -out /dev/null 2>/dev/null; then
	fail "libcrypto refuses the padded ECDSA integer (what the test relies on)"
else
	pass "libcrypto refuses the padded ECDSA integer (what the test relies on)"
fi

head -c 300 /dev/urandom >garbage.p7
mkmod payload garbage.p7 garbage.ko
check_verdict "garbage PKCS#7: malformed-signature" garbage.ko \
	"refused malformed-signature" rsa.crt
head -c 200 rsa-sha256.p7 >short.p7 && mkmod payload short.p7 short.ko
check_verdict "truncated PKCS#7: malformed-signature" short.ko \
	"refused malformed-signature" rsa.crt

cp payload unsigned.ko
check_verdict "unsigned: unsigned" unsigned.ko "refused unsigned" rsa.crt
run verify --cert rsa.crt unsigned.ko
want=$(openssl dgst -sha256 -r payload | cut -d' ' -f1)
expect "unsigned: no signature hash, digest= as hash prints it" 1 out \
	"signer=\\? key=\\? hash=\\? sig_digest=\\? digest=$want\$"
run verify --cert rsa.crt garbage.ko
expect "malformed-signature: digest= as hash prints it" 1 out \
	"reason=malformed-signature .* digest=$want\$"

mkmod payload rsa-sha256.p7 trunc.ko 99999999
check_verdict "sig_len beyond the file: malformed-trailer" trunc.ko \
	"refused malformed-trailer" rsa.crt
run verify --cert rsa.crt trunc.ko
want=$(openssl dgst -sha256 -r trunc.ko | cut -d' ' -f1)
expect "malformed-trailer: digest= of the whole image, as hash takes it" 1 \
	out "reason=malformed-trailer .* digest=$want\$"
printf 'abcde~Module signature appended~\n' >marker-only.ko
check_verdict "trailer without an info block: malformed-trailer" marker-only.ko \
	"refused malformed-trailer" rsa.crt

if sign md5.p7 rsa.key rsa.crt md5 -noattr 2>/dev/null; then
	mkmod payload md5.p7 md5.ko
	check_verdict "md5 (unknown to the kernel): unsupported-crypto" md5.ko \
		"refused unsupported-crypto" rsa.crt
	expect "md5: signer= is the key the sid finds, as in the kernel's record" \
		1 out "reason=unsupported-crypto signer=$skid "
else
	skip "openssl cannot sign with md5 here"
fi

# ML-DSA (FIPS 204): Debian 12's OpenSSL 3.0 cannot sign with it, so the
# RSA signature's algorithm OID (rsaEncryption) is rewritten to
# id-ml-dsa-65 (2.16.840.1.101.3.4.3.18, the same DER length): a module
# whose SignerInfo says ML-DSA-65. Linux 6.12's PKCS#7 parser does not know
# that OID (-ENOPKG), and modguardctl without ML-DSA (OpenSSL 3.0) reads it
# so: unsupported-crypto, and stderr names the algorithm (44 and 87
# likewise). modguardctl with ML-DSA (OpenSSL 3.5 and later; the real
# ML-DSA signatures are tests/cli_mldsa.sh's) reads it as 7.x does: the
# key found is RSA, not ML-DSA, so -EKEYREJECTED, bad-signature.
for n in 44:11 65:12 87:13; do
	python3 - rsa-sha256.p7 "mldsa-${n%%:*}.p7" "${n#*:}" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
rsa = bytes.fromhex("06092a864886f70d010101")
assert d.count(rsa) == 1
mldsa = bytes.fromhex("0609608648016503040300")[:-1] + bytes.fromhex(sys.argv[3])
open(sys.argv[2], "wb").write(d.replace(rsa, mldsa))
PY
	n=${n%%:*}
	mkmod payload "mldsa-$n.p7" "mldsa-$n.ko"
	if mldsa_verified; then
		check_verdict "ML-DSA-$n SignerInfo, RSA key found: bad-signature" \
			"mldsa-$n.ko" "refused bad-signature" rsa.crt
		expect "ML-DSA-$n: signer= is the RSA key the sid finds" 1 out \
			"reason=bad-signature signer=$skid "
		continue
	fi
	check_verdict "ML-DSA-$n signature: unsupported-crypto" "mldsa-$n.ko" \
		"refused unsupported-crypto" rsa.crt
	expect "ML-DSA-$n: stderr names the algorithm" 1 err \
		"mldsa-$n.ko: signed with ML-DSA-$n, which modguardctl does not verify"
	# The kernel's record names the key the sid finds before the PKCS#7
	# code refuses the algorithm (the verify VM scenario compares them).
	expect "ML-DSA-$n: signer= is the key the sid finds" 1 out \
		"reason=unsupported-crypto signer=$skid "
done
run scan --cert rsa.crt mldsa-65.ko rsa-sha256.ko
if mldsa_verified; then
	expect "scan: ML-DSA-65 SignerInfo with an RSA key is bad-signature" \
		1 out "bad-signature"
else
	expect "scan names ML-DSA-65 too" 1 err \
		"mldsa-65.ko: signed with ML-DSA-65"
fi
# A certificate with an ML-DSA key (the RSA certificate's key algorithm
# rewritten: libcrypto still parses it, mbedTLS does not): --cert says
# which algorithm it cannot read (OpenSSL 3.0), or that the key does not
# parse (an RSA key is no ML-DSA key), DER and PEM alike; nothing is
# verified.
openssl x509 -in rsa.crt -outform DER -out rsa-cert.der
python3 - rsa-cert.der mldsa-cert.der <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
rsa = bytes.fromhex("06092a864886f70d010101")
assert d.count(rsa) == 1
open(sys.argv[2], "wb").write(d.replace(rsa, bytes.fromhex("0609608648016503040312")))
PY
openssl x509 -inform DER -in mldsa-cert.der -out mldsa-cert.pem 2>/dev/null ||
	{ printf -- '-----BEGIN CERTIFICATE-----\n'; base64 mldsa-cert.der;
	  printf -- '-----END CERTIFICATE-----\n'; } > mldsa-cert.pem
for c in mldsa-cert.der mldsa-cert.pem; do
	run verify --cert "$c" rsa-sha256.ko
	if mldsa_verified; then
		expect "--cert $c, an RSA key under the ML-DSA-65 OID: exit 1" \
			1 err "$c: a certificate's ML-DSA-65 key does not parse"
	else
		expect "--cert $c with an ML-DSA-65 key: named, exit 1" 1 err \
			"$c: a certificate has an ML-DSA-65 key, which modguardctl does not read"
	fi
	if [ -s "$tmp/out" ]; then
		fail "--cert $c: no verdict printed" "$(cat "$tmp/out")"
	else
		pass "--cert $c: no verdict printed"
	fi
done

# Content attached (no -binary detached form): pkcs7_supply_detached_data
# refuses it (-EINVAL).
openssl cms -sign -binary -nocerts -nodetach -outform DER -md sha256 \
	-noattr -in payload -signer rsa.crt -inkey rsa.key -out attached.p7 &&
	mkmod payload attached.p7 attached.ko
check_verdict "eContent present: malformed-signature" attached.ko \
	"refused malformed-signature" rsa.crt

# Certificates inside the PKCS#7: the kernel could trust a key through
# them that is in no keyring, so the verifying key cannot be named for
# sure; modguard (kernel and tool alike) refuses it (docs/policy.md).
openssl cms -sign -binary -outform DER -md sha256 -noattr -in payload \
	-signer rsa.crt -inkey rsa.key -out withcert.p7 &&
	mkmod payload withcert.p7 withcert.ko
check_verdict "certificate inside the PKCS#7, --cert given: malformed-signature" \
	withcert.ko "refused malformed-signature" rsa.crt
check_verdict "certificate inside the PKCS#7 only: malformed-signature" \
	withcert.ko "refused malformed-signature" other.crt

# Two SignerInfos.
openssl cms -sign -binary -nocerts -outform DER -md sha256 -noattr \
	-in payload -signer rsa.crt -inkey rsa.key -signer ec.crt \
	-inkey ec.key -out two.p7 && mkmod payload two.p7 two.ko
# The kernel trusts such a message if any SignerInfo chains to a trusted
# key; which key signed cannot be told for sure, so modguard (kernel and
# tool alike) refuses it whatever the certificates (docs/reasons.md).
check_verdict "two signers, both certificates: malformed-signature" two.ko \
	"refused malformed-signature" rsa.crt ec.crt
check_verdict "two signers, one certificate: malformed-signature" two.ko \
	"refused malformed-signature" ec.crt
check_verdict "two signers, neither certificate: malformed-signature" two.ko \
	"refused malformed-signature" other.crt
mkmod payload.orig two.p7 two-flip.ko && flip two-flip.ko 5
check_verdict "two signers, payload flipped: malformed-signature" two-flip.ko \
	"refused malformed-signature" ec.crt

# signedAttrs (openssl cms -sign without -noattr). pkcs7_verify() with
# VERIFYING_MODULE_SIGNATURE returns -EKEYREJECTED for any message with
# authattrs ("Invalid module sig (has authattrs)") before it compares a
# digest, so the kernel refuses both, and so does verify. Documented
# oracle exception: openssl accepts the one with the right messageDigest.
sign attrs.p7 rsa.key rsa.crt sha256 && mkmod payload attrs.p7 attrs.ko
check_verdict "signedAttrs, right messageDigest: bad-signature, as the kernel" \
	attrs.ko "refused bad-signature" rsa.crt
oracle "signedAttrs, right messageDigest" attrs.ko rsa.crt exception
mkmod payload.orig attrs.p7 attrs-bad.ko && flip attrs-bad.ko 9
check_verdict "signedAttrs, wrong messageDigest: bad-signature" attrs-bad.ko \
	"refused bad-signature" rsa.crt
oracle "signedAttrs, wrong messageDigest" attrs-bad.ko rsa.crt

# Compressed modules, decompressed as the loader does.
for c in xz:xz gzip:gz zstd:zst; do
	prog=${c%%:*} ext=${c##*:}
	if ! have "$prog"; then
		skip "$prog missing"
		continue
	fi
	$prog -c rsa-sha256.ko >rsa-sha256.ko.$ext 2>/dev/null
	check_verdict "$prog-compressed signed module: ok" rsa-sha256.ko.$ext "ok ok" \
		rsa.crt
	$prog -c payflip.ko >payflip.ko.$ext 2>/dev/null
	check_verdict "$prog-compressed, payload flipped: bad-signature" \
		payflip.ko.$ext "refused bad-signature" rsa.crt
done
if have xz; then
	xz -c payload | xz -c >twice.ko.xz
	check_verdict "compressed twice, unsigned: unverifiable" twice.ko.xz \
		"refused unverifiable" rsa.crt
fi

# --json
run verify --json --cert rsa.crt rsa-sha256.ko unsigned.ko
expect_json "--json: one object per file with the documented keys" 1 \
	'len(objs) == 2 and all(set(o) == {"file","verdict","reason","signer","key","hash","sig_digest","digest","error"} for o in objs) and objs[0]["verdict"] == "ok" and objs[0]["key"] == "modguard verify rsa" and objs[1]["reason"] == "unsigned" and objs[1]["verdict"] == "refused"'
expect_json "--json: absent values are null, never \"?\"" 1 \
	'objs[1]["signer"] is None and objs[1]["key"] is None and objs[0]["error"] is None and "?" not in [v for o in objs for v in o.values()]'
mkdir unreadable.ko
run verify --json --cert rsa.crt rsa-sha256.ko missing.ko unsigned.ko unreadable.ko
expect_json "--json: a file that failed gets an object with its error text" 1 \
	'[o["verdict"] for o in objs] == ["ok", "error", "refused", "error"] and objs[1] == {"file": "missing.ko", "verdict": "error", "reason": None, "signer": None, "key": None, "hash": None, "sig_digest": None, "digest": None, "error": "No such file or directory"} and objs[3]["error"] == "Is a directory"'
expect "  ... and the message on stderr" 1 err \
	'^modguardctl: missing.ko: No such file or directory$'
if have xz; then
	head -c 100 rsa-sha256.ko.xz >corrupt.ko.xz
	run verify --json --cert rsa.crt corrupt.ko.xz
	expect_json "--json: a corrupt xz file: verdict error, the decoder's error" 1 \
		'len(objs) == 1 and objs[0]["verdict"] == "error" and objs[0]["error"].startswith("xz: ") and objs[0]["reason"] is None'
fi

# No --cert and no --kernel: nothing to trust, said once on stderr.
run verify rsa-sha256.ko
expect "no trust anchor: said on stderr, with how to give one" 1 err \
	'^modguardctl: no trust anchor given: every signed module will be refused as untrusted-key \(give one with --cert FILE or --kernel IMAGE\)$'
expect "  ... the module is refused as untrusted-key" 1 out \
	'^rsa-sha256.ko: refused reason=untrusted-key '
run verify --cert rsa.crt rsa-sha256.ko
if grep -q 'trust anchor' "$tmp/err"; then
	fail "with --cert: no trust anchor message" "$(cat "$tmp/err")"
else
	pass "with --cert: no trust anchor message"
fi

# Exit status and errors.
run verify --cert rsa.crt rsa-sha256.ko ec.ko
expect "one ok, one untrusted: exit 1" 1 out '^ec.ko: refused reason=untrusted-key '
run verify --cert rsa.crt rsa-sha256.ko
expect_out "stdin and one ok: exit 0" 0 "$(cat "$tmp/out")"
run --stdin rsa-sha256.ko verify --cert rsa.crt -
expect "- is standard input" 0 out '^-: ok reason=ok '
run verify --cert rsa.crt missing.ko rsa-sha256.ko
expect "a missing file: exit 1, message on stderr, the others checked" 1 \
	err 'missing.ko: No such file or directory'
run verify --cert payload rsa-sha256.ko
expect "--cert not a certificate: exit 1" 1 err 'payload: not a certificate file'
run verify --cert missing.crt rsa-sha256.ko
expect "--cert of a missing file: the errno" 1 err \
	'^modguardctl: missing.crt: cannot read the certificate file: No such file or directory$'
run verify --cert "$tmp" rsa-sha256.ko
expect "--cert of a directory: the errno" 1 err \
	'cannot read the certificate file: Is a directory$'
: >empty.crt
run verify --cert empty.crt rsa-sha256.ko
expect "--cert of an empty file: not a certificate" 1 err \
	'empty.crt: not a certificate file \(the file is empty\)'
run --stdin rsa.crt verify --cert - rsa-sha256.ko
expect "--cert - reads the certificate from standard input" 0 out \
	'^rsa-sha256.ko: ok reason=ok '
mkdir stdin-tree && cp rsa-sha256.ko stdin-tree/a.ko && cp rsa-sha256.ko stdin-tree/b.ko
run --stdin rsa.crt scan --jobs 2 --cert - stdin-tree
expect_out "scan --cert -: every thread trusts the certificate read once" 0 \
	"summary: files=2 ok=2 refused=0 errors=0"
nl=$(printf 'new\nline.ko')
cp unsigned.ko "$nl"
cp unsigned.ko 'back\slash.ko'
run verify --cert rsa.crt "$nl" 'back\slash.ko'
want=$(openssl dgst -sha256 -r payload | cut -d' ' -f1)
expect_out "verify: names with a newline or a backslash escaped, as hash does" 1 \
	"$(printf '%s\n%s' \
	"\\new\\nline.ko: refused reason=unsigned signer=? key=? hash=? sig_digest=? digest=$want" \
	"\\back\\\\slash.ko: refused reason=unsigned signer=? key=? hash=? sig_digest=? digest=$want")"
mkdir nltree && cp unsigned.ko "nltree/$nl"
run scan --cert rsa.crt nltree
expect "scan: a name with a newline on one line, escaped" 1 out \
	'^\\nltree/new\\nline.ko: refused reason=unsigned '
run verify --cert rsa.crt
expect "verify without FILE: usage error" 2 err 'missing FILE'
run verify --bogus x
expect "unknown option: usage error" 2 err '.'
run verify --help
expect "verify --help" 0 out '--cert FILE'

# The kernel's sign-file, if built: the same bytes as our assembly
# (RSA PKCS#1 v1.5 is deterministic), and verify accepts them.
if [ -x "$signfile" ]; then
	cp payload sf-sha256.ko
	if "$signfile" sha256 rsa.key rsa.crt sf-sha256.ko 2>"$tmp/sf.err"; then
		check_verdict "sign-file sha256: ok" sf-sha256.ko "ok ok" rsa.crt
		expect_same "sign-file and the test's assembly make the same image" \
			sf-sha256.ko rsa-sha256.ko
		oracle "sign-file sha256" sf-sha256.ko rsa.crt
		cp payload sf-ec.ko
		if "$signfile" sha384 ec.key ec.crt sf-ec.ko 2>"$tmp/sf.err"; then
			check_verdict "sign-file ECDSA sha384: ok" sf-ec.ko "ok ok" ec.crt
		else
			fail "sign-file signs with ECDSA" "$(cat "$tmp/sf.err")"
		fi
	else
		fail "sign-file signs" "$(cat "$tmp/sf.err")"
	fi
else
	skip "no $signfile (build the VM rig)"
fi

# The VM rig's signed test modules against its keys, and the oracle.
if [ -d "$modules" ] && [ -f "$keys/trusted-rsa.crt" ] &&
   [ -f "$keys/trusted-ecdsa.crt" ] && [ -f "$keys/local-rsa.crt" ]; then
	trusted="$keys/trusted-rsa.crt $keys/trusted-ecdsa.crt $keys/local-rsa.crt"
	for e in alpha-local.ko:ok alpha-sha1.ko:ok alpha-sha256.ko:ok \
		 alpha-sha256.ko.xz:ok alpha-sha384.ko:ok alpha-sha512.ko:ok \
		 alpha-skid.ko:ok beta-ecdsa.ko:ok gamma-sha256.ko:ok \
		 alpha-payload.ko:bad-signature \
		 alpha-payload.ko.xz:bad-signature \
		 alpha-sigflip.ko:bad-signature \
		 alpha-revoked.ko:untrusted-key \
		 alpha-untrusted.ko:untrusted-key \
		 alpha-truncated.ko:malformed-trailer \
		 alpha-unsigned.ko:unsigned; do
		f=${e%%:*} want=${e##*:}
		if [ ! -f "$modules/$f" ]; then
			skip "$modules/$f not built"
			continue
		fi
		if [ "$want" = ok ]; then want="ok ok"; else want="refused $want"; fi
		# shellcheck disable=SC2086
		check_verdict "VM module $f: $want" "$modules/$f" "$want" $trusted
	done
	for f in alpha-sha1.ko alpha-sha256.ko alpha-sha512.ko alpha-skid.ko \
		 alpha-sigflip.ko alpha-payload.ko; do
		[ -f "$modules/$f" ] &&
			oracle "VM module $f" "$modules/$f" "$keys/trusted-rsa.crt"
	done
	[ -f "$modules/beta-ecdsa.ko" ] && oracle "VM module beta-ecdsa.ko" \
		"$modules/beta-ecdsa.ko" "$keys/trusted-ecdsa.crt"
	# verify knows no revocation list: the revoked key's certificate
	# given as trusted makes the module ok (the kernel says revoked-key).
	[ -f "$modules/alpha-revoked.ko" ] && [ -f "$keys/revoked-rsa.crt" ] &&
		check_verdict "VM module alpha-revoked.ko with its certificate: ok" \
			"$modules/alpha-revoked.ko" "ok ok" "$keys/revoked-rsa.crt"
else
	skip "no VM test modules or keys under $cache (build the VM rig)"
fi

# scan: a tree with a mix, counted per reason.
mkdir -p tree/a/sub tree/b
cp rsa-sha256.ko tree/a/good.ko
cp ec.ko tree/a/ec.ko
cp sigflip.ko tree/a/sub/sigflip.ko
cp unsigned.ko tree/b/unsigned.ko
cp unsigned.ko tree/b/unsigned2.ko
cp garbage.ko tree/b/garbage.ko
cp payload tree/b/not-a-module.ko.bak
cp payload tree/b/README
have xz && cp rsa-sha256.ko.xz tree/a/sub/good.ko.xz
have gzip && cp rsa-sha256.ko.gz tree/b/good.ko.gz
have zstd && cp payflip.ko.zst tree/b/payflip.ko.zst
nok=1 nbad=1
have xz && nok=$((nok + 1))
have gzip && nok=$((nok + 1))
have zstd && nbad=$((nbad + 1))
n=$((nok + nbad + 4))
run scan --cert rsa.crt tree
cp "$tmp/out" scan-default.out
expect "scan: summary counts" 1 out \
	"^summary: files=$n ok=$nok refused=$((n - nok)) errors=0\$"
expect "scan: bad-signature count" 1 out "^reason=bad-signature count=$nbad\$"
expect "scan: unsigned count" 1 out '^reason=unsigned count=2$'
expect "scan: untrusted-key count" 1 out '^reason=untrusted-key count=1$'
expect "scan: malformed-signature count" 1 out \
	'^reason=malformed-signature count=1$'
if grep -q 'good.ko\|README\|not-a-module' "$tmp/out"; then
	fail "scan: ok modules and other files are not listed" "$(cat "$tmp/out")"
else
	pass "scan: ok modules and other files are not listed"
fi
if sed -n 's/: refused .*//p' "$tmp/out" | LC_ALL=C sort -c 2>/dev/null; then
	pass "scan: refused files in sorted order"
else
	fail "scan: refused files in sorted order" "$(cat "$tmp/out")"
fi
run scan --jobs 1 --cert rsa.crt tree
expect_same "scan: --jobs 1 and the default print the same" "$tmp/out" \
	scan-default.out
run scan --jobs 7 --cert rsa.crt tree
expect_same "scan: --jobs 7 and the default print the same" "$tmp/out" \
	scan-default.out
run scan --json --cert rsa.crt tree
expect_json "scan --json: an object per file found, then a summary" 1 \
	"objs[-1]['summary']['files'] == $n and objs[-1]['summary']['reasons']['unsigned'] == 2 and len(objs) == $((n + 1)) and [o['verdict'] for o in objs[:-1]].count('ok') == $nok and [o['verdict'] for o in objs[:-1]].count('refused') == $((n - nok))"
expect_json "scan --json: the inventory, sorted by path, with signer and digest" 1 \
	"[o['file'] for o in objs[:-1]] == sorted(o['file'] for o in objs[:-1]) and [(o['signer'] is not None, len(o['digest'])) for o in objs if o.get('file') == 'tree/a/good.ko'] == [(True, 64)] and all('?' not in o.values() for o in objs[:-1])"
run scan --cert rsa.crt tree/a/good.ko
expect_out "scan: a FILE argument is scanned too" 0 \
	"summary: files=1 ok=1 refused=0 errors=0"
mkdir okonly && cp rsa-sha256.ko okonly/ && cp ec.ko okonly/
run scan --cert rsa.crt --cert ec.crt okonly
expect_out "scan: everything loads: exit 0" 0 \
	"summary: files=2 ok=2 refused=0 errors=0"
if [ -z "$(cat "$tmp/err")" ]; then
	pass "scan piped: no progress on stderr"
else
	fail "scan piped: no progress on stderr" "$(cat -v "$tmp/err")"
fi
# On a terminal (stderr a pty): the progress, then erased.
python3 - "$tool" scan --cert rsa.crt --cert ec.crt okonly >pty.out 2>&1 <<'PY'
import os, pty, subprocess, sys
m, s = pty.openpty()
p = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL,
                     stdout=subprocess.PIPE, stderr=s)
os.close(s)
err = b""
while True:
    try:
        d = os.read(m, 4096)
    except OSError:
        break
    if not d:
        break
    err += d
out = p.stdout.read()
p.wait()
print("rc=%d" % p.returncode)
print("out=%r" % out)
print("err=%r" % err)
PY
if grep -q '^rc=0$' pty.out && grep -q "scan: 2/2 files" pty.out &&
   grep -q 'err=.*\\r\\x1b\[K' pty.out && ! grep -q Sanitizer pty.out; then
	pass "scan on a terminal: the progress on stderr, erased at the end"
else
	fail "scan on a terminal: the progress on stderr, erased at the end" \
		"$(cat pty.out)"
fi
mkdir empty
run scan empty
expect_out "scan: empty tree: exit 0" 0 \
	"summary: files=0 ok=0 refused=0 errors=0"
run scan --cert rsa.crt nonexistent
expect "scan: a missing DIR: exit 1" 1 err 'nonexistent'
expect "scan: a missing DIR is counted as an error" 1 out \
	'^summary: files=1 ok=0 refused=0 errors=1$'
run scan --json --cert rsa.crt --cert ec.crt okonly nonexistent
expect_json "scan --json: a missing DIR gets an object with its error" 1 \
	"objs[-1]['summary'] == {'files': 3, 'ok': 2, 'refused': 0, 'errors': 1, 'reasons': {}} and objs[0] == {'file': 'nonexistent', 'verdict': 'error', 'reason': None, 'signer': None, 'key': None, 'hash': None, 'sig_digest': None, 'digest': None, 'error': 'No such file or directory'}"
run scan okonly
expect "scan without --cert: the trust anchor message" 1 err \
	'no trust anchor given: .*--cert FILE or --kernel IMAGE'
# An unreadable subdirectory, as another user than root (root reads it).
mkdir -p shut/open shut/closed
cp rsa-sha256.ko shut/open/ && cp rsa-sha256.ko shut/closed/
chmod 755 "$tmp" shut shut/open && chmod 644 rsa.crt shut/open/rsa-sha256.ko &&
	chmod 000 shut/closed
if [ "$(id -u)" -eq 0 ] && have setpriv &&
   setpriv --reuid=65534 --regid=65534 --clear-groups "$tool" -V >/dev/null 2>&1; then
	setpriv --reuid=65534 --regid=65534 --clear-groups "$tool" scan --json \
		--cert rsa.crt shut >"$tmp/out" 2>"$tmp/err"
	rc=$?
	sanitizer_check "scan shut (as nobody)"
	expect_json "scan: an unreadable subdirectory is an error, in files= and errors=" 1 \
		"objs[-1]['summary'] == {'files': 2, 'ok': 1, 'refused': 0, 'errors': 1, 'reasons': {}} and objs[0]['file'] == 'shut/closed' and objs[0]['error'] == 'Permission denied'"
	expect "  ... and the message on stderr" 1 err \
		'^modguardctl: shut/closed: Permission denied$'
elif [ "$(id -u)" -ne 0 ]; then
	run scan --cert rsa.crt shut
	expect "scan: an unreadable subdirectory is counted as an error" 1 out \
		'^summary: files=2 ok=1 refused=0 errors=1$'
else
	skip "scan of an unreadable directory: root reads it, and setpriv cannot run here"
fi
chmod 755 shut/closed
run scan --jobs 0 tree
expect "scan --jobs 0: usage error" 2 err 'invalid number of jobs'
run scan
expect "scan without DIR: usage error" 2 err 'missing DIR'

done_tests cli_verify.sh
