# SPDX-License-Identifier: GPL-2.0-only
# Boot: enforcing, with the builtin policy (scripts/vm/boot-policy).
# The securityfs interface, policy rules, runtime mode switches, who may
# write, the counters, and the lock (last: it lasts until reboot).
. /tests/lib.sh

CAP_MAC_ADMIN=33

perm() { [ "$(stat -c %a "$SFS/$1")" = "$2" ]; }
check "mode is 0600" perm mode 600
check "lock is 0600" perm lock 600
check "policy is 0600" perm policy 600
check "stats is 0444" perm stats 444
check "version is 0444" perm version 444
check "version reads 1" grep -qx 1 "$SFS/version"
check "mode reads enforcing" grep -qx enforcing "$SFS/mode"
check "lock reads 0" grep -qx 0 "$SFS/lock"

# The builtin policy decides from boot on, over a good signature.
check "the builtin policy is in force" grep -qx "deny name=mg_denied" "$SFS/policy"
for op in finit init; do
	load $op denied-sha256.ko errno=EPERM mg_denied \
		"type=1490 .*op=${op}_module name=\"mg_denied\" .* reason=denied-by-policy .*rule=deny-name:5 .*action=deny"
done

# The digest: what the kernel logs is the sha256 the host computed.
load finit alpha-unsigned.ko errno=EPERM mg_alpha "reason=unsigned"
digest=$(cat /modules/alpha-unsigned.sha256)
check "the logged digest is the payload's sha256" \
	grep -qi "digest=$digest " /tmp/last-klog

# One write(2) per policy, as the kernel wants it: the shell's printf may
# flush line by line (its stdout went to the console first), cat of a
# small file writes it whole.
setpol() {
	printf '%s\n' "modguard-policy 3" "$@" end > /tmp/setpol
	cat /tmp/setpol > "$SFS/policy"
}

# An unsigned vendor module allowed by digest; one byte changed: refused.
check "load a digest policy" setpol "allow digest=$digest"
check "policy reads back canonical" grep -qx "allow digest=$digest" "$SFS/policy"
check "  ... and the builtin rule is gone" eval "! grep -q mg_denied $SFS/policy"
for op in finit init; do
	load $op alpha-unsigned.ko ok mg_alpha ""
	load $op alpha-unsigned2.ko errno=EPERM mg_alpha \
		"type=1490 .*op=${op}_module .* reason=unsigned .*rule=\? .*action=deny"
done
load finit denied-sha256.ko ok mg_denied ""

# Deny by name beats a valid signature.
check "load a name policy" setpol "deny name=mg_alpha"
for op in finit init; do
	load $op alpha-sha256.ko errno=EPERM mg_alpha \
		"reason=denied-by-policy .*rule=deny-name:2 "
	load $op beta-ecdsa.ko ok mg_beta ""
done

# Signer rules name the key by its subject key identifier, as openssl
# reads it from the certificate (the host wrote it at build time).
rsa=$(cat /modules/trusted-rsa.skid)
beta=$(cat /modules/trusted-ecdsa.skid)
check "the RSA key's SKID is known" test -n "$rsa"
check "a version-2 policy (signer= was a serial) is refused" \
	sh -c "! printf 'modguard-policy 2\ndeny name=x\nend\n' > $SFS/policy 2>/dev/null"
check "load an allow signer policy" setpol "allow signer=$rsa"
# sign-file's default sid (issuer and serial) and -k's (the SKID) name
# the same key: the same signer, in the record too.
for m in alpha-sha256 alpha-skid; do
	load finit $m.ko ok mg_alpha ""
done
load finit beta-ecdsa.ko errno=EPERM mg_beta \
	"reason=signer-not-allowed signer=$beta "
load init alpha-untrusted.ko errno=EPERM mg_alpha "reason=untrusted-key signer=\? "
check "load a deny signer policy" setpol "deny signer=$rsa"
for op in finit init; do
	for m in alpha-sha256 alpha-skid; do
		load $op $m.ko errno=EPERM mg_alpha \
			"reason=denied-by-policy signer=$rsa rule=deny-signer:2 "
	done
done
load init beta-ecdsa.ko ok mg_beta ""
check "the same rule in capitals with colons (openssl's spelling)" \
	setpol "deny signer=$(echo "$rsa" | tr a-f A-F | sed 's/../&:/g; s/:$//')"
load finit alpha-skid.ko errno=EPERM mg_alpha "reason=denied-by-policy "
check "the deny signer policy again" setpol "deny signer=$rsa"
# The RSA key signed these too, in forms the kernel trusts but that would
# name another signer first (a fake SignerInfo with the ECDSA key's serial),
# none (BER), or a key through a certificate inside: a deny signer rule
# must not be dodged that way.
for op in finit init; do
	for m in alpha-twosigners alpha-ber alpha-certs; do
		load $op $m.ko errno=EPERM mg_alpha \
			"reason=malformed-signature signer=\? "
	done
done
check "load an allow signer policy for the ECDSA key only" \
	setpol "allow signer=$beta"
load finit alpha-twosigners.ko errno=EPERM mg_alpha \
	"reason=malformed-signature signer=\? "
load finit beta-ecdsa.ko ok mg_beta ""
check "the deny signer policy again" setpol "deny signer=$rsa"

# A malformed policy is refused and the old one stays in force.
before=$(cat "$SFS/policy")
dmesg -c > /dev/null
check "a policy with allow name= is refused" \
	sh -c "! printf 'modguard-policy 3\nallow name=mg_alpha\nend\n' > $SFS/policy 2>/dev/null"
check "  ... the kernel log names line 2" \
	sh -c "dmesg | grep -q 'policy refused: line 2: allow name= is refused'"
check "a policy without a header is refused" \
	sh -c "! echo 'deny name=x' > $SFS/policy 2>/dev/null"
check "  ... and the old policy is still in force" \
	test "$(cat "$SFS/policy")" = "$before"
load init alpha-sha256.ko errno=EPERM mg_alpha "reason=denied-by-policy"

# One write, from offset 0, at most 16 MiB.
check "a policy over 16 MiB is refused (EFBIG)" \
	sh -c "! dd if=/dev/zero bs=17M count=1 of=$SFS/policy 2>/tmp/dd.err && grep -q 'too large' /tmp/dd.err"

# klog_has ERE: the kernel log has a line matching ERE. kauditd prints a
# record shortly after it is made: wait up to 5 s for it.
klog_has() {
	for i in 1 2 3 4 5; do
		dmesg | grep -qE "$1" && return 0
		sleep 1
	done
	return 1
}
# sha256_upper: the sha256 of stdin as audit records write it.
sha256_upper() { sha256sum | cut -d' ' -f1 | tr a-f A-F; }

# A whole policy written in two pieces through one open file (as cat
# splits a file over 128 KiB, or a writer that flushes early): the first
# piece has no end line, so it is refused and the write fails; the policy
# in force does not change; the refusal is recorded, res=0, with the
# digest of that piece. Cut at a line end, or inside a name, the piece
# was a valid policy of its own before the end line (version 2), and was
# put in force: deny name=mg_beta alone, or deny name=mg_be.
printf 'modguard-policy 3\ndeny name=mg_beta\ndeny name=mg_alpha\nend\n' > /tmp/split
before=$(cat "$SFS/policy")
for cut in 36 33; do
	head -c $cut /tmp/split > /tmp/piece
	piece=$(sha256_upper < /tmp/piece)
	dmesg -c > /dev/null
	check "a policy written in pieces of $cut bytes ($(tail -n 1 /tmp/piece)): the write fails" \
		sh -c "! dd if=/tmp/split of=$SFS/policy bs=$cut 2>/dev/null"
	check "  ... the policy in force is unchanged" \
		test "$(cat "$SFS/policy")" = "$before"
	check "  ... the kernel log says the first piece has no end line" \
		sh -c "dmesg | grep -q \"policy refused: line 2: no 'end' line\""
	check "  ... the refused first piece is recorded, res=0" \
		klog_has "type=1491 .*op=policy old=\\? new=\\? digest=$piece rules=0 .* res=0"
done
# A policy without its end line, in one write: refused, recorded, nothing
# changes.
printf 'modguard-policy 3\ndeny name=mg_beta\n' > /tmp/no-end
piece=$(sha256_upper < /tmp/no-end)
dmesg -c > /dev/null
check "a policy without its end line is refused" \
	sh -c "! cat /tmp/no-end > $SFS/policy 2>/dev/null"
check "  ... the kernel log names its last line" \
	sh -c "dmesg | grep -q \"policy refused: line 2: no 'end' line: the policy is incomplete\""
check "  ... recorded, res=0" \
	klog_has "type=1491 .*op=policy old=\\? new=\\? digest=$piece rules=0 .* res=0"
check "  ... and the old policy is still in force" \
	test "$(cat "$SFS/policy")" = "$before"
# The whole policy, in one write, is taken; the policy read back (which
# ends with its end line) can be written back as it is.
check "the same policy in one write is taken" \
	sh -c "dd if=/tmp/split of=$SFS/policy bs=4096 2>/dev/null"
check "  ... and in force" sh -c "grep -qx 'deny name=mg_beta' $SFS/policy && grep -qx 'deny name=mg_alpha' $SFS/policy"
check "the policy read back ends with the end line" \
	test "$(tail -n 1 "$SFS/policy")" = end
printf '%s\n' "$before" > /tmp/before
cat /tmp/before > "$SFS/policy"
check "  ... and a read-back policy written back is in force again" \
	test "$(cat "$SFS/policy")" = "$before"

# Who may write: not a user, not root without CAP_MAC_ADMIN.
check "load an empty policy" setpol
# Each write would be accepted from root with CAP_MAC_ADMIN.
printf 'modguard-policy 3\ndeny name=mg_beta\nend\n' > /tmp/valid-policy
for w in "permissive mode" "1 lock" "x policy"; do
	f=${w#* }
	v=${w%% *}
	if [ "$f" = policy ]; then cmd="cat /tmp/valid-policy > $SFS/$f"
	else cmd="echo $v > $SFS/$f"; fi
	check "uid 1000 cannot write $f" \
		sh -c "! mg-nocap -u 1000 sh -c '$cmd' 2>/dev/null"
	check "root without CAP_MAC_ADMIN cannot write $f" \
		sh -c "! mg-nocap $CAP_MAC_ADMIN sh -c '$cmd' 2>/dev/null"
done
check "  ... mode still enforcing" grep -qx enforcing "$SFS/mode"
check "  ... lock still 0" grep -qx 0 "$SFS/lock"
check "  ... policy still empty" test "$(cat "$SFS/policy")" = "$(printf 'modguard-policy 3\nend')"
check "a bad mode is refused" sh -c "! echo sloppy > $SFS/mode 2>/dev/null"
check "writing 0 to lock is refused" sh -c "! echo 0 > $SFS/lock 2>/dev/null"

# The mode switches at runtime; the next decision follows it.
check "switch to permissive" sh -c "echo permissive > $SFS/mode"
load finit alpha-unsigned.ko ok mg_alpha "reason=unsigned .*mode=permissive action=allow"
check "switch to enforcing" sh -c "echo enforcing > $SFS/mode"
load finit alpha-unsigned.ko errno=EPERM mg_alpha "reason=unsigned .*mode=enforcing action=deny"

# The counters add up to the loads this scenario made.
total=$(( $(stat_of allowed) + $(stat_of denied) + $(stat_of would-deny) ))
check "stats: allowed + denied + would-deny = $LOADS loads" test "$total" = "$LOADS"
check "stats: one would-deny" test "$(stat_of would-deny)" = 1
unsigned=$(awk '$1 == "reason" && $2 == "unsigned" { print $3 }' "$SFS/stats")
check "stats: per reason (unsigned: 5)" test "$unsigned" = 5

# The lock: enforcing until reboot, no change of any kind.
check "switch to permissive before locking" sh -c "echo permissive > $SFS/mode"
check "lock" sh -c "echo 1 > $SFS/lock"
check "lock reads 1" grep -qx 1 "$SFS/lock"
check "locking switched to enforcing" grep -qx enforcing "$SFS/mode"
check "locked: mode cannot change" sh -c "! echo permissive > $SFS/mode 2>/dev/null"
check "locked: policy cannot change" sh -c "! printf 'modguard-policy 3\nend\n' > $SFS/policy 2>/dev/null"
check "locked: no key can be added to .modguard" \
	sh -c "! keyctl padd asymmetric '' %:.modguard < /modules/local-rsa.der 2>/dev/null"
check "locked: cannot unlock" sh -c "! echo 0 > $SFS/lock 2>/dev/null"
check "  ... still locked and enforcing" sh -c "grep -qx 1 $SFS/lock && grep -qx enforcing $SFS/mode"
load finit alpha-unsigned.ko errno=EPERM mg_alpha "reason=unsigned .*mode=enforcing"

finish
