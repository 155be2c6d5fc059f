#!/bin/bash
# -m, --mqueue[=DIR]: a private mount namespace with a fresh mqueue fs, so a
# listing shows exactly the namespace's own queues (LTP mqns_03's idea: a
# queue made with mq_open appears in DIR; a file made in DIR is a queue).
# The test's /dev is an overlay (in_private_dev), so the default /dev/mqueue
# can be created when missing without touching the host's /dev. A host's own
# mqueue mount on /dev/mqueue (systemd's) is hidden under that overlay but
# still listed in mountinfo: every check looks at the mount a path is on, or
# compares a whole table with itself, never counts lines of mountinfo.
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
in_private_dev "$@"
stage_binaries # the probe runs as nobody below
# Make every mount of the test's namespace shared: a mount that ipcns made
# without cutting propagation first would then show up here.
mount --make-rshared /
save_mounts "$TMP/mounts"

probe=$IPCPROBE
"$probe" mq create /outside || fail "a queue in the scratch namespace"

dir=$TMP/mq
expect 0 "run --mqueue=DIR: mq_open's queue appears in DIR" \
	"$IPCNS" run --mqueue="$dir" -- sh -c '"$1" mq create /made-by-mq-open && ls "$2"' sh "$probe" "$dir"
expect_out made-by-mq-open "... and DIR lists exactly this namespace's queues"
expect 0 "a file created in DIR is a queue mq_open can open" \
	"$IPCNS" run --mqueue="$dir" -- sh -c ': >"$2/made-in-dir" && "$1" mq open /made-in-dir' sh "$probe" "$dir"
expect 0 "run -mDIR: the mount on DIR ..." "$IPCNS" run -m"$dir" -- "$probe" mountof "$dir"
expect_mount "... is an mqueue fs, nosuid, nodev, noexec" "$dir" mqueue mqueue nosuid nodev noexec
expect 0 "the mqueue root is mode 1777" "$IPCNS" run -m"$dir" -- stat -c %a "$dir"
expect_out 1777 "... as mqueue always makes it"
[ -d "$dir" ] && [ -z "$(ls -A "$dir")" ] && pass "a missing DIR was created, and is an empty directory outside" ||
	fail "DIR was not left as an empty directory"
[ "$(stat -c %a "$dir")" = 755 ] && pass "... of mode 755" || fail "DIR has mode $(stat -c %a "$dir")"
same_mounts "$TMP/mounts" "no mount reached the test's namespace, though its mounts are shared"
expect 3 "the queues stay in their namespaces" "$probe" mq open /made-by-mq-open

# The default directory, missing here: created in the scratch layer of /dev.
[ -d /dev/mqueue ] && rmdir /dev/mqueue # only ever an empty directory of the overlay
expect 0 "run -m: a fresh mqueue fs on /dev/mqueue (made when missing)" \
	"$IPCNS" run -m -- sh -c '"$1" mq create /q1 && ls /dev/mqueue' sh "$probe"
expect_out q1 "... listing only this namespace's queue"
[ -d "$TMP/dev-layer/upper/mqueue" ] && pass "... the directory was made (in the test's layer, not the host's /dev)" ||
	fail "/dev/mqueue was not created"
expect 0 "a bare -m takes no value: the next word is CMD" "$IPCNS" run -m ls /dev/mqueue
expect_out "" "... an empty fresh mqueue fs"
expect 0 "-m works with --fork" "$IPCNS" run -F -m -- "$probe" mountof /dev/mqueue
expect_mount "... /dev/mqueue is its mqueue mount" /dev/mqueue mqueue mqueue nosuid nodev noexec

# enter --mqueue: the target's queues, listed in a mount of our own.
start_target t "$IPCNS" run -- sh -c '"$1" mq create /target-a && "$1" mq create /target-b &&
	touch "$2/t.ready" && exec sleep 60' sh "$probe" "$TMP"
t=$target
save_mounts "$TMP/target-mounts" "/proc/$t/mountinfo"
expect 0 "enter --mqueue PID lists the target's queues on /dev/mqueue" "$IPCNS" enter --mqueue "$t" -- ls /dev/mqueue
expect_out "target-a
target-b" "... exactly the target's"
expect 0 "enter -mDIR PID lists them on DIR" "$IPCNS" enter -m"$dir" "$t" -- ls "$dir"
expect_out "target-a
target-b" "... exactly the target's"
same_mounts "$TMP/target-mounts" "the target's own mount table is untouched" "/proc/$t/mountinfo"

# Bad directories: refused before anything is done.
expect 125 "a DIR that is a file gives 125" "$IPCNS" run --mqueue=/etc/hostname -- true
expect_err_lines 1 "... with one line"
expect_err_match '^ipcns: --mqueue=/etc/hostname: not a directory$' "... naming it"
expect 125 "a DIR whose parent is missing gives 125" "$IPCNS" run --mqueue="$TMP/no/such" -- true
expect_err_lines 1 "... with one line"
expect_err_match "^ipcns: --mqueue=$TMP/no/such: missing" "... naming it"
[ ! -e "$TMP/no" ] && pass "... and nothing was created" || fail "something was created"
expect 125 "enter checks DIR too" "$IPCNS" enter --mqueue=/etc/hostname "$t" -- true

# Rootless: the mqueue fs of a namespace owned by our user namespace.
need_nobody userns
rmdir /dev/mqueue
expect 125 "as nobody, run -r -m cannot create a missing /dev/mqueue" as_nobody "$IPCNS" run -r -m -- true
expect_err_lines 2 "... with an error and a hint"
expect_err_match '^ipcns: --mqueue=/dev/mqueue: cannot create the directory: Permission denied$' "... naming it"
expect_err_match '^ipcns: hint: create it beforehand' "... the hint says what to do"
[ ! -e /dev/mqueue ] && pass "... nothing was created" || fail "/dev/mqueue appeared"
mkdir -m 755 /dev/mqueue
expect 0 "as nobody, run -r -m mounts a fresh mqueue fs" \
	as_nobody "$IPCNS" run -r -m -- sh -c '"$1" mq create /rootless && ls /dev/mqueue' sh "$probe"
expect_out rootless "... listing the rootless namespace's queue"
mkdir -m 777 "$TMP/r"
start_target r/up "${nobody[@]}" "$IPCNS" run -r -- sh -c '"$1" mq create /of-nobody && touch "$2/up.ready" &&
	exec sleep 60' sh "$probe" "$TMP/r"
r=$target
expect 0 "as nobody, enter -U -m lists a rootless namespace's queues" as_nobody "$IPCNS" enter -U -m "$r" -- ls /dev/mqueue
expect_out of-nobody "... exactly its queue"
expect 0 "root, without -U, can mount it too" "$IPCNS" enter -m "$r" -- ls /dev/mqueue
expect_out of-nobody "... the same queue"
same_mounts "$TMP/mounts" "and still no mount reached the test's namespace"

finish
