import Exchange
import Foundation
import OrderCommands
import OrderJournal
import StateStore
import Testing

@Suite struct ReviewCancelHandlerTests {
  private func review(
    _ scratch: ScratchWorkspace, order: String = "DWF-100", line: Int?, added: Bool
  ) async throws -> ChangeRequestResult {
    let arguments = ReviewDecision(isAdded: added).arguments
    return try await ReviewHandler(workspace: scratch.workspace).carryOut(
      claimedRequest(
        OrderChangeKind.review, in: scratch, order: order, line: line, arguments: arguments))
  }

  private func cancel(_ scratch: ScratchWorkspace, order: String = "DWF-100") async throws
    -> ChangeRequestResult
  {
    try await CancelHandler(workspace: scratch.workspace).carryOut(
      claimedRequest(OrderChangeKind.cancel, in: scratch, order: order))
  }

  @Test func reviewAddedAcceptsLine() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())

    let result = try await review(scratch, line: 2, added: true)

    #expect(
      result
        == .succeeded(
          message: "order DWF-100 line 2 settled as added: it is accepted with no web order"
            + " journaled."))
    let order = try scratch.journal().snapshot(of: "DWF-100")
    #expect(line(2, of: order)?.state == .accepted)
  }

  @Test func reviewNotAddedRejectsLineForRetry() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())

    let result = try await review(scratch, line: 2, added: false)

    #expect(
      result
        == .succeeded(
          message: "order DWF-100 line 2 settled as not added: it is rejected now, and"
            + " 'komet-dwf retry DWF-100' sends it again."))
    let order = try scratch.journal().snapshot(of: "DWF-100")
    #expect(line(2, of: order)?.state == .rejected)

    let retried = try await makeHandlers(scratch)[0].carryOut(
      claimedRequest(OrderChangeKind.retry, in: scratch, order: "DWF-100"))
    guard case .succeeded(let message) = retried else {
      Issue.record("expected success, got \(retried)")
      return
    }
    #expect(message.hasPrefix("order DWF-100: 2 lines go out again (lines 2, 3);"))
  }

  @Test func reviewAddedOnCreatedGroupNamesWebOrder() async throws {
    let scratch = try ScratchWorkspace()
    let journal = try scratch.journal()
    try journalSampleOrder(journal)
    try journal.markReview(line: LineKey(orderNumber: "DWF-100", lineNumber: 3), reason: "test")

    let result = try await review(scratch, line: 3, added: true)

    #expect(
      result
        == .succeeded(
          message: "order DWF-100 line 3 settled as added: it is accepted on web order WO-1."))
    #expect(line(3, of: try journal.snapshot(of: "DWF-100"))?.webOrderId == "WO-1")
  }

  @Test(arguments: [
    (1, "order DWF-100 line 1 is accepted, not in review, so there is nothing to settle."),
    (4, "order DWF-100 line 4 is rejected, not in review, so there is nothing to settle."),
    (9, "order DWF-100 has no line 9; its lines are 1, 2, 3, 4, 5."),
  ])
  func reviewOfLineNotInReviewFails(lineNumber: Int, message: String) async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())
    let before = try scratch.journal().snapshot(of: "DWF-100")

    let result = try await review(scratch, line: lineNumber, added: true)

    #expect(result == .failed(message: message))
    #expect(try scratch.journal().snapshot(of: "DWF-100") == before)
  }

  @Test func reviewOfUnknownOrderFails() async throws {
    let scratch = try ScratchWorkspace()

    let result = try await review(scratch, order: "DWF-404", line: 1, added: false)

    guard case .failed(let message) = result else {
      Issue.record("expected a failure, got \(result)")
      return
    }
    #expect(message.hasPrefix("order DWF-404 is not in the journal;"))
  }

  @Test func reviewWithoutDecisionFails() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())

    let result = try await ReviewHandler(workspace: scratch.workspace).carryOut(
      claimedRequest(
        OrderChangeKind.review, in: scratch, order: "DWF-100", line: 2, arguments: #"{"added": 1}"#)
    )

    #expect(
      result
        == .failed(
          message: "the review request's arguments {\"added\": 1} lack \"added\": true or"
            + " false."))
  }

  @Test func cancelMarksLinesAndListsDelete() async throws {
    let scratch = try ScratchWorkspace()
    let groupId = try journalSampleOrder(try scratch.journal())

    let result = try await cancel(scratch)

    #expect(
      result
        == .succeeded(
          message: "order DWF-100 is cancelled (5 lines); the placement step deletes web order"
            + " WO-1 with web-order.delete."))
    let order = try #require(try scratch.journal().snapshot(of: "DWF-100"))
    #expect(order.state == .cancelled)
    #expect(order.lines.allSatisfy { $0.state == .cancelled })
    let deletes = try scratch.journal().pendingWork().compactMap { action -> Int64? in
      guard case .deleteWebOrder(let group) = action else { return nil }
      return group.id
    }
    #expect(deletes == [groupId])
  }

  @Test func cancelOfCancelledOrderChangesNothing() async throws {
    let scratch = try ScratchWorkspace()
    try journalSampleOrder(try scratch.journal())
    _ = try await cancel(scratch)
    let revision = try #require(try scratch.journal().snapshot(of: "DWF-100")).revision

    let result = try await cancel(scratch)

    #expect(result == .succeeded(message: "order DWF-100 was already cancelled; nothing changed."))
    #expect(try scratch.journal().snapshot(of: "DWF-100")?.revision == revision)
  }

  @Test func cancelWithoutWebOrderSaysNoneDeleted() async throws {
    let scratch = try ScratchWorkspace()
    let order = ReceivedOrder(
      orderNumber: "DWF-8", shipDate: "2030-05-01", sourceFile: "a.csv",
      lines: [
        ReceivedLine(
          lineNumber: 1, inventoryId: "9003", origin: .onHand, quantity: 1,
          unitPrice: Decimal(string: "0.30"))
      ])
    _ = try scratch.journal().receive(order: order, digest: "d8")

    let result = try await cancel(scratch, order: "DWF-8")

    #expect(
      result
        == .succeeded(
          message: "order DWF-8 is cancelled (1 line); no web order was created for it, so"
            + " none is deleted."))
  }

  @Test func cancelAfterUnknownCreateWarnsOfHeader() async throws {
    let scratch = try ScratchWorkspace()
    let journal = try scratch.journal()
    let order = ReceivedOrder(
      orderNumber: "DWF-9", shipDate: "2030-05-01", sourceFile: "a.csv",
      lines: [
        ReceivedLine(
          lineNumber: 1, inventoryId: "9003", origin: .onHand, quantity: 1,
          unitPrice: Decimal(string: "0.30"))
      ])
    guard case .new(let snapshot) = try journal.receive(order: order, digest: "d9") else {
      throw TestSetupError.orderNotNew("DWF-9")
    }
    let group = try requireGroup(snapshot, origin: .onHand)
    try journal.beginCreate(group: group.id)
    try journal.finishCreate(group: group.id, outcome: .unknown(reason: "timed out"))

    let result = try await cancel(scratch, order: "DWF-9")

    #expect(
      result
        == .succeeded(
          message: "order DWF-9 is cancelled (1 line). A web-order.create for it had an unknown"
            + " outcome, so Komet may hold an empty web order for the DWF customer whose ID"
            + " komet-dwf never received. Find it in Komet and delete it; the order's report in"
            + " outbox/reports/orders/ flags it."))
  }

  /// Cancels the sample order and holds for review the on-hand line that was added to web
  /// order WO-1 (line 1), as a placement pass does when Komet rejects deleting WO-1. Lines 3
  /// to 5 never reached Komet, so they stay cancelled.
  private func cancelWithRefusedDelete(_ scratch: ScratchWorkspace) async throws {
    let groupId = try journalSampleOrder(try scratch.journal())
    _ = try await cancel(scratch)
    try scratch.journal().holdForReview(group: groupId, refusal: "already confirmed") { _ in
      "Komet refused web-order.delete"
    }
  }

  @Test func refusedDeleteKeepsCancelledOrderInReview() async throws {
    let scratch = try ScratchWorkspace()

    try await cancelWithRefusedDelete(scratch)

    let order = try #require(try scratch.journal().snapshot(of: "DWF-100"))
    #expect(order.state == .review)
    #expect(order.isCancelled)
    #expect(order.lines.map(\.state) == [.review, .cancelled, .cancelled, .cancelled, .cancelled])
    #expect(try scratch.journal().orderCounts()[.review] == 1)
    #expect(try scratch.journal().orderCounts()[.cancelled] == 0)
  }

  @Test func cancelOfOrderHeldInReviewNamesLines() async throws {
    let scratch = try ScratchWorkspace()
    try await cancelWithRefusedDelete(scratch)
    let before = try scratch.journal().snapshot(of: "DWF-100")

    let result = try await cancel(scratch)

    #expect(
      result
        == .succeeded(
          message: "order DWF-100 was already cancelled; nothing changed. Komet rejected"
            + " deleting its web order, so line 1 is in review. Settle each with"
            + " 'komet-dwf review DWF-100 LINE --added | --not-added'."))
    #expect(try scratch.journal().snapshot(of: "DWF-100") == before)
  }

  @Test func retryOfCancelledOrderInReviewFails() async throws {
    let scratch = try ScratchWorkspace()
    try await cancelWithRefusedDelete(scratch)

    let result = try await makeHandlers(scratch)[0].carryOut(
      claimedRequest(OrderChangeKind.retry, in: scratch, order: "DWF-100"))

    #expect(result == .failed(message: "order DWF-100 is cancelled, so it has no line to retry."))
  }

  @Test func reviewAddedOnCancelledOrderKeepsLineLive() async throws {
    let scratch = try ScratchWorkspace()
    try await cancelWithRefusedDelete(scratch)

    let result = try await review(scratch, line: 1, added: true)

    #expect(
      result
        == .succeeded(
          message: "order DWF-100 line 1 settled as added: the order was cancelled, but the line"
            + " stays accepted on web order WO-1, and its acknowledgement tells DWF that it is"
            + " still live in Komet."))
    let order = try #require(try scratch.journal().snapshot(of: "DWF-100"))
    let kept = try #require(line(1, of: order))
    #expect(kept.state == .accepted)
    #expect(kept.webOrderId == "WO-1")
    #expect(kept.reason?.contains("the line stays live in Komet") == true)

    // Lines 3 to 5 never reached Komet, so settling line 1 settles the order.
    let settled = try #require(try scratch.journal().snapshot(of: "DWF-100"))
    #expect(settled.state == .settled)
    #expect(settled.isCancelled)
    #expect(
      try scratch.journal().pendingWork().contains { action in
        if case .deleteWebOrder = action { return true }
        return false
      } == false)
  }

  @Test func reviewNotAddedOnCancelledOrderCancelsLine() async throws {
    let scratch = try ScratchWorkspace()
    try await cancelWithRefusedDelete(scratch)

    let result = try await review(scratch, line: 1, added: false)

    #expect(
      result
        == .succeeded(
          message: "order DWF-100 line 1 settled as not added: it is cancelled, as the rest of"
            + " the order is. When every line of its web order is cancelled or rejected, the"
            + " next pass sends web-order.delete for that web order again."))
    #expect(line(1, of: try scratch.journal().snapshot(of: "DWF-100"))?.state == .cancelled)

    let cancelled = try #require(try scratch.journal().snapshot(of: "DWF-100"))
    #expect(cancelled.state == .cancelled)
    #expect(cancelled.lines.allSatisfy { $0.state == .cancelled })
    let deletes = try scratch.journal().pendingWork().filter { action in
      if case .deleteWebOrder = action { return true }
      return false
    }
    #expect(deletes.count == 1)
  }

  @Test func cancelOfUnknownOrderFails() async throws {
    let scratch = try ScratchWorkspace()

    let result = try await cancel(scratch, order: "DWF-404")

    guard case .failed(let message) = result else {
      Issue.record("expected a failure, got \(result)")
      return
    }
    #expect(message.hasPrefix("order DWF-404 is not in the journal;"))
  }
}
