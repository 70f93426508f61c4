import Foundation
import Glibc

/// The type of a directory entry, and the values whose change means the file changed, as
/// `lstat` returns them.
package struct EntryStatus: Equatable, Sendable {
  package enum Kind: Equatable, Sendable {
    case regular
    case folder
    case other(NonRegularKind)
  }

  package let kind: Kind
  package let device: UInt
  package let inode: UInt
  package let size: Int64
  package let modifiedSeconds: Int
  package let modifiedNanoseconds: Int

  package var modified: Date {
    Date(
      timeIntervalSince1970: TimeInterval(modifiedSeconds)
        + TimeInterval(modifiedNanoseconds) / 1_000_000_000)
  }

  /// Reads the entry at `path` with `lstat(2)`, so a symbolic link is described, not followed.
  /// Returns nil when the entry is gone or cannot be read.
  package static func read(path: String) -> EntryStatus? {
    var status = stat()
    guard lstat(path, &status) == 0 else { return nil }
    return EntryStatus(
      kind: kind(ofMode: status.st_mode), device: UInt(status.st_dev), inode: UInt(status.st_ino),
      size: Int64(status.st_size), modifiedSeconds: Int(status.st_mtim.tv_sec),
      modifiedNanoseconds: Int(status.st_mtim.tv_nsec))
  }

  private static func kind(ofMode mode: mode_t) -> Kind {
    switch mode & S_IFMT {
    case S_IFREG: return .regular
    case S_IFDIR: return .folder
    case S_IFLNK: return .other(.symbolicLink)
    case S_IFIFO: return .other(.fifo)
    case S_IFSOCK: return .other(.socket)
    case S_IFCHR: return .other(.characterDevice)
    case S_IFBLK: return .other(.blockDevice)
    default: return .other(.unknown)
    }
  }
}

/// Lists the names in a folder with `opendir(3)` and `readdir(3)`, leaving out `.` and `..`.
///
/// - Throws: `WatcherError.folderMissing`, `.notAFolder` or `.folderUnreadable`.
func listFolder(_ folder: String) throws(WatcherError) -> [String] {
  guard let directory = opendir(folder) else {
    throw folderError(folder, code: errno)
  }
  defer { closedir(directory) }

  var names: [String] = []
  while let entry = readdir(directory) {
    let name = withUnsafePointer(to: entry.pointee.d_name) { tuple in
      tuple.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
    }
    if name != "." && name != ".." {
      names.append(name)
    }
  }
  return names
}

/// Returns the error for a failed `opendir`, `stat` or `inotify_add_watch` on a folder.
func folderError(_ folder: String, code: Int32) -> WatcherError {
  let reason = WatcherError.reason(for: code)
  switch code {
  case ENOENT: return .folderMissing(folder: folder, reason: reason)
  case ENOTDIR: return .notAFolder(folder: folder, reason: reason)
  case ENOSPC: return .watchLimitReached(folder: folder, reason: reason)
  default: return .folderUnreadable(folder: folder, reason: reason)
  }
}
