#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Configure and build the guest kernel in the cache: tinyconfig, plus
# scripts/configs/vm.config, plus the generated key paths. ccache keeps warm
# rebuilds short; the .config is replaced only when it changes, so an
# unchanged configuration never forces a full rebuild.
set -eu
. "$(dirname "$0")/lib.sh"

# One kernel build at a time on this machine (two would each take twice as
# long and fight over ccache): wait for any other build that holds the lock.
mkdir -p "$MODGUARD_CACHE"
exec 9>"$MODGUARD_CACHE/kernel-build.lock"
flock 9

"$MODGUARD_ROOT/scripts/kernel-tree.sh" "$KOUT"
"$MODGUARD_ROOT/scripts/test-keys.sh"

fragments="$MODGUARD_ROOT/scripts/configs/vm.config"
[ -z "$FLAVOUR" ] ||
	fragments="$fragments $MODGUARD_ROOT/scripts/configs/$FLAVOUR.config"
# Linux 7.x verifies ML-DSA module signatures: the rig's ML-DSA key is
# built in beside the others (test-keys.sh; 6.12 cannot parse its
# certificate).
trusted=$KEYDIR/builtin-extra.crt
if [ "$KERNEL" != 6.12 ]; then
	fragments="$fragments $MODGUARD_ROOT/scripts/configs/mldsa.config"
	trusted=$KEYDIR/builtin-extra-mldsa.crt
fi
gen="$MODGUARD_CACHE/build/vm-config$SFX"
mkdir -p "$KOUT" "$gen"

cat > "$gen/keys.config" <<CONF
CONFIG_MODULE_SIG_KEY="$KEYDIR/trusted-rsa.pem"
CONFIG_SYSTEM_TRUSTED_KEYS="$trusted"
CONFIG_SYSTEM_REVOCATION_KEYS="$KEYDIR/revoked.crt"
CONFIG_SECURITY_MODGUARD_BOOT_POLICY="$KSRC/security/modguard/scripts/vm/boot-policy"
CONF

kmake() { make -s -C "$KSRC" ARCH=x86_64 "$@"; }

kmake O="$gen" tinyconfig >/dev/null
# shellcheck disable=SC2086 # $fragments is a list of files
(cd "$gen" && "$KSRC/scripts/kconfig/merge_config.sh" -m -O "$gen" \
	.config $fragments keys.config >/dev/null)
kmake O="$gen" olddefconfig >/dev/null

# Every line of the fragments must have survived olddefconfig.
bad=0
for f in $fragments "$gen/keys.config"; do
	grep -E '^(CONFIG_|# CONFIG_)' "$f" | while IFS= read -r line; do
		grep -qxF "$line" "$gen/.config" ||
			{ log "not in the final .config: $line"; echo x; }
	done
done | grep -q x && bad=1
[ "$bad" -eq 0 ] || die "kernel configuration is not what $fragments ask for"

if ! cmp -s "$gen/.config" "$KOUT/.config"; then
	cp "$gen/.config" "$KOUT/.config"
	log "configuration changed"
fi

log "building the kernel in $KOUT (ccache: $CCACHE_DIR)"
kmake O="$KOUT" CC="ccache gcc" -j"$JOBS" olddefconfig >/dev/null
kmake O="$KOUT" CC="ccache gcc" -j"$JOBS" bzImage modules
log "built $KOUT/arch/x86/boot/bzImage"
