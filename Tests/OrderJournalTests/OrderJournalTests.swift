import Foundation
import Testing

@testable import OrderJournal

struct OrderJournalTests {
  @Test func receiveStoresGroupsAndLines() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))

    guard case .new(let order) = try journal.receive(order: sampleOrder(), digest: "d1") else {
      Issue.record("expected a new order")
      return
    }
    #expect(order.state == .open)
    #expect(order.revision == 1)
    #expect(order.customerPO == "PO 55")
    #expect(order.groups.map(\.origin) == [.onHand, .future])
    #expect(order.lines.map(\.state) == [.received, .received, .received, .rejected])
    #expect(order.lines[3].reason == "inventory 4040 not in the snapshot")
    #expect(order.lines[0].unitPrice == Decimal(string: "0.45"))
    #expect(order.lines[0].groupId == order.lines[2].groupId)
  }

  @Test func sameDigestIsDuplicate() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))
    _ = try journal.receive(order: sampleOrder(), digest: "d1")

    guard case .duplicate(let order) = try journal.receive(order: sampleOrder(), digest: "d1")
    else {
      Issue.record("expected a duplicate")
      return
    }
    #expect(order.duplicateReceipts == 1)
    #expect(order.lines.count == 4)
    #expect(order.groups.count == 2)
  }

  @Test func otherDigestIsConflict() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))
    _ = try journal.receive(order: sampleOrder(), digest: "d1")

    let outcome = try journal.receive(order: sampleOrder(), digest: "d2")
    #expect(
      outcome == .conflict(orderNumber: "DWF-100", storedDigest: "d1", receivedDigest: "d2"))
    #expect(
      outcome.conflictMessage
        == "order DWF-100 already received; send a cancellation first")
  }

  @Test func repeatedLineNumberStoresNothing() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))
    var order = sampleOrder()
    order.lines[1].lineNumber = 1

    #expect(throws: OrderJournalError.repeatedLineNumber(orderNumber: "DWF-100", lineNumber: 1)) {
      try journal.receive(order: order, digest: "d1")
    }
    #expect(try journal.snapshot(of: "DWF-100") == nil)
  }

  @Test func addBeforeCreateIsRejected() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))
    _ = try journal.receive(order: sampleOrder(), digest: "d1")

    let key = LineKey(orderNumber: "DWF-100", lineNumber: 1)
    #expect(throws: OrderJournalError.self) { try journal.beginLineAdd(line: key) }
    #expect(try journal.lineOrThrow(key).state == .received)
  }

  @Test func pendingWorkStartsWithCreates() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))
    guard case .new(let order) = try journal.receive(order: sampleOrder(), digest: "d1") else {
      Issue.record("expected a new order")
      return
    }

    let work = try journal.pendingWork()
    #expect(
      work == [
        .createWebOrder(group: order.groups[0], isRepeat: false),
        .createWebOrder(group: order.groups[1], isRepeat: false),
        .writeAcknowledgement(orderNumber: "DWF-100", revision: 1),
      ])
  }

  @Test func retryTakesOnlyRejectedOrWaiting() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))
    guard case .new(let order) = try journal.receive(order: sampleOrder(), digest: "d1") else {
      Issue.record("expected a new order")
      return
    }
    let onHand = order.groups[0].id
    try journal.beginCreate(group: onHand)
    try journal.recordWebOrderCreated(group: onHand, webOrderId: "W1")
    let first = LineKey(orderNumber: "DWF-100", lineNumber: 1)
    let third = LineKey(orderNumber: "DWF-100", lineNumber: 3)
    try journal.beginLineAdd(line: first)
    try journal.finishLineAdd(line: first, outcome: .accepted(itemId: "I1"))
    try journal.beginLineAdd(line: third)
    try journal.finishLineAdd(line: third, outcome: .quotaExhausted)

    #expect(throws: OrderJournalError.self) { try journal.retry(line: first) }
    let retried = try journal.retry(orderNumber: "DWF-100")
    #expect(retried.map(\.lineNumber) == [3, 4])

    let after = try #require(try journal.snapshot(of: "DWF-100"))
    #expect(after.lines.map(\.state) == [.accepted, .received, .received, .received])
    #expect(after.lines[0].webOrderId == "W1")
    #expect(after.lines[0].itemId == "I1")
  }

  @Test func reviewSettlesAddedOrNotAdded() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))
    guard case .new(let order) = try journal.receive(order: sampleOrder(), digest: "d1") else {
      Issue.record("expected a new order")
      return
    }
    try journal.beginCreate(group: order.groups[0].id)
    try journal.recordWebOrderCreated(group: order.groups[0].id, webOrderId: "W1")
    let first = LineKey(orderNumber: "DWF-100", lineNumber: 1)
    let third = LineKey(orderNumber: "DWF-100", lineNumber: 3)
    for key in [first, third] {
      try journal.beginLineAdd(line: key)
      try journal.finishLineAdd(line: key, outcome: .unknown(reason: "connection closed"))
      try journal.settleReconciliation(
        line: key, verdict: Reconciliation.detailsFailed("HTTP 500"))
    }
    #expect(try journal.snapshot(of: "DWF-100")?.state == .open)
    #expect(throws: OrderJournalError.self) { try journal.retry(line: first) }

    try journal.settleReview(line: first, added: true)
    try journal.settleReview(line: third, added: false)

    let after = try #require(try journal.snapshot(of: "DWF-100"))
    #expect(after.lines[0].state == .accepted)
    #expect(after.lines[0].webOrderId == "W1")
    #expect(after.lines[2].state == .rejected)
    #expect(after.lines[2].reason == "not added to Komet, settled in review")
  }

  @Test func cancelListsWebOrdersToDelete() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))
    guard case .new(let order) = try journal.receive(order: sampleOrder(), digest: "d1") else {
      Issue.record("expected a new order")
      return
    }
    try journal.beginCreate(group: order.groups[0].id)
    try journal.recordWebOrderCreated(group: order.groups[0].id, webOrderId: "W1")

    let toDelete = try journal.cancel(orderNumber: "DWF-100")
    #expect(toDelete.map(\.webOrderId) == ["W1"])
    let work = try journal.pendingWork()
    #expect(work.count == 2)
    guard case .deleteWebOrder(let group) = work.first else {
      Issue.record("expected a delete first, got \(work)")
      return
    }
    #expect(group.webOrderId == "W1")

    try journal.recordWebOrderDeleted(group: group.id)
    let after = try #require(try journal.snapshot(of: "DWF-100"))
    #expect(after.state == .cancelled)
    #expect(after.lines.allSatisfy { $0.state == .cancelled })
    #expect(try journal.pendingWork().count == 1)
  }

  @Test func stepLogNamesEachCall() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))
    guard case .new(let order) = try journal.receive(order: sampleOrder(), digest: "d1") else {
      Issue.record("expected a new order")
      return
    }
    try journal.beginCreate(group: order.groups[0].id)
    try journal.recordWebOrderCreated(group: order.groups[0].id, webOrderId: "W1")
    let first = LineKey(orderNumber: "DWF-100", lineNumber: 1)
    try journal.beginLineAdd(line: first)
    try journal.finishLineAdd(line: first, outcome: .accepted(itemId: nil))

    #expect(
      try journal.steps(of: "DWF-100") == [
        "receive after: new",
        "web-order.create before",
        "web-order.create after: created W1",
        "web-order-item.add before line 1",
        "web-order-item.add after line 1: accepted",
      ])
  }
}

@Suite("Order details in the journal")
struct OrderDetailsTests {
  @Test("The carrier, ship-to, mark codes and units per box come back as received", arguments: [
    OrderCarrier.id("44"), OrderCarrier.code("FEDEX"),
  ])
  func detailsRoundTrip(carrier: OrderCarrier) throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))
    var order = sampleOrder()
    order.carrier = carrier
    order.shipToId = "812"
    order.lines[0].markCode = "MK-1"
    order.lines[0].unitsPerBox = 250

    guard case .new(let snapshot) = try journal.receive(order: order, digest: "d1") else {
      Issue.record("the order was not new")
      return
    }

    #expect(snapshot.carrier == carrier)
    #expect(snapshot.shipToId == "812")
    #expect(snapshot.lines[0].markCode == "MK-1")
    #expect(snapshot.lines[0].unitsPerBox == 250)
    #expect(snapshot.lines[1].markCode == nil)
    #expect(snapshot.lines[1].unitsPerBox == nil)
    #expect(snapshot.groups.allSatisfy { $0.checkoutState == .none })
  }
}

@Suite("Orders that need calls")
struct OrdersNeedingCallsTests {
  /// Receives an order of one on-hand line and adds it, so the order needs no further call.
  private func settledOrder(_ journal: OrderJournal, number: String) throws {
    let order = ReceivedOrder(
      orderNumber: number, shipDate: "2030-05-01", sourceFile: "a.csv",
      lines: [
        ReceivedLine(
          lineNumber: 1, inventoryId: "9001", origin: .onHand, quantity: 1,
          unitPrice: Decimal(string: "0.45"))
      ])
    guard case .new(let snapshot) = try journal.receive(order: order, digest: number) else {
      Issue.record("\(number) was not new")
      return
    }
    let key = LineKey(orderNumber: number, lineNumber: 1)
    try journal.beginCreate(group: snapshot.groups[0].id)
    try journal.recordWebOrderCreated(group: snapshot.groups[0].id, webOrderId: "W-\(number)")
    try journal.beginLineAdd(line: key)
    try journal.finishLineAdd(line: key, outcome: .accepted(itemId: nil))
  }

  @Test func listsOnlyOrdersWithCallsLeft() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))
    try settledOrder(journal, number: "A")
    _ = try journal.receive(order: sampleOrder(number: "B"), digest: "b")
    try settledOrder(journal, number: "C")

    #expect(try journal.ordersNeedingCalls(includingCheckout: false) == ["B"])
    #expect(try journal.acceptedLineCounts() == ["A": 1, "C": 1])

    // A cancelled order with a created web order needs its delete.
    try journal.cancel(orderNumber: "C")
    #expect(try journal.ordersNeedingCalls(includingCheckout: false) == ["B", "C"])
    #expect(try journal.pendingCalls(of: "C").count == 1)

    // An accepted web order that is not checked out yet needs a checkout only when enabled.
    #expect(try journal.ordersNeedingCalls(includingCheckout: true) == ["A", "B", "C"])
  }
}

@Suite("Journal times")
struct JournalTimeTests {
  @Test func timeTextKeepsMilliseconds() throws {
    let date = Date(timeIntervalSince1970: 1_780_000_000.25)

    let text = OrderJournal.timeText(date)

    #expect(text == "2026-05-28T20:26:40.250Z")
    let parsed = try #require(OrderJournal.date(from: text))
    #expect(abs(parsed.timeIntervalSince(date)) < 0.001)
    #expect(OrderJournal.date(from: "not a time") == nil)
  }
}

@Suite("A corrected order after a cancellation")
struct CorrectedOrderTests {
  @Test func replacesCancelledOrderOnceItsWebOrdersAreDeleted() throws {
    let folder = try TemporaryFolder()
    let journal = try openJournal(folder.file("state.sqlite"))
    let first = ReceivedOrder(
      orderNumber: "R-1", shipDate: "2030-05-01", sourceFile: "a.csv",
      lines: [
        ReceivedLine(
          lineNumber: 1, inventoryId: "9001", origin: .onHand, quantity: 1,
          unitPrice: Decimal(string: "0.45"))
      ])
    guard case .new(let stored) = try journal.receive(order: first, digest: "one") else {
      Issue.record("R-1 was not new")
      return
    }
    let group = stored.groups[0].id
    let key = LineKey(orderNumber: "R-1", lineNumber: 1)
    try journal.beginCreate(group: group)
    try journal.recordWebOrderCreated(group: group, webOrderId: "W1")
    try journal.beginLineAdd(line: key)
    try journal.finishLineAdd(line: key, outcome: .accepted(itemId: nil))
    try journal.cancel(orderNumber: "R-1")
    var corrected = first
    corrected.lines[0].quantity = 3

    // While the web order still exists in Komet, the new content is a conflict.
    #expect(try journal.replaceRejected(order: corrected, digest: "two") == nil)

    try journal.recordWebOrderDeleted(group: group)
    let replaced = try #require(try journal.replaceRejected(order: corrected, digest: "two"))
    #expect(replaced.state == .open)
    #expect(replaced.contentDigest == "two")
    #expect(replaced.lines.map(\.state) == [.received])
    #expect(replaced.lines.first?.quantity == 3)
    #expect(replaced.groups.map(\.state) == [.pending])
  }
}
