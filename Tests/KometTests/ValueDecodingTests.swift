import Foundation
import Testing

@testable import Komet

struct ValueDecodingTests {
  @Test(arguments: [
    ("0.1", Decimal(sign: .plus, exponent: -1, significand: 1), "0.1"),
    ("2.50", Decimal(sign: .plus, exponent: -2, significand: 250), "2.5"),
    ("12345678.99", Decimal(sign: .plus, exponent: -2, significand: 1_234_567_899), "12345678.99"),
  ])
  func moneyKeepsExactDecimalValue(literal: String, expected: Decimal, digits: String) throws {
    let asNumber = try item(#""price": \#(literal)"#).price
    let asString = try item(#""price": "\#(literal)""#).price

    #expect(asNumber == expected)
    #expect(asString == expected)
    // The description shows every digit, so a value that went through Double would differ here.
    #expect(asNumber?.description == digits)
    #expect(asString?.description == digits)
  }

  @Test func moneyBeyondDoublePrecisionStaysExact() throws {
    // 17 significant digits: Double would round this to 12345678901234.568.
    let price = try item(#""price": 12345678901234.567"#).price
    #expect(price?.description == "12345678901234.567")
  }

  @Test func numbersAsStringsDecode() throws {
    let item = try item(
      #""quantity": "12", "unitsPerBox": "25", "boxTypeId": "1056", "fobPrice": "0.35""#)

    #expect(item.quantity == 12)
    #expect(item.unitsPerBox == 25)
    #expect(item.boxTypeId == .test("1056"))
    #expect(item.fobPrice == Decimal(sign: .plus, exponent: -2, significand: 35))
  }

  @Test(arguments: [
    (#""12345678901234567890""#, "12345678901234567890"),
    ("12345678901234567890", "12345678901234567890"),
    ("30200", "30200"),
    ("30200.0", "30200"),
    (#""0042""#, "0042"),
  ])
  func idDecodesFromNumberOrString(json: String, digits: String) throws {
    #expect(try item(#""inventoryId": \#(json)"#).inventoryId == .test(digits))
  }

  @Test(arguments: [
    #""123456789012345678901""#, "-5", "1.5", "1e3", #""""#, #""12a""#, "true",
  ])
  func invalidIDIsRejected(json: String) {
    #expect(
      throws: KometError.invalidField(
        method: .openMarketInventoryList, path: "inventoryItems[0].inventoryId",
        expected: "an ID of 1 to 20 digits", found: JSONValueText.preview(of: json))
    ) {
      try item(#""inventoryId": \#(json)"#)
    }
  }

  @Test(arguments: [
    ("true", true), ("false", false), ("1", true), ("0", false), (#""1""#, true),
    (#""0""#, false),
  ])
  func booleanDecodesFromEachForm(json: String, expected: Bool) throws {
    let body = #"{"status":1,"customers":[{"id":"7","active":\#(json)}]}"#
    let response = try KometResponseDecoder.decode(
      CustomerListResponse.self, from: Data(body.utf8), for: .customerList, redacting: [])
    #expect(response.customers.first?.active == expected)
  }

  @Test(arguments: ["1", #""1""#])
  func statusOneIsSuccess(status: String) throws {
    let body = #"{"status":\#(status),"message":"OK","locations":[]}"#
    let response = try KometResponseDecoder.decode(
      LocationListResponse.self, from: Data(body.utf8), for: .locationList, redacting: [])
    #expect(response.message == "OK")
  }

  @Test(arguments: ["0", #""0""#])
  func statusZeroIsRejection(status: String) {
    let body = #"{"status":\#(status),"message":"Customer not found"}"#
    let members = [
      JSONMember("status", status == "0" ? .number("0") : .string("0")),
      JSONMember("message", .string("Customer not found")),
    ]
    #expect(
      throws: KometError.rejected(
        KometRejection(method: .locationList, message: "Customer not found", members: members))
    ) {
      try KometResponseDecoder.decode(
        LocationListResponse.self, from: Data(body.utf8), for: .locationList, redacting: [])
    }
  }

  @Test(arguments: ["2", #""ok""#, "true"])
  func otherStatusIsInvalid(status: String) {
    let body = #"{"status":\#(status),"locations":[]}"#
    #expect(
      throws: KometError.invalidField(
        method: .locationList, path: "status", expected: "1 or 0",
        found: JSONValueText.preview(of: status))
    ) {
      try KometResponseDecoder.decode(
        LocationListResponse.self, from: Data(body.utf8), for: .locationList, redacting: [])
    }
  }

  @Test(arguments: [
    ("2020-11-15", true), ("2020-02-29", true), ("2021-02-29", false),
    ("2020-1-05", false), ("2020-13-01", false), ("2020-11-15T00:00:00", false),
  ])
  func dateParsesOnlyValidDays(text: String, isValid: Bool) {
    #expect((KometDate(text) != nil) == isValid)
    if isValid { #expect(KometDate(text)?.description == text) }
  }

  @Test func htmlBodyIsTypedErrorWithMaskedExcerpt() {
    let token = TestTokens.company()
    let body =
      "<!DOCTYPE html><html><body>Bad gateway for ?authenticationToken="
      + TestTokens.companyText + "</body></html>"
    let excerpt =
      "<!DOCTYPE html><html><body>Bad gateway for ?authenticationToken="
      + token.masked + "</body></html>"

    #expect(throws: KometError.htmlResponse(method: .customerList, bodyStart: excerpt)) {
      try KometResponseDecoder.decode(
        CustomerListResponse.self, from: Data(body.utf8), for: .customerList, redacting: [token])
    }
  }

  @Test(arguments: ["", "OK", #"{"status": 1,"#, "\u{FEFF}garbage"])
  func unparseableBodyIsInvalidJSON(body: String) {
    let error = #expect(throws: KometError.self) {
      try KometResponseDecoder.decode(
        CustomerListResponse.self, from: Data(body.utf8), for: .customerList, redacting: [])
    }
    guard case .invalidJSON(.customerList, _, _, let excerpt) = error else {
      Issue.record("expected invalidJSON, got \(String(describing: error))")
      return
    }
    #expect(excerpt == body)
  }

  @Test func topLevelArrayIsUnexpected() {
    #expect(
      throws: KometError.unexpectedResponse(
        method: .boxTypeList, reason: "the top level is an array of 0 elements, not an object")
    ) {
      try KometResponseDecoder.decode(
        BoxTypeListResponse.self, from: Data("[]".utf8), for: .boxTypeList, redacting: [])
    }
  }

  @Test(arguments: EcommerceInventoryListResponse.itemArrayNames)
  func ecommerceItemArrayAcceptsAlternatives(name: String) throws {
    let body = #"{"status":"1","total":"1","\#(name)":[{"inventoryId":"428720","price":"2.50"}]}"#
    let response = try KometResponseDecoder.decode(
      EcommerceInventoryListResponse.self, from: Data(body.utf8), for: .ecommerceInventoryList,
      redacting: [])

    #expect(response.total == 1)
    #expect(response.items.map(\.inventoryId) == [.test("428720")])
    #expect(response.items.first?.price == Decimal(sign: .plus, exponent: -2, significand: 250))
  }

  @Test func ecommerceListWithoutItemArrayIsMissingField() {
    let body = #"{"status":"1","total":"3"}"#
    #expect(
      throws: KometError.missingField(
        method: .ecommerceInventoryList,
        path: "inventoryItems or items or inventory or products or inventoryList")
    ) {
      try KometResponseDecoder.decode(
        EcommerceInventoryListResponse.self, from: Data(body.utf8), for: .ecommerceInventoryList,
        redacting: [])
    }
  }

  @Test func webOrderItemAddAcceptsLikelyShapes() throws {
    let body = #"{"status":"1","message":"OK","webOrderId":"30200","webOrderItemIds":[5,"6"]}"#
    let response = try KometResponseDecoder.decode(
      WebOrderItemAddResponse.self, from: Data(body.utf8), for: .webOrderItemAdd, redacting: [])

    #expect(response.webOrderId == .test("30200"))
    #expect(response.webOrderItemIds == [.test("5"), .test("6")])
  }

  @Test func webOrderDetailsDecodeOrdersAndItems() throws {
    let body = """
      {"status":1,"message":"OK","webOrders":[{"id":"30200","number":"77","statusId":"2",
      "customerId":7349,"subtotal":"120.50","additionalCharges":0,"total":"130.10",
      "items":[{"id":"1","webOrderItemId":"991"}]}]}
      """
    let response = try KometResponseDecoder.decode(
      WebOrderDetailsListResponse.self, from: Data(body.utf8), for: .webOrderDetailsList,
      redacting: [])
    let order = try #require(response.webOrders.first)

    #expect(order.id == .test("30200"))
    #expect(order.statusId == 2)
    #expect(order.subtotal == Decimal(sign: .plus, exponent: -2, significand: 12050))
    #expect(order.total == Decimal(sign: .plus, exponent: -2, significand: 13010))
    #expect(order.items.map(\.webOrderItemId) == [.test("991")])
  }

  /// Decodes one `inventory.openmarket.list` item whose members are `fields`.
  private func item(_ fields: String) throws -> OpenMarketInventoryItem {
    let members = fields.contains("inventoryId") ? fields : #""inventoryId": 1, "# + fields
    let body = #"{"status":"1","inventoryItems":[{\#(members)}]}"#
    let response = try KometResponseDecoder.decode(
      OpenMarketInventoryListResponse.self, from: Data(body.utf8), for: .openMarketInventoryList,
      redacting: [])
    return try #require(response.inventoryItems.first)
  }
}

/// Renders a JSON literal the way error messages preview it.
enum JSONValueText {
  static func preview(of json: String) -> String {
    (try? JSONParser.parse(Data(json.utf8)))?.preview() ?? json
  }
}
