"""Prints the order benchmark's table from the work folder of bench/orders/run.sh.

Usage: python3 bench/orders/summarize.py WORK_DIR RUNS

Each side's requests are counted from its sandbox's request log. On the komet-dwf side, the
requests of the order pass are the log entries after those of the drop pass. A side passes
when it sent one `web-order.create` per web-order group and one `web-order-item.add` per line
of `expected.json`, each returning HTTP 200 and Komet status 1, and, for komet-dwf,
when every acknowledgement shows every line accepted. The peer must also have sent the
same create and add bodies as komet-dwf, apart from the web order IDs. Exits with status 1
when a side fails.
"""

import collections
import glob
import json
import os
import platform
import re
import statistics
import subprocess
import sys

GOAL_METHODS = ("web-order.create", "web-order-item.add")


def read_time(path):
    """Returns the wall seconds and maximum resident set size in KB that GNU time wrote."""
    with open(path, encoding="utf-8") as handle:
        seconds, kilobytes = handle.read().split()[-2:]
    return float(seconds), int(kilobytes)


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def check_requests(entries, expected):
    """Returns the count of each method and the problems found against the goal."""
    counts = collections.Counter(entry["method"] for entry in entries)
    problems = []
    for entry in entries:
        if entry["method"] in GOAL_METHODS and (
                entry["httpStatus"] != 200 or entry["kometStatus"] != 1):
            problems.append(f"{entry['method']} answered HTTP {entry['httpStatus']}, "
                            f"Komet status {entry['kometStatus']}")
    if counts["web-order.create"] != expected["groups"]:
        problems.append(f"{counts['web-order.create']} web-order.create for "
                        f"{expected['groups']} groups")
    if counts["web-order-item.add"] != expected["lines"]:
        problems.append(f"{counts['web-order-item.add']} web-order-item.add for "
                        f"{expected['lines']} lines")
    return counts, problems[:5]


def check_acks(workspace, expected):
    """Returns the problems found in the acknowledgements of the komet-dwf side."""
    problems = []
    acks = glob.glob(os.path.join(workspace, "outbox", "dwf", "acks", "*.json"))
    if len(acks) != expected["orders"]:
        problems.append(f"{len(acks)} acknowledgements for {expected['orders']} orders")
    accepted = 0
    for path in acks:
        for line in load(path).get("lines", []):
            if line.get("state") == "accepted":
                accepted += 1
    if accepted != expected["lines"]:
        problems.append(f"{accepted} lines accepted in the acknowledgements, "
                        f"{expected['lines']} expected")
    left = [path for path in glob.glob(os.path.join(workspace, "inbox", "dwf", "*"))
            if os.path.basename(path) != "README.txt"]
    if left:
        problems.append(f"{len(left)} order files left in inbox/dwf/")
    return problems


def request_bodies(entries):
    """Returns the sorted (method, body) pairs of the goal methods, web order IDs blanked,
    because each sandbox numbers its web orders itself."""
    pairs = []
    for entry in entries:
        if entry["method"] in GOAL_METHODS:
            body = re.sub(r'"webOrderId":\d+', '"webOrderId":_', entry["body"])
            pairs.append((entry["method"], body))
    return sorted(pairs)


def format_counts(counts):
    return ", ".join(f"`{method}` {count}" for method, count in sorted(counts.items()))


def machine():
    with open("/proc/meminfo", encoding="utf-8") as handle:
        total_kb = int(handle.readline().split()[1])
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout
    curl = subprocess.run(["curl", "--version"], capture_output=True, text=True).stdout
    date = subprocess.run(["date", "-u", "+%Y-%m-%d %H:%M UTC"], capture_output=True,
                          text=True).stdout.strip()
    with open("/proc/loadavg", encoding="utf-8") as handle:
        load_average = handle.read().split()[0]
    return (f"{date}, {os.cpu_count()} cores ({model}), {total_kb / 1048576:.1f} GiB of memory, "
            f"Linux {platform.release()}, {swift.splitlines()[0] if swift else 'Swift unknown'}, "
            f"{curl.split(' (')[0] if curl else 'curl unknown'}, load average {load_average} "
            f"at the end")


def main():
    work, runs = sys.argv[1], int(sys.argv[2])
    expected = load(os.path.join(work, "data", "expected.json"))
    sides = {"komet-dwf once": [], "curl, one process per request": []}
    failed = False

    for round_number in range(1, runs + 1):
        folder = os.path.join(work, f"round{round_number}")
        drop = load(os.path.join(folder, "komet", "drop-requests.json"))
        everything = load(os.path.join(folder, "komet", "all-requests.json"))
        counts, problems = check_requests(everything[len(drop):], expected)
        problems += check_acks(os.path.join(folder, "komet", "workspace"), expected)
        seconds, kilobytes = read_time(os.path.join(folder, "komet", "orders.time"))
        drop_seconds, _ = read_time(os.path.join(folder, "komet", "drop.time"))
        komet_bodies = request_bodies(everything[len(drop):])
        sides["komet-dwf once"].append({
            "seconds": seconds, "kb": kilobytes, "counts": counts, "problems": problems,
            "drop": collections.Counter(entry["method"] for entry in drop),
            "drop_seconds": drop_seconds,
        })

        peer = load(os.path.join(folder, "peer", "all-requests.json"))
        counts, problems = check_requests(peer, expected)
        if request_bodies(peer) != komet_bodies:
            problems.append("its request bodies differ from komet-dwf's")
        seconds, kilobytes = read_time(os.path.join(folder, "peer", "orders.time"))
        sides["curl, one process per request"].append({
            "seconds": seconds, "kb": kilobytes, "counts": counts, "problems": problems,
        })

    print(f"# Order benchmark\n\n{expected['orders']} orders, {expected['lines']} lines, "
          f"{expected['groups']} web-order groups, {expected['boxes']} boxes; {runs} "
          f"round(s).\n\nMachine: {machine()}.\n")
    print("| side | median orders/s | every run (s) | requests per order | peak MB | "
          "all lines placed |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, results in sides.items():
        median = statistics.median(result["seconds"] for result in results)
        every = ", ".join(f"{result['seconds']:.2f}" for result in results)
        requests = statistics.median(
            sum(result["counts"].values()) for result in results) / expected["orders"]
        peak = max(result["kb"] for result in results) / 1024
        placed = all(not result["problems"] for result in results)
        failed = failed or not placed
        print(f"| {name} | {expected['orders'] / median:.1f} | {every} | {requests:.2f} | "
              f"{peak:.0f} | {'yes' if placed else 'no'} |")

    print("\nRequests by method, per round:\n")
    for name, results in sides.items():
        for number, result in enumerate(results, start=1):
            print(f"- {name}, round {number}: {format_counts(result['counts'])}")
            for problem in result["problems"]:
                print(f"  - problem: {problem}")
    for number, result in enumerate(sides["komet-dwf once"], start=1):
        print(f"- komet-dwf drop pass (not timed above), round {number}: "
              f"{format_counts(result['drop'])}; {result['drop_seconds']:.2f} s")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
