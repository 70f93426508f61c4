import Foundation
import OrderJournal
import Workspace

/// Writes the grower's order reports into `outbox/reports/`: `orders/NAME.json` and
/// `orders/NAME.txt` per order, and the `orders.csv` index and `review.csv` over the journal.
///
/// `NAME` is the acknowledgement's file stem (`AcknowledgementWriter.fileStem`), so an order's
/// report and acknowledgement share a name. Every file goes through `AtomicFileWriter`, so a
/// reader sees either the previous file or the whole new one. The formats are described in
/// `docs/formats.md` ("Order reports").
package struct OrderReportWriter: Sendable {
  /// The reports folder, `outbox/reports/`.
  package let folder: URL
  /// The per-order folder, `outbox/reports/orders/`.
  package let ordersFolder: URL
  package let fees: FeeSettings
  let writer: AtomicFileWriter

  /// The byte order mark at the start of each CSV file, so Excel reads it as UTF-8.
  static let byteOrderMark = "\u{FEFF}"

  /// Creates a writer for `workspace` that estimates fees with `fees` (`fees.rate` and
  /// `fees.onHandOnly` from the settings).
  package init(workspace: Workspace, fees: FeeSettings) {
    folder = workspace.outbox.appendingPathComponent("reports", isDirectory: true)
    ordersFolder = folder.appendingPathComponent("orders", isDirectory: true)
    self.fees = fees
    writer = AtomicFileWriter(workspace: workspace)
  }

  /// Writes the JSON and then the text report of `snapshot` and returns their URLs. The
  /// placement stage calls it after each acknowledgement.
  @discardableResult
  package func write(_ snapshot: OrderSnapshot) throws -> [URL] {
    try FileManager.default.createDirectory(at: ordersFolder, withIntermediateDirectories: true)
    let stem = try AcknowledgementWriter.fileStem(orderNumber: snapshot.orderNumber)
    let report = OrderReport(snapshot, fees: fees)

    let jsonURL = ordersFolder.appendingPathComponent("\(stem).json")
    try writer.write(try Self.encode(report), to: jsonURL)
    let textURL = ordersFolder.appendingPathComponent("\(stem).txt")
    try writer.write(report.text(), to: textURL)
    return [jsonURL, textURL]
  }

  /// Rewrites `orders.csv` (one row per journaled order) and `review.csv` (every line in
  /// review) from `journal`, and returns their URLs. The placement stage calls it once per
  /// pass.
  ///
  /// It first writes the report of each journaled order that has none yet, such as an order
  /// rejected whole at intake, which the placement stage never reaches, so every `report`
  /// that `orders.csv` names exists.
  @discardableResult
  package func writeIndex(_ journal: OrderJournal) throws -> [URL] {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let snapshots = try journal.snapshots()
    for snapshot in snapshots where try !hasReport(snapshot) {
      try write(snapshot)
    }

    let indexURL = folder.appendingPathComponent("orders.csv")
    try writer.write(try ReportIndex.ordersCSV(snapshots, fees: fees), to: indexURL)
    let reviewURL = folder.appendingPathComponent("review.csv")
    try writer.write(ReportIndex.reviewCSV(snapshots), to: reviewURL)
    return [indexURL, reviewURL]
  }

  /// Tells whether both report files of `snapshot` exist.
  private func hasReport(_ snapshot: OrderSnapshot) throws -> Bool {
    let stem = try AcknowledgementWriter.fileStem(orderNumber: snapshot.orderNumber)
    return ["json", "txt"].allSatisfy { suffix in
      let url = ordersFolder.appendingPathComponent("\(stem).\(suffix)")
      return FileManager.default.fileExists(atPath: url.path)
    }
  }

  static func encode(_ report: OrderReport) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(report)
    data.append(0x0A)
    return data
  }
}
