# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers of the command-line tests (cli.sh, cli_policy.sh, cli_hash.sh),
# sourced after $tool is set to the modguardctl to test. Each check prints
# "ok - ..." or "FAIL - ..." (and "#   " lines saying why); what cannot
# run here is a "# skipped: ..." line, never a pass. done_tests prints the
# last line, "# NAME: N passed, N failed", and sets the exit status.

case $tool in /*) ;; *) tool=$PWD/$tool ;; esac

# A sanitizer report must not pass for our own exit status 1.
SAN_EXIT=86
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=$SAN_EXIT
UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS UBSAN_OPTIONS
unset MODGUARD_SYSFS MODGUARD_SECURITYFS POSIXLY_CORRECT

# pass, fail, skip, have, summary: the library of every shell test.
. "$(dirname "$0")/../../scripts/testlib.sh"

tmp=$(mktemp -d) || exit 1
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# run [--stdin FILE] ARGS...: run the tool with ARGS, with MODGUARD_SYSFS
# set to $sysfs and MODGUARD_SECURITYFS to $sfs when they are not empty;
# sets $rc, leaves stdout in $tmp/out and stderr in $tmp/err.
# mldsa_verified: the tool under test verifies ML-DSA signatures (its
# libcrypto is OpenSSL 3.5 or later), as its --version says; the tests of
# Debian 12's build (OpenSSL 3.0) and of the sid build (scripts/mldsa.sh
# check) expect each their own reading.
mldsa_verified() {
	"$tool" --version 2>/dev/null | grep -q '^ML-DSA signatures: verified'
}

sysfs=
sfs=
run() {
	input=/dev/null
	if [ "${1:-}" = --stdin ]; then
		input=$2
		shift 2
	fi
	(
		[ -n "$sysfs" ] && export MODGUARD_SYSFS="$sysfs"
		[ -n "$sfs" ] && export MODGUARD_SECURITYFS="$sfs"
		exec "$tool" "$@"
	) <"$input" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	sanitizer_check "$*"
}

# Any sanitizer report is a failure of its own, whatever else is checked.
sanitizer_check() {
	if [ "$rc" -eq "$SAN_EXIT" ] ||
	   grep -qE 'Sanitizer|runtime error:' "$tmp/err"; then
		fail "no sanitizer report: modguardctl $1" "$(cat "$tmp/err")"
	fi
}

details() {
	printf 'exit status %s, want %s\n--- stdout\n%s\n--- stderr\n%s\n' \
		"$rc" "$1" "$(cat "$tmp/out")" "$(cat "$tmp/err")"
}

# expect_out DESC RC TEXT: exit status RC and stdout exactly TEXT
# (plus a newline; nothing at all when TEXT is empty).
expect_out() {
	if [ -z "$3" ]; then
		: >"$tmp/want"
	else
		printf '%s\n' "$3" >"$tmp/want"
	fi
	if [ "$rc" -eq "$2" ] && cmp -s "$tmp/out" "$tmp/want"; then
		pass "$1"
	else
		fail "$1" "$(details "$2")" "--- want stdout" "$3"
	fi
}

# expect DESC RC out|err ERE: exit status RC and a line of stdout or
# stderr matching ERE.
expect() {
	if [ "$rc" -eq "$2" ] && grep -qE -e "$4" "$tmp/$3"; then
		pass "$1"
	else
		fail "$1" "$(details "$2")" "--- want $3 matching" "$4"
	fi
}

# expect_json DESC RC PY [ARG...]: exit status RC, stdout is JSON lines,
# and the python expression PY is true of "objs" (the parsed lines) and
# "argv" (the ARGs).
expect_json() {
	desc=$1
	want_rc=$2
	py=$3
	shift 3
	if [ "$rc" -eq "$want_rc" ] &&
	   python3 -c '
import json, os, sys
def fsname(s):
    # What modguardctl must print for a file name given as bytes.
    return os.fsencode(s).decode("utf-8", "replace")
raw = open(sys.argv[1], "rb").read()
lines = raw.split(b"\n")
assert lines[-1] == b"", "output does not end with a newline"
objs = [json.loads(l.decode("utf-8")) for l in lines[:-1]]
argv = sys.argv[3:]
if not eval(sys.argv[2]):
    print("python check is false for", objs)
    sys.exit(1)
' "$tmp/out" "$py" "$@" >"$tmp/py" 2>&1; then
		pass "$desc"
	else
		fail "$desc" "$(details "$want_rc")" "--- python" "$py" \
			"$(cat "$tmp/py")"
	fi
}

# expect_file DESC FILE TEXT: FILE holds exactly TEXT (printf %s).
expect_file() {
	printf '%s' "$3" >"$tmp/want"
	if cmp -s "$2" "$tmp/want"; then
		pass "$1"
	else
		fail "$1" "--- $2" "$(od -c "$2" | head -n 20)" "--- want" "$3"
	fi
}

# expect_same DESC FILE1 FILE2: the two files are identical.
expect_same() {
	if cmp -s "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "$2 and $3 differ" "$(cmp "$2" "$3" 2>&1)"
	fi
}

# mkmod PAYLOAD SIG OUT [SIG_LEN]: PAYLOAD, SIG, struct module_signature
# (id_type 2, sig_len big-endian, SIG_LEN if given) and the marker.
mkmod() {
	python3 - "$@" <<'PY'
import struct, sys
payload = open(sys.argv[1], "rb").read()
sig = open(sys.argv[2], "rb").read()
n = int(sys.argv[4]) if len(sys.argv) > 4 else len(sig)
info = bytes([0, 0, 2, 0, 0, 0, 0, 0]) + struct.pack(">I", n)
open(sys.argv[3], "wb").write(payload + sig + info +
                              b"~Module signature appended~\n")
PY
}

# sign OUT KEY CERT MD [openssl cms options...]: a detached DER PKCS#7
# of payload.
sign() {
	out=$1 key=$2 cert=$3 md=$4
	shift 4
	openssl cms -sign -binary -nocerts -outform DER -md "$md" \
		-in payload -signer "$cert" -inkey "$key" -out "$out" "$@" \
		2>"$tmp/sign.err"
}

# verdict FILE CERT...: run verify, set $got to "VERDICT REASON".
verdict() {
	f=$1
	shift
	args=
	for c in "$@"; do
		args="$args --cert $c"
	done
	# shellcheck disable=SC2086
	run verify $args "$f"
	got=$(sed -nE 's/^[^ ]+: ([a-z]+) reason=([a-z-]+) .*/\1 \2/p' \
		"$tmp/out")
}

# check_verdict DESC FILE WANT CERT...: verify FILE says WANT ("ok ok",
# "refused bad-signature"), with the exit status that goes with it.
check_verdict() {
	desc=$1 f=$2 want=$3
	shift 3
	verdict "$f" "$@"
	want_rc=1
	[ "$want" = "ok ok" ] && want_rc=0
	if [ "$got" = "$want" ] && [ "$rc" -eq "$want_rc" ]; then
		pass "$desc"
	else
		fail "$desc" "want $want" "$(details "$want_rc")"
	fi
}

# image OUT FILL SYS_DER... -- REV_DER...: a vmlinux-like image.
image() {
	python3 - "$@" <<'PY'
import struct, sys
out, fill = sys.argv[1], int(sys.argv[2])
args = sys.argv[3:]
cut = args.index("--")
sysl = [open(f, "rb").read() for f in args[:cut]]
revl = [open(f, "rb").read() for f in args[cut + 1:]]
def pad8(b):
    b += b"\xa5" * (-len(b) % 8)
    return b
filler = bytes((i * 7 + 1) % 251 + 1 for i in range(3000))
b = pad8(bytearray(filler))
run = b"".join(sysl)
b += run + b"\0" * fill
b += b"\0" * (-len(b) % 8)
b += struct.pack("<QQ", len(run), len(sysl[0]) if sysl else 0)
b = pad8(b + filler[:333])
if revl:
    run = b"".join(revl)
    b += run
    b += b"\0" * (-len(b) % 8)
    b += struct.pack("<Q", len(run)) + filler[:100]
open(out, "wb").write(bytes(b + filler))
PY
}

# flip FILE OFFSET [OUT]: xor one byte (a negative OFFSET counts from the
# end), in FILE or into a copy OUT.
flip() {
	python3 - "$@" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[int(sys.argv[2])] ^= 0x01
open(sys.argv[3] if len(sys.argv) > 3 else sys.argv[1], "wb").write(bytes(b))
PY
}

done_tests() {
	summary "$1"
}
