#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The Ansible example parses (ansible-playbook --syntax-check) and its
# policy file is a valid policy. It is not run against hosts here.
set -eu
cd "$(dirname "$0")"
command -v ansible-playbook >/dev/null || { echo "ansible-core missing: run scripts/deps.sh" >&2; exit 1; }
pass=0 fail=0
for p in modguard.yml would-deny.yml; do
	if ANSIBLE_LOCALHOST_WARNING=false ansible-playbook -i inventory.ini --syntax-check "$p" >/dev/null; then
		pass=$((pass + 1)); echo "ok - $p: syntax"
	else
		fail=$((fail + 1)); echo "FAIL - $p: syntax"
	fi
done
if ../../userspace-tools/modguardctl policy check roles/modguard/files/policy >/dev/null; then
	pass=$((pass + 1)); echo "ok - the role's policy is valid"
else
	fail=$((fail + 1)); echo "FAIL - the role's policy is valid"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
