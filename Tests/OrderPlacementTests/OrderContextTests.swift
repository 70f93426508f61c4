import Foundation
import Inventory
import Komet
import KometClient
import KometSandbox
import LoopbackHTTP
import OrderJournal
import OrderPlacement
import Testing

/// The carrier, ship-to and mark code of each order, calls that never left the process, and
/// cancelled orders, against the sandbox.
struct OrderContextTests {
  @Test func carrierCodeLookedUpOncePerPass() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 3)
    try fixture.receive(
      "C-100", lines: [(ids[0], .onHand), (ids[1], .onHand)], carrier: .code("fdx"),
      shipToId: "61001", markCode: "DWF-7")
    try fixture.receive("C-101", lines: [(ids[2], .onHand)], carrier: .code("FDX"))

    let results = try await fixture.makePlacer().workAll()

    let order = try #require(try fixture.openJournal().snapshot(of: "C-100"))
    let items = fixture.webOrder(order.groups.first?.webOrderId)?.items ?? []
    #expect(results["C-100"] == .finished)
    #expect(results["C-101"] == .finished)
    #expect(order.lines.map(\.state) == [.accepted, .accepted])
    #expect(items.map(\.carrierId) == ["3102", "3102"])
    #expect(items.map(\.shipToId) == ["61001", "61001"])
    #expect(items.map(\.markCode) == ["DWF-7", "DWF-7"])
    #expect(fixture.requestCount("carrier.list") == 1)
  }

  @Test func carrierIdAndDefaultUsed() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 2)
    let withId = try fixture.receive("C-200", lines: [(ids[0], .onHand)], carrier: .id("3103"))
    let withDefault = try fixture.receive("C-201", lines: [(ids[1], .onHand)])

    try await fixture.makePlacer().workAll()

    let journal = try fixture.openJournal()
    let first = try #require(journal.snapshot(of: withId.orderNumber)?.groups.first)
    let second = try #require(journal.snapshot(of: withDefault.orderNumber)?.groups.first)
    let firstItem = try #require(fixture.webOrder(first.webOrderId)?.items.first)
    let secondItem = try #require(fixture.webOrder(second.webOrderId)?.items.first)
    #expect(firstItem.carrierId == "3103")
    #expect(firstItem.shipToId == nil)
    #expect(firstItem.markCode == nil)
    #expect(secondItem.carrierId == PlacementFixture.carrierId.digits)
    #expect(fixture.requestCount("carrier.list") == 0)
  }

  @Test(arguments: [
    ("ZZZ", "the carrier code ZZZ is not in Komet's carrier.list"),
    ("OWN", "the carrier code OWN names carrier 3104, which is inactive in Komet"),
  ])
  func unusableCarrierCodeRejectsLines(code: String, reason: String) async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 2)
    try fixture.receive("C-300", lines: ids.map { ($0, .onHand) }, carrier: .code(code))

    let result = try await fixture.makePlacer().work(on: "C-300")

    let order = try #require(try fixture.openJournal().snapshot(of: "C-300"))
    #expect(result == .finished)
    #expect(order.lines.map(\.state) == [.rejected, .rejected])
    #expect(order.lines.map(\.reason) == [reason, reason])
    #expect(fixture.requestCount("web-order.create") == 0)
    #expect(fixture.sandbox.state.webOrders.isEmpty)
  }

  @Test func missingDefaultCarrierRejectsLines() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 1)
    try fixture.receive("C-400", lines: [(ids[0], .onHand)])

    let result = try await fixture.makePlacer { $0.defaultCarrierId = nil }.work(on: "C-400")

    let line = try #require(try fixture.openJournal().snapshot(of: "C-400")?.lines.first)
    #expect(result == .finished)
    #expect(line.state == .rejected)
    #expect(
      line.reason
        == "the order names no carrier and orders.defaultCarrierId is not set; set it in"
        + " komet-dwf.json, or send carrier_id or carrier_code")
    #expect(fixture.sandbox.requestLog.isEmpty)
  }

  @Test func refusedCreateRepeatedNextPass() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 2)
    try fixture.receive("C-500", lines: ids.map { ($0, .onHand) })
    let refusing = try RefusingLoopbackPort()
    defer { refusing.release() }
    let unreachableClient = try fixture.makeClient {
      $0.baseURL = URL(string: "http://127.0.0.1:\(refusing.port)/api/")!
    }
    let unreachablePlacer = OrderPlacer(
      journal: try fixture.openJournal(), client: unreachableClient, settings: fixture.settings,
      logger: fixture.logger)

    let first = try await unreachablePlacer.work(on: "C-500")

    let journal = try fixture.openJournal()
    let stopped = try #require(try journal.snapshot(of: "C-500"))
    guard case .stopped(let stop) = first else {
      Issue.record("expected the pass to stop, got \(first)")
      return
    }
    // A refused connection does not prove that nothing reached Komet, so the create counts
    // as uncertain and the next pass repeats it.
    #expect(stop.cause == .kometUnreachable)
    #expect(stopped.groups.first?.state == .creating)
    #expect(stopped.groups.first?.createAttempts == 1)
    #expect(stopped.lines.map(\.state) == [.received, .received])
    let lastStep = try journal.steps(of: "C-500").last ?? ""
    #expect(lastStep.hasPrefix("web-order.create after: unknown"))

    let second = try await fixture.makePlacer().work(on: "C-500")

    let placed = try #require(try journal.snapshot(of: "C-500"))
    #expect(second == .finished)
    #expect(placed.lines.map(\.state) == [.accepted, .accepted])
    #expect(placed.groups.first?.createAttempts == 2)
    #expect(fixture.openItemInventoryIds == ids)
  }

  @Test func refusedAddReconciledNextPass() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 2)
    let order = try fixture.receive("C-600", lines: ids.map { ($0, .onHand) })
    let group = try #require(order.groups.first)
    // The web order is created and journaled as the placer does it, so the refused client
    // has only adds left to send.
    let journal = try fixture.openJournal()
    var create = WebOrderCreateRequest(
      customerId: PlacementFixture.customerId,
      companyLocationId: KometID(PlacementFixture.miami))
    create.companyId = PlacementFixture.companyId
    let created = try await fixture.makeClient().createWebOrder(create)
    try journal.beginCreate(group: group.id)
    try journal.recordWebOrderCreated(group: group.id, webOrderId: created.webOrderId.digits)
    let refusing = try RefusingLoopbackPort()
    defer { refusing.release() }
    let unreachableClient = try fixture.makeClient {
      $0.baseURL = URL(string: "http://127.0.0.1:\(refusing.port)/api/")!
    }
    let unreachablePlacer = OrderPlacer(
      journal: journal, client: unreachableClient, settings: fixture.settings,
      logger: fixture.logger)

    let first = try await unreachablePlacer.work(on: "C-600")

    let stopped = try #require(try journal.snapshot(of: "C-600"))
    guard case .stopped(let stop) = first else {
      Issue.record("expected the pass to stop, got \(first)")
      return
    }
    // A refused connection does not prove that the add did not land, so the line waits for
    // a reconciliation instead of being sent again blindly.
    #expect(stop.cause == .kometUnreachable)
    #expect(stopped.lines.map(\.state) == [.adding, .received])
    let steps = try journal.steps(of: "C-600")
    #expect(steps.contains { $0.hasPrefix("web-order-item.add after line 1: unknown") })

    let second = try await fixture.makePlacer().work(on: "C-600")

    #expect(second == .finished)
    #expect(fixture.itemInventoryIds(ofWebOrder: created.webOrderId.digits) == ids)
    #expect(fixture.requestCount("web-order-details.list") >= 1)
    #expect(fixture.requestCount("web-order-item.add") == 2)
  }

  @Test func cancelledOrderWebOrdersDeleted() async throws {
    let fixture = try PlacementFixture()
    let onHand = try fixture.inventoryIds(.onHand, count: 1)
    let future = try fixture.inventoryIds(.future, count: 1)
    try fixture.receive("C-700", lines: [(onHand[0], .onHand), (future[0], .future)])
    try await fixture.makePlacer().work(on: "C-700")
    let journal = try fixture.openJournal()
    let placed = try #require(try journal.snapshot(of: "C-700"))
    let webOrderIds = placed.groups.compactMap(\.webOrderId)
    try #require(webOrderIds.count == 2)

    try journal.cancel(orderNumber: "C-700")
    let result = try await fixture.makePlacer().work(on: "C-700")

    let cancelled = try #require(try journal.snapshot(of: "C-700"))
    #expect(result == .finished)
    #expect(cancelled.groups.map(\.state) == [.deleted, .deleted])
    #expect(cancelled.lines.map(\.state) == [.cancelled, .cancelled])
    #expect(webOrderIds.map { fixture.webOrder($0)?.isCanceled } == [true, true])
    #expect(fixture.openWebOrderIds.isEmpty)
    #expect(fixture.requestCount("web-order.delete") == 2)
  }

  @Test func refusedDeleteOfLiveWebOrderHeldForReview() async throws {
    let fixture = try PlacementFixture()
    let onHand = try fixture.inventoryIds(.onHand, count: 2)
    try fixture.receive("C-710", lines: onHand.map { ($0, .onHand) })
    try await fixture.makePlacer().work(on: "C-710")
    let journal = try fixture.openJournal()
    let webOrderId = try #require(try journal.snapshot(of: "C-710")?.groups.first?.webOrderId)
    fixture.sandbox.faults.add(
      .status(400), matching: .init(method: "POST", path: "/api/web-order.delete"))

    try journal.cancel(orderNumber: "C-710")
    let result = try await fixture.makePlacer().work(on: "C-710")

    // Komet still contains both items, so the ack must not say the order is cancelled.
    let reviewed = try #require(try journal.snapshot(of: "C-710"))
    #expect(result == .finished)
    #expect(reviewed.groups.map(\.state) == [.created])
    #expect(reviewed.lines.map(\.state) == [.review, .review])
    #expect(reviewed.lines.first?.reason?.contains("lists 2 items") == true)
    #expect(fixture.webOrder(webOrderId)?.isCanceled == false)

    // The fault rejected the one delete before the handler. With nothing left to call, a
    // later pass sends no second delete.
    let again = try await fixture.makePlacer().work(on: "C-710")
    #expect(again == .finished)
    #expect(fixture.sandbox.faults.pendingCount == 0)
    #expect(fixture.requestCount("web-order.delete") == 0)
    #expect(fixture.webOrder(webOrderId)?.isCanceled == false)
  }

  @Test func refusedFirstDeleteListingNothingHeldForReview() async throws {
    let fixture = try PlacementFixture()
    let onHand = try fixture.inventoryIds(.onHand, count: 1)
    try fixture.receive("C-720", lines: [(onHand[0], .onHand)])
    try await fixture.makePlacer().work(on: "C-720")
    let journal = try fixture.openJournal()
    let webOrderId = try #require(try journal.snapshot(of: "C-720")?.groups.first?.webOrderId)
    let refusal = #"{"status":"0","message":"The web order was already confirmed."}"#
    fixture.sandbox.faults.add(
      .jsonResponse(status: 200, json: refusal),
      matching: .init(method: "POST", path: "/api/web-order.delete"))
    let empty = #"{"status":"1","message":"OK","webOrders":[]}"#
    fixture.sandbox.faults.add(
      .jsonResponse(status: 200, json: empty),
      matching: .init(method: "GET", path: "/api/web-order-details.list"), times: 2)

    try journal.cancel(orderNumber: "C-720")
    let result = try await fixture.makePlacer().work(on: "C-720")

    // A confirmed web order may be listed as neither pending nor checked out, so a first
    // delete that Komet rejects proves nothing gone, and the ack must not say cancelled.
    let reviewed = try #require(try journal.snapshot(of: "C-720"))
    #expect(result == .finished)
    #expect(reviewed.groups.map(\.state) == [.created])
    #expect(reviewed.lines.map(\.state) == [.review])
    #expect(reviewed.state == .review)
    #expect(reviewed.lines.first?.reason?.contains("already confirmed") == true)
    #expect(fixture.webOrder(webOrderId)?.isCanceled == false)
  }

  @Test func refusedDeleteAfterUnsentOneHeldForReview() async throws {
    let fixture = try PlacementFixture()
    let onHand = try fixture.inventoryIds(.onHand, count: 1)
    try fixture.receive("C-725", lines: [(onHand[0], .onHand)])
    try await fixture.makePlacer().work(on: "C-725")
    let journal = try fixture.openJournal()
    let webOrderId = try #require(try journal.snapshot(of: "C-725")?.groups.first?.webOrderId)
    let delete = RequestMatcher(method: "POST", path: "/api/web-order.delete")
    let details = RequestMatcher(method: "GET", path: "/api/web-order-details.list")
    let refusal = #"{"status":"0","message":"The web order was already confirmed."}"#
    // The first delete is turned away unprocessed. The second is rejected, and Komet then
    // refuses to list the web order, as it would a cancelled one.
    fixture.sandbox.faults.add(
      .jsonResponse(status: 429, json: #"{"status":"0","message":"daily limit reached"}"#),
      matching: delete, times: 1)
    fixture.sandbox.faults.add(.jsonResponse(status: 200, json: refusal), matching: delete)
    fixture.sandbox.faults.add(
      .jsonResponse(status: 200, json: refusal), matching: details, times: 2)

    try journal.cancel(orderNumber: "C-725")
    _ = try await fixture.makePlacer().work(on: "C-725")
    let result = try await fixture.makePlacer().work(on: "C-725")

    // No delete ever reached Komet, so the rejected one proves nothing gone.
    let reviewed = try #require(try journal.snapshot(of: "C-725"))
    #expect(result == .finished)
    #expect(reviewed.lines.map(\.state) == [.review])
    #expect(reviewed.state == .review)
    #expect(fixture.webOrder(webOrderId)?.isCanceled == false)
  }

  @Test func refusedDeleteWithFailingDetailsStaysUnsettled() async throws {
    let fixture = try PlacementFixture()
    let onHand = try fixture.inventoryIds(.onHand, count: 1)
    try fixture.receive("C-730", lines: [(onHand[0], .onHand)])
    try await fixture.makePlacer().work(on: "C-730")
    let journal = try fixture.openJournal()
    let webOrderId = try #require(try journal.snapshot(of: "C-730")?.groups.first?.webOrderId)
    fixture.sandbox.faults.add(
      .status(400), matching: .init(method: "POST", path: "/api/web-order.delete"))
    fixture.sandbox.faults.add(
      .status(500), matching: .init(method: "GET"), times: 100)

    try journal.cancel(orderNumber: "C-730")
    let stopped = try await fixture.makePlacer().work(on: "C-730")

    // Nothing proves the web order gone, so it is neither journaled as deleted nor reviewed.
    let unsettled = try #require(try journal.snapshot(of: "C-730"))
    guard case .stopped(let stop) = stopped else {
      Issue.record("expected the pass to stop, got \(stopped)")
      return
    }
    #expect(stop.cause == .callFailed)
    #expect(unsettled.groups.map(\.state) == [.created])
    #expect(unsettled.lines.map(\.state) == [.cancelled])
    #expect(fixture.webOrder(webOrderId)?.isCanceled == false)

    // Once Komet responds again, the next pass deletes the web order.
    fixture.sandbox.faults.removeAll()
    let result = try await fixture.makePlacer().work(on: "C-730")
    #expect(result == .finished)
    #expect(try journal.snapshot(of: "C-730")?.groups.map(\.state) == [.deleted])
    #expect(fixture.webOrder(webOrderId)?.isCanceled == true)
  }

  @Test func refusedDeleteOfCancelledWebOrderCountsAsDeleted() async throws {
    let fixture = try PlacementFixture()
    let onHand = try fixture.inventoryIds(.onHand, count: 1)
    try fixture.receive("C-720", lines: [(onHand[0], .onHand)])
    try await fixture.makePlacer().work(on: "C-720")
    let journal = try fixture.openJournal()
    let webOrderId = try #require(try journal.snapshot(of: "C-720")?.groups.first?.webOrderId)
    // The first delete lands but its response is lost, so Komet rejects the second.
    fixture.sandbox.faults.add(
      .closeAfterHandler, matching: .init(method: "POST", path: "/api/web-order.delete"))

    try journal.cancel(orderNumber: "C-720")
    _ = try await fixture.makePlacer().work(on: "C-720")
    let result = try await fixture.makePlacer().work(on: "C-720")

    let cancelled = try #require(try journal.snapshot(of: "C-720"))
    #expect(result == .finished)
    #expect(cancelled.groups.map(\.state) == [.deleted])
    #expect(cancelled.lines.map(\.state) == [.cancelled])
    #expect(fixture.webOrder(webOrderId)?.isCanceled == true)
    #expect(fixture.requestCount("web-order.delete") == 2)
  }

  @Test func usedUpQuotaHoldsBackLaterOrders() async throws {
    let fixture = try PlacementFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 3)
    try fixture.receive("C-800", lines: [(ids[0], .onHand), (ids[1], .onHand)])
    try fixture.receive("C-801", lines: [(ids[2], .onHand)])
    // The create and the first add fit in the day's allowance.
    let client = try fixture.makeClient { $0.quota.dailyLimit = 2 }
    let placer = OrderPlacer(
      journal: try fixture.openJournal(), client: client, settings: fixture.settings,
      logger: fixture.logger)

    let results = try await placer.workAll()

    let journal = try fixture.openJournal()
    let first = try #require(try journal.snapshot(of: "C-800"))
    let second = try #require(try journal.snapshot(of: "C-801"))
    guard case .stopped(let stop) = results["C-800"] else {
      Issue.record("expected the first order to stop, got \(String(describing: results))")
      return
    }
    #expect(stop.cause == .quotaExhausted)
    #expect(results["C-801"] == nil)
    #expect(first.lines.map(\.state) == [.accepted, .waiting])
    #expect(second.lines.map(\.state) == [.waiting])
    #expect(second.lines.first?.reason?.contains("quota") == true)
    #expect(try journal.steps(of: "C-801").last?.hasPrefix("quota after: 1 lines waiting") == true)
    #expect(try journal.hasPendingWork(includingCheckout: false) == true)
    #expect(fixture.requestCount("web-order.create") == 1)
  }
}
