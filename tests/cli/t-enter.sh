#!/bin/bash
# ipcns enter: SysV and POSIX objects made in a namespace by ipcns run are
# seen through enter PID and enter /proc/PID/ns/ipc and nowhere else; the
# exit-status contract is run's; a target that is not there, has exited or is
# not an IPC namespace gives 125 with one line naming it.
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"

key=0x1e17e4
setup='for k in msg sem shm; do "$1" $k create '$key' >/dev/null || exit 1; done
	"$1" mq create /ipcns-enter-q && touch "$2" && exec sleep 60'
start_target a "$IPCNS" run -- sh -c "$setup" sh "$IPCPROBE" "$TMP/a.ready"
a=$target

expect 0 "enter PID joins the target's IPC namespace" \
	sh -c '[ "$("$1" enter "$2" -- readlink /proc/self/ns/ipc)" = "$(readlink /proc/"$2"/ns/ipc)" ]' sh "$IPCNS" "$a"
for t in "$a" "/proc/$a/ns/ipc"; do
	for kind in msg sem shm; do
		expect 0 "enter $t: the target's $kind is visible" "$IPCNS" enter "$t" -- "$IPCPROBE" $kind get $key
	done
	expect 0 "enter $t: the target's POSIX queue is visible" "$IPCNS" enter "$t" -- "$IPCPROBE" mq open /ipcns-enter-q
done
for kind in msg sem shm; do
	expect 3 "outside, the target's $kind is invisible" "$IPCPROBE" $kind get $key
done
expect 3 "outside, the target's POSIX queue is invisible" "$IPCPROBE" mq open /ipcns-enter-q
expect 0 "an object made through enter ..." "$IPCNS" enter "$a" -- "$IPCPROBE" msg create 0x5eed
expect 0 "... is there for the next enter" "$IPCNS" enter "/proc/$a/ns/ipc" "$IPCPROBE" msg get 0x5eed
expect 3 "... and not outside" "$IPCPROBE" msg get 0x5eed

# The exit-status contract of run.
expect 7 "CMD's exit status is passed on" "$IPCNS" enter "$a" -- sh -c 'exit 7'
expect 3 "without --, CMD and its options follow TARGET" "$IPCNS" enter "$a" sh -c 'exit 3'
expect 127 "a missing CMD gives 127" "$IPCNS" enter "$a" -- /nonexistent/ipcns-no-such-cmd
expect_err_lines 1 "... with one error line"
printf 'not a program\n' >"$TMP/plain"
chmod 644 "$TMP/plain"
expect 126 "a non-executable CMD gives 126" "$IPCNS" enter "$a" -- "$TMP/plain"
SHELL=/bin/false expect 1 "CMD defaults to \$SHELL" "$IPCNS" enter "$a"
expect 143 "-F re-raises CMD's SIGTERM" "$IPCNS" enter -F "$a" -- sh -c 'kill -TERM $$'
expect 0 "-F runs CMD in the target's namespace" \
	sh -c '[ "$("$1" enter -F "$2" -- readlink /proc/self/ns/ipc)" = "$(readlink /proc/"$2"/ns/ipc)" ]' sh "$IPCNS" "$a"
expect 0 "-U on a namespace owned by our own user namespace is harmless" "$IPCNS" enter -U "$a" -- "$IPCPROBE" msg get $key

# Targets that are not there, have exited, or are not IPC namespaces.
true &
dead=$!
wait $dead
expect 125 "a dead PID gives 125" "$IPCNS" enter "$dead" -- true
expect_err_lines 1 "... with one line"
expect_err_match "^ipcns: $dead: no such process\$" "... naming the PID"
"$IPCPROBE" zombie "$TMP/zombie" &
reaper=$!
at_exit "kill -KILL $reaper 2>/dev/null; wait $reaper 2>/dev/null"
wait_file "$TMP/zombie"
zombie=$(cat "$TMP/zombie")
for _ in $(seq 100); do grep -q '^State:.*Z' "/proc/$zombie/status" 2>/dev/null && break; sleep 0.05; done
expect 125 "a PID that has exited (a zombie) gives 125" "$IPCNS" enter "$zombie" -- true
expect_err_lines 1 "... with one line"
expect_err_match "^ipcns: $zombie: process has exited\$" "... saying so"
expect 125 "a missing /proc/PID/ns/ipc gives 125" "$IPCNS" enter "/proc/$dead/ns/ipc" -- true
expect_err_lines 1 "... with one line"
expect_err_match "^ipcns: /proc/$dead/ns/ipc: No such file or directory\$" "... naming the path"
expect 125 "a regular file gives 125" "$IPCNS" enter "$TMP/plain" -- true
expect_err_lines 1 "... with one line"
expect_err_match "^ipcns: $TMP/plain: not a namespace file" "... naming it"
expect 125 "a network namespace file gives 125" "$IPCNS" enter /proc/self/ns/net -- true
expect_err_lines 1 "... with one line"
expect_err_match '^ipcns: /proc/self/ns/net: not an IPC namespace' "... naming it"
expect 125 "a directory gives 125" "$IPCNS" enter /proc/self/ns -- true
expect_err_match '^ipcns: /proc/self/ns: not a namespace file' "... naming it"
expect 125 "a missing TARGET gives 125" "$IPCNS" enter
expect_err_match '^ipcns: enter: missing TARGET' "... saying what is missing"
expect 125 "PID 0 is not a PID" "$IPCNS" enter 0 -- true
expect_err_lines 1 "... with one line"

finish
