import Foundation
import Testing

@testable import Spreadsheet

/// A compound file broken in one way, and the reason the directory reader should give.
struct BrokenCompoundFile: Sendable, CustomTestStringConvertible {
  let name: String
  let bytes: [UInt8]
  let reason: String

  var testDescription: String { name }
}

private let valid = CompoundFileBuilder(streams: ["Workbook", "\u{05}SummaryInformation"]).bytes()

/// Returns `valid` with the 32-bit value at `offset` replaced by `value`.
private func patched(_ offset: Int, _ value: UInt32, in bytes: [UInt8] = valid) -> [UInt8] {
  var copy = bytes
  put32(value, in: &copy, at: offset)
  return copy
}

// In the built file the FAT is sector 0 (file offset 512) and the directory starts at sector 1
// (offset 1024). Header offsets: 28 byte order, 30 sector shift, 48 first directory sector,
// 68 first DIFAT sector, 72 DIFAT sector count, 76 the first FAT sector's location.
private let brokenFiles: [BrokenCompoundFile] = [
  BrokenCompoundFile(
    name: "cut inside the header", bytes: Array(valid.prefix(300)),
    reason: "the file ends inside the header, at byte 300"),
  BrokenCompoundFile(
    name: "cut after the header", bytes: Array(valid.prefix(512)),
    reason: "directory sector 1 lies past the end of the file"),
  BrokenCompoundFile(
    name: "cut inside the FAT", bytes: Array(valid.prefix(700)),
    reason: "directory sector 1 lies past the end of the file"),
  BrokenCompoundFile(
    name: "directory chain loops", bytes: patched(512 + 4, 1),
    reason: "the directory chain loops at sector 1"),
  BrokenCompoundFile(
    name: "directory past the end", bytes: patched(48, 0x7FFF_FFF0),
    reason: "directory sector 2147483632 lies past the end of the file"),
  BrokenCompoundFile(
    name: "FAT sector past the end", bytes: patched(76, 0xFFFF_FFFA),
    reason: "FAT sector 0 is listed at sector 4294967290, past the end"),
  BrokenCompoundFile(
    name: "huge DIFAT count", bytes: patched(72, 0xFFFF_FFFF),
    reason: "the header counts 4294967295 DIFAT sectors in a file of 2"),
  BrokenCompoundFile(
    name: "DIFAT chain loops",
    bytes: patched(72, 2, in: patched(68, 1, in: patched(1024 + 508, 1))),
    reason: "the DIFAT chain loops at sector 1"),
  BrokenCompoundFile(
    name: "free sector in the directory chain", bytes: patched(512 + 4, 0xFFFF_FFFF),
    reason: "directory sector 4294967295 lies past the end of the file"),
  BrokenCompoundFile(
    name: "sibling loop in the tree", bytes: patched(1024 + 128 + 72, 1),
    reason: "the directory tree loops at entry 1"),
  BrokenCompoundFile(
    name: "sibling past the directory", bytes: patched(1024 + 128 + 72, 4_000_000),
    reason: "directory entry 4000000 lies past the end of the directory"),
  BrokenCompoundFile(
    name: "wrong sector shift",
    bytes: {
      var bytes = valid
      bytes[30] = 30
      return bytes
    }(),
    reason: "version 3 with sector shift 30 is not a valid pair"),
  BrokenCompoundFile(
    name: "wrong byte order",
    bytes: {
      var bytes = valid
      bytes[28] = 0
      return bytes
    }(),
    reason: "the byte order mark of the header is not 0xFFFE"),
  BrokenCompoundFile(
    name: "root is a stream",
    bytes: {
      var bytes = valid
      bytes[1024 + 66] = 2
      return bytes
    }(),
    reason: "the first directory entry is not the root storage"),
]

struct CompoundFileDirectoryTests {
  @Test func readsRootNamesInTreeOrder() throws {
    let names = try FormatTestSupport.withFile(bytes: valid) { path in
      try CompoundFileDirectory(file: ReadOnlyFile(path: path)).rootEntryNames
    }

    #expect(names == ["Workbook", "\u{05}SummaryInformation"])
  }

  @Test(arguments: brokenFiles)
  func rejectsBrokenFile(_ broken: BrokenCompoundFile) throws {
    let outcome = try FormatTestSupport.withFile(bytes: broken.bytes) {
      try DetectionOutcome.detect(path: $0)
    }

    let detail = "a damaged OLE2 compound file, as legacy .xls files are, because \(broken.reason)"
    #expect(outcome == .unrecognized(detail))
  }

  @Test(.timeLimit(.minutes(1)))
  func survivesRandomCorruption() throws {
    var generator = SeededGenerator(seed: 0x5EED_0001)
    let bases = [
      valid, CompoundFileBuilder(streams: ["Workbook"], majorVersion: 4).bytes(),
      CompoundFileBuilder(streams: (1...20).map { "S\($0)" }).bytes(),
    ]

    for round in 0..<600 {
      var bytes = bases[round % bases.count]
      for _ in 0..<Int.random(in: 1...12, using: &generator) {
        let offset = Int.random(in: 0..<bytes.count, using: &generator)
        bytes[offset] = UInt8.random(in: 0...255, using: &generator)
      }
      if round % 5 == 0 {
        bytes.removeLast(Int.random(in: 0..<bytes.count, using: &generator))
      }
      try expectDetectionEnds(bytes)
    }
  }

  @Test(.timeLimit(.minutes(1)))
  func survivesRandomBytes() throws {
    var generator = SeededGenerator(seed: 0x5EED_0002)
    let prefixes: [[UInt8]] = [
      [], CompoundFileDirectory.signature, [0x50, 0x4B, 0x03, 0x04], Array("<table>".utf8),
      [0x09, 0x08, 0x10, 0x00], [0xFF, 0xFE],
    ]

    for round in 0..<600 {
      let count = Int.random(in: 0...4096, using: &generator)
      let bytes =
        prefixes[round % prefixes.count]
        + (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      try expectDetectionEnds(bytes)
    }
  }

  /// Detects `bytes` and, when detection chooses a reader, runs that reader, expecting a
  /// result or a `SpreadsheetError` and nothing else.
  private func expectDetectionEnds(_ bytes: [UInt8]) throws {
    try FormatTestSupport.withFile(bytes: bytes) { path in
      do {
        switch try FormatDetector.detect(path: path) {
        case .delimitedText:
          try CSVFile(path: path).readRows { _, _ in }
        case .htmlTable:
          _ = try HTMLTableReader.readTables(path: path)
        case .zipPackage:
          break
        }
      } catch is SpreadsheetError {
        return
      }
    }
  }
}
