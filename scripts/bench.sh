#!/usr/bin/env bash
# Engine benchmarks (release build of the nested Benchmarks package): scheduling decisions per second with the
# policy on, the due queue against swift-collections' Heap, and per-account state. Arguments go to dun-bench,
# e.g. scripts/bench.sh --accounts 100000 --runs 3. Results: BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"
swift build -c release --product dun-bench
exec .build/release/dun-bench "$@"
