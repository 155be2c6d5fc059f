#!/bin/bash
# Limit keys in bash, zsh and fish: every key 'ipcns get --keys' lists, by
# its canonical name, its last component (msgmax) or its slash form, as a
# KEY for get and as KEY= for set and -s/--sysctl in every form; options
# anywhere among get's and set's operands. Every name offered is one ipcns
# accepts.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/completion-lib.sh"

touch "$TMP/cwd/msg-not-a-key"
nope=msg-not-a-key
"$IPCNS" get --keys | cut -f1 >"$TMP/keys" || fail "ipcns get --keys"

cases() {
	t 'g' has=get not=set
	t 's' has=set not=get
	t 'get ' has=kernel.msgmax has=msgmax has=kernel.sem has=sem has=semmni has=fs.mqueue.msg_max has=msg_max not=$nope
	t 'get msg' has=msgmax has=msgmnb has=msg_max has=msgsize_default not=msgmax= not=$nope
	t 'get kernel.msgm' has=kernel.msgmax not=msgmax not=kernel.msgmax=
	t 'get kernel/msgm' has=kernel/msgmax not=kernel.msgmax
	t 'get fs.mqueue.msg' has=fs.mqueue.msg_max has=fs.mqueue.msgsize_max not=msg_max
	t 'get -J --changed sem' has=sem has=semmni has=sem_next_id
	t "get --target=$$ msgm" has=msgmax
	t "get msgmax -t $$ shm" has=shmmax
	t 'get -n semo' has=semopm
	t 'set sh' has=shmmax= has=shmall= has=shm_rmid_forced= not=shmmax not=$nope
	t 'set kernel.shmm' has=kernel.shmmax= has=kernel.shmmni= not=shmmax=
	t 'set shmmax=' not=shmmax=$nope not=shmmax=shmmax=
	t 'set --host --strict msgm' has=msgmax=
	t 'set msgmax=9000 msgm' has=msgmnb=
	t 'run -s msgm' has=msgmax= not=$nope
	t 'run -smsgm' has=-smsgmax= not=-s$nope
	t 'run --sysctl=msgm' has=--sysctl=msgmax= not=--sysctl=$nope
	t 'run --sysctl msgm' has=msgmax=
	t 'run -s semm' has=semmni= has=semmsl= has=semmns=
	t 'enter --sysctl=fs.mqueue.msg_m' has=--sysctl=fs.mqueue.msg_max= not=--sysctl=msg_max=
	t 'enter -s fs/mqueue/msgs' has=fs/mqueue/msgsize_max=
	t 'run --sysctl=kernel.msgmax=9000 -s ' has=kernel.msgmax= has=msgmax= has=semmni=
	t 'run -s msgmax=9000 -s msgm' has=msgmnb=
	# Every key, by each of its names.
	while read -r key; do
		t "set ${key:0:${#key}-1}" has="$key="
		t "get $key" has="$key" not="$key="
		short=${key##*.}
		[ "$short" = "$key" ] && continue
		t "run -s $short" has="$short="
		t "get ${key//./\/}" has="${key//./\/}"
	done <"$TMP/keys"
}
run_cases

# ipcns accepts every name the completions offer (get reads, changes
# nothing).
for sh in $t_shells; do
	names=$(t_result "$sh" 'get ' | sort -u)
	[ "$(wc -l <<<"$names")" -ge 34 ] || fail "$sh offers only $(wc -l <<<"$names") names for get"
	# shellcheck disable=SC2086 # one name a word
	if "$IPCNS" get $names >/dev/null; then pass "$sh: ipcns get takes every name offered"; else fail "$sh: ipcns get refuses a name offered"; fi
done
finish
