import Foundation
import StateStore

extension OrderJournal {
  /// Applies a new validation of the order's `rejected` and `waiting` lines, in one
  /// transaction, and returns the keys of the lines that go out again.
  ///
  /// A retryable line whose number is in `rejections` becomes (or stays) `rejected` with that
  /// reason. Every other retryable line goes back to `received`, and a group whose web order
  /// was deleted starts over with a new create when one of its lines goes back. Lines in any
  /// other state, such as `accepted` or `review`, are left as they are.
  ///
  /// `locationId` is the location the new validation resolved. It fills the location of a
  /// group that has none and no web order yet, which happens when the order named no
  /// location and `komet.defaultLocationId` was set only after it arrived.
  ///
  /// - Throws: `OrderJournalError.orderNotFound`, `.lineNotFound` when `rejections` names a
  ///   line the order does not have, or `.invalidLineState` when it names a line that is
  ///   neither rejected nor waiting.
  @discardableResult
  package func retry(
    orderNumber: String, rejections: [Int: String], locationId: String? = nil
  ) throws -> [LineKey] {
    try database.transaction {
      let order = try snapshotOrThrow(orderNumber)
      let retryable: [LineState] = [.rejected, .waiting]
      for number in rejections.keys.sorted() {
        let key = LineKey(orderNumber: orderNumber, lineNumber: number)
        guard let line = order.lines.first(where: { $0.key == key }) else {
          throw OrderJournalError.lineNotFound(key)
        }
        guard retryable.contains(line.state) else {
          throw OrderJournalError.invalidLineState(key, state: line.state, expected: retryable)
        }
      }

      var sent: [LineSnapshot] = []
      for line in order.lines where retryable.contains(line.state) {
        if let reason = rejections[line.key.lineNumber] {
          try setLine(line.key, state: .rejected, reason: reason)
        } else {
          try setLine(line.key, state: .received, reason: nil)
          sent.append(line)
        }
      }

      for groupId in Set(sent.map(\.groupId)).sorted() {
        try execute(
          """
          UPDATE journal_groups SET state = 'pending', web_order_id = NULL
          WHERE id = :id AND state = 'deleted'
          """, [":id": .integer(groupId)])
        if let locationId {
          try execute(
            """
            UPDATE journal_groups SET location_id = :location
            WHERE id = :id AND location_id IS NULL AND web_order_id IS NULL
            """, [":id": .integer(groupId), ":location": .text(locationId)])
        }
      }
      try logStep(
        orderNumber, method: "retry", phase: "after",
        outcome: "\(sent.count) lines sent again, \(rejections.count) still rejected")
      try touch(orderNumber)
      return sent.map(\.key)
    }
  }
}
