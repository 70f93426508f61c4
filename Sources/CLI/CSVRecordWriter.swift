/// Writes RFC 4180 records: a field is quoted only when it contains the delimiter, a quote, or a
/// line break, and quotes inside are doubled. Lines end in `\n`.
struct CSVRecordWriter {
  private(set) var output: [UInt8] = []

  /// Appends one record of `fields`.
  mutating func append(_ fields: [String]) {
    for (index, field) in fields.enumerated() {
      if index > 0 { output.append(UInt8(ascii: ",")) }
      appendField(field)
    }
    output.append(UInt8(ascii: "\n"))
  }

  /// Returns the bytes written so far and starts over, so a caller can flush as it goes.
  mutating func take() -> [UInt8] {
    defer { output.removeAll(keepingCapacity: true) }
    return output
  }

  private mutating func appendField(_ field: String) {
    let bytes = field.utf8
    let needsQuotes = bytes.contains {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13
    }
    guard needsQuotes else {
      output.append(contentsOf: bytes)
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
