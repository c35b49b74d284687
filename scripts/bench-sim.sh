#!/usr/bin/env bash
# The simulator's benchmarks (issue 4, item 7), side by side in one run; results go into BENCHMARKS.md by hand.
#   1. 100,000 accounts x 180 days, the agency baseline, one replication, one core   (target <= 2 s)
#   2. 1,000,000 accounts x 180 days, agency + bundled campaigns, one replication each, all cores
#      (target <= 60 s, <= 1 GB peak RSS)
#   3. 10,000 accounts: dun vs the SimPy peer (Benchmarks/peers/simpy_agency.py), target dun >= 100x faster
# SimPy is installed here only (it is a benchmark peer, not a dependency).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c 'import simpy' 2>/dev/null || python3 -m pip install -q simpy >&2
(cd Benchmarks && swift build -c release --product dun-sim-bench >&2)
bench=Benchmarks/.build/release/dun-sim-bench
echo "== $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== 1. one strategy, 100k accounts, one core"
taskset -c 0 "$bench" single 100000 3
echo "== 1b. one bundled campaign through the engine, 100k accounts, one core"
taskset -c 0 "$bench" engine 100000 campaigns/hybrid.yaml
echo "== 2. every strategy, 1M accounts, all cores"
"$bench" all 1000000
echo "== 3. dun vs SimPy, 10k accounts, one core each"
taskset -c 0 "$bench" single 10000 5
taskset -c 0 python3 Benchmarks/peers/simpy_agency.py 10000 180 1
