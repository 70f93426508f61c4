import Spreadsheet
import Testing

@testable import KometExports

/// IDs as CSV files and HTML tables spell them: text written from a number cell, such as
/// `12345.0` from pandas or `1.23457E+19` from Excel's "CSV (Comma delimited)".
struct FloatTextIDTests {
  @Test(arguments: [
    ("12345.0", "12345"),
    ("12345.000", "12345"),
    (" 10048.0 ", "10048"),
    ("0.0", "0"),
    ("0042.0", "0042"),
    ("12345678901234567890.0", "12345678901234567890"),
  ])
  func integralFloatTextBecomesDigits(text: String, expected: String) {
    #expect(ExportID.read(.text(text)) == .id(expected, isImprecise: false))
  }

  @Test(arguments: ["12345.5", "12345.", ".0", "12.0.0", "1e5", "12345.0 x"])
  func otherDecimalTextIsInvalid(text: String) {
    #expect(ExportID.read(.text(text)) == .invalid)
  }

  @Test func scientificTextNamesLostDigits() throws {
    let table = try readTable([
      textRow("Customer ID", "Name"),
      textRow("1.23457E+19", "Big Bouquets"),
      textRow("1.23456789012346E+019", "Bigger Bouquets"),
    ])

    #expect(table.records.isEmpty)
    #expect(
      table.warnings.map(\.description) == [
        "export.xlsx, sheet \"Sheet1\", cell A2: the customer ID \"1.23457E+19\" is in"
          + " scientific notation, as a spreadsheet saves a long number to CSV, and its last"
          + " digits are lost, so the row is skipped. Use the .xlsx export, or format the"
          + " column as Text or as a number without decimals before saving as CSV.",
        "export.xlsx, sheet \"Sheet1\", cell A3: the customer ID \"1.23456789012346E+019\" is"
          + " in scientific notation, as a spreadsheet saves a long number to CSV, and its last"
          + " digits are lost, so the row is skipped. Use the .xlsx export, or format the"
          + " column as Text or as a number without decimals before saving as CSV.",
      ])
  }
}
