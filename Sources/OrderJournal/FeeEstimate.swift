import Foundation
import Inventory

/// The estimated Komet API transaction fee on an order's invoice amount. It is an estimate:
/// Komet bills the fee, and its newer pages give no rate and exempt company-internal
/// transactions.
package struct FeeEstimate: Sendable, Equatable {
  /// One line's part in the estimate.
  package struct Line: Sendable, Equatable {
    package var boxes: Int
    package var unitsPerBox: Int
    package var unitPrice: Decimal
    package var origin: InventoryOrigin

    package init(boxes: Int, unitsPerBox: Int, unitPrice: Decimal, origin: InventoryOrigin) {
      self.boxes = boxes
      self.unitsPerBox = unitsPerBox
      self.unitPrice = unitPrice
      self.origin = origin
    }
  }

  /// The sum of boxes x units per box x unit price over the lines counted, unrounded.
  package var invoiceAmount: Decimal
  /// The invoice amount times the rate, rounded once to cents, half up.
  package var fee: Decimal

  /// Estimates the fee on `lines`, or on the on-hand lines only when `onHandOnly`.
  ///
  /// `rate` has no default, because `Configuration` owns it (`ExchangeSettings.defaultFeeRate`).
  /// Callers pass the configured `fees.rate`.
  ///
  /// The fee is rounded once, on the total, to 2 decimals with halves rounded up (away from
  /// zero, as amounts are not negative), so the estimate does not drift with the number of
  /// lines the way per-line rounding would.
  package static func estimate(
    lines: [Line], rate: Decimal, onHandOnly: Bool = false
  ) -> FeeEstimate {
    let counted = onHandOnly ? lines.filter { $0.origin == .onHand } : lines
    let amount = counted.reduce(Decimal(0)) { total, line in
      total + Decimal(line.boxes) * Decimal(line.unitsPerBox) * line.unitPrice
    }
    var unrounded = amount * rate
    var rounded = Decimal()
    NSDecimalRound(&rounded, &unrounded, 2, .plain)
    return FeeEstimate(invoiceAmount: amount, fee: rounded)
  }
}
