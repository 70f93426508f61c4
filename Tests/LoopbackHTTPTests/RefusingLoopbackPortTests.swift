import Glibc
import Testing

@testable import LoopbackHTTP

struct RefusingLoopbackPortTests {
  @Test func heldPortRefusesConnections() throws {
    let refusing = try RefusingLoopbackPort()
    defer { refusing.release() }

    #expect(throws: RawClientError.failed("connect", ECONNREFUSED)) {
      _ = try RawClient(port: refusing.port)
    }
  }

  @Test func stoppedServerPortCanBeHeldThenServedAgain() throws {
    let server = try LoopbackServer(configuration: testConfiguration(), handler: RecordingHandler())
    let port = server.port
    let client = try RawClient(port: port)
    try client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
    _ = client.readResponses(1)
    server.stop()

    let refusing = try RefusingLoopbackPort(holding: port)
    #expect(refusing.port == port)
    refusing.release()
    refusing.release()

    var configuration = testConfiguration()
    configuration.port = port
    let again = try LoopbackServer(configuration: configuration, handler: RecordingHandler())
    defer { again.stop() }
    #expect(again.port == port)
  }
}
