import Configuration
import Exchange
import Foundation
import KometSandbox
import LoopbackHTTP
import Komet
import OrderJournal
import Testing

/// The order stage in a pipeline pass over a workspace with journaled orders, against the
/// in-process sandbox.
struct OrderStageTests {
  @Test func passPlacesOrderAndWritesAck() async throws {
    let fixture = try StageFixture()
    let onHand = try fixture.inventoryIds(.onHand, count: 2)
    let future = try fixture.inventoryIds(.future, count: 1)
    try fixture.receive(
      "S-100", lines: [(onHand[0], .onHand), (future[0], .future), (onHand[1], .onHand)])

    let first = try await fixture.runOnce()

    let journal = try fixture.openJournal()
    let order = try #require(try journal.snapshot(of: "S-100"))
    let ack = try fixture.acknowledgement(of: "S-100")
    let firstRevision = try #require(ack["revision"] as? Int)
    let ackLines = try #require(ack["lines"] as? [[String: Any]])
    #expect(first.status == .succeeded)
    #expect(first.ordersPlaced == 1)
    #expect(first.linesWaiting == 0)
    #expect(order.lines.map(\.state) == [.accepted, .accepted, .accepted])
    let placedIds = Set(order.groups.compactMap(\.webOrderId))
    #expect(Set(fixture.sandbox.state.webOrders.map(\.id)) == placedIds)
    #expect(firstRevision == order.revision)
    #expect(order.acknowledgedRevision == order.revision)
    #expect(ackLines.map { $0["state"] as? String } == ["accepted", "accepted", "accepted"])
    #expect(ackLines.map { $0["webOrderId"] as? String } == order.lines.map(\.webOrderId))
    #expect(fixture.requestCount("web-order.create") == 2)
    #expect(fixture.requestCount("web-order-item.add") == 3)
    #expect(fixture.requestCount("web-order.checkout") == 0)
    #expect(fixture.logs.records.contains { $0.metadata["order.number"] == "S-100" })

    let requestsBefore = fixture.sandbox.requestLog.count
    let second = try await fixture.runOnce()

    #expect(second.status == .succeeded)
    #expect(second.ordersPlaced == 0)
    #expect(fixture.sandbox.requestLog.count == requestsBefore)
    #expect(try fixture.acknowledgement(of: "S-100")["revision"] as? Int == firstRevision)

    try journal.cancel(orderNumber: "S-100")
    let third = try await fixture.runOnce()

    let cancelled = try fixture.acknowledgement(of: "S-100")
    let cancelledRevision = try #require(cancelled["revision"] as? Int)
    #expect(third.status == .succeeded)
    #expect(cancelledRevision > firstRevision)
    #expect(cancelled["orderState"] as? String == "cancelled")
    #expect(fixture.sandbox.state.webOrders.allSatisfy { $0.isCanceled })
    #expect(fixture.requestCount("web-order.delete") == 2)
  }

  @Test func checkoutSendsCustomerPO() async throws {
    let fixture = try StageFixture()
    fixture.komet.userToken = Sourced(try Token(role: .user, secret: SandboxTokensForStage.user))
    fixture.exchange.ordersCheckout = Sourced(true)
    let ids = try fixture.inventoryIds(.onHand, count: 2)
    try fixture.receive("S-200", lines: ids.map { ($0, .onHand) }, customerPO: "PO-77")

    let report = try await fixture.runOnce()

    let order = try #require(try fixture.openJournal().snapshot(of: "S-200"))
    let group = try #require(order.groups.first)
    let webOrder = try #require(fixture.sandbox.state.webOrders.first { $0.id == group.webOrderId })
    #expect(report.status == .succeeded)
    #expect(group.checkoutState == .done)
    #expect(webOrder.statusId == 2)
    #expect(webOrder.customerPo == "PO-77")
    #expect(fixture.requestCount("web-order.checkout") == 1)
    let steps = try fixture.openJournal().steps(of: "S-200")
    #expect(steps.suffix(2) == ["web-order.checkout before", "web-order.checkout after: done"])

    let requestsBefore = fixture.sandbox.requestLog.count
    _ = try await fixture.runOnce()

    #expect(fixture.sandbox.requestLog.count == requestsBefore)
  }

  @Test func unknownCheckoutSettledFromStatus() async throws {
    let fixture = try StageFixture()
    fixture.komet.userToken = Sourced(try Token(role: .user, secret: SandboxTokensForStage.user))
    fixture.exchange.ordersCheckout = Sourced(true)
    let ids = try fixture.inventoryIds(.onHand, count: 1)
    try fixture.receive("S-300", lines: [(ids[0], .onHand)], customerPO: "PO-78")
    fixture.sandbox.faults.add(
      .closeAfterHandler, matching: .init(method: "POST", path: "/api/web-order.checkout"))

    let report = try await fixture.runOnce()

    let group = try #require(try fixture.openJournal().snapshot(of: "S-300")?.groups.first)
    #expect(report.status == .succeeded)
    #expect(group.checkoutState == .done)
    // The checkout was stored before the connection closed, so it is never sent again.
    #expect(fixture.requestCount("web-order.checkout") == 1)
    #expect(fixture.requestCount("web-order-details.list") == 1)
  }

  @Test func checkoutOffWithUserToken() async throws {
    let fixture = try StageFixture()
    fixture.komet.userToken = Sourced(try Token(role: .user, secret: SandboxTokensForStage.user))
    let ids = try fixture.inventoryIds(.onHand, count: 1)
    try fixture.receive("S-400", lines: [(ids[0], .onHand)], customerPO: "PO-79")

    let report = try await fixture.runOnce()

    let group = try #require(try fixture.openJournal().snapshot(of: "S-400")?.groups.first)
    #expect(report.status == .succeeded)
    #expect(group.checkoutState == .none)
    #expect(fixture.sandbox.state.webOrders.map(\.statusId) == [1])
    #expect(fixture.requestCount("web-order.checkout") == 0)
  }

  @Test func checkoutWithoutUserTokenRejected() throws {
    let fixture = try StageFixture()
    fixture.exchange.ordersCheckout = Sourced(true)

    #expect {
      _ = try fixture.makeStages()
    } throws: { error in
      let text = "\(error)"
      return error is ConfigurationError && text.contains("orders.checkout")
        && text.contains("komet.tokenFiles.user")
    }
  }

  @Test func reserveTakingWholeLimitRejected() throws {
    let fixture = try StageFixture()
    fixture.komet.quota.dailyLimit = Sourced(93)
    fixture.exchange.reserveForOrders = Sourced(200)

    #expect {
      _ = try fixture.makeStages()
    } throws: { error in
      let text = "\(error)"
      return error is ConfigurationError && text.contains("quota.reserveForOrders")
        && text.contains("komet.quota.dailyLimit (93 requests a day)")
    }
  }

  @Test func unreachableKometReported() async throws {
    let fixture = try StageFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 1)
    try fixture.receive("S-500", lines: [(ids[0], .onHand)])
    let port = fixture.sandbox.baseURL
    fixture.sandbox.stop()
    let refusing = try RefusingLoopbackPort(holding: UInt16(try #require(port.port)))
    defer { refusing.release() }

    let report = try await fixture.runOnce()

    let order = try #require(try fixture.openJournal().snapshot(of: "S-500"))
    #expect(report.status == .kometUnreachable)
    #expect(order.lines.map(\.state) == [.received])
    // The refused create may have reached Komet, so it counts as one uncertain attempt.
    #expect(order.groups.first?.createAttempts == 1)
    #expect(try fixture.acknowledgement(of: "S-500")["revision"] as? Int == order.revision)
  }
}
