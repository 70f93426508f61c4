import Configuration
import Foundation
import Komet

/// The origin of a resolved ID, shown beside the ID in the onboarding checklist.
package enum IDSource: Equatable, Sendable, CustomStringConvertible {
  /// A config key or environment variable, which takes precedence over the exports.
  case setting(SettingSource)
  /// An export that the intake read, by the name it was dropped under and when it was read.
  case export(file: String, recordedAt: Date)
  /// The only location of the locations export, which is therefore the default location.
  case onlyLocation(file: String, recordedAt: Date)

  package var description: String {
    switch self {
    case .setting(let source):
      return source.description
    case .export(let file, let time):
      return "export \(file), read \(OnboardingTime.text(time))"
    case .onlyLocation(let file, let time):
      return "the only location in export \(file), read \(OnboardingTime.text(time))"
    }
  }
}

/// One ID with its name, where the export gives one, and its source.
package struct ResolvedID: Equatable, Sendable {
  package var id: KometID
  package var name: String?
  package var source: IDSource

  package init(id: KometID, name: String? = nil, source: IDSource) {
    self.id = id
    self.name = name
    self.source = source
  }
}

/// The UTC time format of the onboarding files and messages.
package enum OnboardingTime {
  /// Returns `date` as ISO 8601 in UTC with seconds, such as `2026-05-04T09:30:00Z`.
  package static func text(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }
}
