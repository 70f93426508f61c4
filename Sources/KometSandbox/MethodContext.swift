import Foundation

/// One request's checked parameters and token, and the methods that run on the state.
struct MethodContext {
  var parameters: RequestParameters
  var token: TokenRecord

  /// The sandbox clock's time of the request.
  var now: Date

  /// Runs the method called `name` and returns the fields of its success response.
  func run(_ name: String, on state: inout SandboxState) throws(Rejection) -> [String: JSONValue] {
    switch name {
    case "customer.list": try listCustomers(state)
    case "location.list": try listLocations(state)
    case "carrier.list": try listCarriers(state)
    case "customer.shipto.list": try listShipTos(state)
    case "boxtype.list": try listBoxTypes(state)
    case "inventory.openmarket.list": try listOpenMarket(state)
    case "future.inventory.openmarket.list": try listFutureOpenMarket(state)
    case "ecommerce/inventory.list": try listECommerce(state)
    case "web-order.create": try createWebOrder(&state)
    case "web-order-item.add": try addWebOrderItem(&state)
    case "web-order-details.list": try listWebOrderDetails(state)
    case "web-order.delete": try deleteWebOrder(&state)
    case "web-order.checkout": try checkOutWebOrder(&state)
    default: throw Rejection(httpStatus: 404, message: "Unknown API method \(name).")
    }
  }

  /// Returns the customer `id`, which a Customer token may name only for its own customer.
  func checkedCustomer(_ id: String, in state: SandboxState) throws(Rejection) -> Customer {
    if token.type == .customer, let own = token.customerId, own != id {
      throw Rejection(
        httpStatus: 401, message: "This Customer token may act only for customer \(own).")
    }
    guard let customer = state.customers.first(where: { $0.id == id }) else {
      throw .parameter("Customer \(id) was not found.")
    }
    return customer
  }

  /// Returns the location `companyLocationId`, required because the company has several.
  func checkedLocation(
    _ name: String = "companyLocationId", digits: Int = 20, in state: SandboxState
  ) throws(Rejection) -> Location {
    let id = try parameters.id(name, required: true, digits: digits)!
    guard let location = state.locations.first(where: { $0.id == id }) else {
      throw .parameter("Location \(id) was not found.")
    }
    return location
  }

  /// Returns the optional location filter `name`, checked against the known locations.
  func optionalLocation(_ name: String, in state: SandboxState) throws(Rejection) -> String? {
    guard let id = try parameters.id(name, required: false) else { return nil }
    guard state.locations.contains(where: { $0.id == id }) else {
      throw .parameter("Location \(id) was not found.")
    }
    return id
  }

  /// Returns the success response Komet's lists share, with `status` as the string "1".
  func okFields(_ key: String, _ rows: [JSONValue]) -> [String: JSONValue] {
    ["status": .string("1"), "message": .string("OK"), key: .array(rows)]
  }
}

extension String {
  /// Reports whether `other` occurs in the text, ignoring case, as Komet's LIKE filters do.
  func containsIgnoringCase(_ other: String) -> Bool {
    range(of: other, options: .caseInsensitive) != nil
  }
}
