import Komet
import KometClient

/// The reason one of Komet's list methods returned no list.
package struct ListFailure: Error, Equatable, Sendable, CustomStringConvertible {
  package enum Kind: Equatable, Sendable {
    /// No response arrived: the connection failed, was refused or timed out.
    case unreachable
    /// Komet rejected the call, for example because the token is wrong.
    case refused
    /// The request was not sent because the daily allowance is used up.
    case quotaExhausted
    /// The call was not made: a value it needs is missing, or an earlier call found Komet
    /// unreachable.
    case notCalled
    /// Komet sent a response that could not be read.
    case invalidResponse
  }

  package var method: KometMethod
  package var kind: Kind
  package var reason: String

  package init(method: KometMethod, kind: Kind, reason: String) {
    self.method = method
    self.kind = kind
    self.reason = reason
  }

  /// Sorts a client error into a kind, keeping its message, which never contains a token.
  package init(method: KometMethod, error: KometClientError) {
    self.method = method
    reason = error.description
    switch error {
    case .komet(.noTokenForMethod):
      kind = .notCalled
    case .komet(.rejected):
      kind = .refused
    case .httpStatus(_, let status, _, _) where (400..<500).contains(status):
      kind = .refused
    case .transport, .httpStatus, .outcomeUnknown:
      kind = .unreachable
    case .quotaExhausted:
      kind = .quotaExhausted
    default:
      kind = .invalidResponse
    }
  }

  package var description: String {
    switch kind {
    case .notCalled: return "\(method.rawValue) was not called: \(reason)"
    default: return "\(method.rawValue) failed: \(reason)"
    }
  }
}
