import Logging

extension Pipeline {
  /// Logs one line for what the intake stage did with `entry`.
  func log(_ outcome: EntryOutcome, for entry: InboxEntry) {
    var values: LogMetadata = ["file.path": entry.path]
    switch outcome {
    case .processed(let kind, let destination, let ids):
      values["file.kind"] = kind
      values["file.destination"] = destination
      values.merge(ids) { $1 }
      logger.info("File processed", values)
    case .failed(let kind, let destination, let reason):
      if let kind { values["file.kind"] = kind }
      values["file.destination"] = destination
      values["error"] = reason
      logger.warning("File failed", values)
    case .waiting(let kind, let reason):
      if let kind { values["file.kind"] = kind }
      values["reason"] = reason
      logger.notice("File waits in place", values)
    case .retryLater(let reason):
      values["reason"] = reason
      logger.notice("File looks incomplete, retried later", values)
    case .stillBeingWritten(let reason):
      values["reason"] = reason
      logger.notice("File still being written, left for a later pass", values)
    case .kometUnreachable(let reason):
      values["error"] = reason
      logger.warning("File waits, because Komet is unreachable", values)
    case .configurationUnusable(let reason):
      values["error"] = reason
      logger.error("File waits, because the configuration is unusable", values)
    }
  }

  /// Logs one line for an inventory cycle.
  func log(_ outcome: InventoryCycleOutcome) {
    var values: LogMetadata = [:]
    if let interval = outcome.nextInterval {
      values["inventory.nextIntervalSeconds"] = String(interval.components.seconds)
    }
    switch outcome.result {
    case .published(let sequence, let itemCount):
      values["inventory.sequence"] = String(sequence)
      values["inventory.itemCount"] = String(itemCount)
      logger.info("Inventory drop written", values)
    case .unchanged(let sequence):
      values["inventory.sequence"] = String(sequence)
      logger.info("Inventory unchanged, latest.json refreshed", values)
    case .kometUnreachable(let reason) where Self.isQuotaExhaustion(reason):
      values["reason"] = reason
      logger.warning(
        "Inventory not read, because the daily Komet quota is used up; previous drop kept",
        values)
    case .kometUnreachable(let reason):
      values["error"] = reason
      logger.warning("Inventory not read, because Komet is unreachable; previous drop kept", values)
    case .inputFailed(let reason):
      values["error"] = reason
      logger.warning("Inventory source unusable; previous drop kept", values)
    case .configurationUnusable(let reason):
      values["error"] = reason
      logger.error("Inventory not read, because the configuration is unusable", values)
    }
  }

  /// Tells whether an inventory failure's reason is the quota ledger's rejection of a request,
  /// which the inventory outcome reports as Komet unreachable.
  ///
  /// NOTE: this matches the text of `KometClientError.quotaExhausted`, because the outcome
  /// carries no separate case for quota; a reworded message falls back to "unreachable".
  static func isQuotaExhaustion(_ reason: String) -> Bool {
    reason.contains("daily Komet allowance is used up")
  }
}
