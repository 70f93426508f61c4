#if canImport(Glibc)
  import Glibc
#endif

/// Turns stored cell entries into typed values with the workbook's shared strings, styles and
/// date system.
final class SheetValueResolver {
  let path: String
  let sheetName: String
  private let sharedStrings: SharedStrings
  private let styles: Styles
  private let dateSystem: DateSystem

  init(
    path: String, sheetName: String, sharedStrings: SharedStrings, styles: Styles,
    dateSystem: DateSystem
  ) {
    self.path = path
    self.sheetName = sheetName
    self.sharedStrings = sharedStrings
    self.styles = styles
    self.dateSystem = dateSystem
  }

  /// Returns the typed value of cell `index` of the row in `buffer`.
  ///
  /// - Throws: `SpreadsheetError.sharedStringOutOfRange` for an index the table lacks.
  func value(
    of buffer: UnsafeMutablePointer<WorksheetRowBuffer>, at index: Int, row: Int
  ) throws -> CellValue {
    let bytes = buffer.pointee.valueBytes(at: index)

    switch buffer.pointee.type(at: index) {
    case .number:
      guard let number = parseNumber(bytes) else { return numberFallback(bytes) }
      let kind = styles.kind(ofStyle: buffer.pointee.style(at: index))
      return kind == .number ? .number(number) : .fromSerial(number, kind: kind, system: dateSystem)

    case .sharedString:
      let cell = CellReference(column: buffer.pointee.column(at: index), row: row)
      guard let position = parseIndex(bytes) else {
        throw SpreadsheetError.invalidSharedStringIndex(
          path: path, sheet: sheetName, cell: cell.description,
          value: String(decoding: bytes, as: UTF8.self))
      }
      guard let text = sharedStrings.string(at: position) else {
        throw SpreadsheetError.sharedStringOutOfRange(
          path: path, sheet: sheetName, cell: cell.description, index: position,
          count: sharedStrings.count)
      }
      return .text(text)

    case .inlineString, .formulaString:
      return .text(decodedText(bytes))

    case .boolean:
      let text = String(decoding: bytes, as: UTF8.self)
      switch text {
      case "1", "true", "TRUE": return .boolean(true)
      case "0", "false", "FALSE": return .boolean(false)
      default: return .text(text)
      }

    case .error:
      return .error(String(decoding: bytes, as: UTF8.self))

    case .date:
      let text = String(decoding: bytes, as: UTF8.self)
      return CellValue.fromISO8601(text) ?? (text.isEmpty ? .empty : .text(text))
    }
  }

  /// Parses a `<v>` number with `strtod`, which reads the NUL-terminated bytes in place; spaces
  /// around the number, as some producers indent values, are allowed.
  private func parseNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    guard let start = bytes.baseAddress, bytes.count > 0 else { return nil }
    var end: UnsafeMutablePointer<CChar>?
    let raw = UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self)
    let value = strtod(raw, &end)
    guard let end else { return nil }

    var position = UnsafeRawPointer(end).assumingMemoryBound(to: UInt8.self)
    let expectedEnd = start + bytes.count
    guard position > start else { return nil }
    while position < expectedEnd, isXMLSpace(position.pointee) {
      position += 1
    }
    guard position == expectedEnd, value.isFinite else { return nil }
    return value
  }

  private func isXMLSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  /// Keeps a `<v>` that is no number (an empty element or stray text) as what it says.
  private func numberFallback(_ bytes: UnsafeBufferPointer<UInt8>) -> CellValue {
    let text = String(decoding: bytes, as: UTF8.self)
    return text.isEmpty ? .empty : .text(text)
  }

  private func parseIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count < 12 else { return nil }
    var value = 0
    for byte in bytes {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }

  private func decodedText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard containsEscapeMarker(bytes) else { return String(decoding: bytes, as: UTF8.self) }
    var array = Array(bytes)
    decodeXStringEscapes(&array, from: 0)
    return String(decoding: array, as: UTF8.self)
  }

  /// Tells whether `bytes` may hold an `_xHHHH_` escape, so that text without one is not copied.
  private func containsEscapeMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard bytes.count >= 7 else { return false }
    for index in 0..<(bytes.count - 1)
    where bytes[index] == UInt8(ascii: "_") && bytes[index + 1] | 0x20 == UInt8(ascii: "x") {
      return true
    }
    return false
  }
}
