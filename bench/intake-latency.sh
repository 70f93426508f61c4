#!/usr/bin/env bash
# Measures the time from a writer's close() to classification by `komet-dwf run`, beside a loop
# of `inotifywait` and `file` watching a second folder in the same run. Komet is the sandbox on
# a free loopback port, so the run's inventory cycle reaches no other host.
#
# Usage: bash bench/intake-latency.sh [COUNT]   (default 20 files; about 40 s)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-20}"

if ! command -v inotifywait >/dev/null; then
  echo "inotifywait not found: install inotify-tools (apt-get install inotify-tools)." >&2
  exit 1
fi
swift build --product komet-dwf >/dev/null
binary="$PWD/.build/debug/komet-dwf"

work="$(mktemp -d /tmp/komet-dwf-intake-bench-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

workspace="$work/workspace"
peer="$work/peer"
mkdir -p "$peer"
"$binary" init "$workspace" >/dev/null

# The sandbox writes its token files under the folder it starts in.
(cd "$workspace" && exec "$binary" sandbox --port 0 --tokens state/sandbox) \
  >"$work/sandbox.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  grep -q "serving http://127.0.0.1:" "$work/sandbox.out" 2>/dev/null && break
  sleep 0.1
done
url="$(grep -o 'http://127.0.0.1:[0-9]*/api/' "$work/sandbox.out" | head -1)"
[ -n "$url" ] || { echo "the sandbox did not start: $(cat "$work/sandbox.out")" >&2; exit 1; }
cat >"$workspace/komet-dwf.json" <<JSON
{
  "komet": {
    "baseURL": "$url",
    "companyId": "4242",
    "dwfCustomerId": "10012",
    "defaultLocationId": "200101",
    "tokenFiles": {
      "company": "state/sandbox/company.token",
      "customer": "state/sandbox/customer.token",
      "user": "state/sandbox/user.token"
    }
  },
  "inventory": { "source": "ecommerce" }
}
JSON

env -u KOMET_API_URL "$binary" run --workspace "$workspace" 2>"$work/run.log" &
pids+=($!)
for _ in $(seq 100); do grep -q "Pipeline started" "$work/run.log" && break; sleep 0.1; done

# The peer: one line per file, the time `file` finished, its name and what `file` found.
inotifywait -m -q -e close_write -e moved_to --format '%f' "$peer" | while read -r name; do
  kind="$(file -b "$peer/$name")"
  echo "$(date +%s%N) $name $kind"
done >"$work/peer.log" &
pids+=($!)
sleep 0.5

python3 bench/intake_writer.py Samples/komet-customers.xlsx "$count" "$work/writer.csv" 1.2 \
  "$workspace/inbox" "$peer"
sleep 1.5

echo "Machine: $(nproc) cores, $(uname -sr), $(date -u +%Y-%m-%dT%H:%MZ)," \
  "load average $(cut -d' ' -f1 /proc/loadavg)"
python3 bench/intake_latency.py "$work/writer.csv" "$work/run.log" "$work/peer.log" \
  "$workspace/inbox" "$peer"
