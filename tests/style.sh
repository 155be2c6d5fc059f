#!/bin/bash
# style.sh - check, never change, the format of the C sources and the shell
# scripts: clang-format (with the repository's .clang-format) over the C
# files of src/, include/ and tests/{unit,fuzz,helpers}, and shellcheck over
# .ci/run and the test scripts.
#
# usage: tests/style.sh
#   CLANG_FORMAT and SHELLCHECK name other binaries (e.g. clang-format-19).
#
# Prints one "ok - ..." or "not ok - ..." line per tool, the findings under
# it, then "N passed, N failed". Exit 0 when clean, 1 when not, 2 when a tool
# is missing. To fix the C format in place: clang-format -i FILE...

set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

clang_format=${CLANG_FORMAT:-clang-format}
shellcheck=${SHELLCHECK:-shellcheck}
for tool in "$clang_format" "$shellcheck"; do
	command -v "$tool" >/dev/null || { echo "style.sh: $tool not found" >&2; exit 2; }
done

passes=0 failures=0
result() { # result STATUS DESCRIPTION: one tally line
	if [ "$1" -eq 0 ]; then
		echo "ok - $2"
		passes=$((passes + 1))
	else
		echo "not ok - $2"
		failures=$((failures + 1))
	fi
}

# Files git tracks or would track (new ones too, not yet added), so build
# directories and ignored scratch files never count; outside a git checkout
# (a release tarball), every file under those paths.
list() { # list PATTERN...
	local file
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files --cached --others --exclude-standard -- "$@" |
			while IFS= read -r file; do
				[ -f "$file" ] && printf '%s\n' "$file"
			done
	else
		local pattern
		for pattern in "$@"; do
			compgen -G "$pattern" || true
		done
	fi
}

mapfile -t c_files < <(list 'src/*.[ch]' 'include/*.[ch]' 'include/*.h.in' \
	'tests/unit/*.[ch]' 'tests/fuzz/*.[ch]' 'tests/helpers/*.[ch]' | sort -u)
mapfile -t sh_files < <(list .ci/run 'tests/*.sh' 'tests/cli/*.sh' 'tests/bench/*.sh' 'tests/fuzz/*.sh' | sort -u)

# clang-format: one "file:line:col: error: code should be clang-formatted"
# per difference; count the files it names.
out=$("$clang_format" --dry-run --Werror --style=file "${c_files[@]}" 2>&1)
status=$?
[ -z "$out" ] || printf '%s\n' "$out"
bad=$(grep -Eo '^[^:]+\.(c|h|in):[0-9]+:[0-9]+: (error|warning)' <<<"$out" | cut -d: -f1 | sort -u | grep -c . || true)
result "$status" "clang-format $("$clang_format" --version | grep -Eo '[0-9]+\.[0-9.]+' | head -1): ${#c_files[@]} C files, $bad not formatted"

# -x: follow each script's "source" lines, looked up from the
# script's own directory (-P SCRIPTDIR).
out=$("$shellcheck" -x -P SCRIPTDIR "${sh_files[@]}" 2>&1)
status=$?
[ -z "$out" ] || printf '%s\n' "$out"
bad=$(grep -Eo '^In [^ ]+ line' <<<"$out" | cut -d' ' -f2 | sort -u | grep -c . || true)
result "$status" "shellcheck $("$shellcheck" --version | sed -n 's/^version: //p'): ${#sh_files[@]} scripts, $bad with findings"

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
