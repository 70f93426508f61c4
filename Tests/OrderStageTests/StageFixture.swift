import Configuration
import Exchange
import Foundation
import Inventory
import Komet
import KometSandbox
import Logging
import OrderJournal
import PipelineAssembly
import StateStore
import Testing
import Workspace

/// A seeded sandbox on a free loopback port and a new workspace whose settings point at it,
/// with the means to journal an order and run a pipeline pass over it.
final class StageFixture {
  static let miami = "200101"

  let sandbox: KometSandbox
  let workspace: Workspace
  let logs = InMemoryLogHandler()
  var komet = KometSettings()
  var exchange = ExchangeSettings()

  init() throws {
    var configuration = SandboxConfiguration()
    configuration.requestTimeout = .seconds(2)
    configuration.idleTimeout = .seconds(5)
    sandbox = try KometSandbox(configuration: configuration)
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("order-stage-\(UUID().uuidString)", isDirectory: true)
    workspace = Workspace(root: root)
    for folder in [workspace.dwfInbox, workspace.processed, workspace.failed, workspace.state] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    komet.baseURL = Sourced(sandbox.baseURL)
    komet.companyId = Sourced(KometID(SandboxState.seededCompanyId))
    komet.dwfCustomerId = Sourced(KometID(SandboxState.dwfCustomerId))
    komet.companyToken = Sourced(try Token(role: .company, secret: SandboxTokens.company))
    komet.customerToken = Sourced(try Token(role: .customer, secret: SandboxTokens.customer))
    komet.requestTimeout = Sourced(2)
    exchange.ordersDefaultCarrierId = Sourced(KometID("3101"))
  }

  deinit {
    sandbox.stop()
    try? FileManager.default.removeItem(at: workspace.root)
  }

  var logger: Logger { Logger(label: "order-stage", handler: logs, minimumLevel: .trace) }

  func openJournal() throws -> OrderJournal {
    OrderJournal(database: try StateSchema.open(workspace: workspace.root.path))
  }

  /// Builds the stages as `once` does and keeps only the order stage, so the pass makes no
  /// inventory call and takes no inbox file.
  func makeStages() throws -> PipelineStages {
    var stages = try ExchangeStages.make(
      workspace: workspace, settings: komet, exchange: exchange, logger: logger)
    stages.intake = nil
    stages.inventory = nil
    return stages
  }

  /// Runs one pipeline pass with the order stage, holding the workspace lock.
  func runOnce() async throws -> PassReport {
    let lock = try WorkspaceLock(workspace: workspace)
    defer { lock.release() }
    let pipeline = Pipeline(
      workspace: workspace, lock: lock, settings: exchange, stages: try makeStages(),
      logger: logger)
    return await pipeline.runOnce()
  }

  /// Returns the IDs of `count` inventory lines at Miami of `origin` with at least 3 boxes.
  func inventoryIds(_ origin: Inventory.InventoryOrigin, count: Int) throws -> [String] {
    let code: InventoryLine.Origin = origin == .onHand ? .onHand : .future
    let ids = sandbox.state.inventory
      .filter { $0.origin == code && $0.locationId == Self.miami && $0.availableBoxes >= 3 }
      .map(\.inventoryId)
    try #require(ids.count >= count)
    return Array(ids.prefix(count))
  }

  /// Journals an order at Miami shipping in two days, one box per line at the sandbox's price.
  @discardableResult
  func receive(
    _ orderNumber: String, lines: [(String, Inventory.InventoryOrigin)],
    customerPO: String? = nil
  ) throws -> OrderSnapshot {
    var received: [ReceivedLine] = []
    for (index, line) in lines.enumerated() {
      let item = try #require(sandbox.state.inventory.first { $0.inventoryId == line.0 })
      received.append(
        ReceivedLine(
          lineNumber: index + 1, inventoryId: line.0, origin: line.1, quantity: 1,
          unitPrice: Decimal(string: item.price)))
    }
    let order = ReceivedOrder(
      orderNumber: orderNumber, shipDate: Self.shipDate, locationId: Self.miami,
      customerPO: customerPO, sourceFile: "orders.json", lines: received)
    let outcome = try openJournal().receive(order: order, digest: "digest-\(orderNumber)")
    guard case .new(let snapshot) = outcome else {
      Issue.record("expected a new order, got \(outcome)")
      throw StageTestError.notNew
    }
    return snapshot
  }

  static var shipDate: String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: Date().addingTimeInterval(2 * 86_400))
  }

  /// Reads the JSON acknowledgement of an order from `outbox/dwf/acks/`.
  func acknowledgement(of orderNumber: String) throws -> [String: Any] {
    let stem = try AcknowledgementWriter.fileStem(orderNumber: orderNumber)
    let url = workspace.dwfOutbox.appendingPathComponent("acks/\(stem).json")
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    return try #require(object as? [String: Any])
  }

  /// Returns how many logged requests went to `method`, such as `web-order-item.add`.
  func requestCount(_ method: String) -> Int {
    sandbox.requestLog.filter { $0.path.hasSuffix("/\(method)") }.count
  }
}

enum StageTestError: Error {
  case notNew
}

/// The sandbox's tokens, read in a file that imports no other `Token`-like names.
enum SandboxTokensForStage {
  static let user = SandboxTokens.user
}
