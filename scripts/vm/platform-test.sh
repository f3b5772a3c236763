#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The .platform scenario: three UEFI boots sharing one OVMF variable store
# (see scripts/vm/tests/platform.sh). The first boot enrols the test
# platform key in the firmware's db; the kernel of the next two boots loads
# it into .platform, which modguard trusts only with
# modguard.platform_keyring=1. Prints the sum of the three boots' checks.
set -eu
. "$(dirname "$0")/../lib.sh"

vars_template=/usr/share/OVMF/OVMF_VARS_4M.fd
[ -f "$vars_template" ] || die "no $vars_template (apt-get install ovmf)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$vars_template" "$work/vars.fd"

pass=0 fail=0 status=0
boot() { # phase [boot args]
	out=$("$MODGUARD_ROOT/scripts/vm/run-vm.sh" -s platform -u "$work/vars.fd" \
		-l "platform-$1" -t 600 -a "mg.phase=$1${2:+ $2}") || status=1
	printf '%s\n' "$out" | sed '$d'
	summary=$(printf '%s\n' "$out" | tail -n 1)
	p=$(printf '%s\n' "$summary" | sed -nE 's/.* ([0-9]+) passed, ([0-9]+) failed$/\1/p')
	f=$(printf '%s\n' "$summary" | sed -nE 's/.* ([0-9]+) passed, ([0-9]+) failed$/\2/p')
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-1}))
}

boot enrol
boot off
boot on modguard.platform_keyring=1
echo "vm-platform: $pass passed, $fail failed"
exit $status
