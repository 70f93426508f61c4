import Foundation
import Komet

/// The resolved `komet` settings: built-in defaults, overridden by `komet-dwf.json`, overridden
/// by the environment, each with its source.
package struct KometSettings: Sendable {
  package static let defaultBaseURL = URL(string: "https://api.kometsales.com/api/")!
  package static let defaultRequestTimeout = 30.0
  package static let defaultRetryAttempts = 4
  package static let defaultRetryMaximumDelay = 30.0
  package static let defaultDailyLimit = 1_000
  package static let defaultTimeZone = "UTC"

  package var baseURL = Sourced(defaultBaseURL)
  /// The Company ID sent as `X-ACCOUNT`.
  package var companyId = Sourced<KometID?>(nil)
  package var dwfCustomerId = Sourced<KometID?>(nil)
  package var defaultLocationId = Sourced<KometID?>(nil)
  /// The role of the token in the Company slot: `.company`, or `.vendor` for a Vendor token.
  package var companyTokenRole = Sourced(TokenRole.company)
  package var companyToken = Sourced<Token?>(nil)
  package var customerToken = Sourced<Token?>(nil)
  package var userToken = Sourced<Token?>(nil)
  /// Whether writes are stored under `outbox/komet/requests/` instead of being sent.
  package var dryRun = Sourced(false)
  /// Seconds a request may take before it times out.
  package var requestTimeout = Sourced(defaultRequestTimeout)
  /// Attempts per request, the first one included, for the requests that may be retried.
  package var retryAttempts = Sourced(defaultRetryAttempts)
  /// Seconds of the longest pause between two attempts.
  package var retryMaximumDelay = Sourced(defaultRetryMaximumDelay)
  package var quota = QuotaSettings()
  package var documentationChoices = DocumentationChoices()
  /// The source of each documentation switch, keyed by its name under
  /// `komet.documentationChoices`. A switch left at its default has no entry.
  package var documentationChoiceSources: [String: SettingSource] = [:]

  package init() {}

  /// The configured tokens as one set for the request builder.
  package var tokens: KometTokens {
    get throws(KometError) {
      try KometTokens(
        company: companyToken.value, customer: customerToken.value, user: userToken.value)
    }
  }
}

/// The daily request allowance.
///
/// Every role shares `dailyLimit` unless `roleLimits` gives that role its own allowance.
package struct QuotaSettings: Sendable {
  package var dailyLimit = Sourced(KometSettings.defaultDailyLimit)
  /// Own allowances for the Company, Customer or User role.
  package var roleLimits: [TokenRole: Sourced<Int>] = [:]
  // NOTE: not confirmed by Komet. Its pages give 1,000 requests per user per day but not the
  // time zone whose midnight starts the day, so UTC is a guess.
  /// The IANA name of the time zone whose midnight starts a new quota day, as configured.
  package var timeZoneIdentifier = Sourced(KometSettings.defaultTimeZone)

  package init() {}

  /// The time zone `timeZoneIdentifier` names, which loading has checked.
  package var timeZone: TimeZone {
    TimeZone(identifier: timeZoneIdentifier.value) ?? TimeZone(secondsFromGMT: 0)!
  }

  /// Returns the allowance that `role` counts against: its own, or the shared one.
  package func limit(for role: TokenRole) -> Int {
    roleLimits[role]?.value ?? dailyLimit.value
  }
}
