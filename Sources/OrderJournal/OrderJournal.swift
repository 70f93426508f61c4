import Foundation
import Inventory
import StateStore

/// The journal of DWF orders in the state database (schema versions 7 to 10): each order, its
/// web-order groups and lines, and a step log written before and after each Komet call.
///
/// Every method that changes something runs in one transaction that also raises the order's
/// `revision` and appends to the step log, so a process killed between any two calls leaves
/// a state that `pendingWork()` resumes from. The caller journals before a call
/// (`beginCreate`, `beginLineAdd`, `beginReconciliation`, `beginDelete`) and after it
/// (`finishCreate`, `finishLineAdd`, `settleReconciliation`, `recordWebOrderDeleted`).
package struct OrderJournal {
  package let database: Database
  let now: @Sendable () -> Date

  /// Takes a database migrated to version 10 or later, such as one from `StateSchema.open`.
  package init(database: Database, now: @escaping @Sendable () -> Date = { Date() }) {
    self.database = database
    self.now = now
  }

  // MARK: Receiving

  /// Journals `order` unless its number is known: the same number and `digest` is a
  /// duplicate (counted, nothing placed again), the same number with another digest a
  /// conflict.
  ///
  /// Lines group by origin, ship date and location. A line with a `rejection` is stored as
  /// `rejected` with that reason; every other line as `received`.
  package func receive(order: ReceivedOrder, digest: String) throws -> ReceiveOutcome {
    try database.transaction {
      if let stored = try storedDigest(of: order.orderNumber) {
        guard stored == digest else {
          return .conflict(
            orderNumber: order.orderNumber, storedDigest: stored, receivedDigest: digest)
        }
        try execute(
          """
          UPDATE journal_orders SET duplicate_receipts = duplicate_receipts + 1
          WHERE order_number = :order
          """, [":order": .text(order.orderNumber)])
        try touch(order.orderNumber)
        try logStep(order.orderNumber, method: "receive", phase: "after", outcome: "duplicate")
        return .duplicate(try snapshotOrThrow(order.orderNumber))
      }

      try insert(order, digest: digest)
      try logStep(order.orderNumber, method: "receive", phase: "after", outcome: "new")
      return .new(try snapshotOrThrow(order.orderNumber))
    }
  }

  private func insert(_ order: ReceivedOrder, digest: String) throws {
    var seen = Set<Int>()
    for line in order.lines where !seen.insert(line.lineNumber).inserted {
      throw OrderJournalError.repeatedLineNumber(
        orderNumber: order.orderNumber, lineNumber: line.lineNumber)
    }

    let time = Self.timeText(now())
    try execute(
      """
      INSERT INTO journal_orders (order_number, content_digest, state, received_at, updated_at,
        customer_po, source_file, ship_date, location_id, revision, carrier_id, carrier_code,
        ship_to_id)
      VALUES (:order, :digest, 'open', :time, :time, :po, :file, :ship, :location, 1,
        :carrierId, :carrierCode, :shipTo)
      """,
      [
        ":order": .text(order.orderNumber), ":digest": .text(digest), ":time": .text(time),
        ":po": Self.optional(order.customerPO), ":file": .text(order.sourceFile),
        ":ship": .text(order.shipDate), ":location": Self.optional(order.locationId),
        ":carrierId": Self.optional(order.carrier?.id),
        ":carrierCode": Self.optional(order.carrier?.code),
        ":shipTo": Self.optional(order.shipToId),
      ])

    var groups: [InventoryOrigin: Int64] = [:]
    for line in order.lines {
      let groupId = try groups[line.origin] ?? insertGroup(order, origin: line.origin)
      groups[line.origin] = groupId
      try insertLine(line, order: order.orderNumber, groupId: groupId)
    }
    try refreshState(order.orderNumber)
  }

  func insertGroup(_ order: ReceivedOrder, origin: InventoryOrigin) throws -> Int64 {
    try execute(
      """
      INSERT INTO journal_groups (order_number, origin, ship_date, location_id, state)
      VALUES (:order, :origin, :ship, :location, 'pending')
      """,
      [
        ":order": .text(order.orderNumber), ":origin": .text(origin.rawValue),
        ":ship": .text(order.shipDate), ":location": Self.optional(order.locationId),
      ])
    return try integer("SELECT last_insert_rowid()", [:]) ?? 0
  }

  func insertLine(_ line: ReceivedLine, order: String, groupId: Int64) throws {
    let state: LineState = line.rejection == nil ? .received : .rejected
    try execute(
      """
      INSERT INTO journal_lines (order_number, line_number, group_id, inventory_id, quantity,
        unit_price, state, reason, mark_code, units_per_box)
      VALUES (:order, :line, :group, :inventory, :quantity, :price, :state, :reason, :mark,
        :units)
      """,
      [
        ":order": .text(order), ":line": .integer(Int64(line.lineNumber)),
        ":group": .integer(groupId), ":inventory": Self.optional(line.inventoryId),
        ":quantity": line.quantity.map { .integer(Int64($0)) } ?? .null,
        ":price": line.unitPrice.map { .text(Self.decimalText($0)) } ?? .null,
        ":state": .text(state.rawValue), ":reason": Self.optional(line.rejection),
        ":mark": Self.optional(line.markCode),
        ":units": line.unitsPerBox.map { .integer(Int64($0)) } ?? .null,
      ])
  }

  // MARK: web-order.create

  /// Journals that a `web-order.create` for the group is about to be sent. The call counts as
  /// an attempt with an uncertain outcome until `finishCreate` or `revertCreate` settles it,
  /// so a crash before either leaves it counted as a possible orphaned header.
  package func beginCreate(group id: Int64) throws {
    try database.transaction {
      let group = try groupOrThrow(id)
      guard group.state == .pending || group.state == .creating else {
        throw OrderJournalError.invalidGroupState(
          id: id, state: group.state, expected: [.pending, .creating])
      }
      try execute(
        """
        UPDATE journal_groups SET state = 'creating', create_attempts = create_attempts + 1,
          uncertain_creates = uncertain_creates + 1
        WHERE id = :id
        """, [":id": .integer(id)])
      try logStep(group.orderNumber, group: id, method: "web-order.create", phase: "before")
      try touch(group.orderNumber)
    }
  }

  /// Journals the web order ID of the group, before the first line is added to it.
  package func recordWebOrderCreated(group id: Int64, webOrderId: String) throws {
    try finishCreate(group: id, outcome: .created(webOrderId: webOrderId))
  }

  /// Journals how the group's `web-order.create` ended. Only an `unknown` outcome stays
  /// counted in `uncertainCreates`. A rejected or quota-stopped call created no header, so
  /// its attempt is taken back as `revertCreate` does.
  package func finishCreate(group id: Int64, outcome: CreateOutcome) throws {
    try database.transaction {
      let group = try groupOrThrow(id)
      guard group.state == .creating else {
        throw OrderJournalError.invalidGroupState(id: id, state: group.state, expected: [.creating])
      }

      let outcomeText: String
      switch outcome {
      case .created(let webOrderId):
        try execute(
          """
          UPDATE journal_groups SET state = 'created', web_order_id = :web,
            uncertain_creates = max(uncertain_creates - 1, 0)
          WHERE id = :id
          """, [":id": .integer(id), ":web": .text(webOrderId)])
        outcomeText = "created \(webOrderId)"
      case .rejected(let reason):
        try takeBackAttempt(ofGroup: id)
        try settleReceivedLines(ofGroup: id, state: .rejected, reason: reason)
        outcomeText = "rejected: \(reason)"
      case .quotaExhausted:
        try takeBackAttempt(ofGroup: id)
        try settleReceivedLines(ofGroup: id, state: .waiting, reason: Self.quotaReason)
        outcomeText = "quota exhausted"
      case .unknown(let reason):
        outcomeText = "unknown: \(reason)"
      }

      try logStep(
        group.orderNumber, group: id, method: "web-order.create", phase: "after",
        outcome: outcomeText)
      try touch(group.orderNumber)
    }
  }

  /// Puts a group whose create was rejected or stopped by the quota back to `pending`, and
  /// takes back the attempt `beginCreate` counted, because Komet created no header for it.
  private func takeBackAttempt(ofGroup id: Int64) throws {
    try execute(
      """
      UPDATE journal_groups SET state = 'pending', create_attempts = max(create_attempts - 1, 0),
        uncertain_creates = max(uncertain_creates - 1, 0)
      WHERE id = :id
      """, [":id": .integer(id)])
  }

  private func settleReceivedLines(ofGroup id: Int64, state: LineState, reason: String) throws {
    try execute(
      """
      UPDATE journal_lines SET state = :state, reason = :reason
      WHERE group_id = :id AND state = 'received'
      """,
      [":id": .integer(id), ":state": .text(state.rawValue), ":reason": .text(reason)])
  }

  // MARK: web-order-item.add

  /// Journals that a `web-order-item.add` for the line is about to be sent.
  package func beginLineAdd(line key: LineKey) throws {
    try database.transaction {
      let line = try lineOrThrow(key)
      guard line.state == .received else {
        throw OrderJournalError.invalidLineState(key, state: line.state, expected: [.received])
      }
      guard let group = try group(line.groupId), group.state == .created else {
        let state = try group(line.groupId)?.state ?? .pending
        throw OrderJournalError.invalidGroupState(
          id: line.groupId, state: state, expected: [.created])
      }
      try setLine(key, state: .adding, reason: nil)
      try logStep(
        key.orderNumber, group: line.groupId, line: key.lineNumber,
        method: "web-order-item.add", phase: "before")
      try touch(key.orderNumber)
    }
  }

  /// Journals how the line's `web-order-item.add` ended. An `unknown` outcome leaves the line
  /// `adding`, which `pendingWork()` lists for reconciliation.
  package func finishLineAdd(line key: LineKey, outcome: AddOutcome) throws {
    try database.transaction {
      let line = try lineOrThrow(key)
      guard line.state == .adding else {
        throw OrderJournalError.invalidLineState(key, state: line.state, expected: [.adding])
      }

      let outcomeText: String
      switch outcome {
      case .accepted(let itemId):
        try accept(key, groupId: line.groupId, itemId: itemId)
        outcomeText = "accepted"
      case .rejected(let reason):
        try setLine(key, state: .rejected, reason: reason)
        outcomeText = "rejected: \(reason)"
      case .quotaExhausted:
        try setLine(key, state: .waiting, reason: Self.quotaReason)
        outcomeText = "quota exhausted"
      case .unknown(let reason):
        outcomeText = "unknown: \(reason)"
      }

      try logStep(
        key.orderNumber, group: line.groupId, line: key.lineNumber,
        method: "web-order-item.add", phase: "after", outcome: outcomeText)
      try touch(key.orderNumber)
    }
  }

  /// Journals that `web-order-details.list` is about to be read for the line, whose add had
  /// an unknown outcome. Only the step log changes, so the revision stays as it is.
  package func beginReconciliation(line key: LineKey) throws {
    try database.transaction {
      let line = try lineOrThrow(key)
      guard line.state == .adding else {
        throw OrderJournalError.invalidLineState(key, state: line.state, expected: [.adding])
      }
      try logStep(
        key.orderNumber, group: line.groupId, line: key.lineNumber,
        method: "web-order-details.list", phase: "before")
    }
  }

  /// Journals a reconciliation whose `web-order-details.list` could not be read, such as
  /// while Komet is unreachable. The line stays `adding`, so a later pass reconciles it, and
  /// only the step log changes.
  package func recordReconciliationNotRead(line key: LineKey, reason: String) throws {
    try database.transaction {
      let line = try lineOrThrow(key)
      try logStep(
        key.orderNumber, group: line.groupId, line: key.lineNumber,
        method: "web-order-details.list", phase: "after", outcome: "not read: \(reason)")
    }
  }

  /// Settles a line whose add had an unknown outcome, from the web order's item list:
  /// `landed` accepts it, `notLanded` sends it again, and `review` keeps it for a person.
  package func settleReconciliation(line key: LineKey, verdict: ReconciliationVerdict) throws {
    try database.transaction {
      let line = try lineOrThrow(key)
      guard line.state == .adding else {
        throw OrderJournalError.invalidLineState(key, state: line.state, expected: [.adding])
      }

      switch verdict {
      case .landed(let itemId):
        try accept(key, groupId: line.groupId, itemId: itemId)
      case .notLanded:
        try setLine(key, state: .received, reason: nil)
      case .review(let reason):
        try setLine(key, state: .review, reason: reason)
      }

      try logStep(
        key.orderNumber, group: line.groupId, line: key.lineNumber,
        method: "web-order-details.list", phase: "after", outcome: verdict.logText)
      try touch(key.orderNumber)
    }
  }

  private func accept(_ key: LineKey, groupId: Int64, itemId: String?) throws {
    let webOrderId = try group(groupId)?.webOrderId
    try execute(
      """
      UPDATE journal_lines SET state = 'accepted', web_order_id = :web, item_id = :item,
        reason = NULL
      WHERE order_number = :order AND line_number = :line
      """,
      [
        ":order": .text(key.orderNumber), ":line": .integer(Int64(key.lineNumber)),
        ":web": Self.optional(webOrderId), ":item": Self.optional(itemId),
      ])
  }

  // MARK: web-order.delete

  /// Journals that a `web-order.delete` for the group's web order is about to be sent. Only
  /// the step log changes, so the revision stays as it is.
  package func beginDelete(group id: Int64) throws {
    try database.transaction {
      let group = try groupOrThrow(id)
      guard group.state == .created else {
        throw OrderJournalError.invalidGroupState(id: id, state: group.state, expected: [.created])
      }
      try logStep(
        group.orderNumber, group: id, method: "web-order.delete", phase: "before",
        outcome: group.webOrderId)
    }
  }

  /// Tells whether an earlier `web-order.delete` of the group, before the one in flight, may
  /// have cancelled its web order: one whose process died before journaling the outcome, or
  /// one whose outcome was unknown. A delete that never left, or that Komet rejected, did not.
  package func earlierDeleteMayHaveLanded(group id: Int64) throws -> Bool {
    let started = try integer(
      """
      SELECT count(*) FROM journal_steps
      WHERE group_id = :id AND method = 'web-order.delete' AND phase = 'before'
      """, [":id": .integer(id)]) ?? 0
    let notApplied = try integer(
      """
      SELECT count(*) FROM journal_steps
      WHERE group_id = :id AND method = 'web-order.delete' AND phase = 'after'
        AND (outcome LIKE :notApplied OR outcome LIKE 'refused%')
      """, [":id": .integer(id), ":notApplied": .text(Self.deleteNotAppliedPrefix + "%")]) ?? 0
    return started - 1 - notApplied > 0
  }

  /// The start of the step outcome of a delete that Komet did not apply.
  static let deleteNotAppliedPrefix = "failed (not applied): "
  /// The start of the step outcome of a delete whose outcome is unknown.
  static let deleteUnknownPrefix = "failed (may have landed): "

  /// Journals a `web-order.delete` that failed without settling the group, such as one that
  /// timed out or was held back by the quota. The group stays `created`, so a later pass sends
  /// the delete again, and only the step log changes.
  package func recordDeleteFailed(group id: Int64, reason: String, mayHaveLanded: Bool)
    throws
  {
    try database.transaction {
      let group = try groupOrThrow(id)
      let prefix = mayHaveLanded ? Self.deleteUnknownPrefix : Self.deleteNotAppliedPrefix
      try logStep(
        group.orderNumber, group: id, method: "web-order.delete", phase: "after",
        outcome: prefix + reason)
    }
  }

  /// Journals that the group's web order was deleted with `web-order.delete`. `note` records
  /// why it counts as deleted when Komet rejected the call, such as after an earlier delete
  /// whose response was lost. `keptHeaderRejection` is Komet's message when it rejected
  /// deleting a web order that held no line, so its empty header stays in Komet.
  package func recordWebOrderDeleted(
    group id: Int64, note: String? = nil, keptHeaderRejection: String? = nil
  ) throws {
    try database.transaction {
      let group = try groupOrThrow(id)
      try execute(
        """
        UPDATE journal_groups SET state = 'deleted', kept_header_rejection = :rejection
        WHERE id = :id
        """, [":id": .integer(id), ":rejection": Self.optional(keptHeaderRejection)])
      let outcome = "deleted \(group.webOrderId ?? "")" + (note.map { " (\($0))" } ?? "")
      try logStep(
        group.orderNumber, group: id, method: "web-order.delete", phase: "after",
        outcome: outcome)
      try touch(group.orderNumber)
    }
  }

  // MARK: Acknowledgements

  /// Journals that the acknowledgement of `revision` was written, so a restart rewrites only
  /// orders whose acknowledgement is older than their journal.
  package func recordAcknowledgementWritten(orderNumber: String, revision: Int) throws {
    try database.transaction {
      try execute(
        """
        UPDATE journal_orders SET ack_revision = max(ack_revision, :revision)
        WHERE order_number = :order
        """, [":order": .text(orderNumber), ":revision": .integer(Int64(revision))])
      guard try database.changes() == 1 else {
        throw OrderJournalError.orderNotFound(orderNumber: orderNumber)
      }
    }
  }

  /// The reason journaled on a line held back by a used-up quota.
  package static let quotaReason =
    "the daily Komet request quota is used up; the line is sent again once the quota allows"
}
