import Foundation

/// The settings the intake of order files reads, taken from `KometSettings` and
/// `ExchangeSettings` by the pipeline assembly.
package struct OrderIntakeSettings: Sendable, Equatable {
  /// The time zone whose calendar day is "today" for the past-date check of ship dates.
  package var timeZone: TimeZone
  /// `komet.defaultLocationId`, for an order with no `location_id`.
  package var defaultLocationId: String?
  /// `orders.priceTolerance`.
  package var priceTolerance: Decimal
  /// `orders.allOrNothing`.
  package var allOrNothing: Bool
  /// Whether `orders.defaultCarrierId` is set, so an order may leave its carrier out.
  package var hasDefaultCarrier: Bool
  /// `komet.dryRun`: validate, write the requests to `outbox/komet/requests/` instead of
  /// sending them, journal nothing, write no acknowledgement and leave the file in `inbox/dwf/`.
  package var dryRun: Bool

  package init(
    timeZone: TimeZone = TimeZone(identifier: "UTC")!, defaultLocationId: String? = nil,
    priceTolerance: Decimal = 0, allOrNothing: Bool = false, dryRun: Bool = false,
    hasDefaultCarrier: Bool = true
  ) {
    self.timeZone = timeZone
    self.defaultLocationId = defaultLocationId
    self.priceTolerance = priceTolerance
    self.allOrNothing = allOrNothing
    self.dryRun = dryRun
    self.hasDefaultCarrier = hasDefaultCarrier
  }
}
