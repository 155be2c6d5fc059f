#!/bin/bash
# Who is CMD? One row per combination of caller, mode and options that
# changes the answer, each with what CMD must see in its own
# /proc/self/status and which of two root-owned files it can open. The
# expectations are written out from the rules of "WHO RUNS CMD" in the man
# page (checked at the end to state each rule), not recorded from a run.
# A second, smaller table runs rows again on a terminal: does CMD keep it?
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"
in_private_mounts "$@" # --map-auto's rows bind test files over /etc/subuid and /etc/subgid
need_nobody userns
[ "$(id -u nobody 2>/dev/null):$(id -G nobody 2>/dev/null)" = "65534:65534" ] ||
	skip "user nobody is not 65534 with group 65534 alone here, as the table assumes"
command -v nsenter >/dev/null || skip "nsenter (util-linux) is missing"
cd "$TMP" || exit 1

# The capability masks. FULL: the bounding set the test was given, which a
# caller in our user namespace keeps. ALL: every capability of this kernel,
# which a new or joined user namespace gives (the two differ where the test
# runs with a reduced bounding set).
FULL=$(awk '/^CapBnd/ { print $2 }' /proc/self/status)
ALL=$(printf '%016x' $(((1 << ($(cat /proc/sys/kernel/cap_last_cap) + 1)) - 1)))
NONE=0000000000000000
IPCLOCK=0000000000004000

# The two files: root only, and readable by group 42 (shadow on Debian).
printf 'secret\n' >"$TMP/root-only" && chown 0:0 "$TMP/root-only" && chmod 0600 "$TMP/root-only"
printf 'shadowy\n' >"$TMP/group-42" && chown 0:42 "$TMP/group-42" && chmod 0640 "$TMP/group-42"
mkdir -m 1777 "$TMP/mark" # CMD leaves its marker here, whoever it is

# The IDs that run --map-user and --map-group map, and that -S and -G name:
# lp (uid 7, whose primary group is 7) and the group mail (8).
[ "$(getent passwd lp | cut -d: -f3,4):$(getent group mail | cut -d: -f3)" = "7:7:8" ] ||
	skip "user lp is not 7:7 or group mail not 8 here, as the table assumes"

# --map-auto's subordinate IDs, only in this test's own mount namespace (as
# t-mapuser.sh does): root's block starts at 100000, nobody's at 200000.
# Without the helpers or the files to bind over, only its rows are skipped.
mapauto_skip=""
if ! command -v newuidmap >/dev/null || ! command -v newgidmap >/dev/null; then
	mapauto_skip="newuidmap/newgidmap (Debian: uidmap) are not installed"
elif [ ! -f /etc/subuid ] || [ ! -f /etc/subgid ]; then
	mapauto_skip="/etc/subuid or /etc/subgid is missing: no file to bind a test range over"
else
	printf 'root:100000:65536\nnobody:200000:65536\n' >"$TMP/subid"
	chmod 644 "$TMP/subid"
	if mount --bind "$TMP/subid" /etc/subuid && mount --bind "$TMP/subid" /etc/subgid; then
		at_exit 'umount /etc/subuid /etc/subgid 2>/dev/null'
	else
		mapauto_skip="cannot bind a test range over /etc/subuid and /etc/subgid"
	fi
fi
[ -z "$mapauto_skip" ] || echo "# the --map-auto rows are skipped: $mapauto_skip"

# The callers, as setpriv makes them.
declare -A caller=(
	[root]="setpriv --groups 0 --"
	[root+42]="setpriv --groups 0,42 --"
	[nobody]="setpriv --reuid=65534 --regid=65534 --clear-groups --"
	[nobody+42]="setpriv --reuid=65534 --regid=65534 --groups 42 --"
)

# wait_own_ns PID KIND...: until PID has namespaces of its own of each KIND.
wait_own_ns() {
	local pid=$1 kind theirs
	shift
	for kind in "$@"; do
		for _ in $(seq 200); do
			theirs=$(readlink "/proc/$pid/ns/$kind" 2>/dev/null)
			[ -n "$theirs" ] && [ "$theirs" != "$(readlink "/proc/self/ns/$kind")" ] && continue 2
			sleep 0.02
		done
		fail "process $pid never made its own $kind namespace"
		finish
	done
}

# The two namespaces enter joins: one made by root (owned by our user
# namespace), one made by nobody with run -r (owned by nobody's).
unshare --ipc -- sleep 600 &
rootns=$!
at_exit "kill -KILL $rootns 2>/dev/null; wait $rootns 2>/dev/null"
setpriv --reuid=65534 --regid=65534 --clear-groups -- "$IPCNS" run -r -- sleep 600 &
userns=$!
at_exit "kill -KILL $userns 2>/dev/null; wait $userns 2>/dev/null"
wait_own_ns "$rootns" ipc
wait_own_ns "$userns" ipc user

# What a refusal must leave as it was: both targets alive, and msgmax in our
# namespace and in each target's (refused enter rows also ask to set it).
state() {
	local p
	echo "msgmax here $(cat /proc/sys/kernel/msgmax)"
	for p in rootns userns; do
		kill -0 "${!p}" 2>/dev/null || echo "$p gone"
		echo "in $p $(nsenter -t "${!p}" -i cat /proc/sys/kernel/msgmax 2>&1)"
	done
}

# CMD, a shell: marks that it ran, prints its own status, then tries the files.
# Builtins only (the subshells are forks), so every line is CMD's own view.
# shellcheck disable=SC2016
cmd=(sh -c '
: >"$1"
while IFS= read -r line; do echo "$line"; done </proc/self/status
if (: <"$2") 2>/dev/null; then echo "ReadRoot: yes"; else echo "ReadRoot: no"; fi
if (: <"$3") 2>/dev/null; then echo "Read42: yes"; else echo "Read42: no"; fi
' sh "$TMP/mark/ran" "$TMP/root-only" "$TMP/group-42")

# got NAME: the value of NAME in what CMD printed, blanks squeezed.
got() {
	awk -v k="$1:" '$1 == k { $1 = ""; sub(/^ +/, ""); print; exit }' "$TMP/out"
}

# row CALLER MODE OPTIONS EXIT [UID GID GROUPS INH PRM EFF BND AMB NNP READROOT READ42]
# MODE is run, run -r, or enter with @rootns / @userns as TARGET.
row() {
	local who=$1 mode=$2 want_exit=$4 name args=() words opts bad="" f want have before after
	read -ra opts <<<"$3"
	shift 4
	name="$who $mode${opts[*]:+ ${opts[*]}}"
	name=${name//@rootns/root-owned-ns}
	name=${name//@userns/rootless-ns}
	read -ra words <<<"$mode"
	case ${words[-1]} in
	@rootns) args=("${words[@]:0:${#words[@]}-1}" "${opts[@]}" "$rootns") ;;
	@userns) args=("${words[@]:0:${#words[@]}-1}" "${opts[@]}" "$userns") ;;
	*) args=("${words[@]}" "${opts[@]}") ;;
	esac
	# A refused enter would also have set a limit (a value of its own, so
	# that a row that set it stands out): it must not have.
	rows=$((rows + 1))
	if [ -n "$mapauto_skip" ] && [[ " ${words[*]} ${opts[*]} " == *" --map-auto "* ]]; then
		echo "# skip $name: $mapauto_skip"
		return
	fi
	[ "$want_exit" = 125 ] && [ "${words[0]}" = enter ] &&
		args=("${args[@]:0:${#args[@]}-1}" -s kernel.msgmax=$((9000 + rows)) "${args[-1]}")
	rm -f "$TMP/mark/ran"
	[ "$want_exit" = 125 ] && before=$(state)
	# shellcheck disable=SC2086
	${caller[$who]} "$IPCNS" "${args[@]}" -- "${cmd[@]}" >"$TMP/out" 2>"$TMP/err"
	status=$?
	[ "$status" = "$want_exit" ] || bad+=" exit want $want_exit got $status ($(head -n1 "$TMP/err"));"
	if [ "$want_exit" = 125 ]; then
		[ -e "$TMP/mark/ran" ] && bad+=" CMD ran;"
		after=$(state)
		[ "$after" = "$before" ] || bad+=" something changed: ${before//$'\n'/, } -> ${after//$'\n'/, };"
		if [ -z "$bad" ]; then pass "$name: refused, nothing changed"; else fail "$name:$bad"; fi
		return
	fi
	[ -e "$TMP/mark/ran" ] || bad+=" CMD did not run;"
	for f in Uid Gid Groups CapInh CapPrm CapEff CapBnd CapAmb NoNewPrivs ReadRoot Read42; do
		want=$1
		shift
		case $f in Uid | Gid) want="$want $want $want $want" ;; esac
		have=$(got "$f")
		[ "$have" = "$want" ] || bad+=" $f want '$want' got '$have';"
	done
	if [ -z "$bad" ]; then pass "$name"; else fail "$name:$bad"; fi
}

# ttyrow CALLER MODE OPTIONS TTY: MODE and OPTIONS as in row; CMD runs on a
# terminal of its own (script(1)'s), and TTY says whether it keeps it.
ttyrow() {
	local who=$1 mode=$2 want=$4 name args=() words opts line have
	read -ra opts <<<"$3"
	read -ra words <<<"$mode"
	name="$who $mode${opts[*]:+ ${opts[*]}}"
	name=${name//@rootns/root-owned-ns}
	name=${name//@userns/rootless-ns}
	name="on a terminal: $name"
	if [ -n "$mapauto_skip" ] && [[ " ${words[*]} ${opts[*]} " == *" --map-auto "* ]]; then
		echo "# skip $name: $mapauto_skip"
		return
	fi
	case ${words[-1]} in
	@rootns) args=("${words[@]:0:${#words[@]}-1}" "${opts[@]}" "$rootns") ;;
	@userns) args=("${words[@]:0:${#words[@]}-1}" "${opts[@]}" "$userns") ;;
	*) args=("${words[@]}" "${opts[@]}") ;;
	esac
	# shellcheck disable=SC2086
	line=$(printf '%q ' ${caller[$who]} "$IPCNS" "${args[@]}" -- "${ttycmd[@]}")
	have=$(script -qfec "$line" /dev/null </dev/null 2>&1 | tr -d '\r' | sed -n 's/^tty_nr=//p')
	case $want:$have in
	*:) fail "$name: CMD did not run or said nothing (want $want)" ;;
	none:0) pass "$name: CMD has no controlling terminal" ;;
	kept:0) fail "$name: CMD lost the caller's terminal (tty_nr 0), want it kept" ;;
	kept:*) pass "$name: CMD keeps the caller's terminal (tty_nr $have)" ;;
	*) fail "$name: CMD kept the caller's terminal (tty_nr $have), want $want" ;;
	esac
}

rows=0
# The table. Rules cited are those of WHO RUNS CMD in ipcns(1). Groups is
# the supplementary list (empty: none). Options are those of the row; the
# columns after EXIT are only for rows that run CMD.
while IFS='|' read -ra cols; do
	case ${cols[0]:-} in '' | '#'*) continue ;; esac
	for i in "${!cols[@]}"; do # trim the blanks that align the columns
		read -r "cols[i]" <<<"${cols[i]}"
	done
	row "${cols[@]}"
done <<EOF
# caller |mode          |options                                          |exit|uid  |gid  |groups   |CapInh  |CapPrm  |CapEff  |CapBnd  |CapAmb  |NNP|root|42
#
# root, run: new IPC namespace, same user namespace (rules 1, 3-6).
root     |run           |                                                 | 0 | 0    | 0    | 0       |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root     |run           |-S nobody                                        | 0 | 65534| 65534| 65534   |$NONE   |$NONE   |$NONE   |$FULL   |$NONE   | 0 | no  | no
root     |run           |-G 42                                            | 0 | 0    | 42   |         |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root     |run           |-S nobody -G 42                                  | 0 | 65534| 42   |         |$NONE   |$NONE   |$NONE   |$FULL   |$NONE   | 0 | no  | yes
root     |run           |--caps cap_ipc_lock                              | 0 | 0    | 0    | 0       |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | yes | yes
root     |run           |-S nobody --caps cap_ipc_lock                    | 0 | 65534| 65534| 65534   |$IPCLOCK|$IPCLOCK|$IPCLOCK|$FULL   |$IPCLOCK| 0 | no  | no
root     |run           |--no-new-privs                                   | 0 | 0    | 0    | 0       |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 1 | yes | yes
root     |run           |-S nobody -G 42 --caps cap_ipc_lock --no-new-privs| 0 | 65534| 42  |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$FULL   |$IPCLOCK| 1 | no  | yes
root+42  |run           |                                                 | 0 | 0    | 0    | 0 42    |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root+42  |run           |-S nobody                                        | 0 | 65534| 65534| 65534   |$NONE   |$NONE   |$NONE   |$FULL   |$NONE   | 0 | no  | no
root+42  |run           |-G 42                                            | 0 | 0    | 42   |         |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root+42  |run           |-S nobody -G 42                                  | 0 | 65534| 42   |         |$NONE   |$NONE   |$NONE   |$FULL   |$NONE   | 0 | no  | yes
root+42  |run           |--caps cap_ipc_lock                              | 0 | 0    | 0    | 0 42    |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | yes | yes
root+42  |run           |-S nobody --caps cap_ipc_lock                    | 0 | 65534| 65534| 65534   |$IPCLOCK|$IPCLOCK|$IPCLOCK|$FULL   |$IPCLOCK| 0 | no  | no
root+42  |run           |--no-new-privs                                   | 0 | 0    | 0    | 0 42    |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 1 | yes | yes
#
# run -r: only 0 is mapped, to the caller; setgroups is denied (rules 2-5),
# so -S as well as -G leaves no supplementary groups (cleared before).
root     |run -r        |                                                 | 0 | 0    | 0    | 0       |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | yes | yes
root     |run -r        |-S nobody                                        |125
root     |run -r        |-G 42                                            |125
root     |run -r        |-S 0                                             | 0 | 0    | 0    |         |$NONE   |$NONE   |$NONE   |$NONE   |$NONE   | 0 | yes | yes
root     |run -r        |-G 0                                             | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | yes | yes
root     |run -r        |--caps cap_ipc_lock                              | 0 | 0    | 0    | 0       |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | yes | yes
root     |run -r        |-S 0 --caps cap_ipc_lock                         | 0 | 0    | 0    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | yes | yes
root     |run -r        |--no-new-privs                                   | 0 | 0    | 0    | 0       |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 1 | yes | yes
root     |run -r        |-S 0 -G 0 --caps cap_ipc_lock --no-new-privs     | 0 | 0    | 0    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 1 | yes | yes
root+42  |run -r        |                                                 | 0 | 0    | 0    | 0 65534 |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | yes | yes
root+42  |run -r        |-S nobody                                        |125
root+42  |run -r        |-G 42                                            |125
root+42  |run -r        |-S 0                                             | 0 | 0    | 0    |         |$NONE   |$NONE   |$NONE   |$NONE   |$NONE   | 0 | yes | yes
root+42  |run -r        |-G 0                                             | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | yes | yes
root+42  |run -r        |--caps cap_ipc_lock                              | 0 | 0    | 0    | 0 65534 |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | yes | yes
root+42  |run -r        |--no-new-privs                                   | 0 | 0    | 0    | 0 65534 |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 1 | yes | yes
root+42  |run -r        |-S 0 -G 0 --caps cap_ipc_lock --no-new-privs     | 0 | 0    | 0    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 1 | yes | yes
#
# enter a namespace made by root: its user namespace is the caller's own,
# so -U joins nothing more (rule 1) and both are run's rows.
root     |enter @rootns |                                                 | 0 | 0    | 0    | 0       |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root     |enter @rootns |-S nobody                                        | 0 | 65534| 65534| 65534   |$NONE   |$NONE   |$NONE   |$FULL   |$NONE   | 0 | no  | no
root     |enter @rootns |-G 42                                            | 0 | 0    | 42   |         |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root     |enter @rootns |-S nobody -G 42                                  | 0 | 65534| 42   |         |$NONE   |$NONE   |$NONE   |$FULL   |$NONE   | 0 | no  | yes
root     |enter @rootns |--caps cap_ipc_lock                              | 0 | 0    | 0    | 0       |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | yes | yes
root     |enter @rootns |-S nobody --caps cap_ipc_lock                    | 0 | 65534| 65534| 65534   |$IPCLOCK|$IPCLOCK|$IPCLOCK|$FULL   |$IPCLOCK| 0 | no  | no
root     |enter @rootns |--no-new-privs                                   | 0 | 0    | 0    | 0       |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 1 | yes | yes
root     |enter -U @rootns|                                               | 0 | 0    | 0    | 0       |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root     |enter -U @rootns|-S nobody                                      | 0 | 65534| 65534| 65534   |$NONE   |$NONE   |$NONE   |$FULL   |$NONE   | 0 | no  | no
root     |enter -U @rootns|-G 42                                          | 0 | 0    | 42   |         |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root     |enter -U @rootns|--caps cap_ipc_lock                            | 0 | 0    | 0    | 0       |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | yes | yes
root     |enter -U @rootns|-S nobody --caps cap_ipc_lock                  | 0 | 65534| 65534| 65534   |$IPCLOCK|$IPCLOCK|$IPCLOCK|$FULL   |$IPCLOCK| 0 | no  | no
root     |enter -U @rootns|--no-new-privs                                 | 0 | 0    | 0    | 0       |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 1 | yes | yes
root+42  |enter @rootns |                                                 | 0 | 0    | 0    | 0 42    |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root+42  |enter @rootns |-S nobody                                        | 0 | 65534| 65534| 65534   |$NONE   |$NONE   |$NONE   |$FULL   |$NONE   | 0 | no  | no
root+42  |enter @rootns |-G 42                                            | 0 | 0    | 42   |         |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root+42  |enter @rootns |--caps cap_ipc_lock                              | 0 | 0    | 0    | 0 42    |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | yes | yes
root+42  |enter @rootns |--no-new-privs                                   | 0 | 0    | 0    | 0 42    |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 1 | yes | yes
root+42  |enter -U @rootns|                                               | 0 | 0    | 0    | 0 42    |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root+42  |enter -U @rootns|-S nobody                                      | 0 | 65534| 65534| 65534   |$NONE   |$NONE   |$NONE   |$FULL   |$NONE   | 0 | no  | no
root+42  |enter -U @rootns|-G 42                                          | 0 | 0    | 42   |         |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root+42  |enter -U @rootns|--caps cap_ipc_lock                            | 0 | 0    | 0    | 0 42    |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | yes | yes
root+42  |enter -U @rootns|--no-new-privs                                 | 0 | 0    | 0    | 0 42    |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 1 | yes | yes
root+42  |enter -U @rootns|-S nobody -G 42 --caps cap_ipc_lock --no-new-privs| 0 | 65534| 42 |       |$IPCLOCK|$IPCLOCK|$IPCLOCK|$FULL   |$IPCLOCK| 1 | no  | yes
#
# root enters nobody's rootless namespace without -U: CMD stays global
# root with the caller's groups (rule 8), and -S/-G/--caps act as in run.
root     |enter @userns |                                                 | 0 | 0    | 0    | 0       |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root     |enter @userns |-S nobody                                        | 0 | 65534| 65534| 65534   |$NONE   |$NONE   |$NONE   |$FULL   |$NONE   | 0 | no  | no
root     |enter @userns |-G 42                                            | 0 | 0    | 42   |         |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root     |enter @userns |--caps cap_ipc_lock                              | 0 | 0    | 0    | 0       |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | yes | yes
root     |enter @userns |-S nobody --caps cap_ipc_lock                    | 0 | 65534| 65534| 65534   |$IPCLOCK|$IPCLOCK|$IPCLOCK|$FULL   |$IPCLOCK| 0 | no  | no
root     |enter @userns |--no-new-privs                                   | 0 | 0    | 0    | 0       |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 1 | yes | yes
root+42  |enter @userns |                                                 | 0 | 0    | 0    | 0 42    |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root+42  |enter @userns |-S nobody                                        | 0 | 65534| 65534| 65534   |$NONE   |$NONE   |$NONE   |$FULL   |$NONE   | 0 | no  | no
root+42  |enter @userns |-G 42                                            | 0 | 0    | 42   |         |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 0 | yes | yes
root+42  |enter @userns |-S nobody -G 42                                  | 0 | 65534| 42   |         |$NONE   |$NONE   |$NONE   |$FULL   |$NONE   | 0 | no  | yes
root+42  |enter @userns |--caps cap_ipc_lock                              | 0 | 0    | 0    | 0 42    |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | yes | yes
root+42  |enter @userns |--no-new-privs                                   | 0 | 0    | 0    | 0 42    |$NONE   |$FULL   |$FULL   |$FULL   |$NONE   | 1 | yes | yes
#
# enter -U into nobody's namespace: CMD is its uid 0 / gid 0 (65534
# outside) with no supplementary groups, and every capability there (rules
# 1, 4, 5). The root+42 row without options is the reproduction of the
# critical bug: it must read neither file.
root     |enter -U @userns|                                               | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | no  | no
root     |enter -U @userns|-S nobody                                      |125
root     |enter -U @userns|-G 42                                          |125
root     |enter -U @userns|-S 0                                           | 0 | 0    | 0    |         |$NONE   |$NONE   |$NONE   |$NONE   |$NONE   | 0 | no  | no
root     |enter -U @userns|-G 0                                           | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | no  | no
root     |enter -U @userns|--caps cap_ipc_lock                            | 0 | 0    | 0    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | no  | no
root     |enter -U @userns|--no-new-privs                                 | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 1 | no  | no
root+42  |enter -U @userns|                                               | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | no  | no
root+42  |enter -U @userns|-S nobody                                      |125
root+42  |enter -U @userns|-G 42                                          |125
root+42  |enter -U @userns|-S nobody -G 42                                |125
root+42  |enter -U @userns|-S 0                                           | 0 | 0    | 0    |         |$NONE   |$NONE   |$NONE   |$NONE   |$NONE   | 0 | no  | no
root+42  |enter -U @userns|-G 0                                           | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | no  | no
root+42  |enter -U @userns|--caps cap_ipc_lock                            | 0 | 0    | 0    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | no  | no
root+42  |enter -U @userns|-S 0 --caps cap_ipc_lock                       | 0 | 0    | 0    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | no  | no
root+42  |enter -U @userns|--no-new-privs                                 | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 1 | no  | no
root+42  |enter -U @userns|-S 0 -G 0 --caps cap_ipc_lock --no-new-privs   | 0 | 0    | 0    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 1 | no  | no
#
# nobody: no namespace of its own without -r, no way into root's (rule 7).
nobody   |run           |                                                 |125
nobody   |run           |-S nobody                                        |125
nobody   |run           |-G 42                                            |125
nobody   |run           |--caps cap_ipc_lock                              |125
nobody   |run           |--no-new-privs                                   |125
nobody   |enter @rootns |                                                 |125
nobody   |enter @rootns |-S nobody                                        |125
nobody   |enter @rootns |--caps cap_ipc_lock                              |125
nobody   |enter @rootns |--no-new-privs                                   |125
nobody   |enter -U @rootns|                                               |125
nobody   |enter -U @rootns|-S nobody                                      |125
nobody   |enter -U @rootns|--caps cap_ipc_lock                            |125
nobody   |enter -U @rootns|--no-new-privs                                 |125
nobody   |enter @userns |                                                 |125
nobody   |enter @userns |-G 0                                             |125
nobody   |enter @userns |--caps cap_ipc_lock                              |125
nobody   |enter @userns |--no-new-privs                                   |125
#
# nobody in a user namespace where it is 0: run -r, and enter -U into its
# own rootless namespace (rules 2-5; it has no groups to lose).
nobody   |run -r        |                                                 | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | no  | no
nobody   |run -r        |-S nobody                                        |125
nobody   |run -r        |-G 42                                            |125
nobody   |run -r        |-S nobody -G 42                                  |125
nobody   |run -r        |-S 0                                             | 0 | 0    | 0    |         |$NONE   |$NONE   |$NONE   |$NONE   |$NONE   | 0 | no  | no
nobody   |run -r        |-G 0                                             | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | no  | no
nobody   |run -r        |--caps cap_ipc_lock                              | 0 | 0    | 0    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | no  | no
nobody   |run -r        |-S 0 --caps cap_ipc_lock                         | 0 | 0    | 0    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | no  | no
nobody   |run -r        |--no-new-privs                                   | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 1 | no  | no
nobody   |run -r        |-S 0 -G 0 --caps cap_ipc_lock --no-new-privs     | 0 | 0    | 0    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 1 | no  | no
nobody   |enter -U @userns|                                               | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | no  | no
nobody   |enter -U @userns|-S nobody                                      |125
nobody   |enter -U @userns|-G 42                                          |125
nobody   |enter -U @userns|-S 0                                           | 0 | 0    | 0    |         |$NONE   |$NONE   |$NONE   |$NONE   |$NONE   | 0 | no  | no
nobody   |enter -U @userns|-G 0                                           | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | no  | no
nobody   |enter -U @userns|--caps cap_ipc_lock                            | 0 | 0    | 0    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | no  | no
nobody   |enter -U @userns|-S 0 --caps cap_ipc_lock                       | 0 | 0    | 0    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | no  | no
nobody   |enter -U @userns|--no-new-privs                                 | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 1 | no  | no
nobody   |enter -U @userns|-S 0 -G 0 --caps cap_ipc_lock --no-new-privs   | 0 | 0    | 0    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 1 | no  | no
#
# nobody with a supplementary group (42), which it cannot clear: under -r
# it keeps it (rule 2, so it reads the group-42 file, as it may outside);
# so does enter -U into a namespace its own uid owns (rule 1: that owner
# could use the groups anyway); -G, which needs them gone, is refused (3).
nobody+42|run -r        |                                                 | 0 | 0    | 0    | 65534   |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | no  | yes
nobody+42|run -r        |-G 0                                             |125
nobody+42|enter -U @userns|                                               | 0 | 0    | 0    | 65534   |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | no  | yes
nobody+42|enter -U @userns|-G 0                                           |125
#
# run -c: CMD keeps the caller's uid and gid in a user namespace of its
# own, where setgroups(2) is denied, so the caller's groups stay (unmapped:
# 65534) unless -S or -G clears them before (rules 3, 4, run -c). For root
# that is -r: its IDs are 0. Only the caller's IDs are mapped; as any uid
# other than 0 CMD has no capability but the whole bounding set, and --caps
# leaves that set whole too. CMD's kernel uid is always the caller's: root's
# reads both files as their owner.
root     |run -c        |                                                 | 0 | 0    | 0    | 0       |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | yes | yes
root     |run -c        |-S nobody                                        |125
root     |run -c        |-G 42                                            |125
root     |run -c        |-S 0                                             | 0 | 0    | 0    |         |$NONE   |$NONE   |$NONE   |$NONE   |$NONE   | 0 | yes | yes
root     |run -c        |-G 0                                             | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | yes | yes
root     |run -c        |--caps cap_ipc_lock                              | 0 | 0    | 0    | 0       |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | yes | yes
root     |run -c        |--no-new-privs                                   | 0 | 0    | 0    | 0       |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 1 | yes | yes
root+42  |run -c        |                                                 | 0 | 0    | 0    | 0 65534 |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | yes | yes
root+42  |run -c        |-S nobody                                        |125
root+42  |run -c        |-G 42                                            |125
root+42  |run -c        |-S 0                                             | 0 | 0    | 0    |         |$NONE   |$NONE   |$NONE   |$NONE   |$NONE   | 0 | yes | yes
root+42  |run -c        |-G 0 --caps cap_ipc_lock --no-new-privs          | 0 | 0    | 0    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 1 | yes | yes
nobody   |run -c        |                                                 | 0 | 65534| 65534|         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
nobody   |run -c        |-S nobody                                        | 0 | 65534| 65534|         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
nobody   |run -c        |-G 65534                                         | 0 | 65534| 65534|         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
nobody   |run -c        |-S 0                                             |125
nobody   |run -c        |-G 42                                            |125
nobody   |run -c        |--caps cap_ipc_lock                              | 0 | 65534| 65534|         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$ALL    |$IPCLOCK| 0 | no  | no
nobody   |run -c        |--no-new-privs                                   | 0 | 65534| 65534|         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 1 | no  | no
nobody   |run -c        |-S nobody -G 65534 --caps cap_ipc_lock --no-new-privs| 0 | 65534| 65534|  |$IPCLOCK|$IPCLOCK|$IPCLOCK|$ALL    |$IPCLOCK| 1 | no  | no
#
# run --map-user=7: uid 7, the gid unmapped (65534), and so is every group
# the caller keeps. -S and -G may name only uid 7, and -S lp would also set
# lp's group 7, which is not mapped.
root     |run --map-user=7|                                               | 0 | 7    | 65534| 65534   |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | yes | yes
root     |run --map-user=7|-S 7                                           |125
root     |run --map-user=7|-S 0                                           |125
root     |run --map-user=7|-G 8                                           |125
root     |run --map-user=7|--caps cap_ipc_lock                            | 0 | 7    | 65534| 65534   |$IPCLOCK|$IPCLOCK|$IPCLOCK|$ALL    |$IPCLOCK| 0 | yes | yes
root     |run --map-user=7|--no-new-privs                                 | 0 | 7    | 65534| 65534   |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 1 | yes | yes
root+42  |run --map-user=7|                                               | 0 | 7    | 65534| 65534 65534|$NONE|$NONE   |$NONE   |$ALL    |$NONE   | 0 | yes | yes
root+42  |run --map-user=7|-G 42                                          |125
nobody   |run --map-user=7|                                               | 0 | 7    | 65534|         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
nobody   |run --map-user=7|-S 7                                           |125
nobody   |run --map-user=7|-G 65534                                       |125
nobody   |run --map-user=7|--caps cap_ipc_lock --no-new-privs             | 0 | 7    | 65534|         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$ALL    |$IPCLOCK| 1 | no  | no
#
# run --map-group=8: gid 8, the uid unmapped (65534, not 0: no capability);
# a caller's group that is its own gid shows as 8. -S names no mapped uid.
root     |run --map-group=8|                                              | 0 | 65534| 8    | 8       |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | yes | yes
root     |run --map-group=8|-G 8                                          | 0 | 65534| 8    |         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | yes | yes
root     |run --map-group=8|-S 0                                          |125
root     |run --map-group=8|-G 0                                          |125
root     |run --map-group=8|--caps cap_ipc_lock                           | 0 | 65534| 8    | 8       |$IPCLOCK|$IPCLOCK|$IPCLOCK|$ALL    |$IPCLOCK| 0 | yes | yes
root+42  |run --map-group=8|                                              | 0 | 65534| 8    | 8 65534 |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | yes | yes
root+42  |run --map-group=8|-G 8 --no-new-privs                          | 0 | 65534| 8    |         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 1 | yes | yes
nobody   |run --map-group=8|                                              | 0 | 65534| 8    |         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
nobody   |run --map-group=8|-G 8                                          | 0 | 65534| 8    |         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
nobody   |run --map-group=8|-S nobody                                     |125
nobody   |run --map-group=8|--caps cap_ipc_lock                           | 0 | 65534| 8    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$ALL    |$IPCLOCK| 0 | no  | no
#
# run --map-user=7 --map-group=8: uid 7 and gid 8 only. -S 7 alone would set
# lp's group 7: refused; with -G 8 it works.
root     |run --map-user=7 --map-group=8|                                 | 0 | 7    | 8    | 8       |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | yes | yes
root     |run --map-user=7 --map-group=8|-S 7                             |125
root     |run --map-user=7 --map-group=8|-S 7 -G 8                        | 0 | 7    | 8    |         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | yes | yes
root     |run --map-user=7 --map-group=8|-G 8                             | 0 | 7    | 8    |         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | yes | yes
root     |run --map-user=7 --map-group=8|-S 0 -G 8                        |125
root     |run --map-user=7 --map-group=8|-S 7 -G 8 --caps cap_ipc_lock --no-new-privs| 0 | 7 | 8 |  |$IPCLOCK|$IPCLOCK|$IPCLOCK|$ALL    |$IPCLOCK| 1 | yes | yes
root+42  |run --map-user=7 --map-group=8|                                 | 0 | 7    | 8    | 8 65534 |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | yes | yes
root+42  |run --map-user=7 --map-group=8|-S 7 -G 8                        | 0 | 7    | 8    |         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | yes | yes
root+42  |run --map-user=7 --map-group=8|-G 42                            |125
nobody   |run --map-user=7 --map-group=8|                                 | 0 | 7    | 8    |         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
nobody   |run --map-user=7 --map-group=8|-S 7                             |125
nobody   |run --map-user=7 --map-group=8|-S 7 -G 8                        | 0 | 7    | 8    |         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
nobody   |run --map-user=7 --map-group=8|-G 65534                         |125
nobody   |run --map-user=7 --map-group=8|--caps cap_ipc_lock              | 0 | 7    | 8    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$ALL    |$IPCLOCK| 0 | no  | no
nobody   |run --map-user=7 --map-group=8|-S 7 -G 8 --caps cap_ipc_lock --no-new-privs| 0 | 7 | 8 |  |$IPCLOCK|$IPCLOCK|$IPCLOCK|$ALL    |$IPCLOCK| 1 | no  | no
#
# run --map-auto: one user namespace with the caller's IDs as -r (alone),
# -c or --map-user say, and its subordinate block around them (root's from
# 100000, nobody's from 200000). newgidmap leaves setgroups(2) allowed
# there: the caller's groups stay (unmapped: 65534) and -S lp gives lp's
# own (7). -S and -G may name any mapped ID; CMD as one of the block's is
# another kernel uid, so reads neither file.
root     |run --map-auto|                                                 | 0 | 0    | 0    | 0       |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | yes | yes
root     |run --map-auto|-S 7                                             | 0 | 7    | 7    | 7       |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
root     |run --map-auto|-S 7 -G 8                                        | 0 | 7    | 8    |         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
root     |run --map-auto|-G 42                                            | 0 | 0    | 42   |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | yes | yes
root     |run --map-auto|-S 70000                                         |125
root     |run --map-auto|--caps cap_ipc_lock                              | 0 | 0    | 0    | 0       |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | yes | yes
root     |run --map-auto|-S 7 -G 8 --caps cap_ipc_lock --no-new-privs      | 0 | 7    | 8    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$ALL    |$IPCLOCK| 1 | no  | no
root+42  |run --map-auto|                                                 | 0 | 0    | 0    | 0 65534 |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | yes | yes
root+42  |run --map-auto|-G 42                                            | 0 | 0    | 42   |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | yes | yes
root+42  |run --map-auto|-S 7 -G 8                                        | 0 | 7    | 8    |         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
root+42  |run --map-auto|--no-new-privs                                   | 0 | 0    | 0    | 0 65534 |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 1 | yes | yes
nobody   |run --map-auto|                                                 | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | no  | no
nobody   |run --map-auto|-S 7                                             | 0 | 7    | 7    | 7       |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
nobody   |run --map-auto|-S 7 -G 8                                        | 0 | 7    | 8    |         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
nobody   |run --map-auto|-G 42                                            | 0 | 0    | 42   |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | no  | no
nobody   |run --map-auto|-S 70000 -G 0                                    |125
nobody   |run --map-auto|--caps cap_ipc_lock                              | 0 | 0    | 0    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK|$IPCLOCK| 0 | no  | no
nobody   |run --map-auto|--no-new-privs                                   | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 1 | no  | no
nobody   |run --map-auto -c|                                              | 0 | 65534| 65534|         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
nobody   |run --map-auto -c|-S 7 -G 8 --caps cap_ipc_lock                 | 0 | 7    | 8    |         |$IPCLOCK|$IPCLOCK|$IPCLOCK|$ALL    |$IPCLOCK| 0 | no  | no
nobody   |run --map-auto --map-user=7 --map-group=8|                      | 0 | 7    | 8    |         |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
#
# nobody with group 42, which it cannot clear out here: -c, --map-* and
# --map-auto keep it (unmapped: 65534); -S or -G, which need it gone, are
# refused, but for --map-auto, whose namespace lets them clear it inside
# (rule 3).
nobody+42|run -c        |                                                 | 0 | 65534| 65534| 65534   |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | yes
nobody+42|run -c        |-G 65534                                         |125
nobody+42|run -c        |-S nobody                                        |125
nobody+42|run --map-user=7 --map-group=8|-S 7 -G 8                        |125
nobody+42|run --map-auto|                                                 | 0 | 0    | 0    | 65534   |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | no  | yes
nobody+42|run --map-auto|-G 0                                             | 0 | 0    | 0    |         |$NONE   |$ALL    |$ALL    |$ALL    |$NONE   | 0 | no  | no
nobody+42|run --map-auto|-S 7                                             | 0 | 7    | 7    | 7       |$NONE   |$NONE   |$NONE   |$ALL    |$NONE   | 0 | no  | no
EOF

# CMD keeps the caller's controlling terminal, except where another user
# could take it over (the terminal rule): after -S to another uid outside a
# user namespace that run makes, or after enter -U into a user namespace
# that another uid created. Each row runs once more on a terminal that
# script(1) makes; CMD prints field 7 of its /proc/self/stat, tty_nr (the
# state after the command name in parentheses is field 3, so tty_nr is the
# fifth word after it). TTY is none (0) or kept (the terminal's, not 0).
if command -v script >/dev/null; then
	# shellcheck disable=SC2016
	ttycmd=(sh -c 'read -r stat </proc/self/stat; set -- ${stat##*) }; echo "tty_nr=$5"')
	while IFS='|' read -ra cols; do
		case ${cols[0]:-} in '' | '#'*) continue ;; esac
		for i in "${!cols[@]}"; do
			read -r "cols[i]" <<<"${cols[i]}"
		done
		ttyrow "${cols[@]}"
	done <<EOF2
# caller |mode            |options                                        |TTY
root     |run             |                                               |kept
root     |run             |-S nobody                                      |none
root     |run             |-S 0                                           |kept
root     |run             |-G 42                                          |kept
root     |run             |--caps cap_ipc_lock --no-new-privs             |kept
root     |run             |-S nobody --caps cap_ipc_lock --no-new-privs   |none
root+42  |run             |-S nobody -G 42                                |none
root     |run -r          |                                               |kept
root     |run -r          |-S 0                                           |kept
nobody   |run -r          |-S 0 -G 0                                      |kept
root     |enter @rootns   |                                               |kept
root     |enter @rootns   |-S nobody                                      |none
root     |enter -U @rootns|                                               |kept
root     |enter -U @rootns|-S nobody                                      |none
root     |enter @userns   |                                               |kept
root     |enter @userns   |-S nobody                                      |none
root     |enter -U @userns|                                               |none
root     |enter -U @userns|-S 0 --caps cap_ipc_lock                       |none
root+42  |enter -U @userns|--no-new-privs                                 |none
nobody   |enter -U @userns|                                               |kept
nobody   |enter -U @userns|-S 0 -G 0                                      |kept
root     |run -c          |-S 0                                           |kept
nobody   |run -c          |                                               |kept
nobody   |run -c          |-S nobody -G 65534                             |kept
root     |run --map-user=7|                                               |kept
root     |run --map-user=7 --map-group=8|-S 7 -G 8                        |kept
nobody   |run --map-user=7 --map-group=8|-S 7 -G 8 --no-new-privs         |kept
nobody   |run --map-group=8|-G 8                                          |kept
root     |run --map-auto  |                                               |kept
root     |run --map-auto  |-S 7 -G 8                                      |kept
root+42  |run --map-auto  |-S 7                                           |kept
nobody   |run --map-auto  |-S 7 -G 8 --caps cap_ipc_lock                  |kept
nobody   |run --map-auto -c|                                              |kept
EOF2
else
	echo "# script(1) is missing: the terminal rows are skipped"
fi

# The man page states each rule that the table above follows.
man=${IPCNS_SOURCE_DIR:-$(dirname "$0")/../..}/man/ipcns.1
# Its WHO RUNS CMD subsection as a reader sees the words: no font escapes, \- as -.
who_runs=$(awk '/^\.SS WHO RUNS CMD/ { s = 1; next } s && /^\.S[HS] / { exit } s' "$man" |
	sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\(aq/'"'"'/g')
section=$(awk '/^\.SH / { sh = $2 } /^\.SS WHO RUNS CMD/ { print sh; exit }' "$man")
if [ -n "$who_runs" ] && [ "$section" = SECURITY ]; then
	pass "man: SECURITY has WHO RUNS CMD"
else
	fail "man: SECURITY has no subsection WHO RUNS CMD (found in: '$section')"
fi
rule_phrases=(
	"1|Without -S and -G, CMD keeps the caller's uid, gid and supplementary groups."
	"1|When it joins another user namespace, CMD is uid 0 and gid 0 of that namespace, with no supplementary groups:"
	"1|ipcns drops them before joining, while it is still privileged."
	"1|Into a namespace whose owner is the caller's own user namespace it joins nothing more: the same as a plain enter."
	"1|A caller that cannot clear its groups keeps them only when its own uid owns the user namespace it joins"
	"2|A new user namespace maps the caller's uid and gid to 0"
	"2|setgroups(2) is denied there, so the caller's supplementary groups stay; those not mapped show as 65534."
	"2|CMD has the full capability set of that namespace."
	"3|Gid GROUP and no supplementary groups, always."
	"3|With -r, -c, --map-user or --map-group ipcns clears them before it makes the user namespace, and refuses when it cannot (an unprivileged caller with supplementary groups); with --map-auto, whose namespace allows setgroups(2), it clears them inside."
	"4|Uid USER, gid USER's primary group, and USER's groups unless -G is given."
	"4|No capability is left but the bounding set, unless --caps."
	"4|Where setgroups(2) is denied in the user namespace CMD runs in, -S leaves no supplementary groups"
	"4|IDs named by -S and -G must be mapped in the user namespace CMD runs in:"
	"5|CMD's inheritable, ambient, permitted and effective sets are exactly LIST."
	"5|When CMD stays uid 0 (no -S, or -S 0) the bounding set shrinks to LIST too; after -S to another uid it is unchanged."
	"5|So it is when -c, --map-user or --map-group make CMD's uid another than 0."
	"5|in a user namespace that ipcns made or joined it holds them all; an unprivileged caller without a user namespace of its own holds none."
	"6|NoNewPrivs is 1; without the option, 0."
	"7|Exit status 125 before anything changes, and CMD does not run:"
	"7|an unprivileged run without a user namespace of its own (-r, -c, --map-user, --map-group, --map-auto); an unprivileged enter into a namespace of root's, with or without -U;"
	"7|an unprivileged enter without -U, even into one's own rootless namespace; an ID that is not mapped; --caps without a user namespace of its own for an unprivileged caller;"
	"7|-S or -G while groups remain that cannot be cleared."
	"run -c|CMD has the mapped uid and gid (an unmapped one shows as 65534), in a user namespace nested in the one"
	"run -c|A caller's group that is its own gid shows as the mapped gid; the others as 65534."
	"run -c|Execution as a uid other than 0 leaves CMD no capabilities, unless --caps."
	"run -c|-S and -G may name only the mapped IDs."
	"run -c|-S USER also names USER's primary group, which must be mapped too (with --map-user alone no gid is)."
	"run -c|Whatever its uid inside, CMD's kernel uid and gid are the caller's: files treat it as the caller."
	"run -c|For root, -c is -r (its IDs are 0)."
	"--map-auto|As -r, -c or --map-user say, in one user namespace that also maps the caller's subordinate IDs;"
	"--map-auto|-S and -G may name any mapped ID."
	"--map-auto|newgidmap(1) leaves setgroups(2) allowed there: the caller's groups stay (unmapped ones show as 65534) unless -S or -G,"
	"--map-auto|and -S USER gives USER's own groups."
	"--map-auto|The block's IDs are other kernel IDs than the caller's: ordinary file permissions apply to CMD as one of them."
	"terminal|CMD keeps the caller's controlling terminal, unless another user could take it over:"
	"terminal|after -S to another uid outside a user namespace that run makes, or after enter -U into a user namespace that is not an ordinary caller's own."
	"terminal|Then, when ipcns has a controlling terminal, CMD starts in a session of its own, without one."
	"terminal|A user namespace that run makes (-r, -c, --map-user, --map-group, --map-auto) belongs to the caller, and so does CMD in it,"
	"terminal|whatever its uid there: the caller's own, or one of the caller's subordinate IDs."
)
for p in "${rule_phrases[@]}"; do
	grep -qF -- "${p#*|}" <<<"$who_runs" && pass "man states rule ${p%%|*}: ${p#*|}" ||
		fail "man does not state rule ${p%%|*}: '${p#*|}'"
done

finish
