import Configuration
import Exchange
import Foundation
import InboxLifecycle
import Intake
import InventoryFeed
import Komet
import KometClient
import KometExports
import Logging
import Onboarding
import OrderIntake
import OrderReports
import OrderCommands
import StateStore
import Workspace

/// Builds the stages that `run`, `once` and `demo` hand to `Pipeline`: the intake of inbox
/// files and the inventory drops for DWF.
package enum ExchangeStages {
  /// Builds the stages for `workspace` from its settings.
  ///
  /// The inventory stage gets a Komet client when the company ID and a token are configured.
  /// Without one, the API sources report an unusable configuration each cycle, while the export
  /// source still works.
  ///
  /// - Throws: `StateStoreError` when the state database cannot be opened, and
  ///   `ConfigurationError` for `orders.checkout` without a User token or for a
  ///   `quota.reserveForOrders` that takes the whole daily limit.
  package static func make(
    workspace: Workspace, settings: KometSettings, exchange: ExchangeSettings, logger: Logger,
    reports: (any OrderReportWriting)? = nil
  ) throws -> PipelineStages {
    try exchange.checkCheckout(against: settings)
    try exchange.checkQuotaReserve(against: settings)
    let leftovers = FileMover(inbox: workspace.inbox.path).removeLeftoverErrorTemporaries()
    if leftovers > 0 {
      logger.notice(
        "Temporary error files of an interrupted run removed from inbox/failed/",
        ["file.count": String(leftovers)])
    }
    let intakeDatabase = try StateSchema.open(workspace: workspace.root.path)
    let matcher = settings.dwfCustomerId.value.map { CustomerMatcher(query: $0.digits) }
      ?? CustomerMatcher()
    let orderFiles = OrderFileProcessor(
      workspace: workspace, database: try StateSchema.open(workspace: workspace.root.path),
      settings: orderIntakeSettings(settings, exchange), logger: logger,
      dryRunRequests: makeDryRunRequests(
        workspace: workspace, settings: settings, exchange: exchange, logger: logger))
    let intake = Intake(
      workspace: workspace, database: intakeDatabase, logger: logger, matcher: matcher,
      orderFiles: orderFiles, settleTime: exchange.settleSeconds.value)

    let feedSettings = feedSettings(settings, exchange)
    let client = makeClient(workspace: workspace, settings: settings, logger: logger)
    let publisher = InventoryPublisher(
      workspace: workspace, database: try StateSchema.open(workspace: workspace.root.path),
      client: client, settings: feedSettings, logger: logger)
    let inventory = InventoryAdapter(
      publisher: publisher, database: try StateSchema.open(workspace: workspace.root.path),
      client: client, settings: settings, feedSettings: feedSettings, logger: logger)

    let fees = FeeSettings(
      rate: exchange.feeRate.value, isOnHandOnly: exchange.feesOnHandOnly.value)
    let orders = try makeOrderStage(
      workspace: workspace, settings: settings, exchange: exchange,
      reports: reports ?? OrderReportWriter(workspace: workspace, fees: fees), logger: logger)

    return PipelineStages(
      intake: IntakeAdapter(intake: intake, workspace: workspace), inventory: inventory,
      changeHandlers: orderCommandHandlers(workspace: workspace, settings, exchange),
      orders: orders)
  }

  /// Maps the settings the order-file intake reads. "Today" for ship dates is the day in the
  /// quota's time zone, the only time zone the configuration names.
  static func orderIntakeSettings(_ settings: KometSettings, _ exchange: ExchangeSettings)
    -> OrderIntakeSettings
  {
    OrderIntakeSettings(
      timeZone: settings.quota.timeZone,
      defaultLocationId: settings.defaultLocationId.value?.digits,
      priceTolerance: exchange.ordersPriceTolerance.value,
      allOrNothing: exchange.ordersAllOrNothing.value, dryRun: settings.dryRun.value,
      hasDefaultCarrier: exchange.ordersDefaultCarrierId.value != nil)
  }

  /// Builds the `retry`, `review` and `cancel` handlers, with `retry` validating against the
  /// same settings as the order intake.
  static func orderCommandHandlers(
    workspace: Workspace, _ settings: KometSettings, _ exchange: ExchangeSettings
  ) -> [any ChangeRequestHandler] {
    let retrySettings = RetrySettings(
      defaultLocationId: settings.defaultLocationId.value?.digits,
      priceTolerance: exchange.ordersPriceTolerance.value,
      allOrNothing: exchange.ordersAllOrNothing.value, timeZone: settings.quota.timeZone,
      hasDefaultCarrier: exchange.ordersDefaultCarrierId.value != nil)
    let root = workspace.root.path
    return OrderCommandHandlers.make(
      workspace: workspace, settings: retrySettings,
      inventory: {
        let database = try StateSchema.open(workspace: root)
        defer { database.close() }
        let reader = InventorySnapshotReader(workspace: workspace, database: database)
        guard let snapshot = try reader.latest() else { throw RetryInventoryError.noDrop }
        return snapshot.items
      },
      locationIds: {
        let database = try StateSchema.open(workspace: root)
        defer { database.close() }
        return try KnownIDs(database: database).ids(.location).map(\.id)
      })
  }

  /// Maps the `inventory` and `quota` sections onto the publisher's settings.
  static func feedSettings(_ settings: KometSettings, _ exchange: ExchangeSettings)
    -> InventoryFeedSettings
  {
    var feed = InventoryFeedSettings()
    switch exchange.inventorySource.value {
    case .ecommerce: feed.source = .ecommerce
    case .openMarket: feed.source = .openMarket
    case .export: feed.source = .export
    }
    feed.interval = .seconds(exchange.inventoryIntervalMinutes.value * 60)
    feed.futureDays = exchange.inventoryFutureDays.value
    feed.maxAge = .seconds(exchange.inventoryMaxAgeMinutes.value * 60)
    feed.keep = exchange.inventoryKeep.value
    feed.reserveForOrders = exchange.reserveForOrders.value
    feed.dailyLimit = settings.quota.dailyLimit.value
    return feed
  }

  /// Returns a client for the inventory reads, or nil when the company ID or every token is
  /// missing, or the base URL is one the client refuses (logged).
  static func makeClient(workspace: Workspace, settings: KometSettings, logger: Logger)
    -> KometClient?
  {
    guard let companyId = settings.companyId.value else { return nil }
    do {
      var configuration = KometClientConfiguration(
        settings: settings, companyId: companyId, tokens: try settings.tokens)
      if settings.dryRun.value {
        configuration.dryRunFolder = KometClientConfiguration.dryRunFolder(
          inWorkspace: workspace.root)
      }
      let database = try StateSchema.open(workspace: workspace.root.path)
      return try KometClient(configuration: configuration, database: database, logger: logger)
    } catch {
      logger.error("Komet client not created", ["error": "\(error)"])
      return nil
    }
  }
}

/// A failure of `retry` to read the inventory it validates an order against.
enum RetryInventoryError: Error, CustomStringConvertible {
  /// No inventory drop has been written, so no line could be checked.
  case noDrop

  var description: String {
    switch self {
    case .noDrop:
      return "no inventory drop has been written yet, so the order's lines cannot be checked"
        + " again. Run `komet-dwf once` (or keep `run` going) until outbox/dwf/inventory/ holds a"
        + " drop, then retry"
    }
  }
}
