import Foundation

/// The settings a retry validates against: the `orders` section and the default location, as
/// the intake's validation uses them.
package struct RetrySettings: Sendable {
  /// `komet.defaultLocationId`, for an order journaled without a location.
  package var defaultLocationId: String?
  /// `orders.priceTolerance`: how far a line's price may differ from the inventory price.
  package var priceTolerance: Decimal
  /// `orders.allOrNothing`: whether one line that still fails keeps every retried line back.
  package var allOrNothing: Bool
  /// The time zone whose calendar day a ship date must not be before.
  package var timeZone: TimeZone
  /// Whether `orders.defaultCarrierId` is set, so an order may leave its carrier out.
  package var hasDefaultCarrier: Bool

  package init(
    defaultLocationId: String? = nil, priceTolerance: Decimal = 0, allOrNothing: Bool = false,
    timeZone: TimeZone = TimeZone(identifier: "UTC")!, hasDefaultCarrier: Bool = true
  ) {
    self.defaultLocationId = defaultLocationId
    self.priceTolerance = priceTolerance
    self.allOrNothing = allOrNothing
    self.timeZone = timeZone
    self.hasDefaultCarrier = hasDefaultCarrier
  }
}
