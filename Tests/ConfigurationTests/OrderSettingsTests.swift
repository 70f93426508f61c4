import Foundation
import Testing

@testable import Configuration

/// The `orders` and `fees` sections of `ExchangeSettings`.
struct OrderSettingsTests {
  @Test func defaultsWithoutFile() throws {
    let workspace = try TemporaryWorkspace()
    let settings = try ExchangeSettings.load(workspace: workspace.url, environment: [:])

    #expect(settings.ordersAllOrNothing.value == false)
    #expect(settings.ordersPriceTolerance.value == 0)
    #expect(settings.ordersCheckout.value == false)
    #expect(settings.feeRate.value == decimal("0.015"))
    #expect(settings.feesOnHandOnly.value == false)
    #expect(settings.ordersAllOrNothing.source == .defaultValue)
    #expect(settings.ordersPriceTolerance.source == .defaultValue)
    #expect(settings.ordersCheckout.source == .defaultValue)
    #expect(settings.feeRate.source == .defaultValue)
    #expect(settings.feesOnHandOnly.source == .defaultValue)
  }

  @Test func everyKeyFromFile() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(
      """
      {"orders": {"allOrNothing": true, "priceTolerance": 0.05, "checkout": true},
       "fees": {"rate": 0.02, "onHandOnly": true}}
      """)
    let settings = try ExchangeSettings.load(workspace: workspace.url, environment: [:])
    let path = workspace.configPath

    #expect(settings.ordersAllOrNothing.value == true)
    #expect(settings.ordersAllOrNothing.source == .file(path: path, key: "orders.allOrNothing"))
    #expect(settings.ordersPriceTolerance.value == decimal("0.05"))
    #expect(
      settings.ordersPriceTolerance.source == .file(path: path, key: "orders.priceTolerance"))
    #expect(settings.ordersCheckout.value == true)
    #expect(settings.ordersCheckout.source == .file(path: path, key: "orders.checkout"))
    #expect(settings.feeRate.value == decimal("0.02"))
    #expect(settings.feeRate.source == .file(path: path, key: "fees.rate"))
    #expect(settings.feesOnHandOnly.value == true)
    #expect(settings.feesOnHandOnly.source == .file(path: path, key: "fees.onHandOnly"))
  }

  @Test func kometSettingsAcceptSections() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(#"{"orders": {"checkout": true}, "fees": {"rate": 0.01}}"#)

    let settings = try KometSettings.load(workspace: workspace.url, environment: [:])
    #expect(settings.dryRun.value == false)
  }

  @Test(arguments: [
    // 18 significant digits, more than a Double keeps, so reading through Double gives 0.015.
    (#"{"fees": {"rate": 0.0149999999999999999}}"#, "0.0149999999999999999"),
    (#"{"fees": {"rate": "0.0125"}}"#, "0.0125"),
    (#"{"fees": {"rate": 1}}"#, "1"),
    (#"{"fees": {"rate": 0}}"#, "0"),
    (#"{"orders": {"priceTolerance": "0.10"}}"#, "0.1"),
    (#"{"orders": {"priceTolerance": 5E-2}}"#, "0.05"),
    (#"{"orders": {"priceTolerance": 99999999.99}}"#, "99999999.99"),
  ])
  func decimalReadExactly(config: String, expected: String) throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(config)
    let settings = try ExchangeSettings.load(workspace: workspace.url, environment: [:])

    let key = config.contains("fees") ? "fees.rate" : "orders.priceTolerance"
    let entry = try #require(settings.entries.first { $0.key == key })
    #expect(entry.value == expected)
    #expect(entry.source == .file(path: workspace.configPath, key: key))
  }

  @Test func environmentOverridesFile() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(
      """
      {"orders": {"allOrNothing": true, "priceTolerance": 0.05, "checkout": true},
       "fees": {"rate": 0.02, "onHandOnly": true}}
      """)
    let environment = [
      "KOMET_DWF_ORDERS_ALL_OR_NOTHING": "false",
      "KOMET_DWF_ORDERS_PRICE_TOLERANCE": "0.25",
      "KOMET_DWF_ORDERS_CHECKOUT": "false",
      "KOMET_DWF_FEES_RATE": "0.0175",
      "KOMET_DWF_FEES_ON_HAND_ONLY": "false",
    ]
    let settings = try ExchangeSettings.load(workspace: workspace.url, environment: environment)

    #expect(settings.ordersAllOrNothing.value == false)
    #expect(
      settings.ordersAllOrNothing.source
        == .environment(name: "KOMET_DWF_ORDERS_ALL_OR_NOTHING"))
    #expect(settings.ordersPriceTolerance.value == decimal("0.25"))
    #expect(
      settings.ordersPriceTolerance.source
        == .environment(name: "KOMET_DWF_ORDERS_PRICE_TOLERANCE"))
    #expect(settings.ordersCheckout.value == false)
    #expect(settings.ordersCheckout.source == .environment(name: "KOMET_DWF_ORDERS_CHECKOUT"))
    #expect(settings.feeRate.value == decimal("0.0175"))
    #expect(settings.feeRate.source == .environment(name: "KOMET_DWF_FEES_RATE"))
    #expect(settings.feesOnHandOnly.value == false)
    #expect(settings.feesOnHandOnly.source == .environment(name: "KOMET_DWF_FEES_ON_HAND_ONLY"))
  }

  @Test func environmentWithoutFile() throws {
    let workspace = try TemporaryWorkspace()
    let environment = [
      "KOMET_DWF_ORDERS_ALL_OR_NOTHING": "true",
      "KOMET_DWF_ORDERS_CHECKOUT": "true",
      "KOMET_DWF_FEES_ON_HAND_ONLY": "true",
      "KOMET_DWF_ORDERS_PRICE_TOLERANCE": "",
    ]
    let settings = try ExchangeSettings.load(workspace: workspace.url, environment: environment)

    #expect(settings.ordersAllOrNothing.value == true)
    #expect(settings.ordersCheckout.value == true)
    #expect(settings.feesOnHandOnly.value == true)
    #expect(settings.ordersPriceTolerance.source == .defaultValue)
  }

  @Test(arguments: [
    (#"{"orders": {"allOrNothing": "yes"}}"#, "orders.allOrNothing in"),
    (#"{"orders": {"checkout": 1}}"#, "orders.checkout in"),
    (#"{"fees": {"onHandOnly": null}}"#, "fees.onHandOnly in"),
    (#"{"orders": {"priceTolerance": true}}"#, "should be a decimal number"),
    (#"{"orders": {"priceTolerance": -0.01}}"#, "-0.01 is out of range, which is 0 to"),
    (#"{"orders": {"priceTolerance": 0.015}}"#, "0.015 has more than 2 decimal places"),
    (#"{"orders": {"priceTolerance": "0.005"}}"#, "\"0.005\" has more than 2 decimal places"),
    (#"{"orders": {"priceTolerance": 100000000}}"#, "is out of range, which is 0 to 99999999.99"),
    (#"{"orders": {"priceTolerance": "five"}}"#, "\"five\" is not a decimal number"),
    (#"{"fees": {"rate": 1.01}}"#, "fees.rate in"),
    (#"{"fees": {"rate": 1.01}}"#, "1.01 is out of range, which is 0 to 1"),
    (#"{"fees": {"rate": -0.015}}"#, "is out of range, which is 0 to 1"),
    (#"{"fees": {"rate": "1.5%"}}"#, "\"1.5%\" is not a decimal number"),
    (#"{"fees": {"rate": [0.015]}}"#, "fees.rate in"),
    (#"{"orders": {"allOrNone": true}}"#, "unknown key orders.allOrNone in"),
    (#"{"fee": {"rate": 0.015}}"#, "unknown key fee in"),
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
    try workspace.writeConfig(#"{"fees": {"rate": false}}"#)

    let error = #expect(throws: ConfigurationError.self) {
      try ExchangeSettings.load(workspace: workspace.url, environment: [:])
    }
    #expect(
      error
        == .wrongType(
          path: workspace.configPath, key: "fees.rate", value: "false",
          expected: "a decimal number such as 0.05"))
  }

  @Test func tooManyDecimalsNamesSource() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(#"{"orders": {"priceTolerance": 0.125}}"#)

    let error = #expect(throws: ConfigurationError.self) {
      try ExchangeSettings.load(workspace: workspace.url, environment: [:])
    }
    #expect(
      error
        == .invalidValue(
          source: .file(path: workspace.configPath, key: "orders.priceTolerance"),
          value: "0.125", reason: "has more than 2 decimal places"))
  }

  @Test(arguments: [
    ("KOMET_DWF_ORDERS_ALL_OR_NOTHING", "yes", "\"yes\" is not true or false"),
    ("KOMET_DWF_ORDERS_CHECKOUT", "1", "KOMET_DWF_ORDERS_CHECKOUT is invalid"),
    ("KOMET_DWF_FEES_ON_HAND_ONLY", "TRUE", "\"TRUE\" is not true or false"),
    ("KOMET_DWF_ORDERS_PRICE_TOLERANCE", "-1", "\"-1\" is out of range"),
    ("KOMET_DWF_ORDERS_PRICE_TOLERANCE", "0.001", "\"0.001\" has more than 2 decimal places"),
    ("KOMET_DWF_ORDERS_PRICE_TOLERANCE", "0,05", "\"0,05\" is not a decimal number"),
    ("KOMET_DWF_FEES_RATE", "2", "\"2\" is out of range, which is 0 to 1"),
    ("KOMET_DWF_FEES_RATE", "0.015 ", "is not a decimal number"),
    ("KOMET_DWF_FEES_RATE", "abc", "environment variable KOMET_DWF_FEES_RATE is invalid"),
  ])
  func invalidEnvironmentValue(name: String, value: String, expected: String) throws {
    let workspace = try TemporaryWorkspace()
    let error = #expect(throws: ConfigurationError.self) {
      try ExchangeSettings.load(workspace: workspace.url, environment: [name: value])
    }
    let text = error.map { String(describing: $0) } ?? ""
    #expect(text.contains(expected), "\(text)")
  }

  @Test func descriptionListsSections() throws {
    let workspace = try TemporaryWorkspace()
    try workspace.writeConfig(#"{"orders": {"priceTolerance": 0.5}}"#)
    let settings = try ExchangeSettings.load(workspace: workspace.url, environment: [:])
    let lines = settings.description.split(separator: "\n").map(String.init)

    #expect(lines.contains("orders.allOrNothing = false (default)"))
    #expect(
      lines.contains(
        "orders.priceTolerance = 0.5 (orders.priceTolerance in \(workspace.configPath))"))
    #expect(lines.contains("orders.checkout = false (default)"))
    #expect(lines.contains("fees.rate = 0.015 (default)"))
    #expect(lines.contains("fees.onHandOnly = false (default)"))
  }

  @Test func initExampleSetsEveryKey() throws {
    let workspace = try TemporaryWorkspace()
    let example = try String(
      contentsOf: repositoryFile("Sources/Workspace/WorkspaceTexts.swift"), encoding: .utf8)
    let start = try #require(example.range(of: "static let exampleConfig = \"\"\"\n"))
    let end = try #require(
      example.range(of: "\n    \"\"\"", range: start.upperBound..<example.endIndex))
    try workspace.writeConfig(String(example[start.upperBound..<end.lowerBound]))

    let settings = try ExchangeSettings.load(workspace: workspace.url, environment: [:])
    let path = workspace.configPath
    let keys = ExchangeSettings.booleanKeys.map(\.name) + ExchangeSettings.decimalKeys.map(\.name)
    for key in keys {
      let entry = try #require(settings.entries.first { $0.key == key }, "\(key)")
      #expect(entry.source == .file(path: path, key: key))
    }
    #expect(settings.ordersAllOrNothing.value == false)
    #expect(settings.ordersPriceTolerance.value == 0)
    #expect(settings.ordersCheckout.value == false)
    #expect(settings.feeRate.value == ExchangeSettings.defaultFeeRate)
    #expect(settings.feesOnHandOnly.value == false)
  }

  private func decimal(_ text: String) -> Decimal? {
    Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
  }

  private func repositoryFile(_ relative: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent(relative)
  }
}
