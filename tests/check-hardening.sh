#!/bin/bash
# check-hardening.sh - prove on a built binary that the hardening flags took
# effect, by reading the ELF file with readelf (what the linker produced, not
# what CMake was asked for).
#
# usage: tests/check-hardening.sh [-v] [--skip CHECK]... BINARY
#   -v            also print the readelf lines each check is based on
#   --skip CHECK  do not require CHECK (the build does not promise it), e.g.
#                 --skip fortify for an unoptimised build; CHECK is one of
#                 pie, bind-now, relro, stack-protector, fortify, cet
#
# One "ok - ..." or "not ok - ..." line per check ("skip - ..." for a skipped
# one), then "N passed, N failed". Exit 0 when none failed, 1 when one did,
# 2 on a usage error or when readelf is missing. READELF names another readelf
# (e.g. llvm-readelf).

set -euo pipefail

verbose=0
skips=" "
usage() {
	sed -n '2,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
}
while [ $# -gt 0 ]; do
	case "$1" in
	-h | --help) usage; exit 0 ;;
	-v | --verbose) verbose=1 ;;
	--skip) [ $# -ge 2 ] || { usage >&2; exit 2; }; skips+="$2 "; shift ;;
	--skip=*) skips+="${1#--skip=} " ;;
	--) shift; break ;;
	-*) usage >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
[ $# -eq 1 ] || { usage >&2; exit 2; }
bin=$1
readelf=${READELF:-readelf}
command -v "$readelf" >/dev/null || { echo "check-hardening.sh: $readelf not found (binutils)" >&2; exit 2; }
[ -f "$bin" ] || { echo "check-hardening.sh: $bin: no such file" >&2; exit 2; }

# Read each view of the file once; a file readelf cannot parse is an error.
header=$(LC_ALL=C "$readelf" -hW "$bin") || { echo "check-hardening.sh: $bin: not an ELF file" >&2; exit 2; }
dynamic=$(LC_ALL=C "$readelf" -dW "$bin")
segments=$(LC_ALL=C "$readelf" -lW "$bin")
symbols=$(LC_ALL=C "$readelf" -sW "$bin")
notes=$(LC_ALL=C "$readelf" -nW "$bin")

passes=0 failures=0 skipped=0
evidence() { # evidence TEXT: the readelf lines behind a result, with -v
	[ "$verbose" -eq 1 ] && [ -n "$1" ] && printf '%s\n' "$1" | sed 's/^/    /'
	return 0
}
check() { # check NAME DESCRIPTION EVIDENCE TEST...: one line for one property
	local name=$1 what=$2 proof=$3
	shift 3
	if [[ "$skips" == *" $name "* ]]; then
		echo "skip - $what (not required of this build)"
		skipped=$((skipped + 1))
	elif "$@"; then
		echo "ok - $what"
		passes=$((passes + 1))
	else
		echo "not ok - $what"
		failures=$((failures + 1))
	fi
	evidence "$proof"
}
has() { grep -Eq -- "$2" <<<"$1"; }

# PIE: a position-independent executable is an ELF shared object (type DYN)
# that the linker marks PIE in DT_FLAGS_1 (a real shared library is not).
type_line=$(grep -E '^ *Type:' <<<"$header" || true)
flags1=$(grep -E '\(FLAGS_1\)' <<<"$dynamic" || true)
is_pie() { has "$type_line" 'DYN' && has "$flags1" '[: ]PIE( |$)'; }
check pie "PIE: ELF type DYN and DT_FLAGS_1 has PIE" "$type_line"$'\n'"$flags1" is_pie

# Full RELRO is two facts: a GNU_RELRO segment (made read-only after
# relocation) and BIND_NOW (every symbol resolved at start, so the GOT can be
# part of it).
bind_now=$(grep -E '\((BIND_NOW|FLAGS|FLAGS_1)\)' <<<"$dynamic" || true)
is_now() { has "$bind_now" '\(BIND_NOW\)|[: ]BIND_NOW( |$)|\(FLAGS_1\).*[: ]NOW( |$)'; }
check bind-now "BIND_NOW: every symbol bound at start-up (-z now)" "$bind_now" is_now
relro=$(grep -E '^ *GNU_RELRO' <<<"$segments" || true)
check relro "GNU_RELRO: a read-only-after-relocation segment (-z relro)" "$relro" test -n "$relro"

# -fstack-protector-strong calls __stack_chk_fail when a canary is smashed.
ssp=$(grep -Eo ' __stack_chk_fail(@[^ ]*)?$' <<<"$symbols" | sed 's/^ //' | sort -u || true)
check stack-protector "stack protector: __stack_chk_fail is referenced" "$ssp" test -n "$ssp"

# _FORTIFY_SOURCE replaces calls whose buffer size the compiler knows with
# glibc's checking variants, __<name>_chk.
fortified=$(grep -Eo ' __[a-z0-9_]+_chk(@[^ ]*)?$' <<<"$symbols" | sed 's/^ //; s/@.*//' | sort -u || true)
check fortify "fortify: $(grep -c . <<<"$fortified" || true) glibc _chk functions referenced" \
	"$(tr '\n' ' ' <<<"$fortified")" test -n "$fortified"

# -fcf-protection (x86 CET) starts every function that may be reached by an
# indirect branch with endbr64, and marks each object with a GNU property
# note (IBT, SHSTK). The linker keeps the note only when every object linked
# in has it: one start file or static archive built without CET drops it for
# the whole binary (Debian 12's glibc start files have none). So the note is
# proof enough; without it, the code itself is the evidence: every global
# function of the program (all of which may be called through a pointer)
# must begin with endbr64. A stripped binary without the note cannot be told.
machine=$(grep -E '^ *Machine:' <<<"$header" || true)
cet_note=$(grep -E 'x86 feature' <<<"$notes" || true)
cet_code() { # prints "N M": N of the M global functions start with endbr64
	local globals
	globals=$(awk '/^Symbol table .*\.symtab/ { in_symtab = 1; next }
		/^Symbol table/ { in_symtab = 0 }
		in_symtab && $4 == "FUNC" && $5 == "GLOBAL" && $7 ~ /^[0-9]+$/ &&
		$8 !~ /^_(start|init|fini)$/ { print $8 }' <<<"$symbols")
	[ -n "$globals" ] || { echo "0 0"; return; }
	"$objdump" -d --no-show-raw-insn "$bin" |
		awk -v globals="$globals" 'BEGIN { n = split(globals, g, "\n"); for (i = 1; i <= n; i++) want[g[i]] = 1 }
			/^[0-9a-f]+ <[^>]+>:$/ { name = substr($2, 2, length($2) - 3); first = 1; next }
			first && NF { first = 0; if (name in want && $2 == "endbr64") hit++ }
			END { print hit + 0, n }'
}
if has "$machine" 'X86-64|80386'; then
	objdump=${OBJDUMP:-objdump}
	if has "$cet_note" 'IBT' && has "$cet_note" 'SHSTK'; then
		check cet "CET: GNU property note with IBT and SHSTK (-fcf-protection)" "$cet_note" true
	elif command -v "$objdump" >/dev/null; then
		read -r endbr functions < <(cet_code)
		is_cet() { [ "$functions" -gt 0 ] && [ "$endbr" -eq "$functions" ]; }
		check cet "CET: $endbr of $functions global functions start with endbr64 (-fcf-protection)" \
			"no IBT/SHSTK property note: ${cet_note:-none} (an object linked in was built without CET)" is_cet
	else
		check cet "CET: no IBT/SHSTK property note, and no $objdump to look at the code" "" false
	fi
else
	echo "skip - CET: not an x86 binary (${machine#*:})"
	skipped=$((skipped + 1))
fi

if [ "$skipped" -gt 0 ]; then
	echo "$passes passed, $failures failed, $skipped skipped"
else
	echo "$passes passed, $failures failed"
fi
[ "$failures" -eq 0 ]
