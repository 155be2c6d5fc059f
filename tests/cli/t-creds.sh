#!/bin/bash
# -S, -G, --caps and --no-new-privs as CMD sees them in /proc/self/status,
# for run (also with -F and -r) and enter; the real case of a database user
# that needs SHM_LOCK; and the refusals, each before anything was changed.
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"

# A user database of our own, seen only in a private mount namespace: a user
# with two supplementary groups, without touching the host's /etc.
if [ -z "${IPCNS_TEST_USERDB:-}" ]; then
	[ -S /var/run/nscd/socket ] && skip "nscd is running and would answer for the user database"
	rm -rf "$TMP"
	IPCNS_TEST_USERDB=1 exec unshare --mount --propagation private -- bash "$0" "$@"
fi
cp /etc/passwd "$TMP/passwd" && cp /etc/group "$TMP/group" || skip "cannot copy the user database"
echo 'ipcns-db:x:4242:4242:ipcns test user:/nonexistent:/usr/sbin/nologin' >>"$TMP/passwd"
printf 'ipcns-db:x:4242:\nipcns-shm:x:4243:ipcns-db\nipcns-log:x:4244:nobody,ipcns-db\n' >>"$TMP/group"
mount --bind "$TMP/passwd" /etc/passwd && mount --bind "$TMP/group" /etc/group ||
	skip "cannot bind-mount a private user database"
[ "$(id -u ipcns-db 2>/dev/null)" = 4242 ] || skip "the system does not read users from /etc/passwd"
stage_binaries # run as uid 4242 and nobody below, from a checkout they may not reach
setpriv --reuid=4242 --regid=4242 --clear-groups -- test -x "$IPCPROBE" ||
	skip "uid 4242 cannot reach $IPCPROBE (a parent directory is not searchable)"

# field NAME: the value of NAME in the /proc/PID/status that CMD printed,
# blanks squeezed to one space ("Uid: 0 0 0 0").
field() {
	awk -v k="$1:" '$1 == k { $1 = ""; sub(/^ +/, ""); print }' "$TMP/out"
}
# wait_ns PID KIND: until PID has left our KIND namespace (it unshared).
wait_ns() {
	local theirs
	for _ in $(seq 200); do
		theirs=$(readlink "/proc/$1/ns/$2" 2>/dev/null)
		[ -n "$theirs" ] && [ "$theirs" != "$(readlink "/proc/self/ns/$2")" ] && return 0
		sleep 0.02
	done
	fail "process $1 never made its own $2 namespace"
}
# expect_fields DESCRIPTION NAME=VALUE...: each field of the status has the value.
expect_fields() {
	local what=$1 kv got bad=""
	shift
	for kv in "$@"; do
		got=$(field "${kv%%=*}")
		[ "$got" = "${kv#*=}" ] || bad+=" ${kv%%=*}='$got' (expected '${kv#*=}')"
	done
	if [ -z "$bad" ]; then pass "$what"; else fail "$what:$bad"; fi
}
status() { # status IPCNS-ARGS...: CMD prints its own /proc/self/status
	expect 0 "ipcns $* runs" "$IPCNS" "$@" -- cat /proc/self/status
}

zero=0000000000000000
ipc_lock=0000000000004000
both=000000000000c000 # cap_ipc_lock and cap_ipc_owner
bnd=$(awk '$1 == "CapBnd:" { print $2 }' /proc/self/status)
eff=$(awk '$1 == "CapEff:" { print $2 }' /proc/self/status)
nocaps=("CapInh=$zero" "CapPrm=$zero" "CapEff=$zero" "CapAmb=$zero")

# -S NAME: its uid, its group, its groups (initgroups); no capabilities.
status run -S ipcns-db
expect_fields "-S NAME: uid, gid and the user's groups" "Uid=4242 4242 4242 4242" \
	"Gid=4242 4242 4242 4242" "Groups=4242 4243 4244"
expect_fields "-S alone: no capability in any set but the bounding one" "${nocaps[@]}" CapBnd="$bnd"
expect_fields "no --no-new-privs: NoNewPrivs 0" NoNewPrivs=0

status run -S 4242
expect_fields "-S UID with an entry is the same as its name" Uid="4242 4242 4242 4242" Groups="4242 4243 4244"

status run -S ipcns-db -G ipcns-shm
expect_fields "-S NAME -G GROUP: that group, supplementary groups cleared" Uid="4242 4242 4242 4242" \
	Gid="4243 4243 4243 4243" Groups=

status run -S 4300 -G 4301
expect_fields "numeric IDs need no entry with -G" Uid="4300 4300 4300 4300" Gid="4301 4301 4301 4301" Groups=

status run -G ipcns-log
expect_fields "-G alone: group changes, uid and capabilities stay" Uid="0 0 0 0" Gid="4244 4244 4244 4244" \
	Groups= CapEff="$eff"

# --caps: exactly the listed ones, in the ambient and effective sets and the rest.
status run -S ipcns-db --caps cap_ipc_lock,cap_ipc_owner
expect_fields "--caps with -S: exactly those in every set but the bounding one" CapAmb=$both CapEff=$both \
	CapPrm=$both CapInh=$both CapBnd="$bnd" "Uid=4242 4242 4242 4242"
status run -S ipcns-db --caps none
expect_fields "--caps none is -S's default" "${nocaps[@]}"
status run --caps cap_ipc_lock
expect_fields "--caps without -S: CMD stays root with only that one, bounding set included" \
	"Uid=0 0 0 0" CapAmb=$ipc_lock CapEff=$ipc_lock CapPrm=$ipc_lock CapInh=$ipc_lock CapBnd=$ipc_lock
status run -S root
expect_fields "-S root alone: uid 0 with no capabilities (the bounding set is emptied too)" \
	"Uid=0 0 0 0" "${nocaps[@]}" CapBnd=$zero

status run --no-new-privs
expect_fields "--no-new-privs: NoNewPrivs 1" NoNewPrivs=1
status run -S ipcns-db --caps cap_ipc_lock --no-new-privs
expect_fields "ambient capabilities survive --no-new-privs" NoNewPrivs=1 CapAmb=$ipc_lock CapEff=$ipc_lock

# -F: the supervising ipcns has dropped the same privileges as CMD.
expect 0 "-F -S runs" "$IPCNS" run -F -S ipcns-db -- cat /proc/self/status
expect_fields "-F: CMD has the credentials" "Uid=4242 4242 4242 4242" "${nocaps[@]}"
expect 0 "-F: the parent's status is readable" "$IPCNS" run -F -S ipcns-db -- sh -c 'cat /proc/$PPID/status'
expect_fields "-F: the parent ipcns dropped them too" "Uid=4242 4242 4242 4242" "${nocaps[@]}"

# enter: the same, in an existing namespace.
unshare --ipc -- sleep 60 &
target=$!
wait_ns "$target" ipc
expect 0 "enter -S --caps --no-new-privs runs" "$IPCNS" enter -S ipcns-db --caps cap_ipc_owner --no-new-privs \
	"$target" -- cat /proc/self/status
expect_fields "enter: uid, gid, groups, exactly the listed capability, NoNewPrivs" "Uid=4242 4242 4242 4242" \
	"Gid=4242 4242 4242 4242" "Groups=4242 4243 4244" CapAmb=0000000000008000 CapEff=0000000000008000 \
	CapPrm=0000000000008000 CapInh=0000000000008000 NoNewPrivs=1
expect 0 "enter -S alone runs" "$IPCNS" enter -S ipcns-db "$target" -- sh -c 'cat /proc/self/status; readlink /proc/self/ns/ipc'
expect_fields "enter -S alone: no capabilities" "${nocaps[@]}"
grep -qxF "$(readlink /proc/$target/ns/ipc)" "$TMP/out" && pass "enter: CMD is in the target's namespace" ||
	fail "enter: CMD is in the target's namespace"
kill "$target"
wait "$target" 2>/dev/null

# The real case: a database user locking its shared memory, with no
# RLIMIT_MEMLOCK to fall back on. Without cap_ipc_lock SHM_LOCK is refused.
lock='"$1" shm create 0x4242 >/dev/null && "$1" shmlock 0x4242'
expect 1 "-S without --caps: SHM_LOCK refused" sh -c 'ulimit -l 0 && exec "$@"' sh \
	"$IPCNS" run -S ipcns-db -- sh -c "$lock" sh "$IPCPROBE"
expect_err_match 'EPERM' "... with EPERM"
expect 0 "-S --caps cap_ipc_lock: SHM_LOCK works" sh -c 'ulimit -l 0 && exec "$@"' sh \
	"$IPCNS" run -S ipcns-db --caps cap_ipc_lock -- sh -c "$lock" sh "$IPCPROBE"

# Refusals: 125, one line naming the argument, CMD never runs.
refused() { # refused DESCRIPTION REGEX IPCNS-ARGS...
	local what=$1 re=$2
	shift 2
	rm -f "$TMP/ran"
	expect 125 "$what" "$IPCNS" "$@" -- touch "$TMP/ran"
	expect_err_match "$re" "... says: $re"
	[ "$(grep -vc '^ipcns: hint: ' "$TMP/err")" -eq 1 ] && pass "... in one line" || fail "... in one line: $(cat "$TMP/err")"
	[ ! -e "$TMP/ran" ] && pass "... and CMD did not run" || fail "... but CMD ran"
}
refused "unknown user" '^ipcns: --setuid ipcns-nobody-here: no such user' run -S ipcns-nobody-here
refused "unknown group" '^ipcns: --setgid ipcns-nogroup-here: no such group' run -S ipcns-db -G ipcns-nogroup-here
refused "unknown capability" '^ipcns: --caps cap_ipc_lok: unknown capability' run -S ipcns-db --caps cap_ipc_lock,cap_ipc_lok
refused "a capability number" '^ipcns: --caps 14: unknown capability' run --caps 14
refused "a UID without an entry needs -G" '^ipcns: --setuid 4300: .*add --setgid' run -S 4300
refused "-r maps only 0" '^ipcns: --setuid ipcns-db: UID 4242 is not mapped in the user namespace of -r' \
	run -r -S ipcns-db
refused "-r maps only 0, for -G too" '^ipcns: --setgid ipcns-shm: GID 4243 is not mapped' run -r -G ipcns-shm
refused "enter: unknown user, before joining" '^ipcns: --setuid ipcns-nobody-here: no such user' \
	enter -S ipcns-nobody-here $$
if setpriv --bounding-set=-ipc_lock true 2>/dev/null; then
	rm -f "$TMP/ran"
	expect 125 "a capability ipcns does not hold" setpriv --bounding-set=-ipc_lock \
		"$IPCNS" run -S ipcns-db --caps cap_ipc_lock -- touch "$TMP/ran"
	expect_err_match '^ipcns: --caps cap_ipc_lock: ipcns does not hold this capability' "... is named"
	expect_err_match '^ipcns: hint: .*bounding set' "... with a hint"
	[ ! -e "$TMP/ran" ] && pass "... and CMD did not run" || fail "... but CMD ran"
fi

if setpriv --bounding-set=-setpcap true 2>/dev/null; then
	rm -f "$TMP/ran"
	expect 125 "--caps without CAP_SETPCAP" setpriv --bounding-set=-setpcap \
		"$IPCNS" run -S ipcns-db --caps cap_ipc_lock -- touch "$TMP/ran"
	expect_err_match '^ipcns: --caps: .*needs CAP_SETPCAP' "... is refused before any change, naming it"
	[ ! -e "$TMP/ran" ] && pass "... and CMD did not run" || fail "... but CMD ran"
	expect 0 "-S alone needs no CAP_SETPCAP" setpriv --bounding-set=-setpcap "$IPCNS" run -S ipcns-db -- cat /proc/self/status
	expect_fields "... and CMD still has no capabilities" "${nocaps[@]}"
fi

# Rootless: inside -r's user namespace only 0 exists, and caps are its own.
if as_nobody test -x "$IPCNS" && as_nobody unshare --user --map-root-user true 2>/dev/null; then
	expect 0 "as nobody, run -r -S 0 --caps" as_nobody "$IPCNS" run -r -S 0 --caps cap_ipc_lock -- cat /proc/self/status
	expect_fields "... CMD is 0 with just that capability" "Uid=0 0 0 0" CapAmb=$ipc_lock CapEff=$ipc_lock \
		CapBnd=$ipc_lock
	expect 0 "as nobody, run -r -G 0" as_nobody "$IPCNS" run -r -G 0 -- cat /proc/self/status
	expect_fields "... setgroups is denied there, so the groups stay" "Gid=0 0 0 0"

	# enter -U: the target's user namespace is known only once joined.
	# Not through as_nobody: a function in the background is a subshell, and
	# $! would name it rather than the namespace's process.
	setpriv --reuid=$NOBODY_UID --regid=$NOBODY_GID --clear-groups -- unshare --user --map-root-user --ipc -- sleep 60 &
	target=$!
	wait_ns "$target" user
	expect 0 "enter -U -S 0 into a rootless namespace" "$IPCNS" enter -U -S 0 "$target" -- cat /proc/self/status
	expect_fields "... CMD is its root, with no capabilities" "Uid=0 0 0 0" "${nocaps[@]}"
	refused "enter -U -S with a UID that namespace does not map" \
		'^ipcns: --setuid ipcns-db: UID 4242 is not mapped in the user namespace CMD would run in' \
		enter -U -S ipcns-db "$target"
	kill "$target"
	wait "$target" 2>/dev/null
else
	skip_part "nobody cannot make user namespaces here: rootless checks not run"
fi

finish
