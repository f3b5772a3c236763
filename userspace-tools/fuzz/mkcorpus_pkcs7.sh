#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Seed corpus of fuzz_pkcs7, for `make corpus`: PKCS#7 module signatures
# made by openssl cms with throwaway keys (RSA and ECDSA; issuer and
# serial and -keyid; with and without signedAttrs, certificates, a second
# signer, attached content) and the DER of the certificates (for
# mg_x509_skid). Keys are random, so a rerun changes the bytes, not the
# shapes; the seeds are not compared with anything.
#
# usage: mkcorpus_pkcs7.sh DIR

set -eu

dir=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$dir"

openssl req -x509 -newkey rsa:1024 -nodes -keyout "$tmp/rsa.key" \
	-out "$tmp/rsa.crt" -days 1 -subj /CN=seed-rsa 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout "$tmp/ec.key" -out "$tmp/ec.crt" -days 1 -subj /CN=seed-ec \
	2>/dev/null
printf 'seed payload\n' >"$tmp/payload"

sign() {
	out=$1
	shift
	openssl cms -sign -binary -outform DER -in "$tmp/payload" \
		-out "$dir/$out" "$@" 2>/dev/null
}

rsa="-signer $tmp/rsa.crt -inkey $tmp/rsa.key"
ec="-signer $tmp/ec.crt -inkey $tmp/ec.key"
# shellcheck disable=SC2086
{
	sign rsa-sha256 $rsa -md sha256 -noattr -nocerts
	sign rsa-sha1-skid $rsa -md sha1 -noattr -nocerts -keyid
	sign rsa-attrs $rsa -md sha512 -nocerts
	sign rsa-certs $rsa -md sha384 -noattr
	sign rsa-attached $rsa -md sha256 -noattr -nocerts -nodetach
	sign ec-sha256 $ec -md sha256 -noattr -nocerts
	sign two-signers $rsa $ec -md sha224 -noattr -nocerts
}
openssl x509 -in "$tmp/rsa.crt" -outform DER -out "$dir/cert-rsa"
openssl x509 -in "$tmp/ec.crt" -outform DER -out "$dir/cert-ec"
# The [3] extensions of each certificate, as mg_x509_skid() gets them.
for c in rsa ec; do
	python3 - "$dir/cert-$c" "$dir/ext-$c" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
def hdr(b, i):
    n = b[i + 1]
    if n < 0x80:
        return i + 2, n
    k = n & 0x7f
    return i + 2 + k, int.from_bytes(b[i + 2:i + 2 + k], "big")
i, _ = hdr(d, 0)          # Certificate
i, tlen = hdr(d, i)       # TBSCertificate contents
end = i + tlen
while i < end:
    tag = d[i]
    j, n = hdr(d, i)
    if tag == 0xa3:
        open(sys.argv[2], "wb").write(d[i:j + n])
        break
    i = j + n
PY
done
# Regression: an empty [3] once made mg_x509_skid() walk past the input.
printf '\243\000\253' >"$dir/regress-empty-ext"
