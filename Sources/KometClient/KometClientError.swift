import Foundation
import Komet
import StateStore

/// Everything a `KometClient` call can fail with.
///
/// No case contains a token's text or a URL with its query: URLs are `RedactedURL` text, tokens
/// appear as `Token` (masked when printed), and body excerpts have the tokens masked.
package enum KometClientError: Error, Equatable, Sendable {
  /// The failure that left a write's outcome unknown.
  package enum UnknownOutcomeCause: Equatable, Sendable {
    case transport(TransportFailure)
    case httpStatus(Int)
  }

  /// The base URL is not HTTPS and its host is not 127.0.0.1, ::1 or localhost.
  case insecureBaseURL(String)
  case invalidBaseURL(String, reason: String)
  /// Building the request or reading the response failed: an invalid parameter, a request
  /// over 64 KB (found before sending), an HTML or unparseable body, or `status` 0, which is
  /// `.rejected` and keeps Komet's message.
  case komet(KometError)
  /// A read failed in transit on every attempt, or a write could not connect on any attempt.
  case transport(TransportFailure)
  /// Komet responded with an HTTP status that is not 2xx, after the retries the status allows.
  case httpStatus(method: KometMethod, status: Int, attempts: Int, bodyStart: String)
  /// A write failed after its bytes may have reached Komet, so Komet may or may not have acted.
  /// The client never sends it again: the caller reconciles, for example by listing web orders.
  case outcomeUnknown(method: KometMethod, requestID: UUID, cause: UnknownOutcomeCause)
  /// The day's allowance is used up, so the request was not sent. Wait until `dayEnds`.
  case quotaExhausted(role: StateStore.TokenRole, limit: Int, count: Int, dayEnds: Date)
  /// The quota ledger in the state database could not be read or written.
  case quotaLedgerFailed(String)
  /// A dry-run request file could not be written.
  case dryRunWriteFailed(path: String, reason: String)
  /// A request carries a dry-run placeholder ID such as `DRY-RUN-1`, which Komet does not know.
  case placeholderID(method: KometMethod, id: String)
}

extension KometClientError: CustomStringConvertible {
  package var description: String {
    switch self {
    case .insecureBaseURL(let url):
      return "the Komet base URL \(url) is not HTTPS. Use https://, or http:// only with"
        + " 127.0.0.1, ::1 or localhost."
    case .invalidBaseURL(let url, let reason):
      return "the Komet base URL \(url) is invalid: \(reason)."
    case .komet(let error):
      return error.description
    case .transport(let failure):
      return failure.description
    case .httpStatus(let method, let status, let attempts, let bodyStart):
      let body = bodyStart.isEmpty ? " The body is empty." : " The body begins: \(bodyStart)"
      return "\(method): Komet answered HTTP \(status) after \(attempts) attempt(s)." + body
    case .outcomeUnknown(let method, let requestID, let cause):
      return "\(method) (request \(requestID.uuidString)) may or may not have been applied:"
        + " \(causeText(cause)). It was not sent again. Check Komet's web orders before"
        + " sending it again."
    case .quotaExhausted(let role, let limit, let count, let dayEnds):
      return "the daily Komet allowance is used up (\(count) of \(limit) requests for the"
        + " \(role.rawValue) token), so the request was not sent. Wait until"
        + " \(ISO8601DateFormatter().string(from: dayEnds))."
    case .quotaLedgerFailed(let reason):
      return "the quota ledger failed: \(reason)."
    case .dryRunWriteFailed(let path, let reason):
      return "the dry-run request file \(path) could not be written: \(reason)."
    case .placeholderID(let method, let id):
      return "\(method): the ID \(id) is a dry-run placeholder, which Komet does not know, so"
        + " the request was not sent."
    }
  }

  private func causeText(_ cause: UnknownOutcomeCause) -> String {
    switch cause {
    case .transport(let failure): return failure.reason
    case .httpStatus(let status): return "Komet answered HTTP \(status)"
    }
  }
}

extension KometClientError: LocalizedError {
  /// The same text as `description`, for callers that print `localizedDescription`.
  package var errorDescription: String? { description }
}
