# SPDX-License-Identifier: GPL-2.0-only
# The pass/fail library of every shell test, sourced by the userspace CLI
# tests (userspace-tools/tests), the VM scenarios (copied to /tests/ in the
# initramfs), the operator-side tests (scripts/signing/test-signing-key.sh,
# packaging/test-deb.sh, examples/ansible/, scripts/system/ and, inside the
# booted Debian system, guest-test.sh). Plain POSIX sh: it runs under
# dash, bash and busybox sh.
#
# Each check prints "ok - WHAT" or "FAIL - WHAT" (a failure's details as
# "#   " lines); what cannot run is a "# skipped: WHY" line, never a pass.
# summary prints the closing "N passed, N failed" line that results (below)
# reads back: run-vm.sh from a console log, scripts/check.sh from a stage.

passed=0
failed=0

pass() { # WHAT
	passed=$((passed + 1))
	printf 'ok - %s\n' "$1"
}

fail() { # WHAT [DETAIL...]
	failed=$((failed + 1))
	printf 'FAIL - %s\n' "$1"
	shift
	for d in "$@"; do
		[ -z "$d" ] || printf '%s\n' "$d" | sed 's/^/#   /'
	done
}

skip() { # WHY
	echo "# skipped: $1"
}

have() { # COMMAND: is it installed?
	command -v "$1" >/dev/null 2>&1
}

# await SECONDS COMMAND...: run COMMAND once a second until it succeeds, at
# most SECONDS seconds more; $waited says how many it took, the status is
# COMMAND's last. For what is written asynchronously (auditd's log,
# journald): a test waits with this, then checks what is there.
await() {
	_limit=$1
	shift
	waited=0
	until "$@"; do
		[ "$waited" -ge "$_limit" ] && return 1
		waited=$((waited + 1))
		sleep 1
	done
}

# check WHAT COMMAND...: COMMAND succeeds. It runs in this shell (eval and
# functions may set variables); its output is shown only when it fails.
check() {
	_what=$1
	shift
	_check_out=$(mktemp)
	if "$@" > "$_check_out" 2>&1; then
		pass "$_what"
	else
		fail "$_what" "$(head -n 20 "$_check_out")"
	fi
	rm -f "$_check_out"
}

has() { # WHAT FILE ERE: a line of FILE matches
	if grep -qE -e "$3" "$2"; then pass "$1"; else fail "$1 (no /$3/ in $2)"; fi
}

hasnt() { # WHAT FILE ERE: no line of FILE matches
	if grep -qE -e "$3" "$2"; then fail "$1 (/$3/ in $2)"; else pass "$1"; fi
}

# summary [NAME]: the closing line, "N passed, N failed" (with NAME,
# "# NAME: N passed, N failed"); the status is non-zero if a check failed.
summary() {
	echo "${1:+# $1: }$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# results FILE: the last "N passed, N failed" line of FILE, alone or after
# "NAME: ", into $res_line, $res_pass and $res_fail; status 1 (and both
# counts 0) when FILE has no such line. The one reader of those lines.
results() {
	res_line=$(grep -aE '(^|: )[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1)
	res_pass=$(printf '%s\n' "$res_line" |
		sed -nE 's/^(.*: )?([0-9]+) passed, ([0-9]+) failed$/\2/p')
	res_fail=$(printf '%s\n' "$res_line" |
		sed -nE 's/^(.*: )?([0-9]+) passed, ([0-9]+) failed$/\3/p')
	res_pass=${res_pass:-0} res_fail=${res_fail:-0}
	[ -n "$res_line" ]
}
