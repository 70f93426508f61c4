import Foundation
import OrderJournal
import StateStore
import Workspace

/// The checks that `retry`, `review` and `cancel` make against the journal before queueing a
/// change request, so a mistyped order number or line fails at once instead of waiting in the
/// queue for a pipeline that is not running. The handlers check again when they carry the
/// request out, because the journal may change in between.
package enum OrderChangePrecheck {
  /// Returns why the request cannot succeed, or nil when it may be queued. A journal that
  /// cannot be read returns nil, so the request is queued and the handler reports the error.
  package static func problem(
    kind: String, orderNumber: String, line lineNumber: Int?, workspace: Workspace
  ) -> String? {
    guard let database = try? StateSchema.open(workspace: workspace.root.path) else {
      return nil
    }
    defer { database.close() }
    let journal = OrderJournal(database: database)
    let found: OrderSnapshot?
    do {
      found = try journal.snapshot(of: orderNumber)
    } catch {
      return nil
    }
    guard let order = found else {
      return OrderCommandMessage.notFound(orderNumber)
    }
    if kind == OrderChangeKind.retry {
      return retryProblem(order)
    }
    guard kind == OrderChangeKind.review, let lineNumber else { return nil }

    guard let line = order.lines.first(where: { $0.key.lineNumber == lineNumber }) else {
      let numbers = order.lines.map { String($0.key.lineNumber) }.joined(separator: ", ")
      return "order \(orderNumber) has no line \(lineNumber); its lines are \(numbers)."
    }
    guard line.state == .review else {
      return "order \(orderNumber) line \(lineNumber) is \(line.state.rawValue), not in"
        + " review, so there is nothing to settle. 'komet-dwf status' lists the lines in"
        + " review."
    }
    return nil
  }

  /// Returns why a retry of `order` sends nothing: it is cancelled, or no line of it is
  /// rejected or waiting.
  static func retryProblem(_ order: OrderSnapshot) -> String? {
    let number = order.orderNumber
    if order.isCancelled {
      return "order \(number) is cancelled, so it has no line to retry."
    }
    guard !order.lines.contains(where: { $0.state == .rejected || $0.state == .waiting }) else {
      return nil
    }
    return "order \(number) has no rejected or waiting line to retry: "
      + OrderCommandMessage.lineStates(order.lines) + "."
  }
}
