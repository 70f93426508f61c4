import Foundation
import Glibc
import Synchronization
import Testing

@testable import KometSandbox

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The fixed day of every test sandbox: 2026-03-02 12:00 UTC.
let testNow = Date(timeIntervalSince1970: 1_772_452_800)

/// A clock that tests can move forward, for the daily limit.
final class TestClock: Sendable {
  private let current = Mutex(testNow)

  var now: Date { current.withLock { $0 } }

  func advance(days: Int) {
    current.withLock { $0 += TimeInterval(days * 86_400) }
  }
}

/// Starts a seeded sandbox on a free port with a test clock and short timeouts.
func startSandbox(
  clock: TestClock = TestClock(), dailyLimit: Int = 1000, state: SandboxState? = nil
) throws -> KometSandbox {
  var configuration = SandboxConfiguration()
  configuration.dailyLimit = dailyLimit
  configuration.clock = { clock.now }
  configuration.requestTimeout = .seconds(2)
  configuration.idleTimeout = .seconds(5)
  return try KometSandbox(state: state, configuration: configuration)
}

/// Where a test request puts its token.
enum Placement: Sendable {
  case query
  case header
  case body
}

/// The response to a test request: the HTTP status and the JSON object, parsed by Foundation.
struct APIResponse {
  var httpStatus: Int
  var json: [String: Any]

  /// The `status` field as text, whether Komet-style "1" or 1.
  var status: String? {
    switch json["status"] {
    case let text as String: text
    case let number as NSNumber: number.stringValue
    default: nil
    }
  }

  var message: String? { json["message"] as? String }

  func array(_ key: String) -> [[String: Any]] {
    json[key] as? [[String: Any]] ?? []
  }
}

/// A URLSession client for one sandbox, with timeouts of 2 s.
struct SandboxClient {
  let sandbox: KometSandbox
  let session: URLSession

  init(_ sandbox: KometSandbox) {
    self.sandbox = sandbox
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = 2
    configuration.timeoutIntervalForResource = 2
    session = URLSession(configuration: configuration)
  }

  /// Builds the request for `method` with the token where `placement` puts it.
  func request(
    _ method: String, httpMethod: String = "GET", token: String?, placement: Placement,
    query: [String: String] = [:], body: [String: Any]? = nil, account: String? = "4242"
  ) throws -> URLRequest {
    var components = try #require(
      URLComponents(
        url: sandbox.baseURL.appendingPathComponent(method),
        resolvingAgainstBaseURL: false))
    var items = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
    if placement == .query, let token {
      items.append(URLQueryItem(name: "authenticationToken", value: token))
    }
    components.queryItems = items.isEmpty ? nil : items

    var request = URLRequest(url: try #require(components.url))
    request.httpMethod = httpMethod
    if placement == .header, let token {
      request.setValue(token, forHTTPHeaderField: "authenticationToken")
    }
    if let account {
      request.setValue(account, forHTTPHeaderField: "X-ACCOUNT")
    }
    var fields = body
    if placement == .body, let token {
      fields = (fields ?? [:]).merging(["authenticationToken": token]) { $1 }
    }
    if let fields {
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      request.httpBody = try JSONSerialization.data(withJSONObject: fields)
    }
    return request
  }

  /// Sends `request` and parses its JSON object response.
  func send(_ request: URLRequest) async throws -> APIResponse {
    let (data, response) = try await session.data(for: request)
    let http = try #require(response as? HTTPURLResponse)
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return APIResponse(httpStatus: http.statusCode, json: json)
  }

  /// Calls a GET method that takes its token in the query (the Company-token lists).
  func list(
    _ method: String, token: String = SandboxTokens.company, query: [String: String] = [:]
  ) async throws -> APIResponse {
    try await send(request(method, token: token, placement: .query, query: query, account: nil))
  }

  /// Calls a GET method that takes its token and `X-ACCOUNT` as headers.
  func headerGet(
    _ method: String, token: String = SandboxTokens.customer, query: [String: String]
  ) async throws -> APIResponse {
    try await send(request(method, token: token, placement: .header, query: query))
  }

  /// Calls a POST method that takes its token and `X-ACCOUNT` as headers and a JSON body.
  func headerPost(
    _ method: String, token: String = SandboxTokens.customer, body: [String: Any]
  ) async throws -> APIResponse {
    try await send(
      request(method, httpMethod: "POST", token: token, placement: .header, body: body))
  }

  /// Creates a web order for DWF at Miami and returns its ID.
  func createOrder(token: String = SandboxTokens.customer) async throws -> String {
    let response = try await headerPost(
      "web-order.create", token: token,
      body: ["customerId": "10012", "companyId": "4242", "companyLocationId": "200101"])
    return try #require(response.json["webOrderId"] as? String)
  }

  /// Adds `quantity` boxes of inventory line `inventoryId` to a DWF order.
  func addItem(
    _ inventoryId: String, quantity: Int, origin: Int = 1, webOrderId: String? = nil,
    token: String = SandboxTokens.customer
  ) async throws -> APIResponse {
    var body: [String: Any] = [
      "customerId": 10012, "inventoryIds": inventoryId, "inventoryOrigin": origin,
      "price": "0.45", "quantity": quantity, "carrierId": 3101, "date": "2026-03-05",
      "companyLocationId": 200101, "shipToId": 61001, "markCode": "DWF-ATL",
    ]
    if let webOrderId { body["webOrderId"] = webOrderId }
    return try await headerPost("web-order-item.add", token: token, body: body)
  }
}

/// Returns the boxes left on inventory line `id`.
func boxes(_ sandbox: KometSandbox, _ id: String) -> Int? {
  sandbox.state.inventory.first { $0.inventoryId == id }?.availableBoxes
}
