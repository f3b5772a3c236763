# SPDX-License-Identifier: GPL-2.0-only
# make bench, in the VM: time module loads under one configuration, named
# by mg.bench= on the command line (scripts/bench/run.sh boots the same
# kernel and initramfs once per configuration):
#   A  module.sig_enforce=1, modguard not in lsm=   the kernel's check only
#   B  module.sig_enforce=0, modguard enforcing     modguard as the verifier
#   C  module.sig_enforce=1, modguard enforcing     both
#   D  module.sig_enforce=0, modguard not in lsm=   nothing enforced
# mg.bench_n=N scales the iteration counts (default 1).
# Prints "bench ..." lines for the host, and checks (ok/FAIL) that the boot
# is the configuration it claims and that every load gave what that
# configuration must give.
. /tests/lib.sh

cfg=$(sed -n 's/.*mg\.bench=\([A-D]\).*/\1/p' /proc/cmdline)
scale=$(sed -n 's/.*mg\.bench_n=\([0-9]*\).*/\1/p' /proc/cmdline)
scale=${scale:-1}
lsm=$(cat /sys/kernel/security/lsm)
enforce=$(cat /sys/module/module/parameters/sig_enforce)
echo "bench config=$cfg lsm=$lsm sig_enforce=$enforce scale=$scale kernel=$(uname -r)"

case $cfg in
A) mg=no want_enforce=Y unsigned=errno=EKEYREJECTED ;;
B) mg=yes want_enforce=N unsigned=errno=EPERM ;;
C) mg=yes want_enforce=Y unsigned=errno=EPERM ;;
D) mg=no want_enforce=N unsigned=ok ;;
*) fail "mg.bench=A|B|C|D on the command line"; finish; exit 0 ;;
esac
check "module.sig_enforce is $want_enforce" test "$enforce" = "$want_enforce"
case ,$lsm, in
*,modguard,*) has_mg=yes ;;
*) has_mg=no ;;
esac
check "modguard in /sys/kernel/security/lsm: $has_mg (want $mg)" \
	test "$has_mg" = "$mg"
if [ "$mg" = yes ]; then
	check "modguard is enforcing" \
		grep -qx enforcing /sys/module/modguard/parameters/mode
fi

# run TAG OP FILE NAME N WANT: one mg-bench series, tagged for the host.
run() {
	tag=$1
	shift
	if r=$(mg-bench load "$@"); then
		pass "$tag $1 $2: $5"
	else
		fail "$tag $1 $2: not always $5"
	fi
	echo "$r config=$cfg tag=$tag"
}

# Iterations per size: enough for a stable median, few enough that the
# four boots stay within a few minutes under TCG.
iters() {
	case $1 in
	4k) echo $((30 * scale)) ;;
	64k) echo $((20 * scale)) ;;
	1m) echo $((10 * scale)) ;;
	4m) echo $((5 * scale)) ;;
	esac
}

for size in 4k 64k 1m 4m; do
	m=mg_bench_$size
	n=$(iters $size)
	for op in finit init; do
		run signed $op "/bench/$m.ko" $m "$n" ok
		run unsigned $op "/bench/$m-unsigned.ko" $m "$n" "$unsigned"
	done
done

# Policy lookups (modguard only): the small module, signed (allowed) and
# unsigned (denied: no signature check, so the lookup is a larger share),
# against policies of 0, 1000 and 100000 deny digest= rules that match
# nothing, as for most loads. Also the time and the memory each policy
# takes to load.
if [ "$cfg" = B ]; then
	mem() {
		awk '/^(MemFree|Slab|SUnreclaim|VmallocUsed):/ {
			printf "%s%s=%s", sep, tolower($1), $2; sep = " " }' \
			/proc/meminfo | tr -d :
	}
	for rules in 0 1000 100000; do
		mg-bench policy $rules /tmp/policy
		sync
		echo 3 > /proc/sys/vm/drop_caches
		echo "bench mem when=before rules=$rules $(mem)"
		if w=$(mg-bench write /tmp/policy $SFS/policy); then
			pass "policy of $rules rules loads"
		else
			fail "policy of $rules rules loads"
		fi
		echo "$w rules=$rules"
		echo "bench mem when=after rules=$rules $(mem)"
		rm -f /tmp/policy
		check "  ... and is in force" \
			sh -c "test \$(grep -c '^deny digest=' $SFS/policy) = $rules"
		run "policy$rules" finit /bench/mg_bench_4k.ko mg_bench_4k \
			$((40 * scale)) ok
		run "policy$rules-refused" finit /bench/mg_bench_4k-unsigned.ko \
			mg_bench_4k $((40 * scale)) errno=EPERM
	done
fi

finish
