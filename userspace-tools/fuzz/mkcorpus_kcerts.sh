#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Seed corpus of fuzz_kcerts, for `make corpus`: small images with the
# certificate lists laid out as the kernel lays them out (one and two
# certificates, with and without a revocation list, with zero fill), a
# bzImage setup header around an xz payload, and, when the rig's kernel
# is built, the window of its vmlinux that holds the lists (test
# certificates of our own build) and the first 4 KiB of its bzImage.
# Certificates are throwaway keys made here.
#
# usage: mkcorpus_kcerts.sh DIR

set -eu

dir=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$dir"
cache=${MODGUARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/modguard}

for k in a b; do
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$tmp/$k.key" -out "$tmp/$k.crt" -days 1 \
		-subj "/CN=seed $k" 2>/dev/null
	openssl x509 -in "$tmp/$k.crt" -outform DER -out "$tmp/$k.der"
done

python3 - "$tmp" "$dir" <<'PY'
import struct, sys
tmp, out = sys.argv[1], sys.argv[2]
a = open(tmp + "/a.der", "rb").read()
b = open(tmp + "/b.der", "rb").read()
def img(sysl, revl, fill):
    x = bytearray(b"\x11" * 16)
    run = b"".join(sysl)
    x += run + b"\0" * fill
    x += b"\0" * (-len(x) % 8)
    x += struct.pack("<QQ", len(run), len(sysl[0]) if sysl else 0)
    if revl:
        run = b"".join(revl)
        x += run + b"\0" * (-len(run) % 8) + struct.pack("<Q", len(run))
    return bytes(x + b"\x22" * 8)
open(out + "/one", "wb").write(img([a], [], 0))
open(out + "/two-rev", "wb").write(img([a, b], [b], 0))
open(out + "/fill", "wb").write(img([a], [b], 64))
hdr = bytearray(1024)
hdr[0x1f1] = 1
hdr[0x1fe:0x200] = b"\x55\xaa"
hdr[0x202:0x206] = b"HdrS"
hdr[0x206:0x208] = struct.pack("<H", 0x020f)
hdr[0x248:0x24c] = struct.pack("<I", 0)
payload = b"\xfd7zXZ\0" + b"\0" * 26
hdr[0x24c:0x250] = struct.pack("<I", len(payload))
open(out + "/bzimage-header", "wb").write(bytes(hdr) + payload)
PY

v=$cache/build/vm/vmlinux
if [ -f "$v" ] && [ -f "$cache/build/vm/certs/signing_key.x509" ]; then
	python3 - "$v" "$cache/build/vm/certs/signing_key.x509" "$dir/rig-vmlinux-lists" <<'PY'
import sys
v = open(sys.argv[1], "rb").read()
first = open(sys.argv[2], "rb").read()
i = v.find(first)
if i >= 0:
    open(sys.argv[3], "wb").write(v[i - 64:i + 8192])
PY
	head -c 4096 "$cache/build/vm/arch/x86/boot/bzImage" > "$dir/rig-bzimage-head"
fi
