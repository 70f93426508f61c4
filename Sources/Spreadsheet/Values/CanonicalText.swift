extension CellValue {
  /// The value as `inspect --format csv` writes it, the form tests compare against.
  ///
  /// Text and error literals appear as stored and `.empty` as an empty string. Integral numbers
  /// below 2^53 in magnitude appear as plain digits (`-0` as `0`), and other numbers as
  /// `Double.description` (`0.1`, `1e-05`, `1.5e+16`, `nan`). Dates appear as `YYYY-MM-DD`, or
  /// as `YYYY-MM-DDTHH:MM:SS` when they have a time, times of day as `HH:MM:SS`, and durations
  /// as `H:MM:SS` in total hours with a leading `-` when negative. Any of the three ends in
  /// `.ffffff` only when there is a fraction of a second.
  package var canonicalText: String {
    switch self {
    case .empty: return ""
    case .text(let text): return text
    case .number(let number): return CellValue.canonicalText(ofNumber: number)
    case .boolean(let flag): return flag ? "TRUE" : "FALSE"
    case .error(let literal): return literal
    case .dateTime(let dateTime): return CellValue.canonicalText(ofDateTime: dateTime)
    case .timeOfDay(let microseconds):
      return CellValue.clockText(ofMicroseconds: microseconds.magnitude, minimumHourDigits: 2)
    case .duration(let microseconds):
      let clock = CellValue.clockText(ofMicroseconds: microseconds.magnitude, minimumHourDigits: 1)
      return microseconds < 0 ? "-" + clock : clock
    }
  }

  /// 2^53, above which a `Double` cannot represent every integer.
  private static let exactIntegerLimit = 9_007_199_254_740_992.0

  private static func canonicalText(ofNumber number: Double) -> String {
    if number.rounded(.towardZero) == number && number.magnitude < exactIntegerLimit {
      return String(Int64(number))
    }
    return number.description
  }

  private static func canonicalText(ofDateTime dateTime: CalendarDateTime) -> String {
    let date =
      zeroPadded(dateTime.year, width: 4) + "-" + zeroPadded(dateTime.month, width: 2) + "-"
      + zeroPadded(dateTime.day, width: 2)
    guard dateTime.hasTime else { return date }

    let time = clockText(
      ofMicroseconds: UInt64(dateTime.microsecondOfDay), minimumHourDigits: 2)
    return date + "T" + time
  }

  /// Formats microseconds as hours, minutes and seconds, with `.ffffff` for a fraction.
  private static func clockText(ofMicroseconds microseconds: UInt64, minimumHourDigits: Int)
    -> String
  {
    let totalSeconds = microseconds / 1_000_000
    let fraction = microseconds % 1_000_000
    let hours = totalSeconds / 3600
    let minutes = totalSeconds / 60 % 60
    let seconds = totalSeconds % 60

    var text =
      zeroPadded(hours, width: minimumHourDigits) + ":" + zeroPadded(minutes, width: 2) + ":"
      + zeroPadded(seconds, width: 2)
    if fraction != 0 { text += "." + zeroPadded(fraction, width: 6) }
    return text
  }

  /// Returns the decimal digits of an integer, with leading zeros up to `width` after any sign.
  private static func zeroPadded<Integer: BinaryInteger>(_ value: Integer, width: Int) -> String {
    if value < 0 { return "-" + zeroPadded(value.magnitude, width: width) }
    let digits = String(value)
    guard digits.count < width else { return digits }
    return String(repeating: "0", count: width - digits.count) + digits
  }
}
