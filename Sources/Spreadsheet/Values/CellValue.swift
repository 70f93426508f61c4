/// A typed cell value as a reader delivers it, after shared strings and number formats are applied.
package enum CellValue: Sendable, Equatable {
  case empty
  case text(String)
  case number(Double)
  case boolean(Bool)
  /// An error literal such as `#N/A` or `#DIV/0!`.
  case error(String)
  /// A number under a date or date-time format, or a `t="d"` ISO 8601 cell.
  case dateTime(CalendarDateTime)
  /// A number under a time-of-day format, as microseconds since midnight.
  case timeOfDay(microseconds: Int64)
  /// A number under an elapsed-time format such as `[h]:mm:ss`, as microseconds.
  case duration(microseconds: Int64)

  /// Whether the cell holds nothing; an empty string is not empty.
  package var isEmpty: Bool {
    if case .empty = self { return true }
    return false
  }
}

/// A calendar date and time of day, with no time zone, as a spreadsheet shows it.
///
/// Not `Foundation.Date`, because Excel's 1900 date system has a 29 February 1900 that no
/// calendar library accepts.
package struct CalendarDateTime: Sendable, Equatable, Hashable {
  package var year: Int
  package var month: Int
  package var day: Int
  /// Microseconds since midnight, in `0..<86_400_000_000`.
  package var microsecondOfDay: Int64

  package init(year: Int, month: Int, day: Int, microsecondOfDay: Int64 = 0) {
    self.year = year
    self.month = month
    self.day = day
    self.microsecondOfDay = microsecondOfDay
  }

  /// Whether the value carries a time of day other than midnight.
  package var hasTime: Bool { microsecondOfDay != 0 }
}
