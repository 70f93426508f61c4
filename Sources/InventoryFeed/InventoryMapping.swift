import Foundation
import Inventory
import Komet

/// Turns the lines of each Komet source into `InventoryItem`s.
///
/// A line without a price or a box count cannot be offered, and a line of another origin than
/// on hand or future sales has no code in DWF's order files, so these are skipped and counted.
enum InventoryMapping {
  /// Maps one `ecommerce/inventory.list` line, read for `locationId` (nil for a single-location
  /// company). Origin 1 or a missing origin is on hand and 2 future sales, while 3 and 4 are skipped.
  static func item(_ line: EcommerceInventoryItem, locationId: String?) -> InventoryItem? {
    let origin: Inventory.InventoryOrigin
    switch line.inventoryOrigin {
    case nil, 1: origin = .onHand
    case 2: origin = .future
    default: return nil
    }
    guard let price = line.price, let boxes = line.quantity else { return nil }

    return InventoryItem(
      inventoryId: line.inventoryId.digits, origin: origin, productCode: line.productCode,
      productDescription: line.productDescription, grade: text("grade", in: line.members),
      category: text("category", in: line.members), boxType: line.boxTypeCode,
      unitsPerBox: line.unitsPerBox, unitType: text("unitType", in: line.members),
      boxesAvailable: boxes, unitPrice: price,
      locationId: locationId ?? text("companyLocationId", in: line.members),
      availableFrom: line.availableDate?.description)
  }

  /// Maps one line of `inventory.openmarket.list` (on hand) or
  /// `future.inventory.openmarket.list` (future sales).
  static func item(
    _ line: OpenMarketInventoryItem, origin: Inventory.InventoryOrigin, locationId: String?
  ) -> InventoryItem? {
    guard let price = line.price, let boxes = line.quantity else { return nil }

    // NOTE: Komet's page for the future list stops before any date field. `availableDate` is
    // what the sandbox sends, and it is taken when present.
    let availableFrom = text("availableDate", in: line.members).flatMap { KometDate($0) }
    return InventoryItem(
      inventoryId: line.inventoryId.digits, origin: origin, productCode: line.productCode,
      productDescription: line.productDescription, grade: line.grade, category: line.category,
      boxType: line.boxTypeCode, unitsPerBox: line.unitsPerBox, unitType: line.unitType,
      boxesAvailable: boxes, unitPrice: price, locationId: locationId,
      availableFrom: availableFrom?.description)
  }

  /// Returns the text or number literal of the first member named `key`.
  private static func text(_ key: String, in members: [JSONMember]) -> String? {
    switch members.first(where: { $0.key == key })?.value {
    case .string(let value): return value.isEmpty ? nil : value
    case .number(let literal): return literal
    default: return nil
    }
  }

  /// Sorts items by inventory ID (as a number), then origin, then location, so equal content
  /// always gives equal files.
  static func sorted(_ items: [InventoryItem]) -> [InventoryItem] {
    items.sorted { left, right in
      if left.inventoryId != right.inventoryId {
        return numericOrder(left.inventoryId, right.inventoryId)
      }
      if left.origin != right.origin { return left.origin.rawValue < right.origin.rawValue }
      return (left.locationId ?? "") < (right.locationId ?? "")
    }
  }

  /// Orders digit strings by value (shorter first), and other text after them by its bytes.
  private static func numericOrder(_ left: String, _ right: String) -> Bool {
    let leftCount = left.utf8.count
    let rightCount = right.utf8.count
    if leftCount != rightCount { return leftCount < rightCount }
    return left < right
  }
}
