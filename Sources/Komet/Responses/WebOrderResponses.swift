/// The response of `web-order.create`, `web-order.delete` and `web-order.checkout`.
package struct WebOrderResult: KometResponse, Equatable {
  package let message: String?
  /// Komet's internal web order ID.
  package let webOrderId: KometID

  package init(from object: ResponseObject) throws(KometError) {
    message = try object.optionalText("message")
    webOrderId = try object.id("webOrderId")
  }
}

/// The response of `web-order-item.add`.
// NOTE: not confirmed by Komet: no page shows this response. It is read like its sibling
// methods (`message`, `status`, `webOrderId`), also accepting `id` for the order and
// `webOrderItemId` or `webOrderItemIds` for the new lines.
package struct WebOrderItemAddResponse: KometResponse, Equatable {
  package let message: String?
  /// The web order the lines went to, when the response names it.
  package let webOrderId: KometID?
  /// IDs of the lines added, when the response names them.
  package let webOrderItemIds: [KometID]
  /// Every member as it came.
  package let members: [JSONMember]

  package init(from object: ResponseObject) throws(KometError) {
    message = try object.optionalText("message")
    webOrderId = try object.optionalID(anyOf: ["webOrderId", "id"])
    webOrderItemIds = try Self.itemIDs(in: object)
    members = object.members
  }

  private static func itemIDs(in object: ResponseObject) throws(KometError) -> [KometID] {
    guard let (key, value) = object.firstValue(["webOrderItemIds", "webOrderItemId"]) else {
      return []
    }
    let elements: [JSONValue]
    switch value {
    case .array(let array): elements = array
    case .string(let text) where text.contains(","):
      elements = text.split(separator: ",").map { .string(String($0)) }
    default: elements = [value]
    }

    var ids: [KometID] = []
    for element in elements {
      guard let id = KometID(json: element) else {
        throw .invalidField(
          method: object.method, path: key, expected: "IDs of 1 to 20 digits",
          found: value.preview())
      }
      ids.append(id)
    }
    return ids
  }
}

/// The response of `web-order-details.list`.
package struct WebOrderDetailsListResponse: KometResponse, Equatable {
  package let message: String?
  package let webOrders: [WebOrder]

  package init(from object: ResponseObject) throws(KometError) {
    message = try object.optionalText("message")
    var orders: [WebOrder] = []
    for order in try object.objects(anyOf: ["webOrders"]) {
      orders.append(try WebOrder(from: order))
    }
    webOrders = orders
  }
}
