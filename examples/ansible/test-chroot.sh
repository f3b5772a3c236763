#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs the example playbook for real, with ansible-core inside a copy of
# the Debian 12 system image (scripts/system/build-image.sh) against
# localhost (connection local, no become), on a fake kernel interface:
# MODGUARD_SYSFS points modguardctl at files that stand in for
# /sys/kernel/security/modguard, as userspace-tools/tests/cli_policy.sh
# does. Checks: the package is installed, the policy is validated and in
# place, modguard.conf says MODE/LOCK, the policy, mode and lock were
# applied at once; a second run changes nothing (locked: the change waits
# for the next boot); a policy that does not parse stops the run and
# leaves the old one. Needs root and the network to Debian's mirror (apt
# in the chroot). Last line: "N passed, N failed".
set -eu
. "$(dirname "$0")/../../scripts/lib.sh"
. "$MODGUARD_ROOT/scripts/testlib.sh"

[ "$(id -u)" -eq 0 ] || die "needs root (chroot)"
"$MODGUARD_ROOT/scripts/system/build-image.sh" >/dev/null
deb=$("$MODGUARD_ROOT/packaging/build-deb.sh" 2>/dev/null)

root=$MODGUARD_CACHE/build/ansible-root
rm -rf "$root"
cp -a "$MODGUARD_CACHE/build/system/rootfs" "$root"
cleanup() { umount "$root/proc" 2>/dev/null || true; }
trap cleanup EXIT
mount -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf"
chroot "$root" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ansible-core' \
	> "$root.apt.log" 2>&1 || die "cannot install ansible-core in the chroot (see $root.apt.log)"

# The example, the package, and a policy with one rule.
mkdir -p "$root/srv/ansible"
cp -a "$MODGUARD_ROOT/examples/ansible/." "$root/srv/ansible/"
cp "$deb" "$root/srv/modguardctl.deb"
printf 'modguard-policy 3\ndeny name=floppy\nend\n' > "$root/srv/policy"
printf 'modguard-policy 3\nallow name=floppy\nend\n' > "$root/srv/bad-policy"
printf '[modguard_canary]\nlocalhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n[modguard_fleet]\n' \
	> "$root/srv/ansible/local.ini"

# The fake kernel interface: modguard active, permissive, unlocked.
f=$root/run/fake-sys
mkdir -p "$f/kernel/security/modguard" "$f/module/modguard/parameters"
printf 'capability,modguard\n' > "$f/kernel/security/lsm"
printf 'permissive\n' > "$f/module/modguard/parameters/mode"
s=$f/kernel/security/modguard
printf 'permissive\n' > "$s/mode"
printf '0\n' > "$s/lock"
printf 'modguard-policy 3\nend\n' > "$s/policy"
printf 'allowed 0\ndenied 0\nwould-deny 0\n' > "$s/stats"

play() { # log extra-args...
	out=$1
	shift
	chroot "$root" env MODGUARD_SYSFS=/run/fake-sys ANSIBLE_NOCOLOR=1 \
		ANSIBLE_LOCALHOST_WARNING=false sh -c \
		"cd /srv/ansible && ansible-playbook -i local.ini modguard.yml -e ansible_become=false $*" \
		> "$out" 2>&1
}
t=$(mktemp -d)
run1="-e modguard_deb=/srv/modguardctl.deb -e modguard_policy=/srv/policy -e modguard_mode=enforcing -e modguard_lock=true"
check "first run succeeds" play "$t/run1" "$run1"
sed 's/^/# /' "$t/run1" | grep -E 'PLAY RECAP|localhost *:' || true
check "the package is installed" chroot "$root" dpkg-query -W -f='${Status}' modguardctl
check "/etc/modguard/policy is the rolled-out policy" cmp -s "$root/srv/policy" "$root/etc/modguard/policy"
check "modguard.conf: MODE=enforcing, LOCK=yes" sh -c \
	"grep -qx MODE=enforcing '$root/etc/modguard/modguard.conf' && grep -qx LOCK=yes '$root/etc/modguard/modguard.conf'"
check "the policy was loaded at once" cmp -s "$root/srv/policy" "$s/policy"
check "the mode was set at once" grep -qx enforcing "$s/mode"
check "modguard was locked at once" grep -qx 1 "$s/lock"

check "second run succeeds" play "$t/run2" "$run1"
has "second run: locked, the change waits for the next boot" "$t/run2" 'is locked on localhost'
has "second run: nothing changed" "$t/run2" 'localhost *: ok=[0-9]+ +changed=0 '

printf '0\n' > "$s/lock"
check "a policy that does not parse fails the run" sh -c \
	"! chroot '$root' env MODGUARD_SYSFS=/run/fake-sys sh -c 'cd /srv/ansible && ansible-playbook -i local.ini modguard.yml -e ansible_become=false -e modguard_policy=/srv/bad-policy -e modguard_mode=enforcing' > '$t/run3' 2>&1"
has "it names the validation" "$t/run3" 'failed to validate|modguardctl policy check'
check "the old policy stays in /etc/modguard" cmp -s "$root/srv/policy" "$root/etc/modguard/policy"
check "and in the kernel" cmp -s "$root/srv/policy" "$s/policy"
rm -rf "$t"
summary
