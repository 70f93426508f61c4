import Foundation
import InboxLifecycle
import Workspace

/// Writes the acknowledgements for DWF into `outbox/dwf/acks/`: `NAME.json` and `NAME.csv`
/// per order, and `FILE.rejected.json` for an order file that fails whole.
///
/// Each file goes through `AtomicFileWriter`, so DWF reads either the previous revision or
/// the whole new one. The formats are described in `docs/formats.md` ("Acknowledgements").
package struct AcknowledgementWriter: Sendable {
  /// The acknowledgement folder, `outbox/dwf/acks/`.
  package let folder: URL
  private let workspace: Workspace
  let writer: AtomicFileWriter

  package init(workspace: Workspace) {
    self.workspace = workspace
    folder = workspace.dwfOutbox.appendingPathComponent("acks", isDirectory: true)
    writer = AtomicFileWriter(workspace: workspace)
  }

  /// Returns the file name stem of an order's acknowledgement: the order number made safe,
  /// then `-` and a short hash of the order number as received (`DWFOutboxName`).
  package static func fileStem(orderNumber: String) throws -> String {
    try DWFOutboxName.stem(orderNumber)
  }

  /// Writes the JSON and then the CSV acknowledgement of `order` and returns their URLs.
  /// The caller records the revision with `OrderJournal.recordAcknowledgementWritten` after.
  @discardableResult
  package func write(_ order: OrderSnapshot) throws -> [URL] {
    try write(order, lastReceipt: nil)
  }

  /// Writes the acknowledgement of `order` with `lastReceipt` (from
  /// `OrderJournal.lastReceipt(of:)`), so a duplicate or conflicting receipt stays visible to
  /// DWF in every rewrite.
  @discardableResult
  package func write(_ order: OrderSnapshot, lastReceipt: OrderReceipt?) throws -> [URL] {
    var document = AcknowledgementDocument(order)
    document.lastReceipt = lastReceipt.map {
      AcknowledgementDocument.Receipt($0, orderNumber: order.orderNumber)
    }
    // An order with no lines is a cancellation kept before its order, and only the receipt's
    // message states why it is cancelled.
    if order.lines.isEmpty {
      document.reason = document.lastReceipt?.message
    }
    return try write(document)
  }

  /// Writes the acknowledgement of an order that was rejected before it could be journaled,
  /// such as an order with no lines or one whose line numbers repeat.
  ///
  /// It has `revision` 0 and `orderState` `rejected`, so any acknowledgement of a journaled
  /// order under the same number, which starts at revision 1, supersedes it.
  @discardableResult
  package func writeRejection(_ rejection: UnjournaledRejection, at date: Date = Date()) throws
    -> [URL]
  {
    let time = OrderJournal.timeText(date)
    var document = AcknowledgementDocument(
      orderNumber: rejection.orderNumber, orderState: "rejected", revision: 0, receivedAt: time,
      updatedAt: time, customerPO: rejection.customerPO, sourceFile: rejection.sourceFile,
      duplicateReceipts: 0,
      lines: rejection.lines.map {
        AcknowledgementDocument.Line(
          lineNumber: $0.lineNumber, state: .rejected, inventoryId: $0.inventoryId,
          quantity: $0.quantity, webOrderId: nil, reason: $0.reason)
      })
    document.reason = rejection.reason
    return try write(document)
  }

  private func write(_ document: AcknowledgementDocument) throws -> [URL] {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let stem = try Self.fileStem(orderNumber: document.orderNumber)

    let jsonURL = folder.appendingPathComponent("\(stem).json")
    try writer.write(try Self.encode(document), to: jsonURL)
    let csvURL = folder.appendingPathComponent("\(stem).csv")
    try writer.write(document.csv(), to: csvURL)
    return [jsonURL, csvURL]
  }

  /// Writes `FILE.rejected.json` for the order file `fileName`, which failed whole, listing
  /// all its errors.
  @discardableResult
  package func writeRejectedFile(
    fileName: String, errors: [FileRejection.Problem], at date: Date = Date()
  ) throws -> URL {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(try DWFOutboxName.rejection(fileName: fileName))
    let relativeErrors = errors.map { problem in
      FileRejection.Problem(
        location: problem.location, message: workspace.withoutRoot(problem.message))
    }
    let document = FileRejection(
      fileName: fileName, rejectedAt: OrderJournal.timeText(date), errors: relativeErrors)
    try writer.write(try Self.encode(document), to: url)
    return url
  }

  /// Removes the `FILE.rejected.json` of an earlier upload named `fileName`, because a later
  /// upload under that name was read as orders, and returns whether there was one.
  @discardableResult
  package func removeRejection(fileName: String) throws -> Bool {
    let url = folder.appendingPathComponent(try DWFOutboxName.rejection(fileName: fileName))
    guard FileManager.default.fileExists(atPath: url.path) else { return false }
    try FileManager.default.removeItem(at: url)
    return true
  }

  static func encode(_ value: some Encodable) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(value)
    data.append(0x0A)
    return data
  }
}

/// The JSON acknowledgement of one order.
struct AcknowledgementDocument: Encodable {
  struct Line: Encodable {
    var lineNumber: Int
    var state: LineState
    var inventoryId: String?
    var quantity: Int?
    var webOrderId: String?
    var reason: String?
  }

  /// The last receipt of the order number, when it was not the first one.
  struct Receipt: Encodable {
    var outcome: ReceiptOutcome
    var sourceFile: String
    var receivedAt: String
    var message: String?

    init(_ receipt: OrderReceipt, orderNumber: String) {
      outcome = receipt.outcome
      sourceFile = receipt.sourceFile
      receivedAt = OrderJournal.timeText(receipt.receivedAt)
      message = receipt.message(orderNumber: orderNumber)
    }
  }

  var formatVersion = 1
  var orderNumber: String
  /// An `OrderState`, or `rejected` for an order that was never journaled.
  var orderState: String
  var revision: Int
  var receivedAt: String
  var updatedAt: String
  var customerPO: String?
  var sourceFile: String
  var duplicateReceipts: Int
  /// The reason the whole order was rejected, for an order that was never journaled, or the
  /// reason an order with no lines is cancelled.
  var reason: String?
  var lastReceipt: Receipt?
  var lines: [Line]

  init(
    orderNumber: String, orderState: String, revision: Int, receivedAt: String,
    updatedAt: String, customerPO: String?, sourceFile: String, duplicateReceipts: Int,
    lines: [Line]
  ) {
    self.orderNumber = orderNumber
    self.orderState = orderState
    self.revision = revision
    self.receivedAt = receivedAt
    self.updatedAt = updatedAt
    self.customerPO = customerPO
    self.sourceFile = sourceFile
    self.duplicateReceipts = duplicateReceipts
    self.lines = lines
  }

  init(_ order: OrderSnapshot) {
    orderNumber = order.orderNumber
    orderState = order.state.rawValue
    revision = order.revision
    receivedAt = OrderJournal.timeText(order.receivedAt)
    updatedAt = OrderJournal.timeText(order.updatedAt)
    customerPO = order.customerPO
    sourceFile = order.sourceFile
    duplicateReceipts = order.duplicateReceipts
    lines = order.lines.map { line in
      let state = line.state.acknowledged
      return Line(
        lineNumber: line.key.lineNumber, state: state, inventoryId: line.inventoryId,
        quantity: line.quantity, webOrderId: Self.webOrderId(of: line, in: order),
        reason: state == .received ? nil : line.reason)
    }
  }

  /// Returns the web order an accepted line is on, or the one a review line may be on (its
  /// own, else its group's), and nil for a line in any other state.
  private static func webOrderId(of line: LineSnapshot, in order: OrderSnapshot) -> String? {
    switch line.state {
    case .accepted:
      return line.webOrderId
    case .review:
      return line.webOrderId ?? order.groups.first { $0.id == line.groupId }?.webOrderId
    case .received, .adding, .rejected, .waiting, .duplicate, .cancelled:
      return nil
    }
  }

  static let csvHeader = [
    "order_number", "revision", "updated_at", "order_state", "line_number", "state",
    "inventory_id", "quantity", "web_order_id", "reason", "last_receipt",
    "last_receipt_message",
  ]

  /// Returns the CSV form: a header row, then one row per line with the order's fields
  /// repeated, quoted per RFC 4180 and ending in CRLF. An order without lines gets one row
  /// with the line fields blank, so its state and reason still reach DWF.
  func csv() -> String {
    var rows = [Self.csvHeader]
    let receipt = [lastReceipt?.outcome.rawValue ?? "", lastReceipt?.message ?? reason ?? ""]
    let order = [orderNumber, String(revision), updatedAt, orderState]
    for line in lines {
      rows.append(
        order + [
          String(line.lineNumber), line.state.rawValue, line.inventoryId ?? "",
          line.quantity.map(String.init) ?? "", line.webOrderId ?? "", line.reason ?? "",
        ] + receipt)
    }
    if lines.isEmpty {
      rows.append(order + ["", "", "", "", "", reason ?? ""] + receipt)
    }
    return rows.map { $0.map(Self.quoted).joined(separator: ",") + "\r\n" }.joined()
  }

  /// Quotes a CSV field when it needs it. Control characters, which only a rejected value
  /// can contain, are written escaped (`\u001B`), so no reader meets them raw. The JSON form
  /// escapes them too.
  static func quoted(_ field: String) -> String {
    var text = ""
    for scalar in field.unicodeScalars {
      let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
      guard isControl else {
        text.unicodeScalars.append(scalar)
        continue
      }
      let hex = String(scalar.value, radix: 16, uppercase: true)
      text += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
    guard text.contains(where: { $0 == "," || $0 == "\"" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// The content of `FILE.rejected.json`: an order file that failed whole and why.
package struct FileRejection: Encodable, Sendable, Equatable {
  /// One error, with where it was found: `row 3` in a CSV file or a JSON path such as
  /// `orders[0].shipDate`, or nil for the file as a whole.
  package struct Problem: Encodable, Sendable, Equatable {
    package var location: String?
    package var message: String

    package init(location: String?, message: String) {
      self.location = location
      self.message = message
    }
  }

  var formatVersion = 1
  var fileName: String
  var rejectedAt: String
  var errors: [Problem]
}

/// An order rejected before it could be journaled, for `AcknowledgementWriter.writeRejection`.
package struct UnjournaledRejection: Sendable, Equatable {
  /// One line of the rejected order, with its own reason or the order's.
  package struct Line: Sendable, Equatable {
    package var lineNumber: Int
    package var inventoryId: String?
    package var quantity: Int?
    package var reason: String

    package init(lineNumber: Int, inventoryId: String?, quantity: Int?, reason: String) {
      self.lineNumber = lineNumber
      self.inventoryId = inventoryId
      self.quantity = quantity
      self.reason = reason
    }
  }

  package var orderNumber: String
  package var sourceFile: String
  package var customerPO: String?
  /// The reason the order was rejected as a whole.
  package var reason: String
  package var lines: [Line]

  package init(
    orderNumber: String, sourceFile: String, customerPO: String? = nil, reason: String,
    lines: [Line] = []
  ) {
    self.orderNumber = orderNumber
    self.sourceFile = sourceFile
    self.customerPO = customerPO
    self.reason = reason
    self.lines = lines
  }
}
