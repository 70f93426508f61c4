import Foundation
import Testing

@testable import Komet

/// Decodes every literal response example Komet's pages give for the integration's methods.
///
/// `ecommerce/inventory.list`, `inventory.openmarket.list`, `future.inventory.openmarket.list`,
/// `web-order-item.add`, `web-order-details.list` and `customer.shipto.list` show no literal
/// response, so they have no row here; their field lists are covered in `ValueDecodingTests`.
struct ResponseExampleTests {
  struct WebOrderExample: Sendable, CustomTestStringConvertible {
    let method: KometMethod
    let body: String
    let message: String
    let webOrderId: String
    var testDescription: String { "\(method) \(body.prefix(40))" }
  }

  static let webOrderExamples = [
    // web-order.create, newer page.
    WebOrderExample(
      method: .webOrderCreate,
      body: """
        { "message": "Web order was successfully created.", "status": "1", "webOrderId": "30200" }
        """,
      message: "Web order was successfully created.", webOrderId: "30200"),
    // web-order.create, older page.
    WebOrderExample(
      method: .webOrderCreate,
      body: """
        { "message":"Web order was successfully created.", "status": 1, "webOrderId": 30200 }
        """,
      message: "Web order was successfully created.", webOrderId: "30200"),
    // web-order.checkout, older page.
    WebOrderExample(
      method: .webOrderCheckout,
      body: """
        {"message":"The Web Order was successfully checked out.","webOrderId":48,"status":1}
        """,
      message: "The Web Order was successfully checked out.", webOrderId: "48"),
    // web-order.checkout, newer page: the page describes it as the older example with "48" and
    // "1" as strings, so it is written out from that description.
    WebOrderExample(
      method: .webOrderCheckout,
      body: """
        {"message":"The Web Order was successfully checked out.","webOrderId":"48","status":"1"}
        """,
      message: "The Web Order was successfully checked out.", webOrderId: "48"),
    // web-order.delete.
    WebOrderExample(
      method: .webOrderDelete,
      body: """
        { "message": "The Web Order was successfully canceled.", "webOrderId": "47", "status": "1" }
        """,
      message: "The Web Order was successfully canceled.", webOrderId: "47"),
  ]

  @Test(arguments: webOrderExamples)
  func webOrderExampleDecodes(example: WebOrderExample) throws {
    let result = try KometResponseDecoder.decode(
      WebOrderResult.self, from: Data(example.body.utf8), for: example.method, redacting: [])

    #expect(result.message == example.message)
    #expect(result.webOrderId == KometID.test(example.webOrderId))
  }

  @Test func customerListExampleDecodes() throws {
    // The page's sample stops at `"id": "25…`; the rest, from `25"` on, is completed by hand.
    let body = """
      { "status": "1", "message": "OK", "customers": [ { "id": "25" } ] }
      """
    let response = try decode(CustomerListResponse.self, body, .customerList)

    #expect(response.message == "OK")
    #expect(response.customers.map(\.id) == [.test("25")])
  }

  @Test func locationListExampleDecodes() throws {
    let body = """
      { "status": "1", "message": "OK", "locations": [ { "id": "1", "name": "Locations I", \
      "code": "LI" }, { "id": "2", "name": "Locations II", "code": "LII" } ] }
      """
    let response = try decode(LocationListResponse.self, body, .locationList)

    #expect(
      response.locations == [
        Location(id: .test("1"), name: "Locations I", code: "LI"),
        Location(id: .test("2"), name: "Locations II", code: "LII"),
      ])
  }

  @Test func carrierListExampleDecodes() throws {
    // The page's sample ends with `, … ] }` after the first carrier; the `…` is dropped by hand.
    let body = """
      { "carriers": [ { "id": 1360, "code": "AA", "name": "AA - American Airlines", "active": 1, \
      "street": "Air Canada Centre 14000, Station Airport", "city": "Dorval", "state": "Québec", \
      "zipCode": "1273", "country": "USA", "phone": "1 (888) 247-2262", \
      "kometNetworkName": "Air Canada", "kometNetworkId": 4232 } ] }
      """
    let response = try decode(CarrierListResponse.self, body, .carrierList)
    let carrier = try #require(response.carriers.first)

    #expect(response.carriers.count == 1)
    #expect(carrier.id == .test("1360"))
    #expect(carrier.code == "AA")
    #expect(carrier.name == "AA - American Airlines")
    #expect(carrier.active == true)
    #expect(carrier.street == "Air Canada Centre 14000, Station Airport")
    #expect(carrier.city == "Dorval")
    #expect(carrier.state == "Québec")
    #expect(carrier.zipCode == "1273")
    #expect(carrier.country == "USA")
    #expect(carrier.phone == "1 (888) 247-2262")
    #expect(carrier.kometNetworkName == "Air Canada")
    #expect(carrier.kometNetworkId == .test("4232"))
  }

  @Test func boxTypeListExampleDecodes() throws {
    let body = """
      { "status": "1", "message": "OK", "boxtypes": [ { "code": "FB", "kometNetworkName": "FB", \
      "fbe": 1, "id": 1056, "kometNetworkId": 900 }, { "code": "HB", "kometNetworkName": "HB", \
      "fbe": 0.5, "id": 1057, "kometNetworkId": 901 } ] }
      """
    let response = try decode(BoxTypeListResponse.self, body, .boxTypeList)

    #expect(
      response.boxtypes == [
        BoxType(
          id: .test("1056"), code: "FB", kometNetworkName: "FB", fbe: Decimal(1),
          kometNetworkId: .test("900")),
        BoxType(
          id: .test("1057"), code: "HB", kometNetworkName: "HB",
          fbe: Decimal(sign: .plus, exponent: -1, significand: 5), kometNetworkId: .test("901")),
      ])
  }

  @Test func companyLocationSampleWithUnquotedWordIsRejected() throws {
    let body = """
      { "locations": [ { "id": 18, "name": "California", "shortName": null, "code": "30", \
      "active": true }, { "id": 2, "name": "Richmond", "shortName": Rich, "code": "36", \
      "active": true } ]}
      """
    let word = try #require(body.range(of: "Rich,"))
    let offset = body.utf8.distance(from: body.startIndex, to: word.lowerBound)

    #expect(
      throws: KometError.invalidJSON(
        method: .locationList, offset: offset, reason: "expected a JSON value, found 'R'",
        bodyStart: BodyExcerpt.make(from: Data(body.utf8), redacting: []))
    ) {
      try KometResponseDecoder.topLevelObject(
        from: Data(body.utf8), for: .locationList, redacting: [])
    }
  }

  @Test func failureWithAvailableBoxesKeepsData() throws {
    // The `invoice.create` failure sample, the only literal status-0 example Komet gives.
    let body = """
      { "status": "0", "message": "Item is not available", "invoiceId": 111111111, \
      "invoiceNumber": 85443, "availableBoxes":2 }
      """
    let error = #expect(throws: KometError.self) {
      try decode(WebOrderItemAddResponse.self, body, .webOrderItemAdd)
    }
    guard case .rejected(let rejection) = error else {
      Issue.record("expected a rejection, got \(String(describing: error))")
      return
    }

    #expect(rejection.method == .webOrderItemAdd)
    #expect(rejection.message == "Item is not available")
    #expect(rejection.availableBoxes == 2)
    #expect(rejection.members.map(\.key).contains("invoiceNumber"))
  }

  private func decode<Response: KometResponse>(
    _ type: Response.Type, _ body: String, _ method: KometMethod
  ) throws -> Response {
    try KometResponseDecoder.decode(type, from: Data(body.utf8), for: method, redacting: [])
  }
}
