# SPDX-License-Identifier: GPL-2.0-only
# IMA beside modguard, with patch 0002 (upstream's READING_MODULE_COMPRESSED):
# what IMA measures and appraises when finit_module decompresses a module.
# A policy that measures module loads and appraises them by IMA signature
# or appended signature (modsig), the builtin test key's certificate in
# .ima. Who refused a load shows in its errno: IMA EACCES (it runs at the
# read), modguard EPERM (at the signature check).
. /tests/lib.sh

IMA=/sys/kernel/security/ima
M=$IMA/ascii_runtime_measurements

# measured FILE: the sha256 IMA recorded for FILE (ima-ng template:
# "PCR template-hash ima-ng sha256:HEX PATH").
measured() {
	awk -v f="$1" '$5 == f { sub(/^sha256:/, "", $4); print $4 }' "$M" |
		tail -n 1
}

check "IMA is built in" test -d "$IMA"
check "the builtin key's certificate goes into .ima" \
	keyctl padd asymmetric "" %:.ima < /modules/trusted-rsa.der
printf '%s\n' "measure func=MODULE_CHECK" \
	"appraise func=MODULE_CHECK appraise_type=imasig|modsig" > /tmp/ima-policy
check "the IMA policy loads" sh -c "cat /tmp/ima-policy > $IMA/policy"

# Compressed, signed inside the compression: IMA finds the appended
# signature only in the decompressed image. It loads, so IMA appraised
# the decompressed image (the compressed bytes carry no modsig).
xz=/modules/alpha-sha256.ko.xz
load finit alpha-sha256.ko.xz ok mg_alpha "" compressed
packed=$(sha256sum "$xz" | cut -d' ' -f1)
unpacked=$(xzcat "$xz" | sha256sum | cut -d' ' -f1)
got=$(measured "$xz")
# The measurement list holds the hash IMA collected at the first read,
# of the compressed file, not of the image it appraised.
if [ "$got" = "$packed" ]; then
	pass "IMA measured the compressed file ($got)"
elif [ "$got" = "$unpacked" ]; then
	fail "IMA measured the decompressed image, not the compressed file"
else
	fail "IMA measured $xz as '$got' (compressed $packed, decompressed $unpacked)" \
		"$(cat "$M")"
fi

# The same signature with one payload byte changed: IMA refuses it first.
load finit alpha-payload.ko.xz errno=EACCES mg_alpha "" compressed
# An unsigned module: no IMA signature, no modsig: IMA refuses it.
load finit alpha-unsigned.ko errno=EACCES mg_alpha ""
# Signed, not compressed: the file's own hash, and its modsig.
load finit alpha-sha256.ko ok mg_alpha ""
check "IMA measured alpha-sha256.ko by its file hash" test \
	"$(measured /modules/alpha-sha256.ko)" = \
	"$(sha256sum /modules/alpha-sha256.ko | cut -d' ' -f1)"
# A module IMA accepts and modguard refuses: signed by a key in .ima (the
# builtin one) but forced (MODULE_INIT_IGNORE_VERMAGIC), so the loader,
# and modguard, take it as unsigned.
load finit alpha-sha256.ko errno=EPERM mg_alpha \
	"type=1490 .*op=finit_module .* reason=signature-ignored .*action=deny" \
	ignore-vermagic
# init_module has no file for IMA to appraise: IMA refuses modules there
# when it appraises them.
load init alpha-sha256.ko errno=EACCES mg_alpha ""

finish
