import Testing

@testable import LoopbackHTTP

struct RequestHeadTests {
  private func parse(_ text: String) throws(RequestHeadRejection) -> RequestHead {
    try RequestHead(parsing: Array(text.utf8)[...])
  }

  @Test func validHeadParsed() throws {
    let head = try parse(
      "POST /api/web-order.create?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "content-length: 12\r\nExpect: 100-Continue\r\nConnection: keep-alive, Close")

    #expect(head.method == "POST")
    #expect(head.target == "/api/web-order.create?x=1")
    #expect(head.version == "HTTP/1.1")
    #expect(head.contentLength == 12)
    #expect(head.expectsContinue)
    #expect(head.closesConnection)
    #expect(head.headers["Host"] == "127.0.0.1")
  }

  @Test(arguments: [
    ("Content-Length: 7, 7", 7),
    ("Content-Length: 7\r\nContent-Length: 7", 7),
    ("Content-Length: 0", 0),
    ("X-Other: 1", 0),
  ])
  func contentLengthRead(field: String, expected: Int) throws {
    let head = try parse("PUT / HTTP/1.1\r\nHost: a\r\n\(field)")

    #expect(head.contentLength == expected)
  }

  @Test(arguments: [
    ("Content-Length: 99999999999999999999", 400),
    ("Content-Length: 7, 8", 400),
    ("Content-Length: +7", 400),
    ("Content-Length:", 400),
    ("Transfer-Encoding: gzip", 501),
    ("transfer-encoding: chunked", 501),
    ("X-Bad: a\u{1}b", 400),
    (": no-name", 400),
  ])
  func invalidFieldRejected(field: String, status: Int) {
    #expect(throws: RequestHeadRejection.self) {
      try parse("PUT / HTTP/1.1\r\nHost: a\r\n\(field)")
    }
    do {
      _ = try parse("PUT / HTTP/1.1\r\nHost: a\r\n\(field)")
    } catch {
      #expect(error.status == status)
    }
  }

  @Test(arguments: [
    ("GET / HTTP/1.0", true),
    ("GET / HTTP/1.0\r\nConnection: keep-alive", true),
    ("GET / HTTP/1.1\r\nHost: a", false),
    ("GET / HTTP/1.1\r\nHost: a\r\nConnection: close", true),
    ("GET / HTTP/1.1\r\nHost: a\r\nConnection: closed", false),
  ])
  func connectionPersistenceDecided(text: String, closes: Bool) throws {
    #expect(try parse(text).closesConnection == closes)
  }
}

struct HTTPMessageTests {
  @Test func headersCompareNamesCaseInsensitively() {
    var headers = HTTPHeaders([("Set-Cookie", "a=1"), ("X-One", "1"), ("set-cookie", "b=2")])

    headers.set(name: "x-one", value: "2")

    #expect(headers.values(for: "SET-COOKIE") == ["a=1", "b=2"])
    #expect(headers["X-ONE"] == "2")
    #expect(headers.fields.count == 3)
  }

  @Test(arguments: [
    ("/p?a=1&b=x%20y&c=1+2&d", [("a", "1"), ("b", "x y"), ("c", "1+2"), ("d", "")]),
    ("/p?token=%E2%82%AC&bad=%zz", [("token", "€"), ("bad", "%zz")]),
    ("/p", []),
    ("/p?", []),
  ])
  func queryItemsDecoded(target: String, expected: [(String, String)]) {
    let request = HTTPRequest(method: "GET", target: target)

    #expect(request.queryItems.map(\.name) == expected.map(\.0))
    #expect(request.queryItems.map(\.value) == expected.map(\.1))
    #expect(request.path == "/p")
  }

  @Test func responseSerializedWithLengthAndClose() {
    var response = HTTPResponse(status: 201, text: "made")
    response.headers.add(name: "Content-Length", value: "999")
    response.headers.add(name: "X-Evil", value: "a\r\nInjected: yes")

    let text = String(
      decoding: response.serialized(closesConnection: true, omitsBody: false), as: UTF8.self)

    #expect(
      text
        == "HTTP/1.1 201 Created\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + "X-Evil: a Injected: yes\r\nContent-Length: 4\r\nConnection: close\r\n\r\nmade")
  }

  @Test func noContentResponseHasNoBodyOrLength() {
    let response = HTTPResponse(status: 204, body: Array("ignored".utf8))

    let text = String(
      decoding: response.serialized(closesConnection: false, omitsBody: false), as: UTF8.self)

    #expect(text == "HTTP/1.1 204 No Content\r\n\r\n")
  }
}
