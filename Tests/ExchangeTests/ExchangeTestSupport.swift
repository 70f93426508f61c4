import Exchange
import Foundation
import StateStore
import Synchronization
import Watching
import Workspace

/// A new workspace with `inbox/`, `inbox/dwf/`, `inbox/processed/` and `inbox/failed/`,
/// removed when released.
final class ScratchWorkspace {
  let workspace: Workspace

  init() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("exchange-tests-\(UUID().uuidString)")
    workspace = Workspace(root: root)
    for folder in [workspace.dwfInbox, workspace.processed, workspace.failed, workspace.state] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
  }

  deinit {
    try? FileManager.default.removeItem(at: workspace.root)
  }

  func drop(_ text: String, as name: String, in folder: URL? = nil) throws {
    try Data(text.utf8).write(to: (folder ?? workspace.inbox).appendingPathComponent(name))
  }

  func names(in folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
  }
}

/// An intake stage that moves each file to `inbox/processed/`, or to `inbox/failed/` when its
/// content starts with `bad`, and reports the outcome given by the first word of the content
/// otherwise (`unreachable`, `config`, `partial`).
struct MovingIntake: IntakeStage {
  let workspace: Workspace

  func pendingEntries() throws -> [InboxEntry] {
    let names = try FileManager.default.contentsOfDirectory(atPath: workspace.inbox.path)
    return names.sorted().compactMap { name in
      let path = workspace.inbox.appendingPathComponent(name).path
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder),
        !isFolder.boolValue
      else { return nil }
      return InboxEntry(
        folder: workspace.inbox.path, name: name, type: .regularFile(size: 0, modified: Date()))
    }
  }

  func take(_ entry: InboxEntry) async throws -> EntryOutcome {
    let text = (try? String(contentsOfFile: entry.path, encoding: .utf8)) ?? ""
    if text.hasPrefix("unreachable") { return .kometUnreachable(reason: "connection refused") }
    if text.hasPrefix("config") { return .configurationUnusable(reason: "no DWF customer ID") }
    if text.hasPrefix("partial") { return .retryLater(reason: "JSON cut short") }
    let isBad = text.hasPrefix("bad")
    let folder = isBad ? workspace.failed : workspace.processed
    let destination = folder.appendingPathComponent(entry.name)
    try FileManager.default.moveItem(atPath: entry.path, toPath: destination.path)
    if isBad {
      return .failed(kind: nil, destination: destination.path, reason: "not an export")
    }
    return .processed(kind: "test", destination: destination.path)
  }
}

/// An inventory stage that returns a fixed result and counts its cycles.
final class FixedInventory: InventoryStage {
  let outcome: InventoryCycleOutcome
  private let count = Mutex(0)

  init(_ result: InventoryCycleOutcome.Result) {
    outcome = InventoryCycleOutcome(result)
  }

  var cycles: Int { count.withLock { $0 } }

  func publishCycle() async throws -> InventoryCycleOutcome {
    count.withLock { $0 += 1 }
    return outcome
  }
}

/// A change-request handler for kind `touch` that writes the order number into a file named
/// after the request ID in `folder`.
struct TouchHandler: ChangeRequestHandler {
  let folder: URL
  var kinds: Set<String> { ["touch"] }

  func carryOut(_ request: ChangeRequest) async throws -> ChangeRequestResult {
    let file = folder.appendingPathComponent("touched-\(request.id)")
    try Data((request.orderNumber ?? "").utf8).write(to: file)
    return .succeeded(message: "touched \(request.orderNumber ?? "nothing")")
  }
}
