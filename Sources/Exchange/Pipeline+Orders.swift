import Logging

extension Pipeline {
  /// Runs one order placement pass, adds it to `report` and logs it. Returns nil when there
  /// is no order stage or the stage threw.
  @discardableResult
  func runOrderPass(_ report: inout PassReport) async -> OrderPassOutcome? {
    guard let orders = stages.orders else {
      logger.notice("No order stage in this build, so journaled orders are not placed")
      return nil
    }
    let outcome: OrderPassOutcome
    do {
      outcome = try await orders.placeOrders()
    } catch {
      logger.error("Order pass failed", ["error": String(describing: error)])
      report.record(.internalFailure)
      return nil
    }
    report.record(outcome.status)
    report.ordersPlaced += outcome.ordersPlaced
    report.linesWaiting = outcome.linesWaiting
    log(outcome)
    return outcome
  }

  /// Returns whether the order stage has work, logging a journal that cannot be read.
  func hasPendingOrderWork() -> Bool {
    guard let orders = stages.orders else { return false }
    do {
      return try orders.hasPendingWork()
    } catch {
      logger.error("Order journal not read", ["error": String(describing: error)])
      return false
    }
  }

  /// Logs one line for an order pass.
  func log(_ outcome: OrderPassOutcome) {
    var values: LogMetadata = [
      "orders.placed": String(outcome.ordersPlaced),
      "orders.linesWaiting": String(outcome.linesWaiting),
      "orders.acknowledgements": String(outcome.acknowledgementsWritten),
    ]
    switch outcome.result {
    case .finished:
      logger.info("Order pass finished", values)
    case .quotaExhausted(let reason):
      values["reason"] = reason
      logger.warning("Order pass stopped, lines wait for quota", values)
    case .kometUnreachable(let reason):
      values["error"] = reason
      logger.warning("Order pass stopped, because Komet is unreachable", values)
    case .callFailed(let reason):
      values["error"] = reason
      logger.warning("Order pass stopped after a failing Komet call", values)
    case .configurationUnusable(let reason):
      values["error"] = reason
      logger.error("Orders not placed, because the configuration is unusable", values)
    }
  }
}
