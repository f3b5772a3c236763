#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Sign an out-of-tree or DKMS module with an operator key, using the
# kernel's own scripts/sign-file. A compressed module (.ko.xz, .ko.zst,
# .ko.gz) is decompressed, signed and compressed again the way Kbuild
# does it (the signature goes inside the compression).
#
#   sign-module.sh [--hash ALG] [--cert CERT] [--sign-file PATH]
#                  KEY.pem MODULE [OUTPUT]
#
#   KEY.pem      the private key (gen-signing-key.sh's signing_key.pem,
#                which also holds the certificate)
#   --cert       the certificate, if not in KEY.pem (PEM or DER)
#   --hash       sha256, sha384 or sha512 (default sha512)
#   --sign-file  default: the first of $SIGN_FILE,
#                /lib/modules/$(uname -r)/build/scripts/sign-file (the
#                linux-headers package) and the rig's
#                $MODGUARD_CACHE/build/vm/scripts/sign-file
#   OUTPUT       default: MODULE itself, signed in place
set -eu
. "$(dirname "$0")/../lib.sh"

hash=sha512 cert="" signfile=${SIGN_FILE:-}
while [ $# -gt 0 ]; do
	case $1 in
	--hash) [ $# -ge 2 ] || exit 2; hash=$2; shift ;;
	--cert) [ $# -ge 2 ] || exit 2; cert=$2; shift ;;
	--sign-file) [ $# -ge 2 ] || exit 2; signfile=$2; shift ;;
	-h|--help) sed -n '3,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) log "unknown option: $1 (see --help)"; exit 2 ;;
	*) break ;;
	esac
	shift
done
[ $# -eq 2 ] || [ $# -eq 3 ] || { log "usage: sign-module.sh [options] KEY.pem MODULE [OUTPUT]"; exit 2; }
key=$1 module=$2 output=${3:-$2}
case $hash in
sha256|sha384|sha512) ;;
*) log "--hash: sha256, sha384 or sha512"; exit 2 ;;
esac
[ -r "$key" ] || die "$key: cannot read the key"
[ -r "$module" ] || die "$module: cannot read"
[ -n "$cert" ] || cert=$key

if [ -z "$signfile" ]; then
	for f in "/lib/modules/$(uname -r)/build/scripts/sign-file" \
		"$KOUT/scripts/sign-file"; do
		[ -x "$f" ] && { signfile=$f; break; }
	done
fi
[ -n "$signfile" ] && [ -x "$signfile" ] ||
	die "no scripts/sign-file: install linux-headers-$(uname -r) or give --sign-file"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
case $module in
*.ko.xz) unpack="xz -dc" pack="xz --check=crc32 --lzma2=dict=1MiB -c" ;;
*.ko.zst) unpack="zstd -dcq" pack="zstd -T0 --ultra -22 -qc" ;;
*.ko.gz) unpack="gzip -dc" pack="gzip -9nc" ;;
*) unpack=cat pack=cat ;;
esac
$unpack < "$module" > "$tmp/m.ko"
"$signfile" "$hash" "$key" "$cert" "$tmp/m.ko" "$tmp/signed.ko"
$pack < "$tmp/signed.ko" > "$tmp/out"
cp "$tmp/out" "$output"
log "signed $output ($hash, $(openssl x509 -in "$cert" -noout -subject 2>/dev/null ||
	openssl x509 -inform DER -in "$cert" -noout -subject))"
