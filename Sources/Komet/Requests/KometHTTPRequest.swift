import Foundation

/// One HTTP header field.
package struct HTTPHeader: Equatable, Sendable {
  package let name: String
  package let value: String

  package init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

/// A Komet request described without a transport: method, URL, headers and body.
///
/// The stored properties hold no token text. The token lives in `token`, which prints masked,
/// and only `urlWithToken`, `headersWithToken` and `bodyWithToken` put it where the method's
/// row says, for the code that sends the request. `description`, string interpolation, `print`
/// and `dump` therefore never show the whole token.
package struct KometHTTPRequest: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
  package let method: KometMethod
  package let httpMethod: HTTPMethod
  /// The URL with every query parameter except the token.
  package let url: URL
  /// The headers except the token header.
  package let headers: [HTTPHeader]
  /// The JSON body except the token member, or nil for a GET.
  package let body: JSONValue?
  package let token: Token
  package let tokenPlacement: TokenPlacement

  /// The URL to send, with `authenticationToken` first in the query when the method wants it
  /// there.
  package var urlWithToken: URL {
    guard tokenPlacement == .queryParameter else { return url }
    let tokenItem = KometHeader.authenticationToken + "=" + QueryText.encode(token.secret)
    var components = URLComponents(url: url, resolvingAgainstBaseURL: false)!
    let rest = components.percentEncodedQuery.map { "&" + $0 } ?? ""
    components.percentEncodedQuery = tokenItem + rest
    return components.url!
  }

  /// The headers to send, with `authenticationToken` when the method wants it as a header.
  package var headersWithToken: [HTTPHeader] {
    guard tokenPlacement == .header else { return headers }
    var fields = headers
    let position = fields.firstIndex { $0.name == KometHeader.account }.map { $0 + 1 } ?? 0
    fields.insert(HTTPHeader(KometHeader.authenticationToken, token.secret), at: position)
    return fields
  }

  /// The body bytes to send, with the `authenticationToken` member first when the method wants
  /// it in the body.
  package var bodyWithToken: Data? {
    body.map { JSONWriter.data(for: withTokenMember($0, text: token.secret)) }
  }

  /// The body as `bodyWithToken` would send it, with the token masked, for files and logs.
  package var bodyWithMaskedToken: Data? {
    body.map { JSONWriter.data(for: withTokenMember($0, text: token.masked)) }
  }

  /// The size of the request on the wire as HTTP/1.1: request line, the `Host`,
  /// `Content-Length` and listed headers, the blank line and the body.
  ///
  /// The transport may add a few headers of its own (`User-Agent`, `Accept`), which this count
  /// leaves out.
  package var byteCount: Int {
    let target = URLComponents(url: urlWithToken, resolvingAgainstBaseURL: false)!
    let pathAndQuery =
      target.percentEncodedPath + (target.percentEncodedQuery.map { "?" + $0 } ?? "")
    let bodySize = bodyWithToken?.count ?? 0
    var size = "\(httpMethod.rawValue) \(pathAndQuery) HTTP/1.1\r\n".utf8.count
    size += "Host: \(target.host ?? "")\r\n".utf8.count
    for header in headersWithToken {
      size += header.name.utf8.count + 2 + header.value.utf8.count + 2
    }
    if body != nil { size += "Content-Length: \(bodySize)\r\n".utf8.count }
    return size + 2 + bodySize
  }

  package var description: String {
    var lines = ["\(httpMethod.rawValue) \(url.absoluteString) (\(method))"]
    switch tokenPlacement {
    case .queryParameter: lines.append("query authenticationToken: \(token.masked)")
    case .jsonBodyMember: lines.append("body authenticationToken: \(token.masked)")
    case .header: break
    }
    for header in headersWithToken {
      let value = header.name == KometHeader.authenticationToken ? token.masked : header.value
      lines.append("\(header.name): \(value)")
    }
    if let masked = bodyWithMaskedToken {
      lines.append(String(decoding: masked, as: UTF8.self))
    }
    return lines.joined(separator: "\n")
  }

  package var debugDescription: String { description }

  private func withTokenMember(_ value: JSONValue, text: String) -> JSONValue {
    guard tokenPlacement == .jsonBodyMember, case .object(let members) = value else {
      return value
    }
    return .object([JSONMember(KometHeader.authenticationToken, .string(text))] + members)
  }
}

/// Percent-encodes URL query text, leaving only RFC 3986's unreserved characters bare, so `+`,
/// `&` and `=` in a value cannot change the query's meaning.
package enum QueryText {
  private static let unreserved = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

  package static func encode(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
  }
}
