import Foundation
import Testing

@testable import Spreadsheet

struct SpreadsheetDocumentTests {
  @Test func folderIsNotARegularFile() throws {
    let folder = try TemporaryFolder()

    #expect(throws: SpreadsheetError.notARegularFile(path: folder.url.path, kind: "folder")) {
      try SpreadsheetDocument(path: folder.url.path)
    }
    #expect(
      SpreadsheetError.notARegularFile(path: "Samples", kind: "folder").description
        == "Samples: this is a folder, not a file. Pass the export file itself.")
  }

  @Test func workbookWithoutSheetsSaysSo() throws {
    let path = FixturePaths.corpusFile("xlsx/excelize/BadWorkbook.xlsx")
    let document = try SpreadsheetDocument(path: path)

    #expect(document.sheets.isEmpty)
    #expect(throws: SpreadsheetError.workbookHasNoSheets(path: path)) {
      try document.sheetIndex(for: nil)
    }
    #expect(throws: SpreadsheetError.workbookHasNoSheets(path: path)) {
      try document.sheetIndex(for: "1")
    }
  }

  @Test func pdfGetsAdviceToExportAgain() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(Array("%PDF-1.7\n%\u{00E2}\u{00E3}\n1 0 obj\n".utf8), to: "x.xlsx")

    let error = try #require(throws: SpreadsheetError.self) {
      try SpreadsheetDocument(path: path)
    }

    #expect(error.description.hasPrefix("\(path): not a spreadsheet (a PDF document)."))
    #expect(
      error.description.hasSuffix(
        "Export the data from Komet to Excel again and use that file, or save the spreadsheet"
          + " as .xlsx or .csv."))
  }

  @Test(arguments: [("R&D été", 0), ("Hidden", 1), ("1", 0), ("2", 1)])
  func sheetSelectorTakesNameThenPosition(selector: String, index: Int) throws {
    let path = FixturePaths.fixtures.appendingPathComponent("made/xlsxwriter-rich-text.xlsx").path
    let document = try SpreadsheetDocument(path: path)

    #expect(try document.sheetIndex(for: selector) == index)
  }
}
