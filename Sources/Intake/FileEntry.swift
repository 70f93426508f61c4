import Foundation
import Glibc
import Watching

/// A directory entry as `lstat(2)` describes it, so a symbolic link is never followed.
struct FileEntry: Equatable {
  enum EntryType: Equatable {
    case regular
    case folder
    case other(NonRegularKind)
  }

  let type: EntryType
  let size: Int64
  let modifiedSeconds: Int
  let modifiedNanoseconds: Int

  /// Reads the entry at `path`, or returns nil when it is gone or cannot be read.
  static func read(_ path: String) -> FileEntry? {
    var status = stat()
    guard lstat(path, &status) == 0 else { return nil }
    return FileEntry(
      type: type(ofMode: status.st_mode), size: Int64(status.st_size),
      modifiedSeconds: Int(status.st_mtim.tv_sec),
      modifiedNanoseconds: Int(status.st_mtim.tv_nsec))
  }

  private static func type(ofMode mode: mode_t) -> EntryType {
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
