import Foundation
import Workspace

/// A data file of a drop being written under `outbox/.tmp/`, with its SHA-256 and size counted
/// as its bytes go out, so neither needs a second read.
///
/// Not thread-safe: one task appends, then commits or discards it once.
final class HashedOutput {
  let destination: URL
  private let file: PendingFile
  private let digest: StreamingSHA256
  private var buffer: [UInt8] = []
  private var byteCount = 0
  private static let bufferLimit = 256 * 1024

  init(destination: URL, writer: AtomicFileWriter) throws(InventoryFeedError) {
    guard let digest = StreamingSHA256() else { throw .digestFailed(path: destination.path) }
    do {
      file = try writer.begin(destination)
    } catch {
      throw .writeFailed(error)
    }
    self.destination = destination
    self.digest = digest
    buffer.reserveCapacity(Self.bufferLimit + 4096)
  }

  /// Appends one byte.
  @inline(__always)
  func append(_ byte: UInt8) {
    buffer.append(byte)
  }

  /// Appends the UTF-8 bytes of `text`.
  @inline(__always)
  func append(_ text: String) {
    var text = text
    text.withUTF8 { buffer.append(contentsOf: $0) }
  }

  /// Appends the decimal digits of `value`, with a minus sign when negative.
  func append(integer value: Int) {
    if value < 0 { buffer.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { scratch in
      repeat {
        scratch[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      } while magnitude > 0
      buffer.append(contentsOf: scratch[(24 - count)...])
    }
  }

  /// Appends raw bytes.
  @inline(__always)
  func append(bytes: UnsafeBufferPointer<UInt8>) {
    buffer.append(contentsOf: bytes)
  }

  /// Hands the buffer to the file once it has grown past its limit; call it between records.
  func flushIfFull() throws(InventoryFeedError) {
    if buffer.count >= Self.bufferLimit { try flush() }
  }

  /// Writes what is buffered and returns the file's SHA-256 and size, without putting it in
  /// place yet.
  func finish() throws(InventoryFeedError) -> FileDigest {
    try flush()
    guard let sha256 = digest.finish() else { throw .digestFailed(path: destination.path) }
    return FileDigest(name: destination.lastPathComponent, sha256: sha256, bytes: byteCount)
  }

  /// Syncs the file, renames it over its destination and syncs the folder.
  func commit() throws(InventoryFeedError) {
    do {
      try file.commit()
    } catch {
      throw .writeFailed(error)
    }
  }

  /// Removes the temporary file; does nothing after `commit`.
  func discard() {
    file.discard()
  }

  private func flush() throws(InventoryFeedError) {
    guard !buffer.isEmpty else { return }
    let hashed = buffer.withUnsafeBytes { digest.update($0) }
    guard hashed else { throw .digestFailed(path: destination.path) }
    do {
      try file.write(Data(buffer))
    } catch {
      throw .writeFailed(error)
    }
    byteCount += buffer.count
    buffer.removeAll(keepingCapacity: true)
  }
}

/// The name, SHA-256 (lowercase hex) and size in bytes of one data file of a drop.
package struct FileDigest: Sendable, Equatable {
  package var name: String
  package var sha256: String
  package var bytes: Int

  package init(name: String, sha256: String, bytes: Int) {
    self.name = name
    self.sha256 = sha256
    self.bytes = bytes
  }
}
