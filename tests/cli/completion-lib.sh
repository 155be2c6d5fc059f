# shellcheck shell=bash
# Sourced by the completion tests after lib.sh. Asks each shell what it
# completes for a command line, as a user's TAB would:
#
#   bash        bash-completion and completions/ipcns.bash loaded; COMP_WORDS,
#               COMP_CWORD, COMP_LINE and COMP_POINT set as readline sets
#               them (words split at the "=" and ":" of COMP_WORDBREAKS);
#               _ipcns called; COMPREPLY read
#   bash-noeq   the same with "=" taken out of COMP_WORDBREAKS, as some
#               users have it
#   zsh         an interactive zsh in a zpty, with compinit and the _ipcns
#               file first in fpath; a completion widget runs the normal
#               completion for each line with a compadd that records every
#               match it is given and that matches the line
#   fish        complete -C
#
# Each candidate is written as the whole word it would put on the line:
# bash's text before the word break is put back, zsh's ignored and hidden
# prefixes and its suffix are included, fish's description is dropped.
#
# A test defines cases(), a list of `t LINE CHECK...` calls; LINE follows
# "ipcns " and is split at spaces; each CHECK is has=WORD (every shell
# offers WORD) or not=WORD (no shell offers it). run_cases asks every shell
# about every line (zsh and fish once each, for speed), then runs the checks.

src=$(cd "${IPCNS_SOURCE_DIR:?}" && pwd)
IPCNS=$(realpath "$IPCNS")
# The completions call ipcns itself (get --keys). A short, fixed PATH: the
# same commands on every machine, and fewer for CMD to go through.
PATH="$(dirname "$IPCNS"):/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
export PATH

# Hermetic: no user's rc files, history or universal variables.
mkdir -p "$TMP/home" "$TMP/cwd"
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/home/.config XDG_DATA_HOME=$TMP/home/.local/share
unset XDG_RUNTIME_DIR ZDOTDIR
cd "$TMP/cwd" || exit 1

t_shells="bash bash-noeq"
if command -v zsh >/dev/null; then t_shells+=" zsh"; else echo "# zsh is missing: not asked"; fi
if command -v fish >/dev/null; then t_shells+=" fish"; else echo "# fish is missing: not asked"; fi

[ -f /usr/share/bash-completion/bash_completion ] || skip "bash-completion is not installed"
# bash-completion is not written for set -u.
set +u
# shellcheck source=/dev/null
. /usr/share/bash-completion/bash_completion
# shellcheck source=../../completions/ipcns.bash
. "$src/completions/ipcns.bash"
set -u

# bash_ask BREAKS LINE: what _ipcns offers for "ipcns LINE", with "=" and
# ":" word breaks as in BREAKS.
# shellcheck disable=SC2295 # $brk is a bracket expression's content
bash_ask() {
	(
		set +u
		local brk=$1 line="ipcns $2" tok piece last keep=""
		local -a toks
		COMP_WORDBREAKS=$' \t\n"\'><;|&('$brk
		COMP_WORDS=()
		read -ra toks <<<"$line"
		for tok in "${toks[@]}"; do
			while [ -n "$tok" ]; do
				if [[ -n $brk && $tok == [$brk]* ]]; then
					piece=${tok%%[^$brk]*}
				elif [ -n "$brk" ]; then
					piece=${tok%%[$brk]*}
				else
					piece=$tok
				fi
				COMP_WORDS+=("$piece")
				tok=${tok#"$piece"}
			done
		done
		[[ $line == *' ' ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$line
		COMP_POINT=${#line}
		COMPREPLY=()
		_ipcns ipcns "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
		# readline replaces only the text after the word's last break.
		last=${line##* }
		[[ -n $brk && $last == *[$brk]* ]] && keep=${last%"${last##*[$brk]}"}
		((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]/#/$keep}"
	)
}

# zsh_batch LINES OUT: for each line of the file LINES, ">LINE" and then the
# matches zsh's completion adds for "ipcns LINE", into OUT.
zsh_batch() {
	local zdot=$TMP/zdot
	mkdir -p "$zdot"
	cat >"$zdot/.zshrc" <<EOF
fpath=(${src@Q}/completions \$fpath)
autoload -Uz compinit && compinit -u -D
zmodload zsh/zutil
_t_out=${2@Q}
# Record what each compadd call would add: the matching words with the
# prefixes and suffix that make up the word on the line.
compadd() {
	local -A o
	local w
	local -a m
	if ((\${@[(I)-[OAD]*]})); then
		builtin compadd "\$@"
		return
	fi
	zparseopts -A o P: S: p: s: i: I: W: d: J: X: x: V: o:: r: R: D: O: A: E: M: F: a k q Q f e n U l 1 2 C
	builtin compadd -O m "\$@"
	# A suffix that goes away when the next key is not part of the word
	# (-q, as _values' comma) is not part of it.
	for w in \$m; do
		print -r -- "\$IPREFIX\${o[-i]}\${o[-p]}\${o[-P]}\$w\${o[-q]-\${o[-S]}}" >>\$_t_out
	done
	builtin compadd "\$@"
}
_t_complete() {
	_main_complete
	compstate[insert]=''
	compstate[list]=''
}
zle -C _t_complete complete-word _t_complete
_t_drive() {
	local l
	for l in "\${(@f)\$(<${1@Q})}"; do
		print -r -- ">\$l" >>\$_t_out
		BUFFER="ipcns \$l"
		CURSOR=\$#BUFFER
		zle _t_complete
	done
	exit
}
zle -N zle-line-init _t_drive
EOF
	: >"$2"
	ZDOTDIR=$zdot timeout 30 zsh -f -c 'zmodload zsh/zpty && zpty t zsh -d -i && while zpty -r t _; do :; done' >/dev/null 2>&1
}

# fish_batch LINES OUT: the same with fish's complete -C.
fish_batch() {
	fish -c "set -p fish_complete_path ${src@Q}/completions
		while read -l l
			echo \">\$l\"
			complete -C \"ipcns \$l\"
		end" <"$1" 2>/dev/null | cut -f1 >"$2"
}

# ask_all LINES: ask every shell about every line of the file LINES; the
# answer to line N in $TMP/ans/SHELL.N, and all of them in $TMP/res.SHELL.
ask_all() {
	local sh l
	# zsh and fish in the background while bash answers.
	[[ $t_shells == *zsh* ]] && zsh_batch "$1" "$TMP/res.zsh" &
	[[ $t_shells == *fish* ]] && fish_batch "$1" "$TMP/res.fish" &
	while IFS= read -r l; do
		printf '>%s\n' "$l"
		bash_ask '=:' "$l"
	done <"$1" >"$TMP/res.bash"
	while IFS= read -r l; do
		printf '>%s\n' "$l"
		bash_ask ':' "$l"
	done <"$1" >"$TMP/res.bash-noeq"
	wait
	rm -rf "$TMP/ans"
	mkdir "$TMP/ans"
	for sh in $t_shells; do
		# A directory's "/" (fish adds one) is not part of the name.
		awk -v out="$TMP/ans/$sh." '
			/^>/ { n++; printf "" >(out n); close(out n); next }
			{ sub(/.\/$/, substr($0, length($0) - 1, 1)); print >>(out n); close(out n) }' "$TMP/res.$sh"
	done
}

# t_result SHELL LINE: what SHELL offered for LINE, one per line.
t_result() {
	awk -v l=">$2" '$0 == l { on = 1; next } /^>/ { on = 0 } on' "$TMP/res.$1"
}

t() { # t LINE CHECK...
	local line=$1 sh c got want nl=$'\n'
	shift
	t_n=$((t_n + 1))
	if [ "$t_mode" = collect ]; then
		printf '%s\n' "$line" >>"$TMP/lines"
		return
	fi
	for sh in $t_shells; do
		got=$(<"$TMP/ans/$sh.$t_n")
		for c; do
			want=${c#*=}
			case $c in
			has=*)
				if [[ $nl$got$nl == *"$nl$want$nl"* ]]; then
					pass "$sh: ipcns $line<TAB> offers $want"
				else
					fail "$sh: ipcns $line<TAB> does not offer $want; it offers: $(head -20 <<<"$got" | tr '\n' ' ')"
				fi
				;;
			not=*)
				if [[ $nl$got$nl == *"$nl$want$nl"* ]]; then
					fail "$sh: ipcns $line<TAB> offers $want"
				else
					pass "$sh: ipcns $line<TAB> does not offer $want"
				fi
				;;
			*)
				fail "bad check $c"
				;;
			esac
		done
	done
}

run_cases() {
	t_mode=collect t_n=0
	: >"$TMP/lines"
	cases
	ask_all "$TMP/lines"
	t_mode=check t_n=0
	cases
}
