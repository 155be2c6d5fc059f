#!/bin/bash
# Completions for limits: keys after -s and for get/set (bash and fish ask
# the binary, 'ipcns get --keys'), get/set options, -f files.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/completion-lib.sh"

has get "get is a command" g
has set "set is a command" s
# Every key the registry has is offered, as KEY= after -s and for set.
for key in $("$IPCNS" get --keys | cut -f1); do
	has "$key=" "run -s completes $key=" run -s "${key:0:${#key}-1}"
	has "$key" "get completes $key" get "$key"
done
has "kernel.msgmax=" "set completes KEY=" set kernel.msgm
has "kernel.sem=" "enter --sysctl completes KEY=" enter --sysctl kernel.se
has "semmni=" "sem fields too" set semm
for opt in --target --changed --json --keys; do
	has "$opt" "get completes $opt" get --
done
has --host "set completes --host" set --
has --inherit "run completes --inherit" run --inh
has --sysctl-file "enter completes --sysctl-file" enter --sysctl-
has /proc/self/ns/ipc "get --target completes a path" get --target /proc/self/ns/ip
has "$TMP" "-f completes files" run -f "$TMP"
has ls "CMD still follows -s KEY=VALUE" run -s msgmax=1 l

if command -v fish >/dev/null; then
	out=$(fish -c "source $src/completions/ipcns.fish; complete -C'ipcns get kernel.msgm'")
	[[ $out == *"kernel.msgmax"$'\t'"largest System V message"* ]] && pass "fish completes keys with descriptions" ||
		fail "fish: $out"
	out=$(fish -c "source $src/completions/ipcns.fish; complete -C'ipcns run -s kernel.shmm'")
	[[ $out == *"kernel.shmmax="* ]] && pass "fish completes KEY= after -s" || fail "fish -s: $out"
	out=$(fish -c "source $src/completions/ipcns.fish; complete -C'ipcns set --'")
	[[ $out == *"--host"* && $out == *"--target"* ]] && pass "fish completes set's options" || fail "fish set: $out"
fi
if command -v zsh >/dev/null; then
	# Outside a completion, with compsys stubbed: the key helper reads the registry.
	out=$(cd "$src" && zsh -c '_arguments() { return 1 }; _call_program() { shift; eval "$*" }
		_describe() { print -rl -- "${(@P)4}" }
		source completions/_ipcns; _ipcns_prog=$1; _ipcns_keys' zsh "$IPCNS" 2>&1)
	[[ $out == *"kernel.msgmax:largest System V message"* && $(wc -l <<<"$out") -eq 21 ]] &&
		pass "zsh's key helper lists the registry" || fail "zsh: $out"
fi
finish
