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
  /// A value with white space, `"` or `=` is quoted, and line breaks in it are escaped, so one
  /// record is always one line.
  package var line: String {
    var text = "\(Self.timestamp(date)) \(level) \(label): \(message)"
    for key in metadata.keys.sorted() {
      text += " \(key)=\(Self.quoted(metadata[key] ?? ""))"
    }
    return text
  }

  private static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
  }

  private static func quoted(_ value: String) -> String {
    let needsQuotes = value.isEmpty || value.contains { $0.isWhitespace || $0 == "\"" || $0 == "=" }
    guard needsQuotes else { return value }
    var escaped = ""
    for character in value {
      switch character {
      case "\"": escaped += "\\\""
      case "\\": escaped += "\\\\"
      case "\n": escaped += "\\n"
      case "\r": escaped += "\\r"
      case "\r\n": escaped += "\\r\\n"
      default: escaped.append(character)
      }
    }
    return "\"" + escaped + "\""
  }
}
