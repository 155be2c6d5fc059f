#!/bin/bash
# run.sh [-t SECONDS] BUILD_DIR
#
# Run every fuzz_* target built in BUILD_DIR/fuzz (configure with CC=clang
# and -DENABLE_FUZZING=ON) for SECONDS each (default 30), one after the
# other, starting from its seed corpus tests/fuzz/corpus/<what>/ and its
# dictionary <what>.dict when there is one. The targets carry ASan and UBSan;
# LeakSanitizer is on. New corpus entries go to a scratch directory, so the
# source tree is never written to.
#
# Exit 0 when every target ran its time without a finding; 1 on any finding
# (crash, sanitizer report, leak, timeout, a target that exited) or when a
# target or its corpus is missing. The input that caused a finding is kept
# in BUILD_DIR/fuzz-artifacts/. Needs no root: the targets only parse.
set -euo pipefail

usage() {
	echo "usage: $0 [-t SECONDS] BUILD_DIR" >&2
	exit 2
}

secs=30
while getopts t: opt; do
	case $opt in
	t) secs=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
build=$1
src=$(cd "$(dirname "$0")" && pwd)
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
work=$(mktemp -d "${TMPDIR:-/tmp}/ipcns-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

shopt -s nullglob
targets=("$build"/fuzz/fuzz_*)
if [ ${#targets[@]} -eq 0 ]; then
	echo "run.sh: no fuzz_* targets in $build/fuzz (configure with CC=clang -DENABLE_FUZZING=ON and build)" >&2
	exit 1
fi

failed=0
passed=0
for target in "${targets[@]}"; do
	what=${target##*/fuzz_}
	seeds="$src/corpus/$what"
	log="$work/$what.log"
	if [ ! -d "$seeds" ]; then
		echo "not ok - fuzz_$what: no seed corpus in $seeds"
		failed=$((failed + 1))
		continue
	fi
	mkdir -p "$work/$what"
	dict=()
	[ -f "$src/$what.dict" ] && dict=(-dict="$src/$what.dict")
	if "$target" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
		-print_final_stats=1 -artifact_prefix="$artifacts/$what-" "${dict[@]}" \
		"$work/$what" "$seeds" >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
		echo "ok - fuzz_$what: ${runs:-?} inputs in ${secs}s, $(find "$work/$what" -mindepth 1 -maxdepth 1 | wc -l) new corpus entries, ${cov:-cov: ?}"
		passed=$((passed + 1))
	else
		echo "not ok - fuzz_$what: a finding; the input is in $artifacts/"
		tail -n 60 "$log"
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
