import Foundation
import Inventory

/// Writes items as one JSON object, `{"formatVersion": 1, "items": [...]}`, one item per line.
///
/// Every key is present in every item, with `null` for a missing value. Prices are JSON strings
/// of exact decimal text, so no reader rounds them through a binary float. The drop's sequence
/// and times are in its manifest, so equal items always give equal bytes.
enum InventoryJSONWriter {
  static let formatVersion = 1

  static func write(
    _ items: [InventoryItem], to output: HashedOutput, prices: PriceTexts = PriceTexts()
  ) throws(InventoryFeedError) {
    output.append("{\"formatVersion\":\(formatVersion),\"items\":[")
    var object = JSONObjectFields(output: output, prices: prices)
    for (index, item) in items.enumerated() {
      output.append(bytes: index == 0 ? "\n{" : ",\n{")
      InventoryColumns.visit(item, &object)
      output.append(UInt8(ascii: "}"))
      try output.flushIfFull()
    }
    output.append(bytes: "\n]}\n")
  }

  /// Appends `text` as a quoted JSON string: quotes, backslashes and control characters are
  /// escaped, and other characters stay as their UTF-8 bytes.
  static func appendString(_ text: String, to output: HashedOutput) {
    var text = text
    output.append(UInt8(ascii: "\""))
    text.withUTF8 { bytes in
      guard bytes.contains(where: needsEscape) else {
        output.append(bytes: bytes)
        return
      }
      for byte in bytes {
        appendEscaped(byte, to: output)
      }
    }
    output.append(UInt8(ascii: "\""))
  }

  private static func appendEscaped(_ byte: UInt8, to output: HashedOutput) {
    switch byte {
    case UInt8(ascii: "\""): output.append(bytes: "\\\"")
    case UInt8(ascii: "\\"): output.append(bytes: "\\\\")
    case UInt8(ascii: "\n"): output.append(bytes: "\\n")
    case UInt8(ascii: "\r"): output.append(bytes: "\\r")
    case UInt8(ascii: "\t"): output.append(bytes: "\\t")
    case 0..<0x20:
      let hexDigits = Array("0123456789abcdef".utf8)
      output.append(bytes: "\\u00")
      output.append(hexDigits[Int(byte >> 4)])
      output.append(hexDigits[Int(byte & 0x0F)])
    default: output.append(byte)
    }
  }

  private static func needsEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
  }
}

private struct JSONObjectFields: FieldSink {
  let output: HashedOutput
  let prices: PriceTexts

  /// The `"key":` prefix of each column, with the comma before every key but the first.
  private static let prefixes: [String] = InventoryColumns.jsonKeys.enumerated().map {
    index, key in (index == 0 ? "" : ",") + "\"\(key)\":"
  }

  mutating func text(_ value: String?, column: Int) {
    output.append(Self.prefixes[column])
    if let value {
      InventoryJSONWriter.appendString(value, to: output)
    } else {
      output.append(bytes: "null")
    }
  }

  mutating func integer(_ value: Int?, column: Int) {
    output.append(Self.prefixes[column])
    if let value {
      output.append(integer: value)
    } else {
      output.append(bytes: "null")
    }
  }

  mutating func price(_ value: Decimal, column: Int) {
    output.append(Self.prefixes[column])
    output.append(UInt8(ascii: "\""))
    output.append(prices.text(value))
    output.append(UInt8(ascii: "\""))
  }
}
