#!/bin/bash
# One voice for errors and hints: for each (command x reason) pair that can
# occur, as root (whole or missing one capability) and as nobody, the exact
# hint, or none where no advice would be true. The same situation gets the
# same hint in every command and for every form of TARGET (PID,
# /proc/PID/ns/ipc, a bind-mounted nsfs file, a name), and no hint printed
# to a caller whose euid is 0 tells it to become root.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/limits-lib.sh"
in_scratch_ipcns "$@"
in_private_mounts "$@" # bind-mounted nsfs files and root's names, gone with the test
need_nobody userns

OTHER_UID=65533 # a user who is neither root nor nobody
export IPCNS_RUN_DIR=$TMP/run # root's names; nobody's rootless ones are never made here
mkdir -m 755 "$TMP/run"

# Callers. Each is a command prefix, named in the table and used through
# a nameref; root_callers have euid 0.
# shellcheck disable=SC2034,SC2054 # used by name; commas are setpriv's
{
	root=()
	no_ptrace=(setpriv --inh-caps=-all --bounding-set=-sys_ptrace --)
	no_admin=(setpriv --inh-caps=-all --bounding-set=-sys_admin --)
	no_admin_cr=(setpriv --inh-caps=-all --bounding-set=-sys_admin,-checkpoint_restore --)
	no_ipc_lock=(setpriv --inh-caps=-all --bounding-set=-ipc_lock --)
	no_setpcap=(setpriv --inh-caps=-all --bounding-set=-setpcap --)
	no_setuid=(setpriv --inh-caps=-all --bounding-set=-setuid,-setgid --)
	nobody_userns=("${nobody[@]}" unshare --user --map-root-user --) # euid 0, of its own user namespace
}
root_callers=" root no_ptrace no_admin no_admin_cr no_ipc_lock no_setpcap no_setuid nobody_userns "

# row CALLER COMMAND REASON HINT ARG...: `ipcns ARG...` run by CALLER fails
# with exactly HINT on its "ipcns: hint:" line ("-": no hint line at all).
: >"$TMP/root-hints"
row() {
	local caller=$1 cmd=$2 reason=$3 want=$4 got
	local -n prefix=$caller
	shift 4
	run_capture "${prefix[@]}" "$IPCNS" "$@"
	got=$(sed -n 's/^ipcns: hint: //p' "$TMP/err")
	[ -n "$got" ] || got=-
	[[ $root_callers == *" $caller "* ]] && [ "$got" != - ] && echo "$caller $cmd $reason: $got" >>"$TMP/root-hints"
	if [ "$status" -eq 0 ]; then
		fail "$caller $cmd $reason ($*): succeeded, expected a refusal"
	elif [ "$got" = "$want" ]; then
		pass "$caller $cmd $reason ($*): $got"
	else
		fail "$caller $cmd $reason ($*): hint '$got', expected '$want'; stderr: $(head -c 300 "$TMP/err")"
	fi
}
# works CALLER ARG...: the same command form succeeds (so no hint is owed).
works() {
	local caller=$1
	local -n prefix=$caller
	shift
	run_capture "${prefix[@]}" "$IPCNS" "$@"
	if [ "$status" -eq 0 ]; then pass "$caller ipcns $* works"; else fail "$caller ipcns $*: exit $status: $(head -c 300 "$TMP/err")"; fi
}

# Targets: S, a root-owned scratch namespace; N, nobody's rootless one
# (run -r as nobody); O, a rootless one of another user. Their nsfs files
# bind-mounted in $TMP can be opened by anyone (a path TARGET, no process
# to look at); rname is one of root's names.
start_target s unshare --ipc -- sh -c 'touch "$0/s.ready"; exec sleep 600' "$TMP"
S=$target
mkdir -m 777 "$TMP/n" "$TMP/o"
start_target n/up "${nobody[@]}" "$IPCNS" run -r -- sh -c 'touch "$0/up.ready"; exec sleep 600' "$TMP/n"
N=$target
start_target o/up setpriv --reuid=$OTHER_UID --regid=$OTHER_UID --clear-groups -- \
	"$IPCNS" run -r -- sh -c 'touch "$0/up.ready"; exec sleep 600' "$TMP/o"
O=$target
touch "$TMP/s-ns" "$TMP/o-ns"
mount --bind "/proc/$S/ns/ipc" "$TMP/s-ns" && mount --bind "/proc/$O/ns/ipc" "$TMP/o-ns" ||
	skip "cannot bind-mount an nsfs file"
at_exit 'umount -l "$TMP/s-ns" "$TMP/o-ns" 2>/dev/null'
"$IPCNS" create rname || skip "cannot create a name under $IPCNS_RUN_DIR"
at_exit '"$IPCNS" delete --force rname busy >/dev/null 2>&1'

# Each TARGET-taking command, with the same TARGET: one row apiece.
each_target_cmd() { # CALLER REASON HINT TARGET
	row "$1" enter "$2" "$3" enter "$4" -- true
	row "$1" get "$2" "$3" get --target "$4" msgmax
	row "$1" set "$2" "$3" set --target "$4" msgmax=4444
	row "$1" show "$2" "$3" show "$4"
}

# --- R_TARGET_DENIED: another user's process cannot be opened.
h="the process belongs to root: run as root"
for t in "$S" "/proc/$S/ns/ipc"; do each_target_cmd nobody TARGET_DENIED "$h" "$t"; done
row nobody identify TARGET_DENIED "$h" identify "$S"
h="the process belongs to uid $OTHER_UID: run as uid $OTHER_UID or as root"
for t in "$O" "/proc/$O/ns/ipc"; do each_target_cmd nobody TARGET_DENIED "$h" "$t"; done
h="opening another user's process needs CAP_SYS_PTRACE, which ipcns does not hold"
for t in "$N" "/proc/$N/ns/ipc"; do each_target_cmd no_ptrace TARGET_DENIED "$h" "$t"; done

# --- R_JOIN_DENIED: setns() refused.
h="joining needs CAP_SYS_ADMIN over its owning user namespace: run as root"
for t in "$TMP/s-ns" rname; do each_target_cmd nobody JOIN_DENIED "$h" "$t"; done
h="joining needs CAP_SYS_ADMIN over its owning user namespace, which ipcns does not hold"
for t in "$S" "/proc/$S/ns/ipc" "$TMP/s-ns" rname; do each_target_cmd no_admin JOIN_DENIED "$h" "$t"; done
# another user's rootless namespace: enter names -U, the others join its
# user namespace by themselves
h="it belongs to a user namespace of uid $OTHER_UID: run as uid $OTHER_UID"
row nobody enter JOIN_DENIED "$h with -U (--user), or as root" enter "$TMP/o-ns" -- true
row nobody enter JOIN_DENIED "$h with -U (--user), or as root" enter -U "$TMP/o-ns" -- true
row nobody get JOIN_DENIED "$h, or as root" get --target "$TMP/o-ns" msgmax
row nobody set JOIN_DENIED "$h, or as root" set --target "$TMP/o-ns" msgmax=4444
row nobody show JOIN_DENIED "$h, or as root" show "$TMP/o-ns"
# nobody's own rootless namespace: only enter without -U is refused
h="it belongs to a user namespace of yours: add -U (--user) to join that too"
for t in "$N" "/proc/$N/ns/ipc"; do
	row nobody enter JOIN_DENIED "$h" enter "$t" -- true
	works nobody enter -U "$t" -- true
	works nobody get --target "$t" msgmax
	works nobody set --target "$t" msgmax=4444
	works nobody show "$t"
done

# --- R_LIMIT_DENIED: a /proc/sys write refused.
h="the namespace belongs to a user namespace of uid $NOBODY_UID: add -U (--user) to write its limits as uid 0 there"
for t in "$N" "/proc/$N/ns/ipc"; do
	row root enter LIMIT_DENIED "$h" enter -s msgmax=5999 "$t" -- true
	works root enter -U -s msgmax=5000 "$t" -- true
	works root set --target "$t" msgmax=5000
done
row nobody set LIMIT_DENIED "only uid 0 of the namespace's owning user namespace may change its limits: run as root" \
	set msgmax=4444
row nobody_userns set LIMIT_DENIED \
	"the namespace belongs to a user namespace above yours: only uid 0 there may change its limits" set msgmax=4444

# --- R_NEXT_ID_DENIED
h="*_next_id needs CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN over the namespace's owning user namespace"
row nobody set NEXT_ID_DENIED "$h: run as root" set msg_next_id=77
row no_admin_cr set NEXT_ID_DENIED "$h, which ipcns does not hold" set msg_next_id=77
works nobody run -r -s msg_next_id=77 -- true

# --- R_CREATE_DENIED: unshare(CLONE_NEWIPC) refused.
h="creating an IPC namespace needs CAP_SYS_ADMIN"
row nobody run CREATE_DENIED "$h: run as root, or add -r (--map-root-user) or -c (--map-current-user) for a user namespace of your own" run -- true
row no_admin run CREATE_DENIED "$h: add -r (--map-root-user) or -c (--map-current-user) for a user namespace of your own" run -- true
works nobody run -r -- true
works no_admin run -r -- true

# --- capabilities CMD is to keep
row nobody run CAP_NOT_HELD "add -r or -c: in a user namespace of its own CMD may keep it; or run as root" \
	run --caps cap_ipc_lock -- true
row nobody enter CAP_NOT_HELD "run as root" enter --caps cap_ipc_lock "$TMP/s-ns" -- true
works nobody run -r --caps cap_ipc_lock -- true
h="it is not in the bounding set (CapBnd in /proc/self/status), and nothing can put it back there"
row no_ipc_lock run CAP_NOT_BOUNDING "$h" run --caps cap_ipc_lock -- true
row no_ipc_lock run CAP_NOT_BOUNDING "$h" run -r --caps cap_ipc_lock -- true
row no_ipc_lock enter CAP_NOT_BOUNDING "$h" enter --caps cap_ipc_lock "$S" -- true
row no_setpcap run SETPCAP "add -r or -c: in a user namespace of its own CMD may keep it" \
	run --caps cap_ipc_lock -- true
row no_setpcap enter SETPCAP - enter --caps cap_ipc_lock "$S" -- true
works no_setpcap run -r --caps cap_ipc_lock -- true

# --- -S/-G
h="changing user or group needs CAP_SETUID and CAP_SETGID, which ipcns does not hold"
row no_setuid run ID_CHANGE_DENIED "$h" run -S nobody -- true
row no_setuid enter ID_CHANGE_DENIED "$h" enter -S nobody "$S" -- true
# an ID that the user namespace CMD runs in does not map: the message says so
row nobody run ID_UNMAPPED - run -r -S 1 -- true
row root run ID_UNMAPPED - run -r -S 1 -- true

# --- R_HOST_GUARD: the host's limits, not asked for with --host. Each
# attempt writes the host's current value, so even a broken guard changes
# nothing.
if hp=$(host_ipc_pid); then
	cur=$(nsenter --ipc="/proc/$hp/ns/ipc" cat /proc/sys/kernel/msgmax)
	for t in "$hp" "/proc/$hp/ns/ipc"; do
		row root set HOST_GUARD "add --host if that is what you mean" set --target "$t" msgmax="$cur"
		row root enter HOST_GUARD "add --host if that is what you mean" enter -s msgmax="$cur" "$t" -- true
	done
else
	skip_part "no process of the host's IPC namespace is visible"
fi

# --- R_MKDIR_DENIED: a missing mqueue mount point
mkdir -m 755 "$TMP/rootdir"
row nobody run MKDIR_DENIED \
	"create it beforehand (as root: mkdir $TMP/rootdir/mq), or give --mqueue=DIR with a directory you can write" \
	run -r "-m$TMP/rootdir/mq" -- true

# --- names
touch "$TMP/run/stale"
h="'ipcns delete stale' removes it"
each_target_cmd root NAME_STALE "$h" stale
"$IPCNS" create busy && "$IPCNS" enter busy -- "$IPCPROBE" msg create 0x4242 >/dev/null ||
	fail "cannot make a name that holds an object"
row root delete NAME_BUSY "--force deletes it anyway, and what it holds with it" delete busy
row nobody create NAME_SHM_SIZE "give --shm alone, or create the name as root" create --shm=1M nshm
(
	unset IPCNS_RUN_DIR XDG_RUNTIME_DIR
	row nobody create NAME_NO_DIR "set XDG_RUNTIME_DIR, or IPCNS_RUN_DIR to a directory of yours" create nodir
	# A runtime directory that is not nobody's (root's shell made it): the
	# same advice, and no word of root's names, which nobody did not ask for.
	mkdir -m 700 "$TMP/roots-xdg"
	XDG_RUNTIME_DIR=$TMP/roots-xdg row nobody create NAME_DENIED \
		"set XDG_RUNTIME_DIR, or IPCNS_RUN_DIR to a directory of yours" create denied
	echo "$passes $failures" >"$TMP/sub"
)
read -r passes failures <"$TMP/sub"

# --- CMD that is an option put after TARGET (enter only: run takes such a
# CMD only after "--", which says it is meant); the status stays 127
row root enter CMD_IS_OPTION "-m was taken for CMD: options go before TARGET" enter "$$" -m -- true
[ "$status" -eq 127 ] && pass "... exit 127, as for any command not found" || fail "... exit $status, expected 127"
row root enter CMD_IS_OPTION "-s was taken for CMD: options go before TARGET" enter -F "$$" -s msgmax=1 # forked
row root run CMD_IS_OPTION - run -- -m true
row root enter CMD_NOT_FOUND - enter "$$" no-such-command-here

# --- subordinate IDs (--map-auto)
if ! grep -q "^nobody:" /etc/subuid 2>/dev/null; then
	row nobody run SUBID_MISSING "an administrator adds a line such as nobody:100000:65536 (see subuid(5))" \
		run --map-auto -- true
else
	skip_part "nobody has subordinate IDs here"
fi
if ! grep -q "^root:" /etc/subuid 2>/dev/null; then
	row root run SUBID_MISSING "add the line root:100000:65536 to /etc/subuid and /etc/subgid (see subuid(5))" \
		run --map-auto -- true
else
	skip_part "root has subordinate IDs here"
fi

# No hint tells a caller whose euid is 0 to become root.
if grep -Ei 'as root|become root|run as root' "$TMP/root-hints"; then
	fail "a hint to root says to become root"
else
	pass "no hint to root ($(wc -l <"$TMP/root-hints") hints) says to become root"
fi
finish
