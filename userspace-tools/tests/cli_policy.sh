#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Command-line tests of modguardctl's policy check, policy show, policy
# load, mode, lock and status (the ASan/UBSan build) against a fake
# securityfs: MODGUARD_SECURITYFS pointing at a directory of regular
# files. Checked: what is written, byte for byte; that nothing is written
# when the offline check fails; that a policy goes in one write(2) (with
# strace, when it can run); the exit codes; how the kernel's refusals are
# reported (write(2) made to fail by an LD_PRELOAD shim, since a regular
# file never refuses and root passes every permission check); and what a
# user other than root sees (setpriv, when it can run).
#
# usage: cli_policy.sh MODGUARDCTL MKVECTORS FAKE_ERRNO_SO
# Prints "ok - ..." or "FAIL - ..." per check and a last line
# "# cli_policy.sh: N passed, N failed"; exits 1 if any check failed.

set -u

tool=$1
mkvectors=$2
shim=$3
case $shim in /*) ;; *) shim=$PWD/$shim ;; esac
. "$(dirname "$0")/clilib.sh"

D1=1111111111111111111111111111111111111111111111111111111111111111
D2=2222222222222222222222222222222222222222222222222222222222222222

# mksfs DIR: the files of /sys/kernel/security/modguard/ after boot.
mksfs() {
	rm -rf "$1"
	mkdir -p "$1"
	printf 'enforcing\n' >"$1/mode"
	printf '0\n' >"$1/lock"
	printf 'modguard-policy 3\nend\n' >"$1/policy"
	printf 'allowed 0\ndenied 0\nwould-deny 0\n' >"$1/stats"
	for r in unsigned malformed-trailer bad-signature denied-by-policy; do
		printf 'reason %s 0\n' "$r" >>"$1/stats"
	done
	printf '1\n' >"$1/version"
	chmod 600 "$1/mode" "$1/lock" "$1/policy"
	chmod 444 "$1/stats" "$1/version"
}

S=$tmp/sfs
mksfs "$S"
sfs=$S

# A policy with a rule of every kind.
cat >"$tmp/all.pol" <<EOF
# every kind
modguard-policy 3
allow digest=$D1
deny digest=$D2
deny name=floppy
allow signer=6C:C0:79
deny signer=1a2b3c
end
EOF

# --- policy check

run policy check "$tmp/all.pol"
expect_out "policy check: a valid policy: one line, per kind" 0 \
	"$tmp/all.pol: 5 rules (allow digest 1, deny digest 1, deny name 1, allow signer 1, deny signer 1)"
expect_file "policy check writes nothing" "$S/policy" "modguard-policy 3
end
"
run policy check --json "$tmp/all.pol"
expect_json "policy check --json: a valid policy" 0 \
	"objs == [{'file': argv[0], 'valid': True, 'rules': 5, 'allow_digest': 1, 'deny_digest': 1, 'deny_name': 1, 'allow_signer': 1, 'deny_signer': 1}]" \
	"$tmp/all.pol"
run --stdin "$tmp/all.pol" policy check -
expect "policy check - reads stdin" 0 out '^-: 5 rules '
printf 'modguard-policy 3\nend\n' >"$tmp/empty.pol"
run policy check "$tmp/empty.pol"
expect_out "policy check: the header and the end line alone are 0 rules" 0 \
	"$tmp/empty.pol: 0 rules (allow digest 0, deny digest 0, deny name 0, allow signer 0, deny signer 0)"
printf 'modguard-policy 3\ndeny name=a\nend\n' >"$tmp/one.pol"
run policy check "$tmp/one.pol"
expect "policy check: 1 rule, singular" 0 out ': 1 rule \('

# Every case of kunit/policy_vectors.h, through the command line.
mkdir "$tmp/pv"
if "$mkvectors" --policy "$tmp/pv" 2>"$tmp/err"; then
	pass "mkvectors --policy writes the policy cases ($(find "$tmp/pv" -name '*.txt' | wc -l))"
else
	fail "mkvectors --policy writes the policy cases" "$(cat "$tmp/err")"
fi
# shellcheck disable=SC2012 # our own file names, <n>.txt
for i in $(ls "$tmp/pv" | sed -n 's/\.txt$//p' | sort -n); do
	f=$tmp/pv/$i.txt
	desc=$(cat "$tmp/pv/$i.desc")
	read -r want_line want_msg <"$tmp/pv/$i.want"
	run policy check "$f"
	if [ "$want_line" = ok ]; then
		expect "policy check: $desc: $want_msg rules" 0 out \
			"^$f: $want_msg rules? \\("
		continue
	fi
	# The message may contain ERE characters: compare the start literally.
	got=$(head -n 1 "$tmp/err")
	case $got in
	"$f:$want_line: $want_msg"*)
		if [ "$rc" -eq 1 ] && [ ! -s "$tmp/out" ] &&
		   [ "$(wc -l <"$tmp/err")" -eq 1 ]; then
			pass "policy check: $desc: $f:$want_line: $want_msg"
		else
			fail "policy check: $desc" "$(details 1)"
		fi
		;;
	*)
		fail "policy check: $desc" "$(details 1)" \
			"--- want stderr" "$f:$want_line: $want_msg..."
		;;
	esac
done

printf 'modguard-policy 3\nallow name=x\nend\n' >"$tmp/bad.pol"
run policy check -j "$tmp/bad.pol"
expect_json "policy check --json: an invalid policy" 1 \
	"objs == [{'file': argv[0], 'valid': False, 'line': 2, 'error': 'allow name= is refused: a module\\'s name is whatever its builder chose; allow by digest or signer'}]" \
	"$tmp/bad.pol"
expect "policy check --json: the error on stderr too" 1 err \
	"^$tmp/bad.pol:2: allow name= is refused"
# A duplicate names both lines; a byte-order mark is named as such.
printf 'modguard-policy 3\ndeny name=a\n# x\ndeny name=a-b\ndeny name=a_b\nend\n' >"$tmp/dup.pol"
run policy check "$tmp/dup.pol"
expect "policy check: a duplicate rule names both lines" 1 err \
	"^$tmp/dup.pol:5: duplicate rule \\(the same as line 4\\)\$"
printf '\357\273\277modguard-policy 3\nend\n' >"$tmp/bom.pol"
run policy check "$tmp/bom.pol"
expect "policy check: a UTF-8 byte-order mark is named" 1 err \
	"^$tmp/bom.pol:1: a UTF-8 byte-order mark \\(EF BB BF\\) starts the policy"
# A policy cut short (its end line missing), and one of version 1: refused,
# the latter with what to change.
head -c "$(($(wc -c <"$tmp/all.pol") - 4))" "$tmp/all.pol" >"$tmp/cut.pol"
run policy check "$tmp/cut.pol"
expect "policy check: a policy without its end line is refused (the last line)" 1 err \
	"^$tmp/cut.pol:7: no 'end' line: the policy is incomplete \\(cut short\\?\\)"
sed -e 's/^modguard-policy 3$/modguard-policy 1/' -e '/^end$/d' "$tmp/all.pol" >"$tmp/v1.pol"
run policy check "$tmp/v1.pol"
expect "policy check: version 1 is refused, with how to convert it" 1 err \
	"^$tmp/v1.pol:2: policy version 1 is refused: it had no 'end' line.*make the header 'modguard-policy 3', add 'end' as the last line and write signer= rules with key ids\$"
printf '%s\n' "$(cat "$tmp/all.pol")" '# comments and blank lines may follow' '' >"$tmp/after.pol"
run policy check "$tmp/after.pol"
expect "policy check: comments and blank lines after the end line" 0 out ': 5 rules '
printf 'deny name=late\n' >>"$tmp/after.pol"
run policy check "$tmp/after.pol"
expect "policy check: a rule after the end line is refused" 1 err \
	"^$tmp/after.pol:11: text after the end line\$"

run policy check "$tmp/missing.pol"
expect "policy check: a missing file" 1 err \
	"^modguardctl: $tmp/missing.pol: No such file or directory\$"
run policy check "$tmp"
expect "policy check: a directory" 1 err "Is a directory"
run policy check
expect "policy check without FILE: usage error" 2 err 'missing FILE'
run policy check "$tmp/all.pol" "$tmp/all.pol"
expect "policy check with two files: usage error" 2 err "unexpected argument"

# Larger than the kernel takes (16 MiB): refused offline.
head -c $((16 * 1024 * 1024 + 1)) /dev/zero >"$tmp/huge.pol"
run policy check "$tmp/huge.pol"
expect "policy check: over 16 MiB is refused" 1 err \
	"^$tmp/huge.pol: 16777217 bytes: larger than the kernel accepts"

# A policy of 100k digest rules (7.8 MB), as the kernel's limit is meant for.
python3 -c '
import hashlib, sys
with open(sys.argv[1], "w") as f:
    f.write("modguard-policy 3\n")
    for i in range(100000):
        f.write("allow digest=%s\n" % hashlib.sha256(b"%d" % i).hexdigest())
    f.write("end\n")
' "$tmp/big.pol"
run policy check "$tmp/big.pol"
expect "policy check: 100000 digest rules" 0 out \
	"^$tmp/big.pol: 100000 rules \\(allow digest 100000, "

# --- policy show

printf 'modguard-policy 3\nallow digest=%s\ndeny name=mg_x\nend\n' "$D1" >"$S/policy"
cp "$S/policy" "$tmp/shown"
run policy show
if [ "$rc" -eq 0 ] && cmp -s "$tmp/out" "$tmp/shown" && [ ! -s "$tmp/err" ]; then
	pass "policy show prints the policy file as it is"
else
	fail "policy show prints the policy file as it is" "$(details 0)"
fi
printf 'modguard-policy 3\nallow digest=%s\ndeny name=mg_x\nallow signer=0A:0b\nend\n' "$D1" >"$S/policy"
run policy show --json
expect_json "policy show --json: the rules, kind and key" 0 '(objs == [{
  "rules": 3, "policy": [{"kind": "allow digest", "key": argv[0].lower()},
  {"kind": "deny name", "key": "mg_x"}, {"kind": "allow signer", "key": "0a0b"}]}])' "$D1"
: >"$S/policy"
run policy show -j
expect_json "policy show -j: no policy in force is null" 0 \
	'objs == [{"rules": 0, "policy": None}]'
printf 'modguard-policy 3\nbogus\nend\n' >"$S/policy"
run policy show --json
expect "policy show --json of a policy that does not parse: exit 1, the line" 1 err \
	'/policy:2: '
cp "$tmp/shown" "$S/policy"
run policy show extra
expect "policy show with an argument: usage error" 2 err "unexpected argument 'extra'"
sfs=$tmp/nowhere
run policy show
expect "policy show: no securityfs directory" 1 err \
	"cannot read $tmp/nowhere/policy: No such file or directory: is modguard active and securityfs mounted\\?"
sfs=$S

# MODGUARD_SECURITYFS unset: the directory under MODGUARD_SYSFS.
mkdir -p "$tmp/sys/kernel/security"
mksfs "$tmp/sys/kernel/security/modguard"
printf 'modguard-policy 3\ndeny name=from_sysfs\nend\n' >"$tmp/sys/kernel/security/modguard/policy"
sfs=
sysfs=$tmp/sys
run policy show
expect "policy show: the directory under MODGUARD_SYSFS" 0 out '^deny name=from_sysfs$'
sfs=$S
run policy show
expect "policy show: MODGUARD_SECURITYFS wins over MODGUARD_SYSFS" 0 out '^deny name=mg_x$'
sysfs=

# --- policy load

mksfs "$S"
run policy load "$tmp/all.pol"
expect_out "policy load: a valid policy, nothing on stdout" 0 ""
expect_same "policy load writes the file as it is (not canonical)" "$S/policy" "$tmp/all.pol"

printf 'modguard-policy 3\r\ndeny name=a-b\r\nend\r\n' >"$tmp/crlf.pol"
run --stdin "$tmp/crlf.pol" policy load -
expect_out "policy load - reads stdin" 0 ""
expect_same "policy load -: the bytes of stdin" "$S/policy" "$tmp/crlf.pol"

# A failed offline check: the message, exit 1, and no write at all.
printf 'keep me\n' >"$S/policy"
printf 'modguard-policy 3\ndeny name=ok\n\ndeny digest=1234\nend\n' >"$tmp/bad2.pol"
run policy load "$tmp/bad2.pol"
expect "policy load: an invalid policy is refused with FILE:LINE: MESSAGE" 1 err \
	"^$tmp/bad2.pol:4: digest= takes a sha256: 64 hex digits\$"
expect "policy load: ... says nothing was loaded" 1 err \
	"not loaded; the policy in force is unchanged"
expect_out "policy load: ... nothing on stdout" 1 ""
expect_file "policy load: ... and nothing written" "$S/policy" "keep me
"
run policy load "$tmp/cut.pol"
expect "policy load: a policy cut short is refused before writing" 1 err \
	"^$tmp/cut.pol:7: no 'end' line"
expect_file "policy load: ... and nothing written" "$S/policy" "keep me
"
: >"$tmp/zero.pol"
run policy load "$tmp/zero.pol"
expect "policy load: an empty file is refused" 1 err "^$tmp/zero.pol:1: empty policy"
expect_file "policy load: ... and nothing written" "$S/policy" "keep me
"
run policy load "$tmp/huge.pol"
expect "policy load: over 16 MiB is refused before writing" 1 err "larger than the kernel accepts"
expect_file "policy load: ... and nothing written" "$S/policy" "keep me
"
run policy load "$tmp/missing.pol"
expect "policy load: a missing file" 1 err "$tmp/missing.pol: No such file or directory"
run policy load
expect "policy load without FILE: usage error" 2 err 'missing FILE'

# Large: one write(2) of the whole text, never cat's 128 KiB pieces.
run policy load "$tmp/big.pol"
expect_out "policy load: 100000 rules" 0 ""
expect_same "policy load: 100000 rules, all of them written" "$S/policy" "$tmp/big.pol"
if have strace && strace -f -o /dev/null true 2>/dev/null; then
	# LeakSanitizer cannot run under ptrace.
	ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0 MODGUARD_SECURITYFS=$S \
		strace -f -e trace=openat,write -o "$tmp/strace" \
		"$tool" policy load "$tmp/big.pol" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	fd=$(sed -n "s|.*openat(AT_FDCWD, \"$S/policy\", O_WRONLY.* = \\([0-9]*\\)\$|\\1|p" "$tmp/strace")
	writes=$(grep -cE "write\\($fd, .* = " "$tmp/strace")
	size=$(wc -c <"$tmp/big.pol")
	if [ "$rc" -eq 0 ] && [ -n "$fd" ] && [ "$writes" -eq 1 ] &&
	   grep -qE "write\\($fd, .*, $size\\) = $size\$" "$tmp/strace"; then
		pass "policy load: the $size bytes go in one write(2)"
	else
		fail "policy load: the $size bytes go in one write(2)" \
			"exit status $rc, fd '$fd', $writes writes" \
			"$(grep -E 'openat|write\(' "$tmp/strace" | grep -v 'write(2' | tail -n 5)"
	fi
else
	skip "policy load in one write(2): strace cannot run here"
fi

# Nothing is created: a missing file is an error (no O_CREAT).
rm "$S/policy"
run policy load "$tmp/all.pol"
expect "policy load: no policy file in securityfs" 1 err \
	"cannot write $S/policy: No such file or directory: is modguard active"
if [ -e "$S/policy" ]; then
	fail "policy load: ... and no file created"
else
	pass "policy load: ... and no file created"
fi
mksfs "$S"

# The kernel's refusals, faked by the shim.
# fake FILE ERRNO ARGS...: run the tool with write(2) to FILE failing.
fake() {
	ff=$1
	fe=$2
	shift 2
	MG_FAKE_FILE=$ff MG_FAKE_ERRNO=$fe LD_PRELOAD=$shim \
		ASAN_OPTIONS=$ASAN_OPTIONS:verify_asan_link_order=0 \
		MODGUARD_SECURITYFS=$S "$tool" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	sanitizer_check "$* (write to $ff fails with errno $fe)"
}
EPERM=1
EACCES=13
EINVAL=22
EFBIG=27
ENOMEM=12
E2BIG=7
fake policy $EINVAL policy load "$tmp/all.pol"
expect "policy load, the kernel says EINVAL: see the kernel log" 1 err \
	"cannot write $S/policy: Invalid argument: the kernel refused the policy; its log says which line and why \\(dmesg"
fake policy $EPERM policy load "$tmp/all.pol"
expect "policy load, the kernel says EPERM, unlocked: CAP_MAC_ADMIN" 1 err \
	"cannot write $S/policy: Operation not permitted: needs CAP_MAC_ADMIN in the initial user namespace\$"
printf '1\n' >"$S/lock"
fake policy $EPERM policy load "$tmp/all.pol"
expect "policy load, the kernel says EPERM, locked: locked until reboot" 1 err \
	"cannot write $S/policy: Operation not permitted: modguard is locked until reboot\$"
printf '0\n' >"$S/lock"
fake policy $EACCES policy load "$tmp/all.pol"
expect "policy load, EACCES: needs root" 1 err "Permission denied: writing needs root"
fake policy $EFBIG policy load "$tmp/all.pol"
expect "policy load, EFBIG: too large" 1 err "larger than the kernel accepts \\(16 MiB\\)"
fake policy $E2BIG policy load "$tmp/all.pol"
expect "policy load, E2BIG: too many rules" 1 err "too many rules of one kind"
fake policy $ENOMEM policy load "$tmp/all.pol"
expect "policy load, ENOMEM" 1 err "the kernel is out of memory"
expect_file "policy load: a refused write leaves the fake file empty (opened, truncated)" \
	"$S/policy" ""
mksfs "$S"

# --- mode

run mode
expect_out "mode shows the mode" 0 "enforcing"
run mode --json
expect_json "mode --json" 0 "objs == [{'mode': 'enforcing'}]"
run mode permissive
expect_out "mode permissive: nothing on stdout" 0 ""
expect_file "mode permissive writes permissive and a newline" "$S/mode" "permissive
"
run mode
expect_out "mode reads back permissive" 0 "permissive"
run mode enforcing
expect_out "mode enforcing" 0 ""
expect_file "mode enforcing writes enforcing and a newline" "$S/mode" "enforcing
"
run mode sloppy
expect "mode sloppy: usage error" 2 err "unknown mode 'sloppy'"
expect_file "mode sloppy: nothing written" "$S/mode" "enforcing
"
run mode Enforcing
expect "mode Enforcing: usage error (exact words)" 2 err "unknown mode 'Enforcing'"
run mode permissive extra
expect "mode with two arguments: usage error" 2 err "unexpected argument 'extra'"
run mode --json permissive
expect "mode --json with a mode: usage error" 2 err "--json only shows the mode"
expect_file "mode: usage errors write nothing" "$S/mode" "enforcing
"
printf 'bogus\n' >"$S/mode"
run mode
expect "mode: an unknown mode in the file" 1 err "unexpected mode 'bogus'"
mksfs "$S"
printf '1\n' >"$S/lock"
fake mode $EPERM mode permissive
expect "mode permissive, EPERM, locked: locked until reboot" 1 err \
	"cannot write $S/mode: Operation not permitted: modguard is locked until reboot\$"
printf '0\n' >"$S/lock"
fake mode $EPERM mode permissive
expect "mode permissive, EPERM, unlocked: CAP_MAC_ADMIN" 1 err \
	"Operation not permitted: needs CAP_MAC_ADMIN"
fake mode $EINVAL mode permissive
expect "mode permissive, EINVAL: refused" 1 err "Invalid argument: the kernel refused the value"
mksfs "$S"
sfs=$tmp/nowhere
run mode
expect "mode: no securityfs directory" 1 err "cannot read $tmp/nowhere/mode: No such file"
run mode permissive
expect "mode permissive: no securityfs directory" 1 err "cannot write $tmp/nowhere/mode: No such file"
sfs=$S

# --- lock

run lock
expect_out "lock: nothing on stdout" 0 ""
expect_file "lock writes 1 and a newline" "$S/lock" "1
"
run lock
expect_out "lock again: still exit 0" 0 ""
run lock now
expect "lock with an argument: usage error" 2 err "unexpected argument 'now'"
run lock -h
expect "lock -h says it lasts until reboot" 0 out "until the next reboot"
fake lock $EPERM lock
expect "lock, EPERM: CAP_MAC_ADMIN (not 'locked')" 1 err \
	"cannot write $S/lock: Operation not permitted: needs CAP_MAC_ADMIN"
sfs=$tmp/nowhere
run lock
expect "lock: no securityfs directory" 1 err "cannot write $tmp/nowhere/lock: No such file"
sfs=$S
mksfs "$S"

# --- status: lock, policy rules, counters

mkdir -p "$tmp/sys2/kernel/security" "$tmp/sys2/module/modguard/parameters"
printf 'capability,modguard\n' >"$tmp/sys2/kernel/security/lsm"
printf 'enforcing\n' >"$tmp/sys2/module/modguard/parameters/mode"
sysfs=$tmp/sys2
cp "$tmp/all.pol" "$S/policy"
cat >"$S/stats" <<EOF
allowed 21
denied 9
would-deny 1
reason unsigned 5
reason malformed-trailer 0
reason bad-signature 4
reason denied-by-policy 1
EOF
run status
expect_out "status: lock, rules, counters, refusals" 0 "modguard: active
mode: enforcing
lock: unlocked
policy: 5 rules
decisions: allowed 21, denied 9, would-deny 1
refusals: unsigned 5, bad-signature 4, denied-by-policy 1"
run status --json
expect_json "status --json: every key" 0 \
	"objs == [{'active': True, 'mode': 'enforcing', 'locked': False, 'policy_rules': 5, 'allowed': 21, 'denied': 9, 'would_deny': 1, 'reasons': {'unsigned': 5, 'malformed-trailer': 0, 'bad-signature': 4, 'denied-by-policy': 1}}]"
run status --json
expect_json "status --json: reasons in the order of the file" 0 \
	"list(objs[0]['reasons']) == ['unsigned', 'malformed-trailer', 'bad-signature', 'denied-by-policy']"

printf '1\n' >"$S/lock"
run status -j
expect_json "status --json: locked" 0 "objs[0]['locked'] is True"
run status
expect "status: locked until reboot" 0 out '^lock: locked until reboot$'
printf '0\n' >"$S/lock"

# The builtin policy was refused at boot: the policy file reads empty.
: >"$S/policy"
run status
expect "status: no policy in force" 0 out '^policy: none in force \(the builtin policy was refused at boot'
run status --json
expect_json "status --json: no policy in force: policy_rules null" 0 \
	"objs[0]['policy_rules'] is None and objs[0]['active']"
printf 'modguard-policy 3\nend\n' >"$S/policy"
run status
expect "status: an empty policy: 0 rules" 0 out '^policy: 0 rules$'

# A newer kernel may add lines: skipped. A bad count is an error.
printf 'allowed 1\ndenied 2\nwould-deny 3\nfrobnicated 7\nreason unsigned 2\n' >"$S/stats"
run status --json
expect_json "status: unknown stats lines are skipped" 0 \
	"objs[0]['allowed'] == 1 and objs[0]['denied'] == 2 and objs[0]['would_deny'] == 3 and objs[0]['reasons'] == {'unsigned': 2}"
printf 'allowed 1\ndenied x\nwould-deny 3\n' >"$S/stats"
run status
expect "status: a bad count is an error" 1 err "stats: line 2: unexpected 'denied \\.\\.\\.'"
expect "status: ... and the rest is still shown" 1 out '^decisions: unknown$'
printf 'allowed 1\nwould-deny 3\n' >"$S/stats"
run status
expect "status: a missing counter is an error" 1 err "stats: no denied line"
printf 'allowed 1\ndenied 1\nwould-deny 1\nreason unsigned\n' >"$S/stats"
run status
expect "status: a reason without a count is an error" 1 err "unexpected 'reason \\.\\.\\.'"
rm "$S/stats"
run status --json
expect_json "status: no stats file: exit 1, counters null" 1 \
	"objs[0]['allowed'] is None and objs[0]['reasons'] is None and objs[0]['policy_rules'] == 0"
expect "status: no stats file: the message names it" 1 err "cannot read $S/stats: No such file"
mksfs "$S"
rm "$S/lock"
run status
expect "status: no lock file: exit 1" 1 out '^lock: unknown$'
mksfs "$S"
printf 'modguard-policy 3\nallow name=x\nend\n' >"$S/policy"
run status
expect "status: a policy file that does not parse: exit 1" 1 err "policy:2: allow name= is refused"

# MODGUARD_SECURITYFS unset: the directory under MODGUARD_SYSFS.
mksfs "$S"
mkdir -p "$tmp/sys2/kernel/security/modguard"
mksfs "$tmp/sys2/kernel/security/modguard"
printf '1\n' >"$tmp/sys2/kernel/security/modguard/lock"
sfs=
run status --json
expect_json "status: the securityfs directory under MODGUARD_SYSFS" 0 \
	"objs[0]['locked'] is True"
sfs=$S
run status --json
expect_json "status: MODGUARD_SECURITYFS wins" 0 "objs[0]['locked'] is False"

# Another user than root reads the counters, not the lock or the policy.
chmod 755 "$tmp" "$tmp/sys2" "$tmp/sys2/kernel" "$tmp/sys2/kernel/security" \
	"$tmp/sys2/module" "$tmp/sys2/module/modguard" \
	"$tmp/sys2/module/modguard/parameters" "$S"
chmod 644 "$tmp/sys2/kernel/security/lsm" "$tmp/sys2/module/modguard/parameters/mode"
if [ "$(id -u)" -eq 0 ] && have setpriv &&
   setpriv --reuid=65534 --regid=65534 --clear-groups "$tool" -V >/dev/null 2>&1; then
	nobody() {
		MODGUARD_SYSFS=$tmp/sys2 MODGUARD_SECURITYFS=$S \
			setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$tool" "$@" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		sanitizer_check "$* (as nobody)"
	}
	nobody status
	expect_out "status as nobody: lock and policy unknown, exit 0" 0 "modguard: active
mode: enforcing
lock: unknown (reading it needs root)
policy: unknown (reading it needs root)
decisions: allowed 0, denied 0, would-deny 0
refusals: none"
	nobody status --json
	expect_json "status --json as nobody: locked and policy_rules null" 0 \
		"objs[0]['locked'] is None and objs[0]['policy_rules'] is None and objs[0]['allowed'] == 0"
	nobody mode
	expect "mode as nobody: reading needs root" 1 err \
		"cannot read $S/mode: Permission denied: reading needs root"
	nobody mode permissive
	expect "mode permissive as nobody: writing needs root" 1 err \
		"cannot write $S/mode: Permission denied: writing needs root"
	nobody policy show
	expect "policy show as nobody: reading needs root" 1 err "Permission denied: reading needs root"
	nobody policy check "$tmp/one.pol"
	expect "policy check as nobody: works (offline)" 0 out ": 1 rule "
else
	skip "status as another user: not root, or setpriv cannot run here"
fi
sysfs=

done_tests cli_policy.sh
