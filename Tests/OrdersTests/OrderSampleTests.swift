import Foundation
import Inventory
import KometSandbox
import Testing

@testable import Orders

struct OrderSampleTests {
  /// Returns the fenced blocks of `language` in the order section of docs/formats.md.
  private func documentedExample(_ language: String) throws -> String {
    let text = try String(contentsOfFile: repositoryRoot + "/docs/formats.md", encoding: .utf8)
    let section = try #require(text.components(separatedBy: "## Inventory drops").first)
    let fence = "```" + language + "\n"
    let start = try #require(section.range(of: fence))
    let end = try #require(section.range(of: "```", range: start.upperBound..<section.endIndex))
    return String(section[start.upperBound..<end.lowerBound])
  }

  @Test func samplesAndDocsGiveSameOrders() throws {
    let csv = try OrderFileParser.parse(path: repositoryRoot + "/Samples/dwf-order.csv")
    let json = try OrderFileParser.parse(path: repositoryRoot + "/Samples/dwf-order.json")
    let documentedCSV = try parseOrders(documentedExample("csv"), name: "doc.csv")
    let documentedJSON = try parseOrders(documentedExample("json"), name: "doc.json")

    #expect(csv.orders.map(\.orderNumber) == ["DWF-1001", "DWF-0998"])
    for other in [json, documentedCSV, documentedJSON] {
      #expect(other.orders.map(\.digest) == csv.orders.map(\.digest))
      #expect(other.orders.map(\.shipDate) == csv.orders.map(\.shipDate))
      #expect(other.orders.map(\.carrier) == csv.orders.map(\.carrier))
      #expect(
        other.orders.map { $0.lines.map(\.unitPrice) }
          == csv.orders.map { $0.lines.map(\.unitPrice) })
    }
    #expect(csv.orders[0].lines.map(\.unitPrice) == [0.45, 3.25, 0.55])
    let problems = csv.orders.flatMap { $0.fieldProblems + $0.lines.flatMap(\.fieldProblems) }
    #expect(problems.isEmpty)
  }

  @Test func samplesMatchSandboxInventory() throws {
    let seeded = SandboxState.seeded(today: Date()).inventory
    let items = seeded.map { line in
      InventoryItem(
        inventoryId: line.inventoryId, origin: line.inventoryId.hasPrefix("73") ? .future : .onHand,
        boxesAvailable: line.availableBoxes, unitPrice: Decimal(string: line.price)!,
        locationId: line.locationId)
    }
    let validator = OrderValidator(
      today: OrderDate("2030-06-01")!, locationIds: ["200101", "200102", "200103", "200104"],
      defaultLocationId: nil, inventory: items)
    let file = try OrderFileParser.parse(path: repositoryRoot + "/Samples/dwf-order.csv")
    let result = validator.validate(file)
    #expect(result.map(\.goesAhead) == [true, true])
    #expect(result[0].acceptedLines.count == 3)
    #expect(result[0].rejectedLines.isEmpty)
  }
}

struct OrderDigestTests {
  private let base =
    csvHeader
    + "A,1,2030-06-03,3101,,5100001,OH,4,0.45,M,\nA,2,,,,5100005,OH,2,3.25,,\n"

  @Test func reorderedColumnsAndLinesKeepDigest() throws {
    let reordered =
      "unit_price,Inventory_ID,ORIGIN,quantity,line_number,ship_date,order_number,"
      + "carrier_id,mark_code\n"
      + "3.250,5100005,oh,02,2,,A,,\n0.45,5100001,OH,4,1,2030-06-03,A,3101,M\n"
    let original = try parseOrders(base).orders[0].digest
    #expect(try parseOrders(reordered).orders[0].digest == original)
  }

  @Test func jsonNumbersKeepDigest() throws {
    let json = """
      {"orders": [{"lines": [
        {"unitPrice": 3.25, "quantity": 2, "origin": "OH", "inventoryId": 5100005, "lineNumber": 2},
        {"markCode": "M", "lineNumber": "1", "inventoryId": "5100001", "origin": "OH",
         "quantity": "4", "unitPrice": "0.450"}],
        "carrierId": 3101, "shipDate": "2030-06-03", "orderNumber": "A"}], "formatVersion": 1}
      """
    let parsed = try parseOrders(json, name: "o.json")
    let original = try parseOrders(base).orders[0].digest
    #expect(parsed.orders[0].digest == original)
    #expect(parsed.orders[0].lines[1].unitPrice == Decimal(string: "0.45"))
  }

  @Test(arguments: ["4,0.46,M", "5,0.45,M", "4,0.45,N", "4,0.45,"])
  func changedValueChangesDigest(change: String) throws {
    let changed = base.replacingOccurrences(of: "4,0.45,M", with: change)
    let original = try parseOrders(base).orders[0].digest
    #expect(try parseOrders(changed).orders[0].digest != original)
  }

  @Test func jsonPriceStaysExact() throws {
    let json = """
      {"formatVersion": 1, "orders": [{"orderNumber": "A", "shipDate": "2030-06-03",
        "lines": [{"inventoryId": "5100001", "origin": "OH", "quantity": 1,
          "unitPrice": 12345678.91}]}]}
      """
    let line = try #require(parseOrders(json, name: "o.json").orders[0].lines.first)
    #expect(line.unitPrice == Decimal(string: "12345678.91"))
  }

  @Test func jsonProblemsHavePaths() throws {
    let json = """
      {"formatVersion": 2, "orders": [{"orderNumber": "A", "size": 1, "lines": [5]},
        {"shipDate": "2030-06-03"}]}
      """
    let problems = try fileProblems(json, name: "o.json")
    // The extra key `size` is no problem: keys beyond the format are ignored.
    #expect(
      problems.map(\.position) == [
        .jsonPath("formatVersion"), .jsonPath("orders[0].lines[0]"),
        .jsonPath("orders[1].orderNumber"),
      ])
    #expect(
      problems.map(\.reason) == [
        .unsupportedFormatVersion, .wrongJSONType(expected: "a line object"), .missing,
      ])
  }

  @Test func jsonWrongValueTypeIsLineProblem() throws {
    let json = """
      {"formatVersion": 1, "orders": [{"orderNumber": "A", "shipDate": "2030-06-03",
        "lines": [{"inventoryId": "5100001", "origin": "OH", "quantity": true, "unitPrice": 1}]}]}
      """
    let line = try #require(parseOrders(json, name: "o.json").orders[0].lines.first)
    #expect(line.fieldProblems.map(\.position) == [.jsonPath("orders[0].lines[0].quantity")])
    #expect(line.fieldProblems.map(\.reason) == [.wrongJSONType(expected: "a string or a number")])
  }

  @Test func invalidJSONFailsFile() throws {
    let problems = try fileProblems("{\"formatVersion\": 1, \"orders\": [", name: "o.json")
    #expect(problems.count == 1)
    #expect(problems.first?.position == .file)
  }
}
