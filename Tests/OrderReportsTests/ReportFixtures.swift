import Foundation
import Inventory
import OrderJournal
import StateStore
import Testing
import Workspace

/// A workspace in a new temporary folder with a migrated state database and its journal,
/// removed with everything in it when the object is released.
final class ReportWorkspace {
  let workspace: Workspace
  let journal: OrderJournal

  init() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("order-reports-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    workspace = Workspace(root: root)
    let database = try StateSchema.open(workspace: root.path)
    let clock = SteppingClock()
    journal = OrderJournal(database: database, now: { clock.next() })
  }

  deinit {
    journal.database.close()
    try? FileManager.default.removeItem(at: workspace.root)
  }

  var reportsFolder: URL { workspace.outbox.appendingPathComponent("reports") }

  /// Journals `order` and returns its snapshot.
  @discardableResult
  func receive(_ order: ReceivedOrder) throws -> OrderSnapshot {
    guard case .new(let snapshot) = try journal.receive(order: order, digest: order.orderNumber)
    else {
      Issue.record("order \(order.orderNumber) was not new")
      throw FixtureError.notNew
    }
    return snapshot
  }

  /// Creates the group of `origin` with web order `webOrderId`, after `unknownAttempts`
  /// creates whose outcome was unknown.
  func create(
    _ orderNumber: String, origin: InventoryOrigin, webOrderId: String, unknownAttempts: Int = 0
  ) throws {
    let group = try #require(
      try journal.snapshot(of: orderNumber)?.groups.first { $0.origin == origin })
    for _ in 0..<unknownAttempts {
      try journal.beginCreate(group: group.id)
      try journal.finishCreate(group: group.id, outcome: .unknown(reason: "timed out"))
    }
    try journal.beginCreate(group: group.id)
    try journal.finishCreate(group: group.id, outcome: .created(webOrderId: webOrderId))
  }

  /// Sends line `line` of `orderNumber` through an add that ends with `outcome`.
  func add(_ orderNumber: String, line: Int, outcome: AddOutcome) throws {
    let key = LineKey(orderNumber: orderNumber, lineNumber: line)
    try journal.beginLineAdd(line: key)
    try journal.finishLineAdd(line: key, outcome: outcome)
  }

  /// Leaves line `line` in review after an add of unknown outcome and a failed details call.
  func sendToReview(_ orderNumber: String, line: Int, reason: String) throws {
    try add(orderNumber, line: line, outcome: .unknown(reason: "connection closed"))
    try journal.settleReconciliation(
      line: LineKey(orderNumber: orderNumber, lineNumber: line), verdict: .review(reason: reason))
  }

  func snapshot(_ orderNumber: String) throws -> OrderSnapshot {
    try #require(try journal.snapshot(of: orderNumber))
  }

  /// Returns the names in `folder`, sorted, hidden names included.
  func names(in folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
  }
}

enum FixtureError: Error {
  case notNew
}

/// A clock that moves one second on every reading.
final class SteppingClock: @unchecked Sendable {
  // Only the test's own thread reads it, so the counter needs no lock.
  private var seconds: TimeInterval = 1_780_000_000

  func next() -> Date {
    seconds += 1
    return Date(timeIntervalSince1970: seconds)
  }
}

func decimal(_ text: String) -> Decimal {
  Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
}

func line(
  _ number: Int, _ inventoryId: String, _ origin: InventoryOrigin, boxes: Int, price: String,
  unitsPerBox: Int?, rejection: String? = nil
) -> ReceivedLine {
  ReceivedLine(
    lineNumber: number, inventoryId: inventoryId, origin: origin, quantity: boxes,
    unitPrice: decimal(price), rejection: rejection, unitsPerBox: unitsPerBox)
}

/// Returns the order of the mixed tests: two on-hand lines accepted (one without units per box), one
/// future line accepted, one rejected by validation, one waiting on the quota and one in
/// review. The on-hand group's create was repeated after an unknown outcome.
func mixedOrder(number: String = "DWF-7") -> ReceivedOrder {
  ReceivedOrder(
    orderNumber: number, shipDate: "2030-05-01", locationId: "7", customerPO: "PO 55",
    sourceFile: "orders-1.csv",
    lines: [
      line(1, "9001", .onHand, boxes: 3, price: "0.45", unitsPerBox: 25),
      line(2, "9002", .future, boxes: 2, price: "1.10", unitsPerBox: 10),
      line(3, "9003", .onHand, boxes: 1, price: "2.00", unitsPerBox: nil),
      line(
        4, "4040", .onHand, boxes: 1, price: "0.99", unitsPerBox: 12,
        rejection: "inventory 4040 not in the snapshot"),
      line(5, "9005", .onHand, boxes: 4, price: "0.50", unitsPerBox: 10),
      line(6, "9006", .onHand, boxes: 2, price: "0.75", unitsPerBox: 20),
    ])
}

let detailsFailure = "web-order-details.list failed: HTTP 500"

/// Journals `mixedOrder` and carries it to the states its comment lists.
@discardableResult
func placeMixedOrder(_ scratch: ReportWorkspace, number: String = "DWF-7") throws
  -> OrderSnapshot
{
  try scratch.receive(mixedOrder(number: number))
  try scratch.create(number, origin: .onHand, webOrderId: "W-OH", unknownAttempts: 1)
  try scratch.create(number, origin: .future, webOrderId: "W-FS")
  try scratch.add(number, line: 1, outcome: .accepted(itemId: "I1"))
  try scratch.add(number, line: 2, outcome: .accepted(itemId: "I2"))
  try scratch.add(number, line: 3, outcome: .accepted(itemId: "I3"))
  try scratch.add(number, line: 5, outcome: .quotaExhausted)
  try scratch.sendToReview(number, line: 6, reason: detailsFailure)
  return try scratch.snapshot(number)
}
