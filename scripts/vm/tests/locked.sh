# SPDX-License-Identifier: GPL-2.0-only
# Boot: modguard.mode=permissive modguard.lock=1. The lock wins: enforcing
# and locked before the first module loads.
. /tests/lib.sh

check "lock reads 1 from boot" grep -qx 1 "$SFS/lock"
check "mode is enforcing despite modguard.mode=permissive" grep -qx enforcing "$SFS/mode"
load finit alpha-unsigned.ko errno=EPERM mg_alpha "reason=unsigned .*mode=enforcing"
load finit alpha-sha256.ko ok mg_alpha ""
check "mode cannot change" sh -c "! echo permissive > $SFS/mode 2>/dev/null"
check "policy cannot change" sh -c "! printf 'modguard-policy 3\nend\n' > $SFS/policy 2>/dev/null"
check "  ... the builtin policy is still in force" grep -qx "deny name=mg_denied" "$SFS/policy"
finish
