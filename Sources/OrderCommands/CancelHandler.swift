import Exchange
import Foundation
import OrderJournal
import StateStore
import Workspace

/// Carries out `cancel` requests: marks every line of the order `cancelled`, so the
/// placement that follows deletes its web orders with `web-order.delete` and rewrites the
/// acknowledgement as `cancelled`.
package struct CancelHandler: ChangeRequestHandler {
  package let workspace: Workspace

  package init(workspace: Workspace) {
    self.workspace = workspace
  }

  package var kinds: Set<String> { [OrderChangeKind.cancel] }

  package func carryOut(_ request: ChangeRequest) async throws -> ChangeRequestResult {
    guard let number = request.orderNumber, !number.isEmpty else {
      return .failed(message: "the cancel request names no order number.")
    }
    let database = try StateSchema.open(workspace: workspace.root.path)
    defer { database.close() }
    let journal = OrderJournal(database: database)

    guard let order = try journal.snapshot(of: number) else {
      return .failed(message: OrderCommandMessage.notFound(number))
    }
    // A second cancel changes nothing, so the acknowledgement is not rewritten for it.
    if order.isCancelled {
      return .succeeded(message: Self.alreadyCancelledMessage(order))
    }

    let groups = try journal.cancel(orderNumber: number)
    let webOrders = groups.compactMap(\.webOrderId)
    let lines = order.lines.count == 1 ? "1 line" : "\(order.lines.count) lines"
    let hasUncertainCreate = order.groups.contains { $0.uncertainCreates > 0 }
    var message = "order \(number) is cancelled (\(lines))"
    if !webOrders.isEmpty {
      let names = webOrders.count == 1 ? "web order" : "web orders"
      message +=
        "; the placement step deletes \(names) \(webOrders.joined(separator: ", "))"
        + " with web-order.delete."
    } else if !hasUncertainCreate {
      message += "; no web order was created for it, so none is deleted."
    } else {
      message += "."
    }
    if hasUncertainCreate {
      message +=
        " A web-order.create for it had an unknown outcome, so Komet may hold an empty web"
        + " order for the DWF customer whose ID komet-dwf never received. Find it in Komet and"
        + " delete it; the order's report in outbox/reports/orders/ flags it."
    }
    return .succeeded(message: message)
  }

  /// Returns the message for a cancel of an order that was cancelled before, naming the
  /// lines still in review because Komet refused to delete their web order.
  private static func alreadyCancelledMessage(_ order: OrderSnapshot) -> String {
    let number = order.orderNumber
    let review = order.lines.filter { $0.state == .review }.map(\.key.lineNumber)
    guard !review.isEmpty else {
      return "order \(number) was already cancelled; nothing changed."
    }
    let verb = review.count == 1 ? "is" : "are"
    return "order \(number) was already cancelled; nothing changed. Komet rejected deleting"
      + " its web order, so \(RetryValidation.lineList(review)) \(verb) in review. Settle each with"
      + " 'komet-dwf review \(number) LINE --added | --not-added'."
  }
}
