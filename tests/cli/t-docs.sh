#!/bin/bash
# The man page renders cleanly and describes every command. Every option a
# command's --help shows is, as a whole word, in the man page's section
# for that command, and is what bash, zsh and fish complete for
# "ipcns COMMAND --" (long) and "ipcns COMMAND -" (short): each shell is
# asked, the files are not grepped, so --user is not found in
# --map-root-user.
# shellcheck disable=SC2015 # pass never fails
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/completion-lib.sh"
man=$src/man/ipcns.1

if command -v groff >/dev/null; then
	warnings=$(groff -man -ww -z "$man" 2>&1)
	[ -z "$warnings" ] && pass "man page renders without warnings" || fail "groff warns: $warnings"
else
	echo "# groff is missing: render check not run"
fi

commands=$("$IPCNS" --help | awk '/^Commands:/ { c = 1; next } c && /^  [a-z]/ { print $1 } c && /^$/ { exit }')
[ -n "$commands" ] && pass "--help lists the commands" || fail "--help lists the commands"
commands=${commands//help/}

# help_options COMMAND: the options in COMMAND's --help, one a line: the
# option column of each line ("-s, --sysctl=KEY=VALUE"), split at ", ",
# values dropped.
help_options() {
	"$IPCNS" "$1" --help | sed -n -E 's/^ +(-[^ ].*)/\1/p' | sed -E 's/  .*//; s/, /\n/g' |
		sed -E 's/[=[].*//' | grep -vx -- --usage
}

# man_section COMMAND: the text of the ".SS Options of ..." sections that
# name COMMAND, as a reader sees it (\- as -, no font changes, no quotes).
man_section() {
	awk -v c="$1" '
		/^\.S[HS] / { on = ($1 == ".SS" && $2 == "Options" && (" " $0 " ") ~ (" " c "[ ,]")) }
		on' "$man" | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/"//g'
}
options=$(awk '/^\.SH OPTIONS/ { on = 1; next } /^\.SH / { on = 0 } on' "$man" | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/"//g')

for c in $commands; do
	for h in -h --help '-?'; do
		if out=$("$IPCNS" "$c" "$h") && [[ $out == "Usage: ipcns $c "* ]]; then
			pass "$c $h prints the command's help"
		else
			fail "$c $h prints the command's help"
		fi
	done
	grep -q "^\.BR $c " "$man" && pass "man page describes $c" || fail "man page describes $c"
	help_options "$c" >"$TMP/opts.$c"
	# (pids and identify have no options but -h, --help.)
	grep -qx -- -h "$TMP/opts.$c" && grep -qx -- --help "$TMP/opts.$c" &&
		pass "$c --help shows options" || fail "$c --help shows options: $(cat "$TMP/opts.$c")"
	section=$(man_section "$c")
	[ -n "$section" ] && pass "man page has a section for $c's options" || fail "man page has no section for $c's options"
	while read -r opt; do
		# -h and --help are described once for every command.
		text=$section
		[[ $opt == -h || $opt == --help ]] && text=$options
		if grep -qE -- "(^|[^[:alnum:]_-])$opt([^[:alnum:]_-]|\$)" <<<"$text"; then
			pass "man: $c $opt"
		else
			fail "man page's options of $c lack $opt"
		fi
	done <"$TMP/opts.$c"
done

cases() {
	local c
	for c in $commands; do
		# shellcheck disable=SC2046 # one check a word
		t "$c --" $(grep -- '^--' "$TMP/opts.$c" | sed 's/^/has=/')
		# shellcheck disable=SC2046
		t "$c -" $(grep -v -- '^--' "$TMP/opts.$c" | sed 's/^/has=/')
	done
}
run_cases

# The other way is not an error: the completions may know options the
# binary is about to get. Say which.
for sh in $t_shells; do
	for c in $commands; do
		extra=$(t_result "$sh" "$c --" | cut -f1 | sort -u | comm -23 - <(sort -u "$TMP/opts.$c") | tr '\n' ' ')
		[ -n "$extra" ] && echo "# $sh completes for $c what its --help does not show: $extra"
	done
done
finish
