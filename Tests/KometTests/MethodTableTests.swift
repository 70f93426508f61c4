import Foundation
import Testing

@testable import Komet

/// Checks the method table and the built requests against rows written out by hand from Komet's
/// per-method pages and its table of valid tokens, not taken from the module's code.
struct MethodTableTests {
  struct Row: Sendable, CustomTestStringConvertible {
    let method: String
    let httpMethod: String
    let path: String
    /// "query", "header" or "body".
    let token: String
    let headers: [String]
    let roles: [String]
    var testDescription: String { method }
  }

  static let rows = [
    Row(
      method: "ecommerce/inventory.list", httpMethod: "GET", path: "/api/ecommerce/inventory.list",
      token: "header", headers: ["X-ACCOUNT", "authenticationToken"],
      roles: ["Company", "Customer"]),
    Row(
      method: "inventory.openmarket.list", httpMethod: "GET",
      path: "/api/inventory.openmarket.list", token: "query", headers: [], roles: ["Company"]),
    Row(
      method: "future.inventory.openmarket.list", httpMethod: "GET",
      path: "/api/future.inventory.openmarket.list", token: "query", headers: [],
      roles: ["Company"]),
    Row(
      method: "web-order.create", httpMethod: "POST", path: "/api/web-order.create",
      token: "header", headers: ["X-ACCOUNT", "authenticationToken"], roles: ["Customer", "User"]),
    Row(
      method: "web-order-item.add", httpMethod: "POST", path: "/api/web-order-item.add",
      token: "header", headers: ["X-ACCOUNT", "authenticationToken"], roles: ["Customer", "User"]),
    Row(
      method: "web-order-details.list", httpMethod: "GET", path: "/api/web-order-details.list",
      token: "header", headers: ["X-ACCOUNT", "authenticationToken"], roles: ["Customer", "User"]),
    Row(
      method: "web-order.delete", httpMethod: "POST", path: "/api/web-order.delete",
      token: "header", headers: ["X-ACCOUNT", "authenticationToken"], roles: ["Customer", "User"]),
    Row(
      method: "web-order.checkout", httpMethod: "POST", path: "/api/web-order.checkout",
      token: "header", headers: ["X-ACCOUNT", "authenticationToken"], roles: ["User"]),
    Row(
      method: "customer.list", httpMethod: "GET", path: "/api/customer.list", token: "query",
      headers: [], roles: ["Company", "Vendor"]),
    Row(
      method: "location.list", httpMethod: "GET", path: "/api/location.list", token: "query",
      headers: [], roles: ["Company"]),
    Row(
      method: "carrier.list", httpMethod: "GET", path: "/api/carrier.list", token: "query",
      headers: [], roles: ["Company", "Vendor"]),
    Row(
      method: "customer.shipto.list", httpMethod: "GET", path: "/api/customer.shipto.list",
      token: "query", headers: [], roles: ["Company", "Vendor"]),
    Row(
      method: "boxtype.list", httpMethod: "GET", path: "/api/boxtype.list", token: "query",
      headers: [], roles: ["Company", "Vendor"]),
  ]

  @Test func tableCoversEveryMethod() {
    #expect(Set(Self.rows.map(\.method)) == Set(KometMethod.allCases.map(\.rawValue)))
  }

  @Test(arguments: rows)
  func specificationMatchesReference(row: Row) throws {
    let method = try #require(KometMethod(rawValue: row.method))
    let specification = method.specification

    #expect(specification.httpMethod.rawValue == row.httpMethod)
    #expect("/api/" + specification.path == row.path)
    #expect(name(of: specification.tokenPlacement) == row.token)
    #expect(specification.requiredHeaders == row.headers)
    #expect(specification.validRoles.map(\.description) == row.roles)
  }

  @Test(arguments: rows)
  func builtRequestPlacesTokenAndHeaders(row: Row) throws {
    let method = try #require(KometMethod(rawValue: row.method))
    let request = try build(method, in: TestTokens.context())
    let secret = request.token.secret
    let components = try #require(
      URLComponents(url: request.urlWithToken, resolvingAgainstBaseURL: false))
    let queryToken = components.queryItems?.first { $0.name == "authenticationToken" }?.value
    let headerNames = request.headersWithToken.map(\.name)
    let headerToken = request.headersWithToken.first { $0.name == "authenticationToken" }?.value
    let body = try request.bodyWithToken.map { try JSONParser.parse($0) }

    #expect(request.httpMethod.rawValue == row.httpMethod)
    #expect(components.host == "api.kometsales.com")
    #expect(components.path == row.path)
    #expect(queryToken == (row.token == "query" ? secret : nil))
    #expect(headerToken == (row.token == "header" ? secret : nil))
    #expect(body?["authenticationToken"] == (row.token == "body" ? .string(secret) : nil))
    for header in row.headers {
      #expect(headerNames.contains(header))
    }
    if row.headers.contains("X-ACCOUNT") {
      #expect(request.headersWithToken.first { $0.name == "X-ACCOUNT" }?.value == "1313")
    }
    #expect((body != nil) == (row.httpMethod == "POST"))
    #expect(components.queryItems == nil || row.httpMethod == "GET")
  }

  @Test(arguments: rows)
  func roleAcceptedOnlyWhereListed(row: Row) throws {
    let method = try #require(KometMethod(rawValue: row.method))
    let single: [(String, KometTokens)] = [
      ("Company", try KometTokens(company: TestTokens.company())),
      ("Customer", try KometTokens(customer: TestTokens.customer())),
      ("User", try KometTokens(user: TestTokens.user())),
      ("Vendor", try KometTokens(company: TestTokens.vendor())),
    ]

    for (role, tokens) in single {
      let context = TestTokens.context(tokens: tokens)
      if row.roles.contains(role) {
        #expect(try build(method, in: context).token.role.description == role)
      } else {
        #expect(throws: KometError.self) { try build(method, in: context) }
      }
    }
  }

  @Test func futureListPostSwitchMovesTokenToBody() throws {
    var choices = DocumentationChoices()
    choices.futureInventoryHTTPMethod = .post
    let request = try build(
      .futureOpenMarketInventoryList, in: TestTokens.context(choices: choices))
    let body = try JSONParser.parse(try #require(request.bodyWithToken))

    #expect(request.httpMethod == .post)
    #expect(request.urlWithToken.query == nil)
    #expect(body["authenticationToken"] == .string(TestTokens.companyText))
    #expect(body["dateFrom"] == .string("2020-11-15"))
    #expect(request.headersWithToken == [HTTPHeader("Content-Type", "application/json")])
  }

  @Test(arguments: [
    (DocumentationChoices.WebOrderDetailsPath.methodTable, "/api/web-order-details.list"),
    (.version2, "/api/v2/web-order-details.list"),
    (.dotted, "/api/web.order.details.list"),
  ])
  func webOrderDetailsPathSwitch(path: DocumentationChoices.WebOrderDetailsPath, expected: String)
    throws
  {
    var choices = DocumentationChoices()
    choices.webOrderDetailsPath = path
    let request = try build(.webOrderDetailsList, in: TestTokens.context(choices: choices))
    #expect(request.url.path == expected)
  }

  @Test(arguments: [
    KometMethod.webOrderCreate, .webOrderItemAdd, .webOrderDetailsList, .webOrderDelete,
  ])
  func userOnlySwitchRejectsCustomerToken(method: KometMethod) throws {
    var choices = DocumentationChoices()
    choices.webOrderTokenRoles = .userOnly
    let tokens = try KometTokens(customer: TestTokens.customer())

    #expect(
      throws: KometError.noTokenForMethod(
        method: method, validRoles: [.user], configuredRoles: [.customer])
    ) {
      try build(method, in: TestTokens.context(tokens: tokens, choices: choices))
    }
    #expect(try build(method, in: TestTokens.context(choices: choices)).token.role == .user)
  }

  @Test func locationListAppHostSwitch() throws {
    var choices = DocumentationChoices()
    choices.locationListHost = .app
    let request = try build(.locationList, in: TestTokens.context(choices: choices))
    #expect(request.url.host == "app.kometsales.com")
  }

  @Test func webOrderCreateBodyMatchesExamples() throws {
    let call = WebOrderCreateRequest(customerId: .test("7122"), companyLocationId: .test("13"))
    var context = TestTokens.context()
    context.companyId = .test("12333")
    let older = try KometRequestBuilder.build(call, in: context)
    context.choices.jsonIDEncoding = .string
    let newer = try KometRequestBuilder.build(call, in: context)

    #expect(
      older.bodyWithToken
        == Data(#"{"customerId":7122,"companyId":12333,"companyLocationId":13}"#.utf8))
    #expect(
      newer.bodyWithToken
        == Data(#"{"customerId":"7122","companyId":"12333","companyLocationId":"13"}"#.utf8))
  }

  @Test func queryParametersFollowTokenAndSwitches() throws {
    var choices = DocumentationChoices()
    choices.includeInactiveEncoding = .words
    choices.shipToUpdatedSinceParameter = "updatedAsOf"
    let customers = try KometRequestBuilder.build(
      CustomerListRequest(name: "A&B +1", includeInactive: true),
      in: TestTokens.context(choices: choices))
    let shipTos = try KometRequestBuilder.build(
      ShipToListRequest(updatedSince: KometDate("2024-01-31")),
      in: TestTokens.context(choices: choices))

    #expect(
      customers.urlWithToken.query
        == "authenticationToken=\(TestTokens.companyText)&name=A%26B%20%2B1&includeInactive=true")
    #expect(shipTos.url.query == "updatedAsOf=2024-01-31")
  }

  @Test func itemAddBodyWritesMoneyAndJoinedIDs() throws {
    let call = WebOrderItemAddRequest(
      customerId: .test("7349"), inventoryIds: [.test("428720"), .test("428721")],
      inventoryOrigin: .onHand, price: Decimal(sign: .plus, exponent: -1, significand: 25),
      quantity: 5, carrierId: .test("1360"), date: KometDate("2024-05-01"))
    let request = try KometRequestBuilder.build(call, in: TestTokens.context())

    #expect(
      request.bodyWithToken
        == Data(
          (#"{"customerId":7349,"inventoryIds":"428720,428721","inventoryOrigin":1,"#
            + #""price":2.50,"quantity":5,"carrierId":1360,"date":"2024-05-01"}"#).utf8))
  }

  @Test(arguments: [
    Decimal(string: "1.005")!, Decimal(string: "100000000")!, Decimal(string: "-1")!,
  ])
  func priceOutsideDecimalTenTwoIsRejected(price: Decimal) {
    var call = WebOrderItemAddRequest(
      customerId: .test("1"), inventoryIds: [.test("2")], inventoryOrigin: .onHand, price: 1,
      quantity: 1, carrierId: .test("3"))
    call.price = price
    #expect(
      throws: KometError.invalidParameter(
        method: .webOrderItemAdd, name: "price", value: price.description,
        reason: "it must be from 0 to 99999999.99 with at most two decimal places (decimal:10,2)")
    ) {
      try KometRequestBuilder.build(call, in: TestTokens.context())
    }
  }

  @Test func markCodeOverTwentyCharactersIsRejected() {
    var call = WebOrderItemAddRequest(
      customerId: .test("1"), inventoryIds: [.test("2")], inventoryOrigin: .onHand, price: 1,
      quantity: 1, carrierId: .test("3"))
    call.markCode = String(repeating: "M", count: 21)
    #expect(
      throws: KometError.invalidParameter(
        method: .webOrderItemAdd, name: "markCode", value: call.markCode!,
        reason: "it has 21 characters, more than 20")
    ) {
      try KometRequestBuilder.build(call, in: TestTokens.context())
    }
  }

  private func name(of placement: TokenPlacement) -> String {
    switch placement {
    case .queryParameter: "query"
    case .header: "header"
    case .jsonBodyMember: "body"
    }
  }
}

/// Builds a request of `method` with typical parameters.
func build(_ method: KometMethod, in context: KometRequestContext) throws -> KometHTTPRequest {
  let customer = KometID.test("7349")
  let order = KometID.test("30200")
  switch method {
  case .ecommerceInventoryList:
    return try KometRequestBuilder.build(
      EcommerceInventoryListRequest(customerId: customer, page: 1, rows: 28), in: context)
  case .openMarketInventoryList:
    return try KometRequestBuilder.build(OpenMarketInventoryListRequest(), in: context)
  case .futureOpenMarketInventoryList:
    return try KometRequestBuilder.build(
      FutureOpenMarketInventoryListRequest(
        dateFrom: KometDate("2020-11-15")!, dateTo: KometDate("2020-11-20")!),
      in: context)
  case .webOrderCreate:
    return try KometRequestBuilder.build(WebOrderCreateRequest(customerId: customer), in: context)
  case .webOrderItemAdd:
    return try KometRequestBuilder.build(
      WebOrderItemAddRequest(
        customerId: customer, webOrderId: order, inventoryIds: [.test("428720")],
        inventoryOrigin: .onHand, price: 2, quantity: 1, carrierId: .test("1360")),
      in: context)
  case .webOrderDetailsList:
    return try KometRequestBuilder.build(
      WebOrderDetailsListRequest(customerId: customer, webOrderId: order, statusId: .pending),
      in: context)
  case .webOrderDelete:
    return try KometRequestBuilder.build(
      WebOrderDeleteRequest(customerId: customer, webOrderId: order), in: context)
  case .webOrderCheckout:
    return try KometRequestBuilder.build(
      WebOrderCheckoutRequest(customerId: customer, webOrderId: order, customerPo: "292644"),
      in: context)
  case .customerList:
    return try KometRequestBuilder.build(CustomerListRequest(), in: context)
  case .locationList:
    return try KometRequestBuilder.build(LocationListRequest(), in: context)
  case .carrierList:
    return try KometRequestBuilder.build(CarrierListRequest(active: true), in: context)
  case .customerShipToList:
    return try KometRequestBuilder.build(ShipToListRequest(customerId: customer), in: context)
  case .boxTypeList:
    return try KometRequestBuilder.build(BoxTypeListRequest(), in: context)
  }
}
