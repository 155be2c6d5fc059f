#!/bin/bash
# --shm[=SIZE]: a private mount namespace with a fresh tmpfs on /dev/shm, so
# POSIX shared memory (shm_open) is isolated along with the IPC namespace.
# The test's own /dev/shm is a scratch tmpfs: the host's is never written.
# Mounts are judged by the mount a path is on (the top-most one), so the
# mounts hidden under the test's own are no help to a broken ipcns.
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
in_private_mounts "$@"
stage_binaries # the probe runs as nobody below
mount -t tmpfs -o mode=1777,nosuid,nodev ipcns-test-shm /dev/shm || skip "cannot mount a tmpfs"
mount --make-rshared / # a mount that ipcns did not keep private would show up here
save_mounts "$TMP/mounts"

probe=$IPCPROBE
echo outside >/dev/shm/ipcns-test-outside-file
"$probe" pshm create /ipcns-test-outside || fail "shm_open outside"

expect 0 "run --shm: a file made in /dev/shm inside ..." \
	"$IPCNS" run --shm -- sh -c 'echo inside >/dev/shm/ipcns-test-inside-file && "$1" pshm create /ipcns-test-inside && ls /dev/shm' sh "$probe"
expect_out "ipcns-test-inside
ipcns-test-inside-file" "... is there, and nothing from outside is"
[ ! -e /dev/shm/ipcns-test-inside-file ] && pass "... and absent outside" || fail "/dev/shm/ipcns-test-inside-file leaked out"
expect 3 "shm_open outside does not find the object made inside" "$probe" pshm open /ipcns-test-inside
expect 3 "shm_open inside does not find the object made outside" "$IPCNS" run --shm -- "$probe" pshm open /ipcns-test-outside
expect 0 "without --shm, /dev/shm is shared (what --shm is for)" "$IPCNS" run -- "$probe" pshm open /ipcns-test-outside
expect 0 "run --shm: the mount on /dev/shm ..." "$IPCNS" run --shm -- "$probe" mountof /dev/shm
expect_mount "... is ipcns's tmpfs, nosuid, nodev" /dev/shm tmpfs tmpfs nosuid nodev
expect 0 "run --shm=1M -F: the mount on /dev/shm ..." "$IPCNS" run -F --shm=1M -- "$probe" mountof /dev/shm
expect_mount "... is a 1 MiB tmpfs, nosuid, nodev" /dev/shm tmpfs tmpfs nosuid nodev size=1024k
expect 0 "stat /dev/shm inside" "$IPCNS" run --shm -- stat -c %a /dev/shm
expect_out 1777 "... world-writable with the sticky bit"
same_mounts "$TMP/mounts" "no mount reached the test's (shared) namespace"

# SIZE: IEC suffixes, rounded up to whole pages; 0 and garbage refused.
page=$(getconf PAGESIZE)
size_of() { "$IPCNS" run --shm="$1" -- stat -f -c '%b %S' /dev/shm | awk '{ print $1 * $2 }'; }
[ "$(size_of 1M)" = 1048576 ] && pass "--shm=1M gives a 1 MiB tmpfs" || fail "--shm=1M gives $(size_of 1M) bytes"
[ "$(size_of 64KiB)" = 65536 ] && pass "--shm=64KiB gives 64 KiB" || fail "--shm=64KiB gives $(size_of 64KiB) bytes"
[ "$(size_of 1)" = "$page" ] && pass "--shm=1 rounds up to one page" || fail "--shm=1 gives $(size_of 1) bytes"
expect 1 "a 1 MiB /dev/shm really holds no more" "$IPCNS" run --shm=1M -- \
	sh -c 'head -c 2097152 /dev/zero >/dev/shm/ipcns-test-big 2>/dev/null || exit 1'
for bad in 0 1.5M 12X 64KB -1; do
	expect 125 "--shm=$bad gives 125" "$IPCNS" run --shm="$bad" -- true
	expect_err_lines 1 "... with one line"
	expect_err_match "^ipcns: --shm=$bad: " "... naming it"
done
run_capture "$IPCNS" run --shm=0 -- true
expect_err_match 'at least 1 byte' "--shm=0 says why (tmpfs would read 0 as unlimited)"
expect 125 "a size that would wrap past 2^64 when rounded to pages gives 125" "$IPCNS" run --shm=18446744073709551615 -- true
expect_err_match 'too large' "... saying it is too large"
expect 0 "a bare --shm takes no value: the next word is CMD" "$IPCNS" run --shm true
expect 125 "--shm is an option of run only" "$IPCNS" enter --shm $$ -- true
expect_err_match '^ipcns: enter: --shm: unknown option$' "... enter says it does not know it"

# --shm and -m together: one mount namespace, both mounts.
expect 0 "--shm and -m together: /dev/shm ..." "$IPCNS" run --shm=1M -m"$TMP/mq" -- "$probe" mountof /dev/shm
expect_mount "... is the 1 MiB tmpfs" /dev/shm tmpfs tmpfs nosuid nodev size=1024k
expect 0 "... and DIR" "$IPCNS" run --shm=1M -m"$TMP/mq" -- "$probe" mountof "$TMP/mq"
expect_mount "... is the mqueue fs" "$TMP/mq" mqueue mqueue nosuid nodev noexec

# Rootless.
need_nobody userns
expect 0 "as nobody, run -r --shm=64K works" as_nobody "$IPCNS" run -r --shm=64K -- sh -c \
	'echo x >/dev/shm/ipcns-test-mine && stat -c "%a %u" /dev/shm && stat -f -c "%b %S" /dev/shm | awk "{ print \$1 * \$2 }"'
expect_out "1777 0
65536" "... a 64 KiB tmpfs of mode 1777 owned by its uid 0"
[ ! -e /dev/shm/ipcns-test-mine ] && pass "... whose files stay inside" || fail "/dev/shm/ipcns-test-mine leaked out"
expect 0 "as nobody, run -r --shm: the mount on /dev/shm ..." as_nobody "$IPCNS" run -r --shm=64K -- "$probe" mountof /dev/shm
expect_mount "... is a nosuid, nodev tmpfs too" /dev/shm tmpfs tmpfs nosuid nodev size=64k
same_mounts "$TMP/mounts" "and still no mount reached the test's namespace"

finish
