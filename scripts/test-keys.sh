#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Test keys, generated once into the cache and never committed:
#   trusted-rsa.pem    RSA-2048, its certificate built into the kernel
#                      (CONFIG_MODULE_SIG_KEY)
#   trusted-ecdsa.pem  ECDSA P-384, built in via CONFIG_SYSTEM_TRUSTED_KEYS
#   untrusted-rsa.pem  RSA-2048, known to no keyring
#   revoked-rsa.pem    RSA-2048, built in as trusted and also on the
#                      revocation list (CONFIG_SYSTEM_REVOCATION_KEYS)
#   local-rsa.pem      RSA-2048, a local (DKMS-style) key that a scenario
#                      adds to .modguard at runtime
#   platform-rsa.pem   RSA-2048, enrolled in the UEFI db of the platform
#                      scenario's firmware, so it reaches .platform
#   trusted-mldsa.pem  ML-DSA-65 (scripts/mldsa.sh), built into the 7.x
#                      kernels through builtin-extra-mldsa.crt
# Each .pem holds the private key and the certificate; .crt the certificate.
set -eu
. "$(dirname "$0")/lib.sh"

mkdir -p "$KEYDIR"
cd "$KEYDIR"

genkey() { # name "common name" openssl-key-args...
	name=$1 cn=$2
	shift 2
	[ -s "$name.pem" ] && [ -s "$name.crt" ] && return 0
	MODGUARD_KEY_ORG="modguard test keys" MODGUARD_KEY_CN=$cn \
	openssl req -new -nodes -utf8 -sha256 -days 36500 -batch -x509 \
		-config "$MODGUARD_ROOT/scripts/x509.genkey" "$@" \
		-keyout "$name.key" -out "$name.crt" 2>/dev/null
	cat "$name.key" "$name.crt" > "$name.pem"
	rm -f "$name.key"
	chmod 600 "$name.pem"
	log "generated $KEYDIR/$name.pem"
}

genkey trusted-rsa "modguard test trusted RSA" -newkey rsa:2048
genkey trusted-ecdsa "modguard test trusted ECDSA P-384" \
	-newkey ec -pkeyopt ec_paramgen_curve:secp384r1
genkey untrusted-rsa "modguard test untrusted RSA" -newkey rsa:2048
genkey revoked-rsa "modguard test revoked RSA" -newkey rsa:2048
genkey local-rsa "modguard test local DKMS RSA" -newkey rsa:2048
openssl x509 -in local-rsa.crt -outform DER -out local-rsa.der
genkey platform-rsa "modguard test platform (UEFI db) RSA" -newkey rsa:2048
openssl x509 -in platform-rsa.crt -outform DER -out platform-rsa.der

# What CONFIG_SYSTEM_TRUSTED_KEYS builds in besides the signing key, and
# what CONFIG_SYSTEM_REVOCATION_KEYS revokes. Rewritten only on change, so
# an unchanged key set never rebuilds the kernel.
update() { # file content...
	f=$1
	shift
	cat "$@" > "$f.new"
	if cmp -s "$f.new" "$f"; then rm "$f.new"; else mv "$f.new" "$f"; fi
}
update builtin-extra.crt trusted-ecdsa.crt revoked-rsa.crt
# The 7.x kernels also build in the ML-DSA key (scripts/mldsa.sh: made
# with a newer OpenSSL than Debian 12's, so only when a 7.x kernel needs it).
if [ "$KERNEL" != 6.12 ]; then
	"$MODGUARD_ROOT/scripts/mldsa.sh" key
	update builtin-extra-mldsa.crt builtin-extra.crt trusted-mldsa.crt
fi
update revoked.crt revoked-rsa.crt
