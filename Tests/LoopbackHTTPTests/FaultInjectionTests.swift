import Foundation
import Testing

@testable import LoopbackHTTP

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

struct FaultInjectionTests {
  /// One fault, and what a raw client and the handler see when it fires.
  struct Case: Sendable, CustomStringConvertible {
    var fault: HTTPFault
    var expectedStatuses: [Int]
    var handlerRuns: Bool
    var description: String { "\(fault)" }
  }

  @Test(arguments: [
    Case(fault: .closeBeforeHandler, expectedStatuses: [], handlerRuns: false),
    Case(fault: .closeAfterHandler, expectedStatuses: [], handlerRuns: true),
    Case(fault: .status(500), expectedStatuses: [500], handlerRuns: false),
    Case(fault: .statusAfterHandler(503), expectedStatuses: [503], handlerRuns: true),
    Case(fault: .delay(.milliseconds(10)), expectedStatuses: [200], handlerRuns: true),
  ])
  func faultChangesReplyAndHandlerRun(testCase: Case) throws {
    let handler = RecordingHandler()
    let server = try LoopbackServer(configuration: testConfiguration(), handler: handler)
    defer { server.stop() }
    server.faults.add(testCase.fault, matching: RequestMatcher(method: "POST", path: "/api/item"))
    let client = try RawClient(port: server.port)

    try client.send(
      "POST /api/item?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
    let responses = ParsedResponse.parseAll(client.readToEnd())

    #expect(responses.map(\.status) == testCase.expectedStatuses)
    #expect(handler.received.count == (testCase.handlerRuns ? 1 : 0))
    #expect(server.faults.pendingCount == 0)
  }

  @Test func delayHoldsResponseBack() throws {
    let server = try LoopbackServer(configuration: testConfiguration(), handler: RecordingHandler())
    defer { server.stop() }
    server.faults.add(.delay(.milliseconds(400)))
    let client = try RawClient(port: server.port)
    let started = ContinuousClock.now

    try client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
    let responses = client.readResponses(1)

    #expect(responses.map(\.status) == [200])
    #expect(ContinuousClock.now - started >= .milliseconds(400))
  }

  @Test func faultUsedOnlyForMatchingRequestsAndTimes() throws {
    let handler = RecordingHandler()
    let server = try LoopbackServer(configuration: testConfiguration(), handler: handler)
    defer { server.stop() }
    server.faults.add(.status(500), matching: RequestMatcher(path: "/api/b"), times: 2)
    let client = try RawClient(port: server.port)

    try client.send(
      "GET /api/a HTTP/1.1\r\nHost: a\r\n\r\n" + "GET /api/b HTTP/1.1\r\nHost: a\r\n\r\n"
        + "GET /api/b?q=1 HTTP/1.1\r\nHost: a\r\n\r\n" + "GET /api/b HTTP/1.1\r\nHost: a\r\n\r\n")
    let responses = client.readResponses(4)

    #expect(responses.map(\.status) == [200, 500, 500, 200])
    #expect(handler.received.map(\.target) == ["/api/a", "/api/b"])
    #expect(server.faults.pendingCount == 0)
  }

  @Test func statusFaultKeepsConnectionOpen() throws {
    let server = try LoopbackServer(configuration: testConfiguration(), handler: RecordingHandler())
    defer { server.stop() }
    server.faults.add(.status(500))
    let client = try RawClient(port: server.port)

    try client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")

    #expect(client.readResponses(2).map(\.status) == [500, 200])
    #expect(server.acceptedConnectionCount == 1)
  }

  @Test func removeAllClearsPendingFaults() throws {
    let server = try LoopbackServer(configuration: testConfiguration(), handler: RecordingHandler())
    defer { server.stop() }
    server.faults.add(.status(500), times: 3)

    server.faults.removeAll()
    let client = try RawClient(port: server.port)
    try client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")

    #expect(client.readResponses(1).map(\.status) == [200])
  }

  @Test func handlerCloseAfterStoringLeavesStoredRequest() async throws {
    // The handler stores the order line, then requests a close without a response.
    let handler = RecordingHandler { request in
      request.path == "/api/web-order-item.add" ? .closeWithoutResponse() : .status(200)
    }
    let server = try LoopbackServer(configuration: testConfiguration(), handler: handler)
    defer { server.stop() }
    var request = URLRequest(url: server.baseURL.appendingPathComponent("api/web-order-item.add"))
    request.httpMethod = "POST"
    request.httpBody = Data("{\"inventoryId\":\"5\"}".utf8)

    let error = await #expect(throws: URLError.self) {
      _ = try await send(request, with: makeSession())
    }

    #expect(error?.code == .badServerResponse)
    #expect(handler.received.map(\.bodyText) == ["{\"inventoryId\":\"5\"}"])
  }

  @Test func closeBeforeHandlerOnURLSessionStoresNothing() async throws {
    let handler = RecordingHandler()
    let server = try LoopbackServer(configuration: testConfiguration(), handler: handler)
    defer { server.stop() }
    server.faults.add(.closeBeforeHandler, matching: RequestMatcher(method: "POST"))
    var request = URLRequest(url: server.baseURL.appendingPathComponent("api/web-order.create"))
    request.httpMethod = "POST"
    request.httpBody = Data("{}".utf8)

    await #expect(throws: URLError.self) {
      _ = try await send(request, with: makeSession())
    }

    #expect(handler.received.isEmpty)
  }

  @Test func delayPastClientTimeoutTimesOut() async throws {
    let server = try LoopbackServer(configuration: testConfiguration(), handler: RecordingHandler())
    defer { server.stop() }
    server.faults.add(.delay(.seconds(3)))
    let session = makeSession()
    session.configuration.timeoutIntervalForRequest = 0.5
    var request = URLRequest(url: server.baseURL)
    request.timeoutInterval = 0.5

    let error = await #expect(throws: URLError.self) {
      _ = try await send(request, with: session)
    }

    #expect(error?.code == .timedOut)
  }

  @Test func serverErrorStatusReachesURLSession() async throws {
    let server = try LoopbackServer(configuration: testConfiguration(), handler: RecordingHandler())
    defer { server.stop() }
    server.faults.add(.status(500))

    let (_, response) = try await send(URLRequest(url: server.baseURL), with: makeSession())

    #expect(response.statusCode == 500)
  }

  @Test func closeAfterPostOnKeptAliveConnectionStoresOnce() async throws {
    // After this close, libcurl sends the POST's head again on a new connection without
    // its body. The server must drop that copy instead of handing it to the handler.
    let handler = RecordingHandler()
    let server = try LoopbackServer(configuration: testConfiguration(), handler: handler)
    defer { server.stop() }
    let session = makeSession()
    _ = try await send(
      URLRequest(url: server.baseURL.appendingPathComponent("warm")), with: session)
    server.faults.add(.closeAfterHandler, matching: RequestMatcher(method: "POST"))
    var request = URLRequest(url: server.baseURL.appendingPathComponent("api/web-order-item.add"))
    request.httpMethod = "POST"
    request.httpBody = Data("{\"boxes\":\"2\"}".utf8)
    request.timeoutInterval = 1

    await #expect(throws: URLError.self) {
      _ = try await send(request, with: session)
    }

    #expect(eventually { server.openConnectionCount == 0 })
    #expect(server.acceptedConnectionCount == 2)
    #expect(handler.received.map(\.path) == ["/warm", "/api/web-order-item.add"])
    #expect(handler.received.last?.bodyText == "{\"boxes\":\"2\"}")
  }
}
