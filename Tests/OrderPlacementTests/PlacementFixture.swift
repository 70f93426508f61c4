import Foundation
import Inventory
import Komet
import KometClient
import KometSandbox
import Logging
import OrderJournal
import OrderPlacement
import StateStore
import Testing

/// A seeded sandbox on a free loopback port, a temporary folder with the state database, and
/// the means to journal orders and place them.
final class PlacementFixture {
  static let companyId = KometID(SandboxState.seededCompanyId)!
  static let customerId = KometID(SandboxState.dwfCustomerId)!
  static let carrierId = KometID("3101")!
  static let miami = "200101"
  static let soldOutLine = "5100004"

  let sandbox: KometSandbox
  let folder: URL
  let logs = InMemoryLogHandler()

  init() throws {
    var configuration = SandboxConfiguration()
    configuration.requestTimeout = .seconds(2)
    configuration.idleTimeout = .seconds(5)
    sandbox = try KometSandbox(configuration: configuration)
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("order-placement-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  deinit {
    sandbox.stop()
    try? FileManager.default.removeItem(at: folder)
  }

  var databasePath: String { folder.appendingPathComponent(StateSchema.relativePath).path }

  var logger: Logger { Logger(label: "order-placement", handler: logs, minimumLevel: .trace) }

  /// Opens a new connection to the state database, as a restarted process would.
  func openJournal() throws -> OrderJournal {
    OrderJournal(database: try StateSchema.open(path: databasePath))
  }

  /// Makes a client for the sandbox with 2-second timeouts and retry waits of 1 ms at most.
  func makeClient(
    configure: (inout KometClientConfiguration) -> Void = { _ in }
  ) throws -> KometClient {
    let tokens = try KometTokens(
      company: Token(role: .company, secret: SandboxTokens.company),
      customer: Token(role: .customer, secret: SandboxTokens.customer),
      user: Token(role: .user, secret: SandboxTokens.user))
    var configuration = KometClientConfiguration(companyId: Self.companyId, tokens: tokens)
    configuration.baseURL = sandbox.baseURL
    configuration.requestTimeout = 2
    configuration.resourceTimeout = 2
    configuration.retry = RetryPolicy(
      maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(1))
    configure(&configuration)
    let database = try StateSchema.open(path: databasePath)
    return try KometClient(configuration: configuration, database: database, logger: logger)
  }

  var settings: OrderPlacer.Settings {
    OrderPlacer.Settings(
      customerId: Self.customerId, companyId: Self.companyId, defaultCarrierId: Self.carrierId)
  }

  /// Makes a placer with its own database connection and client, with `change` applied to
  /// the fixture's settings.
  func makePlacer(
    _ change: (inout OrderPlacer.Settings) -> Void = { _ in }
  ) throws -> OrderPlacer {
    var changed = settings
    change(&changed)
    return OrderPlacer(
      journal: try openJournal(), client: try makeClient(), settings: changed, logger: logger)
  }

  /// Returns the sandbox's web order `id`.
  func webOrder(_ id: String?) -> SandboxWebOrder? {
    sandbox.state.webOrders.first { $0.id == id }
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

  /// Returns the price the sandbox holds for inventory line `id`.
  func price(of id: String) throws -> Decimal {
    let line = try #require(sandbox.state.inventory.first { $0.inventoryId == id })
    return try #require(Decimal(string: line.price))
  }

  /// Journals an order at Miami shipping in two days, one box per line, with line numbers
  /// from 1 in the order given.
  /// `carrier`, `shipToId`, `customerPO` and `markCode` (on every line) default to none.
  @discardableResult
  func receive(
    _ orderNumber: String, lines: [(String, Inventory.InventoryOrigin)],
    journal: OrderJournal? = nil, carrier: OrderCarrier? = nil, shipToId: String? = nil,
    customerPO: String? = nil, markCode: String? = nil
  ) throws -> OrderSnapshot {
    var received: [ReceivedLine] = []
    for (index, line) in lines.enumerated() {
      received.append(
        ReceivedLine(
          lineNumber: index + 1, inventoryId: line.0, origin: line.1, quantity: 1,
          unitPrice: try price(of: line.0), markCode: markCode))
    }
    let order = ReceivedOrder(
      orderNumber: orderNumber, shipDate: Self.shipDate, locationId: Self.miami,
      customerPO: customerPO, sourceFile: "orders.csv", lines: received, carrier: carrier,
      shipToId: shipToId)
    let outcome = try (journal ?? openJournal()).receive(order: order, digest: "d-\(orderNumber)")
    guard case .new(let snapshot) = outcome else {
      Issue.record("expected a new order, got \(outcome)")
      throw PlacementTestError.notNew
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

  /// The IDs of the sandbox's web orders that are not cancelled.
  var openWebOrderIds: [String] {
    sandbox.state.webOrders.filter { !$0.isCanceled }.map(\.id)
  }

  /// The inventory IDs of every item on a web order that is not cancelled.
  var openItemInventoryIds: [String] {
    sandbox.state.webOrders.filter { !$0.isCanceled }.flatMap { $0.items.map(\.inventoryId) }
  }

  /// Returns the inventory IDs of web order `id`'s items, in the order added.
  func itemInventoryIds(ofWebOrder id: String?) -> [String] {
    sandbox.state.webOrders.first { $0.id == id }?.items.map(\.inventoryId) ?? []
  }

  /// Returns how many logged requests went to `method`, such as `web-order-item.add`.
  func requestCount(_ method: String) -> Int {
    sandbox.requestLog.filter { $0.path.hasSuffix("/\(method)") }.count
  }
}

enum PlacementTestError: Error {
  case notNew
}
