/// A Komet internal ID: one to 20 ASCII digits, kept as text.
///
/// Komet declares its IDs as `integer:20`, which is more digits than `Int64` holds, and its
/// responses send them as JSON numbers on some pages and as strings on others.
package struct KometID: Hashable, Comparable, Sendable, CustomStringConvertible {
  package static let maxDigits = 20

  /// The digits, such as `30200`.
  package let digits: String

  /// Creates an ID from digit text, or returns nil for an empty, over-long or non-digit text.
  package init?(_ text: String) {
    guard !text.isEmpty, text.utf8.count <= Self.maxDigits, Self.isDigits(text) else { return nil }
    digits = text
  }

  /// Creates an ID from a non-negative integer.
  package init(_ value: UInt64) {
    digits = String(value)
  }

  /// Reads an ID from a JSON number or digit string.
  ///
  /// A number may carry a fraction of zeros (`30200.0`), which is dropped. A sign, an exponent
  /// or any other fraction makes the value invalid, so the result is nil.
  package init?(json value: JSONValue) {
    switch value {
    case .number(let literal):
      let parts = literal.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
      if parts.count == 2, !parts[1].allSatisfy({ $0 == "0" }) { return nil }
      self.init(String(parts[0]))
    case .string(let text):
      self.init(text)
    default:
      return nil
    }
  }

  package var description: String { digits }

  package static func < (lhs: KometID, rhs: KometID) -> Bool {
    let left = lhs.significantDigits
    let right = rhs.significantDigits
    return left.count != right.count ? left.count < right.count : left < right
  }

  private var significantDigits: Substring {
    let trimmed = digits.drop { $0 == "0" }
    return trimmed.isEmpty ? "0" : trimmed
  }

  private static func isDigits(_ text: String) -> Bool {
    text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
  }
}
