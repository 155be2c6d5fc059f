#!/bin/bash
# cmake --install puts the binary, the man page and the three completion
# files where bash-completion, zsh and fish look under the prefix.
. "$(dirname "$0")/lib.sh"
build=${IPCNS_BUILD_DIR:?}

check_tree() { # check_tree ROOT DESCRIPTION
	local root=$1 f
	for f in bin/ipcns share/man/man1/ipcns.1 share/bash-completion/completions/ipcns \
		share/zsh/site-functions/_ipcns share/fish/vendor_completions.d/ipcns.fish; do
		[ -f "$root/$f" ] && pass "$2: $f" || fail "$2: $f missing"
	done
	[ -x "$root/bin/ipcns" ] && "$root/bin/ipcns" --version >/dev/null && pass "$2: the installed binary runs" ||
		fail "$2: the installed binary runs"
}

cmake --install "$build" --prefix "$TMP/prefix" >"$TMP/log" 2>&1 || fail "cmake --install --prefix: $(tail -3 "$TMP/log")"
check_tree "$TMP/prefix" "--prefix"

DESTDIR="$TMP/stage" cmake --install "$build" --prefix /opt/ipcns >"$TMP/log" 2>&1 || fail "DESTDIR install"
check_tree "$TMP/stage/opt/ipcns" "DESTDIR"
[ ! -e /opt/ipcns ] && pass "DESTDIR is honoured (nothing under /opt/ipcns)" || fail "DESTDIR was ignored"

# bash-completion's loader finds the installed file under the prefix.
if [ -f /usr/share/bash-completion/bash_completion ]; then
	out=$(XDG_DATA_DIRS="$TMP/prefix/share" bash -c '. /usr/share/bash-completion/bash_completion
		__load_completion ipcns && complete -p ipcns' 2>&1)
	[[ $out == *"-F _ipcns ipcns"* ]] && pass "bash-completion loads it from the prefix" || fail "bash-completion: $out"
fi
finish
