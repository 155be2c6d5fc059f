#!/usr/bin/env bash
# startup.sh - how long `ipcns run -- true` takes to start, and how much memory
# it peaks at, next to `unshare --ipc true` and a bare unshare()+execvp() floor.
#
# usage: tests/bench/startup.sh [IPCNS_BINARY...]
#   IPCNS_BINARY defaults to $IPCNS, then to build/ipcns at the top of the repo.
#   Several binaries (e.g. the default build and a -DIPCNS_STATIC_DEPS=ON one)
#   are timed in the same rounds, one row each, labelled by how they link
#   libcap and popt ("shared" or "static").
#
# Tunables (environment):
#   BENCH_RUNS      timed runs per command, in total over all rounds (2000)
#   BENCH_ROUNDS    hyperfine invocations the runs are split into (6)
#   BENCH_WARMUP    warm-up runs per command per round (20)
#   BENCH_RSS_RUNS  runs per command for the peak-memory figure (200)
#   BENCH_PATH      PATH the measured commands see (Debian's default PATH)
#
# Exit: 0 when it measured (it never judges the numbers), 77 when not root
# (the test-suite convention for "skipped"), 1 when a tool or the binary is
# missing or broken, 2 on a usage error.

set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR

RUNS="${BENCH_RUNS:-2000}"
ROUNDS="${BENCH_ROUNDS:-6}"
WARMUP="${BENCH_WARMUP:-20}"
RSS_RUNS="${BENCH_RSS_RUNS:-200}"
# All three rows execvp("true"), which tries every PATH entry in turn; a long
# personal PATH (pyenv, cargo, ...) adds one failed execve() per entry before
# /usr/bin.  A fixed PATH keeps that cost equal and the same across machines.
# The locale is left alone on purpose: loading it is a real cost that users of
# `unshare` pay, so it belongs in the comparison (the header prints it).
BENCH_PATH="${BENCH_PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}"

TMP=""
HYPERFINE=""

die() {
	local code="$1"
	shift
	printf 'startup.sh: %s\n' "$*" >&2
	exit "$code"
}

cleanup() {
	if [[ -n "$TMP" ]]; then
		rm -rf -- "$TMP"
	fi
}

usage() {
	sed -n '2,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
}

# Quote one word for hyperfine -N, which splits its command line the way a
# POSIX shell would (but runs no shell), so paths with spaces still work.
squote() {
	printf "'%s'" "${1//\'/\'\\\'\'}"
}

check_tools() {
	# unshare(CLONE_NEWIPC) needs CAP_SYS_ADMIN; without it every row fails.
	if [[ "$(id -u)" -ne 0 ]]; then
		echo "startup.sh: needs root (unshare --ipc needs CAP_SYS_ADMIN); skipping" >&2
		exit 77
	fi
	HYPERFINE="$(command -v hyperfine)" ||
		die 1 "hyperfine not found; install it with: apt-get install -y hyperfine"
	command -v python3 >/dev/null || die 1 "python3 not found (used to read hyperfine's JSON)"
	command -v cc >/dev/null || die 1 "cc not found (needed to build floor.c and maxrss.c)"
	command -v unshare >/dev/null || die 1 "unshare (util-linux) not found"
	command -v readelf >/dev/null || die 1 "readelf (binutils) not found"
}

# Refuse a binary that does not do the job: one that exits 0 without entering a
# new IPC namespace would otherwise look wonderfully fast.
check_ipcns() {
	local ipcns="$1" host_ns run_ns
	[[ -x "$ipcns" ]] || die 1 "$ipcns: not an executable file (build it first, or pass its path)"
	PATH="$BENCH_PATH" "$ipcns" run -- true || die 1 "'$ipcns run -- true' failed"
	host_ns="$(readlink /proc/self/ns/ipc)"
	run_ns="$(PATH="$BENCH_PATH" "$ipcns" run -- readlink /proc/self/ns/ipc)" ||
		die 1 "'$ipcns run -- readlink /proc/self/ns/ipc' failed"
	[[ "$run_ns" != "$host_ns" ]] ||
		die 1 "'$ipcns run' did not enter a new IPC namespace (still $host_ns)"
}

# How a binary links libcap: "shared" when it loads libcap.so at start-up
# (the default build), "static" when the archive is inside it.
linkage() {
	if LC_ALL=C readelf -dW "$1" 2>/dev/null | grep -q 'NEEDED.*\[libcap\.so'; then
		echo shared
	else
		echo static
	fi
}

build_helpers() {
	cc -O2 -o "$TMP/floor" "$SCRIPT_DIR/floor.c"
	cc -O2 -o "$TMP/maxrss" "$SCRIPT_DIR/maxrss.c"
}

# Wall time.  hyperfine runs all of one command's runs before the next
# command's (1.15 has no interleaving option), so a single long invocation
# lets drift - another job, a cache, a thermal step - land on one command
# only.  Instead: several short invocations, each timing all three commands,
# with the order rotated every round, and the per-run times pooled afterwards.
time_commands() {
	local -a cmds=("$@")
	local n=${#cmds[@]} per_round=$(((RUNS + ROUNDS - 1) / ROUNDS))
	local round i
	for ((round = 0; round < ROUNDS; round++)); do
		local -a args=()
		for ((i = 0; i < n; i++)); do
			args+=("${cmds[(i + round) % n]}")
		done
		printf '  round %d/%d: %d runs per command\n' $((round + 1)) "$ROUNDS" "$per_round" >&2
		PATH="$BENCH_PATH" "$HYPERFINE" -N --style none --warmup "$WARMUP" --runs "$per_round" \
			--export-json "$TMP/time.$round.json" "${args[@]}" \
			>"$TMP/hyperfine.log" 2>&1 ||
			{ cat "$TMP/hyperfine.log" >&2; die 1 "hyperfine failed"; }
	done
}

# Peak memory: ru_maxrss of each run, collected by maxrss.c (see there for why
# not python).  It is the high-water mark over the child's whole life, so it
# covers ipcns itself as well as the `true` it execs.
measure_rss() {
	local label="$1"
	shift
	PATH="$BENCH_PATH" "$TMP/maxrss" "$RSS_RUNS" "$@" >"$TMP/rss.$label" ||
		die 1 "'$*' failed while measuring memory"
}

# Pool the runs, take medians, print the table.  Arguments: the hyperfine
# command lines, in row order; row i's label is line i of $TMP/labels and its
# memory figures are in rss.i.  Row 1 (unshare) is the yardstick.
report() {
	python3 - "$TMP" "$@" <<'PY'
import glob, json, os, statistics, sys

tmp, commands = sys.argv[1], sys.argv[2:]
with open(os.path.join(tmp, "labels")) as f:
    labels = f.read().splitlines()
width = max(20, *(len(label) for label in labels))

times = {c: [] for c in commands}
for path in sorted(glob.glob(os.path.join(tmp, "time.*.json"))):
    with open(path) as f:
        for result in json.load(f)["results"]:
            times[result["command"]].extend(result["times"])

med_us = [statistics.median(times[c]) * 1e6 for c in commands]
rss = []
for i in range(len(commands)):
    with open(os.path.join(tmp, f"rss.{i}")) as f:
        rss.append(statistics.median(int(line) for line in f if line.strip()))

base_t, base_m = med_us[1], rss[1]          # unshare --ipc is the yardstick
print(f"{'command':<{width}} {'runs':>5} {'median_us':>10} {'ratio_vs_unshare':>17}"
      f" {'maxrss_kib':>11} {'ratio':>6}")
for label, c, t, m in zip(labels, commands, med_us, rss):
    print(f"{label:<{width}} {len(times[c]):>5} {t:>10.0f} {t / base_t:>17.3f}"
          f" {m:>11.0f} {m / base_m:>6.3f}")
PY
}

main() {
	case "${1:-}" in
	-h | --help) usage; exit 0 ;;
	esac
	local knob
	for knob in RUNS ROUNDS RSS_RUNS; do
		[[ "${!knob}" =~ ^[1-9][0-9]*$ ]] || die 2 "BENCH_$knob must be a positive integer"
	done
	[[ "$WARMUP" =~ ^[0-9]+$ ]] || die 2 "BENCH_WARMUP must be a non-negative integer"

	local -a binaries=("$@")
	[[ $# -gt 0 ]] || binaries=("${IPCNS:-$(cd "$SCRIPT_DIR/../.." && pwd)/build/ipcns}")
	check_tools
	local ipcns
	for ipcns in "${binaries[@]}"; do
		check_ipcns "$ipcns"
	done
	[[ $(printf '%s\n' "${binaries[@]}" | sort | uniq -d) == "" ]] || die 2 "a binary is named twice"

	TMP="$(mktemp -d "${TMPDIR:-/tmp}/ipcns-bench.XXXXXX")"
	trap cleanup EXIT
	trap 'exit 130' INT TERM    # turn a signal into a normal exit, so cleanup runs
	build_helpers

	local floor_cmd label
	floor_cmd="$(squote "$TMP/floor") true"
	local -a cmds=("$floor_cmd" "unshare --ipc true")
	printf '%s\n' "floor true" "unshare --ipc true" >"$TMP/labels"
	for ipcns in "${binaries[@]}"; do
		cmds+=("$(squote "$ipcns") run -- true")
		label="ipcns run -- true ($(linkage "$ipcns"))"
		# Two binaries that link alike are told apart by their position.
		if grep -qxF "$label" "$TMP/labels"; then
			label="$label #$(($(wc -l <"$TMP/labels") - 1))"
		fi
		echo "$label" >>"$TMP/labels"
		echo "ipcns:   $ipcns ($(linkage "$ipcns") libcap and popt)"
	done

	echo "machine: $(nproc) cpus, kernel $(uname -r), $("$HYPERFINE" --version), $(unshare --version)"
	echo "locale:  LANG=${LANG:-} LC_ALL=${LC_ALL:-}   PATH=$BENCH_PATH"
	echo "timing $RUNS runs per command in $ROUNDS rotated rounds..."
	time_commands "${cmds[@]}"

	echo "peak memory, $RSS_RUNS runs per command..."
	measure_rss 0 "$TMP/floor" true
	measure_rss 1 unshare --ipc true
	local i=2
	for ipcns in "${binaries[@]}"; do
		measure_rss "$i" "$ipcns" run -- true
		i=$((i + 1))
	done

	echo
	report "${cmds[@]}"
}

main "$@"
