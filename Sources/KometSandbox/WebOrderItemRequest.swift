import Foundation

/// The checked parameters of one `web-order-item.add` call.
struct WebOrderItemRequest {
  var customerId: String
  var inventoryId: String
  var origin: InventoryLine.Origin
  var price: Decimal
  var quantity: Int
  var carrierId: String
  var date: String
  var locationId: String
  var shipToId: String?
  var markCode: String?
  var webOrderId: String?

  /// Reads and checks the parameters against the state's customers, carriers and ship-tos.
  ///
  /// Origin 1 is on hand and 2 future sales, as Komet's newer pages give them. The older
  /// codes 3 (vendor availability) and 4 (Komet to Komet) have no inventory here.
  init(
    _ parameters: RequestParameters, context: MethodContext, state: SandboxState
  ) throws(Rejection) {
    customerId = try parameters.id("customerId", required: true)!
    let customer = try context.checkedCustomer(customerId, in: state)
    guard customer.isActive else { throw .parameter("Customer \(customerId) is inactive.") }

    // NOTE: Komet types inventoryIds as a string, perhaps a list; the sandbox takes one ID.
    inventoryId = try parameters.id("inventoryIds", required: true)!
    let originCode = try parameters.integer(
      "inventoryOrigin", required: true, digits: 1, in: 1...4)!
    guard let origin = InventoryLine.Origin(rawValue: originCode) else {
      throw .parameter("Inventory origin \(originCode) has no inventory in this company.")
    }
    self.origin = origin
    price = try parameters.decimal("price", required: true)!
    quantity = try parameters.integer("quantity", required: true, digits: 10, in: 1...Int.max)!
    let carrierId = try parameters.id("carrierId", required: true)!
    guard state.carriers.contains(where: { $0.id == carrierId && $0.isActive }) else {
      throw .parameter("Carrier \(carrierId) was not found or is inactive.")
    }
    self.carrierId = carrierId
    date = try parameters.date("date", required: true)!
    locationId = try context.checkedLocation(in: state).id

    let customerId = customerId
    let shipToId = try parameters.id("shipToId", required: false)
    if let shipToId {
      guard state.shipTos.contains(where: { $0.id == shipToId && $0.customerId == customerId })
      else { throw .parameter("Ship-to \(shipToId) was not found for customer \(customerId).") }
    }
    self.shipToId = shipToId
    markCode = try parameters.string("markCode", required: false, maxLength: 20)
    webOrderId = try parameters.id("webOrderId", required: false)
  }
}
