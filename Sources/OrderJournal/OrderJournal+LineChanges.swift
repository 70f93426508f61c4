import Foundation
import StateStore

extension OrderJournal {
  /// Holds a line for a person to decide, with the reason, from any state but `accepted` and
  /// `cancelled`.
  package func markReview(line key: LineKey, reason: String) throws {
    try changeLine(
      key, from: [.received, .adding, .rejected, .waiting, .review], to: .review, reason: reason,
      method: "review")
  }

  /// Settles a line in review. `added` accepts it on its group's web order. Otherwise it
  /// becomes rejected, so `retry` sends it again, or cancelled when the order was cancelled,
  /// because then the line is meant to be gone from Komet.
  ///
  /// On a cancelled order, `added` means the line stays on a web order whose delete Komet
  /// rejected, so its reason states that the cancellation did not remove it.
  package func settleReview(line key: LineKey, added: Bool) throws {
    try database.transaction {
      let line = try lineOrThrow(key)
      guard line.state == .review else {
        throw OrderJournalError.invalidLineState(key, state: line.state, expected: [.review])
      }
      let isCancelled = try snapshotOrThrow(key.orderNumber).isCancelled
      if added {
        let webOrderId = try line.webOrderId ?? group(line.groupId)?.webOrderId
        let reason = isCancelled ? Self.keptAfterCancellationReason(webOrderId) : nil
        try execute(
          """
          UPDATE journal_lines SET state = 'accepted', web_order_id = :web, reason = :reason
          WHERE order_number = :order AND line_number = :line
          """,
          [
            ":order": .text(key.orderNumber), ":line": .integer(Int64(key.lineNumber)),
            ":web": Self.optional(webOrderId), ":reason": Self.optional(reason),
          ])
      } else if isCancelled {
        try setLine(key, state: .cancelled, reason: nil)
      } else {
        try setLine(key, state: .rejected, reason: "not added to Komet, settled in review")
      }
      try logStep(
        key.orderNumber, group: line.groupId, line: key.lineNumber, method: "review",
        phase: "after", outcome: added ? "added" : "not added")
      try touch(key.orderNumber)
    }
  }

  /// Returns the reason on a line of a cancelled order that was settled in review as kept in
  /// Komet.
  static func keptAfterCancellationReason(_ webOrderId: String?) -> String {
    let webOrder = webOrderId.map { "web order \($0)" } ?? "its web order"
    return "the order was cancelled, but Komet rejected deleting \(webOrder), and the"
      + " grower kept this line on it, so the line stays live in Komet"
  }

  /// Puts the line back to `received` so it is sent again. Only a `rejected` or `waiting`
  /// line may be retried, never an accepted or review one.
  package func retry(line key: LineKey) throws {
    try changeLine(key, from: [.rejected, .waiting], to: .received, reason: nil, method: "retry")
  }

  /// Puts every `rejected` or `waiting` line of the order back to `received` and returns
  /// their keys. A group whose web order was deleted starts over with a new create.
  @discardableResult
  package func retry(orderNumber: String) throws -> [LineKey] {
    try database.transaction {
      let order = try snapshotOrThrow(orderNumber)
      let keys = order.lines.filter { $0.state == .rejected || $0.state == .waiting }.map(\.key)
      for key in keys {
        try setLine(key, state: .received, reason: nil)
      }
      try execute(
        """
        UPDATE journal_groups SET state = 'pending', web_order_id = NULL
        WHERE order_number = :order AND state = 'deleted'
        """, [":order": .text(orderNumber)])
      try logStep(orderNumber, method: "retry", phase: "after", outcome: "\(keys.count) lines")
      try touch(orderNumber)
      return keys
    }
  }

  /// Cancels the order: every line not yet cancelled becomes `cancelled`, and `pendingWork()`
  /// then lists each created web order for `web-order.delete`. Returns those groups.
  @discardableResult
  package func cancel(orderNumber: String) throws -> [GroupSnapshot] {
    try database.transaction {
      let order = try snapshotOrThrow(orderNumber)
      try execute(
        """
        UPDATE journal_lines SET state = 'cancelled', reason = NULL
        WHERE order_number = :order AND state <> 'cancelled'
        """, [":order": .text(orderNumber)])
      try execute(
        """
        UPDATE journal_orders SET state = 'cancelled',
          cancelled_at = coalesce(cancelled_at, :time)
        WHERE order_number = :order
        """, [":order": .text(orderNumber), ":time": .text(Self.timeText(now()))])
      try logStep(orderNumber, method: "cancel", phase: "after")
      try touch(orderNumber)
      return order.groups.filter { $0.state == .created }
    }
  }

  private func changeLine(
    _ key: LineKey, from allowed: [LineState], to state: LineState, reason: String?,
    method: String
  ) throws {
    try database.transaction {
      let line = try lineOrThrow(key)
      guard allowed.contains(line.state) else {
        throw OrderJournalError.invalidLineState(key, state: line.state, expected: allowed)
      }
      try setLine(key, state: state, reason: reason)
      try logStep(
        key.orderNumber, group: line.groupId, line: key.lineNumber, method: method,
        phase: "after", outcome: state.rawValue)
      try touch(key.orderNumber)
    }
  }
}
