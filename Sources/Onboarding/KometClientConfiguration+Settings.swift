import Configuration
import Foundation
import Komet
import KometClient

extension KometClientConfiguration {
  /// Creates the client settings from the resolved `komet` settings: base URL, documentation
  /// choices, timeouts, retries and quota. Writes are sent, because onboarding only reads.
  package init(settings: KometSettings, companyId: KometID, tokens: KometTokens) {
    self.init(companyId: companyId, tokens: tokens)
    baseURL = settings.baseURL.value
    choices = settings.documentationChoices
    requestTimeout = settings.requestTimeout.value
    resourceTimeout = settings.requestTimeout.value * 4
    retry = RetryPolicy(
      maxAttempts: settings.retryAttempts.value,
      maxDelay: .milliseconds(Int64(settings.retryMaximumDelay.value * 1000)))
    quota.dailyLimit = settings.quota.dailyLimit.value
    for (role, limit) in settings.quota.roleLimits {
      quota.perRoleLimits[role.ledgerRole] = limit.value
    }
    quota.timeZone = settings.quota.timeZone
  }
}
