#!/bin/bash
# The man page renders cleanly, and every option that --help shows is in the
# man page and in each completion file.
. "$(dirname "$0")/lib.sh"
src=${IPCNS_SOURCE_DIR:?}

if command -v groff >/dev/null; then
	warnings=$(groff -man -ww -z "$src/man/ipcns.1" 2>&1)
	[ -z "$warnings" ] && pass "man page renders without warnings" || fail "groff warns: $warnings"
else
	echo "# groff is missing: render check not run"
fi

commands=$("$IPCNS" --help | awk '/^Commands:/ { c = 1; next } c && /^  [a-z]/ { print $1 } c && /^$/ { exit }')
[ -n "$commands" ] && pass "--help lists the commands" || fail "--help lists the commands"
for c in $commands; do
	[ "$c" = help ] && continue
	for h in -h --help '-?'; do
		if out=$("$IPCNS" "$c" "$h") && [[ $out == "Usage: ipcns $c "* ]]; then
			pass "$c $h prints the command's help"
		else
			fail "$c $h prints the command's help"
		fi
	done
	grep -q "^\.BR $c " "$src/man/ipcns.1" && pass "man page describes $c" || fail "man page describes $c"
	for opt in $("$IPCNS" "$c" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
		[ "$opt" = --usage ] && continue
		# Compare with groff's \- folded to -, the way a reader sees it.
		sed 's/\\-/-/g' "$src/man/ipcns.1" | grep -q -- "$opt" && pass "man: $c $opt" || fail "man page lacks $c $opt"
		for f in ipcns.bash _ipcns ipcns.fish; do
			grep -q -- "${opt#--}" "$src/completions/$f" && pass "$f: $c $opt" || fail "$f lacks $c $opt"
		done
	done
done
finish
