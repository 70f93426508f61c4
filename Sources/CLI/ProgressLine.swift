/// A progress line on standard error while a long read runs, shown only on a terminal.
final class ProgressLine {
  private let streams: OutputStreams
  private var lastShown = 0
  private var isShowing = false

  private static let interval = 100_000

  init(streams: OutputStreams) {
    self.streams = streams
  }

  func update(row: Int) {
    guard streams.isErrorTerminal, row - lastShown >= ProgressLine.interval else { return }
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
