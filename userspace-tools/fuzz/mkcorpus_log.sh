#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Seed corpus of fuzz_log, for `make corpus`: each line of the real audit
# log and kernel log in tests/data (one seed per record kind and source),
# the two whole files, a hex-encoded and a journalctl -k line, records as
# ausearch -i and audisp's syslog plugin write them, and damaged ones
# (cut short, cut inside quotes, an unknown reason).
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
cat > "$dir/ausearch-i" <<'EOF'
----
type=PROCTITLE msg=audit(11/30/26 06:30:23.737:3) : proctitle=mg-load finit /modules/alpha-unsigned.ko
type=UNKNOWN[1490] msg=audit(11/30/26 06:30:23.737:3) : op=finit_module name=mg alpha path=/modules/a b.ko size=4688 digest=F8013CA38B000511D65AED742AE3F87CB7CCBCD0C7FE18FAF8C180D94EFBFB41 sig=SIG0 reason=unsigned signer=? rule="deny name:2" mode=000,000 action=unknown-action(deny) pid=53 uid=root auid=unset ses=unset comm=mg-load exe=/bin/mg-load 
----
type=UNKNOWN[1491] msg=audit(12/03/2026 10:00:00.123:45) : op=mode old=enforcing new=permissive pid=42 uid=root auid=unset ses=unset comm=sh exe=/bin/busybox res=yes 
EOF
echo 'Dec  3 10:00:00 host audispd[102]: type=UNKNOWN[1490] msg=audit(1796023337.760:26): op=kexec_file_load name=? path="/boot/vmlinuz" size=0 digest=? sig=? reason=locked signer=? rule=? mode=enforcing action=deny pid=55 uid=0 auid=4294967295 ses=4294967295 comm="kexec" exe="/sbin/kexec" UID="root" AUID="unset"' > "$dir/syslog"
{
	echo 'type=UNKNOWN[1490] msg=audit(1796020223.737:3): op=finit_module name="mg_alpha" path="/modules/alpha-unsigned.ko" size=4688 digest=F8013CA38B000511D65AED742AE3F87CB7CCBCD0C7FE18FAF8C180D94EFBFB41 sig=unsigned reason=unsigned signer=? rule=? mode=enforcing'
	echo 'type=UNKNOWN[1490] msg=audit(1796020223.737:4): op=finit_module name="mg_al'
	echo 'type=UNKNOWN[1490] msg=audit(1796020223.737:5): op=finit_module name="mg_alpha" path=? size=1 digest=? sig=? reason=unsig signer=? rule=? mode=enforcing action=deny pid=1 uid=0 auid=0 ses=0 comm="x" exe=?'
	echo 'type=UNKNOWN[1491] msg=audit(1796020'
} > "$dir/damaged"
