#!/bin/bash
# ipcns run: SysV and POSIX objects of the namespace it was started from are
# invisible inside; two run namespaces using the same key stay apart.
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"

key=0x1c0ffee
for kind in msg sem shm; do
	"$IPCPROBE" $kind create $key >/dev/null || fail "create $kind in the scratch namespace"
	expect 3 "$kind key $key is not found inside ipcns run" "$IPCNS" run -- "$IPCPROBE" $kind get $key
	expect_err_match ENOENT "$kind lookup inside fails with ENOENT"
	expect 0 "$kind key $key is still usable outside" "$IPCPROBE" $kind get $key
done
"$IPCPROBE" msgsnd $key outside || fail "send a message outside"

"$IPCPROBE" mq create /ipcns-test-q || fail "create a POSIX queue outside"
expect 3 "POSIX queue is not found inside ipcns run" "$IPCNS" run -- "$IPCPROBE" mq open /ipcns-test-q
expect_err_match ENOENT "mq_open inside fails with ENOENT"
expect 0 "an O_EXCL create of the same name succeeds inside" \
	"$IPCNS" run -- "$IPCPROBE" mq excl /ipcns-test-q
expect 0 "the outside queue is still there" "$IPCPROBE" mq open /ipcns-test-q
"$IPCPROBE" mq unlink /ipcns-test-q

# Two namespaces, same key: each sees only its own message and memory.
script='"$1" msg create '$key' >/dev/null && "$1" msgsnd '$key' "$2" &&
	"$1" shm create '$key' >/dev/null && "$1" shmwrite '$key' "$2" &&
	"$1" msgrcv '$key' && ! "$1" msgrcv '$key' 2>/dev/null && "$1" shmread '$key''
expect 0 "namespace A" "$IPCNS" run -- sh -c "$script" sh "$IPCPROBE" from-a
expect_out "from-a
from-a" "A holds exactly its own message and its own memory"
expect 0 "namespace B" "$IPCNS" run -- sh -c "$script" sh "$IPCPROBE" from-b
expect_out "from-b
from-b" "B holds exactly its own message and its own memory"
expect 0 "outside, the first message is still the scratch one" "$IPCPROBE" msgrcv $key
expect_out outside "the scratch namespace's queue was untouched"

finish
