import Foundation
import Inventory
import OrderJournal

/// The fee settings a report estimates with: `fees.rate` and `fees.onHandOnly`.
package struct FeeSettings: Sendable, Equatable {
  /// The fee rate, from 0 to 1.
  package var rate: Decimal
  /// Whether only on-hand lines count towards the fee.
  package var isOnHandOnly: Bool

  package init(rate: Decimal, isOnHandOnly: Bool) {
    self.rate = rate
    self.isOnHandOnly = isOnHandOnly
  }
}

/// The grower's report on one order, built from its journal snapshot. Amounts are `Decimal`,
/// written as decimal text so that no reader rounds them through a binary float.
package struct OrderReport: Encodable, Sendable, Equatable {
  /// One web-order group: the web order Komet holds, or is to hold, for one origin.
  package struct WebOrder: Encodable, Sendable, Equatable {
    /// `OH` (on hand, confirmed into an invoice) or `FS` (future, confirmed into a prebook).
    package var origin: String
    package var shipDate: String
    package var locationId: String?
    package var webOrderId: String?
    /// `pending`, `creating`, `created` or `deleted`.
    package var state: String
    /// `none`, `started`, `done` or `failed`.
    package var checkoutState: String
    package var createAttempts: Int
    /// The `web-order.create` calls whose outcome stayed unknown, each of which may have left
    /// an empty web-order header in Komet.
    package var uncertainCreates: Int
    /// The warning and what to do, when a `web-order.create` whose outcome stayed unknown may
    /// have left an empty web-order header in Komet, or Komet rejected deleting the empty web
    /// order; nil otherwise.
    package var possibleOrphanHeader: String?
    /// The reason the group has no Komet web order, when it has none.
    package var missingWebOrder: String?
  }

  /// One order line with its amount.
  package struct Line: Encodable, Sendable, Equatable {
    package var lineNumber: Int
    package var inventoryId: String?
    package var origin: String
    package var boxes: Int?
    package var unitsPerBox: Int?
    package var unitPrice: String?
    /// Boxes x units per box x unit price, or nil when one of them is unknown.
    package var lineAmount: String?
    package var state: String
    package var reason: String?
    package var webOrderId: String?
  }

  /// An accepted line left out of the invoice amount and the fee, with the reason.
  package struct UncountedLine: Encodable, Sendable, Equatable {
    package var lineNumber: Int
    package var reason: String
  }

  package struct Totals: Encodable, Sendable, Equatable {
    /// The boxes of every line, whatever its state.
    package var boxesOrdered: Int
    package var boxesAccepted: Int
    /// The sum of the accepted lines' amounts, unrounded.
    package var acceptedInvoiceAmount: String
    package var notCounted: [UncountedLine]
  }

  package struct Fee: Encodable, Sendable, Equatable {
    /// Always true: Komet bills the fee, so the report can only estimate it.
    package var isEstimate = true
    package var rate: String
    package var onHandOnly: Bool
    /// The part of the accepted invoice amount the fee is taken on.
    package var countedAmount: String
    package var estimatedFee: String
    package var rule: String
  }

  package var formatVersion = 1
  package var orderNumber: String
  package var sourceFile: String
  /// The customer PO from the order file. `web-order.create` and `web-order-item.add` have no
  /// PO field, so this report and the acknowledgement are where it is kept.
  package var customerPO: String?
  package var state: String
  package var revision: Int
  package var receivedAt: String
  package var updatedAt: String
  package var webOrders: [WebOrder]
  package var lines: [Line]
  package var totals: Totals
  package var fee: Fee

  /// The rounding rule in words, as `docs/formats.md` ("Fee estimate") states it.
  package static let feeRule =
    "the counted amount times the rate, rounded once per order to cents, halves rounded up"

  /// The reason an accepted line without units per box is left out of the amount.
  package static let missingUnitsReason =
    "units per box unknown: the inventory snapshot gave none, so the amount cannot be computed"

  /// Builds the report of `order` with the fee estimated by `fees`.
  package init(_ order: OrderSnapshot, fees: FeeSettings) {
    orderNumber = order.orderNumber
    sourceFile = order.sourceFile
    customerPO = order.customerPO
    state = order.state.rawValue
    revision = order.revision
    receivedAt = ReportText.time(order.receivedAt)
    updatedAt = ReportText.time(order.updatedAt)
    webOrders = order.groups.map { group in
      Self.webOrder(group, lines: order.lines.filter { $0.groupId == group.id })
    }
    lines = order.lines.map(Self.line)
    totals = Self.totals(order.lines)
    fee = Self.fee(order.lines, fees: fees)
  }

  private static func webOrder(_ group: GroupSnapshot, lines: [LineSnapshot]) -> WebOrder {
    WebOrder(
      origin: group.origin.rawValue, shipDate: group.shipDate, locationId: group.locationId,
      webOrderId: group.webOrderId, state: group.state.rawValue,
      checkoutState: group.checkoutState.rawValue, createAttempts: group.createAttempts,
      uncertainCreates: group.uncertainCreates, possibleOrphanHeader: orphanWarning(group),
      missingWebOrder: group.webOrderId == nil ? missingReason(group, lines) : nil)
  }

  /// Warns of the empty headers that `web-order.create` calls with an unknown outcome may
  /// have left in Komet, whether or not a later create journaled a web order, and of an empty
  /// web order that Komet did not delete. Returns nil when there is neither.
  private static func orphanWarning(_ group: GroupSnapshot) -> String? {
    let warnings = [uncertainCreateWarning(group), keptHeaderWarning(group)].compactMap { $0 }
    return warnings.isEmpty ? nil : warnings.joined(separator: " ")
  }

  private static func keptHeaderWarning(_ group: GroupSnapshot) -> String? {
    guard let rejection = group.keptHeaderRejection else { return nil }
    let webOrder = group.webOrderId.map { "web order \($0)" } ?? "the web order"
    return "Komet rejected web-order.delete for \(webOrder) (\(rejection)) while it held no line,"
      + " so its empty header may still be in Komet. Find it in Komet and delete it."
  }

  private static func uncertainCreateWarning(_ group: GroupSnapshot) -> String? {
    let count = group.uncertainCreates
    guard count > 0 else { return nil }
    let calls = count == 1 ? "1 web-order.create call" : "\(count) web-order.create calls"
    let headers =
      count == 1 ? "an empty web-order header" : "up to \(count) empty web-order headers"
    let location = group.locationId.map { ", location \($0)" } ?? ""
    let besides =
      group.webOrderId.map { "besides web order \($0)" }
      ?? "while komet-dwf journaled no web order for this group"
    return "\(calls) had an unknown outcome, so Komet may hold \(headers) for the DWF customer"
      + " (\(group.origin.rawValue), ship date \(group.shipDate)\(location)) \(besides). Find"
      + " it in Komet and delete it."
  }

  /// Tells why a group has no web order: none of its lines went to Komet, the create is yet to
  /// be sent, or the web order was deleted.
  private static func missingReason(_ group: GroupSnapshot, _ lines: [LineSnapshot]) -> String {
    let toSend: Set<LineState> = [.received, .adding, .waiting]
    switch group.state {
    case .deleted:
      return "deleted in Komet, because no line was left on it"
    case .pending where !lines.contains { toSend.contains($0.state) }:
      return "none, because no line of this group went to Komet"
    case .pending, .creating, .created:
      return "not created yet"
    }
  }

  private static func line(_ line: LineSnapshot) -> Line {
    Line(
      lineNumber: line.key.lineNumber, inventoryId: line.inventoryId,
      origin: line.origin.rawValue, boxes: line.quantity, unitsPerBox: line.unitsPerBox,
      unitPrice: line.unitPrice.map(ReportText.money),
      lineAmount: amount(of: line).map(ReportText.money), state: line.state.rawValue,
      reason: line.reason, webOrderId: line.webOrderId)
  }

  /// Returns boxes x units per box x unit price, or nil when one of them is unknown.
  static func amount(of line: LineSnapshot) -> Decimal? {
    guard let boxes = line.quantity, let units = line.unitsPerBox, let price = line.unitPrice
    else { return nil }
    return Decimal(boxes) * Decimal(units) * price
  }

  private static func totals(_ lines: [LineSnapshot]) -> Totals {
    let accepted = lines.filter { $0.state == .accepted }
    let acceptedAmount = accepted.compactMap(amount(of:)).reduce(Decimal(0), +)
    let uncounted = accepted.filter { amount(of: $0) == nil }.map { line in
      UncountedLine(lineNumber: line.key.lineNumber, reason: uncountedReason(line))
    }
    return Totals(
      boxesOrdered: lines.compactMap(\.quantity).reduce(0, +),
      boxesAccepted: accepted.compactMap(\.quantity).reduce(0, +),
      acceptedInvoiceAmount: ReportText.money(acceptedAmount), notCounted: uncounted)
  }

  private static func uncountedReason(_ line: LineSnapshot) -> String {
    if line.unitsPerBox == nil { return missingUnitsReason }
    return line.quantity == nil ? "boxes unknown" : "unit price unknown"
  }

  private static func fee(_ lines: [LineSnapshot], fees: FeeSettings) -> Fee {
    let counted = lines.filter { $0.state == .accepted }.compactMap { line -> FeeEstimate.Line? in
      guard let boxes = line.quantity, let units = line.unitsPerBox, let price = line.unitPrice
      else { return nil }
      return FeeEstimate.Line(
        boxes: boxes, unitsPerBox: units, unitPrice: price, origin: line.origin)
    }
    let estimate = FeeEstimate.estimate(
      lines: counted, rate: fees.rate, onHandOnly: fees.isOnHandOnly)
    return Fee(
      rate: ReportText.decimal(fees.rate), onHandOnly: fees.isOnHandOnly,
      countedAmount: ReportText.money(estimate.invoiceAmount),
      estimatedFee: ReportText.money(estimate.fee), rule: feeRule)
  }
}
