#!/usr/bin/env bash
# Micro-benchmark of the time-zone code (DunPolicy/Time): builds DunCore + DunPolicy/Time + the benchmark as one
# -O -wmo module in a temporary directory and runs it. Usage: scripts/bench-timezone.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for file in "$root"/Sources/DunCore/*.swift "$root"/Sources/DunCore/Campaign/*.swift "$root"/Sources/DunPolicy/Time/*.swift; do
    sed -e 's/^public import DunCore$//' -e 's/^import DunCore$//' "$file" > "$work/$(basename "$file")"
done
cp "$root/scripts/bench-timezone.swift" "$work/main.swift"
sed -i '1i import Foundation' "$work/main.swift"
swiftc -O -wmo -package-name dun -module-name TimeBench "$work"/*.swift -o "$work/bench"
"$work/bench"
