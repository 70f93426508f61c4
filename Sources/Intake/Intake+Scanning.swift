import Foundation
import Watching
import Workspace

extension Intake {
  /// The subfolders of `inbox/` that belong to the lifecycle and are never scanned.
  static let knownSubfolders: Set = ["processed", "failed", "dwf"]

  /// Lists the entries to take now in `inbox/` and `inbox/dwf/`, by a full rescan, in name
  /// order.
  ///
  /// It skips `README.txt` and the hidden, `~$` and partial-transfer names that `Watching`
  /// skips (`IgnoredNames`), and the folders `processed/`, `failed/` and `dwf/`. Symbolic
  /// links, FIFOs and other non-regular entries are listed, and `take` moves them to
  /// `inbox/failed/`. Any other subfolder is logged once and left alone.
  package func pendingFiles() -> [(path: String, area: IntakeArea)] {
    let grower = scan(workspace.inbox.path, area: .grower)
    let dwf = scan(workspace.dwfInbox.path, area: .dwf)
    return grower.map { ($0, .grower) } + dwf.map { ($0, .dwf) }
  }

  private func scan(_ folder: String, area: IntakeArea) -> [String] {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    } catch {
      logger.error(
        "Inbox folder could not be listed", ["folder.path": folder, "error": "\(error)"])
      return []
    }

    var paths: [String] = []
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
      paths.append(path)
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
