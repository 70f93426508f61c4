import Foundation
import Komet

/// One line of the settings report: a setting's key, its value as text and its source.
package struct SettingEntry: Equatable, Sendable {
  package let key: String
  package let value: String
  package let source: SettingSource
}

extension KometSettings: CustomStringConvertible {
  /// Every setting as a key, a value and a source, with tokens masked.
  package var entries: [SettingEntry] {
    var list = [
      entry("komet.baseURL", baseURL) { $0.absoluteString },
      entry("komet.companyId", companyId) { $0?.digits ?? "not set" },
      entry("komet.dwfCustomerId", dwfCustomerId) { $0?.digits ?? "not set" },
      entry("komet.defaultLocationId", defaultLocationId) { $0?.digits ?? "not set" },
      entry("komet.companyTokenType", companyTokenRole) { $0.rawValue },
      entry("company token", companyToken) { $0?.masked ?? "not set" },
      entry("customer token", customerToken) { $0?.masked ?? "not set" },
      entry("user token", userToken) { $0?.masked ?? "not set" },
      entry("komet.dryRun", dryRun) { String($0) },
      entry("komet.timeouts.requestSeconds", requestTimeout) { Self.number($0) },
      entry("komet.retry.attempts", retryAttempts) { String($0) },
      entry("komet.retry.maximumDelaySeconds", retryMaximumDelay) { Self.number($0) },
      entry("komet.quota.dailyLimit", quota.dailyLimit) { String($0) },
    ]
    for role in [TokenRole.company, .customer, .user] {
      let limit = quota.roleLimits[role] ?? Sourced(quota.dailyLimit.value)
      let value = quota.roleLimits[role] == nil ? "shares dailyLimit" : String(limit.value)
      list.append(
        SettingEntry(
          key: "komet.quota.roleLimits.\(role.rawValue)", value: value,
          source: quota.roleLimits[role]?.source ?? .defaultValue))
    }
    list.append(entry("komet.quota.timeZone", quota.timeZoneIdentifier) { $0 })
    for item in DocumentationSwitch.all {
      list.append(
        SettingEntry(
          key: "komet.documentationChoices.\(item.key)", value: item.name(in: documentationChoices),
          source: documentationChoiceSources[item.key] ?? .defaultValue))
    }
    return list
  }

  /// One line per setting, such as `komet.dryRun = false (default)`.
  package var description: String {
    entries.map { "\($0.key) = \($0.value) (\($0.source))" }.joined(separator: "\n")
  }

  private func entry<Value>(
    _ key: String, _ setting: Sourced<Value>, _ text: (Value) -> String
  ) -> SettingEntry {
    SettingEntry(key: key, value: text(setting.value), source: setting.source)
  }

  private static func number(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}
