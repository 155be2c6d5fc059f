#!/bin/bash
# valgrind.sh BUILD_DIR
#
# Valgrind memcheck over ipcns's main commands and its error paths, in a
# scratch IPC namespace, as root (and run -r as nobody). A case fails when
# memcheck reports any error, when a definite leak remains at exit, or when
# the exit status is not the contract's.
#
# Where ipcns execs CMD (--trace-children=no: valgrind lets CMD run natively)
# memcheck's errors up to the exec are read from its log; a leak check only
# happens where ipcns itself exits (its error paths, -F, a failed exec), and
# memory still held at a successful exec is no leak. Exit: 0 clean, 1 a
# finding, 77 skipped (not root, or valgrind missing).
build=${1:?usage: tests/valgrind.sh BUILD_DIR}
build=$(cd "$build" && pwd)
export IPCNS="$build/ipcns" IPCPROBE="$build/tests/helpers/ipcprobe"
. "$(dirname "$0")/cli/lib.sh"
in_scratch_ipcns "$@"
command -v valgrind >/dev/null || skip "valgrind is not installed"

# shellcheck disable=SC2054 # the comma is part of --error-markers
vg=(valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite
	--errors-for-leak-kinds=definite --trace-children=no --error-markers=VGERR-BEGIN,VGERR-END
	--log-fd=9)

# check WANT DESCRIPTION [as_nobody] ARGS...: valgrind ipcns ARGS exits WANT
# and its log holds no error.
check() {
	local want=$1 what=$2 pre=()
	shift 2
	[ "${1:-}" = as_nobody ] && pre=(as_nobody) && shift
	"${pre[@]}" "${vg[@]}" "$IPCNS" "$@" >"$TMP/out" 2>"$TMP/err" 9>"$TMP/vg.log"
	status=$?
	if grep -q VGERR-BEGIN "$TMP/vg.log" || [ "$status" -eq 99 ]; then
		fail "$what: memcheck found errors:"
		sed 's/^/#   /' "$TMP/vg.log" | head -n 60
	elif [ "$status" -ne "$want" ]; then
		fail "$what: exit $status, expected $want; stderr: $(head -c 300 "$TMP/err")"
	else
		pass "$what"
	fi
}

# The main commands, to the exec of CMD or through -F to CMD's end.
check 0 "run -- true" run -- true
check 0 "run -F -- true" run -F -- true
check 3 "run -F passes on a status" run -F -- sh -c 'exit 3'
check 143 "run -F re-raises CMD's signal" run -F -- sh -c 'kill -TERM $$'
check 0 "run with every credential option" run -F -S nobody --caps cap_ipc_lock,cap_ipc_owner --no-new-privs -- true
check 0 "run -S NAME -G GROUP" run -F -S nobody -G nogroup -- true
check 0 "run --caps without -S" run --caps cap_ipc_lock -- true
check 0 "enter PID" enter "$$" -- true
check 0 "enter -F -S PID" enter -F -S nobody "$$" -- true
check 0 "enter PATH" enter /proc/self/ns/ipc -- true
check 0 "help" help
check 0 "help run" help run
check 0 "run --help" run --help
check 0 "--version" --version
if as_nobody test -x "$IPCNS" && as_nobody unshare --user --map-root-user true 2>/dev/null; then
	check 0 "as nobody: run -r -F" as_nobody run -r -F -- true
	check 0 "as nobody: run -r -S 0 --caps" as_nobody run -r -S 0 --caps cap_ipc_lock -- true
	check 125 "as nobody: run without -r is refused" as_nobody run -- true
else
	echo "# nobody cannot make user namespaces here: rootless cases not run"
fi

# Error paths: everything allocated must be freed before the exit.
check 127 "run: CMD not found" run -- /nonexistent/ipcns-cmd
check 127 "run -F: CMD not found" run -F -- /nonexistent/ipcns-cmd
check 126 "run: CMD not executable" run -- /etc/passwd
check 125 "run: unknown option" run --no-such-option -- true
check 125 "run: missing option value" run -S
check 125 "run: unknown user" run -S ipcns-no-such-user -- true
check 125 "run: unknown group" run -G ipcns-no-such-group -- true
check 125 "run: unknown capability" run --caps cap_ipc_lock,cap_nope -- true
check 125 "run: -r with an unmapped user" run -r -S nobody -- true
check 125 "run: UID without an entry and no -G" run -S 4294967294 -- true
check 125 "enter: missing TARGET" enter
check 125 "enter: no such process" enter 2147483647 -- true
check 125 "enter: no such file" enter /nonexistent/ipcns-ns -- true
check 125 "enter: not a namespace" enter /etc/passwd -- true
check 125 "enter: not an IPC namespace" enter /proc/self/ns/mnt -- true
check 125 "enter: no such name" enter ipcns-no-such-name -- true
check 125 "enter: unknown user after TARGET was opened" enter -S ipcns-no-such-user "$$" -- true
check 2 "no command"
check 2 "unknown command" no-such-command
check 2 "unknown global option" --no-such-option
check 2 "help: unknown command" help no-such-command

finish
