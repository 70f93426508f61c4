import Foundation

/// Everything that can go wrong while moving a taken file, writing its error file, hashing it
/// or recording it.
///
/// Cases from system calls carry the `errno` value. The `description` says what failed, on
/// which path, and what to do next, so the text can go to a person as it is.
package enum InboxLifecycleError: Error, Equatable, Sendable {
  /// A file to move that is not directly in `inbox/` or `inbox/dwf/`.
  case sourceOutsideInbox(path: String, inbox: String)
  /// The file to move could not be examined (`lstat`), usually because it is gone.
  case sourceUnreadable(path: String, errno: Int32)
  /// A folder under `inbox/` (`processed/`, its date folders, `failed/`) could not be created.
  case folderCreateFailed(path: String, errno: Int32)
  /// The destination is on another file system, so a move would have to copy the file.
  case crossDevice(source: String, destination: String)
  /// `link(2)` to the destination failed with something other than `EEXIST` or `EXDEV`.
  case linkFailed(source: String, destination: String, errno: Int32)
  /// The source name could not be removed after the file was linked at its destination, so
  /// the file now has both names.
  case unlinkFailed(path: String, destination: String, errno: Int32)
  /// Writing, syncing or renaming the error file failed.
  case errorFileWriteFailed(path: String, errno: Int32)
  /// `fsync` of a folder failed, so the move may not survive a power loss.
  case folderSyncFailed(path: String, errno: Int32)
  /// No free name was found in the destination folder after `attempts` suffixes.
  case noFreeName(folder: String, name: String, attempts: Int)
  /// A file to hash could not be opened or read.
  case readFailed(path: String, errno: Int32)
  /// A libcrypto digest call failed.
  case digestFailed(path: String, function: String)
  /// A SHA-256 that is not 64 lowercase or uppercase hex digits.
  case invalidSHA256(value: String)
}
