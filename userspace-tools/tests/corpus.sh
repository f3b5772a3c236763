#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The committed fuzz seeds are the images of the kunit/*_vectors.h tables:
# regenerate them and compare (`make corpus` updates the committed copy).
# One check per corpus; the target is the directory's name.
#
# usage: corpus.sh MKVECTORS CORPUS_DIR...

set -u

mkvectors=$1
shift
# pass, fail, summary: the library of every shell test.
. "$(dirname "$0")/../../scripts/testlib.sh"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

for corpus in "$@"; do
	target=$(basename "$corpus")
	gen=$tmp/$target
	mkdir "$gen" || exit 1
	if "$mkvectors" --corpus="$target" "$gen" >"$tmp/diff" 2>&1 &&
	   diff -r "$gen" "$corpus" >>"$tmp/diff" 2>&1 &&
	   [ -n "$(ls "$gen")" ]; then
		pass "seed corpus $corpus matches the vector table ($(ls "$gen" | wc -l) seeds)"
	else
		fail "seed corpus $corpus matches the vector table (run make corpus)" \
			"$(cat "$tmp/diff")"
	fi
done

summary corpus.sh
