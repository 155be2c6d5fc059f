# shellcheck shell=bash
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

# A private temporary directory, removed on exit after what at_exit queued.
# Its name carries a tag of the build directory, so that host-state.sh can
# tell what this suite left behind from what another build's suite, running
# at the same time, is still using.
suite_tag() {
	local sum
	sum=$(printf '%s' "${IPCNS_BUILD_DIR:-none}" | cksum)
	echo "${sum%% *}"
}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ipcns-test.$(suite_tag).XXXXXX")
at_exit_cmds=()
at_exit() { # at_exit COMMAND: run COMMAND (eval'd) when the test exits, last queued first
	at_exit_cmds+=("$1")
}
lib_cleanup() {
	local i m
	for ((i = ${#at_exit_cmds[@]} - 1; i >= 0; i--)); do
		eval "${at_exit_cmds[i]}"
	done
	# Whatever is still mounted under $TMP (in the test's own mount
	# namespace: a test that failed half-way, or a mount that leaked in
	# from ipcns) would keep rm from removing it.
	while read -r _ _ _ _ m _; do
		[[ $m == "$TMP"/* ]] && umount -l "$m" 2>/dev/null
	done < <(tac /proc/self/mountinfo)
	rm -rf "$TMP"
}
trap lib_cleanup EXIT
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
nobody=(setpriv "--reuid=$NOBODY_UID" "--regid=$NOBODY_GID" --clear-groups --)
as_nobody() {
	"${nobody[@]}" "$@"
}

# skip_part REASON: a part of a test that cannot run here. It is reported
# (tests/host-profiles.sh counts these lines as skips) and the test goes on.
skip_part() {
	echo "# SKIP: $*"
}

# stage_binaries: copies of ipcns and of the helper programs (ipcprobe and
# the others built beside it, such as msgsend) in the test's own directory,
# which every user can reach: a checkout under a private directory (a 0700
# home such as /root, CI's work folder) is out of reach for nobody or any
# other uid a test switches to. Always done, so that both kinds of checkout
# run the same test.
stage_binaries() {
	[ -n "${IPCNS_STAGED:-}" ] && return 0
	local f
	mkdir -p "$TMP/bin" && cp "$IPCNS" "$TMP/bin/" && chmod 755 "$TMP" "$TMP/bin" ||
		skip "cannot copy the binaries into $TMP/bin"
	for f in "$(dirname "$IPCPROBE")"/*; do
		[ -f "$f" ] && [ -x "$f" ] && { cp "$f" "$TMP/bin/" || skip "cannot copy $f into $TMP/bin"; }
	done
	IPCNS=$TMP/bin/$(basename "$IPCNS")
	IPCPROBE=$TMP/bin/$(basename "$IPCPROBE")
	IPCNS_STAGED=1
}

# need_nobody: skip unless nobody can run the (staged) binaries and, with
# "userns", make a user namespace.
# shellcheck disable=SC2120 # the argument is optional
need_nobody() {
	need_root
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is missing"
	stage_binaries
	as_nobody test -x "$IPCNS" || skip "nobody cannot reach $IPCNS (a parent directory is not searchable)"
	if [ "${1:-}" = userns ]; then
		as_nobody unshare --user --map-root-user true 2>/dev/null ||
			skip "unprivileged user namespaces are disabled on this machine"
	fi
}

# mount_of PATH: the mountinfo line of the mount PATH is on: the top-most
# one, as a lookup of PATH sees it, never one hidden under it (the host's
# /dev/mqueue under a test's /dev, say).
mount_of() {
	"$IPCPROBE" mountof "$1"
}

# expect_mount DESCRIPTION PATH TYPE SOURCE OPTION...: $TMP/out is the
# mountinfo line of a TYPE mount of SOURCE on PATH whose options include
# each OPTION: a per-mount flag (nosuid) or a superblock option (size=1024k).
expect_mount() {
	local what=$1 path=$2 type=$3 src=$4 line i o bad=""
	local -a f
	shift 4
	read -r line <"$TMP/out"
	read -r -a f <<<"$line"
	i=6 # past the optional fields, up to the "-" before type, source, options
	while [ "$i" -lt ${#f[@]} ] && [ "${f[i]}" != - ]; do i=$((i + 1)); done
	[ "${f[4]:-}" = "$path" ] || bad+=" mounted on '${f[4]:-}';"
	[ "${f[i + 1]:-}" = "$type" ] || bad+=" type '${f[i + 1]:-}';"
	[ "${f[i + 2]:-}" = "$src" ] || bad+=" source '${f[i + 2]:-}';"
	for o in "$@"; do
		[[ ,${f[5]:-},${f[i + 3]:-}, == *",$o,"* ]] || bad+=" no $o;"
	done
	if [ -z "$bad" ]; then pass "$what"; else fail "$what:$bad line: $line"; fi
}

# save_mounts FILE [MOUNTINFO]: a mount table (this namespace's, or
# /proc/PID/mountinfo); same_mounts FILE DESCRIPTION [MOUNTINFO]: it is still
# as saved, mount IDs included.
save_mounts() {
	cat "${2:-/proc/self/mountinfo}" >"$1"
}
same_mounts() {
	local now
	now=$(cat "${3:-/proc/self/mountinfo}") # a /proc file's size is 0: cmp would stop there
	if [ "$now" = "$(cat "$1")" ]; then
		pass "$2"
	else
		fail "$2: $(diff "$1" - <<<"$now" | grep '^[<>]' | head -n 4 | tr '\n' ' ')"
	fi
}

# Re-run the calling script (once) in a private mount namespace of its own:
# whatever it mounts goes away with it and never reaches the host.
in_private_mounts() {
	if [ -z "${IPCNS_TEST_PRIVATE_MOUNTS:-}" ]; then
		need_root
		rm -rf "$TMP"
		IPCNS_TEST_PRIVATE_MOUNTS=1 exec unshare --mount --propagation private -- bash "$0" "$@"
	fi
}

# in_private_dev: in_private_mounts, and /dev an overlay whose upper layer is
# a scratch tmpfs ($TMP/dev-layer/upper), so that a directory created in /dev
# (a missing /dev/mqueue) lands there and never in the host's /dev. The
# host's mounts under /dev are hidden by it; /dev/shm is a fresh tmpfs.
in_private_dev() {
	in_private_mounts "$@"
	mkdir "$TMP/dev-layer"
	mount -t tmpfs -o mode=755 ipcns-test-dev "$TMP/dev-layer" || skip "cannot mount a tmpfs"
	mkdir "$TMP/dev-layer/upper" "$TMP/dev-layer/work"
	mount -t overlay ipcns-test-dev -o "lowerdir=/dev,upperdir=$TMP/dev-layer/upper,workdir=$TMP/dev-layer/work" /dev ||
		skip "overlayfs cannot be mounted on /dev here"
	# Tests then remove and create entries in /dev: be sure it is ours.
	[ "$(stat -f -c %T /dev)" = overlayfs ] || { echo "Bail out: /dev is not the test's overlay"; exit 1; }
	mount -t tmpfs -o mode=1777,nosuid,nodev ipcns-test-shm /dev/shm
	# Unmount before the EXIT trap's rm -rf, which cannot remove a mount point.
	at_exit 'umount -l /dev; umount -l "$TMP/dev-layer"'
}

# use_run_dir: root's names under a tmpfs of the test's own, unmounted when
# it exits: IPCNS_RUN_DIR is $TMP/mnt/run (the first create makes it), and
# $run names it.
use_run_dir() {
	mkdir "$TMP/mnt"
	mount -t tmpfs -o mode=755 ipcns-test-run "$TMP/mnt" || skip "cannot mount a tmpfs"
	at_exit 'umount -R -l "$TMP/mnt"'
	export IPCNS_RUN_DIR=$TMP/mnt/run
	# shellcheck disable=SC2034 # for the test that sources this
	run=$IPCNS_RUN_DIR
}

# wait_file FILE: wait up to 10 s for FILE to exist.
wait_file() {
	local i
	for ((i = 0; i < 200; i++)); do
		[ -e "$1" ] && return 0
		sleep 0.05
	done
	return 1
}

# start_target NAME CMD...: start CMD in the background as a namespace for
# enter. CMD is expected to `touch "$TMP/NAME.ready"` once it is set up and
# then to keep running (exec sleep). Sets $target to its PID (the same process
# through every exec), and kills it when the test exits. CMD must be a
# program, not a shell function (whose $! would be a subshell): for nobody,
# use "${nobody[@]}" rather than as_nobody.
start_target() {
	local name=$1
	shift
	"$@" &
	target=$!
	at_exit "kill -KILL $target 2>/dev/null; wait $target 2>/dev/null"
	wait_file "$TMP/$name.ready" || { fail "target $name did not start: $*"; finish; }
}
