import Foundation

/// A JSON object of a Komet response, read tolerantly: numbers may come as strings, IDs as
/// numbers or strings, Booleans as `true`/`false`, `1`/`0` or `"1"`/`"0"`.
///
/// A `null` member reads as a missing one. Each failure names the member's path, such as
/// `inventoryItems[2].price`.
package struct ResponseObject: Sendable {
  package let method: KometMethod
  package let path: String
  package let members: [JSONMember]

  /// Wraps `value`, which must be an object.
  package init(_ value: JSONValue, path: String, method: KometMethod) throws(KometError) {
    guard case .object(let members) = value else {
      throw .invalidField(
        method: method, path: path.isEmpty ? "(top level)" : path, expected: "an object",
        found: value.preview())
    }
    self.method = method
    self.path = path
    self.members = members
  }

  /// Returns the first non-null member among `keys`, with the key it was found under.
  package func firstValue(_ keys: [String]) -> (key: String, value: JSONValue)? {
    for key in keys {
      if let value = members.first(where: { $0.key == key })?.value, value != .null {
        return (key, value)
      }
    }
    return nil
  }

  package func contains(_ key: String) -> Bool {
    firstValue([key]) != nil
  }

  package func id(_ key: String) throws(KometError) -> KometID {
    try required(key, try optionalID(key))
  }

  package func optionalID(_ key: String) throws(KometError) -> KometID? {
    try optionalID(anyOf: [key])
  }

  /// Reads an ID from the first of `keys` present, for fields whose name Komet has not shown.
  package func optionalID(anyOf keys: [String]) throws(KometError) -> KometID? {
    guard let (key, value) = firstValue(keys) else { return nil }
    guard let id = KometID(json: value) else {
      throw invalid(key, expected: "an ID of 1 to 20 digits", found: value)
    }
    return id
  }

  package func text(_ key: String) throws(KometError) -> String {
    try required(key, try optionalText(key))
  }

  /// Reads text, taking a number as its literal, because Komet sends codes such as `"30"` both
  /// ways.
  package func optionalText(_ key: String) throws(KometError) -> String? {
    try optionalText(anyOf: [key])
  }

  package func optionalText(anyOf keys: [String]) throws(KometError) -> String? {
    guard let (key, value) = firstValue(keys) else { return nil }
    switch value {
    case .string(let text), .number(let text): return text
    default: throw invalid(key, expected: "text", found: value)
    }
  }

  package func integer(_ key: String) throws(KometError) -> Int {
    try required(key, try optionalInteger(key))
  }

  package func optionalInteger(_ key: String) throws(KometError) -> Int? {
    try optionalInteger(anyOf: [key])
  }

  package func optionalInteger(anyOf keys: [String]) throws(KometError) -> Int? {
    guard let (key, value) = firstValue(keys) else { return nil }
    let literal: String
    switch value {
    case .number(let text), .string(let text): literal = Self.droppingZeroFraction(text)
    default: throw invalid(key, expected: "a whole number", found: value)
    }
    guard let number = Int(literal) else {
      throw invalid(key, expected: "a whole number", found: value)
    }
    return number
  }

  package func decimal(_ key: String) throws(KometError) -> Decimal {
    try required(key, try optionalDecimal(key))
  }

  /// Reads an exact `Decimal` from the JSON number's literal text or from a string.
  package func optionalDecimal(_ key: String) throws(KometError) -> Decimal? {
    try optionalDecimal(anyOf: [key])
  }

  package func optionalDecimal(anyOf keys: [String]) throws(KometError) -> Decimal? {
    guard let (key, value) = firstValue(keys) else { return nil }
    switch value {
    case .number(let text), .string(let text):
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      if let decimal = DecimalText.parse(trimmed) { return decimal }
    default:
      break
    }
    throw invalid(key, expected: "a decimal number", found: value)
  }

  package func optionalBoolean(_ key: String) throws(KometError) -> Bool? {
    guard let (key, value) = firstValue([key]) else { return nil }
    switch value {
    case .bool(let flag): return flag
    case .number("1"), .string("1"), .string("true"): return true
    case .number("0"), .string("0"), .string("false"): return false
    default: throw invalid(key, expected: "true, false, 1 or 0", found: value)
    }
  }

  package func optionalDate(_ key: String) throws(KometError) -> KometDate? {
    guard let (key, value) = firstValue([key]) else { return nil }
    guard case .string(let text) = value, let date = KometDate(text) else {
      throw invalid(key, expected: "a date YYYY-MM-DD", found: value)
    }
    return date
  }

  /// Reads an array of objects from the first of `keys` present, or returns nil when none is.
  package func optionalObjects(anyOf keys: [String]) throws(KometError) -> [ResponseObject]? {
    guard let (key, value) = firstValue(keys) else { return nil }
    guard case .array(let elements) = value else {
      throw invalid(key, expected: "an array", found: value)
    }
    var objects: [ResponseObject] = []
    for (index, element) in elements.enumerated() {
      objects.append(try ResponseObject(element, path: child(key) + "[\(index)]", method: method))
    }
    return objects
  }

  /// Reads a required array of objects, under `keys[0]` or one of its alternatives.
  package func objects(anyOf keys: [String]) throws(KometError) -> [ResponseObject] {
    guard let objects = try optionalObjects(anyOf: keys) else {
      throw .missingField(method: method, path: keys.map(child).joined(separator: " or "))
    }
    return objects
  }

  private func required<Value>(_ key: String, _ value: Value?) throws(KometError) -> Value {
    guard let value else { throw .missingField(method: method, path: child(key)) }
    return value
  }

  private func invalid(_ key: String, expected: String, found: JSONValue) -> KometError {
    .invalidField(method: method, path: child(key), expected: expected, found: found.preview())
  }

  private func child(_ key: String) -> String {
    path.isEmpty ? key : path + "." + key
  }

  private static func droppingZeroFraction(_ text: String) -> String {
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy({ $0 == "0" }) else {
      return text
    }
    return String(parts[0])
  }
}
