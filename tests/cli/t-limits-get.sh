#!/bin/bash
# ipcns get: the kernel defaults in a fresh namespace, all 17 keys, every
# accepted key spelling, --changed, -J (parsed by a JSON parser) and --keys.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/limits-lib.sh"
in_scratch_ipcns "$@"

# The defaults of a new IPC namespace (DESIGN.md, "Kernel facts"),
# written out here rather than taken from the registry under test.
defaults="kernel.msgmax = 8192
kernel.msgmnb = 16384
kernel.msgmni = 32000
kernel.auto_msgmni = 0
kernel.sem = 32000 1024000000 500 32000
kernel.shmall = 18446744073692774399
kernel.shmmax = 18446744073692774399
kernel.shmmni = 4096
kernel.shm_rmid_forced = 0
# kernel.msg_next_id = -1 (unset)
# kernel.sem_next_id = -1 (unset)
# kernel.shm_next_id = -1 (unset)
fs.mqueue.queues_max = 256
fs.mqueue.msg_max = 10
fs.mqueue.msgsize_max = 8192
fs.mqueue.msg_default = 10
fs.mqueue.msgsize_default = 8192"

expect 0 "get in a fresh namespace" "$IPCNS" run -- "$IPCNS" get
expect_out "$defaults" "all 17 keys show the kernel defaults, in sysctl.conf syntax"
[ "$(wc -l <"$TMP/out")" -eq 17 ] && pass "17 lines" || fail "17 lines: $(wc -l <"$TMP/out")"
# ... and they are what the kernel itself says.
"$IPCNS" run -- sh -c 'for p in '"${LIMIT_PATHS//[[:space:]]/ }"'; do tr -s "\t" " " </proc/sys/$p; done' >"$TMP/proc"
# (an unset *_next_id is a comment: "# KEY = -1 (unset)")
sed -e 's/^# //' -e 's/ (unset)$//' "$TMP/out" | cut -d' ' -f3- >"$TMP/values"
[ "$(cat "$TMP/values")" = "$(cat "$TMP/proc")" ] && pass "get agrees with /proc/sys" ||
	fail "get disagrees with /proc/sys: $(diff "$TMP/values" "$TMP/proc" | tr '\n' ' ')"

expect 0 "--changed in a fresh namespace" "$IPCNS" run -- "$IPCNS" get --changed
expect_out "" "... prints nothing"
expect 0 "--changed after -s" "$IPCNS" run -s msgmax=4096 -s semmni=100 -- "$IPCNS" get --changed
expect_out "kernel.msgmax = 4096
kernel.sem = 32000 1024000000 500 100" "... prints only what differs from the default"

# Every spelling of a key, and a field of kernel.sem.
expect 0 "get with keys in each form" "$IPCNS" run -s semmni=64 -- \
	"$IPCNS" get kernel.msgmax kernel/msgmnb msgmni fs/mqueue/msg_max msgsize_default semmni kernel.sem
expect_out "kernel.msgmax = 8192
kernel.msgmnb = 16384
kernel.msgmni = 32000
fs.mqueue.msg_max = 10
fs.mqueue.msgsize_default = 8192
kernel.sem = 32000 1024000000 500 64" "dotted, slashed and short keys, and a sem field, by canonical name, once each"
expect 0 "options may follow keys" "$IPCNS" get msgmax -J
expect_out '{
  "kernel.msgmax": 8192
}' "... get msgmax -J"

# -J: valid JSON with numbers as numbers, kernel.sem as an array.
expect 0 "get -J" "$IPCNS" run -s shmmax=4G -s queues_max=-1 -- "$IPCNS" get -J
if python3 - "$TMP/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == 17, len(d)
assert all(isinstance(v, int) for k, v in d.items() if k != "kernel.sem"), d
assert d["kernel.sem"] == [32000, 1024000000, 500, 32000], d["kernel.sem"]
assert d["kernel.shmmax"] == 4 << 30 and d["fs.mqueue.queues_max"] == -1, d
assert d["kernel.shmall"] == 18446744073692774399
PY
then pass "-J parses as JSON, numbers as numbers, 64-bit values exact"; else fail "-J is not the JSON expected: $(head -c 300 "$TMP/out")"; fi
expect 0 "get --changed -J with nothing changed" "$IPCNS" run -- "$IPCNS" get --changed -J
python3 -c 'import json,sys; assert json.load(sys.stdin) == {}' <"$TMP/out" && pass "... is an empty JSON object" ||
	fail "... is an empty JSON object: $(cat "$TMP/out")"

# --keys: one tab-separated line per key and per sem field.
expect 0 "get --keys" "$IPCNS" get --keys
[ "$(wc -l <"$TMP/out")" -eq 21 ] && pass "--keys lists 17 keys and 4 sem fields" || fail "--keys: $(wc -l <"$TMP/out") lines"
[ "$(cut -f1 "$TMP/out" | head -17 | tr '\n' ' ')" = "$(echo "$defaults" | sed 's/^# //' | cut -d' ' -f1 | tr '\n' ' ')" ] &&
	pass "--keys names the keys in get's order" || fail "--keys names: $(cut -f1 "$TMP/out" | tr '\n' ' ')"
awk -F'\t' 'NF != 5 { exit 1 }' "$TMP/out" && pass "--keys: five tab-separated columns" || fail "--keys columns"
grep -q "^kernel.msgmni	0..32768	32000	count	" "$TMP/out" && pass "--keys shows range, default and unit" ||
	fail "--keys msgmni line: $(grep msgmni "$TMP/out")"
expect 2 "--keys with a KEY is a usage error" "$IPCNS" get --keys msgmax

if [ -w /dev/full ]; then
	run_capture sh -c '"$1" get >/dev/full' sh "$IPCNS"
	[ "$status" -eq 1 ] && grep -q "standard output" "$TMP/err" && pass "a failed write to stdout is exit 1, said so" ||
		fail "get >/dev/full: exit $status, $(cat "$TMP/err")"
fi

# Reading needs no privilege.
need_nobody
expect 0 "nobody can read the limits" as_nobody "$IPCNS" get msgmax
expect_out "kernel.msgmax = 8192" "... of the namespace it is in"

finish
