#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A Debian 12 (bookworm) root file system with debootstrap, cached in
# $MODGUARD_CACHE/build/system/rootfs and never in the repository: systemd,
# udev, kmod, auditd, keyutils and modguardctl's shared libraries, so that
# the project's kernel and modguardctl packages install into it with plain
# `dpkg -i` (scripts/system/check-system.sh). Built once; --force rebuilds.
#
#   build-image.sh [--force] [--mirror URL]
#
# The mirror defaults to the first Debian URI in /etc/apt/sources.list*
# (the one this machine reaches), else deb.debian.org.
set -eu
. "$(dirname "$0")/../lib.sh"

SYSDIR=$MODGUARD_CACHE/build/system
rootfs=$SYSDIR/rootfs
force=0 mirror=""
while [ $# -gt 0 ]; do
	case $1 in
	--force) force=1 ;;
	--mirror) mirror=$2; shift ;;
	-h|--help) sed -n '3,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown option $1" ;;
	esac
	shift
done

if [ -z "$mirror" ]; then
	mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources \
		/etc/apt/sources.list.d/*.list 2>/dev/null |
		grep -oE 'https?://[^ ]*/debian/?( |$)' | grep -v security |
		head -n 1 | tr -d ' ')
	mirror=${mirror:-http://deb.debian.org/debian}
fi

# What the system test needs on top of minbase. The libraries are
# modguardctl's run-time dependencies (its .deb's Depends).
pkgs="systemd,systemd-sysv,udev,kmod,auditd,keyutils,libmbedcrypto7,\
libmbedx509-1,libssl3,liblzma5,libzstd1,zlib1g,procps,iproute2"

# A headless test system: settings made on every run (idempotent), so
# that a cached root file system gets them too.
configure() { # root
	r=$1
	echo modguard-test > "$r/etc/hostname"
	printf '127.0.0.1\tlocalhost\n127.0.1.1\tmodguard-test\n' > "$r/etc/hosts"
	# The root file system is the virtio disk the system test boots from.
	printf '/dev/vda\t/\text4\terrors=remount-ro\t0 1\n' > "$r/etc/fstab"
	# Root logs in on the serial console without a password.
	chroot "$r" passwd -d root >/dev/null
	# An empty machine-id makes every boot a first boot (a new id each
	# time); systemd-firstboot would then wait for answers on the console.
	: > "$r/etc/machine-id"
	ln -sf /dev/null "$r/etc/systemd/system/systemd-firstboot.service"
}

stamp=$SYSDIR/rootfs.stamp
want="bookworm $mirror $pkgs"
if [ "$force" -eq 0 ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
	configure "$rootfs"
	log "up to date: $rootfs ($(du -sh "$rootfs" | cut -f1))"
	exit 0
fi

[ "$(id -u)" -eq 0 ] || die "debootstrap needs root"
command -v debootstrap >/dev/null || die "debootstrap missing: run scripts/deps.sh"
mkdir -p "$SYSDIR"
rm -rf "$rootfs" "$rootfs.tmp" "$stamp"
log "debootstrap bookworm from $mirror into $rootfs"
t0=$(date +%s)
debootstrap --variant=minbase --include="$pkgs" bookworm "$rootfs.tmp" \
	"$mirror" > "$SYSDIR/debootstrap.log" 2>&1 ||
	{ tail -n 20 "$SYSDIR/debootstrap.log" >&2; die "debootstrap failed (see $SYSDIR/debootstrap.log)"; }

r=$rootfs.tmp
rm -f "$r/var/lib/dbus/machine-id"
configure "$r"
chroot "$r" apt-get clean
mv "$r" "$rootfs"
echo "$want" > "$stamp"
log "built $rootfs in $(( $(date +%s) - t0 )) s, $(du -sh "$rootfs" | cut -f1)"
