/// The source of change notices: inotify events, or listings at a fixed interval.
package enum WatchMode: Sendable, Equatable {
  /// inotify events as hints, confirmed by `lstat`, with periodic rescans.
  case inotify
  /// Listing every folder at each poll interval, for file systems where inotify does not fire
  /// (network and FUSE mounts).
  case poll
}

/// The folders to watch and the timings that decide when a file is ready.
package struct WatcherConfiguration: Sendable, Equatable {
  /// Folders watched non-recursively. Paths are used as given, without a trailing `/`.
  package var folders: [String]
  package var mode: WatchMode
  /// In inotify mode, the time without any further event for a file after its
  /// `IN_CLOSE_WRITE` or `IN_MOVED_TO` before it is ready.
  package var quietPeriod: Duration
  /// The time a file's size, modification time and inode must stay the same before it is
  /// ready, in poll mode and for files found by a rescan.
  package var settleTime: Duration
  /// The time between full rescans in inotify mode.
  package var rescanInterval: Duration
  /// The time between folder listings in poll mode.
  package var pollInterval: Duration

  package init(
    folders: [String], mode: WatchMode = .inotify, quietPeriod: Duration = .milliseconds(500),
    settleTime: Duration = .seconds(2), rescanInterval: Duration = .seconds(300),
    pollInterval: Duration = .milliseconds(500)
  ) {
    self.folders = folders.map { $0.count > 1 && $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    self.mode = mode
    self.quietPeriod = quietPeriod
    self.settleTime = settleTime
    self.rescanInterval = rescanInterval
    self.pollInterval = pollInterval
  }
}
