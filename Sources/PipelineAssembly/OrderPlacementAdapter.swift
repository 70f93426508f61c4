import CrashPoints
import Exchange
import Foundation
import Logging
import OrderJournal
import OrderPlacement
import Synchronization

/// Writes the grower's report of one order into `outbox/reports/`. The order stage calls it
/// right after each acknowledgement it writes, with the same snapshot.
package protocol OrderReportWriting: Sendable {
  func writeReport(for order: OrderSnapshot) throws

  /// Rewrites the reports that list every order, once per pass.
  func writeIndex(from journal: OrderJournal) throws

  /// Returns when the index was last written, or nil when it never was.
  func indexModificationDate() -> Date?
}

/// The pipeline's order stage: runs `OrderPlacer.workAll()`, then rewrites every
/// acknowledgement older than its order, so each change reaches DWF, and hands each order to
/// the report writer after its acknowledgement.
///
/// Crash points, besides the placer's: `ack.before-write`, `ack.after-write` (both files
/// written, the revision not journaled) and `ack.after-journal`.
final class OrderPlacementAdapter: OrderStage {
  /// Builds the placer over the stage's journal, or throws why orders cannot be placed yet,
  /// such as a DWF customer ID that no export or setting has given so far.
  typealias PlacerFactory = @Sendable (OrderJournal) throws -> OrderPlacer

  /// The placer, once built, and the journal, which share one connection to the database.
  struct State {
    var placer: OrderPlacer?
    var journal: OrderJournal
  }

  private let state: Mutex<State>
  private let makePlacer: PlacerFactory
  private let acknowledgements: AcknowledgementWriter
  private let reports: (any OrderReportWriting)?
  private let isCheckoutEnabled: Bool
  private let logger: Logger

  init(
    journal: sending OrderJournal, makePlacer: @escaping PlacerFactory,
    acknowledgements: AcknowledgementWriter, reports: (any OrderReportWriting)?,
    isCheckoutEnabled: Bool, logger: Logger
  ) {
    self.state = Mutex(State(placer: nil, journal: journal))
    self.makePlacer = makePlacer
    self.acknowledgements = acknowledgements
    self.reports = reports
    self.isCheckoutEnabled = isCheckoutEnabled
    self.logger = logger
  }

  func hasPendingWork() throws -> Bool {
    try state.withLock { try $0.journal.hasPendingWork(includingCheckout: isCheckoutEnabled) }
  }

  func placeOrders() async throws -> OrderPassOutcome {
    // The pipeline runs one pass at a time, so the placer is taken out of the mutex for the
    // awaits and every journal write below goes through this stage's own connection.
    let (placer, journal, unavailable) = state.withLock { state in
      if state.placer == nil {
        do {
          state.placer = try makePlacer(state.journal)
        } catch {
          return (nil as OrderPlacer?, state.journal, String(describing: error) as String?)
        }
      }
      return (state.placer, state.journal, nil)
    }
    guard let placer else {
      return try waitForSettings(journal, reason: unavailable ?? "")
    }
    let before = try Self.acceptedCounts(journal)

    let results = try await placer.workAll()

    let after = try Self.acceptedCounts(journal)
    let placed = results.filter { number, result in
      guard case .finished = result else { return false }
      return (after[number] ?? 0) > (before[number] ?? 0)
    }
    let written = try rewriteAcknowledgements(journal)
    try refreshReports(journal, alreadyWritten: written)
    let waiting = try journal.lineCount(in: .waiting)

    var result = OrderPassOutcome.Result.finished
    for stopped in results.values {
      guard case .stopped(let stop) = stopped else { continue }
      switch stop.cause {
      case .quotaExhausted: result = .quotaExhausted(reason: stop.reason)
      case .kometUnreachable: result = .kometUnreachable(reason: stop.reason)
      case .callFailed: result = .callFailed(reason: stop.reason)
      case .configurationUnusable: result = .configurationUnusable(reason: stop.reason)
      }
    }
    return OrderPassOutcome(
      result, ordersPlaced: placed.count, linesWaiting: waiting,
      acknowledgementsWritten: written.count)
  }

  /// Ends a pass that has no placer yet: rewrites the stale acknowledgements, and reports an
  /// unusable configuration when orders wait for calls, so `once` exits 78 and `run` logs why
  /// instead of leaving them `received` without a word.
  private func waitForSettings(_ journal: OrderJournal, reason: String) throws
    -> OrderPassOutcome
  {
    let written = try rewriteAcknowledgements(journal)
    try refreshReports(journal, alreadyWritten: written)
    let waiting = try journal.lineCount(in: .waiting)
    let result: OrderPassOutcome.Result =
      try journal.hasPendingWork(includingCheckout: isCheckoutEnabled)
      ? .configurationUnusable(reason: "orders wait in the journal, because " + reason)
      : .finished
    return OrderPassOutcome(
      result, ordersPlaced: 0, linesWaiting: waiting, acknowledgementsWritten: written.count)
  }

  /// Returns the number of accepted lines per order, to tell which orders a pass placed.
  private static func acceptedCounts(_ journal: OrderJournal) throws -> [String: Int] {
    try journal.acceptedLineCounts()
  }

  /// Rewrites the acknowledgement of every order whose revision is ahead of the last one
  /// written, journals the revision, then writes the order's report. Returns the order
  /// numbers rewritten.
  private func rewriteAcknowledgements(_ journal: OrderJournal) throws -> Set<String> {
    var written: Set<String> = []
    for number in try journal.ordersWithStaleAcknowledgement() {
      guard let order = try journal.snapshot(of: number) else { continue }
      CrashPoint.reach("ack.before-write")
      let receipt = try journal.lastReceipt(of: number)
      try acknowledgements.write(order, lastReceipt: receipt)
      CrashPoint.reach("ack.after-write")
      try journal.recordAcknowledgementWritten(orderNumber: number, revision: order.revision)
      CrashPoint.reach("ack.after-journal")
      written.insert(number)
      logger.debug(
        "Acknowledgement written",
        ["order.number": number, "ack.revision": String(order.revision)])
      writeReport(for: order)
    }
    return written
  }

  /// Writes the report of each order changed since the index was last written, which covers
  /// the receipts the intake journaled without a Komet call (a duplicate, a conflict, an order
  /// rejected whole), then rewrites the index. A second before the index's time is taken
  /// again, so a change in the same second as the last index is not missed.
  private func refreshReports(_ journal: OrderJournal, alreadyWritten: Set<String>) throws {
    guard let reports else { return }
    let since = reports.indexModificationDate()?.addingTimeInterval(-1)
    let changed = try journal.ordersUpdated(since: since)
    guard !changed.isEmpty || !alreadyWritten.isEmpty else { return }

    for number in changed where !alreadyWritten.contains(number) {
      guard let order = try journal.snapshot(of: number) else { continue }
      writeReport(for: order)
    }
    writeIndex(journal)
  }

  private func writeIndex(_ journal: OrderJournal) {
    guard let reports else { return }
    do {
      try reports.writeIndex(from: journal)
    } catch {
      // The per-order reports are written; the index follows with the next change.
      logger.error("Order report index not written", ["error": String(describing: error)])
    }
  }

  private func writeReport(for order: OrderSnapshot) {
    guard let reports else { return }
    do {
      try reports.writeReport(for: order)
    } catch {
      // The acknowledgement is already written, so the pass goes on; the report is written
      // again with the order's next change.
      logger.error(
        "Order report not written",
        ["order.number": order.orderNumber, "error": String(describing: error)])
    }
  }
}
