import Foundation
import Inventory
import StateStore

extension OrderJournal {
  /// Runs one statement with named parameters.
  func execute(_ sql: String, _ values: [String: SQLiteValue]) throws {
    let statement = try database.prepare(sql)
    defer { statement.finalize() }
    for (name, value) in values {
      try statement.bind(value, named: name)
    }
    _ = try statement.step()
  }

  /// Returns the first column of the first row as an integer, or nil when there is no row.
  func integer(_ sql: String, _ values: [String: SQLiteValue]) throws -> Int64? {
    let statement = try database.prepare(sql)
    defer { statement.finalize() }
    for (name, value) in values {
      try statement.bind(value, named: name)
    }
    guard try statement.step() else { return nil }
    return statement.int64(at: 0)
  }

  /// Runs a query and returns each row through `read`.
  func rows<Row>(
    _ sql: String, _ values: [String: SQLiteValue], read: (Statement) throws -> Row
  ) throws -> [Row] {
    let statement = try database.prepare(sql)
    defer { statement.finalize() }
    for (name, value) in values {
      try statement.bind(value, named: name)
    }
    var result: [Row] = []
    while try statement.step() {
      result.append(try read(statement))
    }
    return result
  }

  func storedDigest(of orderNumber: String) throws -> String? {
    try rows(
      "SELECT content_digest FROM journal_orders WHERE order_number = :order",
      [":order": .text(orderNumber)]
    ) { $0.string(at: 0) ?? "" }.first
  }

  /// Raises the order's revision, sets `updatedAt` and recomputes its state.
  func touch(_ orderNumber: String) throws {
    try execute(
      """
      UPDATE journal_orders SET revision = revision + 1, updated_at = :time
      WHERE order_number = :order
      """, [":order": .text(orderNumber), ":time": .text(Self.timeText(now()))])
    try refreshState(orderNumber)
  }

  /// Recomputes the order's state from its lines. A cancelled order is `cancelled` unless a
  /// line of it is in review, because Komet rejected deleting its web order, or was settled
  /// as kept in Komet (`accepted`). So no acknowledgement shows a live line as cancelled.
  func refreshState(_ orderNumber: String) throws {
    try execute(
      """
      UPDATE journal_orders SET state = CASE
        WHEN cancelled_at IS NOT NULL THEN CASE
          WHEN EXISTS (SELECT 1 FROM journal_lines l WHERE l.order_number = :order
            AND l.state = 'review') THEN 'review'
          WHEN EXISTS (SELECT 1 FROM journal_lines l WHERE l.order_number = :order
            AND l.state = 'accepted') THEN 'settled'
          ELSE 'cancelled' END
        WHEN EXISTS (SELECT 1 FROM journal_lines l WHERE l.order_number = :order
          AND l.state IN ('received', 'adding')) THEN 'open'
        WHEN EXISTS (SELECT 1 FROM journal_lines l WHERE l.order_number = :order
          AND l.state = 'review') THEN 'review'
        WHEN EXISTS (SELECT 1 FROM journal_lines l WHERE l.order_number = :order
          AND l.state = 'waiting') THEN 'open'
        ELSE 'settled' END
      WHERE order_number = :order
      """, [":order": .text(orderNumber)])
  }

  func setLine(_ key: LineKey, state: LineState, reason: String?) throws {
    try execute(
      """
      UPDATE journal_lines SET state = :state, reason = :reason
      WHERE order_number = :order AND line_number = :line
      """,
      [
        ":order": .text(key.orderNumber), ":line": .integer(Int64(key.lineNumber)),
        ":state": .text(state.rawValue), ":reason": Self.optional(reason),
      ])
  }

  func logStep(
    _ orderNumber: String, group: Int64? = nil, line: Int? = nil, method: String,
    phase: String, outcome: String? = nil
  ) throws {
    try execute(
      """
      INSERT INTO journal_steps (order_number, group_id, line_number, method, phase, outcome,
        recorded_at)
      VALUES (:order, :group, :line, :method, :phase, :outcome, :time)
      """,
      [
        ":order": .text(orderNumber), ":group": group.map { .integer($0) } ?? .null,
        ":line": line.map { .integer(Int64($0)) } ?? .null, ":method": .text(method),
        ":phase": .text(phase), ":outcome": Self.optional(outcome),
        ":time": .text(Self.timeText(now())),
      ])
  }

  // MARK: Values

  static func optional(_ text: String?) -> SQLiteValue {
    text.map { .text($0) } ?? .null
  }

  /// Writes a price as plain decimal text, such as `0.45`, so no digit is lost.
  static func decimalText(_ value: Decimal) -> String {
    var copy = value
    return NSDecimalString(&copy, Locale(identifier: "en_US_POSIX"))
  }

  static func decimal(from text: String?) -> Decimal? {
    text.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
  }

  /// The journal's time format: UTC with milliseconds, as the other tables write times. A
  /// format style is a value, so one is shared instead of a formatter made per time read,
  /// which cost most of a placement pass over a large journal.
  private static let timeStyle = Date.ISO8601FormatStyle(
    includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)

  /// Formats a time in UTC with milliseconds.
  static func timeText(_ date: Date) -> String {
    date.formatted(timeStyle)
  }

  static func date(from text: String?) -> Date? {
    text.flatMap { try? timeStyle.parse($0) }
  }
}
