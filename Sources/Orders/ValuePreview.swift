/// Shows a value from an order file in a message: control characters escaped, and cut to a
/// preview when it is long, so one huge or hostile cell cannot flood a log line, an error file
/// or an acknowledgement.
package enum ValuePreview {
  /// The number of Unicode scalars a message shows of one value.
  package static let maximumLength = 120

  /// Returns `text` with each control character written `\u001B`, cut after
  /// `maximumLength` scalars and followed by `... (N characters)` when it was cut.
  package static func shown(_ text: String) -> String {
    let scalars = text.unicodeScalars
    var shown = ""
    for scalar in scalars.prefix(maximumLength) {
      shown += isControl(scalar) ? escaped(scalar) : String(scalar)
    }
    if scalars.count > maximumLength {
      shown += "... (\(scalars.count) characters)"
    }
    return shown
  }

  /// Tells whether `scalar` is a C0 control (below U+0020), DEL (U+007F) or a C1 control
  /// (U+0080 to U+009F).
  package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  /// Returns the 1-based position, in Unicode scalars, of the first control character of
  /// `text`, with the character, or nil when it has none.
  package static func firstControl(in text: String) -> (position: Int, scalar: Unicode.Scalar)? {
    for (offset, scalar) in text.unicodeScalars.enumerated() where isControl(scalar) {
      return (offset + 1, scalar)
    }
    return nil
  }

  /// Writes `scalar` as `\u` and four uppercase hex digits, such as `\u001B`.
  package static func escaped(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
