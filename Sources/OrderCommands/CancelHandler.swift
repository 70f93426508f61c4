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
    if order.state == .cancelled {
      return .succeeded(message: "order \(number) was already cancelled; nothing changed.")
    }

    let groups = try journal.cancel(orderNumber: number)
    let webOrders = groups.compactMap(\.webOrderId)
    let lines = order.lines.count == 1 ? "1 line" : "\(order.lines.count) lines"
    guard !webOrders.isEmpty else {
      return .succeeded(
        message: "order \(number) is cancelled (\(lines)); no web order was created for it,"
          + " so none is deleted.")
    }
    let names = webOrders.count == 1 ? "web order" : "web orders"
    return .succeeded(
      message: "order \(number) is cancelled (\(lines)); the placement step deletes \(names)"
        + " \(webOrders.joined(separator: ", ")) with web-order.delete.")
  }
}
