#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The kernel tree's checkpatch.pl --strict over the kernel C of this
# repository. Prints "N passed, N failed" (one per file).
set -eu
. "$(dirname "$0")/lib.sh"

"$MODGUARD_ROOT/scripts/kernel-tree.sh"
cd "$MODGUARD_ROOT"
pass=0 fail=0
for f in kernel/*.[ch] kernel/common/*.[ch] kunit/*.[ch] scripts/vm/modules/*.c; do
	# kernel/compat.h is the one file whose job is version tests.
	ignore=FILE_PATH_CHANGES,SPDX_LICENSE_TAG
	[ "$f" != kernel/compat.h ] || ignore=$ignore,LINUX_VERSION_CODE
	if out=$("$KSRC/scripts/checkpatch.pl" --strict --no-tree --quiet \
		--ignore "$ignore" -f "$f" 2>&1); then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		printf '%s\n' "$out"
	fi
done
echo "checkpatch: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
