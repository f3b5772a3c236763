# SPDX-License-Identifier: GPL-2.0-only
# Boot: enforcing, with the builtin policy (scripts/vm/boot-policy).
# modguardctl verify and diagnose (the static build, /bin/modguardctl)
# predict the kernel: for every module variant in /modules, verify against the
# certificates the kernel trusts (its signing certificate and
# CONFIG_SYSTEM_TRUSTED_KEYS, copied to /keys by build-initramfs.sh), then
# load it; the verdicts must agree (ok, or errno=EPERM) and the reason of
# the audit record must be verify's, with the same signer and digest.
# Where the kernel knows more than a certificate list can say, the
# exception is in the table below, with the kernel's reason.
. /tests/lib.sh

MG=/bin/modguardctl
KEYS=${MG_KEYS:-/keys}
CERTS="--cert $KEYS/trusted-rsa.crt --cert $KEYS/builtin-extra.crt"
# 7.x: the ML-DSA-65 key built in too (a missing certificate fails the
# checks that need it; 6.12's VM has none).
case $(uname -r) in
6.*) MLDSA= ;;
*) MLDSA=yes CERTS="$CERTS --cert $KEYS/trusted-mldsa.crt" ;;
esac

# exception FILE: the kernel's reason where it differs from verify's.
#   revoked-rsa is built in as trusted and on the revocation list
#   (CONFIG_SYSTEM_REVOCATION_KEYS), which verify does not read;
#   mg_denied is refused by the boot policy, not by its signature.
#   ML-DSA needs no exception: 6.12's parser does not know the algorithm,
#   and Debian 12's modguardctl (OpenSSL 3.0) refuses it the same way
#   (unsupported-crypto); the 7.x VMs verify it, and their modguardctl is
#   the one built against sid's OpenSSL 3.6 (scripts/mldsa.sh
#   build-static), which verifies it as they do: alpha-mldsa65 (signed by
#   the built-in ML-DSA-65 key, trusted-mldsa.crt) loads, its tampered
#   copy is bad-signature, and alpha-mldsa-oid (an RSA signature whose
#   SignerInfo says ML-DSA-65) is bad-signature too.
exception() {
	case $1 in
	alpha-revoked.ko) echo revoked-key ;;
	denied-*) echo denied-by-policy ;;
	*) echo "" ;;
	esac
}

# field NAME LINE: the value of NAME= in a verify line or audit record.
field() { echo "$2" | sed -n "s/.* $1=\\([^ ]*\\).*/\\1/p"; }

upper() { echo "$1" | tr 'a-f' 'A-F'; }

# jfield KEY: a top-level string value of the JSON line in /tmp/json.
jfield() { sed -n "s/^{.*\"$1\":\"\([^\"]*\)\".*/\1/p" /tmp/json | head -n 1; }

if [ ! -f "$KEYS/trusted-rsa.crt" ] || [ ! -f "$KEYS/builtin-extra.crt" ]; then
	fail "the kernel's trusted certificates are in $KEYS (build-initramfs.sh)"
	finish
	exit
fi

check "verify accepts the certificate files" \
	sh -c "$MG verify $CERTS /modules/alpha-sha256.ko > /dev/null"
# Which modguardctl this is: the 7.x VMs' verifies ML-DSA, 6.12's does not.
case $(uname -r) in
6.*) check "modguardctl here is Debian 12's: ML-DSA not verified" \
	sh -c "$MG --version | grep -q '^ML-DSA signatures: not verified'" ;;
*) check "modguardctl here verifies ML-DSA (built against OpenSSL 3.5+)" \
	sh -c "$MG --version | grep -q '^ML-DSA signatures: verified'" ;;
esac

n=0
for path in /modules/*.ko /modules/*.ko.xz; do
	[ -f "$path" ] || continue
	f=${path#/modules/}
	n=$((n + 1))
	base=${f%%.ko*}
	mod=mg_${base%%-*}
	flags=
	case $f in *.xz) flags=compressed ;; esac

	line=$($MG verify $CERTS "$path" 2> /tmp/verify.err)
	rc=$?
	verdict=$(echo "$line" | sed -n 's/^[^ ]*: \([a-z]*\) .*/\1/p')
	reason=$(field reason "$line")
	if [ -z "$verdict" ] || [ -z "$reason" ]; then
		fail "verify $f: no verdict line (exit $rc): $line $(cat /tmp/verify.err)"
		continue
	fi
	if { [ "$verdict" = ok ] && [ "$rc" = 0 ]; } ||
	   { [ "$verdict" = refused ] && [ "$rc" = 1 ]; }; then
		pass "verify $f: $verdict reason=$reason, exit $rc"
	else
		fail "verify $f: $verdict with exit status $rc"
	fi

	kreason=$(exception "$f")
	[ -z "$kreason" ] && kreason=$reason

	# diagnose reads what verify cannot (revocation list, policy):
	# no exception table. A signer by issuer and serial whose
	# certificate is not given is unknown to it (/proc/keys names keys
	# by SKID), and then none of the trusted keys: untrusted-key.
	$MG diagnose --json $CERTS "$path" > /tmp/json 2> /tmp/diag.err
	drc=$?
	dverdict=$(jfield verdict)
	dreason=$(jfield reason)
	case "$dverdict/$drc" in
	ok/0) dwant=ok ;;
	refused/1) dwant=$dreason ;;
	unknown/0)
		dwant=untrusted-key
		check "diagnose $f: unknown only for want of the signer's certificate" \
			grep -q '"check":"key","status":"unknown","detail":"signer [0-9a-f]* (issuer and serial)' /tmp/json ;;
	*) dwant="verdict '$dverdict' exit $drc: $(cat /tmp/json /tmp/diag.err)" ;;
	esac
	check "diagnose $f predicts the kernel: $kreason" test "$dwant" = "$kreason"
	if [ "$kreason" = ok ]; then
		load finit "$f" ok "$mod" "" $flags
		continue
	fi
	load finit "$f" errno=EPERM "$mod" \
		"type=1490 .*op=finit_module .* reason=$kreason .*action=deny" $flags
	[ "$kreason" != "$reason" ] && continue

	# The audit record names the same signer and payload digest.
	record=$(grep -m 1 'type=1490' /tmp/last-klog)
	asigner=$(field signer "$record")
	vsigner=$(field signer "$line")
	# Both name the key by its SKID, or both say "?" (no key found).
	check "$f: audit signer= is verify's signer ($vsigner)" \
		test "$asigner" = "$vsigner"
	if [ "$(field hash "$line")" = sha256 ] &&
	   [ "$(field digest "$record")" != "?" ]; then
		check "$f: audit digest= is verify's sha256 digest" \
			test "$(field digest "$record")" = \
			     "$(upper "$(field digest "$line")")"
	fi
done
check "verified and loaded every module variant ($n)" test "$n" -ge 10

# The exceptions hold for the reason given: with revoked-rsa's certificate
# left out, verify says what it cannot know otherwise.
line=$($MG verify --cert "$KEYS/trusted-rsa.crt" /modules/alpha-revoked.ko)
check "alpha-revoked.ko without revoked-rsa's certificate: untrusted-key" \
	test "$(field reason "$line")" = untrusted-key

# A key added to .modguard at runtime: verify with the same DER file.
load finit alpha-local.ko errno=EPERM mg_alpha \
	"type=1490 .*op=finit_module .* reason=untrusted-key .*action=deny"
check "the local key is added to .modguard" \
	sh -c "keyctl padd asymmetric '' %:.modguard < /modules/local-rsa.der > /dev/null"
check "verify --cert local-rsa.der: alpha-local.ko ok" \
	sh -c "$MG verify $CERTS --cert /modules/local-rsa.der /modules/alpha-local.ko > /dev/null"
load finit alpha-local.ko ok mg_alpha ""

# 7.x: the ML-DSA certificate read from the kernel's own image (its
# builtin list), as from the certificate file.
if [ -n "$MLDSA" ]; then
	line=$($MG verify --kernel /boot/vmlinuz /modules/alpha-mldsa65.ko)
	check "verify --kernel /boot/vmlinuz: alpha-mldsa65.ko ok ($line)" \
		test "$(field reason "$line")" = ok
	check "  ... signer= is the built-in ML-DSA key's SKID" test \
		"$(field signer "$line")" = "$(field signer "$($MG verify $CERTS /modules/alpha-mldsa65.ko)")"
fi

# scan over the same files agrees with verify, file by file.
$MG scan $CERTS /modules > /tmp/scan
check "scan /modules exits 1 (some variants are refused)" test $? = 1
for path in /modules/*.ko /modules/*.ko.xz; do
	[ -f "$path" ] || continue
	v=$($MG verify $CERTS "$path" 2>/dev/null)
	case $v in
	*": ok "*)
		check "scan does not list ${path#/modules/} (ok)" \
			sh -c "! grep -q '^$path: ' /tmp/scan" ;;
	*)
		check "scan lists ${path#/modules/} as verify does" \
			grep -qxF "$v" /tmp/scan ;;
	esac
done
check "scan: summary counts every file" \
	grep -q "^summary: files=$n " /tmp/scan

finish
