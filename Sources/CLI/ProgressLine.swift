/// A progress line on standard error while a long read runs, shown only on a terminal.
final class ProgressLine {
  private let streams: OutputStreams
  private let isEnabled: Bool
  private var lastShown = 0
  private var isShowing = false

  private static let interval = 100_000

  /// Creates the line for a command. When its output streams while it reads (`inspect`),
  /// progress shows only if that output does not go to the terminal too. When the output comes
  /// after the read (`ids`), progress shows whenever standard error is a terminal.
  init(streams: OutputStreams, isOutputAfterRead: Bool = false) {
    self.streams = streams
    isEnabled = streams.isErrorTerminal && (isOutputAfterRead || !streams.isOutputTerminal)
  }

  func update(row: Int) {
    guard isEnabled, row - lastShown >= ProgressLine.interval else { return }
    lastShown = row
    isShowing = true
    streams.writeError("\rreading row \(row)...")
  }

  /// Clears the line once the read is over.
  func finish() {
    guard isShowing else { return }
    streams.writeError("\r\u{1B}[K")
    isShowing = false
  }
}
