import Foundation

/// The fixed tokens of the seeded sandbox.
///
/// They have the shape of Komet's tokens (26 lower-case letters and digits, like the `apiKey`
/// in Komet's `login` example) so that a client checks its masking on realistic text. They are
/// public sandbox-only values: no Komet account accepts them. Each type starts with its own
/// four characters, so a masked log line still tells the types apart.
package enum SandboxTokens {
  package static let company = "c7q20ibyyurl65b4kj4hbi6jlv"
  package static let customer = "u3dwhkpo2drvauk7vwzzutkw95"
  package static let user = "n8urr2f4qkks4rfgy134o5og20"
  package static let vendor = "v5nd80opxn7yftd8ng1ab91nq1"

  /// Returns the default token of `type`.
  package static func defaultValue(for type: TokenType) -> String {
    switch type {
    case .company: company
    case .customer: customer
    case .user: user
    case .vendor: vendor
    }
  }
}

/// The masked form of a token: its first four characters and its length.
package enum TokenMask {
  /// Masks `token` as, for example, `c7q2…(26 chars)`.
  package static func mask(_ token: String) -> String {
    "\(token.prefix(4))…(\(token.count) chars)"
  }

  /// Replaces each of `tokens` in `text`, whole or percent-encoded, with its mask.
  package static func redact(_ text: String, tokens: [String]) -> String {
    var result = text
    for token in tokens where !token.isEmpty {
      result = result.replacingOccurrences(of: token, with: mask(token))
      let encoded = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
      if encoded != token {
        result = result.replacingOccurrences(of: encoded, with: mask(token))
      }
    }
    return result
  }
}
