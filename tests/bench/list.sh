#!/usr/bin/env bash
# list.sh - how long `ipcns list` takes on a busy host, next to `lsns -t ipc`
# in the same run, and `ipcns show PID` next to `nsenter -t PID --ipc ipcs -a`.
#
# usage: tests/bench/list.sh [IPCNS_BINARY]
#   IPCNS_BINARY defaults to $IPCNS, then to build/ipcns at the top of the repo.
#
# It starts BENCH_NS IPC namespaces (unshare --ipc), every fourth holding
# objects (2 message queues, 2 semaphore sets, a 1 MiB segment), and fills
# them with sleeping processes up to each total in BENCH_PROCS; at every
# total it times, with hyperfine -N, in rotated rounds:
#   ipcns list              (counts: a child joins every namespace)
#   ipcns list --no-counts  (processes and pins only, as lsns)
#   lsns -t ipc             (the yardstick)
# and, once, ipcns show PID against nsenter -t PID --ipc ipcs -a.
# Every process it started is killed at the end (by its process group id);
# nothing outside the namespaces it made is touched.
#
# Tunables (environment):
#   BENCH_NS     namespaces (20)
#   BENCH_PROCS  process totals, ascending, space-separated ("200 2000 10000")
#   BENCH_RUNS   timed runs per command and total (60), over BENCH_ROUNDS rounds (3)
#
# Exit: 0 when it measured (it never judges the numbers), 77 when not root,
# 1 when a tool or the binary is missing.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
IPCNS="${1:-${IPCNS:-$SCRIPT_DIR/../../build/ipcns}}"
NS="${BENCH_NS:-20}"
PROCS="${BENCH_PROCS:-200 2000 10000}"
RUNS="${BENCH_RUNS:-60}"
ROUNDS="${BENCH_ROUNDS:-3}"

die() {
	local code=$1
	shift
	printf 'list.sh: %s\n' "$*" >&2
	exit "$code"
}

[ "$(id -u)" -eq 0 ] || { echo "SKIP: list.sh needs root (it makes IPC namespaces)"; exit 77; }
for tool in hyperfine lsns nsenter ipcs ipcmk python3 setsid; do
	command -v $tool >/dev/null || die 1 "$tool not found"
done
[ -x "$IPCNS" ] || die 1 "$IPCNS: not an executable (build it first)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ipcns-bench.XXXXXX")
holders=() # one process group per namespace: the holder shell and its sleeps
stop_holders() {
	local pg
	for pg in "${holders[@]}"; do
		kill -KILL -- "-$pg" 2>/dev/null || true
	done
	for pg in "${holders[@]}"; do
		wait "$pg" 2>/dev/null || true
	done
	holders=()
}
cleanup() {
	stop_holders
	rm -rf -- "$TMP"
}
trap cleanup EXIT

# Start NS namespaces of total/NS processes each (the holder shell and its
# sleeps, one process group per namespace); objects in every fourth. The
# previous set is killed first. No process is started while timing.
grow() {
	local total=$1 per i
	per=$((total / NS - 1))
	((per >= 0)) || per=0
	stop_holders
	rm -f "$TMP"/ready.*
	for ((i = 0; i < NS; i++)); do
		# shellcheck disable=SC2016 # the script's own variables
		setsid unshare --ipc -- bash -c '
			i=$1 per=$2 tmp=$3
			if ((i % 4 == 0)); then ipcmk -Q >/dev/null; ipcmk -Q >/dev/null; ipcmk -S 4 >/dev/null
				ipcmk -S 4 >/dev/null; ipcmk -M 1048576 >/dev/null; fi
			for ((k = 0; k < per; k++)); do sleep 100000 & done
			touch "$tmp/ready.$i"; wait' bench "$i" "$per" "$TMP" </dev/null >/dev/null 2>&1 &
		holders+=($!)
	done
	for ((i = 0; i < NS; i++)); do
		until [ -e "$TMP/ready.$i" ]; do sleep 0.1; done
	done
}

# Rotated hyperfine rounds, pooled into one median per command (ms).
time_commands() { # time_commands LABEL CMD...
	local label=$1 r k n=$(($# - 1))
	shift
	local cmds=("$@")
	for ((r = 0; r < ROUNDS; r++)); do
		local args=()
		for ((k = 0; k < n; k++)); do args+=("${cmds[(k + r) % n]}"); done
		hyperfine -N -i --style none --warmup 3 --runs $((RUNS / ROUNDS)) \
			--export-json "$TMP/$label.$r.json" "${args[@]}" >/dev/null 2>&1 ||
			die 1 "hyperfine failed on: ${args[*]}"
	done
	python3 - "$TMP" "$label" "$ROUNDS" "${cmds[@]}" <<'EOF'
import json, statistics, sys
tmp, label, rounds, cmds = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
times = {c: [] for c in cmds}
for r in range(rounds):
    for res in json.load(open(f"{tmp}/{label}.{r}.json"))["results"]:
        times[res["command"]] += res["times"]
med = [statistics.median(times[c]) * 1e3 for c in cmds]
with open(f"{tmp}/{label}.medians", "w") as f:
    f.write(" ".join(f"{m:.2f}" for m in med) + "\n")
EOF
	cat "$TMP/$label.medians"
}

printf '%s\n' "ipcns list vs lsns -t ipc: $NS namespaces, $((NS / 4)) holding objects; median wall ms over $RUNS runs"
printf '%-8s %-6s %10s %14s %10s %12s %16s\n' procs nsfound ipcns_list ipcns_nocounts lsns ratio_list ratio_nocounts
for total in $PROCS; do
	grow "$total"
	found=$("$IPCNS" list --no-counts -n -r -o NS | wc -l)
	# A list that misses namespaces is fast for the wrong reason.
	[ "$found" -gt "$NS" ] || die 1 "ipcns list found $found namespaces; there are at least $((NS + 1))"
	read -r t_list t_noc t_lsns < <(time_commands "l$total" "$IPCNS list" "$IPCNS list --no-counts" "lsns -t ipc")
	actual=$(ps -e --no-headers | wc -l)
	printf '%-8s %-6s %10s %14s %10s %12s %16s\n' "$actual" "$found" "$t_list" "$t_noc" "$t_lsns" \
		"$(python3 -c "print(f'{$t_list / $t_lsns:.2f}')")" "$(python3 -c "print(f'{$t_noc / $t_lsns:.2f}')")"
	if [ -z "${show_done:-}" ] && [ "$total" -ge 2000 ]; then
		show_done=1
		pid=${holders[0]}
		read -r t_show t_ipcs < <(time_commands "s$total" "$IPCNS show $pid" "nsenter -t $pid --ipc ipcs -a")
		show_line=$(printf 'ipcns show PID vs nsenter -t PID --ipc ipcs -a (%s processes): %s ms vs %s ms, ratio %s' \
			"$actual" "$t_show" "$t_ipcs" "$(python3 -c "print(f'{$t_show / $t_ipcs:.2f}')")")
	fi
done
[ -n "${show_line:-}" ] && echo "$show_line"
echo "(ps counts every process on the machine; the namespaces also hold the holder shells)"
