#!/bin/bash
# enter and util-linux agree on what a namespace is: nsenter joins a
# namespace made by ipcns run, ipcns enter joins one pinned by unshare
# --ipc=FILE. And LTP setns02's idea: a segment of namespace A cannot be
# attached by id from another namespace, and can after entering A.
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
in_private_mounts "$@" # for the bind mount of unshare --ipc=FILE
command -v nsenter >/dev/null || skip "nsenter (util-linux) is missing"

key=0x1e7e20
start_target a "$IPCNS" run -- sh -c '"$1" msg create '$key' >/dev/null && "$1" mq create /interop &&
	"$1" shm create '$key' >"$2.id" && touch "$2.ready" && exec sleep 60' sh "$IPCPROBE" "$TMP/a"
a=$target
shmid=$(cat "$TMP/a.id")

expect 0 "nsenter -t PID --ipc joins a namespace made by ipcns run" \
	sh -c '[ "$(nsenter -t "$1" --ipc readlink /proc/self/ns/ipc)" = "$(readlink /proc/"$1"/ns/ipc)" ]' sh "$a"
expect 0 "... and sees its message queue" nsenter -t "$a" --ipc "$IPCPROBE" msg get $key
expect 0 "... and its POSIX queue" nsenter -t "$a" --ipc "$IPCPROBE" mq open /interop

touch "$TMP/pinned"
if ! unshare --ipc="$TMP/pinned" -- "$IPCPROBE" msg create $key >/dev/null; then
	fail "unshare --ipc=FILE pins a namespace"
else
	at_exit 'umount "$TMP/pinned"'
	pinned_ino=$(stat -L -c %i "$TMP/pinned")
	expect 0 "ipcns enter FILE joins a namespace pinned by unshare --ipc=FILE" "$IPCNS" enter "$TMP/pinned" -- readlink /proc/self/ns/ipc
	expect_out "ipc:[$pinned_ino]" "... the very namespace behind FILE"
	expect 0 "... and sees the object made there" "$IPCNS" enter "$TMP/pinned" -- "$IPCPROBE" msg get $key
	expect 3 "the object is not in the scratch namespace" "$IPCPROBE" msg get $key
fi

# setns02: the id of A's segment means nothing elsewhere.
expect 3 "A's segment cannot be attached by id from a new namespace" "$IPCNS" run -- "$IPCPROBE" shmat "$shmid"
expect_err_match EINVAL "... shmat fails with EINVAL"
expect 3 "... nor from the scratch namespace" "$IPCPROBE" shmat "$shmid"
expect 0 "after ipcns enter A, it can be attached by id" "$IPCNS" enter "$a" -- "$IPCPROBE" shmat "$shmid"
expect 0 "... and through /proc/PID/ns/ipc" "$IPCNS" enter "/proc/$a/ns/ipc" -- "$IPCPROBE" shmat "$shmid"

finish
