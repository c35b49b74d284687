#!/usr/bin/env bash
# Live throughput: `dun run` dispatching one SMS per account to `dun gateway-sim` on loopback, with durable
# recording (SQLite WAL, synchronous=FULL), release build.
#
#   scripts/bench-live.sh [ACCOUNTS] [RATE]
#
# Two runs over ACCOUNTS accounts (default 20000):
#   burst: every text due at once, no rate limit: how fast the runner drains a backlog (messages/s);
#   paced: the gateway file's sms_per_second = RATE (default 1000): sustained rate and the lateness of each
#          message after the second it was due (p50/p99/max), from the gateway-sim log and the store.
# The run's clock starts 10 s before the campaign window opens (07:59:50 in New York), so the runner has
# started, loaded and enrolled every account before the first text falls due: lateness measures the running
# runner, not process start-up (with the window already open, the texts due in the first second wait for
# start-up, about 1.3 s here; set BENCH_CLOCK_START=2026-03-02T16:00:00Z to measure that instead).
set -euo pipefail
cd "$(dirname "$0")/.."
ACCOUNTS="${1:-20000}"
RATE="${2:-1000}"
CLOCK_START="${BENCH_CLOCK_START:-2026-03-02T12:59:50Z}"
if [ -z "${DUN:-}" ]; then # DUN=/path/to/dun skips the (release) build
    swift build -c release --product dun >&2
    DUN="$(swift build -c release --show-bin-path)/dun"
fi
WORK="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

python3 - "$ACCOUNTS" > "$WORK/accounts.csv" <<'PY'
import sys
n = int(sys.argv[1])
areas = [212, 315, 332, 347, 516, 518, 585, 607, 631, 646, 680, 716, 718, 838, 845, 914, 917, 929, 934]
print("account_id,first_name,country,state,time_zones,phone1,phone1_kind,phone1_sms_consent_at,debt_id,balance,days_past_due,creditor")
for i in range(n):
    area = areas[i // 10000]
    print(f"B{i:07d},Pat,US,NY,America/New_York,+1{area}555{i % 10000:04d},mobile,2026-01-15T12:00:00Z,D{i:07d},{100 + i % 900}.00,30,Bank")
PY

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

run_once() { # name rate
    local name="$1" rate="$2" db="$WORK/$1.sqlite" log="$WORK/$1-sim.jsonl"
    local hook; hook="$(free_port)"
    "$DUN" import accounts "$WORK/accounts.csv" --db "$db" >&2
    "$DUN" gateway-sim --port 0 --no-smtp --webhook "http://127.0.0.1:$hook" --log "$log" \
        2> "$WORK/$name-sim.err" &
    local sim=$!
    until grep -q "^gateway-sim:" "$WORK/$name-sim.err" 2>/dev/null; do
        kill -0 "$sim" 2>/dev/null || { cat "$WORK/$name-sim.err" >&2; exit 1; }
        sleep 0.1
    done
    local port; port="$(grep '^gateway-sim:' "$WORK/$name-sim.err" | sed -n 's/.*http:\/\/127.0.0.1:\([0-9]*\).*/\1/p')"
    {
        echo "twilio:"
        echo "  base_url: http://127.0.0.1:$port"
        echo "  account_sid: ACbench"
        echo "  auth_token_env: DUN_BENCH_TOKEN"
        echo "  from: \"+15005550006\""
        if [ "$rate" != "0" ]; then echo "  sms_per_second: $rate"; fi
        echo "webhooks:"
        echo "  port: $hook"
    } > "$WORK/$name-gateway.yaml"
    local start_ms; start_ms="$(date +%s%3N)"
    DUN_BENCH_TOKEN=sandbox-token "$DUN" run scripts/bench-live.yaml --gateway "$WORK/$name-gateway.yaml" --db "$db" \
        --run-id "$name" --clock-start "$CLOCK_START" --clock-origin-ms "$start_ms" --clock-speed 1 \
        2> "$WORK/$name-run.err" &
    local runner=$!
    # Until the runner exits (an error) or every text has been accepted by the sim (or 10 minutes pass).
    for _ in $(seq 1 6000); do
        local accepted; accepted="$(grep -c '"event":"accepted"' "$log" 2>/dev/null || true)"
        [ "${accepted:-0}" -ge "$ACCOUNTS" ] && break
        kill -0 "$runner" 2>/dev/null || { tail -3 "$WORK/$name-run.err" >&2; break; }
        sleep 0.1
    done
    sleep 1
    kill -TERM "$runner"; wait "$runner" || true
    kill -TERM "$sim"; wait "$sim" || true
    python3 - "$name" "$log" "$db" "$start_ms" "$CLOCK_START" <<'PY'
import datetime, json, sqlite3, sys
name, log, db, start_ms = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
clock_start = int(datetime.datetime.fromisoformat(sys.argv[5].replace("Z", "+00:00")).timestamp())
accepted = {}
for line in open(log):
    record = json.loads(line)
    if record.get("event") == "accepted":
        accepted[record["idempotency_key"]] = record["at_ms"]
keys = sorted(accepted.values())
con = sqlite3.connect(db)
due = dict(con.execute("SELECT idempotency_key, due_at FROM attempts"))
states = dict(con.execute("SELECT state, count(*) FROM attempts GROUP BY state"))
lateness = sorted(accepted[k] - (due[k] - clock_start) * 1000 - start_ms for k in accepted if k in due)
def pct(values, p):
    return values[min(len(values) - 1, int(p * len(values)))] if values else 0
span = (keys[-1] - keys[0]) / 1000 if len(keys) > 1 else 0
print(f"{name}: {len(keys)} accepted in {span:.2f} s from first to last = {len(keys) / span if span else 0:.0f} msg/s; "
      f"start to last accepted {(keys[-1] - start_ms) / 1000:.2f} s; "
      f"lateness after due second: p50 {pct(lateness, 0.5)} ms, p99 {pct(lateness, 0.99)} ms, max {lateness[-1] if lateness else 0} ms; "
      f"store states {states}")
PY
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%Y-%m-%dT%H:%MZ)"
run_once burst 0
run_once paced "$RATE"
