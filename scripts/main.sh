#!/usr/bin/env bash
# The main job on the bundled defaults: set up, build, then validate every bundled campaign and print
# the plan of one. (When the simulator lands this becomes `dun simulate`.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product dun >&2
dun=".build/release/dun"
"$dun" validate campaigns/*.yaml
"$dun" plan campaigns/digital-first.yaml
