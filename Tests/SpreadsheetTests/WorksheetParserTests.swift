import Foundation
import Testing

@testable import Spreadsheet

/// Checks the streaming worksheet parser on sheets built in memory: cell types, formulas,
/// missing references, sparse and unordered rows, and the errors for bad references.
struct WorksheetParserTests {
  static let sharedStrings = TestWorkbook.sharedStrings(
    "<si><t>first</t></si><si><t>second</t></si>")

  /// Returns the canonical grid of a sheet whose `<sheetData>` holds `rows`.
  static func grid(_ rows: String) throws -> [[String]] {
    let workbook = TestWorkbook(
      sheet: TestWorkbook.worksheet(rows), sharedStrings: WorksheetParserTests.sharedStrings)
    return try WorkbookProbe.grid(workbook.bytes())
  }

  /// Returns the rows handed to `readRows`, as row numbers and values in document order.
  static func rows(_ sheet: String) throws -> [(number: Int, values: [CellValue])] {
    let workbook = TestWorkbook(sheet: sheet, sharedStrings: WorksheetParserTests.sharedStrings)
    return try WorkbookProbe.withDocument(workbook.bytes()) { document in
      var rows: [(Int, [CellValue])] = []
      try document.readRows(sheetAt: 0) { row in rows.append((row.number, try row.denseValues())) }
      return rows
    }
  }

  static func errorText(_ rows: String) -> String? {
    let workbook = TestWorkbook(
      sheet: TestWorkbook.worksheet(rows), sharedStrings: WorksheetParserTests.sharedStrings)
    return WorkbookProbe.errorText(workbook.bytes())
  }

  @Test(arguments: [
    ("<c r=\"A1\" t=\"s\"><v>1</v></c>", CellValue.text("second")),
    ("<c r=\"A1\" t=\"str\"><f>\"a\"&amp;\"b\"</f><v>ab</v></c>", .text("ab")),
    ("<c r=\"A1\" t=\"inlineStr\"><is><t>inline</t></is></c>", .text("inline")),
    ("<c r=\"A1\" t=\"n\"><v>-1.5E3</v></c>", .number(-1500)),
    ("<c r=\"A1\"><v>0.1</v></c>", .number(0.1)),
    ("<c r=\"A1\" t=\"b\"><v>1</v></c>", .boolean(true)),
    ("<c r=\"A1\" t=\"b\"><v>0</v></c>", .boolean(false)),
    ("<c r=\"A1\" t=\"e\"><v>#N/A</v></c>", .error("#N/A")),
    ("<c r=\"A1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>", .error("#DIV/0!")),
    (
      "<c r=\"A1\" t=\"d\"><v>2024-03-01</v></c>",
      .dateTime(CalendarDateTime(year: 2024, month: 3, day: 1))
    ),
    (
      "<c r=\"A1\" t=\"d\"><v>2024-03-01T10:20:30</v></c>",
      .dateTime(
        CalendarDateTime(
          year: 2024, month: 3, day: 1, microsecondOfDay: (10 * 3600 + 20 * 60 + 30) * 1_000_000))
    ),
    ("<c r=\"A1\"><f>1+1</f><v>2</v></c>", .number(2)),
    ("<c r=\"A1\" t=\"b\"><f>TRUE()</f><v>1</v></c>", .boolean(true)),
    ("<c r=\"A1\" t=\"str\"><f>A2</f><v></v></c>", .text("")),
    ("<c r=\"A1\"><v>\n  12.5 \n</v></c>", .number(12.5)),
    ("<c r=\"A1\"><v>nan</v></c>", .text("nan")),
    ("<c r=\"A1\"><v>1 2</v></c>", .text("1 2")),
  ])
  func cellTypeReadsItsValue(cell: String, expected: CellValue) throws {
    let rows = try WorksheetParserTests.rows(TestWorkbook.worksheet("<row r=\"1\">\(cell)</row>"))
    #expect(rows.map(\.number) == [1])
    #expect(rows.first?.values == [expected])
  }

  @Test func formulaWithoutCachedValueIsNoCell() throws {
    let rows = try WorksheetParserTests.rows(
      TestWorkbook.worksheet(
        "<row r=\"1\"><c r=\"A1\"><f>SUM(B1:B9)</f></c><c r=\"B1\"><v>3</v></c></row>"))
    #expect(rows.first?.values == [.empty, .number(3)])
  }

  @Test func rowsAndCellsWithoutReferencesFollowOn() throws {
    #expect(
      try WorksheetParserTests.grid(
        "<row><c><v>1</v></c><c><v>2</v></c></row>"
          + "<row><c r=\"C2\"><v>3</v></c><c><v>4</v></c></row>"
          + "<row r=\"5\"><c><v>5</v></c></row><row><c r=\"B6\"><v>6</v></c></row>")
        == [["1", "2"], ["", "", "3", "4"], [], [], ["5"], ["", "6"]])
  }

  @Test func rowWithoutNumberTakesItsFirstCellsRow() throws {
    let rows = try WorksheetParserTests.rows(
      TestWorkbook.worksheet(
        "<row><c r=\"A7\"><v>7</v></c></row><row><c><v>8</v></c></row>"))
    #expect(rows.map(\.number) == [7, 8])
  }

  @Test func sparseRowsKeepTheirPositions() throws {
    let grid = try WorksheetParserTests.grid(
      "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
        + "<row r=\"1000\" spans=\"26:26\"><c r=\"Z1000\"><v>2</v></c></row>"
        + "<row r=\"1001\"></row><row r=\"1002\"><c r=\"B1002\" s=\"0\"/></row>")
    #expect(grid.count == 1000)
    #expect(grid[999] == Array(repeating: "", count: 25) + ["2"])
  }

  @Test(arguments: [
    "", "<dimension ref=\"A1\"/>", "<dimension ref=\"A1:B2\"/>",
    "<dimension ref=\"nonsense\"/>",
  ])
  func dimensionIsIgnored(dimension: String) throws {
    let sheet =
      "<?xml version=\"1.0\"?><worksheet xmlns=\"\(TestWorkbook.mainNamespace)\">"
      + dimension + "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
      + "<row r=\"10\"><c r=\"E10\"><v>2</v></c></row></sheetData></worksheet>"
    let workbook = TestWorkbook(sheet: sheet)
    let grid = try WorkbookProbe.grid(workbook.bytes())
    #expect(grid.count == 10)
    #expect(grid[9] == ["", "", "", "", "2"])
  }

  @Test func rowsGoingBackwardsArriveInDocumentOrder() throws {
    let rows = try WorksheetParserTests.rows(
      TestWorkbook.worksheet(
        "<row r=\"5\"><c r=\"A5\"><v>5</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></c></row>"
          + "<row><c><v>3</v></c></row>"))
    #expect(rows.map(\.number) == [5, 2, 3])
    #expect(rows.map(\.values) == [[.number(5)], [.number(2)], [.number(3)]])
  }

  @Test func cellsOutOfOrderInARowAreSorted() throws {
    let rows = try WorksheetParserTests.rows(
      TestWorkbook.worksheet(
        "<row r=\"1\"><c r=\"C1\"><v>3</v></c><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c>"
          + "</row>"))
    #expect(rows.first?.values == [.number(1), .number(2), .number(3)])
  }

  @Test func repeatedCellKeepsTheLastValue() throws {
    let rows = try WorksheetParserTests.rows(
      TestWorkbook.worksheet(
        "<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row>"))
    #expect(rows.first?.values == [.empty, .number(2)])
  }

  @Test func sharedStringIndexOutOfRangeNamesTheCell() {
    #expect(
      WorksheetParserTests.errorText(
        "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>5</v></c></row>")
        == "book.xlsx: sheet \"Sheet1\", cell B2 names shared string 5, but the workbook has 2."
        + " Re-save the file in Excel as .xlsx.")
  }

  @Test func nonNumericSharedStringIndexIsNamed() {
    #expect(
      WorksheetParserTests.errorText("<row r=\"3\"><c r=\"C3\" t=\"s\"><v>abc</v></c></row>")
        == "book.xlsx: sheet \"Sheet1\", cell C3 should name a shared string by number,"
        + " but holds \"abc\". Re-save the file in Excel as .xlsx.")
  }

  @Test(arguments: ["1A", "A0B", "XFE1", "A1048577", "", "$A$1", "A-1"])
  func invalidCellReferenceIsNamed(reference: String) {
    #expect(
      WorksheetParserTests.errorText(
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
          + "<row r=\"2\"><c r=\"\(reference)\"><v>1</v></c></row>")
        == "book.xlsx: sheet \"Sheet1\" has an invalid cell reference \"\(reference)\"."
        + " Re-save the file in Excel as .xlsx.")
  }

  @Test(arguments: ["0", "1048577", "99999999999", "-1", "x"])
  func invalidRowNumberIsNamed(number: String) {
    #expect(
      WorksheetParserTests.errorText(
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"\(number)\"><c><v>1</v></c></row>")
        == "book.xlsx: sheet \"Sheet1\" has an invalid row number \"\(number)\""
        + " (rows run from 1 to 1048576). Re-save the file in Excel as .xlsx.")
  }

  @Test func lastColumnAndRowRead() throws {
    let rows = try WorksheetParserTests.rows(
      TestWorkbook.worksheet(
        "<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>"))
    #expect(rows.map(\.number) == [1_048_576])
    #expect(rows.first?.values.count == 16_384)
  }

  @Test func twentyThousandColumnsRead() throws {
    let cells = (1...20_000).map { "<c><v>\($0)</v></c>" }.joined()
    let rows = try WorksheetParserTests.rows(TestWorkbook.worksheet("<row r=\"1\">\(cells)</row>"))
    let values = try #require(rows.first?.values)
    #expect(values.count == 20_000)
    #expect(values.last == .number(20_000))
  }

  @Test func cellWithLargeTextReads() throws {
    // 6 MiB of text also takes the part over the threshold of the pipelined reader.
    let text = String(repeating: "0123456789abcdef", count: 6 << 16)
    let rows = try WorksheetParserTests.rows(
      TestWorkbook.worksheet(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
          + "<c r=\"B1\"><v>1</v></c></row>"))
    #expect(rows.first?.values == [.text(text), .number(1)])
  }
}
