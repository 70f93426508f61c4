/// The action a handler requests from the server for a request it has handled.
///
/// Besides a plain response, a reply can delay the response or close the connection without
/// one. Both happen after the handler ran, so whatever the handler stored stays stored: a
/// sandbox that stores an order line and returns `closeWithoutResponse()` leaves the client
/// with an outcome it cannot know.
package struct HTTPReply: Sendable {
  /// The server's step after the delay.
  package enum Action: Sendable, Equatable {
    /// Sends the response, then keeps the connection open unless either side asked to close.
    case respond(HTTPResponse)

    /// Closes the connection and sends nothing.
    case closeWithoutResponse
  }

  package var action: Action

  /// How long the server waits before the action; `stop()` cuts the wait short.
  package var delay: Duration

  package init(_ action: Action, delay: Duration = .zero) {
    self.action = action
    self.delay = delay
  }

  /// Creates a reply that sends `response` after `delay`.
  package static func respond(_ response: HTTPResponse, after delay: Duration = .zero) -> Self {
    HTTPReply(.respond(response), delay: delay)
  }

  /// Creates a reply with status `status` and `text` as a UTF-8 body.
  package static func status(_ status: Int, text: String = "") -> Self {
    HTTPReply(.respond(HTTPResponse(status: status, text: text)))
  }

  /// Creates a reply that closes the connection, after `delay`, without a response.
  package static func closeWithoutResponse(after delay: Duration = .zero) -> Self {
    HTTPReply(.closeWithoutResponse, delay: delay)
  }
}
