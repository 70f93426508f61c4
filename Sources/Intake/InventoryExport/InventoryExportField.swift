import KometExports

/// A column of the assumed Komet inventory export, with the headers accepted for it.
///
/// Komet documents no inventory export, so this layout is komet-dwf's assumption, listed in
/// `docs/exports.md`. Headers match after `HeaderSynonyms.normalize`, so case, spaces and
/// punctuation do not matter. Within a field, earlier headers win when a row has several.
enum InventoryExportField: String, CaseIterable, Sendable {
  case inventoryId
  case origin
  case productCode
  case productDescription
  case grade
  case category
  case boxType
  case unitsPerBox
  case unitType
  case boxesAvailable
  case unitPrice
  case locationId
  case availableFrom
  case availableTo

  /// The fields a header row must have for its rows to become inventory lines.
  static let required: [InventoryExportField] = [
    .inventoryId, .origin, .boxesAvailable, .unitPrice,
  ]

  /// The accepted headers in priority order.
  var headers: [String] {
    switch self {
    case .inventoryId:
      return ["Inventory Id", "Inventory Line Id", "Line Id", "Inventory Item Id", "Inventory #"]
    case .origin: return ["Origin", "Inventory Type", "Availability Type"]
    case .productCode: return ["Product Code", "Item Code", "Product Id", "SKU"]
    case .productDescription:
      return ["Product Description", "Description", "Product Name", "Item Description", "Product"]
    case .grade: return ["Grade", "Length", "Size"]
    case .category: return ["Category", "Product Category", "Product Group"]
    case .boxType: return ["Box Type", "Box Code", "Box"]
    case .unitsPerBox: return ["Units Per Box", "Units/Box", "Pack", "Pack Size", "Qty Per Box"]
    case .unitType: return ["Unit Type", "Unit", "UOM", "Unit Of Measure"]
    case .boxesAvailable:
      return ["Boxes Available", "Available Boxes", "Boxes", "Qty Available", "Available"]
    case .unitPrice: return ["Unit Price", "Price", "Price Per Unit"]
    case .locationId: return ["Location Id", "Loc Id", "Warehouse Id"]
    case .availableFrom: return ["Available From", "Available Date", "Date From", "Ship Date"]
    case .availableTo: return ["Available To", "Available Until", "Date To"]
    }
  }

  /// The field's name in messages, the first accepted header.
  var displayName: String { headers[0] }

  /// Returns the field and priority (0 for the first) of a header, or nil when it names none.
  static func field(forHeader header: String) -> (field: InventoryExportField, priority: Int)? {
    lookup[HeaderSynonyms.normalize(header)]
  }

  private static let lookup: [String: (field: InventoryExportField, priority: Int)] = {
    var result: [String: (field: InventoryExportField, priority: Int)] = [:]
    for field in allCases {
      for (priority, header) in field.headers.enumerated() {
        let key = HeaderSynonyms.normalize(header)
        precondition(result[key] == nil, "inventory header \(header) is listed twice")
        result[key] = (field, priority)
      }
    }
    return result
  }()
}
