import Foundation
import Testing

@testable import Spreadsheet

/// Splits RFC 4180 text with `\n` line ends into rows of fields.
private func parseCSV(_ text: String) -> [[String]] {
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var isQuoted = false
  var followsClosingQuote = false

  for character in text {
    if isQuoted {
      if character == "\"" {
        isQuoted = false
        followsClosingQuote = true
      } else {
        field.append(character)
      }
      continue
    }
    defer { followsClosingQuote = false }
    switch character {
    case "\"":
      // A quote right after a closing quote is an escaped quote inside the field.
      if followsClosingQuote { field.append("\"") }
      isQuoted = true
    case ",":
      row.append(field)
      field = ""
    case "\n":
      row.append(field)
      rows.append(row)
      row = []
      field = ""
    default:
      field.append(character)
    }
  }
  if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
  return rows
}

struct CanonicalTextTests {
  @Test(arguments: [
    (CellValue.empty, ""),
    (.text(""), ""),
    (.text("a,b \"quoted\"\n"), "a,b \"quoted\"\n"),
    (.text("  padded  "), "  padded  "),
    (.text("00123"), "00123"),
    (.boolean(true), "TRUE"),
    (.boolean(false), "FALSE"),
    (.error("#N/A"), "#N/A"),
    (.error("#DIV/0!"), "#DIV/0!"),
  ])
  func textBooleansAndErrors(value: CellValue, text: String) {
    #expect(value.canonicalText == text)
  }

  @Test(
    arguments: [
      (0, "0"),
      (-0.0, "0"),
      (1, "1"),
      (-42, "-42"),
      (12345.0, "12345"),
      (12_500_000, "12500000"),
      (9_007_199_254_740_991, "9007199254740991"),
      (-9_007_199_254_740_991, "-9007199254740991"),
      (9_007_199_254_740_992, "9007199254740992.0"),
      (-9_007_199_254_740_992, "-9007199254740992.0"),
      (1e16, "1e+16"),
      (1.5e16, "1.5e+16"),
      (0.1, "0.1"),
      (1e-05, "1e-05"),
      (2.5e-07, "2.5e-07"),
      (1234.5, "1234.5"),
      (-1.25, "-1.25"),
      (0.5631388888888889, "0.5631388888888889"),
      (2_312_312_321.12312, "2312312321.12312"),
      (-1.5e-10, "-1.5e-10"),
      (0.000123, "0.000123"),
      (0.30000000000000004, "0.30000000000000004"),
      (.nan, "nan"),
      (.infinity, "inf"),
      (-.infinity, "-inf"),
    ] as [(Double, String)])
  func numbers(number: Double, text: String) {
    #expect(CellValue.number(number).canonicalText == text)
  }

  @Test(arguments: [
    (CalendarDateTime(year: 2024, month: 3, day: 15), "2024-03-15"),
    (CalendarDateTime(year: 1900, month: 2, day: 29), "1900-02-29"),
    (CalendarDateTime(year: 1, month: 1, day: 1), "0001-01-01"),
    (CalendarDateTime(year: 999, month: 12, day: 31), "0999-12-31"),
    (
      CalendarDateTime(year: 2024, month: 3, day: 15, microsecondOfDay: 43_200_000_000),
      "2024-03-15T12:00:00"
    ),
    (
      CalendarDateTime(year: 2017, month: 8, day: 3, microsecondOfDay: 52_500_000_000),
      "2017-08-03T14:35:00"
    ),
    (
      CalendarDateTime(year: 2024, month: 3, day: 15, microsecondOfDay: 1),
      "2024-03-15T00:00:00.000001"
    ),
    (
      CalendarDateTime(year: 9999, month: 12, day: 31, microsecondOfDay: 86_399_999_999),
      "9999-12-31T23:59:59.999999"
    ),
    (
      CalendarDateTime(year: 2024, month: 1, day: 2, microsecondOfDay: 3_723_500_000),
      "2024-01-02T01:02:03.500000"
    ),
  ])
  func dates(dateTime: CalendarDateTime, text: String) {
    #expect(CellValue.dateTime(dateTime).canonicalText == text)
  }

  @Test(
    arguments: [
      (0, "00:00:00"),
      (1, "00:00:00.000001"),
      (3_723_000_000, "01:02:03"),
      (48_655_200_000, "13:30:55.200000"),
      (86_399_999_999, "23:59:59.999999"),
    ] as [(Int64, String)])
  func timesOfDay(microseconds: Int64, text: String) {
    #expect(CellValue.timeOfDay(microseconds: microseconds).canonicalText == text)
  }

  @Test(
    arguments: [
      (0, "0:00:00"),
      (660_000_000, "0:11:00"),
      (48_655_200_000, "13:30:55.200000"),
      (129_600_000_000, "36:00:00"),
      (360_000_000_000_000, "100000:00:00"),
      (-21_600_000_000, "-6:00:00"),
      (-1, "-0:00:00.000001"),
      (-50_220_000_000, "-13:57:00"),
      (.max, "2562047788:00:54.775807"),
      (.min, "-2562047788:00:54.775808"),
    ] as [(Int64, String)])
  func durations(microseconds: Int64, text: String) {
    #expect(CellValue.duration(microseconds: microseconds).canonicalText == text)
  }

  /// Applies the format code in column A of the corpus sheet to the serial in its column B,
  /// and compares with the expected text, so classifying, converting and writing agree.
  @Test func quotedTokenFormatsMatchCorpus() throws {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent(
        "Fixtures/corpus/bugreports/39-quoted-tokens-date-format.expected/1.csv")
    let rows = parseCSV(try String(contentsOf: url, encoding: .utf8))
    // The `<v>` values of column B in the workbook's sheet1.xml, row by row.
    let serials: [Double] = [45366.5, 45366, 1234.5, 1, 2.5, 12_500_000, 3.5, -1.25, 44197]

    try #require(rows.count == serials.count)
    for (row, serial) in zip(rows, serials) {
      let kind = NumberFormatClassifier.kind(ofCode: row[0])
      let value = CellValue.fromSerial(serial, kind: kind, system: .date1900)
      #expect(value.canonicalText == row[1], "format \(row[0])")
    }
  }
}
