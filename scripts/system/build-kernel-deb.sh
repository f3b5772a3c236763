#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Build the kernel with modguard as Debian packages, with the kernel's own
# `make bindeb-pkg`, in its own build directory:
#   $MODGUARD_CACHE/build/system-kernel/obj       the O= build tree
#   $MODGUARD_CACHE/build/system-kernel/*.deb     linux-image-*, linux-headers-*,
#                                                 linux-libc-dev
# (system-kernel-7.2 with MODGUARD_KERNEL=7.2: the same for Linux 7.2).
#
#   build-kernel-deb.sh [--config FILE] [--key PEM] [--trust CERTS]
#                       [--hash sha256|sha384|sha512] [--out DIR]
#
#   --config FILE  start from this configuration (your distribution's, e.g.
#                  /boot/config-$(uname -r)) instead of the project's small
#                  one (tinyconfig + scripts/configs/vm.config +
#                  scripts/configs/system.config)
#   --key PEM      CONFIG_MODULE_SIG_KEY: private key and certificate that
#                  sign every module at build time (scripts/signing/
#                  gen-signing-key.sh makes one); default: a throwaway key
#                  the kernel build generates
#   --trust CERTS  CONFIG_SYSTEM_TRUSTED_KEYS: PEM certificates trusted
#                  besides the signing key (e.g. an offline key that signs
#                  DKMS modules later)
#   --hash ALG     CONFIG_MODULE_SIG_HASH (default sha512)
#   --configure-only  write and check $out/config/.config, build nothing
#   --if-changed   do nothing when the packages in $out were built from the
#                  same inputs (options, this script, configuration
#                  fragments, keys, kernel/, Kconfig, Kbuild,
#                  scripts/patches/, the kernel source package): no lock
#                  is taken then
#
# Either way, the build forces what modguard needs: CONFIG_SECURITY_MODGUARD,
# modguard in CONFIG_LSM, CONFIG_MODULE_SIG and CONFIG_MODULE_SIG_ALL, the
# hash, and CONFIG_CRYPTO_SHA256 (Debian's loader checks the sha256
# blacklist of every module). Every line asked for is checked in the final
# .config. Holds the rig's kernel build lock, like scripts/build-kernel.sh.
set -eu
. "$(dirname "$0")/../lib.sh"

base="" key="" trust="" hash=sha512 configure_only=0 if_changed=0
out=$MODGUARD_CACHE/build/system-kernel$KTAG
while [ $# -gt 0 ]; do
	case $1 in
	--config) base=$2; shift ;;
	--key) key=$2; shift ;;
	--trust) trust=$2; shift ;;
	--hash) hash=$2; shift ;;
	--out) out=$2; shift ;;
	--configure-only) configure_only=1 ;;
	--if-changed) if_changed=1 ;;
	-h|--help) sed -n '3,35p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown option $1 (see --help)" ;;
	esac
	shift
done
case $hash in
sha256|sha384|sha512) ;;
*) die "--hash: sha256, sha384 or sha512" ;;
esac
abspath() { (cd "$(dirname "$1")" && echo "$(pwd)/$(basename "$1")"); }
for f in "$base" "$key" "$trust"; do
	[ -z "$f" ] || [ -s "$f" ] || die "$f: no such file"
done
[ -z "$key" ] || key=$(abspath "$key")
[ -z "$trust" ] || trust=$(abspath "$trust")
[ -z "$base" ] || base=$(abspath "$base")
command -v dpkg-buildpackage >/dev/null && command -v dh_testdir >/dev/null ||
	die "dpkg-dev and debhelper missing: run scripts/deps.sh"

# What the packages are built from, as one digest.
inputs() {
	echo "base=$base key=$key trust=$trust hash=$hash"
	echo "kernel=$KERNEL"
	stat -c '%s %Y' "$("$MODGUARD_ROOT/scripts/fetch-kernel-source.sh")"
	cd "$MODGUARD_ROOT"
	# shellcheck disable=SC2046
	cat scripts/system/build-kernel-deb.sh scripts/configs/vm.config \
		scripts/kernels \
		scripts/configs/system.config Kconfig Kbuild \
		$(find kernel scripts/patches -type f | LC_ALL=C sort) \
		${base:+"$base"} ${key:+"$key"} ${trust:+"$trust"}
}
fingerprint=$(inputs | sha256sum | cut -d' ' -f1)
if [ "$if_changed" -eq 1 ] && [ "$configure_only" -eq 0 ] &&
	[ "$(cat "$out/inputs.sha256" 2>/dev/null)" = "$fingerprint" ] &&
	ls "$out"/linux-image-*.deb >/dev/null 2>&1; then
	log "up to date: $out ($(cd "$out" && ls linux-image-*.deb))"
	exit 0
fi

mkdir -p "$MODGUARD_CACHE"
exec 9>"$MODGUARD_CACHE/kernel-build.lock"
log "waiting for the kernel build lock"
flock 9

"$MODGUARD_ROOT/scripts/kernel-tree.sh" "$out/obj"

obj=$out/obj
gen=$out/config
mkdir -p "$obj" "$gen"
HASH=$(echo "$hash" | tr a-z A-Z)

# What modguard needs whatever the base configuration is.
{
	echo "CONFIG_SECURITY=y"
	echo "CONFIG_SECURITYFS=y"
	echo "CONFIG_AUDIT=y"
	echo "CONFIG_MODULES=y"
	echo "CONFIG_SECURITY_MODGUARD=y"
	echo "CONFIG_SECURITY_MODGUARD_ENFORCING=y"
	echo "CONFIG_MODULE_SIG=y"
	echo "CONFIG_MODULE_SIG_ALL=y"
	# Linux 7.0 dropped SHA-1 module signing: no such symbol there.
	hashes="SHA256 SHA384 SHA512 SHA3_256 SHA3_384 SHA3_512"
	[ "$KERNEL" != 6.12 ] || hashes="SHA1 $hashes"
	for h in $hashes; do
		[ "$h" = "$HASH" ] && echo "CONFIG_MODULE_SIG_$h=y" ||
			echo "# CONFIG_MODULE_SIG_$h is not set"
	done
	echo "CONFIG_CRYPTO_SHA256=y"
	echo "CONFIG_CRYPTO_$HASH=y"
	echo "CONFIG_CRYPTO_RSA=y"
	echo "CONFIG_CRYPTO_ECDSA=y"
	echo "CONFIG_MODULE_SIG_KEY=\"${key:-certs/signing_key.pem}\""
	echo "CONFIG_SYSTEM_TRUSTED_KEYS=\"$trust\""
} > "$gen/modguard.config"

kmake() { make -s -C "$KSRC" ARCH=x86_64 "$@"; }

if [ -n "$base" ]; then
	cp "$base" "$gen/.config"
	# Append modguard to the base's LSM order unless it is there.
	lsm=$(sed -n 's/^CONFIG_LSM="\(.*\)"$/\1/p' "$base")
	case ",$lsm," in
	*,modguard,*) ;;
	*) lsm=${lsm:+$lsm,}modguard ;;
	esac
	echo "CONFIG_LSM=\"$lsm\"" >> "$gen/modguard.config"
	# A distribution config may name its own revocation certificates;
	# a relative path would be looked up in the kernel tree.
	grep -q '^CONFIG_SYSTEM_REVOCATION_KEYS=' "$base" &&
		echo 'CONFIG_SYSTEM_REVOCATION_KEYS=""' >> "$gen/modguard.config"
	fragments="$gen/modguard.config"
else
	kmake O="$gen" tinyconfig >/dev/null
	fragments="$MODGUARD_ROOT/scripts/configs/vm.config $MODGUARD_ROOT/scripts/configs/system.config $gen/modguard.config"
fi
# shellcheck disable=SC2086
(cd "$gen" && "$KSRC/scripts/kconfig/merge_config.sh" -m -O "$gen" \
	.config $fragments >/dev/null)
kmake O="$gen" olddefconfig >/dev/null

# Every line asked for survived: the last word on each symbol counts (a
# later fragment overrides an earlier one, as merge_config does).
# shellcheck disable=SC2086
cat $fragments | grep -E '^(CONFIG_|# CONFIG_)' |
	awk '{ s = $0; sub(/^# /, "", s); sub(/[= ].*/, "", s); last[s] = $0; order[s] = NR }
	     END { for (s in last) print order[s], last[s] }' |
	sort -n | cut -d' ' -f2- > "$gen/wanted"
bad=0
while IFS= read -r line; do
	grep -qxF "$line" "$gen/.config" ||
		{ log "not in the final .config: $line"; bad=1; }
done < "$gen/wanted"
grep -qx "CONFIG_MODULE_SIG_HASH=\"$hash\"" "$gen/.config" ||
	{ log "CONFIG_MODULE_SIG_HASH is not $hash"; bad=1; }
grep -q '^CONFIG_LSM=".*modguard' "$gen/.config" ||
	{ log "modguard is not in CONFIG_LSM"; bad=1; }
[ "$bad" -eq 0 ] || die "kernel configuration is not what was asked for"
if [ "$configure_only" -eq 1 ]; then
	log "configuration checked: $gen/.config"
	exit 0
fi

cmp -s "$gen/.config" "$obj/.config" || cp "$gen/.config" "$obj/.config"
rm -f "$out"/*.deb "$out"/*.buildinfo "$out"/*.changes "$out/inputs.sha256"

log "building kernel packages in $obj (ccache: $CCACHE_DIR)"
t0=$(date +%s)
make -s -C "$KSRC" ARCH=x86_64 O="$obj" CC="ccache gcc" -j"$JOBS" olddefconfig >/dev/null
make -C "$KSRC" ARCH=x86_64 O="$obj" CC="ccache gcc" -j"$JOBS" \
	DPKG_FLAGS=-us bindeb-pkg > "$out/build.log" 2>&1 ||
	{ tail -n 30 "$out/build.log" >&2; die "bindeb-pkg failed (see $out/build.log)"; }
echo "$fingerprint" > "$out/inputs.sha256"
log "built in $(( $(date +%s) - t0 )) s:"
ls -l "$out"/*.deb >&2
