#!/bin/bash
# Random valid values for every writable key (as CRIU's ipc_namespace test
# does) survive set -> get > file -> run -f file -- get, and the kernel's
# own IPC_INFO inside agrees with what was set.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/limits-lib.sh"
in_scratch_ipcns "$@"

rounds=${IPCNS_TEST_ROUNDS:-6}
for round in $(seq "$rounds"); do
	msgmax=$(rand_in 0 2147483647) msgmnb=$(rand_in 0 2147483647) msgmni=$(rand_in 0 32768)
	sem="$(rand_in 0 2147483647) $(rand_in 0 2147483647) $(rand_in 0 2147483647) $(rand_in 0 32768)"
	shmall=$(rand64) shmmax=$(rand64) shmmni=$(rand_in 0 32768) rmid=$(rand_in 0 1)
	msgid=$(rand_in 0 2147483647) semid=$(rand_in 0 2147483647) shmid=$(rand_in 0 2147483647)
	queues=$(od -An -td4 -N4 /dev/urandom | tr -d ' ') # any int, negatives too
	msg_max=$(rand_in 1 65536) msgsize_max=$(rand_in 128 16777216)
	msg_default=$(rand_in 1 65536) msgsize_default=$(rand_in 128 16777216)
	want="kernel.msgmax = $msgmax
kernel.msgmnb = $msgmnb
kernel.msgmni = $msgmni
kernel.auto_msgmni = 0
kernel.sem = $sem
kernel.shmall = $shmall
kernel.shmmax = $shmmax
kernel.shmmni = $shmmni
kernel.shm_rmid_forced = $rmid
kernel.msg_next_id = $msgid
kernel.sem_next_id = $semid
kernel.shm_next_id = $shmid
fs.mqueue.queues_max = $queues
fs.mqueue.msg_max = $msg_max
fs.mqueue.msgsize_max = $msgsize_max
fs.mqueue.msg_default = $msg_default
fs.mqueue.msgsize_default = $msgsize_default"

	# set in a namespace of its own, then read it back there.
	expect 0 "round $round: set every writable key, then get" "$IPCNS" run -- sh -c 'p=$1; shift; "$p" set "$@" && "$p" get' sh \
		"$IPCNS" msgmax="$msgmax" msgmnb="$msgmnb" msgmni="$msgmni" auto_msgmni=0 kernel.sem="$sem" \
		shmall="$shmall" shmmax="$shmmax" shmmni="$shmmni" shm_rmid_forced="$rmid" msg_next_id="$msgid" \
		sem_next_id="$semid" shm_next_id="$shmid" queues_max="$queues" msg_max="$msg_max" \
		msgsize_max="$msgsize_max" msg_default="$msg_default" msgsize_default="$msgsize_default"
	expect_out "$want" "round $round: get shows exactly what was set"
	cp "$TMP/out" "$TMP/conf"

	expect 0 "round $round: run -f FILE -- get" "$IPCNS" run -f "$TMP/conf" -- "$IPCNS" get
	expect_out "$want" "round $round: the file recreates the same limits in a new namespace"

	expect 0 "round $round: IPC_INFO inside" "$IPCNS" run -f "$TMP/conf" -- "$IPCPROBE" info
	# shellcheck disable=SC2086 # four numbers, one word each
	set -- $sem
	expect_out "msgmax $msgmax
msgmnb $msgmnb
msgmni $msgmni
semmsl $1
semmns $2
semopm $3
semmni $4
shmmax $shmmax
shmall $shmall
shmmni $shmmni" "round $round: msgctl/semctl/shmctl IPC_INFO agree with what was set"
done

# POSIX queues made without attributes get min(max, default): the kernel
# applies the mqueue limits as set.
expect 0 "a queue without attributes gets msg_default and msgsize_default" \
	"$IPCNS" run -s msg_max=20 -s msg_default=15 -s msgsize_max=4K -s msgsize_default=1K -- "$IPCPROBE" mqdefault
expect_out "mq_maxmsg 15
mq_msgsize 1024" "... as set with -s"
expect 0 "defaults above the maxima are capped by them" \
	"$IPCNS" run -s msg_max=5 -s msg_default=50 -s msgsize_max=512 -s msgsize_default=2K -- "$IPCPROBE" mqdefault
expect_out "mq_maxmsg 5
mq_msgsize 512" "... by msg_max and msgsize_max"

# IEC suffixes, and shmall in pages.
page=$(getconf PAGESIZE)
expect 0 "suffixed sizes" "$IPCNS" run -s msgmax=64K -s shmmax=2G -s shmall=1G -s msgsize_max=1M -- \
	"$IPCNS" get msgmax shmmax shmall msgsize_max
expect_out "kernel.msgmax = 65536
kernel.shmmax = 2147483648
kernel.shmall = $(((1 << 30) / page))
fs.mqueue.msgsize_max = 1048576" "K, M, G are powers of 1024; shmall=1G is converted to pages"
expect 0 "010 is decimal ten" "$IPCNS" run -s msgmax=010 -- "$IPCNS" get msgmax
expect_out "kernel.msgmax = 10" "... not octal eight, as the kernel would read it"

finish
