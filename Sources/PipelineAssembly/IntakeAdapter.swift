import Exchange
import Foundation
import Intake
import Synchronization
import Watching
import Workspace

/// The pipeline's intake stage: hands each inbox entry to `Intake` and translates its outcome.
///
/// `Intake` keeps in-memory counts and is owned by one task, so every call goes through a mutex.
final class IntakeAdapter: IntakeStage {
  private let intake: Mutex<Intake>
  private let workspace: Workspace

  init(intake: sending Intake, workspace: Workspace) {
    self.intake = Mutex(intake)
    self.workspace = workspace
  }

  func pendingEntries() throws -> [InboxEntry] {
    let files = intake.withLock { $0.pendingFiles() }
    return files.compactMap { file in
      let folder = (file.path as NSString).deletingLastPathComponent
      let name = (file.path as NSString).lastPathComponent
      guard let type = Self.entryType(of: file.path) else { return nil }
      return InboxEntry(folder: folder, name: name, type: type)
    }
  }

  func take(_ entry: InboxEntry) async throws -> EntryOutcome {
    let area = self.area(of: entry.folder)
    let outcome: IntakeOutcome = intake.withLock { intake in
      switch entry.type {
      case .regularFile where entry.isReady:
        return intake.take(path: entry.path, area: area)
      case .regularFile:
        return intake.takeIfSettled(path: entry.path, area: area)
      case .nonRegular(let kind):
        return intake.takeNonRegular(path: entry.path, kind: kind, area: area)
      }
    }
    return try Self.translate(outcome)
  }

  /// `inbox/dwf/` is DWF's area; every other watched folder is the grower's `inbox/`.
  private func area(of folder: String) -> IntakeArea {
    let standardized = URL(fileURLWithPath: folder).standardizedFileURL.path
    return standardized == workspace.dwfInbox.standardizedFileURL.path ? .dwf : .grower
  }

  static func translate(_ outcome: IntakeOutcome) throws -> EntryOutcome {
    switch outcome {
    case .processed(let kind, let destination, let summary):
      return .processed(kind: kind.rawValue, destination: destination, ids: ["summary": summary])
    case .alreadyProcessed(let kind, let destination, let firstName):
      return .processed(
        kind: kind.rawValue, destination: destination,
        ids: ["summary": "content processed before as \(firstName), nothing changed"])
    case .failed(_, let destination, let reason):
      return .failed(kind: nil, destination: destination, reason: reason)
    case .waiting(_, let reason):
      return .waiting(kind: IntakeKind.orderFile.rawValue, reason: reason)
    case .retryLater(_, 0, let reason):
      return .retryLater(reason: reason)
    case .retryLater(_, let attempt, let reason):
      return .retryLater(reason: "attempt \(attempt): \(reason)")
    case .stillBeingWritten(_, let reason):
      return .stillBeingWritten(reason: reason)
    case .notTaken(let path, let reason):
      throw IntakeAdapterError.notTaken(path: path, reason: reason)
    }
  }

  /// Returns the entry's type by `lstat`, or nil when it is gone.
  private static func entryType(of path: String) -> InboxEntry.EntryType? {
    guard let status = EntryStatus.read(path: path) else { return nil }
    switch status.kind {
    case .regular: return .regularFile(size: status.size, modified: status.modified)
    case .folder: return nil
    case .other(let kind): return .nonRegular(kind)
    }
  }
}

/// A failure of the intake's own work (not of the file), which leaves the file in place.
enum IntakeAdapterError: Error, CustomStringConvertible {
  case notTaken(path: String, reason: String)

  var description: String {
    switch self {
    case .notTaken(let path, let reason):
      return "\(path) was left in the inbox: \(reason). The next `once` takes it again, and"
        + " `run` takes it when the file changes or `run` restarts"
    }
  }
}
