#!/usr/bin/env bash
# Micro-benchmark of the contact policy (ContactPolicy.evaluate, ContactLedger): builds DunCore + DunPolicy + the
# benchmark as one -O -wmo module in a temporary directory and runs it on one core. Usage: scripts/bench-policy.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# BENCH_KEEP=path keeps the binary (for perf).
for file in "$root"/Sources/DunCore/*.swift "$root"/Sources/DunCore/Campaign/*.swift \
    "$root"/Sources/DunPolicy/*.swift "$root"/Sources/DunPolicy/*/*.swift; do
    sed -e 's/^public import DunCore$//' -e 's/^import DunCore$//' "$file" > "$work/$(basename "$file")"
done
cp "$root/scripts/bench-policy.swift" "$work/main.swift"
sed -i '1i import Foundation' "$work/main.swift"
(cd "$work" && swiftc -O -wmo -g -package-name dun -module-name PolicyBench "$work"/*.swift -o "$work/bench")
if [ -n "${BENCH_KEEP:-}" ]; then cp "$work/bench" "$BENCH_KEEP"; fi
taskset -c 0 "$work/bench" 2>/dev/null || "$work/bench"
