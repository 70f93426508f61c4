import Komet
import KometClient

/// The journal outcome of a failed Komet write.
enum CallFailure: Equatable {
  /// Komet responded and did not apply the call, so the line or group is rejected with the
  /// reason.
  case rejected(reason: String)
  /// The daily quota is used up, so the request was not sent.
  case quotaExhausted
  /// The call may have been applied, so its outcome has to be found out before anything is
  /// sent again.
  case unknown(reason: String)
  /// The request never left this process or never reached Komet (refused connection, quota
  /// ledger, dry-run folder), so nothing was applied, but Komet cannot be used for now.
  case notSent(reason: String)

  /// Sorts a client error from a write by what Komet may have done with the request.
  init(_ error: KometClientError) {
    switch error {
    case .komet(let kometError):
      self = Self.sort(kometError)
    case .httpStatus:
      // A 4xx other than 429: Komet read the request and turned it down.
      self = .rejected(reason: error.description)
    case .outcomeUnknown:
      self = .unknown(reason: error.description)
    case .quotaExhausted:
      self = .quotaExhausted
    case .transport, .insecureBaseURL, .invalidBaseURL, .quotaLedgerFailed, .dryRunWriteFailed,
      .placeholderID:
      self = .notSent(reason: error.description)
    }
  }

  private static func sort(_ error: KometError) -> CallFailure {
    switch error {
    case .rejected(let rejection):
      return .rejected(reason: rejection.message ?? error.description)
    case .invalidParameter, .requestTooLarge:
      // Found while building the request, so it was never sent and never will be as it is.
      return .rejected(reason: error.description)
    case .htmlResponse, .invalidJSON, .unexpectedResponse, .missingField, .invalidField:
      // Only a 2xx body is decoded, so Komet applied the call but its response is unreadable.
      return .unknown(reason: error.description)
    case .invalidToken, .tokenInWrongSlot, .noTokenForMethod, .invalidBaseURL:
      return .notSent(reason: error.description)
    }
  }
}
