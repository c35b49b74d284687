#!/usr/bin/env bash
# The main job on the bundled defaults: set up, build, check every bundled campaign and scenario, then run
# the simulator with no arguments (the default scenario, every bundled campaign, and the agency baseline).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product dun >&2
dun=".build/release/dun"
"$dun" validate campaigns/*.yaml simulators/*.yaml
"$dun" simulate
