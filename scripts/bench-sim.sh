#!/usr/bin/env bash
# The simulator's benchmarks (issue 4, item 7), side by side in one run; results go into BENCHMARKS.md by hand.
#   1. 100,000 accounts x 180 days, the agency baseline, one replication, one core   (target <= 2 s)
#   2. 1,000,000 accounts x 180 days, agency + bundled campaigns, one replication each, all cores
#      (target <= 60 s, <= 1 GB peak RSS)
#   3. 10,000 accounts: dun vs the SimPy peer (Benchmarks/peers/simpy_agency.py, the same model), CPU seconds,
#      target dun >= 100x faster
# SimPy is installed here only (it is a benchmark peer, not a dependency).
# usage: scripts/bench-sim.sh [STEP]   (STEP 1, 2 or 3 runs that step only; default all)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c 'import simpy' 2>/dev/null || python3 -m pip install -q simpy >&2
(cd Benchmarks && swift build -c release --product dun-sim-bench >&2)
bench=Benchmarks/.build/release/dun-sim-bench
echo "== $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
step=${1:-all}
if [ "$step" = all ] || [ "$step" = 1 ]; then
    echo "== 1. one strategy, 100k accounts, one core"
    taskset -c 0 "$bench" single 100000 3
    echo "== 1b. one bundled campaign through the engine, 100k accounts, one core"
    taskset -c 0 "$bench" engine 100000 campaigns/hybrid.yaml
fi
if [ "$step" = all ] || [ "$step" = 2 ]; then
    echo "== 2. every strategy, 1M accounts, all cores"
    "$bench" all 1000000
fi
[ "$step" = all ] || [ "$step" = 3 ] || exit 0
echo "== 3. dun vs SimPy, 10k accounts, the same model (agency baseline + contact policy), one core each"
# CPU seconds (user + system) of each whole process, pinned to core 0: wall time on this shared machine measures
# the other jobs. dun runs three times (median); the SimPy peer once in stock SimPy and once with the line's
# one profiling fix (--bisect-line, see its header). Both print the same headline figures.
timed() {  # timed FILE COMMAND...: runs COMMAND on core 0; FILE gets "user system"
    local file=$1
    shift
    /usr/bin/time -f '%U %S' -o "$file" taskset -c 0 "$@"
}
times=$(mktemp -d)
trap 'rm -rf "$times"' EXIT
timed "$times/dun1" "$bench" single 10000 1 fixed-offset
for run in 2 3; do timed "$times/dun$run" "$bench" single 10000 1 fixed-offset >/dev/null; done
timed "$times/simpy" python3 Benchmarks/peers/simpy_agency.py 10000
timed "$times/bisect" python3 Benchmarks/peers/simpy_agency.py 10000 --bisect-line
dun=$(for run in 1 2 3; do awk '{ print $1 + $2 }' "$times/dun$run"; done | sort -n | sed -n 2p)
simpy=$(awk '{ print $1 + $2 }' "$times/simpy")
bisect=$(awk '{ print $1 + $2 }' "$times/bisect")
awk -v d="$dun" -v s="$simpy" -v b="$bisect" 'BEGIN {
    printf "cpu_s dun=%.2f (median of 3) simpy=%.2f simpy_bisect_line=%.2f\n", d, s, b
    printf "ratio simpy/dun=%.1fx simpy_bisect_line/dun=%.1fx (target >= 100x)\n", s / d, b / d
}'
