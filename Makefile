# SPDX-License-Identifier: GPL-2.0-only
#
# Everything outside the kernel build. (A kernel tree reads Kbuild and
# Kconfig when this repository sits at security/modguard.)
#
#   make            build modguardctl (userspace-tools/modguardctl), with
#                   what is installed; `make help` lists the other targets
#   make tools      the same, after installing what it needs (apt-get)
#   make run        build, then boot the VM with modguard enforcing into a
#                   shell; `make run CMD='...'` runs CMD in it and powers off
#   make check      every test (scripts/check.sh)
#   make bench      load-time and scan benchmarks (docs/performance.md);
#                   never part of make check
#
# Built things live in $(MODGUARD_CACHE) (default ~/.cache/modguard).

SHELL := /bin/bash
export MODGUARD_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/modguard
# KERNEL=7.2 (make run KERNEL=7.2, make kernel KERNEL=7.2, ...) builds and
# boots Linux 7.2 instead of 6.12 (scripts/kernels).
ifdef KERNEL
export MODGUARD_KERNEL := $(KERNEL)
endif

.PHONY: all help deps tool-deps kernel modules tools initramfs vm run kunit \
	checkpatch check check-userspace check-vm check-debug check-7.2 fuzz clean

all:
	@$(MAKE) -s -C userspace-tools all
	@echo "built userspace-tools/modguardctl; make help for the kernel, the VM and the tests"

help:
	@echo "make             build modguardctl with what is installed"
	@echo "make tools       install what modguardctl needs (apt-get), build it"
	@echo "make run         build the kernel, modules and initramfs; boot the VM"
	@echo "                 (APPEND=boot parameters, CMD='command': run it, power off;"
	@echo "                 KERNEL=7.2: Linux 7.2 instead of 6.12)"
	@echo "make check       every test: checkpatch, KUnit, VM scenarios, userspace,"
	@echo "                 debug kernel, operator side, Debian system proof"
	@echo "make check-vm, check-debug, check-userspace, check-system, check-keys,"
	@echo "     check-deb, check-examples       parts of make check"
	@echo "make deps        install everything the rig needs (about 40 packages)"
	@echo "make kernel, modules, vm, kunit, checkpatch, fuzz, bench, deb,"
	@echo "     kernel-deb, system-image, signing-key   (docs/development.md)"

deps:
	@scripts/deps.sh

tool-deps:
	@scripts/deps.sh tool

kernel: deps
	@scripts/build-kernel.sh

modules: kernel
	@scripts/vm/build-modules.sh

tools: tool-deps
	@$(MAKE) -s -C userspace-tools all

initramfs vm: modules deps
	@$(MAKE) -s -C userspace-tools all static
	@scripts/vm/build-initramfs.sh

# APPEND adds boot parameters, e.g. APPEND=modguard.mode=permissive.
# CMD reaches the VM verbatim ($? and $VAR are the VM shell's, not make's).
override CMD := $(value CMD)
export CMD
run: vm
	@scripts/vm/run-vm.sh -a "$(APPEND)" $(if $(CMD),-c "$$CMD")

kunit: deps
	@scripts/kunit.sh

checkpatch: deps
	@scripts/checkpatch.sh

# Parts of make check, with its stages and total; the scenarios are those
# of scripts/vm/scenarios.
check-userspace check-vm check-debug: deps
	@scripts/check.sh $(@:check-%=%)

check-7.2: deps
	@scripts/check.sh linux-7.2

check: deps
	@scripts/check.sh

fuzz: deps
	@$(MAKE) -C userspace-tools fuzz

# Boots the VM once per configuration and round; BENCH_ROUNDS, BENCH_SCALE
# and BENCH_SCAN=0 tune it (scripts/bench/run.sh).
.PHONY: bench
bench: vm
	@scripts/bench/run.sh

clean:
	@$(MAKE) -s -C userspace-tools clean

# Operator side (docs/operator-guide.md): signing keys, the Debian
# packages, and the proof on a Debian 12 system booted under QEMU.
#
#   make signing-key    a new operator module-signing key (KEYARGS=--ecdsa)
#   make check-keys     tests of the key and signing scripts
#   make deb            the modguardctl .deb (in $(MODGUARD_CACHE)/build/deb)
#   make check-deb      its tests: contents, lintian, dpkg --root install/purge
#   make kernel-deb     the kernel as .debs (bindeb-pkg); KERNEL_DEB_ARGS=
#                       --config FILE --key PEM --trust CERTS --hash ALG
#   make system-image   the Debian 12 root file system (debootstrap)
#   make check-system   install both packages in it, boot it, check inside
#   make check-examples the Ansible example: syntax, and a real run in a chroot
.PHONY: signing-key check-keys deb check-deb kernel-deb system-image \
	check-system check-examples

signing-key:
	@scripts/signing/gen-signing-key.sh $(KEYARGS)

check-keys: modules tools
	@scripts/signing/test-signing-key.sh

deb: deps
	@packaging/build-deb.sh

check-deb: deps
	@packaging/test-deb.sh

kernel-deb: deps
	@scripts/system/build-kernel-deb.sh $(KERNEL_DEB_ARGS)

system-image: deps
	@scripts/system/build-image.sh

check-system: deps
	@scripts/system/check-system.sh

check-examples: deps
	@examples/ansible/test.sh
	@examples/ansible/test-chroot.sh
