import Foundation

/// A typed response of one Komet method.
package protocol KometResponse: Sendable {
  /// Reads the response from its top-level object, whose `status` was already found to be 1.
  init(from object: ResponseObject) throws(KometError)
}

/// Turns a response body into a typed response or a typed error.
///
/// The content type is not consulted: a body that parses as JSON is read whatever its
/// `Content-Type`, and any other body is an error whose excerpt has the tokens masked.
package enum KometResponseDecoder {
  /// Decodes `body` as the response of `method`.
  ///
  /// - Throws: `KometError.htmlResponse` or `.invalidJSON` for a body that is not JSON,
  ///   `.unexpectedResponse` for JSON that is not an object, `.rejected` for `status` 0, and
  ///   `.missingField` or `.invalidField` for an object of the wrong shape.
  package static func decode<Response: KometResponse>(
    _ type: Response.Type, from body: Data, for method: KometMethod, redacting tokens: [Token]
  ) throws(KometError) -> Response {
    let object = try topLevelObject(from: body, for: method, redacting: tokens)
    try checkStatus(of: object)
    return try Response(from: object)
  }

  /// Parses `body` and returns its top-level object, without looking at `status`.
  ///
  /// Every token in `tokens` is masked in the object's strings, so that Komet's `message` and
  /// the values that errors quote never carry a token that the server echoed back.
  package static func topLevelObject(
    from body: Data, for method: KometMethod, redacting tokens: [Token]
  ) throws(KometError) -> ResponseObject {
    let value: JSONValue
    do {
      value = TokenMasking.mask(tokens, in: try JSONParser.parse(body))
    } catch {
      let excerpt = BodyExcerpt.make(from: body, redacting: tokens)
      if isMarkup(body) { throw .htmlResponse(method: method, bodyStart: excerpt) }
      throw .invalidJSON(
        method: method, offset: error.offset, reason: error.reason, bodyStart: excerpt)
    }

    guard case .object = value else {
      throw .unexpectedResponse(
        method: method, reason: "the top level is \(value.preview()), not an object")
    }
    return try ResponseObject(value, path: "", method: method)
  }

  /// Throws `.rejected` when `status` is 0, and accepts 1 as a number or a string.
  ///
  /// A response with no `status` is accepted, because the `carrier.list` and
  /// `company.location.list` examples have none.
  // NOTE: not confirmed by Komet: whether a real response can lack `status`.
  package static func checkStatus(of object: ResponseObject) throws(KometError) {
    guard let (_, status) = object.firstValue(["status"]) else { return }
    switch status {
    case .number("1"), .string("1"):
      return
    case .number("0"), .string("0"):
      let message = try? object.optionalText("message")
      throw .rejected(
        KometRejection(method: object.method, message: message, members: object.members))
    default:
      throw .invalidField(
        method: object.method, path: "status", expected: "1 or 0", found: status.preview())
    }
  }

  private static func isMarkup(_ body: Data) -> Bool {
    let start = body.drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    return start.first == UInt8(ascii: "<")
  }
}
