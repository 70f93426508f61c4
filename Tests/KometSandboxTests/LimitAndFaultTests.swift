import Foundation
import LoopbackHTTP
import Testing

@testable import KometSandbox

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

struct LimitAndFaultTests {
  /// Returns a `web-order.create` body of exactly `size` bytes.
  private func body(ofSize size: Int) throws -> [String: Any] {
    var fields: [String: Any] = [
      "customerId": "10012", "companyId": "4242", "companyLocationId": "200101", "pad": "",
    ]
    let baseSize = try JSONSerialization.data(withJSONObject: fields).count
    fields["pad"] = String(repeating: "x", count: size - baseSize)
    #expect(try JSONSerialization.data(withJSONObject: fields).count == size)
    return fields
  }

  @Test func bodyOf64KiBIsAccepted() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).headerPost(
      "web-order.create", body: try body(ofSize: 65_536))

    #expect(response.httpStatus == 200)
    #expect(response.json["status"] as? String == "1")
  }

  @Test func bodyOver64KiBIsRejected() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }

    let response = try await SandboxClient(sandbox).headerPost(
      "web-order.create", body: try body(ofSize: 65_537))

    #expect(response.httpStatus == 413)
    #expect(response.status == "0")
    #expect(response.message == "The request of 65537 bytes is over the 64 KB limit.")
    #expect(sandbox.state.webOrders.isEmpty)
    #expect(sandbox.state.dailyRequestCounts.isEmpty)
    let entry = try #require(sandbox.requestLog.first)
    #expect(entry.httpStatus == 413)
    #expect(entry.body == "(65537 bytes over the size limit, not kept)")
  }

  @Test func dailyLimitIsPerTokenAndDay() async throws {
    let clock = TestClock()
    let sandbox = try startSandbox(clock: clock, dailyLimit: 2)
    defer { sandbox.stop() }
    let client = SandboxClient(sandbox)

    let first = try await client.list("boxtype.list")
    let second = try await client.list("boxtype.list")
    let third = try await client.list("boxtype.list")
    let vendor = try await client.list("boxtype.list", token: SandboxTokens.vendor)
    clock.advance(days: 1)
    let nextDay = try await client.list("boxtype.list")

    #expect(first.httpStatus == 200)
    #expect(second.httpStatus == 200)
    #expect(third.httpStatus == 429)
    #expect(third.status == "0")
    #expect(
      third.message
        == "The daily limit of 2 requests for this token was reached on 2026-03-02 (UTC).")
    #expect(vendor.httpStatus == 200)
    #expect(nextDay.httpStatus == 200)
    #expect(sandbox.state.dailyRequestCounts["2026-03-02"] == ["Company": 2, "Vendor": 1])
    #expect(sandbox.state.dailyRequestCounts["2026-03-03"] == ["Company": 1])
  }

  @Test func delayFaultHoldsAnswerBack() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    sandbox.faults.add(
      .delay(.milliseconds(400)), matching: RequestMatcher(path: "/api/customer.list"))
    let started = ContinuousClock.now

    let response = try await SandboxClient(sandbox).list("customer.list")

    #expect(response.httpStatus == 200)
    #expect(ContinuousClock.now - started >= .milliseconds(400))
  }

  @Test func statusFaultSkipsSandbox() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    sandbox.faults.add(.status(500), matching: RequestMatcher(path: "/api/web-order.create"))
    let client = SandboxClient(sandbox)
    let request = try client.request(
      "web-order.create", httpMethod: "POST", token: SandboxTokens.customer, placement: .header,
      body: ["customerId": "10012", "companyId": "4242", "companyLocationId": "200101"])

    let (data, httpResponse) = try await client.session.data(for: request)

    #expect((httpResponse as? HTTPURLResponse)?.statusCode == 500)
    #expect(data.isEmpty)
    #expect(sandbox.state.webOrders.isEmpty)
    #expect(sandbox.requestLog.isEmpty)
    #expect(sandbox.state.dailyRequestCounts.isEmpty)
  }

  @Test func closeBeforeStoringKeepsNothing() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    sandbox.faults.add(
      .closeBeforeHandler, matching: RequestMatcher(method: "POST", path: "/api/web-order-item.add")
    )

    await #expect(throws: URLError.self) {
      _ = try await SandboxClient(sandbox).addItem("5100001", quantity: 3)
    }

    #expect(sandbox.state.webOrders.isEmpty)
    #expect(boxes(sandbox, "5100001") == 10)
    #expect(sandbox.requestLog.isEmpty)
  }

  @Test func closeAfterStoringKeepsLine() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    sandbox.faults.add(
      .closeAfterHandler, matching: RequestMatcher(method: "POST", path: "/api/web-order-item.add"))

    await #expect(throws: URLError.self) {
      _ = try await SandboxClient(sandbox).addItem("5100001", quantity: 3)
    }

    #expect(sandbox.state.webOrders.first?.items.map(\.inventoryId) == ["5100001"])
    #expect(boxes(sandbox, "5100001") == 7)
    #expect(sandbox.requestLog.map(\.httpStatus) == [200])
    #expect(sandbox.requestLog.first?.kometStatus == 1)
  }

  @Test func shortBodyIsDropped() async throws {
    let sandbox = try startSandbox()
    defer { sandbox.stop() }
    let connection = try #require(RawConnection(port: sandbox.port))
    let body = "{\"customerId\":\"10012\",\"inventoryIds\":\"5100001\""

    connection.send(
      "POST /api/web-order-item.add HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "authenticationToken: \(SandboxTokens.customer)\r\nX-ACCOUNT: 4242\r\n"
        + "Content-Type: application/json\r\nContent-Length: 300\r\n\r\n\(body)")
    connection.shutdownWrite()
    let reply = connection.readToEnd()

    #expect(reply.isEmpty)
    #expect(sandbox.requestLog.isEmpty)
    #expect(sandbox.state.dailyRequestCounts.isEmpty)
    #expect(sandbox.state.webOrders.isEmpty)
    #expect(boxes(sandbox, "5100001") == 10)
  }
}
