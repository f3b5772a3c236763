#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Boot the guest kernel and initramfs under QEMU (TCG).
#
#   run-vm.sh [-s SCENARIO] [-a "BOOT ARGS"] [-c "COMMAND"] [-t SECONDS]
#             [-u VARSTORE] [-l LOGNAME]
#
#   -s SCENARIO  run /tests/SCENARIO.sh and judge it: fails on a failed
#                check, on no closing "N passed, N failed" line, on any
#                oops/BUG/WARN/KASAN text in the console log, on a timeout
#   -c COMMAND   run COMMAND in the VM (non-interactive), print its output
#   (neither)    interactive shell on the serial console (Ctrl-A x quits)
#   -u VARSTORE  boot under UEFI (OVMF) with this writable variable store
#                instead of SeaBIOS; the kernel is still given with -kernel
#   -l LOGNAME   console log in $MODGUARD_CACHE/build/vm-LOGNAME.log
set -eu
. "$(dirname "$0")/../lib.sh"

scenario="" append="" cmd="" timeout=300 vars="" logname=""
while getopts s:a:c:t:u:l: opt; do
	case $opt in
	u) vars=$OPTARG ;;
	l) logname=$OPTARG ;;
	s) scenario=$OPTARG ;;
	a) append=$OPTARG ;;
	c) cmd=$OPTARG ;;
	t) timeout=$OPTARG ;;
	*) exit 2 ;;
	esac
done

kernel="$KOUT/arch/x86/boot/bzImage"
initrd="$IMGDIR/initramfs.cpio.gz"
[ -f "$kernel" ] && [ -f "$initrd" ] || die "build first: make vm"

args="console=ttyS0 loglevel=4 panic=-1"
# The scenarios count one audit record per refused load, so they boot
# without the window that folds identical refusals into a count; the
# autoload scenario and interactive boots keep the default.
case $scenario in
"" | autoload) ;;
*) args="$args modguard.audit_window=0" ;;
esac
args="$args $append"
[ -n "$scenario" ] && args="$args mg.run=$scenario"

if [ -n "$cmd" ]; then
	# A second cpio archive appended to the first adds /etc/mg-cmd.
	extra=$(mktemp -d)
	trap 'rm -rf "$extra"' EXIT
	mkdir -p "$extra/root/etc"
	printf '%s\n' "$cmd" > "$extra/root/etc/mg-cmd"
	(cd "$extra/root" && find . | cpio -o -H newc --quiet) | gzip -1 > "$extra/cmd.gz"
	cat "$initrd" "$extra/cmd.gz" > "$extra/initrd"
	initrd="$extra/initrd"
fi

# The QEMU command line, in "$@".
set -- qemu-system-x86_64 -accel tcg -m 512 -smp 2 -nographic -no-reboot
if [ -n "$vars" ]; then
	code=/usr/share/OVMF/OVMF_CODE_4M.fd
	[ -f "$code" ] || die "no $code (apt-get install ovmf)"
	set -- "$@" -drive "if=pflash,format=raw,unit=0,readonly=on,file=$code" \
		-drive "if=pflash,format=raw,unit=1,file=$vars"
fi
set -- "$@" -kernel "$kernel" -initrd "$initrd" -append "$args"

if [ -z "$scenario" ] && [ -z "$cmd" ]; then
	exec "$@"
fi

logf="$MODGUARD_CACHE/build/vm$SFX-${logname:-${scenario:-cmd}}.log"
rc=0
timeout "$timeout" "$@" < /dev/null 2>&1 | tr -d '\r' |
	sed -E 's/\x1b(\[[0-9;?]*[A-Za-z]|c)//g' > "$logf" || rc=$?

if [ -n "$cmd" ]; then
	sed -n '/^mg-vm: powering off/q;p' "$logf" | grep -v '^\[ *[0-9.]*\] '
	exit $rc
fi

status=0
grep -E '^(ok|FAIL) - ' "$logf" || true
grep -q '^FAIL - ' "$logf" && status=1
if grep -nE 'WARNING:|BUG:|Oops|KASAN|Kernel panic|cut here|Call Trace' "$logf"; then
	log "$scenario: kernel reported a problem (see $logf)"
	status=1
fi
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logf" | tail -n 1)
if [ -z "$summary" ]; then
	log "$scenario: no closing summary (timeout or crash, rc=$rc; see $logf)"
	tail -n 20 "$logf" >&2
	status=1
elif [ "${summary#* passed, }" != "0 failed" ] || [ "${summary%% *}" = 0 ]; then
	status=1
fi
log "$scenario: ${summary:-no result}"
echo "vm-$scenario: ${summary:-0 passed, 1 failed}"
exit $status
