import Komet

/// The order placement settings that are neither true-or-false nor decimal:
/// `orders.defaultCarrierId`, and the check that checkout has the token it needs.
extension ExchangeSettings {
  static let defaultCarrierEnvironmentName = "KOMET_DWF_ORDERS_DEFAULT_CARRIER_ID"

  /// Reads `orders.defaultCarrierId` from the `orders` section, whose parsed JSON is `json`.
  /// A JSON `null` sets no carrier on purpose, so the example config can list the key.
  mutating func applyPlacement(_ section: ConfigObject, json: JSONValue)
    throws(ConfigurationError)
  {
    guard section.keyPath == "orders" else { return }
    let source = section.source(of: "defaultCarrierId")
    if json["defaultCarrierId"] == .null {
      ordersDefaultCarrierId = Sourced(nil, from: source)
    } else if let id = try section.kometID("defaultCarrierId") {
      ordersDefaultCarrierId = Sourced(id, from: source)
    }
  }

  /// Reads `KOMET_DWF_ORDERS_DEFAULT_CARRIER_ID`, where an empty value counts as unset.
  mutating func applyPlacementEnvironment(_ environment: [String: String])
    throws(ConfigurationError)
  {
    guard let text = environment[Self.defaultCarrierEnvironmentName], !text.isEmpty else {
      return
    }
    let source = SettingSource.environment(name: Self.defaultCarrierEnvironmentName)
    guard let id = KometID(text) else {
      throw .invalidValue(
        source: source, value: "\"\(text)\"",
        reason: "is not a Komet ID, which is 1 to \(KometID.maxDigits) digits")
    }
    ordersDefaultCarrierId = Sourced(id, from: source)
  }

  /// Rejects `orders.checkout` set to true without a User token, because `web-order.checkout`
  /// accepts User tokens only, so every checkout would fail.
  ///
  /// - Throws: `ConfigurationError.invalidValue` naming `orders.checkout`'s source and the
  ///   `komet.tokenFiles.user` key.
  package func checkCheckout(against komet: KometSettings) throws(ConfigurationError) {
    guard ordersCheckout.value, komet.userToken.value == nil else { return }
    throw .invalidValue(
      source: ordersCheckout.source, value: "true",
      reason: "needs a User token, because web-order.checkout accepts User tokens only, and"
        + " none is configured. Set komet.tokenFiles.user (or KOMET_USER_TOKEN), or set"
        + " orders.checkout to false")
  }

  /// Rejects a `quota.reserveForOrders` that takes the whole of `komet.quota.dailyLimit`,
  /// because the inventory would then never be read.
  ///
  /// - Throws: `ConfigurationError.invalidValue` naming both keys.
  package func checkQuotaReserve(against komet: KometSettings) throws(ConfigurationError) {
    let limit = komet.quota.dailyLimit.value
    guard reserveForOrders.value >= limit else { return }
    throw .invalidValue(
      source: reserveForOrders.source, value: String(reserveForOrders.value),
      reason: "leaves none of komet.quota.dailyLimit (\(limit) requests a day) for reading the"
        + " inventory. Set quota.reserveForOrders below \(limit), or raise the daily limit")
  }
}
