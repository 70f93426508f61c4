import Foundation
import Komet
import KometClient
import KometSandbox
import Testing

/// The sandbox's daily limit and the client's own, across a reopened database.
struct QuotaTests {
  @Test func sandboxDailyLimitRejectsWithMessage() async throws {
    let fixture = try SandboxFixture(dailyLimit: 2)
    let client = try fixture.makeClient()
    _ = try await client.locations()
    _ = try await client.carriers()

    let error = await clientError { () async throws(KometClientError) in
      try await client.boxTypes()
    }

    // The limit turns the request away unprocessed, so it stays an HTTP status error that a
    // later pass may retry, not a rejection of the request or its token.
    guard case .httpStatus(_, let status, _, let bodyStart) = error else {
      Issue.record("expected HTTP 429, got \(String(describing: error))")
      return
    }
    #expect(status == 429)
    #expect(bodyStart.contains("The daily limit of 2 requests"))
    #expect(error?.tokenRejectionMethod == nil)
    // HTTP 429 is retried for a GET, so every attempt met the limit.
    #expect(fixture.sandbox.requestLog.map(\.httpStatus).filter { $0 == 429 }.count == 3)
  }

  @Test func clientDailyLimitSurvivesReopenedDatabase() async throws {
    let fixture = try SandboxFixture()
    let limit: (inout KometClientConfiguration) -> Void = { $0.quota.dailyLimit = 2 }
    let first = try fixture.makeClient(configure: limit)
    _ = try await first.locations()
    _ = try await first.carriers()

    let reopened = try fixture.makeClient(configure: limit)
    let error = await clientError { () async throws(KometClientError) in
      try await reopened.boxTypes()
    }

    guard case .quotaExhausted(let role, let limitSeen, let count, _) = error else {
      Issue.record("expected quotaExhausted, got \(String(describing: error))")
      return
    }
    #expect(role == .company)
    #expect(limitSeen == 2)
    #expect(count == 2)
    #expect(fixture.loggedPaths == ["/api/location.list", "/api/carrier.list"])
  }
}
