#!/usr/bin/env bash
# Runs the drop benchmark: drop-bench and bench/drop_peer.py each write one 100,000-item
# inventory drop (CSV, JSON and manifest, renamed into place and fsynced) from items in memory,
# in interleaved rounds, then writes bench/results/drop-latest.md.
#
#   bash bench/drop-run.sh
#   BENCH_RUNS=1 bash bench/drop-run.sh      # rounds (default 3)
#   BENCH_ITEMS=10000 bash bench/drop-run.sh # items per drop (default 100000)
#
# Exits non-zero when a writer fails or the two writers' CSV or JSON files differ.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(dirname "$bench_dir")"
results_dir="$bench_dir/results"
work_dir="$results_dir/drop-run"
runs="${BENCH_RUNS:-3}"
items="${BENCH_ITEMS:-100000}"

cd "$repo_dir"
rm -rf "$work_dir"
mkdir -p "$work_dir"

if [[ ! -x /usr/bin/time ]]; then
  echo "Installing GNU time for peak-memory measurement"
  if ! apt-get install -y time > /dev/null 2>&1; then
    apt-get update > /dev/null
    apt-get install -y time > /dev/null
  fi
fi

echo "Building drop-bench (release)"
swift build -c release --product drop-bench > "$work_dir/build.log" 2>&1
drop_bench="$(swift build -c release --show-bin-path)/drop-bench"

writers=(drop-bench python)
declare -A writes=() walls=() peaks=() digests=()
failed=0
for round in $(seq 1 "$runs"); do
  for writer in "${writers[@]}"; do
    output="$work_dir/$writer.$round"
    mkdir -p "$output"
    case "$writer" in
      drop-bench) command=("$drop_bench" "$output" "$items") ;;
      python) command=(python3 "$bench_dir/drop_peer.py" "$output" "$items") ;;
    esac
    echo "Running $writer (run $round of $runs)"
    if ! /usr/bin/time -f "%e %M" -o "$output.time" "${command[@]}" > "$output.json" \
      2> "$output.err"; then
      echo "  $writer failed: $(tail -n1 "$output.err")"
      failed=1
      continue
    fi
    read -r wall kilobytes < <(tail -n1 "$output.time")
    read -r write_seconds digest < <(python3 -c 'import json, sys
result = json.load(open(sys.argv[1]))
print(result["writeSeconds"], result["csvSha256"] + "/" + result["jsonSha256"])' "$output.json")
    echo "  write $write_seconds s, process $wall s, peak $((kilobytes / 1024)) MB"
    writes[$writer]+="$write_seconds "
    walls[$writer]+="$wall "
    if (( kilobytes / 1024 > ${peaks[$writer]:-0} )); then peaks[$writer]=$((kilobytes / 1024)); fi
    digests[$writer]="$digest"
    rm -rf "$output"
  done
done

same_files="yes"
if [[ "${digests[drop-bench]:-}" != "${digests[python]:-}" ]]; then
  same_files="no: drop-bench ${digests[drop-bench]:-none}, python ${digests[python]:-none}"
  failed=1
fi

median() {
  python3 -c 'import statistics, sys
values = [float(v) for v in sys.argv[1:]]
print("%.3f" % statistics.median(values) if values else "–")' "$@"
}

cpu_model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
memory_total="$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
swift_version="$(swift --version 2>/dev/null | head -n1 || echo "swift not found")"
{
  echo "# Drop benchmark results"
  echo
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $cpu_model, $memory_total memory, $(uname -sr)"
  echo
  echo "Software: Python $(python3 -c 'import sys; print(sys.version.split()[0])'); $swift_version"
  echo
  echo "Each writer wrote a $items-item drop $runs times through \`bash bench/drop-run.sh\`,"
  echo "in rounds that take the writers in turn. Write seconds are timed inside the process"
  echo "around the drop alone (after the items are built); process seconds and peak MB come"
  echo "from GNU time for the whole process."
  echo
  echo "| writer | median write seconds | every write | median process seconds | peak MB |"
  echo "| --- | --- | --- | --- | --- |"
  for writer in "${writers[@]}"; do
    echo "| $writer | $(median ${writes[$writer]:-}) | ${writes[$writer]% } |" \
      "$(median ${walls[$writer]:-}) | ${peaks[$writer]:-–} |"
  done
  echo
  echo "Same CSV and JSON bytes from both writers: $same_files"
} > "$results_dir/drop-latest.md"

echo "Wrote $results_dir/drop-latest.md"
exit "$failed"
