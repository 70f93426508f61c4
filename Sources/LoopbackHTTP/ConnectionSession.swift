import Glibc

/// The loop that serves one accepted connection on its own thread, request after request.
///
/// Requests are read, handled and responded to strictly in order, so pipelined requests get
/// their responses in the order they were sent. The session never closes its descriptor:
/// the server does that after removing it from the set that `stop()` shuts down.
struct ConnectionSession {
  let descriptor: Int32
  let wake: Int32
  let configuration: ServerConfiguration
  let handler: any HTTPHandler
  let faults: FaultInjector

  /// Bytes received and not yet consumed by a request, which may hold pipelined requests.
  private var buffer: [UInt8] = []

  private static let chunkSize = 16 * 1024
  private static let headTerminator: [UInt8] = Array("\r\n\r\n".utf8)

  init(
    descriptor: Int32, wake: Int32, configuration: ServerConfiguration,
    handler: any HTTPHandler, faults: FaultInjector
  ) {
    self.descriptor = descriptor
    self.wake = wake
    self.configuration = configuration
    self.handler = handler
    self.faults = faults
  }

  /// Serves requests until one side closes, a limit or timeout ends it, or the server stops.
  mutating func run() {
    SocketCalls.setSendTimeout(descriptor, configuration.writeTimeout)
    while let request = readRequest() {
      guard serve(request) else { break }
    }
    closeGracefully()
  }

  // MARK: Reading

  /// Reads the next complete request, or returns nil when the connection must end.
  ///
  /// Before returning nil for a bad head this sends its error status. A request whose body
  /// falls short (the client closed, stopped sending, or the server stopped) is dropped
  /// without a response: nothing of it reaches the handler.
  private mutating func readRequest() -> (head: RequestHead, body: [UInt8])? {
    guard let (head, headLength, started) = readHead() else { return nil }

    guard head.contentLength <= configuration.maxBodyBytes else {
      sendError(413, "The body of \(head.contentLength) bytes is over the limit.")
      return nil
    }
    let needed = headLength + head.contentLength
    if head.expectsContinue && head.contentLength > 0 && buffer.count < needed {
      guard SocketCalls.sendAll(descriptor, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else {
        return nil
      }
    }

    let deadline = started + configuration.requestTimeout
    while buffer.count < needed {
      guard receiveMore(until: deadline) == .received else { return nil }
    }

    let body = Array(buffer[headLength..<needed])
    buffer.removeFirst(needed)
    return (head, body)
  }

  /// Reads up to the end of the next head and parses it.
  ///
  /// Returns the head, its length in the buffer and the instant its first byte arrived, or
  /// nil when the connection must end.
  private mutating func readHead() -> (RequestHead, Int, ContinuousClock.Instant)? {
    var started: ContinuousClock.Instant? = buffer.isEmpty ? nil : .now
    let idleDeadline = ContinuousClock.now + configuration.idleTimeout
    while true {
      // Empty lines before a request line are allowed and ignored (RFC 9112, section 2.2).
      while buffer.starts(with: [13, 10]) { buffer.removeFirst(2) }

      if let end = headEnd() {
        guard end <= configuration.maxHeaderBytes else { break }
        do {
          let head = try RequestHead(parsing: buffer[0..<(end - 4)])
          return (head, end, started ?? .now)
        } catch {
          sendError(error.status, error.reason)
          return nil
        }
      }
      guard buffer.count <= configuration.maxHeaderBytes else { break }

      let deadline = started.map { $0 + configuration.requestTimeout } ?? idleDeadline
      switch receiveMore(until: deadline) {
      case .received:
        if started == nil { started = .now }
      case .timedOut where started != nil:
        sendError(408, "The request head did not arrive in time.")
        return nil
      case .timedOut, .closed:
        return nil
      }
    }
    sendError(431, "The request head is over \(configuration.maxHeaderBytes) bytes.")
    return nil
  }

  /// Finds the offset just past the first CRLF CRLF in the buffer, or nil when none arrived.
  private func headEnd() -> Int? {
    let terminator = Self.headTerminator
    guard buffer.count >= terminator.count else { return nil }
    for start in 0...(buffer.count - terminator.count)
    where buffer[start] == 13 && buffer[start..<(start + 4)].elementsEqual(terminator) {
      return start + terminator.count
    }
    return nil
  }

  private enum ReceiveOutcome {
    case received
    case timedOut
    case closed
  }

  private mutating func receiveMore(until deadline: ContinuousClock.Instant) -> ReceiveOutcome {
    switch SocketCalls.waitReadable(descriptor, wake: wake, until: deadline) {
    case .timedOut:
      return .timedOut
    case .stopped:
      return .closed
    case .readable:
      let count = SocketCalls.receive(descriptor, appendingTo: &buffer, count: Self.chunkSize)
      return count > 0 ? .received : .closed
    }
  }

  // MARK: Handling

  /// Runs the fault and the handler for one request and carries out the reply; returns
  /// whether the connection stays open for the next request.
  private func serve(_ request: (head: RequestHead, body: [UInt8])) -> Bool {
    let head = request.head
    let httpRequest = HTTPRequest(
      method: head.method, target: head.target, version: head.version, headers: head.headers,
      body: request.body)

    guard let reply = makeReply(for: httpRequest) else { return false }
    if reply.delay > .zero {
      let deadline = ContinuousClock.now + reply.delay
      guard SocketCalls.waitReadable(nil, wake: wake, until: deadline) == .timedOut else {
        return false
      }
    }

    guard case .respond(let response) = reply.action else { return false }
    let closes =
      head.closesConnection || response.headers.contains(token: "close", in: "Connection")
    let bytes = response.serialized(closesConnection: closes, omitsBody: head.method == "HEAD")
    return SocketCalls.sendAll(descriptor, bytes) && !closes
  }

  /// Applies the injected fault, if any, around the handler; nil means close at once.
  private func makeReply(for request: HTTPRequest) -> HTTPReply? {
    let fault = faults.takeFault(for: request)
    switch fault {
    case .closeBeforeHandler:
      return nil
    case .status(let status):
      return .status(status)
    case .jsonResponse(let status, let json):
      return .respond(HTTPResponse(status: status, text: json, contentType: "application/json"))
    case nil, .delay, .statusAfterHandler, .closeAfterHandler:
      break
    }

    var reply = handler.reply(to: request)
    switch fault {
    case .delay(let delay):
      reply.delay += delay
    case .statusAfterHandler(let status):
      reply.action = .respond(HTTPResponse(status: status))
    case .closeAfterHandler:
      reply.action = .closeWithoutResponse
    case nil, .status, .jsonResponse, .closeBeforeHandler:
      break
    }
    return reply
  }

  // MARK: Closing

  private func sendError(_ status: Int, _ reason: String) {
    let response = HTTPResponse(status: status, text: reason + "\n")
    _ = SocketCalls.sendAll(
      descriptor, response.serialized(closesConnection: true, omitsBody: false))
  }

  /// Ends the sending side, then reads and discards what the client still sends for a short
  /// while, so that unread bytes do not make the kernel reset the connection before the
  /// client has read the last response.
  private func closeGracefully() {
    shutdown(descriptor, Int32(SHUT_WR))
    let deadline = ContinuousClock.now + Self.lingerTime
    var discarded: [UInt8] = []
    var total = 0
    while total < Self.lingerBytes,
      SocketCalls.waitReadable(descriptor, wake: wake, until: deadline) == .readable
    {
      let count = SocketCalls.receive(descriptor, appendingTo: &discarded, count: Self.chunkSize)
      guard count > 0 else { return }
      total += count
      discarded.removeAll(keepingCapacity: true)
    }
  }

  private static let lingerTime: Duration = .milliseconds(500)
  private static let lingerBytes = 1024 * 1024
}
