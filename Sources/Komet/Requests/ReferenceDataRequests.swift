/// `customer.list`: customers, filtered case-insensitively.
package struct CustomerListRequest: KometCall, Equatable {
  package typealias Response = CustomerListResponse
  package static let method = KometMethod.customerList

  package var id: KometID?
  /// Matched with LIKE.
  package var name: String?
  package var code: String?
  package var salesPersonId: KometID?
  /// True also returns deactivated customers.
  package var includeInactive: Bool?
  package var locationId: KometID?
  /// Only customers updated on or after this date.
  package var updateAsOf: KometDate?

  package init(id: KometID? = nil, name: String? = nil, includeInactive: Bool? = nil) {
    self.id = id
    self.name = name
    self.includeInactive = includeInactive
  }

  package func addParameters(to list: inout ParameterList) throws(KometError) {
    list.add("id", id: id)
    try list.add("name", text: name, maxLength: 200)
    try list.add("code", text: code, maxLength: 10)
    list.add("salesPersonId", id: salesPersonId)
    list.add(
      "includeInactive", boolean: includeInactive,
      queryEncoding: list.choices.includeInactiveEncoding)
    list.add("locationId", id: locationId)
    list.add("updateAsOf", date: updateAsOf)
  }
}

/// `location.list`: the company's locations, sorted by name.
package struct LocationListRequest: KometCall, Equatable {
  package typealias Response = LocationListResponse
  package static let method = KometMethod.locationList

  package var id: KometID?
  package var name: String?
  package var code: String?

  package init(id: KometID? = nil, name: String? = nil, code: String? = nil) {
    self.id = id
    self.name = name
    self.code = code
  }

  package func addParameters(to list: inout ParameterList) throws(KometError) {
    list.add("id", id: id)
    try list.add("name", text: name, maxLength: 200)
    try list.add("code", text: code, maxLength: 10)
  }
}

/// `carrier.list`: carriers, where `id` and `code` match exactly and `name` with LIKE.
package struct CarrierListRequest: KometCall, Equatable {
  package typealias Response = CarrierListResponse
  package static let method = KometMethod.carrierList

  package var id: KometID?
  package var name: String?
  package var code: String?
  package var active: Bool?

  package init(id: KometID? = nil, name: String? = nil, code: String? = nil, active: Bool? = nil) {
    self.id = id
    self.name = name
    self.code = code
    self.active = active
  }

  package func addParameters(to list: inout ParameterList) throws(KometError) {
    list.add("id", id: id)
    try list.add("name", text: name, maxLength: 200)
    try list.add("code", text: code, maxLength: 10)
    list.add("active", boolean: active, queryEncoding: .digits)
  }
}

/// `customer.shipto.list`: ship-to addresses. At least one of `customerId`, `name` and
/// `updatedSince` must be set.
package struct ShipToListRequest: KometCall, Equatable {
  package typealias Response = ShipToListResponse
  package static let method = KometMethod.customerShipToList

  package var customerId: KometID?
  /// The ship-to ID.
  package var id: KometID?
  package var name: String?
  /// Sent as `updateAsOf`, or as `updatedAsOf` when the documentation switch says so.
  package var updatedSince: KometDate?

  package init(customerId: KometID? = nil, name: String? = nil, updatedSince: KometDate? = nil) {
    self.customerId = customerId
    self.name = name
    self.updatedSince = updatedSince
  }

  package func addParameters(to list: inout ParameterList) throws(KometError) {
    guard customerId != nil || name != nil || updatedSince != nil else {
      throw list.invalid(
        "customerId", "", "set at least one of customerId, name and the updated-since date")
    }
    list.add("customerId", id: customerId)
    list.add("id", id: id)
    try list.add("name", text: name, maxLength: 200)
    list.add(list.choices.shipToUpdatedSinceParameter, date: updatedSince)
  }
}

/// `boxtype.list`: box types, sorted by code.
package struct BoxTypeListRequest: KometCall, Equatable {
  package typealias Response = BoxTypeListResponse
  package static let method = KometMethod.boxTypeList

  package var id: KometID?
  package var code: String?

  package init(id: KometID? = nil, code: String? = nil) {
    self.id = id
    self.code = code
  }

  package func addParameters(to list: inout ParameterList) throws(KometError) {
    list.add("id", id: id)
    try list.add("code", text: code, maxLength: 3)
  }
}
