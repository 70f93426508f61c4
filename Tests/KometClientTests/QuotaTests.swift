import Foundation
import Komet
import KometClient
import Logging
import LoopbackHTTP
import StateStore
import Testing

struct QuotaTests {
  static let body = #"{"status":"1","carriers":[]}"#

  @Test func warnsAtEightyPercentAndStopsAtLimitAcrossRestart() async throws {
    let komet = try ScriptedKomet { _ in .json(Self.body) }
    let fixture = try ClientFixture()
    let limitFive: (inout KometClientConfiguration) -> Void = { $0.quota.dailyLimit = 5 }
    let first = try fixture.makeClient(baseURL: komet.apiURL, configure: limitFive)

    for _ in 0..<3 { _ = try await first.carriers() }
    #expect(fixture.logs.records.filter { $0.level == .warning }.isEmpty)
    _ = try await first.carriers()
    let warnings = fixture.logs.records.filter { $0.level == .warning }
    #expect(warnings.map(\.message) == ["Komet daily allowance nearly used"])
    #expect(warnings.first?.metadata["quota.count"] == "4")
    _ = try await first.carriers()
    #expect(fixture.logs.records.filter { $0.level == .warning }.count == 1)

    // A new client on the reopened database reads the five counted requests.
    let second = try fixture.makeClient(baseURL: komet.apiURL, configure: limitFive)
    let before = Date()
    let error = await clientError { () async throws(KometClientError) in
      try await second.carriers()
    }

    guard case .quotaExhausted(let role, let limit, let count, let dayEnds) = error else {
      Issue.record("expected quotaExhausted, got \(String(describing: error))")
      return
    }
    #expect(role == .company)
    #expect(limit == 5)
    #expect(count == 5)
    #expect(dayEnds > before)
    #expect(dayEnds.timeIntervalSince(before) <= 86_400)
    #expect(Int(dayEnds.timeIntervalSince1970) % 86_400 == 0)
    #expect(komet.log.requests.count == 5)
  }

  @Test func sharedAllowanceCountsEveryRole() async throws {
    let komet = try ScriptedKomet { request in
      request.path.hasSuffix("customer.shipto.list")
        ? .json(#"{"status":"1","shiptos":[]}"#)
        : .json(#"{"status":"1","webOrders":[]}"#)
    }
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: komet.apiURL) { $0.quota.dailyLimit = 2 }

    _ = try await client.shipTos(ShipToListRequest(customerId: KometID("7122")!))
    _ = try await client.webOrderDetails(
      WebOrderDetailsListRequest(customerId: KometID("7122")!, webOrderId: KometID("1")!))
    let error = await clientError { () async throws(KometClientError) in
      try await client.shipTos(ShipToListRequest(customerId: KometID("7122")!))
    }

    guard case .quotaExhausted(_, let limit, let count, _) = error else {
      Issue.record("expected quotaExhausted, got \(String(describing: error))")
      return
    }
    #expect(limit == 2)
    #expect(count == 2)
    let ledger = QuotaLedger(
      database: try StateSchema.open(path: fixture.databasePath),
      timeZone: TimeZone(identifier: "UTC")!)
    #expect(try ledger.count(role: .company) == 1)
    #expect(try ledger.count(role: .customer) == 1)
  }

  @Test func perRoleLimitIsSeparate() async throws {
    let komet = try ScriptedKomet { _ in .json(Self.body) }
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: komet.apiURL) {
      $0.quota.dailyLimit = 1
      $0.quota.perRoleLimits = [.company: 3]
    }

    for _ in 0..<3 { _ = try await client.carriers() }
    let error = await clientError { () async throws(KometClientError) in
      try await client.carriers()
    }

    guard case .quotaExhausted(.company, 3, 3, _) = error else {
      Issue.record("expected quotaExhausted for Company, got \(String(describing: error))")
      return
    }
  }

  @Test func dayEndsAtMidnightOfConfiguredZone() async throws {
    let komet = try ScriptedKomet { _ in .json(Self.body) }
    let fixture = try ClientFixture()
    let zone = TimeZone(secondsFromGMT: 5 * 3600)!
    let client = try fixture.makeClient(baseURL: komet.apiURL) {
      $0.quota.dailyLimit = 0
      $0.quota.timeZone = zone
    }

    let error = await clientError { () async throws(KometClientError) in
      try await client.carriers()
    }

    guard case .quotaExhausted(_, _, _, let dayEnds) = error else {
      Issue.record("expected quotaExhausted, got \(String(describing: error))")
      return
    }
    #expect((Int(dayEnds.timeIntervalSince1970) + 5 * 3600) % 86_400 == 0)
    #expect(komet.log.requests.isEmpty)
  }
}
