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
  /// Builds the order stage, or returns nil (logged) when the company ID, the DWF customer
  /// ID or a token that the web-order methods accept is missing, or in a dry run.
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
      // TODO: a dry run should validate orders and write their requests without journaling
      // them as placed; until then it places no order at all.
      logger.notice("Dry run, so journaled orders are not placed")
      return nil
    }

    let database = try StateSchema.open(workspace: workspace.root.path)
    let ids = try ExchangeIDs.resolve(settings: settings, knownIDs: KnownIDs(database: database))
    guard let company = ids.companyId?.id, let customer = ids.dwfCustomer?.id else {
      database.close()
      logger.notice(
        "Orders are not placed, because the company ID or the DWF customer ID is missing")
      return nil
    }
    let choices = settings.documentationChoices
    guard (try? settings.tokens.token(for: .webOrderCreate, choices: choices)) != nil,
      let client = makeClient(workspace: workspace, settings: settings, logger: logger)
    else {
      database.close()
      let roles = KometMethod.webOrderCreate.specification(with: choices).validRoles
      logger.notice(
        "Orders are not placed, because no token for the web-order methods is configured",
        ["token.roles": roles.map(\.rawValue).joined(separator: ", ")])
      return nil
    }

    let isCheckoutEnabled = exchange.ordersCheckout.value && settings.userToken.value != nil
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
    let journal = OrderJournal(database: database)
    let placer = OrderPlacer(
      journal: journal, client: client, settings: placerSettings, logger: logger)
    return OrderPlacementAdapter(
      state: OrderPlacementAdapter.State(placer: placer, journal: journal),
      acknowledgements: AcknowledgementWriter(workspace: workspace), reports: reports,
      isCheckoutEnabled: isCheckoutEnabled, logger: logger)
  }
}
