import Foundation
import KometSandbox

/// The text the demo prints about its orders: each acknowledgement, the web orders in Komet,
/// and the grower's reports with the estimated fee.
struct DemoOrderSummary {
  let acknowledgements: DemoAcknowledgements
  let webOrders: [WebOrder]

  /// Returns each order's acknowledgement with its lines, then each file that failed whole.
  func acknowledgementsText() -> String {
    var lines = ["Acknowledgements for DWF in outbox/dwf/acks/ (JSON and CSV per order):"]
    for order in acknowledgements.orders {
      lines.append("  \(order.orderNumber): \(Self.heading(order))")
      if let purpose = Self.purpose(of: order.orderNumber) {
        lines.append("    sample: \(purpose)")
      }
      if let reason = order.reason {
        lines.append("    reason: \(reason)")
      }
      for line in order.lines {
        lines.append("    " + Self.lineText(line))
      }
    }
    for rejection in acknowledgements.rejectedFiles {
      lines.append("  \(rejection.fileName): failed whole, so no order in it was read")
      // Each message already starts with its row or JSON path.
      for problem in rejection.errors {
        lines.append("    \(problem.message)")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Returns one line per web order of the DWF customer in the sandbox, with its items.
  func webOrdersText() -> String {
    var lines = ["Web orders in Komet for DWF (the sandbox's state):"]
    if webOrders.isEmpty {
      lines.append("  none")
    }
    for order in webOrders {
      let status =
        order.isCanceled ? "deleted" : (order.statusId == 2 ? "checked out" : "pending")
      let items = order.items.map { "\($0.inventoryId) x \($0.quantity) at \($0.price)" }
      lines.append(
        "  web order \(order.id) (\(order.number)), location \(order.companyLocationId),"
          + " \(status): " + (items.isEmpty ? "no items" : items.joined(separator: ", ")))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Returns each order report's path with its estimated fee, and the sum of the estimates.
  func reportsText() -> String {
    var lines = ["Reports for the grower in outbox/reports/ (orders.csv, review.csv, per order):"]
    var total = Decimal(0)
    for order in acknowledgements.orders {
      // NOTE: the order stage writes an order's report only when it places the order, so an
      // order rejected at intake (such as DWF-2005) has none, although orders.csv names one.
      guard let report = acknowledgements.reports[order.stem] else {
        lines.append("  orders/\(order.stem).json: no report written")
        continue
      }
      let fee = report.fee
      total += Decimal(string: fee.estimatedFee) ?? 0
      lines.append(
        "  orders/\(order.stem).json and .txt: estimated fee \(fee.estimatedFee)"
          + " (\(fee.rate) of \(fee.countedAmount))")
    }
    lines.append(
      "  Estimated API transaction fee of all orders: \(total)."
        + " It is an estimate, because Komet bills the fee.")
    return lines.joined(separator: "\n") + "\n"
  }

  private static func heading(_ order: DemoAcknowledgements.Order) -> String {
    var parts = ["\(order.orderState), revision \(order.revision)"]
    if let receipt = order.lastReceipt {
      parts.append("last receipt \(receipt.outcome) from \(receipt.sourceFile ?? "?")")
    }
    if let count = order.duplicateReceipts, count > 0 {
      parts.append("\(count) duplicate receipt(s)")
    }
    return parts.joined(separator: ", ")
  }

  private static func purpose(of orderNumber: String) -> String? {
    DemoOrderPlan.expectedOrders.first { $0.orderNumber == orderNumber }?.purpose
  }

  private static func lineText(_ line: DemoAcknowledgements.Order.Line) -> String {
    let state = line.state.padding(toLength: 9, withPad: " ", startingAt: 0)
    let item = "\(line.inventoryId ?? "?") x \(line.quantity.map(String.init) ?? "?")"
    var text = "line \(line.lineNumber)  \(state) \(item)"
    if let webOrderId = line.webOrderId {
      text += ", web order \(webOrderId)"
    }
    if let reason = line.reason {
      text += ": \(reason)"
    }
    return text
  }
}
