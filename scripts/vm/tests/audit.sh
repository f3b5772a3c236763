# SPDX-License-Identifier: GPL-2.0-only
# Boot: enforcing, with Debian's auditd running. Every denial, would-deny
# and configuration change is an audit record that ausearch finds, in the
# format docs/audit-regex.txt gives; a burst of 1000 denials loses none
# (or the kernel counts the loss).
. /tests/lib.sh

start_auditd

regex() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' /tests/audit-regex.txt; }
DECISION=$(regex decision)
CONFIG=$(regex config)
POLICY=$(regex policy)


load finit alpha-unsigned.ko errno=EPERM mg_alpha ""
load init alpha-sigflip.ko errno=EPERM mg_alpha ""
check "ausearch finds the finit_module denial" \
	audited 1490 'op=finit_module name="mg_alpha" path="/modules/alpha-unsigned.ko" .* reason=unsigned .*action=deny'
check "ausearch finds the init_module denial" \
	audited 1490 'op=init_module .* sig=bad-signature reason=bad-signature signer=[0-9a-f]* rule=? mode=enforcing action=deny'

# Configuration changes: mode, policy, .modguard key, audit_allow.
echo permissive > "$SFS/mode"
load finit alpha-untrusted.ko ok mg_alpha ""
check "ausearch finds the permissive would-deny" \
	audited 1490 'reason=untrusted-key .*mode=permissive action=allow'
echo enforcing > "$SFS/mode"
# Through a file, so that each policy is one write(2) (see policy.sh).
printf 'modguard-policy 3\ndeny name=mg_beta\nend\n' > /tmp/pol
cat /tmp/pol > "$SFS/policy"
printf 'modguard-policy 3\nallow name=x\nend\n' > /tmp/pol
cat /tmp/pol > "$SFS/policy" 2>/dev/null
kid=$(keyctl padd asymmetric '' %:.modguard < /modules/local-rsa.der)
# The key's description ends in its subject key id, as the record names it.
skid=$(keyctl rdescribe "$kid" | sed 's/.*: //')
keyctl add user mg-not-asymmetric x %:.modguard > /dev/null 2>&1
echo 1 > "$SFS/audit_allow"
load finit alpha-sha256.ko ok mg_alpha ""
echo 0 > "$SFS/audit_allow"
load finit beta-ecdsa.ko errno=EPERM mg_beta ""

check "mode change recorded" audited 1491 'op=mode old=enforcing new=permissive .* res=1'
check "policy load recorded with digest and rule count" \
	audited 1491 -E 'op=policy old=\? new=\? digest=[0-9A-F]{64} rules=1 .* res=1'
check "refused policy recorded" audited 1491 'op=policy .* rules=0 .* res=0'
check "the added key's subject key id read back (${skid})" \
	sh -c "echo '$skid' | grep -qE '^[0-9a-f]{40}$'"
check "key added to .modguard recorded after it was added, naming the key" \
	audited 1491 "op=key_add old=? new=$skid .* res=1"
check "a key of another type refused and recorded" \
	audited 1491 'op=key_add old=? new=? .* res=0'
check "audit_allow recorded" audited 1491 'op=audit_allow old=0 new=1 .* res=1'
check "audit_allow=1: an allowed load is recorded" \
	audited 1490 'path="/modules/alpha-sha256.ko" .* reason=ok .*action=allow'
check "the policy denial names its rule" \
	audited 1490 'name="mg_beta" .* reason=denied-by-policy .*rule=deny-name:2 '

# Every record has the documented format.
records 1490 > /tmp/decisions
records 1491 > /tmp/configs
check "decision records found" test -s /tmp/decisions
bad=$(grep -cvE "$DECISION" /tmp/decisions)
check "every decision record matches docs/audit-regex.txt ($bad do not)" test "$bad" = 0
bad=$(grep -v '^op=policy ' /tmp/configs | grep -cvE "$CONFIG")
check "every config record matches docs/audit-regex.txt ($bad do not)" test "$bad" = 0
bad=$(grep '^op=policy ' /tmp/configs | grep -cvE "$POLICY")
check "every policy record matches docs/audit-regex.txt ($bad do not)" test "$bad" = 0

# The lock, and a change refused because of it.
echo 1 > "$SFS/lock"
echo permissive > "$SFS/mode" 2>/dev/null
check "lock recorded" audited 1491 'op=lock old=0 new=1 .* res=1'
check "mode change refused by the lock recorded" \
	audited 1491 'op=mode old=enforcing new=permissive .* res=0'

# A burst: 1000 refused loads as fast as a loop can go. Every one counted
# in stats is in the audit log, or counted lost by the kernel.
before=$(stat_of denied)
lost_before=$(audit_lost)
in_log_before=$(records 1490 | grep -c 'comm="mg-load"')
i=0
while [ $i -lt 1000 ]; do
	mg-load init /modules/alpha-unsigned.ko > /dev/null
	i=$((i + 1))
done
denied=$(( $(stat_of denied) - before ))
burst_logged() {
	lost=$(( $(audit_lost) - lost_before ))
	in_log=$(( $(records 1490 | grep -c 'comm="mg-load"') - in_log_before ))
	[ $((in_log + lost)) -ge 1000 ]
}
await 60 burst_logged
check "burst: stats counted 1000 denials ($denied)" test "$denied" = 1000
check "burst: 1000 = $in_log in the audit log + $lost lost" \
	test $((in_log + lost)) = 1000
echo "# burst: $in_log records in the log, $lost lost, after $waited s"

finish
