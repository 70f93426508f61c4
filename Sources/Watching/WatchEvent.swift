import Foundation

/// A regular file that the watcher judged ready to take: complete and no longer changing.
package struct ReadyFile: Sendable, Equatable {
  /// The watched folder that contains the file, as given in the configuration.
  package let folder: String
  package let name: String
  /// The size in bytes when the file was judged ready.
  package let size: Int64
  /// The modification time when the file was judged ready.
  package let modified: Date

  /// The folder and name joined with `/`.
  package var path: String { folder + "/" + name }
}

/// The type of a directory entry that is neither a regular file nor a folder.
package enum NonRegularKind: String, Sendable, Equatable {
  case symbolicLink = "symbolic link"
  case fifo = "FIFO"
  case socket
  case characterDevice = "character device"
  case blockDevice = "block device"
  case unknown = "unknown file type"
}

/// An event that the watcher sends to its caller.
package enum WatchEvent: Sendable, Equatable {
  /// A regular file is ready to take.
  case fileReady(ReadyFile)
  /// An entry is not a regular file, so the caller should move it aside without reading it.
  /// The watcher never follows a symbolic link.
  case nonRegularFile(folder: String, name: String, kind: NonRegularKind)
  /// An entry is a folder, which the watcher does not enter. Reported once per folder (inode).
  case subfolder(folder: String, name: String)
  /// A watched folder could not be watched or read. The watcher keeps watching the others and
  /// tries this folder again at each rescan, reporting the same problem only once.
  case folderProblem(WatcherError)
}
