#if canImport(Glibc)
  import Glibc
#endif

/// The output streams of a command: data goes to standard output, messages to standard error.
///
/// Tests pass collecting streams, and `main` passes the process's own.
package final class OutputStreams: @unchecked Sendable {
  // @unchecked: a command runs on one thread; the collected buffers are read after it returns.

  private let isCollecting: Bool
  private(set) package var collectedOutput: [UInt8] = []
  private(set) package var collectedError: [UInt8] = []
  /// Whether standard error is a terminal, where progress lines may go.
  package let isErrorTerminal: Bool
  /// Whether standard output is a terminal too, so that progress could land between rows.
  package let isOutputTerminal: Bool

  private init(isCollecting: Bool, isErrorTerminal: Bool, isOutputTerminal: Bool) {
    self.isCollecting = isCollecting
    self.isErrorTerminal = isErrorTerminal
    self.isOutputTerminal = isOutputTerminal
  }

  /// Returns the process's standard output and standard error.
  package static func standard() -> OutputStreams {
    OutputStreams(
      isCollecting: false, isErrorTerminal: isatty(2) == 1, isOutputTerminal: isatty(1) == 1)
  }

  /// Streams that keep everything written, for tests, which pretend to be terminals as told.
  package static func collecting(
    isErrorTerminal: Bool = false, isOutputTerminal: Bool = false
  ) -> OutputStreams {
    OutputStreams(
      isCollecting: true, isErrorTerminal: isErrorTerminal, isOutputTerminal: isOutputTerminal)
  }

  package var outputText: String { String(decoding: collectedOutput, as: UTF8.self) }
  package var errorText: String { String(decoding: collectedError, as: UTF8.self) }

  func write(_ bytes: [UInt8]) {
    if isCollecting {
      collectedOutput.append(contentsOf: bytes)
    } else {
      writeAll(bytes, to: 1)
    }
  }

  func write(_ text: String) {
    write(Array(text.utf8))
  }

  func writeError(_ text: String) {
    let bytes = Array(text.utf8)
    if isCollecting {
      collectedError.append(contentsOf: bytes)
    } else {
      writeAll(bytes, to: 2)
    }
  }

  private func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return
        }
        offset += written
      }
    }
  }
}
