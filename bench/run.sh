#!/usr/bin/env bash
# Runs the reader benchmark: our reader-bench, python-calamine and openpyxl on both generated
# workbooks in one run, then writes bench/results/latest.md.
#
#   bash bench/run.sh
#   BENCH_READERS="reader-bench" bash bench/run.sh   # a subset of the readers, for quick checks
#   BENCH_RUNS=1 bash bench/run.sh                   # runs per reader and file (default 3)
#
# Generates bench/data/ first when a file is missing or older than generate.py. Exits non-zero
# when a reader fails or its checksum differs from the one the generator wrote. Skips
# reader-bench, with a line saying so, when that product does not build.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(dirname "$bench_dir")"
data_dir="$bench_dir/data"
results_dir="$bench_dir/results"
work_dir="$results_dir/run"
files=(inventory-inline-1m.xlsx inventory-shared-200k.xlsx)
read -r -a requested_readers <<< "${BENCH_READERS:-reader-bench python-calamine openpyxl}"

for reader in "${requested_readers[@]}"; do
  case "$reader" in
    reader-bench | python-calamine | openpyxl) ;;
    *)
      echo "BENCH_READERS: unknown reader '$reader'" \
        "(expected reader-bench, python-calamine or openpyxl)" >&2
      exit 2
      ;;
  esac
done

is_requested() {
  local reader
  for reader in "${requested_readers[@]}"; do
    [[ "$reader" == "$1" ]] && return 0
  done
  return 1
}

cd "$repo_dir"
mkdir -p "$results_dir"
rm -rf "$work_dir"
mkdir -p "$work_dir"

# GNU time reports peak resident memory (%M, in KB), which the shell's time keyword does not.
if ! /usr/bin/time -f "%e" true 2>/dev/null; then
  echo "Installing GNU time for peak-memory measurement"
  if ! apt-get install -y time > /dev/null 2>&1; then
    apt-get update > /dev/null
    apt-get install -y time > /dev/null
  fi
fi

for file in "${files[@]}"; do
  if [[ ! -f "$data_dir/$file.checksum.json" || "$bench_dir/generate.py" -nt "$data_dir/$file" ]]
  then
    echo "Generating $data_dir ($file is missing or older than generate.py)"
    /usr/bin/time -f "%e %M" -o "$work_dir/generate.time" python3 "$bench_dir/generate.py"
    read -r seconds kilobytes < "$work_dir/generate.time"
    echo "Generated in $seconds s, peak $((kilobytes / 1024)) MB"
    break
  fi
done

readers=()
skipped_line=""
if is_requested reader-bench; then
  echo "Building reader-bench (release)"
  if swift build -c release --product reader-bench > "$work_dir/build.log" 2>&1; then
    reader_bench="$(swift build -c release --show-bin-path)/reader-bench"
    readers+=(reader-bench)
  else
    skipped_line="reader-bench: skipped, \`swift build -c release --product reader-bench\` failed"
    skipped_line+=": $(grep -m1 -i 'error' "$work_dir/build.log" || tail -n1 "$work_dir/build.log")"
    skipped_line+=" (full log in bench/results/run/build.log)"
    echo "$skipped_line"
  fi
fi
for reader in python-calamine openpyxl; do
  if is_requested "$reader"; then
    readers+=("$reader")
  fi
done

# Sets `reader_command` to the command line that reads FILE with READER.
set_command() {
  local reader="$1" file="$2"
  case "$reader" in
    reader-bench) reader_command=("$reader_bench" "$file") ;;
    python-calamine) reader_command=(python3 "$bench_dir/peers.py" "$file" calamine) ;;
    openpyxl) reader_command=(python3 "$bench_dir/peers.py" "$file" openpyxl) ;;
  esac
}

runs="${BENCH_RUNS:-3}"
rows=()
failed=0
for file in "${files[@]}"; do
  # Reads the file once so that every reader starts with it in the page cache.
  cat "$data_dir/$file" > /dev/null
  declare -A times=() peaks=() matches=()

  # Rounds interleave the readers, so a slow spell of the machine hits all of them alike.
  for round in $(seq 1 "$runs"); do
    for reader in "${readers[@]}"; do
      output="$work_dir/$reader.$file.$round.json"
      echo "Running $reader on $file (run $round of $runs)"
      set_command "$reader" "$data_dir/$file"
      timing="$work_dir/$reader.$file.$round.time"
      if /usr/bin/time -f "%e %M" -o "$timing" "${reader_command[@]}" \
        > "$output" 2> "$work_dir/$reader.$file.err"; then
        read -r seconds kilobytes < <(tail -n1 "$timing")
        if python3 "$bench_dir/checksum.py" "$data_dir/$file.checksum.json" "$output" \
          > "$work_dir/$reader.$file.diff"; then
          match="yes"
        else
          match="no: $(paste -sd ';' "$work_dir/$reader.$file.diff")"
          failed=1
        fi
      else
        seconds="–"
        kilobytes=0
        match="no: exited with an error ($(tail -n1 "$work_dir/$reader.$file.err"))"
        failed=1
      fi
      echo "  $seconds s, $((kilobytes / 1024)) MB, checksum match: $match"
      times[$reader]+="$seconds "
      if (( kilobytes / 1024 > ${peaks[$reader]:-0} )); then peaks[$reader]=$((kilobytes / 1024)); fi
      if [[ "$match" != "yes" || -z "${matches[$reader]:-}" ]]; then matches[$reader]="$match"; fi
    done
  done

  for reader in "${readers[@]}"; do
    median="$(python3 -c 'import statistics, sys
values = [float(v) for v in sys.argv[1:] if v != "–"]
print("%.2f" % statistics.median(values) if values else "–")' ${times[$reader]})"
    rows+=("| $reader | $file | $median | ${times[$reader]% } | ${peaks[$reader]} | ${matches[$reader]} |")
  done
  unset times peaks matches
done

cpu_model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
memory_total="$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
python_versions="$(python3 -c 'import sys, importlib.metadata as m
print("Python %s, python-calamine %s, openpyxl %s" % (sys.version.split()[0],
      m.version("python-calamine"), m.version("openpyxl")))')"
swift_version="$(swift --version 2>/dev/null | head -n1 || echo "swift not found")"

{
  echo "# Reader benchmark results"
  echo
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $cpu_model, $memory_total memory, $(uname -sr)"
  echo
  echo "Software: $python_versions; $swift_version"
  echo
  echo "Each reader ran $runs times per file through \`bash bench/run.sh\`, in rounds that take the"
  echo "readers in turn. Seconds are wall time (the median, then every run) and peak MB the largest"
  echo "maximum resident set size of the runs, both from GNU time."
  echo "A checksum matches when it equals the one the generator computed from the values it wrote."
  echo
  if [[ -n "$skipped_line" ]]; then
    echo "$skipped_line"
    echo
  fi
  echo "| reader | file | median seconds | every run | peak MB | checksum match |"
  echo "| --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Expected checksums, from the generator:"
  echo
  for file in "${files[@]}"; do
    echo "- $file: \`$(cat "$data_dir/$file.checksum.json")\`"
  done
} > "$results_dir/latest.md"

echo "Wrote $results_dir/latest.md"
exit "$failed"
