# SPDX-License-Identifier: GPL-2.0-only
# The kernel with modguard built in but not in lsm=: the stock 6.12
# loader, unchanged by the project's patches (0002, 0003). Two boots, by
# run-vm.sh -s stock (its two lines in scripts/vm/scenarios); mg.phase=
# says which:
#   enforce  module.sig_enforce=1: signed loads, through both syscalls and
#            compressed; unsigned, untrusted, tampered and forced
#            (MODULE_INIT_IGNORE_*) loads refused with the loader's errno
#            and notice; no unsigned-module taint
#   taint    module.sig_enforce=0: unsigned, untrusted and forced loads
#            allowed with the unsigned-module taint (E); tampered ones
#            still refused
. /tests/lib.sh

phase=$(sed -n 's/.*mg\.phase=\([^ ]*\).*/\1/p' /proc/cmdline)
# TAINT_UNSIGNED_MODULE, 'E' (Documentation/admin-guide/tainted-kernels.rst)
E=8192
taint_e() { [ $(($(cat /proc/sys/kernel/tainted) & E)) -ne 0 ]; }
rejected() { echo "Loading of $1 is rejected"; }
TAINTS="module verification failed: signature and/or required key missing - tainting kernel"

check "modguard is not an active LSM" \
	eval '! grep -q modguard /sys/kernel/security/lsm'
check "no modguard securityfs directory" test ! -e "$SFS"
check "sig_enforce as booted" \
	test "$(cat /sys/module/module/parameters/sig_enforce)" = \
	"$([ "$phase" = enforce ] && echo Y || echo N)"

# Trusted signatures load either way, with no record and no taint.
for op in finit init; do
	load $op alpha-sha256.ko ok mg_alpha ""
	load $op alpha-sha512.ko ok mg_alpha ""
	load $op beta-ecdsa.ko ok mg_beta ""
done
load finit alpha-sha256.ko.xz ok mg_alpha "" compressed
check "signed loads leave no unsigned-module taint" eval '! taint_e'

# A signature that does not verify is fatal whatever sig_enforce says.
for op in finit init; do
	load $op alpha-payload.ko errno=EKEYREJECTED mg_alpha ""
	load $op alpha-sigflip.ko errno=EKEYREJECTED mg_alpha ""
done
load finit alpha-payload.ko.xz errno=EKEYREJECTED mg_alpha "" compressed

case $phase in
enforce)
	for op in finit init; do
		load $op alpha-unsigned.ko errno=EKEYREJECTED mg_alpha \
			"$(rejected "unsigned module")"
		load $op alpha-untrusted.ko errno=EKEYREJECTED mg_alpha \
			"$(rejected "module with unavailable key")"
	done
	# A forced load: the loader treats the signature as absent.
	for flag in ignore-vermagic ignore-modversions; do
		load finit alpha-sha256.ko errno=EKEYREJECTED mg_alpha \
			"$(rejected "unsigned module")" $flag
	done
	check "refused loads leave no unsigned-module taint" eval '! taint_e'
	;;
taint)
	load finit alpha-unsigned.ko ok mg_alpha "$TAINTS"
	check "an unsigned module taints the kernel (E)" taint_e
	load init alpha-unsigned.ko ok mg_alpha ""
	for op in finit init; do
		load $op alpha-untrusted.ko ok mg_alpha ""
	done
	# Forced: the signature is not looked at. Past vermagic needs
	# CONFIG_MODULE_FORCE_LOAD, off in this kernel, so the loader refuses
	# that one later, as not loadable; ignoring modversions (this module
	# has none) loads.
	load finit alpha-sha256.ko errno=ENOEXEC mg_alpha "" ignore-vermagic
	load finit alpha-sha256.ko ok mg_alpha "" ignore-modversions
	;;
*)
	fail "mg.phase=$phase: not a phase of this scenario"
	;;
esac

finish
