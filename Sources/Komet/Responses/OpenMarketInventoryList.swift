import Foundation

/// The response of `inventory.openmarket.list` and of `future.inventory.openmarket.list`.
package struct OpenMarketInventoryListResponse: KometResponse, Equatable {
  package let message: String?
  package let inventoryItems: [OpenMarketInventoryItem]

  package init(from object: ResponseObject) throws(KometError) {
    message = try object.optionalText("message")
    var items: [OpenMarketInventoryItem] = []
    for item in try object.objects(anyOf: ["inventoryItems"]) {
      items.append(try OpenMarketInventoryItem(from: item))
    }
    inventoryItems = items
  }
}

/// One line of Open Market inventory, on hand or future.
///
/// Only `inventoryId` is required. Komet's pages list the other fields, but the future list's
/// page was read only up to `bunches`, so each is optional.
package struct OpenMarketInventoryItem: Equatable, Sendable {
  /// The inventory line ID, which in the future list is the purchase-order item ID.
  package let inventoryId: KometID
  package let companyProductId: KometID?
  /// `string:200`.
  package let productDescription: String?
  /// The Product Legacy Code, `string:20`.
  package let productCode: String?
  /// `string:100`.
  package let grade: String?
  /// `string:200`.
  package let category: String?
  /// `string:200`, sent only when the given customer may see the vendor.
  package let vendor: String?
  /// `string:10`, future inventory only.
  package let portOfOrigin: String?
  /// Available boxes.
  package let quantity: Int?
  package let totalUnits: Int?
  package let boxTypeId: KometID?
  /// `string:3`, such as `FB` or `EB`.
  package let boxTypeCode: String?
  /// `Bunch` or `Stem`.
  package let unitType: String?
  package let bunches: Int?
  package let unitsPerBox: Int?
  package let stemsBunch: Int?
  /// Unit price, `decimal:10,2`.
  package let price: Decimal?
  package let priceB: Decimal?
  /// FOB unit price.
  package let fobPrice: Decimal?
  /// Every member as it came, for fields Komet's pages cut off.
  package let members: [JSONMember]

  init(from object: ResponseObject) throws(KometError) {
    inventoryId = try object.id("inventoryId")
    companyProductId = try object.optionalID("companyProductId")
    productDescription = try object.optionalText("productDescription")
    productCode = try object.optionalText("productCode")
    grade = try object.optionalText("grade")
    category = try object.optionalText("category")
    vendor = try object.optionalText("vendor")
    portOfOrigin = try object.optionalText("portOfOrigin")
    quantity = try object.optionalInteger("quantity")
    totalUnits = try object.optionalInteger("totalUnits")
    boxTypeId = try object.optionalID("boxTypeId")
    boxTypeCode = try object.optionalText("boxTypeCode")
    unitType = try object.optionalText("unitType")
    bunches = try object.optionalInteger("bunches")
    unitsPerBox = try object.optionalInteger("unitsPerBox")
    stemsBunch = try object.optionalInteger("stemsBunch")
    price = try object.optionalDecimal("price")
    priceB = try object.optionalDecimal("priceB")
    fobPrice = try object.optionalDecimal("fobPrice")
    members = object.members
  }
}
