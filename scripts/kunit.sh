#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run modguard's KUnit suites with kunit.py on UML, in a build directory in
# the cache (ccache makes warm runs take seconds).
set -eu
. "$(dirname "$0")/lib.sh"

"$MODGUARD_ROOT/scripts/kernel-tree.sh"
mkdir -p "$MODGUARD_CACHE/build"
cd "$KSRC"
python3 tools/testing/kunit/kunit.py run \
	--kunitconfig="$MODGUARD_ROOT/kunit/.kunitconfig" \
	--build_dir="$MODGUARD_CACHE/build/kunit" \
	--jobs="$JOBS" --make_options "CC=ccache gcc" "$@"
