import Foundation
import InboxLifecycle
import Inventory
import KometExports
import Logging
import StateStore
import Watching
import Workspace

/// Carries one ready inbox file through its lifecycle: classify it by content, commit its work
/// in one SQLite transaction, then move it to `inbox/processed/YYYY-MM-DD/`, or move it to
/// `inbox/failed/` beside an error file.
///
/// Files in `inbox/dwf/` never change the stored IDs or inventory: only files taken from
/// `inbox/` reach a commit. The object is not `Sendable`, because one pipeline task owns it
/// and its in-memory counts.
package final class Intake {
  /// The number of takes that may find a file looking truncated, with the same size and
  /// modification time, before the next such take fails it.
  static let maximumTruncatedAttempts = 3

  let workspace: Workspace
  let database: Database
  let logger: Logger
  let clock: @Sendable () -> Date
  let mover: FileMover
  /// The search for the DWF customer in a customers export.
  let matcher: CustomerMatcher
  /// Processes DWF order files; nil leaves every order file waiting in `inbox/dwf/`.
  let orderFiles: (any OrderFileHandler)?
  /// The time since its last modification that a file found by a listing must have before
  /// `takeIfSettled` takes it: `watch.settleSeconds`.
  let settleTime: TimeInterval

  /// Takes that found a file looking truncated, by path, with the size and time they saw.
  var truncatedAttempts: [String: TruncatedAttempts] = [:]
  /// Order files already noted as waiting, by path and SHA-256.
  var notedOrderFiles: Set<String> = []
  /// Unknown subfolders already reported, by path.
  var reportedSubfolders: Set<String> = []
  /// The file's `lstat` before it was hashed and read, which the commit compares with the
  /// file then, so content swapped in meanwhile is never recorded under the first hash.
  var takenEntry: EntryStatus?

  struct TruncatedAttempts {
    var size: Int64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int
    var count: Int
  }

  /// Takes a database migrated to the latest version, such as one from `StateSchema.open`.
  ///
  /// `matcher` finds the DWF customer in a customers export: by default a customer with `DWF`
  /// as a whole word of its name or code. With `komet.dwfCustomerId` set, the caller passes a
  /// matcher for that ID, so the export is taken even when several names contain `DWF`.
  /// `orderFiles` takes the order files of `inbox/dwf/`; without it they wait there.
  /// `settleTime` is the age, in seconds since the last modification, below which
  /// `takeIfSettled` leaves a file for a later pass.
  package init(
    workspace: Workspace, database: Database, logger: Logger,
    matcher: CustomerMatcher = CustomerMatcher(),
    orderFiles: (any OrderFileHandler)? = nil,
    settleTime: TimeInterval = 0,
    clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.matcher = matcher
    self.orderFiles = orderFiles
    self.settleTime = settleTime
    self.workspace = workspace
    self.database = database
    self.logger = logger
    self.clock = clock
    self.mover = FileMover(inbox: workspace.inbox.path, clock: clock)
  }

  /// Takes a file that a listing found, as `take` does, unless it was modified less than
  /// `settleTime` ago. A listing cannot tell a complete file from one whose writer is still
  /// at work, as an SFTP upload under the final name is, so a recent file is left unread for
  /// a later pass. A modification time ahead of the clock counts as recent.
  package func takeIfSettled(path: String, area: IntakeArea) -> IntakeOutcome {
    if let entry = EntryStatus.read(path: path), entry.kind == .regular {
      let age = clock().timeIntervalSince(entry.modified)
      if age < settleTime {
        return .stillBeingWritten(path: path, reason: Self.recentChange(age: age, settleTime))
      }
    }
    return take(path: path, area: area)
  }

  /// Takes one regular file that the watcher reported ready, from `inbox/` (`.grower`) or
  /// `inbox/dwf/` (`.dwf`). An entry that turns out not to be a regular file goes the way of
  /// `takeNonRegular`.
  package func take(path: String, area: IntakeArea) -> IntakeOutcome {
    guard let entry = EntryStatus.read(path: path) else {
      return .notTaken(path: path, reason: "the file no longer exists")
    }
    switch entry.kind {
    case .regular:
      break
    case .folder:
      return .notTaken(path: path, reason: "this is a folder, which the intake does not enter")
    case .other(let kind):
      return takeNonRegular(path: path, kind: kind, area: area)
    }

    let sha256: String
    do {
      sha256 = try SHA256.hex(ofFileAt: path)
    } catch {
      logger.error("Inbox file could not be hashed", ["file.path": path, "error": "\(error)"])
      return .notTaken(path: path, reason: "the file could not be read (\(error))")
    }
    if area == .grower, let outcome = takeKnownContent(path: path, sha256: sha256) {
      return outcome
    }

    let classification = ContentClassifier.classify(path: path)
    // The classifier read the file again after the hash, so its verdict holds only for the
    // content that was hashed.
    guard EntryStatus.read(path: path) == entry else {
      return changedWhileRead(path: path)
    }
    if case .truncated(let reason) = classification {
      return retryOrFail(path: path, area: area, entry: entry, reason: reason)
    }
    truncatedAttempts[path] = nil
    takenEntry = entry

    switch (classification, area) {
    case (.unusable(let problem), _):
      return fail(path: path, area: area, problem: problem)
    case (.orderFile, .dwf):
      return takeOrderFile(TakenFile(path: path, sha256: sha256, status: entry))
    case (.orderFile, .grower):
      return failInWrongArea(path: path, area: area, kind: .orderFile)
    case (_, .dwf):
      return failInWrongArea(path: path, area: area, kind: classification.kind ?? .orderFile)
    case (.customersExport(let table), .grower):
      return commitCustomers(table, path: path, sha256: sha256)
    case (.locationsExport(let table), .grower):
      return commitLocations(table, path: path, sha256: sha256)
    case (.inventoryExport(let table), .grower):
      return commitInventory(table, path: path, sha256: sha256)
    case (.truncated, _):
      preconditionFailure("a truncated file returned above")
    }
  }

  /// Moves a symbolic link, FIFO, socket or device to `inbox/failed/` with an error file,
  /// never following or opening it.
  package func takeNonRegular(path: String, kind: NonRegularKind, area: IntakeArea)
    -> IntakeOutcome
  {
    let problem =
      "this is a \(kind.rawValue), not a regular file. komet-dwf never follows links or opens"
      + " special files, so it was not read."
    let report = FailureReport(
      fileName: Self.fileName(of: path), problem: problem, expected: Self.expected(in: area),
      action: "Copy the file itself, not a link to it, into \(area.folderName).")
    return moveToFailed(path: path, area: area, report: report, reason: problem)
  }

  // MARK: Steps

  /// Moves a grower export whose content is the one its kind's stored IDs or lines came from
  /// to `processed/`, changing nothing else. Returns nil when the content is new, or when it
  /// was processed before but a later export of its kind replaced it: dropping an earlier
  /// export again makes it current again, which is how a grower undoes a wrong export.
  private func takeKnownContent(path: String, sha256: String) -> IntakeOutcome? {
    let record: ProcessedExport
    let current: String?
    do {
      guard let found = try ProcessedExports(database: database).export(sha256: sha256) else {
        return nil
      }
      record = found
      guard let kind = IntakeKind(rawValue: record.kind) else { return nil }
      current = try currentSHA256(of: kind)
    } catch {
      logger.error("Processed exports could not be read", ["file.path": path, "error": "\(error)"])
      return .notTaken(path: path, reason: "the state database could not be read (\(error))")
    }
    guard let kind = IntakeKind(rawValue: record.kind) else { return nil }
    guard current == sha256.lowercased() else {
      logger.info(
        "Export processed before but replaced since, taking it again",
        ["file.path": path, "file.sha256": sha256, "export.kind": kind.rawValue])
      return nil
    }

    do {
      let destination = try mover.moveToProcessed(path)
      logger.debug(
        "Export content was processed before, moved without changes",
        [
          "file.path": path, "file.destination": destination, "file.sha256": sha256,
          "export.firstName": record.originalName, "export.kind": kind.rawValue,
        ])
      return .alreadyProcessed(kind: kind, destination: destination, firstName: record.originalName)
    } catch {
      logger.error("Inbox file could not be moved", ["file.path": path, "error": "\(error)"])
      return .notTaken(path: path, reason: "the move to inbox/processed/ failed (\(error))")
    }
  }

  /// Returns the SHA-256 of the export that the stored IDs or lines of `kind` came from.
  private func currentSHA256(of kind: IntakeKind) throws -> String? {
    switch kind {
    case .customersExport:
      return try KnownIDs(database: database).ids(.dwfCustomer).first?.sourceSHA256
    case .locationsExport:
      return try KnownIDs(database: database).ids(.location).first?.sourceSHA256
    case .inventoryExport:
      return try StoredInventoryExport(database: database).sourceSHA256()
    case .orderFile:
      return nil
    }
  }

  /// Counts a take that found the file looking truncated, and fails the file once the count
  /// for the same size and modification time passes `maximumTruncatedAttempts`.
  private func retryOrFail(path: String, area: IntakeArea, entry: EntryStatus, reason: String)
    -> IntakeOutcome
  {
    var attempts = TruncatedAttempts(
      size: entry.size, modifiedSeconds: entry.modifiedSeconds,
      modifiedNanoseconds: entry.modifiedNanoseconds, count: 0)
    if let previous = truncatedAttempts[path], previous.size == entry.size,
      previous.modifiedSeconds == entry.modifiedSeconds,
      previous.modifiedNanoseconds == entry.modifiedNanoseconds
    {
      attempts.count = previous.count
    }
    attempts.count += 1

    guard attempts.count > Self.maximumTruncatedAttempts else {
      truncatedAttempts[path] = attempts
      logger.debug(
        "Inbox file looks truncated, retrying later",
        ["file.path": path, "retry.attempt": "\(attempts.count)", "error": reason])
      return .retryLater(path: path, attempt: attempts.count, reason: reason)
    }
    truncatedAttempts[path] = nil
    let problem = ContentProblem(
      problem: "the file still looks truncated after \(Self.maximumTruncatedAttempts) attempts"
        + " with the same size and time: \(reason)")
    let report = FailureReport(
      fileName: Self.fileName(of: path), problem: problem.problem,
      expected: Self.expected(in: area),
      action: "Copy or upload the whole file again into \(area.folderName).")
    return moveToFailed(path: path, area: area, report: report, reason: problem.problem)
  }

  /// Hands an order file to the order-file handler, or leaves it waiting when there is none
  /// or the handler asks it to wait.
  private func takeOrderFile(_ file: TakenFile) -> IntakeOutcome {
    guard let orderFiles else {
      return wait(
        path: file.path, sha256: file.sha256, reason: "order processing is not configured")
    }
    switch orderFiles.takeOrderFile(file) {
    case .done(let outcome):
      return outcome
    case .wait(let reason):
      return wait(path: file.path, sha256: file.sha256, reason: reason)
    }
  }

  /// Leaves a file whose size, modification time or inode changed while it was read, for a
  /// take once it settles. No attempt is counted, because the file is still changing.
  func changedWhileRead(path: String) -> IntakeOutcome {
    logger.warning(
      "Inbox file changed while it was read, taken again once it settles", ["file.path": path])
    return .retryLater(
      path: path, attempt: 0,
      reason: "the file changed while it was read, so nothing was stored from it. It is taken"
        + " again once it stops changing")
  }

  /// Describes a file modified `age` seconds ago, less than `settleTime`.
  static func recentChange(age: TimeInterval, _ settleTime: TimeInterval) -> String {
    let limit = "watch.settleSeconds, \(seconds(settleTime)) s"
    guard age >= 0 else {
      return "still being written: its modification time is \(seconds(-age)) s ahead of this"
        + " computer's clock, so it counts as recent (\(limit)). If the clocks differ, set"
        + " the writer's clock right. A later pass takes it."
    }
    return "still being written: modified \(seconds(age)) s ago, less than the settle time"
      + " (\(limit)). A later pass takes it once it has not changed for that long."
  }

  private static func seconds(_ value: TimeInterval) -> String {
    String(format: "%.1f", value)
  }

  /// Leaves an order file in `inbox/dwf/`, noting it once per path and content.
  private func wait(path: String, sha256: String, reason: String) -> IntakeOutcome {
    if notedOrderFiles.insert(path + "\u{0}" + sha256).inserted {
      logger.notice(
        "Order file left in inbox/dwf/",
        ["file.path": path, "file.sha256": sha256, "reason": reason])
    }
    return .waiting(path: path, reason: reason)
  }

  static func fileName(of path: String) -> String {
    (path as NSString).lastPathComponent
  }
}
