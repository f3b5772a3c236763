#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make install into a DESTDIR (PREFIX, and the directory variables), and
# the bash completion it installs, driven the way bash drives it
# (COMP_WORDS, COMP_CWORD, then COMPREPLY) against MODGUARDCTL.
#
# usage: cli_install.sh MODGUARDCTL
# Prints "ok - ..." or "FAIL - ..." per check and a last line
# "# cli_install.sh: N passed, N failed"; exits 1 if any check failed.

set -u

tool=$1
. "$(dirname "$0")/clilib.sh"

src=$(cd "$(dirname "$0")/.." && pwd)
comp=$src/completion/modguardctl

# mode FILE: its permission bits, octal.
mode() { stat -c %a "$1"; }

dest=$tmp/dest
if make -s -C "$src" install DESTDIR="$dest" PREFIX=/usr >"$tmp/make" 2>&1
then
	pass "make install DESTDIR=... PREFIX=/usr"
else
	fail "make install DESTDIR=... PREFIX=/usr" "$(cat "$tmp/make")"
fi
for f in sbin/modguardctl:755 share/man/man8/modguardctl.8:644 \
	 share/bash-completion/completions/modguardctl:644; do
	p=$dest/usr/${f%:*}
	if [ -f "$p" ] && [ "$(mode "$p")" = "${f#*:}" ]; then
		pass "installed /usr/${f%:*}, mode ${f#*:}"
	else
		fail "installed /usr/${f%:*}, mode ${f#*:}" "$(ls -l "$p" 2>&1)"
	fi
done
if "$dest/usr/sbin/modguardctl" --version | grep -q '^modguardctl version '; then
	pass "the installed modguardctl runs"
else
	fail "the installed modguardctl runs"
fi
expect_same "the installed completion is completion/modguardctl" \
	"$dest/usr/share/bash-completion/completions/modguardctl" "$comp"
make -s -C "$src" install DESTDIR="$tmp/d2" PREFIX=/opt/mg \
	BASHCOMPDIR=/etc/bash_completion.d >"$tmp/make" 2>&1
if [ -x "$tmp/d2/opt/mg/sbin/modguardctl" ] &&
   [ -f "$tmp/d2/opt/mg/share/man/man8/modguardctl.8" ] &&
   [ -f "$tmp/d2/etc/bash_completion.d/modguardctl" ]; then
	pass "PREFIX=/opt/mg and BASHCOMPDIR are honoured"
else
	fail "PREFIX=/opt/mg and BASHCOMPDIR are honoured" "$(find "$tmp/d2")"
fi

if bash -n "$comp" 2>"$tmp/err"; then
	pass "the completion script parses (bash -n)"
else
	fail "the completion script parses (bash -n)" "$(cat "$tmp/err")"
fi

# complete WORD...: what the completion offers for the last WORD, sorted,
# on one line.
complete_words() {
	bash -c '
. "$1"; shift
COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
_modguardctl
[ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
		complete "$comp" "$tool" "$@" 2>"$tmp/err"
}

# check_completion DESC WANT WORD...: the completion offers exactly WANT.
check_completion() {
	desc=$1 want=$2
	shift 2
	got=$(complete_words "$@")
	if [ "$got" = "$want" ]; then
		pass "$desc"
	else
		fail "$desc" "got:  $got" "want: $want" "$(cat "$tmp/err")"
	fi
}

cmds=$("$tool" -h | sed -n 's/^  \([a-z]*\)[ ].*/\1/p' | sort -u | tr '\n' ' ')
check_completion "the commands, from the command table" "$cmds" ""
check_completion "  ... by prefix" "diagnose " di
check_completion "policy's commands" "check load show " policy ""
check_completion "global options" "--help --version " --
check_completion "log's options" "--help --json --max-size --module --reason --since --until --version " log --
check_completion "scan's options (--jobs has no short form)" \
	"--cert --help --jobs --json --kernel --max-size --version " scan --
check_completion "verify's options" "--cert --help --json --kernel --max-size --version " verify --
check_completion "allow's options" "--from-log --header --help --max-size --version " allow --
check_completion "policy check's options" "--help --json --version " policy check --
check_completion "log --reason: the reason names" \
	"unsigned unsupported-crypto unsupported-id-type " log --reason uns
check_completion "mode: the modes" "enforcing permissive " mode ""
mkdir -p "$tmp/d/sub" && : >"$tmp/d/file.ko"
check_completion "verify --kernel: files" "$tmp/d/file.ko " verify --kernel "$tmp/d/f"
check_completion "scan: directories only" "$tmp/d/sub " scan "$tmp/d/"
check_completion "status takes no argument" "" status ""

# The reason list is the kernel's.
reasons=$(sed -n 's/^\t\[MODGUARD_REASON_[A-Z_]*\]\t*= "\([a-z-]*\)",$/\1/p' \
	"$src/../kernel/common/reason.c" | sort | tr '\n' ' ')
check_completion "the completion's reasons are kernel/common/reason.c's ($(echo "$reasons" | wc -w))" \
	"$reasons" log --reason ""

done_tests cli_install.sh
