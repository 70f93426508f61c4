#!/usr/bin/env bash
# Places 1,000 DWF orders of 10 lines each through `komet-dwf once`, and the same requests with
# curl, one process per request, each side against its own fresh sandbox on a loopback port.
# Writes bench/results/orders-latest.md and exits with status 1 when a side misses a line.
#
# Usage: bash bench/orders/run.sh
#   BENCH_ORDERS=N (default 1000)  BENCH_LINES=N (default 10)  BENCH_RUNS=N (default 3)
#   BENCH_ORDERS_PER_FILE=N (default 1)  BENCH_KEEP=1 keeps the work folder
#
# The default 1,000 orders take about 9 minutes for three rounds on 2 cores, most of it on
# the curl side.
set -euo pipefail
cd "$(dirname "$0")/../.."
orders="${BENCH_ORDERS:-1000}"
lines="${BENCH_LINES:-10}"
runs="${BENCH_RUNS:-3}"
per_file="${BENCH_ORDERS_PER_FILE:-1}"
# The quota on both sides: far above the requests of one run, so no request waits for it.
daily_limit=1000000

command -v curl >/dev/null || { echo "curl not found: apt-get install curl" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time not found: apt-get install time" >&2; exit 1; }
swift build -c release --product komet-dwf >/dev/null
swift build -c release --product order-bench-sandbox >/dev/null
bin="$(swift build -c release --show-bin-path)"

work="$(mktemp -d /tmp/komet-dwf-order-bench-XXXXXX)"
sandbox_pid=""
cleanup() {
  if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "work folder kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

"$bin/order-bench-sandbox" --print-inventory >"$work/inventory.json"
python3 bench/orders/generate.py "$work/inventory.json" "$work/data" --orders "$orders" \
  --lines "$lines" --orders-per-file "$per_file" >/dev/null

# Starts a fresh sandbox for one side and sets sandbox_pid and url.
start_sandbox() {
  local folder="$1"
  "$bin/order-bench-sandbox" --port 0 --daily-limit "$daily_limit" \
    --stock "$work/data/stock.json" --log "$folder/sandbox-log.json" \
    --tokens "$folder/tokens" >"$folder/sandbox.out" 2>&1 &
  sandbox_pid=$!
  for _ in $(seq 100); do
    grep -q "^serving " "$folder/sandbox.out" 2>/dev/null && break
    sleep 0.1
  done
  url="$(sed -n 's/^serving //p' "$folder/sandbox.out")"
  [ -n "$url" ] || { echo "the sandbox did not start: $(cat "$folder/sandbox.out")" >&2; exit 1; }
}

# Writes the sandbox's request log to `sandbox-log.json` and copies it to $2.
snapshot_log() {
  local folder="$1" target="$2"
  rm -f "$folder/sandbox-log.json"
  kill -USR1 "$sandbox_pid"
  for _ in $(seq 100); do [ -s "$folder/sandbox-log.json" ] && break; sleep 0.05; done
  cp "$folder/sandbox-log.json" "$target"
}

stop_sandbox() {
  local folder="$1"
  rm -f "$folder/sandbox-log.json"
  kill -TERM "$sandbox_pid"
  wait "$sandbox_pid" || true
  sandbox_pid=""
}

run_komet() {
  local folder="$work/round$1/komet"
  mkdir -p "$folder"
  "$bin/komet-dwf" init "$folder/workspace" >/dev/null
  start_sandbox "$folder"
  cat >"$folder/workspace/komet-dwf.json" <<JSON
{
  "komet": {
    "baseURL": "$url",
    "companyId": "4242",
    "dwfCustomerId": "10012",
    "defaultLocationId": "200101",
    "tokenFiles": {
      "company": "$folder/tokens/company.token",
      "customer": "$folder/tokens/customer.token",
      "user": "$folder/tokens/user.token"
    },
    "quota": { "dailyLimit": $daily_limit }
  },
  "inventory": { "source": "ecommerce", "futureDays": 35 },
  "watch": { "settleSeconds": 0 }
}
JSON
  # futureDays reaches the sandbox's last future lines, 28 days out, so the drop contains every
  # line the orders name. The first pass writes the drop that the orders are checked against.
  # settleSeconds 0 lets `once` take the order files that cp finished just before it starts,
  # because by default it leaves files modified in the last 2 seconds for a later pass.
  env -u KOMET_API_URL /usr/bin/time -f "%e %M" -o "$folder/drop.time" \
    "$bin/komet-dwf" once --workspace "$folder/workspace" 2>"$folder/drop.log" || {
    echo "the drop pass failed: $(tail -5 "$folder/drop.log")" >&2; exit 1; }
  snapshot_log "$folder" "$folder/drop-requests.json"

  cp "$work/data/orders/"* "$folder/workspace/inbox/dwf/"
  env -u KOMET_API_URL /usr/bin/time -f "%e %M" -o "$folder/orders.time" \
    "$bin/komet-dwf" once --workspace "$folder/workspace" 2>"$folder/orders.log" || {
    echo "the order pass failed: $(tail -5 "$folder/orders.log")" >&2; exit 1; }
  snapshot_log "$folder" "$folder/all-requests.json"
  stop_sandbox "$folder"
}

run_peer() {
  local folder="$work/round$1/peer"
  mkdir -p "$folder"
  start_sandbox "$folder"
  /usr/bin/time -f "%e %M" -o "$folder/orders.time" \
    bash bench/orders/peer.sh "$url" "$folder/tokens/customer.token" "$work/data/plan.tsv" \
    >"$folder/peer.out" 2>"$folder/peer.log" || {
    echo "the curl peer failed: $(tail -5 "$folder/peer.log")" >&2; exit 1; }
  snapshot_log "$folder" "$folder/all-requests.json"
  stop_sandbox "$folder"
}

# Rounds take the sides in turn, starting with a different side each round, so a slow spell of
# the machine hits both alike.
for round in $(seq "$runs"); do
  if [ $((round % 2)) = 1 ]; then
    run_komet "$round"; run_peer "$round"
  else
    run_peer "$round"; run_komet "$round"
  fi
done

mkdir -p bench/results
python3 bench/orders/summarize.py "$work" "$runs" | tee bench/results/orders-latest.md
