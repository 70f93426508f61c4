/// A Komet authentication token of one role, which never prints whole.
///
/// `description`, `debugDescription`, the reflection that `dump` uses, and every error that
/// contains a token show its first four characters and its length, such as
/// `abcd… (26 characters)`. Only `secret` returns the text, for the code that sends a request.
package struct Token: Equatable, Sendable, CustomStringConvertible,
  CustomDebugStringConvertible, CustomReflectable
{
  /// Komet declares `authenticationToken` as `string:50`.
  package static let maxLength = 50

  package let role: TokenRole
  private let text: String

  /// Creates a token, rejecting an empty one, one over 50 characters, and one holding white
  /// space, control characters or non-ASCII characters, which would not survive a header.
  package init(role: TokenRole, secret: String) throws(KometError) {
    guard !secret.isEmpty else { throw .invalidToken(role: role, reason: .empty) }
    guard secret.count <= Self.maxLength else {
      throw .invalidToken(role: role, reason: .tooLong(length: secret.count))
    }
    guard secret.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
      throw .invalidToken(role: role, reason: .invalidCharacter(length: secret.count))
    }
    self.role = role
    text = secret
  }

  /// The whole token, for the transport only. Never log or print it.
  package var secret: String { text }

  /// The first characters and the length, such as `abcd… (26 characters)`.
  ///
  /// A token of fewer than eight characters shows only half of them, so a short token is never
  /// shown whole.
  package var masked: String {
    let shown = min(4, text.count / 2)
    return String(text.prefix(shown)) + "… (\(text.count) characters)"
  }

  package var description: String { "\(role) token \(masked)" }

  package var debugDescription: String { "Token(\(role.rawValue), \(masked))" }

  package var customMirror: Mirror {
    Mirror(self, children: ["role": role, "token": masked], displayStyle: .struct)
  }
}
