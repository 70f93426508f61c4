import Foundation

/// The `inventoryOrigin` codes of `web-order-item.add`.
///
/// The newer pages list 1 and 2 only, and the older ones also 3 and 4.
package enum InventoryOrigin: Int, CaseIterable, Sendable {
  // NOTE: documentation disagreement. Code 1 is "OH (On Hand)" on the newer pages and "OM
  // (Open Market)" on the older ones, but the number sent is the same.
  case onHand = 1
  case futureSales = 2
  case vendorAvailability = 3
  case kometToKomet = 4
}

/// The `statusId` filter of `web-order-details.list`.
package enum WebOrderStatus: Int, CaseIterable, Sendable {
  case pending = 1
  case checkedOut = 2
}

/// `web-order.create`: creates a web order header in Pending status.
package struct WebOrderCreateRequest: KometCall, Equatable {
  package typealias Response = WebOrderResult
  package static let method = KometMethod.webOrderCreate

  package var customerId: KometID
  /// The Company ID, or nil for the one `X-ACCOUNT` carries.
  package var companyId: KometID?
  /// Required for Multi-Location companies.
  package var companyLocationId: KometID?

  package init(customerId: KometID, companyLocationId: KometID? = nil) {
    self.customerId = customerId
    self.companyLocationId = companyLocationId
  }

  package func addParameters(to list: inout ParameterList) throws(KometError) {
    list.add("customerId", id: customerId)
    // Komet types this one ID as "integer 10", unlike the `integer:20` of the others.
    let company = companyId ?? list.companyId
    guard company.digits.count <= 10 else {
      throw list.invalid("companyId", company.digits, "it has more than 10 digits")
    }
    list.add("companyId", id: company)
    list.add("companyLocationId", id: companyLocationId)
  }
}

/// `web-order-item.add`: adds lines to a web order, to `webOrderId` when given, or else to a
/// pending order of the customer that Komet finds or creates.
package struct WebOrderItemAddRequest: KometCall, Equatable {
  package typealias Response = WebOrderItemAddResponse
  package static let method = KometMethod.webOrderItemAdd

  package var customerId: KometID
  /// The target web order.
  package var webOrderId: KometID?
  package var companyLocationId: KometID?
  /// Inventory line IDs from `ecommerce/inventory.list`.
  // NOTE: not confirmed by Komet: the field is one string, and several IDs are joined with
  // commas as the consolidated list's `inventoryItemIds` writes them.
  package var inventoryIds: [KometID]
  /// Required with `inventoryIds`.
  package var inventoryOrigin: InventoryOrigin?
  /// The unit price, `decimal:10,2`.
  package var price: Decimal?
  /// The number of boxes, `integer:10`.
  package var quantity: Int?
  package var carrierId: KometID?
  package var date: KometDate?
  package var shipToId: KometID?
  /// `string:20`.
  package var markCode: String?
  /// True for products associated with the customer. Default false.
  package var reservedInventory: Bool?
  /// The Product Legacy Code, in place of `inventoryIds`. Needs Transactional API Access.
  package var productCode: String?
  /// In place of `inventoryIds`. Needs Transactional API Access.
  package var companyProductId: KometID?
  /// With `productCode` or `companyProductId`. Needs Transactional API Access.
  package var boxTypeCode: String?
  /// Puts the customer's ship-to data on FedEx labels. Needs Transactional API Access.
  package var fedExInfoSameAsCustomer: Bool?

  package init(
    customerId: KometID, webOrderId: KometID? = nil, inventoryIds: [KometID],
    inventoryOrigin: InventoryOrigin, price: Decimal, quantity: Int, carrierId: KometID,
    date: KometDate? = nil
  ) {
    self.customerId = customerId
    self.webOrderId = webOrderId
    self.inventoryIds = inventoryIds
    self.inventoryOrigin = inventoryOrigin
    self.price = price
    self.quantity = quantity
    self.carrierId = carrierId
    self.date = date
  }

  package func addParameters(to list: inout ParameterList) throws(KometError) {
    try checkProductChoice(list)
    list.add("customerId", id: customerId)
    list.add("webOrderId", id: webOrderId)
    list.add("companyLocationId", id: companyLocationId)
    if !inventoryIds.isEmpty {
      let joined = inventoryIds.map(\.digits).joined(separator: ",")
      list.add("inventoryIds", json: .string(joined), queryText: joined)
    }
    if let inventoryOrigin {
      try list.add("inventoryOrigin", integer: inventoryOrigin.rawValue, range: 1...4)
    }
    try list.add("productCode", text: productCode, maxLength: 20)
    list.add("companyProductId", id: companyProductId)
    try list.add("boxTypeCode", text: boxTypeCode, maxLength: 3)
    try list.add("price", money: price)
    try list.add("quantity", integer: quantity, range: 1...9_999_999_999)
    list.add("carrierId", id: carrierId)
    list.add("date", date: date)
    list.add("shipToId", id: shipToId)
    try list.add("markCode", text: markCode, maxLength: 20)
    list.add("reservedInventory", boolean: reservedInventory, queryEncoding: .words)
    list.add("fedExInfoSameAsCustomer", boolean: fedExInfoSameAsCustomer, queryEncoding: .words)
  }

  private func checkProductChoice(_ list: ParameterList) throws(KometError) {
    if inventoryIds.isEmpty {
      guard productCode != nil || companyProductId != nil else {
        throw list.invalid(
          "inventoryIds", "", "set inventoryIds, or productCode or companyProductId")
      }
    } else if inventoryOrigin == nil {
      throw list.invalid("inventoryOrigin", "", "it is required with inventoryIds")
    }
  }
}

/// `web-order-details.list`: a web order and its lines, pending ones unless `statusId` says 2.
package struct WebOrderDetailsListRequest: KometCall, Equatable {
  package typealias Response = WebOrderDetailsListResponse
  package static let method = KometMethod.webOrderDetailsList

  package var customerId: KometID
  package var webOrderId: KometID
  /// Required for Multi-Location companies, `integer:10`.
  package var companyLocationId: KometID?
  /// Without it Komet returns only orders that are not checked out.
  package var statusId: WebOrderStatus?

  package init(
    customerId: KometID, webOrderId: KometID, companyLocationId: KometID? = nil,
    statusId: WebOrderStatus? = nil
  ) {
    self.customerId = customerId
    self.webOrderId = webOrderId
    self.companyLocationId = companyLocationId
    self.statusId = statusId
  }

  package func addParameters(to list: inout ParameterList) throws(KometError) {
    list.add("customerId", id: customerId)
    list.add("webOrderId", id: webOrderId)
    list.add("companyLocationId", id: companyLocationId)
    if let statusId {
      try list.add("statusId", integer: statusId.rawValue, range: 1...2)
    }
  }
}

/// `web-order.delete`: cancels a whole web order and its lines.
package struct WebOrderDeleteRequest: KometCall, Equatable {
  package typealias Response = WebOrderResult
  package static let method = KometMethod.webOrderDelete

  package var customerId: KometID
  package var webOrderId: KometID

  package init(customerId: KometID, webOrderId: KometID) {
    self.customerId = customerId
    self.webOrderId = webOrderId
  }

  package func addParameters(to list: inout ParameterList) throws(KometError) {
    list.add("customerId", id: customerId)
    list.add("webOrderId", id: webOrderId)
  }
}

/// `web-order.checkout`: checks a web order out. Only a User token may call it.
package struct WebOrderCheckoutRequest: KometCall, Equatable {
  package typealias Response = WebOrderResult
  package static let method = KometMethod.webOrderCheckout

  package var customerId: KometID
  package var webOrderId: KometID
  /// The customer's PO number, at most 50 characters.
  package var customerPo: String?
  package var companyLocationId: KometID?

  package init(
    customerId: KometID, webOrderId: KometID, customerPo: String? = nil,
    companyLocationId: KometID? = nil
  ) {
    self.customerId = customerId
    self.webOrderId = webOrderId
    self.customerPo = customerPo
    self.companyLocationId = companyLocationId
  }

  package func addParameters(to list: inout ParameterList) throws(KometError) {
    list.add("customerId", id: customerId)
    list.add("webOrderId", id: webOrderId)
    try addPurchaseOrder(to: &list)
    list.add("companyLocationId", id: companyLocationId)
  }

  private func addPurchaseOrder(to list: inout ParameterList) throws(KometError) {
    guard let customerPo else { return }
    guard customerPo.count <= 50 else {
      throw list.invalid("customerPo", customerPo, "it has more than 50 characters")
    }
    // A JSON number may not start with 0, so "007" stays a string.
    let isDigits =
      !customerPo.isEmpty && customerPo.allSatisfy { $0.isASCII && $0.isNumber }
      && (customerPo == "0" || !customerPo.hasPrefix("0"))
    let json: JSONValue =
      list.choices.purchaseOrderEncoding == .numberWhenDigits && isDigits
      ? .number(customerPo) : .string(customerPo)
    list.add("customerPo", json: json, queryText: customerPo)
  }
}
