import Foundation

/// One request parameter, written both ways it can travel.
package struct RequestParameter: Equatable, Sendable {
  package let name: String
  /// The value as a JSON body member.
  package let json: JSONValue
  /// The value as URL query text, before percent-encoding.
  package let queryText: String
}

/// Collects a request's parameters in order, checking each against the limits on Komet's page.
///
/// A nil value is left out, so optional parameters need no `if` at the call site.
package struct ParameterList: Sendable {
  package let method: KometMethod
  package let choices: DocumentationChoices
  /// The company ID that `X-ACCOUNT` carries, for bodies that repeat it.
  package let companyId: KometID
  package private(set) var parameters: [RequestParameter] = []

  package init(method: KometMethod, choices: DocumentationChoices, companyId: KometID) {
    self.method = method
    self.choices = choices
    self.companyId = companyId
  }

  /// Adds an ID, written as a JSON number or string according to `choices.jsonIDEncoding`.
  package mutating func add(_ name: String, id: KometID?) {
    guard let id else { return }
    // A JSON number may not start with 0, so leading zeros of an ID such as `0042` go.
    let significant = id.digits.drop { $0 == "0" }
    let json: JSONValue =
      choices.jsonIDEncoding == .number
      ? .number(significant.isEmpty ? "0" : String(significant)) : .string(id.digits)
    parameters.append(RequestParameter(name: name, json: json, queryText: id.digits))
  }

  /// Adds text of at most `maxLength` characters (`string:N` on Komet's page).
  package mutating func add(
    _ name: String, text: String?, maxLength: Int
  ) throws(KometError) {
    guard let text else { return }
    guard text.count <= maxLength else {
      throw invalid(name, text, "it has \(text.count) characters, more than \(maxLength)")
    }
    parameters.append(RequestParameter(name: name, json: .string(text), queryText: text))
  }

  /// Adds a whole number in `range`, such as a box count (`integer:10`).
  package mutating func add(
    _ name: String, integer: Int?, range: ClosedRange<Int>
  ) throws(KometError) {
    guard let integer else { return }
    guard range.contains(integer) else {
      throw invalid(
        name, String(integer), "it must be from \(range.lowerBound) to \(range.upperBound)")
    }
    let text = String(integer)
    parameters.append(RequestParameter(name: name, json: .number(text), queryText: text))
  }

  /// Adds an amount of `decimal:10,2`: at most 8 integer and 2 fraction digits, not negative,
  /// written with two fraction digits, such as `2.50`.
  package mutating func add(_ name: String, money: Decimal?) throws(KometError) {
    guard let money else { return }
    guard let text = DecimalText.format(money, precision: 10, scale: 2) else {
      throw invalid(
        name, money.description,
        "it must be from 0 to 99999999.99 with at most two decimal places (decimal:10,2)")
    }
    parameters.append(RequestParameter(name: name, json: .number(text), queryText: text))
  }

  /// Adds a date as `YYYY-MM-DD`.
  package mutating func add(_ name: String, date: KometDate?) {
    guard let date else { return }
    parameters.append(
      RequestParameter(name: name, json: .string(date.description), queryText: date.description))
  }

  /// Adds a Boolean: a JSON `true` or `false` in a body, and `queryEncoding` in a URL query.
  package mutating func add(
    _ name: String, boolean: Bool?, queryEncoding: DocumentationChoices.QueryBooleanEncoding
  ) {
    guard let boolean else { return }
    let text =
      switch queryEncoding {
      case .digits: boolean ? "1" : "0"
      case .words: boolean ? "true" : "false"
      }
    parameters.append(RequestParameter(name: name, json: .bool(boolean), queryText: text))
  }

  /// Adds a parameter written the same way in a body and a query.
  package mutating func add(_ name: String, json: JSONValue, queryText: String) {
    parameters.append(RequestParameter(name: name, json: json, queryText: queryText))
  }

  /// Returns the error for a parameter that breaks a rule of Komet's page.
  package func invalid(_ name: String, _ value: String, _ reason: String) -> KometError {
    .invalidParameter(method: method, name: name, value: value, reason: reason)
  }
}
