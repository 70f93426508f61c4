import Foundation

/// Whether an inventory line is sold from stock or from a future harvest.
///
/// The two codes are the ones DWF's order files carry in their `origin` column.
package enum InventoryOrigin: String, Sendable, Equatable, Hashable, CaseIterable {
  /// On hand: a confirmed web order becomes an invoice.
  case onHand = "OH"
  /// Future sales: a confirmed web order becomes a prebook.
  case future = "FS"
}

/// One line of open-market inventory that DWF may sell, whatever source it was read from
/// (`ecommerce/inventory.list`, the Open Market lists, or an inventory export).
///
/// IDs are digit strings, the way Komet's API takes them; money is `Decimal`. Optional fields
/// are the ones a source may not give.
package struct InventoryItem: Sendable, Equatable, Hashable {
  /// The line ID that `web-order-item.add` takes as `inventoryIds`.
  package var inventoryId: String
  package var origin: InventoryOrigin
  package var productCode: String?
  package var productDescription: String?
  package var grade: String?
  package var category: String?
  package var boxType: String?
  package var unitsPerBox: Int?
  /// The unit the price is per, such as `ST` (stems) or `BU` (bunches).
  package var unitType: String?
  package var boxesAvailable: Int
  /// The price per unit.
  package var unitPrice: Decimal
  /// The Komet location the line belongs to, for multi-location companies.
  package var locationId: String?
  /// The first and last day the line is available, as `YYYY-MM-DD`, where the source says.
  package var availableFrom: String?
  package var availableTo: String?

  package init(
    inventoryId: String, origin: InventoryOrigin, productCode: String? = nil,
    productDescription: String? = nil, grade: String? = nil, category: String? = nil,
    boxType: String? = nil, unitsPerBox: Int? = nil, unitType: String? = nil,
    boxesAvailable: Int, unitPrice: Decimal, locationId: String? = nil,
    availableFrom: String? = nil, availableTo: String? = nil
  ) {
    self.inventoryId = inventoryId
    self.origin = origin
    self.productCode = productCode
    self.productDescription = productDescription
    self.grade = grade
    self.category = category
    self.boxType = boxType
    self.unitsPerBox = unitsPerBox
    self.unitType = unitType
    self.boxesAvailable = boxesAvailable
    self.unitPrice = unitPrice
    self.locationId = locationId
    self.availableFrom = availableFrom
    self.availableTo = availableTo
  }
}
