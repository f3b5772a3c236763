#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The PKCS#7 of a pure ML-DSA module signature, which OpenSSL before 4.0
cannot make with cms -sign (it always adds signed attributes for ML-DSA):
SignedData version 3, one SignerInfo version 3 found by the signer's
subjectKeyIdentifier, no signed attributes, around a signature that
openssl pkeyutl -sign -rawin made over the module itself. sign-file in
Linux 7.x makes this form with OpenSSL 4.

usage: mldsa_pkcs7.py SIG SKID_HEX ALG DIGEST OUT
  ALG     ML-DSA-44, ML-DSA-65 or ML-DSA-87
  DIGEST  the digestAlgorithm named (sha256, sha384, sha512; not used
          by the kernel without signed attributes)
"""
import sys

MLDSA = {"ML-DSA-44": 17, "ML-DSA-65": 18, "ML-DSA-87": 19}
DIGEST = {"sha256": 1, "sha384": 2, "sha512": 3}


def tlv(tag, body):
    n = len(body)
    if n < 0x80:
        head = bytes([n])
    elif n < 0x100:
        head = bytes([0x81, n])
    else:
        head = bytes([0x82, n >> 8, n & 0xff])
    return bytes([tag]) + head + body


def oid(hexs):
    return tlv(0x06, bytes.fromhex(hexs))


def main():
    sig_file, skid_hex, alg, digest, out = sys.argv[1:6]
    sig = open(sig_file, "rb").read()
    skid = bytes.fromhex(skid_hex.replace(":", ""))
    md = tlv(0x30, oid("60864801650304020%d" % DIGEST[digest]))
    pkey = tlv(0x30, oid("6086480165030403%02x" % MLDSA[alg]))
    si = tlv(0x30, tlv(0x02, b"\x03") + tlv(0x80, skid) + md + pkey +
             tlv(0x04, sig))
    sd = tlv(0x30, tlv(0x02, b"\x03") + tlv(0x31, md) +
             tlv(0x30, oid("2a864886f70d010701")) + tlv(0x31, si))
    ci = tlv(0x30, oid("2a864886f70d010702") + tlv(0xa0, sd))
    open(out, "wb").write(ci)


if __name__ == "__main__":
    main()
