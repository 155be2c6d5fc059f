#!/bin/bash
# host-state.sh save|check: the ctest fixture around the whole suite. "save"
# runs before every test, "check" after all of them: the host's mount table,
# /dev/shm and /dev/mqueue must be exactly as they were.
set -u
state=${IPCNS_BUILD_DIR:?}/host-state

snapshot() {
	echo "# mount table"
	cat /proc/self/mountinfo
	# Each directory itself and its entries (not "..": /dev changes on its own).
	echo "# /dev/shm"
	stat -c '%A %U %G %y' /dev/shm
	ls -lA --time-style=full-iso /dev/shm
	echo "# /dev/mqueue"
	if [ -e /dev/mqueue ]; then
		stat -c '%A %U %G %y' /dev/mqueue
		ls -lA --time-style=full-iso /dev/mqueue
	else
		echo absent
	fi
}

case ${1:-} in
save)
	snapshot >"$state.before"
	echo "saved the host's mounts, /dev/shm and /dev/mqueue"
	;;
check)
	[ -f "$state.before" ] || { echo "SKIP: no snapshot (the save step did not run)"; exit 77; }
	snapshot >"$state.after"
	if diff -u "$state.before" "$state.after"; then
		echo "ok - the host's mounts, /dev/shm and /dev/mqueue are as before the suite"
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
