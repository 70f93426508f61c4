import Foundation
import Testing

@testable import CLI

struct InspectCommandTests {
  @Test func csvFormatPrintsCanonicalRows() {
    let result = runKometDWF([
      "inspect", repositoryPath("Samples/komet-locations.xlsx"), "--format", "csv",
    ])

    #expect(result.status == 0)
    #expect(result.error == "")
    let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "Name,Code,Address,City,State,Zip,Country,Phone,Location ID")
    #expect(
      lines.contains(
        "Medellin Packhouse,MDE,Cra 50 #10-20,Rionegro,Antioquia,054040,"
          + "Colombia,+57 4 555 0400,200104"))
    #expect(lines.count == 6)
  }

  @Test func csvFormatKeepsBlankRowsAboveData() {
    let result = runKometDWF([
      "inspect", repositoryPath("Samples/komet-customers.xlsx"), "--format", "csv",
    ])

    let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == "Customers")
    #expect(lines[1] == "")
    #expect(lines[2].hasPrefix("Customer ID,Name,Code,"))
  }

  @Test func tableFormatListsSheetsWithRange() {
    let result = runKometDWF(["inspect", repositoryPath("Samples/komet-locations.xlsx")])

    #expect(result.status == 0)
    #expect(result.output.contains("* 1. Locations  [worksheet, visible, A1:I5]"))
    #expect(result.output.contains("      2 | Miami Warehouse | MIA | "))
  }

  @Test func jsonFormatNamesSheetsAndRows() throws {
    let result = runKometDWF([
      "inspect", repositoryPath("Samples/komet-locations.xlsx"), "--format", "json",
    ])

    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let sheets = try #require(object["sheets"] as? [[String: Any]])
    #expect(sheets.first?["name"] as? String == "Locations")
    #expect(sheets.first?["usedRange"] as? String == "A1:I5")
    let rows = try #require(object["rows"] as? [[String: Any]])
    #expect(rows.count == 5)
    #expect((rows[1]["cells"] as? [String])?.last == "200101")
  }

  @Test func sheetSelectorNamesMissingSheet() {
    let path = repositoryPath("Samples/komet-locations.xlsx")

    let result = runKometDWF(["inspect", path, "--sheet", "Prices"])

    #expect(result.status == 64)
    #expect(
      result.error == "komet-dwf: \(path): no sheet \"Prices\". The sheets are: Locations."
        + " Pass one of these names, or a position from 1 to 1.\n")
  }

  @Test func missingFileExitsNoInput() {
    let result = runKometDWF(["inspect", "/nonexistent/customers.xlsx"])

    #expect(result.status == 66)
    #expect(
      result.error == "komet-dwf: /nonexistent/customers.xlsx: file not found."
        + " Check the name and the folder.\n")
  }

  @Test(arguments: [
    (
      ["inspect"],
      "komet-dwf: missing FILE: usage is \(InspectCommand.usage). Run 'komet-dwf help' for usage.\n"
    ),
    (
      ["inspect", "a.xlsx", "--format", "xml"],
      "komet-dwf: invalid value 'xml' for --format; expected table, csv or json.\n"
    ),
    (
      ["inspect", "a.xlsx", "--colour"],
      "komet-dwf: unknown option '--colour'. Run 'komet-dwf help' for the options of each command.\n"
    ),
    (
      ["frobnicate"],
      "komet-dwf: unknown command 'frobnicate'. Run 'komet-dwf help' for the list of commands.\n"
    ),
  ])
  func usageErrorsExitSixtyFour(arguments: [String], message: String) {
    let result = runKometDWF(arguments)

    #expect(result.status == 64)
    #expect(result.error == message)
  }

  @Test func sheetNameMatchesIgnoringCase() {
    let result = runKometDWF([
      "inspect", repositoryPath("Samples/komet-customers.xlsx"), "--sheet", "customers",
    ])

    #expect(result.status == 0)
    #expect(result.output.contains("* 1. Customers  [worksheet, visible, A1:I13]"))
  }

  @Test func tableFormatSaysWhenSheetIsEmpty() {
    let path = repositoryPath(
      "Tests/Fixtures/corpus/xlsx/ClosedXML/TryToLoad__LO__xlsx__hidden_sheets.xlsx")

    let result = runKometDWF(["inspect", path, "--sheet", "Sheet2"])

    #expect(result.status == 0)
    #expect(
      result.output.hasSuffix("Rows of \"Sheet2\":\n  (none: every cell of the sheet is empty)\n"))
  }

  @Test func tableFormatKeepsLineBreaksOnOneLine() {
    let path = repositoryPath("Tests/Fixtures/made/xlsxwriter-rich-text.xlsx")

    let result = runKometDWF(["inspect", path])

    #expect(result.output.contains("      3 | line one\\nline two | 24690\n"))
  }

  @Test func folderExitsNoInput() {
    let result = runKometDWF(["inspect", repositoryPath("Samples")])

    #expect(result.status == 66)
    #expect(
      result.error.hasSuffix(
        "Samples: this is a folder, not a file. Pass the export file itself.\n"))
  }
}
