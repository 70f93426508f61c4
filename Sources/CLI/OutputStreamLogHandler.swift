import Logging
import Synchronization

/// Writes each log record as one line to a command's standard error stream.
///
/// Tests collect that stream, so they can scan the client's log lines beside the report.
final class OutputStreamLogHandler: LogHandler {
  private let streams: OutputStreams
  // Serialises writes, because the client logs from its own actor.
  private let lock = Mutex(())

  init(streams: OutputStreams) {
    self.streams = streams
  }

  func write(_ record: LogRecord) {
    lock.withLock { _ in streams.writeError(record.line + "\n") }
  }
}
