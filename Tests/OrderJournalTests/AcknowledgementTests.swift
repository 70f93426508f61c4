import Foundation
import InboxLifecycle
import Testing
import Workspace

@testable import OrderJournal

struct AcknowledgementTests {
  @Test func similarOrderNumbersGetDistinctNames() throws {
    let slash = try AcknowledgementWriter.fileStem(orderNumber: "A/1")
    let underscore = try AcknowledgementWriter.fileStem(orderNumber: "A_1")
    #expect(slash.hasPrefix("A_1-"))
    #expect(underscore.hasPrefix("A_1-"))
    #expect(slash != underscore)
    #expect(try AcknowledgementWriter.fileStem(orderNumber: "../x").hasPrefix("_._x-"))
  }

  @Test func rewriteRaisesRevision() throws {
    let folder = try TemporaryFolder()
    let workspace = Workspace(root: URL(fileURLWithPath: folder.path))
    let journal = try openJournal(folder.file("state.sqlite"))
    let writer = AcknowledgementWriter(workspace: workspace)
    guard case .new(let order) = try journal.receive(order: sampleOrder(), digest: "d1") else {
      Issue.record("expected a new order")
      return
    }
    let urls = try writer.write(order)

    try journal.beginCreate(group: order.groups[0].id)
    try journal.recordWebOrderCreated(group: order.groups[0].id, webOrderId: "W1")
    let first = LineKey(orderNumber: "DWF-100", lineNumber: 1)
    try journal.beginLineAdd(line: first)
    try journal.finishLineAdd(line: first, outcome: .accepted(itemId: "I1"))
    let later = try #require(try journal.snapshot(of: "DWF-100"))
    try writer.write(later)

    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: urls[0])) as? [String: Any])
    #expect(json["revision"] as? Int == later.revision)
    #expect(later.revision > order.revision)
    let lines = try #require(json["lines"] as? [[String: Any]])
    #expect(lines[0]["state"] as? String == "accepted")
    #expect(lines[0]["webOrderId"] as? String == "W1")
    #expect(lines[3]["state"] as? String == "rejected")
    #expect(lines[3]["reason"] as? String == "inventory 4040 not in the snapshot")

    let csv = try String(contentsOf: urls[1], encoding: .utf8)
    let rows = csv.components(separatedBy: "\r\n")
    #expect(
      rows[0]
        == "order_number,revision,updated_at,order_state,line_number,state,inventory_id,"
        + "quantity,web_order_id,reason,last_receipt,last_receipt_message")
    #expect(rows[1].hasPrefix("DWF-100,\(later.revision),"))
    #expect(rows[1].hasSuffix(",open,1,accepted,9001,2,W1,,,"))
    #expect(rows[4].hasSuffix(",4,rejected,4040,1,,inventory 4040 not in the snapshot,,"))
  }

  @Test func rejectedFilesKeepApartSameSafeName() throws {
    let folder = try TemporaryFolder()
    let writer = AcknowledgementWriter(
      workspace: Workspace(root: URL(fileURLWithPath: folder.path)))
    let first = [FileRejection.Problem(location: "row 2", message: "first file's problem")]
    let second = [FileRejection.Problem(location: "row 3", message: "second file's problem")]

    let spaced = try writer.writeRejectedFile(fileName: "x y.csv", errors: first)
    let underscored = try writer.writeRejectedFile(fileName: "x_y.csv", errors: second)

    #expect(spaced != underscored)
    #expect(try String(contentsOf: spaced, encoding: .utf8).contains("first file's problem"))
    #expect(
      try String(contentsOf: underscored, encoding: .utf8).contains("second file's problem"))
  }

  @Test func rejectedFileListsErrors() throws {
    let folder = try TemporaryFolder()
    let writer = AcknowledgementWriter(
      workspace: Workspace(root: URL(fileURLWithPath: folder.path)))
    let problems = [
      FileRejection.Problem(location: nil, message: "missing header ship_date"),
      FileRejection.Problem(location: "row 3", message: "invalid quantity \"x\""),
    ]

    let url = try writer.writeRejectedFile(fileName: "orders 1.csv", errors: problems)
    #expect(url.lastPathComponent == "orders_1.csv-\(try hashPrefix("orders 1.csv")).rejected.json")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    #expect(json["fileName"] as? String == "orders 1.csv")
    let errors = try #require(json["errors"] as? [[String: Any]])
    #expect(errors.count == 2)
    #expect(errors[1]["location"] as? String == "row 3")
  }
}

struct ReconciliationTests {
  @Test(arguments: [
    (["I1"], ["I1"], ReconciliationVerdict.notLanded),
    (["I1", "I2"], ["I1"], .landed(itemId: "I2")),
    (["I1", "I2"], [nil], .landed(itemId: nil)),
    ([], [], .notLanded),
    (["I7"], [], .landed(itemId: "I7")),
  ] as [([String], [String?], ReconciliationVerdict)])
  func countSettlesLine(held: [String], landed: [String?], expected: ReconciliationVerdict) {
    #expect(Reconciliation.decide(heldItemIds: held, landedItemIds: landed) == expected)
  }

  @Test func extraItemsGoToReview() {
    let verdict = Reconciliation.decide(heldItemIds: ["I1", "I2", "I3"], landedItemIds: ["I1"])
    let reason = "web order holds 3 items but 1 lines are journaled as landed"
    #expect(verdict == .review(reason: reason))
  }

  @Test func missingItemGoesToReview() {
    let verdict = Reconciliation.decide(heldItemIds: ["I2", "I3"], landedItemIds: ["I1"])
    #expect(verdict == .review(reason: "web order no longer holds items I1"))
  }
}

struct FeeEstimateTests {
  static let cases: [(String, Int, Int, String, String, String)] = [
    // name, boxes, units per box, unit price, rate, fee
    ("one box", 1, 100, "0.50", "0.015", "0.75"),
    ("half a cent rounds up", 1, 1, "0.50", "0.01", "0.01"),
    ("below half a cent", 1, 1, "0.49", "0.01", "0"),
    ("rate given", 3, 25, "1.10", "0.02", "1.65"),
  ]

  @Test(arguments: cases)
  func estimateRoundsHalfUp(
    name: String, boxes: Int, units: Int, price: String, rate: String, fee: String
  ) throws {
    let line = FeeEstimate.Line(
      boxes: boxes, unitsPerBox: units, unitPrice: try #require(Decimal(string: price)),
      origin: .onHand)
    let estimate = FeeEstimate.estimate(lines: [line], rate: try #require(Decimal(string: rate)))
    #expect(estimate.fee == Decimal(string: fee), "\(name)")
  }

  @Test func onHandOnlySkipsFuture() throws {
    let lines = [
      FeeEstimate.Line(
        boxes: 2, unitsPerBox: 50, unitPrice: try #require(Decimal(string: "0.40")),
        origin: .onHand),
      FeeEstimate.Line(
        boxes: 1, unitsPerBox: 10, unitPrice: try #require(Decimal(string: "2.00")),
        origin: .future),
    ]
    let rate = try #require(Decimal(string: "0.015"))
    let all = FeeEstimate.estimate(lines: lines, rate: rate)
    let onHand = FeeEstimate.estimate(lines: lines, rate: rate, onHandOnly: true)
    #expect(all.invoiceAmount == Decimal(60))
    #expect(all.fee == Decimal(string: "0.90"))
    #expect(onHand.invoiceAmount == Decimal(40))
    #expect(onHand.fee == Decimal(string: "0.60"))
  }
}

@Suite("Acknowledgement CSV fields")
struct AcknowledgementFieldTests {
  @Test(arguments: [
    ("plain", "plain"),
    ("a,b", "\"a,b\""),
    ("say \"hi\"", "\"say \"\"hi\"\"\""),
    ("esc\u{1B}[2J", "esc\\u001B[2J"),
    ("two\nlines", "two\\u000Alines"),
  ])
  func fieldsQuotedAndEscaped(field: String, expected: String) {
    #expect(AcknowledgementDocument.quoted(field) == expected)
  }
}

/// Returns the first 16 hex digits of the SHA-256 of `text`, as rejection and ack names use.
private func hashPrefix(_ text: String) throws -> String {
  String(try SHA256.hex(of: Data(text.utf8)).prefix(16))
}
