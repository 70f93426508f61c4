import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Creates a workspace's folders, READMEs and example config, which is what `komet-dwf init`
/// does. Nothing that exists is changed, so running it twice is safe.
///
/// Modes: `state/` is 0700, because it holds the database and the lock; the root, `inbox/`,
/// `inbox/dwf/`, `outbox/` and `outbox/dwf/` are 0755, and the files 0644. The umask does not
/// narrow them. A folder that exists keeps its mode.
package struct WorkspaceSetup {
  /// The result of setting up one folder or file.
  package enum Outcome: Equatable, Sendable {
    case created
    /// It existed and was left as it was.
    case kept
  }

  /// One folder or file of the workspace and what `run` did with it.
  package struct Entry: Equatable, Sendable {
    /// The path relative to the workspace root, with a final `/` for a folder; `.` is the
    /// root itself.
    package let relativePath: String
    package let isFolder: Bool
    /// The permission bits it is created with.
    package let mode: mode_t
    package let outcome: Outcome
  }

  package let workspace: Workspace

  package init(workspace: Workspace) {
    self.workspace = workspace
  }

  /// The folders in creation order, with their modes.
  package static let folders: [(relativePath: String, mode: mode_t)] = [
    (".", 0o755), ("inbox/", 0o755), ("inbox/dwf/", 0o755), ("outbox/", 0o755),
    ("outbox/dwf/", 0o755), ("state/", 0o700),
  ]

  /// The mode of every file `run` writes.
  package static let fileMode: mode_t = 0o644

  /// Creates what is missing and returns every folder and file with its outcome.
  ///
  /// - Throws: `WorkspaceError` when a folder's place is taken by something else, or a folder or
  ///   file cannot be created. What was created before the failure stays.
  package func run() throws(WorkspaceError) -> [Entry] {
    var entries: [Entry] = []
    for (relativePath, mode) in Self.folders {
      let outcome = try createFolder(url(of: relativePath).path, mode: mode)
      entries.append(
        Entry(relativePath: relativePath, isFolder: true, mode: mode, outcome: outcome))
    }

    for (relativePath, text) in Self.files {
      let outcome = try createFile(url(of: relativePath).path, text: text)
      entries.append(
        Entry(relativePath: relativePath, isFolder: false, mode: Self.fileMode, outcome: outcome))
    }
    return entries
  }

  /// The files in creation order with their content.
  static var files: [(relativePath: String, text: String)] {
    [
      ("inbox/\(Workspace.readmeName)", WorkspaceTexts.inboxReadme),
      ("inbox/dwf/\(Workspace.readmeName)", WorkspaceTexts.dwfInboxReadme),
      ("outbox/\(Workspace.readmeName)", WorkspaceTexts.outboxReadme),
      ("outbox/dwf/\(Workspace.readmeName)", WorkspaceTexts.dwfOutboxReadme),
      (Workspace.configFileName, WorkspaceTexts.exampleConfig),
    ]
  }

  private func url(of relativePath: String) -> URL {
    relativePath == "." ? workspace.root : workspace.root.appendingPathComponent(relativePath)
  }

  /// Creates the folder `path` with `mode`, or keeps the folder that is there.
  private func createFolder(_ path: String, mode: mode_t) throws(WorkspaceError) -> Outcome {
    if mkdir(path, mode) != 0 {
      let code = errno
      guard code == EEXIST else { throw .folderNotCreated(path: path, errno: code) }
      var status = stat()
      guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
        throw .notAFolder(path: path)
      }
      return .kept
    }

    // mkdir(2) applies the umask, so the mode is set again.
    guard chmod(path, mode) == 0 else { throw .folderNotCreated(path: path, errno: errno) }
    return .created
  }

  /// Writes `text` to a new file at `path`, or keeps the file that is there. `O_EXCL` makes
  /// the check and the creation one step, so a file made meanwhile is not overwritten either.
  private func createFile(_ path: String, text: String) throws(WorkspaceError) -> Outcome {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, Self.fileMode)
    if descriptor < 0 {
      let code = errno
      guard code == EEXIST else { throw .fileNotWritten(path: path, errno: code) }
      return .kept
    }
    defer { close(descriptor) }

    do {
      try writeAll(text, to: descriptor, path: path)
    } catch {
      // A half-written file would be kept by the next run, so it goes.
      unlink(path)
      throw error
    }
    return .created
  }

  private func writeAll(_ text: String, to descriptor: Int32, path: String)
    throws(WorkspaceError)
  {
    guard fchmod(descriptor, Self.fileMode) == 0 else {
      throw .fileNotWritten(path: path, errno: errno)
    }
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes {
        write(descriptor, $0.baseAddress! + offset, bytes.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw .fileNotWritten(path: path, errno: errno)
      }
      offset += written
    }
    guard fsync(descriptor) == 0 else { throw .fileNotWritten(path: path, errno: errno) }
  }
}
