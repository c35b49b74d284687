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
for run in $(seq 1 "$runs"); do
    db="$work/bench.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"
    start=$(date +%s.%N)
    "$bin" import accounts "$csv" --db "$db" --at 2026-03-01T00:00:00Z >&2
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    times+=("$t")
    echo "run $run: ${t} s" >&2
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median of $runs: ${median} s for $n accounts ($(echo "$n / $median" | bc) accounts/s)"
rm -f "$work/bench.sqlite" "$work/bench.sqlite-wal" "$work/bench.sqlite-shm"
