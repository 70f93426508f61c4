import Foundation
import Komet
import KometClient
import LoopbackHTTP
import Testing

/// The canned answer of the scripted server for each method's path.
enum CannedBodies {
  static func body(forPath path: String) -> String {
    switch path {
    case "/api/ecommerce/inventory.list":
      return """
        {"status":"1","message":"ok","total":"1","inventoryItems":[{"inventoryId":"501",\
        "price":"12.50","quantity":"4","unitsPerBox":"25"}]}
        """
    case "/api/inventory.openmarket.list", "/api/future.inventory.openmarket.list":
      return """
        {"status":1,"inventoryItems":[{"inventoryId":"601","price":"0.45","quantity":"10"}]}
        """
    case "/api/web-order.create", "/api/web-order.delete", "/api/web-order.checkout":
      return #"{"status":"1","message":"done","webOrderId":"9001"}"#
    case "/api/web-order-item.add":
      return #"{"status":1,"message":"added","webOrderId":9001,"webOrderItemIds":[77,78]}"#
    case "/api/web-order-details.list":
      return #"{"status":"1","webOrders":[{"id":"9001","statusId":"1","total":"51.00"}]}"#
    case "/api/customer.list":
      return #"{"status":"1","customers":[{"id":"7122","name":"DWF"}]}"#
    case "/api/location.list":
      return #"{"status":"1","locations":[{"id":"12","name":"Miami"}]}"#
    case "/api/carrier.list":
      return #"{"carriers":[{"id":"31","code":"FX","name":"FedEx"}]}"#
    case "/api/customer.shipto.list":
      return #"{"status":"1","shiptos":[{"id":"44","name":"Dock 2"}]}"#
    case "/api/boxtype.list":
      return #"{"status":"1","boxtypes":[{"id":"3","code":"HB","fbe":"0.50"}]}"#
    default:
      return #"{"status":"0","message":"unknown method"}"#
    }
  }
}

struct MethodCallTests {
  static let customer = KometID("7122")!
  static let order = KometID("9001")!

  @Test(arguments: KometMethod.allCases)
  func methodReturnsTypedResponse(method: KometMethod) async throws {
    let komet = try ScriptedKomet { .json(CannedBodies.body(forPath: $0.path)) }
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: komet.apiURL)

    try await call(method, on: client)

    let received = try #require(komet.log.requests.first)
    #expect(komet.log.requests.count == 1)
    #expect(received.path == "/api/" + method.specification.path)
    #expect(received.method == method.specification.httpMethod.rawValue)
    #expect(received.headers["Accept"] == "application/json")
    #expect(try fixture.findLeak() == nil)
  }

  /// Calls `method` with typical parameters and checks one value of the typed response.
  private func call(_ method: KometMethod, on client: KometClient) async throws {
    let customer = Self.customer
    let order = Self.order
    let date = KometDate(year: 2026, month: 12, day: 4)!
    switch method {
    case .ecommerceInventoryList:
      let page = try await client.ecommerceInventoryPage(
        EcommerceInventoryListRequest(customerId: customer))
      #expect(page.items.first?.price == Decimal(string: "12.50"))
    case .openMarketInventoryList:
      let list = try await client.openMarketInventory()
      #expect(list.inventoryItems.first?.inventoryId == KometID("601"))
    case .futureOpenMarketInventoryList:
      let list = try await client.futureOpenMarketInventory(
        FutureOpenMarketInventoryListRequest(dateFrom: date, dateTo: date))
      #expect(list.inventoryItems.first?.quantity == 10)
    case .webOrderCreate:
      let result = try await client.createWebOrder(WebOrderCreateRequest(customerId: customer))
      #expect(result.webOrderId == order)
    case .webOrderItemAdd:
      let result = try await client.addWebOrderItems(
        WebOrderItemAddRequest(
          customerId: customer, webOrderId: order, inventoryIds: [KometID("501")!],
          inventoryOrigin: .onHand, price: Decimal(string: "12.50")!, quantity: 2,
          carrierId: KometID("31")!))
      #expect(result.webOrderItemIds == [KometID("77")!, KometID("78")!])
    case .webOrderDetailsList:
      let details = try await client.webOrderDetails(
        WebOrderDetailsListRequest(customerId: customer, webOrderId: order, statusId: .pending))
      #expect(details.webOrders.first?.total == Decimal(string: "51.00"))
    case .webOrderDelete:
      let result = try await client.deleteWebOrder(
        WebOrderDeleteRequest(customerId: customer, webOrderId: order))
      #expect(result.message == "done")
    case .webOrderCheckout:
      let result = try await client.checkoutWebOrder(
        WebOrderCheckoutRequest(customerId: customer, webOrderId: order, customerPo: "PO-1"))
      #expect(result.webOrderId == order)
    case .customerList:
      #expect(try await client.customers().customers.first?.id == customer)
    case .locationList:
      #expect(try await client.locations().locations.first?.name == "Miami")
    case .carrierList:
      #expect(try await client.carriers().carriers.first?.code == "FX")
    case .customerShipToList:
      let list = try await client.shipTos(ShipToListRequest(customerId: customer))
      #expect(list.shiptos.first?.name == "Dock 2")
    case .boxTypeList:
      #expect(try await client.boxTypes().boxtypes.first?.fbe == Decimal(string: "0.50"))
    }
  }

  @Test func inventoryListReadsAllPages() async throws {
    // Seven items in pages of three: pages 1 and 2 are full, page 3 has one item.
    let komet = try ScriptedKomet { request in
      let query = Dictionary(request.queryItems.map { ($0.name, $0.value) }) { first, _ in first }
      let page = Int(query["page"] ?? "") ?? 0
      let rows = Int(query["rows"] ?? "") ?? 0
      let first = (page - 1) * rows + 1
      let ids = first > 7 ? [] : Array(first...min(7, first + rows - 1))
      let items = ids.map { #"{"inventoryId":"\#(100 + $0)"}"# }.joined(separator: ",")
      return .json(#"{"status":"1","total":7,"inventoryItems":[\#(items)]}"#)
    }
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: komet.apiURL)

    let items = try await client.ecommerceInventoryList(
      EcommerceInventoryListRequest(customerId: Self.customer, rows: 3))

    #expect(items.map(\.inventoryId.digits) == (101...107).map(String.init))
    let pages = komet.log.requests.map { request in
      request.queryItems.first { $0.name == "page" }?.value
    }
    #expect(pages == ["1", "2", "3"])
    #expect(try fixture.findLeak() == nil)
  }

  @Test func inventoryListWithoutTotalStopsOnShortPage() async throws {
    let komet = try ScriptedKomet { request in
      let page = request.queryItems.first { $0.name == "page" }?.value ?? ""
      let items =
        page == "1"
        ? #"{"inventoryId":"1"},{"inventoryId":"2"}"# : #"{"inventoryId":"3"}"#
      return .json(#"{"status":"1","inventoryItems":[\#(items)]}"#)
    }
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: komet.apiURL)

    let items = try await client.ecommerceInventoryList(
      EcommerceInventoryListRequest(customerId: Self.customer, rows: 2))

    #expect(items.count == 3)
    #expect(komet.log.requests.count == 2)
  }
}
