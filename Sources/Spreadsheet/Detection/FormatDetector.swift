/// The kind of container a file is, as far as choosing a reader goes.
enum DetectedFormat: Sendable, Equatable {
  case zipPackage
  case delimitedText
  case htmlTable
}

/// Tells a file's format from its first bytes, and rejects formats this reader does not read.
enum FormatDetector {
  /// The bytes read from the start of a file to tell its format and whether it is text.
  static let sampleSize = 64 << 10

  /// Detects the format of the file at `path`.
  ///
  /// The checks run in this order. First come an empty file, an Excel lock file name (`~$...`)
  /// and an OLE2 compound file, judged by its directory. Then come a ZIP signature, raw BIFF2-5
  /// records, an HTML page, another XML document, a known binary format and bytes that are not
  /// text. Anything else is delimited text.
  ///
  /// - Throws: `SpreadsheetError.emptyFile`, `.excelLockFile`, `.legacyExcel`,
  ///   `.encryptedWorkbook` or `.unrecognizedFormat` naming what the file is, and
  ///   `.fileNotFound` or `.readFailed` when it cannot be read.
  static func detect(path: String) throws -> DetectedFormat {
    let file = try ReadOnlyFile(path: path)
    guard file.size > 0 else { throw SpreadsheetError.emptyFile(path: path) }

    let name = path.split(separator: "/").last.map(String.init) ?? path
    if name.hasPrefix("~$") { throw SpreadsheetError.excelLockFile(path: path) }

    let head = try file.readBytes(count: sampleSize, at: 0)
    if head.starts(with: CompoundFileDirectory.signature) {
      try rejectCompoundFile(file, path: path)
    }
    if isZipSignature(head) { return .zipPackage }
    if let variant = BinaryInterchangeFileFormat.variant(ofFirstRecord: head) {
      throw SpreadsheetError.legacyExcel(path: path, variant: variant)
    }
    if HTMLSniffer.isHTML(head) { return .htmlTable }
    try XMLSniffer.rejectXMLDocument(head, path: path)
    if let detail = BinarySignature.name(of: head) ?? TextSniffer.problem(with: head) {
      throw SpreadsheetError.unrecognizedFormat(path: path, detail: detail)
    }
    return .delimitedText
  }

  /// Reads an OLE2 compound file's directory and throws the error that fits its streams.
  private static func rejectCompoundFile(_ file: ReadOnlyFile, path: String) throws -> Never {
    let names: Set<String>
    do {
      names = Set(try CompoundFileDirectory(file: file).rootEntryNames.map { $0.uppercased() })
    } catch {
      throw SpreadsheetError.unrecognizedFormat(
        path: path,
        detail: "a damaged OLE2 compound file, as legacy .xls files are, because \(error.reason)")
    }

    if names.contains("ENCRYPTIONINFO") && names.contains("ENCRYPTEDPACKAGE") {
      throw SpreadsheetError.encryptedWorkbook(path: path)
    }
    if names.contains("WORKBOOK") {
      throw SpreadsheetError.legacyExcel(path: path, variant: "BIFF8, an OLE2 compound file")
    }
    if names.contains("BOOK") {
      throw SpreadsheetError.legacyExcel(path: path, variant: "BIFF5, an OLE2 compound file")
    }
    throw SpreadsheetError.unrecognizedFormat(
      path: path,
      detail: "an OLE2 compound file without a workbook stream, such as a Word or Outlook file")
  }

  /// Tells whether `head` opens with a local file header, an empty archive's end record, or
  /// the marker of a split or spanned archive.
  private static func isZipSignature(_ head: [UInt8]) -> Bool {
    let signatures: [[UInt8]] = [
      [0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06], [0x50, 0x4B, 0x07, 0x08],
      [0x50, 0x4B, 0x30, 0x30, 0x50, 0x4B, 0x03, 0x04],
    ]
    return signatures.contains { head.starts(with: $0) }
  }
}

/// Recognises the first record of a raw BIFF2-5 workbook, written without an OLE2 container.
enum BinaryInterchangeFileFormat {
  /// Returns the BIFF version that the beginning-of-file record opening `head` names, or nil
  /// when `head` does not open with a plausible one.
  ///
  /// A BOF record is a 2-byte record id (0x0009 in BIFF2, 0x0209 in BIFF3, 0x0409 in BIFF4,
  /// 0x0809 in BIFF5 and 8), a 2-byte length, a 2-byte version and a 2-byte substream type,
  /// all little-endian.
  static func variant(ofFirstRecord head: [UInt8]) -> String? {
    guard head.count >= 8 else { return nil }
    let recordID = UInt16(head[0]) | UInt16(head[1]) << 8
    let length = UInt16(head[2]) | UInt16(head[3]) << 8
    let version = UInt16(head[4]) | UInt16(head[5]) << 8
    let type = UInt16(head[6]) | UInt16(head[7]) << 8

    // Workbook globals, VB module, worksheet, chart, macro sheet, workspace.
    let substreamTypes: Set<UInt16> = [0x0005, 0x0006, 0x0010, 0x0020, 0x0040, 0x0100]
    guard substreamTypes.contains(type) else { return nil }

    let suffix = ", raw records without an OLE2 container"
    switch recordID {
    case 0x0009 where length == 4:
      return "BIFF2" + suffix
    case 0x0209 where (4...16).contains(length):
      return "BIFF3" + suffix
    case 0x0409 where (4...16).contains(length):
      return "BIFF4" + suffix
    case 0x0809 where (8...20).contains(length) && version == 0x0500:
      return "BIFF5" + suffix
    case 0x0809 where (8...20).contains(length) && version == 0x0600:
      return "BIFF8" + suffix
    default:
      return nil
    }
  }
}

/// Recognises an HTML page by its first tag, as web applications export tables as ".xls".
enum HTMLSniffer {
  private static let openings = ["<!doctype html", "<html", "<table", "<meta", "<head", "<body"]

  /// Tells whether `head`, after a byte order mark, white space, an XML declaration and
  /// comments, opens with one of the tags in `openings`, in any case.
  static func isHTML(_ head: [UInt8]) -> Bool {
    let text = asciiPrefix(of: head)
    var index = text.startIndex

    while true {
      while index < text.endIndex, isWhitespace(text[index]) { index += 1 }
      let rest = text[index...]
      if let skipped = skipMarkup(rest, opening: "<?", closing: "?>")
        ?? skipMarkup(rest, opening: "<!--", closing: "-->")
      {
        index = skipped
        continue
      }
      break
    }

    let rest = text[index...]
    return openings.contains { opening in
      let tag = Array(opening.utf8)
      guard rest.count > tag.count, rest.starts(with: tag) else { return false }
      let next = rest[rest.startIndex + tag.count]
      return isWhitespace(next) || next == UInt8(ascii: ">") || next == UInt8(ascii: "/")
    }
  }

  /// Returns the first bytes of `head` as lower-case ASCII, with a UTF-8 BOM dropped and UTF-16
  /// text (with a BOM) narrowed to one byte per unit.
  static func asciiPrefix(of head: [UInt8]) -> [UInt8] {
    let limit = 4096
    var bytes: [UInt8]
    if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
      let lowFirst = head[0] == 0xFF
      bytes = stride(from: 2, to: min(head.count, 2 * limit) - 1, by: 2).map {
        let (low, high) = lowFirst ? (head[$0], head[$0 + 1]) : (head[$0 + 1], head[$0])
        return high == 0 ? low : 0xFF
      }
    } else {
      bytes = Array(head.prefix(limit))
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    }
    return bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
  }

  /// Returns the index after `closing` when `text` opens with `opening`, or nil.
  private static func skipMarkup(
    _ text: ArraySlice<UInt8>, opening: String, closing: String
  ) -> Int? {
    guard text.starts(with: Array(opening.utf8)) else { return nil }
    let end = Array(closing.utf8)
    var index = text.startIndex + opening.utf8.count
    while index + end.count <= text.endIndex {
      if text[index..<index + end.count].elementsEqual(end) { return index + end.count }
      index += 1
    }
    return nil
  }

  private static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
  }
}

/// Recognises an XML document that is not HTML, which would otherwise be read as one-column CSV.
enum XMLSniffer {
  /// The namespace of Excel's "XML Spreadsheet 2003" format, in lower case.
  private static let spreadsheet2003Namespace = Array(
    "urn:schemas-microsoft-com:office:spreadsheet".utf8)

  /// Throws when `head`, after a byte order mark and white space, opens with an XML declaration,
  /// or opens with a tag and names the XML Spreadsheet 2003 namespace.
  ///
  /// - Throws: `SpreadsheetError.legacyExcel` for XML Spreadsheet 2003, and
  ///   `.unrecognizedFormat` for any other XML document.
  static func rejectXMLDocument(_ head: [UInt8], path: String) throws {
    let text = HTMLSniffer.asciiPrefix(of: head)
    let rest = text.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    let isSpreadsheet2003 = contains(spreadsheet2003Namespace, in: rest)
    guard rest.starts(with: Array("<?xml".utf8)) || (rest.first == 0x3C && isSpreadsheet2003)
    else { return }

    if isSpreadsheet2003 {
      throw SpreadsheetError.legacyExcel(path: path, variant: "XML Spreadsheet 2003, one XML file")
    }
    throw SpreadsheetError.unrecognizedFormat(path: path, detail: "an XML document")
  }

  private static func contains(_ pattern: [UInt8], in text: ArraySlice<UInt8>) -> Bool {
    guard text.count >= pattern.count else { return false }
    return (text.startIndex...(text.endIndex - pattern.count)).contains {
      text[$0..<$0 + pattern.count].elementsEqual(pattern)
    }
  }
}

/// Names well-known binary formats by their magic numbers.
enum BinarySignature {
  private static let signatures: [(bytes: [UInt8], name: String)] = [
    (Array("%PDF-".utf8), "a PDF document"),
    ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG image"),
    (Array("GIF87a".utf8), "a GIF image"),
    (Array("GIF89a".utf8), "a GIF image"),
    ([0xFF, 0xD8, 0xFF], "a JPEG image"),
    ([0x49, 0x49, 0x2A, 0x00], "a TIFF image"),
    ([0x4D, 0x4D, 0x00, 0x2A], "a TIFF image"),
    ([0x1F, 0x8B], "a gzip archive"),
    ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "a 7-Zip archive"),
    (Array("Rar!".utf8) + [0x1A, 0x07], "a RAR archive"),
    ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "an xz archive"),
    ([0x28, 0xB5, 0x2F, 0xFD], "a Zstandard archive"),
    (Array("BZh".utf8), "a bzip2 archive"),
    ([0x7F, 0x45, 0x4C, 0x46], "an ELF executable"),
    (Array("SQLite format 3".utf8) + [0x00], "an SQLite database"),
    (Array("{\\rtf".utf8), "an RTF document"),
    ([0xFF, 0xFE, 0x00, 0x00], "UTF-32 text, which is not read"),
    ([0x00, 0x00, 0xFE, 0xFF], "UTF-32 text, which is not read"),
  ]

  /// Returns the name of the format whose signature opens `head`, or nil.
  static func name(of head: [UInt8]) -> String? {
    for (bytes, name) in signatures where head.starts(with: bytes) {
      // "BZh" is also plain text; a bzip2 stream follows it with a block size and a block magic.
      if name == "a bzip2 archive" {
        let blockMagic: [UInt8] = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]
        guard head.count >= 10, (0x31...0x39).contains(head[3]),
          head[4..<10].elementsEqual(blockMagic)
        else { continue }
      }
      return name
    }
    return nil
  }
}

/// Tells bytes that are no text apart from text in some 8-bit or UTF-8 encoding.
enum TextSniffer {
  /// Returns what is wrong with `head` as the start of a text file, or nil when it may be text.
  ///
  /// Text with a UTF-16 byte order mark passes, and the CSV reader checks it. Without one, a
  /// NUL byte marks binary data, or UTF-16 without a BOM when every other byte is NUL. Control
  /// characters in more than 1% of the bytes, and at least eight of them, mark binary data too,
  /// so a small CSV with one stray control character still reads. Tab, line feed, vertical tab
  /// (a line break inside a cell in some Excel exports), form feed, carriage return and
  /// substitute (0x1A, an old end-of-file mark) do not count.
  static func problem(with head: [UInt8]) -> String? {
    if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return nil }

    if let firstNUL = head.firstIndex(of: 0) {
      for parity in 0..<2 {
        let highBytes = stride(from: parity, to: head.count, by: 2).map { head[$0] }
        let lowBytes = stride(from: 1 - parity, to: head.count, by: 2).map { head[$0] }
        let nulCount = highBytes.filter { $0 == 0 }.count
        if nulCount * 10 >= highBytes.count * 9, controlCount(in: lowBytes) * 100 <= lowBytes.count
        {
          return "UTF-16 text without a byte order mark"
        }
      }
      return "binary data, with a NUL byte at offset \(firstNUL)"
    }

    let controls = controlCount(in: head)
    if controls * 100 > head.count, controls >= 8 {
      return "binary data, with \(controls) control bytes in the first \(head.count)"
    }
    return nil
  }

  /// Counts the bytes below 0x20, and DEL, that text does not use.
  private static func controlCount(in bytes: [UInt8]) -> Int {
    let allowed: Set<UInt8> = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1A]
    return bytes.filter { ($0 < 0x20 && !allowed.contains($0)) || $0 == 0x7F }.count
  }
}
