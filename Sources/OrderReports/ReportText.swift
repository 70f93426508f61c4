import Foundation

/// Text forms shared by the report files: times, decimals, CSV fields and shell words.
enum ReportText {
  /// Formats a time in UTC with milliseconds, as the acknowledgements write times.
  static func time(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }

  /// Writes `value` as plain decimal text with every digit, such as `0.015` or `33.75`.
  static func decimal(_ value: Decimal) -> String {
    var copy = value
    return NSDecimalString(&copy, Locale(identifier: "en_US_POSIX"))
  }

  /// Writes a money amount with at least 2 fraction digits (`30.00`, `33.75`), and more
  /// only when the exact amount has them (`3.375`), so nothing is rounded away.
  static func money(_ value: Decimal) -> String {
    let text = decimal(value)
    guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
    let fractionDigits = text.distance(from: dot, to: text.endIndex) - 1
    return fractionDigits < 2 ? text + String(repeating: "0", count: 2 - fractionDigits) : text
  }

  /// Quotes a CSV field per RFC 4180. A text field that starts with `=`, `+`, `-`, `@`, a
  /// tab or a carriage return gets a leading `'`, so a spreadsheet shows it as text instead
  /// of running it as a formula. Order numbers, POs and reasons come from outside.
  static func csvField(_ field: String, isText: Bool = true) -> String {
    var value = field
    if isText, let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
      value = "'" + value
    }
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" })
    else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Returns `word` as one POSIX shell word: unchanged when it has only safe characters,
  /// otherwise in single quotes, so a pasted command gets the order number exactly.
  static func shellWord(_ word: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=+,@%")
    if !word.isEmpty, word.allSatisfy(safe.contains) { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
