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
  /// No response arrived because the connection failed or timed out.
  case unreachable(message: String)
  /// The request was not sent because the daily allowance is used up.
  case quotaExhausted(message: String)
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

  var isQuotaExhausted: Bool {
    if case .quotaExhausted = self { return true }
    return false
  }

  /// Why no later method is called after this outcome, or nil when the check goes on.
  var cutOffReason: String? {
    switch self {
    case .unreachable: return "Komet could not be reached"
    case .quotaExhausted: return "the daily allowance is used up"
    default: return nil
    }
  }
}
