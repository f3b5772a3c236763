#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Build the modguardctl Debian package with dpkg-deb, from what
# `make -C userspace-tools install DESTDIR=... PREFIX=/usr` installs, plus
# /etc/modguard/ (policy and modguard.conf, both conffiles; keys/), the
# boot unit modguard-policy.service and its helper. No maintainer scripts:
# the unit is enabled by a static sysinit.target.wants link (mask it to
# turn it off), so the package installs and removes with dpkg alone.
#
#   build-deb.sh [--out DIR]      (default $MODGUARD_CACHE/build/deb)
#
# Prints the path of the .deb on standard output.
set -eu
. "$(dirname "$0")/../scripts/lib.sh"

out=$MODGUARD_CACHE/build/deb
while [ $# -gt 0 ]; do
	case $1 in
	--out) out=$2; shift ;;
	-h|--help) sed -n '3,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) log "unknown option: $1"; exit 2 ;;
	esac
	shift
done

pkgdir=$MODGUARD_ROOT/packaging
tools=$MODGUARD_ROOT/userspace-tools
stage=$out/stage
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$out"

# Built in a copy of the sources, with Debian's hardening flags, so that
# neither the flags nor edits made meanwhile touch the working tree's build.
src=$out/src
rm -rf "$src"
mkdir -p "$src"
cp -a "$MODGUARD_ROOT/kernel" "$MODGUARD_ROOT/kunit" "$src/"
(cd "$tools" && tar --exclude=./build --exclude=./modguardctl -cf - .) |
	(mkdir -p "$src/userspace-tools" && cd "$src/userspace-tools" && tar -xf -)
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
make -s -C "$src/userspace-tools" install DESTDIR="$stage" PREFIX=/usr \
	CFLAGS="$(dpkg-buildflags --get CFLAGS)" \
	CPPFLAGS="$(dpkg-buildflags --get CPPFLAGS)" \
	LDFLAGS="$(dpkg-buildflags --get LDFLAGS)" >&2
[ -x "$stage/usr/sbin/modguardctl" ] || die "make install did not install /usr/sbin/modguardctl"
strip --strip-unneeded --remove-section=.comment --remove-section=.note \
	"$stage/usr/sbin/modguardctl"
# Debian compresses manual pages.
find "$stage/usr/share/man" -type f ! -name '*.gz' -exec gzip -9n {} + 2>/dev/null || true

install -d -m 0755 "$stage/etc/modguard/keys" "$stage/lib/systemd/system/sysinit.target.wants" \
	"$stage/usr/lib/modguard" "$stage/usr/share/doc/modguardctl"
install -m 0644 "$pkgdir/etc/policy" "$stage/etc/modguard/policy"
install -m 0644 "$pkgdir/etc/modguard.conf" "$stage/etc/modguard/modguard.conf"
install -m 0644 "$pkgdir/systemd/modguard-policy.service" "$stage/lib/systemd/system/"
ln -s ../modguard-policy.service "$stage/lib/systemd/system/sysinit.target.wants/"
install -m 0755 "$pkgdir/modguard-boot" "$stage/usr/lib/modguard/modguard-boot"
install -m 0644 "$pkgdir/debian/copyright" "$stage/usr/share/doc/modguardctl/copyright"
install -D -m 0644 "$pkgdir/debian/lintian-overrides" \
	"$stage/usr/share/lintian/overrides/modguardctl"

version=$("$stage/usr/sbin/modguardctl" -V | sed -n 's/^modguardctl version //p')
[ -n "$version" ] || die "cannot read modguardctl's version"
debver=$version-1
arch=$(dpkg --print-architecture)
maint="$(git -C "$MODGUARD_ROOT" config user.name 2>/dev/null || echo modguard) <$(git -C "$MODGUARD_ROOT" config user.email 2>/dev/null || echo root@localhost)>"
date=$(git -C "$MODGUARD_ROOT" log -1 --format=%aD 2>/dev/null || date -R)
rev=$(git -C "$MODGUARD_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
printf 'modguardctl (%s) unstable; urgency=medium\n\n  * Built from modguard %s.\n\n -- %s  %s\n' \
	"$debver" "$rev" "$maint" "$date" | gzip -9n > "$stage/usr/share/doc/modguardctl/changelog.Debian.gz"

# Shared library dependencies, the way debhelper finds them.
shl=$out/shlibs
rm -rf "$shl"
mkdir -p "$shl/debian"
printf 'Source: modguardctl\n\nPackage: modguardctl\nArchitecture: any\n' > "$shl/debian/control"
depends=$(cd "$shl" && dpkg-shlibdeps -O "$stage/usr/sbin/modguardctl" 2>/dev/null |
	sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || die "dpkg-shlibdeps found no dependencies"
rm -rf "$shl" "$src"

find "$stage/etc" -type f | sed "s|^$stage||" | sort > "$stage/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s|@VERSION@|$debver|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maint|" \
	-e "s|@SIZE@|$size|" -e "s|@DEPENDS@|$depends|" \
	"$pkgdir/debian/control.in" > "$stage/DEBIAN/control"
(cd "$stage" && find . -type f ! -path './DEBIAN/*' ! -path './etc/*' | sed 's|^\./||' |
	sort | xargs md5sum) > "$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/conffiles" "$stage/DEBIAN/md5sums"

deb=$out/modguardctl_${debver}_$arch.deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >&2
echo "$deb"
