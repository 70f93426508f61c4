import Configuration
import Foundation
import Logging
import StateStore
import Watching
import Workspace

extension Pipeline {
  /// An input of the run loop.
  private enum RunEvent: Sendable {
    case watch(WatchEvent)
    /// Time to check the change-request queue and whether an inventory cycle is due.
    case tick
    case stop
    /// The watcher's stream ended without a stop request.
    case watcherFinished
  }

  /// The subfolders of `inbox/` that the workspace itself uses, which are not reported.
  private static let knownSubfolders: Set<String> = ["dwf", "processed", "failed"]

  /// Watches `inbox/` and `inbox/dwf/`, hands each ready file and non-regular entry to the
  /// intake stage, places orders after each file taken from `inbox/dwf/` and on each tick with
  /// order work pending, carries out change requests every `changeRequestInterval` and runs an
  /// inventory cycle every `inventory.intervalMinutes` (or the longer interval the stage requests
  /// for), until `stop` is requested.
  ///
  /// The step in progress when the stop arrives finishes first. Returns `.succeeded` after a
  /// stop, or the status of the failure that kept the pipeline from starting.
  package func run(mode: WatchMode) async -> PassStatus {
    var report = PassReport()
    guard let queue = openQueue(&report) else { return report.status }
    defer { queue.database.close() }

    let watcher = DirectoryWatcher(configuration: watcherConfiguration(mode), logger: logger)
    do {
      try watcher.start()
    } catch {
      logger.error("Watcher not started", ["error": error.description])
      return .configurationUnusable
    }

    let (events, continuation) = AsyncStream.makeStream(of: RunEvent.self)
    let forwarder = Task {
      for await event in watcher.events {
        continuation.yield(.watch(event))
      }
      continuation.yield(.watcherFinished)
    }
    let interval = changeRequestInterval
    let ticker = Task {
      while !Task.isCancelled {
        try? await Task.sleep(for: interval)
        continuation.yield(.tick)
      }
    }
    stop.onRequest { continuation.yield(.stop) }

    logger.info(
      "Pipeline started",
      [
        "workspace.path": workspace.root.path, "watch.mode": mode == .inotify ? "inotify" : "poll",
        "process.id": String(ProcessInfo.processInfo.processIdentifier),
      ])
    await loop(over: events, watcher: watcher, queue: queue, report: &report)

    watcher.stop()
    ticker.cancel()
    forwarder.cancel()
    continuation.finish()
    logger.info("Pipeline stopped", ["workspace.path": workspace.root.path])
    return .succeeded
  }

  private func loop(
    over events: AsyncStream<RunEvent>, watcher: DirectoryWatcher, queue: ChangeRequests,
    report: inout PassReport
  ) async {
    let clock = ContinuousClock()
    var nextInventory = clock.now
    var nextOrderPass = clock.now
    let baseInterval = Duration.seconds(settings.inventoryIntervalMinutes.value * 60)

    // The order files that wait in inbox/dwf/, taken again after a cycle writes a drop.
    var waitingOrderFiles: Set<String> = []

    for await event in events {
      guard !stop.isRequested else { return }
      switch event {
      case .watch(let watchEvent):
        let entryKind = await handle(
          watchEvent, watcher: watcher, waitingOrderFiles: &waitingOrderFiles, report: &report)
        switch entryKind {
        case .orderFile where !stop.isRequested && stages.orders != nil:
          nextOrderPass = await placeOrders(clock: clock, report: &report)
        case .growerExport:
          // An export may bring the IDs that the inventory read and waiting orders need, or
          // the lines of the export source, so the next tick reads the inventory and places
          // orders instead of waiting out the interval.
          nextOrderPass = clock.now
          nextInventory = clock.now
        default:
          break
        }
      case .tick:
        await carryOutChangeRequests(queue, report: &report)
        if !stop.isRequested, clock.now >= nextOrderPass, hasPendingOrderWork() {
          nextOrderPass = await placeOrders(clock: clock, report: &report)
        }
        guard !stop.isRequested, clock.now >= nextInventory else { continue }
        let cycle = await runInventoryCycle(&report)
        let requested = cycle?.nextInterval ?? baseInterval
        nextInventory = clock.now.advanced(by: max(baseInterval, requested))
        guard cycle?.hasPublished == true, !stop.isRequested else { continue }
        let isOrderFileTaken = await retakeWaitingOrderFiles(
          &waitingOrderFiles, report: &report)
        if isOrderFileTaken, !stop.isRequested, stages.orders != nil {
          nextOrderPass = await placeOrders(clock: clock, report: &report)
        }
      case .stop:
        return
      case .watcherFinished:
        logger.error("Watcher ended without a stop request; stopping")
        return
      }
    }
  }

  /// Runs an order pass and returns the earliest time a tick may start the next one: at once
  /// after a pass that reached Komet, after `orderRetryInterval` otherwise.
  private func placeOrders(
    clock: ContinuousClock, report: inout PassReport
  ) async -> ContinuousClock.Instant {
    let outcome = await runOrderPass(&report)
    switch outcome?.result {
    case .finished, .quotaExhausted:
      return clock.now
    case .kometUnreachable, .callFailed, .configurationUnusable, nil:
      return clock.now.advanced(by: orderRetryInterval)
    }
  }

  /// The kind of entry `handle` took from the inbox.
  private enum TakenEntry {
    /// A file from `inbox/dwf/`, after which the orders it held are placed.
    case orderFile
    /// A grower export from `inbox/`, which may bring IDs that waiting orders need.
    case growerExport
    case nothing
  }

  /// Hands the event's entry to the intake stage, and returns what it took.
  private func handle(
    _ event: WatchEvent, watcher: DirectoryWatcher, waitingOrderFiles: inout Set<String>,
    report: inout PassReport
  ) async -> TakenEntry {
    switch event {
    case .fileReady(let file) where file.name == Workspace.readmeName:
      // The README that `init` writes into `inbox/` and `inbox/dwf/` is no input, and the
      // intake's rescan skips it too.
      return .nothing
    case .fileReady(let file):
      let entry = InboxEntry(
        folder: file.folder, name: file.name,
        type: .regularFile(size: file.size, modified: file.modified), isReady: true)
      let outcome = await takeIfPossible(entry, report: &report)
      if case .retryLater = outcome {
        watcher.retryLater(path: file.path)
      }
      let isOrderFolder = isOrderFolder(file.folder)
      switch outcome {
      case .processed:
        if isOrderFolder { waitingOrderFiles.remove(file.name) }
        return isOrderFolder ? .orderFile : .growerExport
      case .failed:
        if isOrderFolder { waitingOrderFiles.remove(file.name) }
        return isOrderFolder ? .orderFile : .nothing
      case .waiting:
        if isOrderFolder { waitingOrderFiles.insert(file.name) }
        return .nothing
      default:
        return .nothing
      }
    case .nonRegularFile(let folder, let name, let kind):
      let entry = InboxEntry(folder: folder, name: name, type: .nonRegular(kind))
      _ = await takeIfPossible(entry, report: &report)
      return .nothing
    case .subfolder(let folder, let name):
      let isKnown = folder == workspace.inbox.path && Self.knownSubfolders.contains(name)
      if !isKnown {
        logger.warning(
          "Unknown subfolder left alone", ["folder.path": folder + "/" + name])
      }
      return .nothing
    case .folderProblem(let error):
      logger.error("Watched folder problem", ["error": error.description])
      return .nothing
    }
  }

  private func takeIfPossible(
    _ entry: InboxEntry, report: inout PassReport
  ) async -> EntryOutcome? {
    guard let intake = stages.intake else {
      logger.notice("No intake stage in this build, so the file stays", ["file.path": entry.path])
      return nil
    }
    return await take(entry, with: intake, report: &report)
  }

  /// The watcher settings for `inbox/` and `inbox/dwf/` from the `watch` section.
  func watcherConfiguration(_ mode: WatchMode) -> WatcherConfiguration {
    WatcherConfiguration(
      folders: [workspace.inbox.path, workspace.dwfInbox.path].map(Self.withoutSlash),
      mode: mode,
      quietPeriod: .milliseconds(settings.quietPeriodMilliseconds.value),
      settleTime: .milliseconds(Int(settings.settleSeconds.value * 1_000)),
      rescanInterval: .seconds(settings.rescanMinutes.value * 60))
  }

  private static func withoutSlash(_ path: String) -> String {
    path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
  }
}
