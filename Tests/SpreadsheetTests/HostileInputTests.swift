import Foundation
import Testing

@testable import Spreadsheet

/// Feeds the workbook reader damaged and hostile archives: each must read or fail with a
/// `SpreadsheetError`, never crash or hang.
@Suite(.timeLimit(.minutes(2)))
struct HostileInputTests {
  /// One reused file that each hostile input is written to before the reader opens it.
  final class Probe {
    let folder: TemporaryFolder
    let path: String

    init() throws {
      folder = try TemporaryFolder()
      path = folder.url.appendingPathComponent("hostile.xlsx").path
    }

    /// Reads every sheet of `bytes` through `XLSXWorkbook` and returns the error it raised,
    /// nil when it read; an error that is no `SpreadsheetError` is recorded as an issue.
    func read(_ bytes: [UInt8], limits: ReadLimits = ReadLimits()) throws -> SpreadsheetError? {
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      do {
        let workbook = try XLSXWorkbook(path: path, limits: limits)
        for index in workbook.sheets.indices where workbook.sheets[index].hasRows {
          try workbook.readRows(sheetAt: index) { row in _ = try row.denseValues() }
        }
        return nil
      } catch let error as SpreadsheetError {
        return error
      } catch {
        Issue.record("not a SpreadsheetError: \(error)")
        return nil
      }
    }
  }

  static let sheet = TestWorkbook.worksheet(
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>12345</v></c></row>"
      + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Grower</t></is></c>"
      + "<c r=\"B2\" t=\"b\"><v>1</v></c></row>")

  static func smallWorkbook(method: TestZipEntry.Method) -> [UInt8] {
    var workbook = TestWorkbook(
      sheet: sheet, sharedStrings: TestWorkbook.sharedStrings("<si><t>ID</t></si>"))
    workbook.method = method
    return workbook.bytes()
  }

  @Test func randomBytesNeverCrash() throws {
    let probe = try Probe()
    var generator = SeededGenerator(seed: 0x4B4F_4D45_5400_0001)
    for round in 0..<400 {
      let count = Int.random(in: 0...3_000, using: &generator)
      var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      if round % 2 == 0 { bytes = [0x50, 0x4B, 0x03, 0x04] + bytes }
      if round % 4 == 1 {
        // An end record over random bytes sends the reader into a random "directory".
        var end: [UInt8] = []
        end.appendUInt32(0x0605_4B50)
        end.appendUInt32(0)
        let entries = UInt16.random(in: 0...20, using: &generator)
        end.appendUInt16(entries)
        end.appendUInt16(entries)
        end.appendUInt32(UInt32(count / 2))
        end.appendUInt32(UInt32.random(in: 0...UInt32(count + 10), using: &generator))
        end.appendUInt16(0)
        bytes += end
      }
      #expect(try probe.read(bytes) != nil, "round \(round)")
    }
  }

  @Test(arguments: [TestZipEntry.Method.stored, .deflated])
  func everyTruncationFails(method: TestZipEntry.Method) throws {
    let probe = try Probe()
    let bytes = HostileInputTests.smallWorkbook(method: method)
    #expect(try probe.read(bytes) == nil)
    for length in 0..<bytes.count {
      #expect(try probe.read(Array(bytes.prefix(length))) != nil, "length \(length)")
    }
  }

  @Test(arguments: [TestZipEntry.Method.stored, .deflated])
  func bitFlipsReadOrFail(method: TestZipEntry.Method) throws {
    let probe = try Probe()
    let bytes = HostileInputTests.smallWorkbook(method: method)
    var failures = 0
    for offset in bytes.indices {
      var damaged = bytes
      damaged[offset] ^= UInt8(1) << UInt8(offset % 8)
      if try probe.read(damaged) != nil { failures += 1 }
    }
    // Flips in names of unread entries, comments or spare header fields read fine; most fail.
    #expect(failures > bytes.count / 4)
  }

  @Test func endlessEmptyDeflateBlocksEnd() throws {
    // 200,000 empty stored blocks that are never final: inflate makes no output from them.
    let block: [UInt8] = [0x00, 0x00, 0x00, 0xFF, 0xFF]
    let stream = Array([[UInt8]](repeating: block, count: 200_000).joined())
    let entries = modifying(
      TestWorkbook(sheet: HostileInputTests.sheet).entries(), named: "xl/worksheets/sheet1.xml"
    ) { $0.rawDataOverride = stream }
    let started = Date()
    let error = try Probe().read(TestZipWriter(entries).bytes())
    guard case .zipCorrupt(_, let entry, let detail) = error else {
      Issue.record("unexpected outcome \(String(describing: error))")
      return
    }
    #expect(entry == "xl/worksheets/sheet1.xml")
    #expect(detail == "the deflate stream ends before its last block")
    #expect(Date().timeIntervalSince(started) < 10)
  }

  @Test func entryOverlappingTheCentralDirectoryFails() throws {
    // The sheet's local header offset points into the central directory itself.
    let entries = TestWorkbook(sheet: HostileInputTests.sheet).entries()
    let honest = TestZipWriter(entries).bytes()
    let directoryOffset = honest.count - 22 - entries.reduce(0) { $0 + 46 + $1.name.utf8.count }
    let overlapping = modifying(entries, named: "xl/worksheets/sheet1.xml") {
      $0.localHeaderOffsetOverride = UInt32(directoryOffset)
    }
    let probe = try Probe()
    #expect(
      try probe.read(TestZipWriter(overlapping).bytes())
        == .zipCorrupt(
          path: probe.path, entry: "xl/worksheets/sheet1.xml",
          detail: "no local file header at byte \(directoryOffset)"))
  }

  // MARK: Pipelined reader

  /// A sheet part of about `megabytes` MiB, made of rows without references, so building it
  /// costs a copy and not a string per row.
  static func largeSheet(megabytes: Int) -> [UInt8] {
    let row = Array(
      "<row><c><v>1234567</v></c><c t=\"inlineStr\"><is><t>text</t></is></c></row>".utf8)
    let rowCount = (megabytes << 20) / row.count
    let head = Array(
      ("<?xml version=\"1.0\"?><worksheet xmlns=\"\(TestWorkbook.mainNamespace)\">"
        + "<sheetData>").utf8)
    let tail = Array("</sheetData></worksheet>".utf8)
    return head + Array([[UInt8]](repeating: row, count: rowCount).joined()) + tail
  }

  static func largeWorkbook(_ transform: (inout TestZipEntry) -> Void = { _ in }) -> [UInt8] {
    var entries = TestWorkbook(sheet: "").entries()
    entries = modifying(entries, named: "xl/worksheets/sheet1.xml") {
      $0.data = largeSheet(megabytes: 6)
      transform(&$0)
    }
    return TestZipWriter(entries).bytes()
  }

  @Test func pipelinedReaderSurfacesChecksumErrors() throws {
    let bytes = HostileInputTests.largeWorkbook { $0.crcOverride = 0x1234_5678 }
    let error = try Probe().read(bytes)
    guard case .zipChecksumMismatch(_, let entry, let expected, _) = error else {
      Issue.record("unexpected outcome \(String(describing: error))")
      return
    }
    #expect(entry == "xl/worksheets/sheet1.xml")
    #expect(expected == 0x1234_5678)
  }

  @Test func pipelinedReaderSurfacesInflateErrors() throws {
    let bytes = HostileInputTests.largeWorkbook { entry in
      var compressed = rawDeflate(entry.data)
      // Garbage halfway through the stream, after the worker has filled several buffers.
      for offset in (compressed.count / 2)..<(compressed.count / 2 + 64) {
        compressed[offset] = 0xFF
      }
      entry.rawDataOverride = compressed
    }
    let error = try Probe().read(bytes)
    guard case .zipCorrupt(_, let entry, let detail) = error else {
      Issue.record("unexpected outcome \(String(describing: error))")
      return
    }
    #expect(entry == "xl/worksheets/sheet1.xml")
    #expect(detail.hasPrefix("invalid deflate data: "))
  }

  @Test func pipelinedReaderSurfacesLimitErrors() throws {
    let bytes = HostileInputTests.largeWorkbook { $0.uncompressedSizeOverride = 5 << 20 }
    var limits = ReadLimits()
    limits.maximumEntrySize = 5 << 20
    let error = try Probe().read(bytes, limits: limits)
    #expect(error == nil ? false : "\(error!)".contains("inflates past the limit of 5242880 bytes"))
  }

  struct StopReading: Error, Equatable {}

  @Test func pipelinedReaderStopsWhenTheHandlerThrows() throws {
    let probe = try Probe()
    try Data(HostileInputTests.largeWorkbook()).write(to: URL(fileURLWithPath: probe.path))
    let workbook = try XLSXWorkbook(path: probe.path, limits: ReadLimits())

    for _ in 0..<3 {
      var seen = 0
      #expect(throws: StopReading.self) {
        try workbook.readRows(sheetAt: 0) { _ in
          seen += 1
          if seen == 100 { throw StopReading() }
        }
      }
      #expect(seen == 100)
    }

    // The archive stays usable after the worker stopped, and a full read still adds up.
    var count = 0
    try workbook.readRows(sheetAt: 0) { _ in count += 1 }
    let rowBytes = "<row><c><v>1234567</v></c><c t=\"inlineStr\"><is><t>text</t></is></c></row>"
    #expect(count == (6 << 20) / rowBytes.utf8.count)
  }
}
