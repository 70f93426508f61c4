import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The system calls under `FileMover`, each returning an `errno` value instead of throwing so
/// that callers can map it to the case that names their paths.
enum FileSystemCalls {
  /// The device and inode of a directory entry, without following a symlink.
  struct Identity: Equatable {
    var device: UInt64
    var inode: UInt64
    var linkCount: UInt64
  }

  /// Returns the identity of the entry at `path`, or the `lstat` errno.
  static func identity(of path: String) -> Result<Identity, Errno> {
    var status = stat()
    guard lstat(path, &status) == 0 else { return .failure(Errno(errno)) }
    return .success(
      Identity(
        device: UInt64(status.st_dev), inode: UInt64(status.st_ino),
        linkCount: UInt64(status.st_nlink)))
  }

  /// Returns whether anything, a dangling symlink included, exists at `path`.
  static func exists(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0
  }

  /// Gives `source` the extra name `destination`, failing with `EEXIST` when `destination`
  /// exists, so no existing file is ever replaced.
  ///
  /// `renameat2(RENAME_NOREPLACE)` would do this in one step, but Swift's Glibc module on this
  /// toolchain (Swift 6.3, glibc 2.36) does not import it: glibc declares it only under
  /// `_GNU_SOURCE`. `rename(2)` replaces an existing destination silently, so a move is
  /// `link(2)`, which never replaces, then `unlink(2)` of the source. `linkat` without
  /// `AT_SYMLINK_FOLLOW` links a symlink itself, never its target. A crash between the two
  /// calls leaves the file under both names, never under none.
  static func linkNoReplace(_ source: String, to destination: String) -> Errno? {
    linkat(AT_FDCWD, source, AT_FDCWD, destination, 0) == 0 ? nil : Errno(errno)
  }

  /// Removes the name `path`, returning the errno on failure.
  static func removeName(_ path: String) -> Errno? {
    unlink(path) == 0 ? nil : Errno(errno)
  }

  /// Creates `folder` with `mode` unless it exists, and syncs its parent after creating it.
  /// Returns the errno on failure.
  static func createFolder(_ folder: String, mode: mode_t) -> Errno? {
    var status = stat()
    if stat(folder, &status) == 0 {
      return status.st_mode & S_IFMT == S_IFDIR ? nil : Errno(ENOTDIR)
    }
    guard mkdir(folder, mode) == 0 else {
      return errno == EEXIST ? nil : Errno(errno)
    }
    return syncFolder((folder as NSString).deletingLastPathComponent)
  }

  /// Flushes a folder's entries to disk (`fsync` on the folder), so a new name survives a
  /// power loss. Returns the errno on failure.
  static func syncFolder(_ folder: String) -> Errno? {
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return Errno(errno) }
    defer { _ = close(descriptor) }
    return fsync(descriptor) == 0 ? nil : Errno(errno)
  }

  /// Creates `path` (which must not exist) with mode 0600, writes `text`, and syncs it.
  /// Returns the errno on failure, after removing the partial file.
  static func writeSynced(_ text: String, to path: String) -> Errno? {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return Errno(errno) }

    var failure: Errno?
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count, failure == nil {
      let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno != EINTR { failure = Errno(errno) }
      } else {
        written += count
      }
    }
    if failure == nil, fsync(descriptor) != 0 { failure = Errno(errno) }
    if close(descriptor) != 0, failure == nil { failure = Errno(errno) }

    if failure != nil { _ = unlink(path) }
    return failure
  }
}

/// A system error number, as a value that can sit in a `Result`.
struct Errno: Error, Equatable {
  var code: Int32
  init(_ code: Int32) { self.code = code }
}
