import Foundation
import Komet

/// Reads a JSON document far enough to tell an order file, other JSON, broken JSON and a
/// document cut short apart.
///
/// It reads with `Komet`'s `JSONParser`, as the order parser does, so a number that no
/// `Double` holds, such as `1e400`, is valid JSON here too and is left to the order parser to
/// report at its JSON path.
enum JSONDocumentCheck {
  enum Result: Equatable {
    /// A JSON object with the `formatVersion` and `orders` keys of komet-dwf's order format.
    case orderFile
    /// Valid JSON that is no order file; `topLevel` describes what it is.
    case otherJSON(topLevel: String)
    /// Invalid JSON whose brackets or last string are still open at the end of the file, as a
    /// copy in progress leaves it.
    case cutShort
    /// Invalid JSON, with where the parser stopped and why.
    case invalid(place: TextPlace, reason: String)
  }

  /// A place in a text file: the 1-based line, the 1-based character in that line, and the
  /// 0-based byte offset from the start of the file.
  struct TextPlace: Equatable {
    var line: Int
    var column: Int
    var offset: Int

    /// Finds the line and column of byte `offset` of `data`, which is UTF-8 text. A byte
    /// order mark at the start is not counted as a character.
    init(offset: Int, in data: Data) {
      let bytes = [UInt8](data.prefix(offset))
      var lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
      var line = 1
      for (index, byte) in bytes.enumerated() where byte == 0x0A {
        line += 1
        lineStart = index + 1
      }
      let start = min(lineStart, bytes.count)
      self.line = line
      self.column = String(decoding: bytes[start...], as: UTF8.self).count + 1
      self.offset = offset
    }

    var description: String {
      "line \(line), column \(column) (byte \(offset))"
    }
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
    let root: JSONValue
    do {
      root = try JSONParser.parse(data)
    } catch {
      var body = data
      if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
      if isOpenAtEnd(body) { return .cutShort }
      return .invalid(place: TextPlace(offset: error.offset, in: data), reason: error.reason)
    }

    switch root {
    case .object(let members):
      let keys = Set(members.map(\.key))
      if keys.contains("formatVersion"), keys.contains("orders") {
        return .orderFile
      }
      let listed = keys.sorted().prefix(10).map { "\"\($0)\"" }
      let text = listed.isEmpty ? "no keys" : "the keys " + listed.joined(separator: ", ")
      return .otherJSON(topLevel: "an object with \(text)")
    case .array:
      return .otherJSON(topLevel: "an array")
    case .null, .bool, .number, .string:
      return .otherJSON(topLevel: "a single value")
    }
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
