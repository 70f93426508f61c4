import Foundation
import Komet

/// The true-or-false and decimal settings of the `orders` and `fees` sections.
extension ExchangeSettings {
  /// A true-or-false setting: its section, key, environment variable and field.
  struct BooleanKey: Sendable {
    let section: String
    let key: String
    let environmentName: String
    let field: WritableKeyPath<ExchangeSettings, Sourced<Bool>> & Sendable

    var name: String { section + "." + key }
  }

  /// A decimal setting, read from the JSON literal's text so that no `Double` rounds it.
  struct DecimalKey: Sendable {
    let section: String
    let key: String
    let environmentName: String
    let range: ClosedRange<Decimal>
    /// The maximum number of fraction digits, or nil for no limit.
    let maxFractionDigits: Int?
    let field: WritableKeyPath<ExchangeSettings, Sourced<Decimal>> & Sendable

    var name: String { section + "." + key }
  }

  /// The largest `decimal:10,2` price, 99999999.99, which also bounds the price tolerance.
  static let maxPrice = Decimal(sign: .plus, exponent: -2, significand: 9_999_999_999)

  static let booleanKeys: [BooleanKey] = [
    BooleanKey(
      section: "orders", key: "allOrNothing", environmentName: "KOMET_DWF_ORDERS_ALL_OR_NOTHING",
      field: \.ordersAllOrNothing),
    BooleanKey(
      section: "orders", key: "checkout", environmentName: "KOMET_DWF_ORDERS_CHECKOUT",
      field: \.ordersCheckout),
    BooleanKey(
      section: "fees", key: "onHandOnly", environmentName: "KOMET_DWF_FEES_ON_HAND_ONLY",
      field: \.feesOnHandOnly),
  ]

  static let decimalKeys: [DecimalKey] = [
    DecimalKey(
      section: "orders", key: "priceTolerance",
      environmentName: "KOMET_DWF_ORDERS_PRICE_TOLERANCE", range: 0...maxPrice,
      maxFractionDigits: 2, field: \.ordersPriceTolerance),
    DecimalKey(
      section: "fees", key: "rate", environmentName: "KOMET_DWF_FEES_RATE", range: 0...1,
      maxFractionDigits: nil, field: \.feeRate),
  ]

  /// Applies the true-or-false and decimal keys of `section`, whose parsed JSON is `json`.
  ///
  /// `json` carries each number's literal text, which `ConfigObject` does not expose.
  mutating func applySwitchesAndDecimals(_ section: ConfigObject, json: JSONValue)
    throws(ConfigurationError)
  {
    for item in Self.booleanKeys where item.section == section.keyPath {
      guard let flag = try section.bool(item.key) else { continue }
      self[keyPath: item.field] = Sourced(flag, from: section.source(of: item.key))
    }

    for item in Self.decimalKeys where item.section == section.keyPath {
      guard let value = json[item.key] else { continue }
      let source = section.source(of: item.key)
      let text: String
      switch value {
      case .number(let literal): text = literal
      case .string(let string): text = string
      default:
        throw .wrongType(
          path: section.path, key: item.name, value: value.preview(),
          expected: "a decimal number such as 0.05")
      }
      let number = try Self.decimal(text, for: item, source: source, shown: value.preview())
      self[keyPath: item.field] = Sourced(number, from: source)
    }
  }

  /// Applies the environment variables of the true-or-false and decimal keys.
  mutating func applySwitchAndDecimalEnvironment(_ environment: [String: String])
    throws(ConfigurationError)
  {
    func value(_ name: String) -> String? {
      guard let text = environment[name], !text.isEmpty else { return nil }
      return text
    }

    for item in Self.booleanKeys {
      guard let text = value(item.environmentName) else { continue }
      let source = SettingSource.environment(name: item.environmentName)
      switch text {
      case "true": self[keyPath: item.field] = Sourced(true, from: source)
      case "false": self[keyPath: item.field] = Sourced(false, from: source)
      default:
        throw .invalidValue(source: source, value: "\"\(text)\"", reason: "is not true or false")
      }
    }

    for item in Self.decimalKeys {
      guard let text = value(item.environmentName) else { continue }
      let source = SettingSource.environment(name: item.environmentName)
      let number = try Self.decimal(text, for: item, source: source, shown: "\"\(text)\"")
      self[keyPath: item.field] = Sourced(number, from: source)
    }
  }

  /// The orders and fees settings as report lines, in the order of the documentation.
  var switchAndDecimalEntries: [SettingEntry] {
    var list: [SettingEntry] = []
    for section in ["orders", "fees"] {
      for item in Self.booleanKeys where item.section == section {
        let setting = self[keyPath: item.field]
        list.append(
          SettingEntry(key: item.name, value: String(setting.value), source: setting.source))
      }
      for item in Self.decimalKeys where item.section == section {
        let setting = self[keyPath: item.field]
        list.append(
          SettingEntry(key: item.name, value: setting.value.description, source: setting.source))
      }
    }
    return list
  }

  /// Parses `text` exactly and checks it against `item`'s range and fraction digits.
  ///
  /// `shown` is the value as the error message prints it.
  private static func decimal(
    _ text: String, for item: DecimalKey, source: SettingSource, shown: String
  ) throws(ConfigurationError) -> Decimal {
    guard let number = DecimalText.parse(text) else {
      throw .invalidValue(
        source: source, value: shown, reason: "is not a decimal number such as 0.05")
    }
    guard item.range.contains(number) else {
      throw .invalidValue(
        source: source, value: shown,
        reason: "is out of range, which is \(item.range.lowerBound) to \(item.range.upperBound)")
    }
    if let digits = item.maxFractionDigits, !hasAtMostFractionDigits(number, digits) {
      throw .invalidValue(
        source: source, value: shown, reason: "has more than \(digits) decimal places")
    }
    return number
  }

  private static func hasAtMostFractionDigits(_ value: Decimal, _ digits: Int) -> Bool {
    var input = value
    var rounded = Decimal()
    NSDecimalRound(&rounded, &input, digits, .plain)
    return rounded == value
  }
}
