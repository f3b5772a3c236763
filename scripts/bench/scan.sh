#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make bench, userspace part: modguardctl scan over real trees of signed
# modules, against per-file `openssl cms -verify` and against one
# sha256 pass over the same bytes (the floor: sha256-floor.c), and one pass
# plus one signature verification per file (a verifier's floor), on 1 and
# 2 cores (taskset).
# Prints "scan ..." lines (wall and CPU seconds, each the least of
# $BENCH_SCAN_RUNS runs, page cache warm) that scripts/bench/report.py
# reads; set= tells the trees apart.
#
# set=6.1: the modules of Debian's newest linux-image-6.1.0-N-amd64
# (apt-get download, kept in $MODGUARD_CACHE/bench-tree; ~4000 plain .ko
# signed sha256 with RSA-4096), checked against the certificate built into
# its vmlinuz. Without the package (no network), a tree of copies of the
# rig's signed benchmark modules and the trusted test certificate instead.
# set=6.12: those of Debian's newest linux-image-6.12.N+deb12-amd64
# (~4200 .ko.xz, the signature inside the compression, ECDSA P-384 with
# sha256): the floors decompress each file (liblzma) before hashing it;
# only the floors and modguardctl scan run on it. Skipped without the
# package.
set -eu
. "$(dirname "$0")/../lib.sh"

runs=${BENCH_SCAN_RUNS:-3}
mg="$MODGUARD_ROOT/userspace-tools/modguardctl"
top="$MODGUARD_CACHE/bench-tree"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$top"

# debian_tree PATTERN DIR: the package of `apt-cache pkgnames` matching
# PATTERN (an ERE), the newest, extracted into $top/DIR once.
debian_tree() {
	pkg=$(apt-cache pkgnames linux-image-6. | grep -E "$1" |
		sort -V | tail -n 1)
	[ -n "$pkg" ] || return 1
	d="$top/$2"
	if [ ! -f "$top/$pkg.done" ]; then
		rm -rf "$d"
		mkdir -p "$d"
		(cd "$d" && apt-get download -q "$pkg" >/dev/null 2>&1) ||
			return 1
		dpkg-deb -x "$d"/*.deb "$d/x"
		sh "$KSRC/scripts/extract-vmlinux" "$d"/x/boot/vmlinuz-* \
			> "$d/vmlinux"
		python3 "$MODGUARD_ROOT/scripts/bench/vmlinux-certs.py" \
			"$d/vmlinux" > "$d/certs.pem"
		rm -f "$d/vmlinux" "$d"/*.deb
		touch "$top/$pkg.done"
	fi
	tree="$d/x/lib/modules"
	cert="$d/certs.pem"
}

rig_tree() {
	tree="$top/rig"
	rm -rf "$tree"
	mkdir -p "$tree"
	i=0
	while [ $i -lt 400 ]; do
		for s in 4k 64k 1m; do
			cp "$MODDIR/bench/mg_bench_$s.ko" "$tree/m$i-$s.ko"
		done
		i=$((i + 1))
	done
	cert="$KEYDIR/trusted-rsa.crt"
	what="copies of the rig's mg_bench_{4k,64k,1m}.ko (RSA-2048, sha256)"
}

# The floors: each file read once (and decompressed, if .xz) and hashed
# (sha256, libcrypto); and that plus one signature verification with the
# tree's signing key (a verifier's).
floor="$work/sha256-floor"
gcc -O2 -Wall -Wextra -Werror -o "$floor" \
	"$MODGUARD_ROOT/scripts/bench/sha256-floor.c" -lcrypto -llzma -lpthread

# best COMMAND...: "seconds=WALL cpu=CPU", each the least of $runs runs;
# CPU is the user and system time of the command and its children, which
# the host's other work disturbs far less than the wall clock.
best() {
	python3 - "$runs" "$@" <<'PY'
import os, subprocess, sys, time
wall = cpu = None
for _ in range(int(sys.argv[1])):
    before = os.times()
    t0 = time.monotonic()
    subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    t = time.monotonic() - t0
    after = os.times()
    c = (after.children_user - before.children_user +
         after.children_system - before.children_system)
    wall = t if wall is None else min(wall, t)
    cpu = c if cpu is None else min(cpu, c)
print("seconds=%.4f cpu=%.4f" % (wall, cpu))
PY
}

# The openssl comparison runs on every 32nd file (a process per file is
# slow), split beforehand (not timed) into payload and PKCS#7 as
# `openssl cms -verify` takes them. Plain .ko only.
cms_prepare() {
	mkdir -p "$work/split"
	awk 'NR % 32 == 1' "$work/files" > "$work/sample"
	python3 - "$work/sample" "$work/split" <<'PY'
import sys
marker = b"~Module signature appended~\n"
for i, path in enumerate(open(sys.argv[1]).read().split()):
    img = open(path, "rb").read()
    assert img.endswith(marker), path
    sig_len = int.from_bytes(img[-len(marker) - 4:-len(marker)], "big")
    end = len(img) - len(marker) - 12
    with open("%s/%d.bin" % (sys.argv[2], i), "wb") as f:
        f.write(img[:end - sig_len])
    with open("%s/%d.p7s" % (sys.argv[2], i), "wb") as f:
        f.write(img[end - sig_len:end])
PY
	sample_files=$(wc -l < "$work/sample")
	sample_bytes=$(tr '\n' '\0' < "$work/sample" | xargs -0 stat -c %s |
		awk '{ s += $1 } END { print s }')
	for p in "$work"/split/*.p7s; do
		echo "-in $p -content ${p%.p7s}.bin"
	done > "$work/cms-args"
	# shellcheck disable=SC2046 # the words of one line of cms-args
	openssl cms -verify -binary -inform DER -certfile "$cert" -nointern \
		-noverify -out /dev/null $(head -n 1 "$work/cms-args") 2>/dev/null ||
		die "openssl cms -verify refuses $(head -n 1 "$work/sample")"
}

# measure SET: the "scan ..." lines of the tree $tree ($cert, $what).
# The floors and modguardctl scan on every tree; modguardctl hash and
# openssl cms on set 6.1 only (plain .ko).
measure() {
	tag=$1
	find "$tree" -type f \( -name '*.ko' -o -name '*.ko.xz' \) |
		LC_ALL=C sort > "$work/files"
	files=$(wc -l < "$work/files")
	bytes=$(tr '\n' '\0' < "$work/files" | xargs -0 stat -c %s |
		awk '{ s += $1 } END { print s }')
	"$mg" scan -c "$cert" "$tree" > "$work/scan.out" ||
		die "modguardctl scan refuses modules of $tree: $(tail -n 3 "$work/scan.out")"
	# Untimed: the bytes hashed (decompressed), and a warm page cache.
	hashed=$("$floor" 2 < "$work/files" | sed -n 's/.* bytes=//p')
	echo "scan set=$tag tree=$tree files=$files bytes=$bytes hashed=$hashed what=$what"
	[ "$tag" != 6.1 ] || cms_prepare

	# Each measured command runs under taskset, the xargs pipelines in
	# sh -c.
	list="tr '\\n' '\\0' < $work/files | xargs -0"
	for cores in 1 2; do
		cpus=0
		[ "$cores" = 1 ] || cpus=0-1
		on() { best taskset -c "$cpus" "$@"; }
		each="set=$tag cores=$cores files=$files bytes=$bytes"
		t=$(on sh -c "$floor $cores < $work/files")
		echo "scan tool=floor $each $t"
		t=$(on sh -c "$floor $cores $cert < $work/files")
		echo "scan tool=floor-verify $each $t"
		t=$(on "$mg" scan --jobs "$cores" -c "$cert" "$tree")
		echo "scan tool=modguardctl-scan $each $t"
		[ "$tag" = 6.1 ] || continue
		# modguardctl hash: the payload digest only (libcrypto), no
		# signature.
		t=$(on sh -c "$list -P $cores -n 256 $mg hash")
		echo "scan tool=modguardctl-hash $each $t"
		t=$(on sh -c "xargs -P $cores -L 1 openssl cms -verify -binary \
			-inform DER -certfile $cert -nointern -noverify \
			-out /dev/null < $work/cms-args")
		echo "scan tool=openssl-cms set=$tag cores=$cores files=$sample_files bytes=$sample_bytes $t"
	done
}

if debian_tree '^linux-image-6\.1\.0-[0-9]+-amd64$' debian; then
	what="$pkg (Debian; plain .ko, RSA-4096, sha256)"
else
	log "no Debian linux-image package: scanning copies of the rig's modules"
	rig_tree
fi
measure 6.1
perf_tree=$tree perf_cert=$cert

if debian_tree '^linux-image-6\.12\.[0-9]+\+deb12-amd64$' debian-6.12; then
	what="$pkg (Debian; .ko.xz, ECDSA P-384, sha256)"
	measure 6.12
else
	log "no Debian linux-image-6.12 package: no scan of a .ko.xz tree"
fi

# Where modguardctl scan spends its time on set 6.1 (one core), if perf
# can sample here: a sha256 with symbols (mbedTLS's, as modguardctl hashed
# until 2026-11), the rest of mbedTLS (X.509, ASN.1, and the RSA/ECDSA
# verify of what libcrypto refuses), libcrypto (its digests and signature
# checks; Debian's is stripped, so they are not told apart), the kernel
# (reading files), everything else.
if perf record -q -o "$work/perf.data" -- "$mg" scan --jobs 1 \
	-c "$perf_cert" "$perf_tree" > /dev/null 2>&1; then
	perf report -i "$work/perf.data" --no-children --sort dso,sym \
		-g none --stdio -q 2>/dev/null | awk '
		$1 ~ /%$/ {
			p = $1 + 0
			if ($0 ~ /sha256_process|sha256_block/) sha += p
			else if ($2 ~ /mbedcrypto|mbedx509/) mbed += p
			else if ($2 ~ /libcrypto/) lc += p
			else if ($2 ~ /kernel/) k += p
			else other += p
		}
		END {
			printf "scan perf sha256=%.1f mbedtls_other=%.1f libcrypto=%.1f kernel=%.1f other=%.1f\n",
				sha, mbed, lc, k, other
		}'
fi
