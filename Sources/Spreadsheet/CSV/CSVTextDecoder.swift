/// Converts a text file's bytes to UTF-8 chunk by chunk, checking them as it goes.
///
/// A chunk may end inside a UTF-8 sequence, a UTF-16 code unit or a surrogate pair. The decoder
/// keeps the incomplete part for the next chunk, so any chunk size gives the same output.
struct CSVTextDecoder {
  /// A byte sequence that is invalid in the encoding, at its offset from the start of the file.
  struct Failure: Error, Equatable {
    let offset: Int
  }

  let encoding: TextEncoding

  /// The offset in the file of the next byte that `decode` reads.
  private(set) var offset: Int

  private var utf8 = UTF8Validator()
  private var oddByte: UInt8?
  private var highSurrogate: UInt16?

  /// Creates a decoder for `encoding` whose input starts at `offset` in the file, after any
  /// byte order mark.
  init(encoding: TextEncoding, offset: Int) {
    self.encoding = encoding
    self.offset = offset
  }

  /// Decodes `input` and appends the UTF-8 bytes to `output`.
  mutating func decode(
    _ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]
  ) throws(Failure) {
    switch encoding {
    case .utf8, .utf8WithBOM:
      try decodeUTF8(input, into: &output)
    case .windows1252:
      decodeWindows1252(input, into: &output)
    case .utf16LittleEndian, .utf16BigEndian:
      try decodeUTF16(input, into: &output)
    }
  }

  /// Checks that the input did not end inside a sequence.
  mutating func finish() throws(Failure) {
    if let start = utf8.incompleteSequenceStart { throw Failure(offset: start) }
    if oddByte != nil { throw Failure(offset: offset - 1) }
    if highSurrogate != nil { throw Failure(offset: offset - 2) }
  }

  private mutating func decodeUTF8(
    _ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]
  ) throws(Failure) {
    for byte in input {
      guard utf8.consume(byte, at: offset) else {
        throw Failure(offset: utf8.incompleteSequenceStart ?? offset)
      }
      offset += 1
    }
    output.append(contentsOf: input)
  }

  private mutating func decodeWindows1252(
    _ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]
  ) {
    for byte in input {
      if byte < 0x80 {
        output.append(byte)
      } else {
        let scalar = byte < 0xA0 ? windows1252C1Block[Int(byte - 0x80)] : UInt16(byte)
        appendUTF8(UInt32(scalar), to: &output)
      }
    }
    offset += input.count
  }

  private mutating func decodeUTF16(
    _ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]
  ) throws(Failure) {
    let isLittleEndian = encoding == .utf16LittleEndian
    for byte in input {
      offset += 1
      guard let first = oddByte else {
        oddByte = byte
        continue
      }
      oddByte = nil
      let unit =
        isLittleEndian ? UInt16(first) | UInt16(byte) << 8 : UInt16(first) << 8 | UInt16(byte)
      try appendUTF16(unit, unitOffset: offset - 2, to: &output)
    }
  }

  private mutating func appendUTF16(
    _ unit: UInt16, unitOffset: Int, to output: inout [UInt8]
  ) throws(Failure) {
    if let high = highSurrogate {
      guard (0xDC00...0xDFFF).contains(unit) else { throw Failure(offset: unitOffset - 2) }
      highSurrogate = nil
      let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
      appendUTF8(scalar, to: &output)
      return
    }
    switch unit {
    case 0xD800...0xDBFF:
      highSurrogate = unit
    case 0xDC00...0xDFFF:
      throw Failure(offset: unitOffset)
    default:
      appendUTF8(UInt32(unit), to: &output)
    }
  }
}

/// Checks UTF-8 byte by byte against the well-formed sequences of Unicode's table 3-7, which
/// excludes overlong forms, surrogates and scalars past U+10FFFF.
struct UTF8Validator {
  private var remaining = 0
  private var lower: UInt8 = 0x80
  private var upper: UInt8 = 0xBF
  private var sequenceStart = 0

  /// The offset where an unfinished multi-byte sequence started, or nil between sequences.
  var incompleteSequenceStart: Int? { remaining > 0 ? sequenceStart : nil }

  /// Takes the byte at `offset`; returns false when it cannot continue a valid sequence.
  mutating func consume(_ byte: UInt8, at offset: Int) -> Bool {
    if remaining > 0 {
      guard byte >= lower, byte <= upper else { return false }
      remaining -= 1
      lower = 0x80
      upper = 0xBF
      return true
    }

    sequenceStart = offset
    switch byte {
    case 0x00...0x7F:
      return true
    case 0xC2...0xDF:
      remaining = 1
    case 0xE0:
      (remaining, lower) = (2, 0xA0)
    case 0xE1...0xEC, 0xEE...0xEF:
      remaining = 2
    case 0xED:
      (remaining, upper) = (2, 0x9F)
    case 0xF0:
      (remaining, lower) = (3, 0x90)
    case 0xF1...0xF3:
      remaining = 3
    case 0xF4:
      (remaining, upper) = (3, 0x8F)
    default:
      return false
    }
    return true
  }
}

/// Appends the UTF-8 form of the Unicode scalar `scalar` to `output`.
private func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
  switch scalar {
  case 0..<0x80:
    output.append(UInt8(scalar))
  case 0x80..<0x800:
    output.append(UInt8(0xC0 | scalar >> 6))
    output.append(UInt8(0x80 | scalar & 0x3F))
  case 0x800..<0x10000:
    output.append(UInt8(0xE0 | scalar >> 12))
    output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
    output.append(UInt8(0x80 | scalar & 0x3F))
  default:
    output.append(UInt8(0xF0 | scalar >> 18))
    output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
    output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
    output.append(UInt8(0x80 | scalar & 0x3F))
  }
}

/// The characters of Windows-1252 bytes 0x80-0x9F; bytes 0xA0-0xFF are the Latin-1 characters
/// of the same value. The five bytes that code page 1252 leaves undefined (0x81, 0x8D, 0x8F,
/// 0x90, 0x9D) map to the C1 control characters of the same value, so no byte is lost.
private let windows1252C1Block: [UInt16] = [
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
]
