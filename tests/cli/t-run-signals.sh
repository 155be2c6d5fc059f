#!/bin/bash
# -F: ipcns stays as CMD's parent and forwards SIGINT, SIGTERM, SIGHUP,
# SIGQUIT, SIGUSR1 and SIGUSR2 to it, each exactly once; a terminal's ^C,
# which the kernel sends to CMD itself, is not sent again. CMD is ipcprobe,
# which prints each signal it gets with its sender ("user": kill(), as
# ipcns's forwarding; "kernel": the terminal).
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"

# wait_gone PID: wait up to 10 s for PID to exit.
wait_gone() {
	local i
	for ((i = 0; i < 200; i++)); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.05
	done
	return 1
}
# wait_line FILE LINE [PID]: wait up to 10 s for FILE to hold LINE, and no
# longer than PID lives.
wait_line() {
	local i
	for ((i = 0; i < 200; i++)); do
		grep -qx -- "$2" "$1" 2>/dev/null && return 0
		[ -z "${3:-}" ] || kill -0 "$3" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}

# Each of the six in turn to one ipcns, each once CMD has seen the one
# before (two of a kind pending at once would merge into one).
all=(INT TERM HUP QUIT USR1 USR2)
"$IPCNS" run -F -- "$IPCPROBE" signals "$TMP/ready" 0.5 >"$TMP/got" &
pid=$!
at_exit "kill -KILL $pid 2>/dev/null"
wait_file "$TMP/ready" || fail "CMD under -F started"
for sig in "${all[@]}"; do
	kill -s "$sig" "$pid" 2>/dev/null
	wait_line "$TMP/got" "$sig user" "$pid" && pass "-F forwards SIG$sig to CMD" || fail "-F forwards SIG$sig to CMD"
done
wait "$pid"
status=$?
[ "$status" -eq 0 ] && pass "-F: ipcns outlived all six and passed on CMD's status 0" ||
	fail "-F: ipcns exited with status $status (a signal it does not handle kills it: 128+N)"
expected=$(printf '%s user\n' "${all[@]}")
[ "$(cat "$TMP/got")" = "$expected" ] && pass "... CMD got each exactly once, in order" ||
	fail "... CMD got: $(tr '\n' ' ' <"$TMP/got")"

# A terminal's ^C goes to the whole foreground process group, ipcns and CMD
# alike: ipcns must not send it again. Run ipcns -F in a pseudo-terminal of
# its own (script, from util-linux) and type ^C there. With "stopped",
# ipcns is held stopped while CMD takes the ^C, and continued only then:
# a copy that ipcns forwarded could not merge with the first. The shell
# that script starts ignores ^C (ipcns and CMD set their own handling) and
# stays script's child, which is then never stopped: script would stop too.
command -v script >/dev/null || skip "script (util-linux) is missing"
pty_ctrl_c() { # pty_ctrl_c [stopped]
	rm -f "$TMP/pty."*
	{
		wait_file "$TMP/pty.ready" || exit
		p=$(cat "$TMP/pty.pid")
		if [ "${1:-}" = stopped ]; then
			kill -STOP "$p"
			for ((i = 0; i < 200; i++)); do
				[ "$(awk '{ print $3 }' "/proc/$p/stat")" = T ] && break
				sleep 0.01
			done
		fi
		printf '\003'
		if [ "${1:-}" = stopped ]; then
			wait_line "$TMP/pty.sigs" "INT kernel"
			kill -CONT "$p"
		fi
		wait_gone "$p" # script's input stays open until ipcns is done
	} | SHELL=/bin/sh timeout 30 script -qec "trap '' INT QUIT
		$IPCNS run -F -- $IPCPROBE signals $TMP/pty.ready 1 >$TMP/pty.sigs & echo \$! >$TMP/pty.pid; wait \$!" \
		/dev/null >"$TMP/pty.out"
	status=${PIPESTATUS[1]}
}
pty_ctrl_c
[ "$status" -eq 0 ] && pass "^C in a terminal under -F: ipcns passes on CMD's status 0" ||
	fail "^C in a terminal under -F: exit $status; terminal: $(tr -d '\r' <"$TMP/pty.out" | head -c 300)"
[ "$(cat "$TMP/pty.sigs")" = "INT kernel" ] && pass "... CMD got the terminal's SIGINT exactly once" ||
	fail "... CMD got: $(tr '\n' ' ' <"$TMP/pty.sigs")"
pty_ctrl_c stopped
[ "$status" -eq 0 ] && pass "^C while ipcns is stopped: its status is still 0" ||
	fail "^C while ipcns is stopped: exit $status; terminal: $(tr -d '\r' <"$TMP/pty.out" | head -c 300)"
[ "$(cat "$TMP/pty.sigs")" = "INT kernel" ] && pass "... CMD got SIGINT once, ipcns added no copy once continued" ||
	fail "... CMD got: $(tr '\n' ' ' <"$TMP/pty.sigs")"

finish
