#!/bin/bash
# Limits without root: nobody's run -r -s works on this kernel; nobody can
# get/set its own rootless namespace by --target; root can set one from
# outside (set joins the owning user namespace itself, enter needs -U).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/limits-lib.sh"
in_scratch_ipcns "$@"
need_nobody userns

expect 0 "as nobody, run -r -s msgmax=4096" as_nobody "$IPCNS" run -r -s msgmax=4096 -- "$IPCNS" get msgmax
expect_out "kernel.msgmax = 4096" "... the limit is set in the rootless namespace"
expect 0 "as nobody, run -r -f and -s msg_next_id" as_nobody sh -c \
	'echo "fs.mqueue.msg_max = 50" | "$1" run -r -f - -s msg_next_id=7 -- "$1" get msg_max msg_next_id' sh "$IPCNS"
expect_out "fs.mqueue.msg_max = 50
kernel.msg_next_id = 7" "... -f from stdin and *_next_id too"
expect 0 "as nobody, run -r -i" as_nobody "$IPCNS" run -r -i -- "$IPCNS" get --changed
expect_out "" "... -i copies the (default) limits of nobody's namespace"

setpriv --reuid=$NOBODY_UID --regid=$NOBODY_GID --clear-groups -- "$IPCNS" run -r -- sleep 60 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$TMP"' EXIT
wait_exec $pid sleep || fail "the rootless namespace's process started"

expect 0 "nobody sets its own namespace by PID" as_nobody "$IPCNS" set --target $pid msgmax=1111 semmni=9
expect 0 "nobody reads it back" as_nobody "$IPCNS" get --target $pid msgmax semmni
expect_out "kernel.msgmax = 1111
kernel.sem = 32000 1024000000 500 9" "... through its user namespace, joined by itself"
expect 0 "root sets the rootless namespace from outside" "$IPCNS" set --target $pid msgmnb=2222 msg_next_id=3
expect 0 "... and reads it" "$IPCNS" get --target $pid msgmnb msg_next_id
expect_out "kernel.msgmnb = 2222
kernel.msg_next_id = 3" "... as the namespace's uid 0"
expect 0 "root's enter -U -s" "$IPCNS" enter -U -s msgmax=3333 $pid -- id -u
expect_out 0 "... CMD is the user namespace's uid 0, as with nsenter -U"
expect 0 "... the limit was written" "$IPCNS" get --target $pid msgmax
expect_out "kernel.msgmax = 3333" "... by the namespace's uid 0"

expect 1 "nobody cannot change a namespace it does not own" as_nobody "$IPCNS" set msgmax=1
expect_err_lines 2 "... one error line and a hint"
expect_err_match "^ipcns: kernel.msgmax: .*Permission denied" "... naming the key"
expect_err_match "^ipcns: hint: only uid 0 of the namespace's owning user namespace may change its limits: run as root\$" "... and saying what to do"
expect 1 "root of nobody's user namespace cannot change root's IPC namespace" \
	as_nobody unshare --user --map-root-user -- "$IPCNS" set msgmax=1
expect_err_match "^ipcns: hint: the namespace belongs to a user namespace above yours" "... and the hint says whose it is"
expect 1 "nobody cannot target root's namespace" as_nobody "$IPCNS" get --target $$ msgmax
expect_err_match "^ipcns: hint: .*run as root" "... with a hint"

finish
