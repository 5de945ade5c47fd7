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

@test "the manual page documents every command and option that --help lists" {
	local man commands help token missing=()
	man=$(MANWIDTH=250 LANG=C MANPAGER=cat man hellonl)
	run hellonl --help
	assert_success
	help=$output
	# The commands: the first word of each line of the Commands section.
	commands=$(sed -n '/^Commands:/,/^$/{/^  [a-z]/{s/^  \([a-z-]*\).*/\1/p}}' <<<"$help")
	assert [ "$(wc -w <<<"$commands")" -ge 7 ]
	for command in $commands; do
		run hellonl "$command" --help
		assert_success
		help+=$'\n'$output
		grep -qE "(^|[[:space:]])${command}([[:space:]]|\$)" <<<"$man" ||
			missing+=("command $command")
	done
	# The options: every -x and --long-name in all those texts.
	for token in $(grep -oE -- '(^|[[:space:],[])--?[a-zA-Z][a-zA-Z-]*' <<<"$help" |
		sed 's/^[[:space:],[]*//' | sort -u); do
		grep -qF -- "$token" <<<"$man" || missing+=("option $token")
	done
	if [ "${#missing[@]}" -gt 0 ]; then
		printf 'not in the manual page: %s\n' "${missing[@]}" >&2
		return 1
	fi
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
