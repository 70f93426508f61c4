/// Parses RFC 8259 JSON text into a `JSONValue`, keeping numbers as their literal text.
///
/// The parser accepts exactly one value surrounded by optional white space, rejects unquoted
/// words such as `Rich`, trailing commas, control characters inside strings and invalid UTF-8,
/// and stops at a nesting depth of `maxDepth`.
package struct JSONParser {
  /// A syntax error and the byte offset at which it was found.
  package struct SyntaxError: Error, Equatable, Sendable {
    package var offset: Int
    package var reason: String
  }

  package static let maxDepth = 64

  private let bytes: [UInt8]
  private var index = 0

  private init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Parses `bytes` as one JSON value. A UTF-8 byte order mark at the start is skipped.
  package static func parse(_ bytes: some Sequence<UInt8>) throws(SyntaxError) -> JSONValue {
    var parser = JSONParser(bytes: Array(bytes))
    if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }

    parser.skipWhitespace()
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    guard parser.index == parser.bytes.count else {
      throw parser.error("unexpected text after the JSON value")
    }
    return value
  }

  private func error(_ reason: String) -> SyntaxError {
    SyntaxError(offset: index, reason: reason)
  }

  private var current: UInt8? {
    index < bytes.count ? bytes[index] : nil
  }

  private mutating func skipWhitespace() {
    while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
      index += 1
    }
  }

  private mutating func parseValue(depth: Int) throws(SyntaxError) -> JSONValue {
    guard depth < Self.maxDepth else { throw error("JSON nested deeper than \(Self.maxDepth)") }
    guard let byte = current else { throw error("unexpected end of the text") }

    switch byte {
    case UInt8(ascii: "{"): return try parseObject(depth: depth)
    case UInt8(ascii: "["): return try parseArray(depth: depth)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    case UInt8(ascii: "t"): return try parseLiteral("true", value: .bool(true))
    case UInt8(ascii: "f"): return try parseLiteral("false", value: .bool(false))
    case UInt8(ascii: "n"): return try parseLiteral("null", value: .null)
    default: throw error("expected a JSON value, found \(describe(byte))")
    }
  }

  private mutating func parseLiteral(
    _ word: String, value: JSONValue
  ) throws(SyntaxError) -> JSONValue {
    let expected = Array(word.utf8)
    guard bytes[index...].starts(with: expected) else {
      throw error("expected a JSON value, found \(describe(bytes[index]))")
    }
    index += expected.count
    return value
  }

  private mutating func parseObject(depth: Int) throws(SyntaxError) -> JSONValue {
    index += 1
    var members: [JSONMember] = []
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }

    while true {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else { throw error("expected a quoted member name") }
      let key = try parseString()
      skipWhitespace()
      guard current == UInt8(ascii: ":") else { throw error("expected ':' after a member name") }
      index += 1
      skipWhitespace()
      members.append(JSONMember(key, try parseValue(depth: depth + 1)))
      skipWhitespace()

      switch current {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "}"):
        index += 1
        return .object(members)
      default: throw error("expected ',' or '}' in an object")
      }
    }
  }

  private mutating func parseArray(depth: Int) throws(SyntaxError) -> JSONValue {
    index += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }

    while true {
      skipWhitespace()
      elements.append(try parseValue(depth: depth + 1))
      skipWhitespace()

      switch current {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "]"):
        index += 1
        return .array(elements)
      default: throw error("expected ',' or ']' in an array")
      }
    }
  }

  private mutating func parseNumber() throws(SyntaxError) -> String {
    let start = index
    if current == UInt8(ascii: "-") { index += 1 }

    if current == UInt8(ascii: "0") {
      index += 1
    } else if try skipDigits() == 0 {
      throw error("expected a digit in a number")
    }
    if current == UInt8(ascii: ".") {
      index += 1
      guard try skipDigits() > 0 else { throw error("expected a digit after '.'") }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      index += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      guard try skipDigits() > 0 else { throw error("expected a digit in an exponent") }
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  private mutating func skipDigits() throws(SyntaxError) -> Int {
    let start = index
    while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
      index += 1
    }
    return index - start
  }

  private mutating func parseString() throws(SyntaxError) -> String {
    index += 1
    var scalars: [UInt8] = []
    var runStart = index

    while true {
      guard let byte = current else { throw error("unterminated string") }
      switch byte {
      case UInt8(ascii: "\""):
        scalars.append(contentsOf: bytes[runStart..<index])
        index += 1
        guard let text = String(validating: scalars, as: UTF8.self) else {
          throw error("invalid UTF-8 in a string")
        }
        return text
      case UInt8(ascii: "\\"):
        scalars.append(contentsOf: bytes[runStart..<index])
        index += 1
        try appendEscape(to: &scalars)
        runStart = index
      case 0x00..<0x20:
        throw error("control character \(describe(byte)) inside a string")
      default:
        index += 1
      }
    }
  }

  private mutating func appendEscape(to output: inout [UInt8]) throws(SyntaxError) {
    guard let byte = current else { throw error("unterminated escape") }
    index += 1
    let simple: [UInt8: UInt8] = [
      UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F,
      UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
      UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]
    if let replacement = simple[byte] {
      output.append(replacement)
      return
    }
    guard byte == UInt8(ascii: "u") else { throw error("invalid escape \\\(describe(byte))") }

    var code = try parseHexQuad()
    if (0xD800..<0xDC00).contains(code) {
      guard bytes[index...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
        throw error("unpaired surrogate in \\u escape")
      }
      index += 2
      let low = try parseHexQuad()
      guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate") }
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
    } else if (0xDC00..<0xE000).contains(code) {
      throw error("unpaired surrogate in \\u escape")
    }
    guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
    output.append(contentsOf: Array(String(Character(scalar)).utf8))
  }

  private mutating func parseHexQuad() throws(SyntaxError) -> UInt32 {
    guard index + 4 <= bytes.count,
      let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
    else {
      throw error("expected four hexadecimal digits after \\u")
    }
    index += 4
    return code
  }

  private func describe(_ byte: UInt8) -> String {
    if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    return "byte 0x" + String(byte, radix: 16, uppercase: true)
  }
}
