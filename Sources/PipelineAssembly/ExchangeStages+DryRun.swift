import Configuration
import Foundation
import Komet
import KometClient
import Logging
import Onboarding
import OrderIntake
import OrderJournal
import StateStore
import Workspace

extension ExchangeStages {
  /// Builds the dry run's request writer for the order intake, or returns nil (logged)
  /// outside a dry run and when the company ID or every token is missing.
  static func makeDryRunRequests(
    workspace: Workspace, settings: KometSettings, exchange: ExchangeSettings, logger: Logger
  ) -> DryRunOrderRequests? {
    guard settings.dryRun.value else { return nil }
    guard let companyId = settings.companyId.value else {
      logger.notice("Dry run: order requests are not written, because the company ID is missing")
      return nil
    }
    do {
      var configuration = KometClientConfiguration(
        settings: settings, companyId: companyId, tokens: try settings.tokens)
      configuration.dryRunFolder = KometClientConfiguration.dryRunFolder(
        inWorkspace: workspace.root)
      let recorder = try KometDryRunRecorder(configuration: configuration, logger: logger)
      return DryRunOrderRequests(
        recorder: recorder, database: try StateSchema.open(workspace: workspace.root.path),
        settings: settings, defaultCarrierId: exchange.ordersDefaultCarrierId.value,
        logger: logger)
    } catch {
      logger.error("Dry run: order request writer not created", ["error": "\(error)"])
      return nil
    }
  }
}

/// Writes, for a dry run, the requests that `OrderPlacer` would send for an order. That is one
/// `web-order.create` per web-order group with an accepted line (the DWF customer, company
/// and location). Then comes one `web-order-item.add` per accepted line on that group's
/// placeholder web order (`DRY-RUN-n`), with the carrier, ship-to and mark code.
///
/// A carrier code is written as given in `carrierId`, because looking it up takes a
/// `carrier.list` call, which the synchronous intake cannot wait for. A group is never checked
/// out here, even with `orders.checkout` set.
final class DryRunOrderRequests: DryRunRequestWriting {
  private var recorder: KometDryRunRecorder
  private let database: Database
  private let settings: KometSettings
  private let defaultCarrierId: KometID?
  private let logger: Logger

  init(
    recorder: KometDryRunRecorder, database: Database, settings: KometSettings,
    defaultCarrierId: KometID?, logger: Logger
  ) {
    self.recorder = recorder
    self.database = database
    self.settings = settings
    self.defaultCarrierId = defaultCarrierId
    self.logger = logger
  }

  deinit {
    database.close()
  }

  func writePlacementRequests(for order: ReceivedOrder) throws -> [String] {
    let accepted = order.lines.filter { $0.rejection == nil }
    guard !accepted.isEmpty else { return [] }
    let plan = try plan(for: order, lines: accepted)

    var files: [String] = []
    for group in plan.groups {
      var create = WebOrderCreateRequest(
        customerId: plan.customerId, companyLocationId: plan.locationId)
      create.companyId = plan.companyId
      files.append(try recorder.record(create))

      let webOrderId = recorder.makePlaceholder()
      for var add in group {
        add.webOrderId = webOrderId
        files.append(try recorder.record(add, replacingBodyMembers: plan.carrierReplacement))
      }
    }
    return files
  }

  func writeCancellationRequests(for order: OrderSnapshot) throws -> [String] {
    let customerId = try resolvedIDs().customerId
    var files: [String] = []
    for group in order.groups where group.state == .created {
      guard let text = group.webOrderId, let webOrderId = KometID(text) else { continue }
      files.append(
        try recorder.record(WebOrderDeleteRequest(customerId: customerId, webOrderId: webOrderId)))
    }
    return files
  }

  /// The requests of one order, checked in full before the first file is written.
  private struct Plan {
    var customerId: KometID
    var companyId: KometID?
    var locationId: KometID?
    /// The adds of each web-order group, in the order the groups' first lines appear.
    var groups: [[WebOrderItemAddRequest]]
    /// The `carrierId` member to write for a carrier code, or empty for a carrier ID.
    var carrierReplacement: [String: JSONValue]
  }

  private func plan(for order: ReceivedOrder, lines: [ReceivedLine]) throws -> Plan {
    let ids = try resolvedIDs()
    let location = try order.locationId.map { text throws(DryRunRequestError) in
      guard let id = KometID(text) else { throw .invalidID(field: "location ID", value: text) }
      return id
    }
    let shipTo = try order.shipToId.map { text throws(DryRunRequestError) in
      guard let id = KometID(text) else { throw .invalidID(field: "ship-to ID", value: text) }
      return id
    }
    guard let date = KometDate(order.shipDate) else {
      throw DryRunRequestError.invalidID(field: "ship date", value: order.shipDate)
    }
    let (carrierId, replacement) = try carrier(of: order)

    var origins: [String] = []
    var adds: [String: [WebOrderItemAddRequest]] = [:]
    for line in lines {
      guard let text = line.inventoryId, let inventoryId = KometID(text),
        let quantity = line.quantity, let price = line.unitPrice
      else {
        throw DryRunRequestError.incompleteLine(lineNumber: line.lineNumber)
      }
      var add = WebOrderItemAddRequest(
        customerId: ids.customerId, inventoryIds: [inventoryId],
        inventoryOrigin: Self.kometOrigin(of: line), price: price, quantity: quantity,
        carrierId: carrierId, date: date)
      add.companyLocationId = location
      add.shipToId = shipTo
      add.markCode = line.markCode
      // Lines group by origin, as the journal groups them.
      let origin = line.origin.rawValue
      if adds[origin] == nil { origins.append(origin) }
      adds[origin, default: []].append(add)
    }

    return Plan(
      customerId: ids.customerId, companyId: ids.companyId, locationId: location,
      groups: origins.map { adds[$0] ?? [] }, carrierReplacement: replacement)
  }

  /// Returns the carrier ID the adds carry and the body member that replaces it for a code.
  private func carrier(of order: ReceivedOrder) throws -> (KometID, [String: JSONValue]) {
    switch order.carrier {
    case .id(let text):
      guard let id = KometID(text) else {
        throw DryRunRequestError.invalidID(field: "carrier ID", value: text)
      }
      return (id, [:])
    case .code(let code):
      logger.notice(
        "Dry run: carrier code written as given, because looking it up takes a carrier.list call",
        ["order.number": order.orderNumber, "order.carrier_code": code])
      // The typed request takes only IDs, so 0 is written until the file's member is replaced.
      return (KometID(0), ["carrierId": .string(code)])
    case nil:
      guard let id = defaultCarrierId else { throw DryRunRequestError.noCarrier }
      return (id, [:])
    }
  }

  private func resolvedIDs() throws -> (customerId: KometID, companyId: KometID?) {
    let ids = try ExchangeIDs.resolve(settings: settings, knownIDs: KnownIDs(database: database))
    guard let customer = ids.dwfCustomer?.id else { throw DryRunRequestError.noDWFCustomer }
    return (customer, ids.companyId?.id)
  }

  private static func kometOrigin(of line: ReceivedLine) -> Komet.InventoryOrigin {
    switch line.origin {
    case .onHand: return .onHand
    case .future: return .futureSales
    }
  }
}

/// A reason the dry run wrote no request for an order.
enum DryRunRequestError: Error, CustomStringConvertible {
  /// The order has no carrier and `orders.defaultCarrierId` is not set.
  case noCarrier
  /// No DWF customer ID is configured or stored from a customers export.
  case noDWFCustomer
  /// A value the requests carry is not in Komet's form.
  case invalidID(field: String, value: String)
  /// An accepted line lacks its inventory ID, quantity or unit price.
  case incompleteLine(lineNumber: Int)

  var description: String {
    switch self {
    case .noCarrier:
      return "the order names no carrier and orders.defaultCarrierId is not set; set it in"
        + " komet-dwf.json, or send carrier_id or carrier_code"
    case .noDWFCustomer:
      return "the DWF customer ID is missing; set komet.dwfCustomerId or drop a customers"
        + " export into inbox/"
    case .invalidID(let field, let value):
      return "the \(field) \(value) is not in Komet's form"
    case .incompleteLine(let lineNumber):
      return "line \(lineNumber) has no valid inventory ID, quantity or unit price"
    }
  }
}
