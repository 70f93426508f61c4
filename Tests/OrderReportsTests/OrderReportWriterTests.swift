import Foundation
import Inventory
import OrderJournal
import Testing

@testable import OrderReports

struct OrderReportWriterTests {
  let fees = FeeSettings(rate: decimal("0.015"), isOnHandOnly: false)

  private func writer(_ scratch: ReportWorkspace) -> OrderReportWriter {
    OrderReportWriter(workspace: scratch.workspace, fees: fees)
  }

  /// Reads a CSV report, checks that it starts with the UTF-8 byte order mark, and returns
  /// the text after it. Foundation drops the mark when decoding, so the bytes are checked.
  private func readCSV(_ scratch: ReportWorkspace, _ name: String) throws -> String {
    let data = try Data(contentsOf: scratch.reportsFolder.appendingPathComponent(name))
    #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
    return String(decoding: data.dropFirst(3), as: UTF8.self)
  }

  @Test func writeUsesAcknowledgementStem() throws {
    let scratch = try ReportWorkspace()
    let snapshot = try placeMixedOrder(scratch, number: "DWF/7")
    let urls = try writer(scratch).write(snapshot)

    let stem = try AcknowledgementWriter.fileStem(orderNumber: "DWF/7")
    let folder = scratch.reportsFolder.appendingPathComponent("orders")
    #expect(urls.map(\.lastPathComponent) == ["\(stem).json", "\(stem).txt"])
    #expect(scratch.names(in: folder) == ["\(stem).json", "\(stem).txt"])
    let text = try String(contentsOf: urls[1], encoding: .utf8)
    #expect(text == OrderReport(snapshot, fees: fees).text())
  }

  @Test func reportsAreGrowerOnly() throws {
    let scratch = try ReportWorkspace()
    let reports = writer(scratch)
    let urls = try reports.write(try placeMixedOrder(scratch))
    let index = try reports.writeIndex(scratch.journal)

    let folders = [scratch.reportsFolder, scratch.reportsFolder.appendingPathComponent("orders")]
    for folder in folders {
      #expect(try mode(of: folder) == 0o700, "\(folder.path)")
    }
    for url in urls + index {
      #expect(try mode(of: url) == 0o600, "\(url.lastPathComponent)")
    }
  }

  private func mode(of url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
  }

  @Test func jsonReportReadsBack() throws {
    let scratch = try ReportWorkspace()
    let urls = try writer(scratch).write(try placeMixedOrder(scratch))
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: urls[0])) as? [String: Any])

    #expect(object["formatVersion"] as? Int == 1)
    #expect(object["orderNumber"] as? String == "DWF-7")
    #expect(object["customerPO"] as? String == "PO 55")
    let lines = try #require(object["lines"] as? [[String: Any]])
    #expect(lines.count == 6)
    #expect(lines.first?["lineAmount"] as? String == "33.75")
    #expect(lines.first?["unitsPerBox"] as? Int == 25)
    let fee = try #require(object["fee"] as? [String: Any])
    #expect(fee["estimatedFee"] as? String == "0.84")
    #expect(fee["isEstimate"] as? Bool == true)
    #expect(fee["rule"] as? String == OrderReport.feeRule)
    let totals = try #require(object["totals"] as? [String: Any])
    #expect(totals["acceptedInvoiceAmount"] as? String == "55.75")
    let webOrders = try #require(object["webOrders"] as? [[String: Any]])
    #expect(webOrders.compactMap { $0["possibleOrphanHeader"] as? String }.count == 1)
  }

  @Test func indexWritesMissingReports() throws {
    let scratch = try ReportWorkspace()
    try scratch.receive(
      ReceivedOrder(
        orderNumber: "NUM-1", shipDate: "2030-05-02", sourceFile: "num.csv",
        lines: [
          line(
            1, "9001", .onHand, boxes: 1, price: "1.00", unitsPerBox: 10,
            rejection: "row 2: the order is rejected")
        ]))
    try writer(scratch).writeIndex(scratch.journal)

    let rows = try readCSV(scratch, "orders.csv").components(separatedBy: "\r\n")
    let report = try #require(rows[1].components(separatedBy: ",").last)
    let stem = try AcknowledgementWriter.fileStem(orderNumber: "NUM-1")
    #expect(report == "orders/\(stem).txt")
    let folder = scratch.reportsFolder.appendingPathComponent("orders")
    #expect(scratch.names(in: folder) == ["\(stem).json", "\(stem).txt"])
  }

  @Test func indexKeepsExistingReport() throws {
    let scratch = try ReportWorkspace()
    let snapshot = try placeMixedOrder(scratch)
    let urls = try writer(scratch).write(snapshot)
    try "kept".write(to: urls[1], atomically: false, encoding: .utf8)

    try writer(scratch).writeIndex(scratch.journal)

    #expect(try String(contentsOf: urls[1], encoding: .utf8) == "kept")
  }

  @Test func indexListsEveryOrder() throws {
    let scratch = try ReportWorkspace()
    try placeMixedOrder(scratch)
    try scratch.receive(
      ReceivedOrder(
        orderNumber: "=CMD()", shipDate: "2030-05-02", customerPO: "PO, with comma",
        sourceFile: "two.csv",
        lines: [line(1, "9001", .onHand, boxes: 1, price: "1.00", unitsPerBox: 10)]))
    try scratch.journal.cancel(orderNumber: "=CMD()")
    try writer(scratch).writeIndex(scratch.journal)

    let text = try readCSV(scratch, "orders.csv")
    #expect(text.hasPrefix("order_number,state,source_file,customer_po,"))
    let rows = text.components(separatedBy: "\r\n")
    #expect(rows.count == 4)
    #expect(rows[3] == "")
    #expect(rows[0].split(separator: ",").count == ReportIndex.ordersHeader.count)

    let stem = try AcknowledgementWriter.fileStem(orderNumber: "DWF-7")
    let first = rows[1].components(separatedBy: ",")
    #expect(first[0] == "DWF-7")
    #expect(first[1] == "review")
    #expect(
      Array(first[6...18]) == [
        "6", "3", "1", "1", "1", "0", "13", "6", "55.75", "0.84", "0.015", "false", "W-OH W-FS",
      ])
    #expect(first[19] == "1")
    #expect(first[20] == "orders/\(stem).txt")

    #expect(rows[2].hasPrefix("'=CMD(),cancelled,two.csv,\"PO, with comma\","))
  }

  @Test func reviewListsSettleCommand() throws {
    let scratch = try ReportWorkspace()
    try placeMixedOrder(scratch)
    try placeMixedOrder(scratch, number: "DWF 9")
    try writer(scratch).writeIndex(scratch.journal)

    let text = try readCSV(scratch, "review.csv")
    #expect(
      text == "order_number,line_number,inventory_id,boxes,web_order_id,reason,command\r\n"
        + "DWF-7,6,9006,2,W-OH,\(detailsFailure),komet-dwf review DWF-7 6 --added | --not-added\r\n"
        + "DWF 9,6,9006,2,W-OH,\(detailsFailure),"
        + "komet-dwf review 'DWF 9' 6 --added | --not-added\r\n")
  }

  @Test func settledReviewLeavesReviewList() throws {
    let scratch = try ReportWorkspace()
    try placeMixedOrder(scratch)
    let reports = writer(scratch)
    try reports.writeIndex(scratch.journal)
    try scratch.journal.settleReview(
      line: LineKey(orderNumber: "DWF-7", lineNumber: 6), added: true)
    try reports.writeIndex(scratch.journal)

    let text = try readCSV(scratch, "review.csv")
    #expect(text == "order_number,line_number,inventory_id,boxes,web_order_id,reason,command\r\n")
  }

  @Test func writesLeaveNoTemporaryFile() throws {
    let scratch = try ReportWorkspace()
    let reports = writer(scratch)
    try reports.write(try placeMixedOrder(scratch))
    try reports.writeIndex(scratch.journal)

    #expect(scratch.names(in: scratch.reportsFolder) == ["orders", "orders.csv", "review.csv"])
    #expect(scratch.names(in: reports.ordersFolder).count == 2)
    #expect(scratch.names(in: scratch.workspace.outboxTemporary) == [])
  }

  @Test func failedWriteKeepsPreviousReport() throws {
    let scratch = try ReportWorkspace()
    let reports = writer(scratch)
    let first = try placeMixedOrder(scratch)
    let urls = try reports.write(first)
    let previous = try Data(contentsOf: urls[0])

    // A folder in place of the text report makes its rename fail after the JSON is written.
    try FileManager.default.removeItem(at: urls[1])
    try FileManager.default.createDirectory(
      at: urls[1].appendingPathComponent("blocker"), withIntermediateDirectories: true)
    try scratch.journal.settleReview(
      line: LineKey(orderNumber: "DWF-7", lineNumber: 6), added: false)
    #expect(throws: (any Error).self) { try reports.write(try scratch.snapshot("DWF-7")) }

    let stem = try AcknowledgementWriter.fileStem(orderNumber: "DWF-7")
    #expect(scratch.names(in: reports.ordersFolder) == ["\(stem).json", "\(stem).txt"])
    #expect(scratch.names(in: scratch.workspace.outboxTemporary) == [])
    let rewritten = try Data(contentsOf: urls[0])
    #expect(rewritten != previous)
    let object = try #require(try JSONSerialization.jsonObject(with: rewritten) as? [String: Any])
    #expect(object["revision"] as? Int == first.revision + 1)
  }
}
