#!/usr/bin/env bats
# Secure Boot: a kernel that enforces module signatures loads only signed
# modules. DKMS signs what it builds with its MOK key, and the user enrols
# that key's certificate with mokutil (see README.md).

load helpers

# A setting of dkms's framework.conf, or DEFAULT.
dkms_setting() {
	local value
	value=$(sed -n "s/^$1=\"\\{0,1\\}\\([^\"]*\\)\"\\{0,1\\}\$/\\1/p" \
		/etc/dkms/framework.conf /etc/dkms/framework.conf.d/*.conf 2>/dev/null | tail -n 1)
	echo "${value:-$2}"
}

# The serial number of certificate FILE (DER or PEM), in upper-case hex
# without leading zeros or colons.
certificate_serial() {
	{ openssl x509 -inform DER -in "$1" -noout -serial 2>/dev/null ||
		openssl x509 -in "$1" -noout -serial; } | sed 's/^serial=0*//'
}

@test "the module is signed with the key DKMS made, where DKMS makes one" {
	local major cert
	major=$(dkms --version | grep -o '[0-9]\+' | head -n 1)
	# dkms 2 (Debian 11) makes no key: a user configures one (README.md).
	[ "$major" -ge 3 ] ||
		skip "dkms $major makes no signing key: the module is signed only with a key the user configures"
	# Nor does DKMS sign for a kernel that checks no signatures, such as
	# the debug suite's.
	grep -q '^CONFIG_MODULE_SIG=y$' "/boot/config-$(uname -r)" ||
		skip "Linux $(uname -r) checks no module signatures (no CONFIG_MODULE_SIG): DKMS signs nothing for it"
	cert=$(dkms_setting mok_certificate /var/lib/dkms/mok.pub)
	assert [ -e "$(dkms_setting mok_signing_key /var/lib/dkms/mok.key)" ]
	assert [ -e "$cert" ]
	run modinfo -F sig_hashalgo hellonl
	refute_output ""
	# The signature names its key by the certificate's serial number.
	run modinfo -F sig_key hellonl
	assert_success
	assert_equal "$(tr -d ':\n' <<<"$output" | sed 's/^0*//')" "$(certificate_serial "$cert")"
}
