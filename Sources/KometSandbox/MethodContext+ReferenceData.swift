extension MethodContext {
  func listCustomers(_ state: SandboxState) throws(Rejection) -> [String: JSONValue] {
    let id = try parameters.id("id", required: false)
    let name = try parameters.string("name", required: false, maxLength: 200)
    let code = try parameters.string("code", required: false, maxLength: 10)
    let salesPersonId = try parameters.id("salesPersonId", required: false)
    let includesInactive = try parameters.boolean("includeInactive") ?? false
    let locationId = try optionalLocation("locationId", in: state)
    let updatedSince = try parameters.date("updateAsOf", required: false)

    let rows = state.customers.filter { customer in
      (id == nil || customer.id == id)
        && (name.map { customer.name.containsIgnoringCase($0) } ?? true)
        && (code.map { customer.code.lowercased() == $0.lowercased() } ?? true)
        && (salesPersonId == nil || customer.salesPersonId == salesPersonId)
        && (includesInactive || customer.isActive)
        && (locationId.map { customer.locationIds.contains($0) } ?? true)
        && (updatedSince.map { String(customer.updatedOn.prefix(10)) >= $0 } ?? true)
    }
    return okFields(
      "customers",
      rows.map { customer in
        .object([
          "id": .string(customer.id), "accountingCode": .string(customer.accountingCode),
          "name": .string(customer.name), "code": .string(customer.code),
          "active": .int(customer.isActive ? 1 : 0), "salesPerson": .string(customer.salesPerson),
          "salesPersonId": .string(customer.salesPersonId),
          "customerType": .string(customer.customerType),
          "updatedOn": .string(customer.updatedOn),
        ])
      })
  }

  func listLocations(_ state: SandboxState) throws(Rejection) -> [String: JSONValue] {
    let id = try parameters.id("id", required: false)
    let name = try parameters.string("name", required: false, maxLength: 200)
    let code = try parameters.string("code", required: false, maxLength: 10)

    let rows = state.locations
      .filter { location in
        (id == nil || location.id == id)
          && (name.map { location.name.containsIgnoringCase($0) } ?? true)
          && (code.map { location.code.lowercased() == $0.lowercased() } ?? true)
      }
      .sorted { $0.name < $1.name }
    return okFields(
      "locations",
      rows.map {
        .object(["id": .string($0.id), "name": .string($0.name), "code": .string($0.code)])
      })
  }

  /// Lists carriers with numbers for IDs and `active`, and `status` 1 as a number, as the
  /// carrier sample writes its numbers.
  func listCarriers(_ state: SandboxState) throws(Rejection) -> [String: JSONValue] {
    let id = try parameters.id("id", required: false)
    let name = try parameters.string("name", required: false, maxLength: 200)
    let code = try parameters.string("code", required: false, maxLength: 10)
    let isActive = try parameters.boolean("active")

    let rows = state.carriers.filter { carrier in
      (id == nil || carrier.id == id)
        && (name.map { carrier.name.containsIgnoringCase($0) } ?? true)
        && (code.map { carrier.code.lowercased() == $0.lowercased() } ?? true)
        && (isActive.map { carrier.isActive == $0 } ?? true)
    }
    let carriers = rows.map { carrier -> JSONValue in
      .object([
        "id": .idNumber(carrier.id), "code": .string(carrier.code), "name": .string(carrier.name),
        "active": .int(carrier.isActive ? 1 : 0), "street": .string(carrier.street),
        "city": .string(carrier.city), "state": .string(carrier.state),
        "zipCode": .string(carrier.zipCode), "country": .string(carrier.country),
        "phone": .string(carrier.phone), "kometNetworkName": .string(carrier.name),
        "kometNetworkId": .int(4200 + (Int(carrier.id) ?? 0) % 100),
      ])
    }
    return ["status": .int(1), "message": .string("OK"), "carriers": .array(carriers)]
  }

  func listShipTos(_ state: SandboxState) throws(Rejection) -> [String: JSONValue] {
    let customerId = try parameters.id("customerId", required: false)
    let id = try parameters.id("id", required: false)
    let name = try parameters.string("name", required: false, maxLength: 200)
    // Komet's page spells this parameter both ways.
    let spelledUpdateAsOf = try parameters.date("updateAsOf", required: false)
    let spelledUpdatedAsOf = try parameters.date("updatedAsOf", required: false)
    let updatedSince = spelledUpdateAsOf ?? spelledUpdatedAsOf
    guard customerId != nil || name != nil || updatedSince != nil else {
      throw .parameter("Send at least one of customerId, name or updateAsOf.")
    }
    if let customerId {
      _ = try checkedCustomer(customerId, in: state)
    }

    let rows = state.shipTos.filter { shipTo in
      (customerId == nil || shipTo.customerId == customerId)
        && (id == nil || shipTo.id == id)
        && (name.map { shipTo.name.containsIgnoringCase($0) } ?? true)
        && (updatedSince.map { shipTo.updatedAsOf >= $0 } ?? true)
    }
    return okFields("shiptos", rows.map { shipToRow($0, carriers: state.carriers) })
  }

  private func shipToRow(_ shipTo: ShipTo, carriers: [Carrier]) -> JSONValue {
    let carrier = carriers.first { $0.id == shipTo.carrierId }
    return .object([
      "id": .idNumber(shipTo.id), "shipToCode": .string(shipTo.shipToCode),
      "name": .string(shipTo.name), "address": .string(shipTo.address),
      "city": .string(shipTo.city), "state": .string(shipTo.state),
      "zipcode": .string(shipTo.zipcode), "country": .string(shipTo.country),
      "phone": .string(shipTo.phone), "fax": .string(""),
      "carrierId": .idNumber(shipTo.carrierId), "carrierName": .string(carrier?.name ?? ""),
      "carrierAccount": .string(shipTo.carrierAccount),
      "carrierCode": .string(carrier?.code ?? ""), "updatedAsOf": .string(shipTo.updatedAsOf),
    ])
  }

  func listBoxTypes(_ state: SandboxState) throws(Rejection) -> [String: JSONValue] {
    let id = try parameters.id("id", required: false)
    let code = try parameters.string("code", required: false, maxLength: 3)

    let rows = state.boxTypes
      .filter { boxType in
        (id == nil || boxType.id == id)
          && (code.map { boxType.code.lowercased() == $0.lowercased() } ?? true)
      }
      .sorted { $0.code < $1.code }
    return okFields(
      "boxtypes",
      rows.map { boxType in
        .object([
          "code": .string(boxType.code), "kometNetworkName": .string(boxType.code),
          "fbe": .number(DecimalText.parse(boxType.fbe) ?? 0), "id": .idNumber(boxType.id),
          "kometNetworkId": .int(boxType.kometNetworkId),
        ])
      })
  }
}
