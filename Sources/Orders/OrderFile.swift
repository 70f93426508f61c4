import Foundation
import Inventory

/// The orders of one DWF order file, as parsed and before validation.
package struct OrderFile: Sendable, Equatable {
  /// The format version the file declares; 1 is the only one defined.
  package var formatVersion: Int
  package var orders: [DWFOrder]

  package init(formatVersion: Int, orders: [DWFOrder]) {
    self.formatVersion = formatVersion
    self.orders = orders
  }
}

/// What DWF asks for an order: to place it, or to cancel one sent before.
package enum OrderAction: String, Sendable, Equatable, Hashable {
  /// A blank `action`: the order is to be placed.
  case place = ""
  case cancel
}

/// The carrier an order names, or neither field for the configured default.
package enum CarrierReference: Sendable, Equatable, Hashable {
  /// Komet's carrier ID, as `carrier.list` returns it in `id`.
  case id(String)
  /// The carrier's code, to be looked up with `carrier.list`.
  case code(String)
}

/// One order of an order file, with every field the file gave.
///
/// A field is nil when the file left it blank or gave text that could not be read as the
/// field's type. The second case also leaves a problem in `fieldProblems`, so the validator
/// tells them apart.
package struct DWFOrder: Sendable, Equatable {
  /// The order number as received, trimmed of outer white space.
  package var orderNumber: String
  /// Nil for an `action` other than blank or `cancel`.
  package var action: OrderAction?
  package var shipDate: OrderDate?
  package var carrier: CarrierReference?
  package var shipToId: String?
  package var locationId: String?
  package var customerPO: String?
  package var lines: [DWFOrderLine]
  /// The order's first CSV row, or its JSON path such as `orders[2]`.
  package var position: SourcePosition
  /// The order-level fields that could not be read, and values that conflict between rows.
  package var fieldProblems: [OrderProblem]
  /// The SHA-256 of the order's canonical form, in lowercase hex (`OrderDigest`).
  package var digest: String
  /// The order-level fields as the file wrote them, with their cells or JSON keys, so
  /// messages show the text as written; empty for an order not read from a file.
  var cells: [OrderField: RawCell] = [:]

  package init(
    orderNumber: String, action: OrderAction?, shipDate: OrderDate?,
    carrier: CarrierReference?, shipToId: String?, locationId: String?, customerPO: String?,
    lines: [DWFOrderLine], position: SourcePosition, fieldProblems: [OrderProblem] = [],
    digest: String
  ) {
    self.orderNumber = orderNumber
    self.action = action
    self.shipDate = shipDate
    self.carrier = carrier
    self.shipToId = shipToId
    self.locationId = locationId
    self.customerPO = customerPO
    self.lines = lines
    self.position = position
    self.fieldProblems = fieldProblems
    self.digest = digest
  }
}

/// One line of an order: an inventory line, a number of boxes and the price DWF expects.
package struct DWFOrderLine: Sendable, Equatable {
  /// The `line_number` given, or the line's 1-based position in its order when it is blank.
  /// Nil when the text given is not a whole number or is outside 1 to
  /// `OrderValidator.maximumLineNumber`, which the journal could not store.
  package var lineNumber: Int?
  /// The line's 1-based position among the lines of its order.
  package var positionInOrder: Int
  package var inventoryId: String?
  package var origin: InventoryOrigin?
  /// The number of boxes.
  package var quantity: Int?
  /// The price per unit, exact as written.
  package var unitPrice: Decimal?
  package var markCode: String?
  /// The line's CSV row, or its JSON path such as `orders[0].lines[3]`.
  package var position: SourcePosition
  /// The fields of the line that could not be read as their type.
  package var fieldProblems: [OrderProblem]
  /// The line's fields as the file wrote them, with their cells or JSON keys; empty for a
  /// line not read from a file.
  var cells: [OrderField: RawCell] = [:]

  package init(
    lineNumber: Int?, positionInOrder: Int, inventoryId: String?, origin: InventoryOrigin?,
    quantity: Int?, unitPrice: Decimal?, markCode: String?, position: SourcePosition,
    fieldProblems: [OrderProblem] = []
  ) {
    self.lineNumber = lineNumber
    self.positionInOrder = positionInOrder
    self.inventoryId = inventoryId
    self.origin = origin
    self.quantity = quantity
    self.unitPrice = unitPrice
    self.markCode = markCode
    self.position = position
    self.fieldProblems = fieldProblems
  }
}

/// A calendar day written `YYYY-MM-DD`, with no time zone, as ship dates are.
package struct OrderDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  package var year: Int
  package var month: Int
  package var day: Int

  /// Reads `text` written exactly `YYYY-MM-DD`, or returns nil for any other form or for a day
  /// the Gregorian calendar does not have, such as `2025-02-29`.
  package init?(_ text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
      return nil
    }
    let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9]
    guard digitPositions.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) })
    else { return nil }
    guard let year = Int(text.prefix(4)), let month = Int(text.dropFirst(5).prefix(2)),
      let day = Int(text.suffix(2))
    else { return nil }
    guard year >= 1, (1...12).contains(month),
      (1...Self.daysIn(month: month, year: year))
        .contains(day)
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  package init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Returns the day `date` falls on in `timeZone`.
  package init(_ date: Date, in timeZone: TimeZone) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
  }

  package var description: String {
    let month = month < 10 ? "0\(month)" : "\(month)"
    let day = day < 10 ? "0\(day)" : "\(day)"
    let year = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
    return "\(year)-\(month)-\(day)"
  }

  package static func < (lhs: OrderDate, rhs: OrderDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2:
      let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return isLeap ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
