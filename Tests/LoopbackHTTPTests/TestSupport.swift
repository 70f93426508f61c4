import Foundation
import Glibc
import Synchronization
import Testing

@testable import LoopbackHTTP

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A handler that stores every request it receives, then replies with `reply`.
final class RecordingHandler: HTTPHandler {
  private let requests = Mutex<[HTTPRequest]>([])
  private let makeReply: @Sendable (HTTPRequest) -> HTTPReply

  init(
    reply: @escaping @Sendable (HTTPRequest) -> HTTPReply = { request in
      .respond(HTTPResponse(text: "\(request.method) \(request.target) \(request.bodyText)"))
    }
  ) {
    makeReply = reply
  }

  func reply(to request: HTTPRequest) -> HTTPReply {
    requests.withLock { $0.append(request) }
    return makeReply(request)
  }

  var received: [HTTPRequest] {
    requests.withLock { $0 }
  }
}

/// Makes a configuration with short timeouts, so tests that wait on them stay quick.
func testConfiguration(
  requestTimeout: Duration = .seconds(2), idleTimeout: Duration = .seconds(5)
) -> ServerConfiguration {
  var configuration = ServerConfiguration()
  configuration.requestTimeout = requestTimeout
  configuration.idleTimeout = idleTimeout
  return configuration
}

/// Makes a URLSession that waits at most 2 s for any request.
///
/// On Linux, a kept-alive connection that the server closes after a POST makes URLSession
/// wait out its whole timeout, so a long timeout would make such a test slow.
func makeSession() -> URLSession {
  let configuration = URLSessionConfiguration.ephemeral
  configuration.timeoutIntervalForRequest = 2
  configuration.timeoutIntervalForResource = 2
  return URLSession(configuration: configuration)
}

/// Sends `request` with `session` and returns the body and the HTTP response.
func send(_ request: URLRequest, with session: URLSession) async throws -> (Data, HTTPURLResponse) {
  let (data, response) = try await session.data(for: request)
  return (data, try #require(response as? HTTPURLResponse))
}

/// Polls `condition` every 20 ms until it is true or `timeout` passes, and returns its last value.
func eventually(
  within timeout: Duration = .seconds(4), _ condition: () -> Bool
) -> Bool {
  // Polls on the calling thread rather than with Task.sleep: the tests share a cooperative pool
  // of one thread per core with suites that block, and a suspended test could resume too late
  // for the timings it checks.
  let deadline = ContinuousClock.now + timeout
  while ContinuousClock.now < deadline {
    if condition() { return true }
    usleep(20_000)
  }
  return condition()
}

/// A blocking TCP client on 127.0.0.1 that sends exactly the bytes a test gives it.
final class RawClient {
  let descriptor: Int32

  /// Connects to `port` on 127.0.0.1, or on ::1 when `usesIPv6` is true.
  ///
  /// The socket is stored only once it is connected. A stored property makes the object
  /// whole, so a throw after it would run `deinit`, whose second `close` could shut a
  /// descriptor that another test opened under the same number meanwhile.
  init(port: UInt16, usesIPv6: Bool = false) throws {
    let connecting = socket(usesIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard connecting >= 0 else { throw RawClientError.failed("socket", errno) }
    let result =
      usesIPv6 ? Self.connectIPv6(connecting, port) : Self.connectIPv4(connecting, port)
    guard result == 0 else {
      let code = errno
      close(connecting)
      throw RawClientError.failed("connect", code)
    }
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(
      connecting, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    descriptor = connecting
  }

  deinit {
    close(descriptor)
  }

  private static func connectIPv4(_ descriptor: Int32, _ port: UInt16) -> Int32 {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
  }

  private static func connectIPv6(_ descriptor: Int32, _ port: UInt16) -> Int32 {
    var address = sockaddr_in6()
    address.sin6_family = sa_family_t(AF_INET6)
    address.sin6_port = port.bigEndian
    address.sin6_addr = in6addr_loopback
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
      }
    }
  }

  func send(_ text: String) throws {
    try send(Array(text.utf8))
  }

  func send(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      }
      guard sent > 0 else { throw RawClientError.failed("send", errno) }
      offset += sent
    }
  }

  /// Ends the client's sending side, as a client does that has nothing more to send.
  func shutdownWrite() {
    shutdown(descriptor, Int32(SHUT_WR))
  }

  /// Reads until the server closes the connection (or 5 s pass) and returns every byte.
  func readToEnd() -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, 4096, 0) }
      guard count > 0 else { return bytes }
      bytes += chunk[0..<count]
    }
  }

  /// Reads until `responses` complete responses have arrived, the server closes, or 5 s pass.
  func readResponses(_ count: Int) -> [ParsedResponse] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while ParsedResponse.parseAll(bytes).count < count {
      let received = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, 4096, 0) }
      guard received > 0 else { break }
      bytes += chunk[0..<received]
    }
    return ParsedResponse.parseAll(bytes)
  }
}

enum RawClientError: Error, Equatable {
  case failed(String, Int32)
}

/// A response read off the wire by a test, framed by its `Content-Length`.
struct ParsedResponse: Equatable {
  var status: Int
  var headers: [String: String]
  var body: String

  /// Splits `bytes` into the complete responses at their start; a cut-off tail is left out.
  static func parseAll(_ bytes: [UInt8]) -> [ParsedResponse] {
    var responses: [ParsedResponse] = []
    var rest = bytes[...]
    let terminator = Array("\r\n\r\n".utf8)
    while let range = rest.firstRange(of: terminator) {
      let head = String(decoding: rest[rest.startIndex..<range.lowerBound], as: UTF8.self)
      var lines = head.components(separatedBy: "\r\n")
      let statusLine = lines.removeFirst().split(separator: " ")
      var headers: [String: String] = [:]
      for line in lines {
        guard let colon = line.firstIndex(of: ":") else { continue }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        headers[line[..<colon].lowercased()] = value
      }
      let length = Int(headers["content-length"] ?? "0") ?? 0
      guard rest[range.upperBound...].count >= length else { break }
      let bodyEnd = range.upperBound + length
      let body = String(decoding: rest[range.upperBound..<bodyEnd], as: UTF8.self)
      responses.append(
        ParsedResponse(status: Int(statusLine[1]) ?? 0, headers: headers, body: body))
      rest = rest[bodyEnd...]
    }
    return responses
  }
}
