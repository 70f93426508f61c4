"""Generate the benchmark workbooks: a grower's inventory export in two sizes.

    python3 bench/generate.py [--out DIR] [--only inline|shared]

writes into DIR (bench/data by default):
  inventory-inline-1m.xlsx     1,000,000 data rows, text as inline strings
  inventory-shared-200k.xlsx   200,000 data rows, text in a table of 600,000 shared strings
and, beside each, NAME.checksum.json: the checksum (bench/checksum.py) of the values written.

Only the standard library is used. The sheet and the shared-string table are streamed into the
archive, so memory stays flat however many rows are written. Values come from a seeded generator
that uses nothing but Random.random(), whose sequence Python keeps stable across versions, so
every run writes the same cells.
"""

import argparse
import os
import sys
import time
import zipfile
from random import Random
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checksum import Checksum  # noqa: E402

# A fixed timestamp for every archive entry and for docProps/core.xml.
TIMESTAMP = (2024, 3, 4, 8, 0, 0)
TIMESTAMP_W3C = "2024-03-04T08:00:00Z"

HEADERS = ("Product ID", "Product", "Colour", "Lot", "Barcode", "Boxes", "Price", "Organic")
COLUMNS = "ABCDEFGH"

SPECIES = (
    "Rose", "Spray Rose", "Carnation", "Mini Carnation", "Alstroemeria", "Chrysanthemum",
    "Gypsophila", "Hydrangea", "Limonium", "Statice", "Lisianthus", "Calla",
)

# Non-ASCII and "&" are here so that readers decode entities and count UTF-8 bytes.
COLOURS = (
    "Red", "White", "Pink", "Hot Pink", "Light Pink", "Yellow", "Orange", "Peach", "Lavender",
    "Purple", "Green", "Burgundy", "Crème", "Bicolour Red & White", "Coral", "Champagne",
)

STEM_LENGTHS_CM = (40, 50, 60, 70, 80, 90)

# 20 consonants times 5 vowels make 100 two-letter syllables. Three syllables spell one of
# 1,000,000 cultivar names, and because every syllable has two letters, distinct syllable
# triples give distinct names.
SYLLABLES = tuple(c + v for c in "bcdfghjklmnprstvwxyz" for v in "aeiou")
CULTIVAR_COUNT = len(SYLLABLES) ** 3

# Multipliers coprime to 10**6 and 10**12 permute row numbers into cultivar and barcode numbers,
# so neither repeats within a file.
CULTIVAR_MULTIPLIER = 777_777
CULTIVAR_OFFSET = 314_159
BARCODE_MULTIPLIER = 7_654_321
BARCODE_OFFSET = 123_456_789


def cultivar_name(row_index):
    number = (row_index * CULTIVAR_MULTIPLIER + CULTIVAR_OFFSET) % CULTIVAR_COUNT
    first, rest = divmod(number, 10_000)
    second, third = divmod(rest, 100)
    return (SYLLABLES[first] + SYLLABLES[second] + SYLLABLES[third]).capitalize()


def barcode(row_index):
    """Return an EAN-13 style code, 12 digits unique per row followed by the check digit."""
    digits = f"{(row_index * BARCODE_MULTIPLIER + BARCODE_OFFSET) % 10**12:012d}"
    weighted = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits))
    return digits + str((10 - weighted % 10) % 10)


class Row:
    """One inventory line: a lot of one product on offer."""

    __slots__ = ("product_id", "product", "colour", "lot", "barcode", "boxes", "cents", "organic")

    def values(self):
        """Return the cells as Python values, None for an empty cell."""
        return (
            self.product_id, self.product, self.colour, self.lot, self.barcode, self.boxes,
            self.cents / 100, self.organic,
        )


def pick(random, choices):
    return choices[int(random.random() * len(choices))]


def inventory_rows(seed, count, rows_without_barcode):
    """Yield `count` rows, of which `rows_without_barcode`, chosen by the seed, have no barcode."""
    random = Random(seed)

    missing = set()
    while len(missing) < rows_without_barcode:
        missing.add(int(random.random() * count))

    for index in range(count):
        row = Row()
        row.product_id = 2_000_000 + index
        length = pick(random, STEM_LENGTHS_CM)
        row.product = f"{pick(random, SPECIES)} {cultivar_name(index)} {length}cm"
        row.colour = pick(random, COLOURS)
        row.lot = f"L{1 + int(random.random() * 52):02d}-{index + 1:07d}"
        row.barcode = None if index in missing else barcode(index)
        row.boxes = int(random.random() * 400)
        row.cents = 15 + int(random.random() * 236)
        row.organic = random.random() < 0.3
        yield row


# Every text cell except the colour is unique in a file, so a file's shared-string table contains
# the headers, the colours and three strings per row, less one per row without a barcode. Taking
# out exactly as many barcodes as there are fixed strings leaves 3 strings per row.
ROWS_WITHOUT_BARCODE = len(HEADERS) + len(COLOURS)


def number_text(value):
    """Format a number as producers do, integers plainly and others in shortest round-trip form."""
    return str(value) if type(value) is int else repr(value)


# Style indexes into cellXfs of styles.xml.
STYLE_HEADER = 1
STYLE_PRICE = 2
STYLE_ID = 3


def sheet_xml_head(last_row):
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheetPr><outlinePr summaryBelow="1" summaryRight="1"/></sheetPr>'
        f'<dimension ref="A1:H{last_row}"/>'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        '</sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        '<cols><col min="1" max="1" width="12" customWidth="1"/>'
        '<col min="2" max="2" width="34" customWidth="1"/>'
        '<col min="3" max="3" width="20" customWidth="1"/>'
        '<col min="4" max="5" width="16" customWidth="1"/>'
        '<col min="6" max="8" width="10" customWidth="1"/></cols>'
        '<sheetData>'
    )


SHEET_XML_TAIL = (
    '</sheetData>'
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
    '</worksheet>'
)


class InlineCells:
    """Cell writer that stores text as inline strings (t="inlineStr")."""

    def text(self, reference, value, style=0):
        style_attribute = f' s="{style}"' if style else ""
        return (f'<c r="{reference}"{style_attribute} t="inlineStr">'
                f"<is><t>{escape(value)}</t></is></c>")


class SharedCells:
    """Cell writer that stores text as indexes (t="s") into a table numbered by first use."""

    def __init__(self, fixed_strings):
        self.fixed = {value: index for index, value in enumerate(fixed_strings)}
        self.next_index = len(self.fixed)
        self.references = 0

    def text(self, reference, value, style=0):
        index = self.fixed.get(value)
        if index is None:
            index = self.next_index
            self.next_index += 1
        self.references += 1
        style_attribute = f' s="{style}"' if style else ""
        return f'<c r="{reference}"{style_attribute} t="s"><v>{index}</v></c>'


def row_xml(number, row, cells):
    """Return one <row> element. A missing barcode leaves its cell out, as producers do."""
    parts = [
        f'<row r="{number}" spans="1:8">',
        f'<c r="A{number}" s="{STYLE_ID}"><v>{row.product_id}</v></c>',
        cells.text(f"B{number}", row.product),
        cells.text(f"C{number}", row.colour),
        cells.text(f"D{number}", row.lot),
    ]
    if row.barcode is not None:
        parts.append(cells.text(f"E{number}", row.barcode))
    parts.append(f'<c r="F{number}"><v>{row.boxes}</v></c>')
    parts.append(f'<c r="G{number}" s="{STYLE_PRICE}"><v>{number_text(row.cents / 100)}</v></c>')
    parts.append(f'<c r="H{number}" t="b"><v>{1 if row.organic else 0}</v></c>')
    parts.append("</row>")
    return "".join(parts)


def header_xml(cells):
    parts = ['<row r="1" spans="1:8">']
    for column, header in zip(COLUMNS, HEADERS):
        parts.append(cells.text(f"{column}1", header, STYLE_HEADER))
    parts.append("</row>")
    return "".join(parts)


def entry(name):
    info = zipfile.ZipInfo(name, date_time=TIMESTAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


class ChunkedWriter:
    """Buffer that writes text as UTF-8 in chunks of about a megabyte."""

    def __init__(self, stream):
        self.stream = stream
        self.parts = []
        self.size = 0

    def write(self, text):
        self.parts.append(text)
        self.size += len(text)
        if self.size >= 1 << 20:
            self.flush()

    def flush(self):
        self.stream.write("".join(self.parts).encode("utf-8"))
        self.parts = []
        self.size = 0


def write_sheet(archive, name, rows, count, cells, checksum):
    """Stream the worksheet part and fold every value written into `checksum`."""
    with archive.open(entry(name), "w", force_zip64=True) as stream:
        writer = ChunkedWriter(stream)
        writer.write(sheet_xml_head(count + 1))
        writer.write(header_xml(cells))
        checksum.add_row(HEADERS)
        for index, row in enumerate(rows):
            writer.write(row_xml(index + 2, row, cells))
            checksum.add_row(row.values())
        writer.write(SHEET_XML_TAIL)
        writer.flush()


def write_shared_strings(archive, rows, fixed_strings, reference_count):
    """Stream the table in the order SharedCells numbers its strings, fixed ones first."""
    with archive.open(entry("xl/sharedStrings.xml"), "w", force_zip64=True) as stream:
        writer = ChunkedWriter(stream)
        unique = 0

        def add(value):
            nonlocal unique
            unique += 1
            writer.write(f"<si><t>{escape(value)}</t></si>")

        # The root element carries both counts before any string is written, so the reference
        # count comes from the sheet pass and the unique count from the layout.
        writer.write(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
            f' count="{reference_count}" uniqueCount="{SHARED_STRING_COUNT}">'
        )
        for value in fixed_strings:
            add(value)
        for row in rows:
            add(row.product)
            add(row.lot)
            if row.barcode is not None:
                add(row.barcode)
        writer.write("</sst>")
        writer.flush()
        return unique


CONTENT_TYPES_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels"'
    ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml"'
    ' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
)

SHARED_STRINGS_CONTENT_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)

PACKAGE_RELATIONSHIPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2"'
    ' Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"'
    ' Target="docProps/core.xml"/>'
    '<Relationship Id="rId3"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"'
    ' Target="docProps/app.xml"/>'
    '</Relationships>'
)

WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<workbookPr defaultThemeVersion="124226"/>'
    '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/>'
    '</bookViews>'
    '<sheets><sheet name="Inventory" sheetId="1" r:id="rId1"/></sheets>'
    '<calcPr calcId="191029"/>'
    '</workbook>'
)

WORKBOOK_RELATIONSHIP = (
    '<Relationship Id="{id}"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{type}"'
    ' Target="{target}"/>'
)

# numFmtId 1 is "0" and 2 is "0.00", both built in.
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2">'
    '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/>'
    '<scheme val="minor"/></font>'
    '<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/>'
    '<scheme val="minor"/></font>'
    '</fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="0"/><tableStyles count="0"/>'
    '</styleSheet>'
)

CORE_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties'
    ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    '<dc:creator>komet-dwf benchmark generator</dc:creator>'
    f'<dcterms:created xsi:type="dcterms:W3CDTF">{TIMESTAMP_W3C}</dcterms:created>'
    f'<dcterms:modified xsi:type="dcterms:W3CDTF">{TIMESTAMP_W3C}</dcterms:modified>'
    '</cp:coreProperties>'
)

APP_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity>'
    '<HeadingPairs><vt:vector size="2" baseType="variant">'
    '<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>'
    '<vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>'
    '<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>Inventory</vt:lpstr>'
    '</vt:vector></TitlesOfParts>'
    '</Properties>'
)


def write_package_parts(archive, has_shared_strings):
    content_types = CONTENT_TYPES_HEAD
    if has_shared_strings:
        content_types += SHARED_STRINGS_CONTENT_TYPE
    content_types += "</Types>"

    relationships = [
        ("rId1", "worksheet", "worksheets/sheet1.xml"),
        ("rId2", "styles", "styles.xml"),
    ]
    if has_shared_strings:
        relationships.append(("rId3", "sharedStrings", "sharedStrings.xml"))
    workbook_relationships = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            WORKBOOK_RELATIONSHIP.format(id=id, type=type, target=target)
            for id, type, target in relationships
        )
        + "</Relationships>"
    )

    for name, text in (
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", PACKAGE_RELATIONSHIPS),
        ("docProps/app.xml", APP_PROPERTIES),
        ("docProps/core.xml", CORE_PROPERTIES),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", workbook_relationships),
        ("xl/styles.xml", STYLES),
    ):
        archive.writestr(entry(name), text.encode("utf-8"))


INLINE_ROWS = 1_000_000
INLINE_SEED = 20240304
SHARED_ROWS = 200_000
SHARED_SEED = 20240305
# The headers and colours fill the places of the missing barcodes, so this is 600,000.
SHARED_STRING_COUNT = 3 * SHARED_ROWS


def write_checksum(path, checksum):
    with open(path + ".checksum.json", "w", encoding="utf-8") as file:
        file.write(checksum.to_json() + "\n")


def generate_inline(path):
    checksum = Checksum()
    with zipfile.ZipFile(path, "w") as archive:
        write_package_parts(archive, has_shared_strings=False)
        rows = inventory_rows(INLINE_SEED, INLINE_ROWS, ROWS_WITHOUT_BARCODE)
        write_sheet(archive, "xl/worksheets/sheet1.xml", rows, INLINE_ROWS, InlineCells(),
                    checksum)
    write_checksum(path, checksum)


def generate_shared(path):
    fixed_strings = HEADERS + COLOURS
    checksum = Checksum()
    with zipfile.ZipFile(path, "w") as archive:
        write_package_parts(archive, has_shared_strings=True)

        cells = SharedCells(fixed_strings)
        rows = inventory_rows(SHARED_SEED, SHARED_ROWS, ROWS_WITHOUT_BARCODE)
        write_sheet(archive, "xl/worksheets/sheet1.xml", rows, SHARED_ROWS, cells, checksum)
        if cells.next_index != SHARED_STRING_COUNT:
            raise AssertionError(f"sheet used {cells.next_index} shared strings, "
                                 f"expected {SHARED_STRING_COUNT}")

        # A second pass over the same seed yields the same rows, so the table is written
        # without holding 600,000 strings in memory.
        rows = inventory_rows(SHARED_SEED, SHARED_ROWS, ROWS_WITHOUT_BARCODE)
        written = write_shared_strings(archive, rows, fixed_strings, cells.references)
        if written != SHARED_STRING_COUNT:
            raise AssertionError(f"wrote {written} shared strings, expected {SHARED_STRING_COUNT}")
    write_checksum(path, checksum)


FILES = {
    "inline": ("inventory-inline-1m.xlsx", generate_inline),
    "shared": ("inventory-shared-200k.xlsx", generate_shared),
}


def main():
    parser = argparse.ArgumentParser(description="Generate the benchmark workbooks.")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "data"),
                        help="output folder (default: bench/data)")
    parser.add_argument("--only", choices=sorted(FILES), help="write only one of the files")
    arguments = parser.parse_args()

    os.makedirs(arguments.out, exist_ok=True)
    for key, (name, generate) in FILES.items():
        if arguments.only and key != arguments.only:
            continue
        path = os.path.join(arguments.out, name)
        started = time.monotonic()
        # A temporary name first, so that an interrupted run leaves no half-written file.
        generate(path + ".partial")
        os.replace(path + ".partial", path)
        os.replace(path + ".partial.checksum.json", path + ".checksum.json")
        elapsed = time.monotonic() - started
        print(f"{path}: {os.path.getsize(path):,} bytes in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
