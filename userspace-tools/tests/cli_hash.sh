#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Command-line tests of modguardctl hash and allow (the ASan/UBSan build):
# the digest of module images made here (unsigned, and signed with a
# trailer laid out by hand) against sha256sum of their payload, through
# xz (every integrity check), zstd and gzip made by the command-line
# compressors; detection by magic bytes, not by name; truncated, corrupt,
# trailing and doubly compressed data; the size cap; sha256sum's output
# form; and, when the VM rig has built them (MODGUARD_CACHE), the test
# modules: alpha-unsigned.ko, alpha-sha256.ko, alpha-sha512.ko and
# alpha-sha256.ko.xz have one payload, so one digest.
# Whatever cannot run here (a compressor missing, modules not built) is a
# "# skipped:" line, never a pass.
#
# usage: cli_hash.sh MODGUARDCTL
# Prints "ok - ..." or "FAIL - ..." per check and a last line
# "# cli_hash.sh: N passed, N failed"; exits 1 if any check failed.

set -u

tool=$1
. "$(dirname "$0")/clilib.sh"

cache=${MODGUARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/modguard}
modules=$cache/build/modules/out

sha() {
	sha256sum "$1" | cut -d ' ' -f 1
}

# sign PAYLOAD OUT: OUT is PAYLOAD with a (fake) PKCS#7 of 300 bytes, the
# 12-byte info block (id_type 2 = PKCS#7, sig_len big-endian) and the
# marker: what scripts/sign-file appends.
sign() {
	cp "$1" "$2"
	head -c 300 /dev/zero | tr '\0' '\060' >>"$2"
	# shellcheck disable=SC2059 # octal escapes: 300 = 0x012c
	printf '\000\000\002\000\000\000\000\000\000\000\001\054' >>"$2"
	printf '~Module signature appended~\n' >>"$2"
}

# elfhdr: the 64 bytes of an ELF64 header of a relocatable object
# (ET_REL, x86-64): what the loader takes, and hash and allow too.
elfhdr() {
	# shellcheck disable=SC2059 # octal escapes
	printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\001\000\076\000\001\000\000\000'
	head -c 40 /dev/zero
}

# A payload of a few hundred KiB that compresses (an ELF header, this
# script and the tool's binary), unsigned and signed.
{ elfhdr; cat "$0" "$tool"; } >"$tmp/payload"
want=$(sha "$tmp/payload")
cp "$tmp/payload" "$tmp/unsigned.ko"
sign "$tmp/payload" "$tmp/signed.ko"

# hash_is DESC FILE: hash prints the payload's digest for FILE, exit 0.
hash_is() {
	run hash "$2"
	expect_out "hash: $1" 0 "$want  $2"
}

hash_is "an unsigned module: sha256sum of the file" "$tmp/unsigned.ko"
hash_is "a signed module: the payload without the signature" "$tmp/signed.ko"
if [ "$(sha "$tmp/signed.ko")" != "$want" ]; then
	pass "hash: ... which is not sha256sum of the signed file"
else
	fail "hash: ... which is not sha256sum of the signed file"
fi
run hash --json "$tmp/signed.ko"
expect_json "hash --json: file, digest, compressed null" 0 \
	"objs == [{'file': argv[0], 'digest': argv[1], 'compressed': None}]" \
	"$tmp/signed.ko" "$want"
run --stdin "$tmp/signed.ko" hash -
expect_out "hash - reads stdin" 0 "$want  -"

# --- compressed, by the command-line tools

# compressed NAME KIND CMD...: CMD (reading stdin) makes $tmp/NAME from
# the signed module; hash must give the payload's digest, and --json
# the compression KIND.
compressed() {
	name=$1
	kind=$2
	shift 2
	if ! have "$1"; then
		skip "hash of $name: no $1"
		return
	fi
	if ! "$@" <"$tmp/signed.ko" >"$tmp/$name" 2>"$tmp/err"; then
		fail "make $name with $*" "$(cat "$tmp/err")"
		return
	fi
	hash_is "$name ($*)" "$tmp/$name"
	run hash -j "$tmp/$name"
	expect_json "hash --json: $name is $kind" 0 \
		"objs[0]['compressed'] == argv[0] and objs[0]['digest'] == argv[1]" \
		"$kind" "$want"
}

compressed signed.ko.xz xz xz -c --check=crc32
compressed signed-crc64.ko.xz xz xz -c --check=crc64
compressed signed-sha256.ko.xz xz xz -c --check=sha256
compressed signed-none.ko.xz xz xz -c --check=none
compressed signed-9e.ko.xz xz xz -c -9e --check=crc32
compressed signed.ko.zst zstd zstd -c -q
compressed signed-nocheck.ko.zst zstd zstd -c -q --no-check
compressed signed-19.ko.zst zstd zstd -c -q -19
compressed signed-long.ko.zst zstd zstd -c -q --long=30
compressed signed.ko.gz gzip gzip -c -n
compressed signed-9.ko.gz gzip gzip -c -9 -n
# gzip -c of a named file records the name (FNAME) in the header.
if have gzip; then
	gzip -c "$tmp/signed.ko" >"$tmp/named.ko.gz"
	hash_is "a gzip file with a name in its header" "$tmp/named.ko.gz"
fi

# By magic bytes, not by name.
if have xz; then
	cp "$tmp/signed.ko.xz" "$tmp/looks-plain.ko"
	hash_is "xz data named .ko" "$tmp/looks-plain.ko"
fi
cp "$tmp/signed.ko" "$tmp/looks-xz.ko.xz"
hash_is "plain data named .ko.xz" "$tmp/looks-xz.ko.xz"
if have zstd; then
	run --stdin "$tmp/signed.ko.zst" hash -j -
	expect_json "hash - of zstd data on stdin" 0 \
		"objs == [{'file': '-', 'digest': argv[0], 'compressed': 'zstd'}]" \
		"$want"
fi

# --- data that does not decode

# broken DESC FILE ERE: hash fails on FILE, with a message matching ERE,
# and nothing on stdout.
broken() {
	run hash "$2"
	expect "hash refuses $1" 1 err "^modguardctl: $2: $3"
	expect_out "hash refuses $1: nothing on stdout" 1 ""
}

size() {
	wc -c <"$1" | tr -d ' '
}

# cut_at FILE N OUT: the first N bytes of FILE.
cut_at() {
	head -c "$2" "$1" >"$3"
}

for c in 'xz signed.ko.xz' 'zstd signed.ko.zst' 'gzip signed.ko.gz'; do
	kind=${c%% *}
	f=$tmp/${c#* }
	if [ ! -f "$f" ]; then
		skip "corrupt $kind data: no $kind"
		continue
	fi
	n=$(size "$f")
	cut_at "$f" $((n / 2)) "$tmp/half.$kind"
	broken "$kind cut in half" "$tmp/half.$kind" "$kind: truncated compressed data"
	cut_at "$f" $((n - 1)) "$tmp/short.$kind"
	broken "$kind without its last byte" "$tmp/short.$kind" "$kind: "
	cut_at "$f" 6 "$tmp/magic.$kind"
	broken "$kind: only the magic bytes" "$tmp/magic.$kind" "$kind: "
	flip "$f" $((n / 2)) "$tmp/flip.$kind"
	broken "$kind with a byte flipped in the middle" "$tmp/flip.$kind" "$kind: "
	cp "$f" "$tmp/trail.$kind"
	printf 'garbage' >>"$tmp/trail.$kind"
	broken "$kind with data after the stream" "$tmp/trail.$kind" \
		"$kind: data after the end of the compressed (stream|frame)"
	cat "$f" "$f" >"$tmp/twice.$kind"
	broken "two $kind streams (the kernel decodes one)" "$tmp/twice.$kind" \
		"$kind: data after the end"
done

# The integrity check of each format is verified.
if [ -f "$tmp/signed-sha256.ko.xz" ]; then
	n=$(size "$tmp/signed-sha256.ko.xz")
	# The last 12 bytes are the stream footer; the check is before it,
	# after the index (a few dozen bytes): flip a byte of the check.
	flip "$tmp/signed-sha256.ko.xz" $((n - 12 - 40)) "$tmp/badcheck.xz"
	broken "xz with a wrong check" "$tmp/badcheck.xz" "xz: "
fi
if [ -f "$tmp/signed.ko.gz" ]; then
	n=$(size "$tmp/signed.ko.gz")
	flip "$tmp/signed.ko.gz" $((n - 6)) "$tmp/badcrc.gz"
	broken "gzip with a wrong CRC" "$tmp/badcrc.gz" "gzip: "
fi
if [ -f "$tmp/signed.ko.zst" ]; then
	n=$(size "$tmp/signed.ko.zst")
	flip "$tmp/signed.ko.zst" $((n - 1)) "$tmp/badsum.zst"
	broken "zstd with a wrong checksum" "$tmp/badsum.zst" "zstd: "
fi

# Compressed twice: the kernel decompresses once, then refuses.
if have xz; then
	xz -c --check=crc32 <"$tmp/signed.ko.xz" >"$tmp/double.xz"
	broken "xz of xz" "$tmp/double.xz" "compressed twice"
fi
if have gzip && have zstd; then
	gzip -c -n <"$tmp/signed.ko.zst" >"$tmp/double.gz"
	broken "gzip of zstd" "$tmp/double.gz" "compressed twice"
fi

# Only the magic bytes of a format and nothing else.
printf '\037\213' >"$tmp/gzmagic"
broken "the gzip magic alone" "$tmp/gzmagic" "gzip: "
printf '\037\213\010\000\000\000\000\000\000\003garbage-not-deflate' >"$tmp/gzjunk"
broken "a gzip header and junk" "$tmp/gzjunk" "gzip: "
printf '\375\067\172\130\132\000\000\001' >"$tmp/xzjunk"
broken "an xz magic and junk" "$tmp/xzjunk" "xz: "

# --- the size cap

if have zstd; then
	{ elfhdr; head -c $((2097152 - 64)) /dev/zero; } | zstd -q -c >"$tmp/2m.zst"
	run hash --max-size=2M "$tmp/2m.zst"
	expect "hash --max-size=2M of exactly 2 MiB: ok" 0 out "^[0-9a-f]{64}  "
	run hash --max-size=2097151 "$tmp/2m.zst"
	expect "hash --max-size one byte short: refused" 1 err \
		"2m.zst: zstd: more than 2097151 bytes decompressed \\(see --max-size\\)"
	run hash -m 1K "$tmp/2m.zst"
	expect "hash -m 1K: refused" 1 err "more than 1024 bytes decompressed"
	# The default cap, 256 MiB (nvidia.ko, the largest module of a
	# Debian host, is about 160 MB): a zstd file of a few KiB that
	# expands past it.
	head -c $((256 * 1024 * 1024 + 4096)) /dev/zero | zstd -q -1 -c >"$tmp/bomb.zst"
	run hash "$tmp/bomb.zst"
	expect "hash: more than 256 MiB decompressed is refused by default" 1 err \
		"bomb.zst: zstd: more than 268435456 bytes decompressed"
else
	skip "the size cap: no zstd"
fi
if have xz; then
	{ elfhdr; head -c $((2097152 - 64)) /dev/zero; } | xz -c --check=crc32 >"$tmp/2m.xz"
	run hash --max-size=2M "$tmp/2m.xz"
	expect "hash --max-size=2M of exactly 2 MiB of xz: ok" 0 out "^[0-9a-f]{64}  "
	run hash --max-size=2047K "$tmp/2m.xz"
	expect "hash --max-size=2047K of xz: refused" 1 err "xz: more than 2096128 bytes"
fi
if have gzip; then
	{ elfhdr; head -c $((2097152 - 64)) /dev/zero; } | gzip -c -n >"$tmp/2m.gz"
	run hash --max-size=2M "$tmp/2m.gz"
	expect "hash --max-size=2M of exactly 2 MiB of gzip: ok" 0 out "^[0-9a-f]{64}  "
	run hash --max-size=1M "$tmp/2m.gz"
	expect "hash --max-size=1M of gzip: refused" 1 err "gzip: more than 1048576 bytes"
fi
# The file itself, compressed or not, and whatever it is: /dev/zero too.
run hash --max-size=1M /dev/zero
expect "hash --max-size=1M /dev/zero: stops at the cap" 1 err \
	"^modguardctl: /dev/zero: larger than 1048576 bytes \\(see --max-size\\)\$"
run hash /dev/zero
expect "hash /dev/zero: stops at the default cap, 256 MiB" 1 err \
	"/dev/zero: larger than 268435456 bytes"
head -c 1048577 /dev/zero >"$tmp/1m1"
run hash --max-size=1M "$tmp/1m1"
expect "hash --max-size=1M of a file one byte larger: refused" 1 err \
	"1m1: larger than 1048576 bytes"
run allow --max-size=1M /dev/zero
expect "allow --max-size=1M /dev/zero: stops at the cap" 1 err \
	"/dev/zero: larger than 1048576 bytes"
for bad in 0 abc 1T -1 '' 1MB 99999999999999999999; do
	run hash --max-size="$bad" "$tmp/signed.ko"
	expect "hash --max-size='$bad': usage error" 2 err "invalid size '$bad'"
done

# --- several files, odd names, output form

run hash "$tmp/unsigned.ko" "$tmp/missing.ko" "$tmp/signed.ko"
expect_out "hash goes on after a missing file, exit 1" 1 \
	"$(printf '%s  %s\n%s  %s' "$want" "$tmp/unsigned.ko" "$want" "$tmp/signed.ko")"
expect "hash: the missing file is named" 1 err \
	"^modguardctl: $tmp/missing.ko: No such file or directory\$"
run hash "$tmp"
expect "hash of a directory" 1 err "^modguardctl: $tmp: Is a directory\$"
run hash
expect "hash without FILE: usage error" 2 err "missing FILE"
: >"$tmp/empty"
run hash "$tmp/empty"
expect "hash of an empty file: refused, not a module" 1 err \
	"^modguardctl: $tmp/empty: not a kernel module \\(no ELF relocatable object\\): no digest\$"
expect_out "hash of an empty file: no digest" 1 ""
printf 'this is text\n' >"$tmp/text.ko"
run hash "$tmp/text.ko"
expect "hash of a text file named .ko: refused" 1 err "text.ko: not a kernel module"
run allow --header "$tmp/text.ko" "$tmp/empty"
expect_out "allow of a text file and an empty file: no rule, no end line" 1 \
	"modguard-policy 3"
cp "$tool" "$tmp/exec.ko"
run hash "$tmp/exec.ko"
expect "hash of an ELF executable named .ko: refused (not ET_REL)" 1 err \
	"exec.ko: not a kernel module"
if have xz; then
	xz -c "$tmp/text.ko" >"$tmp/text.ko.xz"
	run hash "$tmp/text.ko.xz"
	expect "hash of compressed text: refused, inside" 1 err \
		"text.ko.xz: not a kernel module \\(no ELF relocatable object inside\\)"
fi
run allow "$tmp/signed.ko"
expect "allow of a module whose signature is bad: a warning" 0 err \
	"^modguardctl: warning: $tmp/signed.ko: its signature is bad \\(malformed-signature\\): the rule allows these bytes whatever the signature says\$"
run allow "$tmp/unsigned.ko"
expect_out "allow of an unsigned module: no warning" 0 "allow digest=$want"
if [ -s "$tmp/err" ]; then
	fail "allow of an unsigned module: nothing on stderr" "$(cat "$tmp/err")"
else
	pass "allow of an unsigned module: nothing on stderr"
fi

# sha256sum's form, escapes included, for names with \ and a newline.
for name in 'back\slash.ko' "$(printf 'new\nline.ko')" 'plain name.ko'; do
	cp "$tmp/unsigned.ko" "$tmp/$name"
	(cd "$tmp" && sha256sum "$name") >"$tmp/sum"
	(cd "$tmp" && "$tool" hash "$name") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	sanitizer_check "hash (odd name)"
	if [ "$rc" -eq 0 ] && cmp -s "$tmp/out" "$tmp/sum"; then
		pass "hash prints what sha256sum prints for '$name'"
	else
		fail "hash prints what sha256sum prints for '$name'" \
			"$(details 0)" "--- sha256sum" "$(cat "$tmp/sum")"
	fi
	(cd "$tmp" && sha256sum -c "$tmp/out" >/dev/null 2>&1)
	if [ $? -eq 0 ]; then
		pass "sha256sum -c reads hash's line for '$name'"
	else
		fail "sha256sum -c reads hash's line for '$name'"
	fi
done
run hash --json "$tmp/$(printf 'new\nline.ko')"
expect_json "hash --json with a newline in the name" 0 \
	"objs[0]['file'] == argv[0] and objs[0]['digest'] == argv[1]" \
	"$tmp/$(printf 'new\nline.ko')" "$want"

# --- allow

other=$tmp/other.ko
{ elfhdr; printf 'another module'; } >"$other"
other_sum=$(sha "$other")
run allow "$tmp/unsigned.ko" "$other"
expect_out "allow: one rule per module" 0 \
	"$(printf 'allow digest=%s\nallow digest=%s' "$want" "$other_sum")"
files="$tmp/signed.ko $tmp/unsigned.ko $other"
[ -f "$tmp/signed.ko.xz" ] && files="$files $tmp/signed.ko.xz"
# shellcheck disable=SC2086 # our paths, without blanks
run allow $files
expect_out "allow: one rule per payload (signed, unsigned, compressed)" 0 \
	"$(printf 'allow digest=%s\nallow digest=%s' "$want" "$other_sum")"
# shellcheck disable=SC2086
run allow --header $files
cp "$tmp/out" "$tmp/allow.pol"
expect "allow --header: the header line first" 0 out '^modguard-policy 3$'
if [ "$(head -n 1 "$tmp/out")" = 'modguard-policy 3' ] &&
   [ "$(tail -n 1 "$tmp/out")" = end ]; then
	pass "allow --header: the header line first, the end line last"
else
	fail "allow --header: the header line first, the end line last" "$(cat "$tmp/out")"
fi
run policy check "$tmp/allow.pol"
expect_out "allow --header makes a policy that policy check accepts" 0 \
	"$tmp/allow.pol: 2 rules (allow digest 2, deny digest 0, deny name 0, allow signer 0, deny signer 0)"
run allow "$tmp/unsigned.ko" >/dev/null
{ echo 'modguard-policy 3'; cat "$tmp/out"; echo end; } >"$tmp/frag.pol"
run policy check "$tmp/frag.pol"
expect "allow's lines between a header and an end line make a policy" 0 out ': 1 rule '
# allow's lines go before the end line of a policy, not after it.
run allow "$other" >/dev/null
{ grep -vx end "$tmp/frag.pol"; cat "$tmp/out"; echo end; } >"$tmp/frag2.pol"
run policy check "$tmp/frag2.pol"
expect "allow's lines put before the end line of a policy: 2 rules" 0 out ': 2 rules '
run allow "$other" >/dev/null
cat "$tmp/out" >>"$tmp/frag.pol"
run policy check "$tmp/frag.pol"
expect "allow's lines appended after the end line: refused" 1 err ':4: text after the end line$'
run allow "$tmp/missing.ko" "$other"
expect_out "allow goes on after a missing file, exit 1" 1 "allow digest=$other_sum"
run allow --header "$other" "$tmp/missing.ko"
expect_out "allow --header after a missing file: exit 1, no end line" 1 \
	"$(printf 'modguard-policy 3\nallow digest=%s' "$other_sum")"
cp "$tmp/out" "$tmp/partial.pol"
run policy check "$tmp/partial.pol"
expect "  ... so that policy check refuses it" 1 err ":2: no 'end' line"
run allow
expect "allow without FILE: usage error" 2 err "missing FILE"
run allow --json "$other"
expect "allow has no --json" 2 err "'--json'"

# --- the test modules of the VM rig

if [ -f "$modules/alpha-unsigned.ko" ] && [ -f "$modules/alpha-unsigned.sha256" ]; then
	alpha=$(cat "$modules/alpha-unsigned.sha256")
	if [ "$(sha "$modules/alpha-unsigned.ko")" = "$alpha" ]; then
		pass "alpha-unsigned.sha256 is sha256sum of alpha-unsigned.ko"
	else
		fail "alpha-unsigned.sha256 is sha256sum of alpha-unsigned.ko"
	fi
	for m in alpha-unsigned.ko alpha-sha256.ko alpha-sha512.ko \
		 alpha-sha256.ko.xz alpha-sha1.ko alpha-sha384.ko alpha-skid.ko \
		 alpha-untrusted.ko; do
		if [ ! -f "$modules/$m" ]; then
			skip "$m: not built"
			continue
		fi
		run hash "$modules/$m"
		expect_out "hash $m: the payload of alpha-unsigned.ko" 0 \
			"$alpha  $modules/$m"
	done
	for c in 'gzip -c -n' 'zstd -c -q' 'xz -c --check=sha256'; do
		have "${c%% *}" || continue
		$c <"$modules/alpha-sha256.ko" >"$tmp/alpha.c"
		run hash "$tmp/alpha.c"
		expect_out "hash of alpha-sha256.ko through $c" 0 "$alpha  $tmp/alpha.c"
	done
	if [ -f "$modules/alpha-payload.ko.xz" ]; then
		run hash "$modules/alpha-payload.ko.xz"
		if [ "$rc" -eq 0 ] && ! grep -q "^$alpha " "$tmp/out"; then
			pass "hash of alpha-payload.ko.xz (another payload): another digest"
		else
			fail "hash of alpha-payload.ko.xz: another digest" "$(details 0)"
		fi
	fi
	run allow "$modules/alpha-unsigned.ko" "$modules/alpha-sha256.ko" \
		"$modules/alpha-sha256.ko.xz"
	expect_out "allow of the alpha variants: one rule" 0 "allow digest=$alpha"
else
	skip "the VM rig's test modules are not built ($modules)"
fi

done_tests cli_hash.sh
