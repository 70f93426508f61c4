/// A parsed JSON value that keeps each number as the text it was written with.
///
/// Keeping the literal text lets money become an exact `Decimal` and a 20-digit ID stay a digit
/// string, where `JSONSerialization` and `JSONDecoder` would pass both through `Double`.
package enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  /// A number as its JSON literal, such as `2.50` or `12345678901234567890`.
  case number(String)
  case string(String)
  case array([JSONValue])
  /// An object's members in the order they were written, duplicates included.
  case object([JSONMember])

  /// Returns the value of the first member named `key`, or nil for a missing key or a non-object.
  package subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// A short rendering of the value for error messages, cut to `limit` characters.
  package func preview(limit: Int = 60) -> String {
    let text: String
    switch self {
    case .null: text = "null"
    case .bool(let value): text = value ? "true" : "false"
    case .number(let literal): text = literal
    case .string(let value): text = "\"\(value)\""
    case .array(let elements): text = "an array of \(elements.count) elements"
    case .object(let members): text = "an object of \(members.count) members"
    }
    return text.count > limit ? String(text.prefix(limit)) + "…" : text
  }
}

/// One `"key": value` pair of a JSON object.
package struct JSONMember: Equatable, Sendable {
  package var key: String
  package var value: JSONValue

  package init(_ key: String, _ value: JSONValue) {
    self.key = key
    self.value = value
  }
}
