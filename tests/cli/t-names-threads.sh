#!/bin/bash
# Members that are threads: the /proc scan reads each process's
# /proc/PID/ns/ipc, which is its leader thread's namespace. A thread that
# joined a name by setns() while its leader stayed out, and a thread left
# alone when its leader exited (whose link then reads nothing), are members
# all the same: pids lists the process, delete refuses, list and show count
# it. Under a temporary IPCNS_RUN_DIR in a private mount namespace and a
# scratch IPC namespace.
# resource-lock: namespace-census
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
in_private_mounts "$@"

use_run_dir

# members_of NAME PID: pids, delete, list and show all see PID in NAME.
members_of() {
	local name=$1 pid=$2 what=$3
	expect 0 "pids $name ($what)" "$IPCNS" pids "$name"
	expect_out "$pid" "... lists the process"
	expect 1 "delete $name refuses ($what)" "$IPCNS" delete "$name"
	expect_err_match "$name: not deleted: it holds member process $pid$" "... naming the process"
	[ "$(stat -f -c %T "$run/$name")" = nsfs ] && pass "... and $name is still there" || fail "a refused delete removed $name"
	expect 0 "list -o NAME,NPROCS ($what)" "$IPCNS" list -n -r --no-counts -o NAME,NPROCS
	grep -qx "$name 1" "$TMP/out" && pass "... counts 1 process in $name" ||
		fail "... list does not count it: $(grep -- "$name" "$TMP/out")"
	expect 0 "show $name ($what)" "$IPCNS" show -J "$name"
	grep -q "\"pids\": \[$pid\]" "$TMP/out" && pass "... shows the process" ||
		fail "... show does not list it: $(grep -A3 '"pids"' "$TMP/out" | head -4)"
}

# --- a thread that joined by setns(); its leader stays out ---
expect 0 "create t1" "$IPCNS" create t1
start_target t1 "$IPCPROBE" thread-in "$run/t1" "$TMP/t1.ready" 60
[ "$(stat -L -c %i /proc/$target/ns/ipc)" != "$(stat -L -c %i "$run/t1")" ] &&
	pass "the leader of $target is not in t1" || fail "the leader of $target is in t1: the case is not made"
members_of t1 "$target" "a thread joined it"
kill -KILL "$target"; wait "$target" 2>/dev/null
expect 0 "with the process gone, delete t1" "$IPCNS" delete t1

# --- the leader has exited; a thread lives on in the name ---
expect 0 "create t2" "$IPCNS" create t2
start_target t2 "$IPCNS" enter t2 -- "$IPCPROBE" leader-exit "$TMP/t2.ready" 60
! readlink "/proc/$target/ns/ipc" >/dev/null && pass "the leader of $target has exited (its link reads nothing)" ||
	fail "the leader of $target is still there: the case is not made"
members_of t2 "$target" "its leader exited"
kill -KILL "$target"; wait "$target" 2>/dev/null
expect 0 "with the process gone, delete t2" "$IPCNS" delete t2

[ -z "$(find "$run" -mindepth 1 -maxdepth 1 ! -name .ipcns)" ] && pass "no name left" || fail "left: $(ls -A "$run")"
finish
