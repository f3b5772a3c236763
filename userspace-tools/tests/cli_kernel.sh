#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# modguardctl certs, verify --kernel, scan --kernel and diagnose --kernel
# (the ASan/UBSan build): the certificates built into a kernel image.
#
# First on images made here, laid out as certs/system_certificates.S and
# certs/revocation_certificates.S lay them out (a run of DER
# certificates, CONFIG_SYSTEM_EXTRA_CERTIFICATE's zero fill, the list
# size and module_cert_size as 64-bit words), inside filler, then wrapped
# in a bzImage (setup header, boot protocol 2.15) with an xz, gzip or
# zstd payload and Kbuild's appended size. Then on the rig's own kernel
# ($MODGUARD_CACHE/build/vm: vmlinux and bzImage), whose lists must be
# exactly the certificate files its build embedded, and whose
# certificates must verify the rig's signed modules as the certificate
# files do; and on Debian's vmlinuz in /boot when there is one.
#
# usage: cli_kernel.sh MODGUARDCTL
# Prints "ok - ..." or "FAIL - ..." per check and a last line
# "# cli_kernel.sh: N passed, N failed"; exits 1 if any check failed.

set -u

tool=$1
. "$(dirname "$0")/clilib.sh"

cache=${MODGUARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/modguard}
kout=$cache/build/vm

cd "$tmp" || exit 1

# bzimage OUT PAYLOAD: a bzImage around an already compressed payload
# (setup_sects 1; payload_offset counts from the protected-mode code).
bzimage() {
	python3 - "$@" <<'PY'
import struct, sys
out, payload = sys.argv[1], open(sys.argv[2], "rb").read()
setup = bytearray(2 * 512)
setup[0x1f1] = 1
setup[0x1fe:0x200] = b"\x55\xaa"
setup[0x202:0x206] = b"HdrS"
setup[0x206:0x208] = struct.pack("<H", 0x020f)
pm = bytearray(b"\x90" * 700)
setup[0x248:0x24c] = struct.pack("<I", len(pm))
setup[0x24c:0x250] = struct.pack("<I", len(payload))
open(out, "wb").write(bytes(setup + pm + payload + b"\0" * 64))
PY
}

# The size Kbuild appends to the compressed payload (little-endian).
append_size() {
	python3 -c '
import os, struct, sys
sys.stdout.buffer.write(struct.pack("<I", os.path.getsize(sys.argv[1])))' "$1"
}

sign() { # PAYLOAD NAME OUT
	openssl cms -sign -binary -nocerts -noattr -outform DER -md sha256 \
		-in "$1" -signer "$2.crt" -inkey "$2.key" -out "$3.p7s" &&
		mkmod "$1" "$3.p7s" "$3"
}

sha() { openssl dgst -sha256 -r "$1" | cut -c1-64; }

for k in signer extra revoked stranger; do
	openssl req -x509 -newkey rsa:2048 -nodes -keyout $k.key -out $k.crt \
		-subj "/CN=kernel test $k" -days 3650 2>/dev/null &&
		openssl x509 -in $k.crt -outform DER -out $k.der || exit 1
done
printf 'payload of a module\n' >payload
mkdir mods
sign payload signer mods/good.ko
sign payload revoked mods/revoked.ko
sign payload stranger mods/stranger.ko
cp payload mods/unsigned.ko

image vmlinux 0 signer.der extra.der revoked.der -- revoked.der
image vmlinux-extra 4096 signer.der -- revoked.der
image vmlinux-norev 0 signer.der --
xz --check=crc32 -c vmlinux >p.xz && append_size vmlinux >>p.xz
gzip -9 -c vmlinux >p.gz && append_size vmlinux >>p.gz
zstd -q -19 -c vmlinux >p.zst && append_size vmlinux >>p.zst
bzimage bz-xz p.xz
bzimage bz-gz p.gz
bzimage bz-zst p.zst
for f in vmlinux bz-xz bz-gz bz-zst; do
	[ -s "$f" ] || { fail "fixture $f built"; done_tests cli_kernel.sh; exit 1; }
done

want="system 0: sha256=$(sha signer.der)
system 1: sha256=$(sha extra.der)
system 2: sha256=$(sha revoked.der)
revocation 0: sha256=$(sha revoked.der)"
run certs vmlinux
sed 's/ serial=.*//' "$tmp/out" >"$tmp/got"
expect_file "certs VMLINUX: the system and revocation lists, in order" \
	"$tmp/got" "$want
"
expect "  ... with serial, skid and subject" 0 out \
	'^system 0: sha256=[0-9a-f]{64} serial=[0-9a-f]+ skid=[0-9a-f]{40} subject=kernel test signer$'
for f in bz-xz bz-gz bz-zst; do
	run certs "$f"
	sed 's/ serial=.*//' "$tmp/out" >"$tmp/got"
	expect_file "certs of a bzImage (${f#bz-} payload): the same lists" \
		"$tmp/got" "$want
"
done
run certs --json bz-xz
expect_json "certs --json: one object per certificate" 0 '(
  [(o["list"], o["index"], o["parsed"]) for o in objs] ==
  [("system", 0, True), ("system", 1, True), ("system", 2, True),
   ("revocation", 0, True)] and objs[0]["subject"] == "kernel test signer" and
  objs[0]["size"] == int(argv[0]))' "$(wc -c <signer.der)"
# A certificate without a CN or a subject key identifier: ? in the
# text, null in JSON.
if openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout nocn.key -out nocn.crt -subj "/O=no common name" \
	-addext "subjectKeyIdentifier=none" -days 3650 2>/dev/null &&
   openssl x509 -in nocn.crt -outform DER -out nocn.der; then
	image vmlinux-nocn 0 signer.der nocn.der --
	run certs vmlinux-nocn
	expect "certs: no CN, no skid: ? in the text" 0 out \
		'^system 1: sha256=[0-9a-f]{64} serial=[0-9a-f]+ skid=\? subject=\?$'
	run certs --json vmlinux-nocn
	expect_json "certs --json: no CN, no skid: null, never \"?\"" 0 \
		'objs[1]["subject"] is None and objs[1]["skid"] is None and objs[1]["parsed"] and objs[0]["skid"] is not None and "?" not in [v for o in objs for v in o.values()]'
else
	skip "openssl cannot make a certificate without a subject key identifier"
fi
run certs vmlinux-extra
expect "CONFIG_SYSTEM_EXTRA_CERTIFICATE's zero fill is skipped" 0 out \
	"^system 0: sha256=$(sha signer.der) "
run certs vmlinux-norev
expect "no revocation list: the system list alone" 0 out "^system 0: "
if grep -q '^revocation' "$tmp/out"; then
	fail "  ... and no revocation line"
else
	pass "  ... and no revocation line"
fi

# verify: the image's certificates trusted, its revocation list refused.
check_verify() { # DESC IMAGE FILE WANT_REASON
	run verify --kernel "$2" "$3"
	rc_want=1
	[ "$4" = ok ] && rc_want=0
	expect "$1" "$rc_want" out "^$3: [a-z]+ reason=$4 "
}
for img in vmlinux bz-xz bz-gz bz-zst; do
	check_verify "verify --kernel $img: signed by its certificate: ok" \
		"$img" mods/good.ko ok
done
check_verify "verify --kernel: signer on its revocation list: revoked-key" \
	bz-xz mods/revoked.ko revoked-key
check_verify "verify --kernel: signer not built in: untrusted-key" \
	bz-xz mods/stranger.ko untrusted-key
check_verify "verify --kernel: unsigned" bz-xz mods/unsigned.ko unsigned
check_verify "verify --kernel (no revocation list): the same signer is ok" \
	vmlinux-norev mods/good.ko ok
# A 7.x kernel may build in ML-DSA keys, which modguardctl cannot read
# (extra.der's key algorithm rewritten to id-ml-dsa-65): the others still
# verify, and the warning says why one was left out.
python3 - extra.der mldsa.der <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
rsa = bytes.fromhex("06092a864886f70d010101")
assert d.count(rsa) == 1
open(sys.argv[2], "wb").write(d.replace(rsa, bytes.fromhex("0609608648016503040312")))
PY
image vmlinux-mldsa 0 signer.der mldsa.der --
check_verify "verify --kernel with an ML-DSA key built in: the rest still ok" \
	vmlinux-mldsa mods/good.ko ok
if mldsa_verified; then
	why='ML-DSA keys that do not parse'
else
	why="ML-DSA keys: modguardctl's libcrypto has no ML-DSA"
fi
expect "  ... warns that the ML-DSA certificate is left out" 0 err \
	"1 certificate of the kernel image could not be parsed and is ignored \\($why\\)"
# certs reads the ML-DSA certificate's ids without mbedTLS, and says its
# key's algorithm.
run certs vmlinux-mldsa
expect "certs: the ML-DSA certificate with its SKID, subject and algorithm" \
	0 out '^system 1: sha256=[0-9a-f]{64} serial=[0-9a-f]+ skid=[0-9a-f]{40} \(ML-DSA-65 key\) subject=[^?]'
run verify --kernel vmlinux-norev --cert stranger.crt mods/stranger.ko
expect "verify --kernel and --cert together: both trusted" 0 out 'reason=ok'
run scan --kernel bz-zst --json mods
expect_json "scan --kernel: every file, the reasons counted" 1 '(
  objs[-1]["summary"] == {"files": 4, "ok": 1, "refused": 3, "errors": 0,
  "reasons": {"unsigned": 1, "untrusted-key": 1, "revoked-key": 1}})'
# (On this host's kernel state; the payload is no ELF, so the vermagic
# check fails and the exit status is 1 whatever the host.)
run diagnose --kernel bz-gz --json mods/good.ko
expect_json "diagnose --kernel: the certificate found, the signature checked" 1 '(
  [c["status"] for c in objs[0]["checks"] if c["check"] == "signature"] == ["ok"])'

# diagnose without --kernel: the running kernel's image under
# MODGUARD_BOOT, named by the release in MODGUARD_PROCFS, finds the
# issuer-and-serial signer's key (the keyrings are fixtures).
mkdir -p proc/sys/kernel rings boot
echo 9.9.9-test >proc/sys/kernel/osrelease
skid=$(openssl x509 -in signer.crt -noout -ext subjectKeyIdentifier |
	sed -n '2{s/^ *//; s/://g; p}' | tr 'A-F' 'a-f')
cat >proc/keys <<EOK
00000010 I------     1 perm 1f0b0000     0     0 keyring   .builtin_trusted_keys: 1
00000020 I------     1 perm 1f030000     0     0 asymmetri kernel test signer: $skid: X509.rsa 01020304 []
EOK
echo 32 >rings/.builtin_trusted_keys
export MODGUARD_PROCFS="$tmp/proc" MODGUARD_KEYRINGS="$tmp/rings" \
	MODGUARD_BOOT="$tmp/boot"
# (Exit status 1: the payload is no ELF, so the vermagic check fails.)
run diagnose --json mods/good.ko
expect_json "diagnose, no image in MODGUARD_BOOT: the serial signer's key unknown" 1 \
	'[c["status"] for c in objs[0]["checks"] if c["check"] == "key"] == ["unknown"]'
cp bz-xz boot/vmlinuz-9.9.9-test
run diagnose --json mods/good.ko
expect_json "  ... with vmlinuz-RELEASE there: the key found, the signature checked" 1 \
	'[c["status"] for c in objs[0]["checks"] if c["check"] in ("signature", "key")] == ["ok", "ok"]'
cp payload boot/vmlinuz-9.9.9-test
run diagnose --json mods/good.ko
expect_json "  ... an image without certificates there is ignored" 1 \
	'[c["status"] for c in objs[0]["checks"] if c["check"] == "key"] == ["unknown"]'
if [ -s "$tmp/err" ]; then
	fail "  ... silently" "$(cat "$tmp/err")"
else
	pass "  ... silently"
fi
unset MODGUARD_PROCFS MODGUARD_KEYRINGS MODGUARD_BOOT

# Bad images: exit 1 with a message; bad command lines: 2.
run certs payload
expect "certs of a file that is no kernel: exit 1" 1 err 'no system certificate list found'
head -c 2000 bz-xz >bz-trunc
run verify --kernel bz-trunc mods/good.ko
expect "a bzImage whose payload lies outside the file: exit 1" 1 err 'payload lies outside the file'
python3 -c '
import sys
b = bytearray(open("bz-xz", "rb").read()); b[1100 + 700 + 40] ^= 0xff
open("bz-bad", "wb").write(bytes(b))'
run verify --kernel bz-bad mods/good.ko
expect "a corrupt xz payload: exit 1" 1 err 'bz-bad: bzImage \(xz\): cannot decompress'
run verify --kernel vmlinux --kernel vmlinux mods/good.ko
expect "--kernel twice: usage error" 2 err -- '--kernel given twice'
run certs
expect "certs without IMAGE: usage error" 2 err 'missing IMAGE'
run certs nonexistent
expect "certs of a missing file: exit 1" 1 err 'nonexistent: No such file or directory'

# The rig's kernel: its lists are the certificate files its build
# embedded, vmlinux and bzImage alike, and they verify its modules.
if [ -f "$kout/vmlinux" ] && [ -f "$kout/arch/x86/boot/bzImage" ] &&
   [ -f "$kout/certs/x509_certificate_list" ]; then
	python3 - "$kout/certs" >"$tmp/want" <<'PY'
import hashlib, sys
def certs(name):
    try:
        d = open(sys.argv[1] + "/" + name, "rb").read()
    except FileNotFoundError:
        return []
    out, p = [], 0
    while p + 4 <= len(d):
        n = (d[p + 2] << 8 | d[p + 3]) + 4
        out.append(hashlib.sha256(d[p:p + n]).hexdigest())
        p += n
    return out
for i, h in enumerate(certs("signing_key.x509") + certs("x509_certificate_list")):
    print("system %d: sha256=%s" % (i, h))
for i, h in enumerate(certs("x509_revocation_list")):
    print("revocation %d: sha256=%s" % (i, h))
PY
	for img in "$kout/vmlinux" "$kout/arch/x86/boot/bzImage"; do
		run certs "$img"
		sed 's/ serial=.*//' "$tmp/out" >"$tmp/got"
		expect_same "rig kernel ${img#"$kout"/}: the certificates its build embedded" \
			"$tmp/got" "$tmp/want"
	done
	mods=$cache/build/modules/out
	n=0
	for m in "$mods"/*.ko "$mods"/*.ko.xz; do
		[ -f "$m" ] || continue
		run verify --kernel "$kout/arch/x86/boot/bzImage" "$m"
		got=$(sed -n 's/^[^ ]*: \([a-z]*\) reason=\([a-z-]*\) .*/\1 \2/p' "$tmp/out")
		run verify --cert "$cache/keys/trusted-rsa.crt" \
			--cert "$cache/keys/builtin-extra.crt" "$m"
		files=$(sed -n 's/^[^ ]*: \([a-z]*\) reason=\([a-z-]*\) .*/\1 \2/p' "$tmp/out")
		case ${m##*/} in
		alpha-revoked.ko) files="refused revoked-key" ;;
		esac
		if [ -n "$got" ] && [ "$got" = "$files" ]; then
			n=$((n + 1))
		else
			fail "rig module ${m##*/}: --kernel says '$got', the certificate files '$files'"
		fi
	done
	if [ "$n" -ge 10 ]; then
		pass "rig modules: verify --kernel bzImage agrees with the certificate files on all $n (alpha-revoked.ko: revoked-key)"
	else
		fail "rig modules: only $n checked"
	fi
else
	skip "the rig's kernel is not built ($kout): make vm"
fi

for v in /boot/vmlinuz-*; do
	[ -f "$v" ] || continue
	run certs "$v"
	expect "Debian's ${v#/boot/}: a system certificate list" 0 out '^system 0: '
done

done_tests cli_kernel.sh
