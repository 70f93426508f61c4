"""The benchmark checksum: one fold over every cell of a workbook, in row-major order.

Every reader in the benchmark computes the same fields (bench/README.md defines them), so a
reader that skipped or mistyped cells cannot report a matching checksum. Running this file
compares checksum JSON files: `python3 bench/checksum.py EXPECTED.json ACTUAL.json`.
"""

import json
import sys
import zlib

FIELDS = (
    "cells",
    "textCells",
    "textBytes",
    "textCRC32",
    "numberCells",
    "numberSum",
    "booleanCells",
    "trueCells",
)

# 0xFF never occurs in UTF-8, so it ends each text value without clashing with its bytes.
TEXT_TERMINATOR = b"\xff"


class Checksum:
    """Running totals over the cells of a workbook, fed in row-major order."""

    def __init__(self):
        self.cells = 0
        self.text_cells = 0
        self.text_bytes = 0
        self.text_crc32 = 0
        self.number_cells = 0
        self.number_sum = 0.0
        self.boolean_cells = 0
        self.true_cells = 0

    def add_row(self, values):
        """Fold one row of values: str, bool, int or float, with None or "" for an empty cell."""
        for value in values:
            if value is None or value == "":
                continue

            # bool before int, because bool is a subclass of int in Python.
            kind = type(value)
            if kind is str:
                encoded = value.encode("utf-8")
                self.text_cells += 1
                self.text_bytes += len(encoded)
                self.text_crc32 = zlib.crc32(encoded, self.text_crc32)
                self.text_crc32 = zlib.crc32(TEXT_TERMINATOR, self.text_crc32)
            elif kind is bool:
                self.boolean_cells += 1
                if value:
                    self.true_cells += 1
            elif kind is int or kind is float:
                # Plain left-to-right addition of doubles, because sum() compensates from
                # Python 3.12 on and would give a different total.
                self.number_cells += 1
                self.number_sum += float(value)
            else:
                raise TypeError(f"unsupported cell value {value!r} of type {kind.__name__}")
            self.cells += 1

    def as_dict(self):
        return {
            "cells": self.cells,
            "textCells": self.text_cells,
            "textBytes": self.text_bytes,
            "textCRC32": f"{self.text_crc32:08x}",
            "numberCells": self.number_cells,
            "numberSum": self.number_sum,
            "booleanCells": self.boolean_cells,
            "trueCells": self.true_cells,
        }

    def to_json(self):
        return json.dumps(self.as_dict())


def differences(expected, actual):
    """List the fields whose values differ, comparing numberSum as a double."""
    found = []
    for field in FIELDS:
        if field not in actual:
            found.append(f"{field}: missing")
            continue
        want, got = expected[field], actual[field]
        if field == "numberSum":
            equal = float(want) == float(got)
        else:
            equal = want == got
        if not equal:
            found.append(f"{field}: expected {want!r}, got {got!r}")
    return found


def main(arguments):
    if len(arguments) != 2:
        print("usage: checksum.py EXPECTED.json ACTUAL.json", file=sys.stderr)
        return 2

    with open(arguments[0], encoding="utf-8") as file:
        expected = json.load(file)
    try:
        with open(arguments[1], encoding="utf-8") as file:
            actual = json.load(file)
    except (OSError, ValueError) as error:
        print(f"{arguments[1]}: not a checksum JSON object ({error})")
        return 1

    found = differences(expected, actual)
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
