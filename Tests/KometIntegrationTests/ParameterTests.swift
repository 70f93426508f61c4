import Foundation
import Komet
import KometClient
import KometSandbox
import Testing

/// Optional parameters as the client encodes them and the sandbox reads them.
struct ParameterTests {
  @Test(arguments: [false, true])
  func customerListIncludesInactiveOnRequest(includeInactive: Bool) async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()

    let list = try await client.customers(CustomerListRequest(includeInactive: includeInactive))

    let hasOldAccount = list.customers.contains { $0.id == KometID("10015") }
    #expect(hasOldAccount == includeInactive)
    #expect(fixture.sandbox.requestLog.last?.httpStatus == 200)
  }

  @Test func carrierListFiltersActive() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()

    let list = try await client.carriers(CarrierListRequest(active: true))

    #expect(list.carriers.map(\.id.digits).sorted() == ["3101", "3102", "3103"])
  }

  @Test func shipToListFiltersByUpdatedSince() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()

    let list = try await client.shipTos(
      ShipToListRequest(customerId: Seeded.customerId, updatedSince: KometDate("2024-02-01")))

    #expect(list.shiptos.map(\.id.digits) == ["61003"])
  }

  @Test func ecommerceListTakesReservedAndDate() async throws {
    let fixture = try SandboxFixture()
    let client = try fixture.makeClient()
    let lines = fixture.sandbox.state.inventory.filter {
      $0.locationId == Seeded.miami.digits && $0.availableBoxes > 0
    }
    let earliest = try #require(lines.map(\.availableDate).min())
    var request = EcommerceInventoryListRequest(
      customerId: Seeded.customerId, companyLocationId: Seeded.miami)
    request.reservedInventory = false
    request.availableDate = KometDate(earliest)

    let items = try await client.ecommerceInventoryList(request)

    #expect(items.count == lines.filter { $0.availableDate <= earliest }.count)
    #expect(fixture.sandbox.requestLog.allSatisfy { $0.httpStatus == 200 })
  }
}
