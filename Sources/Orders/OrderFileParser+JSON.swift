import Foundation
import Komet

extension OrderFileParser {
  /// Reads a JSON order file with `Komet`'s JSON parser, which keeps every number as the text
  /// it was written with, so `"unitPrice": 2.10` becomes exactly 2.10 and never a `Double`.
  static func parseJSON(path: String) throws -> OrderFile {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw failure(path, .unreadable(String(describing: error)))
    }
    guard data.count <= maximumFileSize else {
      throw failure(path, .unreadable("it is larger than \(maximumFileSize) bytes"))
    }

    let root: JSONValue
    do {
      root = try JSONParser.parse(data)
    } catch {
      throw failure(path, .invalidJSON(offset: error.offset, reason: error.reason))
    }

    var problems: [OrderProblem] = []
    var orders: [RawOrder] = []
    readRoot(root, orders: &orders, problems: &problems)
    if orders.isEmpty, problems.isEmpty {
      problems.append(OrderProblem(at: .jsonPath("orders"), reason: .noOrders))
    }
    guard problems.isEmpty else { throw OrderFileError(path: path, problems: problems) }
    return OrderFile(formatVersion: formatVersion, orders: try orders.map(OrderBuilder.build))
  }

  private static func readRoot(
    _ root: JSONValue, orders: inout [RawOrder], problems: inout [OrderProblem]
  ) {
    guard case .object = root else {
      problems.append(wrongType(root, at: "the top level", expected: "an object"))
      return
    }
    let members = checkedMembers(
      of: root, at: "", allowed: ["formatVersion", "orders"], problems: &problems)

    switch members["formatVersion"] {
    case .number(let literal)? where OrderBuilder.wholeNumber(literal) == formatVersion:
      break
    case let value?:
      problems.append(
        OrderProblem(
          at: .jsonPath("formatVersion"), field: .formatVersion, value: value.preview(),
          reason: .unsupportedFormatVersion))
    case nil:
      problems.append(
        OrderProblem(at: .jsonPath("formatVersion"), field: .formatVersion, reason: .missing))
    }

    guard case .array(let elements)? = members["orders"] else {
      let value = members["orders"] ?? .null
      problems.append(wrongType(value, at: "orders", expected: "an array of orders"))
      return
    }
    if let problem = limitProblem(elements) {
      problems.append(problem)
      return
    }
    for (index, element) in elements.enumerated() {
      if let order = readOrder(element, at: "orders[\(index)]", problems: &problems) {
        orders.append(order)
      }
    }
  }

  /// Returns the problem of an `orders` array past `maximumOrders`, or with more than
  /// `maximumLines` line objects in all, before any of it is read.
  private static func limitProblem(_ elements: [JSONValue]) -> OrderProblem? {
    guard elements.count <= maximumOrders else {
      return OrderProblem(at: .jsonPath("orders"), reason: .tooManyOrders(maximum: maximumOrders))
    }
    var lineCount = 0
    for element in elements {
      guard case .object(let members) = element else { continue }
      for member in members where member.key == "lines" {
        if case .array(let lines) = member.value { lineCount += lines.count }
      }
    }
    guard lineCount <= maximumLines else {
      return OrderProblem(at: .jsonPath("orders"), reason: .tooManyLines(maximum: maximumLines))
    }
    return nil
  }

  private static func readOrder(
    _ value: JSONValue, at path: String, problems: inout [OrderProblem]
  ) -> RawOrder? {
    guard case .object = value else {
      problems.append(wrongType(value, at: path, expected: "an order object"))
      return nil
    }
    let allowed = Set(OrderField.orderFields.map(\.jsonKey) + ["lines"])
    let members = checkedMembers(of: value, at: path, allowed: allowed, problems: &problems)

    var order = RawOrder(orderNumber: "", position: .jsonPath(path))
    for field in OrderField.orderFields {
      let fieldPath = path + "." + field.jsonKey
      switch scalarText(members[field.jsonKey]) {
      case .text(let text):
        order.fields[field] = RawCell(text: text, position: .jsonPath(fieldPath))
      case .blank:
        break
      case .wrongType(let preview):
        order.problems.append(
          OrderProblem(
            at: .jsonPath(fieldPath), field: field, value: preview,
            reason: .wrongJSONType(expected: "a string or a number")))
      }
    }

    guard let number = order.fields.removeValue(forKey: .orderNumber)?.text else {
      // An order without a readable number could not be acknowledged, so it fails the file.
      problems.append(
        OrderProblem(
          at: .jsonPath(path + ".orderNumber"), field: .orderNumber,
          value: members["orderNumber"].map { $0.preview() }, reason: .missing))
      return nil
    }
    order.orderNumber = normalizedOrderNumber(number)

    switch members["lines"] {
    case .array(let elements)?:
      for (index, element) in elements.enumerated() {
        if let line = readLine(element, at: "\(path).lines[\(index)]", problems: &problems) {
          order.lines.append(line)
        }
      }
    case nil, .null?:
      break
    case let other?:
      problems.append(wrongType(other, at: path + ".lines", expected: "an array of lines"))
    }
    return order
  }

  private static func readLine(
    _ value: JSONValue, at path: String, problems: inout [OrderProblem]
  ) -> RawLine? {
    guard case .object = value else {
      problems.append(wrongType(value, at: path, expected: "a line object"))
      return nil
    }
    let allowed = Set(OrderField.lineFields.map(\.jsonKey))
    let members = checkedMembers(of: value, at: path, allowed: allowed, problems: &problems)

    var line = RawLine(position: .jsonPath(path))
    for field in OrderField.lineFields {
      let fieldPath = path + "." + field.jsonKey
      switch scalarText(members[field.jsonKey]) {
      case .text(let text):
        line.fields[field] = RawCell(text: text, position: .jsonPath(fieldPath))
      case .blank:
        break
      case .wrongType(let preview):
        line.problems.append(
          OrderProblem(
            at: .jsonPath(fieldPath), field: field, value: preview,
            reason: .wrongJSONType(expected: "a string or a number")))
      }
    }
    return line
  }

  /// Returns an object's members by key, and records each unknown or repeated key.
  private static func checkedMembers(
    of object: JSONValue, at path: String, allowed: Set<String>,
    problems: inout [OrderProblem]
  ) -> [String: JSONValue] {
    guard case .object(let members) = object else { return [:] }
    var byKey: [String: JSONValue] = [:]
    for member in members {
      let memberPath = path.isEmpty ? member.key : path + "." + member.key
      // Keys beyond the format are welcome and ignored, so DWF may send more.
      if !allowed.contains(member.key) {
        continue
      } else if byKey[member.key] != nil {
        problems.append(
          OrderProblem(at: .jsonPath(memberPath), value: member.key, reason: .duplicateKey))
      } else {
        byKey[member.key] = member.value
      }
    }
    return byKey
  }

  private enum ScalarText {
    case text(String)
    case blank
    case wrongType(preview: String)
  }

  /// Reads a string or a number as its text, trimmed; null, a missing key and blank text are
  /// blank, as an empty CSV cell is.
  private static func scalarText(_ value: JSONValue?) -> ScalarText {
    switch value {
    case nil, .null?:
      return .blank
    case .string(let text)?:
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      return trimmed.isEmpty ? .blank : .text(trimmed)
    case .number(let literal)?:
      return .text(literal)
    case let other?:
      return .wrongType(preview: other.preview())
    }
  }

  private static func wrongType(
    _ value: JSONValue, at path: String, expected: String
  ) -> OrderProblem {
    OrderProblem(
      at: .jsonPath(path), value: value.preview(), reason: .wrongJSONType(expected: expected))
  }
}
