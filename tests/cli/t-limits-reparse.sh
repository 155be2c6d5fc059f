#!/bin/bash
# What 'ipcns get' prints is always input again: for 'ipcns run -f' and for
# procps 'sysctl -p', whatever values the kernel took (negative semmsl,
# semmns and semopm, the extremes of every range), for all keys and for
# field keys, with canonical names in text and JSON. -n prints values alone;
# get refuses KEY=VALUE and points to set.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/limits-lib.sh"
in_scratch_ipcns "$@"

# same FILE DESCRIPTION: stdout of the last command is FILE's content.
same() {
	cmp -s "$TMP/out" "$1" && pass "$2" || fail "$2: $(diff "$1" "$TMP/out" | grep '^[<>]' | tr '\n' ' ')"
}

# sysctl_p FILE: procps sysctl -p FILE in a fresh IPC namespace, then
# ipcns get there; stderr must stay empty (sysctl -p exits 0 on some errors).
sysctl_p() {
	expect 0 "sysctl -p $(basename "$1")" unshare --ipc -- sh -c 'sysctl -q -p "$1" && "$2" get' sh "$1" "$IPCNS"
	[ ! -s "$TMP/err" ] && pass "... without a word on stderr" || fail "... stderr: $(head -c 300 "$TMP/err")"
}

command -v sysctl >/dev/null || skip "procps sysctl is missing"

# Values the kernel accepts (measured on 6.18), written straight to
# /proc/sys: this is the scratch namespace of this test.
echo "-5 -6 -7 100" >/proc/sys/kernel/sem || fail "the kernel takes negative sem fields"
echo -1 >/proc/sys/fs/mqueue/queues_max
echo 0 >/proc/sys/kernel/msgmax
echo 0 >/proc/sys/kernel/msgmni
echo 0 >/proc/sys/kernel/shmmax
echo 18446744073709551615 >/proc/sys/kernel/shmall
echo 65536 >/proc/sys/fs/mqueue/msg_max
echo 16777216 >/proc/sys/fs/mqueue/msgsize_max

expect 0 "get with odd values" "$IPCNS" get
cp "$TMP/out" "$TMP/all.conf"
grep -qx "kernel.sem = -5 -6 -7 100" "$TMP/all.conf" && pass "... prints the negative sem fields" ||
	fail "... kernel.sem: $(grep sem "$TMP/all.conf")"
grep -qx "# kernel.sem_next_id = -1 (unset)" "$TMP/all.conf" && pass "... an unset *_next_id as a comment" ||
	fail "... sem_next_id: $(grep sem_next_id "$TMP/all.conf")"
expect 0 "run -f of get's output -- true" "$IPCNS" run -f "$TMP/all.conf" -- true
expect 0 "run -f of get's output -- get" "$IPCNS" run -f "$TMP/all.conf" -- "$IPCNS" get
same "$TMP/all.conf" "... gives the same limits"
sysctl_p "$TMP/all.conf"
same "$TMP/all.conf" "... and sets the same limits"

# A *_next_id that is set prints as a line -f reads. (procps sysctl cannot
# write these at all: the kernel shows the files as 0444 and sysctl refuses
# a key that looks read-only, so they are left out of the sysctl -p checks.)
echo 7 >/proc/sys/kernel/msg_next_id
expect 0 "get with msg_next_id set" "$IPCNS" get msg_next_id sem_next_id
expect_out "kernel.msg_next_id = 7
# kernel.sem_next_id = -1 (unset)" "... a line for the set one, a comment for the unset one"
cp "$TMP/out" "$TMP/ids.conf"
expect 0 "run -f of it" "$IPCNS" run -f "$TMP/ids.conf" -- "$IPCNS" get msg_next_id sem_next_id
same "$TMP/ids.conf" "... the same ids in a new namespace"

# The ends of the sem ranges.
echo "-2147483648 2147483647 -1 32768" >/proc/sys/kernel/sem
expect 0 "get kernel.sem at the ends of its ranges" "$IPCNS" get kernel.sem
expect_out "kernel.sem = -2147483648 2147483647 -1 32768" "... as the kernel has it"
cp "$TMP/out" "$TMP/sem.conf"
expect 0 "run -f of it" "$IPCNS" run -f "$TMP/sem.conf" -- "$IPCNS" get kernel.sem
same "$TMP/sem.conf" "... the same in a new namespace"
expect 0 "-s takes negative fields too" "$IPCNS" run -s semmsl=-5 -s semopm=-2147483648 -- "$IPCNS" get -n kernel.sem
expect_out "-5 1024000000 -2147483648 32000" "... as the kernel would"
echo "-5 -6 -7 100" >/proc/sys/kernel/sem

# Field keys: the whole kernel.sem line, once, by its canonical name.
expect 0 "get field keys" "$IPCNS" get semmni msgmax semmsl kernel/msgmnb semopm
expect_out "kernel.sem = -5 -6 -7 100
kernel.msgmax = 0
kernel.msgmnb = 16384" "... one kernel.sem line for three fields, names canonical"
cp "$TMP/out" "$TMP/fields.conf"
expect 0 "run -f of it" "$IPCNS" run -f "$TMP/fields.conf" -- "$IPCNS" get kernel.sem msgmax msgmnb
same "$TMP/fields.conf" "... the same limits"
sysctl_p "$TMP/fields.conf"
grep -qx "kernel.sem = -5 -6 -7 100" "$TMP/out" && grep -qx "kernel.msgmax = 0" "$TMP/out" &&
	pass "... sysctl -p set them" || fail "... after sysctl -p: $(tr '\n' ' ' <"$TMP/out")"

expect 0 "get -J field keys" "$IPCNS" get -J semmni msgmax semopm
if python3 - "$TMP/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d == {"kernel.sem": [-5, -6, -7, 100], "kernel.msgmax": 0}, d
PY
then pass "... canonical JSON keys, kernel.sem once"; else fail "... JSON: $(head -c 300 "$TMP/out")"; fi

# -n: the values alone, a field as its one number, one line per KEY.
expect 0 "get -n semmni in a fresh namespace" "$IPCNS" run -- "$IPCNS" get -n semmni
expect_out "32000" "... is the number alone"
expect 0 "get --values kernel.sem semopm msgmax shmall" "$IPCNS" get --values kernel.sem semopm msgmax shmall
expect_out "-5 -6 -7 100
-7
0
18446744073709551615" "... one line per KEY, in order"
expect 0 "get -n" "$IPCNS" get -n
[ "$(wc -l <"$TMP/out")" -eq 17 ] && pass "... all 17 values" || fail "... $(wc -l <"$TMP/out") lines"
[ "$(sed -n 10p "$TMP/out")" = 7 ] && [ "$(sed -n 11p "$TMP/out")" = -1 ] && pass "... *_next_id as numbers" ||
	fail "... next ids: $(sed -n 10,12p "$TMP/out" | tr '\n' ' ')"
expect 2 "-n with -J" "$IPCNS" get -n -J
expect_err_match "^ipcns: get: -n \(--values\) and -J \(--json\) cannot be combined$" "... is refused"

# get takes keys; set takes KEY=VALUE.
expect 2 "get msgmax=5" "$IPCNS" get msgmax=5
expect_err_lines 1 "... one line"
expect_err_match "^ipcns: msgmax=5: get takes KEY names, not KEY=VALUE \(to change a limit: ipcns set KEY=VALUE\)$" \
	"... says what get takes and what set takes"
expect 2 "get kernel.sem.semmni" "$IPCNS" get kernel.sem.semmni
expect_err_match "^ipcns: kernel.sem.semmni: unknown key; did you mean semmni\?$" "... suggests the field"

finish
