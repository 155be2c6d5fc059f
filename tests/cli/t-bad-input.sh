#!/bin/bash
# The bad-input table: every command with malformed arguments, and every
# class of bad limit value for set, get, run -s/-f and enter -s/-f. Each
# case must exit with the contract's status (125 for run/enter, 2 for usage
# errors elsewhere, 1 where the kernel or the system refuses, 126/127 for a
# CMD that cannot run), print nothing on stdout, and print one line on
# stderr (plus at most one "hint:" line) that matches the case's pattern;
# it must never die of a signal, and must change nothing: the limits of a
# namespace set away from its defaults, IPC objects, mounts and the files of
# a scratch directory are compared before and after every case.
#
# t-bad-input.sh [PART]: the cases of one part of the table (a "## PART"
# line starts one; ctest runs each part as a test of its own, in
# parallel), or of all.
. "$(dirname "$0")/lib.sh" || exit 1
. "$(dirname "$0")/limits-lib.sh" || exit 1
in_scratch_ipcns "$@"
# The commands as --help lists them: "unknown command" messages name them all.
commands=$("$IPCNS" --help | awk '/^Commands:/ { c = 1; next } c && /^  [a-z]/ { printf "%s%s", sep, $1; sep = " " } c && /^$/ { exit }')
need_nobody # some cases run as nobody
export LC_ALL=C # lengths in bytes, patterns on bytes
part=${1:-}

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
printf '# ok so far\nkernel.msgmax = 100\nkernel.msgmnb = 1x\n' >"$fix/badline.conf"
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
	[@BADLINECONF@]="$fix/badline.conf"
	[@NOEQCONF@]="$fix/noeq.conf"
	[@NULCONF@]="$fix/nul.conf"
	[@UNREADABLECONF@]="$fix/unreadable.conf"
	[@HOSTPID@]="$hostpid"
	[@HOSTMSGMAX@]="$hostmsgmax"
)

# One case per line: STATUS WHO WORDS... ~ PATTERN. WHO is root or nobody;
# each word is one argument, in which every @NAME@ placeholder is replaced
# (see above: "msgmax=@LONG@" is one argument), and a line with no words
# runs ipcns without arguments. PATTERN is an extended regex that the first
# line on stderr, after "ipcns: ", must match as a whole; its placeholders
# are replaced by their words, taken literally. Commands added later
# (create, ...) extend this table.
cases=$(
	cat <<'TABLE'
## global
# global options and commands
2   root ~ missing COMMAND: expected one of: @COMMANDS@; see ipcns --help
2   root  @EMPTY@ ~ : unknown command \(commands: @COMMANDS@\)
2   root  @EQ@ ~ =: unknown command \(commands: @COMMANDS@\)
2   root  - ~ -: unknown option; expected -h, -\?, -V or a command first
2   root  -- ~ --: unknown option; expected -h, -\?, -V or a command first
2   root  no-such-command ~ no-such-command: unknown command \(commands: @COMMANDS@\)
2   root  --no-such-option ~ --no-such-option: unknown option; expected -h, -\?, -V or a command first
2   root  -x ~ -x: unknown option; expected -h, -\?, -V or a command first
2   root  @NONUTF8@ ~ .*\(: unknown command \(commands: @COMMANDS@\)
2   root  @NEWLINE@ ~ first\\x0asecond: unknown command \(commands: @COMMANDS@\)
2   root  @CTRL@ ~ a\\x01\\x1bb: unknown command \(commands: @COMMANDS@\)
2   root  @LONG@ ~ .*: unknown command \(commands: @COMMANDS@\)
2   root  help no-such-command ~ no-such-command: unknown command \(commands: @COMMANDS@\)
2   root  help @EMPTY@ ~ : unknown command \(commands: @COMMANDS@\)
2   root  help @LONG@ ~ .*: unknown command \(commands: @COMMANDS@\)
2   root  help run extra ~ extra: unexpected argument: help takes at most one COMMAND
2   root  help help run ~ run: unexpected argument: help takes at most one COMMAND

## run
# run: options, their values, conflicts
125 root  run --no-such-option ~ run: --no-such-option: unknown option
125 root  run -x ~ run: -x: unknown option
125 root  run -U ~ run: -U: unknown option
125 root  run --fork=yes ~ run: --fork=yes: option does not take an argument
125 root  run --map-root-user=1 ~ run: --map-root-user=1: option does not take an argument
125 root  run --no-new-privs=1 ~ run: --no-new-privs=1: option does not take an argument
125 root  run -S ~ run: -S: missing argument
125 root  run -G ~ run: -G: missing argument
125 root  run --caps ~ run: --caps: missing argument
125 root  run --setuid= ~ --setuid: empty; expected a user name or a numeric ID
125 root  run -S @EMPTY@ ~ --setuid: empty; expected a user name or a numeric ID
125 root  run -G @EMPTY@ ~ --setgid: empty; expected a group name or a numeric ID
125 root  run --caps @EMPTY@ ~ --caps: empty; expected capability names such as cap_ipc_lock,cap_ipc_owner, or none
125 root  run -S @EQ@ ~ --setuid =: no such user; expected a user name or a numeric UID
125 root  run -G @EQ@ ~ --setgid =: no such group; expected a group name or a numeric GID
125 root  run --caps @EQ@ ~ --caps =: unknown capability; expected names such as cap_ipc_lock \(see capabilities\(7\)\), comma-separated, or none
125 root  run -S @BLANK@ ~ --setuid  : no such user; expected a user name or a numeric UID
125 root  run -S @2^64@ -G 0 ~ --setuid 18446744073709551616: not a valid ID \(0\.\.4294967294\)
125 root  run -S @HUGE@ -G 0 ~ --setuid 99999999999999999999999999999999: not a valid ID \(0\.\.4294967294\)
125 root  run -S 4294967295 -G 0 ~ --setuid 4294967295: not a valid ID \(0\.\.4294967294\)
125 root  run -G @2^64@ ~ --setgid 18446744073709551616: not a valid ID \(0\.\.4294967294\)
125 root  run -S @LONG@ ~ --setuid .*: no such user; expected a user name or a numeric UID
125 root  run -G @LONG@ ~ --setgid .*: no such group; expected a group name or a numeric GID
125 root  run --caps @LONG@ ~ --caps .*: unknown capability; expected names such as cap_ipc_lock \(see capabilities\(7\)\), comma-separated, or none
125 root  run --caps @LONGCAP@ ~ --caps cap_.*: unknown capability; expected names such as cap_ipc_lock \(see capabilities\(7\)\), comma-separated, or none
125 root  run -S @NONUTF8@ ~ --setuid .*\(: no such user; expected a user name or a numeric UID
125 root  run -G @NONUTF8@ ~ --setgid .*\(: no such group; expected a group name or a numeric GID
125 root  run --caps @NONUTF8@ ~ --caps .*\(: unknown capability; expected names such as cap_ipc_lock \(see capabilities\(7\)\), comma-separated, or none
125 root  run -S @NEWLINE@ ~ --setuid first\\x0asecond: no such user; expected a user name or a numeric UID
125 root  run --caps @CTRL@ ~ --caps a\\x01\\x1bb: unknown capability; expected names such as cap_ipc_lock \(see capabilities\(7\)\), comma-separated, or none
125 root  run -S ipcns-no-such-user ~ --setuid ipcns-no-such-user: no such user; expected a user name or a numeric UID
125 root  run -G ipcns-no-such-group ~ --setgid ipcns-no-such-group: no such group; expected a group name or a numeric GID
125 root  run -S 4294967294 ~ --setuid 4294967294: no user has this UID, so there is no primary group to take; add --setgid GROUP
125 root  run --caps cap_nope ~ --caps cap_nope: unknown capability; expected names such as cap_ipc_lock \(see capabilities\(7\)\), comma-separated, or none
125 root  run --caps 14 ~ --caps 14: unknown capability; expected names such as cap_ipc_lock \(see capabilities\(7\)\), comma-separated, or none
125 root  run --caps cap_ipc_lock, ~ --caps cap_ipc_lock,: empty item; expected names separated by single commas
125 root  run --caps ,cap_ipc_lock ~ --caps ,cap_ipc_lock: empty item; expected names separated by single commas
125 root  run --caps none,cap_ipc_lock ~ --caps none,cap_ipc_lock: 'none' stands alone, it cannot be combined with names
125 root  run --caps all ~ --caps all: unknown capability; expected names such as cap_ipc_lock \(see capabilities\(7\)\), comma-separated, or none
125 root  run -r -S nobody ~ --setuid nobody: UID 65534 is not mapped in the user namespace of -r, where only 0 is mapped
125 root  run -r -G nogroup ~ --setgid nogroup: GID 65534 is not mapped in the user namespace of -r, where only 0 is mapped
125 root  run -r -S @2^64@ ~ --setuid 18446744073709551616: not a valid ID \(0\.\.4294967294\)
125 nobody run ~ cannot create an IPC namespace: Operation not permitted
125 nobody run -S root ~ --setuid root: a CMD that stays uid 0 loses its capabilities through the bounding set, which needs CAP_SETPCAP
125 nobody run -r -S nobody ~ --setuid nobody: UID 65534 is not mapped in the user namespace of -r, where only 0 is mapped
125 nobody run -r --caps cap_nope ~ --caps cap_nope: unknown capability; expected names such as cap_ipc_lock \(see capabilities\(7\)\), comma-separated, or none
127 root  run -- @MISSING@ ~ @MISSING@: command not found
127 root  run @EMPTY@ ~ : command not found
127 root  run -- ipcns-no-such-command-on-path ~ ipcns-no-such-command-on-path: command not found
126 root  run -- @DIR@ ~ @DIR@: Permission denied
126 root  run -- @PLAIN@ ~ @PLAIN@: Permission denied
126 root  run -- @FIFO@ ~ @FIFO@: Permission denied

## enter
# enter: TARGET in every wrong shape, and the shared options
125 root  enter ~ enter: missing TARGET \(a PID, a path to an nsfs file, or a name\)
125 root  enter -- ~ enter: missing TARGET \(a PID, a path to an nsfs file, or a name\)
125 root  enter @EMPTY@ ~ TARGET: empty; expected a PID, a path to an nsfs file, or a name
125 root  enter @EQ@ ~ =: no namespace of that name in /run/ipcns
125 root  enter - ~ -: a name cannot start with '-'
125 root  enter 0 ~ 0: not a valid PID \(1\.\.2147483647\)
125 root  enter -1 ~ enter: -1: unknown option
125 root  enter 2147483648 ~ 2147483648: not a valid PID \(1\.\.2147483647\)
125 root  enter @2^64@ ~ 18446744073709551616: not a valid PID \(1\.\.2147483647\)
125 root  enter @HUGE@ ~ 99999999999999999999999999999999: not a valid PID \(1\.\.2147483647\)
125 root  enter 2147483647 ~ 2147483647: no such process
125 root  enter @LONG@ ~ .*: name longer than 250 bytes
125 root  enter @LONGPATH@ ~ @DIR@/.*: File name too long
125 root  enter @NONUTF8@ ~ .*\(: no namespace of that name in /run/ipcns
125 root  enter @NEWLINE@ ~ first\\x0asecond: a name cannot contain control characters
125 root  enter . ~ \.: not a usable name
125 root  enter .. ~ \.\.: not a usable name
125 root  enter ipcns-no-such-name ~ ipcns-no-such-name: no namespace of that name in /run/ipcns
125 root  enter @MISSING@ ~ @MISSING@: No such file or directory
125 root  enter @DIR@ ~ @DIR@: not a namespace file \(expected /proc/PID/ns/ipc or a bind mount of one\)
125 root  enter @PLAIN@ ~ @PLAIN@: not a namespace file \(expected /proc/PID/ns/ipc or a bind mount of one\)
125 root  enter @FIFO@ ~ @FIFO@: not a namespace file \(expected /proc/PID/ns/ipc or a bind mount of one\)
125 root  enter /dev/null ~ /dev/null: not a namespace file \(expected /proc/PID/ns/ipc or a bind mount of one\)
125 root  enter /proc/self/ns/net ~ /proc/self/ns/net: not an IPC namespace \(it is another kind of namespace\)
125 root  enter /proc/self/ns ~ /proc/self/ns: not a namespace file \(expected /proc/PID/ns/ipc or a bind mount of one\)
125 root  enter -r @SELF@ ~ enter: -r: unknown option
125 root  enter --no-such-option @SELF@ ~ enter: --no-such-option: unknown option
125 root  enter -S @SELF@ ~ enter: missing TARGET \(a PID, a path to an nsfs file, or a name\)
125 root  enter -S @EMPTY@ @SELF@ ~ --setuid: empty; expected a user name or a numeric ID
125 root  enter -S ipcns-no-such-user @SELF@ ~ --setuid ipcns-no-such-user: no such user; expected a user name or a numeric UID
125 root  enter -G ipcns-no-such-group @SELF@ ~ --setgid ipcns-no-such-group: no such group; expected a group name or a numeric GID
125 root  enter --caps cap_nope @SELF@ ~ --caps cap_nope: unknown capability; expected names such as cap_ipc_lock \(see capabilities\(7\)\), comma-separated, or none
125 root  enter --caps @LONG@ @SELF@ ~ --caps .*: unknown capability; expected names such as cap_ipc_lock \(see capabilities\(7\)\), comma-separated, or none
125 root  enter --fork=1 @SELF@ ~ enter: --fork=1: option does not take an argument
127 root  enter @SELF@ ipcns-no-such-command-on-path ~ ipcns-no-such-command-on-path: command not found
127 root  enter @SELF@ -- @MISSING@ ~ @MISSING@: command not found
126 root  enter @SELF@ -- @DIR@ ~ @DIR@: Permission denied
125 nobody enter @UNREADABLE@ ~ @UNREADABLE@: not a namespace file \(expected /proc/PID/ns/ipc or a bind mount of one\)
125 nobody enter @SELF@ ~ @SELF@: cannot open its IPC namespace: Permission denied
125 nobody enter 1 ~ 1: cannot open its IPC namespace: Permission denied
125 nobody enter -U @SELF@ ~ @SELF@: cannot open its IPC namespace: Permission denied

## limits
# run and enter: -s, -f, -i (-s twice is no conflict: the later one wins); a bad
# value also after a good one (msgmax=100), which must not be applied either
125 root  run -s ~ run: -s: missing argument
125 root  run -s @EMPTY@ ~ --sysctl: '': expected KEY=VALUE, e\.g\. kernel\.msgmax=65536
125 root  run -s @BLANK@ ~ --sysctl: ' ': expected KEY=VALUE, e\.g\. kernel\.msgmax=65536
125 root  run -s @EQ@ ~ KEY: empty; expected a key such as kernel\.msgmax \(see 'ipcns get --keys'\)
125 root  run -s kernel.msgmax= ~ kernel\.msgmax: empty value; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
125 root  run -s =65536 ~ KEY: empty; expected a key such as kernel\.msgmax \(see 'ipcns get --keys'\)
125 root  run -s no-such-key=1 ~ no-such-key: unknown key \(see 'ipcns get --keys'\)
125 root  run -s kernel.msgmni=32769 ~ kernel\.msgmni: 32769 is out of range 0\.\.32768
125 root  run -s shmmax=@2^64+1@ ~ kernel\.shmmax: 18446744073709551617 is out of range 0\.\.18446744073709551615 bytes
125 root  run -s shmmax=@HUGE@ ~ kernel\.shmmax: 99999999999999999999999999999999 is out of range 0\.\.18446744073709551615 bytes
125 root  run -s msgmni=1K ~ kernel\.msgmni: '1K': a count takes no size suffix; expected a decimal number in 0\.\.32768
125 root  run -s msgmax=1KB ~ kernel\.msgmax: '1KB' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
125 root  run -s msgmax=@LONG@ ~ kernel\.msgmax: '.*' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
125 root  run -s @LONG@=1 ~ .*: unknown key \(see 'ipcns get --keys'\)
125 root  run -s @NONUTF8@=1 ~ .*\(: unknown key \(see 'ipcns get --keys'\)
125 root  run -s msgmax=@NONUTF8@ ~ kernel\.msgmax: '.*\(' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
125 root  run -s msgmax=@NEWLINE@ ~ kernel\.msgmax: 'first\\x0asecond' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
125 root  run -s semmni=32769 ~ semmni: 32769 is out of range 0\.\.32768
125 root  run -s msgmax=1000 -s msgmni=99999 ~ kernel\.msgmni: 99999 is out of range 0\.\.32768
125 root  run --sysctl= ~ --sysctl: '': expected KEY=VALUE, e\.g\. kernel\.msgmax=65536
125 root  run -f ~ run: -f: missing argument
125 root  run -f @EMPTY@ ~ --sysctl-file=: cannot read it: No such file or directory \(expected a sysctl\.conf file, or - for standard input\)
125 root  run -f @MISSING@ ~ --sysctl-file=@MISSING@: cannot read it: No such file or directory \(expected a sysctl\.conf file, or - for standard input\)
125 root  run -f @DIR@ ~ --sysctl-file=@DIR@: cannot read it: Is a directory \(expected a sysctl\.conf file, or - for standard input\)
125 root  run -f @LONG@ ~ --sysctl-file=.*: cannot read it: File name too long \(expected a sysctl\.conf file, or - for standard input\)
125 root  run -f @LONGPATH@ ~ --sysctl-file=@DIR@/.*: cannot read it: File name too long \(expected a sysctl\.conf file, or - for standard input\)
125 root  run -f @BADCONF@ ~ @BADCONF@:2: kernel\.msgmni: 99999 is out of range 0\.\.32768
125 root  run -f @NOEQCONF@ ~ @NOEQCONF@:1: 'kernel\.msgmax 1000': expected KEY = VALUE
125 root  run -f @NULCONF@ ~ @NULCONF@: contains a NUL byte; not a sysctl\.conf file
125 root  run -f @PLAIN@ ~ @PLAIN@:1: 'not a program': expected KEY = VALUE
125 root  run -f /dev/null -f @BADCONF@ ~ @BADCONF@:2: kernel\.msgmni: 99999 is out of range 0\.\.32768
125 root  run -i=1 ~ run: -i=1: option does not take an argument
125 root  run --inherit=yes ~ run: --inherit=yes: option does not take an argument
125 nobody run -r -f @UNREADABLECONF@ ~ --sysctl-file=@UNREADABLECONF@: cannot read it: Permission denied \(expected a sysctl\.conf file, or - for standard input\)
125 nobody run -r -f @DIR@ ~ --sysctl-file=@DIR@: cannot read it: Is a directory \(expected a sysctl\.conf file, or - for standard input\)
125 root  enter -s ~ enter: -s: missing argument
125 root  enter -s @EQ@ @SELF@ ~ KEY: empty; expected a key such as kernel\.msgmax \(see 'ipcns get --keys'\)
125 root  enter -s msgmni=99999 @SELF@ ~ kernel\.msgmni: 99999 is out of range 0\.\.32768
125 root  enter -s kernel.sem=@SEM3@ @SELF@ ~ kernel\.sem: '1 2 3': expected four numbers: semmsl semmns semopm semmni
125 root  enter -f @MISSING@ @SELF@ ~ --sysctl-file=@MISSING@: cannot read it: No such file or directory \(expected a sysctl\.conf file, or - for standard input\)
125 root  enter -f @BADCONF@ @SELF@ ~ @BADCONF@:2: kernel\.msgmni: 99999 is out of range 0\.\.32768
125 root  enter -f @DIR@ @SELF@ ~ --sysctl-file=@DIR@: cannot read it: Is a directory \(expected a sysctl\.conf file, or - for standard input\)
125 root  enter -s msgmax=100 -s msg_next_id=-1 @SELF@ ~ kernel\.msg_next_id: cannot be set back to -1 \(unset\); it is 7
125 root  enter -i @SELF@ ~ enter: -i: unknown option
125 nobody enter -f @UNREADABLECONF@ @SELF@ ~ --sysctl-file=@UNREADABLECONF@: cannot read it: Permission denied \(expected a sysctl\.conf file, or - for standard input\)
125 root  run -s msgmax=100 -s msgmx=1 ~ msgmx: unknown key; did you mean msgmax\?
125 root  run -s msgmax=100 -s kernel.shmmaxx=1 ~ kernel\.shmmaxx: unknown key; did you mean kernel\.shmmax\?
125 root  run -s msgmax=100 -s net.ipv4.ip_forward=1 ~ net\.ipv4\.ip_forward: not a limit of an IPC namespace \(only kernel\.msg\*, kernel\.sem\*, kernel\.shm\* and fs\.mqueue\.\* keys are\)
125 root  run -s msgmax=100 -s kernel.hostname=x ~ kernel\.hostname: not a limit of an IPC namespace \(only kernel\.msg\*, kernel\.sem\*, kernel\.shm\* and fs\.mqueue\.\* keys are\)
125 root  run -s msgmax=100 -s msgmni=99999 ~ kernel\.msgmni: 99999 is out of range 0\.\.32768
125 root  run -s msgmax=100 -s shmmni=32769 ~ kernel\.shmmni: 32769 is out of range 0\.\.32768
125 root  run -s msgmax=100 -s msgmax=-1 ~ kernel\.msgmax: -1 is out of range 0\.\.2147483647 bytes
125 root  run -s msgmax=100 -s msgmax=+5 ~ kernel\.msgmax: '\+5' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
125 root  run -s msgmax=100 -s msgmax=12abc ~ kernel\.msgmax: '12abc' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
125 root  run -s msgmax=100 -s msgmax=0x10 ~ kernel\.msgmax: '0x10' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
125 root  run -s msgmax=100 -s msgmax=2G ~ kernel\.msgmax: 2G is out of range 0\.\.2147483647 bytes
125 root  run -s msgmax=100 -s msgmax= ~ kernel\.msgmax: empty value; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
125 root  run -s msgmax=100 -s shmmax=18446744073709551616 ~ kernel\.shmmax: 18446744073709551616 is out of range 0\.\.18446744073709551615 bytes
125 root  run -s msgmax=100 -s shmall=99999999999999999999 ~ kernel\.shmall: 99999999999999999999 is out of range 0\.\.18446744073709551615 pages
125 root  run -s msgmax=100 -s msgmni=4K ~ kernel\.msgmni: '4K': a count takes no size suffix; expected a decimal number in 0\.\.32768
125 root  run -s msgmax=100 -s shm_rmid_forced=2 ~ kernel\.shm_rmid_forced: 2 is out of range 0\.\.1
125 root  run -s msgmax=100 -s auto_msgmni=1 ~ kernel\.auto_msgmni: 1 is out of range 0\.\.0
125 root  run -s msgmax=100 -s msg_next_id=-2 ~ kernel\.msg_next_id: -2 is out of range -1\.\.2147483647
125 root  run -s msgmax=100 -s msg_max=0 ~ fs\.mqueue\.msg_max: 0 is out of range 1\.\.65536
125 root  run -s msgmax=100 -s msg_default=65537 ~ fs\.mqueue\.msg_default: 65537 is out of range 1\.\.65536
125 root  run -s msgmax=100 -s msgsize_max=127 ~ fs\.mqueue\.msgsize_max: 127 is out of range 128\.\.16777216 bytes
125 root  run -s msgmax=100 -s msgsize_default=17M ~ fs\.mqueue\.msgsize_default: 17M is out of range 128\.\.16777216 bytes
125 root  run -s msgmax=100 -s queues_max=2147483648 ~ fs\.mqueue\.queues_max: 2147483648 is out of range -2147483648\.\.2147483647
125 root  run -s msgmax=100 -s kernel.sem=@SEM3@ ~ kernel\.sem: '1 2 3': expected four numbers: semmsl semmns semopm semmni
125 root  run -s msgmax=100 -s kernel.sem=@SEM5@ ~ kernel\.sem: '1 2 3 4 5': expected four numbers: semmsl semmns semopm semmni
125 root  run -s msgmax=100 -s kernel.sem=1@BLANK@2@BLANK@3@BLANK@32769 ~ kernel\.sem: semmni: 32769 is out of range 0\.\.32768
125 root  run -s msgmax=100 -s kernel.sem=-2147483649@BLANK@2@BLANK@3@BLANK@4 ~ kernel\.sem: semmsl: -2147483649 is out of range -2147483648\.\.2147483647
125 root  run -s msgmax=100 -s kernel.sem=1@BLANK@2@BLANK@3@BLANK@-1 ~ kernel\.sem: semmni: -1 is out of range 0\.\.32768
125 root  run -s msgmax=100 -s semmni=40000 ~ semmni: 40000 is out of range 0\.\.32768
125 root  run -s msgmax=100 -s msgmax ~ --sysctl: 'msgmax': expected KEY=VALUE, e\.g\. kernel\.msgmax=65536
125 root  run -f @BADLINECONF@ ~ @BADLINECONF@:3: kernel\.msgmnb: '1x' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
125 root  run -f @MISSING@.conf ~ --sysctl-file=@MISSING@\.conf: cannot read it: No such file or directory \(expected a sysctl\.conf file, or - for standard input\)

## mounts
# run and enter: -m, --shm
125 root  run --shm=0 ~ --shm=0: the size must be at least 1 byte \(tmpfs would read 0 as unlimited\); give --shm alone for the default, half of the RAM
125 root  run --shm=0K ~ --shm=0K: the size must be at least 1 byte \(tmpfs would read 0 as unlimited\); give --shm alone for the default, half of the RAM
125 root  run --shm=abc ~ --shm=abc: not a size; expected bytes with an optional K, M, G or T suffix, e\.g\. --shm=64M
125 root  run --shm=-1 ~ --shm=-1: not a size; expected bytes with an optional K, M, G or T suffix, e\.g\. --shm=64M
125 root  run --shm=1KB ~ --shm=1KB: not a size; expected bytes with an optional K, M, G or T suffix, e\.g\. --shm=64M
125 root  run --shm=1.5G ~ --shm=1\.5G: not a size; expected bytes with an optional K, M, G or T suffix, e\.g\. --shm=64M
125 root  run --shm=@2^64@ ~ --shm=18446744073709551616: too large; at most 18446744073709547520 bytes
125 root  run --shm=@HUGE@ ~ --shm=99999999999999999999999999999999: too large; at most 18446744073709547520 bytes
125 root  run --shm=@LONG@ ~ --shm=.*: not a size; expected bytes with an optional K, M, G or T suffix, e\.g\. --shm=64M
125 root  run --shm=@NONUTF8@ ~ --shm=.*\(: not a size; expected bytes with an optional K, M, G or T suffix, e\.g\. --shm=64M
125 root  run --mqueue=@PLAIN@ ~ --mqueue=@PLAIN@: not a directory
125 root  run -m=@PLAIN@ ~ --mqueue=@PLAIN@: not a directory
125 root  run --mqueue=@FIFO@ ~ --mqueue=@FIFO@: not a directory
125 root  run --mqueue=@PLAIN@/sub ~ --mqueue=@PLAIN@/sub: Not a directory
125 root  run --mqueue=@MISSING@/sub ~ --mqueue=@MISSING@/sub: missing, and its parent @MISSING@ is not a directory to create it in
125 root  run --mqueue=@LONGPATH@ ~ --mqueue=@DIR@/.*: File name too long
125 root  run --mqueue=@LONG@ ~ --mqueue=.*: File name too long
125 root  run --mqueue=@PLAIN@ --shm ~ --mqueue=@PLAIN@: not a directory
125 root  run -m --shm=0 ~ --shm=0: the size must be at least 1 byte \(tmpfs would read 0 as unlimited\); give --shm alone for the default, half of the RAM
125 root  enter --shm @SELF@ ~ enter: --shm: unknown option
125 root  enter --mqueue=@PLAIN@ @SELF@ ~ --mqueue=@PLAIN@: not a directory
125 root  enter -m=@MISSING@/sub @SELF@ ~ --mqueue=@MISSING@/sub: missing, and its parent @MISSING@ is not a directory to create it in

## get
# get: KEY in every wrong shape, --target, options
2   root  get no-such-key ~ no-such-key: unknown key \(see 'ipcns get --keys'\)
2   root  get msgmx ~ msgmx: unknown key; did you mean msgmax\?
2   root  get kernel.shmmaxx ~ kernel\.shmmaxx: unknown key; did you mean kernel\.shmmax\?
2   root  get net.ipv4.ip_forward ~ net\.ipv4\.ip_forward: not a limit of an IPC namespace \(only kernel\.msg\*, kernel\.sem\*, kernel\.shm\* and fs\.mqueue\.\* keys are\)
2   root  get kernel.hostname ~ kernel\.hostname: not a limit of an IPC namespace \(only kernel\.msg\*, kernel\.sem\*, kernel\.shm\* and fs\.mqueue\.\* keys are\)
2   root  get @EMPTY@ ~ KEY: empty; expected a key such as kernel\.msgmax \(see 'ipcns get --keys'\)
2   root  get @BLANK@ ~  : unknown key \(see 'ipcns get --keys'\)
2   root  get @EQ@ ~ =: get takes KEY names, not KEY=VALUE \(to change a limit: ipcns set KEY=VALUE\)
2   root  get kernel.msgmax=1 ~ kernel\.msgmax=1: get takes KEY names, not KEY=VALUE \(to change a limit: ipcns set KEY=VALUE\)
2   root  get @LONG@ ~ .*: unknown key \(see 'ipcns get --keys'\)
2   root  get @NONUTF8@ ~ .*\(: unknown key \(see 'ipcns get --keys'\)
2   root  get @NEWLINE@ ~ first\\x0asecond: unknown key \(see 'ipcns get --keys'\)
2   root  get @CTRL@ ~ a\\x01\\x1bb: unknown key \(see 'ipcns get --keys'\)
2   root  get msgmax no-such-key ~ no-such-key: unknown key \(see 'ipcns get --keys'\)
2   root  get -J no-such-key ~ no-such-key: unknown key \(see 'ipcns get --keys'\)
2   root  get -J msgmax msgmx ~ msgmx: unknown key; did you mean msgmax\?
2   root  get --changed msgmx ~ msgmx: unknown key; did you mean msgmax\?
2   root  get --keys msgmax ~ get: --keys takes no KEY and no other option
2   root  get --keys -J ~ get: --keys takes no KEY and no other option
2   root  get --keys --changed ~ get: --keys takes no KEY and no other option
2   root  get --keys --target @SELF@ ~ get: --keys takes no KEY and no other option
2   root  get --changed=1 ~ get: --changed=1: option does not take an argument
2   root  get -J=1 ~ get: -J=1: option does not take an argument
2   root  get --no-such-option ~ get: --no-such-option: unknown option
2   root  get -x ~ get: -x: unknown option
2   root  get --host ~ get: --host: unknown option
2   root  get --target ~ get: --target: missing argument
2   root  get -t ~ get: -t: missing argument
2   root  get --target @EMPTY@ ~ TARGET: empty; expected a PID, a path to an nsfs file, or a name
1   root  get --target @EQ@ ~ =: no namespace of that name in /run/ipcns
2   root  get --target 0 ~ 0: not a valid PID \(1\.\.2147483647\)
2   root  get --target -1 ~ -1: a name cannot start with '-'
2   root  get --target @2^64@ ~ 18446744073709551616: not a valid PID \(1\.\.2147483647\)
2   root  get --target @LONG@ ~ .*: name longer than 250 bytes
1   root  get --target @NONUTF8@ ~ .*\(: no namespace of that name in /run/ipcns
2   root  get --target .. ~ \.\.: not a usable name
2   root  get --target @PLAIN@ ~ @PLAIN@: not a namespace file \(expected /proc/PID/ns/ipc or a bind mount of one\)
2   root  get --target @FIFO@ ~ @FIFO@: not a namespace file \(expected /proc/PID/ns/ipc or a bind mount of one\)
2   root  get --target @DIR@ ~ @DIR@: not a namespace file \(expected /proc/PID/ns/ipc or a bind mount of one\)
2   root  get --target /dev/null ~ /dev/null: not a namespace file \(expected /proc/PID/ns/ipc or a bind mount of one\)
2   root  get --target /proc/self/ns/net ~ /proc/self/ns/net: not an IPC namespace \(it is another kind of namespace\)
2   root  get --target /proc/self/ns/mnt msgmax ~ /proc/self/ns/mnt: not an IPC namespace \(it is another kind of namespace\)
2   root  get --target @SELF@ msgmx ~ msgmx: unknown key; did you mean msgmax\?
1   root  get --target @MISSING@ ~ @MISSING@: No such file or directory
1   root  get --target @LONGPATH@ ~ @DIR@/.*: File name too long
1   root  get --target 2147483647 ~ 2147483647: no such process
1   root  get --target ipcns-no-such-name ~ ipcns-no-such-name: no namespace of that name in /run/ipcns
1   nobody get --target @SELF@ ~ @SELF@: cannot open its IPC namespace: Permission denied
1   nobody get --target 1 msgmax ~ 1: cannot open its IPC namespace: Permission denied

## set
# set: KEY=VALUE in every wrong shape, --target, the host guard; a bad value
# also after a good one (msgmax=100), which must not be applied either
2   root  set ~ set: missing KEY=VALUE \(e\.g\. kernel\.msgmax=65536; see 'ipcns get --keys'\)
2   root  set --host ~ set: missing KEY=VALUE \(e\.g\. kernel\.msgmax=65536; see 'ipcns get --keys'\)
2   root  set --target @SELF@ ~ set: missing KEY=VALUE \(e\.g\. kernel\.msgmax=65536; see 'ipcns get --keys'\)
2   root  set @EMPTY@ ~ '': expected KEY=VALUE, e\.g\. kernel\.msgmax=65536
2   root  set @BLANK@ ~ ' ': expected KEY=VALUE, e\.g\. kernel\.msgmax=65536
2   root  set @EQ@ ~ KEY: empty; expected a key such as kernel\.msgmax \(see 'ipcns get --keys'\)
2   root  set kernel.msgmax= ~ kernel\.msgmax: empty value; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
2   root  set =65536 ~ KEY: empty; expected a key such as kernel\.msgmax \(see 'ipcns get --keys'\)
2   root  set no-such-key=1 ~ no-such-key: unknown key \(see 'ipcns get --keys'\)
2   root  set semmnii=1 ~ semmnii: unknown key; did you mean semmni\?
2   root  set kernel.msgmni=32769 ~ kernel\.msgmni: 32769 is out of range 0\.\.32768
2   root  set shmmax=@2^64+1@ ~ kernel\.shmmax: 18446744073709551617 is out of range 0\.\.18446744073709551615 bytes
2   root  set shmall=@HUGE@ ~ kernel\.shmall: 99999999999999999999999999999999 is out of range 0\.\.18446744073709551615 pages
2   root  set msgmni=-0 ~ kernel\.msgmni: -0 is out of range 0\.\.32768
2   root  set msgmax=1.5 ~ kernel\.msgmax: '1\.5' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
2   root  set msgmax=1KB ~ kernel\.msgmax: '1KB' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
2   root  set msgmax=@BLANK@ ~ kernel\.msgmax: ' ' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
2   root  set msgmax=@LONG@ ~ kernel\.msgmax: '.*' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
2   root  set @LONG@=1 ~ .*: unknown key \(see 'ipcns get --keys'\)
2   root  set @NONUTF8@=1 ~ .*\(: unknown key \(see 'ipcns get --keys'\)
2   root  set msgmax=@NONUTF8@ ~ kernel\.msgmax: '.*\(' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
2   root  set msgmax=@NEWLINE@ ~ kernel\.msgmax: 'first\\x0asecond' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
2   root  set msgmax=@CTRL@ ~ kernel\.msgmax: 'a\\x01\\x1bb' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
2   root  set kernel.sem=@EMPTY@ ~ kernel\.sem: '': expected four numbers: semmsl semmns semopm semmni
2   root  set semmni=32769 ~ semmni: 32769 is out of range 0\.\.32768
2   root  set msgmax=1000 msgmni=99999 ~ kernel\.msgmni: 99999 is out of range 0\.\.32768
2   root  set msgmax=1000 msgmax ~ 'msgmax': expected KEY=VALUE, e\.g\. kernel\.msgmax=65536
2   root  set msgmax=1000 @EMPTY@ ~ '': expected KEY=VALUE, e\.g\. kernel\.msgmax=65536
2   root  set --no-such-option msgmax=1000 ~ set: --no-such-option: unknown option
2   root  set -x msgmax=1000 ~ set: -x: unknown option
2   root  set -J msgmax=1000 ~ set: -J: unknown option
2   root  set --changed msgmax=1000 ~ set: --changed: unknown option
2   root  set --host=1 msgmax=1000 ~ set: --host=1: option does not take an argument
2   root  set --target ~ set: --target: missing argument
2   root  set --target @EMPTY@ msgmax=1000 ~ TARGET: empty; expected a PID, a path to an nsfs file, or a name
2   root  set --target 0 msgmax=1000 ~ 0: not a valid PID \(1\.\.2147483647\)
2   root  set --target @2^64@ msgmax=1000 ~ 18446744073709551616: not a valid PID \(1\.\.2147483647\)
2   root  set --target @PLAIN@ msgmax=1000 ~ @PLAIN@: not a namespace file \(expected /proc/PID/ns/ipc or a bind mount of one\)
2   root  set --target @FIFO@ msgmax=1000 ~ @FIFO@: not a namespace file \(expected /proc/PID/ns/ipc or a bind mount of one\)
2   root  set --target @DIR@ msgmax=1000 ~ @DIR@: not a namespace file \(expected /proc/PID/ns/ipc or a bind mount of one\)
2   root  set --target /proc/self/ns/net msgmax=1000 ~ /proc/self/ns/net: not an IPC namespace \(it is another kind of namespace\)
2   root  set --target @SELF@ msgmni=99999 ~ kernel\.msgmni: 99999 is out of range 0\.\.32768
1   root  set --target @MISSING@ msgmax=1000 ~ @MISSING@: No such file or directory
1   root  set --target 2147483647 msgmax=1000 ~ 2147483647: no such process
1   root  set --target ipcns-no-such-name msgmax=1000 ~ ipcns-no-such-name: no namespace of that name in /run/ipcns
2   root  set --target @HOSTPID@ msgmax=@HOSTMSGMAX@ ~ @HOSTPID@: is the host's \(initial\) IPC namespace; refusing to change its limits
2   root  set --target /proc/@HOSTPID@/ns/ipc msgmax=@HOSTMSGMAX@ ~ /proc/@HOSTPID@/ns/ipc: is the host's \(initial\) IPC namespace; refusing to change its limits
2   root  set --target @HOSTPID@ --host msgmax=1x ~ kernel\.msgmax: '1x' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
1   nobody set msgmax=1000 ~ kernel\.msgmax: cannot open /proc/sys/kernel/msgmax: Permission denied
1   nobody set --target @SELF@ msgmax=1000 ~ @SELF@: cannot open its IPC namespace: Permission denied
1   root  set msgmax=100 msg_next_id=-1 ~ kernel\.msg_next_id: cannot be set back to -1 \(unset\); it is 7
2   root  set msgmax=100 msgmx=1 ~ msgmx: unknown key; did you mean msgmax\?
2   root  set msgmax=100 kernel.shmmaxx=1 ~ kernel\.shmmaxx: unknown key; did you mean kernel\.shmmax\?
2   root  set msgmax=100 net.ipv4.ip_forward=1 ~ net\.ipv4\.ip_forward: not a limit of an IPC namespace \(only kernel\.msg\*, kernel\.sem\*, kernel\.shm\* and fs\.mqueue\.\* keys are\)
2   root  set msgmax=100 kernel.hostname=x ~ kernel\.hostname: not a limit of an IPC namespace \(only kernel\.msg\*, kernel\.sem\*, kernel\.shm\* and fs\.mqueue\.\* keys are\)
2   root  set msgmax=100 msgmni=99999 ~ kernel\.msgmni: 99999 is out of range 0\.\.32768
2   root  set msgmax=100 shmmni=32769 ~ kernel\.shmmni: 32769 is out of range 0\.\.32768
2   root  set msgmax=100 msgmax=-1 ~ kernel\.msgmax: -1 is out of range 0\.\.2147483647 bytes
2   root  set msgmax=100 msgmax=+5 ~ kernel\.msgmax: '\+5' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
2   root  set msgmax=100 msgmax=12abc ~ kernel\.msgmax: '12abc' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
2   root  set msgmax=100 msgmax=0x10 ~ kernel\.msgmax: '0x10' is not a number; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
2   root  set msgmax=100 msgmax=2G ~ kernel\.msgmax: 2G is out of range 0\.\.2147483647 bytes
2   root  set msgmax=100 msgmax= ~ kernel\.msgmax: empty value; expected 0\.\.2147483647 bytes, optionally with K, M, G or T
2   root  set msgmax=100 shmmax=18446744073709551616 ~ kernel\.shmmax: 18446744073709551616 is out of range 0\.\.18446744073709551615 bytes
2   root  set msgmax=100 shmall=99999999999999999999 ~ kernel\.shmall: 99999999999999999999 is out of range 0\.\.18446744073709551615 pages
2   root  set msgmax=100 msgmni=4K ~ kernel\.msgmni: '4K': a count takes no size suffix; expected a decimal number in 0\.\.32768
2   root  set msgmax=100 shm_rmid_forced=2 ~ kernel\.shm_rmid_forced: 2 is out of range 0\.\.1
2   root  set msgmax=100 auto_msgmni=1 ~ kernel\.auto_msgmni: 1 is out of range 0\.\.0
2   root  set msgmax=100 msg_next_id=-2 ~ kernel\.msg_next_id: -2 is out of range -1\.\.2147483647
2   root  set msgmax=100 msg_max=0 ~ fs\.mqueue\.msg_max: 0 is out of range 1\.\.65536
2   root  set msgmax=100 msg_default=65537 ~ fs\.mqueue\.msg_default: 65537 is out of range 1\.\.65536
2   root  set msgmax=100 msgsize_max=127 ~ fs\.mqueue\.msgsize_max: 127 is out of range 128\.\.16777216 bytes
2   root  set msgmax=100 msgsize_default=17M ~ fs\.mqueue\.msgsize_default: 17M is out of range 128\.\.16777216 bytes
2   root  set msgmax=100 queues_max=2147483648 ~ fs\.mqueue\.queues_max: 2147483648 is out of range -2147483648\.\.2147483647
2   root  set msgmax=100 kernel.sem=@SEM3@ ~ kernel\.sem: '1 2 3': expected four numbers: semmsl semmns semopm semmni
2   root  set msgmax=100 kernel.sem=@SEM5@ ~ kernel\.sem: '1 2 3 4 5': expected four numbers: semmsl semmns semopm semmni
2   root  set msgmax=100 kernel.sem=1@BLANK@2@BLANK@3@BLANK@32769 ~ kernel\.sem: semmni: 32769 is out of range 0\.\.32768
2   root  set msgmax=100 kernel.sem=-2147483649@BLANK@2@BLANK@3@BLANK@4 ~ kernel\.sem: semmsl: -2147483649 is out of range -2147483648\.\.2147483647
2   root  set msgmax=100 kernel.sem=1@BLANK@2@BLANK@3@BLANK@-1 ~ kernel\.sem: semmni: -1 is out of range 0\.\.32768
2   root  set msgmax=100 semmni=40000 ~ semmni: 40000 is out of range 0\.\.32768
2   root  set msgmax=100 msgmax ~ 'msgmax': expected KEY=VALUE, e\.g\. kernel\.msgmax=65536
2   root  set --no-such-option msgmax=1 ~ set: --no-such-option: unknown option

## help
# help for get and set
2   root  help get extra ~ extra: unexpected argument: help takes at most one COMMAND
2   root  help set extra ~ extra: unexpected argument: help takes at most one COMMAND
2   root  help get @LONG@ ~ .*: unexpected argument: help takes at most one COMMAND
2   root  help set @NONUTF8@ ~ .*\(: unexpected argument: help takes at most one COMMAND
2   root  get --help=1 ~ get: --help=1: option does not take an argument
TABLE
)

# A namespace away from its defaults, so that "no limit changed" means
# something.
"$IPCNS" set msgmax=12345 kernel.sem="1 2 3 4" shmmax=1G queues_max=77 msg_next_id=7 ||
	fail "set up the scratch namespace"

# snapshot: what a case must not change, read by the shell itself (no
# process but one find): the limits of the scratch namespace, its IPC
# objects, its mounts and the fixtures. For the cases that aim at the host
# (@HOST...), also the host's limits that such a case would write.
snapshot() {
	local f v
	REPLY=""
	for f in /proc/sys/kernel/msg* /proc/sys/kernel/sem /proc/sys/kernel/shm* /proc/sys/fs/mqueue/* \
		/proc/sysvipc/msg /proc/sysvipc/sem /proc/sysvipc/shm /proc/self/mountinfo; do
		IFS= read -r -d '' v <"$f"
		REPLY+="$f: $v"
	done
	REPLY+=$(find "$fix" -printf '%p %y %m %s %T@\n')
	if [ "$1" = host ]; then
		REPLY+=$(nsenter --ipc="/proc/$hostpid/ns/ipc" cat /proc/sys/kernel/msgmax /proc/sys/kernel/sem)
	fi
}

# expand WORD: WORD with every @NAME@ in it replaced, in $REPLY; with
# "regex", each replacement is escaped to stand for itself.
expand() {
	local k v
	REPLY=$1
	[[ $REPLY == *@*@* ]] || return 0
	for k in "${!word[@]}"; do
		[[ $REPLY == *"$k"* ]] || continue
		v=${word[$k]}
		[ "${2:-}" = regex ] && v=$(sed 's/[][\.*^$?+(){}|/]/\\&/g' <<<"$v")
		REPLY=${REPLY//"$k"/"$v"}
	done
}

canshow() { # a case's words, printable
	local w out=""
	for w in "$@"; do
		w=${w//$'\n'/\\n}
		[ ${#w} -gt 40 ] && w="${w:0:20}...(${#w})"
		out+=" '$w'"
	done
	REPLY=${out# }
}

n=0 in_part=1
while IFS= read -r line; do
	if [[ $line == "## "* ]]; then
		[ -z "$part" ] || [ "${line#\#\# }" = "$part" ] && in_part=1 || in_part=0
		continue
	fi
	[ -z "$line" ] || [ "${line:0:1}" = "#" ] || [ $in_part -eq 0 ] && continue
	if [[ $line != *" ~ "* ]]; then
		fail "a table line without ' ~ PATTERN': $line"
		continue
	fi
	pattern=${line#* ~ }
	read -r want who rest <<<"${line%% ~ *}"
	args=()
	for w in $rest; do
		expand "$w"
		args+=("$REPLY")
	done
	expand "$pattern" regex
	pattern=${REPLY//@COMMANDS@/$commands}
	canshow "${args[@]}"
	what="ipcns $REPLY"
	pre=()
	[ "$who" = nobody ] && what="as nobody: $what" && pre=("${nobody[@]}")
	scope=ns
	if [[ $rest == *@HOST* ]]; then
		[ -n "$hostpid" ] || { skip_part "no process of the initial IPC namespace is reachable: $what"; continue; }
		scope=host
	fi
	n=$((n + 1))

	snapshot $scope
	before=$REPLY
	SHELL=/bin/false timeout 10 "${pre[@]}" "$IPCNS" "${args[@]}" </dev/null >"$TMP/out" 2>"$TMP/err"
	status=$?
	snapshot $scope

	problems=""
	[ "$before" = "$REPLY" ] || problems+=" changed: $(diff <(echo "$before") <(echo "$REPLY") | grep '^[<>]' | head -n 4 | tr '\n' ' ');"
	[ "$status" -eq 124 ] && problems+=" hung (killed after 10s);"
	[ "$status" -ge 128 ] && problems+=" died of signal $((status - 128));"
	[ "$status" -eq "$want" ] || problems+=" exit $status, expected $want;"
	[ -s "$TMP/out" ] && problems+=" wrote on stdout;"
	err=""
	IFS= read -r -d '' err <"$TMP/err"
	mapfile -t lines <<<"${err%$'\n'}"
	[ -n "$err" ] || lines=()
	first=${lines[0]:-}
	if [ ${#lines[@]} -eq 0 ]; then
		problems+=" no error message;"
	elif [[ $first != "ipcns: "* ]] || [[ $first == "ipcns: hint: "* ]]; then
		problems+=" the first line is not 'ipcns: <what>: <why>';"
	elif [ ${#lines[@]} -gt 2 ] || { [ ${#lines[@]} -eq 2 ] && [[ ${lines[1]} != "ipcns: hint: "* ]]; }; then
		problems+=" ${#lines[@]} lines on stderr;"
	elif [ ${#first} -ge $((7 + 511)) ]; then
		problems+=" the message fills all 511 bytes of ipcns's buffer: cut off before its reason;"
	elif ! [[ ${first#ipcns: } =~ ^($pattern)$ ]]; then
		problems+=" the message does not match '$pattern';"
	fi
	[ -z "$err" ] || [ "${err: -1}" = $'\n' ] || problems+=" stderr does not end in a newline;"

	if [ -z "$problems" ]; then
		pass "$what: $want, ${first:0:100}"
	else
		fail "$what:$problems stderr: ${err:0:300}"
	fi
done <<<"$cases"
if [ -n "$part" ]; then
	[ "$n" -gt 0 ] && pass "$n cases of part $part run" || fail "no case in part '$part'"
else
	[ "$n" -gt 300 ] && pass "$n cases run" || fail "only $n cases run"
fi

finish
