import Foundation
import Komet

extension ExchangeSettings {
  /// A whole-number setting: its section, key, environment variable, range and field.
  struct IntegerKey: Sendable {
    let section: String
    let key: String
    let environmentName: String
    let range: ClosedRange<Int>
    let field: WritableKeyPath<ExchangeSettings, Sourced<Int>> & Sendable

    var name: String { section + "." + key }
  }

  static let integerKeys: [IntegerKey] = [
    IntegerKey(
      section: "inventory", key: "intervalMinutes",
      environmentName: "KOMET_DWF_INVENTORY_INTERVAL_MINUTES", range: 1...1_440,
      field: \.inventoryIntervalMinutes),
    IntegerKey(
      section: "inventory", key: "futureDays", environmentName: "KOMET_DWF_INVENTORY_FUTURE_DAYS",
      range: 0...365, field: \.inventoryFutureDays),
    IntegerKey(
      section: "inventory", key: "maxAgeMinutes",
      environmentName: "KOMET_DWF_INVENTORY_MAX_AGE_MINUTES", range: 1...10_080,
      field: \.inventoryMaxAgeMinutes),
    IntegerKey(
      section: "inventory", key: "keep", environmentName: "KOMET_DWF_INVENTORY_KEEP",
      range: 1...100_000, field: \.inventoryKeep),
    IntegerKey(
      section: "quota", key: "reserveForOrders",
      environmentName: "KOMET_DWF_QUOTA_RESERVE_FOR_ORDERS", range: 0...1_000_000,
      field: \.reserveForOrders),
    IntegerKey(
      section: "watch", key: "quietPeriodMilliseconds",
      environmentName: "KOMET_DWF_WATCH_QUIET_PERIOD_MILLISECONDS", range: 0...60_000,
      field: \.quietPeriodMilliseconds),
    IntegerKey(
      section: "watch", key: "rescanMinutes", environmentName: "KOMET_DWF_WATCH_RESCAN_MINUTES",
      range: 1...1_440, field: \.rescanMinutes),
  ]

  static let inventorySourceEnvironmentName = "KOMET_DWF_INVENTORY_SOURCE"
  static let watchModeEnvironmentName = "KOMET_DWF_WATCH_MODE"
  static let settleSecondsEnvironmentName = "KOMET_DWF_WATCH_SETTLE_SECONDS"
  static let settleSecondsRange = 0.0...3_600

  /// The keys of each section this type reads.
  static let sectionKeys: [String: [String]] = [
    "inventory": ["source", "intervalMinutes", "futureDays", "maxAgeMinutes", "keep"],
    "quota": ["reserveForOrders"],
    "watch": ["mode", "quietPeriodMilliseconds", "settleSeconds", "rescanMinutes"],
    "orders": ["allOrNothing", "priceTolerance", "checkout", "defaultCarrierId"],
    "fees": ["rate", "onHandOnly"],
  ]

  /// Resolves the pipeline settings from `komet-dwf.json` in `workspace`, then from
  /// `environment`, where an empty variable counts as unset.
  ///
  /// A missing config file leaves every setting at its default. Unknown top-level sections
  /// are rejected here as `KometSettings.load` rejects them, with the same list.
  ///
  /// - Throws: `ConfigurationError` for an unreadable or invalid file, an unknown key, a value
  ///   of the wrong type or out of range, a decimal with too many decimal places, an unknown
  ///   name, or `inventory.maxAgeMinutes` shorter than `inventory.intervalMinutes`.
  package static func load(
    workspace: URL, environment: [String: String]
  ) throws(ConfigurationError) -> ExchangeSettings {
    let path = workspace.appendingPathComponent(KometSettings.fileName).path
    var settings = ExchangeSettings()

    if let root = try KometSettings.readFile(at: path) {
      let top = try ConfigObject(root, keyPath: "", path: path)
      try top.rejectUnknownKeys(KometSettings.knownSections)
      for (name, keys) in sectionKeys.sorted(by: { $0.key < $1.key }) {
        guard let section = try top.object(name), let json = root[name] else { continue }
        try section.rejectUnknownKeys(keys)
        try settings.apply(section)
        try settings.applySwitchesAndDecimals(section, json: json)
        try settings.applyPlacement(section, json: json)
      }
    }

    try settings.applyEnvironment(environment)
    try settings.applySwitchAndDecimalEnvironment(environment)
    try settings.applyPlacementEnvironment(environment)
    try settings.checkConsistency()
    return settings
  }

  private mutating func apply(_ section: ConfigObject) throws(ConfigurationError) {
    for item in Self.integerKeys where item.section == section.keyPath {
      guard let number = try section.integer(item.key, in: item.range) else { continue }
      self[keyPath: item.field] = Sourced(number, from: section.source(of: item.key))
    }

    switch section.keyPath {
    case "inventory":
      if let name = try section.string("source") {
        inventorySource = try Self.named(name, source: section.source(of: "source"))
      }
    case "watch":
      if let name = try section.string("mode") {
        watchMode = try Self.named(name, source: section.source(of: "mode"))
      }
      if let seconds = try section.seconds("settleSeconds", in: Self.settleSecondsRange) {
        settleSeconds = Sourced(seconds, from: section.source(of: "settleSeconds"))
      }
    default:
      break
    }
  }

  private mutating func applyEnvironment(_ environment: [String: String])
    throws(ConfigurationError)
  {
    func value(_ name: String) -> String? {
      guard let text = environment[name], !text.isEmpty else { return nil }
      return text
    }

    for item in Self.integerKeys {
      guard let text = value(item.environmentName) else { continue }
      let source = SettingSource.environment(name: item.environmentName)
      guard let number = Int(text) else {
        throw .invalidValue(source: source, value: "\"\(text)\"", reason: "is not a whole number")
      }
      guard item.range.contains(number) else {
        throw .invalidValue(
          source: source, value: text,
          reason: "is out of range, which is \(item.range.lowerBound) to \(item.range.upperBound)")
      }
      self[keyPath: item.field] = Sourced(number, from: source)
    }

    if let text = value(Self.inventorySourceEnvironmentName) {
      inventorySource = try Self.named(
        text, source: .environment(name: Self.inventorySourceEnvironmentName))
    }
    if let text = value(Self.watchModeEnvironmentName) {
      watchMode = try Self.named(text, source: .environment(name: Self.watchModeEnvironmentName))
    }
    if let text = value(Self.settleSecondsEnvironmentName) {
      let source = SettingSource.environment(name: Self.settleSecondsEnvironmentName)
      guard let seconds = Double(text), seconds.isFinite else {
        throw .invalidValue(
          source: source, value: "\"\(text)\"", reason: "is not a number of seconds")
      }
      let range = Self.settleSecondsRange
      guard range.contains(seconds) else {
        throw .invalidValue(
          source: source, value: text,
          reason: "is out of range, which is \(range.lowerBound) to \(range.upperBound) seconds")
      }
      settleSeconds = Sourced(seconds, from: source)
    }
  }

  /// Rejects a maximum age shorter than the interval, which would mark every drop stale
  /// before the next one is due.
  private func checkConsistency() throws(ConfigurationError) {
    let maxAge = inventoryMaxAgeMinutes
    let interval = inventoryIntervalMinutes
    guard maxAge.value < interval.value else { return }

    // Blame the key that was set, so the message does not point at a default.
    if maxAge.source == .defaultValue {
      throw .invalidValue(
        source: interval.source, value: String(interval.value),
        reason: "is longer than inventory.maxAgeMinutes (\(maxAge.value) by default), so every"
          + " drop would be stale before the next one. Set inventory.maxAgeMinutes to at least"
          + " \(interval.value)")
    }
    throw .invalidValue(
      source: maxAge.source, value: String(maxAge.value),
      reason: "is shorter than inventory.intervalMinutes (\(interval.value)), so every drop"
        + " would be stale before the next one. Make it at least \(interval.value)")
  }

  private static func named<Choice: RawRepresentable & CaseIterable>(
    _ name: String, source: SettingSource
  ) throws(ConfigurationError) -> Sourced<Choice> where Choice.RawValue == String {
    guard let choice = Choice(rawValue: name) else {
      let names = Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
      throw .invalidValue(
        source: source, value: "\"\(name)\"",
        reason: "is not one of the alternatives, which are \(names)")
    }
    return Sourced(choice, from: source)
  }
}
