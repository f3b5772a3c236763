# SPDX-License-Identifier: GPL-2.0-only
# Boot: enforcing, auditd running, modguard.audit_window at its default.
# An unprivileged user triggers autoload of a module the policy denies, in
# a loop, for MG_AUTOLOAD_SECONDS (default 30): each attempt runs
# modprobe, whose load modguard refuses. The first refusal is recorded;
# identical refusals within the audit window are counted in stats
# ("suppressed"), not written; the deny rule decides before any signature
# work (sig=? in the record). Prints attempts, refusals, records and the
# CPU the storm used.
. /tests/lib.sh

SECS=${MG_AUTOLOAD_SECONDS:-$(sed -n 's/.*mg\.seconds=\([0-9]*\).*/\1/p' /proc/cmdline)}
SECS=${SECS:-30}

start_auditd

# modprobe's view: the module under its name, with its net-pf-21 alias.
kv=$(uname -r)
mkdir -p "/lib/modules/$kv/extra"
cp /modules/autoload-sha256.ko "/lib/modules/$kv/extra/mg_autoload.ko"
# busybox sh runs its own applets first: name kmod's tools by path.
/sbin/depmod -a 2> /dev/null
check "modprobe resolves net-pf-21 to mg_autoload" \
	sh -c "/sbin/modprobe -R net-pf-21 | grep -qx mg_autoload"
check "root can autoload it while no rule denies it" \
	sh -c "/sbin/modprobe net-pf-21 && grep -q '^mg_autoload ' /proc/modules"
rmmod mg_autoload 2> /dev/null

{
	grep -vx end "$SFS/policy"
	echo "deny name=mg_autoload"
	grep -qx end "$SFS/policy" && echo end
} > /tmp/policy
check "deny name=mg_autoload in force" \
	sh -c "cat /tmp/policy > $SFS/policy && grep -qx 'deny name=mg_autoload' $SFS/policy"

# busy and total jiffies of all CPUs
cpu() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat; }
count() { records 1490 | grep -c 'name="mg_autoload"'; }

d0=$(stat_of denied) s0=$(stat_of suppressed) r0=$(count)
set -- $(cpu)
b0=$1 t0=$2
out=$(mg-autoload "$SECS" 21)
set -- $(cpu)
b1=$1 t1=$2
attempts=${out#attempts=}
denied=$(( $(stat_of denied) - d0 ))
suppressed=$(( $(stat_of suppressed) - s0 ))
# auditd writes asynchronously: give it until the counts add up, 30 s at most.
storm_logged() {
	records=$(( $(count) - r0 ))
	[ $((records + suppressed)) -ge "$denied" ]
}
await 30 storm_logged
busy=$(( 100 * (b1 - b0) / (t1 - t0) ))
echo "# autoload storm, unprivileged, ${SECS} s: $attempts attempts, $denied refused, $records records written, $suppressed suppressed, CPU busy ${busy}% of $(grep -c ^processor /proc/cpuinfo) vCPUs"

check "the storm ran as an unprivileged user ($out)" test "${attempts:-0}" -ge 10
check "every attempt was refused by modguard ($denied of $attempts)" \
	test "$denied" -ge "$attempts"
check "the first refusal is recorded ($records records)" test "$records" -ge 1
check "identical refusals within the window are not written ($records <= $((SECS / 10 + 2)))" \
	test "$records" -le $((SECS / 10 + 2))
check "every refusal is a record or counted suppressed ($records + $suppressed = $denied)" \
	test $((records + suppressed)) = "$denied"
check "the deny rule decided before any signature work (sig=?)" \
	audited 1490 'name="mg_autoload" .* sig=? reason=denied-by-policy signer=[0-9a-f]* rule=deny-name:[0-9]* mode=enforcing action=deny'
check "mg_autoload never loaded" eval "! loaded mg_autoload"

# Within the same window, a user with a login uid of their own loads the
# same module: refused, and recorded, not folded into the storm's count.
check "a logged-in user's load of mg_autoload is refused" \
	sh -c "echo 1000 > /proc/self/loginuid && ! mg-load finit /modules/autoload-sha256.ko > /dev/null"
check "  ... recorded with its own auid, within the window" \
	audited 1490 'name="mg_autoload" .* reason=denied-by-policy .* auid=1000 '

# Another module's refusal is recorded at once: the window is per module.
load finit alpha-unsigned.ko errno=EPERM mg_alpha ""
check "  ... its record is in the log" \
	audited 1490 'path="/modules/alpha-unsigned.ko" .* reason=unsigned'
finish
