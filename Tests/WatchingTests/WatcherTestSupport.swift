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

  /// Waits until `condition` is true or `timeout` passes, and returns the final `condition`.
  func wait(
    timeout: Duration = .seconds(10), until condition: (EventRecorder) -> Bool
  ) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if condition(self) { return true }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return condition(self)
  }
}

/// Returns a configuration with test timings: quiet period 150 ms, settle time 250 ms, polls
/// every 50 ms, and rescans rare enough that only the one at start runs.
func testConfiguration(
  _ folders: [String], mode: WatchMode = .inotify, rescanInterval: Duration = .seconds(120)
) -> WatcherConfiguration {
  WatcherConfiguration(
    folders: folders, mode: mode, quietPeriod: .milliseconds(150),
    settleTime: .milliseconds(250), rescanInterval: rescanInterval,
    pollInterval: .milliseconds(50))
}

func testLogger() -> Logger {
  Logger(label: "watching-test", handler: InMemoryLogHandler(), minimumLevel: .trace)
}
