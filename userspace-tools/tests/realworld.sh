#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# modguardctl inspect (the ASan/UBSan build) on what real tools make,
# rather than on the C-built vectors:
#   - ELF relocatable objects from gcc and clang with a .modinfo section
#     and/or a .gnu.linkonce.this_module section (whose struct has the
#     layout of the kernel's struct module head), merged by ld -r, and
#     built for ELFCLASS32;
#   - the test modules of the VM rig, if built (MODGUARD_CACHE), against
#     kmod's modinfo;
#   - PKCS#7 signatures made by openssl cms at test time, issuer and
#     serial (with and without the DER sign octet, with signed attributes,
#     with the certificate included, ECDSA) and subjectKeyIdentifier
#     (-keyid), against what openssl prints for the certificate and what
#     kmod's modinfo prints as sig_key.
# Whatever cannot run here (no clang, no openssl, modules not built) is a
# "# skipped:" line, never a pass.
#
# usage: realworld.sh MODGUARDCTL
# Prints "ok - ..." or "FAIL - ..." per check and a last line
# "# realworld.sh: N passed, N failed"; exits 1 if any check failed.

set -u

tool=$1
case $tool in /*) ;; *) tool=$PWD/$tool ;; esac

SAN_EXIT=86
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=$SAN_EXIT
UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS UBSAN_OPTIONS

cache=${MODGUARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/modguard}
modules=$cache/build/modules/out
keys=$cache/keys

# pass, fail, skip, have, summary: the library of every shell test.
. "$(dirname "$0")/../../scripts/testlib.sh"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
cd "$tmp" || exit 1

# inspect FILE: run the tool; $out is its stdout line after "FILE: ",
# $name and $signer the values of its name= and sid= fields.
inspect() {
	"$tool" inspect "$1" >out 2>err
	rc=$?
	if [ "$rc" -eq "$SAN_EXIT" ] || grep -qE 'Sanitizer|runtime error:' err; then
		fail "no sanitizer report: inspect $1" "$(cat err)"
	fi
	out=$(sed "s|^$1: ||" out)
	name=$(printf '%s\n' "$out" | sed -nE 's/.* name=([^ ]*).*/\1/p')
	signer=$(printf '%s\n' "$out" | sed -nE 's/.* sid=([^ ]*).*/\1/p')
}

# check_eq DESC GOT WANT: GOT is WANT (the library's check runs a command)
check_eq() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "got:  $2" "want: $3" "inspect: $out"
	fi
}

# sign PAYLOAD P7 OUT: the module image PAYLOAD, P7, info block, marker,
# as scripts/sign-file lays it out.
sign() {
	cat "$1" "$2" >"$3" &&
	sig_len=$(wc -c <"$2") &&
	printf '\000\000\002\000\000\000\000\000' >>"$3" &&
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' \
		$((sig_len >> 24 & 255)) $((sig_len >> 16 & 255)) \
		$((sig_len >> 8 & 255)) $((sig_len & 255)))" >>"$3" &&
	printf '~Module signature appended~\n' >>"$3"
}

# The hex of the DER contents of a positive INTEGER from the hex of its
# value (as openssl and kmod print it): a 00 sign octet when the first
# digit is 8 or more.
der_serial() {
	h=$(printf '%s' "$1" | tr -d ':' | tr 'A-F' 'a-f')
	[ $((${#h} % 2)) -eq 1 ] && h=0$h
	case $h in [89a-f]*) h=00$h ;; esac
	printf '%s\n' "$h"
}

# --- ELF objects from the toolchain

cat >modinfo.c <<'EOF'
static const char license[] __attribute__((section(".modinfo"), used)) =
	"license=GPL";
static const char name[] __attribute__((section(".modinfo"), used)) =
	"name=foo";
EOF

# The head of the kernel's struct module: enum module_state, then a
# struct list_head, then char name[MODULE_NAME_LEN]. The compiler, not
# modguard, decides where name lands.
cat >thismod.c <<'EOF'
enum module_state { MODULE_STATE_LIVE };
struct list_head { struct list_head *next, *prev; };
struct module {
	enum module_state state;
	struct list_head list;
	char name[64 - sizeof(unsigned long)];
	char rest[200];
};
__attribute__((section(".gnu.linkonce.this_module"), used))
struct module __this_module = { .name = "bar" };
static const char license[] __attribute__((section(".modinfo"), used)) =
	"license=GPL";
int f(void) { return 0; }
EOF

printf 'int g(void) { return 1; }\n' >plain.c

if gcc -c modinfo.c -o gcc.o 2>err; then
	inspect gcc.o
	check_eq "gcc -c object with .modinfo: name from name=" "$out" \
		"reason=unsigned name=foo sid=?"
else
	fail "gcc -c modinfo.c" "$(cat err)"
fi

if gcc -O2 -g -ffunction-sections -fdata-sections -c modinfo.c -o gccg.o \
	2>err; then
	inspect gccg.o
	check_eq "gcc -O2 -g -ffunction-sections object (debug sections)" \
		"$name" foo
else
	fail "gcc -g -c modinfo.c" "$(cat err)"
fi

if gcc -c thismod.c -o this.o 2>err; then
	inspect this.o
	check_eq "gcc object without name=: name from this_module (offset 24)" \
		"$name" bar
else
	fail "gcc -c thismod.c" "$(cat err)"
fi

if gcc -c plain.c -o plain.o 2>err; then
	inspect plain.o
	check_eq "gcc object without .modinfo or this_module: no name" \
		"$out" "reason=unsigned name=? sid=?"
else
	fail "gcc -c plain.c" "$(cat err)"
fi

if have ld && [ -f this.o ] && [ -f gcc.o ]; then
	# One .modinfo from both inputs: license=GPL from this.o first.
	if ld -r this.o gcc.o -o merged.o 2>err; then
		inspect merged.o
		# name=foo in .modinfo, another name in this_module: the
		# loader would register the latter, so no name is trusted.
		check_eq "ld -r: .modinfo and this_module names differ: no name" \
			"$name" "?"
	else
		fail "ld -r" "$(cat err)"
	fi
else
	skip "ld -r: no ld"
fi

if have clang; then
	if clang -c modinfo.c -o clang.o 2>err; then
		inspect clang.o
		check_eq "clang -c object with .modinfo" "$name" foo
	else
		fail "clang -c modinfo.c" "$(cat err)"
	fi
else
	skip "clang objects: no clang"
fi

if gcc -m32 -c modinfo.c -o m32.o 2>/dev/null; then
	inspect m32.o
	check_eq "gcc -m32 object (ELFCLASS32): not a module, no name" "$name" "?"
else
	skip "ELFCLASS32 object: gcc -m32 cannot compile here"
fi

# --- the test modules of the VM rig (scripts/vm/build-modules.sh)

if ls "$modules"/*.ko >/dev/null 2>&1; then
	for ko in "$modules"/*.ko; do
		base=$(basename "$ko")
		inspect "$ko"
		if have modinfo; then
			want=$(modinfo -F name "$ko" 2>/dev/null)
		else
			want=mg_${base%%-*}
		fi
		check_eq "$base: name is modinfo's (${want:-none})" "$name" \
			"${want:-?}"
		have modinfo || continue
		key=$(modinfo -F sig_key "$ko" 2>/dev/null)
		case $base in
		alpha-ber.ko)
			# BER, which modguard's DER reader refuses (and the
			# kernel then refuses the module): no signer named.
			check_eq "$base: no signer named (modinfo: '${key}')" \
				"$signer" "?"
			continue ;;
		alpha-sha3.ko)
			# Debian 12's kmod (30) prints no signature fields for
			# a sha3-256 signature: the certificate's serial instead.
			if [ -z "$key" ] && [ -f "$keys/trusted-rsa.crt" ]; then
				serial=$(openssl x509 -in "$keys/trusted-rsa.crt" \
					-noout -serial | cut -d= -f2)
				echo "# $base: kmod prints no sig_key for a sha3-256 signature"
				check_eq "$base: signer is trusted-rsa.crt's serial" \
					"$signer" "serial:$(der_serial "$serial")"
				continue
			fi ;;
		alpha-twosigners.ko)
			# inspect shows the first of its two SignerInfos, as
			# modinfo does; verify and the kernel refuse the module
			# as malformed-signature (cli_verify.sh, VM scenarios).
			check_eq "$base: first SignerInfo's signer, as modinfo's sig_key $key" \
				"$signer" "serial:$(der_serial "$key")"
			continue ;;
		esac
		if [ -n "$key" ]; then
			check_eq "$base: signer is modinfo's sig_key $key" "$signer" \
				"serial:$(der_serial "$key")"
		elif [ "$base" = alpha-skid.ko ] &&
		     [ -f "$keys/trusted-rsa.crt" ]; then
			skid=$(openssl x509 -in "$keys/trusted-rsa.crt" -noout \
				-ext subjectKeyIdentifier 2>/dev/null |
				sed -n '2p' | tr -d ' :' | tr 'A-F' 'a-f')
			echo "# $base: modinfo prints no sig_key (kmod reads only issuer and serial sids)"
			check_eq "$base: signer is the SKID of trusted-rsa.crt" \
				"$signer" "skid:$skid"
		else
			case $out in
			reason=ok*)
				fail "$base: signed, but modinfo has no sig_key" \
					"$out" ;;
			*)
				check_eq "$base: not signed: no signer" "$signer" "?" ;;
			esac
		fi
	done
else
	skip "test modules: not built ($modules/*.ko; make modules)"
fi

# --- PKCS#7 signatures from openssl cms

if ! have openssl; then
	skip "openssl signatures: no openssl"
elif [ ! -f gcc.o ]; then
	skip "openssl signatures: no payload object"
else
	# newcert NAME ARGS...: NAME.key and NAME.crt, self-signed, CN=t.
	newcert() {
		n=$1
		shift
		openssl req -x509 -nodes -subj /CN=t -keyout "$n.key" \
			-out "$n.crt" -days 1 "$@" >/dev/null 2>err ||
			fail "openssl req $n" "$(cat err)"
	}
	# cms CERT OUT ARGS...: a detached DER signature of gcc.o by CERT.
	cms() {
		c=$1
		o=$2
		shift 2
		openssl cms -sign -binary -outform DER -in gcc.o \
			-signer "$c.crt" -inkey "$c.key" -out "$o" "$@" \
			>/dev/null 2>err || fail "openssl cms $o" "$(cat err)"
	}
	serial_of() {
		der_serial "$(openssl x509 -in "$1.crt" -noout -serial |
			sed 's/^serial=//')"
	}
	skid_of() {
		openssl x509 -in "$1.crt" -noout -ext subjectKeyIdentifier |
			sed -n '2p' | tr -d ' :' | tr 'A-F' 'a-f'
	}
	# signed DESC P7 WANT: gcc.o signed with P7; inspect's signer.
	signed() {
		if sign gcc.o "$2" "$2.ko"; then
			inspect "$2.ko"
			check_eq "$1" "$signer" "$3"
		else
			fail "$1: cannot append the signature"
		fi
	}

	newcert rsa -newkey rsa:2048
	newcert high -newkey rsa:2048 \
		-set_serial 0x8a0102030405060708090a0b0c0d0e0f10111213
	newcert small -newkey rsa:2048 -set_serial 5
	newcert ec -newkey ec -pkeyopt ec_paramgen_curve:secp384r1

	cms rsa rsa.p7 -noattr -nocerts -md sha256
	signed "issuer and serial (openssl cms as sign-file)" rsa.p7 \
		"serial:$(serial_of rsa)"
	cms high high.p7 -noattr -nocerts -md sha256
	signed "serial with the high bit set keeps the DER 00 octet" high.p7 \
		"serial:008a0102030405060708090a0b0c0d0e0f10111213"
	cms small small.p7 -noattr -nocerts -md sha256
	signed "one-byte serial" small.p7 "serial:05"
	cms rsa keyid.p7 -noattr -nocerts -md sha256 -keyid
	signed "subjectKeyIdentifier sid (-keyid)" keyid.p7 "skid:$(skid_of rsa)"
	cms rsa attrs.p7 -nocerts -md sha256
	signed "signed attributes present" attrs.p7 "serial:$(serial_of rsa)"
	cms rsa certs.p7 -noattr -md sha512
	signed "certificate included, sha512" certs.p7 "serial:$(serial_of rsa)"
	cms ec ec.p7 -noattr -nocerts -md sha384
	signed "ECDSA P-384 signer" ec.p7 "serial:$(serial_of ec)"
	cms ec eckeyid.p7 -nocerts -md sha384 -keyid
	signed "ECDSA P-384, SKID, signed attributes" eckeyid.p7 \
		"skid:$(skid_of ec)"

	# Two signers: DER sorts a SET OF by encoding, so either may be first.
	if openssl cms -sign -binary -outform DER -in gcc.o -noattr -nocerts \
		-md sha256 -signer rsa.crt -inkey rsa.key -signer high.crt \
		-inkey high.key -out two.p7 >/dev/null 2>err &&
	   sign gcc.o two.p7 two.ko; then
		inspect two.ko
		case $signer in
		"serial:$(serial_of rsa)" | "serial:$(serial_of high)")
			pass "two signers: the first SignerInfo's serial ($signer)" ;;
		*)
			fail "two signers: the first SignerInfo's serial" "$out" ;;
		esac
	else
		fail "openssl cms with two signers" "$(cat err)"
	fi

	# kmod's convention: sig_key is the serial as a number, without the
	# sign octet, so modguard's id is 00 + sig_key exactly when the first
	# byte of the number is 0x80 or more.
	if have modinfo; then
		for s in rsa high small; do
			key=$(modinfo -F sig_key "./$s.p7.ko" 2>/dev/null)
			inspect "$s.p7.ko"
			if [ -z "$key" ]; then
				fail "modinfo -F sig_key on $s.p7.ko prints nothing"
				continue
			fi
			check_eq "kmod's sig_key $key is modguard's serial without the sign octet" \
				"$signer" "serial:$(der_serial "$key")"
		done
		key=$(modinfo -F sig_key ./keyid.p7.ko 2>/dev/null)
		echo "# modinfo -F sig_key for a SKID signature: '${key}'"
	else
		skip "kmod's sig_key convention: no modinfo"
	fi
fi

summary realworld.sh
