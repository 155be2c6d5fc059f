#!/bin/bash
# A name made by ipcns is an ordinary pinned nsfs file: nsenter --ipc=FILE
# and systemd's IPCNamespacePath= (open the path, setns(fd, CLONE_NEWIPC))
# join it, and the pin reaches mount namespaces made before it (the run
# directory is shared), as a service's own mount namespace would be. The
# other way round, a pin left by unshare --ipc=FILE in the run directory is
# a name for enter, get, set, pids, identify and delete.
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
in_private_mounts "$@"
command -v nsenter >/dev/null || skip "nsenter (util-linux) is missing"

use_run_dir
key=0x1e7e12

# --- ipcns's names, joined by others ---
"$IPCNS" create first || fail "create first"
# A mount namespace made now, before the next name exists: a service's.
mkfifo "$TMP/go"
unshare --mount --propagation unchanged -- sh -c 'read -r _ <"$1"; exec nsenter --ipc="$2" "$3" msg get '$key \
	sh "$TMP/go" "$run/second" "$IPCPROBE" >"$TMP/late.out" 2>&1 &
late=$!
at_exit "kill $late 2>/dev/null"
expect 0 "create second" "$IPCNS" create second
expect 0 "enter second makes a message queue" "$IPCNS" enter second -- "$IPCPROBE" msg create $key
expect 0 "nsenter --ipc=RUN_DIR/NAME joins the name and finds the queue" nsenter --ipc="$run/second" "$IPCPROBE" msg get $key
expect 0 "... the very namespace of the pin" nsenter --ipc="$run/second" readlink /proc/self/ns/ipc
expect_out "ipc:[$(stat -L -c %i "$run/second")]" "... same inode"
echo go >"$TMP/go"
if wait "$late"; then
	pass "a mount namespace made before create sees the new pin (shared run directory) and joins it"
else
	fail "a mount namespace made before create cannot use the pin: $(cat "$TMP/late.out")"
fi

# systemd's IPCNamespacePath=: the path is opened and handed to setns() with
# CLONE_NEWIPC, which checks that it is an IPC namespace. python3 does just
# that here; without python3, that part is skipped.
if command -v python3 >/dev/null && python3 -c 'import ctypes, os' 2>/dev/null; then
	cat >"$TMP/ipcnspath.py" <<'EOF'
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_CLOEXEC | os.O_NOCTTY)
if libc.setns(fd, 0x08000000) != 0:  # CLONE_NEWIPC
    e = ctypes.get_errno()
    sys.exit("setns: " + os.strerror(e))
os.close(fd)
os.execv(sys.argv[2], sys.argv[2:])
EOF
	expect 0 "IPCNamespacePath=RUN_DIR/NAME semantics: open + setns(CLONE_NEWIPC) joins the name" \
		python3 "$TMP/ipcnspath.py" "$run/second" "$IPCPROBE" msg get $key
	: >"$run/stalepath"
	expect 1 "... and an empty (stale) file there is refused by setns, as systemd would fail the unit" \
		python3 "$TMP/ipcnspath.py" "$run/stalepath" /bin/true
	expect_err_match "setns: Invalid argument" "... with EINVAL"
	rm "$run/stalepath"
else
	echo "# python3 is missing: the IPCNamespacePath= check is skipped"
fi
"$IPCNS" delete --force first second

# --- a pin made by unshare --ipc=FILE is a name ---
touch "$run/upin"
if ! unshare --ipc="$run/upin" -- "$IPCPROBE" msg create $key >/dev/null; then
	fail "unshare --ipc=FILE pins a namespace in the run directory"
else
	ino=$(stat -L -c %i "$run/upin")
	expect 0 "enter NAME joins a pin made by unshare --ipc=FILE" "$IPCNS" enter upin -- readlink /proc/self/ns/ipc
	expect_out "ipc:[$ino]" "... the very namespace"
	expect 0 "... and sees the object made there" "$IPCNS" enter upin -- "$IPCPROBE" msg get $key
	expect 0 "set --target NAME changes its limits" "$IPCNS" set --target upin msgmax=3456
	expect 0 "get --target NAME reads them" "$IPCNS" get --target upin msgmax
	expect_out "kernel.msgmax = 3456" "... 3456"
	expect 0 "pids NAME: no member" "$IPCNS" pids upin
	expect_out "" "... prints nothing"
	"$IPCNS" enter upin -- sleep 60 &
	member=$!
	at_exit "kill $member 2>/dev/null"
	for _ in $(seq 50); do [ "$(stat -L -c %i /proc/$member/ns/ipc)" = "$ino" ] && break; sleep 0.1; done
	expect 0 "identify PID finds the unshare pin" "$IPCNS" identify "$member"
	expect_out upin "... by its name"
	kill "$member"; wait "$member" 2>/dev/null
	expect 1 "delete refuses: it holds a queue" "$IPCNS" delete upin
	expect_err_match "1 SysV message queue" "... and says so"
	expect 0 "delete --force removes it" "$IPCNS" delete --force upin
	[ ! -e "$run/upin" ] && ! grep -q "ipc:\[$ino\]" /proc/self/mountinfo && pass "... file and mount gone" ||
		fail "upin left behind"
fi

finish
