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
///
/// The reports hold invoice amounts and fee estimates for the grower alone, so the folders
/// are created with mode 0700 and the files written with mode 0600: DWF's SFTP account can pass
/// through `outbox/` but must not read them.
package struct OrderReportWriter: Sendable {
  /// The reports folder, `outbox/reports/`.
  package let folder: URL
  /// The per-order folder, `outbox/reports/orders/`.
  package let ordersFolder: URL
  package let fees: FeeSettings
  let writer: AtomicFileWriter

  /// The mode of each report folder.
  static let folderMode: Int = 0o700
  /// The mode of each report file.
  static let fileMode: mode_t = 0o600

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
    try createPrivateFolder(ordersFolder)
    let stem = try AcknowledgementWriter.fileStem(orderNumber: snapshot.orderNumber)
    let report = OrderReport(snapshot, fees: fees)

    let jsonURL = ordersFolder.appendingPathComponent("\(stem).json")
    try writer.write(try Self.encode(report), to: jsonURL, mode: Self.fileMode)
    let textURL = ordersFolder.appendingPathComponent("\(stem).txt")
    try writer.write(report.text(), to: textURL, mode: Self.fileMode)
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
    try createPrivateFolder(folder)
    let snapshots = try journal.snapshots()
    for snapshot in snapshots where try !hasReport(snapshot) {
      try write(snapshot)
    }

    let indexURL = folder.appendingPathComponent("orders.csv")
    let index = try ReportIndex.ordersCSV(snapshots, fees: fees)
    try writer.write(index, to: indexURL, mode: Self.fileMode)
    let reviewURL = folder.appendingPathComponent("review.csv")
    try writer.write(ReportIndex.reviewCSV(snapshots), to: reviewURL, mode: Self.fileMode)
    return [indexURL, reviewURL]
  }

  /// Creates `url` and its missing parents with mode 0700, and narrows a folder that an
  /// earlier version created with a wider mode.
  private func createPrivateFolder(_ url: URL) throws {
    try FileManager.default.createDirectory(
      at: url, withIntermediateDirectories: true,
      attributes: [.posixPermissions: Self.folderMode])
    for folder in [folder, ordersFolder] where FileManager.default.fileExists(atPath: folder.path) {
      try FileManager.default.setAttributes(
        [.posixPermissions: Self.folderMode], ofItemAtPath: folder.path)
    }
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
