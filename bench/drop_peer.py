"""Python's side of the drop benchmark: the same items as drop-bench, written with csv and json.

python3 bench/drop_peer.py OUTPUT_FOLDER [ITEMS]

Builds the items in memory with the formulas of bench/DropBenchmark/main.swift. Writes the CSV,
the JSON and the manifest of one drop into OUTPUT_FOLDER/outbox/dwf/inventory/, each under
outbox/.tmp/ first, fsynced, renamed into place, with the folder fsynced after. Prints one JSON
line with the write time, the peak resident set size and the data files' SHA-256.
"""

import csv
import hashlib
import io
import json
import os
import resource
import sys
import time
from decimal import Decimal

CSV_NAMES = [
    "inventory_id", "origin", "product_code", "product_description", "grade", "category",
    "box_type", "units_per_box", "unit_type", "boxes_available", "unit_price", "location_id",
    "available_from", "available_to",
]
JSON_KEYS = [
    "inventoryId", "origin", "productCode", "productDescription", "grade", "category",
    "boxType", "unitsPerBox", "unitType", "boxesAvailable", "unitPrice", "locationId",
    "availableFrom", "availableTo",
]
SPECIES = ["Rose", "Carnation", "Alstroemeria", "Chrysanthemum", "Gypsophila", "Hydrangea"]
COLOURS = ["Red", "White", "Pink", "Crème", "Bicolour Red, White", 'Yellow "Sun"']
STAMP = "20260101T000000Z"
TIME = "2026-01-01T00:00:00Z"


def item(index):
    """Returns item `index` as a list of column values, None for a missing one."""
    is_future = index % 5 == 0
    cents = 15 + (index * 37) % 236
    price = Decimal(cents) / 100
    return [
        str(5_000_000 + index), "FS" if is_future else "OH", "P%d" % (index % 400),
        "%s %s %dcm" % (SPECIES[index % 6], COLOURS[(index // 6) % 6], 40 + index % 4 * 10),
        "Select" if index % 3 == 0 else "Fancy", SPECIES[index % 6],
        "HB" if index % 2 == 0 else "QB", 300 if index % 2 == 0 else 150,
        "Bunch" if index % 4 == 0 else "Stem", (index * 7) % 400, format(price, ".2f"),
        "200102" if index % 10 == 0 else "200101",
        "2026-01-%02d" % (1 + index % 14) if is_future else None, None,
    ]


class HashingFile(io.RawIOBase):
    """A file under the temporary folder that hashes and counts what is written to it."""

    def __init__(self, temporary_folder, destination):
        self.destination = destination
        self.path = os.path.join(
            temporary_folder, ".%s.%d" % (os.path.basename(destination), os.getpid()))
        self.file = open(self.path, "wb", buffering=256 * 1024)
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self):
        return True

    def write(self, data):
        self.digest.update(data)
        self.size += len(data)
        return self.file.write(data)

    def commit(self):
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.path, self.destination)
        folder = os.open(os.path.dirname(self.destination), os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def write_drop(items, root):
    folder = os.path.join(root, "outbox", "dwf", "inventory")
    temporary = os.path.join(root, "outbox", ".tmp")
    os.makedirs(folder, exist_ok=True)
    os.makedirs(temporary, exist_ok=True)

    csv_file = HashingFile(temporary, os.path.join(folder, "inventory-%s.csv" % STAMP))
    text = io.TextIOWrapper(csv_file, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(CSV_NAMES)
    writer.writerows(items)
    text.flush()
    text.detach()
    csv_file.commit()

    json_file = HashingFile(temporary, os.path.join(folder, "inventory-%s.json" % STAMP))
    parts = ['{"formatVersion":1,"items":[']
    for index, values in enumerate(items):
        parts.append("\n" if index == 0 else ",\n")
        parts.append(json.dumps(
            dict(zip(JSON_KEYS, values)), ensure_ascii=False, separators=(",", ":")))
        if len(parts) >= 2000:
            json_file.write("".join(parts).encode("utf-8"))
            parts = []
    parts.append("\n]}\n")
    json_file.write("".join(parts).encode("utf-8"))
    json_file.commit()

    manifest = {
        "formatVersion": 1, "sequence": 1, "source": "export", "asOf": TIME, "writtenAt": TIME,
        "itemCount": len(items), "stale": False,
        "files": [
            {"name": os.path.basename(f.destination), "format": kind,
             "sha256": f.digest.hexdigest(), "bytes": f.size}
            for kind, f in (("csv", csv_file), ("json", json_file))
        ],
    }
    manifest_file = HashingFile(
        temporary, os.path.join(folder, "inventory-%s.manifest.json" % STAMP))
    manifest_file.write((json.dumps(manifest, indent=2) + "\n").encode("utf-8"))
    manifest_file.commit()
    return csv_file.digest.hexdigest(), json_file.digest.hexdigest()


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: drop_peer.py OUTPUT_FOLDER [ITEMS]")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    items = [item(index) for index in range(count)]
    start = time.monotonic()
    csv_sha, json_sha = write_drop(items, sys.argv[1])
    seconds = time.monotonic() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "writer": "python", "items": count, "writeSeconds": round(seconds, 3), "peakKB": peak,
        "csvSha256": csv_sha, "jsonSha256": json_sha,
    }))


if __name__ == "__main__":
    main()
