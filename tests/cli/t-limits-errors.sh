#!/bin/bash
# Every class of bad input to set, run -s and run -f: its exit status (2,
# or 125 for run with CMD never started), one line on stderr naming the
# key, and no limit changed (every limit is read before and after). When
# the kernel refuses, exit 1 and nothing half-applied.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/limits-lib.sh"
in_scratch_ipcns "$@"

# A namespace that is not at its defaults, so "no change" means something.
"$IPCNS" set msgmax=12345 kernel.sem="1 2 3 4" shmmax=1G queues_max=77 || fail "set up the scratch namespace"
snapshot >"$TMP/before"

# Each case: KEY=VALUE, a word the error line must contain (the key), and a
# regex for the reason.
while IFS='|' read -r pair key why; do
	[ -n "$pair" ] || continue
	expect 2 "set $pair: exit 2" "$IPCNS" set msgmax=100 "$pair"
	expect_err_lines 1 "set $pair: one line"
	expect_err_match "^ipcns: .*$key.*$why" "set $pair: names $key and says why"
	unchanged_since "$TMP/before" "set $pair: no limit changed (msgmax=100 before it was not applied)"

	expect 125 "run -s $pair: exit 125" "$IPCNS" run -s msgmax=100 -s "$pair" -- sh -c "echo started >$TMP/started"
	expect_err_lines 1 "run -s $pair: one line"
	expect_err_match "$key" "run -s $pair: names $key"
	[ ! -e "$TMP/started" ] && pass "run -s $pair: CMD never started" || { fail "run -s $pair: CMD started"; rm -f "$TMP/started"; }
done <<'CASES'
msgmx=1|msgmx|unknown key; did you mean msgmax\?
kernel.shmmaxx=1|kernel.shmmaxx|did you mean kernel.shmmax\?
net.ipv4.ip_forward=1|net.ipv4.ip_forward|not a limit of an IPC namespace
kernel.hostname=x|kernel.hostname|not a limit of an IPC namespace
msgmni=99999|kernel.msgmni|99999 is out of range 0..32768
shmmni=32769|kernel.shmmni|out of range 0..32768
msgmax=-1|kernel.msgmax|-1 is out of range 0..2147483647
msgmax=+5|kernel.msgmax|not a number
msgmax=12abc|kernel.msgmax|'12abc' is not a number
msgmax=0x10|kernel.msgmax|not a number
msgmax=2G|kernel.msgmax|2G is out of range 0..2147483647 bytes
msgmax=|kernel.msgmax|empty value
shmmax=18446744073709551616|kernel.shmmax|out of range 0..18446744073709551615
shmall=99999999999999999999|kernel.shmall|out of range
msgmni=4K|kernel.msgmni|takes no size suffix
shm_rmid_forced=2|kernel.shm_rmid_forced|out of range 0..1
auto_msgmni=1|kernel.auto_msgmni|out of range 0..0
msg_next_id=-2|kernel.msg_next_id|out of range -1..2147483647
msg_max=0|fs.mqueue.msg_max|out of range 1..65536
msg_default=65537|fs.mqueue.msg_default|out of range 1..65536
msgsize_max=127|fs.mqueue.msgsize_max|out of range 128..16777216
msgsize_default=17M|fs.mqueue.msgsize_default|out of range 128..16777216
queues_max=2147483648|fs.mqueue.queues_max|out of range -2147483648..2147483647
kernel.sem=1 2 3|kernel.sem|expected four numbers
kernel.sem=1 2 3 4 5|kernel.sem|expected four numbers
kernel.sem=1 2 3 32769|kernel.sem|semmni: 32769 is out of range 0..32768
kernel.sem=-2147483649 2 3 4|kernel.sem|semmsl: -2147483649 is out of range -2147483648..2147483647
kernel.sem=1 2 3 -1|kernel.sem|semmni: -1 is out of range 0..32768
semmni=40000|semmni|40000 is out of range 0..32768
msgmax|msgmax|expected KEY=VALUE
CASES

expect 2 "set msgmax=100 msgmni=99999" "$IPCNS" set msgmax=100 msgmni=99999
[ "$(cat /proc/sys/kernel/msgmax)" = 12345 ] && pass "... leaves msgmax as it was" || fail "msgmax is now $(cat /proc/sys/kernel/msgmax)"
expect 2 "set with no KEY=VALUE" "$IPCNS" set
expect_err_match "missing KEY=VALUE" "... says what is missing"
expect 2 "set --no-such-option" "$IPCNS" set --no-such-option msgmax=1
expect_err_match "^ipcns: set: --no-such-option: unknown option$" "... names the option"
expect 2 "get of an unknown key" "$IPCNS" get msgmx
expect_err_lines 1 "... one line"
expect_err_match "^ipcns: msgmx: unknown key; did you mean msgmax\?$" "... with a suggestion"
expect 2 "get of a non-IPC sysctl" "$IPCNS" get net.ipv4.ip_forward
expect_err_match "not a limit of an IPC namespace" "... is refused as such"

# run -f: a bad line names the file, the line and the key.
printf '# ok so far\nkernel.msgmax = 100\nkernel.msgmnb = 1x\n' >"$TMP/bad.conf"
expect 125 "run -f with a bad line" "$IPCNS" run -f "$TMP/bad.conf" -- sh -c "echo started >$TMP/started"
expect_err_lines 1 "... one line"
expect_err_match "^ipcns: $TMP/bad.conf:3: kernel.msgmnb: '1x' is not a number" "... naming file, line and key"
[ ! -e "$TMP/started" ] && pass "... and CMD never started" || fail "CMD started"
printf 'kernel.msgmax 100\n' >"$TMP/noeq.conf"
expect 125 "run -f with a line without '='" "$IPCNS" run -f "$TMP/noeq.conf" -- true
expect_err_match "noeq.conf:1: 'kernel.msgmax 100': expected KEY = VALUE" "... says so"
expect 125 "run -f with a missing file" "$IPCNS" run -f "$TMP/nonexistent.conf" -- true
expect_err_match "nonexistent.conf: No such file or directory" "... names it"
unchanged_since "$TMP/before" "none of the failed runs touched this namespace"

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
