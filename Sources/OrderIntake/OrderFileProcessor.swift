import CrashPoints
import Foundation
import InboxLifecycle
import Intake
import InventoryFeed
import Logging
import OrderJournal
import Orders
import StateStore
import Workspace

/// Takes one DWF order file from `inbox/dwf/` into the order journal, with acknowledgements
/// for DWF in `outbox/dwf/acks/`, then moves it to `inbox/processed/`.
///
/// A file that fails whole gets `FILE.rejected.json` and moves to `inbox/failed/` beside its
/// error file. Every journal write and acknowledgement comes before the move, so a process
/// killed before the move takes the file again. That take is recognized as the same delivery
/// by the file's name, SHA-256 and status, so its orders keep their receipts and no
/// duplicate is counted. The placement stage later sends the journaled lines to Komet.
///
/// The file is checked against its status from before the hash right before each order is
/// journaled, before a rejection and before the move. A file that changed, because its writer
/// went on writing, stays in `inbox/dwf/` for a later take, so a row cut short is never
/// placed and the rest of an upload is never moved away unread.
package final class OrderFileProcessor: OrderFileHandler {
  /// The reason an order file waits while no inventory drop exists.
  package static let noSnapshotReason =
    "no inventory drop has been written yet, so order lines cannot be checked against the"
    + " inventory DWF was offered; the file is taken after the first drop"

  let database: Database
  let journal: OrderJournal
  let acknowledgements: AcknowledgementWriter
  let snapshots: InventorySnapshotReader
  let mover: FileMover
  let settings: OrderIntakeSettings
  let logger: Logger
  let clock: @Sendable () -> Date
  /// Whether the wait for a first inventory drop was logged.
  var notedNoSnapshot = false
  /// The SHA-256 of each file a dry run validated, so a pass does not repeat its work.
  var dryRunFiles: Set<String> = []
  /// Writes the requests of a dry run, or nil to validate and log only.
  let dryRunRequests: (any DryRunRequestWriting)?

  /// Takes a database migrated to the latest version, such as one from `StateSchema.open`.
  /// `dryRunRequests` is used only when `settings.dryRun` is set.
  package init(
    workspace: Workspace, database: Database, settings: OrderIntakeSettings, logger: Logger,
    clock: @escaping @Sendable () -> Date = { Date() },
    dryRunRequests: (any DryRunRequestWriting)? = nil
  ) {
    self.database = database
    self.journal = OrderJournal(database: database, now: clock)
    self.acknowledgements = AcknowledgementWriter(workspace: workspace)
    self.snapshots = InventorySnapshotReader(workspace: workspace, database: database)
    self.mover = FileMover(inbox: workspace.inbox.path, clock: clock)
    self.settings = settings
    self.logger = logger
    self.clock = clock
    self.dryRunRequests = dryRunRequests
  }

  package func takeOrderFile(_ taken: TakenFile) -> OrderFileDecision {
    let path = taken.path
    let sha256 = taken.sha256
    if settings.dryRun {
      return dryRun(path: path, sha256: sha256)
    }

    let file: OrderFile
    do {
      file = try OrderFileParser.parse(path: path)
    } catch let error as OrderFileError {
      guard taken.isUnchanged() else { return .done(changedWhileRead(taken, ordersTaken: 0)) }
      return .done(rejectFile(path: path, error: error))
    } catch {
      return .done(notTaken(path, "the file could not be parsed (\(error))"))
    }

    let snapshot: InventorySnapshot
    switch readSnapshot(path: path) {
    case .success(let found?): snapshot = found
    case .success(nil): return .wait(reason: Self.noSnapshotReason)
    case .failure(let error): return .done(notTaken(path, error.description))
    }

    let validations = Self.inFileOrder(validator(for: snapshot).validate(file))
    let fileName = (path as NSString).lastPathComponent
    var counts: [String: Int] = [:]
    var ordersTaken = 0
    do {
      let take = try journal.beginFileTake(
        fileName: fileName, sha256: sha256, identity: Self.identity(of: taken))
      for validation in validations {
        guard taken.isUnchanged() else {
          return .done(changedWhileRead(taken, ordersTaken: ordersTaken))
        }
        let outcome = try receive(validation, take: take, inventory: snapshot.items)
        counts[outcome, default: 0] += 1
        ordersTaken += 1
      }
    } catch let error as AcknowledgementNotWritten {
      logger.error(
        "Order journaled, but its acknowledgement was not written; file retried next pass",
        ["file.path": path, "order.number": error.orderNumber, "error": "\(error.underlying)"])
      return .done(notTaken(path, "\(error); the file is retried on the next pass"))
    } catch {
      logger.error(
        "Order journal write failed; file left in inbox/dwf/ and retried next pass",
        ["file.path": path, "orders.taken": "\(ordersTaken)", "error": "\(error)"])
      return .done(
        notTaken(path, "the order journal or an acknowledgement failed (\(error))"))
    }
    guard taken.isUnchanged() else {
      return .done(changedWhileRead(taken, ordersTaken: ordersTaken))
    }
    return .done(moveToProcessed(path: path, sha256: sha256, counts: counts))
  }

  /// Leaves a file that changed since it was hashed in `inbox/dwf/`, for a take once it has
  /// settled. What was read from it may be cut short, such as a quantity of 1 that the writer
  /// was about to finish as 12, so nothing more is journaled from this read. Orders journaled
  /// before the change came from rows read whole, and the next take finds them duplicates.
  private func changedWhileRead(_ taken: TakenFile, ordersTaken: Int) -> IntakeOutcome {
    logger.warning(
      "Order file changed while it was read, left in inbox/dwf/ until it settles",
      ["file.path": taken.path, "file.sha256": taken.sha256, "orders.taken": "\(ordersTaken)"])
    var reason =
      "the order file changed while it was read, probably because it is still being"
      + " uploaded, so no order was journaled from this read"
    if ordersTaken > 0 {
      reason =
        "the order file changed while it was read, probably because it is still being"
        + " uploaded, so no order after the first \(ordersTaken) was journaled. Those are"
        + " taken as duplicates when the file is taken again"
    }
    return .retryLater(path: taken.path, attempt: 0, reason: reason)
  }

  /// Returns the file's device, inode, size and modification time, which stay the same
  /// while it waits in `inbox/dwf/` and differ for any later upload under its name.
  static func identity(of taken: TakenFile) -> String {
    let status = taken.status
    return "\(status.device):\(status.inode):\(status.size):\(status.modifiedSeconds)."
      + "\(status.modifiedNanoseconds)"
  }

  /// Returns the validator for the day, the known locations and the snapshot.
  func validator(for snapshot: InventorySnapshot) -> OrderValidator {
    let locations = (try? KnownIDs(database: database).ids(.location).map(\.id)) ?? []
    return OrderValidator(
      today: OrderDate(clock(), in: settings.timeZone), locationIds: locations,
      defaultLocationId: settings.defaultLocationId, inventory: snapshot.items,
      priceTolerance: settings.priceTolerance, allOrNothing: settings.allOrNothing,
      timeZone: settings.timeZone, hasDefaultCarrier: settings.hasDefaultCarrier)
  }

  /// Reads the latest drop, logging once while there is none.
  func readSnapshot(path: String) -> Result<InventorySnapshot?, InventorySnapshotError> {
    do {
      guard let snapshot = try snapshots.latest() else {
        if !notedNoSnapshot {
          notedNoSnapshot = true
          logger.notice(
            "Order files wait in inbox/dwf/ until the first inventory drop is written",
            ["file.path": path])
        }
        return .success(nil)
      }
      notedNoSnapshot = false
      return .success(snapshot)
    } catch {
      logger.error(
        "Latest inventory drop unusable, order file left in inbox/dwf/",
        ["file.path": path, "error": "\(error)"])
      return .failure(error)
    }
  }

  private func moveToProcessed(path: String, sha256: String, counts: [String: Int])
    -> IntakeOutcome
  {
    let summary = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
      .joined(separator: ", ")
    CrashPoint.reach("intake.order.before-move")
    do {
      let destination = try mover.moveToProcessed(path)
      CrashPoint.reach("intake.order.after-move")
      removeEarlierRejection(of: path)
      logger.info(
        "Order file journaled and moved to inbox/processed/",
        ["file.path": path, "file.destination": destination, "file.sha256": sha256,
          "orders": summary])
      return .processed(kind: .orderFile, destination: destination, summary: summary)
    } catch {
      logger.error(
        "Journaled order file could not be moved", ["file.path": path, "error": "\(error)"])
      return notTaken(path, "the move to inbox/processed/ failed (\(error))")
    }
  }

  /// Removes the rejection of an earlier upload under the same name, so DWF does not read an
  /// old rejection beside the acks of the file that replaced it. A failure is only logged,
  /// because the orders are journaled and acknowledged already.
  private func removeEarlierRejection(of path: String) {
    let fileName = (path as NSString).lastPathComponent
    do {
      if try acknowledgements.removeRejection(fileName: fileName) {
        logger.info(
          "Rejection of an earlier upload under the same name removed", ["file.name": fileName])
      }
    } catch {
      logger.warning(
        "Rejection of an earlier upload not removed", ["file.name": fileName, "error": "\(error)"])
    }
  }

  func notTaken(_ path: String, _ reason: String) -> IntakeOutcome {
    .notTaken(path: path, reason: reason)
  }
}
