import Foundation
import Watching
import Workspace

extension Intake {
  /// The subfolders of `inbox/` that belong to the lifecycle and are never scanned.
  static let knownSubfolders: Set = ["processed", "failed", "dwf"]

  /// Lists the entries to take now in `inbox/` and `inbox/dwf/`, by a full rescan. Grower
  /// files come in name order. DWF order files come by modification time, then name, so a
  /// cancellation uploaded after its order is taken after it.
  ///
  /// It skips `README.txt` and the hidden, `~$` and partial-transfer names that `Watching`
  /// skips (`IgnoredNames`), and the folders `processed/`, `failed/` and `dwf/`. Symbolic
  /// links, FIFOs and other non-regular entries are listed, and `take` moves them to
  /// `inbox/failed/`. Any other subfolder is logged once and left alone.
  package func pendingFiles() -> [(path: String, area: IntakeArea)] {
    let grower = scan(workspace.inbox.path, area: .grower)
    let dwf = scan(workspace.dwfInbox.path, area: .dwf)
    let dwfByUpload = dwf.sorted { Self.uploadOrder($0, $1) }
    return grower.map { ($0.path, .grower) } + dwfByUpload.map { ($0.path, .dwf) }
  }

  /// Orders two entries by modification time, then by name when the times are equal.
  private static func uploadOrder(
    _ first: (path: String, entry: EntryStatus), _ second: (path: String, entry: EntryStatus)
  ) -> Bool {
    let firstTime = (first.entry.modifiedSeconds, first.entry.modifiedNanoseconds)
    let secondTime = (second.entry.modifiedSeconds, second.entry.modifiedNanoseconds)
    guard firstTime == secondTime else { return firstTime < secondTime }
    return first.path < second.path
  }

  /// Lists the entries of `folder` to take, in name order, each with its `lstat(2)` status.
  private func scan(_ folder: String, area: IntakeArea) -> [(path: String, entry: EntryStatus)] {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    } catch {
      logger.error(
        "Inbox folder could not be listed", ["folder.path": folder, "error": "\(error)"])
      return []
    }

    var paths: [(path: String, entry: EntryStatus)] = []
    for name in names {
      if name == Workspace.readmeName || IgnoredNames.contains(name) {
        continue
      }
      let path = (folder as NSString).appendingPathComponent(name)
      guard let entry = EntryStatus.read(path: path) else { continue }
      if entry.kind == .folder {
        if area == .grower, Self.knownSubfolders.contains(name) { continue }
        reportUnknownSubfolder(path)
        continue
      }
      paths.append((path, entry))
    }
    return paths
  }

  private func reportUnknownSubfolder(_ path: String) {
    guard reportedSubfolders.insert(path).inserted else { return }
    logger.warning(
      "Unknown subfolder in the inbox, left alone; files in it are not taken",
      ["folder.path": path])
  }
}
