# SPDX-License-Identifier: GPL-2.0-only
# Boots under UEFI (OVMF), three times with one variable store, by
# run-vm.sh -s platform (its three lines in scripts/vm/scenarios); mg.phase=
# says which boot this is:
#   enrol  store empty: the platform key is nowhere, its module refused;
#          append its certificate to the firmware's db through efivarfs
#   off    the kernel loaded db into .platform at boot; modguard does not
#          trust .platform by default: still refused as untrusted-key
#   on     modguard.platform_keyring=1: the module loads, both syscalls
. /tests/lib.sh

DB=/sys/firmware/efi/efivars/db-d719b2cb-3d3a-4596-a3bc-dad00e67656f
CN="modguard test platform (UEFI db) RSA"
phase=$(sed -n 's/.*mg\.phase=\([^ ]*\).*/\1/p' /proc/cmdline)

in_platform() { keyctl list %:.platform 2>/dev/null | grep -qF "$CN"; }
untrusted() { echo "type=1490 .*op=$1_module .* reason=untrusted-key .*action=deny"; }

check "booted by UEFI firmware" test -d /sys/firmware/efi
check "efivarfs mounts" mount -t efivarfs efivarfs /sys/firmware/efi/efivars
check ".platform keyring exists" grep -q '\.platform' /proc/keys
check "platform_keyring parameter as booted" \
	test "$(cat /sys/module/modguard/parameters/platform_keyring)" = \
	"$([ "$phase" = on ] && echo Y || echo N)"

case $phase in
enrol)
	check "no db variable in a fresh store" test ! -e "$DB"
	check "platform key not in .platform" eval '! in_platform'
	for op in finit init; do
		load $op alpha-platform.ko errno=EPERM mg_alpha "$(untrusted $op)"
	done
	# One write: efivarfs takes the whole variable in a single write().
	check "db append accepted by the firmware (setup mode)" \
		dd if=/modules/platform-db.efivar of="$DB" bs=64k status=none
	check "db variable now exists" test -s "$DB"
	;;
off)
	check "kernel loaded the db certificate into .platform" in_platform
	for op in finit init; do
		load $op alpha-platform.ko errno=EPERM mg_alpha "$(untrusted $op)"
	done
	load finit alpha-sha256.ko ok mg_alpha ""
	;;
on)
	check "kernel loaded the db certificate into .platform" in_platform
	for op in finit init; do
		load $op alpha-platform.ko ok mg_alpha ""
		load $op alpha-untrusted.ko errno=EPERM mg_alpha "$(untrusted $op)"
		load $op alpha-local.ko errno=EPERM mg_alpha "$(untrusted $op)"
	done
	;;
*)
	fail "unknown mg.phase=$phase"
	;;
esac
finish
