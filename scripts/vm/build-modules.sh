#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Build the test modules against the guest kernel and make the variants
# the VM scenarios load. Output: $MODDIR/out/<variant>.ko[.xz]
#
#   alpha-sha256     trusted RSA key, sha256         (loads)
#   alpha-sha512     trusted RSA key, sha512         (loads)
#   beta-ecdsa       trusted ECDSA P-384 key, sha384 (loads)
#   alpha-unsigned   no signature
#   alpha-untrusted  RSA key in no keyring
#   alpha-payload    alpha-sha256 with one payload byte flipped
#   alpha-sigflip    alpha-sha256 with one signature byte flipped
#   alpha-truncated  alpha-sha256 cut short: sig_len exceeds the file
#   alpha-siglen     alpha-sha256 whose RSA signature is one octet short
#   alpha-mldsa-oid  alpha-sha256 whose SignerInfo names ML-DSA-65 instead
#                    of RSA (the algorithm OID rewritten)
#   alpha-mldsa65    trusted ML-DSA-65 key (sha512, signed attributes:
#                    scripts/mldsa.sh); 7.x kernels only
#   alpha-mldsa65-payload  alpha-mldsa65 with one payload byte flipped
#   alpha-mldsa65-pure     the same key, pure ML-DSA: no signed attributes
#                    (what sign-file makes with OpenSSL 4)   (loads)
#   alpha-mldsa65-sha256   signed attributes with sha256, which 7.x's
#                    ML-DSA does not take (-EINVAL)
#   alpha-mldsa65-z, alpha-mldsa65-hint  alpha-mldsa65 whose signature
#                    does not decode: a z coefficient out of bounds, a
#                    hint index past omega (mldsa_verify(): -EBADMSG);
#                    these three are bad-signature all the same
#                    (pkcs7_validate_trust_one(): -EKEYREJECTED)
#   alpha-sha256.ko.xz  alpha-sha256 compressed as Kbuild does (crc32)
#   alpha-payload.ko.xz alpha-payload compressed: tampered inside
#   alpha-sha1, alpha-sha384, alpha-sha3  trusted RSA key, other digests
#                    (sha1, sha384, sha3-256: load)
#   alpha-skid       trusted RSA key, signer named by subjectKeyIdentifier
#   alpha-revoked    built-in key that is also on the revocation list
#   alpha-local      local-rsa: trusted once its cert is in .modguard
#   alpha-platform   platform-rsa: trusted only through .platform, once
#                    platform-db.efivar (its cert, as efivarfs takes a db
#                    append) is in the firmware's db
#   denied-sha256    mg_denied, trusted: refused by the builtin policy
#   alpha-unsigned2  alpha-unsigned with one payload byte changed; with
#                    alpha-unsigned.sha256, the digest policy rules use
#   gamma-sha256     trusted, and banned by a bin: hash at runtime; with
#                    gamma.blacklist (the key description) and
#                    gamma.blacklist.p7s (its signature by the builtin key)
set -eu
. "$(dirname "$0")/../lib.sh"

[ -f "$KOUT/Module.symvers" ] || die "build the kernel first (make kernel)"

src="$MODDIR/src"
out="$MODDIR/out"
mkdir -p "$src"
rm -rf "$out"
mkdir -p "$out"
cp -u "$MODGUARD_ROOT"/scripts/vm/modules/* "$src/"
make -s -C "$KSRC" ARCH=x86_64 O="$KOUT" M="$src" CC="ccache gcc" modules

sign() { # hash key variant module [sign-file flags]
	hash=$1 key=$2 variant=$3 module=$4
	shift 4
	"$KOUT/scripts/sign-file" "$@" "$hash" "$KEYDIR/$key.pem" \
		"$KEYDIR/$key.crt" "$src/$module.ko" "$out/$variant.ko"
}

cp "$src/mg_alpha.ko" "$out/alpha-unsigned.ko"
sign sha256 trusted-rsa alpha-sha256 mg_alpha
sign sha512 trusted-rsa alpha-sha512 mg_alpha
sign sha384 trusted-ecdsa beta-ecdsa mg_beta
sign sha256 untrusted-rsa alpha-untrusted mg_alpha
sign sha1 trusted-rsa alpha-sha1 mg_alpha
sign sha384 trusted-rsa alpha-sha384 mg_alpha
sign sha3-256 trusted-rsa alpha-sha3 mg_alpha
sign sha256 trusted-rsa alpha-skid mg_alpha -k
sign sha256 revoked-rsa alpha-revoked mg_alpha
# ML-DSA-65 (FIPS 204), signed with a newer OpenSSL than Debian 12's, for
# the 7.x kernels that verify it (6.12's parser does not know the
# algorithm: alpha-mldsa-oid shows that without a sid chroot, so 6.12's
# rig, make run included, needs none).
if [ "$KERNEL" != 6.12 ]; then
	"$MODGUARD_ROOT/scripts/mldsa.sh" sign "$out/alpha-unsigned.ko" \
		"$out/alpha-mldsa65.ko"
	"$MODGUARD_ROOT/scripts/mldsa.sh" sign-pure "$out/alpha-unsigned.ko" \
		"$out/alpha-mldsa65-pure.ko"
	"$MODGUARD_ROOT/scripts/mldsa.sh" sign "$out/alpha-unsigned.ko" \
		"$out/alpha-mldsa65-sha256.ko" sha256
fi
sign sha256 local-rsa alpha-local mg_alpha
sign sha256 platform-rsa alpha-platform mg_alpha
sign sha256 trusted-rsa gamma-sha256 mg_gamma
sign sha256 trusted-rsa denied-sha256 mg_denied
sign sha256 trusted-rsa autoload-sha256 mg_autoload
# Each test key's subject key identifier as openssl reads it: the signer
# id of signer= rules and audit records (an oracle for modguard's own).
for k in trusted-rsa trusted-ecdsa local-rsa platform-rsa; do
	openssl x509 -in "$KEYDIR/$k.crt" -noout -ext subjectKeyIdentifier |
		sed -n 's/^ *\([0-9A-F:]*\)$/\1/p' | tr -d ':' |
		tr 'A-F' 'a-f' > "$out/$k.skid"
	[ -s "$out/$k.skid" ]
done
# The trusted RSA key's signature with its certificate inside (openssl cms
# adds it; sign-file never does): the kernel trusts it through the
# certificate; modguard refuses it (build-time, never committed).
openssl cms -sign -binary -noattr -md sha256 -outform DER \
	-in "$src/mg_alpha.ko" -signer "$KEYDIR/trusted-rsa.crt" \
	-inkey "$KEYDIR/trusted-rsa.pem" -out "$out/alpha-certs.p7"
# An unsigned module's payload is the whole file.
sha256sum "$out/alpha-unsigned.ko" | cut -d' ' -f1 > "$out/alpha-unsigned.sha256"
cp "$KEYDIR/local-rsa.der" "$out/local-rsa.der"
# The builtin key's certificate, for the ima scenario's .ima keyring.
openssl x509 -in "$KEYDIR/trusted-rsa.crt" -outform DER -out "$out/trusted-rsa.der"
python3 "$MODGUARD_ROOT/scripts/vm/efi-db-update.py" \
	"$KEYDIR/platform-rsa.der" "$out/platform-db.efivar"

# A bin: blacklist entry for gamma-sha256 (the whole image, as Debian's
# loader hashes it), signed by the builtin key as
# CONFIG_SYSTEM_BLACKLIST_AUTH_UPDATE requires.
printf 'bin:%s' "$(sha256sum "$out/gamma-sha256.ko" | cut -d' ' -f1)" \
	> "$out/gamma.blacklist"
openssl smime -sign -nocerts -noattr -binary -md sha256 \
	-in "$out/gamma.blacklist" -inkey "$KEYDIR/trusted-rsa.pem" \
	-signer "$KEYDIR/trusted-rsa.crt" -outform DER \
	-out "$out/gamma.blacklist.p7s"

python3 - "$out" <<'PY'
import os, sys
out = sys.argv[1]
marker = b"~Module signature appended~\n"
img = open(os.path.join(out, "alpha-sha256.ko"), "rb").read()
assert img.endswith(marker)
sig_len = int.from_bytes(img[-len(marker) - 4:-len(marker)], "big")
payload_len = len(img) - len(marker) - 12 - sig_len

def put(name, data):
    with open(os.path.join(out, name + ".ko"), "wb") as f:
        f.write(data)

b = bytearray(img)
b[payload_len // 2] ^= 0x01
put("alpha-payload", b)

b = bytearray(img)
b[payload_len + sig_len - 1] ^= 0x01  # last byte of the signature value
put("alpha-sigflip", b)

if os.path.exists(os.path.join(out, "alpha-mldsa65.ko")):
    b = bytearray(open(os.path.join(out, "alpha-mldsa65.ko"), "rb").read())
    b[payload_len // 2] ^= 0x01
    put("alpha-mldsa65-payload", b)
    # The ML-DSA-65 signature (3309 octets: OCTET STRING 04 82 0c ed) made
    # undecodable: z's first coefficient 2^20 - 1 (|z| = gamma1 - 1, past
    # gamma1 - beta), or the last polynomial's hint end index 56 (> omega).
    # It ends the SignedData (no certificates, no unsigned attributes),
    # before the 12-octet module_signature and the 28-octet marker: found
    # where it is, not by a search the random octets before it could match.
    img65 = open(os.path.join(out, "alpha-mldsa65.ko"), "rb").read()
    at = len(img65) - 28 - 12 - 3309
    assert img65[at - 4:at] == bytes.fromhex("04820ced")
    b = bytearray(img65)
    b[at + 48:at + 51] = b"\xff\xff\xff"
    put("alpha-mldsa65-z", b)
    b = bytearray(img65)
    b[at + 3308] = 56
    put("alpha-mldsa65-hint", b)

b = bytearray(open(os.path.join(out, "alpha-unsigned.ko"), "rb").read())
b[len(b) // 2] ^= 0x01
put("alpha-unsigned2", b)

# The signature's algorithm OID rewritten from rsaEncryption to
# id-ml-dsa-65 (2.16.840.1.101.3.4.3.18, the same DER length): a
# SignerInfo that says ML-DSA-65, which Debian 12's OpenSSL cannot make.
rsa = bytes.fromhex("06092a864886f70d010101")
mldsa65 = bytes.fromhex("0609608648016503040312")
sig = img[payload_len:payload_len + sig_len]
assert sig.count(rsa) == 1
put("alpha-mldsa-oid", img[:payload_len] + sig.replace(rsa, mldsa65) +
    img[payload_len + sig_len:])

# Lose most of the payload and the PKCS#7 blob; keep the info block and
# marker, whose sig_len now claims more bytes than the file holds.
put("alpha-truncated", img[:64] + img[-len(marker) - 12:])

# Signatures the kernel's PKCS#7 code accepts but whose signer modguard
# cannot attribute for sure (issue 14): edited DER, made here from the
# real signatures, never committed.
def split(image):
    n = int.from_bytes(image[-len(marker) - 4:-len(marker)], "big")
    end = len(image) - len(marker) - 12
    return image[:end - n], image[end - n:end], image[end:end + 8]

def tlv(b, i):
    tag, n = b[i], b[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(b[i:i + k], "big")
        i += k
    return tag, i, n

def kids(val):
    out, i = [], 0
    while i < len(val):
        tag, j, n = tlv(val, i)
        out.append((tag, val[j:j + n]))
        i = j + n
    return out

def enc(tag, val, long_form=False):
    n = len(val)
    if n < 0x80 and not long_form:
        ln = bytes([n])
    else:
        nb = n.to_bytes(max(1, (n.bit_length() + 7) // 8), "big")
        ln = bytes([0x80 | len(nb)]) + nb
    return bytes([tag]) + ln + val

def join(parts):
    return b"".join(enc(t, v) for t, v in parts)

def signed_data(sig):
    (ci_tag, ci), = kids(sig)
    oid, (ctx_tag, ctx) = kids(ci)
    (sd_tag, sd), = kids(ctx)
    return oid, kids(sd)

def wrap(oid, sd_parts_bytes):
    return enc(0x30, enc(*oid) + enc(0xa0, enc(0x30, sd_parts_bytes)))

def module(payload, info, sig):
    return payload + sig + info + len(sig).to_bytes(4, "big") + marker

payload, sig, info = split(img)
oid, sd = signed_data(sig)
real_si = kids(sd[-1][1])[0][1]
beta = open(os.path.join(out, "beta-ecdsa.ko"), "rb").read()
_, beta_sd = signed_data(split(beta)[1])
beta_sid = kids(kids(kids(beta_sd[-1][1])[0][1])[1][1])
beta_serial = beta_sid[1][1]

# A fake first SignerInfo: issuer CN=bogus, the ECDSA key's serial, junk
# signature; alpha's real SignerInfo after it. The kernel skips the fake
# (no such key) and trusts the real one.
si = kids(real_si)
bogus = enc(0x30, enc(0x31, enc(0x30, enc(0x06, bytes([0x55, 4, 3])) +
                                  enc(0x0c, b"bogus"))))
si[1] = (0x30, bogus + enc(0x02, beta_serial))
si[-1] = (0x04, bytes([0x5a]) * len(si[-1][1]))
sis = enc(0x30, join(si)) + enc(0x30, real_si)
put("alpha-twosigners", module(payload, info,
    wrap(oid, join(sd[:-1]) + enc(0x31, sis))))

# The same signature, with the trusted key's certificate in it.
put("alpha-certs", module(payload, info,
    open(os.path.join(out, "alpha-certs.p7"), "rb").read()))
os.unlink(os.path.join(out, "alpha-certs.p7"))

# alpha-sha256's signature one octet short (its last dropped): the key is
# found, and RSA refuses a signature shorter than the key (-EINVAL), which
# pkcs7_validate_trust_one() makes -EKEYREJECTED: bad-signature.
si = kids(real_si)
si[-1] = (0x04, si[-1][1][:-1])
put("alpha-siglen", module(payload, info,
    wrap(oid, join(sd[:-1]) + enc(0x31, enc(0x30, join(si))))))

# The SignedData version INTEGER with a non-minimal length (02 81 01 01):
# BER, which the kernel's decoder takes and DER forbids.
ber = enc(0x02, sd[0][1], long_form=True) + join(sd[1:])
put("alpha-ber", module(payload, info, wrap(oid, ber)))
PY

for v in alpha-sha256 alpha-payload; do
	xz --check=crc32 --lzma2=dict=1MiB -T1 -k -c "$out/$v.ko" \
		> "$out/$v.ko.xz"
done
log "$(ls "$out" | wc -l) module variants in $out"

# make bench: mg_bench.c built at several sizes (nominal size:blob KiB),
# each signed by the trusted key (sha256) and kept unsigned too.
# Output: $MODDIR/bench/mg_bench_<size>.ko and mg_bench_<size>-unsigned.ko
bsrc="$MODDIR/bench-src"
bench="$MODDIR/bench"
rm -rf "$bench"
mkdir -p "$bsrc" "$bench"
bench_sizes="4k:0 64k:60 1m:1016 4m:4088"
for s in $bench_sizes; do
	m=mg_bench_${s%%:*}
	cp -u "$src/mg_bench.c" "$bsrc/$m.c"
	printf 'obj-m += %s.o\nCFLAGS_%s.o := -DMG_BENCH_KIB=%s\n' \
		"$m" "$m" "${s#*:}"
done > "$bsrc/Kbuild.new"
cmp -s "$bsrc/Kbuild.new" "$bsrc/Kbuild" || mv "$bsrc/Kbuild.new" "$bsrc/Kbuild"
rm -f "$bsrc/Kbuild.new"
make -s -C "$KSRC" ARCH=x86_64 O="$KOUT" M="$bsrc" CC="ccache gcc" modules
for s in $bench_sizes; do
	m=mg_bench_${s%%:*}
	cp "$bsrc/$m.ko" "$bench/$m-unsigned.ko"
	"$KOUT/scripts/sign-file" sha256 "$KEYDIR/trusted-rsa.pem" \
		"$KEYDIR/trusted-rsa.crt" "$bsrc/$m.ko" "$bench/$m.ko"
done
log "$(ls "$bench" | wc -l) benchmark modules in $bench"
