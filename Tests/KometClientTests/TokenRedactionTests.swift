import Foundation
import Komet
import KometClient
import Logging
import LoopbackHTTP
import Testing

struct TokenRedactionTests {
  /// `customer.list` carries its token in the URL query, which Foundation's error would print.
  @Test func connectionFailureOnQueryTokenMethodLeaksNoToken() async throws {
    let refusing = try RefusingLoopbackPort()
    defer { refusing.release() }
    let port = refusing.port
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: URL(string: "http://127.0.0.1:\(port)/api/")!)

    let error = await clientError { () async throws(KometClientError) in
      try await client.customers(CustomerListRequest(name: "DWF"))
    }

    let printed = ClientFixture.printedForms(of: try #require(error))
    #expect(printed.allSatisfy { $0.contains("customer.list") })
    #expect(try fixture.findLeak(alsoIn: printed) == nil)
    #expect(fixture.logs.lines.contains { $0.contains("Komet request failed") })
  }

  @Test func timeoutOnQueryTokenMethodLeaksNoToken() async throws {
    let komet = try ScriptedKomet { _ in .json(#"{"status":"1","locations":[]}"#) }
    komet.server.faults.add(.delay(.seconds(4)), times: 3)
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: komet.apiURL) {
      $0.retry = RetryPolicy(maxAttempts: 1)
    }

    let error = await clientError { () async throws(KometClientError) in
      try await client.locations()
    }

    guard case .transport(let failure) = error else {
      Issue.record("expected a transport error, got \(String(describing: error))")
      return
    }
    #expect(failure.code == NSURLErrorTimedOut)
    #expect(try fixture.findLeak(alsoIn: ClientFixture.printedForms(of: error!)) == nil)
  }

  @Test func tokensStillReachServer() async throws {
    // The scan would pass trivially if no token were sent, so check each placement carries one.
    let komet = try ScriptedKomet { request in
      request.path.hasSuffix("customer.list")
        ? .json(#"{"status":"1","customers":[]}"#)
        : .json(#"{"status":"1","webOrderId":"5"}"#)
    }
    let fixture = try ClientFixture()
    let client = try fixture.makeClient(baseURL: komet.apiURL)

    _ = try await client.customers()
    _ = try await client.createWebOrder(WebOrderCreateRequest(customerId: KometID("7122")!))

    let requests = komet.log.requests
    #expect(requests.first?.queryItems.first?.value == Secrets.company)
    #expect(requests.last?.headers["authenticationToken"] == Secrets.customer)
    #expect(try fixture.findLeak() == nil)
  }
}
