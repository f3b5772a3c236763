#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Boot the guest kernel and initramfs under QEMU (TCG).
#
#   run-vm.sh [-s SCENARIO] [-a "BOOT ARGS"] [-c "COMMAND"] [-t SECONDS]
#             [-u VARSTORE] [-l LOGNAME]
#   run-vm.sh -L
#
#   -s SCENARIO  run /tests/SCENARIO.sh and judge it: fails on a failed
#                check, on no closing "N passed, N failed" line, on any
#                oops/BUG/WARN/KASAN text in the console log, on a timeout.
#                The boots, firmware, timeout and boot parameters of a
#                scenario are its lines in scripts/vm/scenarios (one boot
#                with the defaults for a scenario not listed there, such
#                as bench); -a, -t and -u add to or override them
#   -L           list the scenarios of scripts/vm/scenarios for this
#                MODGUARD_FLAVOUR and MODGUARD_KERNEL, one name a line,
#                in order
#   -c COMMAND   run COMMAND in the VM (non-interactive), print its output
#   (neither)    interactive shell on the serial console (Ctrl-A x quits)
#   -u VARSTORE  boot under UEFI (OVMF) with this writable variable store
#                instead of SeaBIOS; the kernel is still given with -kernel
#   -l LOGNAME   console log in $MODGUARD_CACHE/build/vm-LOGNAME.log
set -eu
. "$(dirname "$0")/../lib.sh"
. "$MODGUARD_ROOT/scripts/testlib.sh"

list="$MODGUARD_ROOT/scripts/vm/scenarios"
scenario="" append="" cmd="" timeout="" vars="" logname=""
while getopts s:a:c:t:u:l:L opt; do
	case $opt in
	u) vars=$OPTARG ;;
	l) logname=$OPTARG ;;
	s) scenario=$OPTARG ;;
	a) append=$OPTARG ;;
	c) cmd=$OPTARG ;;
	t) timeout=$OPTARG ;;
	L)
		awk -v fl="${FLAVOUR:--}" -v k="$KERNEL" '!/^#/ && NF && $2 == fl &&
			index("," $3 ",", "," k ",") && !seen[$1]++ { print $1 }' "$list"
		exit 0 ;;
	*) exit 2 ;;
	esac
done

kernel="$KOUT/arch/x86/boot/bzImage"
initrd="$IMGDIR/initramfs.cpio.gz"
[ -f "$kernel" ] && [ -f "$initrd" ] || die "build first: make vm"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "$cmd" ]; then
	# A second cpio archive appended to the first adds /etc/mg-cmd.
	mkdir -p "$work/root/etc"
	printf '%s\n' "$cmd" > "$work/root/etc/mg-cmd"
	(cd "$work/root" && find . | cpio -o -H newc --quiet) | gzip -1 > "$work/cmd.gz"
	cat "$initrd" "$work/cmd.gz" > "$work/initrd"
	initrd="$work/initrd"
fi

# qemu FIRMWARE VARSTORE BOOTARGS RUNNER...: run RUNNER (exec, timeout N)
# with the QEMU command line.
qemu() {
	fw=$1 store=$2 args="console=ttyS0 loglevel=4 panic=-1"
	# The scenarios count one audit record per refused load, so they boot
	# without the window that folds identical refusals into a count; the
	# autoload scenario and interactive boots keep the default.
	case $scenario in
	"" | autoload) ;;
	*) args="$args modguard.audit_window=0" ;;
	esac
	args="$args${3:+ $3}${append:+ $append}"
	[ -n "$scenario" ] && args="$args mg.run=$scenario"
	shift 3
	set -- "$@" qemu-system-x86_64 -accel tcg -m 512 -smp 2 -nographic \
		-no-reboot
	if [ "$fw" = uefi ]; then
		code=/usr/share/OVMF/OVMF_CODE_4M.fd
		[ -f "$code" ] || die "no $code (apt-get install ovmf)"
		set -- "$@" -drive "if=pflash,format=raw,unit=0,readonly=on,file=$code" \
			-drive "if=pflash,format=raw,unit=1,file=$store"
	fi
	"$@" -kernel "$kernel" -initrd "$initrd" -append "$args"
}

# An interactive boot, or one command.
if [ -z "$scenario" ]; then
	fw=bios
	[ -z "$vars" ] || fw=uefi
	if [ -z "$cmd" ]; then
		rmdir "$work"
		qemu $fw "$vars" "" exec
	fi
	logf="$MODGUARD_CACHE/build/vm$SFX-${logname:-cmd}.log"
	rc=0
	qemu $fw "$vars" "" timeout "${timeout:-300}" < /dev/null 2>&1 |
		tr -d '\r' | sed -E 's/\x1b(\[[0-9;?]*[A-Za-z]|c)//g' > "$logf" || rc=$?
	sed -n '/^mg-vm: powering off/q;p' "$logf" | grep -v '^\[ *[0-9.]*\] '
	exit $rc
fi

# boot FIRMWARE TIMEOUT LOGNAME BOOTARGS: one boot of the scenario, judged;
# its checks are added to $passed and $failed.
status=0
boot() {
	store=$vars
	if [ "$1" = uefi ] && [ -z "$store" ]; then
		store=$work/vars.fd
		if [ ! -f "$store" ]; then
			template=/usr/share/OVMF/OVMF_VARS_4M.fd
			[ -f "$template" ] || die "no $template (apt-get install ovmf)"
			cp "$template" "$store"
		fi
	fi
	logf="$MODGUARD_CACHE/build/vm$SFX-$3.log"
	rc=0
	qemu "$1" "$store" "$4" timeout "${timeout:-$2}" < /dev/null 2>&1 |
		tr -d '\r' | sed -E 's/\x1b(\[[0-9;?]*[A-Za-z]|c)//g' > "$logf" || rc=$?

	grep -E '^(ok|FAIL) - |^#   ' "$logf" || true
	grep -q '^FAIL - ' "$logf" && status=1
	if grep -nE 'WARNING:|BUG:|Oops|KASAN|Kernel panic|cut here|Call Trace' "$logf"; then
		log "$scenario: kernel reported a problem (see $logf)"
		status=1
	fi
	if ! results "$logf"; then
		log "$scenario: no closing summary (timeout or crash, rc=$rc; see $logf)"
		tail -n 20 "$logf" >&2
		status=1
		res_fail=1
	elif [ "$res_fail" -ne 0 ] || [ "$res_pass" -eq 0 ]; then
		status=1
	fi
	log "$3: ${res_line:-no result}"
	passed=$((passed + res_pass)) failed=$((failed + res_fail))
}

lines=$(awk -v s="$scenario" '!/^#/ && $1 == s' "$list")
if [ -z "$lines" ]; then
	fw=bios
	[ -z "$vars" ] || fw=uefi
	boot $fw 300 "${logname:-$scenario}" ""
else
	n=$(printf '%s\n' "$lines" | wc -l) i=0
	while read -r _ _ _ firmware secs params; do
		i=$((i + 1))
		name=${logname:-$scenario}
		[ "$n" -eq 1 ] || name=$name-$i
		[ -z "$vars" ] || firmware=uefi
		boot "$firmware" "$secs" "$name" "$params"
	done <<LINES
$lines
LINES
fi
# The line scripts/check.sh counts.
echo "vm-$scenario: $passed passed, $failed failed"
exit $status
