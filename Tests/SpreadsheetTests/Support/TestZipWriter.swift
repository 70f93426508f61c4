import CZlib

/// One entry for `TestZipWriter`, with switches for every way the tests bend the format.
struct TestZipEntry {
  enum Method {
    case stored
    case deflated
  }

  enum DataDescriptor {
    case none
    case withSignature
    case withoutSignature
  }

  var name: String
  var data: [UInt8]
  var method: Method = .deflated
  var descriptor: DataDescriptor = .none
  /// Writes zero CRC and sizes in the local header, as streaming writers do.
  var hasZeroLocalSizes = false
  /// Saturates the central header's sizes and offset and puts the values in a ZIP64 extra field.
  var usesZip64Extra = false
  /// The general-purpose flags; bit 3 is added for a data descriptor.
  var flags: UInt16 = 0
  /// A method number written in place of the real one (for unsupported-method tests).
  var methodOverride: UInt16?
  var crcOverride: UInt32?
  var uncompressedSizeOverride: UInt32?
  var compressedSizeOverride: UInt32?
  /// Raw bytes written as the entry's data, in place of the compressed `data`.
  var rawDataOverride: [UInt8]?
  /// A central-directory offset written in place of the entry's real local header offset.
  var localHeaderOffsetOverride: UInt32?
  /// A compressed size written in the ZIP64 extra field in place of the real one.
  var zip64CompressedSizeOverride: UInt64?
  /// Whether the central directory lists the entry; an unlisted one leaves only a local header.
  var isListed = true

  init(_ name: String, _ text: String, method: Method = .deflated) {
    self.name = name
    self.data = Array(text.utf8)
    self.method = method
  }

  init(_ name: String, bytes: [UInt8], method: Method = .deflated) {
    self.name = name
    self.data = bytes
    self.method = method
  }
}

/// Writes ZIP archives byte by byte for tests, so that each field can be set to a hostile value.
struct TestZipWriter {
  var entries: [TestZipEntry]
  /// Writes a ZIP64 end of central directory record and locator, and saturates the classic
  /// end record's fields.
  var usesZip64EndRecord = false
  var comment: [UInt8] = []
  /// Bytes placed before the first local header, as a self-extractor stub is.
  var prefix: [UInt8] = []
  /// An entry count written in the end record in place of the real one.
  var entryCountOverride: UInt16?
  /// Values written in the ZIP64 end record and locator in place of the real ones.
  var zip64DirectoryOffsetOverride: UInt64?
  var zip64DirectorySizeOverride: UInt64?
  var zip64RecordOffsetOverride: UInt64?

  init(_ entries: [TestZipEntry]) {
    self.entries = entries
  }

  /// Returns the archive's bytes.
  func bytes() -> [UInt8] {
    var output = prefix
    var central: [UInt8] = []
    var listedCount = 0

    for entry in entries {
      let offset = UInt32(output.count)
      let compressed =
        entry.rawDataOverride
        ?? (entry.method == .deflated ? rawDeflate(entry.data) : entry.data)
      let crc = entry.crcOverride ?? crc32Value(of: entry.data)
      let uncompressedSize = entry.uncompressedSizeOverride ?? UInt32(entry.data.count)
      let compressedSize = entry.compressedSizeOverride ?? UInt32(compressed.count)
      let methodNumber: UInt16 = entry.methodOverride ?? (entry.method == .deflated ? 8 : 0)
      let flags = entry.flags | (entry.descriptor == .none ? 0 : 0x0008) | 0x0800
      let name = Array(entry.name.utf8)
      let isLocalZero = entry.hasZeroLocalSizes || entry.descriptor != .none

      output.appendUInt32(0x0403_4B50)
      output.appendUInt16(20)
      output.appendUInt16(flags)
      output.appendUInt16(methodNumber)
      output.appendUInt32(0)
      output.appendUInt32(isLocalZero ? 0 : crc)
      output.appendUInt32(isLocalZero ? 0 : compressedSize)
      output.appendUInt32(isLocalZero ? 0 : uncompressedSize)
      output.appendUInt16(UInt16(name.count))
      output.appendUInt16(0)
      output.append(contentsOf: name)
      output.append(contentsOf: compressed)

      switch entry.descriptor {
      case .none: break
      case .withSignature, .withoutSignature:
        if entry.descriptor == .withSignature { output.appendUInt32(0x0807_4B50) }
        output.appendUInt32(crc)
        output.appendUInt32(compressedSize)
        output.appendUInt32(uncompressedSize)
      }

      guard entry.isListed else { continue }
      listedCount += 1
      var extra: [UInt8] = []
      if entry.usesZip64Extra {
        extra.appendUInt16(0x0001)
        extra.appendUInt16(24)
        extra.appendUInt64(UInt64(uncompressedSize))
        extra.appendUInt64(entry.zip64CompressedSizeOverride ?? UInt64(compressedSize))
        extra.appendUInt64(UInt64(entry.localHeaderOffsetOverride ?? offset))
      }
      let saturated: UInt32 = 0xFFFF_FFFF
      central.appendUInt32(0x0201_4B50)
      central.appendUInt16(45)
      central.appendUInt16(45)
      central.appendUInt16(flags)
      central.appendUInt16(methodNumber)
      central.appendUInt32(0)
      central.appendUInt32(crc)
      central.appendUInt32(entry.usesZip64Extra ? saturated : compressedSize)
      central.appendUInt32(entry.usesZip64Extra ? saturated : uncompressedSize)
      central.appendUInt16(UInt16(name.count))
      central.appendUInt16(UInt16(extra.count))
      central.appendUInt16(0)
      central.appendUInt16(0)
      central.appendUInt16(0)
      central.appendUInt32(0)
      central.appendUInt32(
        entry.usesZip64Extra ? saturated : (entry.localHeaderOffsetOverride ?? offset))
      central.append(contentsOf: name)
      central.append(contentsOf: extra)
    }

    let directoryOffset = output.count
    output.append(contentsOf: central)
    let count = listedCount

    if usesZip64EndRecord {
      let recordOffset = output.count
      output.appendUInt32(0x0606_4B50)
      output.appendUInt64(44)
      output.appendUInt16(45)
      output.appendUInt16(45)
      output.appendUInt32(0)
      output.appendUInt32(0)
      output.appendUInt64(UInt64(count))
      output.appendUInt64(UInt64(count))
      output.appendUInt64(zip64DirectorySizeOverride ?? UInt64(central.count))
      output.appendUInt64(zip64DirectoryOffsetOverride ?? UInt64(directoryOffset))
      output.appendUInt32(0x0706_4B50)
      output.appendUInt32(0)
      output.appendUInt64(zip64RecordOffsetOverride ?? UInt64(recordOffset))
      output.appendUInt32(1)
    }

    output.appendUInt32(0x0605_4B50)
    output.appendUInt16(0)
    output.appendUInt16(0)
    let shownCount = entryCountOverride ?? (usesZip64EndRecord ? 0xFFFF : UInt16(count))
    output.appendUInt16(shownCount)
    output.appendUInt16(shownCount)
    output.appendUInt32(usesZip64EndRecord ? 0xFFFF_FFFF : UInt32(central.count))
    output.appendUInt32(usesZip64EndRecord ? 0xFFFF_FFFF : UInt32(directoryOffset))
    output.appendUInt16(UInt16(comment.count))
    output.append(contentsOf: comment)
    return output
  }
}

/// Compresses `bytes` as a raw deflate stream (no zlib header), as ZIP stores it, with zlib's
/// `deflateInit2_`, `deflate` and `deflateEnd`.
func rawDeflate(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
  var stream = z_stream()
  let status = deflateInit2_(
    &stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
    Int32(MemoryLayout<z_stream>.size))
  precondition(status == Z_OK, "deflateInit2_ failed with \(status)")
  defer { deflateEnd(&stream) }

  var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 16)
  var input = bytes
  let written = input.withUnsafeMutableBufferPointer { source in
    output.withUnsafeMutableBufferPointer { target in
      stream.next_in = source.baseAddress
      stream.avail_in = uInt(source.count)
      stream.next_out = target.baseAddress
      stream.avail_out = uInt(target.count)
      let result = deflate(&stream, Z_FINISH)
      precondition(result == Z_STREAM_END, "deflate did not finish: \(result)")
      return target.count - Int(stream.avail_out)
    }
  }
  return Array(output.prefix(written))
}

/// Returns the CRC-32 of `bytes`, through zlib's `crc32`.
func crc32Value(of bytes: [UInt8]) -> UInt32 {
  bytes.withUnsafeBufferPointer { buffer in
    UInt32(crc32(0, buffer.baseAddress, uInt(buffer.count)))
  }
}

extension Array where Element == UInt8 {
  mutating func appendUInt16(_ value: UInt16) {
    append(UInt8(value & 0xFF))
    append(UInt8(value >> 8))
  }

  mutating func appendUInt32(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
  }

  mutating func appendUInt64(_ value: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) { append(UInt8((value >> UInt64(shift)) & 0xFF)) }
  }
}

/// Builds the parts of a minimal workbook around one or more worksheet parts, so that tests
/// state only the XML they are about.
struct TestWorkbook {
  var sheets: [(name: String, xml: String)]
  var sharedStrings: String?
  var styles: String?
  var workbookAttributes = ""
  var method: TestZipEntry.Method = .deflated

  init(sheet xml: String, sharedStrings: String? = nil) {
    sheets = [("Sheet1", xml)]
    self.sharedStrings = sharedStrings
  }

  init(sheets: [(name: String, xml: String)]) {
    self.sheets = sheets
  }

  static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let relationshipNamespace =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  /// Wraps `rows` (the content of `<sheetData>`) in a worksheet part.
  static func worksheet(_ rows: String) -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      + "<worksheet xmlns=\"\(mainNamespace)\"><sheetData>\(rows)</sheetData></worksheet>"
  }

  /// Wraps `items` (`<si>` elements) in a shared strings part.
  static func sharedStrings(_ items: String) -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(mainNamespace)\">\(items)</sst>"
  }

  func entries() -> [TestZipEntry] {
    let type = "application/vnd.openxmlformats-officedocument"
    var overrides =
      "<Override PartName=\"/xl/workbook.xml\""
      + " ContentType=\"\(type).spreadsheetml.sheet.main+xml\"/>"
    var workbookRels = ""
    var sheetElements = ""
    for (index, sheet) in sheets.enumerated() {
      let number = index + 1
      overrides +=
        "<Override PartName=\"/xl/worksheets/sheet\(number).xml\""
        + " ContentType=\"\(type).spreadsheetml.worksheet+xml\"/>"
      workbookRels +=
        "<Relationship Id=\"rId\(number)\" Target=\"worksheets/sheet\(number).xml\""
        + " Type=\"\(TestWorkbook.relationshipNamespace)/worksheet\"/>"
      sheetElements += "<sheet name=\"\(sheet.name)\" sheetId=\"\(number)\" r:id=\"rId\(number)\"/>"
    }
    if sharedStrings != nil {
      workbookRels +=
        "<Relationship Id=\"rIdS\" Target=\"sharedStrings.xml\""
        + " Type=\"\(TestWorkbook.relationshipNamespace)/sharedStrings\"/>"
    }
    if styles != nil {
      workbookRels +=
        "<Relationship Id=\"rIdT\" Target=\"styles.xml\""
        + " Type=\"\(TestWorkbook.relationshipNamespace)/styles\"/>"
    }

    let contentTypes =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
      + "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      + overrides + "</Types>"
    let packageRels = relationships(
      "<Relationship Id=\"rId1\" Target=\"xl/workbook.xml\""
        + " Type=\"\(TestWorkbook.relationshipNamespace)/officeDocument\"/>")
    let workbook =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<workbook xmlns=\"\(TestWorkbook.mainNamespace)\""
      + " xmlns:r=\"\(TestWorkbook.relationshipNamespace)\">"
      + "<workbookPr\(workbookAttributes)/><sheets>\(sheetElements)</sheets></workbook>"

    var entries = [
      TestZipEntry("[Content_Types].xml", contentTypes, method: method),
      TestZipEntry("_rels/.rels", packageRels, method: method),
      TestZipEntry("xl/workbook.xml", workbook, method: method),
      TestZipEntry("xl/_rels/workbook.xml.rels", relationships(workbookRels), method: method),
    ]
    for (index, sheet) in sheets.enumerated() {
      entries.append(TestZipEntry("xl/worksheets/sheet\(index + 1).xml", sheet.xml, method: method))
    }
    if let sharedStrings {
      entries.append(TestZipEntry("xl/sharedStrings.xml", sharedStrings, method: method))
    }
    if let styles {
      entries.append(TestZipEntry("xl/styles.xml", styles, method: method))
    }
    return entries
  }

  func bytes() -> [UInt8] {
    TestZipWriter(entries()).bytes()
  }

  private func relationships(_ items: String) -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      + items + "</Relationships>"
  }
}
