import Foundation

extension MethodContext {
  /// Lists on-hand lines with boxes left, with numbers for IDs and `status` 1 as a number.
  func listOpenMarket(_ state: SandboxState) throws(Rejection) -> [String: JSONValue] {
    let locationId = try optionalLocation("locationId", in: state)
    if let customerId = try parameters.id("customerId", required: false) {
      _ = try checkedCustomer(customerId, in: state)
    }

    let rows = state.inventory.filter { line in
      line.origin == .onHand && line.availableBoxes > 0
        && (locationId == nil || line.locationId == locationId)
    }
    return openMarketFields(rows.map { openMarketRow($0) })
  }

  /// Lists future lines available from `dateFrom` through `dateTo`.
  func listFutureOpenMarket(_ state: SandboxState) throws(Rejection) -> [String: JSONValue] {
    let dateFrom = try parameters.date("dateFrom", required: true)!
    let dateTo = try parameters.date("dateTo", required: true)!
    guard dateFrom <= dateTo else {
      throw .parameter("Parameter dateFrom must not be after dateTo.")
    }
    let locationId = try optionalLocation("locationId", in: state)
    if let customerId = try parameters.id("customerId", required: false) {
      _ = try checkedCustomer(customerId, in: state)
    }

    let rows = state.inventory.filter { line in
      line.origin == .future && line.availableBoxes > 0
        && (dateFrom...dateTo).contains(line.availableDate)
        && (locationId == nil || line.locationId == locationId)
    }
    return openMarketFields(
      rows.map { line in
        guard case .object(var fields) = openMarketRow(line) else { return .null }
        fields["portOfOrigin"] = .string("BOG")
        // NOTE: Komet's field list stops before any date; `availableDate` is the sandbox's.
        fields["availableDate"] = .string(line.availableDate)
        return .object(fields)
      })
  }

  private func openMarketFields(_ rows: [JSONValue]) -> [String: JSONValue] {
    ["status": .int(1), "message": .string("OK"), "inventoryItems": .array(rows)]
  }

  private func openMarketRow(_ line: InventoryLine) -> JSONValue {
    .object([
      "inventoryId": .idNumber(line.inventoryId),
      "companyProductId": .idNumber(line.companyProductId),
      "productDescription": .string(line.productDescription),
      "productCode": .string(line.productCode), "grade": .string(line.grade),
      "category": .string(line.category), "quantity": .int(line.availableBoxes),
      "totalUnits": .int(line.availableBoxes * line.unitsPerBox),
      "boxTypeId": .idNumber(line.boxTypeId), "boxTypeCode": .string(line.boxTypeCode),
      "unitType": .string(line.unitType), "bunches": .int(line.bunches),
      "unitsPerBox": .int(line.unitsPerBox), "stemsBunch": .int(line.stemsBunch),
      "price": .string(line.price), "priceB": .string(line.price),
      "fobPrice": .string(line.price),
    ])
  }

  /// Lists one customer's e-commerce lines at one location, a page at a time.
  ///
  /// Without `availableDate` the window runs from today through two months ahead; with it,
  /// through that date. Without `page`, the first page of 30 rows is returned.
  func listECommerce(_ state: SandboxState) throws(Rejection) -> [String: JSONValue] {
    let customerId = try parameters.id("customerId", required: true)!
    _ = try checkedCustomer(customerId, in: state)
    let location = try checkedLocation(in: state)
    let availableDate = try parameters.date("availableDate", required: false)
    let page = try parameters.integer("page", required: false, digits: 20, in: 1...1_000_000) ?? 1
    let rows = try parameters.integer("rows", required: false, digits: 20, in: 1...1000) ?? 30
    let searchText = try parameters.string("searchText", required: false, maxLength: 200)
    _ = try parameters.boolean("reservedInventory")

    let lastDay = availableDate ?? DateText.format(now, plusDays: 61)
    let matching = state.inventory.filter { line in
      line.locationId == location.id && line.availableBoxes > 0
        && line.availableDate <= lastDay
        && (searchText.map { line.productDescription.containsIgnoringCase($0) } ?? true)
    }
    let start = min((page - 1) * rows, matching.count)
    let pageRows = matching[start..<min(start + rows, matching.count)]

    // NOTE: Komet's page shows only `status`, `message` and `total`; the item array's name
    // and fields are the sandbox's choice, not confirmed by Komet.
    return [
      "status": .string("1"), "message": .string("OK"), "total": .int(matching.count),
      "inventoryItems": .array(pageRows.map { eCommerceRow($0) }),
    ]
  }

  private func eCommerceRow(_ line: InventoryLine) -> JSONValue {
    .object([
      "inventoryId": .string(line.inventoryId), "inventoryOrigin": .int(line.origin.rawValue),
      "companyProductId": .string(line.companyProductId),
      "productCode": .string(line.productCode),
      "productDescription": .string(line.productDescription),
      "category": .string(line.category), "grade": .string(line.grade),
      "boxTypeId": .string(line.boxTypeId), "boxTypeCode": .string(line.boxTypeCode),
      "unitType": .string(line.unitType), "bunches": .int(line.bunches),
      "stemsBunch": .int(line.stemsBunch), "unitsPerBox": .int(line.unitsPerBox),
      "price": .string(line.price), "availableBoxes": .int(line.availableBoxes),
      "availableDate": .string(line.availableDate),
      "companyLocationId": .string(line.locationId),
    ])
  }
}
