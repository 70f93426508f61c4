import Foundation
import Komet
import KometClient
import KometSandbox
import Testing

/// Tokens of the wrong type, rejected by the client before sending or by the sandbox.
struct TokenRuleTests {
  @Test func customerTokenOnlyCannotListLocations() async throws {
    let fixture = try SandboxFixture()
    let tokens = try KometTokens(customer: Token(role: .customer, secret: SandboxTokens.customer))
    let client = try fixture.makeClient(tokens: tokens)

    let error = await clientError { () async throws(KometClientError) in
      try await client.locations()
    }

    guard case .komet(.noTokenForMethod(let method, let valid, let configured)) = error else {
      Issue.record("expected noTokenForMethod, got \(String(describing: error))")
      return
    }
    #expect(method == .locationList)
    #expect(!valid.contains(.customer))
    #expect(configured == [.customer])
    #expect(fixture.sandbox.requestLog.isEmpty)
  }

  @Test func customerTokenInCompanySlotIsRejected() async throws {
    let fixture = try SandboxFixture()
    let tokens = try KometTokens(company: Token(role: .company, secret: SandboxTokens.customer))
    let client = try fixture.makeClient(tokens: tokens)

    let error = await clientError { () async throws(KometClientError) in
      try await client.locations()
    }

    guard case .komet(.rejected(let rejection)) = error else {
      Issue.record("expected a rejection, got \(String(describing: error))")
      return
    }
    #expect(rejection.message == "A Customer token is not allowed to call location.list.")
    #expect(fixture.sandbox.requestLog.map(\.httpStatus) == [401])
    #expect(try fixture.findLeaks().isEmpty)
  }
}
