import Foundation

/// The whole database of the sandbox: one company, its reference data, inventory, web orders,
/// the request log and the daily request counts.
///
/// IDs are digit strings and money is a decimal string with two places, as Komet often sends
/// them, so a dump compares as text. Token values never appear in a dump: see `TokenRecord`.
package struct SandboxState: Codable, Sendable, Equatable {
  package var companyId: String
  package var companyName: String
  package var tokens: [TokenRecord]
  package var customers: [Customer]
  package var shipTos: [ShipTo]
  package var carriers: [Carrier]
  package var boxTypes: [BoxType]
  package var locations: [Location]
  package var inventory: [InventoryLine]
  package var webOrders: [WebOrder]
  package var requestLog: [RequestLogEntry]

  /// Requests counted per UTC day (`YYYY-MM-DD`) and token type, for the daily limit.
  package var dailyRequestCounts: [String: [String: Int]]

  /// The next web order ID, web order number and web order item ID to hand out.
  package var nextWebOrderId: Int
  package var nextWebOrderNumber: Int
  package var nextWebOrderItemId: Int

  package init(
    companyId: String, companyName: String, tokens: [TokenRecord], customers: [Customer],
    shipTos: [ShipTo], carriers: [Carrier], boxTypes: [BoxType], locations: [Location],
    inventory: [InventoryLine]
  ) {
    self.companyId = companyId
    self.companyName = companyName
    self.tokens = tokens
    self.customers = customers
    self.shipTos = shipTos
    self.carriers = carriers
    self.boxTypes = boxTypes
    self.locations = locations
    self.inventory = inventory
    webOrders = []
    requestLog = []
    dailyRequestCounts = [:]
    nextWebOrderId = 30200
    nextWebOrderNumber = 1001
    nextWebOrderItemId = 880001
  }
}

/// One API token of the company and its type.
///
/// A state file may give `value`, but a dump writes only `masked`. Loading a record without a
/// `value` takes the sandbox's default token of that type (`SandboxTokens`).
package struct TokenRecord: Codable, Sendable, Equatable {
  package var type: TokenType
  package var value: String?
  package var masked: String

  /// The customer a Customer token acts for, or nil for other types.
  package var customerId: String?

  package init(type: TokenType, value: String, customerId: String? = nil) {
    self.type = type
    self.value = value
    self.masked = TokenMask.mask(value)
    self.customerId = customerId
  }
}

/// The token types of Komet's per-method table: the three made in Komet's UI, plus User.
package enum TokenType: String, Codable, Sendable, CaseIterable {
  case company = "Company"
  case customer = "Customer"
  case user = "User"
  case vendor = "Vendor"
}

package struct Customer: Codable, Sendable, Equatable {
  package var id: String
  package var name: String
  package var code: String
  package var accountingCode: String
  package var customerType: String
  package var salesPerson: String
  package var salesPersonId: String
  package var isActive: Bool
  package var locationIds: [String]
  package var updatedOn: String
}

package struct ShipTo: Codable, Sendable, Equatable {
  package var id: String
  package var customerId: String
  package var shipToCode: String
  package var name: String
  package var address: String
  package var city: String
  package var state: String
  package var zipcode: String
  package var country: String
  package var phone: String
  package var carrierId: String
  package var carrierAccount: String
  package var updatedAsOf: String
}

package struct Carrier: Codable, Sendable, Equatable {
  package var id: String
  package var code: String
  package var name: String
  package var isActive: Bool
  package var street: String
  package var city: String
  package var state: String
  package var zipCode: String
  package var country: String
  package var phone: String
}

package struct BoxType: Codable, Sendable, Equatable {
  package var id: String
  package var code: String
  package var kometNetworkId: Int

  /// Full box equivalent, a decimal string such as `0.50`.
  package var fbe: String
}

package struct Location: Codable, Sendable, Equatable {
  package var id: String
  package var name: String
  package var code: String
}

/// One line of inventory, listed both by the e-commerce list and by the open-market list of
/// its origin under the same `inventoryId`.
package struct InventoryLine: Codable, Sendable, Equatable {
  package enum Origin: Int, Codable, Sendable {
    /// On hand: listed by `inventory.openmarket.list`.
    case onHand = 1
    /// Future sales: listed by `future.inventory.openmarket.list`.
    case future = 2
  }

  package var inventoryId: String
  package var origin: Origin
  package var locationId: String
  package var companyProductId: String
  package var productCode: String
  package var productDescription: String
  package var category: String
  package var grade: String
  package var boxTypeId: String
  package var boxTypeCode: String
  package var unitType: String
  package var bunches: Int
  package var stemsBunch: Int
  package var unitsPerBox: Int

  /// Unit price (per stem or bunch), a decimal string with two places.
  package var price: String
  package var availableBoxes: Int

  /// The first day the boxes can ship, `YYYY-MM-DD`.
  package var availableDate: String
}

/// A web order as Komet stores it: a header in status 1 (pending) or 2 (checked out), and its
/// lines. `web-order.delete` marks it canceled and keeps it for the dump.
package struct WebOrder: Codable, Sendable, Equatable {
  package var id: String
  package var number: String
  package var customerId: String
  package var companyLocationId: String
  package var statusId: Int
  package var isCanceled: Bool
  package var customerPo: String?
  package var items: [WebOrderItem]
}

package struct WebOrderItem: Codable, Sendable, Equatable {
  package var webOrderItemId: String
  package var inventoryId: String
  package var inventoryOrigin: Int
  package var quantity: Int
  package var price: String
  package var unitsPerBox: Int
  package var carrierId: String
  package var date: String
  package var shipToId: String?
  package var markCode: String?
}

/// One request as the sandbox received it, with every token masked.
package struct RequestLogEntry: Codable, Sendable, Equatable {
  package var method: String
  package var path: String
  package var query: String
  package var headers: [HeaderField]
  package var body: String
  package var httpStatus: Int

  /// The `status` of the JSON response, or nil when it had none.
  package var kometStatus: Int?

  package struct HeaderField: Codable, Sendable, Equatable {
    package var name: String
    package var value: String
  }
}

extension SandboxState {
  /// Encodes the state as pretty-printed JSON with sorted keys and no token values.
  package func encodedJSON() -> Data {
    var copy = self
    for index in copy.tokens.indices {
      copy.tokens[index].value = nil
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // The state has strings, integers, Booleans, enums and arrays only, and no floating-point
    // value that JSONEncoder could reject, so encoding it cannot fail.
    return try! encoder.encode(copy)
  }

  /// Decodes a state file, giving each token without a `value` the default of its type.
  ///
  /// - Throws: `SandboxError.invalidState` when the data is not a state in this format.
  package static func decode(_ data: Data, source: String) throws(SandboxError) -> SandboxState {
    var state: SandboxState
    do {
      state = try JSONDecoder().decode(SandboxState.self, from: data)
    } catch {
      throw .invalidState(source: source, reason: "\(error)")
    }
    for index in state.tokens.indices where state.tokens[index].value == nil {
      let type = state.tokens[index].type
      state.tokens[index].value = SandboxTokens.defaultValue(for: type)
      state.tokens[index].masked = TokenMask.mask(SandboxTokens.defaultValue(for: type))
    }
    return state
  }
}
