import Foundation
import Inventory

/// The state of one order line in the journal, as its acknowledgement reports it.
package enum LineState: String, Sendable, Equatable, CaseIterable, Codable {
  /// Journaled and not yet sent to Komet.
  case received
  /// A `web-order-item.add` was started and its outcome is not yet journaled. A restart
  /// reconciles such a line with `web-order-details.list` instead of sending it again.
  case adding
  /// Komet stores the line on the web order named by the line's `webOrderId`.
  case accepted
  /// Rejected by validation or by Komet, with the reason.
  case rejected
  /// Held back because the daily quota is used up, to be sent again later.
  case waiting
  /// The outcome of an add could not be settled, so a person must decide.
  case review
  /// A line that repeats one already received; the caller decides which lines those are.
  case duplicate
  /// Cancelled by DWF or by `komet-dwf cancel`, or settled in review as no longer in Komet
  /// after the cancellation.
  case cancelled

  /// The state shown in an acknowledgement: an add in flight is still `received` to DWF.
  package var acknowledged: LineState { self == .adding ? .received : self }
}

/// The state of a whole order, recomputed from its lines on every change.
package enum OrderState: String, Sendable, Equatable, CaseIterable, Codable {
  /// At least one line still needs a call (received or adding), or, with no line in review,
  /// waits for the quota.
  case open
  /// No line needs a call, but at least one waits for review. A cancelled order whose web
  /// order Komet refused to delete is in this state until each held line is settled.
  case review
  /// Every line is settled (accepted, rejected, duplicate or cancelled). A cancelled order
  /// with a line kept on its web order in Komet is in this state.
  case settled
  /// The order was cancelled, and no line of it is in review or kept in Komet.
  case cancelled
}

/// The state of one web-order group.
package enum GroupState: String, Sendable, Equatable, CaseIterable {
  /// No `web-order.create` has been started.
  case pending
  /// A `web-order.create` was started and no web order ID is journaled yet.
  case creating
  /// The web order exists and its ID is journaled.
  case created
  /// The web order was deleted with `web-order.delete`.
  case deleted
}

/// One line of an order as handed to `OrderJournal.receive`.
package struct ReceivedLine: Sendable, Equatable {
  package var lineNumber: Int
  package var inventoryId: String?
  package var origin: InventoryOrigin
  /// Boxes.
  package var quantity: Int?
  package var unitPrice: Decimal?
  /// The validation error that rejects the line before any call, or nil for a valid line.
  package var rejection: String?
  /// The mark code `web-order-item.add` carries for the line.
  package var markCode: String?
  /// The units in one box, from the inventory snapshot the line was validated against.
  package var unitsPerBox: Int?

  package init(
    lineNumber: Int, inventoryId: String?, origin: InventoryOrigin, quantity: Int?,
    unitPrice: Decimal?, rejection: String? = nil, markCode: String? = nil,
    unitsPerBox: Int? = nil
  ) {
    self.lineNumber = lineNumber
    self.inventoryId = inventoryId
    self.origin = origin
    self.quantity = quantity
    self.unitPrice = unitPrice
    self.rejection = rejection
    self.markCode = markCode
    self.unitsPerBox = unitsPerBox
  }
}

/// One order as handed to `OrderJournal.receive`, with plain values from the parsed file.
package struct ReceivedOrder: Sendable, Equatable {
  /// The order number exactly as received, the key of exactly-once.
  package var orderNumber: String
  /// The ship date as `YYYY-MM-DD`.
  package var shipDate: String
  /// The Komet location, or nil for a company without locations.
  package var locationId: String?
  package var customerPO: String?
  /// The name of the order file the order came from.
  package var sourceFile: String
  package var lines: [ReceivedLine]
  /// The carrier the order names, or nil for the configured default.
  package var carrier: OrderCarrier?
  /// The DWF ship-to the order names, or nil for the customer's default.
  package var shipToId: String?

  package init(
    orderNumber: String, shipDate: String, locationId: String? = nil, customerPO: String? = nil,
    sourceFile: String, lines: [ReceivedLine], carrier: OrderCarrier? = nil,
    shipToId: String? = nil
  ) {
    self.orderNumber = orderNumber
    self.shipDate = shipDate
    self.locationId = locationId
    self.customerPO = customerPO
    self.sourceFile = sourceFile
    self.lines = lines
    self.carrier = carrier
    self.shipToId = shipToId
  }
}

/// The carrier of a journaled order, as the order file named it.
package enum OrderCarrier: Sendable, Equatable, Hashable {
  /// A Komet carrier ID.
  case id(String)
  /// A carrier code, which `carrier.list` turns into an ID before the first add.
  case code(String)
}

/// The state of a group's `web-order.checkout`. It stays `none` unless a User token and
/// `orders.checkout` are configured.
package enum CheckoutState: String, Sendable, Equatable, CaseIterable {
  case none
  /// The call was sent and its outcome is not journaled yet.
  case started
  case done
  case failed
}

extension OrderCarrier {
  /// The carrier ID, or nil for a code.
  var id: String? {
    if case .id(let id) = self { return id }
    return nil
  }

  /// The carrier code, or nil for an ID.
  var code: String? {
    if case .code(let code) = self { return code }
    return nil
  }
}

/// A line's key: the order number as received and the line number.
package struct LineKey: Sendable, Hashable, CustomStringConvertible {
  package var orderNumber: String
  package var lineNumber: Int

  package init(orderNumber: String, lineNumber: Int) {
    self.orderNumber = orderNumber
    self.lineNumber = lineNumber
  }

  package var description: String { "\(orderNumber) line \(lineNumber)" }
}

/// One web-order group as the journal stores it.
package struct GroupSnapshot: Sendable, Equatable {
  package var id: Int64
  package var orderNumber: String
  package var origin: InventoryOrigin
  package var shipDate: String
  package var locationId: String?
  package var webOrderId: String?
  package var state: GroupState
  /// How many `web-order.create` calls reached Komet or may have: calls never sent and
  /// calls that Komet rejected are not counted.
  package var createAttempts: Int
  package var checkoutState: CheckoutState = .none
  /// How many started `web-order.create` calls ended with an unknown outcome, or were cut
  /// off by a crash. Each may have left an empty web-order header in Komet, which the
  /// grower's report lists.
  package var uncertainCreates: Int = 0
  /// Komet's message when it rejected deleting the group's web order while it held no line.
  /// The group counts as deleted, but the empty header stays in Komet.
  package var keptHeaderRejection: String?
}

/// One line as the journal stores it.
package struct LineSnapshot: Sendable, Equatable {
  package var key: LineKey
  package var groupId: Int64
  package var inventoryId: String?
  package var origin: InventoryOrigin
  package var quantity: Int?
  package var unitPrice: Decimal?
  package var state: LineState
  /// The Komet web order the line was added to, once accepted.
  package var webOrderId: String?
  /// The item ID from the add response, when Komet returned one.
  package var itemId: String?
  /// The reason the line is rejected, waiting or in review.
  package var reason: String?
  package var markCode: String?
  /// The units in one box, for the fee estimate, or nil when the snapshot has none.
  package var unitsPerBox: Int?
}

/// One order with its groups and lines as the journal stores them.
package struct OrderSnapshot: Sendable, Equatable {
  package var orderNumber: String
  package var contentDigest: String
  package var state: OrderState
  package var receivedAt: Date
  package var updatedAt: Date
  package var customerPO: String?
  package var sourceFile: String
  /// Grows by one with every change, so each acknowledgement rewrite has a higher revision.
  package var revision: Int
  /// The revision of the last acknowledgement written, 0 before the first.
  package var acknowledgedRevision: Int
  /// How many times the same order with the same content was received again.
  package var duplicateReceipts: Int
  package var groups: [GroupSnapshot]
  /// The lines by line number.
  package var lines: [LineSnapshot]
  package var carrier: OrderCarrier?
  package var shipToId: String?
  /// When the order was cancelled, or nil for an order that was not. A cancelled order keeps
  /// this time while its `state` shows lines that Komet still holds.
  package var cancelledAt: Date?

  /// Whether the order was cancelled, whatever its `state` shows.
  package var isCancelled: Bool { cancelledAt != nil }
}

/// The result of `OrderJournal.receive` for one order.
package enum ReceiveOutcome: Sendable, Equatable {
  /// The order is new and is now journaled.
  case new(OrderSnapshot)
  /// The same order number with the same content digest was received before; nothing is
  /// placed again, and `duplicateReceipts` is raised by one.
  case duplicate(OrderSnapshot)
  /// The same order number arrived with other content, so the order is rejected.
  case conflict(orderNumber: String, storedDigest: String, receivedDigest: String)

  /// The message for DWF when the outcome is a conflict, or nil otherwise.
  package var conflictMessage: String? {
    guard case .conflict(let number, _, _) = self else { return nil }
    return "order \(number) already received; send a cancellation first"
  }
}

/// The result of one `web-order.create` call.
package enum CreateOutcome: Sendable, Equatable {
  /// Komet returned the web order's ID.
  case created(webOrderId: String)
  /// Komet rejected the call, so each line of the group still `received` becomes rejected.
  case rejected(reason: String)
  /// The daily quota is used up, so the group's received lines wait.
  case quotaExhausted
  /// The call may or may not have created a web order. The group stays `creating`, and a
  /// restart creates it again, which is safe because every add names its web order.
  case unknown(reason: String)
}

/// The result of one `web-order-item.add` call.
package enum AddOutcome: Sendable, Equatable {
  /// Komet stored the line; `itemId` is the item ID when the response carried one.
  case accepted(itemId: String?)
  /// Komet rejected the line, with its reason.
  case rejected(reason: String)
  /// The daily quota is used up, so the line waits.
  case quotaExhausted
  /// The call may or may not have stored the line, so the line stays `adding` until
  /// `settleReconciliation` decides.
  case unknown(reason: String)
}

/// One action a restart (or the next pass) has to take for an order.
package enum PendingAction: Sendable, Equatable {
  /// Calls `web-order.create` for the group; `isRepeat` when an earlier attempt's outcome was
  /// unknown.
  case createWebOrder(group: GroupSnapshot, isRepeat: Bool)
  /// Calls `web-order-item.add` for the line on the group's web order.
  case addLine(LineSnapshot, webOrderId: String)
  /// Lists the web order's items to settle a line whose add has an unknown outcome.
  case reconcileLine(LineSnapshot, webOrderId: String)
  /// Deletes a web order none of whose lines is accepted, adding or still to send.
  case deleteWebOrder(group: GroupSnapshot)
  /// Rewrites the order's acknowledgement, because its revision is newer than the last one
  /// written.
  case writeAcknowledgement(orderNumber: String, revision: Int)
}
