"""Read every cell of a workbook with a peer reader and print the benchmark checksum as JSON.

    python3 bench/peers.py FILE calamine|openpyxl

calamine is python-calamine 0.9 and openpyxl is openpyxl 3.1 in read-only mode. Every
worksheet is read in workbook order, every row of it in order, and bench/checksum.py folds the
values, so both readers do the same work as our reader-bench.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksum import Checksum  # noqa: E402


def read_with_calamine(path, checksum):
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    workbook = CalamineWorkbook.from_path(path)
    try:
        for metadata in workbook.sheets_metadata:
            if metadata.typ != SheetTypeEnum.WorkSheet:
                continue
            sheet = workbook.get_sheet_by_name(metadata.name)
            # NOTE: get_sheet_by_name loads the whole sheet into calamine's cell range, so
            # iter_rows() streams only the conversion to Python values, not the parsing. It still
            # keeps memory lower than to_python(), which builds every row as a list at once.
            for row in sheet.iter_rows():
                checksum.add_row(row)
    finally:
        workbook.close()


def read_with_openpyxl(path, checksum):
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                checksum.add_row(row)
    finally:
        workbook.close()


READERS = {
    "calamine": read_with_calamine,
    "openpyxl": read_with_openpyxl,
}


def main(arguments):
    if len(arguments) != 2 or arguments[1] not in READERS:
        print(f"usage: peers.py FILE {'|'.join(READERS)}", file=sys.stderr)
        return 2

    checksum = Checksum()
    READERS[arguments[1]](arguments[0], checksum)
    print(checksum.to_json())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
