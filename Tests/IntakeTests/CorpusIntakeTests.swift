import Foundation
import Intake
import Testing

/// The sample exports re-saved by other programs, and real spreadsheets from other projects,
/// through the whole intake.
struct CorpusIntakeTests {
  @Test(arguments: [
    "komet-customers.cp1252.csv", "komet-customers.html.xls", "komet-customers.libreoffice.xlsx",
    "komet-customers.semicolon.csv",
  ])
  func resavedCustomersExportProcessed(name: String) throws {
    let folder = try IntakeWorkspace()
    let path = try folder.copy(
      repositoryFile: "Tests/Fixtures/resaved/\(name)", to: "inbox/\(name)")

    let outcome = folder.makeIntake().take(path: path, area: .grower)

    guard case .processed(.customersExport, _, _) = outcome else {
      Issue.record("expected a processed customers export, got \(outcome)")
      return
    }
    #expect(try folder.knownIDs.ids(.dwfCustomer).map(\.id) == ["10012"])
  }

  @Test(arguments: [
    "komet-locations.cp1252.csv", "komet-locations.html.xls", "komet-locations.libreoffice.xlsx",
    "komet-locations.semicolon.csv",
  ])
  func resavedLocationsExportProcessed(name: String) throws {
    let folder = try IntakeWorkspace()
    let path = try folder.copy(
      repositoryFile: "Tests/Fixtures/resaved/\(name)", to: "inbox/\(name)")

    let outcome = folder.makeIntake().take(path: path, area: .grower)

    guard case .processed(.locationsExport, _, _) = outcome else {
      Issue.record("expected a processed locations export, got \(outcome)")
      return
    }
    #expect(
      try folder.knownIDs.ids(.location).map(\.id) == ["200101", "200102", "200103", "200104"])
  }

  @Test(arguments: [
    "Tests/Fixtures/corpus/xlsx/ClosedXML/Other__GoogleSheets__file1.xlsx",
    "Tests/Fixtures/corpus/xlsx/ClosedXML/TryToLoad__DialogSheet.xlsx",
    "Tests/Fixtures/corpus/xlsx/CoreXLSX/Dates.xlsx",
    "Tests/Fixtures/corpus/xlsx/ExcelDataReader/TestUnicodeChars.xlsx",
    "Tests/Fixtures/made/customers-libreoffice.xls",
    "Tests/Fixtures/made/customers-libreoffice.ods",
  ])
  func otherSpreadsheetFailsWithErrorFile(file: String) throws {
    let folder = try IntakeWorkspace()
    let name = (file as NSString).lastPathComponent
    let path = try folder.copy(repositoryFile: file, to: "inbox/\(name)")

    let outcome = folder.makeIntake().take(path: path, area: .grower)

    guard case .failed(let errorFile, let destination, _) = outcome else {
      Issue.record("expected a failure, got \(outcome)")
      return
    }
    #expect(destination == folder.file("inbox/failed/\(name)"))
    let text = try folder.contents(of: errorFile)
    #expect(text.hasPrefix("File: \(name)\n"))
    #expect(text.contains("\nExpected: inbox/ takes the grower's Komet exports"))
    #expect(try folder.knownIDs.ids(.location).isEmpty)
  }
}
