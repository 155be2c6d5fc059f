#!/bin/bash
# Installed setuid root, setgid root or with file capabilities, ipcns refuses
# to run for an ordinary user, with a message: it trusts its caller.
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
in_private_mounts "$@"
need_nobody

# /tmp may be mounted nosuid, where the bits would be ignored and the test
# would prove nothing, and the build tree may be out of nobody's reach (a
# clone under /root): a tmpfs of the test's own, in its private mount
# namespace, is neither. Checked all the same.
dir=$TMP/suid
mkdir "$dir"
mount -t tmpfs -o mode=755 ipcns-test-suid "$dir" || skip "cannot mount a tmpfs"
at_exit 'umount -l "$TMP/suid"'
findmnt -n -o OPTIONS -T "$dir" | tr , '\n' | grep -qx nosuid && skip "$dir is on a nosuid mount"
as_nobody test -x "$dir" || skip "nobody cannot reach $dir"
cp /usr/bin/id "$dir/id" && chmod 4755 "$dir/id"
[ "$(as_nobody "$dir/id" -u)" = 0 ] || skip "a setuid root file does not run as root in $dir"
pass "setuid works in $dir"

refuses() { # refuses DESCRIPTION: the prepared copy, run by nobody
	expect 1 "$1: refused" as_nobody "$dir/ipcns" run -- true
	# In a sanitizer build LeakSanitizer cannot work in a setgid process
	# (it may not inspect itself) and says so in "==PID==" lines at exit,
	# whatever ASAN_OPTIONS say: those lines are not ipcns speaking.
	grep -v '^==[0-9]*==' "$TMP/err" >"$TMP/err.ipcns"
	mv "$TMP/err.ipcns" "$TMP/err"
	expect_err_lines 1 "$1: one line"
	expect_err_match '^ipcns: refusing to run setuid, setgid or with file capabilities: .*not designed' \
		"$1: says it is not designed for that"
}

cp "$IPCNS" "$dir/ipcns"
chown root:root "$dir/ipcns"
chmod 4755 "$dir/ipcns"
refuses "setuid root"
expect 1 "setuid root: --version is refused too" as_nobody "$dir/ipcns" --version

chmod 2755 "$dir/ipcns"
refuses "setgid root"

chmod 0755 "$dir/ipcns"
expect 125 "the same copy without the bits just fails as nobody would" as_nobody "$dir/ipcns" run -- true
expect_err_match 'cannot create an IPC namespace' "... at making the namespace"

if command -v setcap >/dev/null && setcap cap_sys_admin+ep "$dir/ipcns" 2>/dev/null; then
	refuses "file capabilities"
else
	skip_part "setcap is missing or file capabilities are not supported here: not checked"
fi

finish
