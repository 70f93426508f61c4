import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes output files so that a reader sees either the old file or the whole new one.
///
/// Each file is created and written under a temporary folder on the same file system (for the
/// outbox, `outbox/.tmp/`, which DWF's account cannot read). It is then `fsync`ed and renamed
/// over the destination. Last the destination's folder is `fsync`ed, so the new name survives a
/// power loss. A write that fails removes its temporary file and leaves the destination as it
/// was. Only outputs go through here: an input file is moved, never replaced.
package struct AtomicFileWriter: Sendable {
  /// The folder the temporary files are created in, which `begin` creates when missing.
  package let temporaryFolder: URL

  /// Creates a writer whose temporary files go into `temporaryFolder`.
  package init(temporaryFolder: URL) {
    self.temporaryFolder = temporaryFolder
  }

  /// Creates a writer for outputs under `outbox/`, with its temporary files in `outbox/.tmp/`.
  package init(workspace: Workspace) {
    self.init(temporaryFolder: workspace.outboxTemporary)
  }

  /// Writes `data` to `destination` in one step and returns the number of bytes written.
  ///
  /// - Parameter mode: the new file's permission bits, 0644 unless given.
  /// - Throws: `AtomicFileError` naming the path and the system error.
  @discardableResult
  package func write(_ data: Data, to destination: URL, mode: mode_t = 0o644)
    throws(AtomicFileError) -> Int
  {
    let file = try begin(destination, mode: mode)
    do {
      try file.write(data)
      try file.commit()
    } catch {
      file.discard()
      throw error
    }
    return data.count
  }

  /// Writes `text` as UTF-8 to `destination` in one step.
  package func write(_ text: String, to destination: URL, mode: mode_t = 0o644)
    throws(AtomicFileError)
  {
    try write(Data(text.utf8), to: destination, mode: mode)
  }

  /// Opens a new temporary file for `destination`, for output too large to build in memory.
  ///
  /// Write to it with `write`, then call `commit` to put it in place or `discard` to drop it.
  package func begin(_ destination: URL, mode: mode_t = 0o644) throws(AtomicFileError)
    -> PendingFile
  {
    let folder = temporaryFolder.path
    if let failure = Self.createFolder(folder) {
      throw .cannotCreateFolder(path: folder, errno: failure)
    }

    let name = ".\(destination.lastPathComponent).\(getpid()).\(UUID().uuidString.prefix(8))"
    let path = (folder as NSString).appendingPathComponent(name)
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard descriptor >= 0 else { throw .cannotCreate(path: path, errno: errno) }

    // The umask may have narrowed the mode, and a grower-only file must be exactly it.
    if fchmod(descriptor, mode) != 0 {
      let failure = errno
      _ = close(descriptor)
      _ = unlink(path)
      throw .cannotCreate(path: path, errno: failure)
    }
    return PendingFile(descriptor: descriptor, temporaryPath: path, destination: destination)
  }

  /// Creates `folder` and its missing parents with mode 0700.
  private static func createFolder(_ folder: String) -> Int32? {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue {
      return nil
    }
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
      return nil
    } catch {
      return EEXIST
    }
  }
}

/// An output file being written under the temporary folder, not yet in place.
///
/// Not thread-safe: one task writes it, then commits or discards it once.
package final class PendingFile {
  /// The final path, which stays untouched until `commit`.
  package let destination: URL
  /// The temporary file's path.
  package let temporaryPath: String

  private var descriptor: Int32
  private var buffer: [UInt8] = []
  private static let bufferLimit = 256 * 1024

  /// The number of bytes written so far.
  package private(set) var byteCount = 0

  fileprivate init(descriptor: Int32, temporaryPath: String, destination: URL) {
    self.descriptor = descriptor
    self.temporaryPath = temporaryPath
    self.destination = destination
    buffer.reserveCapacity(Self.bufferLimit)
  }

  deinit {
    discard()
  }

  /// Appends `text` as UTF-8.
  package func write(_ text: String) throws(AtomicFileError) {
    var text = text
    text.withUTF8 { buffer.append(contentsOf: $0) }
    byteCount += text.utf8.count
    if buffer.count >= Self.bufferLimit { try flush() }
  }

  /// Appends raw bytes.
  package func write(_ data: Data) throws(AtomicFileError) {
    buffer.append(contentsOf: data)
    byteCount += data.count
    if buffer.count >= Self.bufferLimit { try flush() }
  }

  /// Writes what is buffered, syncs the file, renames it over `destination` and syncs the
  /// destination's folder.
  package func commit() throws(AtomicFileError) {
    guard descriptor >= 0 else { throw .alreadyFinished(path: temporaryPath) }
    try flush()
    if fsync(descriptor) != 0 { throw .cannotWrite(path: temporaryPath, errno: errno) }
    let closed = close(descriptor)
    descriptor = -1
    if closed != 0 { throw .cannotWrite(path: temporaryPath, errno: errno) }

    if rename(temporaryPath, destination.path) != 0 {
      let failure = errno
      _ = unlink(temporaryPath)
      throw .cannotRename(from: temporaryPath, to: destination.path, errno: failure)
    }

    let folder = destination.deletingLastPathComponent().path
    let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard folderDescriptor >= 0 else { throw .cannotSyncFolder(path: folder, errno: errno) }
    defer { _ = close(folderDescriptor) }
    if fsync(folderDescriptor) != 0 { throw .cannotSyncFolder(path: folder, errno: errno) }
  }

  /// Closes and removes the temporary file; does nothing after `commit`.
  package func discard() {
    guard descriptor >= 0 else { return }
    _ = close(descriptor)
    descriptor = -1
    _ = unlink(temporaryPath)
  }

  private func flush() throws(AtomicFileError) {
    var written = 0
    while written < buffer.count {
      let count = buffer[written...].withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress, $0.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw .cannotWrite(path: temporaryPath, errno: errno)
      }
      written += count
    }
    buffer.removeAll(keepingCapacity: true)
  }
}

/// The reasons an output file could not be written. The destination is left as it was in
/// every case.
package enum AtomicFileError: Error, Equatable, CustomStringConvertible {
  case cannotCreateFolder(path: String, errno: Int32)
  case cannotCreate(path: String, errno: Int32)
  case cannotWrite(path: String, errno: Int32)
  case cannotRename(from: String, to: String, errno: Int32)
  case cannotSyncFolder(path: String, errno: Int32)
  case alreadyFinished(path: String)

  package var description: String {
    switch self {
    case .cannotCreateFolder(let path, let code):
      return "cannot create the folder \(path): \(Self.reason(code)); check its parent's owner"
        + " and permissions"
    case .cannotCreate(let path, let code):
      return "cannot create \(path): \(Self.reason(code)); check the folder's permissions"
    case .cannotWrite(let path, let code):
      return "cannot write \(path): \(Self.reason(code)); check the free space of the disk"
    case .cannotRename(let from, let to, let code):
      return "cannot move \(from) to \(to): \(Self.reason(code)); both must be on one file"
        + " system and the destination's folder must be writable"
    case .cannotSyncFolder(let path, let code):
      return "wrote the file, but cannot flush the folder \(path) to disk: \(Self.reason(code))"
    case .alreadyFinished(let path):
      return "\(path) was already committed or discarded"
    }
  }

  private static func reason(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}
