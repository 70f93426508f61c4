import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Moves a taken file out of `inbox/` or `inbox/dwf/`: to `inbox/processed/YYYY-MM-DD/` (UTC)
/// once its work is committed, or to `inbox/failed/` beside its `NAME.error.txt`.
///
/// A name that exists in the destination gets a numbered suffix (`name (2).xlsx`), and the
/// error file takes the same suffix (`name (2).xlsx.error.txt`). An existing file is never
/// replaced and an input is never copied, because every move is a hard link followed by the
/// removal of the inbox name (see `FileSystemCalls.linkNoReplace`). The destination folder and
/// the inbox folder are synced after each move.
package struct FileMover: Sendable {
  /// The `inbox/` folder of the workspace.
  package let inbox: String
  let clock: @Sendable () -> Date
  /// Runs with the chosen destination just before the link, so a test can create a file there
  /// the way a concurrent writer could.
  let beforeLink: @Sendable (String) -> Void

  /// The number of suffixes tried before `noFreeName`.
  static let maximumAttempts = 10_000
  static let folderMode: mode_t = 0o750

  package init(inbox: String, clock: @escaping @Sendable () -> Date = { Date() }) {
    self.init(inbox: inbox, clock: clock, beforeLink: { _ in })
  }

  init(
    inbox: String, clock: @escaping @Sendable () -> Date,
    beforeLink: @escaping @Sendable (String) -> Void
  ) {
    self.inbox = (inbox as NSString).standardizingPath
    self.clock = clock
    self.beforeLink = beforeLink
  }

  package var processedFolder: String { (inbox as NSString).appendingPathComponent("processed") }
  package var failedFolder: String { (inbox as NSString).appendingPathComponent("failed") }

  /// Returns the date folder of `date`, `inbox/processed/YYYY-MM-DD` in UTC.
  package func processedFolder(for date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    let day = String(
      format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    return (processedFolder as NSString).appendingPathComponent(day)
  }

  /// Moves `source` into today's folder under `inbox/processed/` and returns its new path.
  ///
  /// Call it after the transaction that contains the file's work has committed. A crash before
  /// the move leaves the file in the inbox, to be taken again.
  ///
  /// - Throws: `InboxLifecycleError.sourceOutsideInbox`, `.sourceUnreadable`,
  ///   `.folderCreateFailed`, `.crossDevice`, `.linkFailed`, `.unlinkFailed`,
  ///   `.folderSyncFailed` and `.noFreeName`.
  @discardableResult
  package func moveToProcessed(_ source: String) throws -> String {
    let source = Self.normalized(source)
    let identity = try checkSource(source)
    let folder = processedFolder(for: clock())
    try createFolder(processedFolder)
    try createFolder(folder)

    let name = (source as NSString).lastPathComponent
    for attempt in 1...Self.maximumAttempts {
      let candidate = (folder as NSString).appendingPathComponent(
        UniqueName.name(name, attempt: attempt))
      if let existing = try? FileSystemCalls.identity(of: candidate).get() {
        guard isSameFile(existing, identity) else { continue }
        // An earlier move linked the file here and stopped before removing the inbox name.
        try finishMove(source, to: candidate)
        return candidate
      }

      beforeLink(candidate)
      if try link(source, to: candidate) {
        try finishMove(source, to: candidate)
        return candidate
      }
    }
    throw InboxLifecycleError.noFreeName(
      folder: folder, name: name, attempts: Self.maximumAttempts)
  }

  /// Writes `report` to `inbox/failed/NAME.error.txt`, then moves `source` beside it, and
  /// returns both new paths.
  ///
  /// The error file is complete and synced before the input moves, so a file in `failed/`
  /// always has its explanation. The file is never recorded as processed, so the same name
  /// and content may be dropped again after a fix.
  ///
  /// - Throws: the errors of `moveToProcessed(_:)` and `.errorFileWriteFailed`.
  @discardableResult
  package func moveToFailed(_ source: String, report: FailureReport) throws -> FailedFile {
    let source = Self.normalized(source)
    let identity = try checkSource(source)
    try createFolder(failedFolder)

    let name = (source as NSString).lastPathComponent
    for attempt in 1...Self.maximumAttempts {
      let fileName = UniqueName.name(
        name, attempt: attempt, reserving: FailedFile.errorSuffix.utf8.count)
      let candidate = (failedFolder as NSString).appendingPathComponent(fileName)
      let errorFile = candidate + FailedFile.errorSuffix
      let moved = FailedFile(file: candidate, errorFile: errorFile)

      if let existing = try? FileSystemCalls.identity(of: candidate).get() {
        guard isSameFile(existing, identity), FileSystemCalls.exists(errorFile) else { continue }
        try finishMove(source, to: candidate)
        return moved
      }
      guard !FileSystemCalls.exists(errorFile) else { continue }

      let text = report.text(storedAs: "inbox/failed/" + fileName)
      guard try writeErrorFile(text, to: errorFile) else { continue }

      beforeLink(candidate)
      let isLinked: Bool
      do {
        isLinked = try link(source, to: candidate)
      } catch {
        // The input stays in the inbox, so its error file would describe a move that failed.
        removeOwnErrorFile(errorFile)
        throw error
      }
      guard isLinked else {
        removeOwnErrorFile(errorFile)
        continue
      }
      try finishMove(source, to: candidate)
      return moved
    }
    throw InboxLifecycleError.noFreeName(
      folder: failedFolder, name: name, attempts: Self.maximumAttempts)
  }

  // MARK: Steps

  /// Tidies the folder part of `source` the way `init` tidies the inbox, but keeps the last
  /// component as it is, because `standardizingPath` would resolve a symlink to its target.
  private static func normalized(_ source: String) -> String {
    let folder = ((source as NSString).deletingLastPathComponent as NSString).standardizingPath
    return (folder as NSString).appendingPathComponent((source as NSString).lastPathComponent)
  }

  /// Checks that `source` sits directly in `inbox/` or `inbox/dwf/` and returns its identity.
  private func checkSource(_ source: String) throws -> FileSystemCalls.Identity {
    let folder = (source as NSString).deletingLastPathComponent
    let dwfFolder = (inbox as NSString).appendingPathComponent("dwf")
    guard folder == inbox || folder == dwfFolder else {
      throw InboxLifecycleError.sourceOutsideInbox(path: source, inbox: inbox)
    }
    switch FileSystemCalls.identity(of: source) {
    case .success(let identity):
      return identity
    case .failure(let error):
      throw InboxLifecycleError.sourceUnreadable(path: source, errno: error.code)
    }
  }

  private func createFolder(_ folder: String) throws {
    if let error = FileSystemCalls.createFolder(folder, mode: Self.folderMode) {
      throw InboxLifecycleError.folderCreateFailed(path: folder, errno: error.code)
    }
  }

  private func isSameFile(_ first: FileSystemCalls.Identity, _ second: FileSystemCalls.Identity)
    -> Bool
  {
    first.device == second.device && first.inode == second.inode
  }

  /// Links `source` at `destination` and returns `false` when the name is taken.
  private func link(_ source: String, to destination: String) throws -> Bool {
    guard let error = FileSystemCalls.linkNoReplace(source, to: destination) else { return true }
    switch error.code {
    case EEXIST:
      return false
    case EXDEV:
      throw InboxLifecycleError.crossDevice(source: source, destination: destination)
    default:
      throw InboxLifecycleError.linkFailed(
        source: source, destination: destination, errno: error.code)
    }
  }

  /// Removes the inbox name of a file already linked at `destination`, then syncs both folders.
  private func finishMove(_ source: String, to destination: String) throws {
    if let error = FileSystemCalls.removeName(source) {
      throw InboxLifecycleError.unlinkFailed(
        path: source, destination: destination, errno: error.code)
    }
    for folder in [destination, source].map({ ($0 as NSString).deletingLastPathComponent }) {
      if let error = FileSystemCalls.syncFolder(folder) {
        throw InboxLifecycleError.folderSyncFailed(path: folder, errno: error.code)
      }
    }
  }

  /// Writes the error file through a synced temporary file in the same folder, and returns
  /// `false` when `errorFile` appeared meanwhile.
  ///
  /// The temporary file gets its final name by a link, not `rename(2)`, because a rename would
  /// replace an error file that another failure wrote under the same name in the meantime.
  /// The prefix and suffix of the temporary name an error file is written under.
  static let errorTemporaryPrefix = ".error-"
  static let errorTemporarySuffix = ".tmp"

  /// Removes the temporary error files that a process killed while writing one left in
  /// `inbox/failed/`, and returns how many it removed. They are komet-dwf's own files, never
  /// an input. The caller holds the workspace lock, so no other process is writing one.
  @discardableResult
  package func removeLeftoverErrorTemporaries() -> Int {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: failedFolder)) ?? []
    var removed = 0
    for name in names
    where name.hasPrefix(Self.errorTemporaryPrefix) && name.hasSuffix(Self.errorTemporarySuffix)
    {
      let path = (failedFolder as NSString).appendingPathComponent(name)
      if FileSystemCalls.removeName(path) == nil { removed += 1 }
    }
    return removed
  }

  private func writeErrorFile(_ text: String, to errorFile: String) throws -> Bool {
    let folder = (errorFile as NSString).deletingLastPathComponent
    // A short temporary name, because the error file's own name may be near the 255-byte limit.
    let temporary = (folder as NSString).appendingPathComponent(
      Self.errorTemporaryPrefix + UUID().uuidString + Self.errorTemporarySuffix)
    if let error = FileSystemCalls.writeSynced(text, to: temporary) {
      throw InboxLifecycleError.errorFileWriteFailed(path: temporary, errno: error.code)
    }
    defer { _ = FileSystemCalls.removeName(temporary) }

    if let error = FileSystemCalls.linkNoReplace(temporary, to: errorFile) {
      if error.code == EEXIST { return false }
      throw InboxLifecycleError.errorFileWriteFailed(path: errorFile, errno: error.code)
    }
    if let error = FileSystemCalls.syncFolder(folder) {
      throw InboxLifecycleError.folderSyncFailed(path: folder, errno: error.code)
    }
    return true
  }

  /// Removes an error file this mover has just written, for an input that did not move.
  private func removeOwnErrorFile(_ errorFile: String) {
    // NOTE: A failure here leaves an error file with no input beside it, and the caller's
    // error explains why the move failed.
    _ = FileSystemCalls.removeName(errorFile)
  }
}

/// The new paths of a failed input and its error file in `inbox/failed/`.
package struct FailedFile: Equatable, Sendable {
  static let errorSuffix = ".error.txt"

  package let file: String
  package let errorFile: String
}

/// Builds the numbered names for a name that is taken: `name.xlsx`, `name (2).xlsx`,
/// `name (3).xlsx`, and `name`, `name (2)` without an extension.
enum UniqueName {
  /// The maximum file name length of Linux file systems, in bytes (`NAME_MAX`).
  static let maximumBytes = 255

  /// Returns `name`, numbered from the second attempt on, shortened when needed so that the
  /// name plus `reserving` more bytes (such as `.error.txt`) still fits in `maximumBytes`.
  ///
  /// Shortening drops characters from the end of the base name and keeps the extension, so a
  /// very long name still lands in `failed/` or `processed/`. The error file keeps the name
  /// as it was dropped.
  static func name(_ name: String, attempt: Int, reserving: Int = 0) -> String {
    let extensionText = (name as NSString).pathExtension
    var base = extensionText.isEmpty ? name : (name as NSString).deletingPathExtension
    let suffix =
      (attempt > 1 ? " (\(attempt))" : "") + (extensionText.isEmpty ? "" : "." + extensionText)
    let room = maximumBytes - reserving - suffix.utf8.count
    while base.utf8.count > max(room, 1), !base.isEmpty {
      base.removeLast()
    }
    return base + suffix
  }
}
