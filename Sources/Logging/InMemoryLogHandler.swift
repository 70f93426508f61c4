import Synchronization

/// Keeps every record in memory, for tests that check what was logged.
package final class InMemoryLogHandler: LogHandler {
  private let stored = Mutex<[LogRecord]>([])

  package init() {}

  package func write(_ record: LogRecord) {
    stored.withLock { $0.append(record) }
  }

  /// The records written so far, oldest first.
  package var records: [LogRecord] {
    stored.withLock { $0 }
  }

  /// The records written so far as lines, as `StandardErrorLogHandler` would write them.
  package var lines: [String] {
    records.map(\.line)
  }
}
