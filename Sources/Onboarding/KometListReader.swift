import Komet
import KometClient

/// Reads the list methods that onboarding and the cross-check need, one request each.
///
/// Once a call finds Komet unreachable, the later calls are not sent, because each would wait
/// through its own retries and fail the same way.
package struct KometListReader {
  private let client: KometClient?
  private var stopReason: (kind: ListFailure.Kind, reason: String)?

  /// Creates a reader that sends its calls with `client`.
  package init(client: KometClient) {
    self.client = client
  }

  /// Creates a reader that sends nothing and reports every list as not called for `reason`.
  package init(notCalledBecause reason: String) {
    client = nil
    stopReason = (.notCalled, reason)
  }

  /// Reads `customer.list` for the one customer `id`, inactive customers included.
  package mutating func customers(id: KometID?) async -> Result<[Customer], ListFailure> {
    guard let id else {
      return .failure(
        ListFailure(
          method: .customerList, kind: .notCalled, reason: "the DWF customer ID is missing"))
    }
    return await call(.customerList) { (client) throws(KometClientError) in
      try await client.customers(CustomerListRequest(id: id, includeInactive: true)).customers
    }
  }

  /// Reads `location.list`.
  package mutating func locations() async -> Result<[Location], ListFailure> {
    await call(.locationList) { (client) throws(KometClientError) in
      try await client.locations().locations
    }
  }

  /// Reads `carrier.list`.
  package mutating func carriers() async -> Result<[Carrier], ListFailure> {
    await call(.carrierList) { (client) throws(KometClientError) in
      try await client.carriers().carriers
    }
  }

  /// Reads `customer.shipto.list` for the customer `id`.
  package mutating func shipTos(customer id: KometID?) async -> Result<[ShipTo], ListFailure> {
    guard let id else {
      return .failure(
        ListFailure(
          method: .customerShipToList, kind: .notCalled,
          reason: "the DWF customer ID is missing"))
    }
    return await call(.customerShipToList) { (client) throws(KometClientError) in
      try await client.shipTos(ShipToListRequest(customerId: id)).shiptos
    }
  }

  private mutating func call<Value>(
    _ method: KometMethod,
    _ body: (KometClient) async throws(KometClientError) -> Value
  ) async -> Result<Value, ListFailure> {
    if let stopReason {
      let kind: ListFailure.Kind = stopReason.kind == .unreachable ? .notCalled : stopReason.kind
      return .failure(ListFailure(method: method, kind: kind, reason: stopReason.reason))
    }
    guard let client else {
      return .failure(ListFailure(method: method, kind: .notCalled, reason: "no client"))
    }

    do {
      return .success(try await body(client))
    } catch {
      let failure = ListFailure(method: method, error: error)
      if failure.kind == .unreachable {
        stopReason = (.unreachable, "Komet could not be reached by \(method.rawValue)")
      } else if failure.kind == .quotaExhausted {
        stopReason = (.quotaExhausted, failure.reason)
      }
      return .failure(failure)
    }
  }
}
