/// A cell position such as `B7`, with 1-based column and row numbers.
package struct CellReference: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// The largest column Excel allows (`XFD`).
  package static let maximumColumn = 16_384
  /// The largest row Excel allows.
  package static let maximumRow = 1_048_576

  package var column: Int
  package var row: Int

  package init(column: Int, row: Int) {
    self.column = column
    self.row = row
  }

  /// Parses an A1-style reference; letters may be lower case, and `$` anchors are ignored.
  package init?(_ text: String) {
    var bytes = Array(text.utf8)
    bytes.removeAll { $0 == UInt8(ascii: "$") }
    guard let parsed = bytes.withUnsafeBufferPointer({ CellReference.parse($0) }) else {
      return nil
    }
    self = parsed
  }

  /// Parses an A1-style reference from raw bytes; a missing row part yields row 0.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CellReference? {
    var column = 0
    var row = 0
    var index = 0

    while index < bytes.count {
      let byte = bytes[index] | 0x20
      guard byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") else { break }
      column = column * 26 + Int(byte - UInt8(ascii: "a") + 1)
      guard column <= maximumColumn else { return nil }
      index += 1
    }
    guard column > 0 else { return nil }

    while index < bytes.count {
      let byte = bytes[index]
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      row = row * 10 + Int(byte - UInt8(ascii: "0"))
      guard row <= maximumRow else { return nil }
      index += 1
    }
    return CellReference(column: column, row: row)
  }

  /// Returns the column letters for a 1-based column number, such as `AA` for 27.
  package static func columnName(_ column: Int) -> String {
    var letters: [UInt8] = []
    var remaining = column
    while remaining > 0 {
      let digit = (remaining - 1) % 26
      letters.append(UInt8(ascii: "A") + UInt8(digit))
      remaining = (remaining - 1) / 26
    }
    return String(decoding: letters.reversed(), as: UTF8.self)
  }

  package var description: String { "\(CellReference.columnName(column))\(row)" }
}

/// A rectangle of cells from `start` to `end`, both included.
package struct CellRange: Sendable, Equatable, CustomStringConvertible {
  package var start: CellReference
  package var end: CellReference

  package init(start: CellReference, end: CellReference) {
    self.start = start
    self.end = end
  }

  package var description: String { start == end ? "\(start)" : "\(start):\(end)" }
}
