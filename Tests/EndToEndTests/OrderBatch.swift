import Foundation
import KometSandbox

/// The outcome a batch line must reach once every file is taken and every order placed.
enum ExpectedLineState: Equatable {
  /// On a live web order of the line's origin, exactly once.
  case accepted
  /// Rejected, with a reason that contains each of these fragments.
  case rejected([String])
}

/// One line of a generated order, with the outcome it must reach.
struct BatchLine {
  var lineNumber: Int
  var inventoryId: String
  var origin: String
  var quantity: Int
  var unitPrice: String
  var expected: ExpectedLineState
}

/// One generated order.
struct BatchOrder {
  var orderNumber: String
  var shipDate: String
  var carrierCode: String? = nil
  var carrierId: String? = nil
  var lines: [BatchLine]
}

/// A batch of DWF order files made from the sandbox's seeded inventory, whose outcome per
/// line is known before the batch runs.
///
/// The files: `batch-1.csv` holds an on-hand order, and a mixed one with an unknown
/// inventory ID. `batch-2.json` holds a future order with an on-hand line priced off the drop,
/// and a mixed order whose only on-hand line is sold out in Komet, so its on-hand web order is
/// deleted. `batch-3.csv` holds an order with a past ship date, one on the default carrier, one
/// with an unknown carrier code and the cancellation of an order never received.
/// `batch-4.csv` lacks required columns and fails whole. Every accepted line names its own
/// inventory ID, so each can be found on exactly one Komet item. The future lines are the
/// four that the drop's window of 14 days holds.
struct OrderBatch {
  let orders: [BatchOrder]
  let files: [(name: String, data: Data)]

  /// The order number of the cancellation in `batch-3.csv`, which no file placed. It is kept,
  /// so an order with that number that came later would not be placed.
  static let unknownCancellation = "B-0998"
  /// The order in `batch-3.csv` whose only line has `line_number` 0, so the order cannot be
  /// journaled and is acknowledged `rejected` without a journal entry.
  static let unjournalableOrder = "B-0999"
  /// The file that fails whole.
  static let failingFile = "batch-4.csv"

  /// Builds the batch from `inventory` (the sandbox's lines at Miami) with ship dates
  /// relative to `today`.
  init(inventory: [InventoryLine], today: Date = Date()) {
    let price = { (id: String) -> String in
      inventory.first { $0.inventoryId == id }?.price ?? "0.00"
    }
    let shipDate = Self.dateText(today, plusDays: 2)
    let pastDate = Self.dateText(today, plusDays: -2)

    func line(_ number: Int, _ id: String, _ origin: String, _ quantity: Int) -> BatchLine {
      BatchLine(
        lineNumber: number, inventoryId: id, origin: origin, quantity: quantity,
        unitPrice: price(id), expected: .accepted)
    }

    var unknownItem = line(2, "5199999", "OH", 1)
    unknownItem.unitPrice = "1.00"
    unknownItem.expected = .rejected(["5199999"])
    var priceOff = line(2, "5100012", "OH", 1)
    let offered = (Decimal(string: priceOff.unitPrice) ?? 0) + Decimal(string: "0.10")!
    priceOff.unitPrice = "\(offered)"
    priceOff.expected = .rejected([priceOff.unitPrice, price("5100012")])
    // Line 5100003 holds 2 boxes in the seeded state, so Komet rejects 5.
    var soldOut = line(2, "5100003", "OH", 5)
    soldOut.expected = .rejected(["not available"])
    var past = line(1, "5100007", "OH", 1)
    past.expected = .rejected([])
    var unknownCarrier = line(1, "5100011", "OH", 1)
    unknownCarrier.expected = .rejected(["ZZZ"])

    orders = [
      BatchOrder(
        orderNumber: "B-1", shipDate: shipDate, carrierCode: "ARM",
        lines: [line(1, "5100001", "OH", 2), line(2, "5100002", "OH", 1),
          line(3, "5100005", "OH", 3)]),
      BatchOrder(
        orderNumber: "B-2", shipDate: shipDate, carrierCode: "arm",
        lines: [line(1, "5100006", "OH", 1), unknownItem, line(3, "7300003", "FS", 2)]),
      BatchOrder(
        orderNumber: "B-3", shipDate: shipDate, carrierId: "3102",
        lines: [line(1, "7300004", "FS", 1), priceOff, line(3, "7300007", "FS", 2)]),
      BatchOrder(
        orderNumber: "B-4", shipDate: shipDate, carrierId: "3101",
        lines: [line(1, "7300008", "FS", 3), soldOut]),
      BatchOrder(orderNumber: "B-5", shipDate: pastDate, carrierId: "3101", lines: [past]),
      BatchOrder(
        orderNumber: "B-6", shipDate: shipDate,
        lines: [line(1, "5100008", "OH", 1), line(2, "5100009", "OH", 2),
          line(3, "5100010", "OH", 1)]),
      BatchOrder(
        orderNumber: "B-7", shipDate: shipDate, carrierCode: "ZZZ", lines: [unknownCarrier]),
    ]
    files = [
      ("batch-1.csv", Self.csv(Array(orders[0...1]))),
      ("batch-2.json", Self.json(Array(orders[2...3]))),
      ("batch-3.csv", Self.csv(Array(orders[4...6]), cancelling: Self.unknownCancellation)),
      (Self.failingFile, Data("order_number,inventory_id,boxes\r\nB-9,5100012,2\r\n".utf8)),
    ]
  }

  /// The lines that must end accepted, with their order numbers.
  var acceptedLines: [(order: BatchOrder, line: BatchLine)] {
    orders.flatMap { order in
      order.lines.filter { $0.expected == .accepted }.map { (order, $0) }
    }
  }

  private static func dateText(_ date: Date, plusDays days: Int) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: date.addingTimeInterval(Double(days) * 86_400))
  }

  private static func csv(_ orders: [BatchOrder], cancelling cancelled: String? = nil) -> Data {
    var text = "order_number,line_number,ship_date,carrier_id,carrier_code,ship_to_id,"
      + "customer_po,inventory_id,origin,quantity,unit_price,action\r\n"
    for order in orders {
      for line in order.lines {
        let fields = [
          order.orderNumber, String(line.lineNumber), order.shipDate, order.carrierId ?? "",
          order.carrierCode ?? "", "61001", "PO-\(order.orderNumber)", line.inventoryId,
          line.origin, String(line.quantity), line.unitPrice, "",
        ]
        text += fields.joined(separator: ",") + "\r\n"
      }
    }
    if let cancelled {
      text += "\(cancelled),,,,,,,,,,,cancel\r\n"
      let ship = orders.first?.shipDate ?? ""
      text += "\(unjournalableOrder),0,\(ship),3101,,61001,,5100011,OH,1,0.50,\r\n"
    }
    return Data(text.utf8)
  }

  private static func json(_ orders: [BatchOrder]) -> Data {
    let objects: [[String: Any]] = orders.map { order in
      var object: [String: Any] = [
        "orderNumber": order.orderNumber, "shipDate": order.shipDate,
        "customerPO": "PO-\(order.orderNumber)", "shipToId": 61002,
      ]
      object["carrierId"] = order.carrierId
      object["carrierCode"] = order.carrierCode
      object["lines"] = order.lines.map { line -> [String: Any] in
        [
          "lineNumber": line.lineNumber, "inventoryId": line.inventoryId,
          "origin": line.origin, "quantity": line.quantity, "unitPrice": line.unitPrice,
        ]
      }
      return object
    }
    let document: [String: Any] = ["formatVersion": 1, "orders": objects]
    return try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
  }
}
