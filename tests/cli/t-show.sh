#!/bin/bash
# ipcns show: every object a scenario made, in each kind, as ipcs sees it
# from inside; POSIX queue attributes as mq_getattr sees them inside; limits
# with the changed ones marked; -J one JSON object; a named namespace by
# name; the caller left where it was.
# resource-lock: namespace-census
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
in_private_mounts "$@"
for tool in ipcmk ipcs nsenter python3; do
	command -v $tool >/dev/null || skip "$tool is missing"
done
MQTOOL=$(dirname "$IPCPROBE")/mqtool
[ -x "$MQTOOL" ] || skip "$MQTOOL was not built"

# The scenario: 2 message queues (one holding 2 messages), 2 semaphore sets,
# 2 shared memory segments, 2 POSIX queues (one holding 2
# messages and a process registered for notification), a changed limit.
start_target s unshare --ipc -- sh -c '
	dir=$1 probe=$2 mqtool=$3
	ipcmk -Q >/dev/null; ipcmk -Q >/dev/null
	"$probe" msg create 0x4d2 >/dev/null
	"$probe" msgsnd 0x4d2 hello; "$probe" msgsnd 0x4d2 "hello again"
	ipcmk -S 3 >/dev/null; ipcmk -S 1 >/dev/null
	ipcmk -M 123456 >/dev/null
	"$probe" shm create 0x10e1 >/dev/null
	"$mqtool" create /alpha 7 300; "$mqtool" send /alpha one; "$mqtool" send /alpha three
	"$mqtool" create /beta 3 128
	"$mqtool" notify /alpha "$dir/notify.pid" & echo $! >"$dir/notifier"
	while [ ! -e "$dir/notify.pid" ]; do sleep 0.05; done
	echo 4096 >/proc/sys/kernel/msgmax
	touch "$dir/s.ready"; exec sleep 600' sh "$TMP" "$IPCPROBE" "$MQTOOL"
s=$target
notifier=$(cat "$TMP/notifier")
at_exit "kill $notifier 2>/dev/null"
inside() { nsenter -t "$s" --ipc -- "$@"; }

expect 0 "show -J PID" "$IPCNS" show -J "$s"
cp "$TMP/out" "$TMP/show.json"
python3 -m json.tool "$TMP/show.json" >/dev/null && pass "... is one JSON document" || fail "JSON: $(head -c 300 "$TMP/show.json")"
j() { python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$TMP/show.json" "$1"; }
[ "$(j 'sorted(d)')" = "['limits', 'mqueue', 'msg', 'namespace', 'sem', 'shm']" ] && pass "... with every section" ||
	fail "sections: $(j 'sorted(d)')"
[ "$(j 'd["namespace"]["ns"]')" = "$(stat -L -c %i /proc/$s/ns/ipc)" ] && pass "... the namespace's inode" ||
	fail "ns: $(j 'd["namespace"]')"
[ "$(j 'd["namespace"]["pids"]')" = "[$s, $notifier]" ] && pass "... and its processes" ||
	fail "pids: $(j 'd["namespace"]["pids"]'), expected [$s, $notifier]"

# SysV: what ipcs shows inside, field by field (key, id, owner, perms, sizes).
inside ipcs -q | awk '$1 ~ /^0x/ { print $1, $2, $3, $4, $5, $6 }' >"$TMP/ipcs.msg"
inside ipcs -s | awk '$1 ~ /^0x/ { print $1, $2, $3, $4, $5 }' >"$TMP/ipcs.sem"
inside ipcs -m | awk '$1 ~ /^0x/ { print $1, $2, $3, $4, $5, $6 }' >"$TMP/ipcs.shm"
j '"\n".join("0x%08x %d %s %s %d %d" % (m["key"] & 0xffffffff, m["id"], m["user"], m["perms"], m["bytes"], m["messages"]) for m in d["msg"])' >"$TMP/show.msg"
j '"\n".join("0x%08x %d %s %s %d" % (m["key"] & 0xffffffff, m["id"], m["user"], m["perms"], m["nsems"]) for m in d["sem"])' >"$TMP/show.sem"
j '"\n".join("0x%08x %d %s %s %d %d" % (m["key"] & 0xffffffff, m["id"], m["user"], m["perms"], m["size"], m["nattch"]) for m in d["shm"])' >"$TMP/show.shm"
for kind in msg sem shm; do
	n=$(wc -l <"$TMP/ipcs.$kind")
	if [ "$n" -ge 2 ] && diff <(sort "$TMP/ipcs.$kind") <(sort "$TMP/show.$kind") >"$TMP/diff"; then
		pass "$kind: the $n objects ipcs shows inside, with the same fields"
	else
		fail "$kind differs from ipcs inside: $(tr '\n' ';' <"$TMP/diff")"
	fi
done
grep -q ' 2 *$' "$TMP/show.msg" && pass "... a queue holding 2 messages" || fail "msg: $(cat "$TMP/show.msg")"

# POSIX queues: mq_getattr inside, and who waits for notification.
for q in alpha beta; do
	want=$(inside "$MQTOOL" attr /$q)
	got=$(j '" ".join(str(m[k]) for m in d["mqueue"] if m["name"] == "/'$q'" for k in ("maxmsg", "msgsize", "messages"))')
	[ -n "$want" ] && [ "$got" = "$want" ] && pass "mqueue /$q: maxmsg msgsize messages = $got, as mq_getattr inside" ||
		fail "mqueue /$q: got '$got', mq_getattr inside says '$want'"
done
[ "$(j '[m["bytes"] for m in d["mqueue"] if m["name"] == "/alpha"][0]')" = 8 ] && pass "... and its bytes (QSIZE)" ||
	fail "bytes: $(j 'd["mqueue"]')"
[ "$(j '[m["notifypid"] for m in d["mqueue"] if m["name"] == "/alpha"][0]')" = "$notifier" ] &&
	pass "... and its notification process" || fail "notifypid: $(j 'd["mqueue"]'), expected $notifier"

# Limits: all of them, the changed one marked with its default.
[ "$(j '[(l["value"], l["default"], l["changed"]) for l in d["limits"] if l["key"] == "kernel.msgmax"]')" = "[(4096, 8192, True)]" ] &&
	pass "limits: kernel.msgmax 4096 marked as changed from 8192" || fail "limits: $(j 'd["limits"]')"
[ "$(j 'sum(l["changed"] for l in d["limits"])')" = 1 ] && pass "... and nothing else marked" ||
	fail "changed: $(j '[l for l in d["limits"] if l["changed"]]')"

# The table: sections with the objects, sizes that read well.
expect 0 "show PID" "$IPCNS" show "$s"
for title in Namespace Limits "System V message queues" "System V semaphore sets" "System V shared memory" "POSIX message queues"; do
	grep -q "^$title" "$TMP/out" && pass "table: section '$title'" || fail "no section '$title': $(head -c 300 "$TMP/out")"
done
grep -Eq '^0x000004d2 ' "$TMP/out" && pass "... SysV keys in hex" || fail "no key 0x000004d2"
grep -Eq ' 120.6K ' "$TMP/out" && pass "... 123456 bytes as 120.6K" || fail "no 120.6K: $(grep -A4 'shared memory' "$TMP/out")"
grep -Eq '^kernel.msgmax +4096 +8192 +\*$' "$TMP/out" && pass "... the changed limit marked" || fail "no marked msgmax"
expect 0 "show -b PID" "$IPCNS" show -b "$s"
grep -Eq ' 123456 ' "$TMP/out" && pass "... sizes in bytes" || fail "no 123456"

# Other targets: the caller's own namespace, a path, a name.
expect 0 "show without TARGET: the caller's own namespace" "$IPCNS" show -J
[ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["namespace"]["ns"])' "$TMP/out")" = "$(stat -L -c %i /proc/self/ns/ipc)" ] &&
	pass "... is this one" || fail "show without TARGET: $(head -c 200 "$TMP/out")"
expect 0 "show /proc/PID/ns/ipc" "$IPCNS" show "/proc/$s/ns/ipc"
mkdir "$TMP/run"
mount -t tmpfs -o mode=755 ipcns-test-run "$TMP/run" || skip "cannot mount a tmpfs"
at_exit 'umount -l "$TMP/run"'
touch "$TMP/run/pinned"
unshare --ipc="$TMP/run/pinned" true || skip "unshare --ipc=FILE failed"
nsenter --ipc="$TMP/run/pinned" ipcmk -Q >/dev/null
IPCNS_RUN_DIR=$TMP/run expect 0 "show NAME of a namespace without processes" "$IPCNS" show -J pinned
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["namespace"]["names"] == ["pinned"] and d["namespace"]["nprocs"] == 0 and len(d["msg"]) == 1, d["namespace"]' \
	"$TMP/out" && pass "... its name, no processes, its queue" || fail "show NAME: $(head -c 300 "$TMP/out")"
umount "$TMP/run/pinned"
! grep -q '"shm_store"' "$TMP/out" && pass "... and no store section, as it has no store" ||
	fail "show of a name without a store printed one"

# A name's /dev/shm store (create --shm): POSIX shm and named semaphores,
# which live in no IPC namespace, are listed as delete counts them.
IPCNS_RUN_DIR=$TMP/run expect 0 "create st --shm" "$IPCNS" create --shm=1M st
IPCNS_RUN_DIR=$TMP/run expect 0 "... with a POSIX shm object and a semaphore file in it" "$IPCNS" enter st -- sh -c \
	'"$1" pshm create /show-obj && printf 12345 >/dev/shm/show-obj && : >/dev/shm/sem.show-sem' sh "$IPCPROBE"
IPCNS_RUN_DIR=$TMP/run expect 0 "show -J st" "$IPCNS" show -J st
python3 -c '
import json, sys
st = {f["name"]: f for f in json.load(open(sys.argv[1]))["shm_store"]}
assert set(st) == {"/show-obj", "sem.show-sem"}, st
assert st["/show-obj"]["size"] == 5 and st["/show-obj"]["user"] == "root", st' "$TMP/out" &&
	pass "... lists /show-obj (5 bytes) and sem.show-sem in shm_store" || fail "show -J st: $(tail -c 400 "$TMP/out")"
IPCNS_RUN_DIR=$TMP/run expect 0 "show st" "$IPCNS" show st
grep -q "^POSIX shared memory and semaphores in the name's /dev/shm store:" "$TMP/out" &&
	grep -Eq '^/show-obj +600 +root +root +5B ' "$TMP/out" && pass "... as a table" ||
	fail "show st: $(tail -5 "$TMP/out")"
IPCNS_RUN_DIR=$TMP/run expect 0 "delete --force st" "$IPCNS" delete --force st

expect 1 "show of a PID that does not exist" "$IPCNS" show 999999999
expect 2 "show of a name that cannot be one" "$IPCNS" show ..
expect_err_lines 1 "... one line"
expect 2 "show with two TARGETs" "$IPCNS" show 1 2
expect_err_lines 1 "... one line"

if command -v strace >/dev/null; then
	strace -f -qq -o "$TMP/trace" -e trace=execve,setns,unshare,mount,move_mount,fsmount "$IPCNS" show "$s" >/dev/null 2>&1
	main_pid=$(head -1 "$TMP/trace" | awk '{ print $1 }')
	if grep -Eq '^[0-9]+ +(mount|move_mount)\(' "$TMP/trace"; then
		fail "show attached a mount: $(grep -E '(mount|move_mount)\(' "$TMP/trace" | head -3)"
	elif awk -v m="$main_pid" '$1 == m && /(setns|unshare)\(/ { bad = 1 } END { exit !bad }' "$TMP/trace"; then
		fail "the show process itself changed namespace: $(grep -E "^$main_pid .*(setns|unshare)" "$TMP/trace" | head -3)"
	elif grep -Eq 'setns\(.*= 0' "$TMP/trace" && grep -Eq 'fsmount\(.*= [0-9]' "$TMP/trace"; then
		pass "only a child joins the namespace, and its mqueue mount stays detached (strace)"
	else
		fail "strace saw no child join or fsmount: $(head -5 "$TMP/trace")"
	fi
fi
before="$(readlink /proc/self/ns/ipc /proc/self/ns/mnt) $(md5sum </proc/self/mountinfo)"
"$IPCNS" show "$s" >/dev/null
"$IPCNS" show >/dev/null
after="$(readlink /proc/self/ns/ipc /proc/self/ns/mnt) $(md5sum </proc/self/mountinfo)"
[ "$before" = "$after" ] && pass "the caller's IPC and mount namespaces and mount table are unchanged" ||
	fail "changed: '$before' -> '$after'"
finish
