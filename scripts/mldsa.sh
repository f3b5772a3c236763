#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# ML-DSA (FIPS 204) for the test rig. Debian 12's OpenSSL 3.0 has no
# ML-DSA; Debian unstable's (3.5 and later) has. So a minimal sid chroot,
# made once with debootstrap into $MODGUARD_CACHE/sid-chroot (the host's
# archive, nothing installed on the host), runs that openssl:
#
#   mldsa.sh key               the test key, once: $KEYDIR/trusted-mldsa.crt
#                              and .pem (ML-DSA-65, with a SKID)
#   mldsa.sh sign IN OUT       OUT: IN with a module signature appended,
#                              a detached CMS by trusted-mldsa (sha512)
#
# OpenSSL before 4.0 cannot make an ML-DSA CMS without signed attributes
# (sign-file in Linux 7.x drops CMS_NOATTR for ML-DSA for that reason), so
# the signature carries them, and the 7.x kernel that verifies it needs
# CONFIG_PKCS7_WAIVE_AUTHATTRS_REJECTION_FOR_MLDSA (scripts/configs/mldsa.config).
set -eu
. "$(dirname "$0")/lib.sh"

root=$MODGUARD_CACHE/sid-chroot
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

chroot_openssl() { # args...: openssl in the chroot, in /work
	$SUDO chroot "$root" sh -c 'cd /work && openssl "$@"' openssl "$@"
}

ensure_chroot() {
	[ -f "$root/.modguard-ready" ] && return 0
	uri=$(archive_uri) || exit 1
	command -v debootstrap >/dev/null || die "debootstrap missing: run scripts/deps.sh"
	log "debootstrap sid (minbase, openssl) into $root"
	$SUDO rm -rf "$root"
	$SUDO debootstrap --variant=minbase --include=openssl sid "$root" "$uri" \
		> "$MODGUARD_CACHE/sid-chroot.log" 2>&1 ||
		die "debootstrap sid failed: $(tail -n 3 "$MODGUARD_CACHE/sid-chroot.log")"
	$SUDO mkdir -p "$root/work"
	v=$(chroot_openssl version) || die "openssl does not run in $root"
	case $v in
	OpenSSL\ 3.[5-9]*|OpenSSL\ [4-9].*) ;;
	*) die "$root has $v: ML-DSA needs OpenSSL 3.5 or later" ;;
	esac
	log "$root: $v"
	$SUDO touch "$root/.modguard-ready"
}

key() {
	[ -s "$KEYDIR/trusted-mldsa.pem" ] && [ -s "$KEYDIR/trusted-mldsa.crt" ] &&
		return 0
	ensure_chroot
	mkdir -p "$KEYDIR"
	$SUDO rm -f "$root/work/mldsa.key" "$root/work/mldsa.crt"
	chroot_openssl req -x509 -newkey ML-DSA-65 -nodes -days 36500 \
		-subj "/O=modguard test keys/CN=modguard test trusted ML-DSA-65" \
		-addext subjectKeyIdentifier=hash \
		-addext basicConstraints=critical,CA:FALSE \
		-addext keyUsage=digitalSignature \
		-addext extendedKeyUsage=codeSigning \
		-keyout mldsa.key -out mldsa.crt 2>/dev/null ||
		die "openssl req -newkey ML-DSA-65 failed in $root"
	cat "$root/work/mldsa.key" "$root/work/mldsa.crt" > "$KEYDIR/trusted-mldsa.pem"
	cp "$root/work/mldsa.crt" "$KEYDIR/trusted-mldsa.crt"
	chmod 600 "$KEYDIR/trusted-mldsa.pem"
	$SUDO rm -f "$root/work/mldsa.key"
	log "generated $KEYDIR/trusted-mldsa.pem"
}

sign() { # in out
	key
	ensure_chroot
	$SUDO cp "$1" "$root/work/payload"
	$SUDO cp "$KEYDIR/trusted-mldsa.pem" "$root/work/signer.pem"
	chroot_openssl cms -sign -binary -nocerts -nosmimecap -outform DER \
		-md sha512 -in payload -signer signer.pem -out sig.p7 ||
		die "openssl cms -sign with ML-DSA-65 failed in $root"
	python3 - "$1" "$root/work/sig.p7" "$2" <<'PY'
import struct, sys
payload = open(sys.argv[1], "rb").read()
sig = open(sys.argv[2], "rb").read()
# struct module_signature: algo, hash, id_type (2: PKCS#7), signer_len,
# key_id_len, 3 pad bytes, sig_len (big endian).
info = struct.pack(">BBBBB3xI", 0, 0, 2, 0, 0, len(sig))
open(sys.argv[3], "wb").write(payload + sig + info +
                              b"~Module signature appended~\n")
PY
	$SUDO rm -f "$root/work/payload" "$root/work/signer.pem" "$root/work/sig.p7"
}

case ${1:-} in
key) key ;;
sign) [ $# -eq 3 ] || die "usage: mldsa.sh sign IN OUT"; sign "$2" "$3" ;;
*) die "usage: mldsa.sh key | sign IN OUT" ;;
esac
