# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the rig's scripts: where things live. Everything built or
# generated goes to the cache, outside the git tree.

# The repository root: the nearest directory above the script with a Kbuild.
MODGUARD_ROOT=$(cd "$(dirname "$0")" && pwd)
while [ ! -f "$MODGUARD_ROOT/Kbuild" ] && [ "$MODGUARD_ROOT" != / ]; do
	MODGUARD_ROOT=$(dirname "$MODGUARD_ROOT")
done
MODGUARD_CACHE=${MODGUARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/modguard}
KSRC=${KSRC:-$MODGUARD_CACHE/linux-source-6.12}
KOUT=${KOUT:-$MODGUARD_CACHE/build/vm}
KEYDIR=$MODGUARD_CACHE/keys
MODDIR=$MODGUARD_CACHE/build/modules
IMGDIR=$MODGUARD_CACHE/build/initramfs
JOBS=${JOBS:-$(nproc)}
export CCACHE_DIR=${CCACHE_DIR:-$MODGUARD_CACHE/ccache}
export MODGUARD_ROOT MODGUARD_CACHE KSRC KOUT KEYDIR MODDIR IMGDIR JOBS

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "error: $*"; exit 1; }
