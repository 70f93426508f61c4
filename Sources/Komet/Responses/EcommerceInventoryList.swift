import Foundation

/// The response of `ecommerce/inventory.list`: one page of a customer's e-commerce inventory.
///
/// Komet's page shows only `message`, `status` and `total`. The item array and its fields were
/// not seen, so their names below are guesses that accept the likely alternatives.
package struct EcommerceInventoryListResponse: KometResponse, Equatable {
  // NOTE: not confirmed by Komet: the item array's name. `inventoryItems` follows the Open
  // Market lists, and `items`, `inventory`, `products` and `inventoryList` are accepted too.
  package static let itemArrayNames = [
    "inventoryItems", "items", "inventory", "products", "inventoryList",
  ]

  package let message: String?
  /// The count of all records, presumably across pages (the page's text is cut off there).
  package let total: Int?
  package let items: [EcommerceInventoryItem]

  package init(from object: ResponseObject) throws(KometError) {
    message = try object.optionalText("message")
    total = try object.optionalInteger("total")

    // An empty result may leave the array out, so a missing one is accepted when `total` is 0.
    let elements: [ResponseObject]
    if let found = try object.optionalObjects(anyOf: Self.itemArrayNames) {
      elements = found
    } else if total == 0 {
      elements = []
    } else {
      throw .missingField(
        method: object.method, path: Self.itemArrayNames.joined(separator: " or "))
    }

    var items: [EcommerceInventoryItem] = []
    for item in elements {
      items.append(try EcommerceInventoryItem(from: item))
    }
    self.items = items
  }

  /// Tells whether pages after `page` remain, given the page size asked for.
  ///
  /// With a `total`, pages remain while `page × rows` is below it. Without one, a full page
  /// means another may follow.
  package func hasMorePages(after page: Int, rows: Int) -> Bool {
    guard !items.isEmpty else { return false }
    if let total { return page * rows < total }
    return items.count >= rows
  }
}

/// One line of a customer's e-commerce inventory.
// NOTE: not confirmed by Komet: every field name here. They follow the Open Market lists, with
// the alternatives shown in each initializer call.
package struct EcommerceInventoryItem: Equatable, Sendable {
  /// The ID to pass as `inventoryIds` to `web-order-item.add`.
  package let inventoryId: KometID
  /// 1 on hand (or Open Market), 2 future sales, 3 vendor availability, 4 Komet to Komet.
  package let inventoryOrigin: Int?
  package let companyProductId: KometID?
  package let productDescription: String?
  package let productCode: String?
  package let boxTypeCode: String?
  package let quantity: Int?
  package let unitsPerBox: Int?
  package let price: Decimal?
  package let availableDate: KometDate?
  /// Every member as it came.
  package let members: [JSONMember]

  init(from object: ResponseObject) throws(KometError) {
    let idNames = ["inventoryId", "id", "inventoryLineId", "inventoryItemId"]
    guard let id = try object.optionalID(anyOf: idNames) else {
      throw .missingField(
        method: object.method,
        path: idNames.map { object.path + "." + $0 }.joined(separator: " or "))
    }
    inventoryId = id
    inventoryOrigin = try object.optionalInteger(anyOf: ["inventoryOrigin", "origin"])
    companyProductId = try object.optionalID(anyOf: ["companyProductId", "productId"])
    productDescription = try object.optionalText(anyOf: ["productDescription", "description"])
    productCode = try object.optionalText(anyOf: ["productCode", "legacyCode"])
    boxTypeCode = try object.optionalText("boxTypeCode")
    quantity = try object.optionalInteger(anyOf: ["quantity", "availableBoxes", "boxes"])
    unitsPerBox = try object.optionalInteger("unitsPerBox")
    price = try object.optionalDecimal("price")
    availableDate = try object.optionalDate("availableDate")
    members = object.members
  }
}
