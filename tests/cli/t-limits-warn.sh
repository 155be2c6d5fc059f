#!/bin/bash
# Limits that make each other useless (issue 10): run, enter and set warn on
# stderr and go on; with --strict they refuse before anything is written.
# Only what the command itself sets is judged.
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"

msgmax=/proc/sys/kernel/msgmax
warn_re='^ipcns: warning: kernel\.msgmax 65536 is above kernel\.msgmnb 16384: a new queue holds at most 16384 bytes, so a larger message can never be sent; raise kernel\.msgmnb too$'

expect 0 "run -s msgmax=64K alone works" "$IPCNS" run -s msgmax=64K -- cat $msgmax
expect_out 65536 "... and sets it"
expect_err_lines 1 "... with one warning line"
expect_err_match "$warn_re" "... naming both limits and the way out"
expect 0 "run -s msgmax=64K -s msgmnb=64K: no warning" "$IPCNS" run -s msgmax=64K -s msgmnb=64K -- true
expect_err_lines 0 "... nothing on stderr"
expect 125 "run --strict -s msgmax=64K is refused" "$IPCNS" run --strict -s msgmax=64K -- touch "$TMP/ran"
expect_err_lines 1 "... in one line"
expect_err_match '^ipcns: kernel\.msgmax 65536 is above kernel\.msgmnb 16384: .* \(refused as strict\)$' "... saying why"
[ ! -e "$TMP/ran" ] && pass "... and CMD did not run" || fail "CMD ran"
expect 0 "each pair the kernel shows: msg_default above msg_max" "$IPCNS" run -s msg_default=20 -- true
expect_err_match '^ipcns: warning: fs\.mqueue\.msg_default 20 is above fs\.mqueue\.msg_max 10' "... warned"
expect 0 "msgsize_default above msgsize_max" "$IPCNS" run -s msgsize_default=9000 -- true
expect_err_match '^ipcns: warning: fs\.mqueue\.msgsize_default 9000 is above fs\.mqueue\.msgsize_max 8192' "... warned"
expect 0 "shmmax above shmall pages" "$IPCNS" run -s shmall=1 -s shmmax=1M -- true
expect_err_match '^ipcns: warning: kernel\.shmmax 1048576 is above kernel\.shmall 1 pages' "... warned"
expect 0 "semmsl above semmns" "$IPCNS" run -s kernel.sem="300 200 100 128" -- true
expect_err_match '^ipcns: warning: kernel\.sem: semmsl 300 is above semmns 200' "... warned"

# enter and set judge against what the namespace holds now.
unshare --ipc sleep 600 &
t=$!
at_exit "kill $t 2>/dev/null"
for _ in $(seq 100); do [ "$(stat -L -c %i /proc/$t/ns/ipc)" != "$(stat -L -c %i /proc/self/ns/ipc)" ] && break; sleep 0.02; done
expect 0 "enter -s msgmnb=4096 (below the namespace's msgmax 8192) warns" "$IPCNS" enter -s msgmnb=4096 "$t" -- true
expect_err_match '^ipcns: warning: kernel\.msgmax 8192 is above kernel\.msgmnb 4096' "... against its current msgmax"
expect 125 "enter --strict refuses it" "$IPCNS" enter --strict -s msgmnb=2048 "$t" -- true
[ "$(nsenter --ipc=/proc/$t/ns/ipc cat /proc/sys/kernel/msgmnb)" = 4096 ] && pass "... and writes nothing" ||
	fail "msgmnb changed: $(nsenter --ipc=/proc/$t/ns/ipc cat /proc/sys/kernel/msgmnb)"
expect 0 "enter -s shmmni=100 is not judged by that old pair" "$IPCNS" enter -s shmmni=100 "$t" -- true
expect_err_lines 0 "... no warning"

# set, in this scratch namespace.
expect 0 "set msgmax=20000 warns" "$IPCNS" set msgmax=20000
expect_err_match '^ipcns: warning: kernel\.msgmax 20000 is above kernel\.msgmnb 16384' "... once"
expect 2 "set --strict msgmax=30000 is refused (bad input: 2)" "$IPCNS" set --strict msgmax=30000
[ "$(cat $msgmax)" = 20000 ] && pass "... and writes nothing" || fail "msgmax is $(cat $msgmax)"
expect 0 "set --strict msgmax=30000 msgmnb=30000 is fine" "$IPCNS" set --strict msgmax=30000 msgmnb=30000
expect_err_lines 0 "... silently"
finish
