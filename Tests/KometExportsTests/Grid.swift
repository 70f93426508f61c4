import KometExports
import Spreadsheet

/// Numbers rows from 1, as the spreadsheet reader delivers them.
func numbered(_ rows: [[CellValue]]) -> [(number: Int, values: [CellValue])] {
  rows.enumerated().map { (number: $0.offset + 1, values: $0.element) }
}

/// Builds a row of text cells, where an empty string becomes an empty cell.
func textRow(_ texts: String...) -> [CellValue] {
  texts.map { $0.isEmpty ? .empty : .text($0) }
}

/// Reads a grid as the sheet "Sheet1" of the file "export.xlsx".
func readTable(_ rows: [[CellValue]]) throws(ExportError) -> ExportTable {
  try ExportTable.read(file: "export.xlsx", sheet: "Sheet1", rows: numbered(rows))
}

/// Returns the error that reading the grid throws, or nil when it reads.
func readError(_ rows: [[CellValue]]) -> ExportError? {
  do {
    _ = try readTable(rows)
    return nil
  } catch {
    return error
  }
}
