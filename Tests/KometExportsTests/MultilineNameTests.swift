import Spreadsheet
import Testing

@testable import KometExports

/// Names with a line break or a tab, as a quoted CSV field or a cell with Alt+Enter stores them.
private let multilineRows: [[CellValue]] = [
  textRow("Customer ID", "Customer Name", "Customer Code"),
  textRow("10012", "DWF\nWholesale", "DWF\tW"),
  textRow("10031", "Florists  (DWF)", ""),
]

private func multilineReport(query: String = "DWF") throws -> IDReport {
  let customers = try ExportTable.read(
    file: "c.csv", sheet: "c", rows: numbered(multilineRows))
  let locations = try ExportTable.read(
    file: "l.csv", sheet: "l",
    rows: numbered([textRow("Location Name", "Location ID"), textRow("Miami\r\nDock 2", "7")]))
  return try IDReport(tables: [customers, locations], matcher: CustomerMatcher(query: query))
}

struct MultilineNameTests {
  @Test func textTableKeepsOneLinePerRow() throws {
    #expect(
      try multilineReport().text == """
        Customers: c.csv, sheet "c", header row 1, 2 customers.

        Several customers match "DWF", so none was chosen:
          ID     Name            Code   Row  Status
          10012  DWF Wholesale   DWF W  2
          10031  Florists (DWF)         3
        Choose one: pass --customer with its exact name or its ID, for example --customer "DWF Wholesale" or --customer 10012.

        Locations: l.csv, sheet "l", header row 1, 1 location.
          ID  Name          Code  Row
          7   Miami Dock 2        2

        """)
  }

  @Test func suggestedNameMatchesExactly() throws {
    let report = try multilineReport(query: "DWF Wholesale")

    #expect(report.dwfCustomer?.record.id == "10012")
    #expect(report.dwfCustomer?.match == .exact)
  }

  @Test func jsonKeepsNameAsStored() throws {
    let text = String(decoding: try multilineReport().jsonData(), as: UTF8.self)

    #expect(text.contains("\"name\" : \"DWF\\nWholesale\""))
  }
}
