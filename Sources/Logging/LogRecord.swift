import Foundation

/// Values attached to a log record, under dotted keys such as `komet.method`.
package typealias LogMetadata = [String: String]

/// One log event as a handler receives it.
///
/// The message is constant text, so every value that varies travels in `metadata`, where a
/// reader can filter on it and a scan can check it.
package struct LogRecord: Sendable, Equatable {
  package let date: Date
  package let label: String
  package let level: LogLevel
  package let message: String
  package let metadata: LogMetadata

  package init(
    date: Date, label: String, level: LogLevel, message: String, metadata: LogMetadata
  ) {
    self.date = date
    self.label = label
    self.level = level
    self.message = message
    self.metadata = metadata
  }

  /// The record as one line: time, level, label, message, then `key=value` pairs sorted by key.
  ///
  /// A value with white space, `"`, `=` or a control character is quoted, and line breaks and
  /// other control characters in it are escaped (`\u001B`), so one record is always one line
  /// and a value cannot drive the terminal.
  package var line: String {
    var text = "\(Self.timestamp(date)) \(level) \(label): \(message)"
    for key in metadata.keys.sorted() {
      text += " \(key)=\(Self.quoted(metadata[key] ?? ""))"
    }
    return text
  }

  /// UTC with milliseconds. A format style is a value, so one serves every record.
  private static let timeStyle = Date.ISO8601FormatStyle(
    includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)

  private static func timestamp(_ date: Date) -> String {
    date.formatted(timeStyle)
  }

  private static func quoted(_ value: String) -> String {
    let needsQuotes =
      value.isEmpty
      || value.unicodeScalars.contains {
        $0.properties.isWhitespace || $0 == "\"" || $0 == "=" || isControl($0)
      }
    guard needsQuotes else { return value }
    var escaped = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": escaped += "\\\""
      case "\\": escaped += "\\\\"
      case "\n": escaped += "\\n"
      case "\r": escaped += "\\r"
      case "\t": escaped += "\\t"
      case _ where isControl(scalar):
        let hex = String(scalar.value, radix: 16, uppercase: true)
        escaped += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return "\"" + escaped + "\""
  }

  /// C0 controls, DEL and the C1 range.
  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }
}
