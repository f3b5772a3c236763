#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write what efivarfs takes to append one X.509 certificate to the UEFI db.

    efi-db-update.py CERT.der OUT

OUT is the file to write to /sys/firmware/efi/efivars/db-<guid>: a 4-byte
attribute word (NV|BS|RT|time-based authenticated write), then an
EFI_VARIABLE_AUTHENTICATION_2 with an empty PKCS#7 certificate (the
firmware does not check it while no PK is enrolled: setup mode), then one
EFI_SIGNATURE_LIST holding the certificate (UEFI 2.10, 8.2.2 and 32.4.1).
"""
import struct
import sys
import uuid


def guid(text):
    return uuid.UUID(text).bytes_le


EFI_CERT_X509 = guid("a5c059a1-94e4-4aa7-87b5-ab155c2bf072")
EFI_CERT_TYPE_PKCS7 = guid("4aafd29d-68df-49ee-8aa9-347d375665a7")
OWNER = guid("6d6f6467-7561-7264-2d74-6573742d6462")  # "modguard-test-db"
WIN_CERT_TYPE_EFI_GUID = 0x0EF1
ATTRS = 0x1 | 0x2 | 0x4 | 0x20

cert = open(sys.argv[1], "rb").read()
sig_data = OWNER + cert
siglist = EFI_CERT_X509 + struct.pack("<III", 28 + len(sig_data), 0,
                                      len(sig_data)) + sig_data
# EFI_TIME: 2024-01-01; a later write to db must carry a later time.
efi_time = struct.pack("<HBBBBBBIhBB", 2024, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0)
win_cert = struct.pack("<IHH", 8 + 16, 0x0200, WIN_CERT_TYPE_EFI_GUID)
auth2 = efi_time + win_cert + EFI_CERT_TYPE_PKCS7
with open(sys.argv[2], "wb") as f:
    f.write(struct.pack("<I", ATTRS) + auth2 + siglist)
