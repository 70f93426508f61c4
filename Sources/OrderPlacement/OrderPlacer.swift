import Foundation
import Komet
import KometClient
import Logging
import OrderJournal

/// The end of one pass of `OrderPlacer.work(on:)` over an order.
package enum PlacementResult: Sendable, Equatable {
  /// No Komet call is left for the order: its lines are accepted, rejected, waiting, in review
  /// or cancelled, and every web order left without a line is deleted.
  case finished
  /// The pass stopped with calls still pending, which the next pass (or a restart) resumes
  /// from the journal. `reason` is the cause, for example a used-up quota or Komet unreachable.
  case stopped(reason: String)
  /// The order is not in the journal.
  case notFound
}

/// Carries out the journal's pending Komet calls for DWF orders. It sends `web-order.create`
/// per web-order group and `web-order-item.add` one line at a time on that web order. It
/// reconciles an add whose outcome is unknown and deletes a web order left with no line.
///
/// Each call is journaled before it is sent and after it returns, so a process killed at any
/// point resumes from `OrderJournal.pendingWork()` without sending an add twice. The placer
/// never checks a web order out and writes no acknowledgement.
package struct OrderPlacer {
  /// The settings every request of the placer carries.
  package struct Settings: Sendable, Equatable {
    /// The DWF customer in the grower's Komet account.
    package var customerId: KometID
    /// The grower's company, or nil for the one the client's `X-ACCOUNT` carries.
    package var companyId: KometID?
    /// The carrier of every line, because the journal stores no carrier per order.
    package var carrierId: KometID
    /// The DWF ship-to of every line, or nil for the customer's default.
    package var shipToId: KometID?
    /// How many calls of one kind one pass makes for the same group or line before it stops
    /// and leaves the rest to the next pass, so a Komet that keeps failing cannot hold a pass.
    package var attemptsPerPass: Int = 3

    package init(
      customerId: KometID, companyId: KometID? = nil, carrierId: KometID,
      shipToId: KometID? = nil
    ) {
      self.customerId = customerId
      self.companyId = companyId
      self.carrierId = carrierId
      self.shipToId = shipToId
    }
  }

  let journal: OrderJournal
  let client: KometClient
  let settings: Settings
  let logger: Logger

  package init(journal: OrderJournal, client: KometClient, settings: Settings, logger: Logger) {
    self.journal = journal
    self.client = client
    self.settings = settings
    self.logger = logger
  }

  /// Places every journaled order in the order received, and stops at the first order whose
  /// pass stops, because a used-up quota or an unreachable Komet stops the others too.
  /// Returns each order's result, up to and including the one that stopped.
  @discardableResult
  package func workAll() async throws -> [String: PlacementResult] {
    var results: [String: PlacementResult] = [:]
    for orderNumber in try journal.orderNumbers() {
      let result = try await work(on: orderNumber)
      results[orderNumber] = result
      if case .stopped = result { break }
    }
    return results
  }

  /// Carries out the pending calls of one order until none is left or the pass has to stop.
  /// Throws only when the journal cannot be read or written.
  @discardableResult
  package func work(on orderNumber: String) async throws -> PlacementResult {
    guard try journal.snapshot(of: orderNumber) != nil else { return .notFound }

    var attempts = AttemptCounter(limit: settings.attemptsPerPass)
    while let action = try nextCall(for: orderNumber) {
      guard attempts.admit(action) else {
        let reason = "the same call failed \(settings.attemptsPerPass) times in this pass"
        logger.warning(
          "Order placement stopped after repeated attempts",
          ["order.number": orderNumber, "error": reason])
        return .stopped(reason: reason)
      }

      if let stop = try await perform(action) {
        logger.warning(
          "Order placement stopped", ["order.number": orderNumber, "error": stop])
        return .stopped(reason: stop)
      }
    }
    return .finished
  }

  /// Returns the first pending Komet call of the order, leaving out acknowledgement rewrites,
  /// which are not the placer's work.
  private func nextCall(for orderNumber: String) throws -> PendingAction? {
    try journal.pendingWork().first { action in
      switch action {
      case .createWebOrder(let group, _), .deleteWebOrder(let group):
        return group.orderNumber == orderNumber
      case .addLine(let line, _), .reconcileLine(let line, _):
        return line.key.orderNumber == orderNumber
      case .writeAcknowledgement:
        return false
      }
    }
  }

  /// Performs one call with its journal writes, and returns the reason to stop the pass, or
  /// nil to go on with the next pending call.
  private func perform(_ action: PendingAction) async throws -> String? {
    switch action {
    case .createWebOrder(let group, let isRepeat):
      return try await create(group, isRepeat: isRepeat)
    case .addLine(let line, let webOrderId):
      return try await add(line, to: webOrderId)
    case .reconcileLine(let line, let webOrderId):
      return try await reconcile(line, on: webOrderId)
    case .deleteWebOrder(let group):
      return try await delete(group)
    case .writeAcknowledgement:
      return nil
    }
  }
}

/// Counts the calls one pass makes per group and line.
struct AttemptCounter {
  let limit: Int
  private var counts: [String: Int] = [:]

  init(limit: Int) {
    self.limit = limit
  }

  /// Counts the action and returns false once its group or line has had `limit` calls.
  mutating func admit(_ action: PendingAction) -> Bool {
    let key: String
    switch action {
    case .createWebOrder(let group, _): key = "create \(group.id)"
    case .deleteWebOrder(let group): key = "delete \(group.id)"
    case .addLine(let line, _): key = "add \(line.key)"
    case .reconcileLine(let line, _): key = "reconcile \(line.key)"
    case .writeAcknowledgement: return true
    }
    counts[key, default: 0] += 1
    return counts[key, default: 0] <= limit
  }
}
