import Foundation
import Testing

@testable import Spreadsheet

/// Checks the ZIP layer through whole workbooks written by `TestZipWriter`: the central
/// directory, ZIP64, data descriptors, checksums, sizes, part names and the zip-bomb limits.
struct ZipArchiveTests {
  static let sheetPart = "xl/worksheets/sheet1.xml"
  static let sheet = TestWorkbook.worksheet(
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ID</t></is></c><c r=\"B1\"><v>42</v></c></row>"
      + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Grower</t></is></c>"
      + "<c r=\"B2\"><v>7</v></c></row>")
  static let expected = [["ID", "42"], ["Grower", "7"]]

  static var workbookEntries: [TestZipEntry] { TestWorkbook(sheet: sheet).entries() }

  struct Layout: Sendable, CustomTestStringConvertible {
    var label: String
    var method: TestZipEntry.Method
    var descriptor: TestZipEntry.DataDescriptor
    var hasZeroLocalSizes = false
    var usesZip64 = false

    var testDescription: String { label }
  }

  static let layouts: [Layout] = [
    Layout(label: "stored", method: .stored, descriptor: .none),
    Layout(label: "deflated", method: .deflated, descriptor: .none),
    Layout(
      label: "deflated, descriptor with signature", method: .deflated,
      descriptor: .withSignature),
    Layout(
      label: "deflated, descriptor without signature", method: .deflated,
      descriptor: .withoutSignature),
    Layout(
      label: "stored, descriptor without signature", method: .stored,
      descriptor: .withoutSignature),
    Layout(
      label: "deflated, zero local sizes", method: .deflated, descriptor: .none,
      hasZeroLocalSizes: true),
    Layout(
      label: "deflated, ZIP64 extra fields and end record", method: .deflated,
      descriptor: .none, usesZip64: true),
    Layout(
      label: "stored, ZIP64 with descriptors", method: .stored, descriptor: .withSignature,
      usesZip64: true),
  ]

  @Test(arguments: layouts)
  func archiveLayoutReadsTheSameCells(layout: Layout) throws {
    var writer = TestZipWriter(
      ZipArchiveTests.workbookEntries.map { entry in
        var copy = entry
        copy.method = layout.method
        copy.descriptor = layout.descriptor
        copy.hasZeroLocalSizes = layout.hasZeroLocalSizes
        copy.usesZip64Extra = layout.usesZip64
        return copy
      })
    writer.usesZip64EndRecord = layout.usesZip64
    #expect(try WorkbookProbe.grid(writer.bytes()) == ZipArchiveTests.expected)
  }

  @Test(arguments: [
    "plain comment", "PK\u{5}\u{6} looks like an end record in a comment",
    String(repeating: "c", count: 65_535),
  ])
  func archiveWithCommentReads(comment: String) throws {
    var writer = TestZipWriter(ZipArchiveTests.workbookEntries)
    writer.comment = Array(comment.utf8)
    #expect(try WorkbookProbe.grid(writer.bytes()) == ZipArchiveTests.expected)
  }

  @Test func archiveAfterPrependedBytesReads() throws {
    // A self-extractor stub shifts every offset; the reader finds the directory by its size.
    var writer = TestZipWriter(ZipArchiveTests.workbookEntries)
    writer.prefix = Array(repeating: 0x4D, count: 300)
    #expect(try WorkbookProbe.workbookGrid(writer.bytes()) == ZipArchiveTests.expected)
  }

  @Test func centralDirectoryWinsOverStaleLocalHeaders() throws {
    // A stale copy of the sheet sits before the real one, with only a local header, as an
    // appended update leaves it; the central directory names the real one.
    var stale = TestZipEntry(
      ZipArchiveTests.sheetPart,
      TestWorkbook.worksheet(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>stale</t></is></c></row>"))
    stale.isListed = false
    let bytes = TestZipWriter([stale] + ZipArchiveTests.workbookEntries).bytes()
    #expect(try WorkbookProbe.grid(bytes) == ZipArchiveTests.expected)
  }

  @Test func localHeaderNameDoesNotMatter() throws {
    // The local header's name is never read; only the central directory names entries.
    let entries = ZipArchiveTests.workbookEntries
    var bytes = TestZipWriter(entries).bytes()
    let name = Array(ZipArchiveTests.sheetPart.utf8)
    let local = try #require(firstRange(of: name, in: bytes))
    bytes.replaceSubrange(local, with: Array(repeating: UInt8(ascii: "Z"), count: name.count))
    #expect(try WorkbookProbe.grid(bytes) == ZipArchiveTests.expected)
  }

  @Test func partNamesMatchCaseInsensitivelyWithBackslashes() throws {
    var entries = ZipArchiveTests.workbookEntries
    entries = modifying(entries, named: ZipArchiveTests.sheetPart) {
      $0.name = "XL\\Worksheets\\Sheet1.XML"
    }
    entries = modifying(entries, named: "xl/_rels/workbook.xml.rels") {
      $0.name = "xl\\_rels\\Workbook.xml.rels"
    }
    entries = modifying(entries, named: "_rels/.rels") { $0.name = "_RELS/.RELS" }
    #expect(try WorkbookProbe.grid(TestZipWriter(entries).bytes()) == ZipArchiveTests.expected)
  }

  @Test(arguments: [
    "/xl/worksheets/sheet1.xml", "./worksheets/../worksheets/sheet1.xml",
    "worksheets\\sheet1.xml", "/XL/WORKSHEETS/SHEET1.XML",
  ])
  func relationshipTargetsResolve(target: String) throws {
    let entries = replacingText(
      "Target=\"worksheets/sheet1.xml\"", with: "Target=\"\(target)\"",
      in: ZipArchiveTests.workbookEntries)
    #expect(try WorkbookProbe.grid(TestZipWriter(entries).bytes()) == ZipArchiveTests.expected)
  }

  // MARK: Damage

  @Test func wrongChecksumNamesTheEntry() {
    let actual = crc32Value(of: Array(ZipArchiveTests.sheet.utf8))
    let entries = modifying(ZipArchiveTests.workbookEntries, named: ZipArchiveTests.sheetPart) {
      $0.crcOverride = actual ^ 0x0000_0100
    }
    let expected = String(actual ^ 0x0000_0100, radix: 16)
    let computed = String(actual, radix: 16)
    #expect(
      WorkbookProbe.errorText(TestZipWriter(entries).bytes())
        == "book.xlsx: entry xl/worksheets/sheet1.xml fails its CRC-32 check (expected "
        + "0x\(padded(expected)), computed 0x\(padded(computed))); the file is damaged."
        + " Export and copy it again.")
  }

  @Test(arguments: [TestZipEntry.Method.stored, .deflated])
  func declaredSizeMismatchIsCorrupt(method: TestZipEntry.Method) {
    let size = ZipArchiveTests.sheet.utf8.count
    let entries = modifying(ZipArchiveTests.workbookEntries, named: ZipArchiveTests.sheetPart) {
      $0.method = method
      $0.uncompressedSizeOverride = UInt32(size + 1)
    }
    #expect(
      WorkbookProbe.errorText(TestZipWriter(entries).bytes())
        == "book.xlsx: the ZIP archive is corrupt in entry xl/worksheets/sheet1.xml (inflated to"
        + " \(size) bytes, but the directory says \(size + 1))."
        + " Export and copy the file again, or re-save it as .xlsx or .csv.")
  }

  @Test func unsupportedMethodIsNamed() {
    let entries = modifying(ZipArchiveTests.workbookEntries, named: ZipArchiveTests.sheetPart) {
      $0.methodOverride = 12
    }
    #expect(
      WorkbookProbe.errorText(TestZipWriter(entries).bytes())
        == "book.xlsx: entry xl/worksheets/sheet1.xml uses ZIP compression method 12;"
        + " only stored (0) and deflated (8) entries are read. Re-save it as .xlsx or .csv.")
  }

  @Test func encryptedEntryFlagIsRejected() {
    let entries = modifying(ZipArchiveTests.workbookEntries, named: ZipArchiveTests.sheetPart) {
      $0.flags = 1
    }
    #expect(
      WorkbookProbe.errorText(TestZipWriter(entries).bytes())
        == "book.xlsx: entry xl/worksheets/sheet1.xml is encrypted."
        + " Remove the password and re-save it as .xlsx.")
  }

  @Test func deflateStreamWithoutFinalBlockIsCorrupt() {
    let entries = modifying(ZipArchiveTests.workbookEntries, named: ZipArchiveTests.sheetPart) {
      $0.rawDataOverride = deflateWithoutFinalBlock($0.data)
    }
    #expect(
      WorkbookProbe.errorText(TestZipWriter(entries).bytes())
        == "book.xlsx: the ZIP archive is corrupt in entry xl/worksheets/sheet1.xml (the deflate"
        + " stream ends before its last block). Export and copy the file again, or re-save it as"
        + " .xlsx or .csv.")
  }

  @Test func invalidDeflateDataIsCorrupt() {
    let entries = modifying(ZipArchiveTests.workbookEntries, named: ZipArchiveTests.sheetPart) {
      // Block header 0b111: final block of the reserved type 3.
      $0.rawDataOverride = [0x07, 0x00, 0x00, 0x00]
    }
    #expect(
      WorkbookProbe.errorText(TestZipWriter(entries).bytes())
        == "book.xlsx: the ZIP archive is corrupt in entry xl/worksheets/sheet1.xml (invalid"
        + " deflate data: invalid block type). Export and copy the file again, or re-save it as"
        + " .xlsx or .csv.")
  }

  @Test func entryRunningPastTheEndIsTruncated() {
    let entries = modifying(ZipArchiveTests.workbookEntries, named: ZipArchiveTests.sheetPart) {
      $0.compressedSizeOverride = 1 << 20
    }
    #expect(
      WorkbookProbe.errorText(TestZipWriter(entries).bytes())
        == "book.xlsx: the file is truncated (entry xl/worksheets/sheet1.xml runs past the end of"
        + " the file); it may still be copying. Wait for the copy to finish, or export and copy it"
        + " again.")
  }

  @Test func localHeaderOffsetIntoDataIsCorrupt() {
    let entries = modifying(ZipArchiveTests.workbookEntries, named: ZipArchiveTests.sheetPart) {
      $0.localHeaderOffsetOverride = 3
    }
    #expect(
      WorkbookProbe.errorText(TestZipWriter(entries).bytes())
        == "book.xlsx: the ZIP archive is corrupt in entry xl/worksheets/sheet1.xml (no local"
        + " file header at byte 3). Export and copy the file again, or re-save it as .xlsx or"
        + " .csv.")
  }

  @Test func missingEndRecordIsTruncated() {
    let bytes = TestZipWriter(ZipArchiveTests.workbookEntries).bytes()
    #expect(
      WorkbookProbe.errorText(Array(bytes.dropLast(22)))
        == "book.xlsx: the file is truncated (no end of central directory record); it may still"
        + " be copying. Wait for the copy to finish, or export and copy it again.")
  }

  @Test func centralDirectoryClaimingHugeCountIsCorrupt() throws {
    var writer = TestZipWriter(ZipArchiveTests.workbookEntries)
    writer.entryCountOverride = 0xFFFE
    let bytes = writer.bytes()
    let size = try #require(directorySize(of: bytes))
    #expect(
      WorkbookProbe.errorText(bytes)
        == "book.xlsx: the ZIP archive is corrupt (the central directory claims 65534 entries in"
        + " \(size) bytes). Export and copy the file again, or re-save it as .xlsx or"
        + " .csv.")
  }

  @Test func zip64LocatorPointingOutsideTheFileIsCorrupt() {
    var writer = TestZipWriter(ZipArchiveTests.workbookEntries)
    writer.usesZip64EndRecord = true
    writer.zip64RecordOffsetOverride = 1 << 40
    #expect(
      WorkbookProbe.errorText(writer.bytes())
        == "book.xlsx: the ZIP archive is corrupt (the ZIP64 locator points outside the file)."
        + " Export and copy the file again, or re-save it as .xlsx or .csv.")
  }

  @Test(arguments: [
    (UInt64(1) << 40, UInt64(500)), (UInt64(Int64.max - 10), UInt64(500)),
    (UInt64(100), UInt64(Int64.max - 10)), (UInt64(1) << 62, UInt64(1) << 62),
  ])
  func zip64DirectoryOutsideTheFileIsRejected(offset: UInt64, size: UInt64) {
    var writer = TestZipWriter(ZipArchiveTests.workbookEntries)
    writer.usesZip64EndRecord = true
    writer.zip64DirectoryOffsetOverride = offset
    writer.zip64DirectorySizeOverride = size
    let text = WorkbookProbe.errorText(writer.bytes()) ?? "no error"
    #expect(text.hasPrefix("book.xlsx: the file is truncated (the central directory at byte"))
  }

  @Test(arguments: [UInt64(1) << 40, UInt64(Int64.max - 10)])
  func zip64CompressedSizePastTheFileIsTruncated(size: UInt64) {
    let entries = modifying(ZipArchiveTests.workbookEntries, named: ZipArchiveTests.sheetPart) {
      $0.usesZip64Extra = true
      $0.zip64CompressedSizeOverride = size
    }
    #expect(
      WorkbookProbe.errorText(TestZipWriter(entries).bytes())
        == "book.xlsx: the file is truncated (entry xl/worksheets/sheet1.xml runs past the end of"
        + " the file); it may still be copying. Wait for the copy to finish, or export and copy it"
        + " again.")
  }

  // MARK: Zip-bomb limits

  static let bigSheet = TestWorkbook.worksheet(
    (1...400).map { row in
      "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"inlineStr\"><is><t>the same text</t></is></c></row>"
    }.joined())

  static func limits(
    entry: Int64 = 4 << 30, total: Int64 = 16 << 30, ratio: Int = 1_000,
    threshold: Int64 = 1 << 20
  ) -> ReadLimits {
    var limits = ReadLimits()
    limits.maximumEntrySize = entry
    limits.maximumTotalSize = total
    limits.maximumCompressionRatio = ratio
    limits.ratioThreshold = threshold
    return limits
  }

  @Test func entryDeclaredOverTheLimitIsRejected() {
    let bytes = TestWorkbook(sheet: ZipArchiveTests.bigSheet).bytes()
    #expect(
      WorkbookProbe.errorText(bytes, limits: ZipArchiveTests.limits(entry: 10_000))
        == "book.xlsx: entry xl/worksheets/sheet1.xml inflates past the limit of 10000 bytes per"
        + " entry. If the file is genuine, export it as .csv instead, which has no such limit;"
        + " otherwise discard it.")
  }

  @Test func entryLyingAboutItsSizeStopsAtTheLimit() {
    // The directory claims 100 bytes, so only inflating finds the size.
    let entries = modifying(
      TestWorkbook(sheet: ZipArchiveTests.bigSheet).entries(), named: ZipArchiveTests.sheetPart
    ) { $0.uncompressedSizeOverride = 100 }
    #expect(
      WorkbookProbe.errorText(
        TestZipWriter(entries).bytes(), limits: ZipArchiveTests.limits(entry: 10_000))
        == "book.xlsx: entry xl/worksheets/sheet1.xml inflates past the limit of 10000 bytes per"
        + " entry. If the file is genuine, export it as .csv instead, which has no such limit;"
        + " otherwise discard it.")
  }

  @Test func archiveOverTheTotalLimitNamesTheEntry() {
    let entries = TestWorkbook(sheet: ZipArchiveTests.bigSheet).entries()
    let others = entries.filter { $0.name != ZipArchiveTests.sheetPart }
      .reduce(0) { $0 + $1.data.count }
    let limit = Int64(others + 1_000)
    #expect(
      WorkbookProbe.errorText(
        TestZipWriter(entries).bytes(), limits: ZipArchiveTests.limits(total: limit))
        == "book.xlsx: reading entry xl/worksheets/sheet1.xml takes the archive past the limit of"
        + " \(limit) inflated bytes in total. If the file is genuine, export it as .csv instead,"
        + " which has no such limit.")
  }

  @Test func compressionRatioOverTheLimitIsRejected() {
    let bytes = TestWorkbook(sheet: ZipArchiveTests.bigSheet).bytes()
    #expect(
      WorkbookProbe.errorText(
        bytes, limits: ZipArchiveTests.limits(ratio: 5, threshold: 4_096))
        == "book.xlsx: entry xl/worksheets/sheet1.xml inflates to more than 5 times its"
        + " compressed size, as a zip bomb does. If the file is genuine, export it as .csv"
        + " instead; otherwise discard it.")
  }

  @Test func defaultLimitsReadTheSameSheet() throws {
    let grid = try WorkbookProbe.grid(TestWorkbook(sheet: ZipArchiveTests.bigSheet).bytes())
    #expect(grid.count == 400)
  }

  @Test func overlappingEntriesCountAgainstTheTotal() throws {
    // Ten sheets whose directory entries all point at the first sheet's data, the way an
    // overlapping zip bomb reuses one compressed stream.
    var workbook = TestWorkbook(sheets: (1...10).map { ("S\($0)", ZipArchiveTests.bigSheet) })
    workbook.method = .deflated
    var entries = workbook.entries()
    let firstOffset = try #require(localHeaderOffset(of: ZipArchiveTests.sheetPart, in: entries))
    for number in 2...10 {
      entries = modifying(entries, named: "xl/worksheets/sheet\(number).xml") {
        $0.localHeaderOffsetOverride = UInt32(firstOffset)
      }
    }
    let bytes = TestZipWriter(entries).bytes()
    #expect(try WorkbookProbe.grid(bytes, sheetAt: 9).count == 400)

    let sheetSize = Int64(ZipArchiveTests.bigSheet.utf8.count)
    let limit = sheetSize * 3
    let text = WorkbookProbe.errorText(bytes, limits: ZipArchiveTests.limits(total: limit))
    #expect(text?.hasPrefix("book.xlsx: reading entry xl/worksheets/sheet") == true)
    #expect(
      text?.hasSuffix(
        "takes the archive past the limit of \(limit) inflated bytes in"
          + " total. If the file is genuine, export it as .csv instead, which has no such"
          + " limit.") == true)
  }
}

/// Returns `text` left-padded with zeros to eight hex digits.
private func padded(_ text: String) -> String {
  String(repeating: "0", count: max(0, 8 - text.count)) + text
}

/// Returns the first range where `needle` occurs in `haystack`.
func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
  guard needle.count <= haystack.count else { return nil }
  for start in 0...(haystack.count - needle.count)
  where haystack[start..<(start + needle.count)].elementsEqual(needle) {
    return start..<(start + needle.count)
  }
  return nil
}

/// Returns the central directory size stored in the classic end record of `bytes`.
private func directorySize(of bytes: [UInt8]) -> Int? {
  guard bytes.count >= 22 else { return nil }
  let start = bytes.count - 22 + 12
  return (0..<4).reduce(0) { $0 | Int(bytes[start + $1]) << (8 * $1) }
}

/// Returns the offset at which `TestZipWriter` writes the local header of `name`.
private func localHeaderOffset(of name: String, in entries: [TestZipEntry]) -> Int? {
  var offset = 0
  for entry in entries {
    if entry.name == name { return offset }
    let data = entry.method == .deflated ? rawDeflate(entry.data) : entry.data
    offset += 30 + entry.name.utf8.count + data.count
  }
  return nil
}

/// Compresses `bytes` with a sync flush and no final block, so the stream never ends.
func deflateWithoutFinalBlock(_ bytes: [UInt8]) -> [UInt8] {
  let complete = rawDeflate(bytes, level: 0)
  // Level 0 writes stored blocks; clearing the BFINAL bit of the first block and cutting the
  // stream after it leaves a valid prefix that never reaches a final block.
  var stream = complete
  stream[0] &= 0xFE
  let length = Int(stream[1]) | Int(stream[2]) << 8
  return Array(stream.prefix(5 + length))
}
