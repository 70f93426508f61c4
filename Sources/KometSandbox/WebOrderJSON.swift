import Foundation

/// The JSON of a web order in `web-order-details.list`.
///
/// Money is a decimal string with two places: a line's amount is its unit price times its
/// units per box times its boxes. The sandbox adds no charges or taxes.
enum WebOrderJSON {
  static func order(_ order: WebOrder) -> JSONValue {
    let subtotal = order.items.reduce(Decimal(0)) { $0 + amount(of: $1) }
    return .object([
      "id": .idNumber(order.id), "number": .idNumber(order.number),
      "statusId": .int(order.statusId), "companyLocationId": .idNumber(order.companyLocationId),
      "customerId": .idNumber(order.customerId), "subtotal": .string(DecimalText.format(subtotal)),
      "additionalCharges": .string("0.00"), "total": .string(DecimalText.format(subtotal)),
      "customerPo": order.customerPo.map { .string($0) } ?? .null,
      "items": .array(order.items.map { item(order: order, $0) }),
    ])
  }

  static func amount(of item: WebOrderItem) -> Decimal {
    (DecimalText.parse(item.price) ?? 0) * Decimal(item.unitsPerBox) * Decimal(item.quantity)
  }

  // NOTE: Komet's item field list stops after `webOrderItemId`; the fields after it are the
  // sandbox's, not confirmed by Komet.
  private static func item(order: WebOrder, _ item: WebOrderItem) -> JSONValue {
    .object([
      "id": .string("\(order.id)-\(item.webOrderItemId)"),
      "webOrderItemId": .idNumber(item.webOrderItemId),
      "inventoryId": .string(item.inventoryId), "inventoryOrigin": .int(item.inventoryOrigin),
      "quantity": .int(item.quantity), "price": .string(item.price),
      "unitsPerBox": .int(item.unitsPerBox), "total": .string(DecimalText.format(amount(of: item))),
      "carrierId": .idNumber(item.carrierId), "date": .string(item.date),
      "shipToId": item.shipToId.map { .idNumber($0) } ?? .null,
      "markCode": item.markCode.map { .string($0) } ?? .null,
    ])
  }
}
