/// A field of the order file format, with its CSV header and its JSON key.
package enum OrderField: String, Sendable, CaseIterable, Hashable {
  case formatVersion
  case orderNumber
  case action
  case shipDate
  case carrierId
  case carrierCode
  case shipToId
  case locationId
  case customerPO
  case lineNumber
  case inventoryId
  case origin
  case quantity
  case unitPrice
  case markCode

  /// The CSV header, such as `unit_price`.
  package var csvHeader: String {
    switch self {
    case .formatVersion: "format_version"
    case .orderNumber: "order_number"
    case .action: "action"
    case .shipDate: "ship_date"
    case .carrierId: "carrier_id"
    case .carrierCode: "carrier_code"
    case .shipToId: "ship_to_id"
    case .locationId: "location_id"
    case .customerPO: "customer_po"
    case .lineNumber: "line_number"
    case .inventoryId: "inventory_id"
    case .origin: "origin"
    case .quantity: "quantity"
    case .unitPrice: "unit_price"
    case .markCode: "mark_code"
    }
  }

  /// The JSON key, such as `unitPrice`.
  package var jsonKey: String { rawValue }

  /// Whether the field belongs to a line rather than to the order.
  package var isLineField: Bool {
    switch self {
    case .lineNumber, .inventoryId, .origin, .quantity, .unitPrice, .markCode: true
    default: false
    }
  }

  /// The headers a CSV order file must have, blank cells allowed, so that a missing column
  /// is caught as a missing header and not as a blank value on every row.
  package static let requiredCSVHeaders: [OrderField] = [
    .orderNumber, .shipDate, .inventoryId, .origin, .quantity, .unitPrice,
  ]

  /// The order-level fields, in the order the format lists them.
  static let orderFields: [OrderField] = allCases.filter { !$0.isLineField && $0 != .formatVersion }

  /// The line fields, in the order the format lists them.
  static let lineFields: [OrderField] = allCases.filter(\.isLineField)
}
