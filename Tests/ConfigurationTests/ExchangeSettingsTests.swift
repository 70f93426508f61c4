import Foundation
import Testing

@testable import Configuration

struct ExchangeSettingsTests {
  @Test func defaultsWithoutFile() throws {
    let workspace = try TemporaryWorkspace()
    let settings = try ExchangeSettings.load(workspace: workspace.url, environment: [:])

    #expect(settings.inventorySource.value == .ecommerce)
    #expect(settings.inventoryIntervalMinutes.value == 5)
    #expect(settings.inventoryFutureDays.value == 14)
    #expect(settings.inventoryMaxAgeMinutes.value == 30)
    #expect(settings.inventoryKeep.value == 288)
    #expect(settings.reserveForOrders.value == 200)
    #expect(settings.watchMode.value == .inotify)
    #expect(settings.quietPeriodMilliseconds.value == 500)
    #expect(settings.settleSeconds.value == 2)
    #expect(settings.rescanMinutes.value == 5)
    #expect(settings.entries.allSatisfy { $0.source == .defaultValue })
  }

  @Test func everyKeyFromFile() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(
      """
      {"komet": {"dryRun": true},
       "inventory": {"source": "openMarket", "intervalMinutes": 10, "futureDays": 7,
         "maxAgeMinutes": 45, "keep": 12},
       "quota": {"reserveForOrders": 350},
       "watch": {"mode": "poll", "quietPeriodMilliseconds": 250, "settleSeconds": 1.5,
         "rescanMinutes": 2}}
      """)
    let settings = try ExchangeSettings.load(workspace: workspace.url, environment: [:])
    let path = workspace.configPath

    #expect(settings.inventorySource.value == .openMarket)
    #expect(settings.inventorySource.source == .file(path: path, key: "inventory.source"))
    #expect(settings.inventoryIntervalMinutes.value == 10)
    #expect(settings.inventoryFutureDays.value == 7)
    #expect(settings.inventoryMaxAgeMinutes.value == 45)
    #expect(settings.inventoryKeep.value == 12)
    #expect(settings.reserveForOrders.value == 350)
    #expect(settings.reserveForOrders.source == .file(path: path, key: "quota.reserveForOrders"))
    #expect(settings.watchMode.value == .poll)
    #expect(settings.quietPeriodMilliseconds.value == 250)
    #expect(settings.settleSeconds.value == 1.5)
    #expect(settings.rescanMinutes.value == 2)
    #expect(settings.rescanMinutes.source == .file(path: path, key: "watch.rescanMinutes"))

    let komet = try KometSettings.load(workspace: workspace.url, environment: [:])
    #expect(komet.dryRun.value == true)
  }

  @Test(arguments: [
    (#"{"inventory": {"intervall": 5}}"#, "unknown key inventory.intervall in"),
    (#"{"watch": {"mode": "fanotify"}}"#, "watch.mode in"),
    (#"{"watch": {"mode": 1}}"#, "watch.mode in"),
    (#"{"inventory": {"keep": "288"}}"#, "inventory.keep in"),
    (#"{"inventory": {"keep": 0}}"#, "inventory.keep in"),
    (#"{"inventory": {"source": "ftp"}}"#, "inventory.source in"),
    (#"{"quota": {"reserveForOrders": -1}}"#, "quota.reserveForOrders in"),
    (#"{"watch": {"settleSeconds": "2"}}"#, "watch.settleSeconds in"),
    (#"{"inventory": {"intervalMinutes": 60}}"#, "inventory.intervalMinutes in"),
    (#"{"inventory": {"intervalMinutes": 9, "maxAgeMinutes": 8}}"#, "inventory.maxAgeMinutes in"),
    (#"{"schedule": {}}"#, "unknown key schedule in"),
  ])
  func invalidFileValue(config: String, expected: String) throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(config)

    let error = #expect(throws: ConfigurationError.self) {
      try ExchangeSettings.load(workspace: workspace.url, environment: [:])
    }
    let text = error.map { String(describing: $0) } ?? ""
    #expect(text.contains(expected), "\(text)")
  }

  @Test func wrongTypeNamesKeyAndValue() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(#"{"watch": {"quietPeriodMilliseconds": true}}"#)

    let error = #expect(throws: ConfigurationError.self) {
      try ExchangeSettings.load(workspace: workspace.url, environment: [:])
    }
    #expect(
      error
        == .wrongType(
          path: workspace.configPath, key: "watch.quietPeriodMilliseconds", value: "true",
          expected: "a whole number"))
  }

  @Test func environmentOverridesFile() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(
      #"{"inventory": {"source": "openMarket", "keep": 12}, "watch": {"mode": "inotify"}}"#)
    let environment = [
      "KOMET_DWF_INVENTORY_SOURCE": "export",
      "KOMET_DWF_INVENTORY_INTERVAL_MINUTES": "15",
      "KOMET_DWF_INVENTORY_FUTURE_DAYS": "3",
      "KOMET_DWF_INVENTORY_MAX_AGE_MINUTES": "60",
      "KOMET_DWF_INVENTORY_KEEP": "40",
      "KOMET_DWF_QUOTA_RESERVE_FOR_ORDERS": "0",
      "KOMET_DWF_WATCH_MODE": "poll",
      "KOMET_DWF_WATCH_QUIET_PERIOD_MILLISECONDS": "900",
      "KOMET_DWF_WATCH_SETTLE_SECONDS": "0.5",
      "KOMET_DWF_WATCH_RESCAN_MINUTES": "30",
    ]
    let settings = try ExchangeSettings.load(workspace: workspace.url, environment: environment)

    #expect(settings.inventorySource.value == .export)
    #expect(settings.inventorySource.source == .environment(name: "KOMET_DWF_INVENTORY_SOURCE"))
    #expect(settings.inventoryIntervalMinutes.value == 15)
    #expect(settings.inventoryFutureDays.value == 3)
    #expect(settings.inventoryMaxAgeMinutes.value == 60)
    #expect(settings.inventoryKeep.value == 40)
    #expect(settings.inventoryKeep.source == .environment(name: "KOMET_DWF_INVENTORY_KEEP"))
    #expect(settings.reserveForOrders.value == 0)
    #expect(settings.watchMode.value == .poll)
    #expect(settings.quietPeriodMilliseconds.value == 900)
    #expect(settings.settleSeconds.value == 0.5)
    #expect(settings.rescanMinutes.value == 30)
  }

  @Test func emptyEnvironmentVariableIsUnset() throws {
    let workspace = try TemporaryWorkspace()
    let settings = try ExchangeSettings.load(
      workspace: workspace.url, environment: ["KOMET_DWF_WATCH_MODE": ""])
    #expect(settings.watchMode.value == .inotify)
    #expect(settings.watchMode.source == .defaultValue)
  }

  @Test(arguments: [
    ("KOMET_DWF_INVENTORY_KEEP", "many", "environment variable KOMET_DWF_INVENTORY_KEEP is"),
    ("KOMET_DWF_INVENTORY_KEEP", "0", "is out of range, which is 1 to 100000"),
    ("KOMET_DWF_WATCH_MODE", "fast", "\"fast\" is not one of the alternatives"),
    ("KOMET_DWF_WATCH_SETTLE_SECONDS", "soon", "is not a number of seconds"),
  ])
  func invalidEnvironmentValue(name: String, value: String, expected: String) throws {
    let workspace = try TemporaryWorkspace()
    let error = #expect(throws: ConfigurationError.self) {
      try ExchangeSettings.load(workspace: workspace.url, environment: [name: value])
    }
    let text = error.map { String(describing: $0) } ?? ""
    #expect(text.contains(expected), "\(text)")
  }

  @Test func exampleConfigLoads() throws {
    let workspace = try TemporaryWorkspace()
    let example = try String(
      contentsOf: repositoryFile("Sources/Workspace/WorkspaceTexts.swift"), encoding: .utf8)
    let start = try #require(example.range(of: "static let exampleConfig = \"\"\"\n"))
    let end = try #require(
      example.range(of: "\n    \"\"\"", range: start.upperBound..<example.endIndex))
    // JSON ignores the indentation that the Swift string literal adds.
    try workspace.writeConfig(String(example[start.upperBound..<end.lowerBound]))

    let settings = try ExchangeSettings.load(workspace: workspace.url, environment: [:])
    #expect(
      settings.inventoryKeep.source == .file(path: workspace.configPath, key: "inventory.keep"))
    #expect(settings.inventoryKeep.value == ExchangeSettings.defaultKeep)
    #expect(settings.entries.allSatisfy { $0.source != .defaultValue })
  }

  private func repositoryFile(_ relative: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent(relative)
  }
}
