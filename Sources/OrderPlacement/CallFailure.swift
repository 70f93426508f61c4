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
  /// The request never left this process (quota ledger, dry-run folder), so nothing was
  /// applied, but Komet cannot be used for now. A refused connection is not this case: the
  /// client reports a write that met one as `outcomeUnknown`.
  case notSent(reason: String)
  /// Komet rejected the token, or the configuration keeps the request from being built
  /// or sent (an invalid base URL, no token for the method), so nothing was applied. The
  /// line or group goes back to where it was, because sending it again after the fix can
  /// succeed.
  case configuration(KometClientError)

  /// Sorts a client error from a write by what Komet may have done with the request.
  init(_ error: KometClientError) {
    if error.tokenRejectionMethod != nil {
      self = .configuration(error)
      return
    }
    switch error {
    case .komet(let kometError):
      self = Self.sort(kometError)
    case .httpStatus(_, let status, _, _) where status == 429:
      // Turned away unprocessed, such as at Komet's daily limit: nothing was applied, and
      // the call can be sent again by a later pass.
      self = .notSent(reason: error.description)
    case .httpStatus:
      // A 4xx other than 429: Komet read the request and turned it down.
      self = .rejected(reason: error.description)
    case .outcomeUnknown:
      self = .unknown(reason: error.description)
    case .quotaExhausted:
      self = .quotaExhausted
    case .insecureBaseURL, .invalidBaseURL:
      self = .configuration(error)
    case .transport, .quotaLedgerFailed, .dryRunWriteFailed, .placeholderID:
      self = .notSent(reason: error.description)
    }
  }

  private static func sort(_ error: KometError) -> CallFailure {
    let wrapped = KometClientError.komet(error)
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
      return .configuration(wrapped)
    }
  }
}

/// The outcome of a failed Komet read, such as `web-order-details.list` in a reconciliation.
enum ReadFailure: Equatable {
  /// The daily quota is used up, so the request was not sent.
  case quotaExhausted
  /// The read could not be made: every attempt failed in transit (connection refused or
  /// lost, timed out), Komet responded HTTP 429 on every attempt, or the request never left
  /// this process (quota ledger, dry-run folder). Nothing was learnt about Komet's data, so
  /// the question stays open for a later pass.
  case unreachable(reason: String)
  /// Komet responded with an error: an HTTP status other than 2xx and 429 after the retries
  /// the status allows (such as 500), `status` 0, or a 2xx body that cannot be read. Also a
  /// request that cannot be built from the journaled values, which no later pass changes.
  case failed(reason: String)
  /// The token or the configuration is unusable, as for `CallFailure.configuration`.
  case configuration(KometClientError)

  /// Sorts a client error from a read by whether Komet responded to it.
  init(_ error: KometClientError) {
    if error.tokenRejectionMethod != nil {
      self = .configuration(error)
      return
    }
    switch error {
    case .quotaExhausted:
      self = .quotaExhausted
    case .transport, .quotaLedgerFailed, .dryRunWriteFailed, .placeholderID:
      self = .unreachable(reason: error.description)
    case .outcomeUnknown(_, _, .transport):
      self = .unreachable(reason: error.description)
    case .httpStatus(_, let status, _, _) where status == 429:
      self = .unreachable(reason: error.description)
    case .httpStatus, .outcomeUnknown:
      self = .failed(reason: error.description)
    case .insecureBaseURL, .invalidBaseURL:
      self = .configuration(error)
    case .komet(let kometError):
      switch kometError {
      case .invalidToken, .tokenInWrongSlot, .noTokenForMethod, .invalidBaseURL:
        self = .configuration(error)
      case .invalidParameter, .requestTooLarge, .rejected, .htmlResponse, .invalidJSON,
        .unexpectedResponse, .missingField, .invalidField:
        self = .failed(reason: error.description)
      }
    }
  }
}
