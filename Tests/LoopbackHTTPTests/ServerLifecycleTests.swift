import Foundation
import Glibc
import Testing

@testable import LoopbackHTTP

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

struct ServerLifecycleTests {
  @Test(arguments: [
    ("0.0.0.0", LoopbackHTTPError.addressNotLoopback("0.0.0.0")),
    ("::", .addressNotLoopback("::")),
    ("127.0.0.2", .addressNotLoopback("127.0.0.2")),
    ("10.1.2.3", .addressNotLoopback("10.1.2.3")),
    ("::ffff:127.0.0.1", .addressNotLoopback("::ffff:127.0.0.1")),
    ("fe80::1", .addressNotLoopback("fe80::1")),
    ("localhost", .invalidAddress("localhost")),
    ("", .invalidAddress("")),
    ("127.0.0.1 ", .invalidAddress("127.0.0.1 ")),
  ])
  func nonLoopbackBindAddressRejected(address: String, expected: LoopbackHTTPError) {
    var configuration = testConfiguration()
    configuration.bindAddress = address

    #expect(throws: expected) {
      try LoopbackServer(configuration: configuration, handler: RecordingHandler())
    }
  }

  @Test func rejectionMessageNamesAddress() {
    let error = LoopbackHTTPError.addressNotLoopback("0.0.0.0")

    #expect(
      error.description
        == "The bind address '0.0.0.0' is not loopback: the server binds only 127.0.0.1 or ::1.")
  }

  @Test(arguments: [("127.0.0.1", false), ("::1", true), ("0:0:0:0:0:0:0:1", true)])
  func loopbackAddressServes(address: String, usesIPv6: Bool) throws {
    var configuration = testConfiguration()
    configuration.bindAddress = address
    let server = try LoopbackServer(configuration: configuration, handler: RecordingHandler())
    defer { server.stop() }
    let client = try RawClient(port: server.port, usesIPv6: usesIPv6)

    try client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")

    #expect(server.port != 0)
    #expect(server.baseURL.absoluteString.hasSuffix(":\(server.port)/"))
    #expect(client.readResponses(1).map(\.status) == [200])
  }

  @Test func takenPortReportsBindFailure() throws {
    let first = try LoopbackServer(configuration: testConfiguration(), handler: RecordingHandler())
    defer { first.stop() }
    var configuration = testConfiguration()
    configuration.port = first.port

    #expect(throws: LoopbackHTTPError.systemCall(call: "bind", code: EADDRINUSE)) {
      try LoopbackServer(configuration: configuration, handler: RecordingHandler())
    }
  }

  @Test func stopClosesOpenConnectionsAndWaits() async throws {
    let server = try LoopbackServer(configuration: testConfiguration(), handler: RecordingHandler())
    let idle = try RawClient(port: server.port)
    let partial = try RawClient(port: server.port)
    let served = try RawClient(port: server.port)
    try partial.send("GET /never HTTP/1.1\r\nHost: a\r\n")
    try served.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
    _ = served.readResponses(1)
    #expect(eventually { server.openConnectionCount == 3 })
    let port = server.port

    let started = ContinuousClock.now
    server.stop()

    #expect(ContinuousClock.now - started < .seconds(2))
    #expect(server.openConnectionCount == 0)
    #expect(idle.readToEnd().isEmpty)
    #expect(partial.readToEnd().isEmpty)
    #expect(served.readToEnd().isEmpty)
    #expect(throws: RawClientError.self) { try RawClient(port: port) }
  }

  @Test func stopTwiceIsHarmless() throws {
    let server = try LoopbackServer(configuration: testConfiguration(), handler: RecordingHandler())

    server.stop()
    server.stop()

    #expect(server.openConnectionCount == 0)
  }

  @Test func concurrentStopsAllReturn() async throws {
    let server = try LoopbackServer(configuration: testConfiguration(), handler: RecordingHandler())
    let client = try RawClient(port: server.port)
    #expect(eventually { server.openConnectionCount == 1 })

    await withTaskGroup(of: Void.self) { group in
      for _ in 0..<4 {
        group.addTask { server.stop() }
      }
    }

    #expect(server.openConnectionCount == 0)
    #expect(client.readToEnd().isEmpty)
  }

  @Test func stopCutsReplyDelayShort() async throws {
    let handler = RecordingHandler { _ in .respond(HTTPResponse(text: "late"), after: .seconds(30))
    }
    let server = try LoopbackServer(configuration: testConfiguration(), handler: handler)
    let client = try RawClient(port: server.port)
    try client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
    #expect(eventually { handler.received.count == 1 })

    let started = ContinuousClock.now
    server.stop()

    #expect(ContinuousClock.now - started < .seconds(2))
    #expect(client.readToEnd().isEmpty)
  }

  @Test func connectionsPastLimitClosedAtOnce() async throws {
    var configuration = testConfiguration()
    configuration.maxConnections = 1
    let server = try LoopbackServer(configuration: configuration, handler: RecordingHandler())
    defer { server.stop() }
    let first = try RawClient(port: server.port)
    #expect(eventually { server.openConnectionCount == 1 })

    let second = try RawClient(port: server.port)
    try? second.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")

    #expect(second.readToEnd().isEmpty)
    try first.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
    #expect(first.readResponses(1).map(\.status) == [200])
    #expect(server.acceptedConnectionCount == 2)
  }

  @Test func releasedServerStopsItself() async throws {
    var server: LoopbackServer? = try LoopbackServer(
      configuration: testConfiguration(), handler: RecordingHandler())
    let client = try RawClient(port: try #require(server?.port))
    #expect(eventually { server?.openConnectionCount == 1 })

    server = nil

    #expect(client.readToEnd().isEmpty)
  }
}
