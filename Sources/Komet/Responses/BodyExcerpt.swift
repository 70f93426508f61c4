import Foundation

/// Makes the start of a response body safe to put in an error message or a log line.
package enum BodyExcerpt {
  /// The number of characters an excerpt keeps.
  package static let length = 200

  /// Returns the first characters of `body`, with every token in `tokens` masked, whether raw or
  /// percent-encoded, and control characters shown as `\u{…}`.
  package static func make(from body: some Collection<UInt8>, redacting tokens: [Token]) -> String {
    // Read past the cut by the longest token, so a token crossing it is still found whole.
    let window = body.prefix(length * 4 + Token.maxLength * 3)
    let text = TokenMasking.mask(tokens, in: String(decoding: window, as: UTF8.self))

    var excerpt = ""
    for character in text.prefix(length) {
      if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
        excerpt += character.unicodeScalars.map { "\\u{\(String($0.value, radix: 16))}" }.joined()
      } else {
        excerpt.append(character)
      }
    }
    return text.count > length || body.count > window.count ? excerpt + "…" : excerpt
  }
}
