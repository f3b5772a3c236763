#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Generate an operator's module-signing key pair: RSA-4096 (or ECDSA P-384
# with --ecdsa), a self-signed certificate with a SHA-512 signature, valid
# for 10 years, for code signing only (signing-key.x509 next to this
# script). Everything goes to a new directory only its owner can read:
#
#   signing_key.pem   the private key and the certificate (what
#                     CONFIG_MODULE_SIG_KEY and sign-file take): SECRET
#   signing_key.crt   the certificate, PEM (CONFIG_SYSTEM_TRUSTED_KEYS)
#   signing_key.der   the certificate, DER (keyctl padd, modguardctl verify
#                     --cert, DKMS mok_certificate)
#
#   gen-signing-key.sh [--ecdsa] [--cn NAME] [--org NAME] [--out DIR]
#
#   --out DIR   create DIR (it must not exist) instead of a new directory
#               under ${TMPDIR:-/tmp}
#   --cn, --org the certificate's subject (default: "<host> modguard module
#               signing key", "modguard operator")
#
# Then it prints where the private key is, how to take it offline, and the
# kernel configuration lines that use it. Test keys for the rig come from
# scripts/test-keys.sh instead.
set -eu
. "$(dirname "$0")/../lib.sh"

type=rsa out="" cn="" org="modguard operator"
while [ $# -gt 0 ]; do
	case $1 in
	--ecdsa) type=ecdsa ;;
	--rsa) type=rsa ;;
	--cn) [ $# -ge 2 ] || { log "--cn needs a value"; exit 2; }; cn=$2; shift ;;
	--org) [ $# -ge 2 ] || { log "--org needs a value"; exit 2; }; org=$2; shift ;;
	--out) [ $# -ge 2 ] || { log "--out needs a value"; exit 2; }; out=$2; shift ;;
	-h|--help) sed -n '3,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) log "unknown option: $1 (see --help)"; exit 2 ;;
	esac
	shift
done
[ -n "$cn" ] || cn="$(hostname) modguard module signing key"

umask 077
if [ -n "$out" ]; then
	[ ! -e "$out" ] || die "$out exists: give a new directory"
	mkdir -p "$(dirname "$out")"
	mkdir -m 0700 "$out"
else
	out=$(mktemp -d "${TMPDIR:-/tmp}/modguard-key.XXXXXXXX")
fi
out=$(cd "$out" && pwd)
chmod 0700 "$out"

case $type in
rsa) newkey="-newkey rsa:4096" ;;
ecdsa) newkey="-newkey ec -pkeyopt ec_paramgen_curve:secp384r1" ;;
esac
# Ten calendar years from today, whatever the leap days.
days=$(( ($(date -u -d "$(date -u +%Y-%m-%d) +10 years" +%s) -
	$(date -u -d "$(date -u +%Y-%m-%d)" +%s)) / 86400 ))

MODGUARD_KEY_CN=$cn MODGUARD_KEY_ORG=$org
export MODGUARD_KEY_CN MODGUARD_KEY_ORG
# shellcheck disable=SC2086
openssl req -new -nodes -utf8 -sha512 -days "$days" -batch -x509 \
	-config "$MODGUARD_ROOT/scripts/x509.genkey" $newkey \
	-keyout "$out/key.tmp" -out "$out/signing_key.crt" 2>"$out/openssl.log" ||
	{ cat "$out/openssl.log" >&2; die "openssl req failed"; }
cat "$out/key.tmp" "$out/signing_key.crt" > "$out/signing_key.pem"
rm -f "$out/key.tmp" "$out/openssl.log"
openssl x509 -in "$out/signing_key.crt" -outform DER -out "$out/signing_key.der"
chmod 0600 "$out/signing_key.pem"
chmod 0644 "$out/signing_key.crt" "$out/signing_key.der"

subject=$(openssl x509 -in "$out/signing_key.crt" -noout -subject -nameopt RFC2253)
serial=$(openssl x509 -in "$out/signing_key.crt" -noout -serial | sed 's/^serial=//')
enddate=$(openssl x509 -in "$out/signing_key.crt" -noout -enddate | sed 's/^notAfter=//')
alg=RSA-4096
[ "$type" = ecdsa ] && alg="ECDSA P-384"

cat <<MSG
Generated a $alg module-signing key, SHA-512, valid until $enddate.
  $subject, serial $serial

PRIVATE KEY (secret, mode 0600, in a directory only you can read):
  $out/signing_key.pem
Certificate (public):
  $out/signing_key.crt  (PEM)
  $out/signing_key.der  (DER)

Take the private key offline once the kernel build and any signing are
done: copy $out to encrypted removable media or an offline
signing machine, check the copy (sha256sum), then erase it here:
  shred -u $out/signing_key.pem
Only the certificate belongs on build machines that do not sign and on hosts.

Kernel configuration (scripts/system/build-kernel-deb.sh --key/--trust set these):
  # sign every module at build time with this key (the key must be on the
  # build machine during the build):
  CONFIG_MODULE_SIG_KEY="$out/signing_key.pem"
  # or keep the key offline: the build signs its modules with a throwaway
  # key and the kernel also trusts this certificate, for modules you sign
  # later (out-of-tree, DKMS):
  #   CONFIG_MODULE_SIG_KEY="certs/signing_key.pem"
  #   CONFIG_SYSTEM_TRUSTED_KEYS="$out/signing_key.crt"
  CONFIG_MODULE_SIG_ALL=y
  CONFIG_MODULE_SIG_SHA512=y
  CONFIG_MODULE_SIG_HASH="sha512"

Sign an out-of-tree or DKMS module (the kernel's scripts/sign-file):
  $MODGUARD_ROOT/scripts/signing/sign-module.sh $out/signing_key.pem module.ko
Trust this key on a running modguard kernel without rebuilding it (hosts
without EFI/MOK; as root, before modguard is locked, at every boot:
/etc/modguard/keys/ does it through modguard-policy.service):
  keyctl padd asymmetric "" %keyring:.modguard < $out/signing_key.der
MSG
