import Foundation
import OrderJournal

/// The CSV files over the whole journal: `orders.csv` and `review.csv`. Both start with a
/// UTF-8 byte order mark, so Excel detects the encoding, and end each row in CRLF.
enum ReportIndex {
  static let ordersHeader = [
    "order_number", "state", "source_file", "customer_po", "received_at", "updated_at",
    "lines", "accepted", "rejected", "waiting", "review", "cancelled", "boxes_ordered",
    "boxes_accepted", "accepted_invoice_amount", "estimated_fee", "fee_rate",
    "fee_on_hand_only", "web_order_ids", "possible_orphan_headers", "report",
  ]

  static let reviewHeader = [
    "order_number", "line_number", "inventory_id", "boxes", "web_order_id", "reason", "command",
  ]

  /// Returns `orders.csv`: one row per order, in the order received.
  static func ordersCSV(_ snapshots: [OrderSnapshot], fees: FeeSettings) throws -> String {
    var rows = [ordersHeader.map { ReportText.csvField($0) }]
    for snapshot in snapshots {
      rows.append(try orderRow(snapshot, fees: fees))
    }
    return csv(rows)
  }

  private static func orderRow(_ snapshot: OrderSnapshot, fees: FeeSettings) throws -> [String] {
    let report = OrderReport(snapshot, fees: fees)
    func count(_ state: LineState) -> String {
      String(snapshot.lines.filter { $0.state == state }.count)
    }
    let webOrderIds = snapshot.groups.compactMap(\.webOrderId).joined(separator: " ")
    let orphans = report.webOrders.filter { $0.possibleOrphanHeader != nil }.count
    let stem = try AcknowledgementWriter.fileStem(orderNumber: snapshot.orderNumber)

    let text = [
      report.orderNumber, report.state, report.sourceFile, report.customerPO ?? "",
      report.receivedAt, report.updatedAt,
    ].map { ReportText.csvField($0) }
    let numbers = [
      String(snapshot.lines.count), count(.accepted), count(.rejected), count(.waiting),
      count(.review), count(.cancelled), String(report.totals.boxesOrdered),
      String(report.totals.boxesAccepted), report.totals.acceptedInvoiceAmount,
      report.fee.estimatedFee, report.fee.rate, String(report.fee.onHandOnly),
    ].map { ReportText.csvField($0, isText: false) }
    let tail = [webOrderIds, String(orphans), "orders/\(stem).txt"].map {
      ReportText.csvField($0)
    }
    return text + numbers + tail
  }

  /// Returns `review.csv`: every line in review, with the command that settles it.
  static func reviewCSV(_ snapshots: [OrderSnapshot]) -> String {
    var rows = [reviewHeader.map { ReportText.csvField($0) }]
    for snapshot in snapshots {
      for line in snapshot.lines where line.state == .review {
        let webOrderId = snapshot.groups.first { $0.id == line.groupId }?.webOrderId
        rows.append(
          [
            line.key.orderNumber, String(line.key.lineNumber), line.inventoryId ?? "",
            line.quantity.map(String.init) ?? "", webOrderId ?? "", line.reason ?? "",
            settleCommand(line.key),
          ].map { ReportText.csvField($0) })
      }
    }
    return csv(rows)
  }

  /// Returns the `komet-dwf review` command line for `key`, with both choices.
  static func settleCommand(_ key: LineKey) -> String {
    "komet-dwf review \(ReportText.shellWord(key.orderNumber)) \(key.lineNumber)"
      + " --added | --not-added"
  }

  private static func csv(_ rows: [[String]]) -> String {
    OrderReportWriter.byteOrderMark + rows.map { $0.joined(separator: ",") + "\r\n" }.joined()
  }
}
