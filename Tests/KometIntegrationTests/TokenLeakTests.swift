import Foundation
import Komet
import KometClient
import KometSandbox
import LoopbackHTTP
import Testing

/// Scans everything a session wrote for the sandbox tokens, whole and percent-encoded.
struct TokenLeakTests {
  @Test func sessionLeavesNoTokenAnywhere() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()
    fixture.sandbox.faults.add(
      .status(500), matching: .init(method: "GET", path: "/api/carrier.list"), times: 1)

    _ = try await client.ecommerceInventoryList(
      EcommerceInventoryListRequest(customerId: Seeded.customerId, companyLocationId: Seeded.miami))
    _ = try await client.carriers()
    let order = try await fixture.createOrder(on: client)
    _ = try await client.checkoutWebOrder(
      WebOrderCheckoutRequest(
        customerId: Seeded.customerId, webOrderId: order, companyLocationId: Seeded.miami))
    let rejection = await clientError { () async throws(KometClientError) in
      try await client.addWebOrderItems(
        WebOrderItemAddRequest(
          customerId: Seeded.customerId, webOrderId: order, inventoryIds: [Seeded.soldOutLine],
          inventoryOrigin: .onHand, price: 1, quantity: 1, carrierId: Seeded.carrierId))
    }
    let statePath = fixture.folder.appendingPathComponent("sandbox-state.json").path
    try fixture.sandbox.saveState(to: statePath)

    let printed = rejection.map(TokenScan.printedForms(of:)) ?? []
    #expect(fixture.logs.lines.count > 5)
    #expect(try fixture.findLeaks(alsoIn: printed) == [])
  }

  @Test func connectionFailureLeavesNoToken() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()
    _ = try await client.locations()
    let port = fixture.sandbox.port
    fixture.sandbox.stop()
    // Holding the freed port keeps another test's server from taking it meanwhile.
    let refusing = try RefusingLoopbackPort(holding: port)
    defer { refusing.release() }

    // location.list carries its token in the query, which Foundation's error would show.
    let error = await clientError { () async throws(KometClientError) in
      try await client.locations()
    }

    guard case .transport(let failure) = error else {
      Issue.record("expected a transport failure, got \(String(describing: error))")
      return
    }
    let printed = TokenScan.printedForms(of: try #require(error))
    #expect(failure.attempts == 3)
    #expect(fixture.logs.lines.contains { $0.contains("location.list") })
    #expect(try fixture.findLeaks(alsoIn: printed) == [])
  }
}
