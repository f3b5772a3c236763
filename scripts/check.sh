#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# `make check`: every test, every stage in every run. Each stage prints its
# own "N passed, N failed" line; this script adds them up and prints the
# total last. Any failed stage fails the run (the later stages still run,
# so one run shows everything that is wrong).
#
#   check.sh [GROUP...]   only these groups, in the order below (make
#                         check-vm, check-debug, check-userspace)
#
#   checkpatch  checkpatch --strict over the kernel C
#   kunit       the KUnit suites on UML
#   vm          the guest kernel, modules and initramfs, and every scenario
#               of scripts/vm/scenarios
#   userspace   modguardctl's tests under ASan/UBSan, the fuzz smoke run;
#               the same tests of the tool built in a Debian sid chroot
#               (OpenSSL 3.6, mbedTLS 3.6) with real ML-DSA signatures
#   debug       the debug kernel and its scenarios (stress)
#   linux-7.2   the same on Linux 7.2 (scripts/kernels): KUnit, the guest
#               kernel, modules and initramfs, the system kernel's
#               configuration, and the scenarios listed for 7.2 in
#               scripts/vm/scenarios
#   operator    the signing-key scripts, the modguardctl package
#   system      the proof on a booted Debian 12 system, the Ansible role
#
# MODGUARD_CHECK_SKIP="GROUP..." leaves groups out on purpose: the run says
# so in its output and in its last line, and never decides it by itself.
set -u
. "$(dirname "$0")/lib.sh"
. "$MODGUARD_ROOT/scripts/testlib.sh"
cd "$MODGUARD_ROOT"

groups="checkpatch kunit vm userspace debug linux-7.2 operator system"
want=${*:-$groups}
for g in $want ${MODGUARD_CHECK_SKIP:-}; do
	case " $groups " in
	*" $g "*) ;;
	*) echo "check.sh: no group $g (groups: $groups)" >&2; exit 2 ;;
	esac
done
run="" skipped=""
for g in $groups; do
	case " $want " in *" $g "*) ;; *) continue ;; esac
	case " ${MODGUARD_CHECK_SKIP:-} " in
	*" $g "*) skipped="$skipped $g" ;;
	*) run="$run $g" ;;
	esac
done
[ -z "$skipped" ] ||
	echo "=== left out by MODGUARD_CHECK_SKIP:$skipped"
runs() { case " $run " in *" $1 "*) return 0 ;; esac; return 1; }

total_pass=0 total_fail=0 failed_stages=""
start=$(date +%s)

stage() { # name command...
	name=$1
	shift
	t0=$(date +%s)
	echo "=== $name"
	out=$(mktemp)
	"$@" 2>&1 | tee "$out"
	rc=${PIPESTATUS[0]}
	results "$out"
	p=$res_pass f=$res_fail
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# a stage that failed without counting counts once
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	[ "$rc" -eq 0 ] || failed_stages="$failed_stages $name"
	echo "=== $name: rc=$rc, $p passed, $f failed, $(( $(date +%s) - t0 )) s"
	rm -f "$out"
}

scenarios() { # [FLAVOUR [KERNEL]]: a stage per scenario of scripts/vm/scenarios
	k=${2:-6.12}
	tag=
	[ "$k" = 6.12 ] || tag=$k-
	for s in $(MODGUARD_FLAVOUR=${1:-} MODGUARD_KERNEL=$k scripts/vm/run-vm.sh -L); do
		stage "vm-$tag$s" env MODGUARD_FLAVOUR="${1:-}" MODGUARD_KERNEL="$k" \
			scripts/vm/run-vm.sh -s "$s"
	done
}

stage deps scripts/deps.sh
runs checkpatch && stage checkpatch scripts/checkpatch.sh
runs kunit && stage kunit scripts/kunit.sh
# The VM build comes before the userspace tests: they also check
# modguardctl against the real signed modules and certificates it makes.
runs vm && stage vm-build make -s vm
if runs userspace; then
	stage userspace make -s -C userspace-tools check
	# OpenSSL 3.5 and later verify ML-DSA: the tool built against
	# sid's, its tests and tests/cli_mldsa.sh run there.
	stage userspace-mldsa scripts/mldsa.sh check
	stage fuzz-smoke make -s -C userspace-tools fuzz-smoke
fi
runs vm && scenarios
# The debug kernel (KASAN, lockdep, failslab): its own build, modules and
# initramfs; then the stress and fault-injection scenario on it.
if runs debug; then
	stage debug-build env MODGUARD_FLAVOUR=debug make -s vm
	scenarios debug
fi
# Linux 7.2 beside 6.12: the same tree, its own source, patches and builds.
if runs linux-7.2; then
	stage kunit-7.2 env MODGUARD_KERNEL=7.2 scripts/kunit.sh
	stage vm-build-7.2 env MODGUARD_KERNEL=7.2 make -s vm
	# The system kernel's configuration (Debian packages) for 7.2,
	# written and checked line by line: no build.
	stage deb-config-7.2 env MODGUARD_KERNEL=7.2 \
		scripts/system/build-kernel-deb.sh --configure-only
	scenarios "" 7.2
fi
if runs operator; then
	stage keys scripts/signing/test-signing-key.sh
	stage deb packaging/test-deb.sh
fi
# The proof on a booted Debian 12 system, and the Ansible role run in its
# image.
if runs system; then
	stage system scripts/system/check-system.sh
	stage examples examples/ansible/test.sh
	stage examples-chroot examples/ansible/test-chroot.sh
fi

echo "make check: $(( $(date +%s) - start )) s${failed_stages:+, failed stages:$failed_stages}"
[ -z "$skipped" ] ||
	echo "left out by MODGUARD_CHECK_SKIP:$skipped (not run, not counted)"
echo "total: $total_pass passed, $total_fail failed"
[ -z "$failed_stages" ] && [ "$total_fail" -eq 0 ]
