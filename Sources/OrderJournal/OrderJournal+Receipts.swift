import Foundation
import Inventory
import StateStore

/// The outcome of the latest receipt of an order number from an order file.
package enum ReceiptOutcome: String, Sendable, Equatable, CaseIterable, Encodable {
  /// The order was new and was journaled.
  case new
  /// The same content was received before, so nothing was placed again.
  case duplicate
  /// Other content under a known number, rejected; the stored order is unchanged.
  case conflict
  /// Other content replaced a stored order that Komet never held (`replaceRejected`).
  case replaced
  /// A cancellation, carried out with `cancel(orderNumber:)`.
  case cancellation
  /// A cancellation of a number not received yet, kept with `receiveCancellationFirst` so the
  /// order is cancelled when it comes.
  case cancellationBeforeOrder
  /// An order whose cancellation came first, journaled with `receiveAfterCancellation` with
  /// every line cancelled and never placed.
  case orderAfterCancellation
}

/// The last receipt of an order number, which its acknowledgement shows beside the lines.
package struct OrderReceipt: Sendable, Equatable {
  package var outcome: ReceiptOutcome
  /// The order file the receipt came from.
  package var sourceFile: String
  package var receivedAt: Date

  package init(outcome: ReceiptOutcome, sourceFile: String, receivedAt: Date) {
    self.outcome = outcome
    self.sourceFile = sourceFile
    self.receivedAt = receivedAt
  }

  /// Returns the message for DWF: the reason a conflicting receipt was rejected, or the
  /// outcome of a cancellation and an order that came in reverse order. Nil otherwise.
  package func message(orderNumber: String) -> String? {
    switch outcome {
    case .conflict:
      return "order \(orderNumber) already received; send a cancellation first"
    case .cancellationBeforeOrder:
      return "no order \(orderNumber) was received yet; the cancellation is kept, so an order"
        + " \(orderNumber) received later is cancelled and not placed"
    case .orderAfterCancellation:
      return "order \(orderNumber) was cancelled before it was received, so it is not placed"
    case .new, .duplicate, .replaced, .cancellation:
      return nil
    }
  }
}

extension OrderJournal {
  /// The step-log method under which receipts are recorded.
  static let receiptMethod = "receipt"

  /// Records how an order file's copy of `orderNumber` was taken. A conflict also raises the
  /// order's revision, so its acknowledgement is rewritten to show the rejected receipt while
  /// the stored lines stay as they are.
  package func recordReceipt(
    orderNumber: String, outcome: ReceiptOutcome, sourceFile: String
  ) throws {
    try database.transaction {
      guard try storedDigest(of: orderNumber) != nil else {
        throw OrderJournalError.orderNotFound(orderNumber: orderNumber)
      }
      try logReceipt(orderNumber, outcome, sourceFile: sourceFile)
      if outcome == .conflict {
        try touch(orderNumber)
      }
    }
  }

  private func logReceipt(
    _ orderNumber: String, _ outcome: ReceiptOutcome, sourceFile: String
  ) throws {
    try logStep(
      orderNumber, method: Self.receiptMethod, phase: "after",
      outcome: "\(outcome.rawValue) \(sourceFile)")
  }

  /// Returns the order's last recorded receipt, or nil when none was recorded.
  package func lastReceipt(of orderNumber: String) throws -> OrderReceipt? {
    let found = try rows(
      """
      SELECT outcome, recorded_at FROM journal_steps
      WHERE order_number = :order AND method = :method ORDER BY id DESC LIMIT 1
      """, [":order": .text(orderNumber), ":method": .text(Self.receiptMethod)]
    ) { row in (row.string(at: 0) ?? "", row.string(at: 1)) }
    guard let (text, time) = found.first else { return nil }

    let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
    guard let outcome = ReceiptOutcome(rawValue: String(parts[0])), let date = Self.date(from: time)
    else {
      throw OrderJournalError.corruptRow(table: "journal_steps", detail: "receipt \(text)")
    }
    let file = parts.count > 1 ? String(parts[1]) : ""
    return OrderReceipt(outcome: outcome, sourceFile: file, receivedAt: date)
  }

  /// Tells whether a cancellation of the order was already taken from a file named
  /// `sourceFile`, so the same file read again is a re-delivery, not a new cancellation.
  package func hasCancellation(of orderNumber: String, fromFile sourceFile: String) throws
    -> Bool
  {
    let outcomes = [ReceiptOutcome.cancellation, .cancellationBeforeOrder].map {
      "\($0.rawValue) \(sourceFile)"
    }
    let found = try integer(
      """
      SELECT count(*) FROM journal_steps
      WHERE order_number = :order AND method = :method AND outcome IN (:first, :second)
      """,
      [
        ":order": .text(orderNumber), ":method": .text(Self.receiptMethod),
        ":first": .text(outcomes[0]), ":second": .text(outcomes[1]),
      ])
    return (found ?? 0) > 0
  }

  /// Tells whether the stored order is only a kept cancellation: cancelled, with no lines,
  /// because its cancellation came before the order.
  package static func isCancellationBeforeOrder(_ order: OrderSnapshot) -> Bool {
    order.state == .cancelled && order.lines.isEmpty && order.groups.isEmpty
  }

  /// Journals a cancellation of `orderNumber`, which is not journaled yet, as a cancelled
  /// order with no lines and its `cancellationBeforeOrder` receipt, so an order under that
  /// number received later is cancelled and never placed. `digest` is the cancellation's
  /// content digest. Returns the new snapshot, or nil, changing nothing, when the number is
  /// journaled already.
  package func receiveCancellationFirst(
    orderNumber: String, sourceFile: String, digest: String
  ) throws -> OrderSnapshot? {
    try database.transaction {
      guard try storedDigest(of: orderNumber) == nil else { return nil }
      let time = Self.timeText(now())
      try execute(
        """
        INSERT INTO journal_orders (order_number, content_digest, state, received_at,
          updated_at, source_file, ship_date, revision, cancelled_at)
        VALUES (:order, :digest, 'cancelled', :time, :time, :file, '', 1, :time)
        """,
        [
          ":order": .text(orderNumber), ":digest": .text(digest), ":time": .text(time),
          ":file": .text(sourceFile),
        ])
      try logStep(orderNumber, method: "cancel", phase: "after", outcome: "before the order")
      try logReceipt(orderNumber, .cancellationBeforeOrder, sourceFile: sourceFile)
      return try snapshotOrThrow(orderNumber)
    }
  }

  /// Journals `order`, whose cancellation came first (`isCancellationBeforeOrder`), with
  /// every line `cancelled` and an `orderAfterCancellation` receipt, so nothing of it is
  /// placed. The order takes the fields and
  /// `digest` of `order`, so the same order received again is a duplicate. Returns the new
  /// snapshot, or nil, changing nothing, when the stored order is not a kept cancellation.
  package func receiveAfterCancellation(order: ReceivedOrder, digest: String) throws
    -> OrderSnapshot?
  {
    try database.transaction {
      guard let stored = try snapshot(of: order.orderNumber),
        Self.isCancellationBeforeOrder(stored)
      else { return nil }
      var seen = Set<Int>()
      for line in order.lines where !seen.insert(line.lineNumber).inserted {
        throw OrderJournalError.repeatedLineNumber(
          orderNumber: order.orderNumber, lineNumber: line.lineNumber)
      }

      try updateStoredOrder(with: order, digest: digest)
      var groups: [InventoryOrigin: Int64] = [:]
      for line in order.lines {
        let groupId = try groups[line.origin] ?? insertGroup(order, origin: line.origin)
        groups[line.origin] = groupId
        try insertLine(line, order: order.orderNumber, groupId: groupId)
      }
      let key: [String: SQLiteValue] = [":order": .text(order.orderNumber)]
      try execute(
        "UPDATE journal_lines SET state = 'cancelled', reason = NULL WHERE order_number = :order",
        key)
      let cancelledAt = Self.timeText(stored.cancelledAt ?? now())
      try execute(
        """
        UPDATE journal_orders SET state = 'cancelled', cancelled_at = :time
        WHERE order_number = :order
        """, key.merging([":time": .text(cancelledAt)]) { $1 })
      try logStep(
        order.orderNumber, method: "receive", phase: "after", outcome: "after its cancellation")
      try logReceipt(order.orderNumber, .orderAfterCancellation, sourceFile: order.sourceFile)
      try touch(order.orderNumber)
      return try snapshotOrThrow(order.orderNumber)
    }
  }

  /// Tells whether new content may replace the stored order, because Komet contains nothing
  /// of it, so replacing it loses nothing. That is an order with lines, every one rejected, none
  /// of whose groups got as far as a `web-order.create`; or a cancelled order (not a kept
  /// cancellation, which has no lines) whose web orders are all deleted, which is how DWF
  /// sends a corrected order after "send a cancellation first".
  package static func isReplaceable(_ order: OrderSnapshot) -> Bool {
    guard !order.lines.isEmpty else { return false }
    let neverCreated = { (group: GroupSnapshot) in
      group.state == .pending && group.webOrderId == nil
    }
    if order.isCancelled {
      let isSettled = order.lines.allSatisfy { $0.state == .cancelled || $0.state == .rejected }
      return isSettled && order.groups.allSatisfy { neverCreated($0) || $0.state == .deleted }
    }
    guard order.lines.allSatisfy({ $0.state == .rejected }) else { return false }
    return order.groups.allSatisfy(neverCreated)
  }

  /// Replaces a stored order that `isReplaceable` allows with `order` and its `digest`, keeping
  /// the revision count and the step log, and returns the new snapshot. Returns nil, changing
  /// nothing, when the stored order is not replaceable.
  package func replaceRejected(order: ReceivedOrder, digest: String) throws -> OrderSnapshot? {
    try database.transaction {
      guard let stored = try snapshot(of: order.orderNumber), Self.isReplaceable(stored) else {
        return nil
      }
      var seen = Set<Int>()
      for line in order.lines where !seen.insert(line.lineNumber).inserted {
        throw OrderJournalError.repeatedLineNumber(
          orderNumber: order.orderNumber, lineNumber: line.lineNumber)
      }

      let key: [String: SQLiteValue] = [":order": .text(order.orderNumber)]
      try execute("DELETE FROM journal_lines WHERE order_number = :order", key)
      try execute("DELETE FROM journal_groups WHERE order_number = :order", key)
      try updateStoredOrder(with: order, digest: digest)

      var groups: [InventoryOrigin: Int64] = [:]
      for line in order.lines {
        let groupId = try groups[line.origin] ?? insertGroup(order, origin: line.origin)
        groups[line.origin] = groupId
        try insertLine(line, order: order.orderNumber, groupId: groupId)
      }
      try logStep(order.orderNumber, method: "receive", phase: "after", outcome: "replaced")
      try touch(order.orderNumber)
      return try snapshotOrThrow(order.orderNumber)
    }
  }

  private func updateStoredOrder(with order: ReceivedOrder, digest: String) throws {
    try execute(
      """
      UPDATE journal_orders SET content_digest = :digest, state = 'open', cancelled_at = NULL,
        received_at = :time,
        customer_po = :po, source_file = :file, ship_date = :ship, location_id = :location,
        duplicate_receipts = 0, carrier_id = :carrierId, carrier_code = :carrierCode,
        ship_to_id = :shipTo
      WHERE order_number = :order
      """,
      [
        ":order": .text(order.orderNumber), ":digest": .text(digest),
        ":time": .text(Self.timeText(now())), ":po": Self.optional(order.customerPO),
        ":file": .text(order.sourceFile), ":ship": .text(order.shipDate),
        ":location": Self.optional(order.locationId),
        ":carrierId": Self.optional(order.carrier?.id),
        ":carrierCode": Self.optional(order.carrier?.code),
        ":shipTo": Self.optional(order.shipToId),
      ])
  }
}
