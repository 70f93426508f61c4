import Foundation
import Komet
import KometClient
import KometSandbox
import Testing

/// Faults injected by the sandbox's server, as the client meets them.
struct FaultTests {
  @Test func getRetriedAfterOneServerError() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()
    fixture.sandbox.faults.add(
      .status(500), matching: .init(method: "GET", path: "/api/location.list"), times: 1)

    let list = try await client.locations()

    let retries = fixture.logs.records.filter { $0.message == "Komet request failed, retrying" }
    #expect(list.locations.count == 4)
    #expect(retries.count == 1)
    #expect(retries.first?.metadata["komet.retry_reason"] == "HTTP 500")
    #expect(fixture.sandbox.faults.pendingCount == 0)
    // The fault skips the handler, so only the retry reached the request log.
    #expect(fixture.loggedPaths == ["/api/location.list"])
  }

  @Test func closeAfterStoringLineIsOutcomeUnknown() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()
    let created = try await client.createWebOrder(
      WebOrderCreateRequest(customerId: Seeded.customerId, companyLocationId: Seeded.miami))
    let request = try fixture.addRequest(
      KometID("5100001")!, quantity: 1, to: created.webOrderId)
    fixture.sandbox.faults.add(
      .closeAfterHandler, matching: .init(method: "POST", path: "/api/web-order-item.add"))

    let error = await clientError { () async throws(KometClientError) in
      try await client.addWebOrderItems(request)
    }

    guard case .outcomeUnknown(let method, _, _) = error else {
      Issue.record("expected outcomeUnknown, got \(String(describing: error))")
      return
    }
    let order = try #require(fixture.sandbox.state.webOrders.first)
    #expect(method == .webOrderItemAdd)
    #expect(order.items.map(\.inventoryId) == ["5100001"])
    #expect(fixture.loggedPaths.filter { $0 == "/api/web-order-item.add" }.count == 1)
  }

  @Test func postDelayedPastTimeoutIsOutcomeUnknown() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient { configuration in
      configuration.requestTimeout = 0.5
      configuration.resourceTimeout = 0.5
    }
    fixture.sandbox.faults.add(
      .delay(.milliseconds(1500)), matching: .init(method: "POST", path: "/api/web-order.create"))

    let error = await clientError { () async throws(KometClientError) in
      try await client.createWebOrder(
        WebOrderCreateRequest(customerId: Seeded.customerId, companyLocationId: Seeded.miami))
    }

    guard case .outcomeUnknown(let method, _, .transport(let failure)) = error else {
      Issue.record("expected outcomeUnknown, got \(String(describing: error))")
      return
    }
    #expect(method == .webOrderCreate)
    #expect(failure.attempts == 1)

    // On a loaded machine the request may reach the sandbox only after the client gave up, or
    // not at all once the client closed the connection, so the log is polled for a while and
    // may stay empty. What must hold is that the POST was never sent a second time.
    let deadline = ContinuousClock.now + .seconds(5)
    while fixture.loggedPaths.isEmpty, ContinuousClock.now < deadline {
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(fixture.loggedPaths.count <= 1)
    #expect(fixture.loggedPaths.allSatisfy { $0 == "/api/web-order.create" })
  }
}
