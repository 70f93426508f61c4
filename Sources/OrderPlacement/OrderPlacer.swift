import CrashPoints
import Foundation
import Komet
import KometClient
import Logging
import OrderJournal

/// The end of one pass of `OrderPlacer.work(on:)` over an order.
package enum PlacementResult: Sendable, Equatable {
  /// No Komet call is left for the order: its lines are accepted, rejected, waiting, in review
  /// or cancelled, every web order left without a line is deleted, and every web order due
  /// for checkout is checked out when checkout is enabled.
  case finished
  /// The pass stopped with calls still pending, which the next pass (or a restart) resumes
  /// from the journal.
  case stopped(PlacementStop)
  /// The order is not in the journal.
  case notFound
}

/// The cause and reason of a placement pass that stopped before its order was finished.
package struct PlacementStop: Sendable, Equatable, CustomStringConvertible {
  package enum Cause: Sendable, Equatable {
    /// The daily quota is used up, so the order's unsent lines wait.
    case quotaExhausted
    /// Komet could not be reached, such as a refused connection or a timeout.
    case kometUnreachable
    /// Komet responded, but the same call kept failing or a needed read failed.
    case callFailed
    /// Komet rejected the token, or the configuration keeps requests from being sent, so
    /// the lines stay as they were until the configuration is fixed.
    case configurationUnusable
  }

  package var cause: Cause
  package var reason: String

  package init(_ cause: Cause, reason: String) {
    self.cause = cause
    self.reason = reason
  }

  package var description: String { reason }
}

/// Carries out the journal's pending Komet calls for DWF orders. It sends `web-order.create`
/// per web-order group and `web-order-item.add` one line at a time on that web order. It
/// reconciles an add whose outcome is unknown, deletes a web order left with no line, and
/// checks web orders out when `Settings.isCheckoutEnabled` is set.
///
/// Each call is journaled before it is sent and after it returns, so a process killed at any
/// point resumes from `OrderJournal.pendingWork()` without sending an add twice. The placer
/// writes no acknowledgement.
///
/// The crash tests stop the process at these `CrashPoint` names, in the order a pass reaches
/// them: `placer.carriers.before-call`, `placer.carriers.after-call`,
/// `placer.validate.after-journal`, `placer.create.before-journal`, `placer.create.before-call`,
/// `placer.create.after-call`, `placer.create.after-journal`, `placer.add.before-journal`,
/// `placer.add.before-call`, `placer.add.after-call`, `placer.add.after-journal`,
/// `placer.reconcile.before-journal`, `placer.reconcile.before-call`,
/// `placer.reconcile.after-call`, `placer.reconcile.after-journal`,
/// `placer.delete.before-journal`, `placer.delete.before-call`, `placer.delete.after-call`,
/// `placer.delete.after-journal`, `placer.waiting.after-journal`,
/// `placer.checkout.before-journal`, `placer.checkout.before-call`,
/// `placer.checkout.after-call`, `placer.checkout.after-journal`,
/// `placer.checkout-details.before-call` and `placer.checkout-details.after-journal`.
package struct OrderPlacer {
  /// The settings every request of the placer carries.
  package struct Settings: Sendable, Equatable {
    /// The DWF customer in the grower's Komet account.
    package var customerId: KometID
    /// The grower's company, or nil for the one the client's `X-ACCOUNT` carries.
    package var companyId: KometID?
    /// The carrier of an order that names none (`orders.defaultCarrierId`). An order without
    /// a carrier is rejected when this is nil.
    package var defaultCarrierId: KometID?
    /// Whether groups are checked out with `web-order.checkout`. The caller sets it only when
    /// `orders.checkout` is true and a User token is configured.
    package var isCheckoutEnabled = false
    /// How many calls of one kind one pass makes for the same group or line before it stops
    /// and leaves the rest to the next pass, so a Komet that keeps failing cannot hold a pass.
    package var attemptsPerPass: Int = 3
    /// The source of each token, such as `token file /srv/dwf/customer.token`, named in the
    /// reason of a pass that stopped because Komet rejected a token. A role without an entry
    /// is named by its `komet.tokenFiles` key and environment variable.
    package var tokenSources: [Komet.TokenRole: String] = [:]

    package init(
      customerId: KometID, companyId: KometID? = nil, defaultCarrierId: KometID? = nil,
      isCheckoutEnabled: Bool = false
    ) {
      self.customerId = customerId
      self.companyId = companyId
      self.defaultCarrierId = defaultCarrierId
      self.isCheckoutEnabled = isCheckoutEnabled
    }
  }

  /// The setting named in the rejection of an order without a carrier.
  package static let defaultCarrierSetting = "orders.defaultCarrierId"

  let journal: OrderJournal
  let client: KometClient
  let settings: Settings
  let logger: Logger
  let carriers: CarrierDirectory

  package init(journal: OrderJournal, client: KometClient, settings: Settings, logger: Logger) {
    self.journal = journal
    self.client = client
    self.settings = settings
    self.logger = logger
    carriers = CarrierDirectory()
  }

  /// Places every journaled order that needs a call, in the order received. An unreachable
  /// Komet or an unusable configuration (such as a token Komet refuses) stops the pass at that
  /// order. A used-up quota stops the calls too, and the unsent
  /// lines of the later orders become `waiting`. A call that keeps failing stops only its own
  /// order. Returns the result of each order worked on.
  ///
  /// Each call is a new pass, so it reads `carrier.list` again, once when that read succeeds.
  @discardableResult
  package func workAll() async throws -> [String: PlacementResult] {
    carriers.forget()
    try await releaseWaitingLines()
    var results: [String: PlacementResult] = [:]
    var quotaStop: PlacementStop?
    for orderNumber in try journal.ordersNeedingCalls(
      includingCheckout: settings.isCheckoutEnabled)
    {
      if let quotaStop {
        try holdBack(orderNumber, because: quotaStop)
        continue
      }
      let result = try await work(on: orderNumber)
      results[orderNumber] = result
      guard case .stopped(let stop) = result else { continue }
      switch stop.cause {
      case .quotaExhausted:
        quotaStop = stop
      case .kometUnreachable, .configurationUnusable:
        return results
      case .callFailed:
        // One order's failing call does not predict the next order's, so the pass goes on,
        // and the next pass tries this order again.
        continue
      }
    }
    return results
  }

  /// Carries out the pending calls of one order until none is left or the pass has to stop.
  /// Throws only when the journal cannot be read or written.
  @discardableResult
  package func work(on orderNumber: String) async throws -> PlacementResult {
    guard let order = try journal.snapshot(of: orderNumber) else { return .notFound }

    var context: OrderContext?
    switch try await resolveContext(of: order) {
    case .resolved(let resolved): context = resolved
    case .rejected: context = nil
    case .stopped(let stop): return try stopped(orderNumber, stop)
    }

    var attempts = AttemptCounter(limit: settings.attemptsPerPass)
    while let action = try nextCall(for: orderNumber) {
      guard attempts.admit(action) else { return try stopped(orderNumber, repeatedStop) }
      if case .addLine = action, context == nil {
        // A reconciliation sent a line back to `received` after the order's carrier was not
        // found, so resolving again rejects that line with the reason too.
        guard let current = try journal.snapshot(of: orderNumber) else { return .notFound }
        switch try await resolveContext(of: current) {
        case .resolved(let resolved): context = resolved
        case .rejected: continue
        case .stopped(let stop): return try stopped(orderNumber, stop)
        }
      }
      let callContext = context ?? OrderContext(carrierId: nil, shipToId: nil)
      if let stop = try await perform(action, context: callContext) {
        return try stopped(orderNumber, stop)
      }
    }

    if settings.isCheckoutEnabled, let stop = try await checkOutGroups(of: orderNumber) {
      return try stopped(orderNumber, stop)
    }
    return .finished
  }

  var repeatedStop: PlacementStop {
    PlacementStop(
      .callFailed, reason: "the same call failed \(settings.attemptsPerPass) times in this pass")
  }

  /// Logs the stop, holds back the order's unsent lines when the quota is used up, and returns
  /// the result.
  private func stopped(_ orderNumber: String, _ stop: PlacementStop) throws -> PlacementResult {
    logger.warning(
      "Order placement stopped", ["order.number": orderNumber, "error": stop.reason])
    if stop.cause == .quotaExhausted {
      try holdBack(orderNumber, because: stop)
    }
    return .stopped(stop)
  }

  /// Moves the order's `received` lines to `waiting`, because the quota stopped the pass.
  private func holdBack(_ orderNumber: String, because stop: PlacementStop) throws {
    let keys = try journal.markWaiting(orderNumber: orderNumber, reason: OrderPlacer.waitReason)
    CrashPoint.reach("placer.waiting.after-journal")
    guard !keys.isEmpty else { return }
    // The line whose add the quota refused is already waiting, so it is not counted here.
    logger.notice(
      "Unsent order lines wait for quota",
      ["order.number": orderNumber, "order.unsent_lines": String(keys.count),
        "reason": stop.reason])
  }

  /// Sends the lines held back by a used-up quota again, once the quota of the token the adds
  /// use has room. Without room the lines stay `waiting`, so a pass changes no ack.
  private func releaseWaitingLines() async throws {
    guard try journal.lineCount(in: .waiting) > 0,
      await client.hasQuotaLeft(for: .webOrderItemAdd)
    else { return }
    let keys = try journal.releaseWaitingLines()
    logger.info(
      "Waiting order lines sent again, the quota has room",
      ["order.lines": String(keys.count)])
  }

  /// The reason journaled on a line held back by the quota, the same as the journal's own.
  static let waitReason = OrderJournal.quotaReason

  /// Returns the first pending Komet call of the order, leaving out acknowledgement rewrites,
  /// which are not the placer's work.
  private func nextCall(for orderNumber: String) throws -> PendingAction? {
    try journal.pendingCalls(of: orderNumber).first { action in
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
  private func perform(
    _ action: PendingAction, context: OrderContext
  ) async throws -> PlacementStop? {
    switch action {
    case .createWebOrder(let group, let isRepeat):
      return try await create(group, isRepeat: isRepeat)
    case .addLine(let line, let webOrderId):
      return try await add(line, to: webOrderId, context: context)
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
    return admit(key: key)
  }

  /// Counts one call under `key` and returns false once it has had `limit` calls.
  mutating func admit(key: String) -> Bool {
    counts[key, default: 0] += 1
    return counts[key, default: 0] <= limit
  }
}
