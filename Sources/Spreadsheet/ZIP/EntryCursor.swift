import CZlib

/// Reads one ZIP entry's data and inflates it into buffers the caller provides, checking the
/// CRC-32, the declared size and the read limits as bytes come out.
///
/// A cursor is used from one thread at a time; `PipelinedEntryReader` hands it to a worker.
final class EntryCursor: @unchecked Sendable {
  // @unchecked: every field is touched only by the one thread that calls `read(into:)`.

  private let file: ReadOnlyFile
  private let entry: ZipEntry
  private let limits: ReadLimits
  private let totalBudget: Int64

  private var stream = z_stream()
  private var isStreamOpen = false
  private var input: UnsafeMutableRawBufferPointer
  private var nextInputOffset: Int64
  private let dataEnd: Int64
  private var crc: UInt32 = 0
  private(set) var produced: Int64 = 0
  private var isFinished = false
  private var hasStreamEnded = false

  private static let inputSize = 64 << 10

  /// Prepares to read `entry`, whose local header is read here to find where its data starts.
  init(file: ReadOnlyFile, entry: ZipEntry, limits: ReadLimits, totalBudget: Int64) throws {
    self.file = file
    self.entry = entry
    self.limits = limits
    self.totalBudget = totalBudget

    guard !entry.isEncrypted else {
      throw SpreadsheetError.zipEncryptedEntry(path: file.path, entry: entry.name)
    }
    guard entry.method == 0 || entry.method == 8 else {
      throw SpreadsheetError.zipUnsupportedCompression(
        path: file.path, entry: entry.name, method: entry.method)
    }
    guard entry.uncompressedSize <= limits.maximumEntrySize else {
      throw SpreadsheetError.zipEntryTooLarge(
        path: file.path, entry: entry.name, limit: limits.maximumEntrySize)
    }

    let dataStart = try EntryCursor.dataOffset(of: entry, in: file)
    // Subtracting keeps a hostile ZIP64 size near Int64.max from overflowing the sum.
    guard entry.compressedSize <= file.size - dataStart else {
      throw SpreadsheetError.zipTruncated(
        path: file.path, detail: "entry \(entry.name) runs past the end of the file")
    }
    nextInputOffset = dataStart
    dataEnd = dataStart + entry.compressedSize
    input = .allocate(byteCount: EntryCursor.inputSize, alignment: 16)

    if entry.method == 8 {
      guard komet_inflate_init_raw(&stream) == Z_OK else {
        input.deallocate()
        throw SpreadsheetError.zipCorrupt(
          path: file.path, entry: entry.name, detail: "zlib could not start inflating")
      }
      isStreamOpen = true
    }
  }

  deinit {
    if isStreamOpen { inflateEnd(&stream) }
    input.deallocate()
  }

  /// Fills `buffer` with the next inflated bytes and returns how many; 0 means the entry ended
  /// and passed its checks. Uses zlib's `inflate` and `crc32`.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard !isFinished, buffer.count > 0 else { return 0 }
    let count = entry.method == 8 ? try inflateChunk(into: buffer) : try copyChunk(into: buffer)

    if count > 0 {
      crc = UInt32(
        crc32(uLong(crc), buffer.baseAddress!.assumingMemoryBound(to: Bytef.self), uInt(count)))
      produced += Int64(count)
      try checkLimits()
    } else {
      isFinished = true
      try checkEnd()
    }
    return count
  }

  private func copyChunk(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    let wanted = Int(min(Int64(buffer.count), dataEnd - nextInputOffset))
    guard wanted > 0 else { return 0 }
    let read = try file.read(
      into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]),
      at: nextInputOffset)
    guard read == wanted else {
      throw SpreadsheetError.zipTruncated(
        path: file.path, detail: "entry \(entry.name) ends early")
    }
    nextInputOffset += Int64(read)
    return read
  }

  private func inflateChunk(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard !hasStreamEnded else { return 0 }
    stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
    stream.avail_out = uInt(buffer.count)

    while stream.avail_out > 0 {
      if stream.avail_in == 0 {
        try refillInput()
      }
      let status = inflate(&stream, Z_NO_FLUSH)
      if status == Z_STREAM_END {
        hasStreamEnded = true
        break
      }
      if status == Z_BUF_ERROR, stream.avail_in == 0, nextInputOffset >= dataEnd {
        throw SpreadsheetError.zipCorrupt(
          path: file.path, entry: entry.name,
          detail: "the deflate stream ends before its last block")
      }
      guard status == Z_OK || status == Z_BUF_ERROR else {
        let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
        throw SpreadsheetError.zipCorrupt(
          path: file.path, entry: entry.name, detail: "invalid deflate data: \(message)")
      }
    }
    return buffer.count - Int(stream.avail_out)
  }

  private func refillInput() throws {
    let wanted = Int(min(Int64(input.count), dataEnd - nextInputOffset))
    guard wanted > 0 else { return }
    let read = try file.read(
      into: UnsafeMutableRawBufferPointer(rebasing: input[0..<wanted]), at: nextInputOffset)
    guard read == wanted else {
      throw SpreadsheetError.zipTruncated(path: file.path, detail: "entry \(entry.name) ends early")
    }
    nextInputOffset += Int64(read)
    stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
    stream.avail_in = uInt(read)
  }

  private func checkLimits() throws {
    if produced > limits.maximumEntrySize {
      throw SpreadsheetError.zipEntryTooLarge(
        path: file.path, entry: entry.name, limit: limits.maximumEntrySize)
    }
    if produced > totalBudget {
      throw SpreadsheetError.zipTotalTooLarge(
        path: file.path, entry: entry.name, limit: limits.maximumTotalSize)
    }
    if produced > limits.ratioThreshold,
      produced > Int64(limits.maximumCompressionRatio) * max(entry.compressedSize, 1)
    {
      throw SpreadsheetError.zipCompressionRatioTooHigh(
        path: file.path, entry: entry.name, limit: limits.maximumCompressionRatio)
    }
  }

  private func checkEnd() throws {
    guard produced == entry.uncompressedSize else {
      throw SpreadsheetError.zipCorrupt(
        path: file.path, entry: entry.name,
        detail: "inflated to \(produced) bytes, but the directory says \(entry.uncompressedSize)")
    }
    guard crc == entry.crc32 else {
      throw SpreadsheetError.zipChecksumMismatch(
        path: file.path, entry: entry.name, expected: entry.crc32, actual: crc)
    }
  }

  private static func dataOffset(of entry: ZipEntry, in file: ReadOnlyFile) throws -> Int64 {
    var header = ByteReader(try file.readBytes(count: 30, at: entry.localHeaderOffset))
    guard header.uint32() == 0x0403_4B50, header.skip(22), let nameLength = header.uint16(),
      let extraLength = header.uint16()
    else {
      throw SpreadsheetError.zipCorrupt(
        path: file.path, entry: entry.name,
        detail: "no local file header at byte \(entry.localHeaderOffset)")
    }
    return entry.localHeaderOffset + 30 + Int64(nameLength) + Int64(extraLength)
  }
}
