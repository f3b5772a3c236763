#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run each test command given as an argument (a string for sh -c), show its
# output, and add up the "ok - " and "FAIL - " lines of all of them. Each
# test ends with "# NAME: N passed, N failed"; a test whose count does not
# match its lines, that exits non-zero without a FAIL line, or that runs
# nothing is one more failure. The last line is the total,
# "N passed, N failed"; the exit status is non-zero if anything failed.

set -u

# results: the reader of "N passed, N failed" lines (scripts/testlib.sh).
. "$(dirname "$0")/../../scripts/testlib.sh"
log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT
trap 'exit 1' INT TERM

for cmd in "$@"; do
	sh -c "$cmd" >"$log" 2>&1
	rc=$?
	cat "$log"

	p=$(grep -c '^ok - ' "$log")
	f=$(grep -c '^FAIL - ' "$log")
	results "$log"
	sp=$res_pass sf=$res_fail

	if [ -z "$res_line" ]; then
		echo "FAIL - $cmd: no summary line (exit status $rc)"
		f=$((f + 1))
	elif [ "$sp" -ne "$p" ] || [ "$sf" -ne "$f" ]; then
		echo "FAIL - $cmd: summary says $sp passed, $sf failed; its lines say $p, $f"
		f=$((f + 1))
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL - $cmd: exit status $rc without a failed check"
		f=$((f + 1))
	elif [ "$rc" -eq 0 ] && [ "$f" -ne 0 ]; then
		echo "FAIL - $cmd: exit status 0 despite $f failed checks"
		f=$((f + 1))
	elif [ "$p" -eq 0 ]; then
		echo "FAIL - $cmd: ran no checks"
		f=$((f + 1))
	fi

	passed=$((passed + p))
	failed=$((failed + f))
done

summary
