import Foundation

/// The file name stem of a file komet-dwf writes for DWF in `outbox/dwf/acks/`, made from an
/// order number (acknowledgements) or an uploaded file's name (rejections).
///
/// The stem is the text made safe (`safe(_:)`), then `-` and the first 16 hex digits of the
/// SHA-256 of the text as received, so `A/1` and `A_1`, or `x y.csv` and `x_y.csv`, get
/// different names. Two texts with the same safe form collide only if 64 bits of their
/// hashes match, which takes about 2^32 tries even when sought on purpose.
package enum DWFOutboxName {
  /// The number of hex digits of the hash in a stem.
  package static let hashDigits = 16

  /// Returns the stem for `text`.
  package static func stem(_ text: String) throws -> String {
    let digest = try SHA256.hex(of: Data(text.utf8))
    return "\(safe(text))-\(digest.prefix(hashDigits))"
  }

  /// Replaces every character other than ASCII letters, digits, `-` and `.` with `_`, keeps
  /// the first 64 characters and replaces a leading dot, so the name is never hidden and never
  /// leaves its folder.
  package static func safe(_ text: String) -> String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")
    var safe = String(text.prefix(64).map { allowed.contains($0) ? $0 : "_" })
    if safe.hasPrefix(".") { safe = "_" + safe.dropFirst() }
    return safe.isEmpty ? "_" : safe
  }

  /// Returns the name of the rejection file for the uploaded file `fileName`.
  package static func rejection(fileName: String) throws -> String {
    "\(try stem(fileName)).rejected.json"
  }
}
