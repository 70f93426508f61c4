import Foundation
import LoopbackHTTP

/// Makes the log entry of a request, with every token masked to its first four characters
/// and its length.
///
/// Masked are the values of the `authenticationToken` header, query parameter and JSON key,
/// whatever token they hold (a real token sent here by mistake too), and every known sandbox
/// token anywhere else, whole or percent-encoded.
enum RequestLogger {
  static func entry(
    for request: HTTPRequest, httpStatus: Int, body: JSONValue, tokens: [TokenRecord],
    isBodyKept: Bool
  ) -> RequestLogEntry {
    let known = tokens.compactMap(\.value)
    let headers = request.headers.fields.map { field in
      let value =
        isTokenName(field.name)
        ? TokenMask.mask(field.value) : TokenMask.redact(field.value, tokens: known)
      return RequestLogEntry.HeaderField(name: field.name, value: value)
    }
    let bodyText =
      isBodyKept
      ? maskedBody(request.bodyText, tokens: known)
      : "(\(request.body.count) bytes over the size limit, not kept)"

    return RequestLogEntry(
      method: request.method, path: request.path,
      query: maskedQuery(request.query ?? "", tokens: known), headers: headers, body: bodyText,
      httpStatus: httpStatus, kometStatus: kometStatus(of: body))
  }

  private static func isTokenName(_ name: String) -> Bool {
    name.lowercased() == "authenticationtoken"
  }

  private static func maskedQuery(_ query: String, tokens: [String]) -> String {
    let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2, isTokenName(parts[0].removingPercentEncoding ?? String(parts[0]))
      else { return String(pair) }
      let value = parts[1].removingPercentEncoding ?? String(parts[1])
      return "\(parts[0])=\(TokenMask.mask(value))"
    }
    return TokenMask.redact(pairs.joined(separator: "&"), tokens: tokens)
  }

  private static func maskedBody(_ text: String, tokens: [String]) -> String {
    var result = text
    if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)),
      case .object(var object) = value
    {
      for key in object.keys where isTokenName(key) {
        if case .string(let token) = object[key] {
          object[key] = .string(TokenMask.mask(token))
        }
      }
      result = String(decoding: JSONValue.object(object).encoded(), as: UTF8.self)
    }
    return TokenMask.redact(result, tokens: tokens)
  }

  private static func kometStatus(of body: JSONValue) -> Int? {
    guard case .object(let object) = body else { return nil }
    switch object["status"] {
    case .string(let text): return Int(text)
    case .number(let number): return NSDecimalNumber(decimal: number).intValue
    default: return nil
    }
  }
}
