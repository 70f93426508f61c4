import Foundation
import Inventory
import KometClient
import Logging
import StateStore
import Workspace

#if canImport(Glibc)
  import Glibc
#endif

/// Reads the open-market inventory once per cycle and publishes it to `outbox/dwf/inventory/`.
///
/// Not thread-safe: the scheduler calls `publish` and `nextInterval` from one task.
package final class InventoryPublisher {
  package let workspace: Workspace
  package let settings: InventoryFeedSettings
  private let database: Database
  private let client: KometClient?
  private let logger: Logger
  private let clock: @Sendable () -> Date
  private var lastRequestsPerPull: Int?
  private var loggedBudgetSeconds: Int?
  /// The error of the last cycle that returned `failed`, nil after a cycle that succeeded, so
  /// the caller can tell an unreachable Komet from bad input or a bad configuration.
  package private(set) var lastFailure: InventoryFeedError?

  /// Creates a publisher. `client` may be nil for the export source, and `clock` gives the
  /// current time (tests move it forward).
  package init(
    workspace: Workspace, database: Database, client: KometClient?,
    settings: InventoryFeedSettings, logger: Logger,
    clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.workspace = workspace
    self.database = database
    self.client = client
    self.settings = settings
    self.logger = logger
    self.clock = clock
  }

  /// `outbox/dwf/inventory/`: the drops, their manifests and `latest.json`.
  package static func folder(in workspace: Workspace) -> URL {
    workspace.dwfOutbox.appendingPathComponent("inventory", isDirectory: true)
  }

  package var folder: URL { Self.folder(in: workspace) }

  private var history: DropHistory { DropHistory(database: database) }

  private var dropWriter: InventoryDropWriter {
    InventoryDropWriter(folder: folder, writer: AtomicFileWriter(workspace: workspace))
  }

  /// Runs one cycle: reads the source and writes a drop, or refreshes `latest.json` when the
  /// content is unchanged. When the read or the write fails, it keeps the previous drop, logs
  /// why, and marks that drop stale once its data is older than `maxAge`.
  package func publish(_ target: InventoryTarget) async -> InventoryPublishOutcome {
    let reader = InventoryReader(settings: settings, client: client, database: database)
    let pull: InventoryPull
    lastFailure = nil
    do {
      pull = try await reader.read(target, now: clock())
    } catch {
      return keepPrevious(after: error, target: target)
    }
    lastRequestsPerPull = pull.requestCount
    if pull.skippedCount > 0 {
      logger.notice(
        "Inventory lines skipped: no price, no box count or an origin other than OH or FS",
        ["inventory.skipped": "\(pull.skippedCount)", "inventory.source": pull.source.rawValue])
    }

    do {
      return try store(pull)
    } catch let error as InventoryFeedError {
      return keepPrevious(after: error, target: target)
    } catch {
      return keepPrevious(after: .stateFailed(reason: "\(error)"), target: target)
    }
  }

  /// Returns the wait before the next cycle: the configured interval, or a longer one when the
  /// last read's request count would leave less than `reserveForOrders` of the daily limit.
  package func nextInterval() -> Duration {
    guard let requests = lastRequestsPerPull else { return settings.interval }
    let budget = QuotaBudget(
      intervalSeconds: Int(settings.interval.components.seconds), requestsPerPull: requests,
      dailyLimit: settings.dailyLimit, reserveForOrders: settings.reserveForOrders)
    let seconds = budget.budgetedSeconds
    guard seconds != budget.intervalSeconds else {
      loggedBudgetSeconds = nil
      return settings.interval
    }

    if loggedBudgetSeconds != seconds {
      loggedBudgetSeconds = seconds
      logger.notice(
        "Inventory interval lengthened to keep the reserve for orders",
        [
          "inventory.interval_seconds": "\(budget.intervalSeconds)",
          "inventory.lengthened_seconds": "\(seconds)",
          "inventory.requests_per_pull": "\(requests)",
          "inventory.pulls_per_day": "\(budget.pullsPerDay)",
          "quota.daily_limit": "\(settings.dailyLimit)",
          "quota.reserve_for_orders": "\(settings.reserveForOrders)",
        ])
    }
    return .seconds(seconds)
  }

  /// Returns when the next read is due after the newest successful one. Returns nil when it
  /// is due now, because no drop was written yet, its files are gone, or its read time lies
  /// ahead of a clock that was set back.
  ///
  /// The interval is lengthened as `nextInterval()` lengthens it, for a read of
  /// `estimatedRequests` requests, because a new process has not counted a read of its own.
  /// The due time is never later than the moment the drop turns stale (`maxAge`), so the
  /// drop is read again, or marked stale by a failed read, before it is too old.
  package func nextReadDue(estimatedRequests: Int) throws -> Date? {
    guard let latest = try history.latest(), filesExist(latest),
      latest.confirmedAsOf <= clock()
    else { return nil }
    let budget = QuotaBudget(
      intervalSeconds: Int(settings.interval.components.seconds),
      requestsPerPull: estimatedRequests, dailyLimit: settings.dailyLimit,
      reserveForOrders: settings.reserveForOrders)
    let seconds = min(budget.budgetedSeconds, Int(settings.maxAge.components.seconds))
    return latest.confirmedAsOf.addingTimeInterval(TimeInterval(seconds))
  }

  // MARK: Writing

  private func store(_ pull: InventoryPull) throws -> InventoryPublishOutcome {
    let items = InventoryMapping.sorted(pull.items)
    let previous = try history.latest()
    try createFolder()
    let writer = dropWriter

    let writtenAt = freshWriteTime(after: previous)
    let stamp = DropFiles.stamp(writtenAt)
    let csv = try writer.beginCSV(items, stamp: stamp)
    defer { csv.output.discard() }

    if let previous, previous.source == pull.source, previous.csv.sha256 == csv.digest.sha256,
      filesExist(previous)
    {
      return try refresh(previous, asOf: pull.asOf)
    }

    let json = try writer.beginJSON(items, stamp: stamp)
    defer { json.output.discard() }
    try csv.output.commit()
    try json.output.commit()

    let sequence = max(previous?.sequence ?? 0, sequenceInLatestFile() ?? 0) + 1
    let now = clock()
    let record = DropRecord(
      sequence: sequence, stamp: stamp, source: pull.source, asOf: pull.asOf,
      confirmedAsOf: pull.asOf, writtenAt: writtenAt, itemCount: items.count, csv: csv.digest,
      json: json.digest, stale: isStale(pull.asOf, now: now))
    try writer.writeManifest(record)
    try writer.writeLatest(record, updatedAt: now)
    try history.save(record)

    logger.debug(
      "Inventory drop written",
      [
        "inventory.sequence": "\(sequence)", "inventory.items": "\(items.count)",
        "inventory.manifest": record.manifestName, "inventory.source": pull.source.rawValue,
        "inventory.requests": "\(pull.requestCount)",
      ])
    prune(keepingCurrent: stamp)
    return .published(sequence: sequence, itemCount: items.count, manifest: record.manifestName)
  }

  /// Rewrites `latest.json` for a read whose content equals `previous`, and its manifest too
  /// when the stale mark changes.
  private func refresh(_ previous: DropRecord, asOf: Date) throws -> InventoryPublishOutcome {
    var record = previous
    let now = clock()
    record.confirmedAsOf = asOf
    record.stale = isStale(asOf, now: now)
    if record.stale != previous.stale { try dropWriter.writeManifest(record) }
    try dropWriter.writeLatest(record, updatedAt: now)
    try history.save(record)

    logger.debug(
      "Inventory unchanged, latest.json refreshed",
      ["inventory.sequence": "\(record.sequence)", "inventory.items": "\(record.itemCount)"])
    return .unchanged(sequence: record.sequence, itemCount: record.itemCount)
  }

  /// Logs the failure and keeps the previous drop, marking it stale once its data is too old.
  private func keepPrevious(
    after error: InventoryFeedError, target: InventoryTarget
  ) -> InventoryPublishOutcome {
    lastFailure = error
    let previous = try? history.latest()
    logger.warning(
      "Inventory read or write failed, so the previous drop stays until the next interval",
      [
        "error": "\(error)", "inventory.source": settings.source.rawValue,
        "komet.customer_id": target.dwfCustomerId,
        "inventory.previous_sequence": previous.map { "\($0.sequence)" } ?? "none",
      ])
    guard var record = previous, filesExist(record) else {
      return .failed(reason: "\(error)", previousSequence: previous?.sequence, stale: false)
    }

    let now = clock()
    let stale = isStale(record.confirmedAsOf, now: now)
    if stale && !record.stale {
      record.stale = true
      do {
        try dropWriter.writeManifest(record)
        try dropWriter.writeLatest(record, updatedAt: now)
        try history.save(record)
        logger.warning(
          "Inventory drop marked stale",
          [
            "inventory.sequence": "\(record.sequence)",
            "inventory.age_seconds": "\(Int(now.timeIntervalSince(record.confirmedAsOf)))",
            "inventory.max_age_seconds": "\(settings.maxAge.components.seconds)",
          ])
      } catch {
        logger.error(
          "Inventory drop could not be marked stale",
          ["error": "\(error)", "inventory.sequence": "\(record.sequence)"])
        return .failed(reason: "\(error)", previousSequence: record.sequence, stale: false)
      }
    }
    return .failed(reason: "\(error)", previousSequence: record.sequence, stale: stale)
  }

  // MARK: Helpers

  private func isStale(_ asOf: Date, now: Date) -> Bool {
    let maxAge = Double(settings.maxAge.components.seconds)
      + Double(settings.maxAge.components.attoseconds) / 1e18
    return now.timeIntervalSince(asOf) > maxAge
  }

  /// Returns a write time whose stamp is later than the previous drop's and not yet taken, so
  /// two drops in one second, or a clock set back, never share file names.
  private func freshWriteTime(after previous: DropRecord?) -> Date {
    var date = Date(timeIntervalSince1970: clock().timeIntervalSince1970.rounded(.down))
    if let previous, DropFiles.stamp(date) <= previous.stamp {
      date = Date(timeIntervalSince1970: previous.writtenAt.timeIntervalSince1970.rounded(.down))
        .addingTimeInterval(1)
    }
    while FileManager.default.fileExists(
      atPath: folder.appendingPathComponent(DropFiles.manifestName(DropFiles.stamp(date))).path)
    {
      date.addTimeInterval(1)
    }
    return date
  }

  private func filesExist(_ record: DropRecord) -> Bool {
    [record.csv.name, record.json.name, record.manifestName].allSatisfy {
      FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
    }
  }

  /// Reads `sequence` from `latest.json`, which is ahead of the database when a crash came
  /// between writing it and saving the row.
  private func sequenceInLatestFile() -> Int? {
    let path = folder.appendingPathComponent(DropFiles.latestName)
    guard let data = try? Data(contentsOf: path),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    return (object["sequence"] as? NSNumber)?.intValue
  }

  private func createFolder() throws(InventoryFeedError) {
    do {
      try FileManager.default.createDirectory(
        at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    } catch {
      throw .writeFailed(.cannotCreateFolder(path: folder.path, errno: EACCES))
    }
  }

  /// Removes the files of all but the newest `keep` drops (and never those of `current`),
  /// manifest first, so no manifest names a missing data file. Other names are left alone.
  private func prune(keepingCurrent current: String) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    var filesByStamp: [String: [String]] = [:]
    for name in names {
      guard let stamp = DropFiles.stamp(ofFileNamed: name) else { continue }
      filesByStamp[stamp, default: []].append(name)
    }
    let kept = Set(filesByStamp.keys.sorted(by: >).prefix(max(1, settings.keep)))
      .union([current])

    var removed = 0
    for (stamp, files) in filesByStamp where !kept.contains(stamp) {
      let ordered = files.sorted { first, _ in first.hasSuffix(".manifest.json") }
      for name in ordered {
        let path = folder.appendingPathComponent(name).path
        if unlink(path) == 0 {
          removed += 1
        } else if errno != ENOENT {
          logger.warning(
            "Old inventory drop file could not be removed",
            ["file": path, "error": String(cString: strerror(errno))])
        }
      }
    }
    do {
      try history.prune(keep: settings.keep)
    } catch {
      logger.warning("Old inventory drop rows could not be removed", ["error": "\(error)"])
    }
    if removed > 0 {
      logger.info(
        "Old inventory drops pruned",
        ["inventory.files_removed": "\(removed)", "inventory.keep": "\(settings.keep)"])
    }
  }
}
