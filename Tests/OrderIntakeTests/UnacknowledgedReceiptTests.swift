import Foundation
import Intake
import OrderIntake
import OrderJournal
import Testing

/// A file whose orders were journaled while their acknowledgements could not be written.
@Suite struct UnacknowledgedReceiptTests {
  /// Puts a regular file where `outbox/dwf/acks/` belongs, so no acknowledgement can be
  /// written, and returns its URL.
  private func blockAcknowledgements(_ fixture: OrderIntakeFixture) throws -> URL {
    let acks = fixture.workspace.dwfOutbox.appendingPathComponent("acks")
    try Data("not a folder".utf8).write(to: acks)
    return acks
  }

  @Test func failedAcknowledgementIsLoggedAsJournaled() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    _ = try blockAcknowledgements(fixture)
    let path = try fixture.dropOrderFile("ro.csv", OrderSamples.mixedCSV)

    let decision = fixture.makeProcessor().takeOrderFile(try fixture.taken(path))

    guard case .done(.notTaken(_, let reason)) = decision else {
      Issue.record("expected notTaken, got \(decision)")
      return
    }
    #expect(reason.contains("order DWF-1 is journaled"))
    #expect(reason.contains("retried on the next pass"))
    #expect(FileManager.default.fileExists(atPath: path))
    let record = try #require(
      fixture.logs.records.first { $0.message.hasPrefix("Order journaled, but") })
    #expect(record.metadata["order.number"] == "DWF-1")
    #expect(!fixture.messages().contains { $0.contains("not journaled") })
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.acknowledgedRevision == 0)
  }

  @Test func retakeAfterFailedAcknowledgementIsFirstReceipt() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let acks = try blockAcknowledgements(fixture)
    let path = try fixture.dropOrderFile("ro.csv", OrderSamples.mixedCSV)
    _ = fixture.makeProcessor().takeOrderFile(try fixture.taken(path))
    try FileManager.default.removeItem(at: acks)

    let decision = fixture.makeProcessor().takeOrderFile(try fixture.taken(path))

    guard case .done(.processed(_, _, let summary)) = decision else {
      Issue.record("expected processed, got \(decision)")
      return
    }
    #expect(summary == "1 new")
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.duplicateReceipts == 0)
    #expect(order.acknowledgedRevision == order.revision)
    let ack = try fixture.acknowledgement("DWF-1")
    #expect(ack["duplicateReceipts"] as? Int == 0)
    let receipt = ack["lastReceipt"] as? [String: Any]
    #expect(receipt?["outcome"] as? String == "new")
    #expect(receipt?["sourceFile"] as? String == "ro.csv")
  }

  @Test func sameContentFromAnotherFileIsDuplicate() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let acks = try blockAcknowledgements(fixture)
    let path = try fixture.dropOrderFile("ro.csv", OrderSamples.mixedCSV)
    _ = fixture.makeProcessor().takeOrderFile(try fixture.taken(path))
    try FileManager.default.removeItem(at: acks)
    try FileManager.default.removeItem(atPath: path)

    let other = try fixture.dropOrderFile("ro-again.csv", OrderSamples.mixedCSV)
    let decision = fixture.makeProcessor().takeOrderFile(try fixture.taken(other))

    guard case .done(.processed(_, _, let summary)) = decision else {
      Issue.record("expected processed, got \(decision)")
      return
    }
    #expect(summary == "1 duplicate")
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.duplicateReceipts == 1)
  }

  @Test func retakeOfKeptCancellationKeepsItsReason() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let acks = try blockAcknowledgements(fixture)
    let path = try fixture.dropOrderFile("c.csv", OrderSamples.cancelCSV)
    _ = fixture.makeProcessor().takeOrderFile(try fixture.taken(path))
    try FileManager.default.removeItem(at: acks)

    let decision = fixture.makeProcessor().takeOrderFile(try fixture.taken(path))

    guard case .done(.processed(_, _, let summary)) = decision else {
      Issue.record("expected processed, got \(decision)")
      return
    }
    #expect(summary == "1 cancelled")
    let ack = try fixture.acknowledgement("DWF-1")
    let receipt = ack["lastReceipt"] as? [String: Any]
    #expect(receipt?["outcome"] as? String == "cancellationBeforeOrder")
    #expect((ack["reason"] as? String)?.contains("was received yet") == true)
  }
}
