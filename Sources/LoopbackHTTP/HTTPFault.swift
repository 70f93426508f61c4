/// A fault that the server injects into the handling of one matching request.
package enum HTTPFault: Sendable, Equatable {
  /// Runs the handler, then waits this long before carrying out its reply.
  case delay(Duration)

  /// Sends this status with an empty body instead of running the handler.
  case status(Int)

  /// Runs the handler, then sends this status with an empty body instead of its reply.
  case statusAfterHandler(Int)

  /// Sends this status with `json` as an `application/json` body instead of running the
  /// handler, such as a Komet rejection (`"status": "0"`) under HTTP 200.
  case jsonResponse(status: Int, json: String)

  /// Closes the connection without a response and without running the handler.
  case closeBeforeHandler

  /// Runs the handler, then closes the connection without sending its reply.
  case closeAfterHandler
}

/// The requests that a fault applies to: a method, a path, or both.
package struct RequestMatcher: Sendable, Equatable {
  /// The method to match exactly, or nil for any method.
  package var method: String?

  /// The path (the target up to `?`) to match exactly, or nil for any path.
  package var path: String?

  package init(method: String? = nil, path: String? = nil) {
    self.method = method
    self.path = path
  }

  /// A matcher for every request.
  package static let any = RequestMatcher()

  /// Reports whether `request` has the method and path this matcher names.
  package func matches(_ request: HTTPRequest) -> Bool {
    if let method, method != request.method { return false }
    if let path, path != request.path { return false }
    return true
  }
}
