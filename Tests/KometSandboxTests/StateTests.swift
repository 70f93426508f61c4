import Foundation
import Testing

@testable import KometSandbox

struct StateTests {
  /// Runs an order through create, two lines and checkout, and returns its ID.
  private func placeOrder(with client: SandboxClient) async throws -> String {
    let orderId = try await client.createOrder()
    _ = try await client.addItem("5100001", quantity: 2, webOrderId: orderId)
    _ = try await client.addItem("7300001", quantity: 1, origin: 2, webOrderId: orderId)
    _ = try await client.headerPost(
      "web-order.checkout", token: SandboxTokens.user,
      body: ["customerId": "10012", "webOrderId": orderId, "companyLocationId": "200101"])
    return orderId
  }

  @Test func dumpHoldsOrdersAsKometWould() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let orderId = try await placeOrder(with: SandboxClient(sandbox))

    let dump = try #require(
      try JSONSerialization.jsonObject(with: sandbox.dumpState()) as? [String: Any])

    #expect(dump["companyId"] as? String == "4242")
    let orders = try #require(dump["webOrders"] as? [[String: Any]])
    #expect(orders.count == 1)
    #expect(orders[0]["id"] as? String == orderId)
    #expect((orders[0]["statusId"] as? NSNumber)?.intValue == 2)
    let items = try #require(orders[0]["items"] as? [[String: Any]])
    #expect(items.compactMap { $0["inventoryId"] as? String } == ["5100001", "7300001"])
    #expect(items.compactMap { ($0["quantity"] as? NSNumber)?.intValue } == [2, 1])
    #expect(items.compactMap { $0["price"] as? String } == ["0.45", "0.45"])
    let inventory = try #require(dump["inventory"] as? [[String: Any]])
    let line = try #require(inventory.first { $0["inventoryId"] as? String == "5100001" })
    #expect((line["availableBoxes"] as? NSNumber)?.intValue == 8)
    let log = try #require(dump["requestLog"] as? [[String: Any]])
    #expect(log.compactMap { $0["path"] as? String }.last == "/api/web-order.checkout")
  }

  @Test func savedStateLoadsBack() async throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("sandbox-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("state.json").path
    let first = try startSandbox()
    let orderId = try await placeOrder(with: SandboxClient(first))
    try first.saveState(to: path)
    let saved = first.state
    first.stop()

    let second = try KometSandbox(stateFile: path)
    defer { second.stop() }
    let response = try await SandboxClient(second).headerGet(
      "web-order-details.list",
      query: [
        "customerId": "10012", "webOrderId": orderId, "companyLocationId": "200101",
        "statusId": "2",
      ])

    #expect(second.state.webOrders == saved.webOrders)
    #expect(second.state.inventory == saved.inventory)
    #expect(second.state.tokens == saved.tokens)
    #expect(response.array("webOrders").count == 1)
  }

  @Test func invalidStateFileIsRejected() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("sandbox-\(UUID().uuidString).json").path
    try Data("{\"companyId\": 4242}".utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }

    #expect {
      _ = try KometSandbox(stateFile: path)
    } throws: { error in
      guard case .invalidState(let source, _) = error as? SandboxError else { return false }
      return source == path
    }
  }

  @Test func missingStateFileIsRejected() throws {
    #expect {
      _ = try KometSandbox(stateFile: "/nonexistent/sandbox-state.json")
    } throws: { error in
      guard case .unreadableState(let path, _) = error as? SandboxError else { return false }
      return path == "/nonexistent/sandbox-state.json"
    }
  }

  @Test func logAndDumpHoldNoWholeToken() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)
    let stranger = "abcd1234efgh5678ijkl9012mn"
    _ = try await placeOrder(with: client)
    _ = try await client.list("customer.list")
    _ = try await client.list("carrier.list", token: SandboxTokens.vendor)
    _ = try await client.list("location.list", token: stranger)
    _ = try await client.send(
      client.request(
        "future.inventory.openmarket.list", httpMethod: "POST", token: SandboxTokens.company,
        placement: .body, body: ["dateFrom": "2026-03-01", "dateTo": "2026-03-31"],
        account: nil))
    _ = try await client.headerPost(
      "web-order.create", body: ["customerId": "10012", "note": SandboxTokens.user])

    let log = String(decoding: try JSONEncoder().encode(sandbox.requestLog), as: UTF8.self)
    let dump = String(decoding: sandbox.dumpState(), as: UTF8.self)

    #expect(sandbox.requestLog.count == 9)
    for token in SandboxTokens.all + [stranger] {
      #expect(!log.contains(token), "log holds \(token.prefix(4))")
      #expect(!dump.contains(token), "dump holds \(token.prefix(4))")
    }
    #expect(log.contains(TokenMask.mask(SandboxTokens.company)))
    #expect(log.contains(TokenMask.mask(stranger)))
    #expect(dump.contains("c7q2…(26 chars)"))
  }
}

extension SandboxTokens {
  static var all: [String] { TokenType.allCases.map { defaultValue(for: $0) } }
}
