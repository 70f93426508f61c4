import Foundation
import Komet
import KometClient
import KometSandbox
import Testing

/// Web orders written through the client, read back, and checked in the sandbox's state.
struct WebOrderRoundTripTests {
  static let first = KometID("5100001")!
  static let second = KometID("5100002")!

  @Test func roundTripStoresExactlyTwoLines() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()
    let boxesBefore = [fixture.boxes(Self.first), fixture.boxes(Self.second)]

    let created = try await client.createWebOrder(
      WebOrderCreateRequest(customerId: Seeded.customerId, companyLocationId: Seeded.miami))
    let firstAdd = try await client.addWebOrderItems(
      fixture.addRequest(Self.first, quantity: 2, to: created.webOrderId))
    let secondAdd = try await client.addWebOrderItems(
      fixture.addRequest(Self.second, quantity: 3, to: created.webOrderId))
    let details = try await client.webOrderDetails(
      WebOrderDetailsListRequest(
        customerId: Seeded.customerId, webOrderId: created.webOrderId,
        companyLocationId: Seeded.miami, statusId: .pending))

    let order = try #require(details.webOrders.first)
    let addedItemIds = firstAdd.webOrderItemIds + secondAdd.webOrderItemIds
    #expect(firstAdd.webOrderId == created.webOrderId)
    #expect(secondAdd.webOrderId == created.webOrderId)
    #expect(addedItemIds.count == 2)
    #expect(order.id == created.webOrderId)
    #expect(order.customerId == Seeded.customerId)
    #expect(order.companyLocationId == Seeded.miami)
    #expect(order.items.compactMap(\.webOrderItemId) == addedItemIds)

    let dumped = try JSONDecoder().decode(SandboxState.self, from: fixture.sandbox.dumpState())
    let stored = try #require(dumped.webOrders.first { $0.id == created.webOrderId.digits })
    #expect(dumped.webOrders.count == 1)
    #expect(stored.items.map(\.inventoryId) == [Self.first.digits, Self.second.digits])
    #expect(stored.items.map(\.quantity) == [2, 3])
    #expect(stored.items.map(\.webOrderItemId) == addedItemIds.map(\.digits))
    #expect(stored.customerId == Seeded.customerId.digits)
    let boxesAfter = [Self.first, Self.second].map { id in
      dumped.inventory.first { $0.inventoryId == id.digits }?.availableBoxes
    }
    #expect(boxesAfter[0] == boxesBefore[0].map { $0 - 2 })
    #expect(boxesAfter[1] == boxesBefore[1].map { $0 - 3 })
    #expect(try fixture.findLeaks().isEmpty)
  }

  @Test func soldOutLineIsTypedRejection() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()
    let created = try await client.createWebOrder(
      WebOrderCreateRequest(customerId: Seeded.customerId, companyLocationId: Seeded.miami))
    let request = try fixture.addRequest(Seeded.twoBoxLine, quantity: 3, to: created.webOrderId)

    let error = await clientError { () async throws(KometClientError) in
      try await client.addWebOrderItems(request)
    }

    guard case .komet(.rejected(let rejection)) = error else {
      Issue.record("expected a rejection, got \(String(describing: error))")
      return
    }
    #expect(rejection.method == .webOrderItemAdd)
    #expect(rejection.message == "Item is not available")
    #expect(rejection.availableBoxes == 2)
    #expect(fixture.boxes(Seeded.twoBoxLine) == 2)
    #expect(fixture.sandbox.state.webOrders.first?.items.isEmpty == true)
  }

  @Test func unknownInventoryIsTypedRejection() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()
    let created = try await client.createWebOrder(
      WebOrderCreateRequest(customerId: Seeded.customerId, companyLocationId: Seeded.miami))
    var request = try fixture.addRequest(Seeded.twoBoxLine, quantity: 1, to: created.webOrderId)
    request.inventoryIds = [KometID("5199999")!]

    let error = await clientError { () async throws(KometClientError) in
      try await client.addWebOrderItems(request)
    }

    guard case .komet(.rejected(let rejection)) = error else {
      Issue.record("expected a rejection, got \(String(describing: error))")
      return
    }
    #expect(
      rejection.message
        == "Inventory item 5199999 was not found for origin 1 at location 200101.")
    #expect(fixture.sandbox.state.webOrders.first?.items.isEmpty == true)
  }
}
