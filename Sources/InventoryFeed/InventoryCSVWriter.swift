import Foundation
import Inventory

/// Writes items as CSV per RFC 4180: a header row, CRLF line ends, and a field in double
/// quotes (with each quote doubled) when it contains a comma, a quote, CR or LF.
///
/// A missing optional value is an empty field. The caller orders the items.
enum InventoryCSVWriter {
  static func write(
    _ items: [InventoryItem], to output: HashedOutput, prices: PriceTexts = PriceTexts()
  ) throws(InventoryFeedError) {
    var row = CSVRow(output: output, prices: prices)
    for (index, name) in InventoryColumns.csvNames.enumerated() {
      row.text(name, column: index)
    }
    output.append(bytes: "\r\n")

    for item in items {
      InventoryColumns.visit(item, &row)
      output.append(bytes: "\r\n")
      try output.flushIfFull()
    }
  }
}

private struct CSVRow: FieldSink {
  let output: HashedOutput
  let prices: PriceTexts

  mutating func text(_ value: String?, column: Int) {
    separate(column)
    guard var value else { return }
    value.withUTF8 { bytes in
      guard bytes.contains(where: Self.needsQuotes) else {
        output.append(bytes: bytes)
        return
      }
      output.append(UInt8(ascii: "\""))
      for byte in bytes {
        if byte == UInt8(ascii: "\"") { output.append(byte) }
        output.append(byte)
      }
      output.append(UInt8(ascii: "\""))
    }
  }

  mutating func integer(_ value: Int?, column: Int) {
    separate(column)
    if let value { output.append(integer: value) }
  }

  mutating func price(_ value: Decimal, column: Int) {
    separate(column)
    output.append(prices.text(value))
  }

  private func separate(_ column: Int) {
    if column > 0 { output.append(UInt8(ascii: ",")) }
  }

  private static func needsQuotes(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\r")
      || byte == UInt8(ascii: "\n")
  }
}

extension HashedOutput {
  /// Appends a static ASCII string such as a line end.
  func append(bytes text: StaticString) {
    text.withUTF8Buffer { append(bytes: $0) }
  }
}
