#!/bin/bash
# What review found unsafe in run and enter (issue 8), one check each:
# enter's host guard, refusals that change nothing, the host check against a
# tampered /proc, thread IDs as TARGET, -F with SIGCHLD ignored, no stale
# error after an optional -f line, and failed writes to standard output.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/limits-lib.sh"
# The guard checks aim at a process of the initial IPC namespace (host_ipc_pid
# finds one by its namespace's inode), wherever the suite itself was started:
# ctest may run in an IPC namespace of its own (tests/host-profiles.sh).
in_scratch_ipcns "$@"
in_private_mounts "$@"

msgmax=/proc/sys/kernel/msgmax

# --- enter's host guard ----------------------------------------------------
# Every attempt writes the host's current value, which ipcns skips as already
# in place, so even a broken guard could not change the host.
if hp=$(host_ipc_pid); then
	cur=$(nsenter --ipc="/proc/$hp/ns/ipc" cat $msgmax)
	expect 125 "enter -s on the host's namespace is refused" "$IPCNS" enter -s msgmax="$cur" "$hp" -- true
	expect_err_lines 2 "... one line and a hint"
	expect_err_match "^ipcns: $hp: is the host's \(initial\) IPC namespace; refusing to change its limits" "... naming the target"
	expect_err_match "^ipcns: hint: add --host" "... with the way out"
	printf 'kernel.msgmax = %s\n' "$cur" >"$TMP/host.conf"
	expect 125 "enter -f on the host's namespace is refused" "$IPCNS" enter -f "$TMP/host.conf" "/proc/$hp/ns/ipc" -- true
	expect 0 "enter --host -s passes the guard" "$IPCNS" enter --host -s msgmax="$cur" "$hp" -- true
	expect 0 "enter on the host's namespace without limits needs no --host" "$IPCNS" enter "$hp" -- true
	[ "$(nsenter --ipc="/proc/$hp/ns/ipc" cat $msgmax)" = "$cur" ] && pass "the host's msgmax is unchanged" ||
		fail "the host's msgmax changed"
else
	fail "no process of the initial IPC namespace is reachable: the guard was not checked"
fi
unshare --ipc sleep 600 &
t=$!
at_exit "kill $t 2>/dev/null"
wait_ns_differs() { for _ in $(seq 100); do [ "$(stat -L -c %i "/proc/$1/ns/ipc")" != "$(stat -L -c %i /proc/self/ns/ipc)" ] && return; sleep 0.02; done; }
wait_ns_differs $t
expect 0 "enter -s on another namespace needs no --host" "$IPCNS" enter -s msgmax=9100 "$t" -- true
[ "$(nsenter --ipc=/proc/$t/ns/ipc cat $msgmax)" = 9100 ] && pass "... and sets it" || fail "msgmax not set"

# --- a refused run or enter changes nothing --------------------------------
# CMD may keep only capabilities ipcns holds: drop one from the bounding set.
nocap=(setpriv --bounding-set=-ipc_lock --)
expect 125 "enter -s with --caps that cannot be kept is refused" \
	"${nocap[@]}" "$IPCNS" enter -s msgmax=9500 --caps cap_ipc_lock "$t" -- touch "$TMP/ran"
expect_err_match "^ipcns: --caps cap_ipc_lock: " "... naming the capability"
[ "$(nsenter --ipc=/proc/$t/ns/ipc cat $msgmax)" = 9100 ] && pass "... and the limit is not written" ||
	fail "the limit was written: $(nsenter --ipc=/proc/$t/ns/ipc cat $msgmax)"
[ ! -e "$TMP/ran" ] && pass "... and CMD did not run" || fail "CMD ran"
expect 125 "run --mqueue=DIR with --caps that cannot be kept is refused" \
	"${nocap[@]}" "$IPCNS" run --mqueue="$TMP/newq" --caps cap_ipc_lock -- true
[ ! -e "$TMP/newq" ] && pass "... and DIR is not created" || fail "$TMP/newq was created"
# A step after the limits fails (the mount point cannot be made): the limits
# written before it are put back.
expect 125 "enter -s with an -m DIR that cannot be made is refused" \
	"$IPCNS" enter -s msgmax=9600 -m/proc/ipcns-no-such-dir "$t" -- touch "$TMP/ran"
[ "$(nsenter --ipc=/proc/$t/ns/ipc cat $msgmax)" = 9100 ] && pass "... and the limit written before is put back" ||
	fail "the limit stayed: $(nsenter --ipc=/proc/$t/ns/ipc cat $msgmax)"
# Supplementary groups that no one can clear (our own user namespace denies
# setgroups) make -S/-G refuse before anything changes.
cat >"$TMP/stuck.sh" <<-'SH'
	sleep 60 &
	"$1" enter -s msgmax=9900 -m"$2/stuckq" -S 0 $! -- true
	echo "status $?"
	cat /proc/sys/kernel/msgmax
	kill $!
SH
run_capture setpriv --groups 0,42 unshare -r --ipc --mount --propagation private sh "$TMP/stuck.sh" "$IPCNS" "$TMP"
[ "$(head -1 "$TMP/out")" = "status 125" ] && pass "-S where setgroups is denied and groups remain is refused" ||
	fail "-S with stuck groups: $(cat "$TMP/out" "$TMP/err")"
expect_err_match "^ipcns: --setuid 0: cannot clear the supplementary groups: setgroups is denied" "... saying why"
[ "$(sed -n 2p "$TMP/out")" = 8192 ] && pass "... before writing the limit" || fail "the limit was written: $(cat "$TMP/out")"
[ ! -e "$TMP/stuckq" ] && pass "... or making DIR" || fail "$TMP/stuckq was created"

# --- the host check does not trust /proc -------------------------------------
# A tmpfs over /proc (in our private mount namespace, still in the scratch IPC
# namespace) whose self/ns/ipc is a regular file and whose sysctl files are
# plain files: a guard that believed it would "write" them.
if hp=$(host_ipc_pid); then
	cp "$IPCNS" "$TMP/ipcns-copy"
	cat >"$TMP/fake-proc.sh" <<-'SH'
		set -e
		mount -t tmpfs fake-proc /proc
		mkdir -p /proc/self/ns /proc/sys/kernel
		# A sanitizer build reads its options from /proc/self/environ, and
		# LeakSanitizer cannot work without the real /proc: turn it off.
		printf 'ASAN_OPTIONS=detect_leaks=0\0' >/proc/self/environ
		: >/proc/self/ns/ipc
		echo 8192 >/proc/sys/kernel/msgmax
		"$1" set msgmax=8193
	SH
	expect 2 "set in the host's namespace with a fake /proc/self/ns/ipc is refused" \
		nsenter --ipc="/proc/$hp/ns/ipc" unshare --mount --propagation private bash "$TMP/fake-proc.sh" "$TMP/ipcns-copy"
	expect_err_match "host's \(initial\) IPC namespace" "... as the host's namespace"
fi

# --- a thread ID is a TARGET ------------------------------------------------
unshare --ipc python3 -c 'import threading, time, sys
ready = threading.Event()
def sleeper():
    print(threading.get_native_id(), flush=True); time.sleep(600)
threading.Thread(target=sleeper, daemon=True).start(); time.sleep(600)' >"$TMP/tid" &
py=$!
at_exit "kill $py 2>/dev/null"
for _ in $(seq 100); do [ -s "$TMP/tid" ] && break; sleep 0.05; done
tid=$(cat "$TMP/tid")
if [ -n "$tid" ] && [ "$tid" != "$py" ]; then
	expect 0 "a thread ID (not a process's) is a TARGET" "$IPCNS" enter -s msgmax=9300 "$tid" -- true
	[ "$(nsenter --ipc=/proc/$py/ns/ipc cat $msgmax)" = 9300 ] && pass "... of that thread's namespace" ||
		fail "the thread's namespace was not the one joined"
else
	fail "the threaded target did not start (python3 missing?)"
fi

# --- -F ---------------------------------------------------------------------
# Started with SIGCHLD ignored (perl's exec keeps SIG_IGN), -F still passes
# CMD's status on, and CMD inherits the ignored SIGCHLD that ipcns was given.
expect 3 "-F passes CMD's status on when SIGCHLD is inherited ignored" \
	perl -e '$SIG{CHLD} = "IGNORE"; exec @ARGV or die' "$IPCNS" run -F -- sh -c 'exit 3'
expect 0 "... and CMD gets SIGCHLD ignored, as ipcns was given it" \
	perl -e '$SIG{CHLD} = "IGNORE"; exec @ARGV or die' "$IPCNS" run -F -- grep ^SigIgn /proc/self/status
m=$(awk '{ print $2 }' "$TMP/out")
[ -n "$m" ] && [ $((0x$m & 0x10000)) -ne 0 ] && pass "... (SigIgn $m)" || fail "CMD's SigIgn is '$m'"
# An optional line whose write the kernel refuses: root entering nobody's
# rootless namespace without -U may join it but not write its limits.
need_nobody userns
printf -- '-kernel.msgmax = 9000\n' >"$TMP/optional.conf"
mkdir -m 777 "$TMP/r"
start_target r/rootless "${nobody[@]}" "$IPCNS" run -r -- sh -c 'touch "$1/rootless.ready"; exec sleep 600' sh "$TMP/r"
expect 0 "-F with an optional -f line that the kernel refuses" "$IPCNS" enter -F -f "$TMP/optional.conf" "$target" -- true
expect_err_lines 0 "... prints no stale error"

# --- CMD as another user does not keep the caller's terminal ---------------
# On a terminal (script(1) makes one), CMD that another user could take over
# runs in a session of its own: no controlling terminal, so no TIOCSTI into
# the caller's shell. CMD that is still the caller keeps the terminal.
cat >"$TMP/ttyprobe.pl" <<'PL'
open(my $st, "<", "/proc/self/stat") or die; my @f = split / /, <$st>;
my $c = "#";
print "tty=", ($f[6] == 0 ? "none" : "yes"), " tiocsti=", (ioctl(STDIN, 0x5412, $c) ? "ok" : "refused"), "\n";
PL
chmod 644 "$TMP/ttyprobe.pl"
on_tty() { script -qfec "$*" /dev/null </dev/null | tr -d '\r'; }
legacy=$(cat /proc/sys/dev/tty/legacy_tiocsti 2>/dev/null || echo 0)
got=$(on_tty "$IPCNS" run -S nobody -- perl "$TMP/ttyprobe.pl")
case $got in *"tty=none tiocsti=refused"*) pass "run -S nobody on a terminal: CMD has no controlling terminal, TIOCSTI refused" ;;
*) fail "run -S nobody on a terminal: $got" ;; esac
got=$(on_tty "$IPCNS" enter -U "$target" -- perl "$TMP/ttyprobe.pl")
case $got in *"tty=none tiocsti=refused"*) pass "enter -U into nobody's namespace: the same" ;;
*) fail "enter -U into nobody's namespace on a terminal: $got" ;; esac
# A container's user namespace, made by root but mapped to other IDs
# (0 -> 100000): CMD is 100000 outside, whom the container's root may trace.
unshare --user --ipc sh -c 'until [ -s /proc/self/uid_map ]; do sleep 0.02; done; exec sleep 600' &
ctr=$!
at_exit "kill $ctr 2>/dev/null"
sleep 0.1
echo "0 100000 65536" >"/proc/$ctr/uid_map" && echo "0 100000 65536" >"/proc/$ctr/gid_map" ||
	fail "cannot map the container's user namespace"
got=$(on_tty "$IPCNS" enter -U "$ctr" -- perl "$TMP/ttyprobe.pl")
case $got in *"tty=none tiocsti=refused"*) pass "enter -U into a root-made container namespace (0 -> 100000): the same" ;;
*) fail "enter -U into a container's namespace on a terminal: $got" ;; esac
got=$(on_tty "$IPCNS" run -- perl "$TMP/ttyprobe.pl")
want="tty=yes tiocsti=refused"
[ "$legacy" = 1 ] && want="tty=yes tiocsti=ok"
case $got in *"$want"*) pass "run as the caller keeps the terminal ($want)" ;; *) fail "run as the caller: $got" ;; esac
got=$(on_tty "${nobody[@]}" "$IPCNS" run -r -S 0 -- perl "$TMP/ttyprobe.pl")
case $got in *"tty=yes"*) pass "run -r -S 0 is still the caller: keeps the terminal" ;; *) fail "run -r -S 0: $got" ;; esac
# ^C on that terminal reaches CMD once, through ipcns, which stays its parent.
cat >"$TMP/ctrlc.py" <<'PY'
import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out = b""
deadline = time.time() + 10
while b"ready" not in out and time.time() < deadline:
    out += os.read(fd, 1024)
os.write(fd, b"\x03")
while time.time() < deadline:
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
print(out.decode(errors="replace").replace("\r", ""))
print("status", os.waitstatus_to_exitcode(status))
PY
got=$(python3 "$TMP/ctrlc.py" "$IPCNS" run -S nobody -- sh -c 'trap "echo got-INT; exit 7" INT; echo ready; while :; do sleep 0.1; done')
[ "$(grep -c got-INT <<<"$got")" = 1 ] && grep -q "status 7" <<<"$got" && pass "^C reaches CMD in its own session once; its status is passed on" ||
	fail "^C to CMD in its own session: $got"

# --- a failed write to standard output is an error --------------------------
for args in "--help" "--version" "help" "get" "get --keys" "get --help"; do
	# shellcheck disable=SC2086 # one word per argument
	run_capture "$IPCNS" $args
	[ -s "$TMP/out" ] || fail "ipcns $args printed nothing to begin with"
	# shellcheck disable=SC2086
	"$IPCNS" $args >/dev/full 2>"$TMP/err"
	st=$?
	[ "$st" = 1 ] && pass "ipcns $args >/dev/full exits 1" || fail "ipcns $args >/dev/full exits $st"
	expect_err_match '^ipcns: standard output: No space left on device$' "... saying why"
done
for args in "run --help" "enter --help"; do
	# shellcheck disable=SC2086
	"$IPCNS" $args >/dev/full 2>"$TMP/err"
	st=$?
	[ "$st" = 125 ] && pass "ipcns $args >/dev/full exits 125" || fail "ipcns $args >/dev/full exits $st"
done
expect 0 "run -F with standard output closed (and never written) is fine" sh -c "\"$IPCNS\" run -F -- true >&-"
finish
