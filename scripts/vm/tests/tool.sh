# SPDX-License-Identifier: GPL-2.0-only
# Boot: enforcing, with the builtin policy (scripts/vm/boot-policy).
# modguardctl (the static build, /bin/modguardctl) against the real
# securityfs: status, hash, allow, policy check/load/show, mode, and the
# lock (last: it lasts until reboot).
. /tests/lib.sh

MG=/bin/modguardctl

# json KEY: the value of KEY in the JSON line of /tmp/json (flat values;
# the first KEY: status has a reason named "locked" too).
json() { grep -o "\"$1\":[^,}]*" /tmp/json | head -n 1 | cut -d: -f2-; }

# --- status

check "status exits 0" sh -c "$MG status > /tmp/status"
check "status: active" grep -qx "modguard: active" /tmp/status
check "status: enforcing" grep -qx "mode: enforcing" /tmp/status
check "status: unlocked" grep -qx "lock: unlocked" /tmp/status
check "status --json exits 0" sh -c "$MG status --json > /tmp/json"
check "status --json: one line" test "$(wc -l < /tmp/json)" = 1
check "status --json: active" test "$(json active)" = true
check "status --json: enforcing" test "$(json mode)" = '"enforcing"'
check "status --json: not locked" test "$(json locked)" = false
rules=$(grep -c '^\(allow\|deny\) ' "$SFS/policy")
check "status --json: policy_rules = the rules of the policy file ($rules)" \
	test "$(json policy_rules)" = "$rules"

# --- log without auditd: the records the kernel printed (/dev/kmsg).
# First in the scenario: the kernel rate-limits that printing in a burst.

load finit alpha-unsigned.ko errno=EPERM mg_alpha "reason=unsigned"
$MG log --json --module mg-alpha > /tmp/log.json
check "log (no audit log) reads /dev/kmsg: the denial just made" \
	grep -q '"event":"deny","op":"finit_module","name":"mg_alpha","path":"/modules/alpha-unsigned.ko"' /tmp/log.json
check "  ... with its digest" \
	grep -q "\"digest\":\"$(tr a-f A-F < /modules/alpha-unsigned.sha256)\"" /tmp/log.json
$MG log > /tmp/log.txt
check "log: the table row" \
	grep -qE '^[0-9-]+ [0-9:]+  deny +unsigned +mg_alpha op=finit_module path=/modules/alpha-unsigned.ko ' /tmp/log.txt

# --- diagnose against the real keyrings, policy and mode (verify.sh
# checks its verdict and reason against the kernel's for every module
# variant; here, single checks without a burst of loads, which the
# kernel's printk rate limit would cut from the log checked below).

KEYS=/keys
CERTS="--cert $KEYS/trusted-rsa.crt --cert $KEYS/builtin-extra.crt"
$MG diagnose $CERTS /modules/alpha-revoked.ko > /tmp/out
check "diagnose alpha-revoked.ko: the revoked line names .blacklist" \
	grep -q '^  \[FAIL\] revoked .*on the revocation list (.blacklist): revoked-key' /tmp/out
$MG diagnose /modules/alpha-skid.ko > /tmp/out
check "diagnose alpha-skid.ko without --cert: its key is in .builtin_trusted_keys" \
	grep -q '^  \[ok  \] key .* is in .builtin_trusted_keys' /tmp/out
$MG diagnose $CERTS /modules/denied-sha256.ko > /tmp/out
check "diagnose denied-sha256.ko: the rule of the boot policy" \
	grep -q '^  \[FAIL\] policy .*rule "deny name:[0-9]*" denies it' /tmp/out
$MG diagnose --cert /modules/local-rsa.der /modules/alpha-local.ko > /tmp/out
check "diagnose alpha-local.ko: untrusted-key before its key is added" \
	grep -q '^verdict: refused (reason=untrusted-key)' /tmp/out
keyctl padd asymmetric '' %:.modguard < /modules/local-rsa.der > /dev/null
$MG diagnose --cert /modules/local-rsa.der /modules/alpha-local.ko > /tmp/out
check "  ... and ok with it in .modguard" \
	grep -q '^  \[ok  \] key .* is in .modguard' /tmp/out
load finit alpha-local.ko ok mg_alpha ""
$MG diagnose /modules/gamma-sha256.ko > /tmp/out
check "diagnose reads the running release (uname -r) for vermagic" \
	grep -q "^  \[ok  \] vermagic  built for $(uname -r), the running kernel" /tmp/out
echo permissive > "$SFS/mode"
$MG diagnose /modules/alpha-unsigned.ko > /tmp/out
check "diagnose in permissive mode: would-deny, exit 0" \
	sh -c "$MG diagnose /modules/alpha-unsigned.ko > /dev/null && grep -q '^verdict: would-deny (reason=unsigned)' /tmp/out"
echo enforcing > "$SFS/mode"

# --- hash: the digest the kernel logs, whatever signs or compresses it

digest=$(cat /modules/alpha-unsigned.sha256)
for m in alpha-unsigned.ko alpha-sha256.ko alpha-sha256.ko.xz; do
	got=$($MG hash "/modules/$m")
	check "hash $m is alpha-unsigned.sha256" \
		test "$got" = "$digest  /modules/$m"
done
$MG hash --json /modules/alpha-sha256.ko.xz > /tmp/json
check "hash --json of the .ko.xz: compressed xz" test "$(json compressed)" = '"xz"'
check "hash --json of the .ko.xz: the digest" test "$(json digest)" = "\"$digest\""
check "hash of a missing file exits 1" \
	sh -c "! $MG hash /modules/nonexistent.ko 2>/dev/null"

# --- a policy from allow: checked, loaded, in force

load finit alpha-unsigned.ko errno=EPERM mg_alpha "reason=unsigned"
{ echo "modguard-policy 3"; $MG allow /modules/alpha-unsigned.ko; echo end; } > /tmp/p
check "allow prints the rule" grep -qx "allow digest=$digest" /tmp/p
check "policy check accepts it" sh -c "$MG policy check /tmp/p > /tmp/out"
check "  ... and counts 1 rule" grep -q "^/tmp/p: 1 rule (allow digest 1," /tmp/out
check "policy load puts it in force" $MG policy load /tmp/p
check "  ... the policy file reads it back" \
	grep -qx "allow digest=$digest" "$SFS/policy"
check "  ... the builtin rule is gone" sh -c "! grep -q mg_denied $SFS/policy"
$MG policy show > /tmp/shown
check "policy show prints the policy file" \
	sh -c "cat $SFS/policy | cmp -s - /tmp/shown"
check "  ... which ends with the end line" test "$(tail -n 1 /tmp/shown)" = end
check "  ... and loads again as it is, unchanged" \
	sh -c "$MG policy load /tmp/shown && cat $SFS/policy | cmp -s - /tmp/shown"
load finit alpha-unsigned.ko ok mg_alpha ""
load init alpha-unsigned2.ko errno=EPERM mg_alpha "reason=unsigned"

# A bad policy: exit 1, the line named, nothing sent, nothing changed.
printf 'modguard-policy 3\ndeny name=mg_beta\nallow name=mg_alpha\nend\n' > /tmp/bad
before=$($MG policy show)
dmesg -c > /dev/null
check "policy load of a bad file exits 1" \
	sh -c "! $MG policy load /tmp/bad 2> /tmp/err"
check "  ... with FILE:LINE: MESSAGE" grep -q "^/tmp/bad:3: allow name= is refused" /tmp/err
check "  ... policy show unchanged" test "$($MG policy show)" = "$before"
check "  ... nothing reached the kernel (no log line, no audit record)" \
	sh -c "! dmesg | grep -qE 'policy refused|op=policy'"
check "policy check of the bad file exits 1" \
	sh -c "! $MG policy check /tmp/bad 2>/dev/null"
load finit alpha-unsigned.ko ok mg_alpha ""

# The kernel's own refusal, reported: a write without CAP_MAC_ADMIN.
CAP_MAC_ADMIN=33
check "policy load without CAP_MAC_ADMIN exits 1" \
	sh -c "! mg-nocap $CAP_MAC_ADMIN $MG policy load /tmp/p 2> /tmp/err"
check "  ... and says why" grep -q "Operation not permitted: needs CAP_MAC_ADMIN" /tmp/err

# A second policy, from stdin: the digest rule, and a name denied (put
# before the end line).
{ grep -vx end /tmp/p; echo "deny name=mg-beta"; echo end; } > /tmp/p2
check "policy load - reads stdin" sh -c "$MG policy load - < /tmp/p2"
check "  ... status counts 2 rules" \
	sh -c "$MG status --json | grep -q '\"policy_rules\":2,'"
load finit beta-ecdsa.ko errno=EPERM mg_beta \
	"reason=denied-by-policy .*rule=deny-name:3 mode=enforcing action=deny"

# --- mode

check "mode shows enforcing" test "$($MG mode)" = enforcing
check "mode permissive" $MG mode permissive
check "  ... securityfs reads permissive" grep -qx permissive "$SFS/mode"
check "  ... status shows it" sh -c "$MG status | grep -qx 'mode: permissive'"
# A module the policy denies loads in permissive mode, recorded as such.
load finit beta-ecdsa.ko ok mg_beta \
	"type=1490 .* reason=denied-by-policy .*mode=permissive action=allow"
check "mode enforcing" $MG mode enforcing
check "  ... securityfs reads enforcing" grep -qx enforcing "$SFS/mode"
check "mode sloppy is a usage error (2)" sh -c "$MG mode sloppy 2>/dev/null; test \$? = 2"

# --- the counters status shows are the stats file's

$MG status --json > /tmp/json
$MG status > /tmp/status
for k in allowed denied would-deny; do
	key=$(echo "$k" | tr - _)
	check "status --json: $key = stats $k ($(stat_of "$k"))" \
		test "$(json "$key")" = "$(stat_of "$k")"
done
check "status: the decisions line" grep -qx \
	"decisions: allowed $(stat_of allowed), denied $(stat_of denied), would-deny $(stat_of would-deny)" \
	/tmp/status
unsigned=$(awk '$1 == "reason" && $2 == "unsigned" { print $3 }' "$SFS/stats")
check "status --json: reasons.unsigned = stats ($unsigned)" \
	grep -q "\"reasons\":{.*\"unsigned\":$unsigned[,}]" /tmp/json
check "  ... which counted this scenario's refusals" test "$unsigned" -ge 2

# --- the rollout path, with auditd: permissive, log, allow --from-log,
# policy load, enforcing. (After this, records go to the audit log, not
# to the kernel log that load checks.)

start_auditd
printf 'modguard-policy 3\nend\n' > /tmp/empty
check "policy load: no rules" $MG policy load /tmp/empty
check "mode permissive" $MG mode permissive
mg-load finit /modules/alpha-unsigned.ko > /tmp/out
check "permissive: alpha-unsigned.ko loads" grep -qx ok /tmp/out
rmmod mg_alpha
# Each read of the log below first waits for auditd to write the record
# it needs (lib.sh, audited): the check then reads what is there.
audited 1490 'path="/modules/alpha-unsigned.ko" .*mode=permissive'
$MG log --json --reason unsigned > /tmp/log.json
check "log reads the audit log: the would-deny" \
	grep -q '"event":"would-deny","op":"finit_module","name":"mg_alpha","path":"/modules/alpha-unsigned.ko"' /tmp/log.json
$MG allow --from-log --header > /tmp/rollout
check "allow --from-log: a rule for alpha-unsigned.ko ($digest)" \
	grep -qx "allow digest=$digest" /tmp/rollout
check "  ... and no other" test "$(grep -c '^allow ' /tmp/rollout)" = 1
check "  ... policy load takes it" $MG policy load /tmp/rollout
check "mode enforcing" $MG mode enforcing
mg-load finit /modules/alpha-unsigned.ko > /tmp/out
check "enforcing: alpha-unsigned.ko loads by the rule from the log" grep -qx ok /tmp/out
rmmod mg_alpha
# Refused: alpha-unsigned2.ko is built to be refused (a flipped byte),
# never loaded.
mg-load finit /modules/alpha-unsigned2.ko > /tmp/out
check "  ... alpha-unsigned2.ko, not in that log, is refused" grep -qx errno=EPERM /tmp/out
audited 1491 'op=mode old=permissive new=enforcing'
$MG log --json > /tmp/log.json
check "log: the policy load recorded, res=1" \
	grep -q '"type":"config","event":"config","op":"policy",.*"res":"1"' /tmp/log.json
check "log: the mode changes recorded" \
	grep -q '"op":"mode","old":"permissive","new":"enforcing"' /tmp/log.json
# A policy denial: ausearch -i and libauparse read its rule field whole.
printf 'modguard-policy 3\n# a comment\ndeny name=mg_beta\nend\n' > /tmp/denybeta
$MG policy load /tmp/denybeta > /dev/null
mg-load init /modules/beta-ecdsa.ko > /tmp/out
check "deny name=mg_beta: beta-ecdsa.ko refused" grep -qx errno=EPERM /tmp/out
audited 1490 'name="mg_beta" .*reason=denied-by-policy'
$MG log --json --reason denied-by-policy > /tmp/log.json
check "log: the policy denial names its rule and line (deny-name:3)" \
	grep -q '"name":"mg_beta".*"rule":"deny-name:3"' /tmp/log.json
check "ausearch -i: the rule field whole" \
	sh -c "ausearch -i -m 1490 2>/dev/null | grep -q 'reason=denied-by-policy .*rule=deny-name:3 '"
$MG policy load /tmp/rollout > /dev/null
check "log --since tomorrow: nothing" \
	test -z "$($MG log --json --since "$(date -u -d @$(($(date +%s) + 86400)) +%Y-%m-%d)")"

# --- the lock, last

check "lock" $MG lock
check "  ... securityfs reads 1" grep -qx 1 "$SFS/lock"
check "  ... status --json: locked" sh -c "$MG status --json | grep -q '\"locked\":true'"
check "locked: mode permissive exits 1" \
	sh -c "! $MG mode permissive 2> /tmp/err"
check "  ... and says it is locked" grep -q "locked until reboot" /tmp/err
check "  ... mode still enforcing" grep -qx enforcing "$SFS/mode"
check "locked: policy load exits 1" sh -c "! $MG policy load /tmp/p 2>/dev/null"
check "lock again exits 0" $MG lock

finish
