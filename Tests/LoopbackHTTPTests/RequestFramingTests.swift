import Foundation
import Testing

@testable import LoopbackHTTP

/// Requests written byte for byte on a raw socket, for the framing URLSession never produces.
struct RequestFramingTests {
  @Test func pipelinedRequestsAnsweredInOrder() throws {
    let handler = RecordingHandler()
    let server = try LoopbackServer(configuration: testConfiguration(), handler: handler)
    defer { server.stop() }
    let client = try RawClient(port: server.port)

    try client.send(
      "GET /one HTTP/1.1\r\nHost: a\r\n\r\n"
        + "POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
        + "GET /three HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
    let responses = client.readResponses(3)

    #expect(responses.map(\.body) == ["GET /one ", "POST /two hello", "GET /three "])
    #expect(responses.last?.headers["connection"] == "close")
    #expect(handler.received.map(\.path) == ["/one", "/two", "/three"])
    #expect(client.readToEnd().isEmpty)
    #expect(server.acceptedConnectionCount == 1)
  }

  @Test func requestSplitAcrossWritesIsJoined() throws {
    let handler = RecordingHandler()
    let server = try LoopbackServer(configuration: testConfiguration(), handler: handler)
    defer { server.stop() }
    let client = try RawClient(port: server.port)

    try client.send("POST /split HTTP/1.1\r\nHo")
    usleep(50_000)
    try client.send("st: a\r\nContent-Length: 6\r\n\r\nab")
    usleep(50_000)
    try client.send("cdef")
    let responses = client.readResponses(1)

    #expect(responses.first?.body == "POST /split abcdef")
  }

  @Test func repeatedHeadersKeptInOrder() throws {
    let handler = RecordingHandler()
    let server = try LoopbackServer(configuration: testConfiguration(), handler: handler)
    defer { server.stop() }
    let client = try RawClient(port: server.port)

    try client.send(
      "GET / HTTP/1.1\r\nHost: a\r\nX-Tag: one\r\nx-tag:two \r\nX-TAG:  three\r\n\r\n")
    _ = client.readResponses(1)

    let request = try #require(handler.received.first)
    #expect(request.headers.values(for: "x-Tag") == ["one", "two", "three"])
    #expect(request.headers.fields.map(\.name) == ["Host", "X-Tag", "x-tag", "X-TAG"])
  }

  @Test func oversizedHeadGets431() throws {
    var configuration = testConfiguration()
    configuration.maxHeaderBytes = 256
    let handler = RecordingHandler()
    let server = try LoopbackServer(configuration: configuration, handler: handler)
    defer { server.stop() }
    let client = try RawClient(port: server.port)

    try client.send("GET / HTTP/1.1\r\nHost: a\r\nX-Pad: \(String(repeating: "p", count: 300))\r\n")
    let responses = client.readResponses(1)

    #expect(responses.map(\.status) == [431])
    #expect(responses.first?.headers["connection"] == "close")
    #expect(handler.received.isEmpty)
  }

  @Test func headAtLimitIsAccepted() throws {
    var configuration = testConfiguration()
    configuration.maxHeaderBytes = 64
    let handler = RecordingHandler()
    let server = try LoopbackServer(configuration: configuration, handler: handler)
    defer { server.stop() }
    let client = try RawClient(port: server.port)
    let start = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: "
    let head = start + String(repeating: "p", count: 64 - start.utf8.count - 4) + "\r\n\r\n"
    #expect(head.utf8.count == 64)

    try client.send(head)

    #expect(client.readResponses(1).map(\.status) == [200])
  }

  @Test func oversizedBodyGets413BeforeReading() throws {
    var configuration = testConfiguration()
    configuration.maxBodyBytes = 10
    let handler = RecordingHandler()
    let server = try LoopbackServer(configuration: configuration, handler: handler)
    defer { server.stop() }
    let client = try RawClient(port: server.port)

    try client.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n")
    let responses = client.readResponses(1)

    #expect(responses.map(\.status) == [413])
    #expect(handler.received.isEmpty)
  }

  @Test func bodyAtLimitIsAccepted() throws {
    var configuration = testConfiguration()
    configuration.maxBodyBytes = 10
    let server = try LoopbackServer(configuration: configuration, handler: RecordingHandler())
    defer { server.stop() }
    let client = try RawClient(port: server.port)

    try client.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789")

    #expect(client.readResponses(1).map(\.body) == ["POST / 0123456789"])
  }

  @Test(arguments: [
    ("Transfer-Encoding: chunked\r\n", 501),
    ("Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", 501),
    ("Content-Length: 3\r\nContent-Length: 4\r\n", 400),
    ("Content-Length: -1\r\n", 400),
    ("Content-Length: 0x10\r\n", 400),
    ("Expect: something-else\r\n", 417),
    (" folded: line\r\n", 400),
    ("No-Colon\r\n", 400),
    ("Bad Name: x\r\n", 400),
  ])
  func invalidHeadRejectedAndClosed(extraHeaders: String, status: Int) throws {
    let handler = RecordingHandler()
    let server = try LoopbackServer(configuration: testConfiguration(), handler: handler)
    defer { server.stop() }
    let client = try RawClient(port: server.port)

    try client.send("POST / HTTP/1.1\r\nHost: a\r\n\(extraHeaders)\r\nabc")
    let bytes = client.readToEnd()

    #expect(ParsedResponse.parseAll(bytes).map(\.status) == [status])
    #expect(handler.received.isEmpty)
  }

  @Test(arguments: [
    ("GET / HTTP/1.1\r\n\r\n", 400),
    ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
    ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
    ("GET /  HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    ("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    ("GET / FTP/1.1\r\nHost: a\r\n\r\n", 400),
  ])
  func invalidRequestLineOrHostRejected(head: String, status: Int) throws {
    let handler = RecordingHandler()
    let server = try LoopbackServer(configuration: testConfiguration(), handler: handler)
    defer { server.stop() }
    let client = try RawClient(port: server.port)

    try client.send(head)

    #expect(ParsedResponse.parseAll(client.readToEnd()).map(\.status) == [status])
    #expect(handler.received.isEmpty)
  }

  @Test func http10RequestClosesAfterResponse() throws {
    let server = try LoopbackServer(configuration: testConfiguration(), handler: RecordingHandler())
    defer { server.stop() }
    let client = try RawClient(port: server.port)

    try client.send("GET /old HTTP/1.0\r\n\r\n")
    let responses = ParsedResponse.parseAll(client.readToEnd())

    #expect(responses.map(\.body) == ["GET /old "])
    #expect(responses.first?.headers["connection"] == "close")
  }

  @Test func headRequestGetsLengthWithoutBody() throws {
    let server = try LoopbackServer(configuration: testConfiguration(), handler: RecordingHandler())
    defer { server.stop() }
    let client = try RawClient(port: server.port)

    try client.send("HEAD /h HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
    let text = String(decoding: client.readToEnd(), as: UTF8.self)

    #expect(text.contains("Content-Length: 8\r\n"))
    #expect(text.hasSuffix("\r\n\r\n"))
  }

  @Test func expectContinueGets100BeforeBody() throws {
    let handler = RecordingHandler()
    let server = try LoopbackServer(configuration: testConfiguration(), handler: handler)
    defer { server.stop() }
    let client = try RawClient(port: server.port)

    try client.send(
      "POST /e HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
    let interim = client.readResponses(1)
    try client.send("ok")
    let final = client.readResponses(1)

    #expect(interim.map(\.status) == [100])
    #expect(final.map(\.body) == ["POST /e ok"])
  }

  @Test func shortBodyDroppedWhenClientCloses() throws {
    let handler = RecordingHandler()
    let server = try LoopbackServer(configuration: testConfiguration(), handler: handler)
    defer { server.stop() }
    let client = try RawClient(port: server.port)

    try client.send("GET /first HTTP/1.1\r\nHost: a\r\n\r\n")
    _ = client.readResponses(1)
    try client.send("POST /order HTTP/1.1\r\nHost: a\r\nContent-Length: 20\r\n\r\n{\"qty\":")
    client.shutdownWrite()
    let bytes = client.readToEnd()

    #expect(bytes.isEmpty)
    #expect(handler.received.map(\.path) == ["/first"])
  }

  @Test func shortBodyDroppedWhenClientStalls() async throws {
    let handler = RecordingHandler()
    let configuration = testConfiguration(requestTimeout: .milliseconds(300))
    let server = try LoopbackServer(configuration: configuration, handler: handler)
    defer { server.stop() }
    let client = try RawClient(port: server.port)

    try client.send("POST /order HTTP/1.1\r\nHost: a\r\nContent-Length: 20\r\n\r\n{\"qty\":")
    let bytes = client.readToEnd()

    #expect(bytes.isEmpty)
    #expect(handler.received.isEmpty)
    #expect(eventually { server.openConnectionCount == 0 })
  }

  @Test func unfinishedHeadTimesOutAndFreesThread() async throws {
    let handler = RecordingHandler()
    let configuration = testConfiguration(requestTimeout: .milliseconds(300))
    let server = try LoopbackServer(configuration: configuration, handler: handler)
    defer { server.stop() }
    let client = try RawClient(port: server.port)

    try client.send("GET /slow HTTP/1.1\r\nHost: a\r\n")
    #expect(eventually { server.openConnectionCount == 1 })
    let started = ContinuousClock.now
    let responses = ParsedResponse.parseAll(client.readToEnd())
    let waited = ContinuousClock.now - started

    #expect(responses.map(\.status) == [408])
    #expect(waited < .seconds(2))
    #expect(eventually { server.openConnectionCount == 0 })
    #expect(handler.received.isEmpty)
  }

  @Test func slowDripHeadStillTimesOut() async throws {
    let configuration = testConfiguration(requestTimeout: .milliseconds(400))
    let server = try LoopbackServer(configuration: configuration, handler: RecordingHandler())
    defer { server.stop() }
    let client = try RawClient(port: server.port)
    let started = ContinuousClock.now

    for byte in "GET /drip HTTP/1.1\r\nHost: a\r\nX-Slow: yes".utf8 {
      if (try? client.send([byte])) == nil { break }
      usleep(25_000)
    }
    let responses = ParsedResponse.parseAll(client.readToEnd())

    #expect(responses.map(\.status) == [408])
    #expect(ContinuousClock.now - started < .seconds(3))
  }

  @Test func idleKeptAliveConnectionClosesSilently() async throws {
    let configuration = testConfiguration(idleTimeout: .milliseconds(300))
    let server = try LoopbackServer(configuration: configuration, handler: RecordingHandler())
    defer { server.stop() }
    let client = try RawClient(port: server.port)

    try client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
    let responses = client.readResponses(1)
    let rest = client.readToEnd()

    #expect(responses.map(\.status) == [200])
    #expect(rest.isEmpty)
    #expect(eventually { server.openConnectionCount == 0 })
  }
}
