import Exchange
import Foundation
import Inventory
import OrderCommands
import OrderJournal
import StateStore
import Testing

@Suite struct RetryHandlerTests {
  private func retry(
    _ scratch: ScratchWorkspace, order: String? = "DWF-100",
    inventory: [InventoryItem] = sampleInventory, settings: RetrySettings = RetrySettings(),
    now: Date = TestClock.today
  ) async throws -> ChangeRequestResult {
    let handler = RetryHandler(
      workspace: scratch.workspace, settings: settings, inventory: { inventory },
      locationIds: { ["7"] }, now: { now })
    return try await handler.carryOut(
      try claimedRequest(OrderChangeKind.retry, in: scratch, order: order))
  }

  @Test func retrySendsOnlyLinesThatNowPass() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())

    let result = try await retry(scratch)

    guard case .succeeded(let message) = result else {
      Issue.record("expected success, got \(result)")
      return
    }
    #expect(message.hasPrefix("order DWF-100: 1 line goes out again (line 3);"))
    #expect(message.contains("left as they are: line 1 accepted, line 2 review"))
    #expect(message.contains("2 still rejected: line 4: inventory_id \"4040\" is not in"))
    #expect(message.contains("line 5: unit_price \"0.5\" differs from the inventory price 0.6"))

    let order = try scratch.journal().snapshot(of: "DWF-100")
    #expect(line(3, of: order)?.state == .received)
    #expect(line(3, of: order)?.reason == nil)
    #expect(line(4, of: order)?.state == .rejected)
    #expect(line(4, of: order)?.reason?.hasPrefix("inventory_id \"4040\" is not in") == true)
    #expect(line(5, of: order)?.state == .rejected)
    #expect(line(5, of: order)?.reason?.contains("differs from the inventory price 0.6") == true)
  }

  @Test func retryLeavesAcceptedAndReviewLines() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())
    let before = try #require(try scratch.journal().snapshot(of: "DWF-100"))

    _ = try await retry(scratch)

    let after = try scratch.journal().snapshot(of: "DWF-100")
    #expect(line(1, of: after) == line(1, of: before))
    #expect(line(1, of: after)?.state == .accepted)
    #expect(line(1, of: after)?.webOrderId == "WO-1")
    #expect(line(2, of: after) == line(2, of: before))
    #expect(line(2, of: after)?.state == .review)
  }

  @Test func retriedLineIsAddedToExistingWebOrder() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())

    _ = try await retry(scratch)

    let work = try scratch.journal().pendingWork()
    let adds = work.compactMap { action -> (Int, String)? in
      guard case .addLine(let line, let webOrderId) = action else { return nil }
      return (line.key.lineNumber, webOrderId)
    }
    #expect(adds.map(\.0) == [3])
    #expect(adds.map(\.1) == ["WO-1"])
  }

  @Test func retryWithNoPassingLineFails() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())

    let result = try await retry(scratch, inventory: [])

    guard case .failed(let message) = result else {
      Issue.record("expected a failure, got \(result)")
      return
    }
    #expect(message.hasPrefix("order DWF-100: no line goes out again;"))
    #expect(message.contains("3 still rejected: line 3: inventory_id \"9003\" is not in"))
    let order = try scratch.journal().snapshot(of: "DWF-100")
    #expect(line(3, of: order)?.state == .rejected)
    #expect(line(3, of: order)?.reason?.hasPrefix("inventory_id \"9003\" is not in") == true)
    #expect(line(5, of: order)?.state == .rejected)
  }

  @Test func pastShipDateRejectsEveryRetriedLine() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())

    let result = try await retry(scratch, now: TestClock.afterShipDate)

    guard case .failed(let message) = result else {
      Issue.record("expected a failure, got \(result)")
      return
    }
    #expect(message.contains("line 3: ship_date \"2030-05-01\" is in the past"))
    let order = try scratch.journal().snapshot(of: "DWF-100")
    for number in [3, 4, 5] {
      #expect(line(number, of: order)?.state == .rejected, "line \(number)")
      #expect(
        line(number, of: order)?.reason?.hasPrefix("ship_date \"2030-05-01\" is in the past")
          == true, "line \(number)")
    }
  }

  @Test func allOrNothingKeepsPassingLinesBack() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())

    let result = try await retry(scratch, settings: RetrySettings(allOrNothing: true))

    guard case .failed(let message) = result else {
      Issue.record("expected a failure, got \(result)")
      return
    }
    #expect(message.hasPrefix("order DWF-100: no line goes out again;"))
    let order = try scratch.journal().snapshot(of: "DWF-100")
    #expect(line(3, of: order)?.state == .rejected)
    #expect(
      line(3, of: order)?.reason
        == "passes validation but is not sent again, because lines 4, 5 still fail and"
        + " orders.allOrNothing is set.")
  }

  @Test func priceToleranceLetsNearPricePass() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())

    let settings = RetrySettings(priceTolerance: Decimal(string: "0.10")!)
    let result = try await retry(scratch, settings: settings)

    guard case .succeeded(let message) = result else {
      Issue.record("expected success, got \(result)")
      return
    }
    #expect(message.hasPrefix("order DWF-100: 2 lines go out again (lines 3, 5);"))
    #expect(line(5, of: try scratch.journal().snapshot(of: "DWF-100"))?.state == .received)
  }

  @Test func retryTakesDefaultLocationSetLater() async throws {
    let scratch = try ScratchWorkspace()
    let reason = "location_id is required, because the company has several locations"
    let order = ReceivedOrder(
      orderNumber: "DWF-300", shipDate: "2030-05-01", sourceFile: "orders-3.csv",
      lines: [
        ReceivedLine(
          lineNumber: 1, inventoryId: "9003", origin: .onHand, quantity: 5,
          unitPrice: Decimal(string: "0.30"), rejection: reason)
      ])
    _ = try scratch.journal().receive(order: order, digest: "digest-DWF-300")
    let handler = RetryHandler(
      workspace: scratch.workspace, settings: RetrySettings(defaultLocationId: "7"),
      inventory: { sampleInventory }, locationIds: { ["7", "8"] }, now: { TestClock.today })

    let result = try await handler.carryOut(
      try claimedRequest(OrderChangeKind.retry, in: scratch, order: "DWF-300"))

    guard case .succeeded = result else {
      Issue.record("expected success, got \(result)")
      return
    }
    let work = try scratch.journal().pendingWork()
    let creates = work.compactMap { action -> GroupSnapshot? in
      guard case .createWebOrder(let group, _) = action else { return nil }
      return group
    }
    #expect(creates.count == 1)
    #expect(creates.first?.locationId == "7")
  }

  @Test func unknownOrderFails() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())

    let result = try await retry(scratch, order: "DWF-999")

    #expect(
      result
        == .failed(
          message: "order DWF-999 is not in the journal; check the order number as DWF sent it"
            + " (its acknowledgement in outbox/dwf/acks/ names it)."))
  }

  @Test func orderWithNothingToRetryFails() async throws {
    let scratch = try ScratchWorkspace()
    let journal = try scratch.journal()
    try journalSampleOrder(journal)
    try journal.retry(orderNumber: "DWF-100", rejections: [:])
    try journal.markReview(line: LineKey(orderNumber: "DWF-100", lineNumber: 3), reason: "test")

    let result = try await retry(scratch)

    #expect(
      result
        == .failed(
          message: "order DWF-100 has no rejected or waiting line to retry: line 1 accepted,"
            + " lines 2, 3 review, lines 4, 5 received."))
  }

  @Test func cancelledOrderHasNothingToRetry() async throws {
    let scratch = try ScratchWorkspace()
    let journal = try scratch.journal()
    try journalSampleOrder(journal)
    try journal.cancel(orderNumber: "DWF-100")

    let result = try await retry(scratch)

    #expect(result == .failed(message: "order DWF-100 is cancelled, so it has no line to retry."))
  }

  @Test func unreadableInventoryFailsWithoutChange() async throws {
    struct ReadFailure: Error, CustomStringConvertible {
      var description: String { "latest.json is missing" }
    }
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())
    let revision = try #require(try scratch.journal().snapshot(of: "DWF-100")).revision
    let handler = RetryHandler(
      workspace: scratch.workspace, settings: RetrySettings(),
      inventory: { throw ReadFailure() }, locationIds: { [] }, now: { TestClock.today })

    let result = try await handler.carryOut(
      try claimedRequest(OrderChangeKind.retry, in: scratch, order: "DWF-100"))

    #expect(
      result
        == .failed(
          message: "order DWF-100 was not retried, because the inventory snapshot or the"
            + " location IDs could not be read: latest.json is missing"))
    #expect(try scratch.journal().snapshot(of: "DWF-100")?.revision == revision)
  }
}
