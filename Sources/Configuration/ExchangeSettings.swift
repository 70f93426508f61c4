import Foundation
import Komet

/// The source of the inventory that DWF may buy.
package enum InventorySource: String, Sendable, CaseIterable {
  /// `ecommerce/inventory.list` for the DWF customer, whose line IDs `web-order-item.add` takes.
  case ecommerce
  /// `inventory.openmarket.list` and `future.inventory.openmarket.list` with the DWF
  /// customer's ID.
  case openMarket
  /// The newest Komet inventory export taken from the inbox.
  case export
}

/// The way the pipeline learns about new files in the inbox.
package enum WatchModeSetting: String, Sendable, CaseIterable {
  /// inotify events, confirmed by rescans.
  case inotify
  /// Folder listings at a fixed interval, for file systems where inotify does not fire.
  case poll
}

/// The resolved settings of the exchange pipeline (the `inventory`, `quota`, `watch`, `orders`
/// and `fees` sections of `komet-dwf.json`), each with its source.
package struct ExchangeSettings: Sendable {
  package static let defaultIntervalMinutes = 5
  package static let defaultFutureDays = 14
  package static let defaultMaxAgeMinutes = 30
  package static let defaultKeep = 288
  package static let defaultReserveForOrders = 200
  package static let defaultQuietPeriodMilliseconds = 500
  package static let defaultSettleSeconds = 2.0
  package static let defaultRescanMinutes = 5
  /// The default fee rate, 1.5%, built from its digits so that no `Double` rounds it.
  package static let defaultFeeRate = Decimal(sign: .plus, exponent: -3, significand: 15)

  package var inventorySource = Sourced(InventorySource.ecommerce)
  /// Minutes between two inventory drops, before the quota budget lengthens it.
  package var inventoryIntervalMinutes = Sourced(defaultIntervalMinutes)
  /// Days of future inventory read, counted from tomorrow.
  package var inventoryFutureDays = Sourced(defaultFutureDays)
  /// Minutes after which a drop's data counts as stale.
  package var inventoryMaxAgeMinutes = Sourced(defaultMaxAgeMinutes)
  /// Number of drops kept in `outbox/dwf/inventory/`; older ones are pruned.
  package var inventoryKeep = Sourced(defaultKeep)
  /// Requests per day that inventory pulls must leave unused for orders.
  package var reserveForOrders = Sourced(defaultReserveForOrders)
  package var watchMode = Sourced(WatchModeSetting.inotify)
  /// Milliseconds without a further inotify event before a closed or moved-in file is taken.
  package var quietPeriodMilliseconds = Sourced(defaultQuietPeriodMilliseconds)
  /// Seconds a file's size and modification time must stay unchanged in poll mode and after
  /// a rescan.
  package var settleSeconds = Sourced(defaultSettleSeconds)
  /// Minutes between full rescans of the inbox in inotify mode.
  package var rescanMinutes = Sourced(defaultRescanMinutes)
  /// Whether a rejected line rejects every line of its order.
  package var ordersAllOrNothing = Sourced(false)
  /// The largest difference allowed between a line's `unit_price` and the price in the latest
  /// inventory snapshot, at most 2 decimal places.
  package var ordersPriceTolerance = Sourced(Decimal(0))
  /// Whether web orders are checked out. Checkout also needs a User token, which loading
  /// does not check.
  package var ordersCheckout = Sourced(false)
  /// The Komet carrier of an order that names no carrier, or nil to reject such orders.
  package var ordersDefaultCarrierId = Sourced<KometID?>(nil)
  /// The transaction fee rate of the fee estimate, from 0 to 1.
  package var feeRate = Sourced(defaultFeeRate)
  /// Whether the fee estimate counts on-hand lines only.
  package var feesOnHandOnly = Sourced(false)

  package init() {}
}
