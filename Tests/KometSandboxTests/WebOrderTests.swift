import Foundation
import Testing

@testable import KometSandbox

struct WebOrderTests {
  @Test func createReturnsStringIds() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).headerPost(
      "web-order.create",
      body: ["customerId": 10012, "companyId": 4242, "companyLocationId": 200101])

    #expect(response.httpStatus == 200)
    #expect(response.json["status"] as? String == "1")
    #expect(response.message == "Web order was successfully created.")
    #expect(response.json["webOrderId"] as? String == "30200")
    let order = try #require(sandbox.state.webOrders.first)
    #expect(order.customerId == "10012")
    #expect(order.companyLocationId == "200101")
    #expect(order.statusId == 1)
    #expect(order.items.isEmpty)
  }

  @Test func createRejectsOtherCompany() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).headerPost(
      "web-order.create",
      body: ["customerId": "10012", "companyId": "1313", "companyLocationId": "200101"])

    #expect(response.status == "0")
    #expect(response.message == "Company 1313 is not the company of this account.")
    #expect(sandbox.state.webOrders.isEmpty)
  }

  @Test func itemAddStoresLineAndTakesBoxes() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)
    let orderId = try await client.createOrder()

    let response = try await client.addItem("5100001", quantity: 4, webOrderId: orderId)

    #expect(response.json["status"] as? String == "1")
    #expect(response.json["webOrderId"] as? String == orderId)
    #expect(response.json["webOrderItemId"] as? String == "880001")
    #expect(boxes(sandbox, "5100001") == 6)
    let item = try #require(sandbox.state.webOrders.first?.items.first)
    #expect(item.inventoryId == "5100001")
    #expect(item.quantity == 4)
    #expect(item.price == "0.45")
    #expect(item.carrierId == "3101")
    #expect(item.shipToId == "61001")
    #expect(item.markCode == "DWF-ATL")
  }

  @Test func itemAddWithoutOrderFindsPendingOrder() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)

    let first = try await client.addItem("5100001", quantity: 1)
    let second = try await client.addItem("7300001", quantity: 1, origin: 2)

    let orderId = try #require(first.json["webOrderId"] as? String)
    #expect(second.json["webOrderId"] as? String == orderId)
    #expect(sandbox.state.webOrders.count == 1)
    #expect(sandbox.state.webOrders.first?.items.map(\.inventoryOrigin) == [1, 2])
  }

  @Test func soldOutItemGetsAvailableBoxes() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)

    let response = try await client.addItem("5100003", quantity: 3)

    #expect(response.httpStatus == 200)
    #expect(response.status == "0")
    #expect(response.message == "Item is not available")
    #expect((response.json["availableBoxes"] as? NSNumber)?.intValue == 2)
    #expect(boxes(sandbox, "5100003") == 2)
    #expect(sandbox.state.webOrders.allSatisfy { $0.items.isEmpty })
  }

  @Test(arguments: [("9999999", 1), ("5100001", 2), ("7300001", 1)])
  func unknownItemIsRejected(inventoryId: String, origin: Int) async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).addItem(
      inventoryId, quantity: 1, origin: origin)

    #expect(response.status == "0")
    #expect(
      response.message
        == "Inventory item \(inventoryId) was not found for origin \(origin) at location 200101.")
    #expect((response.json["availableBoxes"] as? NSNumber)?.intValue == 0)
  }

  @Test(arguments: [
    ("quantity", 0 as any Sendable, "Parameter quantity must be from 1 to \(Int.max)."),
    ("price", "1.234" as any Sendable, "Parameter price must be a decimal with at most 2 places."),
    ("date", "05/03/2026" as any Sendable, "Parameter date must be a date written YYYY-MM-DD."),
    ("carrierId", 3104 as any Sendable, "Carrier 3104 was not found or is inactive."),
    ("shipToId", 61010 as any Sendable, "Ship-to 61010 was not found for customer 10012."),
    (
      "markCode", String(repeating: "M", count: 21) as any Sendable,
      "Parameter markCode must be at most 20 characters."
    ),
    ("inventoryOrigin", 3 as any Sendable, "Inventory origin 3 has no inventory in this company."),
  ])
  func itemAddChecksParameters(name: String, value: any Sendable, message: String) async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    var body: [String: Any] = [
      "customerId": "10012", "inventoryIds": "5100001", "inventoryOrigin": 1, "price": 0.45,
      "quantity": 1, "carrierId": "3101", "date": "2026-03-05", "companyLocationId": "200101",
    ]
    body[name] = value

    let response = try await SandboxClient(sandbox).headerPost("web-order-item.add", body: body)

    #expect(response.status == "0")
    #expect(response.message == message)
    #expect(boxes(sandbox, "5100001") == 10)
  }

  @Test func detailsListFollowsStatus() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)
    let orderId = try await client.createOrder()
    _ = try await client.addItem("5100002", quantity: 2, webOrderId: orderId)
    let query = ["customerId": "10012", "webOrderId": orderId, "companyLocationId": "200101"]

    let pending = try await client.headerGet("web-order-details.list", query: query)
    let checkout = try await client.headerPost(
      "web-order.checkout", token: SandboxTokens.user,
      body: [
        "customerId": 10012, "webOrderId": Int(orderId)!, "customerPo": "292644",
        "companyLocationId": 200101,
      ])
    let afterDefault = try await client.headerGet("web-order-details.list", query: query)
    let afterTwo = try await client.headerGet(
      "web-order-details.list", query: query.merging(["statusId": "2"]) { $1 })

    let order = try #require(pending.array("webOrders").first)
    #expect((order["statusId"] as? NSNumber)?.intValue == 1)
    let items = try #require(order["items"] as? [[String: Any]])
    #expect(items.count == 1)
    #expect((items.first?["webOrderItemId"] as? NSNumber)?.intValue == 880001)
    #expect(items.first?["id"] as? String == "\(orderId)-880001")
    // The line was sent at 0.45 a stem, and line 5100002 has 150 stems a box: 2 boxes.
    #expect(order["subtotal"] as? String == "135.00")
    #expect(order["total"] as? String == "135.00")

    #expect(checkout.json["status"] as? String == "1")
    #expect(checkout.message == "The Web Order was successfully checked out.")
    #expect(checkout.json["webOrderId"] as? String == orderId)
    #expect(afterDefault.array("webOrders").isEmpty)
    #expect((afterTwo.array("webOrders").first?["statusId"] as? NSNumber)?.intValue == 2)
    #expect(sandbox.state.webOrders.first?.customerPo == "292644")
  }

  @Test func detailsListAnswersOnV2Path() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)
    let orderId = try await client.createOrder()

    let response = try await client.headerGet(
      "v2/web-order-details.list",
      query: ["customerId": "10012", "webOrderId": orderId, "companyLocationId": "200101"])

    #expect(response.array("webOrders").count == 1)
  }

  @Test func checkoutNeedsUserToken() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)
    let orderId = try await client.createOrder()
    _ = try await client.addItem("5100001", quantity: 1, webOrderId: orderId)

    let response = try await client.headerPost(
      "web-order.checkout",
      body: ["customerId": "10012", "webOrderId": orderId, "companyLocationId": "200101"])

    #expect(response.httpStatus == 401)
    #expect(response.message == "A Customer token is not allowed to call web-order.checkout.")
    #expect(sandbox.state.webOrders.first?.statusId == 1)
  }

  @Test func checkoutRejectsEmptyOrder() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)
    let orderId = try await client.createOrder()

    let response = try await client.headerPost(
      "web-order.checkout", token: SandboxTokens.user,
      body: ["customerId": "10012", "webOrderId": orderId, "companyLocationId": "200101"])

    #expect(response.status == "0")
    #expect(response.message == "Web order \(orderId) has no items to check out.")
  }

  @Test func deleteRestoresBoxes() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)
    let orderId = try await client.createOrder()
    _ = try await client.addItem("5100001", quantity: 4, webOrderId: orderId)
    _ = try await client.addItem("5100003", quantity: 2, webOrderId: orderId)
    #expect(boxes(sandbox, "5100003") == 0)

    let response = try await client.headerPost(
      "web-order.delete", body: ["customerId": "10012", "webOrderId": orderId])
    let again = try await client.headerPost(
      "web-order.delete", body: ["customerId": "10012", "webOrderId": orderId])

    #expect(response.json["status"] as? String == "1")
    #expect(response.message == "The Web Order was successfully canceled.")
    #expect(response.json["webOrderId"] as? String == orderId)
    #expect(boxes(sandbox, "5100001") == 10)
    #expect(boxes(sandbox, "5100003") == 2)
    #expect(sandbox.state.webOrders.first?.isCanceled == true)
    #expect(again.status == "0")
    #expect(again.message == "Web order \(orderId) was canceled.")
  }
}
