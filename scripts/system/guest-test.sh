#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs inside the Debian 12 system that check-system.sh boots, as the
# oneshot unit modguard-system-test.service after multi-user.target:
# checks what the operator guide promises, prints "ok - "/"FAIL - " lines
# and "N passed, N failed" on the serial console, and powers off.
# Installed as /usr/local/sbin/modguard-system-test; the test modules and
# testlib.sh are in /usr/local/lib/modguard-test/.
set -u
exec > /dev/ttyS0 2>&1
m=/usr/local/lib/modguard-test
sfs=/sys/kernel/security/modguard
t=$(mktemp -d)
. $m/testlib.sh
json() { # key: value of a flat key in modguardctl status --json (the
	# first: the reasons object has a "locked" too)
	grep -o "\"$1\":[^,}]*" "$t/status.json" | head -n 1 | cut -d: -f2-
}

# written ERE CMD...: CMD prints a line that ERE matches. auditd, audispd
# and journald write asynchronously: the test waits for what it checks
# with await 30 written ... (testlib.sh), then reads what is there.
written() {
	_re=$1
	shift
	"$@" 2>/dev/null | grep -qE "$_re"
}

echo "mg-system: test starts at $(cut -d' ' -f1 /proc/uptime) s of uptime"
echo "# kernel $(uname -r), $(. /etc/os-release && echo "$PRETTY_NAME"), systemd $(systemctl --version | head -n 1 | cut -d' ' -f2)"

# --- the recovery boot (docs/operator-guide.md, "Recovery") ----------------
if grep -qw mgtest=recovery /proc/cmdline; then
	check "recovery: mode is permissive" grep -qx permissive $sfs/mode
	check "recovery: not locked" grep -qx 0 $sfs/lock
	check "recovery: modguard-policy.service did not run" sh -c \
		"systemctl show -p ActiveState --value modguard-policy.service | grep -qx inactive"
	check "recovery: the module enforcing refused loads" insmod $m/alpha-unsigned.ko
	check "recovery: it is loaded" grep -q '^mg_alpha ' /proc/modules
	await 30 written 'alpha-unsigned.ko".*mode=permissive' ausearch -m 1490 --raw
	ausearch -m 1490 --raw > "$t/1490" 2>&1
	has "recovery: its would-deny record" "$t/1490" \
		'path="/usr/local/lib/modguard-test/alpha-unsigned.ko".*reason=unsigned .*mode=permissive action=allow'
	echo "mg-system: test ends at $(cut -d' ' -f1 /proc/uptime) s of uptime"
	summary
	systemctl --no-block poweroff
	exit 0
fi

# --- booted with modguard, enforcing, and udev's modules went through it --
check "modguard is an active LSM" grep -qw modguard /sys/kernel/security/lsm
check "mode is enforcing" grep -qx enforcing $sfs/mode
check "no modguard.mode on the command line" sh -c "! grep -q modguard.mode /proc/cmdline"
modguardctl status --json > "$t/status.json" 2>&1
check "before the test's own loads: nothing was denied" test "$(json denied)" = 0
check "udev autoloaded e1000 (signed at build by the operator key)" grep -q '^e1000 ' /proc/modules
check "udev autoloaded virtio_rng" grep -q '^virtio_rng ' /proc/modules
check "modguard allowed those loads" test "$(json allowed)" -ge 2
check "e1000 is signed with sha512" sh -c "modinfo -F sig_hashalgo e1000 | grep -qx sha512"
check "e1000's signer is the operator key" sh -c "modinfo -F signer e1000 | grep -q 'system test operator key'"
modguardctl scan --cert $m/operator.der "/lib/modules/$(uname -r)" > "$t/scan" 2>&1
has "modguardctl scan: every installed module verifies with the operator certificate" "$t/scan" \
	'^summary: files=[1-9][0-9]* ok=[1-9][0-9]* refused=0 errors=0$'

# --- modguard-policy.service: keys, policy, lock, before udev's trigger -----
check "modguard-policy.service is active (exited)" sh -c \
	"systemctl show -p ActiveState,SubState modguard-policy.service | tr '\n' ' ' | grep -q 'ActiveState=active SubState=exited'"
p=$(systemctl show -p ExecMainExitTimestampMonotonic --value modguard-policy.service)
u=$(systemctl show -p ExecMainStartTimestampMonotonic --value systemd-udev-trigger.service)
check "it finished before udev's coldplug trigger started ($p < $u us)" test "$p" -gt 0 -a "$p" -lt "$u"
journalctl -b -u modguard-policy.service --no-pager -o cat > "$t/unit.log" 2>&1
has "it trusted the DKMS key from /etc/modguard/keys" "$t/unit.log" 'modguard: trusted /etc/modguard/keys/dkms.der'
has "it loaded /etc/modguard/policy" "$t/unit.log" 'modguard: loaded /etc/modguard/policy'
has "it locked (LOCK=yes)" "$t/unit.log" 'modguard: locked'
keyctl show %keyring:.modguard > "$t/keys" 2>&1
has "the DKMS certificate is in .modguard" "$t/keys" 'modguard system test DKMS key'
modguardctl policy show > "$t/policy" 2>&1
has "the policy in force has the deny rule" "$t/policy" '^deny name=floppy$'
has "the policy in force has the vendor module's digest" "$t/policy" "^allow digest=$(cat $m/beta-vendor.sha256)\$"
modguardctl status > "$t/status" 2>&1
sed 's/^/# status: /' "$t/status"
check "modguardctl status --json: active, enforcing, locked, 2 rules" test \
	"$(json active) $(json mode) $(json locked) $(json policy_rules)" = 'true "enforcing" true 2'
has "modguardctl status says locked" "$t/status" '^lock: locked until reboot$'

# --- module loads -------------------------------------------------------------
check "a DKMS-style module signed by the .modguard key loads" insmod $m/alpha-dkms.ko
check "it is loaded" grep -q '^mg_alpha ' /proc/modules
check "and unloads" rmmod mg_alpha
if insmod $m/alpha-unsigned.ko > "$t/unsigned" 2>&1; then
	fail "the unsigned module is refused (it loaded)"
else
	pass "the unsigned module is refused"
fi
has "with EPERM" "$t/unsigned" 'Operation not permitted'
check "it is not loaded" sh -c "! grep -q '^mg_alpha ' /proc/modules"
check "the vendor module allowed by digest loads (unsigned)" insmod $m/beta-vendor.ko
check "the module signed by an untrusted key is refused" sh -c "! insmod $m/alpha-untrusted.ko"
await 30 written 'alpha-untrusted.ko.*reason=untrusted-key' ausearch -m 1490 --raw
ausearch -m 1490 --raw > "$t/1490" 2>&1
has "ausearch: the unsigned refusal" "$t/1490" \
	'type=UNKNOWN\[1490\].*name="mg_alpha" path="/usr/local/lib/modguard-test/alpha-unsigned.ko".*reason=unsigned .*mode=enforcing action=deny'
has "ausearch: the untrusted-key refusal" "$t/1490" 'alpha-untrusted.ko.*reason=untrusted-key .*action=deny'
(ausearch -m 1491 --raw 2>/dev/null; dmesg) > "$t/1491"
has "the boot's policy load was recorded" "$t/1491" 'type=1491.*op=policy .*rules=2 .*res=1'
has "the boot's lock was recorded" "$t/1491" 'type=1491.*op=lock .*res=1'
await 30 written 'audispd.*alpha-unsigned.ko' journalctl -b --facility=local6 --no-pager -o short
journalctl -b --facility=local6 --no-pager -o short > "$t/local6" 2>&1
has "the syslog plugin put the refusal in syslog: audispd, local6 (the SIEM feed)" "$t/local6" \
	' audispd\[[0-9]+\]: type=UNKNOWN\[1490\].*alpha-unsigned.ko.*action=deny'

# --- locked: nothing can be loosened until reboot ----------------------------
check "mode permissive is refused" sh -c "! modguardctl mode permissive"
check "a new policy is refused" sh -c "! modguardctl policy load /etc/modguard/policy"
check "a new .modguard key is refused" sh -c \
	"! keyctl padd asymmetric '' %keyring:.modguard < /etc/modguard/keys/dkms.der"
check "still enforcing" grep -qx enforcing $sfs/mode

mu=$(systemctl show -p ActiveEnterTimestampMonotonic --value multi-user.target)
echo "# multi-user.target reached at $((mu / 1000)) ms after boot"
echo "mg-system: test ends at $(cut -d' ' -f1 /proc/uptime) s of uptime"
summary
rm -rf "$t"
systemctl --no-block poweroff
