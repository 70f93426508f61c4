import Configuration
import Exchange
import Foundation
import Komet
import KometSandbox
import OrderJournal
import Testing

/// A Customer token that Komet rejects, such as one rotated in Komet: the order pass stops as
/// a configuration problem, and the acknowledgements keep the lines `received`.
struct RejectedTokenTests {
  @Test func passStopsAsConfigurationUnusable() async throws {
    let fixture = try StageFixture()
    let ids = try fixture.inventoryIds(.onHand, count: 2)
    try fixture.receive("T-100", lines: ids.map { ($0, .onHand) })
    try fixture.receive("T-101", lines: [(ids[0], .onHand)])
    fixture.komet.customerToken = Sourced(
      try Token(role: .customer, secret: "WRONGSECRETVALUEabcdefghijk12"),
      from: .tokenFile(path: "/srv/dwf/customer.token"))

    let report = try await fixture.runOnce()

    let journal = try fixture.openJournal()
    let first = try #require(try journal.snapshot(of: "T-100"))
    let second = try #require(try journal.snapshot(of: "T-101"))
    let ack = try fixture.acknowledgement(of: "T-100")
    let ackLines = try #require(ack["lines"] as? [[String: Any]])
    #expect(report.status == .configurationUnusable)
    #expect(first.lines.map(\.state) == [.received, .received])
    #expect(second.lines.map(\.state) == [.received])
    #expect(ackLines.map { $0["state"] as? String } == ["received", "received"])
    #expect(fixture.sandbox.state.webOrders.isEmpty)
    #expect(fixture.requestCount("web-order.create") == 1)
    let stopLog = fixture.logs.records.first {
      $0.message == "Orders not placed, because the configuration is unusable"
    }
    #expect(stopLog?.metadata["error"]?.contains("Customer token") == true)
    #expect(stopLog?.metadata["error"]?.contains("WRONGSECRETVALUE") == false)

    // With the token fixed, the next pass places both orders.
    fixture.komet.customerToken = Sourced(
      try Token(role: .customer, secret: SandboxTokens.customer))
    let fixed = try await fixture.runOnce()

    let placed = try #require(try fixture.openJournal().snapshot(of: "T-100"))
    #expect(fixed.status == .succeeded)
    #expect(placed.lines.map(\.state) == [.accepted, .accepted])
  }
}
