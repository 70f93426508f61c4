import Glibc

extension WatchLoop {
  /// Lists every folder and starts the settle time for each entry not yet reported. In
  /// inotify mode it first watches again any folder whose watch was lost.
  func scanAllFolders() {
    for folder in configuration.folders {
      if inotifyDescriptor >= 0 && !watches.values.contains(folder) {
        do {
          watches[try addWatch(descriptor: inotifyDescriptor, folder: folder)] = folder
        } catch {
          noteProblem(error, folder: folder)
          continue
        }
      }

      let names: [String]
      do {
        names = try listFolder(folder)
      } catch {
        noteProblem(error, folder: folder)
        continue
      }
      folderProblems[folder] = nil
      forgetEntries(in: folder, except: Set(names))
      for name in names where !IgnoredNames.contains(name) {
        observe(folder: folder, name: name)
      }
    }
  }

  /// Handles one entry found by a scan.
  private func observe(folder: String, name: String) {
    let path = folder + "/" + name
    guard pending[path] == nil, let status = EntryStatus.read(path: path) else { return }

    guard status.kind == .regular else {
      reportOnce(folder: folder, name: name, status: status)
      return
    }
    if reported[path] == status {
      return
    }
    if let entry = settling[path], entry.status == status {
      return
    }
    settling[path] = Settling(folder: folder, name: name, status: status, since: clock.now)
  }

  /// Reports each settling file whose status held for the settle time, and each pending file
  /// whose quiet period passed.
  func checkDueEntries() {
    let now = clock.now

    for (path, entry) in settling where entry.since + configuration.settleTime <= now {
      guard let status = EntryStatus.read(path: path) else {
        settling[path] = nil
        continue
      }
      if status == entry.status {
        settling[path] = nil
        reportOnce(folder: entry.folder, name: entry.name, status: status)
      } else {
        settling[path]?.status = status
        settling[path]?.since = now
      }
    }

    for (path, entry) in pending where entry.deadline <= now {
      pending[path] = nil
      guard let status = EntryStatus.read(path: path) else { continue }
      // A regular file with no close or rename yet is still open for writing: its
      // `IN_CLOSE_WRITE` will come, and a rescan catches it if it never does.
      if status.kind == .regular && !entry.isComplete { continue }
      settling[path] = nil
      reportOnce(folder: entry.folder, name: entry.name, status: status)
    }
  }

  /// Reports an entry unless it was reported with the same status. A folder or a non-regular
  /// entry counts as the same while its inode is.
  func reportOnce(folder: String, name: String, status: EntryStatus) {
    let path = folder + "/" + name
    if let previous = reported[path] {
      let isSameEntry = previous.device == status.device && previous.inode == status.inode
      if status.kind == .regular ? previous == status : isSameEntry && previous.kind == status.kind
      {
        return
      }
    }
    reported[path] = status

    switch status.kind {
    case .regular:
      emit(
        .fileReady(
          ReadyFile(folder: folder, name: name, size: status.size, modified: status.modified)))
    case .folder:
      emit(.subfolder(folder: folder, name: name))
    case .other(let kind):
      emit(.nonRegularFile(folder: folder, name: name, kind: kind))
    }
  }

  /// Forgets that a file was reported and gives it the settle time again.
  func retry(path: String) {
    guard let slash = path.lastIndex(of: "/") else { return }
    let folder = String(path[..<slash])
    let name = String(path[path.index(after: slash)...])
    guard configuration.folders.contains(folder), !name.isEmpty else {
      logger.warning("Retry requested for a path outside the watched folders", ["watch.path": path])
      return
    }

    reported[path] = nil
    pending[path] = nil
    guard let status = EntryStatus.read(path: path) else { return }
    settling[path] = Settling(folder: folder, name: name, status: status, since: clock.now)
  }

  /// Drops the bookkeeping for entries of `folder` that a listing no longer shows. Only the
  /// folder's own entries count: a watched subfolder such as `inbox/dwf/` shares the prefix
  /// `inbox/`, and its files are not in the listing of `inbox/`.
  private func forgetEntries(in folder: String, except names: Set<String>) {
    let prefix = folder + "/"
    func isGone(_ path: String) -> Bool {
      guard path.hasPrefix(prefix) else { return false }
      let name = path.dropFirst(prefix.count)
      return !name.contains("/") && !names.contains(String(name))
    }
    for path in reported.keys where isGone(path) { reported[path] = nil }
    for path in settling.keys where isGone(path) { settling[path] = nil }
  }

  /// Reports a folder's problem unless the same one was reported last.
  func noteProblem(_ error: WatcherError, folder: String) {
    guard folderProblems[folder] != error else { return }
    folderProblems[folder] = error
    emit(.folderProblem(error))
  }
}
