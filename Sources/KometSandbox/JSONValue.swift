import Foundation

/// A JSON value that keeps numbers exact and distinguishes `true` from `1`, for request bodies and
/// responses.
enum JSONValue: Codable, Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Decimal)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Decimal.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }

  /// Creates a JSON number from an integer.
  static func int(_ value: Int) -> JSONValue {
    .number(Decimal(value))
  }

  /// Creates a JSON number from a digit string such as an ID, or a string when it has none.
  static func idNumber(_ text: String) -> JSONValue {
    Decimal(string: text).map { .number($0) } ?? .string(text)
  }

  /// Encodes the value as compact JSON with sorted keys.
  func encoded() -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Every case maps to a JSON value, and numbers are `Decimal`, which JSONEncoder always
    // encodes, so encoding cannot fail.
    return Array(try! encoder.encode(self))
  }
}

/// Money and other decimals as Komet writes them: a string with exactly two places.
enum DecimalText {
  /// Formats an amount in cents, for example 45 as `0.45`.
  static func format(cents: Int) -> String {
    let sign = cents < 0 ? "-" : ""
    let magnitude = abs(cents)
    let fraction = magnitude % 100
    return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  /// Formats `value` rounded half up to two places, for example 12.5 as `12.50`.
  static func format(_ value: Decimal) -> String {
    var input = value * 100
    var rounded = Decimal()
    NSDecimalRound(&rounded, &input, 0, .plain)
    return format(cents: NSDecimalNumber(decimal: rounded).intValue)
  }

  /// Parses a decimal string such as `0.45`; returns nil for other text.
  static func parse(_ text: String) -> Decimal? {
    guard text.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil else { return nil }
    return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
  }
}

/// Dates as Komet writes them: `YYYY-MM-DD`, on the UTC calendar.
enum DateText {
  private static var calendar: Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
  }

  /// Formats the UTC day of `date`, moved by `days`, as `YYYY-MM-DD`.
  static func format(_ date: Date, plusDays days: Int = 0) -> String {
    let moved = calendar.date(byAdding: .day, value: days, to: date) ?? date
    let parts = calendar.dateComponents([.year, .month, .day], from: moved)
    let month = parts.month! < 10 ? "0\(parts.month!)" : "\(parts.month!)"
    let day = parts.day! < 10 ? "0\(parts.day!)" : "\(parts.day!)"
    return "\(parts.year!)-\(month)-\(day)"
  }

  /// Reports whether `text` is a real calendar date written `YYYY-MM-DD`.
  static func isValid(_ text: String) -> Bool {
    guard let match = text.wholeMatch(of: /([0-9]{4})-([0-9]{2})-([0-9]{2})/) else {
      return false
    }
    let components = DateComponents(
      year: Int(match.1), month: Int(match.2), day: Int(match.3))
    guard let date = calendar.date(from: components) else { return false }
    return format(date) == text
  }
}
