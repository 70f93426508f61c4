/// A delimited text file (RFC 4180), read as one sheet of text cells.
///
/// Opening reads the file once to choose the encoding: a UTF-8 or UTF-16 byte order mark
/// decides it, and without one the file is UTF-8 when all of it is valid UTF-8 and Windows-1252
/// otherwise. UTF-16 is checked in the same pass. The delimiter comes from a first line such as
/// `sep=;` when the file has one, else from the first records (see `DelimiterDetector`). Rows
/// are then streamed in chunks, so memory contains one chunk and one record, never the whole
/// file.
struct CSVFile {
  let path: String
  let encoding: TextEncoding
  let delimiter: UInt8

  /// The bytes read from the file at a time.
  let chunkSize: Int

  /// The length of the byte order mark that the text starts after.
  private let textOffset: Int

  /// Whether the first line is Excel's `sep=X` hint, which names the delimiter and is no row.
  let hasSeparatorLine: Bool

  /// The maximum number of bytes of text that delimiter detection reads.
  static let delimiterSampleSize = 256 << 10

  /// Opens `path` and detects its encoding and delimiter.
  ///
  /// - Throws: `SpreadsheetError.csvInvalidEncoding` for UTF-16 that has a lone surrogate or an
  ///   odd number of bytes, and `.fileNotFound` or `.readFailed` when the file cannot be read.
  init(path: String) throws {
    try self.init(path: path, chunkSize: 64 << 10)
  }

  /// Opens `path` as `init(path:)` does, reading `chunkSize` bytes at a time.
  init(path: String, chunkSize: Int) throws {
    precondition(chunkSize > 0, "the chunk size must be positive")
    self.path = path
    self.chunkSize = chunkSize

    let file = try ReadOnlyFile(path: path)
    let head = try file.readBytes(count: 3, at: 0)
    if head.starts(with: [0xEF, 0xBB, 0xBF]) {
      (encoding, textOffset) = (.utf8WithBOM, 3)
    } else if head.starts(with: [0xFF, 0xFE]) {
      (encoding, textOffset) = (.utf16LittleEndian, 2)
    } else if head.starts(with: [0xFE, 0xFF]) {
      (encoding, textOffset) = (.utf16BigEndian, 2)
    } else {
      let isUTF8 = try Self.isValid(file, as: .utf8, chunkSize: chunkSize)
      (encoding, textOffset) = (isUTF8 ? .utf8 : .windows1252, 0)
    }

    if encoding == .utf16LittleEndian || encoding == .utf16BigEndian {
      try Self.forEachChunk(
        of: file, path: path, encoding: encoding, from: textOffset, chunkSize: chunkSize
      ) { _ in true }
    }

    var firstBytes: [UInt8] = []
    try Self.forEachChunk(
      of: file, path: path, encoding: encoding, from: textOffset, chunkSize: chunkSize
    ) { text in
      firstBytes.append(contentsOf: text.prefix(8 - firstBytes.count))
      return firstBytes.count < 8
    }
    if let hinted = Self.separatorHint(firstBytes) {
      hasSeparatorLine = true
      delimiter = hinted
      return
    }
    hasSeparatorLine = false

    var detector = DelimiterDetector()
    var sampled = 0
    let isWholeFile = try Self.forEachChunk(
      of: file, path: path, encoding: encoding, from: textOffset, chunkSize: chunkSize
    ) { text in
      detector.add(text)
      sampled += text.count
      return sampled < Self.delimiterSampleSize
        && detector.recordCount < DelimiterDetector.maximumRecords
    }
    if isWholeFile { detector.finishFile() }
    delimiter = detector.delimiter()
  }

  /// Returns the delimiter that a first line such as `sep=;` names, as Excel writes and reads it.
  private static func separatorHint(_ bytes: [UInt8]) -> UInt8? {
    let prefix = Array("sep=".utf8)
    guard bytes.count >= 5, bytes.starts(with: prefix) || bytes.starts(with: Array("SEP=".utf8))
    else { return nil }
    let delimiter = bytes[4]
    guard delimiter >= 0x20 || delimiter == 0x09, delimiter != UInt8(ascii: "\"") else {
      return nil
    }
    let rest = bytes.dropFirst(5)
    guard rest.isEmpty || rest.first == 0x0A || rest.first == 0x0D else { return nil }
    return delimiter
  }

  /// Returns the sheet name a CSV file gets: its file name without the extension.
  static func sheetName(forPath path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }

  /// Calls `body` with the 1-based record number and the fields of each record.
  ///
  /// The record number is the sheet row, counting blank lines, which are records with no
  /// fields and are not passed to `body`. A line end inside a quoted field belongs to the
  /// field, so a record can span several lines.
  ///
  /// - Throws: `SpreadsheetError.csvUnterminatedQuote` with the line where the last quoted field
  ///   opened when the file ends inside it, `.csvInvalidEncoding`, read errors and whatever
  ///   `body` throws.
  func readRows(_ body: (Int, [String]) throws -> Void) throws {
    let file = try ReadOnlyFile(path: path)
    var parser = CSVRecordParser(delimiter: delimiter)
    // The `sep=` line is record 0, so the first data line is still row 1.
    var number = hasSeparatorLine ? -1 : 0
    func emit(_ fields: [String]) throws {
      number += 1
      if !fields.isEmpty, number > 0 { try body(number, fields) }
    }

    try Self.forEachChunk(
      of: file, path: path, encoding: encoding, from: textOffset, chunkSize: chunkSize
    ) { text in
      try parser.parse(text, emit: emit)
      return true
    }

    if let line = parser.unterminatedQuoteLine {
      throw SpreadsheetError.csvUnterminatedQuote(path: path, line: line)
    }
    try parser.finish(emit: emit)
  }

  /// Tells whether all of `file` decodes in `encoding`.
  private static func isValid(
    _ file: ReadOnlyFile, as encoding: TextEncoding, chunkSize: Int
  ) throws -> Bool {
    do {
      try forEachChunk(of: file, path: file.path, encoding: encoding, from: 0, chunkSize: chunkSize)
      { _ in true }
      return true
    } catch SpreadsheetError.csvInvalidEncoding {
      return false
    }
  }

  /// Reads `file` from byte `offset` in chunks and calls `body` with each chunk decoded to
  /// UTF-8, until `body` returns false. Returns whether the whole file was read.
  ///
  /// - Throws: `SpreadsheetError.csvInvalidEncoding` at the first invalid byte sequence.
  @discardableResult
  private static func forEachChunk(
    of file: ReadOnlyFile, path: String, encoding: TextEncoding, from offset: Int,
    chunkSize: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Bool
  ) throws -> Bool {
    var decoder = CSVTextDecoder(encoding: encoding, offset: offset)
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    var text: [UInt8] = []
    text.reserveCapacity(chunkSize * 2)

    do {
      while true {
        let count = try chunk.withUnsafeMutableBytes { buffer in
          try file.read(into: buffer, at: Int64(decoder.offset))
        }
        if count == 0 { break }

        text.removeAll(keepingCapacity: true)
        try chunk.withUnsafeBufferPointer { buffer throws(CSVTextDecoder.Failure) in
          try decoder.decode(UnsafeBufferPointer(rebasing: buffer[..<count]), into: &text)
        }
        let isContinuing = try text.withUnsafeBufferPointer { try body($0) }
        if !isContinuing { return false }
      }
      try decoder.finish()
    } catch let failure as CSVTextDecoder.Failure {
      throw SpreadsheetError.csvInvalidEncoding(
        path: path, encoding: encodingName(encoding), offset: failure.offset)
    }
    return true
  }

  private static func encodingName(_ encoding: TextEncoding) -> String {
    switch encoding {
    case .utf8, .utf8WithBOM: return "UTF-8"
    case .utf16LittleEndian: return "UTF-16LE"
    case .utf16BigEndian: return "UTF-16BE"
    case .windows1252: return "Windows-1252"
    }
  }
}
