import Foundation
import Spreadsheet
import Testing

@testable import KometExports

private let customerRows: [[CellValue]] = [
  textRow("Customers"),
  [],
  textRow("Customer ID", "Name", "Code", "Sales Person", "Active"),
  [.number(10007), .text("Dwfield Farms"), .text("DWFLD"), .text("Ana"), .text("Yes")],
  [.number(10012), .text("DWF Wholesale Florists"), .text("DWF"), .text("Ana"), .text("Yes")],
  [.number(10015), .text("DWF Wholesale (old)"), .text("DWF-OLD"), .empty, .text("No")],
  [.number(10031), .text("Florists (DWF)"), .empty, .text("Luis"), .text("Yes")],
]

private let locationRows: [[CellValue]] = [
  textRow("Name", "Code", "City", "Location ID"),
  [.text("Miami Warehouse"), .text("MIA"), .text("Doral"), .text("200101")],
  [.text("Bogota Farm"), .empty, .text("Bogota"), .text("200102")],
]

private func report(
  customers: [[CellValue]]? = customerRows, locations: [[CellValue]]? = locationRows,
  matcher: CustomerMatcher = CustomerMatcher()
) throws -> IDReport {
  var tables: [ExportTable] = []
  if let customers {
    tables.append(
      try ExportTable.read(file: "c.xlsx", sheet: "Customers", rows: numbered(customers)))
  }
  if let locations {
    tables.append(
      try ExportTable.read(file: "l.xlsx", sheet: "Locations", rows: numbered(locations)))
  }
  return try IDReport(tables: tables, matcher: matcher)
}

struct IDReportTests {
  @Test func jsonListsEveryKey() throws {
    let data = try report(locations: nil).jsonData()
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])

    #expect(
      object.keys.sorted() == [
        "customers", "dwfCandidates", "dwfCustomer", "locations", "warnings",
      ])
    #expect((object["locations"] as? [Any])?.isEmpty == true)
  }

  @Test func jsonTextIsSortedAndExplicit() throws {
    let rows: [[CellValue]] = [
      textRow("Id", "Name", "Credit Limit"),
      [.text("0042"), .text("DWF"), .number(100)],
      [.text("x"), .text("Broken"), .empty],
    ]
    let locations: [[CellValue]] = [textRow("Location Id", "City"), [.number(7), .empty]]

    let text = String(
      decoding: try report(customers: rows, locations: locations).jsonData(), as: UTF8.self)

    #expect(
      text == """
        {
          "customers" : [
            {
              "active" : null,
              "code" : null,
              "id" : "0042",
              "name" : "DWF",
              "row" : 2
            }
          ],
          "dwfCandidates" : [
            {
              "active" : null,
              "code" : null,
              "id" : "0042",
              "match" : "exact",
              "name" : "DWF",
              "row" : 2
            }
          ],
          "dwfCustomer" : {
            "active" : null,
            "code" : null,
            "id" : "0042",
            "match" : "exact",
            "name" : "DWF",
            "row" : 2
          },
          "locations" : [
            {
              "code" : null,
              "id" : "7",
              "name" : null,
              "row" : 2
            }
          ],
          "warnings" : [
            "c.xlsx, sheet \\"Customers\\", cell A3: the customer ID \\"x\\" is not a string of digits, so the row is skipped. Correct the ID in Komet and export again, or check that this column holds the IDs."
          ]
        }

        """)
  }

  @Test func jsonWritesNullWithoutMatch() throws {
    let data = try report(matcher: CustomerMatcher(query: "Nobody")).jsonData()
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])

    #expect(object["dwfCustomer"] is NSNull)
    #expect((object["dwfCandidates"] as? [Any])?.isEmpty == true)
    #expect((object["customers"] as? [Any])?.count == 4)
  }

  @Test func textShowsOneMatch() throws {
    #expect(
      try report().text == """
        Customers: c.xlsx, sheet "Customers", header row 3, 4 customers.

        DWF customer (exact match on "DWF"):
          ID     Name                    Code  Row  Status
          10012  DWF Wholesale Florists  DWF   5    active
        Also matching "DWF" as a word, not chosen because the match above is exact:
          ID     Name            Code  Row  Status
          10031  Florists (DWF)        7    active
        Skipped as inactive (pass --include-inactive to consider it):
          ID     Name                 Code     Row  Status
          10015  DWF Wholesale (old)  DWF-OLD  6    inactive

        Locations: l.xlsx, sheet "Locations", header row 1, 2 locations.
          ID      Name             Code  Row
          200101  Miami Warehouse  MIA   2
          200102  Bogota Farm            3

        """)
  }

  @Test func textShowsHowToChoose() throws {
    let matcher = CustomerMatcher(query: "wholesale", includesInactive: true)

    #expect(
      try report(locations: nil, matcher: matcher).text == """
        Customers: c.xlsx, sheet "Customers", header row 3, 4 customers.

        Several customers match "wholesale", so none was chosen:
          ID     Name                    Code     Row  Status
          10012  DWF Wholesale Florists  DWF      5    active
          10015  DWF Wholesale (old)     DWF-OLD  6    inactive
        Choose one: pass --customer with its exact name or its ID, for example --customer "DWF Wholesale Florists" or --customer 10012.

        Locations: no locations export given.

        """)
    #expect(try report(matcher: matcher).isAmbiguous)
  }

  @Test func textShowsNoMatch() throws {
    let matcher = CustomerMatcher(query: "Roses")

    #expect(
      try report(customers: customerRows, locations: nil, matcher: matcher).text == """
        Customers: c.xlsx, sheet "Customers", header row 3, 4 customers.

        DWF customer: no active customer has "Roses" as a whole word of its name or code. Pass --customer with the DWF customer's name, code or ID.

        Locations: no locations export given.

        """)
  }

  @Test func textWithoutCustomersSaysSo() throws {
    let text = try report(customers: nil).text

    #expect(
      text.hasPrefix(
        "Customers: no customers export given, so no DWF customer was looked for.\n\nLocations:"))
  }

  @Test func twoCustomersExportsAreRejected() throws {
    let table = try ExportTable.read(
      file: "c.xlsx", sheet: "Customers", rows: numbered(customerRows))

    #expect(throws: ExportError.self) { try IDReport(tables: [table, table]) }
    #expect(
      ExportError.duplicateExport(kind: .customers, first: "a.xlsx", second: "b.csv").description
        == "both a.xlsx and b.csv are customers exports. Pass only one customers export.")
  }

  @Test(arguments: [
    ("DWF Wholesale", "\"DWF Wholesale\""),
    ("Say \"hi\" $HOME `x` \\", "\"Say \\\"hi\\\" \\$HOME \\`x\\` \\\\\""),
  ])
  func shellQuotingEscapesSpecialCharacters(text: String, expected: String) {
    #expect(IDReport.shellQuoted(text) == expected)
  }
}
