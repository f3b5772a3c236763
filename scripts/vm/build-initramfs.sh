#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The VM's initramfs: busybox-static, Debian's kmod (insmod, modprobe,
# modinfo, rmmod, lsmod) and keyctl with their libraries, the static
# mg-load, mg-nocap, mg-stress, mg-kexec and mg-autoload helpers,
# modguardctl, the module variants and the scenario scripts.
# Output: $IMGDIR/initramfs.cpio.gz
set -eu
. "$(dirname "$0")/../lib.sh"

[ -d "$MODDIR/out" ] || die "build the test modules first"
root="$IMGDIR/root"
rm -rf "$root"
mkdir -p "$root"/bin "$root"/sbin "$root"/proc "$root"/sys "$root"/dev \
	"$root"/tmp "$root"/etc "$root"/modules "$root"/tests

cp /bin/busybox "$root/bin/busybox"
kmod_tools="insmod rmmod lsmod modprobe modinfo depmod"
for a in $(busybox --list); do
	case " busybox $kmod_tools " in *" $a "*) continue ;; esac
	ln -s busybox "$root/bin/$a"
done

# kmod dispatches on argv[0]: link each tool to it.
cp /usr/bin/kmod "$root/sbin/kmod"
for t in $kmod_tools; do
	ln -s kmod "$root/sbin/$t"
done
cp /usr/bin/keyctl "$root/bin/keyctl"
audit_tools="/usr/sbin/auditd /usr/sbin/auditctl /usr/sbin/ausearch /usr/sbin/aureport"
cp $audit_tools "$root/sbin/"
mkdir -p "$root/etc/audit" "$root/var/log/audit" "$root/run"
ln -s ../run "$root/var/run"
# Debian's auditd.conf, with what an initramfs lacks taken out, and the
# settings docs/operator-guide.md gives for keeping every record: Debian's
# ROTATE deletes the oldest of 5 x 8 MB logs (a storm of configuration
# writes pushed the stress scenario's first denials out that way), and
# SUSPEND stops writing without the kernel counting anything lost. Here a
# full log or disk stops the VM instead, which fails the scenario loudly.
sed -e 's/^log_group.*/log_group = 0/' -e 's/^tcp_listen_port.*//' \
	-e 's/^name_format.*/name_format = NONE/' \
	-e 's/^space_left_action.*/space_left_action = SYSLOG/' \
	-e 's/^flush.*/flush = INCREMENTAL_ASYNC/' \
	-e 's/^max_log_file_action.*/max_log_file_action = KEEP_LOGS/' \
	-e 's/^space_left .*/space_left = 16/' \
	-e 's/^admin_space_left .*/admin_space_left = 8/' \
	-e 's/^admin_space_left_action.*/admin_space_left_action = HALT/' \
	-e 's/^disk_full_action.*/disk_full_action = HALT/' \
	-e 's/^disk_error_action.*/disk_error_action = HALT/' \
	/etc/audit/auditd.conf > "$root/etc/audit/auditd.conf"
for k in max_log_file_action space_left admin_space_left \
	admin_space_left_action disk_full_action disk_error_action; do
	grep -q "^$k = " "$root/etc/audit/auditd.conf" ||
		{ echo "build-initramfs: no $k in /etc/audit/auditd.conf" >&2; exit 1; }
done
chmod 0640 "$root/etc/audit/auditd.conf"
echo 'root:x:0:0:root:/:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
ldd /usr/bin/kmod /usr/bin/keyctl $audit_tools |
	awk '/=>/ { print $3 } /ld-linux/ { print $1 }' | sort -u |
while read -r lib; do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done

for helper in mg-load mg-nocap mg-stress mg-kexec mg-autoload; do
	gcc -static -O2 -Wall -Wextra -Werror -o "$root/bin/$helper" \
		"$MODGUARD_ROOT/scripts/vm/$helper.c"
done
# modguardctl: Debian 12's build for 6.12; for the 7.x kernels, which
# verify ML-DSA, the one built against sid's OpenSSL (3.6, ML-DSA) in the
# chroot of scripts/mldsa.sh, so that it reads ML-DSA as they do.
if [ "$KERNEL" = 6.12 ]; then
	cp "$MODGUARD_ROOT/userspace-tools/build/modguardctl-static" \
		"$root/bin/modguardctl"
else
	"$MODGUARD_ROOT/scripts/mldsa.sh" build-static "$root/bin/modguardctl"
fi

cp "$MODDIR"/out/* "$root/modules/"
# The kernel itself, for the kexec scenario to load (never to boot).
mkdir -p "$root/boot"
cp "$KOUT/arch/x86/boot/bzImage" "$root/boot/vmlinuz"
# make bench: its modules (/bench, apart from the variants the scenarios
# walk) and its static timing helper.
mkdir -p "$root/bench"
cp "$MODDIR"/bench/* "$root/bench/"
gcc -static -O2 -Wall -Wextra -Werror -o "$root/bin/mg-bench" \
	"$MODGUARD_ROOT/scripts/bench/mg-bench.c"
# The certificates the kernel trusts, for modguardctl verify in the VM.
mkdir -p "$root/keys"
cp "$KEYDIR/trusted-rsa.crt" "$KEYDIR/builtin-extra.crt" "$root/keys/"
[ "$KERNEL" = 6.12 ] || cp "$KEYDIR/trusted-mldsa.crt" "$root/keys/"
cp "$MODGUARD_ROOT"/scripts/vm/tests/*.sh "$MODGUARD_ROOT/scripts/testlib.sh" \
	"$root/tests/"
cp "$MODGUARD_ROOT/docs/audit-regex.txt" "$root/tests/"
cp "$MODGUARD_ROOT/scripts/vm/init" "$root/init"
chmod +x "$root/init" "$root"/tests/*.sh

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) |
	gzip -1 > "$IMGDIR/initramfs.cpio.gz.tmp"
mv "$IMGDIR/initramfs.cpio.gz.tmp" "$IMGDIR/initramfs.cpio.gz"
log "built $IMGDIR/initramfs.cpio.gz"
