#!/bin/bash
# ipcns run's exit status: CMD's own, 125 for ipcns's failures, 126 for a CMD
# that cannot be executed, 127 for one that is not there; with -F, CMD's
# fatal signal is re-raised and signals sent to ipcns reach CMD.
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"

expect 7 "CMD's exit status is passed on" "$IPCNS" run -- sh -c 'exit 7'
expect 0 "CMD runs in a new IPC namespace" \
	sh -c '[ "$("$1" run -- readlink /proc/self/ns/ipc)" != "$(readlink /proc/self/ns/ipc)" ]' sh "$IPCNS"
expect 0 "without --, CMD's own options stay CMD's" "$IPCNS" run sh -c 'exit 0' -F
expect 127 "a missing CMD gives 127" "$IPCNS" run -- /nonexistent/ipcns-no-such-cmd
expect_err_lines 1 "one error line for a missing CMD"
expect_err_match '^ipcns: /nonexistent/ipcns-no-such-cmd: ' "the error names CMD"
expect 127 "a CMD not on PATH gives 127" "$IPCNS" run ipcns-no-such-cmd-on-path
printf 'not a program\n' >"$TMP/plain"
chmod 644 "$TMP/plain"
expect 126 "a non-executable file gives 126" "$IPCNS" run -- "$TMP/plain"
expect_err_match 'Permission denied' "the error says why"
expect 125 "an unknown option gives 125" "$IPCNS" run --no-such-option -- true
expect_err_lines 1 "one error line for an unknown option"
expect_err_match '^ipcns: run: --no-such-option: unknown option$' "the line names the option"
expect 2 "an unknown command gives 2" "$IPCNS" no-such-command
expect_err_match 'no-such-command: unknown command .*run' "and lists the commands"
expect 0 "--help" "$IPCNS" --help
expect 0 "--version" "$IPCNS" --version
expect_out "ipcns $(sed -n 's/^project(ipcns VERSION \([0-9.]*\).*/\1/p' "${IPCNS_SOURCE_DIR:-.}/CMakeLists.txt")" "--version prints the project version"
expect 0 "help run is run --help" "$IPCNS" help run
grep -q -- '--map-root-user' "$TMP/out" && pass "help run lists run's options" || fail "help run lists run's options"
SHELL=/bin/true expect 0 "CMD defaults to \$SHELL" "$IPCNS" run
SHELL=/bin/false expect 1 "... and really runs \$SHELL" "$IPCNS" run
SHELL='' expect 0 "... then /bin/sh" sh -c 'echo "exit 3" | "$1" run; [ $? -eq 3 ]' sh "$IPCNS"

# --fork: CMD's death by SIGTERM is re-raised, so a shell sees 128+15.
expect 143 "-F re-raises CMD's SIGTERM (a shell sees 143)" "$IPCNS" run -F -- sh -c 'kill -TERM $$'
expect 7 "-F passes on an exit status" "$IPCNS" run -F -- sh -c 'exit 7'
expect 127 "-F with a missing CMD gives 127" "$IPCNS" run -F -- /nonexistent/ipcns-no-such-cmd
expect_err_lines 1 "... with one error line"

# SIGTERM sent to ipcns reaches CMD, which reports it and exits 42.
"$IPCNS" run -F -- sh -c 'trap "echo got-term > '"$TMP"'/sig; exit 42" TERM; echo ready > '"$TMP"'/ready; while :; do sleep 0.1; done' &
pid=$!
for _ in $(seq 100); do [ -s "$TMP/ready" ] && break; sleep 0.05; done
kill -TERM $pid
wait $pid
status=$?
[ "$status" -eq 42 ] && pass "-F forwards SIGTERM to CMD and returns its status" ||
	fail "-F forwards SIGTERM: exit $status"
[ "$(cat "$TMP/sig" 2>/dev/null)" = got-term ] && pass "CMD's handler ran" || fail "CMD's handler ran"

# If ipcns dies, CMD dies with it (PR_SET_PDEATHSIG).
"$IPCNS" run -F -- sh -c 'echo $$ > '"$TMP"'/child; exec sleep 60' &
pid=$!
for _ in $(seq 100); do [ -s "$TMP/child" ] && break; sleep 0.05; done
child=$(cat "$TMP/child")
kill -KILL $pid
wait $pid 2>/dev/null
for _ in $(seq 100); do kill -0 "$child" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$child" 2>/dev/null; then
	fail "CMD outlived a killed ipcns"
	kill -KILL "$child"
else
	pass "CMD dies when ipcns dies"
fi

finish
