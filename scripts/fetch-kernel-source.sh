#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Get the source tarball of $KERNEL (scripts/kernels) the way a Debian
# admin would: the host's linux-source-6.12 package (installed by
# scripts/deps.sh), or, for a kernel of a newer suite, `apt-get download`
# of the pinned linux-source-X.Y through a private apt configuration for
# that suite (its own sources and lists under the cache), so that nothing
# on the host is installed or upgraded from it. The package is kept in
# $MODGUARD_CACHE/debs; the tarball inside it is unpacked next to it.
#
#   fetch-kernel-source.sh     prints the path of the tarball
#
# When the archive has moved on (the pinned version replaced, or the
# package gone for a newer kernel), it says what it found and what to set.
set -eu
. "$(dirname "$0")/lib.sh"

line=$(awk -v k="$KERNEL" '$1 == k' "$MODGUARD_ROOT/scripts/kernels")
[ -n "$line" ] || die "kernel $KERNEL is not in scripts/kernels"
set -- $line
pkg=$2 version=$3
shift 3
suites=$*

if [ "$version" = host ]; then
	tarball=/usr/src/$pkg.tar.xz
	[ -f "$tarball" ] || die "$tarball missing: run scripts/deps.sh"
	echo "$tarball"
	exit 0
fi

debs=$MODGUARD_CACHE/debs
deb=$debs/${pkg}_${version}_all.deb
tarball=$debs/$pkg-$version/usr/src/$pkg.tar.xz
if [ -f "$tarball" ]; then
	echo "$tarball"
	exit 0
fi

mkdir -p "$debs"
if [ ! -f "$deb" ]; then
	# The archive the host already uses, with the suites of scripts/kernels.
	uri=$(archive_uri) || exit 1
	apt=$debs/apt-$KERNEL
	rm -rf "$apt"
	mkdir -p "$apt/lists/partial"
	for s in $suites; do
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $s main"
	done > "$apt/sources.list"
	A="-o Dir::Etc::sourcelist=$apt/sources.list -o Dir::Etc::sourceparts=-
	   -o Dir::State::Lists=$apt/lists -o Dir::Cache=$apt/cache"
	log "apt-get update ($suites, private lists in $apt)"
	# shellcheck disable=SC2086
	apt-get $A -q update > "$apt/update.log" 2>&1 ||
		die "apt-get update of $suites failed: $(tail -n 3 "$apt/update.log")"
	# shellcheck disable=SC2086
	have=$(apt-cache $A madison "$pkg" 2>/dev/null | awk '{ print $3 }')
	if [ -z "$have" ]; then
		# shellcheck disable=SC2086
		other=$(apt-cache $A pkgnames linux-source- 2>/dev/null | sort -V |
			tr '\n' ' ')
		die "$pkg is no longer in $suites (the archive has: ${other:-nothing}). A newer kernel replaced it: add its line to scripts/kernels and its patches to scripts/patches/, or pin an archive that still has $pkg"
	fi
	if ! echo "$have" | grep -qxF "$version"; then
		die "$pkg $version (pinned in scripts/kernels) is no longer in $suites; the archive has $(echo $have | tr ' ' ','). Set the version in scripts/kernels to one of those, then check that scripts/patches/$KERNEL still applies (make kernel KERNEL=$KERNEL)"
	fi
	log "downloading $pkg $version"
	# apt-get download writes to the current directory, as _apt when it
	# can: a directory of the cache it may not enter is fine (it warns).
	# shellcheck disable=SC2086
	(cd "$debs" && apt-get $A -q download "$pkg=$version" \
		> "$apt/download.log" 2>&1) ||
		die "apt-get download $pkg=$version failed: $(tail -n 3 "$apt/download.log")"
fi
rm -rf "$debs/$pkg-$version.tmp"
dpkg-deb -x "$deb" "$debs/$pkg-$version.tmp"
mv "$debs/$pkg-$version.tmp" "$debs/$pkg-$version"
[ -f "$tarball" ] || die "$deb holds no usr/src/$pkg.tar.xz"
echo "$tarball"
