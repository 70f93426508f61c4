import Foundation

/// A complete request: head and the whole body that its `Content-Length` announced.
///
/// The server builds one only after every body byte has arrived, so a handler never receives a
/// request that the client cut short.
package struct HTTPRequest: Sendable {
  /// The method token as sent, for example `GET` (methods are case-sensitive).
  package var method: String

  /// The request target as sent, for example `/api/customer.list?page=1`.
  package var target: String

  /// The protocol version from the request line: `HTTP/1.1` or `HTTP/1.0`.
  package var version: String

  package var headers: HTTPHeaders
  package var body: [UInt8]

  package init(
    method: String, target: String, version: String = "HTTP/1.1",
    headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
  ) {
    self.method = method
    self.target = target
    self.version = version
    self.headers = headers
    self.body = body
  }

  /// The target up to its `?`, still percent-encoded.
  package var path: String {
    String(target.prefix { $0 != "?" })
  }

  /// The target after its `?`, still percent-encoded, or nil when it has no query.
  package var query: String? {
    guard let mark = target.firstIndex(of: "?") else { return nil }
    return String(target[target.index(after: mark)...])
  }

  /// The query's `name=value` pairs in order, percent-decoded.
  ///
  /// A `+` stays a plus sign, because `URLComponents` leaves `+` unencoded in a query value.
  /// A pair whose escapes do not decode keeps its raw text.
  package var queryItems: [(name: String, value: String)] {
    guard let query, !query.isEmpty else { return [] }
    return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = String(parts[0])
      let value = parts.count > 1 ? String(parts[1]) : ""
      return (name.removingPercentEncoding ?? name, value.removingPercentEncoding ?? value)
    }
  }

  /// The body decoded as UTF-8, with invalid bytes replaced.
  package var bodyText: String {
    String(decoding: body, as: UTF8.self)
  }
}
