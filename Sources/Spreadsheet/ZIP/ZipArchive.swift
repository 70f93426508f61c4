import Foundation

/// A ZIP archive read through its central directory, with entries streamed on request.
///
/// Local headers are read only to find where an entry's data starts. Sizes and checksums come
/// from the central directory, so data descriptors and local headers with zero sizes need no
/// special handling. ZIP64 end records and extra fields are understood.
final class ZipArchive {
  let file: ReadOnlyFile
  let limits: ReadLimits
  /// Entries in central-directory order.
  let entries: [ZipEntry]

  private let entryIndex: [String: Int]
  /// Inflated bytes delivered from this archive so far, checked against the total limit.
  var totalInflated: Int64 = 0

  var path: String { file.path }

  /// Opens the archive at `path` and reads its central directory.
  ///
  /// - Throws: `SpreadsheetError.zipTruncated` when the end record is missing, and
  ///   `.zipCorrupt` when the directory does not parse.
  init(path: String, limits: ReadLimits) throws {
    file = try ReadOnlyFile(path: path)
    self.limits = limits

    let directory = try ZipArchive.locateCentralDirectory(in: file)
    entries = try ZipArchive.readEntries(in: file, directory: directory)

    var index: [String: Int] = [:]
    for (position, entry) in entries.enumerated() where !entry.isDirectory {
      // The first of two entries with the same name wins, as in most readers.
      let key = partNameKey(entry.name)
      if index[key] == nil { index[key] = position }
    }
    entryIndex = index
  }

  /// Returns the entry whose name matches `name` ASCII case-insensitively, with backslashes
  /// read as slashes and a leading slash ignored.
  func entry(named name: String) -> ZipEntry? {
    if let index = entryIndex[partNameKey(name)] {
      return entries[index]
    }
    // OPC part names may be percent-encoded in relationships (`Sheet%201.xml`) while the ZIP
    // item name contains the character itself.
    guard name.contains("%"), let decoded = name.removingPercentEncoding, decoded != name else {
      return nil
    }
    return entryIndex[partNameKey(decoded)].map { entries[$0] }
  }

  // MARK: Central directory

  struct CentralDirectory {
    var offset: Int64
    var size: Int64
    var count: Int64
  }

  private static let endRecordSignature: UInt32 = 0x0605_4B50
  private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
  private static let zip64EndRecordSignature: UInt32 = 0x0606_4B50
  private static let centralHeaderSignature: UInt32 = 0x0201_4B50

  /// Finds the end of central directory record (and its ZIP64 form) by scanning back from the
  /// end of the file over the largest possible comment.
  private static func locateCentralDirectory(in file: ReadOnlyFile) throws -> CentralDirectory {
    let tailLength = Int(min(file.size, 22 + 65_535 + 20))
    let tailStart = file.size - Int64(tailLength)
    let tail = try file.readBytes(count: tailLength, at: tailStart)

    // A comment can contain the signature too, so a record whose comment length reaches the end
    // of the file wins over one nearer the end. Failing that, the last signature is taken.
    var position = -1
    var candidate = tail.count - 22
    while candidate >= 0 {
      if tail[candidate] == 0x50, tail[candidate + 1] == 0x4B, tail[candidate + 2] == 5,
        tail[candidate + 3] == 6
      {
        if position < 0 { position = candidate }
        let commentLength = Int(tail[candidate + 20]) | Int(tail[candidate + 21]) << 8
        if candidate + 22 + commentLength == tail.count {
          position = candidate
          break
        }
      }
      candidate -= 1
    }
    guard position >= 0 else {
      throw SpreadsheetError.zipTruncated(
        path: file.path, detail: "no end of central directory record")
    }

    var reader = ByteReader(tail, offset: position + 10)
    var count = Int64(reader.uint16()!)
    var size = Int64(reader.uint32()!)
    var offset = Int64(reader.uint32()!)
    let endRecordOffset = tailStart + Int64(position)

    if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
      if let zip64 = try readZip64EndRecord(in: file, endRecordOffset: endRecordOffset) {
        count = zip64.count
        size = zip64.size
        offset = zip64.offset
      }
    }

    // Data prepended to the archive (a self-extractor stub) shifts every offset alike.
    let expectedOffset = endRecordOffset - size
    if offset != expectedOffset, expectedOffset >= 0, offset < expectedOffset {
      let shift = expectedOffset - offset
      if try signature(in: file, at: expectedOffset) == centralHeaderSignature {
        offset += shift
      }
    }

    guard offset >= 0, size >= 0, offset <= file.size, size <= file.size - offset else {
      throw SpreadsheetError.zipTruncated(
        path: file.path,
        detail: "the central directory at byte \(offset) runs past the end of the file")
    }
    return CentralDirectory(offset: offset, size: size, count: count)
  }

  private static func readZip64EndRecord(
    in file: ReadOnlyFile, endRecordOffset: Int64
  ) throws -> CentralDirectory? {
    guard endRecordOffset >= 20 else { return nil }
    var locator = ByteReader(try file.readBytes(count: 20, at: endRecordOffset - 20))
    guard locator.uint32() == zip64LocatorSignature else { return nil }
    _ = locator.uint32()
    guard let recordOffset = locator.uint64(), recordOffset < UInt64(file.size) else {
      throw SpreadsheetError.zipCorrupt(
        path: file.path, entry: nil, detail: "the ZIP64 locator points outside the file")
    }

    var record = ByteReader(try file.readBytes(count: 56, at: Int64(recordOffset)))
    // After the signature come the record size, two versions, two disk numbers and the
    // entry count of this disk (28 bytes), then the total count, the size and the offset.
    guard record.uint32() == zip64EndRecordSignature, record.skip(28),
      let count = record.uint64(), let size = record.uint64(), let offset = record.uint64(),
      count < UInt64(Int64.max), size < UInt64(Int64.max), offset < UInt64(Int64.max)
    else {
      throw SpreadsheetError.zipCorrupt(
        path: file.path, entry: nil, detail: "invalid ZIP64 end of central directory record")
    }
    return CentralDirectory(offset: Int64(offset), size: Int64(size), count: Int64(count))
  }

  private static func signature(in file: ReadOnlyFile, at offset: Int64) throws -> UInt32? {
    var reader = ByteReader(try file.readBytes(count: 4, at: offset))
    return reader.uint32()
  }

  private static func readEntries(
    in file: ReadOnlyFile, directory: CentralDirectory
  ) throws -> [ZipEntry] {
    // Each header takes at least 46 bytes, which bounds the count a hostile record can claim.
    guard directory.size <= Int64(Int32.max), directory.count <= directory.size / 46 + 1 else {
      throw SpreadsheetError.zipCorrupt(
        path: file.path, entry: nil,
        detail: "the central directory claims \(directory.count) entries in \(directory.size) bytes"
      )
    }
    let bytes = try file.readBytes(count: Int(directory.size), at: directory.offset)
    var reader = ByteReader(bytes)
    var entries: [ZipEntry] = []

    while reader.remaining >= 4 {
      let start = reader.offset
      guard reader.uint32() == centralHeaderSignature else {
        if entries.isEmpty {
          throw SpreadsheetError.zipCorrupt(
            path: file.path, entry: nil,
            detail: "no central directory header at byte \(directory.offset + Int64(start))")
        }
        break
      }
      entries.append(try readCentralHeader(&reader, path: file.path))
    }
    return entries
  }

  private static func readCentralHeader(_ reader: inout ByteReader, path: String) throws -> ZipEntry
  {
    let truncated = SpreadsheetError.zipCorrupt(
      path: path, entry: nil, detail: "a central directory header is cut short")
    guard reader.skip(4), let flags = reader.uint16(), let method = reader.uint16(),
      reader.skip(4), let crc = reader.uint32(), let compressed32 = reader.uint32(),
      let uncompressed32 = reader.uint32(), let nameLength = reader.uint16(),
      let extraLength = reader.uint16(), let commentLength = reader.uint16(), reader.skip(8),
      let offset32 = reader.uint32(), let nameBytes = reader.take(Int(nameLength)),
      let extra = reader.take(Int(extraLength)), reader.skip(Int(commentLength))
    else { throw truncated }

    let name = decodeName(nameBytes)
    var entry = ZipEntry(
      name: name, method: Int(method), flags: Int(flags), crc32: crc,
      compressedSize: Int64(compressed32), uncompressedSize: Int64(uncompressed32),
      localHeaderOffset: Int64(offset32))
    try applyZip64Extra(Array(extra), to: &entry, path: path)
    return entry
  }

  /// Replaces the 32-bit fields that are saturated (0xFFFFFFFF) with the ZIP64 extra field's
  /// values, which come in a fixed order and only for the saturated fields.
  private static func applyZip64Extra(
    _ extra: [UInt8], to entry: inout ZipEntry, path: String
  ) throws {
    var reader = ByteReader(extra)
    while reader.remaining >= 4 {
      let id = reader.uint16()!
      let length = Int(reader.uint16()!)
      guard let field = reader.take(length) else { return }
      guard id == 0x0001 else { continue }

      var values = ByteReader(Array(field))
      if entry.uncompressedSize == 0xFFFF_FFFF {
        entry.uncompressedSize = try zip64Value(&values, entry: entry, path: path)
      }
      if entry.compressedSize == 0xFFFF_FFFF {
        entry.compressedSize = try zip64Value(&values, entry: entry, path: path)
      }
      if entry.localHeaderOffset == 0xFFFF_FFFF {
        entry.localHeaderOffset = try zip64Value(&values, entry: entry, path: path)
      }
      return
    }
  }

  private static func zip64Value(
    _ reader: inout ByteReader, entry: ZipEntry, path: String
  ) throws -> Int64 {
    guard let value = reader.uint64(), value < UInt64(Int64.max) else {
      throw SpreadsheetError.zipCorrupt(
        path: path, entry: entry.name, detail: "the ZIP64 extra field is cut short")
    }
    return Int64(value)
  }

  private static func decodeName(_ bytes: ArraySlice<UInt8>) -> String {
    if let name = String(validating: bytes, as: UTF8.self) {
      return name
    }
    return String(bytes.map { Character(Unicode.Scalar($0)) })
  }
}
