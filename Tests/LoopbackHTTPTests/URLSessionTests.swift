import Foundation
import Testing

@testable import LoopbackHTTP

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

struct URLSessionTests {
  @Test func getReturnsHandlerResponse() async throws {
    let handler = RecordingHandler { request in
      var response = HTTPResponse(text: "{\"status\":\"1\"}", contentType: "application/json")
      response.headers.add(name: "X-Echo", value: request.queryItems.first?.value ?? "")
      return .respond(response)
    }
    let server = try LoopbackServer(configuration: testConfiguration(), handler: handler)
    defer { server.stop() }
    let session = makeSession()
    let url = server.baseURL.appendingPathComponent("api/customer.list")
    var components = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
    components.queryItems = [URLQueryItem(name: "authenticationToken", value: "a b+c")]

    var request = URLRequest(url: try #require(components.url))
    request.setValue("company-7", forHTTPHeaderField: "X-ACCOUNT")
    let (data, response) = try await send(request, with: session)

    #expect(response.statusCode == 200)
    #expect(String(decoding: data, as: UTF8.self) == "{\"status\":\"1\"}")
    #expect(response.value(forHTTPHeaderField: "Content-Type") == "application/json")
    #expect(response.value(forHTTPHeaderField: "X-Echo") == "a b+c")
    let received = try #require(handler.received.first)
    #expect(received.method == "GET")
    #expect(received.path == "/api/customer.list")
    #expect(received.headers["x-account"] == "company-7")
    #expect(received.body.isEmpty)
  }

  @Test func postDeliversWholeBody() async throws {
    let handler = RecordingHandler()
    let server = try LoopbackServer(configuration: testConfiguration(), handler: handler)
    defer { server.stop() }
    let session = makeSession()
    let body = "{\"customerId\":\"12\",\"note\":\"" + String(repeating: "x", count: 5000) + "\"}"

    var request = URLRequest(url: server.baseURL.appendingPathComponent("api/web-order.create"))
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = Data(body.utf8)
    let (data, response) = try await send(request, with: session)

    #expect(response.statusCode == 200)
    #expect(String(decoding: data, as: UTF8.self) == "POST /api/web-order.create \(body)")
    let received = try #require(handler.received.first)
    #expect(received.bodyText == body)
    #expect(received.headers["Content-Length"] == String(body.utf8.count))
  }

  @Test func keepAliveReusesConnections() async throws {
    // The idle timeout is long because other suites may hold every test thread between the
    // requests, and the connection must still be open for the next one.
    let configuration = testConfiguration(idleTimeout: .seconds(120))
    let server = try LoopbackServer(configuration: configuration, handler: RecordingHandler())
    defer { server.stop() }
    let session = makeSession()
    let url = server.baseURL.appendingPathComponent("api/location.list")

    // Under load, a request sent right after another has opened a second connection, most
    // likely because libcurl had not yet returned the first one to its pool. So the test
    // sends four requests with pauses and expects only that a connection was used again.
    var bodies: [String] = []
    for _ in 0..<4 {
      let (data, _) = try await send(URLRequest(url: url), with: session)
      bodies.append(String(decoding: data, as: UTF8.self))
      try await Task.sleep(for: .milliseconds(200))
    }

    #expect(bodies == Array(repeating: "GET /api/location.list ", count: 4))
    #expect(server.acceptedConnectionCount < 4)
  }

  @Test func connectionCloseOpensNewConnection() async throws {
    let server = try LoopbackServer(configuration: testConfiguration(), handler: RecordingHandler())
    defer { server.stop() }
    let session = makeSession()
    var request = URLRequest(url: server.baseURL.appendingPathComponent("api/carrier.list"))
    request.setValue("close", forHTTPHeaderField: "Connection")

    let (_, first) = try await send(request, with: session)
    let (_, second) = try await send(request, with: session)

    #expect(first.value(forHTTPHeaderField: "Connection") == "close")
    #expect(second.statusCode == 200)
    #expect(server.acceptedConnectionCount == 2)
  }

  @Test func handlerConnectionCloseHeaderEndsConnection() async throws {
    let server = try LoopbackServer(configuration: testConfiguration()) { _ in
      var response = HTTPResponse(text: "bye")
      response.headers.add(name: "Connection", value: "close")
      return .respond(response)
    }
    defer { server.stop() }
    let session = makeSession()
    let url = server.baseURL.appendingPathComponent("x")

    _ = try await send(URLRequest(url: url), with: session)
    _ = try await send(URLRequest(url: url), with: session)

    #expect(server.acceptedConnectionCount == 2)
  }
}
