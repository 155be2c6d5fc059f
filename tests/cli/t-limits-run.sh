#!/bin/bash
# run -s, -f (every sysctl.conf syntax element, and stdin), -i and their
# order (-i, then -f, then -s); enter -s and -f.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/limits-lib.sh"
in_scratch_ipcns "$@"

expect 0 "run -s" "$IPCNS" run -s msgmax=4096 --sysctl kernel/msgmnb=8K -- "$IPCNS" get msgmax msgmnb
expect_out "kernel.msgmax = 4096
kernel.msgmnb = 8192" "-s and --sysctl, repeatable"
expect 0 "run -s a sem field" "$IPCNS" run -s semmni=128 -s semopm=50 -- "$IPCNS" get kernel.sem
expect_out "kernel.sem = 32000 1024000000 50 128" "-s semmni and semopm change only their fields"
expect 0 "run -s: later wins" "$IPCNS" run -s msgmax=1 -s msgmax=2 -- "$IPCNS" get msgmax
expect_out "kernel.msgmax = 2" "the last -s for a key wins"
expect 0 "run -s msg_next_id" "$IPCNS" run -s msg_next_id=4242 -- "$IPCPROBE" msg create 0x1234
expect_out 4242 "a msg_next_id set with -s is the id of the next queue"

# -f: every syntax element of sysctl.conf.
cat >"$TMP/limits.conf" <<'CONF'
# a comment
; another comment

kernel.msgmax = 4096
   kernel.msgmnb=9000
kernel/msgmni	=	100
fs/mqueue/msg_max = 20
kernel.sem = 250 32000 32 128
semopm = 64
-net.ipv4.ip_forward = 1
-kernel.shmmni = 999999
-no.such.key = 1
-this line has no equals sign
kernel.shmmax = 1G
CONF
printf 'kernel.shm_rmid_forced = 1\r\n' >>"$TMP/limits.conf" # a CRLF line too
expect 0 "run -f FILE" "$IPCNS" run -f "$TMP/limits.conf" -- "$IPCNS" get --changed
expect_out "kernel.msgmax = 4096
kernel.msgmnb = 9000
kernel.msgmni = 100
kernel.sem = 250 32000 64 128
kernel.shmmax = 1073741824
kernel.shm_rmid_forced = 1
fs.mqueue.msg_max = 20" "comments, blank lines, spaces and tabs around =, slashed keys; '-' lines that fail are skipped"
expect 0 "run -f - reads stdin" sh -c '"$1" run -f - -- "$1" get msgmax msgmni <"$2"' sh "$IPCNS" "$TMP/limits.conf"
expect_out "kernel.msgmax = 4096
kernel.msgmni = 100" "-f - takes the file from standard input"
expect 0 "two -f files, in order" "$IPCNS" run -f "$TMP/limits.conf" \
	--sysctl-file <(echo 'kernel.msgmax = 5000') -- "$IPCNS" get msgmax msgmni
expect_out "kernel.msgmax = 5000
kernel.msgmni = 100" "a later -f wins for the keys it sets"
expect 0 "-s wins over -f, even when given first" "$IPCNS" run -s msgmax=777 -f "$TMP/limits.conf" -- "$IPCNS" get msgmax
expect_out "kernel.msgmax = 777" "-s over -f"

# The output of get is valid -f input, next_id -1 included.
"$IPCNS" run -s msgmax=3000 -- "$IPCNS" get >"$TMP/get.conf"
expect 0 "get's output read back with -f" "$IPCNS" run -f "$TMP/get.conf" -- "$IPCNS" get
[ "$(cat "$TMP/out")" = "$(cat "$TMP/get.conf")" ] && pass "... gives the same limits" || fail "get -> -f -> get differs"

# -i: the current namespace's limits, *_next_id excepted.
"$IPCNS" set msgmax=12345 semmsl=300 shmmax=2G queues_max=-1 msg_max=33 msg_next_id=99 ||
	fail "set up the scratch namespace"
expect 0 "run -i" "$IPCNS" run -i -- "$IPCNS" get --changed
expect_out "kernel.msgmax = 12345
kernel.sem = 300 1024000000 500 32000
kernel.shmmax = 2147483648
fs.mqueue.queues_max = -1
fs.mqueue.msg_max = 33" "-i copies every writable limit but msg_next_id"
expect 0 "without -i" "$IPCNS" run -- "$IPCNS" get --changed
expect_out "" "... a new namespace starts from the kernel defaults"
expect 0 "-s over -i" "$IPCNS" run -i -s msgmax=1 -s semmni=7 -- "$IPCNS" get msgmax kernel.sem shmmax
expect_out "kernel.msgmax = 1
kernel.sem = 300 1024000000 500 7
kernel.shmmax = 2147483648" "-s wins over -i, field by field for kernel.sem"
printf 'kernel.msgmax = 2\nkernel.shmmax = 3\n' >"$TMP/order.conf"
expect 0 "-i, then -f, then -s" "$IPCNS" run -s msgmax=3 -f "$TMP/order.conf" -i -- "$IPCNS" get msgmax shmmax msg_max
expect_out "kernel.msgmax = 3
kernel.shmmax = 3
fs.mqueue.msg_max = 33" "whatever their order on the command line"
expect 0 "msg_next_id was left where it was" "$IPCNS" get msg_next_id
expect_out "kernel.msg_next_id = 99" "... in the namespace -i read from"

# enter -s and -f apply after joining.
"$IPCNS" run -- sleep 60 &
pid=$!
wait_exec $pid sleep || fail "the target process started"
expect 0 "enter -s -f" "$IPCNS" enter -s msgmnb=3333 -f "$TMP/order.conf" $pid -- "$IPCNS" get msgmnb msgmax
expect_out "kernel.msgmnb = 3333
kernel.msgmax = 2" "enter applies -f and -s inside the joined namespace"
expect 0 "... which keeps them" "$IPCNS" get --target $pid msgmnb
expect_out "kernel.msgmnb = 3333" "the target namespace was changed, not ours"
[ "$(cat /proc/sys/kernel/msgmnb)" = 16384 ] && pass "ours is untouched" || fail "ours changed"
expect 125 "enter -i is not an option" "$IPCNS" enter -i $pid -- true
kill $pid
wait $pid 2>/dev/null

finish
