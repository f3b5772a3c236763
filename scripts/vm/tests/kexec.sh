# SPDX-License-Identifier: GPL-2.0-only
# Boot: enforcing, not locked; the lock is taken at runtime here.
# kexec would boot a kernel of the caller's
# choosing (without modguard, or with modguard.mode=permissive): once
# locked, modguard refuses kexec_load and kexec_file_load (the kernel and
# the initramfs), audited as decisions with reason=locked. Before the lock
# root can switch modguard to permissive anyway, so kexec is left alone.
. /tests/lib.sh

kexec() { # WANT DESCRIPTION LOGPATTERN args...
	want=$1 desc=$2 pattern=$3
	shift 3
	dmesg -c > /dev/null
	got=$(mg-kexec "$@")
	klog=$(dmesg -c)
	echo "$klog" >> /tmp/kexec-klog
	check "$desc: $want (got $got)" test "$got" = "$want"
	klog_has "$desc" "$pattern"
}

check "not locked at boot" grep -qx 0 "$SFS/lock"
check "the kernel image is there to load" test -s /boot/vmlinuz

# Not locked: the kernel's own checks decide; modguard records nothing.
kexec ok "unlocked, enforcing: kexec_file_load of a kernel" "" file /boot/vmlinuz
kexec ok "unlocked: kexec_file_load unload" "" file-unload
kexec ok "unlocked: kexec_file_load with an initramfs" "" file /boot/vmlinuz /tests/lib.sh
kexec ok "unlocked: kexec_file_load unload" "" file-unload
kexec ok "unlocked: kexec_load" "" load
echo permissive > "$SFS/mode"
kexec ok "unlocked, permissive: kexec_file_load" "" file /boot/vmlinuz
kexec ok "unlocked, permissive: kexec_file_load unload" "" file-unload
kexec ok "unlocked, permissive: kexec_load" "" load

P=/sys/module/modguard/parameters/lock
check "$P reads N before the lock" grep -qx N $P
d0=$(stat_of denied)
echo 1 > "$SFS/lock"
check "locked" grep -qx 1 "$SFS/lock"
check "$P reads Y once locked from securityfs" grep -qx Y $P
kexec errno=EPERM "locked: kexec_file_load of a kernel" \
	'op=kexec_file_load name=\? path="/boot/vmlinuz" .* reason=locked .*mode=enforcing action=deny ' \
	file /boot/vmlinuz
kexec errno=EPERM "locked: kexec_file_load with an initramfs" \
	'op=kexec_file_load name=\? path="/boot/vmlinuz" .* reason=locked .*action=deny ' \
	file /boot/vmlinuz /tests/lib.sh
kexec errno=EPERM "locked: kexec_load" \
	'op=kexec_load name=\? path=\? .* reason=locked .*mode=enforcing action=deny ' load
kexec errno=EPERM "locked: kexec_load of a crash kernel" \
	'op=kexec_load .* reason=locked .*action=deny ' load crash
check "stats: 4 more denied ($(stat_of denied) - $d0)" \
	test $(( $(stat_of denied) - d0 )) = 4
check "stats: reason locked 4" \
	grep -qx 'reason locked 4' "$SFS/stats"

# The lock's other edges: a policy is refused before it is read or parsed
# (digest=? in its record), a .modguard key is refused and recorded by
# its subject key id, audit_allow cannot change.
dmesg -c > /dev/null
check "locked: a policy write refused" \
	sh -c "! echo 'not even a policy' > $SFS/policy 2>/dev/null"
check "  ... recorded unread: digest=? rules=0 res=0" \
	sh -c "dmesg | grep -qE 'type=1491 .*op=policy old=\? new=\? digest=\? rules=0 .* res=0'"
check "locked: adding a key to .modguard refused" \
	sh -c "! keyctl padd asymmetric '' %:.modguard < /modules/local-rsa.der > /dev/null 2>&1"
check "  ... recorded with the key's subject key id, res=0" \
	sh -c "dmesg | grep -qE 'type=1491 .*op=key_add old=\? new=[0-9a-f]{40} .* res=0'"
check "locked: audit_allow cannot change" \
	sh -c "! echo 1 > $SFS/audit_allow 2>/dev/null"
dmesg | sed -n 's/.*type=1491 audit([^)]*): //p' > /tmp/config-records
re=$(awk -F'\t' '$1 == "config" { print $2 }' /tests/audit-regex.txt)
rp=$(awk -F'\t' '$1 == "policy" { print $2 }' /tests/audit-regex.txt)
check "configuration records match docs/audit-regex.txt ($(wc -l < /tmp/config-records))" \
	sh -c "test -s /tmp/config-records && ! grep -vE -e '^$re' -e '^$rp' /tmp/config-records"

# The records' format is the documented one.
sed -n 's/.*type=1490 audit([^)]*): //p' /tmp/kexec-klog | grep 'op=kexec' > /tmp/kexec-records
re=$(awk -F'\t' '$1 == "decision" { print $2 }' /tests/audit-regex.txt)
check "kexec records found ($(wc -l < /tmp/kexec-records))" \
	test "$(wc -l < /tmp/kexec-records)" -ge 4
check "kexec records match docs/audit-regex.txt" \
	sh -c "! grep -vE '^$re' /tmp/kexec-records"
# Modules are still decided as before.
load finit alpha-sha256.ko ok mg_alpha ""
load finit alpha-unsigned.ko errno=EPERM mg_alpha "reason=unsigned .*mode=enforcing action=deny"
finish
