# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the rig's scripts: where things live. Everything built or
# generated goes to the cache, outside the git tree.

# The repository root: the nearest directory above the script with a Kbuild.
MODGUARD_ROOT=$(cd "$(dirname "$0")" && pwd)
while [ ! -f "$MODGUARD_ROOT/Kbuild" ] && [ "$MODGUARD_ROOT" != / ]; do
	MODGUARD_ROOT=$(dirname "$MODGUARD_ROOT")
done
MODGUARD_CACHE=${MODGUARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/modguard}
# MODGUARD_KERNEL (make ... KERNEL=) picks the kernel, a line of
# scripts/kernels: 6.12 (the default) or 7.2. Each has its own source tree,
# patches (scripts/patches/KERNEL) and build directories; 6.12 keeps the
# unsuffixed names.
MODGUARD_KERNEL=${MODGUARD_KERNEL:-6.12}
KERNEL=$MODGUARD_KERNEL
case $KERNEL in
6.12 | 7.2) ;;
*) echo "MODGUARD_KERNEL must be 6.12 or 7.2 (scripts/kernels), not $KERNEL" >&2; exit 2 ;;
esac
KTAG=
[ "$KERNEL" = 6.12 ] || KTAG=-$KERNEL
# Not taken from the environment, like KOUT below.
KSRC=$MODGUARD_CACHE/linux-source-$KERNEL
# MODGUARD_FLAVOUR=debug selects the debug kernel (scripts/configs/debug.config
# on top of vm.config), =trace the tracing one (trace.config: ftrace, for
# make bench's breakdown): each its own build, modules and initramfs, since
# modules built for one flavour do not fit another (lock debugging changes
# structure layouts, ftrace adds call sites).
FLAVOUR=${MODGUARD_FLAVOUR:-}
case $FLAVOUR in
"" | debug | trace) ;;
*) echo "MODGUARD_FLAVOUR must be empty, debug or trace, not $FLAVOUR" >&2; exit 2 ;;
esac
SFX=${FLAVOUR:+-$FLAVOUR}
# Not taken from the environment: scripts export it, and a debug build
# started from one of them (check.sh) must not inherit the default's.
KOUT=$MODGUARD_CACHE/build/vm$KTAG$SFX
KEYDIR=$MODGUARD_CACHE/keys
MODDIR=$MODGUARD_CACHE/build/modules$KTAG$SFX
IMGDIR=$MODGUARD_CACHE/build/initramfs$KTAG$SFX
JOBS=${JOBS:-$(nproc)}
export CCACHE_DIR=${CCACHE_DIR:-$MODGUARD_CACHE/ccache}
export MODGUARD_ROOT MODGUARD_CACHE MODGUARD_KERNEL KTAG KSRC KOUT KEYDIR MODDIR IMGDIR JOBS FLAVOUR SFX

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The Debian archive the host's apt already uses (its first URI).
archive_uri() {
	uri=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' \
		/etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
	[ -n "$uri" ] || uri=$(sed -n 's/^deb  *\(\[[^]]*\] *\)\{0,1\}\([^ ]*\) .*/\2/p' \
		/etc/apt/sources.list 2>/dev/null | head -n 1)
	[ -n "$uri" ] || die "no Debian archive URI in the host's apt sources"
	echo "$uri"
}
