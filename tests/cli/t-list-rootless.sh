#!/bin/bash
# list and show as nobody: its own rootless namespace with counts, a
# namespace it may only see (a root-made pin) without counts and without an
# error; show refuses the latter in one line and a hint.
# resource-lock: namespace-census
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
in_private_mounts "$@"
need_nobody userns
command -v ipcmk >/dev/null || skip "ipcmk (util-linux) is missing"
command -v python3 >/dev/null || skip "python3 is missing (JSON checks)"
MQTOOL=$(dirname "$IPCPROBE")/mqtool
if ! as_nobody test -x "$MQTOOL"; then
	mkdir -p "$TMP/bin" && cp "$MQTOOL" "$TMP/bin/" && chmod 755 "$TMP/bin"
	MQTOOL=$TMP/bin/mqtool
fi

# nobody's rootless namespace: 1 queue, 1 segment of 5000 bytes, 1 POSIX queue.
mkdir -m 777 "$TMP/r"
start_target r/own "${nobody[@]}" unshare --user --map-root-user --ipc -- sh -c '
	ipcmk -Q >/dev/null && ipcmk -M 5000 >/dev/null && "$2" create /n 2 64 &&
	touch "$1/own.ready" && exec sleep 600' sh "$TMP/r" "$MQTOOL"
own=$target
own_ino=$(stat -L -c %i "/proc/$own/ns/ipc")

# root's namespace, pinned where nobody can see the file, holding a queue.
mkdir "$TMP/pins"
mount -t tmpfs -o mode=755 ipcns-test-pins "$TMP/pins" || skip "cannot mount a tmpfs"
at_exit 'umount -l "$TMP/pins"'
touch "$TMP/pins/root"
unshare --ipc="$TMP/pins/root" true || skip "unshare --ipc=FILE failed"
nsenter --ipc="$TMP/pins/root" ipcmk -Q >/dev/null
root_ino=$(stat -c %i "$TMP/pins/root")

expect 0 "as nobody, list -J" as_nobody "$IPCNS" list -J -o NS,NPROCS,MSG,SEM,SHM,SHMBYTES,MQ,LIMITS,OWNERUID
[ -s "$TMP/err" ] && fail "... wrote on stderr: $(head -c 300 "$TMP/err")" || pass "... without a word on stderr"
cp "$TMP/out" "$TMP/list.json"
python3 -c '
import json, sys
ns = {n["ns"]: n for n in json.load(open(sys.argv[1]))["namespaces"]}
o = ns[int(sys.argv[2])]
assert (o["msg"], o["sem"], o["shm"], o["shmbytes"], o["mq"], o["limits"]) == (1, 0, 1, 5000, 1, 0), o
assert o["owneruid"] == 65534, o' "$TMP/list.json" "$own_ino" "$root_ino" &&
	pass "its own rootless namespace, with counts" || fail "own namespace: $(cat "$TMP/list.json")"
python3 -c '
import json, sys
ns = {n["ns"]: n for n in json.load(open(sys.argv[1]))["namespaces"]}
r = ns[int(sys.argv[2])]
assert all(r[k] is None for k in ("msg", "sem", "shm", "shmbytes", "mq", "limits")), r' "$TMP/list.json" "$root_ino" &&
	pass "root's pinned namespace, listed without counts (null)" || fail "root's pin: $(cat "$TMP/list.json")"
expect 0 "as nobody, the table" as_nobody "$IPCNS" list -r -n -o NS,MSG,MQ
[ "$(awk -v i="$root_ino" '$1 == i { print $2, $3 }' "$TMP/out")" = "- -" ] && pass "... shows '-' for what it may not see" ||
	fail "table: $(cat "$TMP/out")"
[ "$(awk -v i="$own_ino" '$1 == i { print $2, $3 }' "$TMP/out")" = "1 1" ] && pass "... and counts in its own" ||
	fail "table: $(cat "$TMP/out")"

expect 0 "as nobody, show its own rootless namespace by PID" as_nobody "$IPCNS" show -J "$own"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [m["name"] for m in d["mqueue"]] == ["/n"] and d["mqueue"][0]["maxmsg"] == 2 and len(d["msg"]) == 1, d' "$TMP/out" &&
	pass "... with its objects and POSIX queue" || fail "show own: $(head -c 400 "$TMP/out")"
expect 1 "as nobody, show of root's namespace is refused" as_nobody "$IPCNS" show "$TMP/pins/root"
expect_err_lines 2 "... with an error and a hint"
expect_err_match "^ipcns: $TMP/pins/root: cannot look inside its IPC namespace: Operation not permitted\$" "... naming it"
finish
