import Foundation
import StateStore

/// One line whose `web-order-item.add` outcome a person must settle with `komet-dwf review`.
package struct ReviewLine: Sendable, Equatable {
  package var key: LineKey
  package var inventoryId: String?
  /// Boxes.
  package var quantity: Int?
  /// The web order of the line's group, which the line may or may not be on.
  package var webOrderId: String?
  package var reason: String?
}

extension OrderJournal {
  /// Returns every journaled order with its groups and lines, in the order they were received.
  package func snapshots() throws -> [OrderSnapshot] {
    try orderNumbers().compactMap { try snapshot(of: $0) }
  }

  /// Counts the journaled orders in each state. Every state is present, with 0 when no order
  /// is in it.
  package func orderCounts() throws -> [OrderState: Int] {
    var counts = Dictionary(uniqueKeysWithValues: OrderState.allCases.map { ($0, 0) })
    let found = try rows(
      "SELECT state, count(*) FROM journal_orders GROUP BY state", [:]
    ) { row in
      guard let state = OrderState(rawValue: row.string(at: 0) ?? "") else {
        throw OrderJournalError.corruptRow(table: "journal_orders", detail: "state")
      }
      return (state, Int(row.int64(at: 1) ?? 0))
    }
    for (state, count) in found {
      counts[state] = count
    }
    return counts
  }

  /// Returns up to `limit` order numbers in `state`, the most recently changed first.
  package func orderNumbers(in state: OrderState, limit: Int) throws -> [String] {
    try rows(
      """
      SELECT order_number FROM journal_orders WHERE state = :state
      ORDER BY updated_at DESC, rowid DESC LIMIT :limit
      """,
      [":state": .text(state.rawValue), ":limit": .integer(Int64(limit))]
    ) { $0.string(at: 0) ?? "" }
  }

  /// Lists the lines in `review`, by order as received and then by line number.
  package func linesAwaitingReview() throws -> [ReviewLine] {
    try rows(
      """
      SELECT l.order_number, l.line_number, l.inventory_id, l.quantity, g.web_order_id,
        l.reason
      FROM journal_lines l
      JOIN journal_groups g ON g.id = l.group_id
      JOIN journal_orders o ON o.order_number = l.order_number
      WHERE l.state = 'review'
      ORDER BY o.rowid, l.line_number
      """, [:]
    ) { row in
      ReviewLine(
        key: LineKey(
          orderNumber: row.string(at: 0) ?? "", lineNumber: Int(row.int64(at: 1) ?? 0)),
        inventoryId: row.string(at: 2), quantity: row.int64(at: 3).map { Int($0) },
        webOrderId: row.string(at: 4), reason: row.string(at: 5))
    }
  }
}
