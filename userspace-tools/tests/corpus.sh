#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The committed fuzz seeds are the images of kunit/trailer_vectors.h:
# regenerate them and compare (`make corpus` updates the committed copy).
#
# usage: corpus.sh MKVECTORS CORPUS_DIR

set -u

mkvectors=$1
corpus=$2
passed=0
failed=0

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

mkdir "$tmp/gen" || exit 1
if "$mkvectors" --corpus "$tmp/gen" >"$tmp/diff" 2>&1 &&
   diff -r "$tmp/gen" "$corpus" >>"$tmp/diff" 2>&1 &&
   [ -n "$(ls "$tmp/gen")" ]; then
	echo "ok - seed corpus $corpus matches the vector table"
	passed=$((passed + 1))
else
	echo "FAIL - seed corpus $corpus matches the vector table (run make corpus)"
	sed 's/^/#   /' "$tmp/diff"
	failed=$((failed + 1))
fi

echo "# corpus.sh: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
