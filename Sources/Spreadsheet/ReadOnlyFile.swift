#if canImport(Glibc)
  import Glibc
#endif

/// An open file descriptor for positional reads, closed when the value is released.
final class ReadOnlyFile {
  let path: String
  let size: Int64
  private let descriptor: Int32

  /// Opens `path` for reading with `open(2)` and reads its size with `fstat(2)`.
  init(path: String) throws {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      let code = errno
      if code == ENOENT { throw SpreadsheetError.fileNotFound(path: path) }
      throw SpreadsheetError.readFailed(path: path, reason: String(cString: strerror(code)))
    }

    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      let reason = String(cString: strerror(errno))
      close(descriptor)
      throw SpreadsheetError.readFailed(path: path, reason: reason)
    }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      close(descriptor)
      throw SpreadsheetError.notARegularFile(path: path, kind: fileKind(status.st_mode))
    }

    self.path = path
    self.descriptor = descriptor
    self.size = Int64(status.st_size)
  }

  deinit {
    close(descriptor)
  }

  /// Reads up to `buffer.count` bytes at `offset` with `pread(2)`; returns the bytes read,
  /// fewer only at the end of the file.
  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
    var total = 0
    while total < buffer.count {
      let result = pread(
        descriptor, buffer.baseAddress! + total, buffer.count - total, off_t(offset) + off_t(total))
      if result < 0 {
        if errno == EINTR { continue }
        throw SpreadsheetError.readFailed(path: path, reason: String(cString: strerror(errno)))
      }
      if result == 0 { break }
      total += result
    }
    return total
  }

  /// Reads up to `bytes.count` bytes at `offset` into an array.
  func read(into bytes: inout [UInt8], at offset: Int64) throws -> Int {
    try bytes.withUnsafeMutableBytes { try read(into: $0, at: offset) }
  }

  /// Reads exactly `count` bytes at `offset`, or fewer when the file ends first.
  func readBytes(count: Int, at offset: Int64) throws -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    let read = try read(into: &bytes, at: offset)
    bytes.removeLast(count - read)
    return bytes
  }
}

/// Names the kind of a file that is not a regular file, from its `st_mode`.
private func fileKind(_ mode: mode_t) -> String {
  switch mode & S_IFMT {
  case S_IFDIR: return "folder"
  case S_IFIFO: return "named pipe (FIFO)"
  case S_IFSOCK: return "socket"
  case S_IFCHR, S_IFBLK: return "device"
  default: return "special file"
  }
}
