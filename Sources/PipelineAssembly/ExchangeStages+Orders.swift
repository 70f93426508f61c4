import Configuration
import Exchange
import Foundation
import Komet
import KometClient
import Logging
import Onboarding
import OrderJournal
import OrderPlacement
import StateStore
import Workspace

extension ExchangeStages {
  /// Builds the order stage, or returns nil in a dry run, whose order files the intake
  /// validates and writes as requests without journaling them.
  ///
  /// The stage resolves the company ID, the DWF customer ID and a token that the web-order
  /// methods accept on each pass until it has them, so IDs from an export dropped while `run`
  /// runs are used at once. Until then, a pass with orders to place stops as an unusable
  /// configuration that names what is missing, and the orders wait in the journal.
  ///
  /// The web-order methods accept Customer or User tokens (User only with the older pages'
  /// `webOrderTokenRoles` choice), and the client picks the token per method. Checkout is
  /// enabled only with `orders.checkout` and a User token; `checkCheckout` rejects the first
  /// without the second before this runs.
  ///
  /// `reports` receives each order after its acknowledgement is written.
  ///
  /// - Throws: `StateStoreError` when the state database cannot be opened.
  static func makeOrderStage(
    workspace: Workspace, settings: KometSettings, exchange: ExchangeSettings,
    reports: (any OrderReportWriting)?, logger: Logger
  ) throws -> (any OrderStage)? {
    guard !settings.dryRun.value else {
      logger.notice("Dry run, so journaled orders are not placed")
      return nil
    }

    let database = try StateSchema.open(workspace: workspace.root.path)
    let client = makeClient(workspace: workspace, settings: settings, logger: logger)
    let isCheckoutEnabled = exchange.ordersCheckout.value && settings.userToken.value != nil
    let makePlacer: OrderPlacementAdapter.PlacerFactory = { journal in
      let resolved = try placerSettings(
        workspace: workspace, settings: settings, exchange: exchange,
        isCheckoutEnabled: isCheckoutEnabled)
      guard let client else { throw PlacerUnavailable.noClient }
      return OrderPlacer(journal: journal, client: client, settings: resolved, logger: logger)
    }
    return OrderPlacementAdapter(
      journal: OrderJournal(database: database), makePlacer: makePlacer,
      acknowledgements: AcknowledgementWriter(workspace: workspace), reports: reports,
      isCheckoutEnabled: isCheckoutEnabled, logger: logger)
  }

  /// Resolves the IDs and checks the token every placement needs.
  ///
  /// - Throws: `PlacerUnavailable` naming what is missing and how to get it, and
  ///   `StateStoreError` when the stored IDs cannot be read.
  private static func placerSettings(
    workspace: Workspace, settings: KometSettings, exchange: ExchangeSettings,
    isCheckoutEnabled: Bool
  ) throws -> OrderPlacer.Settings {
    let choices = settings.documentationChoices
    guard (try? settings.tokens.token(for: .webOrderCreate, choices: choices)) != nil else {
      throw PlacerUnavailable.noToken(tokenRoles(settings: settings))
    }

    let database = try StateSchema.open(workspace: workspace.root.path)
    defer { database.close() }
    let ids = try ExchangeIDs.resolve(settings: settings, knownIDs: KnownIDs(database: database))
    let needed: [MissingItem.Kind] = [.companyId, .dwfCustomerId]
    guard let company = ids.companyId?.id, let customer = ids.dwfCustomer?.id else {
      let missing = ids.missing.filter { needed.contains($0.kind) }
      let items = missing.map { "\($0.name) is missing: \($0.instructions)" }
      throw PlacerUnavailable.missingIDs(items)
    }

    var placerSettings = OrderPlacer.Settings(
      customerId: customer, companyId: company,
      defaultCarrierId: exchange.ordersDefaultCarrierId.value,
      isCheckoutEnabled: isCheckoutEnabled)
    // A token Komet refuses stops the pass with a message that names where the token came from.
    placerSettings.tokenSources = [
      .company: settings.companyToken.source.description,
      .customer: settings.customerToken.source.description,
      .user: settings.userToken.source.description,
    ]
    return placerSettings
  }

  /// Returns the token roles `web-order.create` accepts under the configured choices.
  private static func tokenRoles(settings: KometSettings) -> [Komet.TokenRole] {
    KometMethod.webOrderCreate.specification(with: settings.documentationChoices).validRoles
  }
}

/// The reason the order stage cannot place orders yet, in words the grower can act on.
enum PlacerUnavailable: Error, CustomStringConvertible {
  /// No token that `web-order.create` accepts is configured.
  case noToken([Komet.TokenRole])
  /// The company ID or the DWF customer ID is missing, each with how to get it.
  case missingIDs([String])
  /// The Komet client could not be created at start, which was logged then.
  case noClient

  var description: String {
    switch self {
    case .noToken(let roles):
      let names = roles.map(\.description).joined(separator: " or ")
      return "no \(names) token for the web-order methods is configured. Put the Customer"
        + " token in a token file (mode 0600) named by komet.tokenFiles.customer, or in"
        + " KOMET_CUSTOMER_TOKEN (docs/configuration.md), then run again."
    case .missingIDs(let items):
      let text =
        items.isEmpty
        ? "The company ID or the DWF customer ID is missing." : items.joined(separator: " ")
      return text + " `komet-dwf onboarding` lists what is still missing."
    case .noClient:
      return "the Komet client could not be created; the error logged when the pipeline"
        + " started says why. Fix it, then run again."
    }
  }
}
