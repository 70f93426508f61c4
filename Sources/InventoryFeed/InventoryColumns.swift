import Foundation
import Inventory

/// The columns of an inventory drop, in order, with their CSV header names and JSON keys.
///
/// `docs/formats.md` documents them; the CSV and JSON writers both visit an item's fields in
/// this order, so the two files always agree.
enum InventoryColumns {
  static let csvNames = [
    "inventory_id", "origin", "product_code", "product_description", "grade", "category",
    "box_type", "units_per_box", "unit_type", "boxes_available", "unit_price", "location_id",
    "available_from", "available_to",
  ]

  static let jsonKeys = [
    "inventoryId", "origin", "productCode", "productDescription", "grade", "category",
    "boxType", "unitsPerBox", "unitType", "boxesAvailable", "unitPrice", "locationId",
    "availableFrom", "availableTo",
  ]

  /// Passes each field of `item` to `sink`, in column order.
  @inline(__always)
  static func visit<Sink: FieldSink>(_ item: InventoryItem, _ sink: inout Sink) {
    sink.text(item.inventoryId, column: 0)
    sink.text(item.origin.rawValue, column: 1)
    sink.text(item.productCode, column: 2)
    sink.text(item.productDescription, column: 3)
    sink.text(item.grade, column: 4)
    sink.text(item.category, column: 5)
    sink.text(item.boxType, column: 6)
    sink.integer(item.unitsPerBox, column: 7)
    sink.text(item.unitType, column: 8)
    sink.integer(item.boxesAvailable, column: 9)
    sink.price(item.unitPrice, column: 10)
    sink.text(item.locationId, column: 11)
    sink.text(item.availableFrom, column: 12)
    sink.text(item.availableTo, column: 13)
  }

  /// Returns `price` as exact decimal text with at least two fraction digits, such as `2.50`
  /// or `0.125`, never in exponent form.
  static func priceText(_ price: Decimal) -> String {
    let plain = price.description
    guard let dot = plain.firstIndex(of: ".") else { return plain + ".00" }
    let fractionDigits = plain.distance(from: dot, to: plain.endIndex) - 1
    return fractionDigits >= 2 ? plain : plain + String(repeating: "0", count: 2 - fractionDigits)
  }
}

/// The text of each price met in one drop, because `Decimal.description` costs about 1 µs a
/// call and a drop repeats few distinct prices.
final class PriceTexts {
  private var texts: [Decimal: String] = [:]
  private static let maxEntries = 65_536

  func text(_ price: Decimal) -> String {
    if let text = texts[price] { return text }
    let text = InventoryColumns.priceText(price)
    if texts.count >= Self.maxEntries { texts.removeAll(keepingCapacity: true) }
    texts[price] = text
    return text
  }
}

/// A writer that receives an item's fields one by one.
protocol FieldSink {
  mutating func text(_ value: String?, column: Int)
  mutating func integer(_ value: Int?, column: Int)
  mutating func price(_ value: Decimal, column: Int)
}
