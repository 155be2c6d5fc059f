#!/bin/bash
# run -c/--map-current-user, --map-user, --map-group and --map-auto: CMD keeps
# a non-zero uid in a rootless namespace, and the limits and mounts asked for
# are still set. Also the README's example for large messages.
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
in_private_mounts "$@" # --map-auto's part binds test files over /etc/subuid and /etc/subgid
need_nobody userns

MSGSEND=$(dirname "$IPCPROBE")/msgsend # staged beside ipcprobe by need_nobody
# A program that refuses to run as root, as PostgreSQL's server does.
cat >"$TMP/no-root" <<'EOF'
#!/bin/sh
if [ "$(id -u)" -eq 0 ]; then echo "no-root: refusing to run as root" >&2; exit 1; fi
echo "started as $(id -u)"
EOF
chmod 755 "$TMP/no-root"

# The issue's check, word for word.
expect 0 "as nobody, run -c -s msgmax=9000 works" \
	as_nobody "$IPCNS" run -c -s msgmax=9000 -- sh -c 'id -u; cat /proc/sys/kernel/msgmax'
expect_out "$NOBODY_UID
9000" "... CMD is nobody's uid and sees the limit"
expect 0 "as nobody, a program that refuses root starts under -c" as_nobody "$IPCNS" run -c -- "$TMP/no-root"
expect_out "started as $NOBODY_UID" "... as nobody's uid"
expect 1 "... where under -r it refuses (CMD is uid 0 there)" as_nobody "$IPCNS" run -r -- "$TMP/no-root"
expect 0 "--map-current-user is -c" as_nobody "$IPCNS" run --map-current-user -- id -g
expect_out "$NOBODY_GID" "... and CMD keeps its gid too"
expect 0 "-c gives a new IPC namespace" as_nobody sh -c \
	'[ "$("$1" run -c -- readlink /proc/self/ns/ipc)" != "$(readlink /proc/self/ns/ipc)" ]' sh "$IPCNS"
expect 0 "-c: CMD can make IPC objects in it" as_nobody "$IPCNS" run -c -- "$IPCPROBE" msg create 0x1234

# --map-user and --map-group, and the last one given wins, as with unshare(1).
expect 0 "--map-user=1000 --map-group=100" as_nobody "$IPCNS" run --map-user=1000 --map-group=100 -- id -u
expect_out "1000" "... CMD's uid is 1000"
expect 0 "..." as_nobody "$IPCNS" run --map-user=1000 --map-group=100 -- id -g
expect_out "100" "... and its gid 100"
expect 0 "--map-user=NAME takes a user name" as_nobody "$IPCNS" run --map-user=daemon -- id -u
expect_out "$(id -u daemon)" "... looked up here"
expect 0 "--map-user alone leaves the gid unmapped" as_nobody "$IPCNS" run --map-user=7 -- id -g
expect_out "$(cat /proc/sys/kernel/overflowgid)" "... so it is the overflow gid"
expect 0 "-c after -r wins" as_nobody "$IPCNS" run -r -c -- id -u
expect_out "$NOBODY_UID" "... CMD is nobody"
expect 0 "-r after -c wins" as_nobody "$IPCNS" run -c -r -- id -u
expect_out 0 "... CMD is root"
expect 0 "-r --map-group=5" as_nobody "$IPCNS" run -r --map-group=5 -- sh -c 'echo $(id -u) $(id -g)'
expect_out "0 5" "... maps uid 0 and gid 5"

# Limits and mounts with -c: set up as uid 0 of a first user namespace that
# owns the IPC and mount namespaces, CMD in a second one nested in it.
expect 0 "-c with every kind of limit, -m and --shm" as_nobody "$IPCNS" run -c -s msgmax=9000 \
	-s kernel.sem="250 32000 32 128" -s fs.mqueue.msg_max=20 -m --shm=1M -- sh -c \
	'cat /proc/sys/kernel/msgmax /proc/sys/fs/mqueue/msg_max; "$1" mq create /q && ls /dev/mqueue; touch /dev/shm/f && echo shm' \
	sh "$IPCPROBE"
expect_out "9000
20
q
shm" "... all set before CMD starts, and CMD uses the private mounts"
expect 0 "CMD under -c can still change its namespace's limits (its kernel uid is the owner's uid 0)" \
	as_nobody "$IPCNS" run -c -- sh -c 'echo 100 >/proc/sys/kernel/msgmax && cat /proc/sys/kernel/msgmax'
expect_out 100 "... as the man page says"
expect 2 "... but not kernel.msg_next_id, which needs a capability over the owner" \
	as_nobody "$IPCNS" run -c -- sh -c 'echo 5 >/proc/sys/kernel/msg_next_id'
expect 0 "... and it cannot unmount the private mqueue fs" \
	as_nobody "$IPCNS" run -c -m -- sh -c '! umount /dev/mqueue 2>/dev/null && ls -d /dev/mqueue'

# -S, -G and --caps with the new options: checked before anything is made.
expect 125 "as nobody, -c -S 0 is refused" as_nobody "$IPCNS" run -c -S 0 -- true
expect_err_lines 1 "... in one line"
expect_err_match '^ipcns: --setuid 0: UID 0 is not mapped in the new user namespace, which maps only uid 65534 and gid 65534$' \
	"... saying what is mapped"
expect 125 "--map-user=7 -G 8 is refused" as_nobody "$IPCNS" run --map-user=7 -G 8 -- true
expect_err_match '^ipcns: --setgid 8: GID 8 is not mapped in the new user namespace, which maps only uid 7$' \
	"... naming the option and the map"
expect 0 "-c -S nobody -G nogroup names the mapped IDs" as_nobody "$IPCNS" run -c -S nobody -G nogroup -- id -u
expect_out "$NOBODY_UID" "... and works"
expect 0 "-c --caps cap_ipc_lock: CMD keeps it in its user namespace" \
	as_nobody "$IPCNS" run -c --caps cap_ipc_lock -- grep CapAmb /proc/self/status
expect_out "CapAmb:	0000000000004000" "... as an ambient capability"
# As root with supplementary groups: -G clears them before any user namespace.
expect 0 "as root with groups 4 and 24, --map-user=7 --map-group=7 -G 7" \
	setpriv --groups=4,24 -- "$IPCNS" run --map-user=7 --map-group=7 -G 7 -- grep Groups /proc/self/status
expect_out "Groups:	 " "... CMD has no supplementary groups left"
expect 0 "as root, -c is -r (root's own uid is 0)" "$IPCNS" run -c -- id -u
expect_out 0 "... CMD is 0"

# Bad values: one line, exit 125.
for bad in "--map-user=" "--map-user=no-such-user-x" "--map-group=no-such-group-x" "--map-user=4294967295"; do
	expect 125 "run $bad is a usage error" "$IPCNS" run "$bad" -- true
	expect_err_lines 1 "... in one line"
	expect_err_match "^ipcns: --map-(user|group)" "... naming the option"
done

# The README's example for large messages: msgmnb is raised with msgmax, or
# a message larger than 16384 bytes never fits into a new queue.
expect 0 "README: run -r -s msgmax=64K -s msgmnb=64K sends a 60000-byte message" \
	as_nobody "$IPCNS" run -r -s msgmax=64K -s msgmnb=64K -- "$MSGSEND" 60000
expect_out "msg_qbytes 65536
sent 60000" "... the queue takes it"
expect 4 "... where msgmax=64K alone leaves the queue too small (the old example)" \
	as_nobody "$IPCNS" run -r -s msgmax=64K -- "$MSGSEND" 60000
expect 0 "the same with -c" as_nobody "$IPCNS" run -c -s msgmax=64K -s msgmnb=64K -- "$MSGSEND" 60000

# --map-auto: without the helpers, a clear refusal.
expect 125 "--map-auto without newuidmap in PATH is refused" \
	as_nobody env PATH="$TMP/empty" "$IPCNS" run --map-auto -- true
expect_err_match '^ipcns: --map-auto: /etc/subuid has no subordinate IDs|^ipcns: --map-auto: newuidmap not found in PATH' \
	"... naming what is missing"

if ! command -v newuidmap >/dev/null || ! command -v newgidmap >/dev/null; then
	echo "# newuidmap/newgidmap (Debian: uidmap) are not installed: --map-auto's mapping is not tested"
	finish
fi
if [ ! -f /etc/subuid ] || [ ! -f /etc/subgid ]; then
	echo "# /etc/subuid or /etc/subgid is missing: no file to bind a test range over; --map-auto not tested"
	finish
fi
# Subordinate IDs for nobody, only in this test's own mount namespace.
printf 'nobody:200000:65536\n' >"$TMP/subid"
chmod 644 "$TMP/subid"
mount --bind "$TMP/subid" /etc/subuid && mount --bind "$TMP/subid" /etc/subgid || skip "cannot bind over /etc/subuid"
at_exit 'umount /etc/subuid /etc/subgid'

expect 125 "--map-auto with the helpers missing from PATH" \
	as_nobody env PATH="$TMP/empty" "$IPCNS" run --map-auto -- true
expect_err_lines 2 "... an error and a hint"
expect_err_match '^ipcns: --map-auto: newuidmap not found in PATH' "... naming newuidmap"
expect_err_match '^ipcns: hint: .*uidmap package' "... and where it comes from"

expect 0 "as nobody, --map-auto maps nobody to 0 and the subordinate block after it" \
	as_nobody "$IPCNS" run --map-auto -s msgmax=9000 -- sh -c 'id -u; cat /proc/self/uid_map /proc/sys/kernel/msgmax'
if [ "$(tr -s ' ' <"$TMP/out" | sed 's/^ //')" = "0
0 65534 1
1 200000 65535
9000" ]; then pass "... and the limit is set"; else fail "... got: $(cat "$TMP/out")"; fi
expect 0 "--map-auto -c: CMD is nobody, with the block around it" \
	as_nobody "$IPCNS" run --map-auto -c -m -s msgmax=9001 -- sh -c \
	'cat /proc/self/uid_map /proc/sys/kernel/msgmax; "$1"' sh "$TMP/no-root"
if [ "$(tr -s ' ' <"$TMP/out" | sed 's/^ //')" = "65534 65534 1
0 200000 65534
65535 265534 1
9001
started as 65534" ]; then pass "... the limit is set and a program that refuses root starts"; else fail "... got: $(cat "$TMP/out")"; fi
expect 0 "--map-auto -S 1000 -G 1000: a subordinate ID as CMD's" \
	as_nobody "$IPCNS" run --map-auto -S 1000 -G 1000 -- sh -c 'echo $(id -u) $(id -g)'
expect_out "1000 1000" "... CMD is 1000"
# A login user has supplementary groups, which only CAP_SETGID clears out
# here; in --map-auto's namespace setgroups() is allowed, so -G works there.
expect 0 "--map-auto -S 1000 -G 1000 by a caller with a supplementary group" \
	setpriv --reuid=$NOBODY_UID --regid=$NOBODY_GID --groups=42 -- "$IPCNS" run --map-auto -S 1000 -G 1000 -- \
	sh -c 'echo $(id -u) $(id -g) "[$(awk "/^Groups:/ { print \$2 }" /proc/self/status)]"'
expect_out "1000 1000 []" "... CMD is 1000 with no supplementary groups"
# Helpers that say they succeeded but wrote nothing: CMD must not run in an
# unmapped user namespace.
mkdir -m 755 "$TMP/fakebin" && mkdir -m 777 "$TMP/fakeran"
printf '#!/bin/sh\nexit 0\n' >"$TMP/fakebin/newuidmap"
cp "$TMP/fakebin/newuidmap" "$TMP/fakebin/newgidmap"
chmod 755 "$TMP/fakebin/newuidmap" "$TMP/fakebin/newgidmap"
expect 125 "--map-auto with helpers that write no map is refused" \
	as_nobody env PATH="$TMP/fakebin:$PATH" "$IPCNS" run --map-auto -- touch "$TMP/fakeran/ran"
expect_err_match '^ipcns: --map-auto: /proc/self/uid_map is empty after newuidmap' "... saying so"
[ ! -e "$TMP/fakeran/ran" ] && pass "... and CMD did not run" || fail "CMD ran in an unmapped user namespace"
expect 125 "--map-auto -S 70000 (past the block) is refused" as_nobody "$IPCNS" run --map-auto -S 70000 -G 0 -- true
expect_err_match '^ipcns: --setuid 70000: UID 70000 is not mapped in the user namespace of --map-auto' \
	"... before anything is made"
printf 'someone-else:300000:65536\n' >"$TMP/subid"
expect 125 "--map-auto without a line for the caller is refused" as_nobody "$IPCNS" run --map-auto -- true
expect_err_match '^ipcns: --map-auto: /etc/subuid has no subordinate IDs for nobody' "... naming the file"

finish
