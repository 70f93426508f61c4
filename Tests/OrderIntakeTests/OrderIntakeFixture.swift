import Foundation
import InboxLifecycle
import Intake
import Logging
import OrderIntake
import OrderJournal
import StateStore
import Testing
import Workspace

/// A workspace in a temporary folder with a real state database, an inventory drop written as
/// the feed writes it, and a processor whose clock is fixed at 2026-05-01 10:00 UTC.
final class OrderIntakeFixture {
  static let now = Date(timeIntervalSince1970: 1_777_629_600)
  let root: URL
  let workspace: Workspace
  let database: Database
  let logs = InMemoryLogHandler()

  init() throws {
    root = FileManager.default.temporaryDirectory
      .appendingPathComponent("order-intake-\(UUID().uuidString)", isDirectory: true)
    workspace = Workspace(root: root)
    for folder in [workspace.dwfInbox, workspace.dwfOutbox, workspace.state] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    database = try StateSchema.open(workspace: root.path)
  }

  deinit {
    try? FileManager.default.removeItem(at: root)
  }

  var logger: Logger { Logger(label: "test", handler: logs, minimumLevel: .debug) }

  func makeProcessor(_ settings: OrderIntakeSettings = OrderIntakeSettings())
    -> OrderFileProcessor
  {
    OrderFileProcessor(
      workspace: workspace, database: database, settings: settings, logger: logger,
      clock: { Self.now })
  }

  var journal: OrderJournal { OrderJournal(database: database) }

  /// The drop's JSON, in the feed's format: on hand 5100001 at 0.45 (25 a box) and future
  /// 5200002 at 1.20 (10 a box).
  static let dropJSON = """
    {"formatVersion":1,"items":[
    {"inventoryId":"5100001","origin":"OH","productCode":"ROSE","productDescription":null,\
    "grade":null,"category":null,"boxType":"QB","unitsPerBox":25,"unitType":"ST",\
    "boxesAvailable":40,"unitPrice":"0.45","locationId":null,"availableFrom":null,\
    "availableTo":null},
    {"inventoryId":"5200002","origin":"FS","productCode":"TULIP","productDescription":null,\
    "grade":null,"category":null,"boxType":"HB","unitsPerBox":10,"unitType":"ST",\
    "boxesAvailable":0,"unitPrice":"1.20","locationId":null,"availableFrom":null,\
    "availableTo":null}
    ]}

    """

  /// Writes the drop file and its `inventory_drops` row, with the file's real SHA-256.
  func writeDrop(json: String = dropJSON) throws {
    let stamp = "20260501T095900Z"
    let folder = workspace.dwfOutbox.appendingPathComponent("inventory", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let data = Data(json.utf8)
    try data.write(to: folder.appendingPathComponent("inventory-\(stamp).json"))
    let digest = try SHA256.hex(of: data)
    try database.execute(
      """
      INSERT INTO inventory_drops (sequence, stamp, source, as_of, confirmed_as_of, written_at,
        item_count, csv_sha256, csv_bytes, json_sha256, json_bytes, stale)
      VALUES (1, '\(stamp)', 'export', '2026-05-01T09:59:00.000Z', '2026-05-01T09:59:00.000Z',
        '2026-05-01T09:59:00.000Z', 2, '\(String(repeating: "0", count: 64))', 0,
        '\(digest)', \(data.count), 0)
      """)
  }

  @discardableResult
  func dropOrderFile(_ name: String, _ text: String) throws -> String {
    let url = workspace.dwfInbox.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  func sha256(_ path: String) throws -> String {
    try SHA256.hex(ofFileAt: path)
  }

  /// Returns the file at `path` as `Intake` hands it to the processor.
  func taken(_ path: String) throws -> TakenFile {
    try #require(try TakenFile.read(path: path))
  }

  func exists(_ relative: String) -> Bool {
    FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path)
  }

  func files(in relative: String) -> [String] {
    let url = root.appendingPathComponent(relative)
    return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
  }

  /// Returns the JSON acknowledgement of `orderNumber` as a dictionary.
  func acknowledgement(_ orderNumber: String) throws -> [String: Any] {
    let stem = try AcknowledgementWriter.fileStem(orderNumber: orderNumber)
    let url = workspace.dwfOutbox.appendingPathComponent("acks/\(stem).json")
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    return object as? [String: Any] ?? [:]
  }

  func acknowledgementCSV(_ orderNumber: String) throws -> String {
    let stem = try AcknowledgementWriter.fileStem(orderNumber: orderNumber)
    let url = workspace.dwfOutbox.appendingPathComponent("acks/\(stem).csv")
    return try String(contentsOf: url, encoding: .utf8)
  }

  /// Returns each line of an acknowledgement as `(lineNumber, state, reason)`.
  static func lines(_ ack: [String: Any]) -> [(Int, String, String?)] {
    let lines = ack["lines"] as? [[String: Any]] ?? []
    return lines.map {
      ($0["lineNumber"] as? Int ?? -1, $0["state"] as? String ?? "", $0["reason"] as? String)
    }
  }

  func messages() -> [String] { logs.records.map(\.message) }
}

/// Sample order files; ship dates are after the fixture's today.
enum OrderSamples {
  static let header =
    "order_number,line_number,ship_date,location_id,customer_po,inventory_id,origin,quantity,"
    + "unit_price,mark_code,action\n"

  /// On-hand and future lines of one order, so two web-order groups.
  static let mixedCSV =
    header + "DWF-1,1,2026-05-02,,PO 7,5100001,OH,2,0.45,MK1,\n"
    + "DWF-1,2,2026-05-02,,PO 7,5200002,FS,3,1.20,,\n"

  /// The same order as `mixedCSV`, written as JSON with another key order.
  static let mixedJSON = """
    {"formatVersion": 1, "orders": [{"orderNumber": "DWF-1", "shipDate": "2026-05-02",
      "customerPO": "PO 7", "lines": [
        {"lineNumber": 2, "inventoryId": "5200002", "origin": "FS", "quantity": 3,
         "unitPrice": "1.20"},
        {"lineNumber": 1, "inventoryId": "5100001", "origin": "OH", "quantity": 2,
         "unitPrice": 0.45, "markCode": "MK1"}]}]}
    """

  static let cancelCSV = header + "DWF-1,,,,,,,,,,cancel\n"
}
