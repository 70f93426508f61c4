/// The Komet API methods the integration calls, named as Komet names them.
package enum KometMethod: String, CaseIterable, Sendable, CustomStringConvertible {
  case ecommerceInventoryList = "ecommerce/inventory.list"
  case openMarketInventoryList = "inventory.openmarket.list"
  case futureOpenMarketInventoryList = "future.inventory.openmarket.list"
  case webOrderCreate = "web-order.create"
  case webOrderItemAdd = "web-order-item.add"
  case webOrderDetailsList = "web-order-details.list"
  case webOrderDelete = "web-order.delete"
  case webOrderCheckout = "web-order.checkout"
  case customerList = "customer.list"
  case locationList = "location.list"
  case carrierList = "carrier.list"
  case customerShipToList = "customer.shipto.list"
  case boxTypeList = "boxtype.list"

  package var description: String { rawValue }

  /// Whether the method changes Komet's data, so a failed call must not be sent again blindly.
  package var isWrite: Bool {
    switch self {
    case .webOrderCreate, .webOrderItemAdd, .webOrderDelete, .webOrderCheckout: return true
    default: return false
    }
  }
}
