import Foundation
import KometExports
import Spreadsheet

/// Looks through a document's sheets for a customers, locations or inventory export.
///
/// Visible sheets come first, then hidden ones, each group in workbook order, and the first
/// sheet with a usable header row decides. Each row above the header row is tried as an
/// inventory header first, because an inventory export's `Location ID` column could otherwise
/// pass for a locations export's header.
struct SheetScan {
  let document: SpreadsheetDocument

  /// The file's name, which messages start with.
  var fileName: String { (document.path as NSString).lastPathComponent }

  private enum SheetResult {
    case found(Classification)
    /// The sheet has a header row that cannot be used, or invalid cells below it.
    case rejected(ContentProblem)
    /// No row of the sheet is a header row.
    case noHeaderRow(ExportError)
  }

  private enum Decision {
    case inventory
    case exports
  }

  /// - Throws: `SpreadsheetError` from reading a sheet.
  func classify() throws -> Classification {
    let readable = document.sheets.indices.filter { document.sheets[$0].hasRows }
    let ordered =
      readable.filter { document.sheets[$0].state == .visible }
      + readable.filter { document.sheets[$0].state != .visible }
    guard !ordered.isEmpty else {
      // No sheet has rows, so this throws the error that explains why.
      _ = try document.sheetIndex(for: nil)
      throw SpreadsheetError.noWorksheet(
        path: document.path, available: document.sheets.map(\.name))
    }

    var firstRejection: ContentProblem?
    var firstWithoutHeader: ExportError?
    for index in ordered {
      switch try scan(sheetAt: index) {
      case .found(let classification):
        return classification
      case .rejected(let problem):
        firstRejection = firstRejection ?? problem
      case .noHeaderRow(let error):
        firstWithoutHeader = firstWithoutHeader ?? error
      }
    }
    if let firstRejection {
      return .unusable(firstRejection)
    }
    return .unusable(unknownContent(firstWithoutHeader))
  }

  private func scan(sheetAt index: Int) throws -> SheetResult {
    let sheet = document.sheets[index].name
    var inventory = InventoryExportReader(sheet: sheet)
    var exports = ExportTableReader(file: fileName, sheet: sheet)
    var decision: Decision?

    do {
      try document.readRows(sheetAt: index) { row in
        let values = try row.denseValues()
        switch decision {
        case .inventory:
          inventory.add(rowNumber: row.number, values: values)
        case .exports:
          try exports.add(rowNumber: row.number, values: values)
        case nil:
          if try inventory.detectHeader(rowNumber: row.number, values: values) {
            decision = .inventory
            return
          }
          try exports.add(rowNumber: row.number, values: values)
          if (try? exports.finish()) != nil {
            decision = .exports
          }
        }
      }
    } catch let error as InventoryExportError {
      return .rejected(problem(for: error, sheet: sheet))
    } catch let error as ExportError {
      return .rejected(ContentProblem(sheet: sheet, problem: error.description))
    }

    switch decision {
    case .inventory:
      do {
        guard let table = try inventory.finish() else { break }
        return .found(.inventoryExport(table))
      } catch {
        return .rejected(problem(for: error, sheet: sheet))
      }
    case .exports:
      let table = try exports.finish()
      return .found(table.kind == .customers ? .customersExport(table) : .locationsExport(table))
    case nil:
      break
    }
    do {
      _ = try exports.finish()
    } catch {
      return .noHeaderRow(error)
    }
    // Not reached: a header row that `exports` accepts sets `decision`.
    return .noHeaderRow(.notAnExport(file: fileName, sheet: sheet, row: nil, headers: []))
  }

  private func problem(for error: InventoryExportError, sheet: String) -> ContentProblem {
    var problem = ContentProblem(
      sheet: sheet, problem: "\(fileName), \(error.description)", recognisedKind: .inventoryExport)
    switch error {
    case .missingColumns(_, let row, _, _), .ambiguousIDColumns(_, let row, _):
      problem.row = row
    case .invalidCells(_, let errors, _):
      if let first = errors.first {
        problem.row = first.row
        problem.column = CellReference.columnName(first.column)
        problem.value = first.value
      }
    }
    return problem
  }

  private func unknownContent(_ error: ExportError?) -> ContentProblem {
    let start =
      "\(fileName): no sheet has the header row of a Komet customers, locations or inventory"
      + " export, or of a DWF order file."
    guard case .notAnExport(_, let sheet, let row?, let headers) = error, !headers.isEmpty else {
      return ContentProblem(problem: start + " No sheet has a row with two or more text cells.")
    }
    let list = headers.map(\.description).joined(separator: ", ")
    return ContentProblem(
      sheet: sheet, row: row,
      problem: start + " Sheet \"\(sheet)\", row \(row) has the headers: \(list).")
  }
}
