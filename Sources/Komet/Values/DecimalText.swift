import Foundation

/// Converts between decimal text and `Decimal` without passing through `Double`.
package enum DecimalText {
  /// Parses a JSON-number-shaped text such as `12345678.99`, `-0.5` or `1E+2` exactly.
  ///
  /// Returns nil for text outside that grammar, which `Decimal(string:)` alone would accept in
  /// part (it reads `12abc` as 12).
  package static func parse(_ text: String) -> Decimal? {
    guard isDecimalLiteral(text) else { return nil }
    return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
  }

  /// Writes `value` with exactly `scale` fraction digits, such as `2.50` for scale 2.
  ///
  /// Returns nil when `value` has more fraction digits than `scale`, has more than
  /// `precision - scale` integer digits, or is negative, so no digit is rounded away.
  package static func format(_ value: Decimal, precision: Int, scale: Int) -> String? {
    guard value >= 0, !value.isNaN else { return nil }
    var input = value
    var rounded = Decimal()
    NSDecimalRound(&rounded, &input, scale, .plain)
    guard rounded == value else { return nil }

    let parts = rounded.description.split(separator: ".", omittingEmptySubsequences: false)
    let integer = String(parts[0])
    let fraction = parts.count > 1 ? String(parts[1]) : ""
    guard integer.count <= precision - scale, fraction.count <= scale else { return nil }
    guard scale > 0 else { return integer }
    return integer + "." + fraction + String(repeating: "0", count: scale - fraction.count)
  }

  private static func isDecimalLiteral(_ text: String) -> Bool {
    var bytes = Substring(text).utf8[...]
    if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    let integerDigits = bytes.prefix(while: isDigit)
    guard !integerDigits.isEmpty else { return false }
    bytes = bytes.dropFirst(integerDigits.count)

    if bytes.first == UInt8(ascii: ".") {
      bytes = bytes.dropFirst()
      let fraction = bytes.prefix(while: isDigit)
      guard !fraction.isEmpty else { return false }
      bytes = bytes.dropFirst(fraction.count)
    }
    if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
      bytes = bytes.dropFirst()
      if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") {
        bytes = bytes.dropFirst()
      }
      let exponent = bytes.prefix(while: isDigit)
      guard !exponent.isEmpty, exponent.count <= 4 else { return false }
      bytes = bytes.dropFirst(exponent.count)
    }
    return bytes.isEmpty
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}
