#!/usr/bin/env python3
"""Compute close()-to-classification latencies from the writer's CSV and the two logs.

Usage: intake_latency.py WRITER_CSV RUN_LOG PEER_LOG INBOX PEER_FOLDER

RUN_LOG is the standard error of `komet-dwf run`: the timestamp of the line with `file.kind=`
and `file.path=INBOX/NAME` is the classification time. PEER_LOG has one line per file from the
inotifywait loop: `NANOSECONDS NAME KIND`. Prints a Markdown table of median and worst.
"""
import csv
import datetime
import re
import statistics
import sys

LINE = re.compile(r"^(\S+Z) \w+ pipeline: File \w+ .*file\.kind=\S+ file\.path=(\S+)")


def run_times(path: str) -> dict[str, int]:
    times = {}
    with open(path) as handle:
        for line in handle:
            match = LINE.match(line)
            if match:
                stamp = datetime.datetime.fromisoformat(match.group(1).replace("Z", "+00:00"))
                times.setdefault(match.group(2), int(stamp.timestamp() * 1_000_000) * 1000)
    return times


def peer_times(path: str, folder: str) -> dict[str, int]:
    times = {}
    with open(path) as handle:
        for line in handle:
            nanoseconds, name, _ = line.rstrip("\n").split(" ", 2)
            times.setdefault(f"{folder}/{name}", int(nanoseconds))
    return times


def summary(label: str, latencies: list[float], expected: int) -> str:
    if not latencies:
        return f"| {label} | 0 of {expected} | - | - |"
    return (f"| {label} | {len(latencies)} of {expected} | {statistics.median(latencies):.0f}"
            f" | {max(latencies):.0f} |")


def main() -> int:
    writer_csv, run_log, peer_log, inbox, peer_folder = sys.argv[1:6]
    taken = run_times(run_log)
    seen = peer_times(peer_log, peer_folder)
    komet, peer = [], []
    with open(writer_csv) as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        path = f"{row['folder']}/{row['name']}"
        found = (taken if row["folder"] == inbox else seen).get(path)
        if found is not None:
            (komet if row["folder"] == inbox else peer).append((found - int(row["close_ns"])) / 1e6)
    expected = len(rows) // 2
    print("| watcher | files classified | median ms | worst ms |")
    print("| --- | --- | --- | --- |")
    print(summary("komet-dwf run (inotify, 500 ms quiet period)", komet, expected))
    print(summary("inotifywait loop with file", peer, expected))
    if komet:
        print(f"\nkomet-dwf median minus the quiet period: {statistics.median(komet) - 500:.0f} ms;"
              f" worst minus it: {max(komet) - 500:.0f} ms (goal: within 100 ms).")
    return 0 if len(komet) == expected and len(peer) == expected else 1


if __name__ == "__main__":
    sys.exit(main())
