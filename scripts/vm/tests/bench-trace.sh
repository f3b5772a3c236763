# SPDX-License-Identifier: GPL-2.0-only
# make bench, in the VM of the trace flavour (scripts/configs/trace.config):
# where the time of one module load goes. Boots like configuration B of
# bench.sh (module.sig_enforce=0, modguard enforcing), so one boot shows
# the loader's module_sig_check() with modguard's hook inside it, and what
# the loader still does itself.
#
# For each benchmark module, signed (allowed) and unsigned (denied), through
# finit_module and init_module: mg-bench times the loads once with no
# tracer (the syscall as the trace kernel runs it untraced), then again
# under the function_graph tracer restricted to the functions of the
# decision path below, called from module_sig_check().
# The trace goes to the console, each line prefixed "trace TAG: ";
# scripts/bench/trace-report.py turns it into per-phase figures. The
# tracer's own cost is in the traced times: compare them with the
# untraced ones (scale: mg.bench_n=N, default 3 loads after the first).
. /tests/lib.sh

T=/sys/kernel/tracing
scale=$(sed -n 's/.*mg\.bench_n=\([0-9]*\).*/\1/p' /proc/cmdline)
n=$((3 * ${scale:-1}))

echo "bench-trace lsm=$(cat /sys/kernel/security/lsm)" \
	"sig_enforce=$(cat /sys/module/module/parameters/sig_enforce)" \
	"mode=$(cat /sys/module/modguard/parameters/mode) n=$n"
check "modguard is enforcing" \
	grep -qx enforcing /sys/module/modguard/parameters/mode
check "module.sig_enforce is N" \
	grep -qx N /sys/module/module/parameters/sig_enforce
check "tracefs mounts" mount -t tracefs nodev $T
check "function_graph tracer available" \
	grep -qw function_graph $T/available_tracers

# Where a load spends its time, outermost first. Each name goes in alone,
# so one that this kernel lacks (inlined, renamed) is reported, not fatal.
# modguard decides inside module_sig_check() (patch 0003), so the loader's
# signature check is the one root: modguard's hook and the loader's own
# work (mod_verify_sig()) are both under it.
roots="module_sig_check"
funcs="$roots modguard_kernel_module_sig_check mod_verify_sig
	modguard_evaluate_load modguard_verify_prepare modguard_verify_signature
	modguard_trailer_parse modguard_compression_of modguard_module_name
	modguard_pkcs7_signer_id modguard_keyring_find_signer
	modguard_evaluate_rules modguard_policy_lookup modguard_audit_decision
	sha256_update sha256_final crypto_shash_digest crypto_shash_finup
	crypto_alloc_shash is_hash_blacklisted
	pkcs7_parse_message pkcs7_free_message verify_pkcs7_message_sig
	verify_pkcs7_signature pkcs7_verify pkcs7_validate_trust
	is_key_on_revocation_list public_key_verify_signature mpi_powm
	audit_log_start audit_log_end"
echo > $T/set_ftrace_filter
for f in $funcs; do
	if echo "$f" >> $T/set_ftrace_filter 2>/dev/null; then
		echo "bench-trace func=$f"
	else
		echo "bench-trace func=$f missing"
	fi
done
for f in $roots; do
	echo "$f" >> $T/set_graph_function
done
check "module_sig_check can be traced" \
	test "$(wc -l < $T/set_graph_function)" -eq 1
# Only this shell and what it starts; no interrupts; the function name on
# closing braces, no overhead markers, so the host parses one shape.
echo $$ > $T/set_ftrace_pid
echo 1 > $T/options/function-fork
echo 0 > $T/options/funcgraph-irqs
echo 1 > $T/options/funcgraph-tail
echo 0 > $T/options/funcgraph-overhead
echo 4096 > $T/buffer_size_kb

# series TAG OP FILE NAME WANT: untimed-by-tracer run, then the traced one.
series() {
	tag=$1
	shift
	echo nop > $T/current_tracer
	if r=$(mg-bench load "$1" "$2" "$3" "$n" "$4"); then
		pass "$tag $1 $2: $4"
	else
		fail "$tag $1 $2: not always $4"
	fi
	echo "$r tag=$tag traced=no"
	echo function_graph > $T/current_tracer
	echo > $T/trace
	echo 1 > $T/tracing_on
	r=$(mg-bench load "$1" "$2" "$3" "$n" "$4")
	echo 0 > $T/tracing_on
	echo "$r tag=$tag traced=yes"
	grep -v '^#' $T/trace | sed "s|^|trace $tag $1 $2: |"
	lost=$(sed -n 's/^overrun: //p' $T/per_cpu/cpu*/stats |
		awk '{ s += $1 } END { print s + 0 }')
	check "$tag $1 $2: no trace entries lost" test "$lost" -eq 0
}

for size in 4k 64k 1m 4m; do
	m=mg_bench_$size
	for op in finit init; do
		series signed $op "/bench/$m.ko" $m ok
		series unsigned $op "/bench/$m-unsigned.ko" $m errno=EPERM
	done
done
# Allowed loads are audited only with audit_allow: its cost, once.
echo 1 > $SFS/audit_allow
for op in finit init; do
	series signed-audited $op /bench/mg_bench_4k.ko mg_bench_4k ok
done
echo 0 > $SFS/audit_allow
echo nop > $T/current_tracer

finish
