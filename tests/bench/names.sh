#!/usr/bin/env bash
# names.sh - what one named-namespace cycle costs: create, enter, delete
# with ipcns, next to the same by hand with util-linux and coreutils.
#
#   ipcns:  ipcns create b; ipcns enter b true; ipcns delete b
#   shell:  touch F; unshare --ipc=F true; nsenter --ipc=F true; umount F; rm F
#
# Each cycle is a bash script run by hyperfine (-N, no extra shell). A
# row, an empty bash script, is the cost both share, and the "net" ratio
# leaves it out. Another is the floor, what any cycle of three ipcns
# commands pays before it pins, mounts or checks anything: three starts of
# ipcns, the one IPC namespace the cycle creates, one exec of true (two
# `ipcns --version` and an `ipcns run true`). The goal: ipcns's net ratio
# <= 0.5.
#
# usage: tests/bench/names.sh [IPCNS_BINARY]   (default $IPCNS, then build/ipcns)
#
# Tunables (environment): BENCH_RUNS timed runs per row over all rounds
# (900), BENCH_ROUNDS hyperfine calls they are split into, each timing all
# rows in a rotated order (3), BENCH_WARMUP warm-up runs per row per round (10).
#
# Everything happens in a private mount namespace and a scratch IPC
# namespace of the script's own, under a tmpfs run directory: no name, pin
# or mount reaches the host. Exit: 0 when it measured (it never judges the
# numbers), 77 when not root, 1 when a tool is missing or a cycle fails.

set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUNS="${BENCH_RUNS:-900}"
ROUNDS="${BENCH_ROUNDS:-3}"
WARMUP="${BENCH_WARMUP:-10}"
BENCH_PATH="${BENCH_PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}"

die() {
	local code="$1"
	shift
	printf 'names.sh: %s\n' "$*" >&2
	exit "$code"
}

if [[ "$(id -u)" -ne 0 ]]; then
	echo "names.sh: needs root (create pins with a bind mount); skipping" >&2
	exit 77
fi
IPCNS="$(realpath -- "${1:-${IPCNS:-$SCRIPT_DIR/../../build/ipcns}}")"
[[ -x "$IPCNS" ]] || die 1 "$IPCNS: not an executable"
for tool in hyperfine python3 unshare nsenter; do
	command -v "$tool" >/dev/null || die 1 "$tool not found"
done

# Once: into a private mount namespace and a scratch IPC namespace.
if [[ -z "${IPCNS_BENCH_INSIDE:-}" ]]; then
	IPCNS_BENCH_INSIDE=1 exec unshare --mount --propagation private --ipc -- bash "${BASH_SOURCE[0]}" "$IPCNS"
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/ipcns-bench.XXXXXX")"
trap 'umount -R -l "$TMP/mnt" 2>/dev/null; rm -rf -- "$TMP"' EXIT
mkdir "$TMP/mnt"
mount -t tmpfs -o mode=755 ipcns-bench "$TMP/mnt"
export IPCNS_RUN_DIR="$TMP/mnt/run"
mkdir "$IPCNS_RUN_DIR"
# The run directory becomes a shared mount at the first create; do that
# one outside the timing, as a system's first name would be long ago.
"$IPCNS" create warm && "$IPCNS" delete warm

cat >"$TMP/ipcns.sh" <<EOF
'$IPCNS' create b && '$IPCNS' enter b true && '$IPCNS' delete b
EOF
cat >"$TMP/shell.sh" <<EOF
F='$IPCNS_RUN_DIR/s'
touch "\$F" && unshare --ipc="\$F" true && nsenter --ipc="\$F" true && umount "\$F" && rm "\$F"
EOF
# The floor: three starts of ipcns, one new IPC namespace, one exec of true.
cat >"$TMP/floor.sh" <<EOF
'$IPCNS' --version >/dev/null && '$IPCNS' --version >/dev/null && '$IPCNS' run true
EOF
: >"$TMP/empty.sh"
for s in ipcns shell floor empty; do
	PATH="$BENCH_PATH" bash "$TMP/$s.sh" || die 1 "the $s cycle fails"
done
# What a cycle may leave: the private .ipcns directory and its lock.
leftovers() {
	local f
	for f in "$IPCNS_RUN_DIR"/* "$IPCNS_RUN_DIR"/.[!.]* "$IPCNS_RUN_DIR"/.ipcns/* "$IPCNS_RUN_DIR"/.ipcns/.[!.]*; do
		[[ -e "$f" && "$f" != "$IPCNS_RUN_DIR/.ipcns" && "$f" != "$IPCNS_RUN_DIR/.ipcns/lock" ]] && echo "$f"
	done
	return 0
}
[[ -z "$(leftovers)" ]] || die 1 "a cycle left files: $(leftovers)"

rows=(ipcns shell floor empty)
per_round=$(((RUNS + ROUNDS - 1) / ROUNDS))
for ((round = 0; round < ROUNDS; round++)); do
	args=()
	for ((i = 0; i < ${#rows[@]}; i++)); do
		row=${rows[$(((i + round) % ${#rows[@]}))]}
		args+=(-n "$row" "bash $TMP/$row.sh")
	done
	PATH="$BENCH_PATH" hyperfine -N --runs "$per_round" --warmup "$WARMUP" --style none \
		--export-json "$TMP/time.$round.json" "${args[@]}" >"$TMP/hyperfine.log" 2>&1 ||
		{ cat "$TMP/hyperfine.log" >&2; die 1 "hyperfine failed"; }
done
[[ -z "$(leftovers)" ]] || die 1 "the cycles left files: $(leftovers)"

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; kernel $(uname -r); load $(cut -d' ' -f1 /proc/loadavg)"
echo "# $IPCNS ($(sha256sum "$IPCNS" | cut -c1-8)…); LANG=${LANG:-} LC_ALL=${LC_ALL:-}"
python3 - "$TMP" <<'PY'
import glob, json, os, statistics, sys
times = {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], "time.*.json"))):
    with open(path) as f:
        for result in json.load(f)["results"]:
            times.setdefault(result["command"], []).extend(result["times"])
med = {name: statistics.median(t) * 1e6 for name, t in times.items()}
labels = {
    "ipcns": "ipcns create; enter; delete",
    "shell": "touch; unshare; nsenter; umount; rm",
    "floor": "2 x ipcns --version; ipcns run true",
    "empty": "bash, empty script",
}
print(f"{'cycle':38} {'runs':>5} {'median_us':>10} {'ratio':>6} {'net_us':>8} {'net_ratio':>9}")
base = med["empty"]
for name in ("ipcns", "shell", "floor", "empty"):
    net = med[name] - base
    ratio = med[name] / med["shell"]
    net_ratio = net / (med["shell"] - base) if name != "empty" else 0
    print(f"{labels[name]:38} {len(times[name]):>5} {med[name]:>10.0f} {ratio:>6.3f} {net:>8.0f} {net_ratio:>9.3f}")
PY
