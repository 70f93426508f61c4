import Foundation
import Workspace

/// The acknowledgements, file rejections and order reports of a demo workspace, read back from
/// the files DWF and the grower receive (`docs/formats.md`), not from the journal.
struct DemoAcknowledgements {
  /// One order's acknowledgement, `outbox/dwf/acks/NAME.json`.
  struct Order: Decodable {
    struct Line: Decodable {
      var lineNumber: Int
      var state: String
      var inventoryId: String?
      var quantity: Int?
      var webOrderId: String?
      var reason: String?
    }

    struct Receipt: Decodable {
      var outcome: String
      var sourceFile: String?
    }

    var orderNumber: String
    var orderState: String
    var revision: Int
    var duplicateReceipts: Int?
    var lastReceipt: Receipt?
    var reason: String?
    var lines: [Line]
    /// The file name without `.json`, shared by the CSV twin and the grower's report.
    var stem = ""

    private enum CodingKeys: String, CodingKey {
      case orderNumber, orderState, revision, duplicateReceipts, lastReceipt, reason, lines
    }
  }

  /// A file that failed whole, `outbox/dwf/acks/FILE.rejected.json`.
  struct FileRejection: Decodable {
    struct Problem: Decodable {
      var location: String?
      var message: String
    }

    var fileName: String
    var errors: [Problem]
  }

  /// The part of an order report (`outbox/reports/orders/NAME.json`) the demo prints.
  struct Report: Decodable {
    struct Fee: Decodable {
      var countedAmount: String
      var estimatedFee: String
      var rate: String
    }

    var fee: Fee
  }

  var orders: [Order] = []
  var rejectedFiles: [FileRejection] = []
  /// Each report, by the stem of its acknowledgement.
  var reports: [String: Report] = [:]

  /// Returns the acknowledgements folder, `outbox/dwf/acks/`.
  static func acksFolder(_ workspace: Workspace) -> URL {
    workspace.dwfOutbox.appendingPathComponent("acks", isDirectory: true)
  }

  /// Returns the per-order reports folder, `outbox/reports/orders/`.
  static func reportsFolder(_ workspace: Workspace) -> URL {
    workspace.outbox.appendingPathComponent("reports/orders", isDirectory: true)
  }

  /// Reads every acknowledgement, file rejection and order report of the workspace.
  ///
  /// - Throws: the error of a file that cannot be read or decoded.
  init(workspace: Workspace) throws {
    let manager = FileManager.default
    let decoder = JSONDecoder()
    let acks = Self.acksFolder(workspace)
    let names = (try? manager.contentsOfDirectory(atPath: acks.path)) ?? []

    for name in names.sorted() where name.hasSuffix(".json") {
      let data = try Data(contentsOf: acks.appendingPathComponent(name))
      if name.hasSuffix(".rejected.json") {
        rejectedFiles.append(try decoder.decode(FileRejection.self, from: data))
        continue
      }
      var order = try decoder.decode(Order.self, from: data)
      order.stem = String(name.dropLast(".json".count))
      order.lines.sort { $0.lineNumber < $1.lineNumber }
      orders.append(order)
    }
    orders.sort { $0.orderNumber < $1.orderNumber }

    let reportsFolder = Self.reportsFolder(workspace)
    for order in orders {
      let url = reportsFolder.appendingPathComponent(order.stem + ".json")
      guard manager.fileExists(atPath: url.path) else { continue }
      reports[order.stem] = try decoder.decode(Report.self, from: Data(contentsOf: url))
    }
  }

  func order(_ number: String) -> Order? {
    orders.first { $0.orderNumber == number }
  }
}
