import Foundation
import Komet

extension KometSettings {
  private static let sectionKeys = [
    "baseURL", "companyId", "dwfCustomerId", "defaultLocationId", "companyTokenType",
    "tokenFiles", "dryRun", "timeouts", "retry", "quota", "documentationChoices",
  ]
  private static let roleKeys = ["company", "customer", "user"]

  /// Applies the `komet` section and returns the token file paths it names, by slot.
  mutating func apply(_ section: ConfigObject) throws(ConfigurationError) -> [TokenRole: String] {
    try section.rejectUnknownKeys(Self.sectionKeys)

    if let text = try section.string("baseURL") {
      baseURL = try Self.checkBaseURL(text, source: section.source(of: "baseURL"))
    }
    try read(section, "companyId", into: &companyId)
    try read(section, "dwfCustomerId", into: &dwfCustomerId)
    try read(section, "defaultLocationId", into: &defaultLocationId)
    try applyCompanyTokenType(section)
    if let flag = try section.bool("dryRun") {
      dryRun = Sourced(flag, from: section.source(of: "dryRun"))
    }

    try applyTimeouts(section)
    try applyRetry(section)
    try applyQuota(section)
    try applyDocumentationChoices(section)
    return try tokenFiles(section)
  }

  private func read(
    _ section: ConfigObject, _ key: String, into setting: inout Sourced<KometID?>
  ) throws(ConfigurationError) {
    if let id = try section.kometID(key) {
      setting = Sourced(id, from: section.source(of: key))
    }
  }

  private mutating func applyCompanyTokenType(_ section: ConfigObject)
    throws(ConfigurationError)
  {
    guard let name = try section.string("companyTokenType") else { return }
    guard let role = TokenRole(rawValue: name), role == .company || role == .vendor else {
      throw .invalidValue(
        source: section.source(of: "companyTokenType"), value: "\"\(name)\"",
        reason: "is not a token type for the Company slot, which is \"company\" or \"vendor\"")
    }
    companyTokenRole = Sourced(role, from: section.source(of: "companyTokenType"))
  }

  private mutating func applyTimeouts(_ section: ConfigObject) throws(ConfigurationError) {
    guard let timeouts = try section.object("timeouts") else { return }
    try timeouts.rejectUnknownKeys(["requestSeconds"])
    if let seconds = try timeouts.seconds("requestSeconds", in: 0.001...3_600) {
      requestTimeout = Sourced(seconds, from: timeouts.source(of: "requestSeconds"))
    }
  }

  private mutating func applyRetry(_ section: ConfigObject) throws(ConfigurationError) {
    guard let retry = try section.object("retry") else { return }
    try retry.rejectUnknownKeys(["attempts", "maximumDelaySeconds"])
    if let attempts = try retry.integer("attempts", in: 1...10) {
      retryAttempts = Sourced(attempts, from: retry.source(of: "attempts"))
    }
    if let seconds = try retry.seconds("maximumDelaySeconds", in: 0...3_600) {
      retryMaximumDelay = Sourced(seconds, from: retry.source(of: "maximumDelaySeconds"))
    }
  }

  private mutating func applyQuota(_ section: ConfigObject) throws(ConfigurationError) {
    guard let object = try section.object("quota") else { return }
    try object.rejectUnknownKeys(["dailyLimit", "roleLimits", "timeZone"])
    let limits = 1...1_000_000

    if let limit = try object.integer("dailyLimit", in: limits) {
      quota.dailyLimit = Sourced(limit, from: object.source(of: "dailyLimit"))
    }
    if let roles = try object.object("roleLimits") {
      try roles.rejectUnknownKeys(Self.roleKeys)
      for key in Self.roleKeys {
        guard let limit = try roles.integer(key, in: limits) else { continue }
        quota.roleLimits[TokenRole(rawValue: key)!] = Sourced(limit, from: roles.source(of: key))
      }
    }
    if let identifier = try object.string("timeZone") {
      guard TimeZone(identifier: identifier) != nil else {
        throw .invalidValue(
          source: object.source(of: "timeZone"), value: "\"\(identifier)\"",
          reason: "is not a time zone. Use an IANA name such as \"UTC\" or \"America/Bogota\"")
      }
      quota.timeZoneIdentifier = Sourced(identifier, from: object.source(of: "timeZone"))
    }
  }

  private mutating func applyDocumentationChoices(_ section: ConfigObject)
    throws(ConfigurationError)
  {
    guard let object = try section.object("documentationChoices") else { return }
    let switches = DocumentationSwitch.all
    try object.rejectUnknownKeys(switches.map(\.key))

    for item in switches {
      guard let name = try object.string(item.key) else { continue }
      guard item.apply(name, to: &documentationChoices) else {
        let names = item.alternatives.map { "\"\($0)\"" }.joined(separator: ", ")
        throw .invalidValue(
          source: object.source(of: item.key), value: "\"\(name)\"",
          reason: "is not one of the alternatives, which are \(names)")
      }
      documentationChoiceSources[item.key] = object.source(of: item.key)
    }
  }

  private func tokenFiles(_ section: ConfigObject) throws(ConfigurationError)
    -> [TokenRole: String]
  {
    guard let object = try section.object("tokenFiles") else { return [:] }
    try object.rejectUnknownKeys(Self.roleKeys)
    var files: [TokenRole: String] = [:]
    for key in Self.roleKeys {
      guard let path = try object.string(key) else { continue }
      guard !path.isEmpty else {
        throw .invalidValue(
          source: object.source(of: key), value: "\"\"", reason: "is empty. Give a file path")
      }
      files[TokenRole(rawValue: key)!] = path
    }
    return files
  }
}
