#!/usr/bin/env bats
# The documentation that comes with the package.

load helpers

@test "man hellonl shows the manual page" {
	run env MANPAGER=cat man hellonl
	assert_success
	assert_output --partial "hellonl - talk to the hellonl kernel module over Generic Netlink"
	assert_output --partial "EXIT STATUS"
	assert_output --partial "JSON OUTPUT"
}

@test "the manual page describes every command" {
	run env MANPAGER=cat man hellonl
	for command in get set monitor history stats ping apply-config; do
		assert_output --regexp "(^|[[:space:]])${command}([[:space:]]|$)"
	done
}

@test "every command answers --help" {
	for command in get set monitor history stats ping apply-config; do
		run hellonl "$command" --help
		assert_success
		assert_line --index 0 --regexp "^usage: hellonl $command"
	done
}

@test "bash completes the commands and their options" {
	run bash -c '
		. /usr/share/bash-completion/bash_completion
		. /usr/share/bash-completion/completions/hellonl
		complete() {
			COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"
			COMP_POINT=${#COMP_LINE}; COMPREPLY=()
			_hellonl; echo "${COMPREPLY[*]}"
		}
		complete hellonl hi
		complete hellonl monitor --c
		complete hellonl set --'
	assert_line --index 0 "history"
	assert_line --index 1 "--count"
	assert_line --index 2 "--heartbeat --persist --help"
}
