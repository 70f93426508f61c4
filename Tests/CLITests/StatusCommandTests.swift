import Foundation
import Inventory
import OrderJournal
import StateStore
import Testing

@testable import CLI

struct StatusCommandTests {
  private func workspace() throws -> ScratchFolder {
    let scratch = try ScratchFolder()
    #expect(runKometDWF(["init", scratch.url.path]).status == 0)
    return scratch
  }

  private func writeLatest(_ scratch: ScratchFolder, asOf: Date, stale: Bool) throws {
    let folder = scratch.url.appendingPathComponent("outbox/dwf/inventory")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let text = """
      {"sequence": 12, "asOf": "\(asOf.formatted(.iso8601))", "itemCount": 40,
       "stale": \(stale), "updatedAt": "\(asOf.formatted(.iso8601))",
       "manifest": "manifest-20260101T000000Z.json"}
      """
    try Data(text.utf8).write(to: folder.appendingPathComponent("latest.json"))
  }

  @Test func missingDropFailsCheck() throws {
    let scratch = try workspace()
    let plain = runKometDWF(["status", "--workspace", scratch.url.path])
    #expect(plain.status == 0)
    #expect(plain.output.contains("Inventory drop: no drop yet"))

    let check = runKometDWF(["status", "--workspace", scratch.url.path, "--check"])
    #expect(check.status == 1)
    #expect(check.error.contains("needs attention: no inventory drop yet"))
  }

  @Test func freshDropPassesCheck() throws {
    let scratch = try workspace()
    try writeLatest(scratch, asOf: Date().addingTimeInterval(-120), stale: false)

    let check = runKometDWF(["status", "--workspace", scratch.url.path, "--check"])
    #expect(check.status == 0, "\(check.error)")
    #expect(check.output.contains("Inventory drop: sequence 12, 40 items"))
    #expect(check.output.contains("2 minutes ago"))
    #expect(check.output.contains("0 of 1000 shared (company 0, customer 0, user 0)"))
    #expect(check.output.contains("reserved for orders: 200"))
  }

  @Test(arguments: [(-120.0, true), (-3_600.0, false)])
  func staleDropFailsCheck(offset: TimeInterval, markedStale: Bool) throws {
    let scratch = try workspace()
    try writeLatest(scratch, asOf: Date().addingTimeInterval(offset), stale: markedStale)

    let check = runKometDWF(["status", "--workspace", scratch.url.path, "--check"])
    #expect(check.status == 1)
    #expect(check.error.contains("the inventory drop is stale"))
  }

  @Test func failedAndWaitingFilesListed() throws {
    let scratch = try workspace()
    try writeLatest(scratch, asOf: Date(), stale: false)
    try FileManager.default.createDirectory(
      at: scratch.url.appendingPathComponent("inbox/failed"), withIntermediateDirectories: true)
    _ = try scratch.write("x", to: "inbox/failed/notes.txt")
    _ = try scratch.write(
      "notes.txt is not a Komet export.\nDrop a customers export.",
      to: "inbox/failed/notes.txt.error.txt")
    _ = try scratch.write("a,b", to: "inbox/customers.csv")
    _ = try scratch.write("{}", to: "inbox/dwf/orders.json")

    let check = runKometDWF(["status", "--workspace", scratch.url.path, "--check"])
    #expect(check.status == 1)
    #expect(check.output.contains("notes.txt: notes.txt is not a Komet export."))
    #expect(check.output.contains("  customers.csv\n  dwf/orders.json\n"))
    #expect(check.error.contains("1 file(s) in inbox/failed/ need a fix"))
  }

  @Test func waitingRequestFailsCheckInJSON() throws {
    let scratch = try workspace()
    try writeLatest(scratch, asOf: Date(), stale: false)
    let clean = runKometDWF(["status", "--workspace", scratch.url.path, "--json", "--check"])
    #expect(clean.status == 0, "\(clean.output)")

    let queue = ChangeRequests(database: try StateSchema.open(workspace: scratch.url.path))
    let request = try queue.enqueue(kind: "touch", orderNumber: "PO-3")
    let queued = runKometDWF(["status", "--workspace", scratch.url.path, "--json", "--check"])
    #expect(queued.status == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(queued.output.utf8)) as? [String: Any])
    #expect((object["problems"] as? [String]) == ["1 change request(s) wait for the pipeline"])
    let requests = try #require(object["changeRequests"] as? [[String: Any]])
    #expect(requests.first?["id"] as? Int64 == request.id)
    #expect(requests.first?["state"] as? String == "queued")
  }

  /// Journals three orders: DWF-1 settled, DWF-2 with line 2 in review after a failed
  /// details call, and DWF-3 cancelled.
  private func journalOrders(_ scratch: ScratchFolder) throws {
    let journal = OrderJournal(database: try StateSchema.open(workspace: scratch.url.path))
    defer { journal.database.close() }
    for number in ["DWF-1", "DWF-2", "DWF-3"] {
      let lines = (1...2).map {
        ReceivedLine(
          lineNumber: $0, inventoryId: "900\($0)", origin: .onHand, quantity: 1,
          unitPrice: Decimal(string: "0.45"), unitsPerBox: 25)
      }
      let order = ReceivedOrder(
        orderNumber: number, shipDate: "2030-05-01", sourceFile: "orders.csv", lines: lines)
      _ = try journal.receive(order: order, digest: number)
      let group = try #require(try journal.snapshot(of: number)?.groups.first)
      try journal.beginCreate(group: group.id)
      try journal.recordWebOrderCreated(group: group.id, webOrderId: "W-\(number)")
      for line in 1...2 {
        let key = LineKey(orderNumber: number, lineNumber: line)
        try journal.beginLineAdd(line: key)
        let isUnknown = number == "DWF-2" && line == 2
        try journal.finishLineAdd(
          line: key, outcome: isUnknown ? .unknown(reason: "timed out") : .accepted(itemId: nil))
      }
    }
    try journal.settleReconciliation(
      line: LineKey(orderNumber: "DWF-2", lineNumber: 2),
      verdict: .review(reason: "web-order-details.list failed: HTTP 500"))
    try journal.cancel(orderNumber: "DWF-3")
  }

  @Test func reviewLineListedAndFailsCheck() throws {
    let scratch = try workspace()
    try writeLatest(scratch, asOf: Date(), stale: false)
    let before = runKometDWF(["status", "--workspace", scratch.url.path, "--check"])
    #expect(before.status == 0, "\(before.error)")
    #expect(before.output.contains("Orders: 0 (open 0, review 0, settled 0, cancelled 0)\n"))
    #expect(before.output.contains("Lines awaiting review: 0\n"))

    try journalOrders(scratch)
    let check = runKometDWF(["status", "--workspace", scratch.url.path, "--check"])
    #expect(check.status == 1)
    #expect(check.output.contains("Orders: 3 (open 0, review 1, settled 1, cancelled 1)\n"))
    #expect(check.output.contains("  review, most recent first: DWF-2\n"))
    #expect(check.output.contains("  settled, most recent first: DWF-1\n"))
    #expect(check.output.contains("  cancelled, most recent first: DWF-3\n"))
    #expect(
      check.output.contains(
        "Lines awaiting review: 1\n"
          + "  DWF-2 line 2: web-order-details.list failed: HTTP 500\n"
          + "  Settle each with: komet-dwf review ORDER LINE --added | --not-added\n"))
    #expect(
      check.error.contains(
        "needs attention: 1 order line(s) await review (settle each with komet-dwf review"
          + " ORDER LINE --added or --not-added)"))
  }

  @Test func reviewLineInJSON() throws {
    let scratch = try workspace()
    try writeLatest(scratch, asOf: Date(), stale: false)
    try journalOrders(scratch)

    let result = runKometDWF(["status", "--workspace", scratch.url.path, "--json", "--check"])
    #expect(result.status == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let orders = try #require(object["orders"] as? [String: Int])
    #expect(orders == ["open": 0, "review": 1, "settled": 1, "cancelled": 1])
    let recent = try #require(object["recentOrders"] as? [String: [String]])
    #expect(recent == ["review": ["DWF-2"], "settled": ["DWF-1"], "cancelled": ["DWF-3"]])
    let review = try #require(object["reviewLines"] as? [[String: Any]])
    #expect(review.count == 1)
    #expect(review.first?["orderNumber"] as? String == "DWF-2")
    #expect(review.first?["lineNumber"] as? Int == 2)
    #expect(review.first?["reason"] as? String == "web-order-details.list failed: HTTP 500")
    #expect(review.first?["webOrderId"] as? String == "W-DWF-2")
    #expect(review.first?["inventoryId"] as? String == "9002")
    let problems = try #require(object["problems"] as? [String])
    #expect(problems.count == 1)
    #expect(problems.first?.hasPrefix("1 order line(s) await review") == true)
  }

  @Test func settledReviewPassesCheck() throws {
    let scratch = try workspace()
    try writeLatest(scratch, asOf: Date(), stale: false)
    try journalOrders(scratch)
    let journal = OrderJournal(database: try StateSchema.open(workspace: scratch.url.path))
    try journal.settleReview(line: LineKey(orderNumber: "DWF-2", lineNumber: 2), added: true)
    journal.database.close()

    let check = runKometDWF(["status", "--workspace", scratch.url.path, "--check"])
    #expect(check.status == 0, "\(check.error)")
    #expect(check.output.contains("Orders: 3 (open 0, review 0, settled 2, cancelled 1)\n"))
    #expect(check.output.contains("Lines awaiting review: 0\n"))
  }
}
