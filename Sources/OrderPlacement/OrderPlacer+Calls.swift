import CrashPoints
import Foundation
import Inventory
import Komet
import KometClient
import OrderJournal

/// The four calls of a placement pass, each between its journal writes. Each returns the
/// reason to stop the pass, or nil to go on.
extension OrderPlacer {
  static let quotaStop = PlacementStop(
    .quotaExhausted, reason: "the daily Komet request quota is used up")

  // MARK: web-order.create

  func create(_ group: GroupSnapshot, isRepeat: Bool) async throws -> PlacementStop? {
    CrashPoint.reach("placer.create.before-journal")
    try journal.beginCreate(group: group.id)
    var values = groupMetadata(group)
    values["komet.repeat"] = String(isRepeat)

    guard !Self.hasInvalidLocation(group) else {
      let reason = "the location ID \(group.locationId ?? "") is not a Komet ID"
      try journal.finishCreate(group: group.id, outcome: .rejected(reason: reason))
      values["error"] = reason
      logger.error("Web order not created, invalid journaled value", values)
      return nil
    }
    var request = WebOrderCreateRequest(
      customerId: settings.customerId, companyLocationId: Self.locationID(of: group))
    request.companyId = settings.companyId

    let result: WebOrderResult
    CrashPoint.reach("placer.create.before-call")
    do {
      result = try await client.createWebOrder(request)
    } catch {
      CrashPoint.reach("placer.create.after-call")
      let stop = try await finishFailedCreate(group, failure: CallFailure(error), values: values)
      CrashPoint.reach("placer.create.after-journal")
      return stop
    }
    CrashPoint.reach("placer.create.after-call")

    // The ID is journaled before any line is added, so a restart adds to this web order.
    try journal.recordWebOrderCreated(group: group.id, webOrderId: result.webOrderId.digits)
    CrashPoint.reach("placer.create.after-journal")
    values["komet.web_order_id"] = result.webOrderId.digits
    logger.info("Web order created", values)
    return nil
  }

  private func finishFailedCreate(
    _ group: GroupSnapshot, failure: CallFailure, values: [String: String]
  ) async throws -> PlacementStop? {
    var values = values
    switch failure {
    case .rejected(let reason):
      try journal.finishCreate(group: group.id, outcome: .rejected(reason: reason))
      values["error"] = reason
      logger.warning("Web order rejected by Komet", values)
      return nil
    case .quotaExhausted:
      try journal.finishCreate(group: group.id, outcome: .quotaExhausted)
      return Self.quotaStop
    case .unknown(let reason):
      // The next pass repeats the create, which is safe because every add names its web
      // order, so a header that was created after all stays empty. Stopping here instead of
      // repeating it at once keeps an outage to one such header per pass.
      try journal.finishCreate(group: group.id, outcome: .unknown(reason: reason))
      values["error"] = reason
      logger.warning("Web order create outcome unknown, created again by the next pass", values)
      return PlacementStop(.kometUnreachable, reason: reason)
    case .notSent(let reason):
      // Nothing reached Komet, so the group goes back to the state it had and no empty header
      // is suspected from this attempt.
      try journal.revertCreate(group: group.id, to: group.state, reason: reason)
      values["error"] = reason
      logger.warning("Web order create not sent", values)
      return PlacementStop(.kometUnreachable, reason: reason)
    case .configuration(let error):
      // Komet applied nothing, so the group and its lines stay as they were.
      try journal.revertCreate(group: group.id, to: group.state, reason: error.description)
      values["error"] = error.description
      logger.error("Web order create not accepted, the configuration is unusable", values)
      return await configurationStop(for: error)
    }
  }

  // MARK: web-order-item.add

  func add(
    _ line: LineSnapshot, to webOrderId: String, context: OrderContext
  ) async throws -> PlacementStop? {
    let group = try groupOf(line)
    CrashPoint.reach("placer.add.before-journal")
    try journal.beginLineAdd(line: line.key)
    var values = lineMetadata(line, webOrderId: webOrderId)

    let request: WebOrderItemAddRequest
    switch makeAddRequest(line, group: group, webOrderId: webOrderId, context: context) {
    case .success(let made):
      request = made
    case .failure(let problem):
      try journal.finishLineAdd(line: line.key, outcome: .rejected(reason: problem.reason))
      values["error"] = problem.reason
      logger.error("Order line not sent, invalid journaled value", values)
      return nil
    }

    let response: WebOrderItemAddResponse
    CrashPoint.reach("placer.add.before-call")
    do {
      response = try await client.addWebOrderItems(request)
    } catch {
      CrashPoint.reach("placer.add.after-call")
      let stop = try await finishFailedAdd(line, failure: CallFailure(error), values: values)
      CrashPoint.reach("placer.add.after-journal")
      return stop
    }
    CrashPoint.reach("placer.add.after-call")

    if let landedOn = response.webOrderId, landedOn.digits != webOrderId {
      // Komet put the line on another web order than the one named, so a person must look.
      let reason = "Komet added the line to web order \(landedOn.digits), not \(webOrderId)"
      try journal.markReview(line: line.key, reason: reason)
      CrashPoint.reach("placer.add.after-journal")
      values["error"] = reason
      logger.error("Order line added to another web order", values)
      return nil
    }

    let itemId = response.webOrderItemIds.first?.digits
    try journal.finishLineAdd(line: line.key, outcome: .accepted(itemId: itemId))
    CrashPoint.reach("placer.add.after-journal")
    logger.info("Order line added", values)
    return nil
  }

  private func finishFailedAdd(
    _ line: LineSnapshot, failure: CallFailure, values: [String: String]
  ) async throws -> PlacementStop? {
    var values = values
    switch failure {
    case .rejected(let reason):
      try journal.finishLineAdd(line: line.key, outcome: .rejected(reason: reason))
      values["error"] = reason
      logger.warning("Order line rejected by Komet", values)
      return nil
    case .quotaExhausted:
      try journal.finishLineAdd(line: line.key, outcome: .quotaExhausted)
      return Self.quotaStop
    case .unknown(let reason):
      // The line stays `adding`, so the next pending call is its reconciliation.
      try journal.finishLineAdd(line: line.key, outcome: .unknown(reason: reason))
      values["error"] = reason
      logger.warning("Order line add outcome unknown, reconciling", values)
      return nil
    case .notSent(let reason):
      // Nothing reached Komet, so the line goes back to `received` and the next pass adds it
      // without a reconciliation.
      try journal.revertLineAdd(line: line.key, reason: reason)
      values["error"] = reason
      logger.warning("Order line add not sent", values)
      return PlacementStop(.kometUnreachable, reason: reason)
    case .configuration(let error):
      // Komet applied nothing, so the line goes back to `received`, never to `rejected`.
      try journal.revertLineAdd(line: line.key, reason: error.description)
      values["error"] = error.description
      logger.error("Order line add not accepted, the configuration is unusable", values)
      return await configurationStop(for: error)
    }
  }

  private struct RequestProblem: Error {
    var reason: String
  }

  private func makeAddRequest(
    _ line: LineSnapshot, group: GroupSnapshot, webOrderId: String, context: OrderContext
  ) -> Result<WebOrderItemAddRequest, RequestProblem> {
    guard let carrierId = context.carrierId else {
      return .failure(RequestProblem(reason: "the order has no carrier"))
    }
    guard let inventoryId = line.inventoryId.flatMap({ KometID($0) }) else {
      return .failure(RequestProblem(reason: "the line has no valid inventory ID"))
    }
    guard let quantity = line.quantity, let price = line.unitPrice else {
      return .failure(RequestProblem(reason: "the line has no quantity or unit price"))
    }
    guard let date = KometDate(group.shipDate) else {
      return .failure(RequestProblem(reason: "the ship date \(group.shipDate) is invalid"))
    }
    guard let webOrder = KometID(webOrderId), !Self.hasInvalidLocation(group) else {
      return .failure(
        RequestProblem(reason: "web order \(webOrderId) or its location is not a Komet ID"))
    }

    var request = WebOrderItemAddRequest(
      customerId: settings.customerId, webOrderId: webOrder, inventoryIds: [inventoryId],
      inventoryOrigin: Self.kometOrigin(line.origin), price: price, quantity: quantity,
      carrierId: carrierId, date: date)
    request.companyLocationId = Self.locationID(of: group)
    request.shipToId = context.shipToId
    request.markCode = line.markCode
    return .success(request)
  }

  static func kometOrigin(_ origin: Inventory.InventoryOrigin) -> Komet.InventoryOrigin {
    switch origin {
    case .onHand: return .onHand
    case .future: return .futureSales
    }
  }

  // MARK: web-order-details.list

  func reconcile(_ line: LineSnapshot, on webOrderId: String) async throws -> PlacementStop? {
    let group = try groupOf(line)
    var values = lineMetadata(line, webOrderId: webOrderId)

    guard let webOrder = KometID(webOrderId), !Self.hasInvalidLocation(group) else {
      let reason = "web order \(webOrderId) or its location is not a Komet ID"
      try journal.settleReconciliation(line: line.key, verdict: .review(reason: reason))
      values["error"] = reason
      logger.error("Order line held for review, invalid journaled value", values)
      return nil
    }

    CrashPoint.reach("placer.reconcile.before-journal")
    try journal.beginReconciliation(line: line.key)
    var heldItemIds: [String] = []
    for status in [WebOrderStatus.pending, .checkedOut] {
      let request = WebOrderDetailsListRequest(
        customerId: settings.customerId, webOrderId: webOrder,
        companyLocationId: Self.locationID(of: group), statusId: status)
      let response: WebOrderDetailsListResponse
      CrashPoint.reach("placer.reconcile.before-call")
      do {
        response = try await client.webOrderDetails(request)
      } catch {
        CrashPoint.reach("placer.reconcile.after-call")
        return try await finishFailedReconcile(line, failure: ReadFailure(error), values: values)
      }
      CrashPoint.reach("placer.reconcile.after-call")
      heldItemIds += Self.itemIds(in: response, webOrderId: webOrderId)
    }

    let landedItemIds =
      try journal.snapshot(of: line.key.orderNumber)?.lines
      .filter { $0.groupId == line.groupId && $0.state == .accepted }
      .map(\.itemId) ?? []
    let verdict = Reconciliation.decide(heldItemIds: heldItemIds, landedItemIds: landedItemIds)
    try journal.settleReconciliation(line: line.key, verdict: verdict)
    CrashPoint.reach("placer.reconcile.after-journal")
    values["komet.verdict"] = verdict.logText
    logger.notice("Order line reconciled", values)
    return nil
  }

  /// Settles a reconciliation whose `web-order-details.list` failed, as `ReadFailure` sorts
  /// the failure. Only a details call that Komet responded to with an error puts the line in
  /// review. When the call could not be made (Komet unreachable, quota used up, token
  /// rejected), the line stays `adding` and the pass stops, so a later pass reconciles it.
  private func finishFailedReconcile(
    _ line: LineSnapshot, failure: ReadFailure, values: [String: String]
  ) async throws -> PlacementStop? {
    var values = values
    switch failure {
    case .quotaExhausted:
      try journal.recordReconciliationNotRead(line: line.key, reason: Self.quotaStop.reason)
      return Self.quotaStop
    case .unreachable(let reason):
      try journal.recordReconciliationNotRead(line: line.key, reason: reason)
      values["error"] = reason
      logger.warning("Order line not reconciled, because Komet is unreachable", values)
      return PlacementStop(.kometUnreachable, reason: reason)
    case .configuration(let error):
      try journal.recordReconciliationNotRead(line: line.key, reason: error.description)
      values["error"] = error.description
      logger.error("Order line not reconciled, the configuration is unusable", values)
      return await configurationStop(for: error)
    case .failed(let reason):
      let verdict = Reconciliation.detailsFailed(reason)
      try journal.settleReconciliation(line: line.key, verdict: verdict)
      CrashPoint.reach("placer.reconcile.after-journal")
      values["error"] = reason
      logger.error("Order line held for review, web order details failed", values)
      return nil
    }
  }

  /// Returns the item IDs of web order `webOrderId` in the response. An item without a
  /// `webOrderItemId` is counted under its row key, or under its position when it has neither.
  static func itemIds(in response: WebOrderDetailsListResponse, webOrderId: String) -> [String] {
    var ids: [String] = []
    for order in response.webOrders where order.id.digits == webOrderId {
      for (position, item) in order.items.enumerated() {
        ids.append(item.webOrderItemId?.digits ?? item.id ?? "item at position \(position)")
      }
    }
    return ids
  }

  // MARK: web-order.delete

  func delete(_ group: GroupSnapshot) async throws -> PlacementStop? {
    var values = groupMetadata(group)
    guard let webOrderId = group.webOrderId, let webOrder = KometID(webOrderId) else {
      return PlacementStop(
        .callFailed, reason: "group \(group.id) has no valid web order ID to delete")
    }
    values["komet.web_order_id"] = webOrderId

    CrashPoint.reach("placer.delete.before-journal")
    try journal.beginDelete(group: group.id)
    let request = WebOrderDeleteRequest(customerId: settings.customerId, webOrderId: webOrder)
    CrashPoint.reach("placer.delete.before-call")
    do {
      _ = try await client.deleteWebOrder(request)
    } catch {
      CrashPoint.reach("placer.delete.after-call")
      values["error"] = error.description
      let reason = "web-order.delete of \(webOrderId) failed: \(error.description)"
      let failure = CallFailure(error)
      if case .rejected(let refusal) = failure {
        return try await settleRejectedDelete(
          group, webOrder: webOrder, refusal: refusal, values: values)
      }
      // The group stays `created`, so a later pass sends the delete again.
      let mayHaveLanded = if case .unknown = failure { true } else { false }
      try journal.recordDeleteFailed(
        group: group.id, reason: reason, mayHaveLanded: mayHaveLanded)
      CrashPoint.reach("placer.delete.after-journal")
      if failure != .quotaExhausted {
        logger.error("Web order delete failed", values)
      }
      return await failedDeleteStop(failure, reason: reason)
    }
    CrashPoint.reach("placer.delete.after-call")

    try journal.recordWebOrderDeleted(group: group.id)
    CrashPoint.reach("placer.delete.after-journal")
    logger.info("Web order with no accepted line deleted", values)
    return nil
  }

  /// Returns why a pass stops after a `web-order.delete` that failed without Komet rejecting
  /// it.
  private func failedDeleteStop(_ failure: CallFailure, reason: String) async -> PlacementStop {
    switch failure {
    case .quotaExhausted:
      return Self.quotaStop
    case .notSent:
      return PlacementStop(.kometUnreachable, reason: reason)
    case .configuration(let error):
      return await configurationStop(for: error)
    case .rejected, .unknown:
      return PlacementStop(.callFailed, reason: reason)
    }
  }

  /// Settles a `web-order.delete` that Komet rejected, from the web order's items. A delete
  /// is sent again after a lost response, and Komet rejects cancelling a web order twice. So
  /// after an earlier delete that may have landed, a web order whose listing Komet rejects and
  /// that shows no item counts as deleted, with Komet's message in the step log. Otherwise
  /// its lines go to review rather than to DWF as cancelled, because a web order that still
  /// contains items may be live. A rejected delete of a web order that lists no item may also
  /// mean that a sales rep confirmed it into an invoice or prebook, which neither status
  /// lists.
  private func settleRejectedDelete(
    _ group: GroupSnapshot, webOrder: KometID, refusal: String, values: [String: String]
  ) async throws -> PlacementStop? {
    var values = values
    var heldItems = 0
    var rejectedListings = 0
    for status in [WebOrderStatus.pending, .checkedOut] {
      let request = WebOrderDetailsListRequest(
        customerId: settings.customerId, webOrderId: webOrder,
        companyLocationId: Self.locationID(of: group), statusId: status)
      do {
        let response = try await client.webOrderDetails(request)
        heldItems += Self.itemIds(in: response, webOrderId: webOrder.digits).count
      } catch {
        let reason = "web-order-details.list after a refused delete failed: \(error.description)"
        let failure = ReadFailure(error)
        if case .failed = failure, case .komet(.rejected) = error {
          // Komet rejecting the listing of this web order (`status` 0), as it does for one it
          // cancelled, leaves no item to find.
          rejectedListings += 1
          continue
        }
        // Any other failure proves nothing, so the group stays as it is and a later pass
        // sends the delete and this check again.
        try journal.recordDeleteFailed(
          group: group.id, reason: "\(refusal); \(reason)", mayHaveLanded: false)
        switch failure {
        case .quotaExhausted: return Self.quotaStop
        case .unreachable: return PlacementStop(.kometUnreachable, reason: reason)
        case .configuration(let error): return await configurationStop(for: error)
        case .failed:
          values["error"] = reason
          logger.error("Refused delete not settled, web order details failed", values)
          return PlacementStop(.callFailed, reason: reason)
        }
      }
    }

    // Only a web order that an earlier delete may have cancelled, and whose listing Komet now
    // rejects as it rejects a cancelled one's, counts as deleted.
    let isRepeat = try journal.earlierDeleteMayHaveLanded(group: group.id)
    let order = try journal.snapshot(of: group.orderNumber)
    let hasLandedLine = order?.lines.contains { $0.groupId == group.id && $0.webOrderId != nil }
    if hasLandedLine == false {
      // No line of this order ever reached the web order, so none can be live on it. The
      // empty header stays in Komet, and the step log keeps Komet's message.
      try journal.recordWebOrderDeleted(
        group: group.id, note: "Komet rejected deleting it while it holds no line: \(refusal)",
        keptHeaderRejection: refusal)
      CrashPoint.reach("placer.delete.after-journal")
      logger.warning("Empty web order not deleted, Komet rejected the delete", values)
      return nil
    }
    guard heldItems == 0, isRepeat, rejectedListings > 0 else {
      let items =
        heldItems == 0
        ? "no item as pending or checked out, which a confirmed web order may not show"
        : heldItems == 1 ? "1 item" : "\(heldItems) items"
      try journal.holdForReview(group: group.id, refusal: refusal) { key in
        Self.refusedDeleteReason(
          webOrderId: webOrder.digits, refusal: refusal, items: items, line: key)
      }
      CrashPoint.reach("placer.delete.after-journal")
      values["komet.items"] = String(heldItems)
      logger.error(
        "Web order delete rejected by Komet, its lines put in review", values)
      return nil
    }
    try journal.recordWebOrderDeleted(group: group.id, note: "Komet responded: \(refusal)")
    CrashPoint.reach("placer.delete.after-journal")
    logger.warning(
      "Web order delete rejected by Komet with no item left, journaled as deleted", values)
    return nil
  }

  /// Returns the review reason of a line whose web order Komet refused to delete while it
  /// contains `items`: what Komet responded, and the grower's next step.
  static func refusedDeleteReason(
    webOrderId: String, refusal: String, items: String, line key: LineKey
  ) -> String {
    let command = "komet-dwf review \(key.orderNumber) \(key.lineNumber)"
    return "Komet rejected web-order.delete for web order \(webOrderId) (\(refusal)) while it"
      + " lists \(items), so the line may be live in Komet. Delete the web order in"
      + " Komet or keep it, then run '\(command) --added' if the line stays in Komet or"
      + " '\(command) --not-added' if it is gone."
  }

  // MARK: Helpers

  func groupOf(_ line: LineSnapshot) throws -> GroupSnapshot {
    let groups = try journal.snapshot(of: line.key.orderNumber)?.groups ?? []
    guard let group = groups.first(where: { $0.id == line.groupId }) else {
      throw OrderJournalError.groupNotFound(id: line.groupId)
    }
    return group
  }

  /// Returns the group's location as a Komet ID, or nil for a company without locations.
  static func locationID(of group: GroupSnapshot) -> KometID? {
    group.locationId.flatMap { KometID($0) }
  }

  static func hasInvalidLocation(_ group: GroupSnapshot) -> Bool {
    group.locationId != nil && locationID(of: group) == nil
  }

  func groupMetadata(_ group: GroupSnapshot) -> [String: String] {
    [
      "order.number": group.orderNumber, "order.group": String(group.id),
      "order.origin": group.origin.rawValue,
    ]
  }

  private func lineMetadata(_ line: LineSnapshot, webOrderId: String) -> [String: String] {
    [
      "order.number": line.key.orderNumber, "order.line": String(line.key.lineNumber),
      "komet.web_order_id": webOrderId,
    ]
  }
}
