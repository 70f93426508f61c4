import Komet

/// The finding of `komet check` for one method, called with one token or not called.
struct KometCheckResult: Sendable {
  let method: KometMethod
  /// The token the call used, or nil when the method was not called.
  let token: Token?
  let outcome: KometCheckOutcome
}

/// The result of one call, or why there was none.
enum KometCheckOutcome: Sendable {
  case works(detail: String?)
  /// A write that a dry run stored under `outbox/komet/requests/` instead of sending.
  case recorded(detail: String)
  /// Komet rejected the call: `status` 0, or an HTTP 4xx response, with its message as it came.
  case refused(message: String)
  /// Komet responded with a body the client does not accept, such as an HTML page.
  case failed(message: String)
  /// No response arrived because the connection failed or timed out, or the request was not
  /// sent because the daily allowance is used up.
  case unreachable(message: String)
  case untested(reason: String)

  var isProblem: Bool {
    switch self {
    case .refused, .failed: return true
    default: return false
    }
  }

  var isUnreachable: Bool {
    if case .unreachable = self { return true }
    return false
  }
}
