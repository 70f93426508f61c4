import Foundation
import Testing

@testable import KometSandbox

struct InventoryTests {
  @Test func openMarketListsOnHandLinesWithBoxes() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).list(
      "inventory.openmarket.list", query: ["locationId": "200101"])

    #expect((response.json["status"] as? NSNumber)?.intValue == 1)
    let items = response.array("inventoryItems")
    // 26 on-hand lines at Miami, less 5100004, which has no boxes.
    #expect(items.count == 25)
    let first = try #require(items.first)
    #expect((first["inventoryId"] as? NSNumber)?.intValue == 5_100_001)
    #expect(first["price"] as? String == "0.45")
    #expect((first["unitsPerBox"] as? NSNumber)?.intValue == 300)
    #expect((first["quantity"] as? NSNumber)?.intValue == 10)
    #expect((first["totalUnits"] as? NSNumber)?.intValue == 3000)
  }

  @Test func futureListKeepsToDateWindow() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).list(
      "future.inventory.openmarket.list", query: ["dateFrom": "2026-03-09", "dateTo": "2026-03-09"])

    let items = response.array("inventoryItems")
    #expect(!items.isEmpty)
    #expect(items.allSatisfy { $0["availableDate"] as? String == "2026-03-09" })
    #expect(items.allSatisfy { (($0["inventoryId"] as? NSNumber)?.intValue ?? 0) >= 7_300_001 })
  }

  @Test func futureListRejectsReversedWindow() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).list(
      "future.inventory.openmarket.list", query: ["dateFrom": "2026-03-09", "dateTo": "2026-03-01"])

    #expect(response.status == "0")
    #expect(response.message == "Parameter dateFrom must not be after dateTo.")
  }

  @Test func eCommerceListPagesThirtyByDefault() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)
    let query = ["customerId": "10012", "companyLocationId": "200101"]

    let first = try await client.headerGet("ecommerce/inventory.list", query: query)
    let second = try await client.headerGet(
      "ecommerce/inventory.list", query: query.merging(["page": "2"]) { $1 })

    #expect(first.json["status"] as? String == "1")
    #expect((first.json["total"] as? NSNumber)?.intValue == 35)
    #expect(first.array("inventoryItems").count == 30)
    #expect(second.array("inventoryItems").count == 5)
    let ids = (first.array("inventoryItems") + second.array("inventoryItems"))
      .compactMap { $0["inventoryId"] as? String }
    #expect(Set(ids).count == 35)
  }

  @Test(arguments: [(1, 7, 7), (5, 7, 7), (6, 7, 0), (2, 20, 15)])
  func eCommerceListPagesByRows(page: Int, rows: Int, expectedCount: Int) async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).headerGet(
      "ecommerce/inventory.list",
      query: [
        "customerId": "10012", "companyLocationId": "200101", "page": String(page),
        "rows": String(rows),
      ])

    #expect((response.json["total"] as? NSNumber)?.intValue == 35)
    #expect(response.array("inventoryItems").count == expectedCount)
  }

  @Test func eCommerceIdsMatchOpenMarketLists() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)

    let eCommerce = try await client.headerGet(
      "ecommerce/inventory.list",
      query: ["customerId": "10012", "companyLocationId": "200101", "rows": "100"])
    let onHand = try await client.list(
      "inventory.openmarket.list", query: ["locationId": "200101"])
    let future = try await client.list(
      "future.inventory.openmarket.list",
      query: ["dateFrom": "2026-03-01", "dateTo": "2026-05-01", "locationId": "200101"])

    let byOrigin = Dictionary(grouping: eCommerce.array("inventoryItems")) {
      ($0["inventoryOrigin"] as? NSNumber)?.intValue ?? 0
    }
    let ids = { (rows: [[String: Any]]) in
      Set(rows.compactMap { ($0["inventoryId"] as? NSNumber)?.stringValue })
    }
    let eCommerceIds = { (origin: Int) in
      Set((byOrigin[origin] ?? []).compactMap { $0["inventoryId"] as? String })
    }
    #expect(eCommerceIds(1) == ids(onHand.array("inventoryItems")))
    #expect(eCommerceIds(2) == ids(future.array("inventoryItems")))
    #expect(eCommerceIds(2).count == 10)
  }

  @Test func eCommerceListNeedsLocation() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).headerGet(
      "ecommerce/inventory.list", query: ["customerId": "10012"])

    #expect(response.status == "0")
    #expect(response.message == "Parameter companyLocationId is required.")
  }

  @Test func eCommerceListRejectsPageZero() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).headerGet(
      "ecommerce/inventory.list",
      query: ["customerId": "10012", "companyLocationId": "200101", "page": "0"])

    #expect(response.status == "0")
    #expect(response.message == "Parameter page must be from 1 to 1000000.")
  }
}
