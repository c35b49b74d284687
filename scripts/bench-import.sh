#!/usr/bin/env bash
# Import benchmark: 1,000,000 synthetic accounts into a fresh store, release build, median of 3 runs.
# Usage: scripts/bench-import.sh [N] [RUNS]     (defaults: 1000000 3)
# Prints each run's wall time and the median; the target is <= 30 s for 1,000,000 accounts (issue 5, item 2).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
runs="${2:-3}"
work="${TMPDIR:-/tmp}/dun-bench-import"
mkdir -p "$work"

swift build -c release --product dun >&2
bin="$(swift build -c release --show-bin-path)/dun"

csv="$work/accounts-$n.csv"
if [ ! -f "$csv" ]; then
    echo "generating $csv" >&2
    python3 scripts/gen-accounts.py "$n" > "$csv"
fi
echo "input: $csv ($(wc -c < "$csv") bytes, $n accounts)" >&2

times=()
cpus=()
for run in $(seq 1 "$runs"); do
    db="$work/bench.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"
    load=$(cut -d' ' -f1 /proc/loadavg)
    start=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$work/cpu.txt" "$bin" import accounts "$csv" --db "$db" --at 2026-03-01T00:00:00Z >&2
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    cpu=$(awk '{print $1 + $2}' "$work/cpu.txt")
    times+=("$t")
    cpus+=("$cpu")
    echo "run $run: wall ${t} s, cpu (user+sys, both threads) ${cpu} s, load average before ${load}" >&2
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall=$(median "${times[@]}")
cpu=$(median "${cpus[@]}")
echo "median of $runs: wall ${wall} s, cpu ${cpu} s for $n accounts ($(echo "$n / $wall" | bc) accounts/s wall)"
rm -f "$work/bench.sqlite" "$work/bench.sqlite-wal" "$work/bench.sqlite-shm"
