import Testing

@testable import Spreadsheet

/// Part names as producers write them: percent-encoded in relationships, and `<sheets>` found by
/// its element rather than its depth.
struct PartNameTests {
  private static let row = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ok</t></is></c></row>"

  @Test func percentEncodedTargetFindsItsEntry() throws {
    var entries = TestWorkbook(sheet: TestWorkbook.worksheet(PartNameTests.row)).entries()
    for index in entries.indices {
      if entries[index].name == "xl/worksheets/sheet1.xml" {
        entries[index].name = "xl/worksheets/sheet 1.xml"
      }
      if entries[index].name == "xl/_rels/workbook.xml.rels" {
        let text = String(decoding: entries[index].data, as: UTF8.self)
          .replacingOccurrences(of: "worksheets/sheet1.xml", with: "worksheets/sheet%201.xml")
        entries[index].data = Array(text.utf8)
      }
    }

    let grid = try WorkbookProbe.grid(TestZipWriter(entries).bytes())

    #expect(grid == [["ok"]])
  }

  @Test func sheetsInsideAlternateContentAreListed() throws {
    var entries = TestWorkbook(sheet: TestWorkbook.worksheet(PartNameTests.row)).entries()
    let index = try #require(entries.firstIndex { $0.name == "xl/workbook.xml" })
    let text = String(decoding: entries[index].data, as: UTF8.self)
      .replacingOccurrences(of: "<sheets>", with: "<extra><sheets>")
      .replacingOccurrences(of: "</sheets>", with: "</sheets></extra>")
    entries[index].data = Array(text.utf8)

    let grid = try WorkbookProbe.grid(TestZipWriter(entries).bytes())

    #expect(grid == [["ok"]])
  }
}
