import Foundation
import Komet
import KometClient
import KometSandbox
import Testing

/// Every method through the client against the seeded sandbox.
struct MethodTests {
  @Test func ecommerceInventoryPagesOverAllLines() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()

    let items = try await client.ecommerceInventoryList(
      EcommerceInventoryListRequest(customerId: Seeded.customerId, companyLocationId: Seeded.miami))

    // The sandbox seeds 36 lines at Miami but lists only the 35 with boxes left, because
    // line 5100004 is sold out.
    let seededIds = fixture.sandbox.state.inventory
      .filter { $0.locationId == Seeded.miami.digits && $0.availableBoxes > 0 }.map(\.inventoryId)
    let seededCount = fixture.sandbox.state.inventory.filter {
      $0.locationId == Seeded.miami.digits
    }.count
    #expect(seededCount == 36)
    #expect(items.count == 35)
    #expect(!items.contains { $0.inventoryId == Seeded.soldOutLine })
    #expect(Set(items.map(\.inventoryId.digits)) == Set(seededIds))
    #expect(fixture.loggedPaths == Array(repeating: "/api/ecommerce/inventory.list", count: 2))
    #expect(fixture.sandbox.requestLog.allSatisfy { $0.httpStatus == 200 })
    #expect(items.allSatisfy { $0.price != nil })
    #expect(items.allSatisfy { $0.unitsPerBox != nil })
  }

  @Test func ecommerceInventoryPagesBySmallRows() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()

    let items = try await client.ecommerceInventoryList(
      EcommerceInventoryListRequest(
        customerId: Seeded.customerId, companyLocationId: Seeded.miami, rows: 10))

    #expect(items.count == 35)
    #expect(Set(items.map(\.inventoryId)).count == 35)
    #expect(fixture.loggedPaths.count == 4)
  }

  @Test func openMarketListsOnHandLines() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()

    let list = try await client.openMarketInventory(
      OpenMarketInventoryListRequest(locationId: Seeded.miami, customerId: Seeded.customerId))

    let first = try #require(list.inventoryItems.first)
    let seeded = try #require(
      fixture.sandbox.state.inventory.first { $0.inventoryId == first.inventoryId.digits })
    // 26 lines are on hand at Miami, and the sold-out one is not listed.
    #expect(list.inventoryItems.count == 25)
    #expect(first.price == Decimal(string: seeded.price))
    #expect(first.unitsPerBox == seeded.unitsPerBox)
    #expect(first.quantity == seeded.availableBoxes)
  }

  @Test func futureOpenMarketListsDateWindow() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()
    let future = fixture.sandbox.state.inventory.filter {
      $0.locationId == Seeded.miami.digits && $0.origin == .future
    }
    let dates = future.compactMap { KometDate($0.availableDate) }.sorted()
    let first = try #require(dates.first)
    let last = try #require(dates.last)

    let list = try await client.futureOpenMarketInventory(
      FutureOpenMarketInventoryListRequest(
        dateFrom: first, dateTo: last, locationId: Seeded.miami, customerId: Seeded.customerId))

    let entry = try #require(fixture.sandbox.requestLog.last)
    #expect(entry.method == "GET")
    #expect(entry.httpStatus == 200)
    #expect(list.inventoryItems.count == future.count)
  }

  @Test func customerListHoldsDWF() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()

    let list = try await client.customers()

    let dwf = try #require(list.customers.first { $0.id == Seeded.customerId })
    #expect(dwf.code == "DWF")
    #expect(dwf.active == true)
    #expect(list.customers.count >= 9)
  }

  @Test func locationListHoldsFourLocations() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()

    let list = try await client.locations()

    #expect(list.locations.map(\.id.digits).sorted() == Seeded.locationIds)
    #expect(list.locations.first { $0.id == Seeded.miami }?.code == "MIA")
  }

  @Test func carrierListHoldsArmellini() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()

    let list = try await client.carriers()

    let carrier = try #require(list.carriers.first { $0.id == Seeded.carrierId })
    #expect(carrier.code == "ARM")
    #expect(carrier.active == true)
    #expect(list.carriers.first { $0.id == KometID("3104") }?.active == false)
  }

  @Test func shipToListHoldsDWFShipTos() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()

    let list = try await client.shipTos(ShipToListRequest(customerId: Seeded.customerId))

    #expect(list.shiptos.map(\.id.digits).sorted() == ["61001", "61002", "61003"])
    #expect(list.shiptos.first { $0.id == Seeded.shipToId }?.shipToCode == "DWF-ATL")
  }

  @Test func boxTypeListHoldsCodes() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()

    let list = try await client.boxTypes()

    let seeded = fixture.sandbox.state.boxTypes
    #expect(list.boxtypes.count == seeded.count)
    #expect(Set(list.boxtypes.map(\.code)) == Set(seeded.map(\.code)))
  }

  @Test(arguments: [WebOrderStatus.pending, .checkedOut])
  func detailsListFiltersByStatus(status: WebOrderStatus) async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()
    let pending = try await fixture.createOrder(on: client)
    let checkedOut = try await fixture.createOrder(on: client)
    _ = try await client.checkoutWebOrder(
      WebOrderCheckoutRequest(
        customerId: Seeded.customerId, webOrderId: checkedOut,
        companyLocationId: Seeded.miami))
    let expectedOrder = status == .pending ? pending : checkedOut

    let details = try await client.webOrderDetails(
      WebOrderDetailsListRequest(
        customerId: Seeded.customerId, webOrderId: expectedOrder, companyLocationId: Seeded.miami,
        statusId: status))

    let order = try #require(details.webOrders.first)
    #expect(details.webOrders.count == 1)
    #expect(order.id == expectedOrder)
    #expect(order.statusId == status.rawValue)
  }

  @Test func checkoutUsesUserToken() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()
    let created = try await fixture.createOrder(on: client)

    let result = try await client.checkoutWebOrder(
      WebOrderCheckoutRequest(
        customerId: Seeded.customerId, webOrderId: created, customerPo: "PO-77",
        companyLocationId: Seeded.miami))

    let entry = try #require(fixture.sandbox.requestLog.last)
    let tokenHeader = entry.headers.first { $0.name.lowercased() == "authenticationtoken" }
    let order = try #require(
      fixture.sandbox.state.webOrders.first { $0.id == created.digits })
    #expect(result.webOrderId == created)
    #expect(entry.path == "/api/web-order.checkout")
    #expect(tokenHeader?.value.hasPrefix(String(SandboxTokens.user.prefix(4))) == true)
    #expect(order.statusId == 2)
    #expect(order.customerPo == "PO-77")
  }

  @Test func deleteCancelsWebOrder() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()
    let created = try await client.createWebOrder(
      WebOrderCreateRequest(customerId: Seeded.customerId, companyLocationId: Seeded.miami))

    let result = try await client.deleteWebOrder(
      WebOrderDeleteRequest(customerId: Seeded.customerId, webOrderId: created.webOrderId))

    let order = try #require(
      fixture.sandbox.state.webOrders.first { $0.id == created.webOrderId.digits })
    #expect(result.webOrderId == created.webOrderId)
    #expect(order.isCanceled)
    #expect(try fixture.findLeaks().isEmpty)
  }
}
