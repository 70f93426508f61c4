import Foundation

extension MethodContext {
  /// Creates a pending web order header for a customer at one location of this company.
  func createWebOrder(_ state: inout SandboxState) throws(Rejection) -> [String: JSONValue] {
    let customerId = try parameters.id("customerId", required: true)!
    let companyId = try parameters.id("companyId", required: true, digits: 10)!
    let customer = try checkedCustomer(customerId, in: state)
    let location = try checkedLocation(in: state)
    guard companyId == state.companyId else {
      throw .parameter("Company \(companyId) is not the company of this account.")
    }
    try checkActive(customer, at: location)

    let order = newOrder(customerId: customerId, locationId: location.id, in: &state)
    return [
      "message": .string("Web order was successfully created."), "status": .string("1"),
      "webOrderId": .string(order.id),
    ]
  }

  /// Adds one line to a web order and takes its boxes off the inventory.
  ///
  /// Without `webOrderId`, the line goes onto the customer's latest pending order at the
  /// same location, or onto a new order when there is none.
  func addWebOrderItem(_ state: inout SandboxState) throws(Rejection) -> [String: JSONValue] {
    let request = try WebOrderItemRequest(parameters, context: self, state: state)
    let lineIndex = try availableLine(for: request, in: state)

    let orderIndex: Int
    if let webOrderId = request.webOrderId {
      orderIndex = try pendingOrderIndex(webOrderId, customerId: request.customerId, in: state)
      guard state.webOrders[orderIndex].companyLocationId == request.locationId else {
        throw .parameter("Web order \(webOrderId) belongs to another location.")
      }
    } else if let found = state.webOrders.lastIndex(where: {
      $0.customerId == request.customerId && $0.companyLocationId == request.locationId
        && $0.statusId == 1 && !$0.isCanceled
    }) {
      orderIndex = found
    } else {
      _ = newOrder(customerId: request.customerId, locationId: request.locationId, in: &state)
      orderIndex = state.webOrders.count - 1
    }

    let item = WebOrderItem(
      webOrderItemId: String(state.nextWebOrderItemId), inventoryId: request.inventoryId,
      inventoryOrigin: request.origin.rawValue, quantity: request.quantity,
      price: DecimalText.format(request.price),
      unitsPerBox: state.inventory[lineIndex].unitsPerBox, carrierId: request.carrierId,
      date: request.date, shipToId: request.shipToId, markCode: request.markCode)
    state.nextWebOrderItemId += 1
    state.inventory[lineIndex].availableBoxes -= request.quantity
    state.webOrders[orderIndex].items.append(item)

    // NOTE: Komet shows no response for this method; these fields are the sandbox's guess
    // from the sibling web-order methods, not confirmed by Komet.
    return [
      "message": .string("The item was successfully added to the web order."),
      "status": .string("1"), "webOrderId": .string(state.webOrders[orderIndex].id),
      "webOrderItemId": .string(item.webOrderItemId),
    ]
  }

  /// Returns the web order named by the query if it has the requested status (1 when none
  /// is given), with its items.
  func listWebOrderDetails(_ state: SandboxState) throws(Rejection) -> [String: JSONValue] {
    let customerId = try parameters.id("customerId", required: true)!
    let webOrderId = try parameters.id("webOrderId", required: true)!
    _ = try checkedCustomer(customerId, in: state)
    let location = try checkedLocation(digits: 10, in: state)
    let statusId = try parameters.integer("statusId", required: false, digits: 1, in: 1...2) ?? 1

    let order = try existingOrder(webOrderId, customerId: customerId, in: state)
    let matches = order.statusId == statusId && order.companyLocationId == location.id
    return [
      "status": .int(1), "message": .string("OK"),
      "webOrders": .array(matches ? [WebOrderJSON.order(order)] : []),
    ]
  }

  /// Cancels a web order and its items, and puts their boxes back on the inventory.
  func deleteWebOrder(_ state: inout SandboxState) throws(Rejection) -> [String: JSONValue] {
    let customerId = try parameters.id("customerId", required: true)!
    let webOrderId = try parameters.id("webOrderId", required: true)!
    _ = try checkedCustomer(customerId, in: state)
    _ = try existingOrder(webOrderId, customerId: customerId, in: state)

    let orderIndex = state.webOrders.firstIndex { $0.id == webOrderId }!
    for item in state.webOrders[orderIndex].items {
      if let line = state.inventory.firstIndex(where: { $0.inventoryId == item.inventoryId }) {
        state.inventory[line].availableBoxes += item.quantity
      }
    }
    state.webOrders[orderIndex].isCanceled = true
    return [
      "message": .string("The Web Order was successfully canceled."),
      "webOrderId": .string(webOrderId), "status": .string("1"),
    ]
  }

  /// Checks out a pending web order that has lines, which moves it to status 2.
  func checkOutWebOrder(_ state: inout SandboxState) throws(Rejection) -> [String: JSONValue] {
    let customerId = try parameters.id("customerId", required: true)!
    let webOrderId = try parameters.id("webOrderId", required: true)!
    let customerPo = try parameters.string("customerPo", required: false, maxLength: 50)
    _ = try checkedCustomer(customerId, in: state)
    let location = try checkedLocation(in: state)

    let orderIndex = try pendingOrderIndex(webOrderId, customerId: customerId, in: state)
    guard state.webOrders[orderIndex].companyLocationId == location.id else {
      throw .parameter("Web order \(webOrderId) belongs to another location.")
    }
    guard !state.webOrders[orderIndex].items.isEmpty else {
      throw .parameter("Web order \(webOrderId) has no items to check out.")
    }
    state.webOrders[orderIndex].statusId = 2
    state.webOrders[orderIndex].customerPo = customerPo
    return [
      "message": .string("The Web Order was successfully checked out."),
      "webOrderId": .string(webOrderId), "status": .string("1"),
    ]
  }

  // MARK: Helpers

  private func checkActive(_ customer: Customer, at location: Location) throws(Rejection) {
    guard customer.isActive else {
      throw .parameter("Customer \(customer.id) is inactive.")
    }
    guard customer.locationIds.contains(location.id) else {
      throw .parameter("Customer \(customer.id) is not associated with location \(location.id).")
    }
  }

  private func newOrder(
    customerId: String, locationId: String, in state: inout SandboxState
  ) -> WebOrder {
    let order = WebOrder(
      id: String(state.nextWebOrderId), number: String(state.nextWebOrderNumber),
      customerId: customerId, companyLocationId: locationId, statusId: 1, isCanceled: false,
      customerPo: nil, items: [])
    state.nextWebOrderId += 1
    state.nextWebOrderNumber += 1
    state.webOrders.append(order)
    return order
  }

  /// Returns the customer's web order `id`, rejecting an unknown or canceled one.
  private func existingOrder(
    _ id: String, customerId: String, in state: SandboxState
  ) throws(Rejection) -> WebOrder {
    guard let order = state.webOrders.first(where: { $0.id == id && $0.customerId == customerId })
    else {
      throw .parameter("Web order \(id) was not found for customer \(customerId).")
    }
    guard !order.isCanceled else {
      throw .parameter("Web order \(id) was canceled.")
    }
    return order
  }

  private func pendingOrderIndex(
    _ id: String, customerId: String, in state: SandboxState
  ) throws(Rejection) -> Int {
    let order = try existingOrder(id, customerId: customerId, in: state)
    guard order.statusId == 1 else {
      throw .parameter("Web order \(id) is already checked out.")
    }
    return state.webOrders.firstIndex { $0.id == id }!
  }

  /// Returns the index of the inventory line a request names, if it has the boxes asked for.
  private func availableLine(
    for request: WebOrderItemRequest, in state: SandboxState
  ) throws(Rejection) -> Int {
    guard
      let index = state.inventory.firstIndex(where: {
        $0.inventoryId == request.inventoryId && $0.origin == request.origin
          && $0.locationId == request.locationId
      })
    else {
      throw Rejection(
        httpStatus: 200,
        message: "Inventory item \(request.inventoryId) was not found for origin "
          + "\(request.origin.rawValue) at location \(request.locationId).",
        extra: ["availableBoxes": .int(0)])
    }
    let available = state.inventory[index].availableBoxes
    guard request.quantity <= available else {
      throw Rejection(
        httpStatus: 200, message: "Item is not available",
        extra: ["availableBoxes": .int(available)])
    }
    return index
  }
}
