import Foundation

/// A check of a request that failed, sent back with `status` 0 and `message`.
struct Rejection: Error {
  var httpStatus: Int
  var message: String
  var extra: [String: JSONValue] = [:]

  /// Creates a rejection of a parameter, sent with HTTP 200 as Komet's failure samples are.
  static func parameter(_ message: String) -> Rejection {
    Rejection(httpStatus: 200, message: message)
  }
}

/// The parameters of one request, from its query (GET) or its JSON object body (POST), read
/// with the types and lengths of Komet's `(type:length)` notation.
struct RequestParameters {
  var values: [String: JSONValue]

  /// Returns an ID written `integer:N`: a JSON number or a string of at most `digits` digits.
  func id(_ name: String, required: Bool, digits: Int = 20) throws(Rejection) -> String? {
    guard let text = try scalarText(name, required: required) else { return nil }
    guard text.count <= digits, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      throw .parameter("Parameter \(name) must be an integer of at most \(digits) digits.")
    }
    return text
  }

  /// Returns an integer written `integer:N`, in `range`.
  func integer(
    _ name: String, required: Bool, digits: Int, in range: ClosedRange<Int>
  ) throws(Rejection) -> Int? {
    guard let text = try id(name, required: required, digits: digits) else { return nil }
    guard let value = Int(text), range.contains(value) else {
      throw .parameter(
        "Parameter \(name) must be from \(range.lowerBound) to \(range.upperBound).")
    }
    return value
  }

  /// Returns a decimal written `decimal:10,2`: at most 8 digits before the point and 2 after.
  func decimal(_ name: String, required: Bool) throws(Rejection) -> Decimal? {
    guard let text = try scalarText(name, required: required) else { return nil }
    guard text.wholeMatch(of: /[0-9]{1,8}(\.[0-9]{1,2})?/) != nil,
      let value = DecimalText.parse(text)
    else {
      throw .parameter("Parameter \(name) must be a decimal with at most 2 places.")
    }
    return value
  }

  /// Returns a date written `YYYY-MM-DD`.
  func date(_ name: String, required: Bool) throws(Rejection) -> String? {
    guard let text = try scalarText(name, required: required) else { return nil }
    guard DateText.isValid(text) else {
      throw .parameter("Parameter \(name) must be a date written YYYY-MM-DD.")
    }
    return text
  }

  /// Returns text of at most `maxLength` characters.
  func string(_ name: String, required: Bool, maxLength: Int) throws(Rejection) -> String? {
    guard let text = try scalarText(name, required: required) else { return nil }
    guard text.count <= maxLength else {
      throw .parameter("Parameter \(name) must be at most \(maxLength) characters.")
    }
    return text
  }

  /// Returns a Boolean sent as `true`, `false`, `1` or `0`.
  func boolean(_ name: String) throws(Rejection) -> Bool? {
    switch values[name] {
    case nil, .null: return nil
    case .bool(let value): return value
    case .string("true"), .string("1"), .number(1): return true
    case .string("false"), .string("0"), .number(0): return false
    default: throw .parameter("Parameter \(name) must be true, false, 1 or 0.")
    }
  }

  /// Returns the text of a string or number parameter; nil when it is absent and optional.
  private func scalarText(_ name: String, required: Bool) throws(Rejection) -> String? {
    let text: String
    switch values[name] {
    case nil, .null, .string(""):
      guard !required else { throw .parameter("Parameter \(name) is required.") }
      return nil
    case .string(let value):
      text = value
    case .number(let value):
      text = "\(value)"
    case .bool, .array, .object:
      throw .parameter("Parameter \(name) has the wrong type.")
    }
    return text
  }
}
