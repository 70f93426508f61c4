import Glibc

/// A failure to watch or read one of the watched folders, with the folder and the system's
/// reason (the `strerror` text of `errno`).
package enum WatcherError: Error, Equatable, Sendable, CustomStringConvertible {
  case folderMissing(folder: String, reason: String)
  case notAFolder(folder: String, reason: String)
  case watchLimitReached(folder: String, reason: String)
  case inotifyUnavailable(reason: String)
  case watchFailed(folder: String, reason: String)
  case folderUnreadable(folder: String, reason: String)
  /// The folder was deleted or moved away while watched (`IN_DELETE_SELF`, `IN_MOVE_SELF`).
  case folderRemoved(folder: String)
  case alreadyStarted

  package var description: String {
    switch self {
    case .folderMissing(let folder, let reason):
      return "The watched folder \(folder) was not found (\(reason)). Create it or fix the path."
    case .notAFolder(let folder, let reason):
      return "The watched path \(folder) is not a folder (\(reason)). Give a folder's path."
    case .watchLimitReached(let folder, let reason):
      return
        "Watching \(folder) failed because the inotify watch limit was reached (\(reason)). "
        + "Raise fs.inotify.max_user_watches (sysctl) or run with --poll."
    case .inotifyUnavailable(let reason):
      return
        "inotify could not be started (\(reason)). "
        + "Raise fs.inotify.max_user_instances (sysctl) or run with --poll."
    case .watchFailed(let folder, let reason):
      return "Watching \(folder) failed (\(reason)). Check the folder's permissions."
    case .folderUnreadable(let folder, let reason):
      return "Listing the folder \(folder) failed (\(reason)). Check the folder's permissions."
    case .folderRemoved(let folder):
      return
        "The watched folder \(folder) was removed or moved away. Recreate it; the watcher "
        + "watches it again at its next rescan."
    case .alreadyStarted:
      return "The watcher was started twice. Start a new watcher instead."
    }
  }

  /// Returns the `strerror` text for an `errno` value.
  static func reason(for code: Int32) -> String {
    String(cString: strerror(code))
  }
}
