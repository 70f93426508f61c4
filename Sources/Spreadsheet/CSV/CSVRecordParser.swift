/// Splits UTF-8 text into RFC 4180 records, fed in chunks of any size.
///
/// CRLF, LF and a lone CR each end a record outside quotes and stay in the field inside them.
/// Beyond RFC 4180, a quote inside an unquoted field is kept as a character, and characters
/// after a closing quote join the field, as Excel and Python's csv module read them.
struct CSVRecordParser {
  let delimiter: UInt8

  /// The physical line, counted from 1, that the next byte is on.
  private(set) var line = 1

  /// The line where the open quoted field started, when the input so far ends inside one.
  var unterminatedQuoteLine: Int? { state == .quoted ? quoteLine : nil }

  private enum State {
    case fieldStart
    case unquoted
    case quoted
    case quoteInQuoted
  }

  private var state = State.fieldStart
  private var quoteLine = 0
  private var isRecordStarted = false
  private var isAfterCarriageReturn = false
  private var isSkippingLineFeed = false
  private var field: [UInt8] = []
  private var fields: [String] = []

  init(delimiter: UInt8) {
    self.delimiter = delimiter
  }

  /// Parses `bytes` and calls `emit` with the fields of each record they complete; a blank
  /// line is a record with no fields.
  mutating func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, emit: ([String]) throws -> Void
  ) rethrows {
    for byte in bytes {
      let isLineEnd = byte == 0x0A || byte == 0x0D
      if byte == 0x0D || (byte == 0x0A && !isAfterCarriageReturn) { line += 1 }
      isAfterCarriageReturn = byte == 0x0D

      if isSkippingLineFeed {
        isSkippingLineFeed = false
        if byte == 0x0A { continue }
      }

      switch state {
      case .fieldStart, .unquoted, .quoteInQuoted:
        if byte == delimiter {
          endField()
          isRecordStarted = true
        } else if isLineEnd {
          try endRecord(emit: emit)
          isSkippingLineFeed = byte == 0x0D
        } else if byte == UInt8(ascii: "\"") && state != .unquoted {
          if state == .quoteInQuoted { field.append(byte) }
          if state == .fieldStart { quoteLine = line }
          state = .quoted
          isRecordStarted = true
        } else {
          field.append(byte)
          state = .unquoted
          isRecordStarted = true
        }

      case .quoted:
        if byte == UInt8(ascii: "\"") {
          state = .quoteInQuoted
        } else {
          field.append(byte)
        }
      }
    }
  }

  /// Emits the last record when the input does not end with a line end.
  mutating func finish(emit: ([String]) throws -> Void) rethrows {
    if isRecordStarted { try endRecord(emit: emit) }
  }

  private mutating func endField() {
    fields.append(String(decoding: field, as: UTF8.self))
    field.removeAll(keepingCapacity: true)
    state = .fieldStart
  }

  private mutating func endRecord(emit: ([String]) throws -> Void) rethrows {
    if isRecordStarted { endField() }
    let record = fields
    fields.removeAll(keepingCapacity: true)
    isRecordStarted = false
    state = .fieldStart
    try emit(record)
  }
}
