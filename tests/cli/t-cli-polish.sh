#!/bin/bash
# What a new user trips on at the command line: help help, -? at the top
# level, optional values shown as optional in --usage, an empty --mqueue= or
# --shm=, and a range without its unit.
# resource-lock: namespace-census
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"

"$IPCNS" --help >"$TMP/help" 2>&1

expect 0 "ipcns help help works" "$IPCNS" help help
if cmp -s "$TMP/out" "$TMP/help"; then pass "... and shows the top-level help"; else fail "... got: $(head -c 300 "$TMP/out")"; fi
expect 0 "ipcns -? works at the top level" "$IPCNS" -?
if cmp -s "$TMP/out" "$TMP/help"; then pass "... and is the help"; else fail "... got: $(head -c 300 "$TMP/out")"; fi
expect 0 "run -? still works" "$IPCNS" run -?
expect_err_lines 0 "... quietly"
if [ -n "${IPCNS_SOURCE_DIR:-}" ]; then
	if grep -q '^\.BR \\-h ", " \\-? ", " \\-\\-help' "$IPCNS_SOURCE_DIR/man/ipcns.1"; then
		pass "the man page lists -? with -h and --help"
	else
		fail "the man page does not list -?"
	fi
fi

# --usage: an optional value in brackets of its own.
for c in run enter; do
	expect 0 "$c --usage" "$IPCNS" $c --usage
	usage=$(tr -s ' \n' ' ' <"$TMP/out")
	[[ $usage == *"[-m|--mqueue[=DIR]]"* ]] && pass "... shows [-m|--mqueue[=DIR]]" ||
		fail "... shows no [-m|--mqueue[=DIR]]: $usage"
	[[ $usage == *"[-s|--sysctl=KEY=VALUE]"* ]] && pass "... and a required value as required" ||
		fail "... shows no [-s|--sysctl=KEY=VALUE]: $usage"
	[[ $usage != *"--mqueue=DIR]"* ]] && pass "... and never --mqueue=DIR as if required" ||
		fail "... still shows --mqueue=DIR: $usage"
	# every long option of --help is in the usage
	"$IPCNS" $c --help | grep -oE -- '--[a-z][a-z-]*' | sort -u >"$TMP/help-opts"
	missing=$(while read -r o; do [[ $usage == *"$o"[]=[]* ]] || echo "$o"; done <"$TMP/help-opts")
	[ -z "$missing" ] && pass "... with every option --help lists" || fail "... lacks: $missing"
done
expect 0 "run --usage" "$IPCNS" run --usage
usage=$(tr -s ' \n' ' ' <"$TMP/out")
[[ $usage == *"[--shm[=SIZE]]"* ]] && pass "... shows [--shm[=SIZE]]" || fail "... shows no [--shm[=SIZE]]: $usage"
awk 'length > 79 { bad = 1 } END { exit bad }' "$TMP/out" && pass "... in lines of at most 79 columns" ||
	fail "... has a line longer than 79 columns"

# An empty attached value is an error, as unshare(1) makes --ipc=.
for args in "run --mqueue=" "run --shm=" "enter --mqueue= $$"; do
	opt=${args#* }
	opt=${opt%% *}
	# shellcheck disable=SC2086 # the words of $args are meant to split
	expect 125 "$args is a usage error" "$IPCNS" $args -- true
	expect_err_lines 1 "... in one line"
	expect_err_match "^ipcns: (run|enter): $opt: empty value; give ${opt%=} alone for the default, or ${opt}[A-Z]+\$" \
		"... naming the option and the accepted forms"
done
# create's --shm= too (it once made a default-size store), before anything.
expect 2 "create --shm= is a usage error" env IPCNS_RUN_DIR="$TMP/run" "$IPCNS" create --shm= x
expect_err_lines 1 "... in one line"
expect_err_match "^ipcns: create: --shm=: empty value; give --shm alone for the default, or --shm=SIZE\$" \
	"... naming the option and the accepted forms"
[ ! -e "$TMP/run/x" ] && pass "... and made no name" || fail "create --shm= made $TMP/run/x"
expect 0 "a bare -m still means the default" "$IPCNS" run -m -- sh -c 'grep -q " /dev/mqueue " /proc/self/mountinfo'
expect 0 "... and so does a bare --shm" "$IPCNS" run --shm -- true
expect 0 "--mqueue=DIR with a value still works" "$IPCNS" run --mqueue="$TMP" -- true

# A range says its unit, whichever side of it the value falls.
expect 125 "run -s msgmax=-1" "$IPCNS" run -s msgmax=-1 -- true
expect_err_lines 1 "... one line"
expect_err_match '^ipcns: kernel.msgmax: -1 is out of range 0..2147483647 bytes$' "... with the unit"
expect 125 "run -s msgmax=3G" "$IPCNS" run -s msgmax=3G -- true
expect_err_match '^ipcns: kernel.msgmax: 3G is out of range 0..2147483647 bytes$' "... the same unit above the range"
expect 125 "run -s shmall=-1" "$IPCNS" run -s shmall=-1 -- true
expect_err_match '^ipcns: kernel.shmall: -1 is out of range 0..18446744073709551615 pages$' "... pages for shmall"
expect 125 "run -s msgmni=-1 (a count)" "$IPCNS" run -s msgmni=-1 -- true
expect_err_match '^ipcns: kernel.msgmni: -1 is out of range 0..32768$' "... a count has no unit"
expect 2 "set msgmax=-1" "$IPCNS" set msgmax=-1
expect_err_match '^ipcns: kernel.msgmax: -1 is out of range 0..2147483647 bytes$' "... says the same"

finish
