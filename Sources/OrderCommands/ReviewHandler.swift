import Exchange
import Foundation
import OrderJournal
import StateStore
import Workspace

/// Carries out `review` requests: settles a line in review as added to Komet (`accepted`) or
/// not added (`rejected`, to be sent again with `retry`, or `cancelled` on a cancelled order).
package struct ReviewHandler: ChangeRequestHandler {
  package let workspace: Workspace

  package init(workspace: Workspace) {
    self.workspace = workspace
  }

  package var kinds: Set<String> { [OrderChangeKind.review] }

  package func carryOut(_ request: ChangeRequest) async throws -> ChangeRequestResult {
    guard let number = request.orderNumber, !number.isEmpty, let lineNumber = request.line
    else {
      return .failed(message: "the review request names no order number or no line.")
    }
    guard let decision = ReviewDecision(arguments: request.arguments) else {
      return .failed(
        message: "the review request's arguments \(request.arguments) lack \"added\": true"
          + " or false.")
    }
    let database = try StateSchema.open(workspace: workspace.root.path)
    defer { database.close() }
    let journal = OrderJournal(database: database)

    guard let order = try journal.snapshot(of: number) else {
      return .failed(message: OrderCommandMessage.notFound(number))
    }
    guard let line = order.lines.first(where: { $0.key.lineNumber == lineNumber }) else {
      let numbers = order.lines.map(\.key.lineNumber)
      return .failed(
        message: "order \(number) has no line \(lineNumber); its lines are"
          + " \(numbers.map(String.init).joined(separator: ", ")).")
    }
    guard line.state == .review else {
      return .failed(
        message: "order \(number) line \(lineNumber) is \(line.state.rawValue), not in review,"
          + " so there is nothing to settle.")
    }

    try journal.settleReview(line: line.key, added: decision.isAdded)
    let webOrderId = line.webOrderId ?? order.groups.first { $0.id == line.groupId }?.webOrderId
    return .succeeded(
      message: Self.settledMessage(
        line.key, isAdded: decision.isAdded, isCancelled: order.isCancelled,
        webOrderId: webOrderId))
  }

  /// Returns what a settled review line became and what, if anything, comes next.
  static func settledMessage(
    _ key: LineKey, isAdded: Bool, isCancelled: Bool, webOrderId: String?
  ) -> String {
    let line = "order \(key.orderNumber) line \(key.lineNumber)"
    let target = webOrderId.map { "on web order \($0)" } ?? "with no web order journaled"
    switch (isAdded, isCancelled) {
    case (true, false):
      return "\(line) settled as added: it is accepted \(target)."
    case (true, true):
      return "\(line) settled as added: the order was cancelled, but the line stays accepted"
        + " \(target), and its acknowledgement tells DWF that it is still live in Komet."
    case (false, false):
      return "\(line) settled as not added: it is rejected now, and"
        + " 'komet-dwf retry \(key.orderNumber)' sends it again."
    case (false, true):
      return "\(line) settled as not added: it is cancelled, as the rest of the order is."
        + " When every line of its web order is cancelled or rejected, the next pass sends"
        + " web-order.delete for that web order again."
    }
  }
}
