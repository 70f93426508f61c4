import Foundation
import InboxLifecycle
import Komet

/// Computes the content digest of an order: the SHA-256 of its canonical form.
///
/// The canonical form is compact JSON with the keys in a fixed order and the lines sorted by
/// line number. Each value is normalised: an origin in capitals, a price as its shortest
/// decimal text, numbers without leading zeros and a blank field as null. So one order sent as
/// CSV or as JSON, with its columns, keys or lines in another order, has one digest, while any
/// change to a value changes it. A value that does not read as its type enters as written.
package enum OrderDigest {
  /// Returns the canonical form of `raw`, which `digest(of:)` hashes.
  static func canonicalForm(of raw: RawOrder) -> Data {
    var members: [JSONMember] = [JSONMember("orderNumber", .string(raw.orderNumber))]
    for field in OrderField.orderFields where field != .orderNumber {
      members.append(JSONMember(field.jsonKey, canonical(raw.fields[field], as: field)))
    }

    let lines = raw.lines.enumerated().map { offset, line in
      canonicalLine(line, positionInOrder: offset + 1)
    }
    let sorted = lines.sorted { ($0.number, $0.text) < ($1.number, $1.text) }
    members.append(JSONMember("lines", .array(sorted.map(\.value))))
    return JSONWriter.data(for: .object(members))
  }

  /// Returns the SHA-256 of the canonical form of `raw`, in lowercase hex.
  ///
  /// - Throws: `InboxLifecycleError.digestFailed` when libcrypto fails.
  static func digest(of raw: RawOrder) throws -> String {
    try SHA256.hex(of: canonicalForm(of: raw))
  }

  private static func canonicalLine(
    _ line: RawLine, positionInOrder: Int
  ) -> (number: Int, text: String, value: JSONValue) {
    var number = positionInOrder
    var members: [JSONMember] = []
    for field in OrderField.lineFields {
      var value = canonical(line.fields[field], as: field)
      if field == .lineNumber {
        if line.fields[field] == nil { value = .string(String(positionInOrder)) }
        if case .string(let text) = value { number = Int(text) ?? Int.max }
      }
      members.append(JSONMember(field.jsonKey, value))
    }
    let value = JSONValue.object(members)
    return (number, String(decoding: JSONWriter.data(for: value), as: UTF8.self), value)
  }

  private static func canonical(_ cell: RawCell?, as field: OrderField) -> JSONValue {
    guard let text = cell?.text else { return .null }
    switch field {
    case .action, .carrierCode, .origin:
      return .string(field == .action ? text.lowercased() : text.uppercased())
    case .lineNumber, .quantity:
      return .string(OrderBuilder.wholeNumber(text).map(String.init) ?? text)
    case .unitPrice:
      return .string(OrderBuilder.decimal(text).map { "\($0)" } ?? text)
    default:
      return .string(text)
    }
  }
}
