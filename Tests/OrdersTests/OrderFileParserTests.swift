import Foundation
import Inventory
import Testing

@testable import Orders

struct OrderFileParserTests {
  @Test func csvReadsEveryField() throws {
    let file = try parseOrders(
      "ORDER_NUMBER;Ship_Date;carrier_code;ship_to_id;location_id;customer_po;inventory_id;"
        + "origin;quantity;unit_price;mark_code;line_number\n"
        + "A-1;2030-06-03;arm;61001;200101;PO 7;5100001;oh;4;0.45;M1;7\n")
    #expect(file.formatVersion == 1)
    let order = try #require(file.orders.first)
    #expect(order.orderNumber == "A-1")
    #expect(order.action == .place)
    #expect(order.shipDate == OrderDate(year: 2030, month: 6, day: 3))
    #expect(order.carrier == .code("arm"))
    #expect(order.shipToId == "61001")
    #expect(order.locationId == "200101")
    #expect(order.customerPO == "PO 7")
    #expect(order.fieldProblems.isEmpty)
    let line = try #require(order.lines.first)
    #expect(line.lineNumber == 7)
    #expect(line.inventoryId == "5100001")
    #expect(line.origin == .onHand)
    #expect(line.quantity == 4)
    #expect(line.unitPrice == Decimal(string: "0.45"))
    #expect(line.markCode == "M1")
    #expect(line.position == .csvRow(2))
  }

  @Test func csvGroupsRowsIntoOrders() throws {
    let file = try parseOrders(
      csvHeader
        + "A,,2030-06-03,3101,,5100001,OH,1,0.45,,\n"
        + "B,,2030-06-04,,,5100005,OH,2,3.25,,\n"
        + "A,,,,,5100005,OH,3,3.25,,\n")
    #expect(file.orders.map(\.orderNumber) == ["A", "B"])
    #expect(file.orders[0].lines.map(\.lineNumber) == [1, 2])
    #expect(file.orders[0].lines.map(\.position) == [.csvRow(2), .csvRow(4)])
    #expect(file.orders[0].carrier == .id("3101"))
    #expect(file.orders[0].fieldProblems.isEmpty)
  }

  @Test func csvConflictingOrderValueIsProblem() throws {
    let file = try parseOrders(
      csvHeader
        + "A,,2030-06-03,,,5100001,OH,1,0.45,,\n"
        + "A,,2030-06-05,,,5100005,OH,3,3.25,,\n")
    let problem = try #require(file.orders[0].fieldProblems.first)
    #expect(problem.field == .shipDate)
    #expect(problem.value == "2030-06-05")
    #expect(
      problem.reason
        == .conflictingValue(
          first: "2030-06-03", firstPosition: .csvCell(row: 2, column: 3, header: "ship_date")))
  }

  @Test func csvWithBOMAndQuotedNewline() throws {
    let text = csvHeader + "A,,2030-06-03,,,5100001,OH,1,0.45,\"two\nlines\",\n"
    let folder = try TemporaryFolder()
    let path = try folder.write("bom.csv", [0xEF, 0xBB, 0xBF] + Array(text.utf8))
    let file = try OrderFileParser.parse(path: path)
    #expect(file.orders[0].orderNumber == "A")
    #expect(file.orders[0].lines[0].markCode == "two\nlines")
  }

  @Test func csvWithSemicolonAndWindows1252() throws {
    let text =
      "order_number;ship_date;inventory_id;origin;quantity;unit_price;customer_po\n"
      + "A;2030-06-03;5100001;OH;1;0.45;Jos\u{E9}\n"
    let bytes = Array(text.unicodeScalars.map { UInt8($0.value) })
    let folder = try TemporaryFolder()
    let file = try OrderFileParser.parse(path: folder.write("latin.csv", bytes))
    #expect(file.orders[0].customerPO == "Jos\u{E9}")
  }

  @Test func cancellationRowAddsNoLine() throws {
    let file = try parseOrders(csvHeader + "C-9,,,,,,,,,,CANCEL\n")
    #expect(file.orders[0].action == .cancel)
    #expect(file.orders[0].lines.isEmpty)
  }

  @Test(arguments: [
    ("quantity", "2.5", OrderField.quantity, OrderProblem.Reason.notWholeNumber),
    ("quantity", "1e3", .quantity, .notWholeNumber),
    ("unit_price", "$0.45", .unitPrice, .notDecimal),
    ("unit_price", "0,45", .unitPrice, .notDecimal),
    ("unit_price", "0.45 USD", .unitPrice, .notDecimal),
    ("unit_price", ".45", .unitPrice, .notDecimal),
    ("origin", "OM", .origin, .invalidOrigin),
    ("line_number", "one", .lineNumber, .notWholeNumber),
  ])
  func invalidLineValueIsLineProblem(
    header: String, value: String, field: OrderField, reason: OrderProblem.Reason
  ) throws {
    var cells = [
      "order_number": "A", "ship_date": "2030-06-03", "inventory_id": "5100001",
      "origin": "OH", "quantity": "1", "unit_price": "0.45", "line_number": "",
    ]
    cells[header] = value
    let headers = cells.keys.sorted()
    let text =
      headers.joined(separator: ",") + "\n"
      + headers.map { "\"\(cells[$0]!)\"" }.joined(separator: ",") + "\n"
    let line = try #require(parseOrders(text).orders.first?.lines.first)
    let problem = try #require(line.fieldProblems.first)
    #expect(line.fieldProblems.count == 1)
    #expect(problem.field == field)
    #expect(problem.value == value)
    #expect(problem.reason == reason)
    let column = headers.firstIndex(of: header)! + 1
    #expect(problem.position == .csvCell(row: 2, column: column, header: header))
  }

  @Test(arguments: [
    ("ship_date", "2030-6-3", OrderField.shipDate, OrderProblem.Reason.notDate),
    ("ship_date", "2030-02-29", .shipDate, .notDate),
    ("ship_date", "03/06/2030", .shipDate, .notDate),
    ("action", "delete", .action, .invalidAction),
  ])
  func invalidOrderValueIsOrderProblem(
    header: String, value: String, field: OrderField, reason: OrderProblem.Reason
  ) throws {
    let text =
      "order_number,inventory_id,origin,quantity,unit_price,ship_date,action\n"
      + "A,5100001,OH,1,0.45,"
      + (header == "ship_date" ? "\(value)," : "2030-06-03,\(value)") + "\n"
    let order = try #require(parseOrders(text).orders.first)
    #expect(order.fieldProblems.map(\.field) == [field])
    #expect(order.fieldProblems.map(\.reason) == [reason])
  }

  @Test func leapDayIsDate() {
    #expect(OrderDate("2028-02-29") == OrderDate(year: 2028, month: 2, day: 29))
    #expect(OrderDate("2100-02-29") == nil)
  }

  @Test func csvFileProblemsAllReported() throws {
    let problems = try fileProblems(
      "Order_Number,inventory_id,origin,colour,quantity,quantity\n"
        + "A,5100001,OH,red,1,1,extra\n"
        + ",5100001,OH,red,1,1\n")
    // The extra column `colour` is no problem: columns beyond the format are ignored.
    #expect(
      problems.map(\.reason) == [
        .duplicateHeader(firstColumn: 5), .missingHeader, .missingHeader,
        .valueWithoutHeader, .missing,
      ])
    #expect(problems.map(\.field) == [.quantity, .shipDate, .unitPrice, nil, .orderNumber])
    #expect(problems[3].position == .csvCell(row: 2, column: 7, header: ""))
    #expect(problems[4].position == .csvRow(3))
  }

  @Test func cancellationFileNeedsOnlyNumberAndAction() throws {
    let file = try parseOrders("order_number,action\nDWF-1,cancel\nDWF-2,CANCEL\n")

    #expect(file.orders.map(\.orderNumber) == ["DWF-1", "DWF-2"])
    #expect(file.orders.map(\.action) == [.cancel, .cancel])
  }

  @Test func placingRowNeedsEveryRequiredColumn() throws {
    let problems = try fileProblems("order_number,action\nDWF-1,cancel\nDWF-2,\n")

    #expect(problems.map(\.reason) == Array(repeating: .missingHeader, count: 5))
    #expect(problems.map(\.field) == [.shipDate, .inventoryId, .origin, .quantity, .unitPrice])
  }

  @Test func csvUnsupportedVersionFailsFile() throws {
    let problems = try fileProblems(
      "format_version," + csvHeader + "2,A,,2030-06-03,,,5100001,OH,1,0.45,,\n")
    #expect(problems.map(\.reason) == [.unsupportedFormatVersion])
    #expect(problems.first?.value == "2")
  }

  @Test func headerOnlyFileHasNoOrders() throws {
    #expect(try fileProblems(csvHeader).map(\.reason) == [.noOrders])
  }

  @Test func errorDescriptionListsEveryProblem() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("bad.csv", "order_number,inventory_id,size\nA,1,2\n")
    #expect(throws: OrderFileError.self) { try OrderFileParser.parse(path: path) }
    do {
      _ = try OrderFileParser.parse(path: path)
    } catch let error as OrderFileError {
      let text = error.description
      #expect(text.hasPrefix("\(path) is not a valid order file (4 problems)"))
      #expect(!text.contains("size"))
      #expect(text.contains("row 1: the required column ship_date is missing"))
    }
  }

  @Test func workbookIsNotOrderFile() throws {
    let path = repositoryRoot + "/Samples/komet-inventory.xlsx"
    #expect(
      throws: OrderFileError(
        path: path,
        problems: [
          OrderProblem(at: .file, reason: .notCSVOrJSON("a workbook"))
        ])
    ) { try OrderFileParser.parse(path: path) }
  }
}
