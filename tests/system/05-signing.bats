#!/usr/bin/env bats
# Secure Boot: a kernel that enforces module signatures loads only signed
# modules. DKMS signs what it builds with its MOK key, where it has one,
# and the user enrols that key with mokutil (see README.md).

load helpers

# The key that this guest's dkms signs with, if it has one.
dkms_signing_key() {
	local key
	key=$(sed -n 's/^mok_signing_key="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' \
		/etc/dkms/framework.conf /etc/dkms/framework.conf.d/*.conf 2>/dev/null | tail -n 1)
	key=${key:-/var/lib/dkms/mok.key}
	[ -e "$key" ] && echo "$key"
}

@test "the module is signed with DKMS's key, where DKMS has one" {
	local key
	key=$(dkms_signing_key) ||
		skip "dkms $(dkms --version | grep -o '[0-9.]*' | head -n 1) here has no signing key (no /var/lib/dkms/mok.key), so nothing signs the module"
	run modinfo -F signer hellonl
	assert_success
	refute_output ""
	run modinfo -F sig_hashalgo hellonl
	refute_output ""
}
