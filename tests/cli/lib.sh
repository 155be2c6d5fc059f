# Shared by the t-*.sh tests: each sources this file, then calls
# `in_scratch_ipcns "$@"` so that everything it does to IPC happens in an IPC
# namespace made for the test, never in the host's.
#
# Checks print "ok - ..." or "not ok - ..."; finish prints a tally and exits
# 1 if any failed. skip exits 77 with its reason, which ctest shows as a skip.

set -u

: "${IPCNS:?IPCNS must name the built ipcns binary}"
: "${IPCPROBE:?IPCPROBE must name the built ipcprobe helper}"
NOBODY_UID=65534
NOBODY_GID=65534
failures=0
passes=0

skip() {
	echo "SKIP: $*"
	exit 77
}

fail() {
	echo "not ok - $*"
	failures=$((failures + 1))
}

pass() {
	echo "ok - $*"
	passes=$((passes + 1))
}

finish() {
	echo "$passes passed, $failures failed"
	[ "$failures" -eq 0 ]
	exit $?
}

need_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root (it makes namespaces and switches users)"
}

# Re-run the calling script inside a fresh IPC namespace (once).
in_scratch_ipcns() {
	if [ -z "${IPCNS_TEST_SCRATCH:-}" ]; then
		need_root
		rm -rf "$TMP" # exec skips the EXIT trap; the re-run makes its own
		IPCNS_TEST_SCRATCH=1 exec unshare --ipc -- bash "$0" "$@"
	fi
}

# A private temporary directory, removed on exit.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ipcns-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
chmod 755 "$TMP"

# run_capture CMD...: run, keeping stdout in $TMP/out, stderr in $TMP/err and
# the exit status in $status.
run_capture() {
	"$@" >"$TMP/out" 2>"$TMP/err"
	status=$?
}

# expect STATUS DESCRIPTION CMD...: the command exits with STATUS.
expect() {
	local want=$1 what=$2
	shift 2
	run_capture "$@"
	if [ "$status" -eq "$want" ]; then
		pass "$what"
	else
		fail "$what: exit $status, expected $want; stderr: $(head -c 300 "$TMP/err")"
	fi
}

# expect_err_lines N DESCRIPTION: the last command wrote exactly N lines on stderr.
expect_err_lines() {
	local n
	n=$(wc -l <"$TMP/err")
	if [ "$n" -eq "$1" ]; then pass "$2"; else fail "$2: $n stderr lines: $(head -c 300 "$TMP/err")"; fi
}

# expect_err_match REGEX DESCRIPTION: stderr of the last command matches.
expect_err_match() {
	if grep -Eq -- "$1" "$TMP/err"; then pass "$2"; else fail "$2: stderr was: $(head -c 300 "$TMP/err")"; fi
}

# expect_out VALUE DESCRIPTION: stdout of the last command is exactly VALUE.
expect_out() {
	local got
	got=$(cat "$TMP/out")
	if [ "$got" = "$1" ]; then pass "$2"; else fail "$2: got '$got', expected '$1'"; fi
}

# as_nobody CMD...: run as the unprivileged user nobody with no groups.
as_nobody() {
	setpriv --reuid=$NOBODY_UID --regid=$NOBODY_GID --clear-groups -- "$@"
}

# need_nobody: skip unless nobody can run the binaries (every directory above
# them searchable) and, with "userns", make a user namespace.
need_nobody() {
	need_root
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is missing"
	as_nobody test -x "$IPCNS" || skip "nobody cannot reach $IPCNS (a parent directory is not searchable)"
	as_nobody test -x "$IPCPROBE" || skip "nobody cannot reach $IPCPROBE"
	if [ "${1:-}" = userns ]; then
		as_nobody unshare --user --map-root-user true 2>/dev/null ||
			skip "unprivileged user namespaces are disabled on this machine"
	fi
}
