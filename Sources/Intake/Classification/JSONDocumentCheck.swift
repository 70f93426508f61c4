import Foundation

/// Reads a JSON document far enough to tell an order file, other JSON, broken JSON and a
/// document cut short apart.
enum JSONDocumentCheck {
  enum Result: Equatable {
    /// A JSON object with the `formatVersion` and `orders` keys of komet-dwf's order format.
    case orderFile
    /// Valid JSON that is no order file; `topLevel` describes what it is.
    case otherJSON(topLevel: String)
    /// Invalid JSON whose brackets or last string are still open at the end of the file, as a
    /// copy in progress leaves it.
    case cutShort
    case invalid(reason: String)
  }

  /// Tells whether the file's first character, after a UTF-8 byte order mark and white space,
  /// opens a JSON object or array.
  static func startsLikeJSON(_ head: Data) -> Bool {
    var bytes = head[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    let first = bytes.first { !Self.whitespace.contains($0) }
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
  }

  static func check(_ data: Data) -> Result {
    var body = data
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }

    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
    } catch {
      if isOpenAtEnd(body) { return .cutShort }
      return .invalid(reason: "it is not valid JSON")
    }

    guard let dictionary = object as? [String: Any] else {
      return .otherJSON(topLevel: object is [Any] ? "an array" : "a single value")
    }
    if dictionary["formatVersion"] != nil, dictionary["orders"] != nil {
      return .orderFile
    }
    let keys = dictionary.keys.sorted().prefix(10).map { "\"\($0)\"" }
    let listed = keys.isEmpty ? "no keys" : "the keys " + keys.joined(separator: ", ")
    return .otherJSON(topLevel: "an object with \(listed)")
  }

  /// Tells whether an object, an array or a string is still open after the last byte.
  static func isOpenAtEnd(_ data: Data) -> Bool {
    var depth = 0
    var isInString = false
    var isEscaped = false
    for byte in data {
      if isInString {
        if isEscaped {
          isEscaped = false
        } else if byte == UInt8(ascii: "\\") {
          isEscaped = true
        } else if byte == UInt8(ascii: "\"") {
          isInString = false
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "\""): isInString = true
      case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
      default: break
      }
      // A bracket closed too often means the document is broken, not unfinished.
      if depth < 0 { return false }
    }
    return isInString || depth > 0
  }

  private static let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
}
