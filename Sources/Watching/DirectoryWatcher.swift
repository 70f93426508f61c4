import Foundation
import Glibc
import Logging

/// Watches one or more folders, each non-recursively, and reports the files in them that are
/// ready to take, plus entries that are not regular files and subfolders.
///
/// Events arrive on `events`, an `AsyncStream` that buffers without limit and finishes after
/// `stop()`. One worker thread owns the inotify descriptor and all bookkeeping, so the stream
/// delivers events in the order the worker decided them. A regular file is reported once, and
/// again only when its size, modification time or inode changes, or after
/// `retryLater(path:)`.
///
/// In inotify mode a file is ready once `IN_CLOSE_WRITE` or `IN_MOVED_TO` was followed by
/// `quietPeriod` with no further event for it. inotify is only a hint, because events are lost
/// on queue overflow and never arrive from some network file systems. So a full rescan also
/// runs at start, after `IN_Q_OVERFLOW` and every `rescanInterval`. It reports any file whose
/// size, modification time and inode have stayed the same for `settleTime`. In poll mode every
/// folder is listed every `pollInterval`, with the same settle rule.
package final class DirectoryWatcher: Sendable {
  package let configuration: WatcherConfiguration
  /// The events, in the order the watcher decided them. The stream finishes after `stop()`.
  package let events: AsyncStream<WatchEvent>
  private let continuation: AsyncStream<WatchEvent>.Continuation
  private let logger: Logger
  private let control = WatcherControl()

  package init(configuration: WatcherConfiguration, logger: Logger) {
    self.configuration = configuration
    self.logger = logger
    (events, continuation) = AsyncStream.makeStream(of: WatchEvent.self)
  }

  /// Checks every folder, adds the inotify watches (in inotify mode), and starts the worker
  /// thread, whose first step is a full rescan.
  ///
  /// - Throws: `WatcherError` for the first folder that cannot be watched (missing, not a
  ///   folder, the watch limit reached, unreadable), `.inotifyUnavailable`, or
  ///   `.alreadyStarted` when called a second time or after `stop()`.
  package func start() throws(WatcherError) {
    try control.state.withLock { state throws(WatcherError) in
      guard state.phase == .idle else { throw .alreadyStarted }
      state.phase = .running
    }

    do throws(WatcherError) {
      let (inotifyDescriptor, watches) = try prepareFolders()
      try openWakePipe()
      launchWorker(inotifyDescriptor: inotifyDescriptor, watches: watches)
    } catch {
      control.finish()
      continuation.finish()
      throw error
    }
  }

  /// Asks the worker thread to stop. It wakes at once, closes its descriptors and finishes
  /// `events`, without waiting for pending quiet periods. Safe to call more than once, and
  /// before `start()`.
  package func stop() {
    let wasIdle = control.state.withLock { state in
      switch state.phase {
      case .idle:
        state.phase = .stopped
        return true
      case .running:
        state.phase = .stopping
        control.wake(&state)
        return false
      case .stopping, .stopped:
        return false
      }
    }
    if wasIdle {
      continuation.finish()
    }
  }

  /// Forgets that the file at `path` (a watched folder, `/`, a name) was reported, so it is
  /// reported again once its size and modification time have stayed the same for
  /// `settleTime`. Callers use this for a file that looked truncated.
  package func retryLater(path: String) {
    control.state.withLock { state in
      guard state.phase == .running else { return }
      state.retryPaths.append(path)
      control.wake(&state)
    }
  }

  private func prepareFolders() throws(WatcherError) -> (Int32, [Int32: String]) {
    guard configuration.mode == .inotify else {
      for folder in configuration.folders {
        _ = try listFolder(folder)
      }
      return (-1, [:])
    }

    let descriptor = try openInotify()
    var watches: [Int32: String] = [:]
    for folder in configuration.folders {
      do {
        watches[try addWatch(descriptor: descriptor, folder: folder)] = folder
      } catch {
        close(descriptor)
        throw error
      }
    }
    return (descriptor, watches)
  }

  private func openWakePipe() throws(WatcherError) {
    // `pipe2` is not visible from Swift's Glibc module, so the flags are set with `fcntl`
    // right after `pipe`.
    // NOTE: a program started by another thread between the two calls inherits the pipe.
    var descriptors: [Int32] = [-1, -1]
    guard pipe(&descriptors) == 0 else {
      throw .inotifyUnavailable(reason: WatcherError.reason(for: errno))
    }
    for descriptor in descriptors {
      _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
      _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    }
    control.state.withLock { state in
      state.wakeReadDescriptor = descriptors[0]
      state.wakeWriteDescriptor = descriptors[1]
    }
  }

  private func launchWorker(inotifyDescriptor: Int32, watches: [Int32: String]) {
    let wakeDescriptor = control.state.withLock { $0.wakeReadDescriptor }
    let configuration = configuration
    let logger = logger
    let continuation = continuation
    let control = control

    logger.info(
      "Watcher started",
      [
        "watch.mode": configuration.mode == .inotify ? "inotify" : "poll",
        "watch.folders": configuration.folders.joined(separator: ","),
      ])
    let thread = Thread {
      let loop = WatchLoop(
        configuration: configuration, logger: logger, continuation: continuation,
        control: control, inotifyDescriptor: inotifyDescriptor,
        wakeDescriptor: wakeDescriptor, watches: watches)
      loop.run()
    }
    thread.name = "DirectoryWatcher"
    thread.start()
  }
}
