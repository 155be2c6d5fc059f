#!/bin/bash
# The bad-input matrix: every command with malformed arguments. Each case
# must exit with the contract's status (125 for run/enter, 2 for usage
# errors elsewhere, 126/127 for a CMD that cannot run), print nothing on
# stdout and one error line on stderr (plus at most one "hint:" line), never
# die of a signal, and change nothing: limits, IPC objects, mounts and the
# files of a scratch directory are compared before and after every case.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/limits-lib.sh"
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
printf 'kernel.msgmax = 1000\nkernel.msgmni = 99999\n' >"$fix/bad.conf"
printf 'kernel.msgmax 1000\n' >"$fix/noeq.conf"
printf 'kernel.msgmax = 1000\n\0' >"$fix/nul.conf"
printf 'kernel.msgmax = 1000\n' >"$fix/unreadable.conf"
chmod 644 "$fix"/*.conf
chmod 000 "$fix/unreadable.conf"
long=$(printf '%4096s' '' | tr ' ' a)
# A process in the initial IPC namespace: reading its limits is allowed,
# set must refuse them. Its msgmax is what each such case would write, so
# that even a broken guard could not change the host.
if hostpid=$(host_ipc_pid); then
	hostmsgmax=$(nsenter --ipc="/proc/$hostpid/ns/ipc" cat /proc/sys/kernel/msgmax)
else
	hostpid="" hostmsgmax=""
fi
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
	[@2^64+1@]="18446744073709551617"
	[@SEM3@]="1 2 3"
	[@SEM5@]="1 2 3 4 5"
	[@LONGPATH@]="$fix/$long"
	[@BADCONF@]="$fix/bad.conf"
	[@NOEQCONF@]="$fix/noeq.conf"
	[@NULCONF@]="$fix/nul.conf"
	[@UNREADABLECONF@]="$fix/unreadable.conf"
	[@HOSTPID@]="$hostpid"
	[@HOSTMSGMAX@]="$hostmsgmax"
)

# One case per line: STATUS WHO WORDS...  WHO is root or nobody; each word
# is one argument, in which every @NAME@ placeholder is replaced (see
# above: "msgmax=@LONG@" is one argument), and a line with no words runs
# ipcns without arguments. Commands added later (create, ...) extend this
# table.
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
125 root  enter @LONGPATH@
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

# run and enter: -s, -f, -i (-s twice is no conflict: the later one wins)
125 root  run -s
125 root  run -s @EMPTY@
125 root  run -s @BLANK@
125 root  run -s @EQ@
125 root  run -s msgmax
125 root  run -s kernel.msgmax=
125 root  run -s =65536
125 root  run -s no-such-key=1
125 root  run -s msgmx=1
125 root  run -s net.ipv4.ip_forward=1
125 root  run -s kernel.msgmni=32769
125 root  run -s shmmax=@2^64+1@
125 root  run -s shmmax=@HUGE@
125 root  run -s msgmax=-1
125 root  run -s msgmni=1K
125 root  run -s msgmax=1KB
125 root  run -s msgmax=0x10
125 root  run -s msgmax=@LONG@
125 root  run -s @LONG@=1
125 root  run -s @NONUTF8@=1
125 root  run -s msgmax=@NONUTF8@
125 root  run -s msgmax=@NEWLINE@
125 root  run -s kernel.sem=@SEM3@
125 root  run -s kernel.sem=@SEM5@
125 root  run -s semmni=32769
125 root  run -s msgmax=1000 -s msgmni=99999
125 root  run -s msg_next_id=-2
125 root  run --sysctl=
125 root  run -f
125 root  run -f @EMPTY@
125 root  run -f @MISSING@
125 root  run -f @DIR@
125 root  run -f @LONG@
125 root  run -f @LONGPATH@
125 root  run -f @BADCONF@
125 root  run -f @NOEQCONF@
125 root  run -f @NULCONF@
125 root  run -f @PLAIN@
125 root  run -f /dev/null -f @BADCONF@
125 root  run -i=1
125 root  run --inherit=yes
125 nobody run -r -f @UNREADABLECONF@
125 nobody run -r -f @DIR@
125 root  enter -s
125 root  enter -s @EQ@ @SELF@
125 root  enter -s msgmni=99999 @SELF@
125 root  enter -s kernel.sem=@SEM3@ @SELF@
125 root  enter -f @MISSING@ @SELF@
125 root  enter -f @BADCONF@ @SELF@
125 root  enter -f @DIR@ @SELF@
125 root  enter -i @SELF@
125 nobody enter -f @UNREADABLECONF@ @SELF@

# run and enter: -m, --shm
125 root  run --shm=0
125 root  run --shm=0K
125 root  run --shm=abc
125 root  run --shm=-1
125 root  run --shm=1KB
125 root  run --shm=1.5G
125 root  run --shm=@2^64@
125 root  run --shm=@HUGE@
125 root  run --shm=@LONG@
125 root  run --shm=@NONUTF8@
125 root  run --mqueue=@PLAIN@
125 root  run -m=@PLAIN@
125 root  run --mqueue=@FIFO@
125 root  run --mqueue=@PLAIN@/sub
125 root  run --mqueue=@MISSING@/sub
125 root  run --mqueue=@LONGPATH@
125 root  run --mqueue=@LONG@
125 root  run --mqueue=@PLAIN@ --shm
125 root  run -m --shm=0
125 root  enter --shm @SELF@
125 root  enter --mqueue=@PLAIN@ @SELF@
125 root  enter -m=@MISSING@/sub @SELF@

# get: KEY in every wrong shape, --target, options
2   root  get no-such-key
2   root  get msgmx
2   root  get kernel.shmmaxx
2   root  get net.ipv4.ip_forward
2   root  get kernel.hostname
2   root  get @EMPTY@
2   root  get @BLANK@
2   root  get @EQ@
2   root  get kernel.msgmax=1
2   root  get @LONG@
2   root  get @NONUTF8@
2   root  get @NEWLINE@
2   root  get @CTRL@
2   root  get msgmax no-such-key
2   root  get -J no-such-key
2   root  get -J msgmax msgmx
2   root  get --changed msgmx
2   root  get --keys msgmax
2   root  get --keys -J
2   root  get --keys --changed
2   root  get --keys --target @SELF@
2   root  get --changed=1
2   root  get -J=1
2   root  get --no-such-option
2   root  get -x
2   root  get --host
2   root  get --target
2   root  get -t
2   root  get --target @EMPTY@
1   root  get --target @EQ@
2   root  get --target 0
2   root  get --target -1
2   root  get --target @2^64@
2   root  get --target @LONG@
1   root  get --target @NONUTF8@
2   root  get --target ..
2   root  get --target @PLAIN@
2   root  get --target @FIFO@
2   root  get --target @DIR@
2   root  get --target /dev/null
2   root  get --target /proc/self/ns/net
2   root  get --target /proc/self/ns/mnt msgmax
2   root  get --target @SELF@ msgmx
1   root  get --target @MISSING@
1   root  get --target @LONGPATH@
1   root  get --target 2147483647
1   root  get --target ipcns-no-such-name
1   nobody get --target @SELF@
1   nobody get --target 1 msgmax

# set: KEY=VALUE in every wrong shape, --target, the host guard
2   root  set
2   root  set --host
2   root  set --target @SELF@
2   root  set @EMPTY@
2   root  set @BLANK@
2   root  set @EQ@
2   root  set msgmax
2   root  set kernel.msgmax=
2   root  set =65536
2   root  set no-such-key=1
2   root  set msgmx=1
2   root  set semmnii=1
2   root  set net.ipv4.ip_forward=1
2   root  set kernel.hostname=x
2   root  set kernel.msgmni=32769
2   root  set shm_rmid_forced=2
2   root  set auto_msgmni=1
2   root  set msgsize_max=127
2   root  set queues_max=2147483648
2   root  set shmmax=@2^64@
2   root  set shmmax=@2^64+1@
2   root  set shmall=@HUGE@
2   root  set msgmax=-1
2   root  set msgmni=-0
2   root  set msg_next_id=-2
2   root  set msgmax=+5
2   root  set msgmax=0x10
2   root  set msgmax=1.5
2   root  set msgmax=1KB
2   root  set msgmni=4K
2   root  set msgmax=@BLANK@
2   root  set msgmax=@LONG@
2   root  set @LONG@=1
2   root  set @NONUTF8@=1
2   root  set msgmax=@NONUTF8@
2   root  set msgmax=@NEWLINE@
2   root  set msgmax=@CTRL@
2   root  set kernel.sem=@SEM3@
2   root  set kernel.sem=@SEM5@
2   root  set kernel.sem=@EMPTY@
2   root  set kernel.sem=1@BLANK@2@BLANK@3@BLANK@32769
2   root  set semmni=32769
2   root  set msgmax=1000 msgmni=99999
2   root  set msgmax=1000 msgmax
2   root  set msgmax=1000 @EMPTY@
2   root  set --no-such-option msgmax=1000
2   root  set -x msgmax=1000
2   root  set -J msgmax=1000
2   root  set --changed msgmax=1000
2   root  set --host=1 msgmax=1000
2   root  set --target
2   root  set --target @EMPTY@ msgmax=1000
2   root  set --target 0 msgmax=1000
2   root  set --target @2^64@ msgmax=1000
2   root  set --target @PLAIN@ msgmax=1000
2   root  set --target @FIFO@ msgmax=1000
2   root  set --target @DIR@ msgmax=1000
2   root  set --target /proc/self/ns/net msgmax=1000
2   root  set --target @SELF@ msgmni=99999
1   root  set --target @MISSING@ msgmax=1000
1   root  set --target 2147483647 msgmax=1000
1   root  set --target ipcns-no-such-name msgmax=1000
2   root  set --target @HOSTPID@ msgmax=@HOSTMSGMAX@
2   root  set --target /proc/@HOSTPID@/ns/ipc msgmax=@HOSTMSGMAX@
2   root  set --target @HOSTPID@ --host msgmax=1x
1   nobody set msgmax=1000
1   nobody set --target @SELF@ msgmax=1000

# help for get and set
2   root  help get extra
2   root  help set extra
2   root  help get @LONG@
2   root  help set @NONUTF8@
2   root  get --help=1
EOF
)

# What a case must not change: limits (ours, and the host's for the --host
# guard), IPC objects, mounts, scratch files.
snapshot() {
	local f
	for f in /proc/sys/kernel/msg* /proc/sys/kernel/sem /proc/sys/kernel/shm* /proc/sys/fs/mqueue/*; do
		[ -r "$f" ] && printf '%s=%s\n' "$f" "$(cat "$f")"
	done
	[ -n "$hostpid" ] && nsenter --ipc="/proc/$hostpid/ns/ipc" cat /proc/sys/kernel/msgmax /proc/sys/kernel/sem
	cat /proc/sysvipc/msg /proc/sysvipc/sem /proc/sysvipc/shm
	cat /proc/self/mountinfo
	find "$fix" -printf '%p %y %m %s %T@\n' | sort
}

# expand WORD: WORD with every @NAME@ in it replaced, in $REPLY.
expand() {
	local k
	REPLY=$1
	for k in "${!word[@]}"; do
		[[ $REPLY == *"$k"* ]] && REPLY=${REPLY//"$k"/"${word[$k]}"}
	done
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
		expand "$w"
		args+=("$REPLY")
	done
	what="ipcns $(canshow "${args[@]}")"
	[ "$who" = nobody ] && what="as nobody: $what"
	if [ "$who" = nobody ] && [ $nobody_ok -eq 0 ]; then
		echo "# skipped (nobody cannot reach $IPCNS): $what"
		continue
	fi
	if [[ $rest == *@HOST* ]] && [ -z "$hostpid" ]; then
		echo "# skipped (no process of the initial IPC namespace is reachable): $what"
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
	elif [ "$(printf %s "$first" | wc -c)" -ge $((7 + 511)) ]; then
		problems+=" the message fills all 511 bytes of ipcns's buffer: cut off before its reason;"
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
[ "$n" -gt 250 ] && pass "$n cases run" || fail "only $n cases run"

finish
