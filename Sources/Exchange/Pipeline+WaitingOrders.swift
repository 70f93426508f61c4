import Foundation

extension Pipeline {
  /// Takes again the order files named in `waiting` that still wait in `inbox/dwf/`, after an
  /// inventory cycle wrote a drop. An order file waits while no drop exists to check its lines
  /// against, and neither the next `once` nor the watcher's rescan should have to come first.
  ///
  /// Returns whether one of them was taken (processed or failed), and removes from `waiting`
  /// each file taken or gone. A file that waits again stays in `waiting`.
  func retakeWaitingOrderFiles(
    _ waiting: inout Set<String>, report: inout PassReport
  ) async -> Bool {
    guard !waiting.isEmpty, let intake = stages.intake else { return false }
    let entries: [InboxEntry]
    do {
      entries = try intake.pendingEntries().filter { isOrderFolder($0.folder) }
    } catch {
      logger.error("Inbox not listed", ["error": String(describing: error)])
      report.record(.internalFailure)
      return false
    }
    waiting.formIntersection(entries.map(\.name))

    var isTaken = false
    for entry in entries where waiting.contains(entry.name) {
      guard !stop.isRequested else { break }
      logger.info("Order file taken again after the inventory drop", ["file.path": entry.path])
      // The earlier take counted the file as waiting; this take counts it again.
      report.filesWaiting -= 1
      switch await take(entry, with: intake, report: &report) {
      case .processed?, .failed?:
        waiting.remove(entry.name)
        isTaken = true
      default:
        break
      }
    }
    return isTaken
  }

  /// Takes the waiting order files again after a drop, as `retakeWaitingOrderFiles` does, and
  /// runs an order pass when one of them was taken.
  func placeWaitingOrderFiles(_ waiting: inout Set<String>, report: inout PassReport) async {
    guard !stop.isRequested, await retakeWaitingOrderFiles(&waiting, report: &report) else {
      return
    }
    if !stop.isRequested, stages.orders != nil {
      await runOrderPass(&report)
    }
  }

  /// Returns whether `folder` is the workspace's `inbox/dwf/`.
  func isOrderFolder(_ folder: String) -> Bool {
    let standardized = URL(fileURLWithPath: folder).standardizedFileURL.path
    return standardized == workspace.dwfInbox.standardizedFileURL.path
  }
}

extension InventoryCycleOutcome {
  /// Whether the cycle wrote a new drop.
  var hasPublished: Bool {
    if case .published = result { return true }
    return false
  }
}
