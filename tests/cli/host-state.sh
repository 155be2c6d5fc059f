#!/bin/bash
# host-state.sh save|check: the ctest fixture around the whole suite. "save"
# runs before every test, "check" after all of them. Compared is only what
# this suite could have left behind, so that whatever else happens on the
# machine meanwhile (a program using /dev/shm, a mount elsewhere, another
# build's suite) does not count:
#   - its temporary directories (ipcns-test.TAG.*, TAG naming the build tree);
#   - mounts on the paths the tests and ipcns mount on, or of their kinds
#     (mqueue anywhere, a source named ipcns-test-*);
#   - the limits of this IPC namespace and of the initial one, only read;
#   - System V objects with a key, and POSIX queues and /dev/shm entries
#     with a name, that a test uses (taken from the tests themselves).
set -u
here=$(cd "$(dirname "$0")" && pwd)
state=${IPCNS_BUILD_DIR:?}/host-state
sum=$(printf '%s' "$IPCNS_BUILD_DIR" | cksum) # lib.sh's suite_tag
tag=${sum%% *}

limits=(/proc/sys/kernel/msg* /proc/sys/kernel/sem /proc/sys/kernel/shm* /proc/sys/fs/mqueue/*)
# The keys and names the tests use: words like 0x1234, and "mq open /q1".
mapfile -t keys < <(grep -ohE '\b0x[0-9a-fA-F]{3,}\b' "$here"/t-*.sh | sort -u)
mapfile -t queues < <(grep -ohE '\bmq (create|open|excl|unlink) /[A-Za-z0-9._-]+' "$here"/t-*.sh |
	awk '{ print $3 }' | sort -u)

# ipc_view: what the caller's IPC namespace holds of the suite's: its limits,
# its objects with the suite's keys, its queues with the suite's names.
ipc_view() {
	local f k q
	for f in "${limits[@]}"; do
		printf '%s = %s\n' "$f" "$(cat "$f")"
	done
	for f in msg sem shm; do
		for k in "${keys[@]}"; do
			printf '%s key %s: %s\n' "$f" "$k" "$(awk -v k=$((k)) '$1 == k' "/proc/sysvipc/$f" | wc -l)"
		done
	done
	if [ -n "${IPCPROBE:-}" ]; then
		for q in "${queues[@]}"; do
			if "$IPCPROBE" mq open "$q" 2>/dev/null; then
				echo "queue $q: present"
			else
				echo "queue $q: absent"
			fi
		done
	fi
}

snapshot() {
	local f
	echo "# temporary directories of this build's suite"
	ls -d "${TMPDIR:-/tmp}/ipcns-test.$tag."* 2>/dev/null
	echo "# mounts on the suite's paths, or of its kinds"
	awk -v tmp="${TMPDIR:-/tmp}/ipcns-test." '{
		for (i = 7; $i != "-"; i++)
			;
		if ($5 ~ /^\/dev(\/shm|\/mqueue)?$/ || $5 ~ /^\/etc\/(passwd|group)$/ || $5 ~ /^\/run\/ipcns/ ||
		    index($5, tmp) == 1 || $(i + 1) == "mqueue" || $(i + 2) ~ /^ipcns-test/)
			print $1, $2, $5, $6, $(i + 1), $(i + 2), $(i + 3)
	}' /proc/self/mountinfo
	echo "# /dev/shm entries with the suite's prefix"
	for f in /dev/shm/ipcns-test* /dev/shm/sem.ipcns-test*; do
		[ -e "$f" ] && stat -c '%A %U %G %s %y %n' "$f"
	done
	echo "# this IPC namespace"
	ipc_view
	# Only read: nsenter into the initial IPC namespace, where a test never
	# writes, to see that nothing did.
	if [ "$(stat -L -c %i /proc/self/ns/ipc)" != 4026531839 ] &&
		[ "$(stat -L -c %i /proc/1/ns/ipc 2>/dev/null)" = 4026531839 ]; then
		echo "# the initial IPC namespace"
		nsenter --ipc=/proc/1/ns/ipc -- bash -c "$(declare -p limits keys queues; declare -f ipc_view); ipc_view"
	fi
}

case ${1:-} in
save)
	snapshot >"$state.before"
	echo "saved what the suite could change: its temporary names, mounts, limits and IPC objects"
	;;
check)
	[ -f "$state.before" ] || { echo "SKIP: no snapshot (the save step did not run)"; exit 77; }
	snapshot >"$state.after"
	if diff -u "$state.before" "$state.after"; then
		echo "ok - the suite left no temporary name, mount, limit or IPC object behind"
		rm -f "$state.before" "$state.after"
	else
		echo "not ok - the suite changed the host (diff above: - before, + after)"
		exit 1
	fi
	;;
*)
	echo "usage: host-state.sh save|check" >&2
	exit 2
	;;
esac
