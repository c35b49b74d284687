#!/usr/bin/env bash
# Everything CI checks, in order: set-up, format lint, a warnings-as-errors build with the import check,
# all tests, and the repository hygiene checks.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== format lint" >&2
swift format lint --strict --recursive --parallel Package.swift Sources Tests

echo "== build (warnings are errors)" >&2
swift build --build-tests -Xswiftc -warnings-as-errors --explicit-target-dependency-import-check error

echo "== tests" >&2
swift test --skip-build --parallel

echo "== engine soak: 1,000,000 random attempts through the real engine and policy, each one checked (release)" >&2
swift build -c release --product dun-soak
.build/release/dun-soak --attempts 1000000 --seed 1

echo "== simulator determinism: same seed in two processes (parallel, then serial) gives identical JSON" >&2
sim_tmp=$(mktemp -d)
dun_bin="$(swift build --show-bin-path)/dun"
"$dun_bin" simulate --accounts 1000 --days 60 --replications 2 --seed 7 --json "$sim_tmp/a.json" >/dev/null
"$dun_bin" simulate --accounts 1000 --days 60 --replications 2 --seed 7 --serial --json "$sim_tmp/b.json" >/dev/null
cmp "$sim_tmp/a.json" "$sim_tmp/b.json"
rm -rf "$sim_tmp"

echo "== time hygiene: no wall clock outside the live runtime's clock" >&2
if grep -rnE 'Date\(\)|Date\.now|(Continuous|Suspending)Clock(\(\)|\.now)|Dispatch(Wall)?Time\.now|Task\.sleep|\btime\(nil\)|clock_gettime|gettimeofday|systemUptime' Sources \
    | grep -vE '^Sources/DunRuntime/(SystemUTCClock|LiveClock)\.swift:' | grep -vE '^\S+:\s*///'; then
    echo "error: wall-clock time outside the live clock (time must be injected)" >&2
    exit 1
fi

echo "== repository hygiene" >&2
if git ls-files | grep -qE '^(\.build|Package\.resolved)'; then
    echo "error: build products or Package.resolved are tracked" >&2
    exit 1
fi
echo "test.sh: all checks passed" >&2
