import Foundation

/// The response of `customer.list`.
package struct CustomerListResponse: KometResponse, Equatable {
  package let message: String?
  package let customers: [Customer]

  package init(from object: ResponseObject) throws(KometError) {
    message = try object.optionalText("message")
    var customers: [Customer] = []
    for customer in try object.objects(anyOf: ["customers"]) {
      customers.append(try Customer(from: customer))
    }
    self.customers = customers
  }
}

/// A customer, whose `id` is the `customerId` every other method takes.
package struct Customer: Equatable, Sendable {
  package let id: KometID
  /// `string:20`.
  package let accountingCode: String?
  /// `string:200`.
  package let name: String?
  /// `string:10`.
  package let code: String?
  package let active: Bool?
  package let salesPerson: String?
  package let salesPersonId: KometID?
  /// Such as `Retailer` or `Wholesaler`.
  package let customerType: String?
  /// The date-time `YYYY-MM-DD'T'hh:mm:ss`, kept as text because its time zone is not given.
  package let updatedOn: String?

  init(from object: ResponseObject) throws(KometError) {
    id = try object.id("id")
    accountingCode = try object.optionalText("accountingCode")
    name = try object.optionalText("name")
    code = try object.optionalText("code")
    active = try object.optionalBoolean("active")
    salesPerson = try object.optionalText("salesPerson")
    salesPersonId = try object.optionalID("salesPersonId")
    customerType = try object.optionalText("customerType")
    updatedOn = try object.optionalText("updatedOn")
  }
}

/// The response of `location.list`.
package struct LocationListResponse: KometResponse, Equatable {
  package let message: String?
  package let locations: [Location]

  package init(from object: ResponseObject) throws(KometError) {
    message = try object.optionalText("message")
    var locations: [Location] = []
    for location in try object.objects(anyOf: ["locations"]) {
      locations.append(
        Location(
          id: try location.id("id"), name: try location.optionalText("name"),
          code: try location.optionalText("code")))
    }
    self.locations = locations
  }
}

/// A company location, whose `id` is the `companyLocationId` and `locationId` other methods take.
package struct Location: Equatable, Sendable {
  package let id: KometID
  /// `string:200`.
  package let name: String?
  /// `string:10`.
  package let code: String?
}

/// The response of `carrier.list`.
package struct CarrierListResponse: KometResponse, Equatable {
  package let message: String?
  package let carriers: [Carrier]

  package init(from object: ResponseObject) throws(KometError) {
    message = try object.optionalText("message")
    var carriers: [Carrier] = []
    for carrier in try object.objects(anyOf: ["carriers"]) {
      carriers.append(try Carrier(from: carrier))
    }
    self.carriers = carriers
  }
}

/// A carrier, whose `id` is the `carrierId` other methods take.
package struct Carrier: Equatable, Sendable {
  package let id: KometID
  /// `string:10`.
  package let code: String?
  /// `string:200`.
  package let name: String?
  package let active: Bool?
  package let street: String?
  package let city: String?
  package let state: String?
  package let zipCode: String?
  package let country: String?
  /// Declared `integer:20`, but the example sends `"1 (888) 247-2262"`, so it is text.
  package let phone: String?
  /// The carrier's name in the Komet Network Codes master data.
  package let kometNetworkName: String?
  package let kometNetworkId: KometID?

  init(from object: ResponseObject) throws(KometError) {
    id = try object.id("id")
    code = try object.optionalText("code")
    name = try object.optionalText("name")
    active = try object.optionalBoolean("active")
    street = try object.optionalText("street")
    city = try object.optionalText("city")
    state = try object.optionalText("state")
    zipCode = try object.optionalText("zipCode")
    country = try object.optionalText("country")
    phone = try object.optionalText("phone")
    kometNetworkName = try object.optionalText("kometNetworkName")
    kometNetworkId = try object.optionalID("kometNetworkId")
  }
}

/// The response of `customer.shipto.list`.
package struct ShipToListResponse: KometResponse, Equatable {
  package let message: String?
  package let shiptos: [ShipTo]

  package init(from object: ResponseObject) throws(KometError) {
    message = try object.optionalText("message")
    var shipTos: [ShipTo] = []
    for shipTo in try object.objects(anyOf: ["shiptos"]) {
      shipTos.append(try ShipTo(from: shipTo))
    }
    shiptos = shipTos
  }
}

/// A customer's ship-to address, whose `id` is the `shipToId` other methods take.
package struct ShipTo: Equatable, Sendable {
  package let id: KometID
  /// `string:50`.
  package let shipToCode: String?
  package let name: String?
  package let address: String?
  package let city: String?
  package let state: String?
  /// `string:10`.
  package let zipcode: String?
  package let country: String?
  package let phone: String?
  package let fax: String?
  package let carrierId: KometID?
  package let carrierName: String?
  package let carrierAccount: String?
  package let carrierCode: String?
  package let updatedAsOf: KometDate?

  init(from object: ResponseObject) throws(KometError) {
    id = try object.id("id")
    shipToCode = try object.optionalText("shipToCode")
    name = try object.optionalText("name")
    address = try object.optionalText("address")
    city = try object.optionalText("city")
    state = try object.optionalText("state")
    zipcode = try object.optionalText("zipcode")
    country = try object.optionalText("country")
    phone = try object.optionalText("phone")
    fax = try object.optionalText("fax")
    carrierId = try object.optionalID("carrierId")
    carrierName = try object.optionalText("carrierName")
    carrierAccount = try object.optionalText("carrierAccount")
    carrierCode = try object.optionalText("carrierCode")
    updatedAsOf = try object.optionalDate("updatedAsOf")
  }
}

/// The response of `boxtype.list`.
package struct BoxTypeListResponse: KometResponse, Equatable {
  package let message: String?
  package let boxtypes: [BoxType]

  package init(from object: ResponseObject) throws(KometError) {
    message = try object.optionalText("message")
    var boxTypes: [BoxType] = []
    for boxType in try object.objects(anyOf: ["boxtypes"]) {
      boxTypes.append(
        BoxType(
          id: try boxType.id("id"), code: try boxType.text("code"),
          kometNetworkName: try boxType.optionalText("kometNetworkName"),
          fbe: try boxType.optionalDecimal("fbe"),
          kometNetworkId: try boxType.optionalID("kometNetworkId")))
    }
    boxtypes = boxTypes
  }
}

/// A box type, whose `code` is the `boxTypeCode` other methods take.
package struct BoxType: Equatable, Sendable {
  package let id: KometID
  /// `string:3`, such as `FB` or `HB`.
  package let code: String
  package let kometNetworkName: String?
  /// Full Box Equivalent, `decimal:10,2`.
  package let fbe: Decimal?
  package let kometNetworkId: KometID?
}
