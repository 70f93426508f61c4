/// The code that turns each complete request into a reply.
///
/// The server calls `reply(to:)` on the connection's own thread, once per request and in the
/// order the requests arrived on that connection. Calls for different connections run at the
/// same time, so a handler guards its shared state itself, for example with a `Mutex`.
package protocol HTTPHandler: Sendable {
  func reply(to request: HTTPRequest) -> HTTPReply
}

/// A handler made from a closure.
package struct ClosureHandler: HTTPHandler {
  private let body: @Sendable (HTTPRequest) -> HTTPReply

  package init(_ body: @escaping @Sendable (HTTPRequest) -> HTTPReply) {
    self.body = body
  }

  package func reply(to request: HTTPRequest) -> HTTPReply {
    body(request)
  }
}
