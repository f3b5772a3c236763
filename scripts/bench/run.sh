#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make bench: what modguard costs per module load against the kernel's own
# check, in the VM, and how fast modguardctl scan verifies a real module
# tree, on the host. Prints the report (Markdown) and keeps it, with the
# console logs it comes from, in $MODGUARD_CACHE/build/bench/.
#
# The VM boots the same kernel and initramfs once per configuration A B C
# D (only the boot parameters differ; scripts/vm/tests/bench.sh checks
# each boot is what it claims), in two clock modes:
#   icount  QEMU -icount shift=0: the guest's clock advances one ns per
#           guest instruction, so a time is an instruction count, the same
#           from run to run whatever else the host runs (one round)
#   wall    the guest's clock is the host's: TCG speed, disturbed by the
#           host's other work; rounds A B C D A B C D ... spread that
#           drift over every configuration alike
# The boots are this script's own QEMU command line (run-vm.sh has no
# way to add -icount), otherwise the one run-vm.sh uses.
#
# Then one more icount boot, of the trace flavour (scripts/configs/
# trace.config, built here: MODGUARD_FLAVOUR=trace make vm), runs
# scripts/vm/tests/bench-trace.sh: the function_graph tracer over
# the loader's module_sig_check() with modguard's hook inside it, turned into a
# per-phase breakdown by scripts/bench/trace-report.py.
#
#   BENCH_ROUNDS=N  wall-clock rounds (default 1; 0: icount only)
#   BENCH_SCALE=N   iteration counts in the VM times N (default 1)
#   BENCH_SCAN=0    skip the scan benchmark
#   BENCH_TRACE=0   skip the trace flavour and the breakdown
set -eu
. "$(dirname "$0")/../lib.sh"
. "$MODGUARD_ROOT/scripts/testlib.sh"

rounds=${BENCH_ROUNDS:-1}
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

trace=${BENCH_TRACE:-1}
tkout="$MODGUARD_CACHE/build/vm-trace"
timg="$MODGUARD_CACHE/build/initramfs-trace"

start=$(date +%s)
if [ "$trace" != 0 ]; then
	# Before the boots, so that a build failure stops the run early;
	# build-kernel.sh's lock queues it behind any other kernel build.
	# Without this script's KOUT, which lib.sh exported and would
	# otherwise send the trace build into the default flavour's tree.
	log "the trace flavour: kernel, modules, initramfs"
	env -u KOUT MODGUARD_FLAVOUR=trace make -s -C "$MODGUARD_ROOT" vm
fi
{
	echo "# make bench, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "- kernel: $(cat "$KOUT/include/config/kernel.release"), QEMU TCG," \
		"2 vCPUs, 512 MiB"
	echo "- repository: $(git -C "$MODGUARD_ROOT" describe --always --dirty)"
	echo "- boots: one per configuration with the icount clock, $rounds" \
		"round(s) of four with the wall clock; iteration scale $scale"
	echo "- host: $(nproc) cores, load average at start:" \
		"$(cut -d' ' -f1-3 /proc/loadavg)"
	echo
} > "$out/head.md"

# boot MODE CONFIG ROUND: one bench boot, its console log kept. CONFIG T
# is the trace flavour's boot (configuration B's command line).
boot() {
	mode=$1 cfg=$2
	logf="$out/vm-$1-$2-$3.log"
	icount=""
	[ "$mode" = icount ] && icount="-icount shift=0,sleep=off"
	kernel="$KOUT/arch/x86/boot/bzImage" initrd="$IMGDIR/initramfs.cpio.gz"
	args="console=ttyS0 loglevel=4 panic=-1"
	if [ "$cfg" = T ]; then
		# Not vm-*.log: report.py reads those.
		logf="$out/trace-$1-$3.log"
		kernel="$tkout/arch/x86/boot/bzImage"
		initrd="$timg/initramfs.cpio.gz"
		args="$args mg.run=bench-trace $(boot_args B)"
	else
		args="$args mg.run=bench mg.bench=$cfg"
		args="$args $(boot_args "$cfg")"
	fi
	args="$args mg.bench_n=$scale"
	log "$mode clock, configuration $cfg, round $3: $args"
	# shellcheck disable=SC2086 # $icount is two words or none
	timeout 900 qemu-system-x86_64 -accel tcg $icount -m 512 -smp 2 \
		-nographic -no-reboot -kernel "$kernel" \
		-initrd "$initrd" -append "$args" \
		< /dev/null 2>&1 | tr -d '\r' > "$logf" || true
	if grep -q '^FAIL - ' "$logf" || ! results "$logf" ||
		[ "$res_fail" -ne 0 ] ||
		grep -qE 'WARNING:|BUG:|Oops|KASAN|Kernel panic|Call Trace' "$logf"
	then
		grep -E '^FAIL - ' "$logf" | head -n 5 >&2
		die "bench boot $mode $cfg failed (see $logf)"
	fi
}

for cfg in A B C D; do
	boot icount "$cfg" 1
done
r=1
while [ "$r" -le "$rounds" ]; do
	for cfg in A B C D; do
		boot wall "$cfg" "$r"
	done
	r=$((r + 1))
done

[ "$trace" = 0 ] || boot icount T 1

if [ "${BENCH_SCAN:-1}" != 0 ]; then
	log "modguardctl scan against sha256 and openssl"
	"$MODGUARD_ROOT/scripts/bench/scan.sh" > "$out/scan.txt"
fi

{
	cat "$out/head.md"
	python3 "$MODGUARD_ROOT/scripts/bench/report.py" "$out"
	if [ "$trace" != 0 ]; then
		echo "## Where the time goes (trace flavour, instruction clock)"
		echo
		python3 "$MODGUARD_ROOT/scripts/bench/trace-report.py" \
			"$out/trace-icount-1.log"
	fi
	echo "Run time: $(($(date +%s) - start)) s; load average at the end:" \
		"$(cut -d' ' -f1-3 /proc/loadavg)."
} > "$out/report.md"
cat "$out/report.md"
log "report and console logs in $out"
