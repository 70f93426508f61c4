import Foundation
import Komet
import KometClient
import Logging

/// Calls each read method of the method table with each configured token that the method
/// accepts, and with `--write` creates and deletes an empty web order.
///
/// After Komet cannot be reached, or the daily allowance is used up, the remaining methods are
/// not called, so a dead connection costs one request's retries instead of one per method.
struct KometCheck: Sendable {
  let setup: KometCheckSetup
  let logger: Logger
  let allowsWrites: Bool

  func run(announce: @Sendable (String) -> Void) async -> KometCheckReport {
    var results: [KometCheckResult] = []
    var cutOffReason: String?

    for method in KometMethod.allCases where !method.isWrite {
      for result in await check(method, cutOffReason: cutOffReason) {
        results.append(result)
        cutOffReason = cutOffReason ?? result.outcome.cutOffReason
      }
    }

    if allowsWrites && cutOffReason == nil {
      if setup.dwfCustomerId == nil || setup.locationId == nil {
        announce(
          "--write sends nothing: web-order.create needs komet.dwfCustomerId and"
            + " komet.defaultLocationId, which are not both set (docs/configuration.md).\n\n")
      } else {
        announce(
          "--write spends two requests of the daily allowance: web-order.create makes an empty"
            + " web order and web-order.delete deletes it"
            + (setup.isDryRun ? " (dry run: both go to outbox/komet/requests/).\n\n" : ".\n\n"))
      }
      results += await checkWrites()
    }
    for method in KometMethod.allCases where method.isWrite {
      guard !results.contains(where: { $0.method == method }) else { continue }
      results.append(untested(method, untestedWriteReason(method, cutOffReason: cutOffReason)))
    }
    return KometCheckReport(results: sorted(results), tokens: setup.tokens, choices: setup.choices)
  }

  private func untestedWriteReason(_ method: KometMethod, cutOffReason: String?) -> String {
    if let cutOffReason { return "not called, because \(cutOffReason)" }
    if !allowsWrites { return "a write, called only with --write" }
    switch method {
    case .webOrderItemAdd: return "not called, because it would take boxes off the inventory"
    case .webOrderCheckout: return "not called, because a checkout makes a real order"
    default: return "not called"
    }
  }

  /// Returns the results in the order of the method table, keeping the order within a method.
  private func sorted(_ results: [KometCheckResult]) -> [KometCheckResult] {
    KometMethod.allCases.flatMap { method in results.filter { $0.method == method } }
  }

  private func check(
    _ method: KometMethod, cutOffReason: String?
  ) async -> [KometCheckResult] {
    let validRoles = method.specification(with: setup.choices).validRoles
    let usable = setup.tokens.all.filter { validRoles.contains($0.role) }
    guard !usable.isEmpty else {
      let roles = validRoles.map(\.description).joined(separator: " or ")
      return [untested(method, "needs a \(roles) token, and none is configured")]
    }
    if let cutOffReason {
      return [untested(method, "not called, because \(cutOffReason)")]
    }
    guard let call = readCall(for: method) else {
      return [untested(method, missingReason(for: method))]
    }

    var results: [KometCheckResult] = []
    for token in usable {
      let outcome = await send(call, with: token)
      results.append(KometCheckResult(method: method, token: token, outcome: outcome))
      if outcome.cutOffReason != nil { break }
    }
    return results
  }

  private func missingReason(for method: KometMethod) -> String {
    switch method {
    case .webOrderDetailsList:
      return "needs an existing web order, so check does not call it"
    case .ecommerceInventoryList:
      return "needs komet.dwfCustomerId and komet.defaultLocationId, which are not both set"
    default:
      return "needs komet.dwfCustomerId, which is not set"
    }
  }

  typealias Call = @Sendable (KometClient) async throws -> String?

  /// Returns the cheapest call of a read method, or nil when it needs a setting that is missing.
  private func readCall(for method: KometMethod) -> Call? {
    let customerId = setup.dwfCustomerId
    switch method {
    case .ecommerceInventoryList:
      guard let customerId, let locationId = setup.locationId else { return nil }
      return { client in
        let page = try await client.ecommerceInventoryPage(
          EcommerceInventoryListRequest(
            customerId: customerId, companyLocationId: locationId, page: 1, rows: 1))
        return page.total.map { "\($0) inventory lines in all" }
      }
    case .openMarketInventoryList:
      let locationId = setup.locationId
      return { client in
        let list = try await client.openMarketInventory(
          OpenMarketInventoryListRequest(locationId: locationId))
        return "\(list.inventoryItems.count) inventory lines"
      }
    case .futureOpenMarketInventoryList:
      // Future inventory lies ahead by nature, so the window runs two weeks from today.
      let today = Self.day(offsetFromToday: 0)
      let end = Self.day(offsetFromToday: 14)
      let locationId = setup.locationId
      return { client in
        let list = try await client.futureOpenMarketInventory(
          FutureOpenMarketInventoryListRequest(
            dateFrom: today, dateTo: end, locationId: locationId))
        return "\(list.inventoryItems.count) lines from \(today) to \(end)"
      }
    case .customerList:
      return { client in "\(try await client.customers().customers.count) customers" }
    case .locationList:
      return { client in "\(try await client.locations().locations.count) locations" }
    case .carrierList:
      return { client in "\(try await client.carriers().carriers.count) carriers" }
    case .customerShipToList:
      guard let customerId else { return nil }
      return { client in
        let list = try await client.shipTos(ShipToListRequest(customerId: customerId))
        return "\(list.shiptos.count) ship-tos of customer \(customerId)"
      }
    case .boxTypeList:
      return { client in "\(try await client.boxTypes().boxtypes.count) box types" }
    default:
      return nil
    }
  }

  private func send(_ call: Call, with token: Token) async -> KometCheckOutcome {
    do {
      let client = try setup.makeClient(token: token, logger: logger)
      return .works(detail: try await call(client))
    } catch {
      return Self.outcome(for: error)
    }
  }

  /// Creates an empty web order and deletes it, with the token the integration would use.
  private func checkWrites() async -> [KometCheckResult] {
    // The User token has no read method to try, so the writes use it when it is configured.
    // Otherwise they use the token the client picks for web-order.create.
    let token: Token
    do {
      let validRoles = KometMethod.webOrderCreate.specification(with: setup.choices).validRoles
      if let user = setup.tokens.user, validRoles.contains(.user) {
        token = user
      } else {
        token = try setup.tokens.token(for: .webOrderCreate, choices: setup.choices)
      }
    } catch {
      return [
        untested(.webOrderCreate, "\(error)"),
        untested(.webOrderDelete, "not called, because no web order was created"),
      ]
    }
    guard let customerId = setup.dwfCustomerId, let locationId = setup.locationId else {
      let reason = "needs komet.dwfCustomerId and komet.defaultLocationId, which are not both set"
      return [untested(.webOrderCreate, reason), untested(.webOrderDelete, reason)]
    }

    let client: KometClient
    do {
      client = try setup.makeClient(token: token, logger: logger)
    } catch {
      let outcome = Self.outcome(for: error)
      return [
        KometCheckResult(method: .webOrderCreate, token: token, outcome: outcome),
        untested(.webOrderDelete, "not called, because no web order was created"),
      ]
    }

    let webOrderId: KometID
    do {
      let created = try await client.createWebOrder(
        WebOrderCreateRequest(customerId: customerId, companyLocationId: locationId))
      webOrderId = created.webOrderId
    } catch {
      return [
        KometCheckResult(method: .webOrderCreate, token: token, outcome: Self.outcome(for: error)),
        untested(.webOrderDelete, "not called, because no web order was created"),
      ]
    }
    let created = written("web order \(webOrderId) created")

    let deleted: KometCheckOutcome
    do {
      _ = try await client.deleteWebOrder(
        WebOrderDeleteRequest(customerId: customerId, webOrderId: webOrderId))
      deleted = written("web order \(webOrderId) deleted")
    } catch {
      deleted = Self.outcome(for: error, leftOver: webOrderId)
    }
    return [
      KometCheckResult(method: .webOrderCreate, token: token, outcome: created),
      KometCheckResult(method: .webOrderDelete, token: token, outcome: deleted),
    ]
  }

  private func written(_ detail: String) -> KometCheckOutcome {
    setup.isDryRun ? .recorded(detail: detail) : .works(detail: detail)
  }

  private func untested(_ method: KometMethod, _ reason: String) -> KometCheckResult {
    KometCheckResult(method: method, token: nil, outcome: .untested(reason: reason))
  }

  /// Sorts a failure into refused, failed or unreachable, keeping Komet's message as it came.
  static func outcome(for error: any Error, leftOver webOrderId: KometID? = nil)
    -> KometCheckOutcome
  {
    let leftOverNote =
      webOrderId.map {
        " The empty web order \($0) is left in Komet: delete it there, or run check again."
      } ?? ""
    guard let error = error as? KometClientError else {
      return .failed(message: "\(error)" + leftOverNote)
    }
    switch error {
    case .komet(.rejected(let rejection)):
      return .refused(message: (rejection.message ?? "(no message)") + leftOverNote)
    case .httpStatus(_, let status, _, let bodyStart) where (400..<500).contains(status):
      return .refused(message: "HTTP \(status): \(bodyStart)" + leftOverNote)
    case .quotaExhausted:
      return .quotaExhausted(message: error.description + leftOverNote)
    case .transport, .httpStatus, .outcomeUnknown:
      return .unreachable(message: error.description + leftOverNote)
    default:
      return .failed(message: error.description + leftOverNote)
    }
  }

  /// Returns the UTC date `offset` days from today.
  private static func day(offsetFromToday offset: Int) -> KometDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0)!
    let date = calendar.date(byAdding: .day, value: offset, to: Date()) ?? Date()
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    return KometDate(year: parts.year!, month: parts.month!, day: parts.day!)!
  }
}
