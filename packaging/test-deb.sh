#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Tests of the modguardctl package: build it (build-deb.sh), check its
# control data and contents with dpkg-deb, run lintian (no error or
# warning), run the boot helper against a fake modguardctl and keyctl,
# and install, remove and purge it with `dpkg --root` in an empty
# directory. The real install, on a Debian 12 system booted with the
# project's kernel, is `make check-system`.
# Last line: "N passed, N failed"; non-zero exit on any failure.
set -eu
. "$(dirname "$0")/../scripts/lib.sh"

for t in dpkg-deb dpkg-shlibdeps lintian; do
	command -v "$t" >/dev/null || die "$t missing: run scripts/deps.sh"
done

. "$MODGUARD_ROOT/scripts/testlib.sh"

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

deb=$("$MODGUARD_ROOT/packaging/build-deb.sh" --out "$t/out" 2>"$t/build.log") ||
	{ cat "$t/build.log" >&2; die "build-deb.sh failed"; }
check "the package is built" test -s "$deb"
echo "# $(basename "$deb"): $(stat -c %s "$deb") bytes"

# --- control data ----------------------------------------------------------
dpkg-deb -I "$deb" > "$t/info"
dpkg-deb -f "$deb" > "$t/control"
has "Package: modguardctl" "$t/control" '^Package: modguardctl$'
has "Architecture: the host's" "$t/control" "^Architecture: $(dpkg --print-architecture)\$"
has "Version from modguardctl -V" "$t/control" '^Version: [0-9][0-9.]*-1$'
has "Depends on the libraries modguardctl links" "$t/control" \
	'^Depends: .*libc6.*libmbedcrypto7.*libmbedx509-1.*libssl3'
has "Recommends keyutils (keyctl, for /etc/modguard/keys)" "$t/control" '^Recommends: keyutils$'
has "Section admin" "$t/control" '^Section: admin$'
hasnt "no maintainer scripts" "$t/info" ' (preinst|postinst|prerm|postrm|config|triggers) *$'
dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - ./conffiles > "$t/conffiles"
check "conffiles: exactly policy and modguard.conf" test \
	"$(tr '\n' ' ' < "$t/conffiles")" = "/etc/modguard/modguard.conf /etc/modguard/policy "
# Every dependency is installed here, at the version asked for.
deps=$(sed -n 's/^Depends: //p' "$t/control")
missing=$(echo "$deps" | tr ',' '\n' | while read -r name op ver; do
	ver=${ver%)}; op=${op#(}
	have=$(dpkg-query -W -f='${Version}' "$name" 2>/dev/null) || { echo "$name"; continue; }
	[ -z "$op" ] || dpkg --compare-versions "$have" "$op" "$ver" || echo "$name"
done)
check "Depends are satisfiable on this Debian system" test -z "$missing"

# --- contents --------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{ print $1, $2, $6, $7, $8 }' > "$t/contents"
for f in ./usr/sbin/modguardctl ./usr/share/man/man8/modguardctl.8.gz \
	./etc/modguard/policy ./etc/modguard/modguard.conf ./etc/modguard/keys/ \
	./lib/systemd/system/modguard-policy.service ./usr/lib/modguard/modguard-boot \
	./usr/share/doc/modguardctl/copyright ./usr/share/doc/modguardctl/changelog.Debian.gz; do
	has "contains $f" "$t/contents" " $f( |\$)"
done
has "modguardctl is root:root 0755" "$t/contents" '^-rwxr-xr-x root/root \./usr/sbin/modguardctl'
has "the unit is enabled statically (sysinit.target.wants)" "$t/contents" \
	'\./lib/systemd/system/sysinit\.target\.wants/modguard-policy\.service -> \.\./modguard-policy\.service'
hasnt "nothing owned by another user" "$t/contents" '^[^ ]+ [^r][^ ]*/|^[^ ]+ root/[^r]'
# Everything `make install` installs is in the package (man pages gzipped).
make -s -C "$MODGUARD_ROOT/userspace-tools" install DESTDIR="$t/inst" PREFIX=/usr >/dev/null
(cd "$t/inst" && find . ! -type d) | sed 's|\(/man/.*\)$|\1.gz|' | sort > "$t/installed"
n=0
while read -r f; do
	grep -qE " $f( |\$)" "$t/contents" || { fail "make install's $f is not in the package"; n=1; }
done < "$t/installed"
[ "$n" -eq 1 ] || pass "all $(wc -l < "$t/installed") files of make install are in the package"

dpkg-deb -x "$deb" "$t/x"
"$t/x/usr/sbin/modguardctl" policy check "$t/x/etc/modguard/policy" > "$t/pc" 2>&1 ||
	fail "shipped policy: modguardctl policy check"
has "the shipped policy is valid and has no rules" "$t/pc" ': 0 rules '
check "modguardctl -V runs" "$t/x/usr/sbin/modguardctl" -V
readelf -d "$t/x/usr/sbin/modguardctl" > "$t/readelf"
has "hardening: BIND_NOW" "$t/readelf" 'BIND_NOW'
# systemd 252 checks ExecStart= on the host, where the helper is not
# installed: that one complaint is expected, any other fails.
systemd-analyze verify --man=no "$t/x/lib/systemd/system/modguard-policy.service" 2>&1 |
	grep -v 'Command /usr/lib/modguard/modguard-boot is not executable' > "$t/verify" || true
hasnt "the unit passes systemd-analyze verify" "$t/verify" '.'
check "the unit runs the helper the package ships" grep -qx \
	'ExecStart=/usr/lib/modguard/modguard-boot' "$t/x/lib/systemd/system/modguard-policy.service"

# --- lintian ---------------------------------------------------------------
lintian --tag-display-limit 0 "$deb" > "$t/lintian" 2>&1 || true
sed 's/^/# lintian: /' "$t/lintian" | grep -v 'root privileges' || true
hasnt "lintian: no error or warning" "$t/lintian" '^[EW]: '

# --- the boot helper, with fake modguardctl and keyctl ---------------------
mkdir -p "$t/bin" "$t/etc/keys"
cat > "$t/bin/modguardctl" <<'SH'
#!/bin/sh
echo "modguardctl $*" >> "$CALLS"
[ "$1 $2" != "policy load" ] || [ -z "${FAIL_LOAD:-}" ] || exit 1
SH
cat > "$t/bin/keyctl" <<'SH'
#!/bin/sh
echo "keyctl $* $(cat | wc -c)" >> "$CALLS"
echo 123
SH
chmod +x "$t/bin/modguardctl" "$t/bin/keyctl"
cp "$t/x/etc/modguard/policy" "$t/x/etc/modguard/modguard.conf" "$t/etc/"
boot() { # expected-status
	: > "$t/calls"
	rc=0
	CALLS=$t/calls MODGUARD_ETC=$t/etc PATH=$t/bin:$PATH \
		"$t/x/usr/lib/modguard/modguard-boot" > "$t/boot.out" 2>&1 || rc=$?
	[ "$rc" -eq "$1" ] || fail "modguard-boot exited $rc, not $1"
	tr '\n' ';' < "$t/calls"
}
check "as shipped: loads the policy, nothing else" test \
	"$(boot 0)" = "modguardctl policy load $t/etc/policy;"
printf 'LOCK=yes\n' >> "$t/etc/modguard.conf"
check "LOCK=yes: policy, then lock" test \
	"$(boot 0)" = "modguardctl policy load $t/etc/policy;modguardctl lock;"
head -c 100 /dev/zero > "$t/etc/keys/local.der"
printf 'MODE=permissive\nLOCK="yes"\n' >> "$t/etc/modguard.conf"
check "keys first, then policy, mode, lock" test "$(boot 0)" = \
	"keyctl padd asymmetric  %keyring:.modguard 100;modguardctl policy load $t/etc/policy;modguardctl mode permissive;modguardctl lock;"
check "a failed policy load still locks, and the unit fails" test \
	"$(FAIL_LOAD=1 boot 1)" = \
	"keyctl padd asymmetric  %keyring:.modguard 100;modguardctl policy load $t/etc/policy;modguardctl mode permissive;modguardctl lock;"
printf 'LOCK=maybe\n' >> "$t/etc/modguard.conf"
check "a bad LOCK= value fails the unit" test "$(boot 1 | grep -c lock)" = 0
printf 'LOCK=no\nMODE=\n' >> "$t/etc/modguard.conf"
rm "$t/etc/keys/local.der"
check "LOCK=no: no lock" test "$(boot 0)" = "modguardctl policy load $t/etc/policy;"

# --- install, remove and purge with dpkg --root ----------------------------
root=$t/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: > "$root/var/lib/dpkg/status"
# The root is empty: its dependencies (libc6, ...) are not in it.
d() { dpkg --root="$root" --force-depends "$@"; }
check "dpkg -i installs" d -i "$deb"
check "status: install ok installed" sh -c \
	"dpkg-query --root='$root' -W -f='\${Status}' modguardctl | grep -qx 'install ok installed'"
check "files in place" test -x "$root/usr/sbin/modguardctl" -a -f "$root/etc/modguard/policy" \
	-a -L "$root/lib/systemd/system/sysinit.target.wants/modguard-policy.service"
sed -i 's/^end$/deny name=floppy\nend/' "$root/etc/modguard/policy"
check "reinstall keeps an edited conffile" sh -c \
	"dpkg --root='$root' --force-depends --force-confold -i '$deb' && grep -q floppy '$root/etc/modguard/policy'"
check "dpkg -r removes" d -r modguardctl
check "after remove: no program, unit or man page left" test ! -e "$root/usr/sbin/modguardctl" \
	-a ! -e "$root/lib/systemd/system/modguard-policy.service" -a ! -e "$root/usr/share/man/man8/modguardctl.8.gz"
check "after remove: the edited conffile is kept" grep -q floppy "$root/etc/modguard/policy"
check "status after remove: config-files" sh -c \
	"dpkg-query --root='$root' -W -f='\${Status}' modguardctl | grep -qx 'deinstall ok config-files'"
check "dpkg -P purges" d -P modguardctl
left=$(cd "$root" && find . -mindepth 1 ! -path './var/lib/dpkg*' ! -path './var/lib' ! -path './var')
check "after purge: nothing left outside dpkg's database" test -z "$left"
[ -z "$left" ] || echo "# left: $left"

summary
