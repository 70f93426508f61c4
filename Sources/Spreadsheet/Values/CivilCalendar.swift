/// Day arithmetic in the proleptic Gregorian calendar for years 1 to 9999.
///
/// A day number counts days from 0001-01-01, which is day 0.
enum CivilCalendar {
  static let microsecondsPerDay: Int64 = 86_400_000_000
  static let microsecondsPerSecond: Int64 = 1_000_000

  /// The day number of 9999-12-31, the last day a spreadsheet date can have.
  static let lastDayNumber = dayNumber(year: 9999, month: 12, day: 31)

  private static let daysBeforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

  static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Returns the day number of a date whose month and day the caller has checked.
  static func dayNumber(year: Int, month: Int, day: Int) -> Int {
    var days = daysBefore(year: year) + daysBeforeMonth[month - 1] + day - 1
    if month > 2 && isLeapYear(year) { days += 1 }
    return days
  }

  /// Returns the date of a day number in `0...lastDayNumber`.
  static func date(ofDayNumber dayNumber: Int) -> (year: Int, month: Int, day: Int) {
    // 146_097 days make 400 Gregorian years, so this estimate is at most one year off.
    var year = dayNumber * 400 / 146_097 + 1
    while daysBefore(year: year + 1) <= dayNumber { year += 1 }
    while daysBefore(year: year) > dayNumber { year -= 1 }

    var remaining = dayNumber - daysBefore(year: year)
    var month = 1
    while remaining >= daysInMonth(year: year, month: month) {
      remaining -= daysInMonth(year: year, month: month)
      month += 1
    }
    return (year, month, remaining + 1)
  }

  private static func daysBefore(year: Int) -> Int {
    let previous = year - 1
    return previous * 365 + previous / 4 - previous / 100 + previous / 400
  }
}
