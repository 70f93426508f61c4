import Configuration
import Foundation
import Logging
import StateStore
import Workspace

/// The exchange pipeline of one workspace: intake of inbox files, queued change requests and
/// inventory drops, run once (`runOnce`) or until stopped (`run`).
///
/// The caller takes the `WorkspaceLock` first and keeps it until the pipeline returns, because
/// only the lock holder may claim change requests. Each call opens its own connection to the
/// state database and closes it before returning.
package struct Pipeline: Sendable {
  package let workspace: Workspace
  package let settings: ExchangeSettings
  package let stages: PipelineStages
  package let logger: Logger
  package let stop: StopSignal
  /// The time between two checks of the change-request queue in `run`.
  package var changeRequestInterval: Duration = .seconds(1)
  /// The time `run` waits after an order pass that could not reach Komet before a tick starts
  /// the next one. A new order file starts a pass at once.
  package var orderRetryInterval: Duration = .seconds(60)

  /// Takes the pipeline's parts. `lock` is not used beyond proving that the caller has it.
  package init(
    workspace: Workspace, lock: WorkspaceLock, settings: ExchangeSettings,
    stages: PipelineStages, logger: Logger, stop: StopSignal = StopSignal()
  ) {
    _ = lock
    self.workspace = workspace
    self.settings = settings
    self.stages = stages
    self.logger = logger
    self.stop = stop
  }

  /// Runs one pass: takes every pending inbox entry, carries out the queued change requests,
  /// places the journaled orders, then runs one inventory cycle. When that cycle writes a drop,
  /// the order files that waited in this pass are taken again and their orders placed, so an
  /// order file that came before the first drop goes through in the same pass. A stop request
  /// ends the pass after the step in progress.
  package func runOnce() async -> PassReport {
    var report = PassReport()
    guard let queue = openQueue(&report) else { return report }
    defer { queue.database.close() }

    var waitingOrderFiles = await takePendingEntries(&report)
    await carryOutChangeRequests(queue, report: &report)
    if !stop.isRequested, stages.orders != nil {
      await runOrderPass(&report)
    }
    if !stop.isRequested, isInventoryCycleDue(),
      await runInventoryCycle(&report)?.hasPublished == true
    {
      await placeWaitingOrderFiles(&waitingOrderFiles, report: &report)
    }
    logger.info(
      "Pass finished",
      [
        "pass.status": report.status.description,
        "pass.filesProcessed": String(report.filesProcessed),
        "pass.filesFailed": String(report.filesFailed),
        "pass.filesWaiting": String(report.filesWaiting),
        "pass.filesBeingWritten": String(report.filesBeingWritten),
        "pass.changeRequests": String(report.changeRequestsFinished),
        "pass.ordersPlaced": String(report.ordersPlaced),
        "pass.linesWaiting": String(report.linesWaiting),
      ])
    return report
  }

  /// Opens the state database and returns claims that a killed pipeline left behind to the
  /// queue.
  func openQueue(_ report: inout PassReport) -> ChangeRequests? {
    let queue: ChangeRequests
    do {
      queue = ChangeRequests(database: try StateSchema.open(workspace: workspace.root.path))
    } catch {
      logger.error("State database not opened", ["error": String(describing: error)])
      report.record(.internalFailure)
      return nil
    }
    do {
      for request in try queue.requeueInterrupted() {
        logger.warning(
          "Interrupted change request recovered",
          metadata(for: request).merging(["request.state": request.state.rawValue]) { $1 })
      }
    } catch {
      logger.error(
        "Interrupted change requests not recovered", ["error": String(describing: error)])
      report.record(.internalFailure)
    }
    return queue
  }

  /// Takes every pending inbox entry and returns the names of the order files that wait in
  /// `inbox/dwf/`.
  private func takePendingEntries(_ report: inout PassReport) async -> Set<String> {
    guard let intake = stages.intake else {
      logger.notice("No intake stage in this build, so inbox files stay in place")
      return []
    }
    let entries: [InboxEntry]
    do {
      entries = try intake.pendingEntries()
    } catch {
      logger.error("Inbox not listed", ["error": String(describing: error)])
      report.record(.internalFailure)
      return []
    }
    var incomplete: [InboxEntry] = []
    var waitingOrderFiles: Set<String> = []
    for entry in entries {
      guard !stop.isRequested else { return waitingOrderFiles }
      switch await take(entry, with: intake, report: &report) {
      case .retryLater?:
        incomplete.append(entry)
      case .waiting? where isOrderFolder(entry.folder):
        waitingOrderFiles.insert(entry.name)
      default:
        break
      }
    }
    await retakeIncomplete(incomplete, with: intake, report: &report)
    return waitingOrderFiles
  }

  /// The maximum number of `retakeIncomplete` rounds. It is above the intake's own attempt limit,
  /// so a file that still looks truncated reaches the intake's decision to fail it.
  static let maximumRetakeRounds = 5

  /// Takes files that looked incomplete again after a quiet period, for up to
  /// `maximumRetakeRounds` rounds. The intake counts attempts only in memory, so without these
  /// rounds a truncated file would look like a first attempt to every `once` and never fail. A
  /// file still changing after the last round stays in the inbox for the next pass.
  private func retakeIncomplete(
    _ entries: [InboxEntry], with intake: any IntakeStage, report: inout PassReport
  ) async {
    var pending = entries
    let pause = Duration.milliseconds(max(settings.quietPeriodMilliseconds.value, 100))
    for _ in 0..<Self.maximumRetakeRounds where !pending.isEmpty {
      try? await Task.sleep(for: pause)
      var stillPending: [InboxEntry] = []
      for entry in pending {
        guard !stop.isRequested else { return }
        // The earlier take counted the file as waiting; this take counts it again.
        report.filesWaiting -= 1
        if case .retryLater = await take(entry, with: intake, report: &report) {
          stillPending.append(entry)
        }
      }
      pending = stillPending
    }
  }

  /// Hands `entry` to the intake stage, logs the outcome and adds it to `report`. Returns
  /// nil when the stage threw.
  func take(
    _ entry: InboxEntry, with intake: any IntakeStage, report: inout PassReport
  ) async -> EntryOutcome? {
    let outcome: EntryOutcome
    do {
      outcome = try await intake.take(entry)
    } catch {
      logger.error(
        "File not taken, left in place",
        ["file.path": entry.path, "error": String(describing: error)])
      report.record(.internalFailure)
      return nil
    }
    log(outcome, for: entry)
    report.record(outcome.status)
    switch outcome {
    case .processed: report.filesProcessed += 1
    case .failed: report.filesFailed += 1
    case .waiting, .retryLater, .kometUnreachable, .configurationUnusable: report.filesWaiting += 1
    case .stillBeingWritten:
      report.filesWaiting += 1
      report.filesBeingWritten += 1
    }
    return outcome
  }

  /// Claims and carries out queued change requests, oldest first, until none is queued, a
  /// handler cannot reach Komet, or a stop is requested.
  func carryOutChangeRequests(_ queue: ChangeRequests, report: inout PassReport) async {
    while !stop.isRequested {
      let claimed: ChangeRequest?
      do {
        claimed = try queue.claimNext()
      } catch {
        logger.error("Change request not claimed", ["error": String(describing: error)])
        report.record(.internalFailure)
        return
      }
      guard let request = claimed else { return }
      let result = await carryOut(request)
      guard record(result, of: request, in: queue, report: &report) else { return }
    }
  }

  private func carryOut(_ request: ChangeRequest) async -> ChangeRequestResult {
    guard let handler = stages.handler(for: request.kind) else {
      return .failed(
        message: "this komet-dwf has no handler for change requests of kind \"\(request.kind)\"."
          + " Update komet-dwf, then ask again")
    }
    do {
      return try await handler.carryOut(request)
    } catch {
      return .failed(message: String(describing: error))
    }
  }

  /// Stores the result of `request` and logs it. Returns false when the queue should not be
  /// drained further in this check.
  private func record(
    _ result: ChangeRequestResult, of request: ChangeRequest, in queue: ChangeRequests,
    report: inout PassReport
  ) -> Bool {
    var values = metadata(for: request)
    do {
      switch result {
      case .succeeded(let message), .failed(let message):
        let isSuccess = result == .succeeded(message: message)
        _ = try queue.finish(id: request.id, succeeded: isSuccess, outcome: message)
        values["request.outcome"] = message
        if isSuccess {
          logger.info("Change request carried out", values)
        } else {
          logger.warning("Change request failed", values)
        }
        report.changeRequestsFinished += 1
        return true
      case .kometUnreachable(let message):
        _ = try queue.handBack(id: request.id)
        values["error"] = message
        logger.warning("Change request waits, because Komet is unreachable", values)
        report.record(.kometUnreachable)
        return false
      }
    } catch {
      values["error"] = String(describing: error)
      logger.error("Change request outcome not stored", values)
      report.record(.internalFailure)
      return false
    }
  }

  /// Runs one inventory cycle and returns its outcome, or nil when there is no inventory stage
  /// or the stage threw.
  /// Tells whether `runOnce` reads the inventory: not while the last read is younger than the
  /// interval, so `once` run often from cron spends no more of the daily quota than `run`.
  private func isInventoryCycleDue() -> Bool {
    guard let inventory = stages.inventory else { return true }
    let now = Date()
    guard let due = inventory.nextCycleDue(after: now) else { return true }
    logger.info(
      "Inventory not read in this pass, because the last read is recent",
      ["inventory.next_read_due": due.formatted(.iso8601)])
    return false
  }

  func runInventoryCycle(_ report: inout PassReport) async -> InventoryCycleOutcome? {
    guard let inventory = stages.inventory else {
      logger.notice("No inventory stage in this build, so no drop is written")
      return nil
    }
    let outcome: InventoryCycleOutcome
    do {
      outcome = try await inventory.publishCycle()
    } catch {
      logger.error("Inventory cycle failed", ["error": String(describing: error)])
      report.record(.internalFailure)
      return nil
    }
    report.inventoryCycles += 1
    report.record(outcome.status)
    log(outcome)
    return outcome
  }

  func metadata(for request: ChangeRequest) -> LogMetadata {
    var values = ["request.id": String(request.id), "request.kind": request.kind]
    if let order = request.orderNumber { values["order.number"] = order }
    if let line = request.line { values["order.line"] = String(line) }
    return values
  }
}
