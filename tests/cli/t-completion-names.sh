#!/bin/bash
# create, delete, pids and identify in bash, zsh and fish: create's options
# in every form, delete's and pids' NAMEs (the files in the run directory,
# not ipcns's own dot files), identify's PIDs; a new name, a second NAME
# for pids or a second PID are not completed. The checks for a command run
# only when 'ipcns --help' lists it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/completion-lib.sh"

touch "$TMP/cwd/ipc-not-a-name" "$TMP/limits.conf"
mkdir "$TMP/run"
touch "$TMP/run/pin-one" "$TMP/run/pin-two" "$TMP/run/.pin-one.shm"
export IPCNS_RUN_DIR=$TMP/run
nope=ipc-not-a-name

help=$("$IPCNS" --help)
has_cmd() { grep -qE "^  $1 " <<<"$help"; }
listed=""
for c in create delete pids identify; do
	if has_cmd "$c"; then listed+=" $c"; else echo "# ipcns --help does not list $c: its checks are not run"; fi
done
[ -n "$listed" ] || skip "ipcns --help lists none of create, delete, pids, identify"

cases() {
	local c
	for c in $listed; do
		t '' has="$c" not=$nope
		t "help ${c:0:2}" has="$c" not=$nope
	done
	if has_cmd create; then
		t 'create -' has=-s has=--sysctl has=-f has=--sysctl-file has=-i has=--inherit has=--shm has=--strict has=-h not=--force not=--target not=-m not=$nope
		t 'create --sysctl=msgm' has=--sysctl=msgmax= not=--sysctl=$nope
		t 'create --sysctl msgm' has=msgmax= not=$nope
		t 'create -smsgm' has=-smsgmax= not=-s$nope
		t 'create -s msgm' has=msgmax= not=$nope
		t 'create -is kernel.shmm' has=kernel.shmmax= not=shmmax=
		t "create --sysctl-file=$TMP/lim" has="--sysctl-file=$TMP/limits.conf"
		t "create --sysctl-file $TMP/lim" has="$TMP/limits.conf"
		t "create -f$TMP/lim" has="-f$TMP/limits.conf"
		t "create -f $TMP/lim" has="$TMP/limits.conf"
		t 'create --shm=6' has=--shm=64M not=--shm=$nope
		# NAME is a new name: nothing to offer, neither names nor files.
		t 'create ' not=pin-one not=$nope
		t 'create -i -s msgmax=9000 ' not=pin-one not=$nope
		t 'create --shm=64M db --i' has=--inherit not=--strict
		t 'create --strict -s msgmax=1 db --s' has=--sysctl has=--shm not=--force
	fi
	if has_cmd delete; then
		t 'delete -' has=--force has=-h has=--help not=-s not=--target not=$nope
		t 'delete ' has=pin-one has=pin-two not=.pin-one.shm not="$$" not=$nope
		t 'delete --force pin' has=pin-one has=pin-two not=$nope
		t 'delete pin-one pin' has=pin-two not=$nope
		t 'delete .' not=.pin-one.shm
		t 'delete pin-one --f' has=--force
	fi
	if has_cmd pids; then
		t 'pids -' has=-h has=--help not=--force not=$nope
		t 'pids ' has=pin-one has=pin-two not="$$" not=.pin-one.shm not=$nope
		t 'pids pin-o' has=pin-one not=pin-two
		t 'pids pin-one ' not=pin-two not=$nope
	fi
	if has_cmd identify; then
		t 'identify -' has=-h has=--help not=--force not=$nope
		t 'identify ' has="$$" has=1 not=pin-one not=$nope
		t "identify $$" has="$$" not=pin-one
		t "identify $$ " not="$$" not=$nope
	fi
}
run_cases

# Without IPCNS_RUN_DIR (empty is unset) names are where the caller's
# create puts them: root's in /run/ipcns, so not those in
# $XDG_RUNTIME_DIR/ipcns, which are nobody's.
if has_cmd create; then
	xdg=$(mktemp -d "${TMPDIR:-/tmp}/ipcns-xdg.XXXXXX")
	at_exit "rm -rf ${xdg@Q}"
	mkdir "$xdg/ipcns"
	touch "$xdg/ipcns/rootless-one" "$xdg/ipcns/.rootless-one.lock"
	chmod -R a+rX "$xdg"
	export IPCNS_RUN_DIR='' XDG_RUNTIME_DIR=$xdg
	cases() {
		t 'delete root' not=rootless-one
		t 'show root' not=rootless-one
		t 'get --target=root' not=--target=rootless-one
	}
	run_cases

	# nobody is offered them, by bash and fish (zsh is asked in a
	# terminal, which setpriv does not give).
	# shellcheck disable=SC2016 # expanded by the inner bash
	ask_bash='. /usr/share/bash-completion/bash_completion; . "$1"; shift
		COMP_WORDS=(ipcns "$@"); COMP_CWORD=$#; COMP_LINE="ipcns $*"; COMP_POINT=${#COMP_LINE}
		_ipcns ipcns "${@: -1}" "${@: -2:1}"; printf "%s\n" "${COMPREPLY[@]}"'
	# A checkout under a private directory (/root) is out of nobody's
	# reach: nobody reads copies in the test's own directory.
	cp -r "$src/completions" "$TMP/completions-copy" && chmod -R a+rX "$TMP/completions-copy"
	# ... and a copy of ipcns first in PATH: fish completes only commands it finds.
	mkdir -p "$TMP/nobody-bin" && cp "$IPCNS" "$TMP/nobody-bin/ipcns" && chmod -R a+rX "$TMP/nobody-bin"
	nobody_path=$TMP/nobody-bin:$PATH
	cd "$TMP" || fail "cd $TMP" # fish gives up in a working directory nobody cannot enter
	comps=$TMP/completions-copy
	ask_fish="set -p fish_complete_path ${comps@Q}; complete -C \$argv[1]"
	if ! as_nobody test -r "$comps/ipcns.bash" -a -r "$comps/ipcns.fish"; then
		fail "nobody cannot read $comps"
	else
		for line in 'delete root' 'pids root' 'show root' 'enter root' 'set --target root'; do
			# shellcheck disable=SC2086 # the line's words
			got=$(as_nobody env HOME="$xdg" bash -c "$ask_bash" _ "$comps/ipcns.bash" $line 2>/dev/null)
			[[ $'\n'$got$'\n' == *$'\nrootless-one\n'* ]] && pass "bash as nobody: ipcns $line<TAB> offers rootless-one" ||
				fail "bash as nobody: ipcns $line<TAB> does not offer rootless-one; it offers: $got"
			if [[ $t_shells == *fish* ]]; then
				got=$(as_nobody env PATH="$nobody_path" HOME="$xdg" XDG_CONFIG_HOME="$xdg/config" XDG_DATA_HOME="$xdg/data" \
					fish -c "$ask_fish" "ipcns $line" 2>/dev/null | cut -f1)
				[[ $'\n'$got$'\n' == *$'\nrootless-one\n'* ]] && pass "fish as nobody: ipcns $line<TAB> offers rootless-one" ||
					fail "fish as nobody: ipcns $line<TAB> does not offer rootless-one; it offers: $got"
			fi
		done
	fi
fi
finish
