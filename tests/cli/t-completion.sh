#!/bin/bash
# Asks bash, zsh and fish what they complete for ipcns in every form --help
# shows (--opt=VALUE, --opt VALUE, -oVALUE, -o VALUE): commands, options,
# TARGETs, option values and CMD. An option's value, attached or not, is
# never CMD. Each check names a candidate that must be offered or, as a
# file in the current directory, one that must not.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/completion-lib.sh"

# A file and a name that only a wrong completion would offer, a pin name,
# a directory and a file for option values.
touch "$TMP/cwd/ipc-not-a-command"
mkdir "$TMP/run" "$TMP/qdir"
touch "$TMP/run/pin-one" "$TMP/limits.conf"
export IPCNS_RUN_DIR=$TMP/run
nope=ipc-not-a-command

cases() {
	# Commands and options.
	t '' has=run has=enter has=get has=set has=help not=$nope
	t 'r' has=run not=enter
	t 'help e' has=enter not=run
	t 'run -' has=-F has=--fork has=-c has=--map-current-user has=--strict not=--user not=$nope
	t 'run --map-' has=--map-root-user has=--map-current-user has=--map-user has=--map-group not=--mqueue
	t 'enter --' has=--user has=--host has=--strict not=--inherit not=--map-root-user
	t 'get -' has=-n has=--values has=-t has=--target not=--host
	t 'set --' has=--host has=--strict has=--target not=--json

	# TARGET: PIDs and names under $IPCNS_RUN_DIR, paths with a slash.
	t 'get --target=' has="--target=$$" has=--target=pin-one not=--target=$nope
	t 'get --target pin' has=pin-one not=$nope
	t 'get -t pin' has=pin-one not=$nope
	t 'get -tpin' has=-tpin-one not=-t$nope
	t "set --target=$$" has="--target=$$" not=--target=$nope
	t 'get --target=/proc/self/ns/ip' has=--target=/proc/self/ns/ipc
	t '' not=pin-one
	t 'enter ' has="$$" has=pin-one not=$nope
	t 'enter -F --setuid=nobody pin' has=pin-one not=$nope
	t 'enter -S nobody pin' has=pin-one not=$nope
	t 'enter /proc/self/ns/ip' has=/proc/self/ns/ipc

	# CMD: the word after the options (and enter's TARGET) is a command,
	# whatever form the options before it took.
	t 'run ipc' has=ipcrm not=$nope
	t 'run --setuid=nobody ipc' has=ipcrm not=$nope
	t 'run --setuid nobody ipc' has=ipcrm not=$nope
	t 'run -Snobody ipc' has=ipcrm not=$nope
	t 'run -S nobody ipc' has=ipcrm not=$nope
	t 'run --setgid=nogroup -F ipc' has=ipcrm not=$nope
	t 'run --sysctl=kernel.msgmax=9000 ipc' has=ipcrm not=$nope
	t 'run -s msgmax=9000 ipc' has=ipcrm not=$nope
	t 'run -smsgmax=9000 ipc' has=ipcrm not=$nope
	t 'run --caps=cap_ipc_lock,cap_ipc_owner ipc' has=ipcrm not=$nope
	t 'run --caps none ipc' has=ipcrm not=$nope
	t "run --sysctl-file=$TMP/limits.conf ipc" has=ipcrm not=$nope
	t "run -f $TMP/limits.conf ipc" has=ipcrm not=$nope
	t 'run -m ipc' has=ipcrm not=$nope
	t "run --mqueue=$TMP/qdir ipc" has=ipcrm not=$nope
	t "run -m$TMP/qdir ipc" has=ipcrm not=$nope
	t 'run --shm=64M ipc' has=ipcrm not=$nope
	t 'run -c --map-user=0 --map-group=0 ipc' has=ipcrm not=$nope
	t 'run --strict -- ipc' has=ipcrm not=$nope
	t 'enter --setuid=nobody 1 ipc' has=ipcrm not=$nope
	t "enter --host -s msgmax=9000 $$ ipc" has=ipcrm not=$nope
	t "enter $$ -- ipc" has=ipcrm not=$nope
	t "enter -- $$ ipc" has=ipcrm not=$nope
	t 'run ls --col' has=--color not=--fork
	t 'run --fork ls --f' not=--fork

	# Values of options, attached or not.
	t 'run --sysctl=kernel.msgm' has=--sysctl=kernel.msgmax= not=--sysctl=kernel.msgmax not=--sysctl=$nope
	t 'run --sysctl kernel.msgm' has=kernel.msgmax= not=$nope
	t 'run -skernel.msgm' has=-skernel.msgmax= not=-s$nope
	t 'run -s kernel.msgm' has=kernel.msgmax= not=$nope
	t 'run -Fskernel.msgm' has=-Fskernel.msgmax=
	t 'run --sysctl=kernel.msgmax=' not=--sysctl=kernel.msgmax=$nope not=--sysctl=kernel.msgmax=kernel.msgmax=
	t 'run --sysctl=kernel.msgmax=9000 --f' has=--fork
	t 'run --sysctl=kernel.msgmax=9000 -s kernel.msgm' has=kernel.msgmax=
	t 'run --caps=' has=--caps=cap_ipc_lock has=--caps=none not=--caps=$nope
	t 'run --caps=cap_ipc_lock,cap_ipc_o' has=--caps=cap_ipc_lock,cap_ipc_owner not=--caps=cap_ipc_lock,none
	t 'run --caps cap_ipc_lock,cap_ipc_o' has=cap_ipc_lock,cap_ipc_owner
	t 'enter --caps=cap_sys_n' has=--caps=cap_sys_nice
	t "run --sysctl-file=$TMP/lim" has="--sysctl-file=$TMP/limits.conf"
	t "run --sysctl-file $TMP/lim" has="$TMP/limits.conf"
	t "run -f$TMP/lim" has="-f$TMP/limits.conf"
	t "enter -f $TMP/lim" has="$TMP/limits.conf"
	t "run --mqueue=$TMP/" has="--mqueue=$TMP/qdir" not="--mqueue=$TMP/limits.conf"
	t "run -m$TMP/" has="-m$TMP/qdir" not="-m$TMP/limits.conf"
	t "enter --mqueue=$TMP/q" has="--mqueue=$TMP/qdir"
	t 'run --shm=6' has=--shm=64M not=--shm=$nope
	t 'run --setuid=nob' has=--setuid=nobody
	t 'run --setuid nob' has=nobody not=$nope
	t 'run -Snob' has=-Snobody
	t 'enter -S nob' has=nobody
	t 'run --setgid=nog' has=--setgid=nogroup
	t 'enter -Gnog' has=-Gnogroup
	t 'run -G nog' has=nogroup
	t 'run --map-user=nob' has=--map-user=nobody
	t 'run --map-user=6553' has=--map-user=65534
	t 'run --map-group=nog' has=--map-group=nogroup
}
run_cases

# Every capability name the completions offer is one ipcns knows (they are
# copies of libcap's names: a typo would be offered and then refused).
for sh in $t_shells; do
	caps=$(t_result "$sh" 'run --caps=' | sed -n 's/^--caps=cap_//p' | sort -u)
	[ "$(wc -l <<<"$caps")" -ge 41 ] || fail "$sh offers only $(wc -l <<<"$caps") capabilities"
	# (The bounding set may lack some: only "unknown" is a wrong name.)
	run_capture "$IPCNS" run --caps "cap_${caps//$'\n'/,cap_}" -- true
	if grep -q 'unknown capability' "$TMP/err"; then fail "$sh: $(cat "$TMP/err")"; else pass "$sh: ipcns knows every capability offered"; fi
done

finish
