#!/bin/bash
# The bad-input matrix: every command with malformed arguments. Each case
# must exit with the contract's status (125 for run/enter, 2 for usage
# errors elsewhere, 126/127 for a CMD that cannot run), print nothing on
# stdout and one error line on stderr (plus at most one "hint:" line), never
# die of a signal, and change nothing: limits, IPC objects, mounts and the
# files of a scratch directory are compared before and after every case.
. "$(dirname "$0")/lib.sh"
in_scratch_ipcns "$@"

# Fixtures, and the words the table's placeholders stand for.
fix="$TMP/fix"
mkdir -p "$fix"
chmod 755 "$fix"
mkfifo "$fix/fifo"
printf 'data\n' >"$fix/unreadable"
chmod 000 "$fix/unreadable"
printf 'not a program\n' >"$fix/plain"
chmod 644 "$fix/plain"
long=$(printf '%4096s' '' | tr ' ' a)
declare -A word=(
	[@EMPTY@]=""
	[@EQ@]="="
	[@BLANK@]=" "
	[@2^64@]="18446744073709551616"
	[@HUGE@]="99999999999999999999999999999999"
	[@LONG@]="$long"
	[@LONGCAP@]="cap_$long"
	[@NONUTF8@]=$'\xff\xfe\xc3('
	[@NEWLINE@]=$'first\nsecond'
	[@CTRL@]=$'a\x01\x1bb'
	[@MISSING@]="$fix/no-such-file"
	[@UNREADABLE@]="$fix/unreadable"
	[@FIFO@]="$fix/fifo"
	[@DIR@]="$fix"
	[@PLAIN@]="$fix/plain"
	[@SELF@]="$$"
)

# One case per line: STATUS WHO WORDS...  WHO is root or nobody; each word
# is one argument, @NAME@ placeholders expand to one argument each (see
# above), and a line with no words runs ipcns without arguments.
# Commands added later (get, set, create, ...) extend this table.
cases=$(
	cat <<'EOF'
# global options and commands
2   root
2   root  @EMPTY@
2   root  @EQ@
2   root  -
2   root  --
2   root  no-such-command
2   root  --no-such-option
2   root  -x
2   root  @NONUTF8@
2   root  @NEWLINE@
2   root  @CTRL@
2   root  @LONG@
2   root  help no-such-command
2   root  help @EMPTY@
2   root  help @LONG@
2   root  help run extra
2   root  help help run

# run: options, their values, conflicts
125 root  run --no-such-option
125 root  run -x
125 root  run -U
125 root  run --fork=yes
125 root  run --map-root-user=1
125 root  run --no-new-privs=1
125 root  run -S
125 root  run -G
125 root  run --caps
125 root  run --setuid=
125 root  run -S @EMPTY@
125 root  run -G @EMPTY@
125 root  run --caps @EMPTY@
125 root  run -S @EQ@
125 root  run -G @EQ@
125 root  run --caps @EQ@
125 root  run -S @BLANK@
125 root  run -S @2^64@ -G 0
125 root  run -S @HUGE@ -G 0
125 root  run -S 4294967295 -G 0
125 root  run -G @2^64@
125 root  run -S @LONG@
125 root  run -G @LONG@
125 root  run --caps @LONG@
125 root  run --caps @LONGCAP@
125 root  run -S @NONUTF8@
125 root  run -G @NONUTF8@
125 root  run --caps @NONUTF8@
125 root  run -S @NEWLINE@
125 root  run --caps @CTRL@
125 root  run -S ipcns-no-such-user
125 root  run -G ipcns-no-such-group
125 root  run -S 4294967294
125 root  run --caps cap_nope
125 root  run --caps 14
125 root  run --caps cap_ipc_lock,
125 root  run --caps ,cap_ipc_lock
125 root  run --caps none,cap_ipc_lock
125 root  run --caps all
125 root  run -r -S nobody
125 root  run -r -G nogroup
125 root  run -r -S @2^64@
125 nobody run
125 nobody run -S root
125 nobody run -r -S nobody
125 nobody run -r --caps cap_nope
127 root  run -- @MISSING@
127 root  run @EMPTY@
127 root  run -- ipcns-no-such-command-on-path
126 root  run -- @DIR@
126 root  run -- @PLAIN@
126 root  run -- @FIFO@

# enter: TARGET in every wrong shape, and the shared options
125 root  enter
125 root  enter --
125 root  enter @EMPTY@
125 root  enter @EQ@
125 root  enter -
125 root  enter 0
125 root  enter -1
125 root  enter 2147483648
125 root  enter @2^64@
125 root  enter @HUGE@
125 root  enter 2147483647
125 root  enter @LONG@
125 root  enter @NONUTF8@
125 root  enter @NEWLINE@
125 root  enter .
125 root  enter ..
125 root  enter ipcns-no-such-name
125 root  enter @MISSING@
125 root  enter @DIR@
125 root  enter @PLAIN@
125 root  enter @FIFO@
125 root  enter /dev/null
125 root  enter /proc/self/ns/net
125 root  enter /proc/self/ns
125 root  enter -r @SELF@
125 root  enter --no-such-option @SELF@
125 root  enter -S @SELF@
125 root  enter -S @EMPTY@ @SELF@
125 root  enter -S ipcns-no-such-user @SELF@
125 root  enter -G ipcns-no-such-group @SELF@
125 root  enter --caps cap_nope @SELF@
125 root  enter --caps @LONG@ @SELF@
125 root  enter --fork=1 @SELF@
127 root  enter @SELF@ ipcns-no-such-command-on-path
127 root  enter @SELF@ -- @MISSING@
126 root  enter @SELF@ -- @DIR@
125 nobody enter @UNREADABLE@
125 nobody enter @SELF@
125 nobody enter 1
125 nobody enter -U @SELF@
EOF
)

# What a case must not change: limits, IPC objects, mounts, scratch files.
snapshot() {
	local f
	for f in /proc/sys/kernel/msg* /proc/sys/kernel/sem /proc/sys/kernel/shm* /proc/sys/fs/mqueue/*; do
		[ -r "$f" ] && printf '%s=%s\n' "$f" "$(cat "$f")"
	done
	cat /proc/sysvipc/msg /proc/sysvipc/sem /proc/sysvipc/shm
	cat /proc/self/mountinfo
	find "$fix" -printf '%p %y %m %s %T@\n' | sort
}

canshow() { # a case's words, printable
	local w out=""
	for w in "$@"; do
		w=${w//$'\n'/\\n}
		[ ${#w} -gt 40 ] && w="${w:0:20}...(${#w})"
		out+=" '$w'"
	done
	printf '%s' "${out# }"
}

nobody_ok=1
as_nobody test -x "$IPCNS" 2>/dev/null || nobody_ok=0
n=0
while read -r want who rest; do
	[ -z "$want" ] || [ "${want:0:1}" = "#" ] && continue
	args=()
	for w in $rest; do
		if [ -n "${word[$w]+set}" ]; then args+=("${word[$w]}"); else args+=("$w"); fi
	done
	what="ipcns $(canshow "${args[@]}")"
	[ "$who" = nobody ] && what="as nobody: $what"
	if [ "$who" = nobody ] && [ $nobody_ok -eq 0 ]; then
		echo "# skipped (nobody cannot reach $IPCNS): $what"
		continue
	fi
	n=$((n + 1))

	snapshot >"$TMP/before"
	pre=()
	[ "$who" = nobody ] && pre=(setpriv "--reuid=$NOBODY_UID" "--regid=$NOBODY_GID" --clear-groups --)
	SHELL=/bin/false timeout 10 "${pre[@]}" "$IPCNS" "${args[@]}" </dev/null >"$TMP/out" 2>"$TMP/err"
	status=$?
	snapshot >"$TMP/after"

	problems=""
	[ "$status" -eq 124 ] && problems+=" hung (killed after 10s);"
	[ "$status" -ge 128 ] && problems+=" died of signal $((status - 128));"
	[ "$status" -eq "$want" ] || problems+=" exit $status, expected $want;"
	[ -s "$TMP/out" ] && problems+=" wrote on stdout;"
	lines=$(wc -l <"$TMP/err")
	first=$(head -n 1 "$TMP/err")
	if [ "$lines" -eq 0 ]; then
		problems+=" no error message;"
	elif [[ $first != "ipcns: "* ]] || [[ $first == "ipcns: hint: "* ]]; then
		problems+=" the first line is not 'ipcns: <what>: <why>';"
	elif [ "$lines" -gt 2 ] || { [ "$lines" -eq 2 ] && [[ $(sed -n 2p "$TMP/err") != "ipcns: hint: "* ]]; }; then
		problems+=" $lines lines on stderr;"
	fi
	[ "$(tail -c 1 "$TMP/err" | od -An -c | tr -d ' ')" = '\n' ] || [ "$lines" -eq 0 ] ||
		problems+=" stderr does not end in a newline;"
	cmp -s "$TMP/before" "$TMP/after" || problems+=" changed: $(diff "$TMP/before" "$TMP/after" | head -n 4 | tr '\n' ' ');"

	if [ -z "$problems" ]; then
		pass "$what: $want, $(head -c 100 "$TMP/err" | head -n 1)"
	else
		fail "$what:$problems stderr: $(head -c 300 "$TMP/err")"
	fi
done <<<"$cases"
[ "$n" -gt 100 ] && pass "$n cases run" || fail "only $n cases run"

finish
