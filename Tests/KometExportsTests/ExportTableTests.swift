import Spreadsheet
import Testing

@testable import KometExports

struct ExportTableTests {
  @Test func headerRowFoundBelowTitleAndBlankRows() throws {
    let table = try readTable([
      textRow("Customers"),
      [],
      textRow("Komet Sales", "", "Printed by admin"),
      [.empty, .empty],
      textRow("Customer ID", "Name", "Code"),
      [.number(10012), .text("DWF Wholesale Florists"), .text("DWF")],
    ])

    #expect(table.kind == .customers)
    #expect(table.headerRow == 5)
    #expect(
      table.records == [
        ExportRecord(
          id: "10012", name: "DWF Wholesale Florists", code: "DWF", isActive: nil, row: 6)
      ])
  }

  @Test func rowWithOneKnownHeaderIsNoHeaderRow() throws {
    let table = try readTable([
      textRow("Name"),
      textRow("Id", "Name", "Credit Limit"),
      [.number(7), .text("Tulip Town")],
    ])

    #expect(table.headerRow == 2)
    #expect(table.records.map(\.id) == ["7"])
  }

  @Test(arguments: [
    (["Id", "Name", "Customer Type"], ExportKind.customers),
    (["Customer Id", "Customer Name"], .customers),
    (["ID", "Name", "Code", "Sales Person", "Payment Terms"], .customers),
    (["Name", "Code", "City", "Location Id"], .locations),
    (["Id", "Name", "Code", "Address", "City"], .locations),
    // Headers that name the kind outweigh address columns a customers export may also have.
    (["Customer ID", "Name", "Address", "City", "State", "Zip", "Phone"], .customers),
    (["Location Name", "Sales Person", "Id"], .locations),
  ])
  func kindChosenByStrongerMatch(headers: [String], kind: ExportKind) throws {
    let table = try readTable([headers.map { .text($0) }])

    #expect(table.kind == kind)
  }

  @Test func equalMatchIsAmbiguousKind() {
    let error = readError([textRow("Title"), textRow("Id", "Name", "Code", "Notes")])

    #expect(
      error?.description
        == "export.xlsx, sheet \"Sheet1\", row 2: the headers fit a customers export"
        + " (A \"Id\", B \"Name\", C \"Code\") and a locations export (A \"Id\", B \"Name\","
        + " C \"Code\") equally well. Export the file again from Komet with all its columns, so"
        + " that headers such as \"Customer Type\" or \"City\" tell the two apart.")
  }

  @Test(arguments: [
    ("export.xlsx", "Customers", ExportKind.customers),
    ("export.xlsx", "Locations", .locations),
    ("/inbox/komet-locations.csv", "komet-locations", .locations),
    ("/inbox/Customer list.xlsx", "Sheet1", .customers),
  ])
  func sheetOrFileNameSettlesGenericHeaders(file: String, sheet: String, kind: ExportKind) throws {
    let rows = [textRow("Id", "Name", "Code"), [.number(7), .text("DWF"), .text("DWF")]]

    let table = try ExportTable.read(file: file, sheet: sheet, rows: numbered(rows))

    #expect(table.kind == kind)
    #expect(table.records.map(\.id) == ["7"])
  }

  @Test func unknownHeadersAreNotAnExport() {
    let error = readError([
      textRow("Price list"),
      textRow("Product", "Variety", "Price"),
      [.text("Rose"), .text("Freedom"), .number(0.45)],
    ])

    #expect(
      error
        == .notAnExport(
          file: "export.xlsx", sheet: "Sheet1", row: 2,
          headers: [
            HeaderCell(column: 1, text: "Product"), HeaderCell(column: 2, text: "Variety"),
            HeaderCell(column: 3, text: "Price"),
          ]))
    #expect(
      error?.description
        == "export.xlsx, sheet \"Sheet1\": not a Komet customers or locations export, because no"
        + " row has two headers of either export. Row 2 has the headers: A \"Product\","
        + " B \"Variety\", C \"Price\". Export Setup > Customers or Setup > Locations from Komet"
        + " to Excel, or rename the header cells to the ones listed in docs/exports.md.")
  }

  @Test func sheetWithoutTextRowsIsNotAnExport() {
    let error = readError([[.number(1), .number(2)], textRow("Only title")])

    #expect(
      error?.description
        == "export.xlsx, sheet \"Sheet1\": not a Komet customers or locations export, because no"
        + " row has two headers of either export. The sheet has no row with two or more text"
        + " cells. Export Setup > Customers or Setup > Locations from Komet to Excel, or rename"
        + " the header cells to the ones listed in docs/exports.md.")
  }

  @Test func severalIDColumnsAreNamedInError() {
    let error = readError([textRow("Id", "Name", "Credit Limit", "Customer ID")])

    #expect(
      error
        == .ambiguousIDColumns(
          file: "export.xlsx", sheet: "Sheet1", row: 1, kind: .customers,
          candidates: [
            HeaderCell(column: 1, text: "Id"), HeaderCell(column: 4, text: "Customer ID"),
          ]))
    #expect(
      error?.description
        == "export.xlsx, sheet \"Sheet1\", row 1: several columns could hold the customer ID:"
        + " A \"Id\", D \"Customer ID\". Delete or rename all but the one that holds Komet's"
        + " customer ID.")
  }

  @Test func locationIDInLastColumnSettlesSeveralCandidates() throws {
    let table = try readTable([
      textRow("Id", "Name", "City", "Location ID"),
      [.number(3), .text("Miami Warehouse"), .text("Doral"), .text("200101")],
    ])

    #expect(table.columns[.id] == HeaderCell(column: 4, text: "Location ID"))
    #expect(table.records.map(\.id) == ["200101"])
  }

  @Test func locationIDCandidatesNotLastAreAmbiguous() {
    let error = readError([textRow("Id", "Location ID", "Name", "City")])

    #expect(
      error?.description
        == "export.xlsx, sheet \"Sheet1\", row 1: several columns could hold the location ID:"
        + " A \"Id\", B \"Location ID\". Delete or rename all but the one that holds Komet's"
        + " location ID.")
  }

  @Test func missingIDColumnNamesHeaders() {
    let error = readError([textRow("Name", "Code", "Customer Type")])

    #expect(
      error?.description
        == "export.xlsx, sheet \"Sheet1\", row 1: this looks like a Komet customers export, but"
        + " no column has an ID header. The headers are: A \"Name\", B \"Code\", C \"Customer"
        + " Type\". Accepted ID headers: Id, Customer Id, Cust Id, Client Id, Account Id,"
        + " Customer Record Id, Record Id, Komet Id. Export Setup > Customers again with its ID"
        + " column, or rename that column's header to one of these.")
  }

  @Test(arguments: [
    (["Id", "Customer", "Name"], "Name"),
    (["Id", "Name", "Customer Name"], "Customer Name"),
    (["Id", "Company Name", "Customer"], "Customer"),
  ])
  func nameColumnChosenBySynonymOrder(headers: [String], expected: String) throws {
    let table = try readTable([headers.map { .text($0) }])

    #expect(table.columns[.name]?.text == expected)
  }

  @Test func headerCellsAreTrimmedAndMatchedLoosely() throws {
    let table = try readTable([
      textRow(" CUSTOMER_ID ", "customer-name", "Sales-Person"),
      [.text("5"), .text("Sunrise Blooms")],
    ])

    #expect(table.headers.map(\.text) == ["CUSTOMER_ID", "customer-name", "Sales-Person"])
    #expect(table.records.map(\.name) == ["Sunrise Blooms"])
  }

  @Test func recordsTakeIDsNamesAndCodes() throws {
    let table = try readTable([
      textRow("Name", "Code", "City", "Location Id"),
      [.text(" Miami Warehouse "), .text("MIA"), .text("Doral"), .number(200101.0)],
      [],
      [.text("Bogota Farm"), .empty, .text("Bogota"), .text("000417")],
      [.text("Footer note")],
      [.empty, .number(42), .empty, .text("   ")],
      [.text("Quito Farm"), .number(7), .text("Quito"), .text(" 12345678901234567890 ")],
    ])

    #expect(
      table.records == [
        ExportRecord(id: "200101", name: "Miami Warehouse", code: "MIA", isActive: nil, row: 2),
        ExportRecord(id: "000417", name: "Bogota Farm", code: nil, isActive: nil, row: 4),
        ExportRecord(
          id: "12345678901234567890", name: "Quito Farm", code: "7", isActive: nil, row: 7),
      ])
    #expect(table.warnings.isEmpty)
  }

  @Test(arguments: [
    ("Active", CellValue.text("Yes"), true as Bool?),
    ("Active", .text("no"), false),
    ("Active", .boolean(false), false),
    ("Active", .number(1), true),
    ("Active", .empty, nil),
    ("Inactive", .boolean(true), false),
    ("Inactive", .text("X"), false),
    ("Inactive", .text("No"), true),
    ("Status", .text("Active"), true),
    ("Status", .text("INACTIVE"), false),
    ("Status", .text("On hold"), false),
    ("Status", .text("Prospect"), nil),
  ])
  func activityColumnSetsIsActive(header: String, cell: CellValue, expected: Bool?) throws {
    let table = try readTable([
      textRow("Id", "Name", "Credit Limit", header),
      [.number(1), .text("Petal Pushers"), .number(5000), cell],
    ])

    #expect(table.records.first?.isActive == expected)
  }

  @Test func readerThrowsAtHeaderRow() throws {
    var reader = ExportTableReader(file: "a.csv", sheet: "a")
    try reader.add(rowNumber: 1, values: textRow("Report"))

    #expect(throws: ExportError.self) {
      try reader.add(rowNumber: 2, values: textRow("Id", "ID", "Name", "Payment Terms"))
    }
  }
}
