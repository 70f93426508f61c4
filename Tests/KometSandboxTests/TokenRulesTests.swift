import Foundation
import Testing

@testable import KometSandbox

/// One method's token rules, copied by hand from the per-method table of Komet's reference
/// (newer pages), with where the method takes its token.
struct TokenRule: Sendable, CustomStringConvertible {
  var method: String
  var httpMethod: String
  var placement: Placement
  var allowed: [TokenType]
  var description: String { method }
}

let tokenRules: [TokenRule] = [
  TokenRule(
    method: "ecommerce/inventory.list", httpMethod: "GET", placement: .header,
    allowed: [.company, .customer]),
  TokenRule(
    method: "inventory.openmarket.list", httpMethod: "GET", placement: .query,
    allowed: [.company]),
  TokenRule(
    method: "future.inventory.openmarket.list", httpMethod: "GET", placement: .query,
    allowed: [.company]),
  TokenRule(
    method: "web-order.create", httpMethod: "POST", placement: .header,
    allowed: [.customer, .user]),
  TokenRule(
    method: "web-order-item.add", httpMethod: "POST", placement: .header,
    allowed: [.customer, .user]),
  TokenRule(
    method: "web-order-details.list", httpMethod: "GET", placement: .header,
    allowed: [.customer, .user]),
  TokenRule(
    method: "web-order.delete", httpMethod: "POST", placement: .header,
    allowed: [.customer, .user]),
  TokenRule(
    method: "web-order.checkout", httpMethod: "POST", placement: .header, allowed: [.user]),
  TokenRule(
    method: "customer.list", httpMethod: "GET", placement: .query, allowed: [.company, .vendor]),
  TokenRule(method: "location.list", httpMethod: "GET", placement: .query, allowed: [.company]),
  TokenRule(
    method: "carrier.list", httpMethod: "GET", placement: .query, allowed: [.company, .vendor]),
  TokenRule(
    method: "customer.shipto.list", httpMethod: "GET", placement: .query,
    allowed: [.company, .vendor]),
  TokenRule(
    method: "boxtype.list", httpMethod: "GET", placement: .query, allowed: [.company, .vendor]),
]

/// Parameters that pass every method's checks, so that only the token decides.
let validParameters: [String: String] = [
  "customerId": "10012", "companyId": "4242", "companyLocationId": "200101",
  "webOrderId": "999999", "dateFrom": "2026-03-01", "dateTo": "2026-04-30",
]

struct TokenRulesTests {
  @Test(arguments: tokenRules)
  func methodAcceptsOnlyListedTokenTypes(rule: TokenRule) async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)

    for type in TokenType.allCases {
      let isGet = rule.httpMethod == "GET"
      let request = try client.request(
        rule.method, httpMethod: rule.httpMethod, token: SandboxTokens.defaultValue(for: type),
        placement: rule.placement, query: isGet ? validParameters : [:],
        body: isGet ? nil : validParameters,
        account: rule.placement == .header ? "4242" : nil)
      let response = try await client.send(request)

      if rule.allowed.contains(type) {
        #expect(response.httpStatus == 200, "\(rule.method) with \(type)")
      } else {
        #expect(response.httpStatus == 401, "\(rule.method) with \(type)")
        #expect(response.status == "0")
        #expect(
          response.message == "A \(type.rawValue) token is not allowed to call \(rule.method).")
      }
    }
  }

  @Test(arguments: tokenRules)
  func methodRejectsTokenInWrongPlace(rule: TokenRule) async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)
    let wrongPlacement: Placement = rule.placement == .query ? .header : .query
    let token = SandboxTokens.defaultValue(for: rule.allowed[0])

    let isGet = rule.httpMethod == "GET"
    let response = try await client.send(
      client.request(
        rule.method, httpMethod: rule.httpMethod, token: token, placement: wrongPlacement,
        query: isGet ? validParameters : [:], body: isGet ? nil : validParameters))

    #expect(response.httpStatus == 401)
    #expect(response.status == "0")
    #expect(response.message?.hasPrefix("The authenticationToken is missing") == true)
  }

  @Test func unknownTokenIsRejected() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).list(
      "customer.list", token: "zzzz0000000000000000000000")

    #expect(response.httpStatus == 401)
    #expect(response.message == "The authentication token is not valid.")
    #expect(sandbox.state.dailyRequestCounts.isEmpty)
  }

  @Test func customerTokenActsOnlyForDWF() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).headerPost(
      "web-order.create",
      body: ["customerId": "10031", "companyId": "4242", "companyLocationId": "200101"])

    #expect(response.httpStatus == 401)
    #expect(response.message == "This Customer token may act only for customer 10012.")
    #expect(sandbox.state.webOrders.isEmpty)
  }

  @Test func missingAccountHeaderIsRejected() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)

    let response = try await client.send(
      client.request(
        "web-order.create", httpMethod: "POST", token: SandboxTokens.customer,
        placement: .header, body: validParameters, account: nil))

    #expect(response.httpStatus == 400)
    #expect(response.status == "0")
    #expect(response.message == "The X-ACCOUNT header is required.")
    #expect(sandbox.state.webOrders.isEmpty)
  }

  @Test func otherAccountIsRejected() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)

    let response = try await client.send(
      client.request(
        "ecommerce/inventory.list", token: SandboxTokens.company, placement: .header,
        query: validParameters, account: "1313"))

    #expect(response.httpStatus == 401)
    #expect(response.message == "X-ACCOUNT 1313 is not the company of this token.")
  }

  @Test func wrongHTTPMethodIsRejected() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)

    let response = try await client.send(
      client.request(
        "web-order.create", httpMethod: "GET", token: SandboxTokens.customer,
        placement: .header, query: validParameters))

    #expect(response.httpStatus == 405)
    #expect(response.message == "web-order.create takes POST, not GET.")
  }

  @Test func futureListAlsoTakesPostWithBodyToken() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)

    let response = try await client.send(
      client.request(
        "future.inventory.openmarket.list", httpMethod: "POST", token: SandboxTokens.company,
        placement: .body, body: ["dateFrom": "2026-03-01", "dateTo": "2026-04-30"],
        account: nil))

    #expect(response.httpStatus == 200)
    #expect(response.array("inventoryItems").count == 12)
  }
}
