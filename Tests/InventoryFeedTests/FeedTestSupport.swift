import Foundation
import Inventory
import InventoryFeed
import Komet
import KometClient
import KometSandbox
import Logging
import StateStore
import Testing
import Workspace

/// A clock that tests move forward by hand.
final class TestClock: @unchecked Sendable {
  private let lock = NSLock()
  private var current: Date

  init(_ start: Date = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))) {
    current = start
  }

  var now: Date { lock.withLock { current } }

  func advance(seconds: TimeInterval) {
    lock.withLock { current.addTimeInterval(seconds) }
  }

  var function: @Sendable () -> Date { { [self] in now } }
}

/// A temporary workspace with its state database, a seeded sandbox on a free loopback port,
/// and the means to make publishers against them.
final class FeedFixture {
  let sandbox: KometSandbox
  let workspace: Workspace
  let logs = InMemoryLogHandler()
  let clock = TestClock()

  static let companyId = SandboxState.seededCompanyId
  static let customerId = SandboxState.dwfCustomerId
  static let locationIds = ["200101", "200102", "200103", "200104"]

  init() throws {
    var configuration = SandboxConfiguration()
    configuration.requestTimeout = .seconds(2)
    configuration.idleTimeout = .seconds(5)
    sandbox = try KometSandbox(state: nil, configuration: configuration)
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("inventory-feed-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    workspace = Workspace(root: root)
  }

  deinit {
    sandbox.stop()
    try? FileManager.default.removeItem(at: workspace.root)
  }

  var logger: Logger { Logger(label: "inventory-feed", handler: logs, minimumLevel: .trace) }

  var folder: URL { InventoryPublisher.folder(in: workspace) }

  func openDatabase() throws -> Database {
    try StateSchema.open(workspace: workspace.root.path)
  }

  /// Makes a client for `baseURL` (the sandbox unless given) with 2-second timeouts and
  /// retry waits of 1 ms.
  func makeClient(baseURL: URL? = nil) throws -> KometClient {
    let tokens = try KometTokens(
      company: Token(role: .company, secret: SandboxTokens.company),
      customer: Token(role: .customer, secret: SandboxTokens.customer),
      user: Token(role: .user, secret: SandboxTokens.user))
    var configuration = KometClientConfiguration(
      companyId: KometID(Self.companyId)!, tokens: tokens)
    configuration.baseURL = baseURL ?? sandbox.baseURL
    configuration.requestTimeout = 2
    configuration.resourceTimeout = 2
    configuration.retry = RetryPolicy(
      maxAttempts: 2, baseDelay: .milliseconds(1), maxDelay: .milliseconds(1))
    let database = try StateSchema.open(workspace: workspace.root.path)
    return try KometClient(configuration: configuration, database: database, logger: logger)
  }

  func makePublisher(
    settings: InventoryFeedSettings, client: KometClient? = nil
  ) throws -> InventoryPublisher {
    InventoryPublisher(
      workspace: workspace, database: try openDatabase(), client: client, settings: settings,
      logger: logger, clock: clock.function)
  }

  func target(locations: [String] = locationIds) -> InventoryTarget {
    InventoryTarget(
      companyId: Self.companyId, dwfCustomerId: Self.customerId, locationIds: locations)
  }

  /// Stores an inventory export of `items` as the intake would, taken at `takenAt`.
  func storeExport(_ items: [InventoryItem], takenAt: Date) throws {
    let database = try openDatabase()
    try database.transaction {
      try StoredInventoryExport(database: database).replace(
        with: InventoryExportSnapshot(
          items: items, sourceFile: "inventory.xlsx", sha256: String(repeating: "a", count: 64),
          takenAt: takenAt))
    }
  }

  /// Returns the names in the drop folder, sorted.
  func fileNames() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  func readJSON(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: folder.appendingPathComponent(name))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  func latest() throws -> [String: Any] { try readJSON("latest.json") }

  /// Returns each sandbox token found whole in a log line.
  func leakedTokens() -> [String] {
    let tokens = [SandboxTokens.company, SandboxTokens.customer, SandboxTokens.user]
    return logs.lines.filter { line in tokens.contains { line.contains($0) } }
  }

  /// The sandbox's request paths, oldest first.
  var requestPaths: [String] { sandbox.requestLog.map(\.path) }
}

/// Returns `count` export items whose box counts start at `boxes`, so two calls with different
/// `boxes` give different content.
func exportItems(count: Int, boxes: Int = 10) -> [InventoryItem] {
  (0..<count).map { index in
    InventoryItem(
      inventoryId: String(9_000_000 + index), origin: index % 3 == 0 ? .future : .onHand,
      productCode: "RS\(index)", productDescription: "Rose \"Freedom\", 50cm",
      grade: "Select", category: "Roses", boxType: "HB", unitsPerBox: 250, unitType: "ST",
      boxesAvailable: boxes + index, unitPrice: Decimal(string: "0.35")! + Decimal(index),
      locationId: "200101", availableFrom: index % 3 == 0 ? "2026-12-20" : nil)
  }
}

/// Parses CSV text per RFC 4180 into rows of fields, and fails on an unterminated quote.
func parseCSV(_ text: String) throws -> [[String]] {
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var inQuotes = false
  var characters = Array(text.unicodeScalars)[...]

  while let scalar = characters.popFirst() {
    if inQuotes {
      if scalar == "\"" {
        if characters.first == "\"" {
          field.unicodeScalars.append(characters.removeFirst())
        } else {
          inQuotes = false
        }
      } else {
        field.unicodeScalars.append(scalar)
      }
    } else if scalar == "\"" {
      inQuotes = true
    } else if scalar == "," {
      row.append(field)
      field = ""
    } else if scalar == "\r" && characters.first == "\n" {
      characters.removeFirst()
      row.append(field)
      rows.append(row)
      row = []
      field = ""
    } else {
      field.unicodeScalars.append(scalar)
    }
  }
  struct UnterminatedCSV: Error {}
  guard !inQuotes, field.isEmpty, row.isEmpty else { throw UnterminatedCSV() }
  return rows
}

/// Returns the SHA-256 of a file in lowercase hex, computed by `sha256sum`.
func sha256sum(_ url: URL) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
  process.arguments = [url.path]
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let output = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(String(decoding: output, as: UTF8.self).prefix(64))
}
