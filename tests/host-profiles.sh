#!/bin/bash
# host-profiles.sh BUILD_DIR: README's test command (ctest on a build tree)
# on each kind of host a user has, each simulated without changing this one:
#
#   checkout   BUILD_DIR as it is;
#   0700-clone a git clone of BUILD_DIR's source (its committed HEAD) under
#              a directory of mode 0700, as a clone in /root is, built there:
#              nobody and the tests' other users cannot reach it;
#   systemd    BUILD_DIR inside a private IPC and mount namespace where
#              /dev/mqueue is an mqueue mount and /dev/shm a tmpfs holding
#              other programs' files, as on a systemd host, and where other
#              programs' IPC objects exist. If this host has no /dev/mqueue,
#              /dev is an overlay in that namespace (over a tmpfs layer) so
#              that the directory is created there, never on this host.
#
# Each profile passes when ctest reports 0 failed and 0 skipped tests and no
# test skipped a part ("# SKIP:" in its output). Prints "ok"/"not ok" per
# profile, ends with "N passed, N failed"; exits 1 if any profile failed.
set -u
build=$(cd "${1:?usage: tests/host-profiles.sh BUILD_DIR}" && pwd) || exit 2
src=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt")
[ -d "$src" ] || { echo "$build is not a CMake build tree of ipcns" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "host-profiles.sh runs the suite as root, as README's command does" >&2; exit 2; }
passes=0 failures=0
work=$(mktemp -d "${TMPDIR:-/tmp}/ipcns-profiles.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

# judge NAME BUILD LOG STATUS: did ctest, whose output is LOG, pass with no
# skip at all?
judge() {
	local name=$1 tree=$2 log=$3 status=$4 summary skipped partial
	summary=$(grep -E '^[0-9]+% tests passed' "$log")
	skipped=$(grep -c -- '\*\*\*Skipped\|Not Run' "$log")
	partial=$(grep -c '^# SKIP:' "$tree/Testing/Temporary/LastTest.log" 2>/dev/null)
	if [ "$status" -eq 0 ] && [ -n "$summary" ] && [ "$skipped" -eq 0 ] && [ "${partial:-0}" -eq 0 ]; then
		echo "ok - $name: $summary, 0 skipped"
		passes=$((passes + 1))
	else
		echo "not ok - $name: ctest exit $status; ${summary:-no summary}; $skipped skipped, ${partial:-0} parts skipped"
		{
			grep -E -- '\*\*\*|Not Run' "$log"
			grep -a -E -- '^not ok|^SKIP|^# SKIP' "$tree/Testing/Temporary/LastTest.log" 2>/dev/null
		} | head -n 30 | sed 's/^/#   /'
		failures=$((failures + 1))
	fi
}

ctest_cmd=(ctest -j2 --output-on-failure --test-dir)

# 1. The checkout as it is.
"${ctest_cmd[@]}" "$build" >"$work/checkout.log" 2>&1
judge checkout "$build" "$work/checkout.log" $?

# 2. A clone under a 0700 directory, built there as README says.
home=$work/home
mkdir -m 700 "$home"
if git clone -q "$src" "$home/ipcns" >"$work/clone.log" 2>&1 &&
	cmake -S "$home/ipcns" -B "$home/ipcns/build" >>"$work/clone.log" 2>&1 &&
	cmake --build "$home/ipcns/build" -j2 >>"$work/clone.log" 2>&1; then
	"${ctest_cmd[@]}" "$home/ipcns/build" >"$work/0700-clone.log" 2>&1
	judge 0700-clone "$home/ipcns/build" "$work/0700-clone.log" $?
else
	echo "not ok - 0700-clone: clone or build failed"
	tail -n 20 "$work/clone.log" | sed 's/^/#   /'
	failures=$((failures + 1))
fi

# 3. A systemd host: /dev/mqueue mounted, other programs' files in /dev/shm
# and their IPC objects in the namespace, all in namespaces of our own.
probe=$build/tests/helpers/ipcprobe
# shellcheck disable=SC2016 # expanded by the inner shell
unshare --ipc --mount --propagation private -- bash -c '
	set -e
	work=$1 probe=$2
	shift 2
	if [ ! -d /dev/mqueue ]; then
		# No /dev/mqueue here: make one in an overlay of /dev, whose upper
		# layer is a tmpfs of this namespace. Keep the pseudo-terminals.
		mkdir "$work/dev"
		mount -t tmpfs -o mode=755 ipcns-profile-dev "$work/dev"
		mkdir "$work/dev/upper" "$work/dev/work" "$work/dev/pts"
		mount --bind /dev/pts "$work/dev/pts"
		mount -t overlay ipcns-profile-dev \
			-o "lowerdir=/dev,upperdir=$work/dev/upper,workdir=$work/dev/work" /dev
		[ "$(stat -f -c %T /dev)" = overlayfs ] # never go on with the real /dev
		mount --move "$work/dev/pts" /dev/pts
		mkdir /dev/mqueue
	fi
	mount -t mqueue mqueue /dev/mqueue
	mount -t tmpfs -o mode=1777,nosuid,nodev ipcns-profile-shm /dev/shm
	echo data >/dev/shm/PostgreSQL.1804289383
	echo data >/dev/shm/sem.other-program
	"$probe" mq create /other-program >/dev/null
	"$probe" msg create 0x7e570001 >/dev/null
	"$probe" shm create 0x7e570002 >/dev/null
	exec "$@"
' bash "$work" "$probe" "${ctest_cmd[@]}" "$build" >"$work/systemd.log" 2>&1
judge systemd "$build" "$work/systemd.log" $?

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
