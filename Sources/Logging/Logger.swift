import Foundation

/// Sends log records of at least `minimumLevel` to a handler, with metadata under dotted keys.
///
/// Messages are `StaticString`, so a message cannot interpolate a value: values go into the
/// metadata, which keeps messages searchable and keeps secrets out of free text.
package struct Logger: Sendable {
  package let label: String
  package var minimumLevel: LogLevel
  /// Metadata added to every record, under the record's own metadata.
  package var metadata: LogMetadata
  private let handler: any LogHandler

  package init(
    label: String, handler: any LogHandler, minimumLevel: LogLevel = .info,
    metadata: LogMetadata = [:]
  ) {
    self.label = label
    self.handler = handler
    self.minimumLevel = minimumLevel
    self.metadata = metadata
  }

  /// Sends a record to the handler when `level` is at least `minimumLevel`.
  package func log(_ level: LogLevel, _ message: StaticString, _ values: LogMetadata = [:]) {
    guard level >= minimumLevel else { return }
    let merged = metadata.merging(values) { _, recordValue in recordValue }
    handler.write(
      LogRecord(
        date: Date(), label: label, level: level, message: message.description,
        metadata: merged))
  }

  package func trace(_ message: StaticString, _ values: LogMetadata = [:]) {
    log(.trace, message, values)
  }

  package func debug(_ message: StaticString, _ values: LogMetadata = [:]) {
    log(.debug, message, values)
  }

  package func info(_ message: StaticString, _ values: LogMetadata = [:]) {
    log(.info, message, values)
  }

  package func notice(_ message: StaticString, _ values: LogMetadata = [:]) {
    log(.notice, message, values)
  }

  package func warning(_ message: StaticString, _ values: LogMetadata = [:]) {
    log(.warning, message, values)
  }

  package func error(_ message: StaticString, _ values: LogMetadata = [:]) {
    log(.error, message, values)
  }

  package func critical(_ message: StaticString, _ values: LogMetadata = [:]) {
    log(.critical, message, values)
  }
}
