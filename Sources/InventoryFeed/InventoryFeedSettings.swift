import Foundation

/// The settings of the inventory feed: where it reads, how often, and how long drops stay.
package struct InventoryFeedSettings: Sendable, Equatable {
  /// The inventory's source.
  package enum Source: String, Sendable, Equatable, CaseIterable {
    /// `ecommerce/inventory.list` for the DWF customer, every page.
    case ecommerce
    /// `inventory.openmarket.list` and `future.inventory.openmarket.list`.
    case openMarket
    /// The newest inventory export taken from the inbox, as stored in `state/`.
    case export
  }

  package var source = Source.ecommerce
  /// The wait between two reads, before the quota budget lengthens it.
  package var interval: Duration = .seconds(300)
  /// The length of the future window in days, from tomorrow through today plus this count.
  package var futureDays = 14
  /// The age of the data past which its manifest and `latest.json` contain `stale: true`.
  package var maxAge: Duration = .seconds(1800)
  /// The number of drops kept in `outbox/dwf/inventory/`; older ones are pruned.
  package var keep = 288
  /// The requests of the daily limit that inventory reads must leave for orders.
  package var reserveForOrders = 200
  /// The client's daily request limit, which the inventory reads share with orders.
  package var dailyLimit = 1000
  /// The page size asked of `ecommerce/inventory.list`.
  // NOTE: Komet documents no maximum page size; the sandbox accepts up to 1000.
  package var rowsPerPage = 100

  package init() {}
}

/// The company and DWF customer whose inventory one cycle reads.
package struct InventoryTarget: Sendable, Equatable {
  package var companyId: String
  package var dwfCustomerId: String
  /// The company's locations, each read once. Empty for a single-location company, which is
  /// read once with no location parameter.
  package var locationIds: [String]

  package init(companyId: String, dwfCustomerId: String, locationIds: [String] = []) {
    self.companyId = companyId
    self.dwfCustomerId = dwfCustomerId
    self.locationIds = locationIds
  }
}

/// The result of one publishing cycle.
package enum InventoryPublishOutcome: Sendable, Equatable {
  /// A new drop was written.
  case published(sequence: Int, itemCount: Int, manifest: String)
  /// The content equals the previous drop, so only `latest.json` was rewritten.
  case unchanged(sequence: Int, itemCount: Int)
  /// The read or the write failed. The previous drop, if any, stays in place, and `stale`
  /// is true when it is now marked stale.
  case failed(reason: String, previousSequence: Int?, stale: Bool)
}
