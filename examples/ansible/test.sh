#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The Ansible example parses (ansible-playbook --syntax-check) and its
# policy file is a valid policy. It is not run against hosts here.
set -eu
cd "$(dirname "$0")"
command -v ansible-playbook >/dev/null || { echo "ansible-core missing: run scripts/deps.sh" >&2; exit 1; }
. ../../scripts/testlib.sh
for p in modguard.yml would-deny.yml; do
	check "$p: syntax" env ANSIBLE_LOCALHOST_WARNING=false \
		ansible-playbook -i inventory.ini --syntax-check "$p"
done
check "the role's policy is valid" \
	../../userspace-tools/modguardctl policy check roles/modguard/files/policy
summary
