#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Install the Debian packages a target needs, only when something is
# missing (only then does it run apt-get).
#
#   deps.sh tool   what modguardctl builds with (make, make tools)
#   deps.sh        everything: the kernel, the VM, the tests, the operator
#                  packaging and the Debian system image (make check, ...)
set -eu

tool="build-essential libssl-dev libmbedtls-dev liblzma-dev libzstd-dev
zlib1g-dev"
case ${1:-all} in
tool) pkgs=$tool ;;
all)
	pkgs="$tool bc bison flex libelf-dev ccache xz-utils zstd cpio kmod
busybox-static qemu-system-x86 ovmf openssl python3 git linux-source-6.12
clang libclang-rt-14-dev llvm keyutils auditd strace gcc-multilib
libauparse-dev libaudit-dev libcap-ng-dev"
	# Operator packaging and the Debian system image (packaging/,
	# scripts/system/).
	pkgs="$pkgs debootstrap debhelper rsync lintian e2fsprogs ansible-core"
	;;
*) echo "usage: deps.sh [tool]" >&2; exit 2 ;;
esac

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
