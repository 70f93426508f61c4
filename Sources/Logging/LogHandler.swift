/// A destination for log records, such as standard error or memory.
///
/// Loggers call `write(_:)` from any thread, so a handler guards its own state.
package protocol LogHandler: Sendable {
  func write(_ record: LogRecord)
}
