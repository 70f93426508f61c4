import Foundation

/// The request line and headers of one request, checked for what the server supports.
struct RequestHead: Equatable {
  var method: String
  var target: String
  var version: String
  var headers: HTTPHeaders

  /// The body length from `Content-Length`, or 0 when the request has none.
  var contentLength: Int

  /// Reports whether the client sent `Expect: 100-continue` and waits before its body.
  var expectsContinue: Bool

  /// Reports whether the connection ends after this request: `Connection: close` on
  /// HTTP/1.1, and every HTTP/1.0 request, because this server does not keep 1.0 alive.
  var closesConnection: Bool
}

/// A head the server rejects, with the status it sends before closing the connection.
struct RequestHeadRejection: Error, Equatable {
  var status: Int
  var reason: String
}

extension RequestHead {
  /// Parses the bytes of a head, without its final empty line, into a checked head.
  ///
  /// Lines end in CRLF. Header names are tokens followed directly by `:`, and a line that
  /// starts with a space or tab (obsolete line folding) is rejected. Any `Transfer-Encoding`
  /// gets 501, because this server frames bodies by `Content-Length` only. `Content-Length`
  /// values that are not digits or disagree get 400. So does an HTTP/1.1 request without
  /// exactly one `Host`.
  init(parsing bytes: ArraySlice<UInt8>) throws(RequestHeadRejection) {
    let text = String(decoding: bytes, as: UTF8.self)
    var lines = text.components(separatedBy: "\r\n")[...]
    guard let requestLine = lines.popFirst() else {
      throw RequestHeadRejection(status: 400, reason: "The request line is missing.")
    }
    let (method, target, version) = try Self.parseRequestLine(requestLine)

    var headers = HTTPHeaders()
    for line in lines {
      let (name, value) = try Self.parseField(line)
      headers.add(name: name, value: value)
    }

    if !headers.values(for: "Transfer-Encoding").isEmpty {
      throw RequestHeadRejection(
        status: 501, reason: "Transfer-Encoding is not supported: send a Content-Length body.")
    }
    if version == "HTTP/1.1" && headers.values(for: "Host").count != 1 {
      throw RequestHeadRejection(status: 400, reason: "An HTTP/1.1 request needs one Host header.")
    }

    self.method = method
    self.target = target
    self.version = version
    self.headers = headers
    contentLength = try Self.contentLength(in: headers)
    expectsContinue = try Self.expectsContinue(in: headers)
    closesConnection = version == "HTTP/1.0" || headers.contains(token: "close", in: "Connection")
  }

  private static func parseRequestLine(
    _ line: String
  ) throws(RequestHeadRejection) -> (String, String, String) {
    let parts = line.split(separator: " ", omittingEmptySubsequences: false)
    guard parts.count == 3, isToken(parts[0]), !parts[1].isEmpty,
      parts[1].unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
    else {
      throw RequestHeadRejection(status: 400, reason: "The request line is malformed.")
    }
    let version = String(parts[2])
    guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
      let looksLikeHTTP = version.hasPrefix("HTTP/")
      throw RequestHeadRejection(
        status: looksLikeHTTP ? 505 : 400, reason: "The HTTP version '\(version)' is not supported."
      )
    }
    return (String(parts[0]), String(parts[1]), version)
  }

  private static func parseField(_ line: String) throws(RequestHeadRejection) -> (String, String) {
    guard let colon = line.firstIndex(of: ":"), isToken(line[..<colon]) else {
      throw RequestHeadRejection(status: 400, reason: "A header line is malformed.")
    }
    let value = line[line.index(after: colon)...].trimmingSpaces()
    let isControl: (Unicode.Scalar) -> Bool = {
      ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F
    }
    guard !value.unicodeScalars.contains(where: isControl) else {
      throw RequestHeadRejection(
        status: 400, reason: "A header value contains a control character.")
    }
    return (String(line[..<colon]), String(value))
  }

  private static func contentLength(in headers: HTTPHeaders) throws(RequestHeadRejection) -> Int {
    let values = headers.values(for: "Content-Length")
      .flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
      .map { $0.trimmingSpaces() }
    guard let first = values.first else { return 0 }
    guard values.allSatisfy({ $0 == first }), !first.isEmpty, first.count <= 18,
      first.allSatisfy({ $0.isASCII && $0.isNumber }), let length = Int(first)
    else {
      throw RequestHeadRejection(status: 400, reason: "The Content-Length is invalid.")
    }
    return length
  }

  private static func expectsContinue(in headers: HTTPHeaders) throws(RequestHeadRejection) -> Bool
  {
    let values = headers.values(for: "Expect")
    guard !values.isEmpty else { return false }
    guard values.allSatisfy({ $0.lowercased() == "100-continue" }) else {
      throw RequestHeadRejection(status: 417, reason: "Only Expect: 100-continue is supported.")
    }
    return true
  }

  /// Reports whether `text` is a non-empty token of RFC 9110 (`tchar` characters only).
  private static func isToken(_ text: Substring) -> Bool {
    let punctuation = Set("!#$%&'*+-.^_`|~".unicodeScalars)
    return !text.isEmpty
      && text.unicodeScalars.allSatisfy { scalar in
        scalar.isASCII
          && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            || ("0"..."9").contains(scalar) || punctuation.contains(scalar))
      }
  }
}
