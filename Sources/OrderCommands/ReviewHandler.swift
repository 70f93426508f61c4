import Exchange
import Foundation
import OrderJournal
import StateStore
import Workspace

/// Carries out `review` requests: settles a line in review as added to Komet (`accepted`) or
/// not added (`rejected`, to be sent again with `retry`).
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
    guard decision.isAdded else {
      return .succeeded(
        message: "order \(number) line \(lineNumber) settled as not added: it is rejected"
          + " now, and 'komet-dwf retry \(number)' sends it again.")
    }
    let webOrderId = order.groups.first { $0.id == line.groupId }?.webOrderId
    let target = webOrderId.map { "on web order \($0)" } ?? "with no web order journaled"
    return .succeeded(
      message: "order \(number) line \(lineNumber) settled as added: it is accepted \(target).")
  }
}
