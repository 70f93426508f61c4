import Foundation
import Komet
import KometClient
import LoopbackHTTP
import Synchronization
import Testing

struct RetryTests {
  @Test func getRetriesServerErrorsThenSucceeds() async throws {
    let answered = Mutex(0)
    let komet = try ScriptedKomet { _ in
      let count = answered.withLock { count in
        count += 1
        return count
      }
      return count <= 2 ? .status(503) : .json(#"{"status":"1","customers":[]}"#)
    }
    let fixture = try ClientFixture()
    let clock = RecordingClock()
    let client = try fixture.makeClient(
      baseURL: komet.apiURL, clock: clock, jitter: FixedJitter(value: 0.5)
    ) {
      $0.retry = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
    }

    let response = try await client.customers()

    #expect(response.customers.isEmpty)
    #expect(komet.log.requests.count == 3)
    #expect(clock.recorded == [.milliseconds(50), .milliseconds(100)])
    let warnings = fixture.logs.records.filter { $0.level == .warning }
    #expect(warnings.map { $0.metadata["komet.attempt"] } == ["1", "2"])
    #expect(warnings.map { $0.metadata["komet.retry_delay_ms"] } == ["50", "100"])
    #expect(try fixture.findLeak() == nil)
  }

  @Test(arguments: [500, 502, 429])
  func getStopsAtAttemptLimit(status: Int) async throws {
    let komet = try ScriptedKomet { _ in .status(status, text: "busy") }
    let fixture = try ClientFixture()
    let clock = RecordingClock()
    let client = try fixture.makeClient(
      baseURL: komet.apiURL, clock: clock, jitter: FixedJitter(value: 1)
    ) {
      $0.retry = RetryPolicy(maxAttempts: 3, baseDelay: .seconds(1), maxDelay: .seconds(60))
    }

    let error = await clientError { () async throws(KometClientError) in
      try await client.carriers()
    }

    #expect(
      error == .httpStatus(method: .carrierList, status: status, attempts: 3, bodyStart: "busy"))
    #expect(komet.log.requests.count == 3)
    #expect(clock.recorded == [.seconds(1), .seconds(2)])
  }

  @Test func getDoesNotRetryClientErrors() async throws {
    let komet = try ScriptedKomet { _ in .status(404, text: "not found") }
    let fixture = try ClientFixture()
    let clock = RecordingClock()
    let client = try fixture.makeClient(baseURL: komet.apiURL, clock: clock)

    let error = await clientError { () async throws(KometClientError) in
      try await client.boxTypes()
    }

    #expect(
      error == .httpStatus(method: .boxTypeList, status: 404, attempts: 1, bodyStart: "not found"))
    #expect(komet.log.requests.count == 1)
    #expect(clock.recorded.isEmpty)
  }

  @Test func getRetriesClosedConnection() async throws {
    let komet = try ScriptedKomet { _ in .json(#"{"status":"1","locations":[]}"#) }
    komet.server.faults.add(.closeBeforeHandler, times: 1)
    let fixture = try ClientFixture()
    let clock = RecordingClock()
    let client = try fixture.makeClient(baseURL: komet.apiURL, clock: clock)

    let response = try await client.locations()

    #expect(response.locations.isEmpty)
    #expect(clock.recorded.count == 1)
    #expect(try fixture.findLeak() == nil)
  }

  @Test func getRefusedOnEveryAttemptIsTransportError() async throws {
    let refusing = try RefusingLoopbackPort()
    defer { refusing.release() }
    let port = refusing.port
    let fixture = try ClientFixture()
    let clock = RecordingClock()
    let client = try fixture.makeClient(
      baseURL: URL(string: "http://127.0.0.1:\(port)/api/")!, clock: clock)

    let error = await clientError { () async throws(KometClientError) in
      try await client.customers()
    }

    guard case .transport(let failure) = error else {
      Issue.record("expected a transport error, got \(String(describing: error))")
      return
    }
    #expect(failure.code == NSURLErrorCannotConnectToHost)
    #expect(failure.attempts == 3)
    // The query contains only the token here, which `urlWithToken` adds outside the error.
    #expect(failure.url == "http://127.0.0.1:\(port)/api/customer.list")
    #expect(clock.recorded.count == 2)
  }

  @Test(arguments: [
    (1, 100), (2, 200), (3, 400), (4, 800), (5, 1000), (30, 1000),
  ])
  func delayCapDoublesUpToMaximum(retry: Int, expectedMilliseconds: Int) {
    let policy = RetryPolicy(
      maxAttempts: 10, baseDelay: .milliseconds(100), maxDelay: .milliseconds(1000))

    #expect(policy.delayCap(beforeRetry: retry) == .milliseconds(expectedMilliseconds))
    #expect(policy.delay(beforeRetry: retry, fraction: 0) == .zero)
    #expect(
      policy.delay(beforeRetry: retry, fraction: 0.25)
        == .milliseconds(expectedMilliseconds) * 0.25)
  }
}
