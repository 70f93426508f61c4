import Foundation
import Synchronization

/// Writes each record as one line to standard error.
package final class StandardErrorLogHandler: LogHandler {
  // Serialises writes so lines from different threads never interleave.
  private let lock = Mutex(())

  package init() {}

  package func write(_ record: LogRecord) {
    let bytes = Data((record.line + "\n").utf8)
    lock.withLock { _ in FileHandle.standardError.write(bytes) }
  }
}
