#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Command-line tests of modguardctl (the ASan/UBSan build): options and
# exit codes, inspect on the images of kunit/trailer_vectors.h, on module
# images made from kunit/modinfo_vectors.h and kunit/sigid_vectors.h, and
# on odd files, status on fake sysfs trees, and the JSON output parsed by
# python3.
#
# usage: cli.sh MODGUARDCTL MKVECTORS
# Prints "ok - ..." or "FAIL - ..." per check and a last line
# "# cli.sh: N passed, N failed"; exits 1 if any check failed.

set -u

tool=$1
mkvectors=$2
. "$(dirname "$0")/clilib.sh"

# --- options, help, exit codes

run -V
expect "-V prints the version" 0 out '^modguardctl version [0-9]'
run --version
expect "--version prints the version" 0 out '^modguardctl version [0-9]'
run -h
expect "-h lists the status command" 0 out '^  status +Show whether'
expect "-h lists the inspect command" 0 out '^  inspect +Show the signature trailer'
expect "-h lists the help command" 0 out '^  help +'
for c in hash allow "policy check" "policy show" "policy load" mode lock; do
	expect "-h lists the $c command" 0 out "^  $c +[A-Z]"
done
expect "-h explains the exit codes" 0 out '2 usage error'
cp "$tmp/out" "$tmp/help"
run --help
if [ "$rc" -eq 0 ] && cmp -s "$tmp/out" "$tmp/help"; then
	pass "--help prints what -h prints"
else
	fail "--help prints what -h prints" "$(details 0)"
fi
run help
if [ "$rc" -eq 0 ] && cmp -s "$tmp/out" "$tmp/help"; then
	pass "help prints what -h prints"
else
	fail "help prints what -h prints" "$(details 0)"
fi
run
expect "no command: usage error" 2 err 'missing command'
expect_out "no command: nothing on stdout" 2 ""
run frobnicate
expect "unknown command: usage error" 2 err "unknown command 'frobnicate'"
run --bogus
expect "unknown long option: usage error" 2 err "'--bogus'"
run -x status
expect "unknown short option: usage error" 2 err "'-x'"
run help extra
expect "help with an unknown command: usage error" 2 err "unknown command 'extra'"
run help a b c
expect "help with three words: usage error" 2 err "unexpected argument 'c'"
# help COMMAND is COMMAND --help, for a command, a group and a group's.
for c in verify "policy check" policy; do
	# shellcheck disable=SC2086 # "policy check" is two words
	run $c --help
	cp "$tmp/out" "$tmp/cmdhelp"
	# shellcheck disable=SC2086
	run help $c
	if [ "$rc" -eq 0 ] && [ -s "$tmp/out" ] && cmp -s "$tmp/out" "$tmp/cmdhelp"; then
		pass "help $c prints what $c --help prints"
	else
		fail "help $c prints what $c --help prints" "$(details 0)"
	fi
done
# A missing option argument says so, long or short.
run verify --cert
expect "a missing argument of a long option: said so" 2 err \
	"^modguardctl verify: option '--cert' requires an argument\$"
run hash -m
expect "a missing argument of a short option: said so" 2 err \
	"^modguardctl hash: option '-m' requires an argument\$"
run log --since
expect "log --since without its argument: said so" 2 err \
	"option '--since' requires an argument"
# verify and scan --help list every exit status.
for c in verify scan; do
	run $c --help
	expect "$c --help lists exit status 2" 0 out '2 usage error'
done
# Every command that reads a file stops at its cap, /dev/zero included.
for c in inspect verify diagnose; do
	run $c --max-size=1M /dev/zero
	expect "$c --max-size=1M /dev/zero: stops at the cap" 1 err \
		"/dev/zero: larger than 1048576 bytes \\(see --max-size\\)"
done
run certs --max-size=1M /dev/zero
expect "certs --max-size=1M /dev/zero: stops at the cap" 1 err \
	"/dev/zero: larger than --max-size"
run log --max-size=1M /dev/zero
expect "log --max-size=1M /dev/zero: stops at the cap" 1 err \
	"cannot read /dev/zero: larger than --max-size"
run policy check /dev/zero
expect "policy check /dev/zero: stops at the kernel's 16 MiB" 1 err \
	"^/dev/zero: more than 16777216 bytes: larger than the kernel accepts\$"
run policy check --json /dev/zero
expect_json "policy check --json /dev/zero: an object with the error" 1 \
	"objs == [{'file': '/dev/zero', 'valid': False, 'line': None, 'error': 'more than 16777216 bytes: larger than the kernel accepts'}]"
run policy
expect "policy alone: usage error" 2 err "missing policy command"
run policy frob
expect "policy frob: usage error" 2 err "unknown command 'policy frob'"
for o in -h --help; do
	run policy $o
	expect "policy $o lists the policy commands" 0 out '^  policy check +Check'
	expect "policy $o: usage line" 0 out '^Usage: modguardctl policy COMMAND'
done
run policy -V
expect "policy -V prints the version" 0 out '^modguardctl version [0-9]'
run -h
sed -n 's/^  \(policy [a-z]*\|[a-z]*\)  .*/\1/p' "$tmp/out" >"$tmp/cmds"
if [ "$(wc -l <"$tmp/cmds")" -eq 15 ]; then
	pass "-h lists 15 commands"
else
	fail "-h lists 15 commands" "$(cat "$tmp/cmds")"
fi

# The man page has every command in its SYNOPSIS and COMMANDS.
man=$(dirname "$0")/../modguardctl.8
while read -r cmd; do
	[ "$cmd" = help ] && continue
	if grep -q "^\.B modguardctl $cmd\$\|^\.B modguardctl $cmd " "$man" &&
	   grep -qE "^\.(B|BR|BI) \"?$cmd( |\"|\$)" "$man"; then
		pass "the man page documents $cmd"
	else
		fail "the man page documents $cmd"
	fi
done <"$tmp/cmds"

# Every command: its own help, version, and a bad option. The names come
# from -h, so a new command is covered without being added here.
# shellcheck disable=SC2086 # "policy check" is two words
while read -r cmd; do
	run $cmd -h
	expect "$cmd -h shows its usage" 0 out "^Usage: modguardctl $cmd \\[options\\]"
	expect "$cmd -h lists --help" 0 out '^  -h, --help +'
	run $cmd --help
	expect "$cmd --help shows its usage" 0 out "^Usage: modguardctl $cmd "
	run $cmd -V
	expect "$cmd -V prints the version" 0 out '^modguardctl version [0-9]'
	run $cmd --version
	expect "$cmd --version prints the version" 0 out '^modguardctl version [0-9]'
	run $cmd --bogus
	expect "$cmd --bogus: usage error" 2 err "^modguardctl $cmd: .*'--bogus'"
	expect "$cmd --bogus: points to help" 2 err "^Try 'modguardctl $cmd --help'"
	expect_out "$cmd --bogus: nothing on stdout" 2 ""
done <"$tmp/cmds"
run inspect -h
expect "inspect -h says the signature is not verified" 0 out 'does not verify the signature'
expect "inspect -h documents --json" 0 out '^  -j, --json +'
expect "inspect -h documents name= and sid=" 0 out 'sid=KIND:HEX'
run status -h
expect "status -h documents --json" 0 out '^  -j, --json +'
expect "status -h names MODGUARD_SYSFS" 0 out 'MODGUARD_SYSFS'

run inspect
expect "inspect without FILE: usage error" 2 err 'missing FILE'
run inspect --json=1 x
expect "inspect --json=1: usage error" 2 err "'--json=1'"
run status extra
expect "status with an argument: usage error" 2 err "unexpected argument 'extra'"

if [ -w /dev/full ]; then
	"$tool" -V >/dev/full 2>"$tmp/err"
	rc=$?
	: >"$tmp/out"
	sanitizer_check "-V >/dev/full"
	expect "-V on a full stdout fails" 1 err 'write error'
fi

# --- inspect on the shared vectors

mkdir "$tmp/v"
"$mkvectors" "$tmp/v" >"$tmp/out" 2>"$tmp/err"
rc=$?
n=$(find "$tmp/v" -name '*.bin' | wc -l)
if [ "$rc" -eq 0 ] && [ "$n" -ge 10 ] && [ -s "$tmp/v/0.want" ]; then
	pass "mkvectors writes the vectors ($n images)"
else
	fail "mkvectors writes the vectors" "exit status $rc, $n images" \
		"$(cat "$tmp/err")"
fi

# inspect_vectors DIR: inspect, in text and in JSON, on each <n>.bin of a
# directory mkvectors wrote; sets $all_files and $tmp/all.want.
inspect_vectors() {
	all_files=""
	: >"$tmp/all.want"
	# The NULL-image cases have no file, so the numbers may have a gap.
	# shellcheck disable=SC2012 # our own file names, <n>.bin
	for i in $(ls "$1" | sed -n 's/\.bin$//p' | sort -n); do
		f=$1/$i.bin
		want=$(cat "$1/$i.want")
		desc=$(cat "$1/$i.desc")
		case $want in
		"reason=ok "*)
			want_rc=0
			pl=$(printf '%s\n' "$want" | sed -E 's/.*payload_len=([0-9]+).*/\1/')
			sl=$(printf '%s\n' "$want" | sed -E 's/.*sig_len=([0-9]+).*/\1/')
			;;
		*)
			want_rc=1
			pl=None
			sl=None
			;;
		esac
		reason=$(printf '%s\n' "$want" | sed -E 's/^reason=([^ ]+).*/\1/')
		# The raw name and the signer, or "" when there must be none.
		name_file=
		[ -f "$1/$i.name" ] && name_file=$1/$i.name
		signer=
		[ -f "$1/$i.signer" ] && signer=$(cat "$1/$i.signer")

		run inspect "$f"
		expect_out "inspect: $desc" $want_rc "$f: $want"
		run inspect --json "$f"
		expect_json "inspect --json: $desc" $want_rc \
			"objs == [{'file': argv[0], 'reason': argv[1], 'payload_len': $pl, 'sig_len': $sl, 'name': open(argv[2], 'rb').read().decode('utf-8', 'replace') if argv[2] else None, 'sid': argv[3] or None}]" \
			"$f" "$reason" "$name_file" "$signer"

		all_files="$all_files $f"
		printf '%s: %s\n' "$f" "$want" >>"$tmp/all.want"
	done
}

mkdir "$tmp/m"
"$mkvectors" --modules "$tmp/m" >"$tmp/out" 2>"$tmp/err"
rc=$?
n=$(find "$tmp/m" -name '*.bin' | wc -l)
if [ "$rc" -eq 0 ] && [ "$n" -ge 50 ]; then
	pass "mkvectors --modules writes the module images ($n images)"
else
	fail "mkvectors --modules writes the module images" \
		"exit status $rc, $n images" "$(cat "$tmp/err")"
fi
inspect_vectors "$tmp/m"

inspect_vectors "$tmp/v"

# shellcheck disable=SC2086 # the paths are ours, without spaces
run inspect $all_files
if [ "$rc" -eq 1 ] && cmp -s "$tmp/out" "$tmp/all.want"; then
	pass "inspect on all vectors at once: one line each, in order, exit 1"
else
	fail "inspect on all vectors at once" "$(details 1)"
fi

valid=$tmp/v/0.bin
valid_out="reason=ok payload_len=64 sig_len=32 name=? sid=?"
run inspect "$valid" "$valid"
expect_out "inspect on two signed files: exit 0" 0 \
	"$(printf '%s: %s\n%s: %s' "$valid" "$valid_out" "$valid" "$valid_out")"
run inspect "$valid" --json
expect_json "options after FILE are options" 0 \
	"len(objs) == 1 and objs[0]['reason'] == 'ok'"

# --- inspect on odd inputs

run --stdin "$valid" inspect -
expect_out "inspect - reads stdin" 0 "-: $valid_out"
run inspect -
expect_out "inspect - on empty stdin: unsigned" 1 \
	"-: reason=unsigned name=? sid=?"

: >"$tmp/empty"
run inspect "$tmp/empty"
expect_out "inspect on an empty file: unsigned, exit 1" 1 \
	"$tmp/empty: reason=unsigned name=? sid=?"

# Bigger than any read buffer, through a file and through a pipe (short reads).
head -c 3000000 /dev/zero >"$tmp/big"
cat "$valid" >>"$tmp/big"
run inspect "$tmp/big"
expect_out "inspect on a 3 MB signed file" 0 \
	"$tmp/big: reason=ok payload_len=3000064 sig_len=32 name=? sid=?"
# shellcheck disable=SC2002 # a pipe on purpose
cat "$tmp/big" | "$tool" inspect - >"$tmp/out" 2>"$tmp/err"
rc=$?
sanitizer_check "inspect - (pipe)"
expect_out "inspect - on a 3 MB pipe" 0 \
	"-: reason=ok payload_len=3000064 sig_len=32 name=? sid=?"

run inspect "$tmp/nonexistent"
expect "inspect on a missing file: message names it" 1 err \
	"^modguardctl: $tmp/nonexistent: No such file or directory\$"
expect_out "inspect on a missing file: nothing on stdout" 1 ""

run inspect "$valid" "$tmp/nonexistent" "$valid"
expect_out "inspect goes on after a missing file, exit 1" 1 \
	"$(printf '%s: %s\n%s: %s' "$valid" "$valid_out" "$valid" "$valid_out")"
expect "inspect goes on after a missing file: message" 1 err \
	"$tmp/nonexistent: No such file or directory"

run inspect "$tmp"
expect "inspect on a directory: exit 1" 1 err "^modguardctl: $tmp: Is a directory\$"

if [ "$(id -u)" -ne 0 ]; then
	cp "$valid" "$tmp/noread"
	chmod 000 "$tmp/noread"
	run inspect "$tmp/noread"
	expect "inspect on an unreadable file: exit 1" 1 err \
		"$tmp/noread: Permission denied"
fi

# Compressed modules carry their signature inside the compressed data:
# inspect decompresses them as the loader (and verify, hash) do, by their
# magic bytes; data that does not decompress is an error.
for c in 'gzip \037\213\010' 'xz \3757zXZ\000' 'zstd \050\265\057\375'; do
	name=${c%% *}
	# shellcheck disable=SC2059 # the octal escapes are the format
	printf "${c#* }" >"$tmp/mod.$name"
	cat "$valid" >>"$tmp/mod.$name"
	run inspect "$tmp/mod.$name"
	expect "inspect on $name magic bytes that do not decompress: exit 1, the decoder's error" 1 err \
		"^modguardctl: $tmp/mod.$name: $name: "
	expect_out "inspect on $name data that does not decompress: nothing on stdout" 1 ""
	if ! have "$name"; then
		skip "$name missing: no $name-compressed module"
		continue
	fi
	"$name" -c "$valid" >"$tmp/valid.ko.$name" 2>/dev/null
	run inspect "$tmp/valid.ko.$name"
	expect_out "inspect decompresses a $name-compressed module" 0 \
		"$tmp/valid.ko.$name: $valid_out"
	run inspect --json "$tmp/valid.ko.$name"
	expect_json "inspect --json on a $name-compressed module: the module's trailer" 0 \
		"objs == [{'file': argv[0], 'reason': 'ok', 'payload_len': 64, 'sig_len': 32, 'name': None, 'sid': None}]" \
		"$tmp/valid.ko.$name"
done
if have xz; then
	xz -c "$valid" | head -c 40 >"$tmp/cut.ko.xz"
	run inspect "$tmp/cut.ko.xz"
	expect "inspect on a truncated .ko.xz: exit 1, said so" 1 err \
		"cut.ko.xz: xz: truncated compressed data"
fi

mkdir "$tmp/dash"
cp "$valid" "$tmp/dash/-x"
(cd "$tmp/dash" && "$tool" inspect -- -x >"$tmp/out" 2>"$tmp/err")
rc=$?
sanitizer_check "inspect -- -x"
expect_out "inspect -- -x reads the file -x" 0 "-x: $valid_out"

# --- JSON escaping of file names

# json_name LABEL NAME: a signed file called NAME, through inspect --json.
json_name() {
	cp "$valid" "$tmp/$2"
	run inspect --json "$tmp/$2"
	expect_json "inspect --json file name: $1" 0 \
		"objs == [{'file': fsname(argv[0]), 'reason': 'ok', 'payload_len': 64, 'sig_len': 32, 'name': None, 'sid': None}]" \
		"$tmp/$2"
}
json_name 'quote and backslash' 'quote"back\slash'
json_name 'newline, tab, control character' \
	"$(printf 'new\nline\ttab\001ctl\037x')"
json_name 'UTF-8 is kept' "$(printf 'utf8-\303\251-\342\202\254-\360\237\220\247')"
json_name 'ill-formed UTF-8 becomes U+FFFD' \
	"$(printf 'bad-\377-\300\257-\342\202x-\355\240\200-\364\220\200\200-\360\237-end')"
run --stdin "$valid" inspect -j - "$tmp/nonexistent" "$tmp/empty"
expect_json "inspect --json on several files: one line each, missing one skipped" 1 \
	"[o['file'] for o in objs] == ['-', argv[0]] and objs[1] == {'file': argv[0], 'reason': 'unsigned', 'payload_len': None, 'sig_len': None, 'name': None, 'sid': None}" \
	"$tmp/empty"

# --- status on fake sysfs trees

# mksys DIR LSM MODE: a sysfs tree; "-" leaves a file out. printf %b, so
# "\n" in LSM or MODE is a newline. Its kernel/security/modguard holds an
# unlocked lock, a policy of one rule and stats without decisions.
mksys() {
	rm -rf "$1"
	mkdir -p "$1/kernel/security/modguard" "$1/module/modguard/parameters"
	[ "$2" = - ] || printf '%b' "$2" >"$1/kernel/security/lsm"
	[ "$3" = - ] || printf '%b' "$3" >"$1/module/modguard/parameters/mode"
	printf '0\n' >"$1/kernel/security/modguard/lock"
	printf 'modguard-policy 3\ndeny name=x\nend\n' \
		>"$1/kernel/security/modguard/policy"
	printf 'allowed 0\ndenied 0\nwould-deny 0\nreason unsigned 0\n' \
		>"$1/kernel/security/modguard/stats"
}

# What status prints after the mode for the securityfs files of mksys.
rest="lock: unlocked
policy: 1 rule
decisions: allowed 0, denied 0, would-deny 0
refusals: none"

# status_case DESC LSM MODE RC STDOUT
status_case() {
	mksys "$tmp/sys" "$2" "$3"
	sysfs=$tmp/sys
	run status
	sysfs=
	expect_out "status: $1" "$4" "$5"
}

status_case "active, enforcing" \
	'lockdown,capability,landlock,yama,modguard,apparmor\n' 'enforcing\n' \
	0 "$(printf 'modguard: active\nmode: enforcing\n%s' "$rest")"
status_case "active, permissive" \
	'capability,modguard,yama\n' 'permissive\n' \
	0 "$(printf 'modguard: active\nmode: permissive\n%s' "$rest")"
status_case "modguard first, no newline" \
	'modguard,capability' 'enforcing' \
	0 "$(printf 'modguard: active\nmode: enforcing\n%s' "$rest")"
status_case "modguard alone" \
	'modguard\n' 'permissive\n' \
	0 "$(printf 'modguard: active\nmode: permissive\n%s' "$rest")"
status_case "inactive" \
	'lockdown,capability,yama\n' 'enforcing\n' \
	1 "modguard: inactive"
expect "status: inactive says why" 1 err 'modguard is not active'
status_case "names that contain modguard are not modguard" \
	'capability,modguardx,xmodguard,modguard-foo\n' 'enforcing\n' \
	1 "modguard: inactive"
status_case "empty LSM list" '' 'enforcing\n' 1 "modguard: inactive"
status_case "no LSM list (securityfs not mounted)" - 'enforcing\n' 1 ""
expect "status: missing LSM list names the file" 1 err \
	"cannot read $tmp/sys/kernel/security/lsm: No such file or directory"
status_case "active, mode file missing" 'capability,modguard\n' - 1 ""
expect "status: missing mode names the file" 1 err \
	"cannot read $tmp/sys/module/modguard/parameters/mode: No such file or directory"
status_case "active, unknown mode" 'modguard\n' 'bogus\n' 1 ""
expect "status: unknown mode is reported" 1 err "unexpected mode 'bogus'"

sysfs=$tmp/does-not-exist
run status
sysfs=
expect "status: MODGUARD_SYSFS is honoured" 1 err \
	"cannot read $tmp/does-not-exist/kernel/security/lsm"

mksys "$tmp/sys" 'capability,modguard\n' 'enforcing\n'
sysfs=$tmp/sys
run status --json
sysfs=
expect_json "status --json, active" 0 \
	"objs == [{'active': True, 'mode': 'enforcing', 'locked': False, 'policy_rules': 1, 'allowed': 0, 'denied': 0, 'would_deny': 0, 'reasons': {'unsigned': 0}}]"
mksys "$tmp/sys" 'capability,modguard\n' 'permissive\n'
sysfs=$tmp/sys
run status -j
sysfs=
expect_json "status -j, permissive" 0 \
	"objs[0]['active'] and objs[0]['mode'] == 'permissive'"
mksys "$tmp/sys" 'capability\n' 'enforcing\n'
sysfs=$tmp/sys
run status --json
sysfs=
expect_json "status --json, inactive" 1 \
	"objs == [{'active': False, 'mode': None, 'locked': None, 'policy_rules': None, 'allowed': None, 'denied': None, 'would_deny': None, 'reasons': None}]"
# What the man page promises: an object with nulls whatever is missing.
allnull="{'active': None, 'mode': None, 'locked': None, 'policy_rules': None, 'allowed': None, 'denied': None, 'would_deny': None, 'reasons': None}"
mksys "$tmp/sys" - 'enforcing\n'
sysfs=$tmp/sys
run status --json
sysfs=
expect_json "status --json, no securityfs (no LSM list): every value null, exit 1" 1 \
	"objs == [$allnull]"
expect "  ... and the message says why" 1 err 'cannot read .*/kernel/security/lsm: .*is securityfs mounted'
mkdir -p "$tmp/emptysys"
sysfs=$tmp/emptysys
run status --json
sysfs=
expect_json "status --json, an empty sysfs (no securityfs, no modguard): every value null" 1 \
	"objs == [$allnull]"
mksys "$tmp/sys" 'capability,yama\n' -
rm -rf "$tmp/sys/module/modguard" "$tmp/sys/kernel/security/modguard"
sysfs=$tmp/sys
run status --json
sysfs=
expect_json "status --json, modguard not built in: active false, the rest null" 1 \
	"objs == [dict($allnull, active=False)]"
mksys "$tmp/sys" 'capability,modguard\n' -
sysfs=$tmp/sys
run status --json
sysfs=
expect_json "status --json, active but its mode unreadable: active true, the rest null" 1 \
	"objs == [dict($allnull, active=True)]"

done_tests cli.sh
