import Foundation
import Intake
import OrderIntake
import OrderJournal
import Testing

/// Orders and cancellations that come in reverse order or in one file.
@Suite struct CancellationOrderTests {
  /// Takes the order file `name` with `text` and returns the file's summary, or nil when the
  /// file was not processed.
  private func take(
    _ fixture: OrderIntakeFixture, _ processor: OrderFileProcessor, _ name: String,
    _ text: String
  ) throws -> String? {
    let path = try fixture.dropOrderFile(name, text)
    let decision = processor.takeOrderFile(try fixture.taken(path))
    guard case .done(.processed(_, _, let summary)) = decision else {
      Issue.record("expected processed, got \(decision)")
      return nil
    }
    return summary
  }

  @Test func cancellationBeforeOrderIsKept() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()

    let summary = try take(fixture, fixture.makeProcessor(), "c.csv", OrderSamples.cancelCSV)

    #expect(summary == "1 cancelled")
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.state == .cancelled)
    #expect(order.lines.isEmpty)
    #expect(order.acknowledgedRevision == order.revision)
    let ack = try fixture.acknowledgement("DWF-1")
    #expect(ack["orderState"] as? String == "cancelled")
    #expect(ack["revision"] as? Int == 1)
    #expect((ack["reason"] as? String)?.contains("no order DWF-1 was received yet") == true)
    let receipt = ack["lastReceipt"] as? [String: Any]
    #expect(receipt?["outcome"] as? String == "cancellationBeforeOrder")
    #expect(try fixture.acknowledgementCSV("DWF-1").contains("was received yet"))
  }

  @Test func cancellationFileReadAgainKeepsCorrectedOrder() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let processor = fixture.makeProcessor()
    _ = try take(fixture, processor, "orders-1.csv", OrderSamples.mixedCSV)
    _ = try take(fixture, processor, "cancel-1.csv", OrderSamples.cancelCSV)
    let corrected = OrderSamples.mixedCSV.replacingOccurrences(of: "OH,2,0.45", with: "OH,1,0.45")
    #expect(try take(fixture, processor, "orders-2.csv", corrected) == "1 replaced")

    // DWF's SFTP client uploads the cancellation file again, byte for byte.
    let summary = try take(fixture, processor, "cancel-1.csv", OrderSamples.cancelCSV)

    #expect(summary == "1 duplicate")
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.state == .open)
    #expect(order.lines.map(\.state) == [.received, .received])
    #expect(order.lines.first?.quantity == 1)
    let receipt = try fixture.acknowledgement("DWF-1")["lastReceipt"] as? [String: Any]
    #expect(receipt?["outcome"] as? String == "duplicate")
  }

  @Test func orderAfterItsCancellationIsNotPlaced() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let processor = fixture.makeProcessor()
    _ = try take(fixture, processor, "cancel-1.csv", OrderSamples.cancelCSV)

    let summary = try take(fixture, processor, "orders-1.csv", OrderSamples.mixedCSV)

    #expect(summary == "1 cancelled")
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.state == .cancelled)
    #expect(order.lines.map(\.state) == [.cancelled, .cancelled])
    #expect(order.sourceFile == "orders-1.csv")
    #expect(try fixture.journal.pendingCalls(of: "DWF-1").isEmpty)
    let ack = try fixture.acknowledgement("DWF-1")
    #expect(ack["orderState"] as? String == "cancelled")
    #expect(OrderIntakeFixture.lines(ack).map(\.1) == ["cancelled", "cancelled"])
    let receipt = ack["lastReceipt"] as? [String: Any]
    #expect(receipt?["outcome"] as? String == "orderAfterCancellation")
    #expect((receipt?["message"] as? String)?.contains("cancelled before it was received") == true)
  }

  @Test func sameOrderAgainAfterCancellationIsDuplicate() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let processor = fixture.makeProcessor()
    _ = try take(fixture, processor, "cancel-1.csv", OrderSamples.cancelCSV)
    _ = try take(fixture, processor, "orders-1.csv", OrderSamples.mixedCSV)

    let summary = try take(fixture, processor, "orders-1-again.csv", OrderSamples.mixedCSV)

    #expect(summary == "1 duplicate")
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.lines.map(\.state) == [.cancelled, .cancelled])
    #expect(order.state == .cancelled)
  }

  @Test func orderThenCancellationInOneFile() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let json = """
      {"formatVersion": 1, "orders": [
        {"orderNumber": "JJ-1", "shipDate": "2026-05-02", "lines": [
          {"inventoryId": "5100001", "origin": "OH", "quantity": 1, "unitPrice": "0.45"}]},
        {"orderNumber": "JJ-1", "action": "cancel"}]}
      """

    let summary = try take(fixture, fixture.makeProcessor(), "jj.json", json)

    #expect(summary == "1 cancelled, 1 new")
    let order = try #require(try fixture.journal.snapshot(of: "JJ-1"))
    #expect(order.state == .cancelled)
    #expect(order.lines.map(\.state) == [.cancelled])
    #expect(try fixture.journal.pendingCalls(of: "JJ-1").isEmpty)
    let ack = try fixture.acknowledgement("JJ-1")
    #expect(ack["orderState"] as? String == "cancelled")
    let receipt = ack["lastReceipt"] as? [String: Any]
    #expect(receipt?["outcome"] as? String == "cancellation")
    #expect(receipt?["message"] == nil)
  }

  @Test func cancellationThenOrderInOneFile() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let json = """
      {"formatVersion": 1, "orders": [
        {"orderNumber": "JJ-2", "action": "cancel"},
        {"orderNumber": "JJ-2", "shipDate": "2026-05-02", "lines": [
          {"inventoryId": "5100001", "origin": "OH", "quantity": 1, "unitPrice": "0.45"}]}]}
      """

    let summary = try take(fixture, fixture.makeProcessor(), "jj.json", json)

    #expect(summary == "2 cancelled")
    let order = try #require(try fixture.journal.snapshot(of: "JJ-2"))
    #expect(order.state == .cancelled)
    #expect(order.lines.map(\.state) == [.cancelled])
  }

  @Test func twoOrdersUnderOneNumberStillRejectTheSecond() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let json = """
      {"formatVersion": 1, "orders": [
        {"orderNumber": "JJ-3", "shipDate": "2026-05-02", "lines": [
          {"inventoryId": "5100001", "origin": "OH", "quantity": 1, "unitPrice": "0.45"}]},
        {"orderNumber": "JJ-3", "shipDate": "2026-05-02", "lines": [
          {"inventoryId": "5100001", "origin": "OH", "quantity": 2, "unitPrice": "0.45"}]}]}
      """

    let summary = try take(fixture, fixture.makeProcessor(), "jj.json", json)

    #expect(summary == "1 conflict, 1 new")
    let order = try #require(try fixture.journal.snapshot(of: "JJ-3"))
    #expect(order.lines.map(\.quantity) == [1])
  }

  @Test func csvCancellationAmongLinesRejectsEveryLine() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let csv = OrderSamples.header + "CX-1,1,2026-05-02,,,5100001,OH,1,0.45,,\n"
      + "CX-1,,,,,,,,,,cancel\n"

    let summary = try take(fixture, fixture.makeProcessor(), "cx.csv", csv)

    #expect(summary == "1 new")
    let order = try #require(try fixture.journal.snapshot(of: "CX-1"))
    #expect(order.lines.map(\.state) == [.rejected])
    #expect(order.lines[0].reason?.contains("a cancellation (row 3)") == true)
    let ack = try fixture.acknowledgement("CX-1")
    #expect(OrderIntakeFixture.lines(ack).map(\.1) == ["rejected"])
  }
}
