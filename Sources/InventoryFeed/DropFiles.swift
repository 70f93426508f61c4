import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The names of a drop's files in `outbox/dwf/inventory/`, and the times written into them.
///
/// A drop is named by the UTC second it was written, `inventory-YYYYMMDDTHHMMSSZ`, followed by
/// `.csv`, `.json` or `.manifest.json`. Pruning removes only names of this shape.
enum DropFiles {
  static let latestName = "latest.json"

  static func csvName(_ stamp: String) -> String { "inventory-\(stamp).csv" }
  static func jsonName(_ stamp: String) -> String { "inventory-\(stamp).json" }
  static func manifestName(_ stamp: String) -> String { "inventory-\(stamp).manifest.json" }

  /// Returns the `YYYYMMDDTHHMMSSZ` stamp of `date` in UTC.
  static func stamp(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    gmtime_r(&seconds, &parts)
    return String(
      format: "%04d%02d%02dT%02d%02d%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
  }

  /// Returns the stamp of a drop file's name, or nil for any name this module does not write.
  static func stamp(ofFileNamed name: String) -> String? {
    let prefix = "inventory-"
    guard name.hasPrefix(prefix) else { return nil }
    let rest = name.dropFirst(prefix.count)
    let stamp = rest.prefix(16)
    let suffix = rest.dropFirst(16)
    guard [".csv", ".json", ".manifest.json"].contains(String(suffix)), isStamp(stamp) else {
      return nil
    }
    return String(stamp)
  }

  private static func isStamp(_ text: Substring) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z")
    else { return false }
    let digits = bytes[0..<8] + bytes[9..<15]
    return digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
  }

  /// Formats `date` as ISO 8601 in UTC to the second, such as `2026-12-04T15:41:00Z`.
  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }

  /// Formats `date` for the database, with milliseconds, as the other tables write times.
  static func databaseTime(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
  }

  /// Parses a time written by `databaseTime` or `timestamp`.
  static func parseTime(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)
  }
}
