#!/bin/bash
# Creates and deletes of one name are serialised by the lock on the run
# directory: 8 parallel creates of one name give exactly one success, and 4
# processes doing 250 create/delete cycles each (half of them with a --shm
# store) leave no mount, no file and no pinned namespace behind.
# resource-lock: namespace-census
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
in_private_mounts "$@"

use_run_dir
mkdir "$run"

mounts_under() {
	awk -v d="$run/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo
}
nsfs_mounts() {
	awk '$9 == "nsfs" && $4 ~ /^ipc:/' /proc/self/mountinfo
}

# --- 8 parallel creates of one name ---
for i in $(seq 8); do
	(until [ -e "$TMP/go" ]; do sleep 0.01; done; "$IPCNS" create x 2>"$TMP/c$i.err"; echo $? >"$TMP/c$i.rc") &
done
sleep 0.3
touch "$TMP/go" # all 8 start at once
wait
ok=0 exists=0
for i in $(seq 8); do
	case $(cat "$TMP/c$i.rc") in
	0) ok=$((ok + 1)) ;;
	1) grep -q "x: a namespace of that name exists" "$TMP/c$i.err" && exists=$((exists + 1)) ;;
	esac
done
[ "$ok" -eq 1 ] && pass "8 parallel 'create x': exactly one succeeds" || fail "$ok of 8 parallel creates succeeded"
[ "$exists" -eq 7 ] && pass "... the 7 others exit 1: the name exists" || fail "only $exists said the name exists"
[ "$(mounts_under | grep -c "^$run/x$")" -eq 1 ] && pass "... and x is mounted once" ||
	fail "x is mounted $(mounts_under | grep -c "^$run/x$") times"
expect 0 "delete x" "$IPCNS" delete x

# --- 4 x 250 create/delete cycles of one name ---
cycles=${IPCNS_TEST_CYCLES:-250}
for p in 1 2 3 4; do
	(
		shm=()
		[ $((p % 2)) -eq 0 ] && shm=(--shm=64K)
		bad=0
		for ((i = 0; i < cycles; i++)); do
			"$IPCNS" create "${shm[@]}" c 2>>"$TMP/p$p.err"
			[ $? -le 1 ] || bad=$((bad + 1))
			"$IPCNS" delete c 2>>"$TMP/p$p.err"
			[ $? -le 1 ] || bad=$((bad + 1))
		done
		echo $bad >"$TMP/p$p.bad"
	) &
done
wait
bad=$(cat "$TMP"/p?.bad | awk '{ s += $1 } END { print s }')
[ "$bad" -eq 0 ] && pass "4 x $cycles create/delete cycles: no usage error or crash" || fail "$bad odd exits"
# A failure may only be one of the two expected races: the name exists, or is gone.
if grep -hv -e "c: a namespace of that name exists" -e "c: no namespace of that name" "$TMP"/p?.err |
	grep -q .; then
	fail "unexpected errors: $(grep -hv -e "exists" -e "no namespace" "$TMP"/p?.err | sort | uniq -c | head -5)"
else
	pass "... every failure was 'exists' or 'no such name'"
fi
"$IPCNS" delete c 2>/dev/null # the last create may have won
[ "$(ls -A "$run")" = .ipcns ] && [ "$(ls -A "$run/.ipcns")" = lock ] && pass "... no file left in the run directory (but for .ipcns/lock)" ||
	fail "left: $(ls -AR "$run")"
[ -z "$(mounts_under)" ] && pass "... no mount left under it" || fail "mounts left: $(mounts_under | head)"
[ -z "$(nsfs_mounts)" ] && pass "... no IPC namespace pinned anywhere in this mount namespace" ||
	fail "nsfs mounts left: $(nsfs_mounts | head -3)"

finish
