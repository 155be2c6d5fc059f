#!/bin/bash
# ipcns list: namespaces made here with known objects are reported exactly,
# in the table and in JSON; NS and NPROCS agree with lsns; a pinned
# namespace without processes is listed; -o rejects an unknown column; the
# caller's own namespaces and mount table are untouched.
# resource-lock: namespace-census
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
in_private_mounts "$@" # the pins below live on a tmpfs of this test's own
command -v ipcmk >/dev/null || skip "ipcmk (util-linux) is missing"
command -v python3 >/dev/null || skip "python3 is missing (JSON checks)"
MQTOOL=$(dirname "$IPCPROBE")/mqtool
[ -x "$MQTOOL" ] || skip "$MQTOOL was not built"

mkdir "$TMP/run" "$TMP/pins"
mount -t tmpfs -o mode=755 ipcns-test-pins "$TMP/pins" || skip "cannot mount a tmpfs"
at_exit 'umount -l "$TMP/pins"'
export IPCNS_RUN_DIR=$TMP/run
mount -t tmpfs -o mode=755 ipcns-test-run "$TMP/run" || skip "cannot mount a tmpfs"
at_exit 'umount -l "$TMP/run"'

# Namespace i (1..3) holds i message queues, i+1 semaphore sets, i shared
# memory segments of 10000*i bytes each and 2*i POSIX queues.
ino_of() { stat -L -c %i "/proc/$1/ns/ipc"; }
declare -A want
proc_inos=() # (lsns 2.38 does not show pinned namespaces without processes)
for i in 1 2 3; do
	start_target ns$i unshare --ipc -- sh -c '
		i=$1 dir=$2 mqtool=$3
		for k in $(seq "$i"); do ipcmk -Q >/dev/null; ipcmk -M $((10000 * i)) >/dev/null; done
		for k in $(seq $((i + 1))); do ipcmk -S 2 >/dev/null; done
		for k in $(seq $((2 * i))); do "$mqtool" create "/q$k" 4 64; done
		touch "$dir/ns$i.ready"; exec sleep 600' sh "$i" "$TMP" "$MQTOOL"
	ino=$(ino_of "$target")
	proc_inos+=("$ino")
	want[$ino]="$i $((i + 1)) $i $((10000 * i * i)) $((2 * i))"
done

# A namespace without processes, pinned on a file (unshare --ipc=FILE), one
# named in the run directory, and objects in the first.
touch "$TMP/pins/p" "$TMP/run/named"
unshare --ipc="$TMP/pins/p" true || skip "unshare --ipc=FILE failed"
unshare --ipc="$TMP/run/named" true || skip "unshare --ipc=FILE failed"
nsenter --ipc="$TMP/pins/p" ipcmk -Q >/dev/null
pin_ino=$(stat -c %i "$TMP/pins/p")
named_ino=$(stat -c %i "$TMP/run/named")
want[$pin_ino]="1 0 0 0 0"
want[$named_ino]="0 0 0 0 0"

# --- JSON -------------------------------------------------------------------
expect 0 "list -J" "$IPCNS" list -J
cp "$TMP/out" "$TMP/list.json"
python3 -m json.tool "$TMP/list.json" >/dev/null && pass "... parses as JSON" || fail "JSON does not parse: $(head -c 300 "$TMP/list.json")"
for ino in "${!want[@]}"; do
	got=$(python3 -c '
import json, sys
for n in json.load(open(sys.argv[1]))["namespaces"]:
    if n["ns"] == int(sys.argv[2]):
        print(n["msg"], n["sem"], n["shm"], n["shmbytes"], n["mq"])' "$TMP/list.json" "$ino")
	[ "$got" = "${want[$ino]}" ] && pass "JSON: namespace $ino has msg sem shm shmbytes mq = $got" ||
		fail "JSON: namespace $ino: got '$got', expected '${want[$ino]}'"
done
python3 -c '
import json, sys
ns = json.load(open(sys.argv[1]))["namespaces"]
assert all(isinstance(n["ns"], int) and isinstance(n["nprocs"], int) for n in ns)
assert all(k == k.lower() for n in ns for k in n)' "$TMP/list.json" &&
	pass "... numbers are numbers, names lower case" || fail "JSON types or names: $(head -c 300 "$TMP/list.json")"

# --- table ------------------------------------------------------------------
expect 0 "list -r -n -b -o with the count columns" "$IPCNS" list -r -n -b -o NS,MSG,SEM,SHM,SHMBYTES,MQ
for ino in "${!want[@]}"; do
	got=$(awk -v ino="$ino" '$1 == ino { $1 = ""; print substr($0, 2) }' "$TMP/out")
	[ "$got" = "${want[$ino]}" ] && pass "table: namespace $ino has $got" ||
		fail "table: namespace $ino: got '$got', expected '${want[$ino]}'"
done
expect 0 "the default table has a header" "$IPCNS" list
head -1 "$TMP/out" | grep -Eq '^ +NS +NAME +NPROCS +PID +USER +MSG +SEM +SHM +SHMBYTES +MQ +LIMITS +COMMAND$' &&
	pass "... with the default columns" || fail "header: $(head -1 "$TMP/out")"

# --- pins ---------------------------------------------------------------------
expect 0 "list -o NS,NAME,PATH,NPROCS,PID" "$IPCNS" list -J -o NS,NAME,PATH,NPROCS,PID
python3 -c '
import json, sys
ns = {n["ns"]: n for n in json.load(open(sys.argv[1]))["namespaces"]}
p, r = ns[int(sys.argv[2])], ns[int(sys.argv[3])]
assert p["nprocs"] == 0 and p["pid"] is None and p["path"] == sys.argv[4] and p["name"] is None, p
assert r["nprocs"] == 0 and r["name"] == "named" and r["path"] == sys.argv[5], r' \
	"$TMP/out" "$pin_ino" "$named_ino" "$TMP/pins/p" "$TMP/run/named" &&
	pass "pinned namespaces without processes are listed, with their path and name" ||
	fail "pins: $(cat "$TMP/out")"

# --- lsns agrees on NS and NPROCS -------------------------------------------
# Processes come and go on a shared machine (other tests' polling loops):
# take lsns before and after ours, and compare the namespaces whose line is
# the same in both; ours must be among them.
agreed=
for _ in $(seq 20); do
	# no pipes: each tool must be the only process this shell runs
	lsns -t ipc -n -r -o NS,NPROCS >"$TMP/lsns1"
	"$IPCNS" list --no-counts -n -r -o NS,NPROCS >"$TMP/ipcns.raw"
	lsns -t ipc -n -r -o NS,NPROCS >"$TMP/lsns2"
	sort -o "$TMP/lsns1" "$TMP/lsns1"
	sort -o "$TMP/lsns2" "$TMP/lsns2"
	sort -o "$TMP/ipcns.raw" "$TMP/ipcns.raw"
	comm -12 "$TMP/lsns1" "$TMP/lsns2" >"$TMP/stable"
	stable_ours=yes
	for ino in "${proc_inos[@]}" "$(stat -L -c %i /proc/self/ns/ipc)"; do
		grep -q "^$ino " "$TMP/stable" || stable_ours=
	done
	[ -n "$stable_ours" ] || continue
	if join -a1 "$TMP/stable" "$TMP/ipcns.raw" | awk 'NF != 3 || $2 != $3 { bad = 1 } END { exit bad }'; then
		agreed=yes
		break
	fi
done
[ -n "$agreed" ] && pass "NS and NPROCS agree with lsns -t ipc for $(wc -l <"$TMP/stable") of the $(wc -l <"$TMP/lsns1") namespaces it shows (the others changed meanwhile)" ||
	fail "lsns disagrees: $(join -a1 "$TMP/stable" "$TMP/ipcns.raw" | head -20 | tr '\n' ';')"

# --- options ------------------------------------------------------------------
expect 2 "an unknown -o column is a usage error" "$IPCNS" list -o NS,BOGUS
expect_err_lines 1 "... in one line"
expect_err_match "^ipcns: -o: unknown column 'BOGUS' \(columns: NS, .*COMMAND\)$" "... naming the known columns"
expect 0 "-o +LIST adds to the defaults" "$IPCNS" list -o +OWNER,ID
head -1 "$TMP/out" | grep -Eq 'COMMAND +OWNER +ID$' && pass "... at the end" || fail "header: $(head -1 "$TMP/out")"
expect 0 "--output-all" "$IPCNS" list --output-all -n -r
expect 0 "--columns lists every column" "$IPCNS" list --columns
[ "$(cut -f1 "$TMP/out" | tr '\n' ' ')" = "NS ID NAME PATH NPROCS PID USER MSG SEM SHM SHMBYTES MQ LIMITS OWNER OWNERUID CGROUP COMMAND " ] &&
	pass "... in order" || fail "columns: $(cut -f1 "$TMP/out" | tr '\n' ' ')"
expect 0 "--no-counts prints '-' for counts" "$IPCNS" list --no-counts -n -r -o NS,MSG,LIMITS
awk '$2 != "-" || $3 != "-" { bad = 1 } END { exit bad }' "$TMP/out" && pass "... on every line" ||
	fail "--no-counts: $(head -3 "$TMP/out")"
expect 0 "--no-counts -J prints null" "$IPCNS" list --no-counts -J -o NS,MSG
python3 -c 'import json,sys; assert all(n["msg"] is None for n in json.load(open(sys.argv[1]))["namespaces"])' "$TMP/out" &&
	pass "... in every namespace" || fail "--no-counts -J: $(head -c 300 "$TMP/out")"
expect 0 "-l and -u are accepted (as lsns)" "$IPCNS" list -l -u
if command -v strace >/dev/null; then
	strace -f -qq -o "$TMP/trace" -e trace=setns,fsopen "$IPCNS" list --no-counts >/dev/null 2>&1
	[ -s "$TMP/trace" ] && fail "--no-counts joined a namespace: $(head -3 "$TMP/trace")" ||
		pass "--no-counts joins no namespace (strace)"
fi
expect 2 "an operand is a usage error" "$IPCNS" list extra
expect_err_lines 1 "... in one line"

# --- limits ---------------------------------------------------------------------
"$IPCNS" set --target "$target" msgmax=4096 msg_max=20 || fail "set --target failed"
expect 0 "list -o NS,LIMITS" "$IPCNS" list -n -r -o NS,LIMITS
[ "$(awk -v ino="$(ino_of "$target")" '$1 == ino { print $2 }' "$TMP/out")" = 2 ] &&
	pass "LIMITS counts the two changed limits" || fail "LIMITS: $(cat "$TMP/out")"

# --- what list looks at stays as it was ------------------------------------------
# Counting POSIX queues needs their names only: a queue's times stay as they
# were (reading its text, as show does, would set its atime and ctime).
mkdir "$TMP/mq"
qtimes() {
	nsenter -t "$target" --ipc -- unshare --mount --propagation private -- \
		sh -c 'mount -t mqueue ipcns-test-mq "$1" && stat -c "%x %z" "$1/q1"' sh "$TMP/mq"
}
before=$(qtimes)
sleep 1 # the mqueue fs keeps times in whole seconds
"$IPCNS" list >/dev/null
after=$(qtimes)
[ -n "$before" ] && [ "$before" = "$after" ] && pass "list leaves a POSIX queue's atime and ctime alone" ||
	fail "queue times: '$before' -> '$after'"

# --- the caller stays where it is -----------------------------------------------
before="$(readlink /proc/self/ns/ipc /proc/self/ns/mnt) $(md5sum </proc/self/mountinfo)"
if command -v strace >/dev/null; then
	strace -f -qq -o "$TMP/trace" -e trace=execve,setns,unshare,mount,move_mount,fsmount "$IPCNS" list >/dev/null 2>&1
	main_pid=$(head -1 "$TMP/trace" | awk '{ print $1 }')
	if grep -Eq '^[0-9]+ +(mount|move_mount)\(' "$TMP/trace"; then
		fail "list attached a mount: $(grep -E '(mount|move_mount)\(' "$TMP/trace" | head -3)"
	elif awk -v m="$main_pid" '$1 == m && /(setns|unshare)\(/ { bad = 1 } END { exit !bad }' "$TMP/trace"; then
		fail "the list process itself changed namespace: $(grep -E "^$main_pid .*(setns|unshare)" "$TMP/trace" | head -3)"
	elif grep -Eq 'setns\(.*= 0' "$TMP/trace" && grep -Eq 'fsmount\(.*= [0-9]' "$TMP/trace"; then
		pass "only children join namespaces, and their mqueue mounts stay detached (strace)"
	else
		fail "strace saw no child join or fsmount: $(head -5 "$TMP/trace")"
	fi
fi
"$IPCNS" list -J >/dev/null
after="$(readlink /proc/self/ns/ipc /proc/self/ns/mnt) $(md5sum </proc/self/mountinfo)"
[ "$before" = "$after" ] && pass "the caller's IPC and mount namespaces and mount table are unchanged" ||
	fail "changed: '$before' -> '$after'"

finish
