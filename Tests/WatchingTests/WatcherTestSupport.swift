import Foundation
import Glibc
import Logging
import Synchronization

@testable import Watching

/// A temporary folder for one test, removed by `remove()`.
struct TemporaryFolder {
  let path: String

  init() throws {
    path = FileManager.default.temporaryDirectory.path + "/watching-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Writes `text` to a new file, or replaces one, through one open, write and close.
  func write(_ name: String, _ text: String) {
    let fileWasWritten = FileManager.default.createFile(
      atPath: path + "/" + name, contents: Data(text.utf8))
    precondition(fileWasWritten, "writing \(name) in \(path) failed")
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// Collects a watcher's events from its stream, for tests that wait for a count.
final class EventRecorder: Sendable {
  private let stored = Mutex<[WatchEvent]>([])
  private let streamFinished = Mutex(false)

  init(_ watcher: DirectoryWatcher) {
    Task { [self] in
      for await event in watcher.events {
        stored.withLock { $0.append(event) }
      }
      streamFinished.withLock { $0 = true }
    }
  }

  var events: [WatchEvent] { stored.withLock { $0 } }
  var isFinished: Bool { streamFinished.withLock { $0 } }

  /// The names of the ready files, in order.
  var readyNames: [String] {
    events.compactMap { event in
      if case .fileReady(let file) = event { return file.name }
      return nil
    }
  }

  /// Waits until `condition` is true or 500 sleeps of 20 ms have passed, and returns the final
  /// `condition`.
  ///
  /// It counts sleeps, not wall-clock time, because other suites can block the test pool for
  /// many seconds, and that stops the task that records events as well as this one.
  func wait(until condition: (EventRecorder) -> Bool) async -> Bool {
    for _ in 0..<500 {
      if condition(self) { return true }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return condition(self)
  }
}

/// Returns a configuration with test timings: quiet period 150 ms, settle time 250 ms, polls
/// every 50 ms, and one rescan a day, so that only the one at start runs. A shorter interval
/// can fail tests, because a starved test pool can stretch a test past it, and a rescan reports
/// a file still open for writing once its size and time stayed the same for the settle time.
func testConfiguration(
  _ folders: [String], mode: WatchMode = .inotify, rescanInterval: Duration = .seconds(86_400)
) -> WatcherConfiguration {
  WatcherConfiguration(
    folders: folders, mode: mode, quietPeriod: .milliseconds(150),
    settleTime: .milliseconds(250), rescanInterval: rescanInterval,
    pollInterval: .milliseconds(50))
}

func testLogger() -> Logger {
  Logger(label: "watching-test", handler: InMemoryLogHandler(), minimumLevel: .trace)
}

/// Appends `chunks` to the file at `path`, pausing `pause` between them, on a thread of its own
/// so that a blocked test pool cannot stretch the pauses.
func appendSlowly(path: String, chunks: [Data], pause: Duration) async {
  await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
    let thread = Thread {
      let handle = FileHandle(forWritingAtPath: path)
      for chunk in chunks {
        handle?.seekToEndOfFile()
        handle?.write(chunk)
        Thread.sleep(
          forTimeInterval: Double(pause.components.attoseconds) / 1e18
            + Double(pause.components.seconds))
      }
      try? handle?.close()
      continuation.resume()
    }
    thread.start()
  }
}
