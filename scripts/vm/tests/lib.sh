# SPDX-License-Identifier: GPL-2.0-only
# Scenario helpers, sourced by each scenario in the VM, on top of the
# pass/fail library of every shell test (scripts/testlib.sh: pass, fail,
# check, summary). One line per check, then a closing "N passed, N failed"
# line that the host side (run-vm.sh) reads.
. /tests/testlib.sh

LOADS=0
SFS=/sys/kernel/security/modguard

loaded() { grep -q "^$1 " /proc/modules; }

# load OP FILE WANT MODULE LOGPATTERN [flags...]
#   OP: finit or init; WANT: "ok" or "errno=NAME" (what mg-load prints);
#   LOGPATTERN: a line the kernel log must hold afterwards ("" for no
#   decision record at all). Without auditd, the kernel prints each audit
#   record: "audit: type=1490 audit(...): op=... action=deny ...".
#   Checks the module is in /proc/modules exactly when the load
#   succeeded, and unloads it again.
# klog_has NAME PATTERN: the kernel log of one step ($klog) holds a line
# matching PATTERN, or, for an empty PATTERN, no decision record at all.
klog_has() {
	if [ -n "$2" ]; then
		if echo "$klog" | grep -qE "$2"; then
			pass "$1: log has /$2/"
		else
			fail "$1: no /$2/ in: $klog"
		fi
	elif echo "$klog" | grep -q "type=1490"; then
		fail "$1: unexpected decision record: $klog"
	else
		pass "$1: no decision record"
	fi
}

load() {
	op=$1 file=$2 want=$3 mod=$4 pattern=$5
	shift 5
	name="$op $file${*:+ ($*)}"
	dmesg -c > /dev/null
	LOADS=$((LOADS + 1))
	got=$(mg-load "$op" "/modules/$file" "$@")
	klog=$(dmesg -c)
	# kauditd prints records after the syscall returns: wait up to 2 s
	# for an expected one.
	tries=0
	while [ -n "$pattern" ] && [ $tries -lt 20 ] &&
	      ! echo "$klog" | grep -qE "$pattern"; do
		sleep 0.1
		klog="$klog$(printf '\n'; dmesg -c)"
		tries=$((tries + 1))
	done
	echo "$klog" > /tmp/last-klog
	if [ "$got" = "$want" ]; then
		pass "$name: $want"
	else
		fail "$name: got $got, want $want"
	fi
	klog_has "$name" "$pattern"
	if [ "$want" = ok ]; then
		check "$name: $mod listed in /proc/modules" loaded "$mod"
		rmmod "$mod" 2>/dev/null
	else
		check "$name: $mod not in /proc/modules" eval "! loaded $mod"
	fi
}

# stat_of NAME: a counter from the stats file ("allowed", "denied", ...).
stat_of() { awk -v k="$1" '$1 == k { print $2 }' "$SFS/stats"; }

# start_auditd: Debian's auditd, with a backlog for bursts of records.
start_auditd() {
	timeout 20 auditd
	for i in 1 2 3 4 5 6 7 8 9 10; do
		auditctl -s 2>/dev/null | grep -q '^pid [1-9]' && break
		sleep 1
	done
	check "auditd runs" sh -c "auditctl -s | grep -q '^pid [1-9]'"
	auditctl -b 8192 > /dev/null
}

# audit_lost: the kernel's count of audit records it could not deliver.
audit_lost() { auditctl -s | awk '$1 == "lost" { print $2 }'; }

# audited TYPE GREP-ARG...: a record of TYPE that grep matches is in the
# audit log (ausearch), once auditd has written it (asynchronously: flush =
# INCREMENTAL_ASYNC): await (testlib.sh) gives it at most 10 s.
audited() { await 10 audited_now "$@"; }
audited_now() {
	_type=$1
	shift
	ausearch -m "$_type" --raw 2>/dev/null | grep -q "$@"
}

# records TYPE[,TYPE...]: the records of those types (ausearch returns whole
# events, with their SYSCALL and PROCTITLE records), each from "op=" on,
# without the names auditd's ENRICHED format appends after a 0x1d byte.
records() {
	ausearch -m "$1" --raw 2>/dev/null | tr '\035' '\n' |
		sed -nE "s/^type=UNKNOWN\[($(echo "$1" | tr , '|'))\] msg=audit\([^)]*\): //p"
}

finish() {
	# Anything the kernel reported while we ran counts as a failure too.
	if dmesg | grep -qE 'WARNING:|BUG:|Oops|KASAN|Kernel panic|cut here'; then
		fail "kernel log clean"
		dmesg | grep -E -A20 'WARNING:|BUG:|Oops|KASAN|cut here'
	else
		pass "kernel log clean"
	fi
	summary
}
