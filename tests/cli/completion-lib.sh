# Sourced by the completion tests after lib.sh: loads the bash completion
# (with bash-completion first when installed, for _command_offset) and gives
# helpers to ask it what it offers.
src=${IPCNS_SOURCE_DIR:?}
PATH="$(dirname "$IPCNS"):$PATH" # the completions call ipcns itself (get --keys)
[ -f /usr/share/bash-completion/bash_completion ] && . /usr/share/bash-completion/bash_completion
. "$src/completions/ipcns.bash"

# complete_words WORD...: COMPREPLY for the last word, one per line, sorted.
complete_words() {
	COMP_WORDS=(ipcns "$@")
	COMP_CWORD=$#
	COMP_LINE="ipcns $*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_ipcns 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

has() { # has WORD DESCRIPTION WORDS...: the completion of WORDS offers WORD
	local want=$1 what=$2
	shift 2
	if complete_words "$@" | grep -qx -- "$want"; then pass "$what"; else fail "$what: got $(complete_words "$@" | tr '\n' ' ')"; fi
}

lacks() { # lacks WORD DESCRIPTION WORDS...: ... does not offer WORD
	local bad=$1 what=$2
	shift 2
	if complete_words "$@" | grep -qx -- "$bad"; then fail "$what"; else pass "$what"; fi
}
