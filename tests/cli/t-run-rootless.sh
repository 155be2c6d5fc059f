#!/bin/bash
# ipcns run as an unprivileged user: -r makes it work, and without -r the
# failure says how to fix it.
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
need_nobody userns

expect 0 "as nobody, run -r works" as_nobody "$IPCNS" run -r -- id -u
expect_out 0 "... and CMD is uid 0 in its user namespace"
expect 0 "as nobody, run -r gives a new IPC namespace" as_nobody sh -c \
	'[ "$("$1" run -r -- readlink /proc/self/ns/ipc)" != "$(readlink /proc/self/ns/ipc)" ]' sh "$IPCNS"
expect 0 "the namespace is owned by the new user namespace (CMD can make objects)" \
	as_nobody "$IPCNS" run -r -- "$IPCPROBE" msg create 0x1234
expect 125 "as nobody, run without -r fails with 125" as_nobody "$IPCNS" run -- true
expect_err_lines 2 "one error line and one hint"
expect_err_match '^ipcns: cannot create an IPC namespace: Operation not permitted$' "the error says what failed"
expect_err_match '^ipcns: hint: .*run as root, or add -r' "the hint says what to do"

finish
