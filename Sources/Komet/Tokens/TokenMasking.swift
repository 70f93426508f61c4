import Foundation

/// Replaces tokens in text that came from outside, such as a response body, with their masked
/// form, so that a server that echoes a request cannot put a token into an error or a log line.
package enum TokenMasking {
  /// Returns `text` with every token in `tokens` masked, whether raw or percent-encoded the way
  /// this client or Foundation encodes it.
  package static func mask(_ tokens: [Token], in text: String) -> String {
    var result = text
    for token in tokens {
      let forms = [
        token.secret, QueryText.encode(token.secret),
        token.secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics),
      ]
      for form in Set(forms.compactMap { $0 }) {
        result = result.replacingOccurrences(of: form, with: token.masked)
      }
    }
    return result
  }

  /// Returns `value` with every token masked in its strings and member names.
  package static func mask(_ tokens: [Token], in value: JSONValue) -> JSONValue {
    guard !tokens.isEmpty else { return value }
    switch value {
    case .string(let text):
      return .string(mask(tokens, in: text))
    case .array(let elements):
      return .array(elements.map { mask(tokens, in: $0) })
    case .object(let members):
      return .object(
        members.map { JSONMember(mask(tokens, in: $0.key), mask(tokens, in: $0.value)) })
    case .null, .bool, .number:
      return value
    }
  }
}
