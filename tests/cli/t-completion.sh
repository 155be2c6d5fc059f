#!/bin/bash
# The bash completion offers the commands, each command's options and
# TARGETs; the zsh and fish files at least load.
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/completion-lib.sh"

for c in run enter help; do
	has "$c" "the command $c is offered" ""
done
has run "a prefix narrows the commands" r
lacks enter "... to matching ones" r
# Every long option of each command's --help is completed.
for c in run enter; do
	for opt in $("$IPCNS" "$c" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
		[ "$opt" = --usage ] && continue
		has "$opt" "$c completes $opt" "$c" --
	done
done
has -F "short options too" run -
has enter "help completes command names" help e
has "$$" "enter completes PIDs as TARGET" enter "$$"
has /proc/self/ns/ipc "enter completes a TARGET path" enter /proc/self/ns/ip
has ls "after run's options comes CMD" run -F l
has ls "after enter's TARGET comes CMD" enter -U 1 l
lacks --fork "CMD's own options are not ipcns's" run ls --f
# Values that must be attached: --mqueue=DIR, --shm=SIZE, -mDIR, whether bash
# split the word at "=" or not.
mkdir "$TMP/qdir"
has "--mqueue=$TMP/qdir" "--mqueue= completes directories" run "--mqueue=$TMP/qd"
lacks "--mqueue=$TMP/qdir" "... matching the prefix only" run "--mqueue=$TMP/nothing-here"
has "--mqueue=$TMP/qdir" "... and on enter" enter "--mqueue=$TMP/qd"
has "$TMP/qdir" "--mqueue = DIR (split by bash) completes directories" run --mqueue = "$TMP/qd"
has "-m$TMP/qdir" "-mDIR completes directories" run "-m$TMP/qd"
has --shm=64M "--shm= completes a size" run --shm=6
has 1G "--shm = SIZE (split by bash) completes a size" run --shm = 1
has "$$" "after a bare -m, enter's TARGET is next" enter -m "$$"
has "$$" "after --mqueue=DIR, enter's TARGET is next" enter "--mqueue=$TMP/qdir" "$$"
has "$$" "... also when bash split it" enter --mqueue = "$TMP/qdir" "$$"
has ls "after run --shm=SIZE comes CMD" run --shm=1M l
has ls "after a bare -m comes CMD" run -m l

# Credentials: users, groups and capability names (a list, comma by comma).
has nobody "-S completes users" run -S nob
has nogroup "-G completes groups" enter -G nog
has root "--setuid completes users" run --setuid ro
has cap_ipc_lock "--caps completes capability names" run --caps cap_ipc_l
has none "--caps offers none" run --caps no
has cap_ipc_lock,cap_ipc_owner "--caps completes after a comma" run --caps cap_ipc_lock,cap_ipc_o
has ls "after -S USER comes CMD" run -S nobody l
# Every name the completions offer is one ipcns knows (they are copies of
# libcap's names: a typo would be offered and then refused).
caps=$(complete_words run --caps cap_ | tr '\n' , | sed 's/,$//')
run_capture "$IPCNS" run --caps "$caps" -- true
if grep -q 'unknown capability' "$TMP/err"; then fail "bash completes a name ipcns does not know: $(cat "$TMP/err")"; else pass "bash's capability names are all known"; fi
for f in _ipcns ipcns.fish; do
	for c in ${caps//,/ }; do
		grep -qw -- "$c" "$src/completions/$f" || fail "$f lacks capability $c"
	done
done
pass "zsh and fish list the same capability names"

bash -n "$src/completions/ipcns.bash" && pass "bash file parses" || fail "bash file parses"
if command -v zsh >/dev/null; then
	zsh -c "autoload -Uz compinit; compinit -u; fpath=($src/completions \$fpath); autoload -Uz _ipcns; whence -w _ipcns" >/dev/null 2>&1 &&
		pass "zsh file loads" || fail "zsh file loads"
fi
if command -v fish >/dev/null; then
	fish -c "source $src/completions/ipcns.fish; complete -C'ipcns ' | grep -q '^run'" &&
		pass "fish completes the commands" || fail "fish completes the commands"
	fish -c "source $src/completions/ipcns.fish; complete -C'ipcns run --' | grep -q '^--map-root-user'" &&
		pass "fish completes run's options" || fail "fish completes run's options"
	fish -c "source $src/completions/ipcns.fish; complete -C'ipcns enter $$'" 2>&1 | grep -q "^$$\b" &&
		pass "fish completes PIDs as TARGET" || fail "fish completes PIDs as TARGET"
	fish -c "source $src/completions/ipcns.fish; complete -C'ipcns run --mqueue=$TMP/qd'" | grep -q "^--mqueue=$TMP/qdir/" &&
		pass "fish completes --mqueue=DIR" || fail "fish completes --mqueue=DIR"
	fish -c "source $src/completions/ipcns.fish; complete -C'ipcns run --shm='" | grep -q '^--shm=64M' &&
		pass "fish completes --shm=SIZE" || fail "fish completes --shm=SIZE"
	fish -c "source $src/completions/ipcns.fish; complete -C'ipcns run --caps cap_ipc_lock,cap_ipc_o' | grep -q '^cap_ipc_lock,cap_ipc_owner'" &&
		pass "fish completes a --caps list" || fail "fish completes a --caps list"
fi

finish
