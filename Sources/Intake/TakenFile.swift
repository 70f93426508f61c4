import InboxLifecycle
import Watching

/// An inbox file as the intake took it: its path, its `lstat(2)` status from before it was
/// hashed, and the SHA-256 of its content.
///
/// A handler reads the file again after the hash, so it calls `isUnchanged()` right before it
/// records anything it read. A writer that went on writing, or another file moved in under
/// the same name, changes the size, the modification time or the inode.
package struct TakenFile: Sendable, Equatable {
  package let path: String
  package let sha256: String
  /// The status before the file was hashed.
  package let status: EntryStatus

  package init(path: String, sha256: String, status: EntryStatus) {
    self.path = path
    self.sha256 = sha256
    self.status = status
  }

  /// Reads the status of the file at `path` with `lstat(2)`, then hashes it, in the order
  /// `Intake.take` does. Returns nil when the file is gone.
  ///
  /// - Throws: `InboxLifecycleError` when the file cannot be read or hashed.
  package static func read(path: String) throws -> TakenFile? {
    guard let status = EntryStatus.read(path: path) else { return nil }
    return TakenFile(path: path, sha256: try SHA256.hex(ofFileAt: path), status: status)
  }

  /// Tells whether the file still has the type, device, inode, size and modification time it
  /// had before it was hashed.
  package func isUnchanged() -> Bool {
    EntryStatus.read(path: path) == status
  }
}
