import Foundation

/// A web order as `web-order-details.list` returns it.
package struct WebOrder: Equatable, Sendable {
  package let id: KometID
  /// The web order number, `integer:10`.
  package let number: KometID?
  /// 1 pending, 2 checked out (the newer page says "Confirmed").
  package let statusId: Int?
  package let companyLocationId: KometID?
  package let customerId: KometID?
  /// Excludes additional charges and taxes, `decimal:10,2`.
  package let subtotal: Decimal?
  package let additionalCharges: Decimal?
  /// Subtotal plus additional charges plus taxes.
  package let total: Decimal?
  package let items: [WebOrderItem]

  init(from object: ResponseObject) throws(KometError) {
    id = try object.id("id")
    number = try object.optionalID("number")
    statusId = try object.optionalInteger("statusId")
    companyLocationId = try object.optionalID("companyLocationId")
    customerId = try object.optionalID("customerId")
    subtotal = try object.optionalDecimal("subtotal")
    additionalCharges = try object.optionalDecimal("additionalCharges")
    total = try object.optionalDecimal("total")

    var items: [WebOrderItem] = []
    for item in try object.optionalObjects(anyOf: ["items"]) ?? [] {
      items.append(try WebOrderItem(from: item))
    }
    self.items = items
  }
}

/// One line of a web order. Komet's page was read only up to `webOrderItemId`, so the other
/// fields stay in `members`.
package struct WebOrderItem: Equatable, Sendable {
  /// A row key among all rows of the result, `string`.
  package let id: String?
  package let webOrderItemId: KometID?
  /// Every member as it came.
  package let members: [JSONMember]

  init(from object: ResponseObject) throws(KometError) {
    id = try object.optionalText("id")
    webOrderItemId = try object.optionalID("webOrderItemId")
    members = object.members
  }
}
