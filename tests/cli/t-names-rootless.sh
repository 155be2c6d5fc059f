#!/bin/bash
# Rootless names, as nobody: no pin can be mounted, so each name is kept
# alive by a holder process owning a user and an IPC namespace, recorded
# under $XDG_RUNTIME_DIR/ipcns with its PID and start time. create, enter,
# set, get, pids, delete work on it; a dead holder is a stale name that
# delete cleans; a record whose PID now belongs to another process is never
# joined.
# resource-lock: namespace-census
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
in_private_dev "$@" # /dev/shm a scratch tmpfs: a broken store binding cannot reach the host's
need_nobody userns

mkdir "$TMP/mnt"
mount -t tmpfs -o mode=755 ipcns-test-xdg "$TMP/mnt" || skip "cannot mount a tmpfs"
at_exit 'umount -R -l "$TMP/mnt"'
mkdir -m 700 "$TMP/mnt/xdg"
chown $NOBODY_UID:$NOBODY_GID "$TMP/mnt/xdg"
unset IPCNS_RUN_DIR
export XDG_RUNTIME_DIR=$TMP/mnt/xdg
run=$XDG_RUNTIME_DIR/ipcns
key=0x1e7e13

# Whatever happens, no holder outlives the test.
# shellcheck disable=SC2317 # called from at_exit
kill_holders() {
	local f
	for f in "$run"/*; do
		[ -f "$f" ] && kill -KILL "$(awk '{ print $2 }' "$f")" 2>/dev/null
	done
}
at_exit kill_holders

expect 0 "as nobody: create r with limits and a store" as_nobody "$IPCNS" create -s msgmax=4321 --shm r
[ -f "$run/r" ] && grep -Eq '^ipcns-holder [0-9]+ [0-9]+$' "$run/r" &&
	pass "... records its holder in \$XDG_RUNTIME_DIR/ipcns/r" || fail "no holder record: $(ls -la "$run" 2>&1)"
holder=$(awk '{ print $2 }' "$run/r")
[ "$(stat -c %u "$run/r")" = $NOBODY_UID ] && pass "... owned by nobody" || fail "the record is not nobody's"
[ "$(readlink "/proc/$holder/ns/user")" != "$(readlink /proc/self/ns/user)" ] &&
	pass "... the holder owns a user namespace of its own" || fail "the holder is in our user namespace"
expect 0 "the first enter sees the limit given at create" as_nobody "$IPCNS" enter r -- cat /proc/sys/kernel/msgmax
expect_out 4321 "... 4321"
expect 0 "enter r: a queue, and a file in the store on /dev/shm" as_nobody "$IPCNS" enter r -- sh -c \
	'"$1" msg create '$key' >/dev/null && "$1" pshm create /rootless-shm' sh "$IPCPROBE"
expect 0 "with no process of ours left, the queue survives" as_nobody "$IPCNS" enter r -- "$IPCPROBE" msg get $key
expect 0 "... and the POSIX shm object too" as_nobody "$IPCNS" enter r -- "$IPCPROBE" pshm open /rootless-shm
expect 0 "set --target r" as_nobody "$IPCNS" set --target r msgmax=5432
expect 0 "get --target r" as_nobody "$IPCNS" get --target r msgmax
expect_out "kernel.msgmax = 5432" "... reads what set wrote"
holder_ns=$(stat -L -c %i "/proc/$(awk '{ print $2 }' "$run/r")/ns/ipc")
expect 0 "list names the holder's namespace r" as_nobody "$IPCNS" list -n -r -o NS,NAME
grep -qx "$holder_ns r" "$TMP/out" && pass "... on its own line: $holder_ns r" || fail "list: $(cat "$TMP/out")"
expect 0 "show r names it" as_nobody "$IPCNS" show -J r
grep -q '"names": *\[ *"r" *\]' "$TMP/out" && pass "... in its names" || fail "show -J r: $(head -c 300 "$TMP/out")"
expect 0 "pids r: the holder is no member" as_nobody "$IPCNS" pids r
expect_out "" "... nothing listed"
expect 1 "delete refuses: r holds a queue and a store file" as_nobody "$IPCNS" delete r
expect_err_match "r: not deleted: it holds 1 SysV message queue, 1 file \([0-9]+ bytes\) in its shm store" \
	"... with the counts"
expect 0 "delete --force" as_nobody "$IPCNS" delete --force r
[ ! -e "$run/r" ] && [ ! -e "$run/.ipcns/r.shm" ] && pass "... record and store gone" || fail "left: $(ls -A "$run")"
# (a zombie until its new parent reaps it, but a zombie has no namespaces)
! readlink "/proc/$holder/ns/ipc" >/dev/null 2>&1 && pass "... and the holder with its namespaces" ||
	fail "holder $holder still runs"
expect 2 "--shm=SIZE is refused for a rootless name" as_nobody "$IPCNS" create --shm=1M sized
expect_err_lines 2 "... with a hint"

# --- a dead holder ---
as_nobody "$IPCNS" create dead || fail "create dead"
kill -KILL "$(awk '{ print $2 }' "$run/dead")"
sleep 0.2
expect 125 "enter of a name whose holder died fails" as_nobody "$IPCNS" enter dead true
expect_err_match "dead: stale name: its holder process [0-9]+ is gone" "... as a stale name"
expect 0 "delete cleans the stale name" as_nobody "$IPCNS" delete dead
[ ! -e "$run/dead" ] && pass "... the record is gone" || fail "the stale record is still there"

# --- a reused PID is never taken for the holder ---
"${nobody[@]}" sleep 60 &
other=$!
at_exit "kill $other 2>/dev/null"
echo "ipcns-holder $other 1" >"$run/reused"
chown $NOBODY_UID:$NOBODY_GID "$run/reused"
expect 125 "a record naming a live process with another start time is not joined" as_nobody "$IPCNS" enter reused true
expect_err_match "stale name" "... it is stale"
expect 0 "delete cleans it" as_nobody "$IPCNS" delete reused
kill -0 "$other" 2>/dev/null && pass "... without touching the process that has the PID now" ||
	fail "delete killed an unrelated process"
# --- parallel creates, and a holder that keeps none of its creator's fds ---
creators=()
for i in 1 2 3 4; do
	(until [ -e "$TMP/go" ]; do sleep 0.01; done; as_nobody "$IPCNS" create par 2>/dev/null; echo $? >"$TMP/par$i.rc") &
	creators+=($!)
done
sleep 0.3
touch "$TMP/go"
wait "${creators[@]}" # not the sleeper above
[ "$(cat "$TMP"/par?.rc | grep -cx 0)" -eq 1 ] && [ "$(cat "$TMP"/par?.rc | grep -cx 1)" -eq 3 ] &&
	pass "4 parallel rootless creates of one name: one succeeds, three exit 1" ||
	fail "parallel rootless creates: exit codes $(cat "$TMP"/par?.rc | tr '\n' ' ')"
expect 0 "delete par" as_nobody "$IPCNS" delete par
out=$(timeout 10 "${nobody[@]}" "$IPCNS" create subst; echo "rc=$?")
[ "$out" = "rc=0" ] && pass "\$(ipcns create) returns: the holder keeps no copy of its creator's stdout" ||
	fail "create in a command substitution: $out"
as_nobody "$IPCNS" delete subst

# --- a record is only good from the user who made the holder ---
as_nobody "$IPCNS" create real || fail "create real"
cp "$run/real" "$run/forged" # owned by root, naming nobody's holder
expect 125 "a record written by another user than the holder's is not a name" \
	as_nobody "$IPCNS" enter forged true
expect_err_match "forged: (the record's owner \(uid 0\) did not make the namespaces|holder [0-9]+ does not run as the record's owner \(uid 0\))" "... it is refused"
rm "$run/forged"
# nobody's record naming a root process that sits in nobody's namespace:
# no holder, so a delete --force must not kill that process.
holder=$(awk '{ print $2 }' "$run/real")
"$IPCNS" enter "$holder" -- sleep 600 &
rootproc=$!
at_exit "kill $rootproc 2>/dev/null"
for _ in $(seq 100); do [ "$(readlink /proc/$rootproc/ns/ipc)" = "$(readlink "/proc/$holder/ns/ipc")" ] && break; sleep 0.02; done
echo "ipcns-holder $rootproc $(awk '{ print $22 }' /proc/$rootproc/stat)" >"$run/decoy"
chown $NOBODY_UID:$NOBODY_GID "$run/decoy"
expect 1 "delete --force of a record naming a root process refuses it" as_nobody "$IPCNS" delete --force decoy
expect_err_match "decoy: holder $rootproc does not run as the record's owner \(uid $NOBODY_UID\)" "... saying why"
kill -0 $rootproc 2>/dev/null && pass "... and the root process lives" || fail "delete --force killed a root process"
# Root does not work in nobody's run directory at all: nobody could swap
# what is in it between root's look and root's use.
# (root looks in /run/ipcns unless told: IPCNS_RUN_DIR names nobody's directory)
expect 1 "root's delete in nobody's run directory is refused" env IPCNS_RUN_DIR="$run" "$IPCNS" delete --force decoy
expect_err_match "^ipcns: $TMP/mnt/xdg: owned by uid $NOBODY_UID; a run directory is reached through root's and your own directories only\$" \
	"... naming the directory and whose it is"
kill -0 $rootproc 2>/dev/null && pass "... and the root process lives" || fail "root's delete --force killed a root process"
kill $rootproc 2>/dev/null
rm -f "$run/decoy"
expect 0 "nobody deletes its name" as_nobody "$IPCNS" delete real

# In a user namespace of its own, root's directories on the way (/, /tmp)
# show as the overflow uid: still the way to a run directory.
expect 0 "create, enter and delete in a user namespace of nobody's own (unshare -r)" \
	as_nobody unshare -r sh -c '"$1" create un1 && "$1" enter un1 true && "$1" delete un1' sh "$IPCNS"

[ "$(ls -A "$run")" = .ipcns ] && [ "$(ls -A "$run/.ipcns")" = lock ] && pass "nothing is left in the run directory (but for .ipcns/lock)" ||
	fail "left: $(ls -AR "$run")"

finish
