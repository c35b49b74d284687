#!/usr/bin/env bash
# The crash test, more times: each round SIGKILLs `dun run` 20 times at seeded random moments against
# gateway-sim (with 5% 5xx and 3% timeouts), restarting it each time, then proves that nothing was sent twice,
# no acknowledged outcome was lost and no rule was broken (Tests/dunTests/LiveRunTests.swift).
#
#   scripts/soak-crash.sh [KILLS] [SEED]     # default 100 kills (5 rounds), seed 20260302
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS="${1:-100}"
SEED="${2:-20260302}"
ROUNDS=$(( (KILLS + 19) / 20 ))
swift build --build-tests >&2
for round in $(seq 1 "$ROUNDS"); do
    echo "== round $round/$ROUNDS (seed $((SEED + round)))" >&2
    DUN_CRASH_KILLS=20 DUN_CRASH_SEED=$((SEED + round)) swift test --skip-build \
        --filter 'LiveRunTests/sigkillAtRandomMomentsLosesNothingAndSendsNothingTwice'
done
echo "soak-crash: $((ROUNDS * 20)) kills, all rounds passed" >&2
