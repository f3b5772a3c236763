#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run modguard's KUnit suites with kunit.py on UML, in a build directory in
# the cache (ccache makes warm runs take seconds), on the kernel of
# MODGUARD_KERNEL (6.12 by default; build/kunit-7.2 for 7.2). Ends with
# "kunit: N passed, N failed", from kunit.py's "Ran N tests: passed: N,
# failed: N, crashed: N, errors: N" (crashes and errors count as failed).
set -eu
. "$(dirname "$0")/lib.sh"

"$MODGUARD_ROOT/scripts/kernel-tree.sh" "$MODGUARD_CACHE/build/kunit$KTAG"
mkdir -p "$MODGUARD_CACHE/build"
out=$(mktemp)
trap 'rm -f "$out" "$out.rc"' EXIT
cd "$KSRC"
{
	rc=0
	python3 tools/testing/kunit/kunit.py run \
		--kunitconfig="$MODGUARD_ROOT/kunit/.kunitconfig" \
		--build_dir="$MODGUARD_CACHE/build/kunit$KTAG" \
		--jobs="$JOBS" --make_options "CC=ccache gcc" "$@" 2>&1 || rc=$?
	echo "$rc" > "$out.rc"
} | tee "$out"
rc=$(cat "$out.rc")
ran=$(grep -aoE 'Ran [0-9]+ tests: .*' "$out" | tail -n 1)
if [ -n "$ran" ]; then
	n() { printf '%s\n' "$ran" | sed -nE "s/.*[ :]$1: ([0-9]+).*/\\1/p"; }
	p=$(n passed) f=$(n failed) c=$(n crashed) e=$(n errors)
	echo "kunit: ${p:-0} passed, $(( ${f:-0} + ${c:-0} + ${e:-0} )) failed"
fi
exit "$rc"
