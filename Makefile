# hellonl: a Generic Netlink kernel module and its CLI. See README.md.
#
#   make demo     the whole system working in a VM
#   make check    the tests: static checks, unit tests, the guest suites
#                 on every Debian from 11 to sid, and the scenarios
#   make check-debug  the guest suite again on a debug kernel (KASAN,
#                 lockdep, kmemleak), with a fuzzer and fault injection
#
# The rest are steps of those, and of the packaging.

VERSION := $(shell sed -n 's/^\#define HELLONL_VERSION "\(.*\)"/\1/p' src/version.h)
BUILD := build

# A kernel build tree for `make module`: the newest headers installed.
KDIR ?= $(shell ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1)

# What the module's source is, as DKMS gets it.
MODULE_SOURCES := $(wildcard src/*.c src/*.h src/uapi/*.h src/probes/*.c) \
		  src/Kbuild src/Makefile

all:
	$(MAKE) -C userspace

# The module, built in a copy so that src/ stays clean. W=1 for extra warnings.
module:
	rm -rf $(BUILD)/module && mkdir -p $(BUILD)/module
	cp -r src/. $(BUILD)/module/
	$(MAKE) -C $(KDIR) M=$(CURDIR)/$(BUILD)/module modules

# Everything, into DESTDIR: the CLI and its files, and the module's source.
install: install-userspace install-dkms

install-userspace:
	$(MAKE) -C userspace install

# The module's source and dkms.conf, where DKMS looks for them.
install-dkms:
	for file in $(MODULE_SOURCES:src/%=%); do \
		install -D -m 0644 src/$$file \
			$(DESTDIR)/usr/src/hellonl-$(VERSION)/$$file || exit 1; \
	done
	install -D -m 0755 src/keep-gcov-notes \
		$(DESTDIR)/usr/src/hellonl-$(VERSION)/keep-gcov-notes
	sed 's/#MODULE_VERSION#/$(VERSION)/' dkms.conf \
		> $(DESTDIR)/usr/src/hellonl-$(VERSION)/dkms.conf

# The .debs are built here, on Debian 12, for Debian 12 and newer. A suite
# with an older libc gets its own, built in its chroot: BUILD_SUITE=bullseye.
BUILD_SUITE ?=
DEB_DIR := $(BUILD)/deb$(if $(BUILD_SUITE),-$(BUILD_SUITE))
REPO_DIR := $(BUILD)/repo$(if $(BUILD_SUITE),-$(BUILD_SUITE))

# Both .debs, built from a clean copy of the tree, in $(DEB_DIR)/.
deb:
	tests/tools/build-deb $(if $(BUILD_SUITE),--suite $(BUILD_SUITE)) $(DEB_DIR)

# A signed apt repository of the .debs, in $(REPO_DIR)/.
repo: deb
	tests/tools/build-repo $(DEB_DIR) $(REPO_DIR)

# Both .rpms, built with rpmbuild from rpm/hellonl.spec, in $(BUILD)/rpm/.
rpm:
	tests/tools/build-rpm $(BUILD)/rpm

# Install what building and testing need (Debian 12, as root).
deps:
	tests/tools/install-deps

check-unit: all
	$(MAKE) -C tests/unit check

check: deps
	tests/check

# The everyday check: the system tests on bookworm only, no scenarios.
check-quick: deps
	SUITES=bookworm SCENARIOS= tests/check

# The debug kernel's suite alone (KASAN, lockdep, kmemleak, gcov), with
# the fault injector failing every allocation of a namespace's making and
# a module load in turn, not only hellonl's. See tests/README.md.
check-debug: deps
	SUITES=debug SCENARIOS= HELLONL_FAULTS_ARGS=--whole-kernel tests/check

# BEGIN hellonl-only: its measurements, its walk-through, make new-family
# What hellonl costs, measured in guests, against the netlink floor, the
# kernel's own family, the tutorial's protocol and an ioctl: the report goes
# to bench/results.md. See bench/README.md.
bench: deps
	bench/run

# The pictures of docs/design.md, drawn into $(BUILD)/docs/, where it shows
# them: the sequence charts (docs/*.msc) and the plots of bench/results.md.
# Drawn again each time, from nothing; any error fails it (see docs/render).
docs:
	docs/render $(BUILD)/docs

clean-docs:
	rm -rf $(BUILD)/docs $(BUILD)/docs.new

# A copy of this tree for a Generic Netlink family of your own, NAME, in
# DEST, with every name changed: see README.md, "Your own family".
new-family:
	tools/new-family "$(NAME)" "$(DEST)"
# END hellonl-only

# Build the packages and an image, install them in a VM, and show them working.
demo: deps
	tests/vm/demo

clean:
	$(MAKE) -C userspace clean
	$(MAKE) -C tests/unit clean
# BEGIN hellonl-only: hellonl's measurements
	$(MAKE) -C bench clean
# END hellonl-only
	rm -rf $(BUILD)

.PHONY: all module install install-userspace install-dkms deb repo rpm deps \
	check-unit check check-quick check-debug demo clean
# BEGIN hellonl-only: its measurements, its walk-through, make new-family
.PHONY: bench docs clean-docs new-family
# END hellonl-only
