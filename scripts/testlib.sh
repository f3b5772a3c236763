# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the operator-side tests (scripts/signing/test-signing-key.sh,
# packaging/test-deb.sh, scripts/system/check-system.sh and, inside the
# booted system, guest-test.sh): "ok - " and "FAIL - " lines (a failed
# check shows the start of its output as "#   " lines) and the closing
# "N passed, N failed" that scripts/check.sh counts.
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
nok() { fail=$((fail + 1)); echo "FAIL - $*"; }
check() { # description command...
	what=$1
	shift
	_check_out=$(mktemp)
	if "$@" > "$_check_out" 2>&1; then
		ok "$what"
	else
		nok "$what"
		sed "s/^/#   /" "$_check_out" | head -n 5
	fi
	rm -f "$_check_out"
}
has() { # description file extended-regex
	if grep -qE "$3" "$2"; then ok "$1"; else nok "$1 (no /$3/ in $2)"; fi
}
hasnt() { # description file extended-regex
	if grep -qE "$3" "$2"; then nok "$1 (/$3/ in $2)"; else ok "$1"; fi
}
summary() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
