/// `ecommerce/inventory.list`: one page of the inventory the e-commerce site shows a customer,
/// on hand, future and vendor availability in boxes.
package struct EcommerceInventoryListRequest: KometCall, Equatable {
  package typealias Response = EcommerceInventoryListResponse
  package static let method = KometMethod.ecommerceInventoryList
  /// Komet returns the first 30 records when `page` is empty.
  package static let defaultRowsPerPage = 30

  package var customerId: KometID
  /// True for the products associated with `customerId`, false for those with no customer.
  /// It needs Transactional API Access.
  package var reservedInventory: Bool?
  /// Required for Multi-Location companies.
  package var companyLocationId: KometID?
  /// Without it Komet searches from today to two months ahead. For Open Market searches only.
  package var availableDate: KometDate?
  /// The 1-based page number.
  package var page: Int?
  package var rows: Int?
  /// Searches the product description (older page).
  package var searchText: String?
  package var categoryId: KometID?
  package var color: String?

  package init(
    customerId: KometID, companyLocationId: KometID? = nil, page: Int? = nil, rows: Int? = nil
  ) {
    self.customerId = customerId
    self.companyLocationId = companyLocationId
    self.page = page
    self.rows = rows
  }

  package func addParameters(to list: inout ParameterList) throws(KometError) {
    list.add("customerId", id: customerId)
    list.add("reservedInventory", boolean: reservedInventory, queryEncoding: .words)
    list.add("companyLocationId", id: companyLocationId)
    list.add("availableDate", date: availableDate)
    try list.add("page", integer: page, range: 1...Int.max)
    try list.add("rows", integer: rows, range: 1...Int.max)
    // The page gives no length for `searchText` and `color`, so 200 follows its other filters.
    try list.add("searchText", text: searchText, maxLength: 200)
    list.add("categoryId", id: categoryId)
    try list.add("color", text: color, maxLength: 200)
  }
}

/// `inventory.openmarket.list`: the current Open Market inventory, line by line.
package struct OpenMarketInventoryListRequest: KometCall, Equatable {
  package typealias Response = OpenMarketInventoryListResponse
  package static let method = KometMethod.openMarketInventoryList

  /// Multi-Location companies only.
  package var locationId: KometID?
  /// Makes the FOB price follow this customer's settings.
  package var customerId: KometID?

  package init(locationId: KometID? = nil, customerId: KometID? = nil) {
    self.locationId = locationId
    self.customerId = customerId
  }

  package func addParameters(to list: inout ParameterList) throws(KometError) {
    list.add("locationId", id: locationId)
    list.add("customerId", id: customerId)
  }
}

/// `future.inventory.openmarket.list`: future Open Market inventory available in a date window.
package struct FutureOpenMarketInventoryListRequest: KometCall, Equatable {
  package typealias Response = OpenMarketInventoryListResponse
  package static let method = KometMethod.futureOpenMarketInventoryList

  package var dateFrom: KometDate
  package var dateTo: KometDate
  package var locationId: KometID?
  package var customerId: KometID?

  package init(
    dateFrom: KometDate, dateTo: KometDate, locationId: KometID? = nil, customerId: KometID? = nil
  ) {
    self.dateFrom = dateFrom
    self.dateTo = dateTo
    self.locationId = locationId
    self.customerId = customerId
  }

  package func addParameters(to list: inout ParameterList) throws(KometError) {
    guard dateFrom <= dateTo else {
      throw list.invalid("dateTo", dateTo.description, "it is before dateFrom \(dateFrom)")
    }
    list.add("dateFrom", date: dateFrom)
    list.add("dateTo", date: dateTo)
    list.add("locationId", id: locationId)
    list.add("customerId", id: customerId)
  }
}
