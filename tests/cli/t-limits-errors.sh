#!/bin/bash
# Limits the kernel refuses though they are well-formed: set exits 1 and
# leaves nothing half-applied, enter exits 125 before CMD; each names the
# key and gives a hint. (Malformed keys and values, each with the message it
# must give, are rows of the table in t-bad-input.sh.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/limits-lib.sh"
in_scratch_ipcns "$@"

# A namespace that is not at its defaults, so "no change" means something.
"$IPCNS" set msgmax=12345 kernel.sem="1 2 3 4" shmmax=1G queues_max=77 || fail "set up the scratch namespace"
snapshot >"$TMP/before"

# The kernel refuses: *_next_id needs CAP_CHECKPOINT_RESTORE or
# CAP_SYS_ADMIN. Without them (bounding set), msgmax and shmmni come first
# in the plan, yet neither may stay changed.
if command -v setpriv >/dev/null; then
	expect 1 "set with a key the kernel refuses: exit 1" setpriv --bounding-set=-checkpoint_restore,-sys_admin -- \
		"$IPCNS" set msgmax=100 shmmni=5 msg_next_id=5 queues_max=3
	expect_err_match "^ipcns: kernel.msg_next_id: .*Permission denied" "... the error names the key"
	expect_err_match "^ipcns: hint: .*CAP_CHECKPOINT_RESTORE" "... and the hint says what is needed"
	unchanged_since "$TMP/before" "... and nothing was half-applied"
fi

# In enter, a refusal fails with 125 before CMD: root entering a rootless
# namespace without -U may not write its limits.
need_nobody userns
setpriv --reuid=$NOBODY_UID --regid=$NOBODY_GID --clear-groups -- "$IPCNS" run -r -- sleep 60 &
pid=$!
wait_exec $pid sleep || fail "the rootless namespace's process started"
expect 125 "enter -s refused by the kernel: 125" "$IPCNS" enter -s msgmax=100 -s msgmnb=100 $pid -- \
	sh -c "echo started >$TMP/started"
expect_err_match "^ipcns: kernel.msgmax: .*Permission denied" "... naming the key"
expect_err_match "^ipcns: hint: .*-U" "... with a hint to add -U"
[ ! -e "$TMP/started" ] && pass "... and CMD never started" || fail "CMD started"
expect 0 "... the target is unchanged" "$IPCNS" get --target $pid msgmax msgmnb
expect_out "kernel.msgmax = 8192
kernel.msgmnb = 16384" "... msgmax and msgmnb still at their defaults"
kill $pid
wait $pid 2>/dev/null

finish
