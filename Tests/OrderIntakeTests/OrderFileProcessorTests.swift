import Foundation
import InboxLifecycle
import Intake
import OrderIntake
import OrderJournal
import Testing

@Suite struct OrderFileProcessorTests {
  @Test func mixedOrderJournaledAndMoved() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let path = try fixture.dropOrderFile("orders-1.csv", OrderSamples.mixedCSV)

    let decision = fixture.makeProcessor().takeOrderFile(try fixture.taken(path))

    guard case .done(.processed(.orderFile, let destination, let summary)) = decision else {
      Issue.record("expected processed, got \(decision)")
      return
    }
    #expect(summary == "1 new")
    #expect(FileManager.default.fileExists(atPath: destination))
    #expect(!FileManager.default.fileExists(atPath: path))
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.groups.map(\.origin.rawValue).sorted() == ["FS", "OH"])
    #expect(order.lines.map(\.state) == [.received, .received])
    #expect(order.lines.map(\.unitsPerBox) == [25, 10])
    #expect(order.lines.first?.markCode == "MK1")
    #expect(order.customerPO == "PO 7")
    #expect(order.acknowledgedRevision == order.revision)

    let ack = try fixture.acknowledgement("DWF-1")
    #expect(ack["orderState"] as? String == "open")
    #expect(OrderIntakeFixture.lines(ack).map(\.1) == ["received", "received"])
    let receipt = ack["lastReceipt"] as? [String: Any]
    #expect(receipt?["outcome"] as? String == "new")
    #expect(try fixture.acknowledgementCSV("DWF-1").hasPrefix("order_number,revision,"))
  }

  @Test func sameOrderAsJSONIsDuplicate() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let processor = fixture.makeProcessor()
    let csv = try fixture.dropOrderFile("orders-1.csv", OrderSamples.mixedCSV)
    _ = processor.takeOrderFile(try fixture.taken(csv))
    let first = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    try fixture.journal.beginCreate(group: first.groups[0].id)

    let json = try fixture.dropOrderFile("orders-1.json", OrderSamples.mixedJSON)
    let decision = processor.takeOrderFile(try fixture.taken(json))

    guard case .done(.processed(_, _, let summary)) = decision else {
      Issue.record("expected processed, got \(decision)")
      return
    }
    #expect(summary == "1 duplicate")
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.duplicateReceipts == 1)
    #expect(order.lines.map(\.state) == first.lines.map(\.state))
    #expect(order.groups[0].state == .creating)
    let ack = try fixture.acknowledgement("DWF-1")
    let receipt = ack["lastReceipt"] as? [String: Any]
    #expect(receipt?["outcome"] as? String == "duplicate")
    #expect(receipt?["sourceFile"] as? String == "orders-1.json")
    #expect(ack["revision"] as? Int == order.revision)
  }

  @Test func otherContentIsConflict() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let processor = fixture.makeProcessor()
    let first = try fixture.dropOrderFile("a.csv", OrderSamples.mixedCSV)
    _ = processor.takeOrderFile(try fixture.taken(first))
    let stored = try #require(try fixture.journal.snapshot(of: "DWF-1"))

    let changed = OrderSamples.mixedCSV.replacingOccurrences(of: "OH,2,", with: "OH,5,")
    let second = try fixture.dropOrderFile("b.csv", changed)
    let decision = processor.takeOrderFile(try fixture.taken(second))

    guard case .done(.processed(_, _, let summary)) = decision else {
      Issue.record("expected processed, got \(decision)")
      return
    }
    #expect(summary == "1 conflict")
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.contentDigest == stored.contentDigest)
    #expect(order.lines.map(\.quantity) == [2, 3])
    #expect(order.revision > stored.revision)
    let ack = try fixture.acknowledgement("DWF-1")
    let receipt = ack["lastReceipt"] as? [String: Any]
    #expect(receipt?["outcome"] as? String == "conflict")
    #expect(
      receipt?["message"] as? String
        == "order DWF-1 already received; send a cancellation first")
    #expect(OrderIntakeFixture.lines(ack).map(\.1) == ["received", "received"])
    #expect(try fixture.acknowledgementCSV("DWF-1").contains("send a cancellation first"))
  }

  @Test func rejectedOrderReplacedByNewContent() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let processor = fixture.makeProcessor()
    let wrongPrices = OrderSamples.mixedCSV.replacingOccurrences(of: "0.45", with: "0.40")
      .replacingOccurrences(of: "1.20", with: "1.00")
    let first = try fixture.dropOrderFile("a.csv", wrongPrices)
    _ = processor.takeOrderFile(try fixture.taken(first))
    let rejected = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(rejected.lines.map(\.state) == [.rejected, .rejected])

    let second = try fixture.dropOrderFile("b.csv", OrderSamples.mixedCSV)
    let decision = processor.takeOrderFile(try fixture.taken(second))

    guard case .done(.processed(_, _, let summary)) = decision else {
      Issue.record("expected processed, got \(decision)")
      return
    }
    #expect(summary == "1 replaced")
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.lines.map(\.state) == [.received, .received])
    #expect(order.revision > rejected.revision)
  }

  @Test func badAndSoldOutLinesRejected() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let text =
      OrderSamples.header + "DWF-2,1,2026-05-02,,,5100001,OH,2,0.45,,\n"
      + "DWF-2,2,2026-05-02,,,5999999,OH,1,0.45,,\n"
      + "DWF-2,3,2026-05-02,,,5100001,OH,1,0.50,,\n"
      + "DWF-2,4,2026-05-02,,,5100001,OH,x,0.45,,\n"
    let path = try fixture.dropOrderFile("orders-2.csv", text)

    _ = fixture.makeProcessor().takeOrderFile(try fixture.taken(path))

    let lines = OrderIntakeFixture.lines(try fixture.acknowledgement("DWF-2"))
    #expect(lines.map(\.1) == ["received", "rejected", "rejected", "rejected"])
    #expect(lines[1].2?.contains("row 3") == true)
    #expect(lines[1].2?.contains("5999999") == true)
    #expect(lines[2].2?.contains("0.45") == true)
    #expect(lines[3].2?.contains("quantity") == true)
  }

  @Test func allOrNothingRejectsWholeOrder() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let text =
      OrderSamples.header + "DWF-3,1,2026-05-02,,,5100001,OH,2,0.45,,\n"
      + "DWF-3,2,2026-05-02,,,5999999,OH,1,0.45,,\n"
    let path = try fixture.dropOrderFile("orders-3.csv", text)
    let settings = OrderIntakeSettings(allOrNothing: true)

    _ = fixture.makeProcessor(settings).takeOrderFile(try fixture.taken(path))

    let order = try #require(try fixture.journal.snapshot(of: "DWF-3"))
    #expect(order.lines.map(\.state) == [.rejected, .rejected])
    #expect(order.lines[0].reason?.contains("orders.allOrNothing") == true)
  }

  @Test func cancellationCancelsKnownOrder() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let processor = fixture.makeProcessor()
    let order = try fixture.dropOrderFile("a.csv", OrderSamples.mixedCSV)
    _ = processor.takeOrderFile(try fixture.taken(order))

    let cancel = try fixture.dropOrderFile("cancel.csv", OrderSamples.cancelCSV)
    let decision = processor.takeOrderFile(try fixture.taken(cancel))

    guard case .done(.processed(_, _, let summary)) = decision else {
      Issue.record("expected processed, got \(decision)")
      return
    }
    #expect(summary == "1 cancelled")
    let snapshot = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(snapshot.state == .cancelled)
    let ack = try fixture.acknowledgement("DWF-1")
    #expect(ack["orderState"] as? String == "cancelled")
    #expect(OrderIntakeFixture.lines(ack).map(\.1) == ["cancelled", "cancelled"])
  }


  @Test(arguments: [
    ("no-header.csv", "order_number,inventory_id\nDWF-1,5100001\n"),
    ("broken.json", #"{"formatVersion": 1, "orders": [{"orderNumber": }"#),
  ])
  func wholeFileRejected(name: String, text: String) throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let path = try fixture.dropOrderFile(name, text)

    let decision = fixture.makeProcessor().takeOrderFile(try fixture.taken(path))

    guard case .done(.failed(let errorFile, let destination, _)) = decision else {
      Issue.record("expected failed, got \(decision)")
      return
    }
    #expect(FileManager.default.fileExists(atPath: errorFile))
    #expect(FileManager.default.fileExists(atPath: destination))
    let url = fixture.workspace.dwfOutbox.appendingPathComponent(
      "acks/\(try DWFOutboxName.rejection(fileName: name))")
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    let errors = (object as? [String: Any])?["errors"] as? [[String: Any]] ?? []
    #expect(!errors.isEmpty)
    #expect(errors.allSatisfy { ($0["message"] as? String)?.isEmpty == false })
    #expect(try fixture.journal.orderNumbers().isEmpty)
  }

  @Test func goodUploadRemovesEarlierRejection() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let processor = fixture.makeProcessor()
    let bad = try fixture.dropOrderFile("orders.csv", "order_number,inventory_id\nDWF-1,5100001\n")
    _ = processor.takeOrderFile(try fixture.taken(bad))
    let rejection = fixture.workspace.dwfOutbox.appendingPathComponent(
      "acks/\(try DWFOutboxName.rejection(fileName: "orders.csv"))")
    #expect(FileManager.default.fileExists(atPath: rejection.path))

    let good = try fixture.dropOrderFile("orders.csv", OrderSamples.mixedCSV)
    let decision = processor.takeOrderFile(try fixture.taken(good))

    guard case .done(.processed) = decision else {
      Issue.record("expected processed, got \(decision)")
      return
    }
    #expect(!FileManager.default.fileExists(atPath: rejection.path))
  }

  @Test func noSnapshotWaitsWithOneNote() throws {
    let fixture = try OrderIntakeFixture()
    let processor = fixture.makeProcessor()
    let path = try fixture.dropOrderFile("orders-1.csv", OrderSamples.mixedCSV)

    let first = processor.takeOrderFile(try fixture.taken(path))
    let second = processor.takeOrderFile(try fixture.taken(path))

    #expect(first == .wait(reason: OrderFileProcessor.noSnapshotReason))
    #expect(second == first)
    #expect(FileManager.default.fileExists(atPath: path))
    let notes = fixture.messages().filter { $0.contains("first inventory drop") }
    #expect(notes.count == 1)
    #expect(try fixture.journal.orderNumbers().isEmpty)
  }

  @Test func changedSnapshotLeavesFile() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let drop = fixture.workspace.dwfOutbox.appendingPathComponent(
      "inventory/inventory-20260501T095900Z.json")
    try Data(OrderIntakeFixture.dropJSON.replacingOccurrences(of: "0.45", with: "0.05").utf8)
      .write(to: drop)
    let path = try fixture.dropOrderFile("orders-1.csv", OrderSamples.mixedCSV)

    let decision = fixture.makeProcessor().takeOrderFile(try fixture.taken(path))

    guard case .done(.notTaken(_, let reason)) = decision else {
      Issue.record("expected notTaken, got \(decision)")
      return
    }
    #expect(reason.contains("changed after it was written"))
    #expect(FileManager.default.fileExists(atPath: path))
    #expect(try fixture.journal.orderNumbers().isEmpty)
  }

  /// A crash after the journal writes and before the move leaves the file in the inbox with
  /// its orders journaled. Taking it again must change no line.
  @Test func retakeAfterJournalChangesNothing() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let processor = fixture.makeProcessor()
    let path = try fixture.dropOrderFile("orders-1.csv", OrderSamples.mixedCSV)
    _ = processor.takeOrderFile(try fixture.taken(path))
    let first = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    try fixture.dropOrderFile("orders-1.csv", OrderSamples.mixedCSV)

    let decision = fixture.makeProcessor().takeOrderFile(try fixture.taken(path))

    guard case .done(.processed(_, _, let summary)) = decision else {
      Issue.record("expected processed, got \(decision)")
      return
    }
    #expect(summary == "1 duplicate")
    let order = try #require(try fixture.journal.snapshot(of: "DWF-1"))
    #expect(order.lines == first.lines)
    #expect(order.groups == first.groups)
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func dryRunJournalsNothing() throws {
    let fixture = try OrderIntakeFixture()
    try fixture.writeDrop()
    let processor = fixture.makeProcessor(OrderIntakeSettings(dryRun: true))
    let path = try fixture.dropOrderFile("orders-1.csv", OrderSamples.mixedCSV)

    let first = processor.takeOrderFile(try fixture.taken(path))
    let second = processor.takeOrderFile(try fixture.taken(path))

    guard case .wait = first else {
      Issue.record("expected wait, got \(first)")
      return
    }
    #expect(second == first)
    #expect(FileManager.default.fileExists(atPath: path))
    #expect(try fixture.journal.orderNumbers().isEmpty)
    #expect(!fixture.exists("outbox/dwf/acks"))
    let validated = fixture.messages().filter { $0.hasPrefix("Dry run: order validated") }
    #expect(validated.count == 1)
  }
}
