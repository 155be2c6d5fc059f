#!/bin/bash
# get/set --target: a PID (a sleeping process's namespace), /proc/PID/ns/ipc,
# a bind-mounted nsfs file; reads and writes happen inside the target. The
# --host guard keeps set off the initial IPC namespace.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/limits-lib.sh"
in_scratch_ipcns "$@"

"$IPCNS" run -- sleep 60 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$TMP"' EXIT
wait_exec $pid sleep || fail "the target process started"
snapshot >"$TMP/ours"

expect 0 "set --target PID" "$IPCNS" set --target $pid msgmax=2222 semmni=7 shmall=1M
inside=$(nsenter --ipc=/proc/$pid/ns/ipc sh -c 'cat /proc/sys/kernel/msgmax; tr -s "\t" " " </proc/sys/kernel/sem')
[ "$inside" = "2222
32000 1024000000 500 7" ] && pass "... changed the sleeping process's namespace" || fail "inside: $inside"
unchanged_since "$TMP/ours" "... and not ours"
expect 0 "get --target PID" "$IPCNS" get --target $pid msgmax semmni
expect_out "kernel.msgmax = 2222
kernel.sem = 32000 1024000000 500 7" "... reads the target's values"
expect 0 "get -t /proc/PID/ns/ipc" "$IPCNS" get -t /proc/$pid/ns/ipc --changed
expect_out "kernel.msgmax = 2222
kernel.sem = 32000 1024000000 500 7
kernel.shmall = $(((1 << 20) / $(getconf PAGESIZE)))" "... the same by path"
expect 0 "get --target -J" "$IPCNS" get --target $pid -J msgmax
expect_out '{
  "kernel.msgmax": 2222
}' "... and as JSON"

# A bind-mounted namespace file, in a private mount namespace.
expect 0 "set and get through a bind-mounted nsfs file" unshare --mount --propagation private -- sh -c '
	touch "$3/nsfile" && mount --bind /proc/$2/ns/ipc "$3/nsfile" &&
	"$1" set --target "$3/nsfile" msgmnb=4444 && "$1" get --target "$3/nsfile" msgmnb' sh "$IPCNS" $pid "$TMP"
expect_out "kernel.msgmnb = 4444" "a bind mount of /proc/PID/ns/ipc is a TARGET"

expect 1 "a PID that does not exist" "$IPCNS" get --target 999999999 msgmax
expect_err_match "^ipcns: 999999999: " "... is named"
expect 2 "a file that is not a namespace" "$IPCNS" get --target /etc/hostname
expect_err_match "not a namespace file" "... says so"
expect 2 "another kind of namespace" "$IPCNS" set --target /proc/$pid/ns/uts msgmax=1
expect_err_match "not an IPC namespace" "... says so"

# --host: set refuses the initial IPC namespace, the same value included.
# Each attempt writes the host's current value, so even a broken guard
# would change nothing.
if hp=$(host_ipc_pid); then
	cur=$(nsenter --ipc="/proc/$hp/ns/ipc" cat /proc/sys/kernel/msgmax)
	expect 2 "set --target on the host's namespace is refused" "$IPCNS" set --target "$hp" msgmax="$cur"
	expect_err_lines 2 "... one error line and a hint"
	expect_err_match "^ipcns: $hp: is the host's \(initial\) IPC namespace" "... naming the target"
	expect_err_match "^ipcns: hint: add --host" "... with the way out"
	expect 2 "set in the host's namespace is refused" nsenter --ipc="/proc/$hp/ns/ipc" "$IPCNS" set msgmax="$cur"
	expect_err_match "^ipcns: set: this is the host's \(initial\) IPC namespace" "... without --target too"
	expect 2 "--host passes the guard (to a validation error here)" "$IPCNS" set --target "$hp" --host msgmax=1x
	expect_err_match "kernel.msgmax: '1x' is not a number" "... which is the next check"
	[ "$(nsenter --ipc="/proc/$hp/ns/ipc" cat /proc/sys/kernel/msgmax)" = "$cur" ] && pass "the host is unchanged" ||
		fail "the host's msgmax changed"
else
	skip_part "no process of the initial IPC namespace is reachable: --host checks not run"
fi

finish
