#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Unpack Debian's linux-source of $MODGUARD_KERNEL (6.12 by default;
# scripts/kernels) into the cache, link this repository in as
# security/modguard and apply the project's patches for that kernel
# (scripts/patches/KERNEL), idempotently.
#
#   kernel-tree.sh [BUILDDIR...]   (the O= directories about to be built)
set -eu
. "$(dirname "$0")/lib.sh"

tarball=$("$MODGUARD_ROOT/scripts/fetch-kernel-source.sh")
patches=$MODGUARD_ROOT/scripts/patches/$KERNEL

stamp="$KSRC/.modguard-source"
want=$(stat -c '%s %Y' "$tarball")
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
	log "unpacking $tarball into $MODGUARD_CACHE"
	mkdir -p "$MODGUARD_CACHE"
	rm -rf "$KSRC" "$KSRC.tmp"
	mkdir "$KSRC.tmp"
	tar -xf "$tarball" -C "$KSRC.tmp" --strip-components=1
	mv "$KSRC.tmp" "$KSRC"
	echo "$want" > "$stamp"
fi

# Re-pointed on every run: the cache serves whichever checkout runs it.
ln -sfn "$MODGUARD_ROOT" "$KSRC/security/modguard"

# Each BUILDDIR given keeps modguard's objects only while what they were
# built from is the same: checkout and content. make compares times only,
# and another checkout, or content put back with older times (a second
# clone, then back; a copy that keeps times), would reuse objects of other
# sources. So a digest of everything Kbuild reads from this repository is
# kept in each build directory, and when it changes the directory's
# security/modguard goes (ccache keeps the rebuild of the unchanged files
# short). Only the build directory about to be built: another build may be
# running in the others.
digest=$(
	echo "$MODGUARD_ROOT"
	cd "$MODGUARD_ROOT" &&
	find Kbuild Kconfig kernel kunit scripts/kbuild scripts/vm/boot-policy \
		-type f | LC_ALL=C sort | xargs -d '\n' sha256sum
)
digest=$(printf '%s\n' "$digest" | sha256sum | cut -d' ' -f1)
for dir in "$@"; do
	if [ "$(cat "$dir/.modguard-sources" 2>/dev/null)" != "$digest" ]; then
		[ ! -d "$dir/security/modguard" ] ||
			log "sources changed: rebuilding modguard in $dir"
		rm -rf "$dir/security/modguard"
		mkdir -p "$dir"
		echo "$digest" > "$dir/.modguard-sources"
	fi
done

# A copy of each applied patch is kept in $applied: a patch that changed
# (or left the repository) is reversed with the copy that was applied,
# so a cache survives changes to the patch set.
applied="$KSRC/.modguard-patches"
mkdir -p "$applied"
for old in "$applied"/*.patch; do
	[ -e "$old" ] || continue
	new="$patches/$(basename "$old")"
	cmp -s "$old" "$new" && continue
	log "reversing the old $(basename "$old")"
	patch -d "$KSRC" -p1 -R -s --no-backup-if-mismatch < "$old" ||
		die "cannot reverse $(basename "$old"): delete $KSRC to start over"
	rm -f "$old"
done
# The patches not in the tree yet are dry-run first, all of them, without
# fuzz (a hunk that only applies with fuzz may land in the wrong place:
# after an upstream call that already does the same, say); only when all
# would apply are they applied, and a failure then reverses what this run
# applied, so the tree is never left half-patched.
todo=
for p in "$patches"/*.patch; do
	[ -e "$applied/$(basename "$p")" ] && continue
	if patch -d "$KSRC" -p1 -R -s -f -F0 --dry-run < "$p" >/dev/null 2>&1; then
		cp "$p" "$applied/"	# in the tree already
		continue
	fi
	patch -d "$KSRC" -p1 -N -s -f -F0 --dry-run < "$p" >/dev/null 2>&1 ||
		die "$(basename "$p") does not apply to $KSRC without fuzz (nothing changed; delete $KSRC to start over)"
	todo="$todo $p"
done
done_=
for p in $todo; do
	log "applying $(basename "$p")"
	if ! patch -d "$KSRC" -p1 -N -s -F0 --no-backup-if-mismatch < "$p"; then
		for q in $done_; do
			patch -d "$KSRC" -p1 -R -s -F0 --no-backup-if-mismatch < "$q"
			rm -f "$applied/$(basename "$q")"
		done
		die "$(basename "$p") failed to apply; the patches of this run were reversed"
	fi
	cp "$p" "$applied/"
	done_="$p $done_"
done
