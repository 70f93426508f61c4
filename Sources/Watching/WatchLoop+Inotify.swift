import Glibc

extension WatchLoop {
  /// Updates the pending entries from one inotify event.
  func handle(_ event: InotifyEvent) {
    if event.has(IN_Q_OVERFLOW) {
      logger.warning("inotify queue overflowed, rescanning", [:])
      scanAllFolders()
      nextScan = clock.now + scanInterval
      return
    }
    guard let folder = watches[event.watchDescriptor] else { return }

    if event.has(IN_IGNORED) {
      watches[event.watchDescriptor] = nil
      return
    }
    if event.has(IN_DELETE_SELF) || event.has(IN_MOVE_SELF) {
      // After a move the watch would follow the folder to its new place, so drop it and
      // watch the configured path again at the next rescan.
      inotify_rm_watch(inotifyDescriptor, event.watchDescriptor)
      watches[event.watchDescriptor] = nil
      noteProblem(.folderRemoved(folder: folder), folder: folder)
      return
    }
    guard !event.name.isEmpty, !IgnoredNames.contains(event.name) else { return }

    let path = folder + "/" + event.name
    let deadline = clock.now + configuration.quietPeriod
    if event.has(IN_DELETE) || event.has(IN_MOVED_FROM) {
      reported[path] = nil
      pending[path] = nil
      settling[path] = nil
      return
    }

    let isComplete = event.has(IN_CLOSE_WRITE) || event.has(IN_MOVED_TO)
    settling[path] = nil
    if var entry = pending[path] {
      entry.deadline = deadline
      // Only the latest event counts: a write after a close means the file was opened again,
      // so it is complete only once that writer closes it too.
      entry.isComplete = isComplete
      pending[path] = entry
    } else {
      pending[path] = Pending(
        folder: folder, name: event.name, deadline: deadline, isComplete: isComplete)
    }
  }
}
