# SPDX-License-Identifier: GPL-2.0-only
# Boot: the debug kernel (KASAN, lockdep, PROVE_RCU, DEBUG_ATOMIC_SLEEP,
# failslab), 2 vCPUs, enforcing, auditd running.
#
# 1. Stress: two loaders (mg-stress, no fork per load) load good and bad
#    modules through finit_module, compressed finit_module and init_module
#    while two writers switch the mode, replace the policy and toggle
#    audit_allow as fast as they can, up to MG_STRESS_WRITES writes each
#    (every write is a 1491 record: the cap keeps the log the same size on
#    a fast machine and a slow one). Afterwards the counters add up to the
#    attempts, verdict by verdict; every denial, would-deny and
#    configuration write is in the audit log or counted lost by the kernel;
#    auditd still runs and kept every log file; nothing refused stays
#    loaded.
# 2. Fault injection: failslab fails every allocation made under modguard's
#    hooks (call-stack filter) for one task: every load is refused, good
#    modules as internal-error (fail closed); then, without injection,
#    good modules load again.
# Any KASAN, lockdep, RCU or sleep-in-atomic report fails the run (finish
# and the host's log check).
. /tests/lib.sh

ROUNDS=${MG_STRESS_ROUNDS:-$(sed -n 's/.*mg\.rounds=\([0-9]*\).*/\1/p' /proc/cmdline)}
ROUNDS=${ROUNDS:-160}
WRITES=${MG_STRESS_WRITES:-20000}
M=/modules

start_auditd
echo enforcing > "$SFS/mode"

# Two policies that decide the same for every module here: the boot policy,
# and the boot policy with 1000 digest rules for modules that do not exist,
# put before its end line (written with one write(2), as the policy file
# wants).
P1=/tmp/policy1 P2=/tmp/policy2
cat "$SFS/policy" > $P1
{
	grep -vx end $P1
	head -c 32000 /dev/urandom | od -An -v -tx1 | tr -d ' \n' |
		fold -w 64 | sed 's/^/deny digest=/'
	echo
	echo end
} > $P2
check "second policy has the boot rules and 1000 more" \
	test "$(grep -c '^deny digest=' $P2)" = 1000

counter() { stat_of "$1"; }
reasons_sum() { awk '$1 == "reason" { n += $3 } END { print n + 0 }' "$SFS/stats"; }
a0=$(counter allowed) d0=$(counter denied) w0=$(counter would-deny)
r0=$(reasons_sum) lost0=$(audit_lost)
# count_records: the records in the log now, by kind, into /tmp/counts
# (one ausearch pass: the log grows to ~20 MB here). A would-deny record
# is an allow in permissive mode with a reason other than ok (audit_allow=1
# also records plain allowed loads).
count_records() {
	records 1490,1491 > /tmp/records
	{
		echo "deny $(grep -c '^op=[a-z_]*module .* action=deny ' /tmp/records)"
		echo "would $(grep '^op=[a-z_]*module ' /tmp/records |
			grep -v ' reason=ok ' | grep -c 'mode=permissive action=allow ')"
		echo "config $(grep -cE '^op=(mode|policy|audit_allow) ' /tmp/records)"
	} > /tmp/counts
}
count_of() { awk -v k="$1" '$1 == k { print $2 }' /tmp/counts; }
count_records
deny0=$(count_of deny) wd0=$(count_of would) cfg0=$(count_of config)

touch /tmp/running
# Writer 1: the mode. Writer 2: the policy and audit_allow.
(
	n=0
	while [ -e /tmp/running ] && [ "$n" -lt "$WRITES" ]; do
		echo permissive > "$SFS/mode"
		echo enforcing > "$SFS/mode"
		n=$((n + 2))
	done
	echo "$n" > /tmp/mode-writes
) &
(
	n=0
	while [ -e /tmp/running ] && [ "$n" -lt "$WRITES" ]; do
		dd if=$P2 bs=1M status=none > "$SFS/policy"
		echo 1 > "$SFS/audit_allow"
		cat $P1 > "$SFS/policy"
		echo 0 > "$SFS/audit_allow"
		n=$((n + 2))
	done
	echo "$n" > /tmp/policy-writes
) &

# A reader of the policy text, which is swapped under it.
(
	while [ -e /tmp/running ]; do
		cat "$SFS/policy" > /dev/null
	done
) &

t0=$(date +%s)
# Loader 1 owns mg_alpha, loader 2 mg_beta, mg_gamma and mg_denied: no two
# loads of one file run at once (finit_module would merge them). Loader 2's
# alpha-revoked is mg_alpha too, but it never loads (the loader refuses a
# revoked signer itself).
mg-stress "$ROUNDS" \
	finit:$M/alpha-sha256.ko:mg_alpha:good \
	finit:$M/alpha-unsigned.ko:mg_alpha:bad \
	init:$M/alpha-sha512.ko:mg_alpha:good \
	init:$M/alpha-untrusted.ko:mg_alpha:bad \
	finitc:$M/alpha-sha256.ko.xz:mg_alpha:good \
	finit:$M/alpha-payload.ko:mg_alpha:bad \
	finitc:$M/alpha-payload.ko.xz:mg_alpha:bad \
	init:$M/alpha-sigflip.ko:mg_alpha:bad > /tmp/loader1 &
l1=$!
mg-stress "$ROUNDS" \
	finit:$M/beta-ecdsa.ko:mg_beta:good \
	init:$M/denied-sha256.ko:mg_denied:bad \
	init:$M/gamma-sha256.ko:mg_gamma:good \
	finit:$M/alpha-revoked.ko:mg_alpha:bad \
	finit:$M/denied-sha256.ko:mg_denied:bad > /tmp/loader2 &
l2=$!
wait $l1 $l2
t1=$(date +%s)
rm /tmp/running
wait
echo enforcing > "$SFS/mode"
cat $P1 > "$SFS/policy"
echo 0 > "$SFS/audit_allow"

cat /tmp/loader1 /tmp/loader2 | sed 's/^/# /'
# sum CLASS FIELD: over both loaders.
sum() {
	awk -v c="$1" -v f="$2" '$1 == c {
		for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) n += kv[2] }
	} END { print n + 0 }' /tmp/loader1 /tmp/loader2
}
ga=$(sum good attempts) gok=$(sum good ok) geperm=$(sum good eperm)
ba=$(sum bad attempts) bok=$(sum bad ok) beperm=$(sum bad eperm) bother=$(sum bad other)
allowed=$(( $(counter allowed) - a0 ))
denied=$(( $(counter denied) - d0 ))
would=$(( $(counter would-deny) - w0 ))
reasons=$(( $(reasons_sum) - r0 ))
echo "# $((ROUNDS * 13)) loads in $((t1 - t0)) s"
echo "# mode writes $(cat /tmp/mode-writes), policy+audit_allow writes $(cat /tmp/policy-writes)"
echo "# stats: allowed $allowed, denied $denied, would-deny $would"

check "loaders made $((ROUNDS * 13)) attempts ($ga good, $ba bad)" \
	test $((ga + ba)) = $((ROUNDS * 13))
check "every good load succeeded ($gok of $ga)" test "$gok" = "$ga"
check "no good load was refused ($geperm)" test "$geperm" = 0
check "both modes were seen: bad loads refused ($beperm) and let through ($((bok + bother)))" \
	test "$beperm" -gt 0 -a $((bok + bother)) -gt 0
check "allowed counter = good attempts ($allowed = $ga)" test "$allowed" = "$ga"
check "denied counter = refusals seen ($denied = $beperm)" test "$denied" = "$beperm"
check "would-deny counter = bad loads let through ($would = $((bok + bother)))" \
	test "$would" = $((bok + bother))
check "reason counters add up to denied + would-deny ($reasons)" \
	test "$reasons" = $((denied + would))
check "the mode writer ran (at least 10 writes)" test "$(cat /tmp/mode-writes)" -ge 10
check "the policy writer ran (at least 10 writes)" test "$(cat /tmp/policy-writes)" -ge 10

# Configuration writes: each mode write is one record, each round of the
# policy writer four (two policies, two audit_allow), plus the three resets.
cfg=$(( $(cat /tmp/mode-writes) + 2 * $(cat /tmp/policy-writes) + 3 ))
# Wait until every record is in the log or counted lost, at most 60 s.
all_logged() {
	count_records
	lost=$(( $(audit_lost) - lost0 ))
	deny_log=$(( $(count_of deny) - deny0 ))
	wd_log=$(( $(count_of would) - wd0 ))
	cfg_log=$(( $(count_of config) - cfg0 ))
	missing=$((denied - deny_log + would - wd_log + cfg - cfg_log))
	[ "$missing" -le "$lost" ]
}
await 60 all_logged
echo "# audit after $waited s: $deny_log denials, $wd_log would-denies, $cfg_log configuration records in the log, $lost records lost"
echo "# audit log: $(ls /var/log/audit | wc -l) files, $(du -sk /var/log/audit | cut -f1) KiB"
check "no more denial records than denials ($deny_log <= $denied)" test "$deny_log" -le "$denied"
check "no more would-deny records than would-denies ($wd_log <= $would)" test "$wd_log" -le "$would"
check "no more configuration records than writes ($cfg_log <= $cfg)" test "$cfg_log" -le "$cfg"
check "every missing record is counted lost ($missing <= $lost)" \
	test "$missing" -le "$lost"
check "auditd still runs" sh -c "auditctl -s | grep -q '^pid [1-9]'"
for m in mg_alpha mg_beta mg_gamma mg_denied; do
	check "$m not left loaded" eval "! loaded $m"
done
check "mode is enforcing again" grep -qx enforcing "$SFS/mode"

# Fault injection: fail every slab allocation made while one of modguard's
# load hooks is on the call stack (the decision is in the signature-check
# hook, patch 0003), in one task only.
mount -t debugfs debugfs /sys/kernel/debug
F=/sys/kernel/debug/failslab
# The range: from the lowest of modguard's three load hooks to the symbol
# after the highest (the compiler does not keep their source order).
hooks=$(sort /proc/kallsyms | awk '
	$3 ~ /^modguard_kernel_(read_file|load_data|module_sig_check)$/ {
		if (!s) s = $1
		last = NR
		next
	}
	last && NR == last + 1 { e = $1 }
	END { print "0x" s, "0x" e }')
start=${hooks%% *} end=${hooks##* }
check "modguard hooks found in kallsyms ($start..$end)" \
	test "${#start}" = 18 -a "${#end}" = 18 -a "$start" != "$end"
echo "$start" > $F/require-start
echo "$end" > $F/require-end
echo 32 > $F/stacktrace-depth
echo N > $F/ignore-gfp-wait
echo Y > $F/task-filter
echo 0 > $F/verbose
echo 100 > $F/probability
echo 1 > $F/interval
echo -1 > $F/times

d0=$(counter denied) a0=$(counter allowed)
ie0=$(awk '$2 == "internal-error" { print $3 }' "$SFS/stats")
FAULT_ROUNDS=20
sh -c 'echo 1 > /proc/self/make-it-fail && exec "$@"' mg-stress mg-stress "$FAULT_ROUNDS" \
	finit:$M/alpha-sha256.ko:mg_alpha:good \
	init:$M/beta-ecdsa.ko:mg_beta:good \
	finitc:$M/alpha-sha256.ko.xz:mg_alpha:good \
	init:$M/alpha-unsigned.ko:mg_alpha:bad \
	finit:$M/alpha-untrusted.ko:mg_alpha:bad > /tmp/fault
echo 0 > $F/probability
cat /tmp/fault | sed 's/^/# failslab: /'
fa=$((FAULT_ROUNDS * 5)) fg=$((FAULT_ROUNDS * 3))
ie=$(( $(awk '$2 == "internal-error" { print $3 }' "$SFS/stats") - ie0 ))
check "failslab: no load succeeded" \
	test "$(awk -F'ok=' '{ split($2, a, " "); n += a[1] } END { print n + 0 }' /tmp/fault)" = 0
check "failslab: every attempt refused by modguard ($(( $(counter denied) - d0 )) of $fa)" \
	test $(( $(counter denied) - d0 )) = "$fa"
check "failslab: nothing counted allowed" test "$(counter allowed)" = "$a0"
check "failslab: good modules refused as internal-error ($ie >= $fg)" test "$ie" -ge "$fg"
for m in mg_alpha mg_beta; do
	check "failslab: $m not loaded" eval "! loaded $m"
done

# Without injection again, everything works as before. (auditd takes the
# records: the kernel log has none to match.)
load finit alpha-sha256.ko ok mg_alpha ""
load init beta-ecdsa.ko ok mg_beta ""
load finit alpha-unsigned.ko errno=EPERM mg_alpha ""

# Hostile input, under KASAN. Module images: empty, cut at and around every
# trailer boundary, and alpha's valid signature over beta's payload. Each
# is refused through both syscalls and nothing loads.
img=/modules/alpha-sha256.ko
len=$(wc -c < $img)
siglen=$(tail -c 32 $img | head -c 4 | od -An -tu1 |
	awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
payload=$((len - 28 - 12 - siglen))
check "alpha-sha256: signature length read from the trailer ($siglen)" 	test "$siglen" -gt 0 -a "$payload" -gt 0
mkdir -p /tmp/cut
for n in 0 1 64 $((payload - 1)) $payload $((payload + 1)) \
	$((len - 41)) $((len - 40)) $((len - 39)) $((len - 29)) \
	$((len - 28)) $((len - 27)) $((len - 1)); do
	head -c "$n" $img > /tmp/cut/alpha-cut-$n.ko
done
head -c "$(( $(wc -c < /modules/beta-ecdsa.ko) - 28 - 12 -
	$(tail -c 32 /modules/beta-ecdsa.ko | head -c 4 | od -An -tu1 |
	awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }') ))" \
	/modules/beta-ecdsa.ko > /tmp/cut/beta-with-alpha-sig.ko
tail -c $((len - payload)) $img >> /tmp/cut/beta-with-alpha-sig.ko
# The loader itself refuses an empty file (finit_module: EINVAL) and an
# image shorter than an ELF header (init_module: ENOEXEC) before any LSM
# hook sees them; modguard refuses everything else (EPERM).
d0=$(counter denied)
eperm=0
for f in /tmp/cut/*.ko; do
	for op in finit init; do
		got=$(mg-load $op "$f")
		case $op:$(basename "$f") in
		finit:alpha-cut-0.ko) want=errno=EINVAL ;;
		init:alpha-cut-[01].ko) want=errno=ENOEXEC ;;
		*) want=errno=EPERM eperm=$((eperm + 1)) ;;
		esac
		check "$op $(basename "$f"): refused ($got)" test "$got" = "$want"
	done
done
check "every hostile image that reached modguard counted denied ($eperm)" \
	test $(( $(counter denied) - d0 )) = "$eperm"
for m in mg_alpha mg_beta; do
	check "hostile images: $m not loaded" eval "! loaded $m"
done

# securityfs: binary junk, a policy with NUL bytes and a 1 MiB line, a
# write at an offset. Each is refused and nothing changes.
mode_before=$(cat "$SFS/mode") pol_before=$(cat "$SFS/policy")
for f in mode lock audit_allow policy; do
	check "4 KiB of random bytes to $f refused" \
		sh -c "! dd if=/dev/urandom bs=4096 count=1 of=$SFS/$f 2>/dev/null"
done
# A boolean is the whole write: junk after a 'y' or a '1' is refused
# (kstrtobool reads only the first characters: this once locked).
for f in lock audit_allow; do
	for junk in 'y-and-then-junk' '1 1' 'yes'; do
		check "'$junk' to $f refused" \
			sh -c "! printf '%s' '$junk' > $SFS/$f 2>/dev/null"
	done
done
check "a policy with a NUL byte refused" \
	sh -c "! printf 'modguard-policy 3\ndeny name=mg\000_beta\nend\n' > $SFS/policy 2>/dev/null"
{ echo modguard-policy 3; printf 'deny name='
	head -c 1048576 /dev/zero | tr '\0' a; echo; echo end; } > /tmp/long-line
check "a policy with a 1 MiB line refused" \
	sh -c "! dd if=/tmp/long-line bs=2M status=none of=$SFS/policy 2>/dev/null"
check "a write at offset 1 refused" \
	sh -c "! echo enforcing | dd bs=1 seek=1 status=none of=$SFS/mode conv=notrunc 2>/dev/null"
check "mode unchanged" test "$(cat "$SFS/mode")" = "$mode_before"
check "lock unchanged" grep -qx 0 "$SFS/lock"
check "policy unchanged" test "$(cat "$SFS/policy")" = "$pol_before"
finish
