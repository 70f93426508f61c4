import Glibc
import Synchronization

/// The state that `DirectoryWatcher`'s methods share with its worker thread: the stop flag,
/// paths the caller asked to see again, and the pipe that wakes the worker from `poll(2)`.
final class WatcherControl: Sendable {
  struct State {
    var phase = Phase.idle
    var retryPaths: [String] = []
    var wakeReadDescriptor: Int32 = -1
    var wakeWriteDescriptor: Int32 = -1
  }

  enum Phase {
    case idle
    case running
    case stopping
    case stopped
  }

  let state = Mutex(State())

  /// Writes one byte to the wake pipe, under the lock, so the write never reaches a
  /// descriptor that the worker has already closed (and the system may have reused).
  func wake(_ state: inout State) {
    guard state.wakeWriteDescriptor >= 0 else { return }
    var byte: UInt8 = 1
    _ = write(state.wakeWriteDescriptor, &byte, 1)
  }

  var isStopping: Bool {
    state.withLock { $0.phase == .stopping || $0.phase == .stopped }
  }

  /// Returns and clears the paths passed to `retryLater(path:)` since the last call.
  func takeRetryPaths() -> [String] {
    state.withLock { state in
      let paths = state.retryPaths
      state.retryPaths = []
      return paths
    }
  }

  /// Empties the wake pipe, which is non-blocking.
  func drainWakePipe(descriptor: Int32) {
    var bytes = [UInt8](repeating: 0, count: 64)
    while read(descriptor, &bytes, bytes.count) > 0 {}
  }

  /// Closes the wake pipe and marks the watcher stopped. The worker calls this last.
  func finish() {
    state.withLock { state in
      if state.wakeReadDescriptor >= 0 { close(state.wakeReadDescriptor) }
      if state.wakeWriteDescriptor >= 0 { close(state.wakeWriteDescriptor) }
      state.wakeReadDescriptor = -1
      state.wakeWriteDescriptor = -1
      state.phase = .stopped
    }
  }
}
