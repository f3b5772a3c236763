#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run the libFuzzer targets, for `make fuzz` and `make fuzz-smoke`.
#
# usage: run.sh long|smoke BUILD SECONDS RUNS TARGET...
#   long   libFuzzer's output is shown; new inputs go to
#          BUILD/fuzz/corpus/TARGET, which starts from the committed
#          fuzz/corpus/TARGET (read, never written)
#   smoke  quiet, on a fresh copy of fuzz/corpus/TARGET in
#          BUILD/fuzz-smoke/TARGET; the log is BUILD/fuzz-smoke/TARGET.log
# Each run stops after SECONDS or RUNS executions (-1: no limit), whichever
# comes first. Crashing inputs go to BUILD/fuzz/artifacts/TARGET/.
# Prints libFuzzer's "Done N runs" line per target, then
# "N passed, N failed" over the targets (scripts/testlib.sh, the pass/fail
# library of every shell test); non-zero exit if any failed.

set -u
. "$(dirname "$0")/../../scripts/testlib.sh"

mode=$1
build=$2
secs=$3
runs=$4
shift 4

for t in "$@"; do
	bin=$build/fuzz/fuzz_$t
	# fuzz/TARGET.supp: leaks of a library the target calls, not ours.
	if [ -f "fuzz/$t.supp" ]; then
		LSAN_OPTIONS=suppressions=$PWD/fuzz/$t.supp
	else
		LSAN_OPTIONS=
	fi
	export LSAN_OPTIONS
	seeds=fuzz/corpus/$t
	art=$build/fuzz/artifacts/$t/
	mkdir -p "$art" || exit 1

	case $mode in
	long)
		work=$build/fuzz/corpus/$t
		log=$build/fuzz/$t.log
		mkdir -p "$work" || exit 1
		# libFuzzer writes new inputs only to the first directory.
		{
			"$bin" -max_total_time="$secs" -runs="$runs" \
				-artifact_prefix="$art" "$work" "$seeds" 2>&1
			echo $? >"$log.rc"
		} | tee "$log"
		rc=$(cat "$log.rc")
		;;
	smoke)
		work=$build/fuzz-smoke/$t
		log=$work.log
		rm -rf "$work" && mkdir -p "$build/fuzz-smoke" &&
			cp -R "$seeds" "$work" || exit 1
		"$bin" -max_total_time="$secs" -runs="$runs" -timeout=10 \
			-artifact_prefix="$art" "$work" >"$log" 2>&1
		rc=$?
		;;
	*)
		echo "run.sh: unknown mode $mode" >&2
		exit 2
		;;
	esac

	done_line=$(grep -E '^Done [0-9]+ runs' "$log" | tail -n 1)
	if [ "$rc" -eq 0 ] && [ -n "$done_line" ]; then
		pass "fuzz_$t: $done_line"
	elif [ "$mode" = smoke ]; then
		fail "fuzz_$t: exit status $rc, crash inputs in $art, log $log" \
			"$(tail -n 40 "$log")"
	else
		fail "fuzz_$t: exit status $rc, crash inputs in $art, log $log"
	fi
done

summary
