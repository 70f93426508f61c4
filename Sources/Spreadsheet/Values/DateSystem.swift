/// The epoch of a workbook's serial dates (`date1904` of `<workbookPr>`).
enum DateSystem: Sendable, Equatable {
  /// Serial 1 is 1900-01-01, and serial 60 is Excel's 1900-02-29.
  case date1900
  /// Serial 0 is 1904-01-01.
  case date1904
}

extension CellValue {
  /// Returns the value a serial number has under a format of `kind` in `system`.
  ///
  /// Serials round to the microsecond, and a time that rounds up to midnight moves to the next
  /// day. The value stays `.number` where no date or time fits: NaN and infinities, negative
  /// serials under a date or time-of-day format, dates after 9999-12-31, and durations beyond
  /// 100,000,000 days.
  ///
  /// - A date format in the 1900 system gives a time of day for a serial that rounds to below
  ///   1, as there is no day 0. Serials 1 to 59 count from 1900-01-01, 60 is Excel's phantom
  ///   1900-02-29, and 61 is 1900-03-01. In the 1904 system serial 0 is 1904-01-01.
  /// - A time-of-day format gives the fractional part as a time of day, as Excel shows it.
  ///   The whole days of a serial of 1 or more are dropped.
  /// - An elapsed-time format gives the whole serial as a duration, negative ones included.
  static func fromSerial(_ serial: Double, kind: NumberFormatKind, system: DateSystem) -> CellValue
  {
    // NOTE: python-calamine 0.9.1 differs in two ways. It reads a serial of 1 or more under a
    // time-of-day format as a date and time (1.5 under `hh:mm:ss` as 1900-01-01 12:00:00, where
    // this gives 12:00:00), and it rounds to the millisecond, not the microsecond.
    let converted: CellValue?
    switch kind {
    case .number: converted = nil
    case .date: converted = dateValue(ofSerial: serial, system: system)
    case .timeOfDay: converted = timeOfDayValue(ofSerial: serial)
    case .elapsed: converted = durationValue(ofSerial: serial)
    }
    return converted ?? .number(serial)
  }

  /// Parses the ISO 8601 text of a `t="d"` cell, such as `2021-03-16T08:30:00`.
  ///
  /// Accepts a date (`2021-03-16`), a date and time joined by `T` or a space, or a time alone
  /// (`08:30`, `08:30:00`), which gives `.timeOfDay`. Seconds may have a fraction, rounded to
  /// the microsecond. A trailing `Z` or offset such as `+01:00` is accepted and dropped, so the
  /// value keeps the wall time as written, the way a spreadsheet shows it. Returns nil for any
  /// other text and for dates that do not exist.
  static func fromISO8601(_ text: String) -> CellValue? {
    var scanner = ISO8601Scanner(text)
    return scanner.scanValue()
  }

  /// The largest serial magnitude converted, far beyond 9999-12-31 and within `Int64`
  /// microseconds.
  private static let maximumSerialMagnitude = 100_000_000.0

  /// Splits a non-negative serial into whole days and rounded microseconds of the day.
  private static func daysAndMicroseconds(ofSerial serial: Double) -> (Int, Int64)? {
    guard serial >= 0, serial < maximumSerialMagnitude else { return nil }

    let wholeDays = serial.rounded(.down)
    var days = Int(wholeDays)
    var microseconds = Int64(
      ((serial - wholeDays) * Double(CivilCalendar.microsecondsPerDay)).rounded())
    if microseconds == CivilCalendar.microsecondsPerDay {
      days += 1
      microseconds = 0
    }
    return (days, microseconds)
  }

  private static func dateValue(ofSerial serial: Double, system: DateSystem) -> CellValue? {
    guard let (days, microseconds) = daysAndMicroseconds(ofSerial: serial) else { return nil }

    let dayNumber: Int
    switch system {
    case .date1900:
      if days == 0 { return .timeOfDay(microseconds: microseconds) }
      if days == 60 {
        return .dateTime(
          CalendarDateTime(year: 1900, month: 2, day: 29, microsecondOfDay: microseconds))
      }
      // Excel counts 1900 as a leap year, so from serial 61 on the count is one day ahead.
      if days < 60 {
        dayNumber = CivilCalendar.dayNumber(year: 1900, month: 1, day: 1) + days - 1
      } else {
        dayNumber = CivilCalendar.dayNumber(year: 1900, month: 3, day: 1) + days - 61
      }
    case .date1904:
      dayNumber = CivilCalendar.dayNumber(year: 1904, month: 1, day: 1) + days
    }

    guard dayNumber <= CivilCalendar.lastDayNumber else { return nil }
    let date = CivilCalendar.date(ofDayNumber: dayNumber)
    return .dateTime(
      CalendarDateTime(
        year: date.year, month: date.month, day: date.day, microsecondOfDay: microseconds))
  }

  private static func timeOfDayValue(ofSerial serial: Double) -> CellValue? {
    guard let (_, microseconds) = daysAndMicroseconds(ofSerial: serial) else { return nil }
    return .timeOfDay(microseconds: microseconds)
  }

  private static func durationValue(ofSerial serial: Double) -> CellValue? {
    guard let (days, microseconds) = daysAndMicroseconds(ofSerial: serial.magnitude) else {
      return nil
    }
    let total = Int64(days) * CivilCalendar.microsecondsPerDay + microseconds
    return .duration(microseconds: serial < 0 ? -total : total)
  }
}

/// A cursor over the ASCII text of an ISO 8601 date, date and time, or time.
private struct ISO8601Scanner {
  private let bytes: [UInt8]
  private var index = 0

  init(_ text: String) {
    bytes = Array(text.utf8)
  }

  mutating func scanValue() -> CellValue? {
    if bytes.count > 2 && bytes[2] == UInt8(ascii: ":") {
      guard let microseconds = scanTimeAndZone() else { return nil }
      return .timeOfDay(microseconds: microseconds % CivilCalendar.microsecondsPerDay)
    }

    guard let dayNumber = scanDate() else { return nil }
    var microseconds: Int64 = 0
    if index < bytes.count {
      guard scan(oneOf: "Tt "), let time = scanTimeAndZone() else { return nil }
      microseconds = time
    }

    // A fraction that rounds up to midnight moves the date to the next day.
    let carriedDays = Int(microseconds / CivilCalendar.microsecondsPerDay)
    let finalDayNumber = dayNumber + carriedDays
    guard finalDayNumber <= CivilCalendar.lastDayNumber else { return nil }
    let date = CivilCalendar.date(ofDayNumber: finalDayNumber)
    return .dateTime(
      CalendarDateTime(
        year: date.year, month: date.month, day: date.day,
        microsecondOfDay: microseconds % CivilCalendar.microsecondsPerDay))
  }

  /// Scans `YYYY-MM-DD` and returns its day number.
  private mutating func scanDate() -> Int? {
    guard let year = scanDigits(count: 4), year >= 1, scan(oneOf: "-"),
      let month = scanDigits(count: 2), (1...12).contains(month), scan(oneOf: "-"),
      let day = scanDigits(count: 2),
      (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day)
    else { return nil }
    return CivilCalendar.dayNumber(year: year, month: month, day: day)
  }

  /// Scans `HH:MM[:SS[.fraction]]` and an optional zone, which must end the text.
  ///
  /// Returns microseconds since midnight, which reach one whole day when the fraction rounds up
  /// past 23:59:59.999999.
  private mutating func scanTimeAndZone() -> Int64? {
    guard let hour = scanDigits(count: 2), hour < 24, scan(oneOf: ":"),
      let minute = scanDigits(count: 2), minute < 60
    else { return nil }

    var second = 0
    var fraction: Int64 = 0
    if scan(oneOf: ":") {
      guard let scanned = scanDigits(count: 2), scanned < 60 else { return nil }
      second = scanned
      if scan(oneOf: ".,") {
        guard let scannedFraction = scanFractionMicroseconds() else { return nil }
        fraction = scannedFraction
      }
    }

    guard scanZone(), index == bytes.count else { return nil }
    let seconds = Int64(hour * 3600 + minute * 60 + second)
    return seconds * CivilCalendar.microsecondsPerSecond + fraction
  }

  /// Scans the digits of a fraction of a second and returns it rounded to microseconds.
  private mutating func scanFractionMicroseconds() -> Int64? {
    var microseconds: Int64 = 0
    var digitCount = 0
    var roundsUp = false

    while index < bytes.count, let digit = digitValue(bytes[index]) {
      if digitCount < 6 {
        microseconds = microseconds * 10 + Int64(digit)
      } else if digitCount == 6 {
        roundsUp = digit >= 5
      }
      digitCount += 1
      index += 1
    }
    guard digitCount > 0 else { return nil }

    for _ in digitCount..<max(digitCount, 6) { microseconds *= 10 }
    return roundsUp ? microseconds + 1 : microseconds
  }

  /// Scans an optional `Z`, `+HH`, `+HHMM` or `+HH:MM` (or `-`), checking its ranges only.
  private mutating func scanZone() -> Bool {
    if scan(oneOf: "Zz") { return true }
    guard scan(oneOf: "+-") else { return true }

    guard let hours = scanDigits(count: 2), hours < 24 else { return false }
    if index == bytes.count { return true }
    _ = scan(oneOf: ":")
    guard let minutes = scanDigits(count: 2), minutes < 60 else { return false }
    return true
  }

  private mutating func scan(oneOf characters: String) -> Bool {
    guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
    index += 1
    return true
  }

  private mutating func scanDigits(count: Int) -> Int? {
    guard index + count <= bytes.count else { return nil }
    var value = 0
    for offset in 0..<count {
      guard let digit = digitValue(bytes[index + offset]) else { return nil }
      value = value * 10 + digit
    }
    index += count
    return value
  }

  private func digitValue(_ byte: UInt8) -> Int? {
    guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
    return Int(byte - UInt8(ascii: "0"))
  }
}
