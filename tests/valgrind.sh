#!/bin/bash
# shellcheck source-path=SCRIPTDIR
# valgrind.sh BUILD_DIR
#
# Valgrind memcheck over ipcns's main commands and its error paths, in a
# scratch IPC namespace and a private mount namespace, as root (and run -r
# and a refused set as nobody). A case fails when
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
# shellcheck source=cli/lib.sh
. "$(dirname "$0")/cli/lib.sh"
# shellcheck source=cli/limits-lib.sh
. "$(dirname "$0")/cli/limits-lib.sh"
in_scratch_ipcns "$@"
in_private_mounts "$@" # -m and --shm mount only in ipcns's own namespace; this is a second wall
command -v valgrind >/dev/null || skip "valgrind is not installed"
stage_binaries # nobody runs them below, also from a clone under /root

# shellcheck disable=SC2054 # the comma is part of --error-markers
vg=(valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite
	--errors-for-leak-kinds=definite --trace-children=no --error-markers=VGERR-BEGIN,VGERR-END
	--suppressions="$(dirname "$0")/valgrind.supp" --log-fd=9)

# check WANT DESCRIPTION [as_nobody] ARGS...: valgrind ipcns ARGS exits WANT
# and its log holds no error. Standard input is $TMP/stdin (empty unless a
# case writes it).
check() {
	local want=$1 what=$2 pre=()
	shift 2
	[ "${1:-}" = as_nobody ] && pre=(as_nobody) && shift
	"${pre[@]}" "${vg[@]}" "$IPCNS" "$@" <"$TMP/stdin" >"$TMP/out" 2>"$TMP/err" 9>"$TMP/vg.log"
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

# Fixtures for the limits and mounts cases.
: >"$TMP/stdin"
printf 'kernel.msgmax = 4000\n# a comment\n-net.ipv4.ip_forward = 1\nsemmni = 64\n' >"$TMP/limits.conf"
printf 'kernel.msgmax = 4000\nkernel.msgmni = 99999\n' >"$TMP/bad.conf"
printf 'not a directory\n' >"$TMP/file"
mkdir "$TMP/mq"
chmod 644 "$TMP"/*.conf

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

# Limits: get and set read and write this scratch namespace's, run and
# enter -s/-f/-i a new one's or this one's.
check 0 "get" get
check 0 "get -J" get -J
check 0 "get --changed" get --changed
check 0 "get --keys" get --keys
check 0 "get KEY..." get msgmax kernel/msgmnb semmni fs.mqueue.msg_max
check 0 "get -t PID -J KEY" get -t "$$" -J kernel.sem shmall
check 0 "set" set msgmax=65536 "kernel.sem=250 32000 32 128" shmall=1G queues_max=-1
check 0 "set --target PID" set --target "$$" msgmnb=32768 semmni=100
check 0 "set, the values already in place" set msgmax=65536
check 0 "get --changed after set" get --changed
check 0 "run -s" run -s msgmax=1000 -s semmni=5 -- true
check 0 "run -f -i -s -F" run -F -i -f "$TMP/limits.conf" -s msgmnb=5000 -- true
printf 'kernel.msgmni = 100\n' >"$TMP/stdin"
check 0 "run -f - (standard input)" run -f - -- true
: >"$TMP/stdin"
check 0 "enter -s -f PID" enter -s msgmax=3000 -f "$TMP/limits.conf" "$$" -- true
check 0 "enter -F -s PID" enter -F -s msg_max=20 "$$" -- true

# Mounts, in ipcns's own mount namespace (and this script's private one).
check 0 "run --mqueue=DIR" run --mqueue="$TMP/mq" -- true
check 0 "run --mqueue=DIR, DIR created" run -F --mqueue="$TMP/mq-new" -- true
check 0 "run --shm" run --shm -- true
check 0 "run -F -m=DIR --shm=SIZE -s" run -F -m="$TMP/mq" --shm=1M -s msgmax=100 -- true
check 0 "enter --mqueue=DIR PID" enter --mqueue="$TMP/mq" "$$" -- true
if as_nobody test -x "$IPCNS" && as_nobody unshare --user --map-root-user true 2>/dev/null; then
	check 0 "as nobody: run -r -F" as_nobody run -r -F -- true
	check 0 "as nobody: run -r -S 0 --caps" as_nobody run -r -S 0 --caps cap_ipc_lock -- true
	check 0 "as nobody: run -r -s -f -F" as_nobody run -r -F -s msgmax=1000 -f "$TMP/limits.conf" -- true
	check 0 "as nobody: run -r --shm -m=DIR" as_nobody run -r --shm -m="$TMP/mq" -- true
	check 125 "as nobody: run without -r is refused" as_nobody run -- true
else
	skip_part "nobody cannot make user namespaces here: rootless cases not run"
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

# Limits and mounts: refusals, before anything is changed or by the kernel.
check 2 "get: unknown key" get msgmx
check 2 "get: a non-IPC sysctl" get net.ipv4.ip_forward
check 2 "get -J: a bad key after a good one" get -J msgmax no-such-key
check 2 "get --keys with a KEY" get --keys msgmax
check 1 "get --target: no such process" get --target 2147483647
check 2 "get --target: not a namespace" get --target /etc/passwd
check 2 "set: no KEY=VALUE" set
check 2 "set: no '='" set msgmax
check 2 "set: unknown key" set msgmx=1
check 2 "set: out of range" set msgmax=100 msgmni=99999
check 2 "set: 2^64+1" set shmmax=18446744073709551617
check 2 "set: kernel.sem with 3 fields" set "kernel.sem=1 2 3"
check 2 "set: a 4096-byte value" set "msgmax=$(printf '%4096s' '' | tr ' ' 9)"
check 1 "set --target: no such process" set --target 2147483647 msgmax=1
check 1 "as nobody: set, refused by the kernel" as_nobody set msgmax=1000
if hostpid=$(host_ipc_pid); then
	cur=$(nsenter --ipc="/proc/$hostpid/ns/ipc" cat /proc/sys/kernel/msgmax)
	check 2 "set --target: the host's namespace without --host" set --target "$hostpid" msgmax="$cur"
else
	echo "# no process of the initial IPC namespace is reachable: the --host guard is not run"
fi
check 125 "run -s: unknown key" run -s msgmx=1 -- true
check 125 "run -s: out of range" run -s msgmax=1 -s msgmni=99999 -- true
check 125 "run -f: no such file" run -f /nonexistent/ipcns.conf -- true
check 125 "run -f: a directory" run -f "$TMP" -- true
check 125 "run -f: a bad line" run -f "$TMP/bad.conf" -- true
check 125 "enter -s: out of range" enter -s msgmni=99999 "$$" -- true
check 125 "enter -f: a bad line, after TARGET was opened" enter -f "$TMP/bad.conf" "$$" -- true
check 125 "run --shm=0" run --shm=0 -- true
check 125 "run --shm=abc" run --shm=abc -- true
check 125 "run --mqueue on a file" run --mqueue="$TMP/file" -- true
check 125 "run --mqueue: no parent directory" run --mqueue=/nonexistent/ipcns/mq -- true

finish
