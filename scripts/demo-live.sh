#!/usr/bin/env bash
# The README's live demo in one command: a champion/challenger run against the sandbox gateway, on loopback,
# start to finish in well under a minute.
#
#   scripts/demo-live.sh            # builds dun (debug) first; DUN=/path/to/dun skips the build
#
# 1. imports examples/accounts.csv (40 accounts) into a fresh store;
# 2. starts `dun gateway-sim` (Twilio-compatible API and SMTP on free loopback ports, signed callbacks and
#    debtor replies, STOP included, to the runner's webhooks);
# 3. starts `dun run --split examples/live-demo.yaml:80,examples/live-demo-challenger.yaml:20` on a demo clock
#    (virtual Monday 2026-03-02 12:00 New York time, DEMO_SPEED times faster, default 120: the 30-minute
#    cadence takes about 15 s), so the run does not depend on the time of day it is started;
# 4. records a payment in full for account A0001 with `dun record payment` while the run is going;
# 5. waits until every enrolment has ended, stops the runner with SIGTERM (it must exit 0 within 15 s), then
#    the sandbox gateway;
# 6. prints `dun report` and checks from the gateway-sim log that no idempotency key was accepted twice.
#
# Exit status 0 only when every step above held. DEMO_DIR=PATH keeps the store, logs and gateway file there.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
SPEED="${DEMO_SPEED:-120}"
WAIT_SECONDS="${DEMO_WAIT_SECONDS:-60}"

if [ -z "${DUN:-}" ]; then
    swift build --product dun >&2
    DUN="$(swift build --show-bin-path)/dun"
fi
if [ -n "${DEMO_DIR:-}" ]; then
    WORK="$DEMO_DIR"
    mkdir -p "$WORK"
    rm -f "$WORK/demo.sqlite" "$WORK/demo.sqlite-wal" "$WORK/demo.sqlite-shm" "$WORK/gateway-sim.jsonl"
else
    WORK="$(mktemp -d)"
fi
SIM_PID=""
RUN_PID=""
cleanup() {
    # Only the two processes this script started, by their ids.
    for pid in $RUN_PID $SIM_PID; do
        if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    done
    if [ -z "${DEMO_DIR:-}" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT
fail() {
    echo "demo-live: FAILED: $*" >&2
    for log in sim.err run.err; do
        if [ -f "$WORK/$log" ]; then
            echo "--- last lines of $log" >&2
            tail -15 "$WORK/$log" >&2
        fi
    done
    exit 1
}
step() { echo "== $*" >&2; }

DB="$WORK/demo.sqlite"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HOOK_PORT="$(free_port)"

step "import the sample accounts"
"$DUN" import accounts examples/accounts.csv --db "$DB" --at 2026-03-02T16:00:00Z

step "start the sandbox gateway (webhooks go to 127.0.0.1:$HOOK_PORT)"
"$DUN" gateway-sim --port 0 --smtp-port 0 --webhook "http://127.0.0.1:$HOOK_PORT" --auth-token sandbox-token \
    --seed 7 --log "$WORK/gateway-sim.jsonl" 2> "$WORK/sim.err" &
SIM_PID=$!
for _ in $(seq 1 100); do
    grep -q '^gateway-sim: ' "$WORK/sim.err" 2>/dev/null && break
    kill -0 "$SIM_PID" 2>/dev/null || fail "gateway-sim exited"
    sleep 0.1
done
SIM_LINE="$(grep '^gateway-sim: ' "$WORK/sim.err" || true)"
[ -n "$SIM_LINE" ] || fail "gateway-sim did not report its ports within 10 s"
HTTP_PORT="$(echo "$SIM_LINE" | sed -n 's|.*http://127.0.0.1:\([0-9]*\).*|\1|p')"
SMTP_PORT="$(echo "$SIM_LINE" | sed -n 's|.*smtp://127.0.0.1:\([0-9]*\).*|\1|p')"
echo "$SIM_LINE" >&2

# examples/gateway-sim.yaml with the ports of this demo (the example names the fixed ports of the README).
sed -e "s|http://127.0.0.1:8090|http://127.0.0.1:$HTTP_PORT|" -e "s|smtp://127.0.0.1:2525|smtp://127.0.0.1:$SMTP_PORT|" \
    -e "s|port: 8081|port: $HOOK_PORT|" -e "s|http://127.0.0.1:8081|http://127.0.0.1:$HOOK_PORT|" \
    examples/gateway-sim.yaml > "$WORK/gateway.yaml"

step "run the champion/challenger split (demo clock: 2026-03-02T17:00:00Z, ${SPEED}x)"
CLOCK_START=1772470800 # 2026-03-02T17:00:00Z
ORIGIN_MS="$(date +%s%3N)"
DUN_TWILIO_TOKEN=sandbox-token "$DUN" run \
    --split examples/live-demo.yaml:80,examples/live-demo-challenger.yaml:20 \
    --gateway "$WORK/gateway.yaml" --db "$DB" --run-id demo \
    --clock-start 2026-03-02T17:00:00Z --clock-origin-ms "$ORIGIN_MS" --clock-speed "$SPEED" 2> "$WORK/run.err" &
RUN_PID=$!

# The demo clock's instant now (what `dun record` should stamp, so the payment falls inside the run).
virtual_now() { date -u -d "@$((CLOCK_START + ($(date +%s%3N) - ORIGIN_MS) * SPEED / 1000))" +%Y-%m-%dT%H:%M:%SZ; }
accepted() { grep -c '"event":"accepted"' "$WORK/gateway-sim.jsonl" 2>/dev/null || true; }

for _ in $(seq 1 100); do
    [ "$(accepted)" -ge 1 ] && break
    kill -0 "$RUN_PID" 2>/dev/null || fail "dun run exited early"
    sleep 0.1
done
[ "$(accepted)" -ge 1 ] || fail "no message reached the sandbox gateway within 10 s"

step "record a payment in full for A0001 while the run goes (the runner feeds it to the engine within a second)"
"$DUN" record payment --account A0001 --amount 2772.19 --reference demo-payment-1 --method card \
    --source payments --at "$(virtual_now)" --db "$DB"

step "wait until every enrolment has ended (at most ${WAIT_SECONDS} s)"
quiet=""
for _ in $(seq 1 $((WAIT_SECONDS * 2))); do
    kill -0 "$RUN_PID" 2>/dev/null || fail "dun run exited before the run was done"
    counts="$(python3 - "$DB" <<'PY'
import sqlite3, sys
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
total, ended = con.execute("SELECT count(*), coalesce(sum(status = 'ended'), 0) FROM enrolments").fetchone()
print(total, ended)
PY
)" || counts="0 0"
    read -r total ended <<< "$counts"
    if [ "$total" -gt 0 ] && [ "$total" = "$ended" ]; then
        quiet=1
        break
    fi
    sleep 0.5
done
[ -n "$quiet" ] || fail "enrolments still active after ${WAIT_SECONDS} s ($counts: total, ended)"
echo "all $total enrolments ended; $(accepted) messages and calls accepted by the sandbox gateway" >&2

step "stop the runner with SIGTERM (clean exit within 15 s)"
kill -TERM "$RUN_PID"
for _ in $(seq 1 150); do
    kill -0 "$RUN_PID" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$RUN_PID" 2>/dev/null && fail "dun run still running 15 s after SIGTERM"
status=0
wait "$RUN_PID" || status=$?
RUN_PID=""
[ "$status" -eq 0 ] || fail "dun run exited with status $status after SIGTERM"
kill -TERM "$SIM_PID"
wait "$SIM_PID" || true
SIM_PID=""

step "dun report"
"$DUN" report --db "$DB" || fail "dun report failed"

step "checks"
python3 - "$WORK/gateway-sim.jsonl" "$DB" <<'PY' || fail "checks failed"
import json, sqlite3, sys
keys = [json.loads(line).get("idempotency_key") for line in open(sys.argv[1]) if '"event":"accepted"' in line]
twice = sorted({k for k in keys if keys.count(k) > 1})
con = sqlite3.connect(f"file:{sys.argv[2]}?mode=ro", uri=True)
paid = con.execute("SELECT end_reason FROM enrolments WHERE account_id = 'A0001'").fetchone()
run = con.execute("SELECT status FROM runs WHERE id = 'demo'").fetchone()
problems = []
if twice: problems.append(f"idempotency keys accepted twice: {twice}")
if not paid or "paid" not in paid[0]: problems.append(f"A0001 did not end paid in full: {paid}")
if not run or run[0] != "stopped": problems.append(f"the run record is not 'stopped': {run}")
for p in problems: print("demo-live:", p, file=sys.stderr)
print(f"demo-live: {len(keys)} accepted, each key once; A0001 ended '{paid[0] if paid else None}'; run {run[0] if run else None}",
      file=sys.stderr)
sys.exit(1 if problems else 0)
PY
echo "demo-live: ok" >&2
