import Foundation
import Testing

@testable import Spreadsheet

/// Reads the small fixtures in `Tests/Fixtures/made`, written by xlsxwriter, openpyxl and
/// LibreOffice through `make_fixtures.py` there.
struct ProducerFixtureTests {
  static func path(_ name: String) -> String {
    FixturePaths.fixtures.appendingPathComponent("made").appendingPathComponent(name).path
  }

  @Test func xlsxwriterRichTextReadsAsStored() throws {
    let document = try SpreadsheetDocument(
      path: ProducerFixtureTests.path("xlsxwriter-rich-text.xlsx"))
    #expect(document.sheets.map(\.name) == ["R&D été", "Hidden"])
    #expect(document.sheets.map(\.state) == [.visible, .hidden])
    #expect(
      try canonicalGrid(document, sheetAt: 0) == [
        ["Hello World", "12345"], ["  kept  spaces  ", "TRUE"], ["line one\nline two", "24690"],
        ["_x0041_ literal"],
      ])
  }

  @Test func openpyxlSparseSheetKeepsPositions() throws {
    let document = try SpreadsheetDocument(path: ProducerFixtureTests.path("openpyxl-sparse.xlsx"))
    #expect(document.sheets.map(\.name) == ["Sparse", "Very hidden"])
    #expect(document.sheets.map(\.state) == [.visible, .veryHidden])
    let grid = try canonicalGrid(document, sheetAt: 0)
    #expect(grid.count == 1000)
    #expect(grid[0] == ["ID", "", "Name"])
    #expect(grid[999] == ["1000"] + Array(repeating: "", count: 24) + ["far"])
  }

  @Test func libreOfficeConversionReads() throws {
    let document = try SpreadsheetDocument(path: ProducerFixtureTests.path("libreoffice-csv.xlsx"))
    #expect(
      try canonicalGrid(document, sheetAt: 0) == [["ID", "Name"], ["1", "Grüße"], ["2", "東京"]])
  }
}
