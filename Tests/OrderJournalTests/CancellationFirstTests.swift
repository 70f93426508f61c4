import Foundation
import Testing
import Workspace

@testable import OrderJournal

/// A cancellation journaled before its order, and the order that comes after it.
struct CancellationFirstTests {
  @Test func keptCancellationHasNoLines() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))

    let keptCancellation = try #require(
      try journal.receiveCancellationFirst(
        orderNumber: "DWF-100", sourceFile: "cancel.csv", digest: "c1"))

    #expect(keptCancellation.state == .cancelled)
    #expect(keptCancellation.lines.isEmpty)
    #expect(keptCancellation.revision == 1)
    #expect(OrderJournal.isCancellationBeforeOrder(keptCancellation))
    #expect(try journal.lastReceipt(of: "DWF-100")?.outcome == .cancellationBeforeOrder)
    #expect(
      try journal.pendingWork() == [.writeAcknowledgement(orderNumber: "DWF-100", revision: 1)])
  }

  @Test func keptCancellationNeedsUnknownNumber() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))
    _ = try journal.receive(order: sampleOrder(), digest: "d1")

    let keptCancellation = try journal.receiveCancellationFirst(
      orderNumber: "DWF-100", sourceFile: "cancel.csv", digest: "c1")

    #expect(keptCancellation == nil)
    let order = try #require(try journal.snapshot(of: "DWF-100"))
    #expect(order.state == .open)
    #expect(order.contentDigest == "d1")
  }

  @Test func orderAfterCancellationIsCancelled() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))
    _ = try journal.receiveCancellationFirst(
      orderNumber: "DWF-100", sourceFile: "cancel.csv", digest: "c1")

    let order = try #require(
      try journal.receiveAfterCancellation(order: sampleOrder(), digest: "d1"))

    #expect(order.state == .cancelled)
    #expect(order.lines.map(\.state) == [.cancelled, .cancelled, .cancelled, .cancelled])
    #expect(order.lines.allSatisfy { $0.reason == nil })
    #expect(order.contentDigest == "d1")
    #expect(order.sourceFile == "orders-1.csv")
    #expect(order.revision == 2)
    #expect(!OrderJournal.isCancellationBeforeOrder(order))
    #expect(try journal.pendingCalls(of: "DWF-100").isEmpty)
    #expect(try journal.ordersNeedingCalls(includingCheckout: true).isEmpty)
    let receipt = try journal.lastReceipt(of: "DWF-100")
    #expect(receipt?.outcome == .orderAfterCancellation)
    #expect(receipt?.sourceFile == "orders-1.csv")
  }

  @Test func orderAfterCancellationNeedsKeptCancellation() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))
    _ = try journal.receive(order: sampleOrder(), digest: "d1")
    try journal.cancel(orderNumber: "DWF-100")

    let changed = try journal.receiveAfterCancellation(order: sampleOrder(), digest: "d2")

    #expect(changed == nil)
    #expect(try journal.snapshot(of: "DWF-100")?.contentDigest == "d1")
  }

  @Test func keptCancellationAcknowledgedWithReason() throws {
    let folder = try TemporaryFolder()
    let workspace = Workspace(root: URL(fileURLWithPath: folder.path))
    let journal = try openJournal(folder.file("state.sqlite"))
    let keptCancellation = try #require(
      try journal.receiveCancellationFirst(
        orderNumber: "DWF-100", sourceFile: "cancel.csv", digest: "c1"))

    let urls = try AcknowledgementWriter(workspace: workspace).write(
      keptCancellation, lastReceipt: try journal.lastReceipt(of: "DWF-100"))

    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: urls[0])) as? [String: Any])
    #expect(json["orderState"] as? String == "cancelled")
    let reason = try #require(json["reason"] as? String)
    #expect(reason.hasPrefix("no order DWF-100 was received yet"))
    let csv = try String(contentsOf: urls[1], encoding: .utf8)
    #expect(csv.contains("cancellationBeforeOrder"))
  }
}
