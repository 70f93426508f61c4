import Foundation
import Spreadsheet

/// Reads an export row by row. It finds the header row, then takes a record from each row
/// below it, so a caller can stream a large sheet without holding its rows.
package struct ExportTableReader {
  package let file: String
  package let sheet: String

  private var layout: ExportLayout?
  /// The first row with two or more text cells, which the error for an unknown file names.
  private var firstTextRow: (number: Int, headers: [HeaderCell])?
  private var records: [ExportRecord] = []
  private var warnings: [ExportError] = []

  package init(file: String, sheet: String) {
    self.file = file
    self.sheet = sheet
  }

  /// Adds the next row, given as its 1-based number and its values from column 1.
  ///
  /// - Throws: `ExportError.ambiguousExportKind`, `.missingIDColumn` or `.ambiguousIDColumns`
  ///   when this row is the header row and its headers do not settle the kind or the ID column.
  package mutating func add(rowNumber: Int, values: [CellValue]) throws(ExportError) {
    if let layout {
      addRecord(rowNumber: rowNumber, values: values, layout: layout)
      return
    }

    let headers = Self.headerCells(of: values)
    if firstTextRow == nil, headers.count >= 2 {
      firstTextRow = (rowNumber, headers)
    }
    layout = try ExportLayout.detect(file: file, sheet: sheet, row: rowNumber, headers: headers)
  }

  /// Returns the table read so far.
  ///
  /// - Throws: `ExportError.notAnExport` when no row was a header row.
  package func finish() throws(ExportError) -> ExportTable {
    guard let layout else {
      throw .notAnExport(
        file: file, sheet: sheet, row: firstTextRow?.number, headers: firstTextRow?.headers ?? [])
    }
    return ExportTable(
      kind: layout.kind, file: file, sheet: sheet, headerRow: layout.row,
      headers: layout.headers, columns: layout.columns, records: records, warnings: warnings)
  }

  private mutating func addRecord(rowNumber: Int, values: [CellValue], layout: ExportLayout) {
    func value(_ field: ExportField) -> CellValue? {
      guard let column = layout.columns[field]?.column, column <= values.count else {
        return nil
      }
      return values[column - 1]
    }

    let idColumn = layout.columns[.id]!.column
    let id: String
    switch ExportID.read(value(.id) ?? .empty) {
    case .blank:
      return
    case .invalid:
      warnings.append(
        .invalidID(
          file: file, sheet: sheet, row: rowNumber, column: idColumn, kind: layout.kind,
          value: values[idColumn - 1]))
      return
    case .id(let digits, let isImprecise):
      if isImprecise, case .number(let number) = values[idColumn - 1] {
        warnings.append(
          .idBeyondDoublePrecision(
            file: file, sheet: sheet, row: rowNumber, column: idColumn, kind: layout.kind,
            value: number))
      }
      id = digits
    }

    let isActive =
      value(.active).flatMap(CellText.flag)
      ?? value(.inactive).flatMap(CellText.flag).map { !$0 }
      ?? value(.status).flatMap(CellText.status)
    records.append(
      ExportRecord(
        id: id, name: value(.name).flatMap(CellText.text),
        code: value(.code).flatMap(CellText.text),
        isActive: isActive, row: rowNumber))
  }

  private static func headerCells(of values: [CellValue]) -> [HeaderCell] {
    values.enumerated().compactMap { index, value in
      guard case .text(let text) = value else { return nil }
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      return trimmed.isEmpty ? nil : HeaderCell(column: index + 1, text: trimmed)
    }
  }
}
