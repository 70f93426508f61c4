import Foundation
import Testing

@testable import Spreadsheet

/// A date with microseconds of the day, written as a test table row.
typealias ExpectedCalendarDate = (year: Int, month: Int, day: Int, microsecond: Int64)

private let microsecondsPerHour: Int64 = 3_600_000_000

private func dateTime(_ expected: ExpectedCalendarDate) -> CellValue {
  .dateTime(
    CalendarDateTime(
      year: expected.year, month: expected.month, day: expected.day,
      microsecondOfDay: expected.microsecond))
}

/// Reads the `serial,date` rows of a corpus bug-report sheet, skipping its header.
private func corpusSerialRows(_ name: String) throws -> [(serial: Double, text: String)] {
  let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/corpus/bugreports/\(name).expected/1.csv")
  let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
  return try lines.map { line in
    let fields = line.split(separator: ",", omittingEmptySubsequences: false)
    let serial = try #require(Double(String(fields[0])))
    return (serial, String(fields[1]))
  }
}

/// Checks that `value` is `.number` with the same bits as `serial`, which also matches NaN.
private func expectUnchangedNumber(
  _ value: CellValue, serial: Double, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard case .number(let number) = value else {
    Issue.record("expected .number(\(serial)), got \(value)", sourceLocation: sourceLocation)
    return
  }
  #expect(number.bitPattern == serial.bitPattern, sourceLocation: sourceLocation)
}

struct DateSerialTests {
  @Test(
    arguments: [
      (1, (1900, 1, 1, 0)),
      (59, (1900, 2, 28, 0)),
      (59.5, (1900, 2, 28, 12 * microsecondsPerHour)),
      (60, (1900, 2, 29, 0)),
      (60.5, (1900, 2, 29, 12 * microsecondsPerHour)),
      (61, (1900, 3, 1, 0)),
      (61.25, (1900, 3, 1, 6 * microsecondsPerHour)),
      (366, (1900, 12, 31, 0)),
      (367, (1901, 1, 1, 0)),
      (44197, (2021, 1, 1, 0)),
      (45351, (2024, 2, 29, 0)),
      (45366.5, (2024, 3, 15, 12 * microsecondsPerHour)),
      (42950.607638888891, (2017, 8, 3, 52_500_000_000)),
      (2_958_465, (9999, 12, 31, 0)),
    ] as [(Double, ExpectedCalendarDate)])
  func date1900Serials(serial: Double, expected: ExpectedCalendarDate) {
    let value = CellValue.fromSerial(serial, kind: .date, system: .date1900)

    #expect(value == dateTime(expected))
  }

  @Test func phantomLeapDayMatchesCorpus() throws {
    let rows = try corpusSerialRows("17-phantom-leap-day")

    #expect(rows.map(\.serial) == [1, 59, 59.5, 60, 61, 61.25, 366, 367])
    for row in rows {
      let value = CellValue.fromSerial(row.serial, kind: .date, system: .date1900)
      #expect(value.canonicalText == row.text, "serial \(row.serial)")
    }
  }

  @Test(
    arguments: [
      (0, (1904, 1, 1, 0)),
      (0.5, (1904, 1, 1, 12 * microsecondsPerHour)),
      (1, (1904, 1, 2, 0)),
      (1462, (1908, 1, 2, 0)),
      (43465, (2023, 1, 1, 0)),
      (2_957_003, (9999, 12, 31, 0)),
    ] as [(Double, ExpectedCalendarDate)])
  func date1904Serials(serial: Double, expected: ExpectedCalendarDate) {
    let value = CellValue.fromSerial(serial, kind: .date, system: .date1904)

    #expect(value == dateTime(expected))
  }

  @Test func date1904MatchesCorpus() throws {
    let rows = try corpusSerialRows("17-date1904")

    #expect(rows.map(\.serial) == [0, 1, 1462, 43465, 0.5])
    for row in rows {
      let value = CellValue.fromSerial(row.serial, kind: .date, system: .date1904)
      #expect(value.canonicalText == row.text, "serial \(row.serial)")
    }
  }

  /// The 1900 system has no day 0, so a date-formatted serial below 1 is a time of day.
  @Test(
    arguments: [
      (0, 0),
      (0.5, 12 * microsecondsPerHour),
      (0.5631388888888889, 48_655_200_000),
      (0.999_999_9, 86_399_991_360),
    ] as [(Double, Int64)])
  func date1900SerialsBelowOne(serial: Double, microseconds: Int64) {
    let value = CellValue.fromSerial(serial, kind: .date, system: .date1900)

    #expect(value == .timeOfDay(microseconds: microseconds))
  }

  /// A time that rounds up to midnight moves to the next day, across the phantom day too.
  @Test(
    arguments: [
      (0.999_999_999_999_9, (1900, 1, 1, 0)),
      (59.999_999_999_999, (1900, 2, 29, 0)),
      (100.999_999_999_999_9, (1900, 4, 10, 0)),
      (43_200.000_000_4 / 86_400 + 61, (1900, 3, 1, 43_200_000_000)),
      (43_200.000_000_6 / 86_400 + 61, (1900, 3, 1, 43_200_000_001)),
    ] as [(Double, ExpectedCalendarDate)])
  func datesRoundToMicrosecond(serial: Double, expected: ExpectedCalendarDate) {
    let value = CellValue.fromSerial(serial, kind: .date, system: .date1900)

    #expect(value == dateTime(expected))
  }

  @Test(
    arguments: [
      (-1, DateSystem.date1900), (-0.5, .date1900), (-0.5, .date1904), (2_958_466, .date1900),
      (2_957_004, .date1904), (3e6, .date1900), (1e300, .date1900), (.nan, .date1900),
      (.infinity, .date1900), (-.infinity, .date1904),
    ] as [(Double, DateSystem)])
  func datesOutOfRangeStayNumbers(serial: Double, system: DateSystem) {
    let value = CellValue.fromSerial(serial, kind: .date, system: system)

    expectUnchangedNumber(value, serial: serial)
  }

  @Test(arguments: [0, 1, 45366.5, -3.25, 1e300] as [Double])
  func numberKindKeepsNumber(serial: Double) {
    #expect(CellValue.fromSerial(serial, kind: .number, system: .date1900) == .number(serial))
    #expect(CellValue.fromSerial(serial, kind: .number, system: .date1904) == .number(serial))
  }

  /// A time-of-day format shows the fractional part, as Excel does for serials of 1 or more.
  @Test(
    arguments: [
      (0, 0),
      (0.5, 12 * microsecondsPerHour),
      (0.5631388888888889, 48_655_200_000),
      (0.001377314814814845, 119_000_000),
      (1.5, 12 * microsecondsPerHour),
      (45366.75, 18 * microsecondsPerHour),
      (0.999_999_999_999_9, 0),
    ] as [(Double, Int64)])
  func timeOfDaySerials(serial: Double, microseconds: Int64) {
    for system in [DateSystem.date1900, .date1904] {
      let value = CellValue.fromSerial(serial, kind: .timeOfDay, system: system)
      #expect(value == .timeOfDay(microseconds: microseconds), "\(system)")
    }
  }

  @Test(arguments: [-0.25, -1, 1e300, .nan, .infinity] as [Double])
  func timeOfDayOutOfRangeStaysNumber(serial: Double) {
    let value = CellValue.fromSerial(serial, kind: .timeOfDay, system: .date1900)

    expectUnchangedNumber(value, serial: serial)
  }

  @Test(
    arguments: [
      (0, 0),
      (0.007638888888888973, 660_000_000),
      (0.5631388888888889, 48_655_200_000),
      (1.5, 36 * microsecondsPerHour),
      (25.5, 612 * microsecondsPerHour),
      (-0.25, -6 * microsecondsPerHour),
      (-1.5, -36 * microsecondsPerHour),
      (-0.999_999_999_999_9, -24 * microsecondsPerHour),
      (99_999_999, 99_999_999 * 24 * microsecondsPerHour),
    ] as [(Double, Int64)])
  func elapsedSerials(serial: Double, microseconds: Int64) {
    let value = CellValue.fromSerial(serial, kind: .elapsed, system: .date1900)

    #expect(value == .duration(microseconds: microseconds))
  }

  @Test(arguments: [1e8, -1e8, 1e300, .nan, .infinity, -.infinity] as [Double])
  func elapsedOutOfRangeStaysNumber(serial: Double) {
    let value = CellValue.fromSerial(serial, kind: .elapsed, system: .date1904)

    expectUnchangedNumber(value, serial: serial)
  }

  /// Walks every day from 0001-01-01 to 9999-12-31, so each date follows the one before it.
  @Test func civilCalendarCountsEveryDay() {
    var expected = (year: 1, month: 1, day: 1)
    var mismatches = 0

    for dayNumber in 0...CivilCalendar.lastDayNumber {
      let date = CivilCalendar.date(ofDayNumber: dayNumber)
      let roundTrip = CivilCalendar.dayNumber(year: date.year, month: date.month, day: date.day)
      if date != expected || roundTrip != dayNumber { mismatches += 1 }

      expected.day += 1
      if expected.day > CivilCalendar.daysInMonth(year: expected.year, month: expected.month) {
        expected.day = 1
        expected.month += 1
      }
      if expected.month > 12 {
        expected.month = 1
        expected.year += 1
      }
    }

    #expect(mismatches == 0)
    #expect(expected == (year: 10000, month: 1, day: 1))
    #expect(CivilCalendar.lastDayNumber == 3_652_058)
  }

  @Test(arguments: [(1900, false), (1904, true), (2000, true), (2023, false), (2024, true)])
  func civilCalendarLeapYears(year: Int, isLeap: Bool) {
    #expect(CivilCalendar.isLeapYear(year) == isLeap)
  }

  @Test(
    arguments: [
      ("2021-03-16", (2021, 3, 16, 0)),
      ("2024-02-29T00:00:00", (2024, 2, 29, 0)),
      ("2021-03-16T08:30:00", (2021, 3, 16, 30_600_000_000)),
      ("2021-03-16t08:30:00", (2021, 3, 16, 30_600_000_000)),
      ("2021-03-16 08:30:00", (2021, 3, 16, 30_600_000_000)),
      ("2021-03-16T08:30", (2021, 3, 16, 30_600_000_000)),
      ("2021-03-16T08:30:00.5", (2021, 3, 16, 30_600_500_000)),
      ("2021-03-16T08:30:00,25", (2021, 3, 16, 30_600_250_000)),
      ("2021-03-16T08:30:00.123456", (2021, 3, 16, 30_600_123_456)),
      ("2021-03-16T08:30:00.1234565", (2021, 3, 16, 30_600_123_457)),
      ("2021-03-16T08:30:00.1234564999", (2021, 3, 16, 30_600_123_456)),
      ("2021-03-16T08:30:00Z", (2021, 3, 16, 30_600_000_000)),
      ("2021-03-16T08:30:00+05:30", (2021, 3, 16, 30_600_000_000)),
      ("2021-03-16T08:30:00-0800", (2021, 3, 16, 30_600_000_000)),
      ("2021-03-16T08:30:00+01", (2021, 3, 16, 30_600_000_000)),
      ("2021-12-31T23:59:59.9999996", (2022, 1, 1, 0)),
      ("0001-01-01T00:00:00", (1, 1, 1, 0)),
      ("9999-12-31T23:59:59.999999", (9999, 12, 31, 86_399_999_999)),
    ] as [(String, ExpectedCalendarDate)])
  func isoDateTimes(text: String, expected: ExpectedCalendarDate) {
    #expect(CellValue.fromISO8601(text) == dateTime(expected))
  }

  @Test(
    arguments: [
      ("08:30:00", 30_600_000_000),
      ("08:30", 30_600_000_000),
      ("00:00:00", 0),
      ("23:59:59.25", 86_399_250_000),
      ("12:00:00Z", 12 * microsecondsPerHour),
      ("12:00:00+02:00", 12 * microsecondsPerHour),
      ("23:59:59.9999999", 0),
    ] as [(String, Int64)])
  func isoTimesOfDay(text: String, microseconds: Int64) {
    #expect(CellValue.fromISO8601(text) == .timeOfDay(microseconds: microseconds))
  }

  @Test(arguments: [
    "", "junk", "2021", "2021-03", "2021-3-16", "20210316", "+2021-03-16", "0000-01-01",
    "2021-13-01", "2021-00-10", "2021-02-29", "1900-02-29", "2021-04-31", "2021-03-16T",
    "2021-03-16T8:30", "2021-03-16T24:00:00", "2021-03-16T08:60", "2021-03-16T08:30:60",
    "2021-03-16T08:30:00.", "2021-03-16T08:30:00+5", "2021-03-16T08:30:00+25:00",
    "2021-03-16T08:30:00 ", "2021-03-16X08:30", "2021-03-16Z", "9999-12-31T23:59:59.9999999",
    "08:30:00junk", "8:30", "25:00", "12:00:00.", "１２:00",
  ])
  func isoRejectsInvalidText(text: String) {
    #expect(CellValue.fromISO8601(text) == nil)
  }
}
