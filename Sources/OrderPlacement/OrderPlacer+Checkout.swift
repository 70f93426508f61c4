import CrashPoints
import Foundation
import Komet
import KometClient
import OrderJournal

extension OrderPlacer {
  /// Checks out each group of the order whose lines are all settled with at least one
  /// accepted, with `web-order.checkout` and the order's customer PO. Returns the reason to
  /// stop the pass, or nil when no checkout is left.
  ///
  /// The checkout is journaled `started` before the call and `done` or `failed` after. A
  /// checkout whose outcome is unknown (a timeout, a connection closed after sending, an
  /// unreadable response, or a process killed while it was `started`) is never sent again
  /// blindly: `web-order-details.list` with `statusId` 2 (checked out) settles it as done when
  /// it lists the web order. Otherwise `statusId` 1 (pending) listing the web order shows that
  /// the checkout did not happen, so it goes back to `none` and is sent again. A web order on
  /// neither list is journaled `failed`, to be looked at by a person.
  func checkOutGroups(of orderNumber: String) async throws -> PlacementStop? {
    var attempts = AttemptCounter(limit: settings.attemptsPerPass)
    while let group = try journal.checkoutCandidates(orderNumber: orderNumber).first {
      guard attempts.admit(key: "checkout \(group.id)") else { return repeatedStop }
      let stop: PlacementStop?
      switch group.checkoutState {
      case .started:
        stop = try await settleCheckout(group)
      default:
        stop = try await checkOut(group)
      }
      if let stop { return stop }
    }
    return nil
  }

  private func checkOut(_ group: GroupSnapshot) async throws -> PlacementStop? {
    var values = groupMetadata(group)
    guard let webOrderId = group.webOrderId, let webOrder = KometID(webOrderId),
      !Self.hasInvalidLocation(group)
    else {
      return PlacementStop(
        .callFailed, reason: "group \(group.id) has no valid web order ID or location")
    }
    values["komet.web_order_id"] = webOrderId
    let order = try journal.snapshot(of: group.orderNumber)
    let request = WebOrderCheckoutRequest(
      customerId: settings.customerId, webOrderId: webOrder, customerPo: order?.customerPO,
      companyLocationId: Self.locationID(of: group))

    CrashPoint.reach("placer.checkout.before-journal")
    try journal.beginCheckout(group: group.id)
    CrashPoint.reach("placer.checkout.before-call")
    do {
      _ = try await client.checkoutWebOrder(request)
    } catch {
      CrashPoint.reach("placer.checkout.after-call")
      return try await finishFailedCheckout(group, failure: CallFailure(error), values: values)
    }
    CrashPoint.reach("placer.checkout.after-call")

    try journal.finishCheckout(group: group.id, succeeded: true)
    CrashPoint.reach("placer.checkout.after-journal")
    logger.info("Web order checked out", values)
    return nil
  }

  private func finishFailedCheckout(
    _ group: GroupSnapshot, failure: CallFailure, values: [String: String]
  ) async throws -> PlacementStop? {
    var values = values
    switch failure {
    case .rejected(let reason):
      try journal.finishCheckout(group: group.id, succeeded: false, reason: reason)
      CrashPoint.reach("placer.checkout.after-journal")
      values["error"] = reason
      logger.error("Web order checkout rejected by Komet", values)
      return nil
    case .quotaExhausted:
      try journal.revertCheckout(group: group.id, reason: "daily quota used up, not sent")
      CrashPoint.reach("placer.checkout.after-journal")
      return Self.quotaStop
    case .unknown(let reason):
      // The checkout stays `started`, so the next round settles it from the web order's
      // status instead of sending it again.
      values["error"] = reason
      logger.warning("Web order checkout outcome unknown, reading its status", values)
      return nil
    case .notSent(let reason):
      try journal.revertCheckout(group: group.id, reason: "not sent: \(reason)")
      CrashPoint.reach("placer.checkout.after-journal")
      values["error"] = reason
      logger.warning("Web order checkout not sent", values)
      return PlacementStop(.kometUnreachable, reason: reason)
    case .configuration(let error):
      try journal.revertCheckout(group: group.id, reason: "not accepted: \(error.description)")
      CrashPoint.reach("placer.checkout.after-journal")
      values["error"] = error.description
      logger.error("Web order checkout not accepted, the configuration is unusable", values)
      return await configurationStop(for: error)
    }
  }

  /// Settles a `started` checkout from the web order's status, as `checkOutGroups` describes.
  private func settleCheckout(_ group: GroupSnapshot) async throws -> PlacementStop? {
    var values = groupMetadata(group)
    guard let webOrderId = group.webOrderId, let webOrder = KometID(webOrderId) else {
      return PlacementStop(.callFailed, reason: "group \(group.id) has no valid web order ID")
    }
    values["komet.web_order_id"] = webOrderId

    var listedStatus: WebOrderStatus?
    for status in [WebOrderStatus.checkedOut, .pending] {
      let request = WebOrderDetailsListRequest(
        customerId: settings.customerId, webOrderId: webOrder,
        companyLocationId: Self.locationID(of: group), statusId: status)
      CrashPoint.reach("placer.checkout-details.before-call")
      let response: WebOrderDetailsListResponse
      do {
        response = try await client.webOrderDetails(request)
      } catch {
        // The checkout stays `started` until a later pass can read the status.
        values["error"] = error.description
        logger.warning("Web order status not read for its checkout", values)
        let reason =
          "web-order-details.list for the checkout of \(webOrderId) failed: \(error.description)"
        switch ReadFailure(error) {
        case .quotaExhausted: return Self.quotaStop
        case .unreachable: return PlacementStop(.kometUnreachable, reason: reason)
        case .configuration(let error): return await configurationStop(for: error)
        case .failed: return PlacementStop(.callFailed, reason: reason)
        }
      }
      if response.webOrders.contains(where: { $0.id.digits == webOrderId }) {
        listedStatus = status
        break
      }
    }

    switch listedStatus {
    case .checkedOut:
      try journal.finishCheckout(group: group.id, succeeded: true)
      logger.notice("Web order checkout found done", values)
    case .pending:
      try journal.revertCheckout(group: group.id, reason: "the web order is still pending")
      logger.notice("Web order checkout found not done, sending again", values)
    default:
      let reason = "web order \(webOrderId) is listed neither as pending nor as checked out"
      try journal.finishCheckout(group: group.id, succeeded: false, reason: reason)
      values["error"] = reason
      logger.error("Web order checkout not settled", values)
    }
    CrashPoint.reach("placer.checkout-details.after-journal")
    return nil
  }
}
