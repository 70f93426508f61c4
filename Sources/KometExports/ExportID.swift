import Foundation
import Spreadsheet

/// Turns ID cells into digit strings.
///
/// IDs stay strings because Komet IDs have up to 20 digits, more than `Int64` holds, and because
/// leading zeros in a text ID are kept.
package enum ExportID {
  /// The outcome of reading one ID cell.
  package enum Reading: Equatable, Sendable {
    /// The cell is empty or holds only spaces, so the row is not a record.
    case blank
    /// `isImprecise` is true for a number of 2^53 or more, whose last digits may be lost.
    case id(String, isImprecise: Bool)
    case invalid
  }

  /// The smallest magnitude at which a `Double` no longer holds every integer.
  package static let firstImpreciseValue: Double = 9_007_199_254_740_992

  /// Reads an ID from a cell: whole non-negative numbers and digit text are IDs.
  ///
  /// Text is trimmed of white space first. Digits are ASCII `0` to `9` only. Digit text with a
  /// fraction of zeros, such as `12345.0` from a CSV writer, loses the fraction.
  package static func read(_ value: CellValue) -> Reading {
    switch value {
    case .empty:
      return .blank
    case .number(let number):
      guard number.isFinite, number >= 0, number.rounded(.towardZero) == number else {
        return .invalid
      }
      return .id(digits(ofIntegral: number), isImprecise: number >= firstImpreciseValue)
    case .text(let text):
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      if trimmed.isEmpty { return .blank }
      let parts = trimmed.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
      guard isDigits(parts[0]) else { return .invalid }
      if parts.count == 2 {
        guard isDigits(parts[1]), parts[1].allSatisfy({ $0 == "0" }) else { return .invalid }
      }
      return .id(String(parts[0]), isImprecise: false)
    case .boolean, .error, .dateTime, .timeOfDay, .duration:
      return .invalid
    }
  }

  /// Tells whether `text` is scientific notation such as `1.23457E+19`, which a spreadsheet
  /// writes to CSV for a long number after dropping its last digits.
  package static func isScientificNotation(_ text: String) -> Bool {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    let parts = trimmed.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "E" || $0 == "e" })
    guard parts.count == 2 else { return false }
    let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
    let exponent = parts[1].first == "+" || parts[1].first == "-" ? parts[1].dropFirst() : parts[1]
    return mantissa.count <= 2 && mantissa.allSatisfy(isDigits) && isDigits(exponent)
  }

  /// Tells whether `text` is one or more ASCII digits.
  private static func isDigits(_ text: Substring) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
  }

  /// Returns the decimal digits of a finite, integral, non-negative `Double`, with no `.0`.
  ///
  /// Above 2^53 the digits are those of the exact binary value, such as `12345678901234567168`.
  package static func digits(ofIntegral number: Double) -> String {
    if number < firstImpreciseValue {
      return String(Int64(number))
    }
    return String(format: "%.0f", number)
  }
}
