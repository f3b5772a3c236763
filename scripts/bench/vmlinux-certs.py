#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Print, as PEM, the X.509 certificates built into a kernel image.

    vmlinux-certs.py VMLINUX > certs.pem

The trusted certificates of a kernel (system_certificate_list, among them
the ephemeral module signing key of a distribution build) are DER blobs in
its data. A stripped vmlinux has no symbol to find them by, so look for
DER SEQUENCEs shaped like a certificate (a SEQUENCE holding a
tbsCertificate SEQUENCE and then an AlgorithmIdentifier SEQUENCE) and keep
those openssl parses.
"""
import base64
import subprocess
import sys


def der_len(buf, i):
    """(header length, content length) of the DER element at buf[i]."""
    first = buf[i + 1]
    if first < 0x80:
        return 2, first
    n = first & 0x7f
    if n == 0 or n > 3 or i + 2 + n > len(buf):
        return None
    return 2 + n, int.from_bytes(buf[i + 2:i + 2 + n], "big")


def candidates(buf):
    i = buf.find(b"\x30\x82")
    while i >= 0:
        outer = der_len(buf, i)
        inner = der_len(buf, i + 4) if buf[i + 4] == 0x30 else None
        if outer and inner:
            end = i + outer[0] + outer[1]
            tbs_end = i + 4 + inner[0] + inner[1]
            if tbs_end < end <= len(buf) and buf[tbs_end] == 0x30:
                yield buf[i:end]
        i = buf.find(b"\x30\x82", i + 1)


def main():
    buf = open(sys.argv[1], "rb").read()
    seen = set()
    for der in candidates(buf):
        if der in seen:
            continue
        ok = subprocess.run(["openssl", "x509", "-inform", "DER", "-noout"],
                            input=der, capture_output=True).returncode == 0
        if not ok:
            continue
        seen.add(der)
        b64 = base64.encodebytes(der).decode().replace("\n", "")
        print("-----BEGIN CERTIFICATE-----")
        for j in range(0, len(b64), 64):
            print(b64[j:j + 64])
        print("-----END CERTIFICATE-----")
    if not seen:
        sys.exit("no certificate found in " + sys.argv[1])


main()
