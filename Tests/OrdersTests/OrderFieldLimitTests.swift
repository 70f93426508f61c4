import Foundation
import Inventory
import Testing

@testable import Orders

/// Checks on values that the journal cannot store or a message must not show whole: line
/// numbers, control characters, long values, and the lines and orders of one file.
struct OrderFieldLimitTests {
  private func validate(
    _ rows: String, with validator: OrderValidator = validator()
  ) throws -> [OrderValidation] {
    validator.validate(try parseOrders(csvHeader + rows))
  }

  @Test(arguments: ["0", "-1", "+0", "99999999999999999999", "10000000000"])
  func lineNumberOutOfRangeRejectsLine(text: String) throws {
    let result = try validate(
      "A,\(text),2030-06-03,,,5100001,OH,1,0.45,,\nA,2,,,,5100005,OH,1,3.25,,\n")
    let rejected = try #require(result[0].rejectedLines.first)
    #expect(rejected.line.lineNumber == nil)
    #expect(
      rejected.problems.map(\.reason) == [.outOfRange(minimum: 1, maximum: 9_999_999_999)])
    #expect(rejected.problems.first?.value == text)
    #expect(rejected.problems.first?.position == .csvCell(row: 2, column: 2, header: "line_number"))
  }

  @Test(arguments: ["99999999999999999999", "10000000000"])
  func hugeQuantityIsTooLong(text: String) throws {
    let result = try validate("A,,2030-06-03,,,5100001,OH,\(text),0.45,,\n")
    let rejected = try #require(result[0].rejectedLines.first)
    #expect(rejected.problems.map(\.reason) == [.tooLong(maximum: 10)])
  }

  @Test func lineNumberMessageNamesRange() throws {
    let result = try validate("A,0,2030-06-03,,,5100001,OH,1,0.45,,\n")
    let problem = try #require(result[0].rejectedLines.first?.problems.first)
    #expect(
      problem.description
        == "row 2, column 2 (line_number): line_number \"0\" is outside 1 to 9999999999;"
        + " number the lines of an order from 1.")
  }

  @Test func largestLineNumberAccepted() throws {
    let result = try validate("A,9999999999,2030-06-03,,,5100001,OH,1,0.45,,\n")
    #expect(result[0].acceptedLines.map(\.lineNumber) == [9_999_999_999])
  }

  @Test(arguments: [
    ("CTL\u{01}red", 4, 0x01),
    ("ESC\u{1B}[31m", 4, 0x1B),
    ("NL\nX", 3, 0x0A),
    ("DEL\u{7F}", 4, 0x7F),
    ("C1\u{85}X", 3, 0x85),
  ] as [(String, Int, UInt32)])
  func controlCharacterInOrderNumberRejected(number: String, position: Int, scalar: UInt32)
    throws
  {
    let json = """
      {"formatVersion": 1, "orders": [{"orderNumber": \(jsonString(number)),
        "shipDate": "2030-06-03",
        "lines": [{"inventoryId": "5100001", "origin": "OH", "quantity": 1, "unitPrice": "0.45"}]}]}
      """
    let result = validator().validate(try parseOrders(json, name: "orders.json"))
    #expect(!result[0].goesAhead)
    #expect(
      result[0].orderProblems.first?.reason
        == .controlCharacter(position: position, scalar: scalar))
    let message = try #require(result[0].orderProblems.first?.description)
    #expect(message.unicodeScalars.allSatisfy { !ValuePreview.isControl($0) })
  }

  @Test func controlCharacterMessageEscapes() throws {
    let result = try validate("A,,2030-06-03,,,5100001,OH,1,0.45,\"M\u{1B}[31m\",\n")
    let problem = try #require(result[0].rejectedLines.first?.problems.first)
    #expect(
      problem.description
        == "row 2, column 10 (mark_code): mark_code \"M\\u001B[31m\" contains the control"
        + " character \\u001B at character 2; remove it, because text fields take printable"
        + " characters only.")
  }

  @Test func controlCharacterInCustomerPORejectsOrder() throws {
    let header = "order_number,ship_date,inventory_id,origin,quantity,unit_price,customer_po\n"
    let file = try parseOrders(header + "A,2030-06-03,5100001,OH,1,0.45,\"PO\u{07}1\"\n")
    let result = validator().validate(file)
    #expect(result[0].orderProblems.map(\.reason) == [.controlCharacter(position: 3, scalar: 7)])
  }

  @Test func combiningAccentsCountTowardLength() throws {
    let number = String(repeating: "\u{E9}", count: 40) + String(repeating: "\u{301}", count: 200)
    let result = try validate("\(number),,2030-06-03,,,5100001,OH,1,0.45,,\n")
    #expect(result[0].orderProblems.map(\.reason) == [.tooLong(maximum: 50)])
  }

  @Test func previewCutsLongValue() {
    let shown = ValuePreview.shown(String(repeating: "x", count: 5000))
    #expect(shown == String(repeating: "x", count: 120) + "... (5000 characters)")
    #expect(ValuePreview.shown("short") == "short")
  }

  @Test func hugeCellMessageIsCut() throws {
    let header = "order_number,ship_date,inventory_id,origin,quantity,unit_price\n"
    let huge = String(repeating: "x", count: 1 << 20)
    let problems = try fileProblems(header + "H-1,2030-06-03,5100001,OH,1,0.60,\(huge)\n")
    #expect(problems.map(\.reason) == [.valueWithoutHeader])
    let message = try #require(problems.first?.description)
    #expect(message.utf8.count < 400)
    #expect(message.contains("... (1048576 characters)"))
  }

  @Test func csvPastLineLimitFails() throws {
    let header = "order_number,ship_date,inventory_id,origin,quantity,unit_price\n"
    let row = "A,2030-06-03,5100001,OH,1,0.45\n"
    let rows = String(repeating: row, count: OrderFileParser.maximumLines + 1)
    let problems = try fileProblems(header + rows)
    #expect(problems.map(\.reason) == [.tooManyLines(maximum: 50_000)])
    #expect(
      problems.first?.description
        == "the file: the file has more than 50000 order lines, the most one file may have;"
        + " split it into several files.")
  }

  @Test func csvAtLineLimitParses() throws {
    let header = "order_number,ship_date,inventory_id,origin,quantity,unit_price\n"
    let row = "A,2030-06-03,5100001,OH,1,0.45\n"
    let file = try parseOrders(header + String(repeating: row, count: OrderFileParser.maximumLines))
    #expect(file.orders.first?.lines.count == 50_000)
  }

  @Test func csvPastOrderLimitFails() throws {
    let header = "order_number,ship_date,inventory_id,origin,quantity,unit_price\n"
    let rows = (0...OrderFileParser.maximumOrders).map { "N\($0),2030-06-03,5100001,OH,1,0.45\n" }
    let problems = try fileProblems(header + rows.joined())
    #expect(problems.map(\.reason) == [.tooManyOrders(maximum: 10_000)])
  }

  @Test func jsonPastLineLimitFails() throws {
    let line = #"{"inventoryId": "5100001", "origin": "OH", "quantity": 1, "unitPrice": "0.45"}"#
    let lines = Array(repeating: line, count: OrderFileParser.maximumLines + 1)
      .joined(separator: ",")
    let json = """
      {"formatVersion": 1, "orders": [{"orderNumber": "A", "shipDate": "2030-06-03",
        "lines": [\(lines)]}]}
      """
    let problems = try fileProblems(json, name: "orders.json")
    #expect(problems.map(\.reason) == [.tooManyLines(maximum: 50_000)])
  }

  @Test func jsonPastOrderLimitFails() throws {
    let orders = (0...OrderFileParser.maximumOrders).map { #"{"orderNumber": "N\#($0)"}"# }
    let json = #"{"formatVersion": 1, "orders": [\#(orders.joined(separator: ","))]}"#
    let problems = try fileProblems(json, name: "orders.json")
    #expect(problems.map(\.reason) == [.tooManyOrders(maximum: 10_000)])
  }

  private func jsonString(_ text: String) -> String {
    var escaped = "\""
    for scalar in text.unicodeScalars {
      if ValuePreview.isControl(scalar) {
        escaped += ValuePreview.escaped(scalar)
      } else {
        escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped + "\""
  }
}
