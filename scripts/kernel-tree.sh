#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Unpack Debian's linux-source-6.12 into the cache, link this repository in
# as security/modguard and apply the project's patches, idempotently.
set -eu
. "$(dirname "$0")/lib.sh"

tarball=/usr/src/linux-source-6.12.tar.xz
[ -f "$tarball" ] || die "$tarball missing: run scripts/deps.sh"

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
# When it moves, objects built from the other checkout are dropped from
# every build directory: make compares times only, and the other
# checkout's files may be newer than this one's (seen: a kernel built from
# an older commit's worktree was kept after switching back).
if [ "$(readlink "$KSRC/security/modguard" 2>/dev/null)" != "$MODGUARD_ROOT" ]; then
	rm -rf "$MODGUARD_CACHE"/build/*/security/modguard
fi
ln -sfn "$MODGUARD_ROOT" "$KSRC/security/modguard"

# A copy of each applied patch is kept in $applied: a patch that changed
# (or left the repository) is reversed with the copy that was applied,
# so a cache survives changes to the patch set.
applied="$KSRC/.modguard-patches"
mkdir -p "$applied"
for old in "$applied"/*.patch; do
	[ -e "$old" ] || continue
	new="$MODGUARD_ROOT/scripts/patches/$(basename "$old")"
	cmp -s "$old" "$new" && continue
	log "reversing the old $(basename "$old")"
	patch -d "$KSRC" -p1 -R -s --no-backup-if-mismatch < "$old" ||
		die "cannot reverse $(basename "$old"): delete $KSRC to start over"
	rm -f "$old"
done
for p in "$MODGUARD_ROOT"/scripts/patches/*.patch; do
	[ -e "$applied/$(basename "$p")" ] && continue
	if ! patch -d "$KSRC" -p1 -R -s -f --dry-run < "$p" >/dev/null 2>&1; then
		log "applying $(basename "$p")"
		patch -d "$KSRC" -p1 -N -s --no-backup-if-mismatch < "$p" ||
			die "$(basename "$p") does not apply to $KSRC"
	fi
	cp "$p" "$applied/"
done
