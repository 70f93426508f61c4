import KometExports
import Spreadsheet

/// One invalid cell of an inventory export, which fails the whole file.
struct InventoryCellError: Equatable, Sendable, CustomStringConvertible {
  enum Problem: Equatable, Sendable {
    case missingID
    case invalidID
    case duplicateID(firstRow: Int)
    case missingValue
    case invalidOrigin
    case invalidCount
    case invalidPrice
    case invalidDate
  }

  var row: Int
  var column: Int
  var field: InventoryExportField
  /// The cell as read, empty for a blank cell.
  var value: String
  var problem: Problem

  /// The cell as a spreadsheet names it, such as `C7`.
  var cell: String { CellReference(column: column, row: row).description }

  var description: String {
    "row \(row), cell \(cell) (\(field.displayName)): \(detail)"
  }

  private var detail: String {
    switch problem {
    case .missingID:
      return "the inventory ID is empty, but the row has other values"
    case .invalidID:
      return "\"\(value)\" is not an ID, which is a string of digits"
    case .duplicateID(let firstRow):
      return "the inventory ID \(value) is also on row \(firstRow); each line must appear once"
    case .missingValue:
      return "the cell is empty, but every line needs a value here"
    case .invalidOrigin:
      return "\"\(value)\" is not an origin; expected OH (on hand) or FS (future)"
    case .invalidCount:
      return "\"\(value)\" is not a whole number of 0 or more"
    case .invalidPrice:
      return "\"\(value)\" is not a price; expected a decimal number of 0 or more, such as 0.45"
    case .invalidDate:
      return "\"\(value)\" is not a date; expected a date cell or text such as 2024-03-10"
    }
  }
}

/// An error that makes an inventory export unusable. Each case fails the whole file, so no
/// partial inventory is ever stored.
enum InventoryExportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The header row lacks columns that every line needs.
  case missingColumns(
    sheet: String, row: Int, missing: [InventoryExportField], headers: [HeaderCell])
  /// Several columns could hold the inventory ID.
  case ambiguousIDColumns(sheet: String, row: Int, candidates: [HeaderCell])
  /// Cells that could not be read, at most `InventoryExportReader.maximumListedErrors` of
  /// them, and the count of all.
  case invalidCells(sheet: String, errors: [InventoryCellError], total: Int)

  var description: String {
    switch self {
    case .missingColumns(let sheet, let row, let missing, let headers):
      let names = missing.map(\.displayName).joined(separator: ", ")
      let found = headers.map(\.description).joined(separator: ", ")
      return "sheet \"\(sheet)\", row \(row) looks like the header row of an inventory export,"
        + " but it has no column for: \(names). The headers are: \(found)."
    case .ambiguousIDColumns(let sheet, let row, let candidates):
      let list = candidates.map(\.description).joined(separator: ", ")
      return "sheet \"\(sheet)\", row \(row): several columns could hold the inventory ID:"
        + " \(list)."
    case .invalidCells(let sheet, let errors, let total):
      let listed = errors.map { "  " + $0.description }.joined(separator: "\n")
      let more = total > errors.count ? "\n  and \(total - errors.count) more" : ""
      return "sheet \"\(sheet)\" has \(total) invalid cell\(total == 1 ? "" : "s"), so no line"
        + " of the file was stored:\n" + listed + more
    }
  }
}
