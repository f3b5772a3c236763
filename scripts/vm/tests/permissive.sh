# SPDX-License-Identifier: GPL-2.0-only
# Boot: modguard.mode=permissive. modguard allows every load and logs each
# would-deny; what still fails is refused by the kernel's own loader, with
# the loader's errno (MODULE_SIG rejects bad signatures even unenforced).
. /tests/lib.sh

check "mode is permissive" grep -qx permissive /sys/module/modguard/parameters/mode

for op in finit init; do
	o=${op}_module
	load $op alpha-sha256.ko ok mg_alpha ""
	load $op beta-ecdsa.ko ok mg_beta ""
	load $op alpha-unsigned.ko ok mg_alpha \
		"type=1490 .*op=$o .* reason=unsigned .*mode=permissive action=allow"
	load $op alpha-untrusted.ko ok mg_alpha \
		"type=1490 .*op=$o .* reason=untrusted-key .*mode=permissive action=allow"
	load $op alpha-payload.ko errno=EKEYREJECTED mg_alpha \
		"type=1490 .*op=$o .* reason=bad-signature .*mode=permissive action=allow"
	load $op alpha-sigflip.ko errno=EKEYREJECTED mg_alpha \
		"type=1490 .*op=$o .* reason=bad-signature .*mode=permissive action=allow"
	load $op alpha-truncated.ko errno=EBADMSG mg_alpha \
		"type=1490 .*op=$o .* reason=malformed-trailer .*mode=permissive action=allow"
done

load finit alpha-sha256.ko.xz ok mg_alpha "" compressed
load finit alpha-payload.ko.xz errno=EKEYREJECTED mg_alpha \
	"type=1490 .*op=finit_module .* reason=bad-signature .*mode=permissive action=allow" compressed
# (ignore-vermagic would need CONFIG_MODULE_FORCE_LOAD to load at all)
load finit alpha-sha256.ko ok mg_alpha \
	"type=1490 .*op=finit_module .* reason=signature-ignored .*mode=permissive action=allow" ignore-modversions

finish
