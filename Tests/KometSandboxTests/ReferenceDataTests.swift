import Foundation
import Testing

@testable import KometSandbox

struct ReferenceDataTests {
  @Test func customerListMatchesSampleExport() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).list("customer.list")

    #expect(response.httpStatus == 200)
    #expect(response.json["status"] as? String == "1")
    #expect(response.message == "OK")
    let customers = response.array("customers")
    #expect(customers.count == 9)
    let dwf = try #require(customers.first { $0["code"] as? String == "DWF" })
    #expect(dwf["id"] as? String == "10012")
    #expect(dwf["name"] as? String == "DWF Wholesale Florists")
    #expect((dwf["active"] as? NSNumber)?.intValue == 1)
  }

  @Test(arguments: [
    (["code": "dwf"], ["10012"]),
    (["name": "dwf"], ["10007", "10012"]),
    (["name": "dwf", "includeInactive": "true"], ["10007", "10012", "10015"]),
    (["id": "10031"], ["10031"]),
  ])
  func customerListFilters(query: [String: String], expectedIds: [String]) async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).list("customer.list", query: query)

    #expect(response.array("customers").compactMap { $0["id"] as? String } == expectedIds)
  }

  @Test func locationListIsSortedByName() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).list("location.list")

    #expect(response.json["status"] as? String == "1")
    let locations = response.array("locations")
    #expect(
      locations.compactMap { $0["id"] as? String } == ["200102", "200104", "200101", "200103"])
    #expect(locations.compactMap { $0["code"] as? String } == ["BOG", "MDE", "MIA", "UIO"])
  }

  @Test func carrierListUsesNumbers() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).list(
      "carrier.list", token: SandboxTokens.vendor, query: ["active": "1"])

    #expect((response.json["status"] as? NSNumber)?.intValue == 1)
    let carriers = response.array("carriers")
    #expect(carriers.compactMap { ($0["id"] as? NSNumber)?.intValue } == [3101, 3102, 3103])
    #expect(carriers.first?["name"] as? String == "Armellini")
  }

  @Test func shipToListGivesDWFShipTos() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).list(
      "customer.shipto.list", query: ["customerId": "10012"])

    let shipTos = response.array("shiptos")
    #expect(shipTos.compactMap { ($0["id"] as? NSNumber)?.intValue } == [61001, 61002, 61003])
    #expect(shipTos.first?["carrierName"] as? String == "Armellini")
    #expect(shipTos.first?["shipToCode"] as? String == "DWF-ATL")
  }

  @Test func shipToListNeedsAFilter() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).list("customer.shipto.list")

    #expect(response.httpStatus == 200)
    #expect(response.status == "0")
    #expect(response.message == "Send at least one of customerId, name or updateAsOf.")
  }

  @Test func boxTypeListIsSortedByCode() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).list("boxtype.list")

    #expect(response.json["status"] as? String == "1")
    let boxTypes = response.array("boxtypes")
    #expect(boxTypes.compactMap { $0["code"] as? String } == ["EB", "FB", "HB", "QB"])
    let half = try #require(boxTypes.first { $0["code"] as? String == "HB" })
    #expect((half["fbe"] as? NSNumber)?.doubleValue == 0.5)
    #expect((half["id"] as? NSNumber)?.intValue == 1057)
  }

  @Test(arguments: [
    ("customer.list", ["id": "12a"], "Parameter id must be an integer of at most 20 digits."),
    ("customer.list", ["code": "ABCDEFGHIJK"], "Parameter code must be at most 10 characters."),
    (
      "customer.list", ["updateAsOf": "2026-02-30"],
      "Parameter updateAsOf must be a date written YYYY-MM-DD."
    ),
    (
      "future.inventory.openmarket.list", ["dateFrom": "2026-03-01"],
      "Parameter dateTo is required."
    ),
    (
      "location.list", ["id": String(repeating: "1", count: 21)],
      "Parameter id must be an integer of at most 20 digits."
    ),
  ])
  func badParameterGetsStatusZero(method: String, query: [String: String], message: String)
    async throws
  {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).list(method, query: query)

    #expect(response.httpStatus == 200)
    #expect(response.status == "0")
    #expect(response.message == message)
  }
}
