/// A response that the server sends with a `Content-Length` matching its body.
package struct HTTPResponse: Sendable, Equatable {
  package var status: Int
  package var headers: HTTPHeaders
  package var body: [UInt8]

  package init(status: Int = 200, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// Creates a response whose body is `text` in UTF-8, labelled with `contentType`.
  package init(status: Int = 200, text: String, contentType: String = "text/plain; charset=utf-8") {
    var headers = HTTPHeaders()
    headers.add(name: "Content-Type", value: contentType)
    self.init(status: status, headers: headers, body: Array(text.utf8))
  }

  /// Reports whether the status forbids a body (1xx, 204 and 304).
  var forbidsBody: Bool {
    (100..<200).contains(status) || status == 204 || status == 304
  }

  /// Serializes the status line, the headers and the body for the wire.
  ///
  /// The server sets `Content-Length` itself (none for 1xx, 204 and 304), adds `Connection: close`
  /// when `closesConnection` is true, and leaves the body out when `omitsBody` is true, as for
  /// a `HEAD` request. A CR or LF inside a header name or value becomes a space, so a handler
  /// cannot split the header block.
  func serialized(closesConnection: Bool, omitsBody: Bool) -> [UInt8] {
    var head = "HTTP/1.1 \(status) \(HTTPStatusReason.phrase(for: status))\r\n"
    for field in headers.fields {
      let name = field.name.lowercased()
      if name == "content-length" || name == "transfer-encoding" { continue }
      if name == "connection" && closesConnection { continue }
      head += "\(Self.sanitized(field.name)): \(Self.sanitized(field.value))\r\n"
    }
    if !forbidsBody {
      head += "Content-Length: \(body.count)\r\n"
    }
    if closesConnection {
      head += "Connection: close\r\n"
    }
    head += "\r\n"

    var bytes = Array(head.utf8)
    if !omitsBody && !forbidsBody {
      bytes += body
    }
    return bytes
  }

  private static func sanitized(_ text: String) -> String {
    String(text.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
  }
}
