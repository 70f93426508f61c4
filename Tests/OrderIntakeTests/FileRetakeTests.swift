import Foundation
import Intake
import OrderIntake
import OrderJournal
import Testing

/// An order file whose orders were journaled and acknowledged but which was never moved to
/// `inbox/processed/`, as after a crash right before the move, then taken again.
struct FileRetakeTests {
  /// Puts a regular file where the folder `relative` (inside the workspace) belongs, so
  /// writes into it fail, and returns the function that puts the folder back.
  private func block(_ relative: String, in fixture: OrderIntakeFixture) throws
    -> () throws -> Void
  {
    let folder = fixture.root.appendingPathComponent(relative)
    let movedAside = fixture.root.appendingPathComponent("moved-aside-\(UUID().uuidString)")
    let existed = FileManager.default.fileExists(atPath: folder.path)
    if existed {
      try FileManager.default.moveItem(at: folder, to: movedAside)
    }
    try Data("not a folder".utf8).write(to: folder)
    return {
      try FileManager.default.removeItem(at: folder)
      if existed {
        try FileManager.default.moveItem(at: movedAside, to: folder)
      }
    }
  }

  /// Takes the file at `path` and returns the summary of a file moved to `processed/`.
  private func summary(_ fixture: OrderIntakeFixture, _ path: String) throws -> String? {
    let decision = fixture.makeProcessor().takeOrderFile(try fixture.taken(path))
    guard case .done(.processed(_, _, let summary)) = decision else {
      Issue.record("expected processed, got \(decision)")
      return nil
    }
    return summary
  }

  @Test func retakeAfterFailedMoveIsSameDelivery() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let unblock = try block("inbox/processed", in: fixture)
    let path = try fixture.dropOrderFile("orders-1.csv", OrderSamples.mixedCSV)
    let first = fixture.makeProcessor().takeOrderFile(try fixture.taken(path))
    guard case .done(.notTaken) = first else {
      Issue.record("expected notTaken, got \(first)")
      return
    }
    let ackBefore = try fixture.acknowledgement("DWF-1")
    try unblock()

    let summary = try summary(fixture, path)

    #expect(summary == "1 new")
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.duplicateReceipts == 0)
    let ack = try fixture.acknowledgement("DWF-1")
    #expect(ack["duplicateReceipts"] as? Int == 0)
    #expect(ack["revision"] as? Int == ackBefore["revision"] as? Int)
    let receipt = ack["lastReceipt"] as? [String: Any]
    #expect(receipt?["outcome"] as? String == "new")
  }

  @Test func retakenCancellationStaysCancelled() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let orders = try fixture.dropOrderFile("orders-1.csv", OrderSamples.mixedCSV)
    #expect(try summary(fixture, orders) == "1 new")
    let unblock = try block("inbox/processed", in: fixture)
    let cancel = try fixture.dropOrderFile("cancel-1.csv", OrderSamples.cancelCSV)
    _ = fixture.makeProcessor().takeOrderFile(try fixture.taken(cancel))
    try unblock()

    let summary = try summary(fixture, cancel)

    #expect(summary == "1 cancelled")
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.state == .cancelled)
    #expect(order.duplicateReceipts == 0)
    let receipt = try fixture.acknowledgement("DWF-1")["lastReceipt"] as? [String: Any]
    #expect(receipt?["outcome"] as? String == "cancellation")
  }

  @Test func sameFileUploadedAfterMoveIsDuplicate() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let path = try fixture.dropOrderFile("orders-1.csv", OrderSamples.mixedCSV)
    #expect(try summary(fixture, path) == "1 new")

    let again = try fixture.dropOrderFile("orders-1.csv", OrderSamples.mixedCSV)
    let summary = try summary(fixture, again)

    #expect(summary == "1 duplicate")
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.duplicateReceipts == 1)
  }

  @Test func conflictAckWrittenOnRetake() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let orders = try fixture.dropOrderFile("a.csv", OrderSamples.mixedCSV)
    #expect(try summary(fixture, orders) == "1 new")
    let unblock = try block("outbox/dwf/acks", in: fixture)
    let changed = OrderSamples.mixedCSV.replacingOccurrences(of: "OH,2,", with: "OH,5,")
    let conflicting = try fixture.dropOrderFile("b.csv", changed)
    _ = fixture.makeProcessor().takeOrderFile(try fixture.taken(conflicting))
    let afterConflict = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    try unblock()

    let summary = try summary(fixture, conflicting)

    #expect(summary == "1 conflict")
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.revision == afterConflict.revision)
    #expect(order.acknowledgedRevision == order.revision)
    let receipt = try fixture.acknowledgement("DWF-1")["lastReceipt"] as? [String: Any]
    #expect(receipt?["outcome"] as? String == "conflict")
    #expect(receipt?["sourceFile"] as? String == "b.csv")
  }
}
