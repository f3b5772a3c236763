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
run log "$tmp/journal"
expect "the table: a value with a space is quoted, one field stays one word" 0 out \
	'^2026-11-30 06:30:23  would-deny +unverifiable +mg_x op=init_module comm="mg load"$'
printf '%s\n' 'type=UNKNOWN[1490] msg=audit(1796020223.737:3): op=finit_module name="mg_alpha" path=2F746D702F6120226222 size=4688 digest=? sig=unsigned reason=unsigned signer=? rule=? mode=enforcing action=deny pid=53 uid=0 auid=4294967295 ses=4294967295 comm="mg-load" exe="/bin/mg-load"' >"$tmp/quote"
run log "$tmp/quote"
expect "the table: a double quote inside a quoted value is \\x22" 0 out \
	' path="/tmp/a \\x22b\\x22" comm=mg-load$'

run log "$tmp/nonexistent"
expect "a missing file: exit 1" 1 err 'cannot read .*nonexistent: No such file or directory'
run log --reason bogus "$audit"
expect "--reason with an unknown reason: usage error" 2 err "unknown reason 'bogus'"
run log --since yesterday "$audit"
expect "--since with a bad time: usage error" 2 err "invalid time 'yesterday'"

# --- several logs, rotated and compressed ones
head -n 20 "$audit" >"$tmp/audit.log.1"
tail -n +21 "$audit" >"$tmp/audit.log"
run log --json "$tmp/audit.log.1" "$tmp/audit.log"
expect_json "log LOG.1 LOG: the records of both, file after file" 0 '(
  [(o["serial"], o["op"]) for o in objs] ==
  [(o["serial"], o["op"]) for o in (__import__("json").loads(l) for l in open(argv[0]))])' \
	"$tmp/audit.json"
if have gzip; then
	gzip -c "$tmp/audit.log.1" >"$tmp/audit.log.2.gz"
	run log --json "$tmp/audit.log.2.gz" "$tmp/audit.log"
	expect_json "log LOG.2.gz LOG: a gzip-compressed rotated log is decompressed" 0 \
		'len(objs) == 15'
	head -c 100 "$tmp/audit.log.2.gz" >"$tmp/cut.gz"
	run log --json "$tmp/cut.gz" "$tmp/audit.log"
	expect "  ... a truncated .gz: exit 1, the message names it" 1 err \
		"cut.gz: gzip: truncated compressed data"
	expect_json "  ... and the other log is still read" 1 'len(objs) > 0'
else
	skip "gzip missing: no compressed log"
fi
if have xz; then
	xz -c "$audit" >"$tmp/audit.log.xz"
	run log --json "$tmp/audit.log.xz"
	expect_json "log LOG.xz: xz-compressed too" 0 'len(objs) == 15'
fi
run log --json "$klog" "$tmp/nonexistent" "$audit"
expect_json "a missing log among others: exit 1, the others read" 1 \
	'len(objs) == 30'
expect "  ... the message names it" 1 err 'cannot read .*nonexistent'

# --- what is not a log
printf 'hello\nworld\n' >"$tmp/notalog"
run log "$tmp/notalog"
expect "lines but no audit record: exit 1" 1 err \
	"notalog: no audit record recognised in 2 lines"
run --stdin "$tmp/notalog" allow --from-log --header -
expect_out "  ... allow --from-log: exit 1, no end line" 1 "modguard-policy 3"
grep -v 'UNKNOWN\[149' "$audit" >"$tmp/other"
run log --json "$tmp/other"
expect_json "an audit log without modguard records: nothing, exit 0" 0 'objs == []'

# --- ausearch -i: interpreted values, local time
cat >"$tmp/interp" <<'EOF'
----
type=PROCTITLE msg=audit(12/03/2026 10:00:00.123:45) : proctitle=mg-load finit /modules/a b.ko
type=UNKNOWN[1490] msg=audit(12/03/2026 10:00:00.123:45) : op=finit_module name=mg_alpha path=/modules/a b.ko size=4688 digest=F8013CA38B000511D65AED742AE3F87CB7CCBCD0C7FE18FAF8C180D94EFBFB41 sig=SIG0 reason=unsigned signer=? rule=? mode=000,000 action=unknown-action(deny) pid=53 uid=root auid=unset ses=unset comm=mg load exe=/bin/mg-load 
----
type=UNKNOWN[1490] msg=audit(11/30/26 06:30:24.425:16) : op=finit_module name=mg_beta path=/modules/beta-ecdsa.ko size=5013 digest=76FB5282A79E40A9CBE0BB79CC699402A653BCA1088444CCBBE0C6673D5BD1BF sig=SIG0 reason=denied-by-policy signer=55F691233F71C15FBC98D9AE6C2D2873868B9AE7 rule="deny name:2" mode=000,000 action=unknown-action(deny) pid=65 uid=root auid=1000 ses=3 comm=mg-load exe=/bin/mg-load 
----
type=UNKNOWN[1491] msg=audit(11/30/26 06:30:23.885:6) : op=mode old=enforcing new=permissive pid=42 uid=root auid=unset ses=unset comm=sh exe=/bin/busybox res=yes 
EOF
TZ=UTC
export TZ
run log --json "$tmp/interp"
expect_json "ausearch -i: en_US and C dates in local time, values unquoted" 0 '(
  len(objs) == 3 and
  objs[0]["time"] == "2026-12-03T10:00:00.123Z" and objs[0]["serial"] == 45 and
  objs[0]["path"] == "/modules/a b.ko" and objs[0]["comm"] == "mg load" and
  objs[1]["epoch"] == 1796020224.425 and objs[2]["epoch"] == 1796020223.885)'
expect_json "  ... action=unknown-action(deny) is deny; auid/ses unset is 4294967295" 0 '(
  objs[0]["event"] == "deny" and objs[0]["action"] == "deny" and
  objs[0]["auid"] == "4294967295" and objs[0]["ses"] == "4294967295" and
  objs[1]["auid"] == "1000" and objs[2]["res"] == "1")'
expect_json "  ... mode= and sig= that ausearch -i made unreadable are left out" 0 \
	'all("mode" not in o and "sig" not in o for o in objs) and objs[0]["uid"] == "root"'
expect_json "  ... the old rule=\"deny name:2\", quoted by ausearch -i too" 0 \
	'objs[1]["rule"] == "deny-name:2"'
TZ=EST5
run log --json "$tmp/interp"
expect_json "  ... read in the local time zone (TZ=EST5)" 0 \
	'objs[0]["time"] == "2026-12-03T15:00:00.123Z"'
if have ausearch; then
	ausearch -if "$audit" -m 1490,1491 -i >"$tmp/ausearch-i" 2>/dev/null
	run log --json "$tmp/ausearch-i"
	expect_json "ausearch -i's own output (TZ=EST5): the records of the raw log" 0 '(
	  [{k: v for k, v in o.items() if k not in ("mode", "sig", "uid")} for o in objs] ==
	  [{k: v for k, v in o.items() if k not in ("mode", "sig", "uid")}
	   for o in (__import__("json").loads(l) for l in open(argv[0]))])' \
		"$tmp/audit.json"
	LC_ALL=C ausearch -if "$audit" -m 1490 -i 2>/dev/null |
		sed 's/audit(\([0-9]*\/[0-9]*\)\/\([0-9][0-9]\) /audit(\1\/20\2 /' \
		>"$tmp/ausearch-i4"
	run log --json "$tmp/ausearch-i4"
	expect_json "  ... with the en_US date form (four-digit year)" 0 \
		'len(objs) == 8 and objs[0]["epoch"] == 1796020223.737'
else
	skip "ausearch missing: no check against its own output"
fi
TZ=UTC
printf 'type=UNKNOWN[1490] msg=audit(30.11.2026 06:30:24.425:16) : op=finit_module\n' \
	>"$tmp/interp-de"
run log "$tmp/interp-de"
expect "ausearch -i in another locale's date: skipped, said so" 1 err \
	'interp-de:1: damaged 1490 record skipped: .*LC_TIME=C'
unset TZ

# --- audisp's syslog plugin: the record behind a syslog prefix
sed -n 's/^\(type=UNKNOWN\[149.*\)$/Dec  3 10:00:00 host audispd[102]: \1/p' "$audit" |
	tr '\035' ' ' >"$tmp/syslog"
run log --json "$tmp/syslog"
expect_json "syslog lines (audispd[N]: type=...), enrichment joined with a space" 0 '(
  objs == [__import__("json").loads(l) for l in open(argv[0])])' \
	"$tmp/audit.json"

# --- damaged records: skipped with a warning, counted, never shown
rec=$(grep -m1 'UNKNOWN\[1490\]' "$audit" | tr '\035' '\n' | head -n 1)
{
	printf '%s\n' "${rec%% action=*}"
	printf '%s\n' "${rec%%_alpha*}"
	printf '%s\n' "$rec" | sed 's/reason=unsigned/reason=unsig/'
	printf '%s\n' "$rec" | sed 's/ pid=53//'
	printf '%s\n' "$rec" | sed 's/ size=4688 / size=46x8 /'
	printf '%s\n' "$rec" | sed 's/op=finit_module/op=frobnicate/'
	printf '%s\n' "$rec" | sed 's/digest=F8013C/digest=F8013/'
	printf '%s\n' "$rec" | sed 's/comm="mg-load"/comm=6D6/'
	printf 'type=UNKNOWN[1491] msg=audit(1796020223.885:6): op=mode old=enforcing new=permissive pid=42 uid=0 auid=4294967295 ses=4294967295 comm="sh" exe="/bin/busybox"\n'
	printf 'type=UNKNOWN[1491] msg=audit(17960\n'
	printf '%s\n' "$rec" | sed 's/audit(1796020223.737:3)/audit(1796020299.000:99)/'
} >"$tmp/damaged"
run log --json "$tmp/damaged"
expect_json "damaged records: only the whole one is shown, exit 1" 1 \
	'len(objs) == 1 and objs[0]["serial"] == 99'
expect "  ... cut after mode=enforcing" 1 err \
	'damaged:1: damaged 1490 record skipped: no action= field'
expect "  ... cut inside a quoted name" 1 err \
	'damaged:2: damaged 1490 record skipped: name= ends inside its quotes'
expect "  ... reason=unsig, not a reason" 1 err \
	'damaged:3: damaged 1490 record skipped: reason=unsig is not a reason'
expect "  ... a required field missing" 1 err \
	'damaged:4: damaged 1490 record skipped: no pid= field'
expect "  ... size not a number" 1 err 'damaged:5: .* size=46x8 is not a number'
expect "  ... an unknown op" 1 err 'damaged:6: .* op=frobnicate is not an operation'
expect "  ... a digest cut short" 1 err 'damaged:7: .* digest=F8013.* is not a sha256 digest'
expect "  ... hex of odd length" 1 err 'damaged:8: .* comm=6D6 is neither quoted nor hex'
expect "  ... a 1491 record without res=" 1 err \
	'damaged:9: damaged 1491 record skipped: no res= field'
expect "  ... a header cut short" 1 err \
	"damaged:10: damaged 1491 record skipped: the record's header is cut short"
if [ "$(tail -n 1 "$tmp/err")" = "modguardctl: warning: 10 damaged records skipped" ]; then
	pass "  ... the count of skipped records is the last line on stderr"
else
	fail "  ... the count of skipped records is the last line on stderr" \
		"$(cat "$tmp/err")"
fi
run log "$tmp/damaged"
if [ "$(wc -l <"$tmp/out")" -eq 2 ]; then
	expect "  ... the table shows only the whole record" 1 out \
		' deny +unsigned +mg_alpha op=finit_module '
else
	fail "  ... the table shows only the whole record" "$(cat "$tmp/out")"
fi
run allow --from-log --header "$tmp/damaged"
expect_out "allow --from-log on a damaged log: exit 1, no end line" 1 \
"modguard-policy 3
# mg_alpha (unsigned, deny)
allow digest=f8013ca38b000511d65aed742ae3f87cb7ccbcd0c7fe18faf8c180d94efbfb41"

# The kexec records of a locked kernel (docs/audit.md).
printf '%s\n' 'type=UNKNOWN[1490] msg=audit(1796020230.000:40): op=kexec_file_load name=? path="/boot/vmlinuz" size=0 digest=? sig=? reason=locked signer=? rule=? mode=enforcing action=deny pid=70 uid=0 auid=4294967295 ses=4294967295 comm="kexec" exe="/sbin/kexec"' \
	'type=UNKNOWN[1490] msg=audit(1796020230.100:41): op=kexec_load name=? path=? size=0 digest=? sig=? reason=locked signer=? rule=? mode=enforcing action=deny pid=71 uid=0 auid=4294967295 ses=4294967295 comm="kexec" exe="/sbin/kexec"' \
	>"$tmp/kexec"
run log --json "$tmp/kexec"
expect_json "kexec_load and kexec_file_load, reason=locked, sig=?" 0 '(
  [(o["op"], o["reason"], o["event"]) for o in objs] ==
  [("kexec_file_load", "locked", "deny"), ("kexec_load", "locked", "deny")] and
  "sig" not in objs[0] and objs[0]["path"] == "/boot/vmlinuz")'

# allow --from-log: the rollout path.
run allow --from-log --header "$audit"
expect_out "allow --from-log: a rule per liftable digest, commented" 0 \
"modguard-policy 3
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
	"modguard-policy 3"

done_tests cli_log.sh
