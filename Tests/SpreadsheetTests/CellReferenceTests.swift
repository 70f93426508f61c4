import Testing

@testable import Spreadsheet

struct CellReferenceTests {
  @Test(arguments: [
    ("A1", 1, 1), ("AA10", 27, 10), ("XFD1048576", 16_384, 1_048_576), ("b7", 2, 7),
    ("$C$3", 3, 3),
  ])
  func parsesColumnAndRow(text: String, column: Int, row: Int) throws {
    let reference = try #require(CellReference(text))

    #expect(reference.column == column)
    #expect(reference.row == row)
  }

  @Test(arguments: ["", "1A", "A1B", "XFE1", "A1048577", "_1"])
  func rejectsInvalidText(text: String) {
    #expect(CellReference(text) == nil)
  }

  @Test(arguments: [(1, "A"), (26, "Z"), (27, "AA"), (702, "ZZ"), (703, "AAA"), (16_384, "XFD")])
  func namesColumns(column: Int, name: String) {
    #expect(CellReference.columnName(column) == name)
  }
}
