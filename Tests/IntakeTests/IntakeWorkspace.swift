import Foundation
import InboxLifecycle
import Intake
import Logging
import StateStore
import Workspace

/// A temporary workspace with `inbox/`, `inbox/dwf/`, a migrated state database and an intake
/// that logs to memory, removed with everything in it when released.
final class IntakeWorkspace {
  let workspace: Workspace
  let database: Database
  let logs = InMemoryLogHandler()
  /// 2024-03-10T08:15:00Z, so processed files land in `inbox/processed/2024-03-10/`.
  static let now = Date(timeIntervalSince1970: 1_710_058_500)

  init() throws {
    let root = (NSTemporaryDirectory() as NSString)
      .appendingPathComponent("intake-tests-\(UUID().uuidString)")
    workspace = Workspace(root: URL(fileURLWithPath: root, isDirectory: true))
    try FileManager.default.createDirectory(
      atPath: workspace.dwfInbox.path, withIntermediateDirectories: true)
    database = try StateSchema.open(workspace: root)
  }

  deinit {
    database.close()
    try? FileManager.default.removeItem(at: workspace.root)
  }

  var root: String { workspace.root.path }

  /// Returns a new intake over this workspace, with empty in-memory counts, as after a restart.
  func makeIntake() -> Intake {
    let logger = Logger(label: "intake-tests", handler: logs, minimumLevel: .trace)
    return Intake(
      workspace: workspace, database: database, logger: logger, clock: { IntakeWorkspace.now })
  }

  /// Returns a new intake with `settleTime` and `clock`, for checks of a file's real
  /// modification time.
  func makeIntake(settleTime: TimeInterval, clock: @escaping @Sendable () -> Date) -> Intake {
    let logger = Logger(label: "intake-tests", handler: logs, minimumLevel: .trace)
    return Intake(
      workspace: workspace, database: database, logger: logger, settleTime: settleTime,
      clock: clock)
  }

  /// Writes `data` to `relativePath` under the workspace (such as `inbox/dwf/orders.csv`) and
  /// returns its path.
  @discardableResult
  func write(_ relativePath: String, data: Data) throws -> String {
    let path = file(relativePath)
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try data.write(to: URL(fileURLWithPath: path))
    return path
  }

  @discardableResult
  func write(_ relativePath: String, text: String) throws -> String {
    try write(relativePath, data: Data(text.utf8))
  }

  /// Copies a file of the repository, such as `Samples/komet-customers.xlsx`, to
  /// `relativePath` and returns its new path.
  @discardableResult
  func copy(repositoryFile: String, to relativePath: String) throws -> String {
    try write(
      relativePath, data: Data(contentsOf: URL(fileURLWithPath: Self.repository(repositoryFile))))
  }

  func file(_ relativePath: String) -> String {
    (root as NSString).appendingPathComponent(relativePath)
  }

  func exists(_ relativePath: String) -> Bool {
    var status = stat()
    return lstat(file(relativePath), &status) == 0
  }

  func names(in relativeFolder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: file(relativeFolder))) ?? []).sorted()
  }

  func contents(of path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  var knownIDs: KnownIDs { KnownIDs(database: database) }

  /// The messages logged so far.
  var messages: [String] { logs.records.map(\.message) }

  /// Returns the path of a file of the repository from its path relative to the top folder.
  static func repository(_ relativePath: String) -> String {
    let top = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return top.appendingPathComponent(relativePath).path
  }
}
