import Foundation
import StateStore

/// The journal writes of a placement pass beyond the create and add steps: lines held back
/// by the quota, calls that were never sent, carrier rejections and `web-order.checkout`.
extension OrderJournal {
  // MARK: Lines held back

  /// Moves every `received` line of the order to `waiting` with `reason`, because the pass
  /// stopped before sending them (the daily quota is used up). Returns the keys moved.
  @discardableResult
  package func markWaiting(orderNumber: String, reason: String) throws -> [LineKey] {
    try settleReceived(orderNumber, state: .waiting, reason: reason, method: "quota")
  }

  /// Puts the group's rejected or cancelled lines that were added to its web order in review,
  /// each with the reason that `reason` returns for it, because Komet rejected deleting that
  /// web order. `refusal` is Komet's message, for the step log. Returns the keys
  /// of those lines.
  ///
  /// The order's state then becomes `review`, a cancelled order's too, so no acknowledgement
  /// shows the order as cancelled while its web order may be live.
  @discardableResult
  package func holdForReview(
    group id: Int64, refusal: String, reason: (LineKey) -> String
  ) throws -> [LineKey] {
    try database.transaction {
      let group = try groupOrThrow(id)
      let order = try snapshotOrThrow(group.orderNumber)
      // Only a line that was added to the web order can still be on it. A line rejected at
      // intake or by Komet, or cancelled before it was sent, never reached Komet.
      let keys = order.lines
        .filter { $0.groupId == id && ($0.state == .rejected || $0.state == .cancelled) }
        .filter { $0.webOrderId != nil }
        .map(\.key)
      for key in keys {
        try setLine(key, state: .review, reason: reason(key))
      }
      try logStep(
        group.orderNumber, group: id, method: "web-order.delete", phase: "after",
        outcome: "refused, \(keys.count) lines held for review: \(refusal)")
      try touch(group.orderNumber)
      return keys
    }
  }

  /// Puts every `waiting` line back to `received`, so the next placement sends it, and
  /// returns their keys. A group whose web order was deleted meanwhile starts over with a new
  /// create, as in `retry`.
  @discardableResult
  package func releaseWaitingLines() throws -> [LineKey] {
    try database.transaction {
      let keys = try rows(
        """
        SELECT order_number, line_number FROM journal_lines WHERE state = 'waiting'
        ORDER BY order_number, line_number
        """, [:]
      ) { LineKey(orderNumber: $0.string(at: 0) ?? "", lineNumber: Int($0.int64(at: 1) ?? 0)) }
      for number in Set(keys.map(\.orderNumber)).sorted() {
        let lines = keys.filter { $0.orderNumber == number }
        for key in lines {
          try setLine(key, state: .received, reason: nil)
        }
        try execute(
          """
          UPDATE journal_groups SET state = 'pending', web_order_id = NULL
          WHERE state = 'deleted' AND id IN (SELECT group_id FROM journal_lines
            WHERE order_number = :order AND state = 'received')
          """, [":order": .text(number)])
        try logStep(
          number, method: "quota", phase: "after",
          outcome: "\(lines.count) waiting lines released, the quota has room again")
        try touch(number)
      }
      return keys
    }
  }

  /// Rejects every `received` line of the order with `reason`, such as a carrier code that
  /// `carrier.list` does not know. Returns the keys rejected.
  @discardableResult
  package func rejectReceivedLines(orderNumber: String, reason: String) throws -> [LineKey] {
    try settleReceived(orderNumber, state: .rejected, reason: reason, method: "validate")
  }

  private func settleReceived(
    _ orderNumber: String, state: LineState, reason: String, method: String
  ) throws -> [LineKey] {
    try database.transaction {
      let order = try snapshotOrThrow(orderNumber)
      let keys = order.lines.filter { $0.state == .received }.map(\.key)
      guard !keys.isEmpty else { return [] }
      for key in keys {
        try setLine(key, state: state, reason: reason)
      }
      try logStep(
        orderNumber, method: method, phase: "after",
        outcome: "\(keys.count) lines \(state.rawValue): \(reason)")
      try touch(orderNumber)
      return keys
    }
  }

  // MARK: Calls never sent

  /// Puts a group whose `web-order.create` was never sent back to `previous`, the state it had
  /// before `beginCreate`, and takes back the attempt that `beginCreate` counted, so no empty
  /// header is suspected from it.
  package func revertCreate(group id: Int64, to previous: GroupState, reason: String) throws {
    try database.transaction {
      let group = try groupOrThrow(id)
      guard group.state == .creating, previous == .pending || previous == .creating else {
        throw OrderJournalError.invalidGroupState(id: id, state: group.state, expected: [.creating])
      }
      try execute(
        """
        UPDATE journal_groups SET state = :state, create_attempts = max(create_attempts - 1, 0),
          uncertain_creates = max(uncertain_creates - 1, 0)
        WHERE id = :id
        """, [":id": .integer(id), ":state": .text(previous.rawValue)])
      try logStep(
        group.orderNumber, group: id, method: "web-order.create", phase: "after",
        outcome: "not sent: \(reason)")
      try touch(group.orderNumber)
    }
  }

  /// Puts a line whose `web-order-item.add` was never sent back from `adding` to `received`,
  /// so the next pass sends it without a reconciliation.
  package func revertLineAdd(line key: LineKey, reason: String) throws {
    try database.transaction {
      let line = try lineOrThrow(key)
      guard line.state == .adding else {
        throw OrderJournalError.invalidLineState(key, state: line.state, expected: [.adding])
      }
      try setLine(key, state: .received, reason: nil)
      try logStep(
        key.orderNumber, group: line.groupId, line: key.lineNumber,
        method: "web-order-item.add", phase: "after", outcome: "not sent: \(reason)")
      try touch(key.orderNumber)
    }
  }

  // MARK: web-order.checkout

  /// Returns the groups ready for `web-order.checkout` or with a checkout whose outcome is
  /// not journaled: created, with every line accepted, rejected, duplicate or cancelled, at
  /// least one accepted, in an order that is not cancelled.
  package func checkoutCandidates(orderNumber: String) throws -> [GroupSnapshot] {
    guard let order = try snapshot(of: orderNumber), !order.isCancelled else { return [] }
    let settled: Set<LineState> = [.accepted, .rejected, .duplicate, .cancelled]
    return order.groups.filter { group in
      let lines = order.lines.filter { $0.groupId == group.id }
      return group.state == .created && group.webOrderId != nil
        && (group.checkoutState == .none || group.checkoutState == .started)
        && lines.allSatisfy { settled.contains($0.state) }
        && lines.contains { $0.state == .accepted }
    }
  }

  /// Journals that a `web-order.checkout` for the group is about to be sent.
  package func beginCheckout(group id: Int64) throws {
    try changeCheckout(id, from: [.none], to: .started, phase: "before", outcome: nil)
  }

  /// Journals how the group's `web-order.checkout` ended: `done`, or `failed` with the reason.
  package func finishCheckout(group id: Int64, succeeded: Bool, reason: String? = nil) throws {
    try changeCheckout(
      id, from: [.started], to: succeeded ? .done : .failed, phase: "after",
      outcome: succeeded ? "done" : "failed: \(reason ?? "")")
  }

  /// Puts a started checkout back to `none`, because the call was never sent or Komet shows
  /// the web order still pending, so the next pass sends it.
  package func revertCheckout(group id: Int64, reason: String) throws {
    try changeCheckout(
      id, from: [.started], to: .none, phase: "after", outcome: "not checked out: \(reason)")
  }

  private func changeCheckout(
    _ id: Int64, from allowed: [CheckoutState], to state: CheckoutState, phase: String,
    outcome: String?
  ) throws {
    try database.transaction {
      let group = try groupOrThrow(id)
      guard allowed.contains(group.checkoutState) else {
        throw OrderJournalError.invalidCheckoutState(
          group: id, state: group.checkoutState, expected: allowed)
      }
      try execute(
        "UPDATE journal_groups SET checkout_state = :state WHERE id = :id",
        [":id": .integer(id), ":state": .text(state.rawValue)])
      try logStep(
        group.orderNumber, group: id, method: "web-order.checkout", phase: phase,
        outcome: outcome)
      try touch(group.orderNumber)
    }
  }

  // MARK: Pending work

  /// Returns whether any order needs a Komet call, an acknowledgement rewrite, or a look at
  /// the quota for its waiting lines, without reading snapshots. With `includingCheckout`, a
  /// group waiting for its checkout counts too.
  package func hasPendingWork(includingCheckout: Bool) throws -> Bool {
    let sql = """
      SELECT EXISTS (SELECT 1 FROM journal_orders WHERE ack_revision < revision)
        OR EXISTS (SELECT 1 FROM journal_lines WHERE state = 'waiting')
      """
    guard try integer(sql, [:]) != 1 else { return true }
    return try !ordersNeedingCalls(includingCheckout: includingCheckout).isEmpty
  }

  /// Returns the numbers of the orders whose acknowledgement is older than their journal.
  package func ordersWithStaleAcknowledgement() throws -> [String] {
    try rows(
      "SELECT order_number FROM journal_orders WHERE ack_revision < revision ORDER BY rowid",
      [:]
    ) { $0.string(at: 0) ?? "" }
  }

  /// Returns the orders changed at or after `time`, or every order when `time` is nil, in
  /// the order they were received. The order stage rewrites their reports, since a receipt
  /// journaled by the intake changes an order without any Komet call.
  package func ordersUpdated(since time: Date?) throws -> [String] {
    guard let time else {
      return try rows("SELECT order_number FROM journal_orders ORDER BY rowid", [:]) {
        $0.string(at: 0) ?? ""
      }
    }
    return try rows(
      "SELECT order_number FROM journal_orders WHERE updated_at >= :time ORDER BY rowid",
      [":time": .text(Self.timeText(time))]
    ) { $0.string(at: 0) ?? "" }
  }

  /// Returns how many lines of all orders are in `state`.
  package func lineCount(in state: LineState) throws -> Int {
    Int(
      try integer(
        "SELECT count(*) FROM journal_lines WHERE state = :state",
        [":state": .text(state.rawValue)]) ?? 0)
  }
}
