#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# modguardctl log and allow --from-log (the ASan/UBSan build) on real
# records: tests/data/audit.log is the audit log auditd wrote in the test
# VM (ENRICHED format) and tests/data/kernel.log the dmesg of the same
# loads and configuration changes without auditd, both captured from our
# own kernel (see tests/data/README). Both must give the same records.
#
# usage: cli_log.sh MODGUARDCTL
# Prints "ok - ..." or "FAIL - ..." per check and a last line
# "# cli_log.sh: N passed, N failed"; exits 1 if any check failed.

set -u

tool=$1
. "$(dirname "$0")/clilib.sh"

data=$(cd "$(dirname "$0")/data" && pwd)
audit=$data/audit.log
klog=$data/kernel.log
unset MODGUARD_AUDIT_LOG MODGUARD_KMSG

run log "$audit"
expect "log AUDITLOG: a header line" 0 out '^TIME \(UTC\) +EVENT +REASON +MODULE DETAILS$'
expect "  ... the finit_module denial of alpha-unsigned.ko" 0 out \
	'^2026-11-30 06:30:23  deny +unsigned +mg_alpha op=finit_module path=/modules/alpha-unsigned.ko digest=F8013CA38B000511D65AED742AE3F87CB7CCBCD0C7FE18FAF8C180D94EFBFB41 comm=mg-load$'
expect "  ... the mode change" 0 out \
	'^2026-11-30 06:30:23  config +- +- op=mode old=enforcing new=permissive res=1 auid=4294967295 comm=sh$'
expect "  ... the policy denial with its whole rule (old format: a space inside quotes)" 0 out \
	' deny +denied-by-policy +mg_beta .* rule=deny-name:2 '
expect "  ... 15 records and the header" 0 out '.'
[ "$(wc -l <"$tmp/out")" -eq 16 ] && pass "  ... exactly 16 lines" ||
	fail "  ... exactly 16 lines" "$(cat "$tmp/out")"

run log --json "$audit"
expect_json "log --json AUDITLOG: 15 records, by event" 0 '(len(objs) == 15 and
  [o["event"] for o in objs].count("deny") == 5 and
  [o["event"] for o in objs].count("would-deny") == 2 and
  [o["event"] for o in objs].count("allow") == 1 and
  [o["event"] for o in objs].count("config") == 7)'
expect_json "  ... the first record, every field, ? left out" 0 '(objs[0] == {
  "time": "2026-11-30T06:30:23.737Z", "epoch": 1796020223.737, "serial": 3,
  "type": "decision", "event": "deny", "op": "finit_module",
  "name": "mg_alpha", "path": "/modules/alpha-unsigned.ko", "size": "4688",
  "digest": "F8013CA38B000511D65AED742AE3F87CB7CCBCD0C7FE18FAF8C180D94EFBFB41",
  "sig": "unsigned", "reason": "unsigned", "mode": "enforcing",
  "action": "deny", "pid": "53", "uid": "0", "auid": "4294967295",
  "ses": "4294967295", "comm": "mg-load", "exe": "/bin/mg-load"})'
expect_json "  ... the refused policy: op, rules 0, res 0, no old/new" 0 '(
  any(o["type"] == "config" and o["op"] == "policy" and o["rules"] == "0" and
      o["res"] == "0" and "old" not in o and "digest" in o for o in objs))'
cp "$tmp/out" "$tmp/audit.json"

run log --json "$klog"
cp "$tmp/out" "$tmp/klog.json"
expect_json "log --json KERNELLOG: the same 15 records as the audit log" 0 '(
  [{k: v for k, v in o.items() if k not in ("time", "epoch", "serial", "pid")}
   for o in objs] ==
  [{k: v for k, v in o.items() if k not in ("time", "epoch", "serial", "pid")}
   for o in (__import__("json").loads(l) for l in open(argv[0]))])' \
	"$tmp/audit.json"

run log --json --module mg-beta "$audit"
expect_json "--module mg-beta (- and _ alike): the one mg_beta record" 0 \
	'len(objs) == 1 and objs[0]["name"] == "mg_beta" and objs[0]["rule"] == "deny-name:2"'
run log --json --reason unsigned "$audit"
expect_json "--reason unsigned: the deny and the would-deny" 0 \
	'[o["event"] for o in objs] == ["deny", "would-deny"]'
run log --json --since @1796020224 "$audit"
expect_json "--since @EPOCH: records from that second on" 0 \
	'len(objs) == 10 and all(o["epoch"] >= 1796020224 for o in objs)'
run log --json --until "2026-11-30 06:30:23" "$audit"
expect_json "--until 'YYYY-MM-DD HH:MM:SS' (UTC)" 0 \
	'len(objs) == 5 and all(o["epoch"] < 1796020224 for o in objs)'
run log --json --since 2026-11-30T06:30:24Z --until 2026-11-30T06:30:24Z --module mg_alpha "$audit"
expect_json "--since, --until and --module together" 0 \
	'len(objs) == 3 and all(o["name"] == "mg_alpha" for o in objs)'
run log --json --since 2026-12-01 "$audit"
expect_json "--since after the last record: nothing, exit 0" 0 'objs == []'

run --stdin "$audit" log --json -
expect_json "log - reads standard input" 0 'len(objs) == 15'
MODGUARD_AUDIT_LOG=$audit
export MODGUARD_AUDIT_LOG
run log --json
expect_json "no FILE: MODGUARD_AUDIT_LOG" 0 'len(objs) == 15'
MODGUARD_AUDIT_LOG=$tmp/nonexistent
MODGUARD_KMSG=$klog
export MODGUARD_KMSG
run log --json
expect_json "no FILE, no audit log: the kernel log (MODGUARD_KMSG)" 0 \
	'len(objs) == 15 and objs[0]["serial"] == 2'
unset MODGUARD_AUDIT_LOG MODGUARD_KMSG

# Hex-encoded values (audit_log_untrustedstring), and journalctl -k lines.
{
	echo 'Nov 30 06:30:23 host kernel: audit: type=1490 audit(1796020223.100:7): op=init_module name=6D675F78 path=? size=10 digest=? sig=? reason=unverifiable signer=? rule=? mode=permissive action=allow pid=1 uid=0 auid=4294967295 ses=4294967295 comm=6D67206C6F6164 exe="/bin/x"'
	echo 'Nov 30 06:30:23 host kernel: audit: type=1400 audit(1796020223.100:8): apparmor="DENIED"'
	echo 'Nov 30 06:30:23 host kernel: something else type=1490 audit'
} >"$tmp/journal"
run log --json "$tmp/journal"
expect_json "journalctl -k text: hex values decoded, other types ignored" 0 '(
  len(objs) == 1 and objs[0]["name"] == "mg_x" and objs[0]["comm"] == "mg load" and
  objs[0]["event"] == "would-deny" and "path" not in objs[0] and objs[0]["serial"] == 7)'
: >"$tmp/empty"
run log "$tmp/empty"
expect "an empty log: the header only, exit 0" 0 out '^TIME'

run log "$tmp/nonexistent"
expect "a missing file: exit 1" 1 err 'cannot read .*nonexistent: No such file or directory'
run log --reason bogus "$audit"
expect "--reason with an unknown reason: usage error" 2 err "unknown reason 'bogus'"
run log --since yesterday "$audit"
expect "--since with a bad time: usage error" 2 err "invalid time 'yesterday'"
run log "$audit" "$klog"
expect "two files: usage error" 2 err 'unexpected argument'

# allow --from-log: the rollout path.
run allow --from-log --header "$audit"
expect_out "allow --from-log: a rule per liftable digest, commented" 0 \
"modguard-policy 2
# mg_alpha (unsigned, deny)
allow digest=f8013ca38b000511d65aed742ae3f87cb7ccbcd0c7fe18faf8c180d94efbfb41
# mg_alpha (unsigned, would-deny)
allow digest=0ddc2d85c68ae493895e28c85f8d6a03bb6124a1a94e5781f8be97e517ad39a9
end"
cp "$tmp/out" "$tmp/policy"
run policy check "$tmp/policy"
expect "  ... a policy policy check accepts" 0 out 'allow digest 2'
run allow --from-log "$klog"
expect "  ... the same rules from the kernel log" 0 out \
	'^allow digest=0ddc2d85c68ae493895e28c85f8d6a03bb6124a1a94e5781f8be97e517ad39a9$'
if grep -q 76fb5282 "$tmp/out"; then
	fail "  ... no rule for the module a deny rule refused"
else
	pass "  ... no rule for the module a deny rule refused"
fi
run allow --from-log "$audit" "$klog"
expect "allow --from-log with two logs: usage error" 2 err 'reads one log'
run allow --from-log --header "$tmp/nonexistent"
expect_out "allow --from-log --header, a log that cannot be read: exit 1, no end line" 1 \
	"modguard-policy 2"

done_tests cli_log.sh
