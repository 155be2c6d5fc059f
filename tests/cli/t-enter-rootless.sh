#!/bin/bash
# Rootless namespaces (run -r): as nobody, enter -U joins one and can set its
# limits; root needs -U too (a limit is writable only by the namespace
# owner's uid 0). Where ipcns itself is refused, the hint says whether -U
# would have helped.
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
in_private_mounts "$@" # for a bind-mounted namespace file below
need_nobody userns

msgmax=/proc/sys/kernel/msgmax
# The target reads its own limit whenever asked to (a file "ask" appears).
mkdir -m 777 "$TMP/r"
start_target r/up "${nobody[@]}" "$IPCNS" run -r -- sh -c 'touch "$1/up.ready"; while :; do
	if [ -e "$1/ask" ]; then cat '$msgmax' >"$1/answer.tmp"; mv "$1/answer.tmp" "$1/answer"; rm "$1/ask"; fi
	sleep 0.05; done' sh "$TMP/r"
r=$target
ask_target() { # the target's own view of msgmax
	rm -f "$TMP/r/answer"
	touch "$TMP/r/ask"
	wait_file "$TMP/r/answer" && cat "$TMP/r/answer"
}

expect 0 "as nobody, enter -U joins the run -r namespace" as_nobody "$IPCNS" enter -U "$r" -- id -u
expect_out 0 "... as its uid 0"
expect 0 "as nobody, enter -U can set a limit there" \
	as_nobody "$IPCNS" enter -U "$r" -- sh -c "echo 4096 > $msgmax"
[ "$(ask_target)" = 4096 ] && pass "... which the target sees" || fail "the target sees msgmax $(cat "$TMP/r/answer" 2>/dev/null)"
expect 0 "the limit is per namespace: the scratch one keeps its own" sh -c "[ \"\$(cat $msgmax)\" != 4096 ]"

expect 0 "root without -U joins (CAP_SYS_ADMIN is enough to join)" "$IPCNS" enter "$r" -- true
expect 9 "... but cannot set a limit there" "$IPCNS" enter "$r" -- sh -c "echo 5000 > $msgmax || exit 9"
grep -q 'Permission denied' "$TMP/err" && pass "... the write is refused with EACCES" || fail "EACCES: $(cat "$TMP/err")"
[ "$(ask_target)" = 4096 ] && pass "... and the limit is unchanged" || fail "the limit changed: $(cat "$TMP/r/answer")"
expect 0 "root with -U becomes the namespace's uid 0 and can set it" \
	"$IPCNS" enter -U "$r" -- sh -c "[ \$(id -u) = 0 ] && echo 6000 > $msgmax"
[ "$(ask_target)" = 6000 ] && pass "... which the target sees" || fail "the target sees msgmax $(cat "$TMP/r/answer" 2>/dev/null)"

# The same with ipcns's own -s, which writes after joining.
expect 0 "as nobody, enter -U -s sets a limit there" as_nobody "$IPCNS" enter -U -s msgmax=4500 "$r" -- true
[ "$(ask_target)" = 4500 ] && pass "... which the target sees" || fail "the target sees msgmax $(cat "$TMP/r/answer" 2>/dev/null)"
expect 125 "root without -U: enter -s is refused before CMD" "$IPCNS" enter -s msgmax=5000 "$r" -- true
expect_err_lines 2 "... with an error and a hint"
expect_err_match '^ipcns: kernel.msgmax: .*Permission denied' "... naming the key"
expect_err_match '^ipcns: hint: .*-U' "... and the hint says -U would help"
[ "$(ask_target)" = 4500 ] && pass "... and the limit is unchanged" || fail "the limit changed: $(cat "$TMP/r/answer")"
expect 0 "root with -U -s sets it" "$IPCNS" enter -U -s msgmax=6500 "$r" -- true
[ "$(ask_target)" = 6500 ] && pass "... which the target sees" || fail "the target sees msgmax $(cat "$TMP/r/answer" 2>/dev/null)"
# -S names a uid that the rootless namespace does not map: refused before
# any limit is written, not after.
expect 125 "enter -U -s -S with an unmapped uid is refused" "$IPCNS" enter -U -s msgmax=7777 -S 4242 -G 4242 "$r" -- true
expect_err_match 'not mapped' "... saying the id is not mapped there"
[ "$(ask_target)" = 6500 ] && pass "... and no limit was written first" || fail "a limit was written: $(cat "$TMP/r/answer")"

# Hints where ipcns itself is refused.
expect 125 "as nobody, enter without -U is refused" as_nobody "$IPCNS" enter "$r" -- true
expect_err_lines 2 "... with an error and a hint"
expect_err_match "^ipcns: $r: cannot join its IPC namespace: Operation not permitted\$" "... naming the target"
expect_err_match '^ipcns: hint: .*add -U' "... and the hint says -U would help"

mkdir -m 777 "$TMP/n"
start_target n/up "${nobody[@]}" sh -c 'touch "$1/up.ready"; exec sleep 60' sh "$TMP/n"
n=$target
expect 125 "as nobody, entering a namespace that root owns is refused" as_nobody "$IPCNS" enter "$n" -- true
expect_err_lines 2 "... with an error and a hint"
expect_err_match '^ipcns: hint: .*run as root' "... the hint says run as root"
if grep -q -- '-U' "$TMP/err"; then fail "... and does not suggest -U, which cannot help"; else pass "... and does not suggest -U, which cannot help"; fi
expect 125 "as nobody, -U does not help there" as_nobody "$IPCNS" enter -U "$n" -- true
expect_err_match '^ipcns: hint: .*run as root' "... the hint still says run as root"

expect 125 "as nobody, root's processes cannot even be opened" as_nobody "$IPCNS" enter $$ -- true
expect_err_match "^ipcns: $$: cannot open its IPC namespace: Permission denied\$" "... the error says so"
expect_err_match '^ipcns: hint: the process belongs to root: run as root$' "... and the hint says why"

# A rootless namespace of another user, pinned where nobody can open it.
other=12345
mkdir -m 777 "$TMP/o"
start_target o/up setpriv --reuid=$other --regid=$other --clear-groups -- "$IPCNS" run -r -- sh -c 'touch "$1/up.ready"; exec sleep 60' sh "$TMP/o"
touch "$TMP/other-ns"
mount --bind "/proc/$target/ns/ipc" "$TMP/other-ns" && at_exit 'umount "$TMP/other-ns"'
expect 125 "as nobody, another user's rootless namespace is refused" as_nobody "$IPCNS" enter -U "$TMP/other-ns" -- true
expect_err_match "^ipcns: hint: .*uid $other" "... the hint names its owner"

finish
