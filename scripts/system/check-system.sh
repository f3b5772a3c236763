#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make check-system: the operator guide's path, end to end, on a real
# Debian 12 system booted under QEMU (TCG).
#
#  1. the Debian 12 root file system (build-image.sh, cached);
#  2. operator keys (gen-signing-key.sh, cached): one that signs the
#     kernel's modules at build time, one ECDSA key for DKMS-style modules;
#  3. the kernel packages (build-kernel-deb.sh --key, rebuilt only when
#     what they are built from changed) and the modguardctl package
#     (packaging/build-deb.sh);
#  4. a copy of the root file system: `dpkg -i` both packages in a chroot,
#     then configure it as docs/operator-guide.md says: the DKMS
#     certificate in /etc/modguard/keys, a vendor module allowed with
#     `modguardctl allow`, a deny rule, LOCK=yes;
#  5. an ext4 disk image of it, booted from the installed /boot/vmlinuz
#     (no initramfs, no firmware: -kernel), root on virtio-blk; the unit
#     modguard-system-test.service (guest-test.sh) checks from inside and
#     powers off; this script judges the console log;
#  6. boots the disk again the way docs/operator-guide.md recovers a host
#     (modguard.mode=permissive systemd.mask=modguard-policy.service) and
#     checks that the module enforcing refused now loads, recorded;
#  7. removes the packages from the chroot again with dpkg -P.
#
#   check-system.sh [--reuse-kernel]
#
#   --reuse-kernel  test the kernel packages in $MODGUARD_CACHE/build/
#                   system-kernel as they are (built earlier, or by
#                   `build-kernel-deb.sh` with other options): no kernel build
#
# Last line: "N passed, N failed"; non-zero exit on any failure. Console
# logs: $MODGUARD_CACHE/build/system/console-{enforcing,recovery}.log.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$MODGUARD_ROOT/scripts/testlib.sh"

reuse=0
case ${1:-} in
--reuse-kernel) reuse=1 ;;
"") ;;
*) die "unknown option $1" ;;
esac
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot)"
SYSDIR=$MODGUARD_CACHE/build/system
KDEB=$MODGUARD_CACHE/build/system-kernel
work=$SYSDIR/work
disk=$SYSDIR/disk.ext4
timeout=${SYSTEM_TIMEOUT:-900}
start=$(date +%s)
since() { echo $(( $(date +%s) - $1 )); }

# 1. The image.
t0=$(date +%s)
"$MODGUARD_ROOT/scripts/system/build-image.sh"
echo "# image: $(since "$t0") s, $(du -sh "$SYSDIR/rootfs" | cut -f1)"

# 2. Keys, made the way an operator makes them.
keys=$SYSDIR/keys
mkdir -p "$keys"
[ -s "$keys/operator/signing_key.pem" ] ||
	"$MODGUARD_ROOT/scripts/signing/gen-signing-key.sh" --out "$keys/operator" \
		--cn "modguard system test operator key" >/dev/null
[ -s "$keys/dkms/signing_key.pem" ] ||
	"$MODGUARD_ROOT/scripts/signing/gen-signing-key.sh" --ecdsa --out "$keys/dkms" \
		--cn "modguard system test DKMS key" >/dev/null

# 3. Packages. The kernel is rebuilt only when what it is built from
# changed (build-kernel-deb.sh --if-changed).
t0=$(date +%s)
if [ "$reuse" -eq 0 ]; then
	"$MODGUARD_ROOT/scripts/system/build-kernel-deb.sh" --if-changed \
		--key "$keys/operator/signing_key.pem"
fi
ls "$KDEB"/linux-image-*.deb >/dev/null 2>&1 || die "no kernel packages in $KDEB"
kimage="" kheaders=""
for f in "$KDEB"/linux-image-*.deb; do
	case $f in *-dbg_*) ;; *) kimage=$f ;; esac
done
for f in "$KDEB"/linux-headers-*.deb; do kheaders=$f; done
[ -s "$kimage" ] && [ -s "$kheaders" ] || die "no kernel packages in $KDEB"
ctldeb=$("$MODGUARD_ROOT/packaging/build-deb.sh" 2>/dev/null)
echo "# packages: $(since "$t0") s; $(basename "$kimage") $(du -h "$kimage" | cut -f1)," \
	"$(basename "$kheaders") $(du -h "$kheaders" | cut -f1), $(basename "$ctldeb") $(du -h "$ctldeb" | cut -f1)"

# Test modules, built against the packaged kernel's tree like a DKMS
# module: mg_alpha signed by the DKMS key (trusted through .modguard),
# unsigned, and signed by a key nobody trusts; mg_beta unsigned, the
# "vendor module" the policy allows by digest.
obj=$KDEB/obj
mods=$SYSDIR/modules
rm -rf "$mods"
mkdir -p "$mods/src" "$mods/out"
cp "$MODGUARD_ROOT/scripts/vm/modules/mg_alpha.c" "$MODGUARD_ROOT/scripts/vm/modules/mg_beta.c" "$mods/src/"
echo 'obj-m := mg_alpha.o mg_beta.o' > "$mods/src/Kbuild"
make -s -C "$KSRC" ARCH=x86_64 O="$obj" M="$mods/src" CC="ccache gcc" modules
sign() { "$MODGUARD_ROOT/scripts/signing/sign-module.sh" --sign-file "$obj/scripts/sign-file" "$@" 2>/dev/null; }
sign "$keys/dkms/signing_key.pem" "$mods/src/mg_alpha.ko" "$mods/out/alpha-dkms.ko"
cp "$mods/src/mg_alpha.ko" "$mods/out/alpha-unsigned.ko"
cp "$mods/src/mg_beta.ko" "$mods/out/beta-vendor.ko"
[ -d "$mods/untrusted" ] || "$MODGUARD_ROOT/scripts/signing/gen-signing-key.sh" \
	--out "$mods/untrusted" --cn "modguard system test untrusted key" >/dev/null
sign "$mods/untrusted/signing_key.pem" "$mods/src/mg_alpha.ko" "$mods/out/alpha-untrusted.ko"

# 4. Install into a copy of the image, as root in a chroot.
t0=$(date +%s)
rm -rf "$work"
cp -a "$SYSDIR/rootfs" "$work"
umount_all() { umount "$work/proc" 2>/dev/null || true; }
trap umount_all EXIT
mount -t proc proc "$work/proc"
mkdir -p "$work/tmp/debs"
cp "$kimage" "$kheaders" "$ctldeb" "$work/tmp/debs/"
inroot() { chroot "$work" "$@"; }
check "chroot: dpkg -i the kernel packages" inroot sh -c 'dpkg -i /tmp/debs/linux-*.deb'
check "chroot: dpkg -i modguardctl" inroot sh -c 'dpkg -i /tmp/debs/modguardctl_*.deb'
kver=$(dpkg-deb -f "$kimage" Package | sed 's/^linux-image-//')
check "chroot: packages installed" inroot sh -c \
	"dpkg-query -W -f='\${db:Status-Abbrev}\n' modguardctl linux-image-$kver linux-headers-$kver | grep -vc '^ii ' | grep -qx 0"
check "chroot: /boot/vmlinuz-$kver installed" test -s "$work/boot/vmlinuz-$kver"
check "chroot: the kernel's modules are installed with depmod data" test -s "$work/lib/modules/$kver/modules.alias"
check "chroot: the unit is enabled (sysinit.target.wants)" test -L \
	"$work/lib/systemd/system/sysinit.target.wants/modguard-policy.service"
check "chroot: systemd-analyze verify modguard-policy.service" \
	inroot systemd-analyze verify --man=no modguard-policy.service
check "chroot: the shipped policy passes modguardctl policy check" inroot modguardctl policy check /etc/modguard/policy

# The operator's configuration (docs/operator-guide.md, "Rollout").
mkdir -p "$work/usr/local/lib/modguard-test"
cp "$mods"/out/*.ko "$MODGUARD_ROOT/scripts/testlib.sh" "$work/usr/local/lib/modguard-test/"
cp "$keys/operator/signing_key.der" "$work/usr/local/lib/modguard-test/operator.der"
inroot modguardctl hash /usr/local/lib/modguard-test/beta-vendor.ko | cut -d' ' -f1 \
	> "$work/usr/local/lib/modguard-test/beta-vendor.sha256"
cp "$keys/dkms/signing_key.der" "$work/etc/modguard/keys/dkms.der"
# The rules go before the policy's end line: take it off, add them, put it
# back.
sed -i '/^end$/d' "$work/etc/modguard/policy"
inroot modguardctl allow /usr/local/lib/modguard-test/beta-vendor.ko >> "$work/etc/modguard/policy"
echo 'deny name=floppy' >> "$work/etc/modguard/policy"
echo end >> "$work/etc/modguard/policy"
check "chroot: the edited policy passes modguardctl policy check" inroot modguardctl policy check /etc/modguard/policy
sed -i 's/^LOCK=.*/LOCK=yes/' "$work/etc/modguard/modguard.conf"
# Audit records to syslog, the first hop to a SIEM: the guide's
# /etc/audit/plugins.d/syslog.conf.
sed -i -e 's/^active = no/active = yes/' -e 's/^args = LOG_INFO *$/args = LOG_INFO LOG_LOCAL6/' \
	"$work/etc/audit/plugins.d/syslog.conf"

install -m 0755 "$MODGUARD_ROOT/scripts/system/guest-test.sh" "$work/usr/local/sbin/modguard-system-test"
install -m 0644 "$MODGUARD_ROOT/scripts/system/modguard-system-test.service" "$work/etc/systemd/system/"
ln -sf ../modguard-system-test.service "$work/etc/systemd/system/multi-user.target.wants/"
# The test owns the serial console.
ln -sf /dev/null "$work/etc/systemd/system/serial-getty@ttyS0.service"
cp "$work/boot/vmlinuz-$kver" "$SYSDIR/vmlinuz"
umount_all
rm -rf "$work/tmp/debs"

# 5. The disk, and the boot.
rm -f "$disk"
mkfs.ext4 -q -F -L root -d "$work" "$disk" 1G
echo "# install and disk: $(since "$t0") s; disk image $(du -h --apparent-size "$disk" | cut -f1) apparent, $(du -h "$disk" | cut -f1) used"

boot() { # name extra-kernel-parameters: boot the disk, count the checks inside
	name=$1 extra=$2
	logf=$SYSDIR/console-$name.log
	t0=$(date +%s)
	rc=0
	timeout "$timeout" qemu-system-x86_64 -accel tcg -m 1024 -smp 2 -nographic -no-reboot \
		-kernel "$SYSDIR/vmlinuz" \
		-append "root=/dev/vda rw rootwait console=ttyS0 loglevel=4 panic=-1 $extra" \
		-drive file="$disk",format=raw,if=virtio \
		-nic user,model=e1000 -device virtio-rng-pci \
		< /dev/null 2>&1 | tr -d '\r' | sed -E 's/\x1b(\[[0-9;?]*[A-Za-z]|c)//g' > "$logf" || rc=$?
	secs=$(since "$t0")
	echo "# --- $name boot"
	grep -E '^(ok|FAIL) - |^# |^#   |^mg-system: ' "$logf" || true
	if ! results "$logf"; then
		fail "$name: the system test ran to its end (rc=$rc; see $logf)"
		tail -n 30 "$logf" | sed 's/^/#   /'
	else
		passed=$((passed + res_pass)) failed=$((failed + res_fail))
		[ "$res_pass" -gt 0 ] || fail "$name: no check ran inside"
	fi
	if grep -nE 'WARNING:|BUG:|Oops|Kernel panic|cut here|Call Trace' "$logf" > "$logf.problems"; then
		fail "$name: the kernel reported a problem (see $logf)"
		head -n 5 "$logf.problems" | sed 's/^/#   /'
	else
		pass "$name: no kernel warning, oops or panic on the console"
	fi
	echo "# $name boot and test under QEMU: $secs s (console log $logf)"
}
boot enforcing ""
# The recovery path of docs/operator-guide.md, on the same (now used) disk.
boot recovery "modguard.mode=permissive systemd.mask=modguard-policy.service mgtest=recovery"

# 7. Removal, in the chroot.
mount -t proc proc "$work/proc"
check "chroot: dpkg -P modguardctl" inroot dpkg -P modguardctl
check "chroot: nothing of modguardctl left" test ! -e "$work/usr/sbin/modguardctl" \
	-a ! -e "$work/etc/modguard/policy" -a ! -e "$work/lib/systemd/system/modguard-policy.service"
check "chroot: dpkg -P the kernel packages" inroot dpkg -P "linux-image-$kver" "linux-headers-$kver"
check "chroot: /boot and /lib/modules are clean" test ! -e "$work/boot/vmlinuz-$kver" -a ! -e "$work/lib/modules/$kver/kernel"
umount_all

echo "check-system: $(since "$start") s"
summary
