#!/bin/bash
# list and show in bash, zsh and fish: their options; list's -o/--output
# in every form (-o LIST, -oLIST, --output=LIST, --output LIST), a column
# name after each comma and after a leading "+", in lower case when the
# word is typed so; show's TARGET (PIDs, names, paths with a slash), one
# only. The column names offered are those 'ipcns list --columns' lists.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/completion-lib.sh"

touch "$TMP/cwd/ipc-not-a-column"
mkdir "$TMP/run"
# pin-one is a name; .pin-one.shm, as ipcns's own files, is not.
touch "$TMP/run/pin-one" "$TMP/run/.pin-one.shm"
export IPCNS_RUN_DIR=$TMP/run
nope=ipc-not-a-column
"$IPCNS" list --columns | cut -f1 >"$TMP/columns" || fail "ipcns list --columns"

cases() {
	t '' has=list has=show not=$nope
	t 'l' has=list not=show
	t 'help s' has=show has=set not=list

	# list: options, and no operand.
	t 'list -' has=-J has=-n has=-o has=-b has=--json has=--output has=--output-all has=--no-counts has=--columns not=--target not=$nope
	t 'list --out' has=--output has=--output-all not=--json
	t 'list -J --no' has=--noheadings has=--no-counts has=--notruncate not=--json
	t 'list ' not=$nope not=pin-one not=NS
	t 'list -o NS ' not=$nope not=NS

	# -o/--output: columns in every form.
	t 'list --output=' has=--output=NS has=--output=NPROCS has=--output=COMMAND not=--output=$nope
	t 'list --output=NP' has=--output=NPROCS not=--output=NS
	t 'list --output=NS,P' has=--output=NS,PID has=--output=NS,PATH not=--output=PID not=--output=NS,NS
	t 'list --output=+' has=--output=+NS has=--output=+MQ not=--output=NS
	t 'list --output=+NS,SH' has=--output=+NS,SHM has=--output=+NS,SHMBYTES not=--output=+NS,SEM not=--output=NS,SHM
	t 'list --output=np' has=--output=nprocs not=--output=NPROCS
	t 'list --output ' has=NS has=COMMAND not=$nope
	t 'list --output C' has=CGROUP has=COMMAND not=NS not=$nope
	t 'list --output +ms' has=+msg not=msg not=+mq not=+MSG
	t 'list -o ' has=NS has=OWNERUID not=$nope
	t 'list -o NS,U' has=NS,USER not=USER not=$nope
	t 'list -oNS,U' has=-oNS,USER not=-o$nope not=-oUSER
	t 'list -oL' has=-oLIMITS not=-oNS
	t 'list -o +pid,ow' has=+pid,owner has=+pid,owneruid not=+pid,OWNER
	t 'list -o+pid,ow' has=-o+pid,owner not=-o+pid,OWNER
	t 'list -no ' has=NS not=$nope
	t 'list -noPI' has=-noPID not=-noNS
	t 'list -b --output=ID,M' has=--output=ID,MSG has=--output=ID,MQ not=--output=ID,SEM
	t 'list --output=NS --r' has=--raw
	t 'list -o NS -' has=-J has=--bytes

	# show: options, and one TARGET.
	t 'show -' has=-J has=-b has=-r has=-u has=--json has=--bytes has=--raw has=--notruncate not=--output not=-o not=$nope
	t 'show ' has="$$" has=pin-one not=.pin-one.shm not=$nope
	t 'show pin' has=pin-one not=$nope
	t 'show .' not=.pin-one.shm
	t "show $$" has="$$" not=pin-one
	t 'show -J -b pin' has=pin-one not=$nope
	t 'show /proc/self/ns/ip' has=/proc/self/ns/ipc
	t 'show pin-one ' not=pin-one not="$$" not=$nope
	t 'show pin-one --j' has=--json
}
run_cases

# Every column offered (-o, empty word) is one 'list --columns' lists, and
# every one of those is offered.
for sh in $t_shells; do
	if diff <(t_result "$sh" 'list -o ' | sort -u) <(sort -u "$TMP/columns") >"$TMP/diff"; then
		pass "$sh: list -o offers exactly the columns of list --columns"
	else
		fail "$sh: list -o offers other columns than list --columns: $(tr '\n' ' ' <"$TMP/diff")"
	fi
done
finish
