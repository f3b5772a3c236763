#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Seed corpus of fuzz_log, for `make corpus`: each line of the real audit
# log and kernel log in tests/data (one seed per record kind and source),
# the two whole files, and a hex-encoded and a journalctl -k line.
#
# usage: mkcorpus_log.sh DIR

set -eu

dir=$1
data=$(dirname "$0")/../tests/data
mkdir -p "$dir"
cp "$data/audit.log" "$dir/audit-log"
grep 'type=149' "$data/kernel.log" > "$dir/kernel-log"
n=0
grep 'UNKNOWN\[149' "$data/audit.log" | while IFS= read -r line; do
	n=$((n + 1))
	printf '%s\n' "$line" > "$dir/audit-$n"
done
grep 'type=149' "$data/kernel.log" | while IFS= read -r line; do
	n=$((n + 1))
	printf '%s\n' "$line" > "$dir/kernel-$n"
done
echo 'Nov 30 06:30:23 host kernel: audit: type=1490 audit(1796020223.100:7): op=init_module name=6D675F78 path=? size=10 digest=? sig=? reason=unverifiable signer=? rule="deny name:3" mode=permissive action=allow pid=1 uid=0 auid=4294967295 ses=4294967295 comm=6D67206C6F6164 exe="/bin/x"' > "$dir/journal-hex"
