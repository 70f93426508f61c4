import Foundation
import Inventory
import Komet
import KometClient
import KometSandbox
import LoopbackHTTP
import OrderJournal
import OrderPlacement
import Testing

/// `OrderPlacer` against the sandbox over loopback HTTP, with faults injected by its server.
struct OrderPlacementTests {
  @Test func twoGroupOrderPlaced() async throws {
    let fixture = try PlacementFixture()
    let onHand = try fixture.inventoryIds(.onHand, count: 2)
    let future = try fixture.inventoryIds(.future, count: 2)
    try fixture.receive(
      "A-100",
      lines: [
        (onHand[0], .onHand), (future[0], .future), (onHand[1], .onHand), (future[1], .future),
      ])

    let result = try await fixture.makePlacer().work(on: "A-100")

    let order = try #require(try fixture.openJournal().snapshot(of: "A-100"))
    let onHandGroup = try #require(order.groups.first { $0.origin == .onHand })
    let futureGroup = try #require(order.groups.first { $0.origin == .future })
    #expect(result == .finished)
    #expect(order.lines.map(\.state) == [.accepted, .accepted, .accepted, .accepted])
    #expect(onHandGroup.webOrderId != futureGroup.webOrderId)
    #expect(fixture.itemInventoryIds(ofWebOrder: onHandGroup.webOrderId) == onHand)
    #expect(fixture.itemInventoryIds(ofWebOrder: futureGroup.webOrderId) == future)
    let placedIds = Set([onHandGroup, futureGroup].compactMap(\.webOrderId))
    #expect(Set(fixture.openWebOrderIds) == placedIds)
    #expect(order.lines.allSatisfy { $0.itemId != nil })
    #expect(fixture.requestCount("web-order.create") == 2)
    #expect(fixture.requestCount("web-order-item.add") == 4)
    #expect(fixture.requestCount("web-order-details.list") == 0)
  }

  @Test func closeAfterHandlerReconciledAsLanded() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 3)
    try fixture.receive("A-200", lines: ids.map { ($0, .onHand) })
    fixture.sandbox.faults.add(
      .closeAfterHandler, matching: .init(method: "POST", path: "/api/web-order-item.add"))

    let result = try await fixture.makePlacer().work(on: "A-200")

    let journal = try fixture.openJournal()
    let order = try #require(try journal.snapshot(of: "A-200"))
    let webOrderId = try #require(order.groups.first?.webOrderId)
    let items = fixture.sandbox.state.webOrders.first { $0.id == webOrderId }?.items ?? []
    #expect(result == .finished)
    #expect(order.lines.map(\.state) == [.accepted, .accepted, .accepted])
    #expect(fixture.itemInventoryIds(ofWebOrder: webOrderId) == ids)
    #expect(order.lines.first?.itemId == items.first?.webOrderItemId)
    // The faulted add reached the handler once and was never sent again.
    #expect(fixture.requestCount("web-order-item.add") == 3)
    #expect(fixture.requestCount("web-order-details.list") == 2)
    #expect(try journal.steps(of: "A-200").contains("web-order-details.list after line 1: landed"))
  }

  @Test func closeBeforeHandlerReconciledAsNotLanded() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 3)
    try fixture.receive("A-300", lines: ids.map { ($0, .onHand) })
    fixture.sandbox.faults.add(
      .closeBeforeHandler, matching: .init(method: "POST", path: "/api/web-order-item.add"))

    let result = try await fixture.makePlacer().work(on: "A-300")

    let journal = try fixture.openJournal()
    let order = try #require(try journal.snapshot(of: "A-300"))
    let webOrderId = try #require(order.groups.first?.webOrderId)
    let steps = try journal.steps(of: "A-300")
    #expect(result == .finished)
    #expect(order.lines.map(\.state) == [.accepted, .accepted, .accepted])
    #expect(fixture.itemInventoryIds(ofWebOrder: webOrderId) == ids)
    #expect(steps.contains("web-order-details.list after line 1: not landed"))
    #expect(steps.filter { $0 == "web-order-item.add before line 1" }.count == 2)
    // The faulted request never reached the handler, so only the second add of line 1 is
    // logged.
    #expect(fixture.requestCount("web-order-item.add") == 3)
    #expect(fixture.sandbox.faults.pendingCount == 0)
  }

  @Test func failedDetailsCallHoldsLineForReview() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 3)
    try fixture.receive("A-400", lines: ids.map { ($0, .onHand) })
    fixture.sandbox.faults.add(
      .closeAfterHandler, matching: .init(method: "POST", path: "/api/web-order-item.add"))
    fixture.sandbox.faults.add(.status(500), matching: .init(method: "GET"), times: 100)

    let result = try await fixture.makePlacer().work(on: "A-400")

    let order = try #require(try fixture.openJournal().snapshot(of: "A-400"))
    let first = try #require(order.lines.first)
    #expect(result == .finished)
    #expect(first.state == .review)
    #expect(first.reason?.contains("web-order-details.list failed") == true)
    #expect(order.lines.dropFirst().map(\.state) == [.accepted, .accepted])
    #expect(order.state == .review)
    // The faulted add did land, which is why the line must not be sent again.
    #expect(fixture.openItemInventoryIds == ids)
    #expect(fixture.requestCount("web-order-item.add") == 3)
  }

  @Test func rejectedLineLeavesTheRest() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 2)
    try fixture.receive(
      "A-500",
      lines: [(ids[0], .onHand), (PlacementFixture.soldOutLine, .onHand), (ids[1], .onHand)])

    let result = try await fixture.makePlacer().work(on: "A-500")

    let order = try #require(try fixture.openJournal().snapshot(of: "A-500"))
    let rejected = try #require(order.lines.first { $0.key.lineNumber == 2 })
    #expect(result == .finished)
    #expect(order.lines.map(\.state) == [.accepted, .rejected, .accepted])
    #expect(rejected.reason?.isEmpty == false)
    #expect(fixture.itemInventoryIds(ofWebOrder: order.groups.first?.webOrderId) == ids)
    #expect(order.groups.first?.state == .created)
    #expect(fixture.requestCount("web-order.delete") == 0)
  }

  @Test func groupWithEveryLineRejectedDeleted() async throws {
    let fixture = try PlacementFixture()
    let future = try fixture.inventoryIds(.future, count: 1)
    let soldOut = PlacementFixture.soldOutLine
    try fixture.receive(
      "A-600", lines: [(soldOut, .onHand), (future[0], .future), (soldOut, .onHand)])

    let result = try await fixture.makePlacer().work(on: "A-600")

    let order = try #require(try fixture.openJournal().snapshot(of: "A-600"))
    let onHandGroup = try #require(order.groups.first { $0.origin == .onHand })
    let futureGroup = try #require(order.groups.first { $0.origin == .future })
    let deleted = fixture.sandbox.state.webOrders.first { $0.id == onHandGroup.webOrderId }
    #expect(result == .finished)
    #expect(order.lines.map(\.state) == [.rejected, .accepted, .rejected])
    #expect(onHandGroup.state == .deleted)
    #expect(deleted?.isCanceled == true)
    #expect(futureGroup.state == .created)
    #expect(fixture.openWebOrderIds == [futureGroup.webOrderId].compactMap { $0 })
    #expect(fixture.requestCount("web-order.delete") == 1)
  }

  @Test func rejectedDeleteOfEmptyWebOrderKeepsLinesRejected() async throws {
    let fixture = try PlacementFixture()
    let soldOut = PlacementFixture.soldOutLine
    try fixture.receive("A-610", lines: [(soldOut, .onHand)])
    let refusal = #"{"status":"0","message":"The web order cannot be deleted."}"#
    fixture.sandbox.faults.add(
      .jsonResponse(status: 200, json: refusal),
      matching: .init(method: "POST", path: "/api/web-order.delete"))

    let result = try await fixture.makePlacer().work(on: "A-610")

    // No line ever reached the web order, so none can be live on it: the line stays
    // rejected, not in review, and the empty header is journaled as given up.
    let order = try #require(try fixture.openJournal().snapshot(of: "A-610"))
    #expect(result == .finished)
    #expect(order.lines.map(\.state) == [.rejected])
    #expect(order.groups.map(\.state) == [.deleted])
    let keptRejection = try #require(order.groups.first?.keptHeaderRejection)
    #expect(keptRejection.contains("The web order cannot be deleted."))
    // The fault responded to the one delete before the sandbox's handler logged it.
    #expect(fixture.sandbox.faults.pendingCount == 0)
  }

  @Test func unknownCreateStopsPassAndRepeatsNext() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 2)
    try fixture.receive("A-700", lines: ids.map { ($0, .onHand) })
    fixture.sandbox.faults.add(
      .closeAfterHandler, matching: .init(method: "POST", path: "/api/web-order.create"))

    let first = try await fixture.makePlacer().workAll()

    let stopped = try #require(try fixture.openJournal().snapshot(of: "A-700"))
    guard case .stopped(let stop) = first["A-700"] else {
      Issue.record("expected the pass to stop, got \(String(describing: first["A-700"]))")
      return
    }
    #expect(stop.cause == .kometUnreachable)
    #expect(stopped.lines.map(\.state) == [.received, .received])
    #expect(stopped.groups.first?.state == .creating)
    #expect(fixture.requestCount("web-order.create") == 1)
    #expect(fixture.requestCount("web-order-item.add") == 0)

    let second = try await fixture.makePlacer().workAll()

    let order = try #require(try fixture.openJournal().snapshot(of: "A-700"))
    let group = try #require(order.groups.first)
    #expect(second["A-700"] == .finished)
    #expect(group.createAttempts == 2)
    #expect(order.lines.map(\.state) == [.accepted, .accepted])
    // The first header was created and stays empty, because the lines went to the second.
    #expect(fixture.openWebOrderIds.count == 2)
    #expect(fixture.itemInventoryIds(ofWebOrder: group.webOrderId) == ids)
    #expect(fixture.openItemInventoryIds == ids)
  }

  @Test func unknownCreatesLeaveOneHeaderPerPass() async throws {
    let fixture = try PlacementFixture()
    let onHand = try fixture.inventoryIds(.onHand, count: 2)
    let future = try fixture.inventoryIds(.future, count: 1)
    try fixture.receive("A-710", lines: [(onHand[0], .onHand), (future[0], .future)])
    try fixture.receive("A-711", lines: [(onHand[1], .onHand)])
    fixture.sandbox.faults.add(
      .closeAfterHandler, matching: .init(method: "POST", path: "/api/web-order.create"),
      times: 100)

    let results = try await fixture.makePlacer().workAll()

    #expect(results.count == 1)
    #expect(fixture.requestCount("web-order.create") == 1)
    #expect(fixture.openWebOrderIds.count == 1)
    let later = try #require(try fixture.openJournal().snapshot(of: "A-711"))
    #expect(later.groups.first?.createAttempts == 0)
  }

  @Test func unreachableDetailsCallLeavesLineAdding() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 3)
    try fixture.receive("A-410", lines: ids.map { ($0, .onHand) })
    fixture.sandbox.faults.add(
      .closeAfterHandler, matching: .init(method: "POST", path: "/api/web-order-item.add"))
    fixture.sandbox.faults.add(.closeBeforeHandler, matching: .init(method: "GET"), times: 100)

    let first = try await fixture.makePlacer().work(on: "A-410")

    let inFlight = try #require(try fixture.openJournal().snapshot(of: "A-410"))
    guard case .stopped(let stop) = first else {
      Issue.record("expected the pass to stop, got \(first)")
      return
    }
    #expect(stop.cause == .kometUnreachable)
    #expect(inFlight.lines.map(\.state) == [.adding, .received, .received])
    #expect(fixture.requestCount("web-order-item.add") == 1)

    fixture.sandbox.faults.removeAll()
    let second = try await fixture.makePlacer().work(on: "A-410")

    let order = try #require(try fixture.openJournal().snapshot(of: "A-410"))
    #expect(second == .finished)
    #expect(order.lines.map(\.state) == [.accepted, .accepted, .accepted])
    // The faulted add did land, so the reconciliation found it and it was not sent again.
    #expect(fixture.openItemInventoryIds == ids)
    #expect(fixture.requestCount("web-order-item.add") == 3)
  }

  @Test func rejectedTokenStopsWithoutRejectingLines() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 2)
    try fixture.receive("A-900", lines: ids.map { ($0, .onHand) })
    try fixture.receive("A-901", lines: [(ids[0], .onHand)])
    let tokens = try KometTokens(
      company: Token(role: .company, secret: SandboxTokens.company),
      customer: Token(role: .customer, secret: "WRONGSECRETVALUEabcdefghijk12"))
    let client = try fixture.makeClient { $0.tokens = tokens }
    var settings = fixture.settings
    settings.tokenSources = [.customer: "token file /srv/dwf/customer.token"]
    let placer = OrderPlacer(
      journal: try fixture.openJournal(), client: client, settings: settings,
      logger: fixture.logger)

    let results = try await placer.workAll()

    let journal = try fixture.openJournal()
    let first = try #require(try journal.snapshot(of: "A-900"))
    let second = try #require(try journal.snapshot(of: "A-901"))
    guard case .stopped(let stop) = results["A-900"] else {
      Issue.record("expected the pass to stop, got \(String(describing: results["A-900"]))")
      return
    }
    #expect(stop.cause == .configurationUnusable)
    #expect(stop.reason.contains("Customer token"))
    #expect(stop.reason.contains("token file /srv/dwf/customer.token"))
    #expect(!stop.reason.contains("WRONGSECRETVALUE"))
    #expect(first.lines.map(\.state) == [.received, .received])
    #expect(second.lines.map(\.state) == [.received])
    #expect(first.groups.first?.createAttempts == 0)
    #expect(results["A-901"] == nil)
    #expect(fixture.sandbox.state.webOrders.isEmpty)
    #expect(fixture.requestCount("web-order.create") == 1)
  }

  @Test func usedUpQuotaMakesLineWait() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 3)
    try fixture.receive("A-800", lines: ids.map { ($0, .onHand) })
    // One create and two adds fit in the day's allowance, so the third add is not sent.
    let client = try fixture.makeClient { $0.quota.dailyLimit = 3 }
    let placer = OrderPlacer(
      journal: try fixture.openJournal(), client: client, settings: fixture.settings,
      logger: fixture.logger)

    let result = try await placer.work(on: "A-800")

    let order = try #require(try fixture.openJournal().snapshot(of: "A-800"))
    let third = try #require(order.lines.last)
    guard case .stopped = result else {
      Issue.record("expected the pass to stop, got \(result)")
      return
    }
    #expect(order.lines.map(\.state) == [.accepted, .accepted, .waiting])
    // A waiting line is still to be sent, so the order is not settled.
    #expect(order.state == .open)
    #expect(third.reason?.contains("quota") == true)
    #expect(fixture.openItemInventoryIds == Array(ids.prefix(2)))
    #expect(fixture.requestCount("web-order-item.add") == 2)
  }

  @Test func kometDailyLimitLeavesLineForLaterPass() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 1)
    try fixture.receive("A-805", lines: [(ids[0], .onHand)])
    let limit =
      #"{"status":"0","message":"The daily limit of 1000 requests for this token was reached"}"#
    fixture.sandbox.faults.add(
      .jsonResponse(status: 429, json: limit),
      matching: .init(method: "POST", path: "/api/web-order-item.add"))

    let stopped = try await fixture.makePlacer().work(on: "A-805")

    // Komet turned the add away unprocessed: the line is neither rejected nor in review, and
    // it is not reconciled, so the next pass sends it once.
    guard case .stopped(let stop) = stopped else {
      Issue.record("expected the pass to stop, got \(stopped)")
      return
    }
    #expect(stop.cause == .kometUnreachable)
    let order = try #require(try fixture.openJournal().snapshot(of: "A-805"))
    #expect(order.lines.map(\.state) == [.received])
    #expect(fixture.requestCount("web-order-details.list") == 0)

    let result = try await fixture.makePlacer().work(on: "A-805")

    #expect(result == .finished)
    #expect(try fixture.openJournal().snapshot(of: "A-805")?.lines.map(\.state) == [.accepted])
    #expect(fixture.openItemInventoryIds == ids)
  }

  @Test func waitingLineSentOnceQuotaHasRoom() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 3)
    try fixture.receive("A-810", lines: ids.map { ($0, .onHand) })
    let tight = try fixture.makeClient { $0.quota.dailyLimit = 3 }
    _ = try await OrderPlacer(
      journal: try fixture.openJournal(), client: tight, settings: fixture.settings,
      logger: fixture.logger
    ).workAll()

    // Still no room: the waiting line stays as it is and nothing is sent.
    _ = try await OrderPlacer(
      journal: try fixture.openJournal(), client: tight, settings: fixture.settings,
      logger: fixture.logger
    ).workAll()
    let stillWaiting = try #require(try fixture.openJournal().snapshot(of: "A-810"))
    #expect(stillWaiting.lines.map(\.state) == [.accepted, .accepted, .waiting])
    #expect(fixture.requestCount("web-order-item.add") == 2)

    // A larger allowance, as on the next day, releases the line to the same web order.
    let roomy = try fixture.makeClient { $0.quota.dailyLimit = 10 }
    let result = try await OrderPlacer(
      journal: try fixture.openJournal(), client: roomy, settings: fixture.settings,
      logger: fixture.logger
    ).workAll()

    let order = try #require(try fixture.openJournal().snapshot(of: "A-810"))
    #expect(result["A-810"] == .finished)
    #expect(order.lines.map(\.state) == [.accepted, .accepted, .accepted])
    #expect(Set(order.lines.compactMap(\.webOrderId)).count == 1)
    #expect(fixture.openItemInventoryIds == ids)
    #expect(fixture.requestCount("web-order-item.add") == 3)
    #expect(fixture.requestCount("web-order.create") == 1)
  }

  @Test func unknownOrderNotFound() async throws {
    let fixture = try PlacementFixture()

    let result = try await fixture.makePlacer().work(on: "missing")

    #expect(result == .notFound)
    #expect(fixture.sandbox.requestLog.isEmpty)
  }
}
