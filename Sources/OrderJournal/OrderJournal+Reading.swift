import Foundation
import Inventory
import StateStore

extension OrderJournal {
  /// Returns the order with its groups and lines, or nil when it is not journaled.
  package func snapshot(of orderNumber: String) throws -> OrderSnapshot? {
    let orders = try rows(
      """
      SELECT order_number, content_digest, state, received_at, updated_at, customer_po,
        source_file, revision, ack_revision, duplicate_receipts, carrier_id, carrier_code,
        ship_to_id, cancelled_at
      FROM journal_orders WHERE order_number = :order
      """, [":order": .text(orderNumber)], read: readOrder)
    guard var order = orders.first else { return nil }

    order.groups = try rows(
      "\(Self.groupColumns) WHERE order_number = :order ORDER BY id",
      [":order": .text(orderNumber)], read: readGroup)
    order.lines = try rows(
      "\(Self.lineColumns) WHERE l.order_number = :order ORDER BY l.line_number",
      [":order": .text(orderNumber)], read: readLine)
    return order
  }

  /// Returns the order numbers in the order they were received.
  package func orderNumbers() throws -> [String] {
    try rows("SELECT order_number FROM journal_orders ORDER BY rowid", [:]) {
      $0.string(at: 0) ?? ""
    }
  }

  /// Lists every action a restart or the next pass has to take, order by order: repeat or
  /// start a `web-order.create`, add a received line, reconcile a line whose add has an
  /// unknown outcome, delete a web order left with no line, and rewrite an acknowledgement
  /// older than its order.
  package func pendingWork() throws -> [PendingAction] {
    var actions: [PendingAction] = []
    for number in try orderNumbers() {
      guard let order = try snapshot(of: number) else { continue }
      for group in order.groups {
        let lines = order.lines.filter { $0.groupId == group.id }
        actions += Self.actions(for: group, lines: lines)
      }
      if order.acknowledgedRevision < order.revision {
        actions.append(.writeAcknowledgement(orderNumber: number, revision: order.revision))
      }
    }
    return actions
  }

  /// Lists the Komet calls one order needs next, as `pendingWork()` lists them, without its
  /// acknowledgement rewrite and without reading the other orders.
  package func pendingCalls(of orderNumber: String) throws -> [PendingAction] {
    guard let order = try snapshot(of: orderNumber) else { return [] }
    return order.groups.flatMap { group in
      Self.actions(for: group, lines: order.lines.filter { $0.groupId == group.id })
    }
  }

  /// Returns, in the order received, the numbers of the orders that need a Komet call: a line
  /// to add or reconcile on a group not deleted, or a created web order left with no line to
  /// delete. With `includingCheckout`, also a web order ready for `web-order.checkout`.
  package func ordersNeedingCalls(includingCheckout: Bool) throws -> [String] {
    let checkout = """
       OR EXISTS (SELECT 1 FROM journal_groups g WHERE g.order_number = o.order_number
          AND o.cancelled_at IS NULL AND g.state = 'created'
          AND g.checkout_state IN ('none', 'started')
          AND EXISTS (SELECT 1 FROM journal_lines l WHERE l.group_id = g.id
            AND l.state = 'accepted')
          AND NOT EXISTS (SELECT 1 FROM journal_lines l WHERE l.group_id = g.id
            AND l.state NOT IN ('accepted', 'rejected', 'duplicate', 'cancelled')))
      """
    let sql = """
      SELECT o.order_number FROM journal_orders o
      WHERE EXISTS (SELECT 1 FROM journal_lines l JOIN journal_groups g ON g.id = l.group_id
          WHERE l.order_number = o.order_number AND l.state IN ('received', 'adding')
            AND g.state <> 'deleted')
        OR EXISTS (SELECT 1 FROM journal_groups g WHERE g.order_number = o.order_number
          AND g.state = 'created'
          AND NOT EXISTS (SELECT 1 FROM journal_lines l WHERE l.group_id = g.id
            AND l.state NOT IN ('rejected', 'cancelled')))
      \(includingCheckout ? checkout : "")
      ORDER BY o.rowid
      """
    return try rows(sql, [:]) { $0.string(at: 0) ?? "" }
  }

  /// Returns the number of accepted lines of every order that has one.
  package func acceptedLineCounts() throws -> [String: Int] {
    let pairs = try rows(
      """
      SELECT order_number, count(*) FROM journal_lines WHERE state = 'accepted'
      GROUP BY order_number
      """, [:]
    ) { ($0.string(at: 0) ?? "", Int($0.int64(at: 1) ?? 0)) }
    return Dictionary(pairs, uniquingKeysWith: +)
  }

  static func actions(for group: GroupSnapshot, lines: [LineSnapshot]) -> [PendingAction] {
    let toSend = lines.filter { $0.state == .received }
    switch group.state {
    case .pending, .creating:
      guard !toSend.isEmpty else { return [] }
      return [.createWebOrder(group: group, isRepeat: group.state == .creating)]
    case .created:
      guard let webOrderId = group.webOrderId else { return [] }
      let reconcile = lines.filter { $0.state == .adding }.map {
        PendingAction.reconcileLine($0, webOrderId: webOrderId)
      }
      // Reconciling first keeps the count of items against journaled lines exact, because
      // no other add to this web order runs before it.
      guard reconcile.isEmpty else { return reconcile }
      let adds = toSend.map { PendingAction.addLine($0, webOrderId: webOrderId) }
      let isEmpty = lines.allSatisfy { $0.state == .rejected || $0.state == .cancelled }
      return isEmpty ? [.deleteWebOrder(group: group)] : adds
    case .deleted:
      return []
    }
  }

  /// Returns the number of the group's lines journaled as landed on its web order.
  package func landedLineCount(group id: Int64) throws -> Int {
    Int(
      try integer(
        "SELECT count(*) FROM journal_lines WHERE group_id = :id AND state = 'accepted'",
        [":id": .integer(id)]) ?? 0)
  }

  /// Returns the step log of an order, oldest first, as `method phase outcome` texts.
  package func steps(of orderNumber: String) throws -> [String] {
    try rows(
      """
      SELECT method, phase, coalesce(outcome, ''), line_number FROM journal_steps
      WHERE order_number = :order ORDER BY id
      """, [":order": .text(orderNumber)]
    ) { row in
      let line = row.int64(at: 3).map { " line \($0)" } ?? ""
      let outcome = row.string(at: 2) ?? ""
      let text = "\(row.string(at: 0) ?? "") \(row.string(at: 1) ?? "")\(line)"
      return outcome.isEmpty ? text : "\(text): \(outcome)"
    }
  }

  // MARK: Single rows

  func group(_ id: Int64) throws -> GroupSnapshot? {
    try rows("\(Self.groupColumns) WHERE id = :id", [":id": .integer(id)], read: readGroup).first
  }

  func groupOrThrow(_ id: Int64) throws -> GroupSnapshot {
    guard let group = try group(id) else { throw OrderJournalError.groupNotFound(id: id) }
    return group
  }

  func lineOrThrow(_ key: LineKey) throws -> LineSnapshot {
    let found = try rows(
      "\(Self.lineColumns) WHERE l.order_number = :order AND l.line_number = :line",
      [":order": .text(key.orderNumber), ":line": .integer(Int64(key.lineNumber))],
      read: readLine)
    guard let line = found.first else { throw OrderJournalError.lineNotFound(key) }
    return line
  }

  func snapshotOrThrow(_ orderNumber: String) throws -> OrderSnapshot {
    guard let order = try snapshot(of: orderNumber) else {
      throw OrderJournalError.orderNotFound(orderNumber: orderNumber)
    }
    return order
  }

  // MARK: Row readers

  private static let groupColumns = """
    SELECT id, order_number, origin, ship_date, location_id, web_order_id, state,
      create_attempts, checkout_state, uncertain_creates, kept_header_rejection
    FROM journal_groups
    """

  private static let lineColumns = """
    SELECT l.order_number, l.line_number, l.group_id, l.inventory_id, g.origin, l.quantity,
      l.unit_price, l.state, l.web_order_id, l.item_id, l.reason, l.mark_code, l.units_per_box
    FROM journal_lines l JOIN journal_groups g ON g.id = l.group_id
    """

  private func readOrder(_ row: Statement) throws -> OrderSnapshot {
    guard let state = OrderState(rawValue: row.string(at: 2) ?? "") else {
      throw OrderJournalError.corruptRow(table: "journal_orders", detail: "state")
    }
    return OrderSnapshot(
      orderNumber: row.string(at: 0) ?? "", contentDigest: row.string(at: 1) ?? "",
      state: state, receivedAt: Self.date(from: row.string(at: 3)) ?? .distantPast,
      updatedAt: Self.date(from: row.string(at: 4)) ?? .distantPast,
      customerPO: row.string(at: 5), sourceFile: row.string(at: 6) ?? "",
      revision: Int(row.int64(at: 7) ?? 0), acknowledgedRevision: Int(row.int64(at: 8) ?? 0),
      duplicateReceipts: Int(row.int64(at: 9) ?? 0), groups: [], lines: [],
      carrier: row.string(at: 10).map(OrderCarrier.id) ?? row.string(at: 11).map(OrderCarrier.code),
      shipToId: row.string(at: 12), cancelledAt: Self.date(from: row.string(at: 13)))
  }

  private func readGroup(_ row: Statement) throws -> GroupSnapshot {
    guard let origin = InventoryOrigin(rawValue: row.string(at: 2) ?? ""),
      let state = GroupState(rawValue: row.string(at: 6) ?? "")
    else {
      throw OrderJournalError.corruptRow(table: "journal_groups", detail: "origin or state")
    }
    return GroupSnapshot(
      id: row.int64(at: 0) ?? 0, orderNumber: row.string(at: 1) ?? "", origin: origin,
      shipDate: row.string(at: 3) ?? "", locationId: row.string(at: 4),
      webOrderId: row.string(at: 5), state: state,
      createAttempts: Int(row.int64(at: 7) ?? 0),
      checkoutState: CheckoutState(rawValue: row.string(at: 8) ?? "") ?? .none,
      uncertainCreates: Int(row.int64(at: 9) ?? 0), keptHeaderRejection: row.string(at: 10))
  }

  private func readLine(_ row: Statement) throws -> LineSnapshot {
    guard let origin = InventoryOrigin(rawValue: row.string(at: 4) ?? ""),
      let state = LineState(rawValue: row.string(at: 7) ?? "")
    else {
      throw OrderJournalError.corruptRow(table: "journal_lines", detail: "origin or state")
    }
    return LineSnapshot(
      key: LineKey(orderNumber: row.string(at: 0) ?? "", lineNumber: Int(row.int64(at: 1) ?? 0)),
      groupId: row.int64(at: 2) ?? 0, inventoryId: row.string(at: 3), origin: origin,
      quantity: row.int64(at: 5).map { Int($0) }, unitPrice: Self.decimal(from: row.string(at: 6)),
      state: state, webOrderId: row.string(at: 8), itemId: row.string(at: 9),
      reason: row.string(at: 10), markCode: row.string(at: 11),
      unitsPerBox: row.int64(at: 12).map { Int($0) })
  }
}
