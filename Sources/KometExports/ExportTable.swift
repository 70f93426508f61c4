import Spreadsheet

/// One row of an export that has an ID.
package struct ExportRecord: Sendable, Equatable {
  /// The Komet ID as a digit string.
  package var id: String
  package var name: String?
  package var code: String?
  /// Whether the record is active, or nil when the export has no activity column or the cell
  /// is blank or not recognised.
  package var isActive: Bool?
  /// The 1-based row number in the sheet.
  package var row: Int

  package init(id: String, name: String?, code: String?, isActive: Bool?, row: Int) {
    self.id = id
    self.name = name
    self.code = code
    self.isActive = isActive
    self.row = row
  }
}

/// The records of one customers or locations export, with where they were found.
package struct ExportTable: Sendable, Equatable {
  package var kind: ExportKind
  package var file: String
  package var sheet: String
  /// The 1-based number of the header row.
  package var headerRow: Int
  /// Every non-empty text cell of the header row.
  package var headers: [HeaderCell]
  /// The header chosen for each field the export has; `distinctive` is never a key.
  package var columns: [ExportField: HeaderCell]
  /// The rows with an ID, in sheet order.
  package var records: [ExportRecord]
  /// Rows skipped for an invalid ID and IDs that may have lost digits, in sheet order.
  package var warnings: [ExportError]

  /// Reads a table from rows given as their 1-based number and their values from column 1.
  ///
  /// - Throws: `ExportError.notAnExport`, `.ambiguousExportKind`, `.missingIDColumn` or
  ///   `.ambiguousIDColumns`.
  package static func read(
    file: String, sheet: String, rows: some Sequence<(number: Int, values: [CellValue])>
  ) throws(ExportError) -> ExportTable {
    var reader = ExportTableReader(file: file, sheet: sheet)
    for row in rows {
      try reader.add(rowNumber: row.number, values: row.values)
    }
    return try reader.finish()
  }
}
