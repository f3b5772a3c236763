#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# ML-DSA (FIPS 204) for the test rig. Debian 12's OpenSSL 3.0 has no
# ML-DSA; Debian unstable's (3.5 and later) has. So a minimal sid chroot,
# made once with debootstrap into $MODGUARD_CACHE/sid-chroot (the host's
# archive, nothing installed on the host), runs that openssl:
#
#   mldsa.sh key               the test key, once: $KEYDIR/trusted-mldsa.crt
#                              and .pem (ML-DSA-65, with a SKID)
#   mldsa.sh sign IN OUT [MD]  OUT: IN with a module signature appended,
#                              a detached CMS by trusted-mldsa (MD, sha512
#                              by default: the only one 7.x takes with
#                              signed attributes)
#   mldsa.sh sign-pure IN OUT  the same without signed attributes: pure
#                              ML-DSA over IN (openssl pkeyutl), the PKCS#7
#                              put around it by
#                              userspace-tools/tests/mldsa_pkcs7.py
#   mldsa.sh check             modguardctl built there, against sid's
#                              OpenSSL (ML-DSA) and mbedTLS 3.6, and its
#                              tests run there under ASan and UBSan, with
#                              tests/cli_mldsa.sh (real ML-DSA signatures)
#   mldsa.sh build-static OUT  the static modguardctl built there (for the
#                              7.x VMs: it verifies ML-DSA as their kernel)
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

# One user of the chroot at a time (its /work, its mounts).
mkdir -p "$MODGUARD_CACHE"
exec 9>"$MODGUARD_CACHE/sid-chroot.lock"
flock 9

chroot_openssl() { # args...: openssl in the chroot, in /work
	$SUDO chroot "$root" sh -c 'cd /work && openssl "$@"' openssl "$@"
}

ensure_chroot() {
	[ -f "$root/.modguard-ready" ] && return 0
	uri=$(archive_uri) || exit 1
	command -v debootstrap >/dev/null || die "debootstrap missing: run scripts/deps.sh"
	log "debootstrap sid (minbase, openssl) into $root"
	leave_src	# nothing of the host mounted in what is removed
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

# The build dependencies of modguardctl in the chroot, once. Its apt-get
# needs Check-Valid-Until off: the archive's sid Release file may be past
# its Valid-Until date (debootstrap does not check it).
ensure_tool_deps() {
	ensure_chroot
	[ -f "$root/.modguard-tool-deps" ] && return 0
	log "installing modguardctl's build and test dependencies in $root"
	$SUDO cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
	$SUDO chroot "$root" sh -c 'export DEBIAN_FRONTEND=noninteractive
		apt-get -o Acquire::Check-Valid-Until=false -q update &&
		apt-get -o Acquire::Check-Valid-Until=false -qy \
			--no-install-recommends install gcc make libc6-dev \
			libssl-dev libmbedtls-dev liblzma-dev libzstd-dev \
			zlib1g-dev xz-utils zstd gzip python3 binutils kmod' \
		> "$MODGUARD_CACHE/sid-chroot-deps.log" 2>&1 ||
		die "apt-get in $root failed: $(tail -n 3 "$MODGUARD_CACHE/sid-chroot-deps.log")"
	$SUDO touch "$root/.modguard-tool-deps"
}

# A copy of the tool's sources (the working tree, build output left out)
# in the chroot's /work/src, and /proc and /dev/pts mounted there until
# the script exits.
enter_src() {
	ensure_tool_deps
	$SUDO rm -rf "$root/work/src"
	$SUDO mkdir -p "$root/work/src"
	(cd "$MODGUARD_ROOT" &&
	 tar -c --exclude=userspace-tools/build \
		--exclude=userspace-tools/modguardctl \
		kernel/common kunit userspace-tools scripts/testlib.sh) |
		$SUDO tar -x -C "$root/work/src"
	trap 'leave_src' EXIT
	$SUDO mount -t proc proc "$root/proc"
	$SUDO mount --bind /dev/pts "$root/dev/pts"
}

leave_src() {
	$SUDO umount "$root/dev/pts" 2>/dev/null || true
	$SUDO umount "$root/proc" 2>/dev/null || true
}

check() {
	enter_src
	log "$(chroot_openssl version)"
	$SUDO chroot "$root" sh -c 'cd /work/src/userspace-tools &&
		make -s check CHECK_MLDSA=1'
}

build_static() { # out
	enter_src
	$SUDO chroot "$root" sh -c \
		'cd /work/src/userspace-tools && make -s build/modguardctl-static' ||
		die "the static modguardctl does not build in $root"
	cp "$root/work/src/userspace-tools/build/modguardctl-static" "$1"
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

sign() { # in out [md]
	key
	ensure_chroot
	$SUDO cp "$1" "$root/work/payload"
	$SUDO cp "$KEYDIR/trusted-mldsa.pem" "$root/work/signer.pem"
	chroot_openssl cms -sign -binary -nocerts -nosmimecap -outform DER \
		-md "${3:-sha512}" -in payload -signer signer.pem -out sig.p7 ||
		die "openssl cms -sign with ML-DSA-65 failed in $root"
	append "$1" "$root/work/sig.p7" "$2"
	$SUDO rm -f "$root/work/payload" "$root/work/signer.pem" "$root/work/sig.p7"
}

sign_pure() { # in out
	key
	ensure_chroot
	$SUDO cp "$1" "$root/work/payload"
	$SUDO cp "$KEYDIR/trusted-mldsa.pem" "$root/work/signer.pem"
	chroot_openssl pkeyutl -sign -rawin -inkey signer.pem -in payload \
		-out sig.raw ||
		die "openssl pkeyutl -sign with ML-DSA-65 failed in $root"
	skid=$(openssl x509 -in "$KEYDIR/trusted-mldsa.crt" -noout \
		-ext subjectKeyIdentifier | tail -n 1 | tr -d ' :')
	python3 "$MODGUARD_ROOT/userspace-tools/tests/mldsa_pkcs7.py" \
		"$root/work/sig.raw" "$skid" ML-DSA-65 sha512 "$root/work/sig.p7"
	append "$1" "$root/work/sig.p7" "$2"
	$SUDO rm -f "$root/work/payload" "$root/work/signer.pem" \
		"$root/work/sig.raw" "$root/work/sig.p7"
}

append() { # payload sig out: the module signature trailer
	python3 - "$1" "$2" "$3" <<'PY'
import struct, sys
payload = open(sys.argv[1], "rb").read()
sig = open(sys.argv[2], "rb").read()
# struct module_signature: algo, hash, id_type (2: PKCS#7), signer_len,
# key_id_len, 3 pad bytes, sig_len (big endian).
info = struct.pack(">BBBBB3xI", 0, 0, 2, 0, 0, len(sig))
open(sys.argv[3], "wb").write(payload + sig + info +
                              b"~Module signature appended~\n")
PY
}

case ${1:-} in
key) key ;;
sign)
	[ $# -eq 3 ] || [ $# -eq 4 ] || die "usage: mldsa.sh sign IN OUT [MD]"
	sign "$2" "$3" "${4:-}" ;;
sign-pure)
	[ $# -eq 3 ] || die "usage: mldsa.sh sign-pure IN OUT"
	sign_pure "$2" "$3" ;;
check) check ;;
build-static)
	[ $# -eq 2 ] || die "usage: mldsa.sh build-static OUT"
	build_static "$2" ;;
*) die "usage: mldsa.sh key | sign IN OUT [MD] | sign-pure IN OUT | check | build-static OUT" ;;
esac
