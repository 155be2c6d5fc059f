#!/bin/bash
# Named namespaces as root: create pins a namespace that outlives every
# process (SysV objects, POSIX queues, the --shm store), its limits are set
# before anyone can enter, delete refuses with what would be lost, --force
# deletes and leaves nothing. Bad names, existing names and what a crash
# leaves (an empty file, a lone store, a temporary file) too. Everything
# happens under a temporary IPCNS_RUN_DIR on the test's own tmpfs, in a
# private mount namespace and a scratch IPC namespace.
# resource-lock: namespace-census
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
in_private_dev "$@" # /dev/shm a scratch tmpfs: a broken store binding cannot reach the host's

use_run_dir
key=0x1e7e11

# mounts_under: the mount points below the run directory, one a line.
mounts_under() {
	awk -v d="$run/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo
}

# --- create, survival, limits ---
printf 'kernel.msgmnb = 20000\n' >"$TMP/limits.conf"
expect 0 "create q with -s, -f and --shm" "$IPCNS" create -s msgmax=1234 -f "$TMP/limits.conf" --shm=1M q
[ -f "$run/q" ] && [ "$(stat -f -c %T "$run/q")" = nsfs ] && pass "... pins an nsfs file at \$IPCNS_RUN_DIR/q" ||
	fail "no nsfs pin at $run/q"
awk -v d="$run" '$5 == d && / shared:/ { n++ } END { exit n < 1 }' /proc/self/mountinfo &&
	pass "... the run directory is a shared mount" || fail "the run directory is not a shared mount"
[ -d "$run/.ipcns/q.shm" ] && [ "$(stat -f -c %T "$run/.ipcns/q.shm")" = tmpfs ] &&
	pass "... and keeps a tmpfs store beside it" || fail "no tmpfs store at $run/.ipcns/q.shm"
[ "$(stat -c '%a %u' "$run/.ipcns")" = "700 0" ] && pass "... in a directory of root's alone (0700)" ||
	fail "the store's directory is $(stat -c '%a %u' "$run/.ipcns")"
# Another user can neither reach the store nor hold the lock.
expect 2 "nobody cannot reach the store" as_nobody ls "$run/.ipcns/q.shm"
expect 2 "nobody cannot open the lock" as_nobody sh -c "exec 9<'$run/.ipcns/lock'"
expect 0 "the first enter sees the limits given at create" "$IPCNS" enter q -- cat /proc/sys/kernel/msgmax \
	/proc/sys/kernel/msgmnb
expect_out "1234
20000" "... -s and -f both"
expect 0 "get --target NAME reads them too" "$IPCNS" get --target q msgmax
expect_out "kernel.msgmax = 1234" "... the same value"
expect 0 "set --target NAME changes them" "$IPCNS" set --target q msgmax=2345
expect 0 "... as the next enter sees" "$IPCNS" enter q -- cat /proc/sys/kernel/msgmax
expect_out 2345 "... 2345"
expect 0 "create -i copies this namespace's limits" sh -c '"$1" set shmmni=1111 && "$1" create -i inh &&
	"$1" get --target inh shmmni' sh "$IPCNS"
expect_out "kernel.shmmni = 1111" "... kernel.shmmni = 1111"
expect 0 "... and delete of an unused name succeeds" "$IPCNS" delete inh

expect 0 "enter q makes objects of every kind" "$IPCNS" enter q -- sh -c '"$1" msg create '$key' >/dev/null &&
	"$1" sem create '$key' >/dev/null && "$1" shm create '$key' >/dev/null && "$1" mq create /names-q &&
	"$1" pshm create /names-shm' sh "$IPCPROBE"
expect 0 "with no process left, a later enter finds the SysV queue (ipcs -q)" "$IPCNS" enter q -- ipcs -q
grep -q "0x001e7e11" "$TMP/out" && pass "... key $key is listed" || fail "ipcs -q: $(cat "$TMP/out")"
expect 0 "... the POSIX queue, on the fresh /dev/mqueue" "$IPCNS" enter q -- sh -c \
	'"$1" mq open /names-q && ls /dev/mqueue' sh "$IPCPROBE"
expect_out names-q "... which lists this namespace's queues only"
expect 0 "... and the POSIX shm object in the --shm store" "$IPCNS" enter q -- "$IPCPROBE" pshm open /names-shm
expect 3 "the object is in the store, not in the caller's /dev/shm" "$IPCPROBE" pshm open /names-shm

# --- pids, identify ---
mkfifo "$TMP/hold"
"$IPCNS" enter q -- sh -c 'exec sleep 60 <"$1"' sh "$TMP/hold" &
member=$!
at_exit "kill $member 2>/dev/null"
for _ in $(seq 50); do [ "$(stat -L -c %i /proc/$member/ns/ipc)" = "$(stat -L -c %i "$run/q")" ] && break; sleep 0.1; done
expect 0 "pids NAME lists the member" "$IPCNS" pids q
expect_out "$member" "... its PID"
expect 0 "identify PID names the member's namespace" "$IPCNS" identify "$member"
expect_out q "... q"
expect 0 "identify of a process elsewhere prints nothing" "$IPCNS" identify $$
expect_out "" "... no name"

# --- delete refuses, then --force ---
ino=$(stat -L -c %i "$run/q")
expect 1 "delete refuses while q holds objects and a process" "$IPCNS" delete q
expect_err_match "q: not deleted: it holds 1 SysV message queue, 1 SysV semaphore set, 1 SysV shared memory segment, 1 POSIX message queue, 1 file \([0-9]+ bytes\) in its shm store; member process $member$" \
	"... saying what would be lost, with counts and the member's PID"
expect_err_match "hint: --force" "... and how to delete anyway"
[ "$(stat -f -c %T "$run/q")" = nsfs ] && pass "... and q is still there" || fail "a refused delete removed q"
kill "$member"; wait "$member" 2>/dev/null
expect 1 "with the member gone, delete still refuses for the objects" "$IPCNS" delete q
expect_err_match "it holds 1 SysV message queue" "... listing them"
expect 0 "delete --force deletes" "$IPCNS" delete --force q
[ ! -e "$run/q" ] && [ ! -e "$run/.ipcns/q.shm" ] && pass "... no pin and no store left" || fail "left: $(ls -A "$run")"
[ -z "$(mounts_under)" ] && pass "... no mount left under the run directory" || fail "mounts left: $(mounts_under)"
# (nsfs inode numbers are reused at once, so no /proc scan for $ino here)
! grep -q "ipc:\[$ino\]" /proc/self/mountinfo && pass "... no mount pins the namespace" ||
	fail "namespace $ino is still mounted"
expect 3 "a new q is a new namespace: the old queue is gone" sh -c '"$1" create q && "$1" enter q -- "$2" msg get '$key'; r=$?;
	"$1" delete q; exit $r' sh "$IPCNS" "$IPCPROBE"
expect 1 "delete of a name that is gone: exit 1" "$IPCNS" delete q
expect_err_match "q: no namespace of that name in $run" "... saying so"

# --- bad names: one line, exit 2, nothing made ---
long=$(printf 'n%.0s' $(seq 251))
for bad in "" . .. a/b .hidden -dash "$long" "$(printf 'a\nb')"; do
	shown=${bad//$'\n'/\\n}
	expect 2 "create refuses the name '${shown:0:20}'" "$IPCNS" create -- "$bad"
	expect_err_lines 1 "... in one line"
done
expect 0 "a name of 250 bytes, the most a store suffix leaves, is fine" "$IPCNS" create "${long:1}"
expect 0 "... and deleted" "$IPCNS" delete "${long:1}"
expect 2 "delete refuses a bad name before deleting anything" "$IPCNS" delete ok-name ../x
expect 2 "create without NAME" "$IPCNS" create
expect 2 "create with two NAMEs" "$IPCNS" create a b
expect 2 "a bad -s value" "$IPCNS" create -s msgmax=-1 bad
[ ! -e "$run/bad" ] && pass "... made nothing" || fail "a refused create left $run/bad"
expect 0 "create warns about limits that make each other useless" "$IPCNS" create -s msgmax=100000 warned
expect_err_match "warning: kernel.msgmax 100000 is above kernel.msgmnb" "... as run does"
"$IPCNS" delete warned
expect 2 "create --strict refuses them" "$IPCNS" create --strict -s msgmax=100000 strict
[ ! -e "$run/strict" ] && pass "... before anything is made" || fail "a refused --strict create left $run/strict"

# --- an existing name: exit 1, nothing changed ---
"$IPCNS" create -s msgmax=1111 dup
before=$(cat /proc/self/mountinfo; ls -A "$run")
expect 1 "create of an existing name fails" "$IPCNS" create -s msgmax=2222 --shm dup
expect_err_match "dup: a namespace of that name exists" "... saying so"
[ "$before" = "$(cat /proc/self/mountinfo; ls -A "$run")" ] && pass "... no mount or file changed" ||
	fail "a refused create changed the mounts or the run directory"
expect 0 "... and its limits are as they were" "$IPCNS" get --target dup msgmax
expect_out "kernel.msgmax = 1111" "... kernel.msgmax = 1111"
"$IPCNS" delete dup

# --- what a crash between steps leaves ---
: >"$run/stale"
expect 125 "enter of an empty file (a pin whose mount is gone) fails" "$IPCNS" enter stale true
expect_err_match "stale: stale name" "... as a stale name"
expect 0 "delete removes a stale name" "$IPCNS" delete stale
[ ! -e "$run/stale" ] && pass "... the file is gone" || fail "the stale file is still there"
: >"$run/stale2"
expect 0 "create replaces a stale name" "$IPCNS" create stale2
[ "$(stat -f -c %T "$run/stale2")" = nsfs ] && pass "... with a pin" || fail "stale2 is not a pin"
"$IPCNS" delete stale2
mkdir "$run/.ipcns/lone.shm"
: >"$run/.lone.new"
expect 0 "create succeeds over a lone store and a temporary file" "$IPCNS" create lone
"$IPCNS" delete lone
mkdir "$run/.ipcns/lone2.shm"
expect 0 "delete removes a lone store" "$IPCNS" delete lone2
[ "$(ls -A "$run")" = .ipcns ] && [ "$(ls -A "$run/.ipcns")" = lock ] && pass "the run directory is empty at the end (but for .ipcns/lock)" ||
	fail "left: $(ls -AR "$run")"
[ -z "$(mounts_under)" ] && pass "... and nothing is mounted under it" || fail "mounts left: $(mounts_under)"

# --- a run directory others may write to is refused ---
mkdir -m 1777 "$TMP/open-run"
expect 1 "create in a run directory others may write to is refused" env IPCNS_RUN_DIR="$TMP/open-run" "$IPCNS" create w
expect_err_match "open-run: others may write to it \(mode 1777\); refusing it as a run directory" "... saying why"
[ -z "$(ls -A "$TMP/open-run")" ] && pass "... and nothing is made there" || fail "made: $(ls -A "$TMP/open-run")"
: >"$TMP/open-run/planted"
expect 125 "enter of a name in such a directory is refused" env IPCNS_RUN_DIR="$TMP/open-run" "$IPCNS" enter planted true
expect_err_match "open-run: others may write to it" "... as such, before the name is looked at"

# --- ... and so is one reached through another user's directory or a link ---
# (the attacker review: root's delete with IPCNS_RUN_DIR in a user's tree,
# where the user had put a symbolic link to root's own run directory)
expect 0 "create keep" "$IPCNS" create keep
mkdir -m 755 "$TMP/users"
chown "$NOBODY_UID:$NOBODY_GID" "$TMP/users"
ln -s "$run" "$TMP/users/ipcns"
expect 1 "delete through another user's directory is refused" env IPCNS_RUN_DIR="$TMP/users/ipcns" "$IPCNS" delete keep
expect_err_match "^ipcns: $TMP/users: owned by uid $NOBODY_UID; a run directory is reached through root's and your own directories only\$" \
	"... naming the directory and whose it is"
[ "$(stat -f -c %T "$run/keep")" = nsfs ] && pass "... and root's keep is still there" || fail "keep was deleted through a link"
ln -s "$run" "$TMP/link-run"
expect 1 "pids through a symbolic link is refused" env IPCNS_RUN_DIR="$TMP/link-run" "$IPCNS" pids keep
expect_err_match "^ipcns: $TMP/link-run: a symbolic link on the way to the run directory; give the directory's real path\$" \
	"... saying so"
expect 1 "list through a symbolic link is refused as pids is" env IPCNS_RUN_DIR="$TMP/link-run" "$IPCNS" list
expect_err_match "^ipcns: $TMP/link-run: a symbolic link on the way to the run directory; give the directory's real path\$" \
	"... saying so"
mkdir "$TMP/elsewhere" && ln -s "$TMP/elsewhere" "$TMP/link-parent"
expect 1 "create below a symbolic link is refused" env IPCNS_RUN_DIR="$TMP/link-parent/run" "$IPCNS" create w
[ ! -e "$TMP/elsewhere/run" ] && pass "... before it makes the run directory where the link points" ||
	fail "create made $TMP/elsewhere/run through a link"
mkdir -m 777 "$TMP/open" && mkdir -m 755 "$TMP/open/run"
expect 1 "create under a directory all may write to (not sticky) is refused" env IPCNS_RUN_DIR="$TMP/open/run" "$IPCNS" create w
expect_err_match "^ipcns: $TMP/open: others may write to it \(mode 0777\); refusing it on the way to a run directory\$" \
	"... naming the directory on the way"
mkdir -m 1777 "$TMP/sticky"
expect 0 "under a sticky one, as /tmp, a run directory of root's is fine" env IPCNS_RUN_DIR="$TMP/sticky/run" "$IPCNS" create s
expect 0 "... and delete works there" env IPCNS_RUN_DIR="$TMP/sticky/run" "$IPCNS" delete s
umount -l "$TMP/sticky/run" 2>/dev/null
expect 0 "delete keep" "$IPCNS" delete keep
finish
