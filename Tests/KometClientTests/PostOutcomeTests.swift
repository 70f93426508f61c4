import Foundation
import Komet
import KometClient
import LoopbackHTTP
import Synchronization
import Testing

struct PostOutcomeTests {
  static let create = WebOrderCreateRequest(customerId: KometID("7122")!)
  static let createdBody = #"{"status":"1","message":"created","webOrderId":"9001"}"#

  @Test func closeAfterBodyIsOutcomeUnknown() async throws {
    let komet = try ScriptedKomet { _ in .json(Self.createdBody) }
    komet.server.faults.add(.closeAfterHandler)
    try await expectOutcomeUnknown(on: komet)
  }

  @Test func serverErrorIsOutcomeUnknown() async throws {
    let komet = try ScriptedKomet { _ in .json(Self.createdBody) }
    komet.server.faults.add(.statusAfterHandler(500))
    try await expectOutcomeUnknown(on: komet, status: 500)
  }

  @Test func timeoutIsOutcomeUnknown() async throws {
    // The handler runs, then the reply waits past the client's 2-second timeout.
    let komet = try ScriptedKomet { _ in .json(Self.createdBody) }
    komet.server.faults.add(.delay(.seconds(4)))
    try await expectOutcomeUnknown(on: komet, transportCode: NSURLErrorTimedOut)
  }

  /// Sends `web-order.create` once and checks that it fails as outcome unknown, with no retry.
  private func expectOutcomeUnknown(
    on komet: ScriptedKomet, status: Int? = nil, transportCode: Int? = nil
  ) async throws {
    let fixture = try ClientFixture()
    let clock = RecordingClock()
    let client = try fixture.makeClient(baseURL: komet.apiURL, clock: clock)

    let error = await clientError { () async throws(KometClientError) in
      try await client.createWebOrder(Self.create)
    }

    guard case .outcomeUnknown(let method, _, let cause) = error else {
      Issue.record("expected outcomeUnknown, got \(String(describing: error))")
      return
    }
    #expect(method == .webOrderCreate)
    if let status { #expect(cause == .httpStatus(status)) }
    if let transportCode {
      guard case .transport(let failure) = cause else {
        Issue.record("expected a transport cause, got \(cause)")
        return
      }
      #expect(failure.code == transportCode)
    }
    #expect(clock.recorded.isEmpty)
    // A libcurl retry on a reused connection resends headers without the body, which the
    // server drops, so the handler saw the order exactly once.
    #expect(komet.log.requests.filter { $0.method == "POST" }.count == 1)
    #expect(try fixture.findLeak(alsoIn: ClientFixture.printedForms(of: error!)) == nil)
  }

  @Test(arguments: ["create", "delete"])
  func refusedPostIsOutcomeUnknown(call: String) async throws {
    let refusing = try RefusingLoopbackPort()
    defer { refusing.release() }
    let fixture = try ClientFixture()
    let clock = RecordingClock()
    let client = try fixture.makeClient(
      baseURL: URL(string: "http://127.0.0.1:\(refusing.port)/api/")!, clock: clock)

    let error = await clientError { () async throws(KometClientError) in
      if call == "create" {
        _ = try await client.createWebOrder(Self.create)
      } else {
        _ = try await client.deleteWebOrder(
          WebOrderDeleteRequest(customerId: KometID("7122")!, webOrderId: KometID("9001")!))
      }
    }

    // A refusal may follow a delivery on a reused connection, so it is not sent again.
    guard case .outcomeUnknown(_, _, .transport(let failure)) = error else {
      Issue.record("expected outcomeUnknown from transport, got \(String(describing: error))")
      return
    }
    #expect(failure.happenedBeforeSending)
    #expect(failure.attempts == 1)
    #expect(clock.recorded.isEmpty)
    #expect(try fixture.findLeak(alsoIn: ClientFixture.printedForms(of: error!)) == nil)
  }
}
