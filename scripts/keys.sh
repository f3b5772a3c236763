#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Test keys, generated once into the cache and never committed:
#   trusted-rsa.pem    RSA-2048, its certificate built into the kernel
#                      (CONFIG_MODULE_SIG_KEY)
#   trusted-ecdsa.pem  ECDSA P-384, built in via CONFIG_SYSTEM_TRUSTED_KEYS
#   untrusted-rsa.pem  RSA-2048, known to no keyring
# Each .pem holds the private key and the certificate; .crt the certificate.
set -eu
. "$(dirname "$0")/lib.sh"

mkdir -p "$KEYDIR"
cd "$KEYDIR"

genkey() { # name "common name" openssl-key-args...
	name=$1 cn=$2
	shift 2
	[ -s "$name.pem" ] && [ -s "$name.crt" ] && return 0
	cat > "$name.x509" <<CONF
[ req ]
distinguished_name = dn
prompt = no
string_mask = utf8only
x509_extensions = exts

[ dn ]
O = modguard test keys
CN = $cn

[ exts ]
basicConstraints = critical,CA:FALSE
keyUsage = digitalSignature
extendedKeyUsage = codeSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CONF
	openssl req -new -nodes -utf8 -sha256 -days 36500 -batch -x509 \
		-config "$name.x509" "$@" -keyout "$name.key" \
		-out "$name.crt" 2>/dev/null
	cat "$name.key" "$name.crt" > "$name.pem"
	rm -f "$name.key"
	chmod 600 "$name.pem"
	log "generated $KEYDIR/$name.pem"
}

genkey trusted-rsa "modguard test trusted RSA" -newkey rsa:2048
genkey trusted-ecdsa "modguard test trusted ECDSA P-384" \
	-newkey ec -pkeyopt ec_paramgen_curve:secp384r1
genkey untrusted-rsa "modguard test untrusted RSA" -newkey rsa:2048

# What CONFIG_SYSTEM_TRUSTED_KEYS builds in besides the signing key.
cat trusted-ecdsa.crt > builtin-extra.crt
