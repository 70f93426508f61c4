import Foundation

extension OrderReport {
  /// Returns the plain-text form for an office admin: the order, its web orders with any
  /// warning, a table of the lines, the totals and the fee estimate.
  package func text() -> String {
    var lines = [
      "Order \(orderNumber): \(state) (revision \(revision))",
      "Source file: \(sourceFile)",
      "Customer PO: \(customerPO ?? "none")",
      "  (kept here and in the acknowledgement, because web-order.create and"
        + " web-order-item.add have no PO field)",
      "Received \(receivedAt), updated \(updatedAt)",
      "",
    ]
    lines += webOrderLines()
    lines.append("")
    lines += lineTable()
    lines.append("")
    lines += totalLines()
    lines.append("")
    lines += feeLines()
    return lines.joined(separator: "\n") + "\n"
  }

  private func webOrderLines() -> [String] {
    var lines = ["Web orders: \(webOrders.count)"]
    for order in webOrders {
      let kind =
        order.origin == "OH"
        ? "on hand (an invoice once confirmed)" : "future (a prebook once confirmed)"
      let location = order.locationId.map { ", location \($0)" } ?? ""
      lines.append(
        "  \(order.origin) \(kind), ship date \(order.shipDate)\(location):"
          + " Komet web order \(order.webOrderId ?? order.missingWebOrder ?? "none"), \(order.state),"
          + " checkout \(order.checkoutState)")
      if let warning = order.possibleOrphanHeader {
        lines.append("    WARNING: \(warning)")
      }
    }
    return lines
  }

  private func lineTable() -> [String] {
    let header = [
      "Line", "Inventory", "Origin", "Boxes", "Units/box", "Unit price", "Amount", "State",
      "Web order", "Reason",
    ]
    let rows = self.lines.map { line in
      [
        String(line.lineNumber), line.inventoryId ?? "-", line.origin,
        line.boxes.map(String.init) ?? "-", line.unitsPerBox.map(String.init) ?? "-",
        line.unitPrice ?? "-", line.lineAmount ?? "-", line.state, line.webOrderId ?? "-",
        line.reason ?? "",
      ]
    }
    return ["Lines: \(self.lines.count)"] + Self.aligned([header] + rows).map { "  " + $0 }
  }

  /// Pads every column but the last to its widest cell, so the table lines up in a fixed-width
  /// font.
  private static func aligned(_ rows: [[String]]) -> [String] {
    let columnCount = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columnCount)
    for row in rows {
      for (index, cell) in row.enumerated() {
        widths[index] = max(widths[index], cell.count)
      }
    }
    return rows.map { row in
      var text = ""
      for (index, cell) in row.enumerated() {
        let isLast = index == row.count - 1
        text +=
          isLast ? cell : cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
      }
      while text.last == " " {
        text.removeLast()
      }
      return text
    }
  }

  private func totalLines() -> [String] {
    var lines = [
      "Totals",
      "  Boxes ordered: \(totals.boxesOrdered), accepted: \(totals.boxesAccepted)",
      "  Accepted invoice amount (boxes x units per box x unit price):"
        + " \(totals.acceptedInvoiceAmount)",
    ]
    for line in totals.notCounted {
      lines.append("  Not counted in the amount: line \(line.lineNumber), \(line.reason)")
    }
    return lines
  }

  private func feeLines() -> [String] {
    let scope =
      fee.onHandOnly ? "on-hand accepted lines only (fees.onHandOnly)" : "all accepted lines"
    return [
      "Estimated Komet API transaction fee: \(fee.estimatedFee) (an estimate, Komet bills the fee)",
      "  Rate \(fee.rate) (fees.rate) on \(scope): counted amount \(fee.countedAmount)",
      "  Rule: \(fee.rule)",
    ]
  }
}
