import Komet

/// One JSON object of the config file, read key by key with the key's full dotted path in every
/// error.
struct ConfigObject {
  let path: String
  let keyPath: String
  private let members: [JSONMember]

  /// Takes `value` as the object at `keyPath`, rejecting a non-object and duplicate keys.
  init(_ value: JSONValue, keyPath: String, path: String) throws(ConfigurationError) {
    guard case .object(let members) = value else {
      throw .wrongType(path: path, key: keyPath, value: value.preview(), expected: "an object")
    }
    var seen: Set<String> = []
    for member in members where !seen.insert(member.key).inserted {
      throw .duplicateKey(path: path, key: Self.join(keyPath, member.key))
    }
    self.path = path
    self.keyPath = keyPath
    self.members = members
  }

  /// Rejects the first key that is not in `known`, so a misspelled key cannot drop a setting.
  func rejectUnknownKeys(_ known: [String]) throws(ConfigurationError) {
    for member in members where !known.contains(member.key) {
      throw .unknownKey(path: path, key: Self.join(keyPath, member.key))
    }
  }

  /// Returns the full dotted name of `key`, such as `komet.retry.attempts`.
  func name(of key: String) -> String {
    Self.join(keyPath, key)
  }

  func source(of key: String) -> SettingSource {
    .file(path: path, key: name(of: key))
  }

  func object(_ key: String) throws(ConfigurationError) -> ConfigObject? {
    guard let value = self[key] else { return nil }
    return try ConfigObject(value, keyPath: name(of: key), path: path)
  }

  func string(_ key: String) throws(ConfigurationError) -> String? {
    guard let value = self[key] else { return nil }
    guard case .string(let text) = value else { throw wrongType(key, value, "a string") }
    return text
  }

  func bool(_ key: String) throws(ConfigurationError) -> Bool? {
    guard let value = self[key] else { return nil }
    guard case .bool(let flag) = value else { throw wrongType(key, value, "true or false") }
    return flag
  }

  /// Reads a whole number within `range`.
  func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
    guard let value = self[key] else { return nil }
    guard case .number(let literal) = value, let number = Int(literal) else {
      throw wrongType(key, value, "a whole number")
    }
    guard range.contains(number) else {
      throw .invalidValue(
        source: source(of: key), value: literal,
        reason: "is out of range, which is \(range.lowerBound) to \(range.upperBound)")
    }
    return number
  }

  /// Reads a number of seconds within `range`, fractions allowed.
  func seconds(_ key: String, in range: ClosedRange<Double>) throws(ConfigurationError)
    -> Double?
  {
    guard let value = self[key] else { return nil }
    guard case .number(let literal) = value, let seconds = Double(literal) else {
      throw wrongType(key, value, "a number of seconds")
    }
    guard range.contains(seconds) else {
      throw .invalidValue(
        source: source(of: key), value: literal,
        reason: "is out of range, which is \(range.lowerBound) to \(range.upperBound) seconds")
    }
    return seconds
  }

  /// Reads a Komet ID, written as a digit string or a JSON number.
  func kometID(_ key: String) throws(ConfigurationError) -> KometID? {
    guard let value = self[key] else { return nil }
    switch value {
    case .string, .number:
      guard let id = KometID(json: value) else {
        throw .invalidValue(
          source: source(of: key), value: value.preview(),
          reason: "is not a Komet ID, which is 1 to \(KometID.maxDigits) digits")
      }
      return id
    default:
      throw wrongType(key, value, "a digit string such as \"1313\"")
    }
  }

  private subscript(key: String) -> JSONValue? {
    members.first { $0.key == key }?.value
  }

  private func wrongType(_ key: String, _ value: JSONValue, _ expected: String)
    -> ConfigurationError
  {
    .wrongType(path: path, key: name(of: key), value: value.preview(), expected: expected)
  }

  private static func join(_ keyPath: String, _ key: String) -> String {
    keyPath.isEmpty ? key : keyPath + "." + key
  }
}
