#!/usr/bin/env python3
"""Write copies of an export into folders the way a slow copy does, and record each close().

Usage: intake_writer.py SOURCE_FILE COUNT OUTPUT_CSV PAUSE_SECONDS FOLDER...

For each of COUNT rounds the script writes one copy into every FOLDER, in four parts with a
20 ms pause between them, and records the wall-clock time right after close() as
`folder,name,close_ns` in OUTPUT_CSV. Rounds are PAUSE_SECONDS apart, so one file's quiet
period never overlaps the next file's writes. Each copy gets a distinct last byte appended
after the zip data, so no copy is recognised as content processed before.
"""
import os
import sys
import time


def write_copy(path: str, parts: list[bytes]) -> int:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    for part in parts:
        os.write(descriptor, part)
        time.sleep(0.02)
    os.close(descriptor)
    return time.time_ns()


def main() -> int:
    source, count, output, pause = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
    folders = sys.argv[5:]
    with open(source, "rb") as handle:
        content = handle.read()
    base, extension = os.path.splitext(os.path.basename(source))

    rows = []
    for index in range(count):
        # A zip reader finds its central directory from the end, after any trailing comment
        # bytes, so the copies parse the same while their SHA-256 differ.
        data = content + f"\n{index:06d}".encode()
        quarter = max(1, len(data) // 4)
        parts = [data[i:i + quarter] for i in range(0, len(data), quarter)]
        name = f"{base}-{index:03d}{extension}"
        for folder in folders:
            rows.append((folder, name, write_copy(os.path.join(folder, name), parts)))
        time.sleep(pause)

    with open(output, "w") as handle:
        handle.write("folder,name,close_ns\n")
        for folder, name, closed in rows:
            handle.write(f"{folder},{name},{closed}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
