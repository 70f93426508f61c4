import Foundation
import Glibc
import Logging

/// The worker thread's state and loop. Only the worker thread touches an instance, so it needs
/// no lock; it talks to the caller through `WatcherControl` and the event stream.
final class WatchLoop {
  /// A file that had an inotify event and waits for its quiet period to pass.
  struct Pending {
    let folder: String
    let name: String
    var deadline: ContinuousClock.Instant
    /// Whether the latest event was `IN_CLOSE_WRITE` or `IN_MOVED_TO`, which a regular file
    /// needs before it is ready. An entry whose latest event was `IN_CREATE` or `IN_MODIFY` is
    /// only checked for its type when its quiet period passes.
    var isComplete: Bool
  }

  /// A file seen by a scan (or given back with `retryLater`) that must keep its status for the
  /// settle time.
  struct Settling {
    let folder: String
    let name: String
    var status: EntryStatus
    var since: ContinuousClock.Instant
  }

  let configuration: WatcherConfiguration
  let logger: Logger
  let continuation: AsyncStream<WatchEvent>.Continuation
  let control: WatcherControl
  let inotifyDescriptor: Int32
  let wakeDescriptor: Int32
  let clock = ContinuousClock()

  /// Watch descriptors by the folder they watch.
  var watches: [Int32: String]
  /// The status of each entry when it was reported, by path.
  var reported: [String: EntryStatus] = [:]
  var pending: [String: Pending] = [:]
  var settling: [String: Settling] = [:]
  /// The last problem reported for each folder, so a lasting problem is reported once.
  var folderProblems: [String: WatcherError] = [:]
  var nextScan: ContinuousClock.Instant

  init(
    configuration: WatcherConfiguration, logger: Logger,
    continuation: AsyncStream<WatchEvent>.Continuation, control: WatcherControl,
    inotifyDescriptor: Int32, wakeDescriptor: Int32, watches: [Int32: String]
  ) {
    self.configuration = configuration
    self.logger = logger
    self.continuation = continuation
    self.control = control
    self.inotifyDescriptor = inotifyDescriptor
    self.wakeDescriptor = wakeDescriptor
    self.watches = watches
    nextScan = clock.now
  }

  var scanInterval: Duration {
    configuration.mode == .poll ? configuration.pollInterval : configuration.rescanInterval
  }

  /// Runs until `stop()`, then closes the descriptors and finishes the stream.
  func run() {
    while !control.isStopping {
      if clock.now >= nextScan {
        scanAllFolders()
        nextScan = clock.now + scanInterval
      }
      waitForActivity()
      if control.isStopping { break }

      for path in control.takeRetryPaths() {
        retry(path: path)
      }
      if inotifyDescriptor >= 0 {
        for event in readInotifyEvents(descriptor: inotifyDescriptor) {
          handle(event)
        }
      }
      checkDueEntries()
    }

    if inotifyDescriptor >= 0 {
      close(inotifyDescriptor)
    }
    control.finish()
    continuation.finish()
    logger.info("Watcher stopped", ["watch.folders": configuration.folders.joined(separator: ",")])
  }

  /// Blocks in `poll(2)` until an inotify event, a wake byte or the next deadline.
  private func waitForActivity() {
    var descriptors = [pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)]
    if inotifyDescriptor >= 0 {
      descriptors.append(pollfd(fd: inotifyDescriptor, events: Int16(POLLIN), revents: 0))
    }

    let result = poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds())
    if result < 0 && errno != EINTR {
      logger.error(
        "poll(2) on the inotify descriptor failed", ["watch.error": WatcherError.reason(for: errno)]
      )
    }
    if descriptors[0].revents != 0 {
      control.drainWakePipe(descriptor: wakeDescriptor)
    }
  }

  /// Returns the time until the earliest deadline, rounded up to whole milliseconds.
  private func timeoutMilliseconds() -> Int32 {
    var earliest = nextScan
    for entry in pending.values where entry.deadline < earliest {
      earliest = entry.deadline
    }
    for entry in settling.values where entry.since + configuration.settleTime < earliest {
      earliest = entry.since + configuration.settleTime
    }

    let remaining = clock.now.duration(to: earliest)
    guard remaining > .zero else { return 0 }
    let (seconds, attoseconds) = remaining.components
    let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1
    return Int32(min(milliseconds, Int64(Int32.max)))
  }

  /// Reports `event` on the stream and logs it at debug level.
  func emit(_ event: WatchEvent) {
    continuation.yield(event)
    switch event {
    case .fileReady(let file):
      logger.debug("File ready", ["watch.path": file.path, "watch.size": "\(file.size)"])
    // The consumer decides what a non-regular entry or a subfolder means (the inbox's own
    // `processed/` and `failed/` are expected), so these are logged for debugging only.
    case .nonRegularFile(let folder, let name, let kind):
      logger.debug(
        "Entry is not a regular file",
        ["watch.path": folder + "/" + name, "watch.kind": kind.rawValue])
    case .subfolder(let folder, let name):
      logger.debug("Subfolder found", ["watch.path": folder + "/" + name])
    case .folderProblem(let error):
      logger.error("Watched folder unavailable", ["watch.error": error.description])
    }
  }
}
