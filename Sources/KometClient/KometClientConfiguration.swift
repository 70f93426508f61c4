import Foundation
import Komet
import StateStore

/// The settings of a `KometClient`: where Komet is, who the caller is, and how to send.
package struct KometClientConfiguration: Sendable {
  /// The URL method paths are appended to. Only HTTPS is accepted, except on loopback.
  package var baseURL: URL = KometRequestContext.defaultBaseURL
  /// The Company ID, sent as `X-ACCOUNT`.
  package var companyId: KometID
  package var tokens: KometTokens
  package var choices = DocumentationChoices()
  /// How long a request may wait for data before it fails with a timeout, in seconds.
  package var requestTimeout: TimeInterval = 30
  /// How long one request may take in all, in seconds.
  package var resourceTimeout: TimeInterval = 120
  package var retry = RetryPolicy()
  package var quota = QuotaPolicy()
  /// The folder that receives dry-run request files, or nil to send writes to Komet.
  package var dryRunFolder: URL?

  package init(companyId: KometID, tokens: KometTokens) {
    self.companyId = companyId
    self.tokens = tokens
  }

  /// Returns the dry-run folder inside a workspace: `outbox/komet/requests/`.
  package static func dryRunFolder(inWorkspace workspace: URL) -> URL {
    workspace.appendingPathComponent("outbox/komet/requests", isDirectory: true)
  }
}

/// When and how often a failed request is sent again.
///
/// Retry `n` (1 for the second attempt) waits a random time from zero up to
/// `min(maxDelay, baseDelay × 2^(n-1))`, which is exponential backoff with full jitter.
package struct RetryPolicy: Sendable, Equatable {
  /// Attempts in all, the first one included.
  package var maxAttempts = 4
  package var baseDelay: Duration = .milliseconds(500)
  package var maxDelay: Duration = .seconds(30)

  package init(
    maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(500),
    maxDelay: Duration = .seconds(30)
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.baseDelay = baseDelay
    self.maxDelay = maxDelay
  }

  /// Returns the longest wait before retry `retry` (1-based): the exponential step, capped.
  package func delayCap(beforeRetry retry: Int) -> Duration {
    var cap = baseDelay
    for _ in 1..<max(1, retry) {
      cap *= 2
      if cap >= maxDelay { return maxDelay }
    }
    return min(cap, maxDelay)
  }

  /// Returns the wait before retry `retry` for a random `fraction` from 0 to 1.
  package func delay(beforeRetry retry: Int, fraction: Double) -> Duration {
    delayCap(beforeRetry: retry) * min(1, max(0, fraction))
  }
}

/// Komet's daily request allowance and how it is split between token roles.
package struct QuotaPolicy: Sendable, Equatable {
  /// Requests per day shared by every role that has no limit of its own (`quota.dailyLimit`).
  package var dailyLimit = KometLimits.dailyRequestsPerUser
  /// Roles with an allowance of their own, counted apart from the shared one.
  package var perRoleLimits: [StateStore.TokenRole: Int] = [:]
  /// The share of an allowance at which the client logs a warning.
  package var warningFraction = 0.8
  /// The time zone whose midnight starts a new quota day.
  // NOTE: not confirmed by Komet: the pages do not say when Komet's day starts, so UTC is a
  // guess.
  package var timeZone = TimeZone(identifier: "UTC")!

  package init() {}
}

extension Komet.TokenRole {
  /// The role the quota ledger counts this token under. A Vendor token takes the place of
  /// the Company token, so it is counted as Company.
  package var ledgerRole: StateStore.TokenRole {
    switch self {
    case .company, .vendor: return .company
    case .customer: return .customer
    case .user: return .user
    }
  }
}
