#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make bench: what modguard costs per module load against the kernel's own
# check, in the VM, and how fast modguardctl scan verifies a real module
# tree, on the host. Prints the report (Markdown) and keeps it, with the
# console logs it comes from, in $MODGUARD_CACHE/build/bench/.
#
# The VM boots the same kernel and initramfs once per configuration (the
# boot parameters differ; scripts/vm/tests/bench.sh checks each boot is
# what it claims), in rounds A B C D A B C D ...: the host's load drifts,
# and interleaving spreads it over every configuration alike.
#
#   BENCH_ROUNDS=N  rounds (default 3)
#   BENCH_SCALE=N   iteration counts in the VM times N (default 1)
#   BENCH_SCAN=0    skip the scan benchmark
set -eu
. "$(dirname "$0")/../lib.sh"

rounds=${BENCH_ROUNDS:-3}
scale=${BENCH_SCALE:-1}
out="$MODGUARD_CACHE/build/bench"
rm -rf "$out"
mkdir -p "$out"

boot_args() {
	case $1 in
	A) echo "module.sig_enforce=1 lsm=capability" ;;
	B) echo "module.sig_enforce=0" ;;
	C) echo "module.sig_enforce=1" ;;
	D) echo "module.sig_enforce=0 lsm=capability" ;;
	esac
}

start=$(date +%s)
{
	echo "# make bench, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "- kernel: $(file -b "$KOUT/arch/x86/boot/bzImage" |
		sed -n 's/.*version \([^ ]*\).*/\1/p'), QEMU TCG, 2 vCPUs, 512 MiB"
	echo "- repository: $(git -C "$MODGUARD_ROOT" describe --always --dirty)"
	echo "- rounds: $rounds, iteration scale: $scale"
	echo "- host: $(nproc) cores, load average at start:" \
		"$(cut -d' ' -f1-3 /proc/loadavg)"
	echo
} > "$out/head.md"

r=1
while [ "$r" -le "$rounds" ]; do
	for cfg in A B C D; do
		args="mg.bench=$cfg mg.bench_n=$scale $(boot_args $cfg)"
		log "round $r of $rounds, configuration $cfg: $args"
		"$MODGUARD_ROOT/scripts/vm/run-vm.sh" -s bench -t 900 -a "$args" \
			> "$out/vm-$cfg-$r.out" ||
			die "bench boot $cfg failed: $(grep '^FAIL' \
				"$out/vm-$cfg-$r.out" | head -n 5)"
		# run-vm.sh's console log of the scenario (the newest, whatever
		# the flavour suffix of its name).
		cp "$(ls -t "$MODGUARD_CACHE"/build/vm*-bench.log | head -n 1)" \
			"$out/vm-$cfg-$r.log"
	done
	r=$((r + 1))
done

if [ "${BENCH_SCAN:-1}" != 0 ]; then
	log "modguardctl scan against sha256 and openssl"
	"$MODGUARD_ROOT/scripts/bench/scan.sh" > "$out/scan.txt"
fi

{
	cat "$out/head.md"
	python3 "$MODGUARD_ROOT/scripts/bench/report.py" "$out"
	echo "Run time: $(($(date +%s) - start)) s; load average at the end:" \
		"$(cut -d' ' -f1-3 /proc/loadavg)."
} > "$out/report.md"
cat "$out/report.md"
log "report and console logs in $out"
