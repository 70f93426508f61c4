import Spreadsheet
import Testing

@testable import KometExports

/// The 20-digit ID 12345678901234567890 as a cell stores it, rounded to 12345678901234567168.
private let twentyDigitNumber = Double("12345678901234567890")!

struct ExportIDTests {
  @Test(arguments: [
    (CellValue.number(12345), "12345"),
    (.number(12345.0), "12345"),
    (.number(0), "0"),
    (.number(9_007_199_254_740_991), "9007199254740991"),
    (.text("12345"), "12345"),
    (.text("0012345"), "0012345"),
    (.text("  42\t"), "42"),
    (.text("\u{00A0}77\u{00A0}"), "77"),
    (.text("12345678901234567890"), "12345678901234567890"),
    (.text("99999999999999999999"), "99999999999999999999"),
  ])
  func readingKeepsDigits(value: CellValue, expected: String) {
    #expect(ExportID.read(value) == .id(expected, isImprecise: false))
  }

  @Test(arguments: [
    (9_007_199_254_740_992.0, "9007199254740992"),
    (twentyDigitNumber, "12345678901234567168"),
  ])
  func numberFromTwoToThe53IsImprecise(number: Double, expected: String) {
    #expect(ExportID.read(.number(number)) == .id(expected, isImprecise: true))
  }

  @Test(arguments: [CellValue.empty, .text(""), .text("   ")])
  func blankCellIsBlank(value: CellValue) {
    #expect(ExportID.read(value) == .blank)
  }

  @Test(arguments: [
    CellValue.number(12.5), .number(-3), .number(.infinity), .number(.nan),
    .text("AB-12"), .text("12 345"), .text("-5"), .text("١٢٣"), .boolean(true), .error("#N/A"),
    .dateTime(CalendarDateTime(year: 2024, month: 1, day: 5)),
  ])
  func otherValueIsInvalid(value: CellValue) {
    #expect(ExportID.read(value) == .invalid)
  }

  @Test func invalidIDSkipsRowWithWarning() throws {
    let table = try readTable([
      textRow("Customer ID", "Name"),
      [.number(12.5), .text("Sunrise Blooms")],
      [.text("AB-12"), .text("Tulip Town")],
      [.boolean(true), .text("Green Valley")],
      [.number(-4), .text("Fleur")],
      [.number(10048), .text("Petal Pushers")],
    ])

    #expect(table.records.map(\.id) == ["10048"])
    #expect(table.warnings.allSatisfy { $0.isWarning })
    #expect(
      table.warnings.map(\.description) == [
        "export.xlsx, sheet \"Sheet1\", cell A2: the customer ID 12.5 is not a whole number, so"
          + " the row is skipped. Correct the ID in Komet and export again, or check that this"
          + " column holds the IDs.",
        "export.xlsx, sheet \"Sheet1\", cell A3: the customer ID \"AB-12\" is not a string of"
          + " digits, so the row is skipped. Correct the ID in Komet and export again, or check"
          + " that this column holds the IDs.",
        "export.xlsx, sheet \"Sheet1\", cell A4: the customer ID cell holds TRUE, not an ID, so"
          + " the row is skipped. Correct the ID in Komet and export again, or check that this"
          + " column holds the IDs.",
        "export.xlsx, sheet \"Sheet1\", cell A5: the customer ID -4.0 is negative, so the row is"
          + " skipped. Correct the ID in Komet and export again, or check that this column holds"
          + " the IDs.",
      ])
  }

  @Test func largeNumericIDKeepsRowWithWarning() throws {
    let table = try readTable([
      textRow("Name", "Location Id"),
      [.text("Miami"), .number(twentyDigitNumber)],
    ])

    #expect(table.records.map(\.id) == ["12345678901234567168"])
    #expect(
      table.warnings == [
        .idBeyondDoublePrecision(
          file: "export.xlsx", sheet: "Sheet1", row: 2, column: 2, kind: .locations,
          value: twentyDigitNumber)
      ])
    #expect(
      table.warnings.first?.description
        == "export.xlsx, sheet \"Sheet1\", cell B2: the location ID 12345678901234567168 is"
        + " stored as a number of 2^53 (9007199254740992) or more, which keeps only about 16"
        + " significant digits, so its last digits may be wrong. Compare it with the ID in"
        + " Komet; if they differ, export to CSV, or format the column as Text, so the ID is"
        + " kept as text.")
  }
}
